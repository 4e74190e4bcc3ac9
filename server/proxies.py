"""The client's address, through reverse proxies only when TRUSTED_PROXIES names them.

A proxy appends the address it received the request from to ``X-Forwarded-For``. Reading that list
from the right and skipping every trusted proxy gives the first address no trusted proxy vouches
for: the client (as nginx's ``real_ip_recursive`` does). Anyone can send the header, so from a peer
that is not a trusted proxy it is ignored.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence

from flask import current_app, request

_HOST = re.compile(r"[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(items: Iterable[str]) -> tuple[IPNetwork, ...]:
    """TRUSTED_PROXIES' items as networks (a bare address is a network of one)."""
    return tuple(ipaddress.ip_network(item, strict=False) for item in items)


def _trusted(address: str, networks: Sequence[IPNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(peer: str, forwarded_for: str | None, networks: Sequence[IPNetwork]) -> str:
    """The client's address, given the TCP peer's, the X-Forwarded-For header and the trusted proxies."""
    if not forwarded_for or not _trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


def public_base_url() -> str:
    """The scheme and host a reader used to reach this server, e.g. ``https://reader.example.org``.

    Behind a trusted proxy, its ``X-Forwarded-Proto`` and ``X-Forwarded-Host`` say them (the
    proxy terminated TLS); from anyone else those headers are ignored.
    """
    scheme, host = request.scheme, request.host
    if _trusted(request.remote_addr or "", current_app.extensions["clearpage_trusted_proxies"]):
        forwarded_proto = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
        forwarded_host = request.headers.get("X-Forwarded-Host", "").split(",")[0].strip()
        scheme = forwarded_proto if forwarded_proto in ("http", "https") else scheme
        host = forwarded_host if _HOST.fullmatch(forwarded_host) else host
    return f"{scheme}://{host}"
