"""The collector is paused inside a reconciliation step and resumes after it, however the step ends."""

import gc
import threading

import pytest

from reconcile.runtime import paused_gc


def test_paused_inside_and_resumed_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        assert not gc.isenabled()
        raise RuntimeError("step failed")
    assert gc.isenabled()


def test_nested_and_concurrent_pauses_resume_only_when_the_last_ends():
    inner_started, outer_may_end = threading.Event(), threading.Event()

    def other_step():
        with paused_gc():
            inner_started.set()
            outer_may_end.wait(5)

    with paused_gc():
        thread = threading.Thread(target=other_step)
        thread.start()
        inner_started.wait(5)
    assert not gc.isenabled()  # the other thread's step is still running
    outer_may_end.set()
    thread.join(5)
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
