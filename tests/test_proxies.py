"""The client's address: X-Forwarded-For counts only from trusted proxies, read from the right."""

from __future__ import annotations

import pytest

from server.proxies import client_address, parse_networks

TRUSTED = parse_networks(["127.0.0.1", "10.0.0.0/8", "fd00::/8"])


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "trusted", "client"),
    [
        ("192.0.2.1", None, TRUSTED, "192.0.2.1"),
        ("192.0.2.1", "203.0.113.9", TRUSTED, "192.0.2.1"),  # an untrusted peer's header is ignored
        ("192.0.2.1", "203.0.113.9", (), "192.0.2.1"),
        ("127.0.0.1", "203.0.113.9", (), "127.0.0.1"),  # no proxies trusted: the header never counts
        ("127.0.0.1", "203.0.113.9", TRUSTED, "203.0.113.9"),
        ("127.0.0.1", "203.0.113.9, 10.1.1.1", TRUSTED, "203.0.113.9"),  # two proxies deep
        ("127.0.0.1", "198.51.100.66, 203.0.113.9", TRUSTED, "203.0.113.9"),  # a forged left part
        ("127.0.0.1", "10.2.2.2, 10.1.1.1", TRUSTED, "10.2.2.2"),  # all trusted: the first
        ("127.0.0.1", " , ", TRUSTED, "127.0.0.1"),
        ("fd00::1", "2001:db8::5", TRUSTED, "2001:db8::5"),
        ("127.0.0.1", "garbage", TRUSTED, "garbage"),  # still one distinct key for the limiter
    ],
)
def test_client_address(peer, forwarded_for, trusted, client):
    assert client_address(peer, forwarded_for, trusted) == client


def test_bad_trusted_proxies_fail_at_start(monkeypatch):
    from server import create_app
    from server.config import ConfigError

    monkeypatch.setenv("CLEARPAGE_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example")
    with pytest.raises(ConfigError, match="CLEARPAGE_TRUSTED_PROXIES"):
        create_app()
