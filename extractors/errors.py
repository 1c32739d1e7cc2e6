"""Stable codes for what can go wrong with one input file.

The message of a `DocumentError` is what a user reads in `documents.parquet`
and in the run summary: one line, prefixed with its code.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal


class Code(str, Enum):
    E101_EMPTY = "E101"
    E102_NOT_TEXT = "E102"
    E103_UNREADABLE_PDF = "E103"
    E104_ENCRYPTED_PDF = "E104"
    E105_NO_TEXT_LAYER = "E105"
    E106_UNSUPPORTED = "E106"
    E107_VANISHED = "E107"
    E108_TIMED_OUT = "E108"
    E109_OUTSIDE_RAW = "E109"
    E110_INTERNAL = "E110"
    E111_TOO_LARGE = "E111"


class DocumentError(Exception):
    """A file that cannot be processed; the run records it and goes on."""

    def __init__(self, code: Code, message: str, status: Literal["failed", "skipped"] = "failed") -> None:
        super().__init__(f"{code.value} {message}")
        self.code = code
        self.status = status

    @property
    def reason(self) -> str:
        return " ".join(str(self).split())
