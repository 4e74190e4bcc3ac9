"""The tree helpers every stage shares."""

from __future__ import annotations

import lxml.html

from server.pipeline.dom import lines_of


def test_lines_are_where_the_browser_breaks_them():
    """Blocks and <br> start lines; inline elements stay in theirs; blank lines are left out."""
    box = lxml.html.fromstring(
        "<div>By <a>Lena <b>Park</b></a><br>Rail <i>Weekly</i><p>May 2</p><small>3 min read</small>"
        "<div> </div><ul><li>one</li><li>two</li></ul></div>"
    )
    assert lines_of(box) == ["By Lena Park", "Rail Weekly", "May 2", "3 min read", "one", "two"]
