"""GET /v1/me and the Atom feed at its feed_url, on both databases."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest

from server import proxies, users
from tests.api.test_articles import OTHER_URL, TRAINS, URL, save


def feed_path(reader) -> str:
    parts = urlsplit(reader.get("/v1/me").get_json()["feed_url"])
    return f"{parts.path}?{parts.query}"


def test_me_names_the_reader_and_their_feed(reader):
    response = reader.get("/v1/me", base_url="http://reader.example.org:8380")
    assert response.status_code == 200
    body = response.get_json()
    assert body["name"] == "ana"
    parts = urlsplit(body["feed_url"])
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "reader.example.org:8380", "/v1/feed.atom")
    feed_token = parse_qs(parts.query)["token"][0]
    assert feed_token != reader.token and len(feed_token) >= 43
    assert body["feed_url"] == reader.get("/v1/me").get_json()["feed_url"].replace(
        "localhost", "reader.example.org:8380"
    )


def test_feed_url_follows_a_trusted_proxy_only(reading_app, reader):
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "reader.example.org"}
    untrusted = reader.get("/v1/me", headers=headers).get_json()["feed_url"]
    assert untrusted.startswith("http://localhost/")
    reading_app.extensions["clearpage_trusted_proxies"] = proxies.parse_networks(["127.0.0.1"])
    trusted = reader.get("/v1/me", headers=headers).get_json()["feed_url"]
    assert trusted.startswith("https://reader.example.org/v1/feed.atom?token=")


def test_feed_is_the_unarchived_list_newest_first(reader):
    river = save(reader, tags=["nature"]).get_json()
    trains = save(reader, url=OTHER_URL, html=TRAINS).get_json()
    archived = save(reader, url=f"{OTHER_URL}/old", html=TRAINS.replace("Night", "Old")).get_json()
    reader.patch(f"/v1/articles/{archived['id']}", json={"archived": True})
    response = reader.client.get(feed_path(reader))  # no Authorization header: a feed reader sends none
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "ana's reading list"
    assert [entry.link for entry in parsed.entries] == [OTHER_URL, URL]
    assert [entry.id for entry in parsed.entries] == [
        f"urn:clearpage:article:{trains['id']}",
        f"urn:clearpage:article:{river['id']}",
    ]
    river_entry = parsed.entries[1]
    assert river_entry.title == "How the river came back to the valley"
    assert river_entry.author == "Asha Verma"
    assert [tag.term for tag in river_entry.tags] == ["nature"]
    assert "For forty years the river stopped" in river_entry.content[0].value


def test_an_empty_list_is_an_empty_valid_feed(reader):
    parsed = feedparser.parse(reader.client.get(feed_path(reader)).data)
    assert not parsed.bozo and parsed.entries == []


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong", "?other=1"])
def test_feed_without_a_valid_feed_token_is_401(reader, query):
    response = reader.client.get(f"/v1/feed.atom{query}")
    assert response.status_code == 401
    assert response.get_json()["type"] == "urn:clearpage:problem:unauthorized"


def test_the_feed_token_grants_nothing_else(reader):
    feed_token = parse_qs(urlsplit(feed_path(reader)).query)["token"][0]
    headers = {"Authorization": f"Bearer {feed_token}"}
    assert reader.client.get("/v1/articles", headers=headers).status_code == 401
    assert reader.client.get("/v1/me", headers=headers).status_code == 401
    # ...and the reader's token is no feed token.
    assert reader.client.get(f"/v1/feed.atom?token={reader.token}").status_code == 401


def test_feeds_are_per_reader(add_reader):
    ana, bo = add_reader("ana"), add_reader("bo")
    save(ana)
    assert feedparser.parse(bo.client.get(feed_path(bo)).data).entries == []
    assert len(feedparser.parse(ana.client.get(feed_path(ana)).data).entries) == 1


def test_a_new_token_changes_the_feed_address(reading_app, reader):
    old = feed_path(reader)
    tokens = users.new_token(reading_app.extensions["clearpage_db"], reader.name)
    assert reader.client.get(old).status_code == 401
    assert reader.client.get(f"/v1/feed.atom?token={tokens.feed_token}").status_code == 200
