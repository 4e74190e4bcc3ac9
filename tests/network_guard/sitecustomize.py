"""Loaded by every Python process of the test suite (the suite puts this folder on PYTHONPATH):
any attempt to reach a host other than this machine fails at once, so no code path that makes an
outbound request can pass a test. Clearpage promises never to make one."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", ""})
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


class OutboundConnectionBlocked(OSError):
    """The test suite refused a connection to another machine."""


def _is_local(host: Any) -> bool:
    if not isinstance(host, str):
        return True  # a bytes path or anything that is not an internet address
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(family: int, address: Any) -> None:
    if family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple) and not _is_local(address[0]):
        raise OutboundConnectionBlocked(f"outbound connection to {address[0]!r} refused by the test suite")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _check(self.family, address)
    return _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _check(self.family, address)
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if isinstance(host, str) and not _is_local(host):
        raise OutboundConnectionBlocked(f"name lookup of {host!r} refused by the test suite")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo
