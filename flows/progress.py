"""A progress hook the flow reports to and the command line listens on.

Flow parameters must be serializable, so the progress bar cannot be passed
in; the flow calls these functions and whoever set a listener hears them.
"""

from __future__ import annotations

from typing import Protocol


class Listener(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, n: int) -> None: ...


_listener: Listener | None = None


def listen(listener: Listener | None) -> None:
    global _listener
    _listener = listener


def start(total: int) -> None:
    if _listener:
        _listener.start(total)


def advance(n: int) -> None:
    if _listener:
        _listener.advance(n)
