"""A per-document time limit, checked cooperatively by the extractors.

`with time_limit(seconds):` sets a deadline for the current thread's context;
extractors call `check()` once per page, sentence or table, so one
pathological file ends as "timed out" instead of stalling a run. Every regex
is written to be free of catastrophic backtracking, so no single step between
two checks is unbounded.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from extractors.errors import Code, DocumentError

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("reportfacts_deadline", default=None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    token = _deadline.set((time.monotonic() + seconds, seconds) if seconds else None)
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise `DocumentError(E108)` once the current document's time is up."""
    limit = _deadline.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise DocumentError(Code.E108_TIMED_OUT, f"timed out: extraction took longer than {limit[1]:g} s")
