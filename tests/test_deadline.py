"""The time limit on one extraction."""

from __future__ import annotations

import contextlib
import gc
import time
import weakref

import pytest

from server.deadline import paused, time_limit, uninterrupted
from server.errors import PageTooComplex


def spin_forever() -> None:
    while True:
        pass


def swallow_the_alarm() -> None:
    with contextlib.suppress(PageTooComplex):  # what a library that swallows callback errors does
        time.sleep(0.3)
    time.sleep(0.01)


def test_a_block_past_the_limit_is_stopped():
    started = time.monotonic()
    with pytest.raises(PageTooComplex, match=r"0\.2 seconds"), time_limit(0.2):
        spin_forever()
    assert time.monotonic() - started < 5


def test_a_block_within_the_limit_runs_to_its_end():
    with time_limit(5):
        result = sum(range(1000))
    assert result == 499500


def test_an_alarm_swallowed_by_a_library_still_ends_in_too_complex():
    with pytest.raises(PageTooComplex), time_limit(0.1):
        swallow_the_alarm()


def test_uninterrupted_holds_the_alarm_until_the_block_ends():
    finished = []
    with pytest.raises(PageTooComplex), time_limit(0.1), uninterrupted():
        finished.append(time.sleep(0.3))
    assert finished == [None]


def test_paused_work_does_not_count_against_the_limit():
    with time_limit(0.3):
        with paused():
            time.sleep(0.5)  # one-time work, off the clock
        time.sleep(0.1)  # the page's own time: well within the limit


def pause_then_spin() -> None:
    with paused():
        time.sleep(0.05)
    spin_forever()


def test_the_clock_runs_again_after_a_pause():
    with pytest.raises(PageTooComplex), time_limit(0.2):
        pause_then_spin()


def test_an_alarm_during_a_garbage_collector_callback_waits_until_it_returns():
    """An exception raised in a gc callback is only reported ("Exception ignored"), which the
    test run turns into an error; the alarm tries again once the callback has returned."""
    entered = []

    def slow_callback(phase: str, info: dict) -> None:
        if phase == "start":
            entered.append(phase)
            deadline = time.monotonic() + 0.3
            while time.monotonic() < deadline:  # Python code, where the signal's handler runs
                pass

    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(PageTooComplex), time_limit(0.1):
            collect_then_spin()
    finally:
        gc.callbacks.remove(slow_callback)
    assert entered


class _Registry:
    pass


def collect_then_spin() -> None:
    gc.collect()
    spin_forever()


def drop_then_spin(holder: list) -> None:
    holder.clear()
    spin_forever()


def test_an_alarm_during_a_weak_reference_callback_waits_until_it_returns():
    """SQLAlchemy's event registry cleans up in a weakref callback; the alarm must not land there."""
    entered = []

    def slow_cleanup(reference: weakref.ref) -> None:
        entered.append(reference)
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:
            pass

    holder = [_Registry()]
    reference = weakref.ref(holder[0], slow_cleanup)
    with pytest.raises(PageTooComplex), time_limit(0.1):
        drop_then_spin(holder)  # the callback runs in there, past the limit
    assert entered == [reference]
