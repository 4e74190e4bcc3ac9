"""The reader page's second check on the server's HTML (src/reader/safe-html.js), in the real
browser: nothing executable gets through even if the server's sanitiser let it, and ordinary
article markup is left as it is."""

from __future__ import annotations

import pytest

# Each would run script, load something active or clobber the page's globals if it got through.
HOSTILE = [
    '<img src="x" onerror="window.__ran = \'img onerror\'">',
    "<script>window.__ran = 'script'</script>",
    '<a id="link" href="javascript:window.__ran=\'javascript: link\'">link</a>',
    '<a id="link" href="java\tscript:window.__ran=\'tab in scheme\'">link</a>',
    '<a id="link" href=" JAVASCRIPT:window.__ran=\'upper case\'">link</a>',
    "<iframe srcdoc=\"<script>parent.__ran='srcdoc'</script>\"></iframe>",
    "<svg><script>window.__ran = 'svg script'</script></svg>",
    "<svg onload=\"window.__ran='svg onload'\"></svg>",
    '<math><mi xlink:href="javascript:window.__ran=1">x</mi></math>',
    "<object data=\"javascript:window.__ran='object'\"></object>",
    '<embed src="data:text/html,<script>parent.__ran=1</script>">',
    '<form action="javascript:window.__ran=1"><button id="link">go</button></form>',
    "<details open ontoggle=\"window.__ran='ontoggle'\">x</details>",
    '<p style="background:url(javascript:window.__ran=1)">styled</p>',
    "<style>body { display: none }</style>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__ran=1">',
    '<img name="body"><img id="getElementById" name="title">',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<img srcset="javascript:alert(1) 1x, https://img.example/a.jpg 2x">',
    '<template><img src=x onerror="window.__ran=1"></template>',
    "<noscript><img src=x onerror=\"window.__ran='noscript'\"></noscript>",
]


@pytest.fixture
def reader_page(browser):
    page = browser.new_page()
    page.goto(f"{browser.origin}/src/reader/reader.html?id=none")  # any reader page loads the module
    page.wait_for_selector("main > .failure")
    return page


def insert(page, html: str) -> str:
    """Insert ``html`` as the reader inserts an article; click its link; return the markup kept."""
    return page.evaluate(
        """async (html) => {
            window.__ran = null;
            const { safeFragment } = await import('./safe-html.js');
            const box = document.createElement('div');
            box.id = 'box';
            box.append(safeFragment(html));
            document.body.append(box);
            box.querySelector('#link')?.click();
            await new Promise((resolve) => setTimeout(resolve, 150));
            return box.innerHTML;
        }""",
        html,
    )


@pytest.mark.parametrize("html", HOSTILE)
def test_nothing_executable_survives(reader_page, html):
    kept = insert(reader_page, html)
    assert reader_page.evaluate("() => window.__ran") is None, kept
    lowered = kept.lower()
    for forbidden in (
        "<script",
        "onerror",
        "onload",
        "ontoggle",
        "javascript:",
        "<iframe",
        "<object",
        "<embed",
        "<style",
        "<base",
        "<meta",
        "<form",
        "style=",
        "data:image/svg",
        "<svg",
        "<template",
    ):
        assert forbidden not in lowered, kept
    assert reader_page.evaluate("() => document.body instanceof HTMLBodyElement && typeof document.title === 'string'")
    assert reader_page.evaluate("() => typeof document.getElementById === 'function'")


def test_article_markup_is_kept_as_the_server_sent_it(reader_page):
    html = (
        '<h2>What changed</h2><p>Sleeper <a href="https://rail.example/history" '
        'rel="noopener noreferrer nofollow">services</a> and a <a href="#fn1">note</a>.</p>'
        '<figure><img src="https://img.example/a.jpg" '
        'srcset="https://img.example/a.jpg 1x, https://img.example/a@2x.jpg 2x" alt="A train" loading="lazy">'
        '<figcaption>A train</figcaption></figure><blockquote cite="https://rail.example/q">Quoted</blockquote>'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline"><p dir="rtl" lang="ar">مرحبا</p>'
        '<table><tr><th scope="col">Route</th></tr><tr><td colspan="2">Paris</td></tr></table>'
    )
    kept = insert(reader_page, html)
    for part in (
        "<h2>What changed</h2>",
        'href="https://rail.example/history"',
        'href="#fn1"',
        'srcset="https://img.example/a.jpg 1x, https://img.example/a@2x.jpg 2x"',
        'alt="A train"',
        "<figcaption>A train</figcaption>",
        'cite="https://rail.example/q"',
        'src="data:image/png;base64,iVBORw0KGgo="',
        '<p dir="rtl" lang="ar">مرحبا</p>',
        '<td colspan="2">Paris</td>',
    ):
        assert part in kept, part
    assert 'rel="noopener noreferrer"' in kept
