"""What the extension relies on from the reading-list API, checked over HTTP against the
``clearpage serve`` the browser tests use: if these pass, a failing browser test points at the
extension, and a change to the server that the extension would notice fails here first."""

from __future__ import annotations

import secrets

import pytest

from tests.e2e.reading_list import Api, article_page

PROSE = [
    "Sleeper services between Paris and Berlin resumed this week, ten years after the last one ran.",
    "Tickets for the first month sold out within hours, and the operator says two more routes will follow.",
    "Passengers can book a couchette or a private cabin, and breakfast is served before the train arrives.",
    "The night train takes fourteen hours, which is longer than a flight but saves a night in a hotel.",
]


@pytest.fixture
def api(reading_list_backend) -> Api:
    return Api(reading_list_backend.url, reading_list_backend.add_user(f"contract-{secrets.token_hex(4)}"))


def test_every_reading_list_endpoint_needs_a_valid_token(api):
    for method, path in [
        ("GET", "/v1/articles"),
        ("POST", "/v1/articles"),
        ("GET", "/v1/me"),
        ("GET", "/v1/articles/1"),
    ]:
        for token in ("", "not-a-token"):
            reply = api.call(method, path, {"url": "https://rail.example/a", "html": "<p>x</p>"}, token=token)
            assert reply.status == 401, (method, path, token)
            assert reply.headers["content-type"].startswith("application/problem+json")
            assert reply.body["type"] == "urn:clearpage:problem:unauthorized"


def test_saving_makes_an_article_and_saving_again_updates_it(api):
    html = article_page("Night trains are back", PROSE)
    created = api.call("POST", "/v1/articles", {"url": "https://rail.example/night", "html": html, "tags": ["rail"]})
    assert created.status == 201
    article = created.body
    assert created.headers["location"] == f"/v1/articles/{article['id']}"
    assert article["title"] == "Night trains are back"
    assert (article["tags"], article["archived"], article["favourite"], article["progress"]) == (
        ["rail"],
        False,
        False,
        0,
    )
    assert "content_html" not in article and "text" not in article
    api.change(article["id"], progress=0.5, favourite=True)
    again = api.call("POST", "/v1/articles", {"url": "https://rail.example/night", "html": html})
    assert again.status == 200
    assert again.body["id"] == article["id"]
    assert (again.body["tags"], again.body["favourite"], again.body["progress"]) == (["rail"], True, 0.5)
    assert api.articles()["total"] == 1
    full = api.article(article["id"]).body
    assert PROSE[0] in full["text"] and PROSE[0] in full["content_html"]
    assert "<article>" not in full["content_html"]  # the clean article, not the page


def test_saving_needs_a_url_and_an_article(api):
    assert api.call("POST", "/v1/articles", {"html": article_page("No address", PROSE)}).status == 400
    assert api.call("POST", "/v1/articles", {"url": "https://rail.example/x", "html": "<div></div>"}).status == 422


def test_the_list_pages_newest_first_and_filters(api):
    for number in range(1, 6):
        api.save(f"https://rail.example/{number}", article_page(f"Route {number}", PROSE), tags=["odd"] * (number % 2))
    first = api.articles(page=1, per_page=2)
    assert [item["title"] for item in first["items"]] == ["Route 5", "Route 4"]
    assert (first["page"], first["per_page"], first["total"]) == (1, 2, 5)
    assert [item["title"] for item in api.articles(page=3, per_page=2)["items"]] == ["Route 1"]
    assert {item["title"] for item in api.articles(tag="odd")["items"]} == {"Route 1", "Route 3", "Route 5"}
    two = api.articles(q="route 2")["items"]
    assert [item["title"] for item in two] == ["Route 2"]
    assert api.articles(q="COUCHETTE")["total"] == 5  # the text, whatever the case
    api.change(first["items"][0]["id"], archived=True, favourite=True)
    assert api.articles(archived="false")["total"] == 4
    assert [item["title"] for item in api.articles(archived="true")["items"]] == ["Route 5"]
    assert [item["title"] for item in api.articles(favourite="true")["items"]] == ["Route 5"]
    for query in ("page=0", "per_page=101", "archived=maybe", "favourite=1", "page=x"):
        assert api.call("GET", f"/v1/articles?{query}").status == 400, query


def test_changes_take_only_what_the_contract_names(api):
    article = api.save("https://rail.example/night", article_page("Night trains", PROSE))
    changed = api.change(article["id"], tags=["rail", "night"], archived=True, favourite=True, progress=0.25)
    assert (changed["tags"], changed["archived"], changed["favourite"], changed["progress"]) == (
        ["night", "rail"],  # the server keeps tags sorted
        True,
        True,
        0.25,
    )
    for bad in ({"progress": 1.5}, {"progress": "half"}, {"archived": "yes"}, {"tags": "rail"}, {"title": "x"}):
        assert api.call("PATCH", f"/v1/articles/{article['id']}", bad).status == 400, bad


def test_a_reader_sees_only_their_own_articles_and_deleted_ones_are_gone(api, reading_list_backend):
    article = api.save("https://rail.example/night", article_page("Night trains", PROSE))
    other = Api(api.url, reading_list_backend.add_user(f"someone-else-{secrets.token_hex(4)}"))
    assert other.articles()["total"] == 0
    for method in ("GET", "PATCH", "DELETE"):
        assert other.call(method, f"/v1/articles/{article['id']}", {"archived": True}).status == 404
    assert api.call("DELETE", f"/v1/articles/{article['id']}").status == 204
    assert api.article(article["id"]).status == 404


def test_me_names_the_reader_and_gives_a_feed_address(reading_list_backend):
    name = f"reader-{secrets.token_hex(4)}"
    api = Api(reading_list_backend.url, reading_list_backend.add_user(name))
    me = api.call("GET", "/v1/me").body
    assert me["name"] == name
    assert me["feed_url"].startswith("http") and "/v1/feed.atom?token=" in me["feed_url"]
    assert api.token not in me["feed_url"]  # the feed's token is not the reader's


def test_key_points_come_with_summary_true_as_spans_of_the_text(api):
    html = article_page("Night trains are back", PROSE)
    plain = api.call("POST", "/v1/extract", {"url": "https://rail.example/night", "html": html}).body
    assert plain.get("key_points") is None  # missing or null when not asked for
    asked = api.call("POST", "/v1/extract", {"url": "https://rail.example/night", "html": html, "summary": True}).body
    points = asked["key_points"]
    assert 3 <= len(points) <= 5
    for point in points:
        assert asked["text"][point["start"] : point["end"]] == point["text"]
        assert point["text"] in PROSE
