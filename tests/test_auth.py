"""Optional API keys: who needs one, how keys are given, and that no key reaches a log."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

from server import auth, create_app, users
from server.cli import main
from server.config import ConfigError

ARTICLE = "<html><body><p>" + "A sentence of an article, long enough to read. " * 4 + "</p></body></html>"
KEY = "k3y-0123456789abcdefghij"
OTHER_KEY = "another-key-9876543210"


def client_with(**settings):
    return create_app({"TESTING": True, **settings}).test_client()


def extract(client, headers=None):
    return client.post("/v1/extract", data=ARTICLE, content_type="text/html", headers=headers or {})


def test_without_keys_no_credential_is_needed():
    assert extract(client_with()).status_code == 200


@pytest.mark.parametrize(
    ("headers", "needle"),
    [
        ({}, "needs an API key"),
        ({"Authorization": "Bearer"}, "needs an API key"),
        ({"Authorization": f"Basic {KEY}"}, "needs an API key"),
        ({"Authorization": "Bearer wrong-key-0123456789abc"}, "not one this server accepts"),
        ({"Authorization": f"Bearer {KEY}x"}, "not one this server accepts"),
        ({"Authorization": f"Bearer {KEY[:-1]}"}, "not one this server accepts"),
    ],
)
def test_with_keys_a_request_without_a_valid_one_gets_401(headers, needle):
    response = extract(client_with(API_KEYS=KEY), headers)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["type"] == "urn:clearpage:problem:unauthorized"
    assert needle in body["detail"]
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="clearpage"'


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_a_configured_key_is_accepted(scheme):
    client = client_with(API_KEYS=f"{OTHER_KEY}, {KEY}")
    assert extract(client, {"Authorization": f"{scheme} {KEY}"}).status_code == 200
    assert extract(client, {"Authorization": f"Bearer {OTHER_KEY}"}).status_code == 200


def test_keys_may_be_a_json_list(monkeypatch):
    monkeypatch.setenv("CLEARPAGE_API_KEYS", f'["{KEY}", "{OTHER_KEY}"]')
    client = create_app({"TESTING": True}).test_client()
    assert extract(client, {"Authorization": f"Bearer {OTHER_KEY}"}).status_code == 200
    assert extract(client).status_code == 401


def test_key_file_holds_digests_only(tmp_path):
    key_file = tmp_path / "keys"
    key_file.write_text(f"# the team's keys\n{users.digest(KEY)}  # Ana's laptop\n\n")
    client = client_with(API_KEYS_FILE=str(key_file))
    assert extract(client, {"Authorization": f"Bearer {KEY}"}).status_code == 200
    assert extract(client, {"Authorization": f"Bearer {users.digest(KEY)}"}).status_code == 401
    assert KEY not in key_file.read_text()


def test_key_file_and_keys_combine(tmp_path):
    key_file = tmp_path / "keys"
    key_file.write_text(users.digest(KEY) + "\n")
    client = client_with(API_KEYS=OTHER_KEY, API_KEYS_FILE=str(key_file))
    for key in (KEY, OTHER_KEY):
        assert extract(client, {"Authorization": f"Bearer {key}"}).status_code == 200


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not-a-digest\n", "line 1"),
        (users.digest(KEY) + "\n" + "g" * 64 + "\n", "line 2"),
    ],
)
def test_bad_key_file_fails_at_start_naming_the_line(tmp_path, content, message):
    key_file = tmp_path / "keys"
    key_file.write_text(content)
    with pytest.raises(ConfigError, match=message):
        create_app({"API_KEYS_FILE": str(key_file)})


def test_missing_key_file_fails_at_start(tmp_path):
    with pytest.raises(ConfigError, match="CLEARPAGE_API_KEYS_FILE"):
        create_app({"API_KEYS_FILE": str(tmp_path / "nowhere")})


def test_short_keys_are_refused_at_start(monkeypatch):
    monkeypatch.setenv("CLEARPAGE_API_KEYS", f"{KEY},short")
    with pytest.raises(ConfigError, match="CLEARPAGE_API_KEYS"):
        create_app()


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/openapi.json"])
def test_health_and_the_api_description_need_no_key(path):
    assert client_with(API_KEYS=KEY).get(path).status_code == 200


def test_metrics_need_the_key_when_keys_are_set():
    client = client_with(API_KEYS=KEY)
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


def test_cors_preflight_needs_no_key():
    response = client_with(API_KEYS=KEY).options(
        "/v1/extract",
        headers={
            "Origin": "chrome-extension://" + "b" * 32,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )
    assert response.status_code == 200


def test_keys_are_compared_as_digests_in_constant_time(monkeypatch):
    compared = []

    def compare_digest(a, b):
        compared.append((a, b))
        return a == b

    monkeypatch.setattr(auth.hmac, "compare_digest", compare_digest)
    client = client_with(API_KEYS=f"{KEY},{OTHER_KEY}")
    assert extract(client, {"Authorization": f"Bearer {KEY}"}).status_code == 200
    # Every stored digest was compared, even after the first matched; no raw key was compared.
    assert len(compared) == 2
    assert all(len(a) == len(b) == 64 for a, b in compared)
    assert not any(KEY in pair for pair in compared)


def test_a_second_credential_source_joins_the_check(monkeypatch):
    def user_token(secret):
        return auth.Credential("user-token", "ana") if secret == "ana-token-0123456789" else None

    monkeypatch.setattr(auth, "CREDENTIAL_SOURCES", (*auth.CREDENTIAL_SOURCES, user_token))
    client = client_with(API_KEYS=KEY)
    assert extract(client, {"Authorization": "Bearer ana-token-0123456789"}).status_code == 200
    assert extract(client, {"Authorization": f"Bearer {KEY}"}).status_code == 200


def test_no_key_reaches_the_log(caplog):
    caplog.set_level(logging.DEBUG)
    client = client_with(API_KEYS=KEY, LOG_LEVEL="DEBUG")
    extract(client, {"Authorization": f"Bearer {KEY}"})
    extract(client, {"Authorization": f"Bearer {OTHER_KEY}"})
    logged = "\n".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert caplog.records  # the debug timings were logged...
    assert KEY not in logged and OTHER_KEY not in logged  # ...without the keys
    assert users.digest(KEY) not in logged


def test_new_key_prints_a_key_and_the_line_for_a_key_file():
    result = CliRunner().invoke(main, ["new-key"])
    assert result.exit_code == 0
    key_line, digest_line = result.output.strip().splitlines()[-2:]
    key = key_line.split()[-1]
    assert len(key) >= 40
    assert digest_line.split()[0] == users.digest(key)


def test_key_file_is_read_again_on_sighup(serve, tmp_path):
    """Revoke or add a key without a restart: edit the file, send SIGHUP, new workers read it."""
    import signal
    import time

    key_file = tmp_path / "keys"
    key_file.write_text(users.digest(KEY) + "\n")
    served = serve(1, API_KEYS_FILE=str(key_file))

    def status(key):
        headers = {"Content-Type": "text/html", "Authorization": f"Bearer {key}"}
        return served.request("POST", "/v1/extract", ARTICLE.encode(), headers).status

    assert (status(KEY), status(OTHER_KEY)) == (200, 401)
    key_file.write_text(users.digest(OTHER_KEY) + "\n")  # KEY revoked, OTHER_KEY added
    served.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 20
    while (status(KEY), status(OTHER_KEY)) != (401, 200) and time.monotonic() < deadline:
        time.sleep(0.1)  # the old worker may answer a few more requests while it stops
    assert [(status(KEY), status(OTHER_KEY)) for _ in range(5)] == [(401, 200)] * 5
