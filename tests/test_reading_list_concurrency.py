"""No save is lost: `clearpage serve --workers 3` (real gunicorn) hammered with concurrent saves from
many threads, distinct addresses and the same ones at once, on SQLite (WAL) and on PostgreSQL."""

from __future__ import annotations

import http.client
import json
import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from server import db, users
from tests.service import clearpage_serve

THREADS = 16
DISTINCT = 160  # addresses saved once each
CONTESTED = 12  # addresses saved ...
REPEATS = 8  # ... this many times each, at the same moment


def page(n: int) -> str:
    return (
        f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
        + f"<p>Paragraph of story {n}, long enough for the reader view to take it as an article.</p>" * 3
        + "</article></body></html>"
    )


def save(port: int, token: str, url: str, n: int) -> tuple[str, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = json.dumps({"url": url, "html": page(n), "tags": [f"t{n % 3}"]})
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    connection.request("POST", "/v1/articles", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return url, response.status


def listed(port: int, token: str) -> list[str]:
    urls, page_number = [], 1
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request(
            "GET", f"/v1/articles?per_page=100&page={page_number}", headers={"Authorization": f"Bearer {token}"}
        )
        body = json.loads(connection.getresponse().read())
        connection.close()
        urls += [item["url"] for item in body["items"]]
        if page_number * 100 >= body["total"]:
            return urls
        page_number += 1


def test_concurrent_saves_from_three_workers_all_land_once(database_url):
    engine = db.make_engine(db.database_url({"DATABASE_URL": database_url}))
    token = users.add(engine, "hammer").token
    engine.dispose()
    distinct = [(f"https://news.example/distinct/{n}", n) for n in range(DISTINCT)]
    contested = [(f"https://news.example/contested/{n}", n) for n in range(CONTESTED)] * REPEATS
    work = distinct + contested
    random.Random(7).shuffle(work)
    with clearpage_serve(workers=3, DATABASE_URL=database_url, RATELIMIT_ENABLED="false") as server:
        with ThreadPoolExecutor(THREADS) as pool:
            results = list(pool.map(lambda item: save(server.port, token, *item), work))
        urls = listed(server.port, token)
    statuses = Counter(status for _, status in results)
    assert set(statuses) <= {200, 201}, statuses
    expected = {url for url, _ in work}
    assert len(urls) == len(expected) == DISTINCT + CONTESTED  # none lost, none doubled
    assert set(urls) == expected
    created = Counter(url for url, status in results if status == 201)
    assert all(created[url] == 1 for url in expected)  # each address was new exactly once
    assert statuses[201] == len(expected) and statuses[200] == CONTESTED * (REPEATS - 1)
