"""A time bound on one extraction, so one hostile page cannot hold a worker.

gunicorn's sync workers serve each request on the process's main thread, where SIGALRM can
interrupt Python code; the pipeline's C parts (libxml2) are bounded by the body size limit and
finish in well under a second. Off the main thread (a threaded dev server) there is no alarm to
use, and the bound is gunicorn's worker timeout alone.
"""

from __future__ import annotations

import gc
import signal
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from server.errors import PageTooComplex


@dataclass
class _Limit:
    seconds: float
    expired: bool = False
    holding: bool = False  # inside uninterrupted(): note the alarm, raise it when the block ends


_active: _Limit | None = None  # the limit running on the main thread, if any

# An exception raised where Python cannot pass it on (a garbage collector or weak reference
# callback, a finaliser) is printed as "Exception ignored" and lost, and a library may swallow
# one: the alarm rings again this much later until the block has ended.
_RETRY_SECONDS = 0.05


def _too_complex(seconds: float) -> PageTooComplex:
    return PageTooComplex(
        f"This page took longer than {seconds:g} seconds to read, so the server stopped. "
        "It may be unusually large or built in an unusual way."
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PageTooComplex if the block is still running after ``seconds``."""
    global _active
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    limit = _Limit(seconds)

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        limit.expired = True
        if limit.holding:
            return
        signal.setitimer(signal.ITIMER_REAL, _RETRY_SECONDS)
        if not _in_unraisable_context(frame):
            raise _too_complex(seconds)

    previous, outer = signal.signal(signal.SIGALRM, on_alarm), _active
    _active = limit
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _active = outer
    if limit.expired:
        # The alarm's exception was raised inside code that swallowed it: the block ran on past
        # the limit, but its answer is still "too complex".
        raise _too_complex(seconds)


def _in_unraisable_context(frame: FrameType | None) -> bool:
    """Is the main thread inside a garbage collector callback, a weak reference callback (called
    with the dead reference; SQLAlchemy's event registry has one) or a ``__del__``? Python runs
    them wherever an allocation happens to be, and only reports what they raise."""
    callbacks = {getattr(callback, "__code__", None) for callback in gc.callbacks}
    while frame is not None:
        if frame.f_code in callbacks or frame.f_code.co_name == "__del__" or _holds_dead_reference(frame):
            return True
        frame = frame.f_back
    return False


def _holds_dead_reference(frame: FrameType) -> bool:
    arguments = frame.f_code.co_varnames[: frame.f_code.co_argcount]
    return any(
        isinstance(value, weakref.ref) and value() is None for value in (frame.f_locals.get(name) for name in arguments)
    )


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold the time limit's alarm until the block ends, then raise it.

    For calls into libraries that swallow exceptions raised in their Python callbacks (nh3's
    attribute filter): Python runs a signal's handler wherever the main thread next runs Python
    code, callbacks included, so the handler itself has to wait.
    """
    limit = _active if threading.current_thread() is threading.main_thread() else None
    if limit is None:
        yield
        return
    limit.holding = True
    try:
        yield
    finally:
        limit.holding = False
    if limit.expired:
        raise _too_complex(limit.seconds)


@contextmanager
def paused() -> Iterator[None]:
    """Stop the time limit's clock for the block: one-time work (loading a model on first use)
    is not the page's doing, and must not make the page that happened to come first too complex."""
    if _active is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining)
