"""Every compiled pattern in the extractors is safe from catastrophic backtracking.

Patterns are found, not listed: every module-level `re.Pattern` in `extractors.*`, subpackages included
(`extractors.figures.*`). Each is fed adversarial text (long runs and mixes of digits, separators, spaces,
currency signs and near-matches) and must answer within a time bound: anchored `match` on long text (how the
extractors apply patterns after an amount, so it must stay near-linear), and `search` on window-sized text
(exponential backtracking shows there within a few dozen characters). A pattern that runs away is interrupted
by a timer signal, so a bad one fails this test instead of hanging it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import time
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractors
from reconcile.runtime import paused_gc

BOUND = 1.0  # CPU seconds per pattern call; a linear pattern needs well under a millisecond here
LONG, WINDOW = 2_000, 200

NEAR_MATCHES = ["1", "9", "1,", ",", ",000", " ", "\t", "\n", ".", "1.", "0.5", "$", "US$", "€", "¥", "£", "%",
                " billion", " million", "bn", "-", "–", "(", ")", "|", ":", "a", "A", "2024", "1,000", "x", "10x",
                "to ", "and ", "of ", "the ", "per ", "or ", "a-", "@", "@a.", "www.", "http://", "#", "No.", "CAGR"]


def _patterns() -> list[tuple[str, re.Pattern]]:
    found = []
    for module_info in pkgutil.walk_packages(extractors.__path__, "extractors."):
        module = importlib.import_module(module_info.name)
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{module_info.name.removeprefix('extractors.')}.{attr}", value))
    return found


PATTERNS = _patterns()


class RunawayPattern(Exception):
    pass


@contextmanager
def _bounded(seconds: float, what: str):
    """Interrupt the block after `seconds` of CPU time (the regex engine checks for signals while it
    matches); CPU time, not wall time, so a busy machine does not make a linear pattern look slow."""
    def interrupt(signum, frame):
        raise RunawayPattern(what)

    previous = signal.signal(signal.SIGPROF, interrupt)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _assert_fast(pattern: re.Pattern, text: str, name: str) -> None:
    # The pattern's own time: no collection of the test process's many objects inside it (one landed there
    # once, 1.1 s), and this thread's CPU, not the other threads' of the test process.
    with paused_gc():
        started = time.thread_time()
        with _bounded(BOUND, f"{name} ran away on {text[:40]!r}... ({len(text)} chars)"):
            for start in (0, 1, len(text) // 2):
                pattern.match(text[:LONG], start)
            pattern.search(text[:WINDOW])
        assert time.thread_time() - started < BOUND


adversarial = st.builds(
    lambda parts, repeat, tail: "".join(parts) * repeat + tail,
    st.lists(st.sampled_from(NEAR_MATCHES), min_size=1, max_size=4),
    st.integers(min_value=1, max_value=LONG),
    st.sampled_from(["", "!", "b", "\x00", "1", " ", "zz", "é"]),
)


def test_patterns_are_found():
    assert len(PATTERNS) >= 5 and {name.split(".")[0] for name, _ in PATTERNS} >= {"figures"}


def _long_run_cases():
    for name, pattern in PATTERNS:
        for unit in NEAR_MATCHES:
            yield pytest.param(name, pattern, unit, id=f"{name}-{unit!r}")


@pytest.mark.parametrize("name, pattern, unit", list(_long_run_cases()))
def test_long_runs_of_one_near_match(name, pattern, unit):
    _assert_fast(pattern, unit * (LONG // len(unit) + 1) + "!", name)


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=adversarial)
def test_mixed_adversarial_text(name, pattern, text):
    _assert_fast(pattern, text, name)
