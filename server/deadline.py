"""A time bound on one extraction, so one hostile page cannot hold a worker.

gunicorn's sync workers serve each request on the process's main thread, where SIGALRM can
interrupt Python code; the pipeline's C parts (libxml2) are bounded by the body size limit and
finish in well under a second. Off the main thread (a threaded dev server) there is no alarm to
use, and the bound is gunicorn's worker timeout alone.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from server.errors import PageTooComplex


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PageTooComplex if the block is still running after ``seconds``."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise PageTooComplex(
            f"This page took longer than {seconds:g} seconds to read, so the server stopped. "
            "It may be unusually large or built in an unusual way."
        )

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
