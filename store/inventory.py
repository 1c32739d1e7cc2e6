"""What is in the raw folder now: every file's name and the SHA-256 of its bytes.

Every file below the raw folder is listed (hidden files and folders aside), whatever its type: one a loader
cannot read gets a "skipped" row, not silence. Files with the same bytes share a doc_id and are extracted
once. A file that cannot be read here (a name that is not UTF-8, a link into a loop or to nothing, a link
out of the raw folder, permission denied) gets the hash of its name as doc_id (as `extract_document` gives
it) and `readable=False`, so its row is recorded but never cached. A folder that cannot be listed is
listed itself, the same way, so it gets a row saying so.

Each file's `stamp` (size, times, inode) lets `recheck` tell, cheaply and at the end of a run, which files
changed, appeared or vanished while the run was extracting, and lets extraction take the doc_id hashed here
for a file whose stamp has not changed (`extractors.loaders.planned_id`): each file is hashed once per run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from extractors import document, loaders
from extractors.loaders import Stamp, file_stamp
from extractors.errors import DocumentError


@dataclass(frozen=True)
class SourceFile:
    path: Path
    name: str  # relative to the raw folder, "/" separated
    doc_id: str
    readable: bool = True
    stamp: Stamp | None = None  # None: the file could not be looked at
    folder: bool = False  # a folder that could not be listed: the files it held are kept from the last run


@dataclass(frozen=True)
class Listing:
    files: list[Path]
    unlisted: list[Path]  # folders that could not be listed


def inventory(raw_dir: Path) -> list[SourceFile]:
    """Every file below `raw_dir` (and every folder that cannot be listed), in a stable order, hashed."""
    listing = list_raw(raw_dir)
    sources = [_source(p, raw_dir) for p in listing.files] + [_folder(p, raw_dir) for p in listing.unlisted]
    return sorted(sources, key=lambda s: s.name)


def list_raw(raw_dir: Path) -> Listing:
    """The files below `raw_dir`, hidden ones and hidden folders left out; links to folders are not followed."""
    unlisted: list[Path] = []
    files: list[Path] = []
    for top, folders, names in os.walk(raw_dir, onerror=lambda exc: unlisted.append(Path(exc.filename))):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and not os.path.islink(os.path.join(top, f)))
        files.extend(Path(top, n) for n in names if not n.startswith("."))
    return Listing(files, [p for p in unlisted if p != raw_dir])


def recheck(raw_dir: Path, sources: list[SourceFile], suspects: Iterable[str] = ()) -> list[SourceFile] | None:
    """The raw folder as it is now, when it differs from `sources` (a file added, deleted or changed since
    they were made), else None. Only new files, files whose stamp changed and the `suspects` (names whose
    extraction read other bytes than planned) are hashed again. A file that vanished keeps a row, unreadable,
    so the run records it (E107) instead of dropping it silently."""
    before = {s.name: s for s in sources}
    suspects = set(suspects)
    listing = list_raw(raw_dir)
    now = {s.name: s for s in (_again(p, raw_dir, before, suspects) for p in listing.files)}
    now |= {s.name: s for s in (_folder(p, raw_dir) for p in listing.unlisted)}
    for name, old in before.items():
        if name not in now:
            now[name] = replace(old, doc_id=document.name_id(old.path, raw_dir), readable=False, stamp=None)
    current = sorted(now.values(), key=lambda s: s.name)
    return None if current == sorted(sources, key=lambda s: s.name) else current


def _again(path: Path, raw_dir: Path, before: dict[str, SourceFile], suspects: set[str]) -> SourceFile:
    name = document.source_name(path, raw_dir)
    old = before.get(name)
    if old is not None and name not in suspects and old.stamp is not None and old.stamp == file_stamp(path):
        return old
    return _source(path, raw_dir)


def _folder(path: Path, raw_dir: Path) -> SourceFile:
    return SourceFile(path, document.source_name(path, raw_dir), document.name_id(path, raw_dir), readable=False,
                      folder=True)


def _source(path: Path, raw_dir: Path) -> SourceFile:
    name = document.source_name(path, raw_dir)
    if document.path_problem(path, raw_dir) is None:  # else nothing to hash: an odd name, a broken link
        try:
            stamp = file_stamp(path)
            return SourceFile(path, name, loaders.file_sha256(path, raw_dir), stamp=stamp)  # refuses links out
        except (DocumentError, OSError):
            pass
    return SourceFile(path, name, document.name_id(path, raw_dir), readable=False)


def by_document(sources: list[SourceFile]) -> dict[str, list[SourceFile]]:
    """doc_id -> the files with those bytes, first name first."""
    grouped: dict[str, list[SourceFile]] = {}
    for source in sorted(sources, key=lambda s: s.name):
        grouped.setdefault(source.doc_id, []).append(source)
    return grouped
