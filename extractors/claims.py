"""Which characters of a text are taken: by URLs and e-mail addresses, whose digits are no amounts, and by
the amounts chosen so far (`amounts.find_amounts` claims each amount's span once)."""

from __future__ import annotations

import re

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
EMAIL_LOCAL = re.compile(r"[\w.+-]+$")
EMAIL_DOMAIN = re.compile(r"[\w-]+\.[\w.]+")


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses, whose digits are not amounts."""
    spans = [(m.start(), m.end()) for m in URL.finditer(text)] if "://" in text or "www." in text else []
    at = text.find("@")
    while at >= 0:
        local = EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = EMAIL_DOMAIN.match(text, at + 1)
        if local and domain:
            spans.append((local.start(), domain.end()))
        at = text.find("@", at + 1)
    return spans


class Spans:
    """Claimed characters, one byte each: a claim tests and marks only its own span, so choosing among n
    candidates costs the length of their spans, not n times the claims so far (nor a sorted insert each)."""

    def __init__(self, length: int, spans: list[tuple[int, int]]) -> None:
        self.taken = bytearray(length)
        for start, end in spans:
            self.taken[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return self.taken.find(1, start, end) < 0

    def claim(self, start: int, end: int) -> bool:
        if self.taken.find(1, start, end) >= 0:
            return False
        self.taken[start:end] = b"\x01" * (end - start)
        return True
