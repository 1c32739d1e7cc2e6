"""What is in the raw folder now: every report's name and the SHA-256 of its bytes.

Files with the same bytes share a doc_id and are extracted once. A file that
cannot be read here gets the hash of its name as doc_id (as `extract_document`
gives it) and `readable=False`, so its failure is recorded but never cached.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from extractors import loaders
from extractors.errors import DocumentError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    path: Path
    name: str  # relative to the raw folder, "/" separated
    doc_id: str
    readable: bool = True


def inventory(raw_dir: Path) -> list[SourceFile]:
    """Every report below `raw_dir`, in a stable order, with its content hash."""
    return [_source(path, raw_dir) for path in loaders.discover(raw_dir)]


def _source(path: Path, raw_dir: Path) -> SourceFile:
    name = loaders.relative_name(path, raw_dir)
    try:
        loaders.read_bytes(path, raw_dir) if path.is_symlink() else None  # refuses links out of raw_dir
        return SourceFile(path, name, _sha256(path))
    except (DocumentError, OSError):
        return SourceFile(path, name, loaders.doc_id_of(name.encode()), readable=False)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def by_document(sources: list[SourceFile]) -> dict[str, list[SourceFile]]:
    """doc_id -> the files with those bytes, first name first."""
    grouped: dict[str, list[SourceFile]] = {}
    for source in sorted(sources, key=lambda s: s.name):
        grouped.setdefault(source.doc_id, []).append(source)
    return grouped
