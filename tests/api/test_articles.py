"""/v1/articles and /v1/articles/{id}: every route, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import gzip
import json

import pytest

from server import db, users
from tests.conftest import fixture_bytes

URL = "https://news.example.org/2024/04/river-returns"
OTHER_URL = "https://rail.example/night-trains"
RESOURCE_FIELDS = [
    "id", "url", "canonical_url", "title", "byline", "site_name", "published", "lang", "dir", "excerpt",
    "lead_image", "word_count", "reading_minutes", "access", "notice", "tags", "archived", "favourite",
    "progress", "saved_at", "updated_at",
]  # fmt: skip


def page(title: str, words: str) -> str:
    body = "".join(f"<p>{words} sentence number {n} of the story goes on for a while.</p>" for n in range(6))
    return f"<html lang='en'><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


ARTICLE = fixture_bytes("article.html").decode("utf-8")
TRAINS = page("Night trains are back", "Sleeper services between Paris and Berlin resumed.")


def save(reader, url=URL, html=ARTICLE, **fields):
    return reader.post("/v1/articles", json={"url": url, "html": html, **fields})


def test_saving_extracts_and_stores_the_clean_article(reader):
    response = save(reader, tags=["rivers", "nature"])
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"] == f"/v1/articles/{body['id']}"
    assert list(body) == RESOURCE_FIELDS
    assert body["url"] == URL
    assert body["title"] == "How the river came back to the valley"
    assert body["byline"] == "Asha Verma"
    assert body["tags"] == ["nature", "rivers"]
    assert (body["archived"], body["favourite"], body["progress"]) == (False, False, 0.0)
    whole = reader.get(response.headers["Location"]).get_json()
    assert list(whole) == [*RESOURCE_FIELDS, "content_html", "text"]
    assert whole["text"].startswith("For forty years the river stopped")
    assert "<script" not in whole["content_html"] and "site-footer" not in whole["content_html"]
    assert "© 2024" not in whole["text"]  # the clean article, not the page


def test_saving_a_text_html_body_with_gzip(reader):
    response = reader.post(
        f"/v1/articles?url={URL}",
        data=gzip.compress(ARTICLE.encode()),
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )
    assert response.status_code == 201
    assert response.get_json()["title"] == "How the river came back to the valley"


def test_saving_the_same_address_again_updates_it_and_keeps_the_readers_state(reader):
    first = save(reader, tags=["rivers"]).get_json()
    reader.patch(f"/v1/articles/{first['id']}", json={"favourite": True, "progress": 0.4})
    changed = ARTICLE.replace("How the river came back", "How the river returned")
    again = save(reader, html=changed)
    assert again.status_code == 200
    assert "Location" not in again.headers
    body = again.get_json()
    assert body["id"] == first["id"]
    assert body["title"] == "How the river returned to the valley"  # content refreshed
    assert (body["tags"], body["favourite"], body["progress"]) == (["rivers"], True, 0.4)  # state kept
    assert body["saved_at"] == first["saved_at"] and body["updated_at"] > first["updated_at"]
    assert reader.get("/v1/articles").get_json()["total"] == 1


def test_saving_again_with_state_sets_it(reader):
    first = save(reader, tags=["rivers"]).get_json()
    body = save(reader, tags=["later"], archived=True).get_json()
    assert body["id"] == first["id"]
    assert (body["tags"], body["archived"]) == (["later"], True)


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        ({"html": ARTICLE}, 400, "'url' is missing"),
        ({"url": "ftp://x.example/a", "html": ARTICLE}, 400, "absolute http"),
        ({"url": "https://x.example/\ud800", "html": ARTICLE}, 400, "not a valid URL"),
        ({"url": URL}, 400, "'html' is missing"),
        ({"url": URL, "html": ARTICLE, "tags": "rivers"}, 400, "list of strings"),
        ({"url": URL, "html": ARTICLE, "tags": ["a\x00b"]}, 400, "control characters"),
        ({"url": URL, "html": ARTICLE, "tags": ["\ud800"]}, 400, "not valid Unicode"),
        ({"url": URL, "html": ARTICLE, "archived": "yes"}, 400, "true or false"),
        ({"url": URL, "html": ARTICLE, "progress": 2}, 400, "from 0 to 1"),
        ({"url": URL, "html": ARTICLE, "progress": 10**400}, 400, "from 0 to 1"),
        ({"url": URL, "html": "<html><body></body></html>"}, 422, "doesn't look like an article"),
    ],
)
def test_saving_bad_input_gets_a_clear_4xx_and_saves_nothing(reader, body, status, needle):
    response = reader.post("/v1/articles", data=json.dumps(body), content_type="application/json")
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert needle in response.get_json()["detail"]
    assert reader.get("/v1/articles").get_json()["total"] == 0


def test_saving_other_media_types_and_oversized_pages(reader, reading_app):
    assert reader.post("/v1/articles", data=b"x", content_type="text/plain").status_code == 415
    reading_app.config["MAX_BODY_BYTES"] = 100
    assert save(reader).status_code == 413


def test_listing_is_newest_first_and_paged(reader):
    for n in range(5):
        save(reader, url=f"{OTHER_URL}/{n}", html=page(f"Story {n}", "Trains run at night."))
    first = reader.get("/v1/articles?per_page=2").get_json()
    assert (first["page"], first["per_page"], first["total"]) == (1, 2, 5)
    assert [item["title"] for item in first["items"]] == ["Story 4", "Story 3"]
    assert all(list(item) == RESOURCE_FIELDS for item in first["items"])  # no content in a list
    last = reader.get("/v1/articles?per_page=2&page=3").get_json()
    assert [item["title"] for item in last["items"]] == ["Story 0"]
    assert reader.get("/v1/articles?page=4&per_page=2").get_json()["items"] == []


def test_search_covers_title_and_text_case_insensitively(reader):
    save(reader)  # the river article
    save(reader, url=OTHER_URL, html=page("Überfahrt im Schlafwagen", "Der Nachtzug fährt über die Grenze."))

    def titles(query):
        return [item["title"] for item in reader.get("/v1/articles", query_string={"q": query}).get_json()["items"]]

    assert titles("SALMON") == ["How the river came back to the valley"]  # in the text only
    assert titles("valley salmon") == ["How the river came back to the valley"]  # every word
    assert titles("überfahrt") == ["Überfahrt im Schlafwagen"]  # non-ASCII case folding, both databases
    assert titles("NACHTZUG") == ["Überfahrt im Schlafwagen"]
    assert titles("100%") == []  # LIKE wildcards are literal
    assert titles("salmon nachtzug") == []


def test_filters_by_tag_archived_and_favourite(reader):
    river = save(reader, tags=["nature"]).get_json()
    trains = save(reader, url=OTHER_URL, html=TRAINS, tags=["travel", "nature"]).get_json()
    reader.patch(f"/v1/articles/{river['id']}", json={"archived": True})
    reader.patch(f"/v1/articles/{trains['id']}", json={"favourite": True})

    def ids(query):
        return [item["id"] for item in reader.get(f"/v1/articles?{query}").get_json()["items"]]

    assert ids("tag=nature") == [trains["id"], river["id"]]
    assert ids("tag=travel") == [trains["id"]]
    assert ids("tag=none") == []
    assert ids("archived=true") == [river["id"]]
    assert ids("archived=false") == [trains["id"]]
    assert ids("favourite=true&tag=nature") == [trains["id"]]
    assert ids("favourite=false") == [river["id"]]


@pytest.mark.parametrize(
    "query",
    ["page=0", "page=x", "page=-1", "per_page=101", "per_page=0", "archived=yes", "favourite=1", "format=pdf",
     "q=" + "x" * 201, "tag=a%00b", "page=１", "page=" + "9" * 5000, "per_page=1" + "0" * 5000],
)  # fmt: skip
def test_bad_list_queries_get_400(reader, query):
    response = reader.get(f"/v1/articles?{query}")
    assert response.status_code == 400
    assert response.get_json()["type"] == "urn:clearpage:problem:malformed-request"


def test_paging_numbers_may_have_leading_zeros(reader):
    body = reader.get("/v1/articles?page=002&per_page=0100").get_json()
    assert (body["page"], body["per_page"]) == (2, 100)


def test_patch_changes_only_what_it_names(reader):
    article = save(reader, tags=["a"]).get_json()
    path = f"/v1/articles/{article['id']}"
    body = reader.patch(path, json={"progress": 1}).get_json()
    assert (body["progress"], body["tags"], body["archived"]) == (1.0, ["a"], False)
    body = reader.patch(path, json={"tags": [" b ", "c", "b"], "archived": True, "favourite": True}).get_json()
    assert (body["tags"], body["archived"], body["favourite"], body["progress"]) == (["b", "c"], True, True, 1.0)
    assert reader.get(path).get_json()["tags"] == ["b", "c"]
    assert reader.patch(path, json={"tags": []}).get_json()["tags"] == []


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ('{"title": "mine"}', "application/json", 400),
        ('{"archived": 1}', "application/json", 400),
        ('{"progress": -0.1}', "application/json", 400),
        ('{"progress": true}', "application/json", 400),
        ('{"progress": ' + "9" * 400 + "}", "application/json", 400),
        ('{"progress": NaN}', "application/json", 400),
        ('{"progress": Infinity}', "application/json", 400),
        ('{"tags": [1]}', "application/json", 400),
        ('{"tags": ["' + "x" * 101 + '"]}', "application/json", 400),
        ("[]", "application/json", 400),
        ("{", "application/json", 400),
        ('{"archived": true}', "text/plain", 415),
    ],
)
def test_patch_refuses_anything_else(reader, data, content_type, status):
    article = save(reader).get_json()
    response = reader.patch(f"/v1/articles/{article['id']}", data=data, content_type=content_type)
    assert response.status_code == status
    assert reader.get(f"/v1/articles/{article['id']}").get_json()["archived"] is False


def test_delete(reader):
    article = save(reader).get_json()
    assert reader.delete(f"/v1/articles/{article['id']}").status_code == 204
    assert reader.get(f"/v1/articles/{article['id']}").status_code == 404
    assert reader.delete(f"/v1/articles/{article['id']}").status_code == 404
    assert reader.get("/v1/articles").get_json()["total"] == 0


@pytest.mark.parametrize("article_id", ["999", "2147483647", "2147483648", "99999999999999999999999"])
def test_unknown_ids_are_404_problems(reader, article_id):
    for method in ("GET", "DELETE"):
        response = reader.open(method, f"/v1/articles/{article_id}")
        assert response.status_code == 404
        assert response.get_json()["type"] == "urn:clearpage:problem:not-found"
    assert reader.patch(f"/v1/articles/{article_id}", json={"archived": True}).status_code == 404


def test_a_reader_sees_only_their_own_articles(add_reader):
    ana, bo = add_reader("ana"), add_reader("bo")
    article = save(ana).get_json()
    path = f"/v1/articles/{article['id']}"
    assert bo.get(path).status_code == 404
    assert bo.patch(path, json={"archived": True}).status_code == 404
    assert bo.delete(path).status_code == 404
    assert bo.get(f"{path}?format=epub").status_code == 404
    assert bo.get("/v1/articles").get_json()["total"] == 0
    # The same address saved by another reader is their own article.
    assert save(bo).status_code == 201
    assert ana.get(path).get_json()["archived"] is False


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/articles"), ("POST", "/v1/articles"), ("GET", "/v1/articles/1"), ("PATCH", "/v1/articles/1"),
     ("DELETE", "/v1/articles/1"), ("GET", "/v1/me")],
)  # fmt: skip
@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token-anyone-has", "Basic abc"])
def test_the_reading_list_needs_a_readers_token(reading_app, method, path, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = reading_app.test_client().open(path, method=method, headers=headers, json={})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "urn:clearpage:problem:unauthorized"
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="clearpage"'


def test_an_api_key_is_not_a_readers_token(reading_app):
    key = "k3y-0123456789abcdefghij"
    reading_app.extensions["clearpage_api_keys"] = (users.digest(key),)
    client = reading_app.test_client()
    response = client.get("/v1/articles", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 401
    assert "not a reader's token" in response.get_json()["detail"]


def test_a_readers_token_is_accepted_wherever_an_api_key_is(reading_app, reader):
    reading_app.extensions["clearpage_api_keys"] = ("0" * 64,)  # the server now needs a credential
    client = reading_app.test_client()
    assert client.post("/v1/extract", data=ARTICLE, content_type="text/html").status_code == 401
    assert reader.post("/v1/extract", data=ARTICLE, content_type="text/html").status_code == 200
    assert reader.get("/metrics").status_code == 200


def test_removed_readers_tokens_stop_working(reading_app, reader):
    save(reader)
    users.remove(reading_app.extensions["clearpage_db"], reader.name)
    assert reader.get("/v1/articles").status_code == 401


def test_new_token_replaces_the_old(reading_app, reader):
    tokens = users.new_token(reading_app.extensions["clearpage_db"], reader.name)
    assert reader.get("/v1/articles").status_code == 401
    assert reader.get("/v1/articles", headers={"Authorization": f"Bearer {tokens.token}"}).status_code == 200


def test_database_down_is_503_not_500(reader, reading_app, tmp_path):
    reading_app.extensions["clearpage_db"] = db.make_engine(f"sqlite:///{tmp_path}/missing/folder/db.sqlite3")
    response = reader.get("/v1/articles")
    assert response.status_code == 503
    assert response.get_json()["type"] == "urn:clearpage:problem:unavailable"
