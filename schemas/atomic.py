"""Files of the output folder written atomically: a temporary file in the same folder, then a rename.

A reader (or a run killed half-way) sees the old file or the new one, never a torn one. Here, beside the
contract, because both packages that write the output folder use it and neither may import the other:
`store` (datasets) and `reconcile` (report, review file).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_text_atomic(text: str, path: Path) -> Path:
    return write_bytes_atomic(path, lambda handle: handle.write(text.encode("utf-8")))


def write_bytes_atomic(path: Path, write: Callable[[BinaryIO], object], tmp_dir: Path | None = None) -> Path:
    """`tmp_dir` (same file system) keeps unfinished files out of a folder that readers list."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if tmp_dir is not None:
        tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=tmp_dir or path.parent)
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes 0600; outputs are for other readers too
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
