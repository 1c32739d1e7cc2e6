"""Incremental runs: which documents to extract, and rebuilding only the buckets that changed.

`plan_run` compares the raw folder with the manifest of the last run: a
bucket is stale when its (source_file, doc_id) pairs changed, a part of it is
missing, the build key changed, or one of its documents has no cache entry.
Only stale buckets' documents are looked at. A document whose names are the
same as in the last run keeps its rows: they are read back from the bucket's
current parts, so a run costs in proportion to what changed, not to the size
of the buckets it touches. The other documents come from the cache, and only
cache misses are extracted; `cache_extractions` keeps each batch as soon as
it is made. `run_frames` turns the cached and fresh documents into frames;
once the flow has normalized them, `write_run` validates them and rewrites the
stale buckets' parts from them and the kept rows; `finish_run` records the new
manifest once the findings and report are written as well.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

import schemas
from extractors.errors import Code, DocumentError
from extractors.loaders import file_format
from extractors.model import Extraction
from store import partitions
from store.cache import ExtractionCache
from store.datasets import build_frames
from store.inventory import Listing, SourceFile, by_document, list_raw, recheck

# Failures that may not happen again (the file is back, a larger limit, a fixed bug, more memory): never
# cached and never kept, so the next run retries them.
TRANSIENT = (Code.E107_VANISHED.value, Code.E108_TIMED_OUT.value, Code.E110_INTERNAL.value,
             Code.E111_TOO_LARGE.value)


@dataclass
class Plan:
    manifest: partitions.Manifest
    rebuild: set[str]
    remove: set[str]  # buckets no file falls in any more
    documents: dict[str, list[SourceFile]]  # doc_id -> its files, for the stale buckets only
    cached: dict[str, tuple[Extraction, datetime]] = field(default_factory=dict)
    to_extract: list[SourceFile] = field(default_factory=list)  # one file per document
    started: datetime = field(default_factory=lambda: datetime.now(UTC))  # extracted_at of this run
    kept: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)  # bucket -> dataset -> rows kept
    sources: list[SourceFile] = field(default_factory=list)  # the raw folder as planned

    @property
    def changed(self) -> bool:
        return bool(self.rebuild or self.remove)


class EmptyRawFolder(RuntimeError):
    """The raw folder holds no files while the last run had some: most likely a share that is not mounted."""

    def __init__(self, had: int) -> None:
        super().__init__(f"the raw folder holds no files, but the last run had {had}; refusing to empty the "
                         "datasets (pass --allow-empty if that is what you want)")


def refuse_to_empty(raw_dir: Path, out_dir: Path, allow_empty: bool = False, listing: Listing | None = None) -> None:
    """Raise `EmptyRawFolder` when the raw folder holds no files but the last run had some, unless allowed.
    (`plan_run` checks it too; this is for a command line that wants to say so before a flow starts, and may
    pass the `listing` of the raw folder it already made.)"""
    had = sum(len(pairs) for pairs in partitions.Manifest.load(out_dir).buckets.values())
    if had and not allow_empty and not (listing := listing or list_raw(raw_dir)).files and not listing.unlisted:
        raise EmptyRawFolder(had)


def plan_run(out_dir: Path, sources: list[SourceFile], key: str, full: bool = False,
             fresh: Mapping[str, Extraction] | None = None, allow_empty: bool = False) -> Plan:
    """What this run must do for `sources`. `fresh` holds the documents this run has already extracted
    (when a changed raw folder is planned again): they are neither kept, nor read from the cache, nor
    extracted again."""
    fresh = fresh or {}
    cache = ExtractionCache(out_dir)
    old = partitions.Manifest.load(out_dir)
    had = sum(len(pairs) for pairs in old.buckets.values())
    if not sources and had and not allow_empty:
        raise EmptyRawFolder(had)
    listed, sources = sources, [*sources, *_kept_from_unlisted(sources, old)]
    readable = {s.doc_id for s in sources if s.readable}
    new = partitions.Manifest(key, partitions.membership({s.name: s.doc_id for s in sources}) or {"00": []})
    rebuild = set(new.buckets) if full else partitions.stale_buckets(out_dir, old, new)
    rebuild |= {b for b, pairs in new.buckets.items()
                if any(d not in readable or not cache.path(d).exists() for _, d in pairs)}
    documents = {d: files for d, files in by_document(sources).items() if partitions.bucket_of(d) in rebuild}
    plan = Plan(new, rebuild, set(old.buckets) - set(new.buckets), documents, sources=listed)
    if not full and old.build_key == new.build_key:
        # Only documents with a cache entry keep their rows: the others failed for a reason that may not
        # happen again (E107, E108, E110, E111) and are extracted again.
        keep = {d for d in readable if d not in fresh and cache.path(d).exists()}
        plan.kept = _kept_rows(out_dir, old, new, rebuild, keep)
    kept = {d for frames in plan.kept.values() for d in frames["documents"]["doc_id"]}
    for doc_id, files in documents.items():
        if doc_id in kept or doc_id in fresh:
            continue
        hit = None if full or not files[0].readable else cache.load(doc_id)
        if hit is None:
            plan.to_extract.append(files[0])
        else:
            plan.cached[doc_id] = hit
    return plan


def replan_if_changed(raw_dir: Path, out_dir: Path, plan: Plan, extracted: list[Extraction], key: str,
                      full: bool = False, allow_empty: bool = False) -> Plan | None:
    """A new plan when the raw folder changed while `plan` was being extracted (a file added, edited or
    deleted; an extraction that read other bytes than were hashed), else None. The new plan extracts only
    what `extracted` does not already hold, so every file ends up recorded as it is at the end of the run."""
    suspects = {r.source_file for r in extracted if r.doc_id not in plan.documents}
    now = recheck(raw_dir, plan.sources, suspects)
    if now is None:
        return None
    again = plan_run(out_dir, now, key, full, fresh={r.doc_id: r for r in extracted}, allow_empty=allow_empty)
    again.started = plan.started
    return again


def _kept_from_unlisted(sources: list[SourceFile], old: partitions.Manifest) -> list[SourceFile]:
    """The files the last run found in folders that cannot be listed now, as they were then."""
    folders = [s for s in sources if s.folder]
    if not folders:
        return []
    listed = {s.name for s in sources}
    return [SourceFile(folder.path / name[len(folder.name) + 1:], name, doc_id)
            for folder in folders for pairs in old.buckets.values() for name, doc_id in pairs
            if name.startswith(folder.name + "/") and name not in listed]


def _kept_rows(out_dir: Path, old: partitions.Manifest, new: partitions.Manifest,
               rebuild: set[str], keep: set[str]) -> dict[str, dict[str, pd.DataFrame]]:
    """The current rows of the documents in `keep` in stale buckets whose names did not change (so neither
    did their rows), per bucket and dataset; a bucket whose parts cannot all be read keeps nothing."""
    kept = {}
    for bucket in sorted(rebuild & set(old.buckets)):
        unchanged = set(_names_by_doc(old.buckets[bucket]).items()) & set(_names_by_doc(new.buckets[bucket]).items())
        docs = sorted(d for d, _ in unchanged if d in keep)
        if not docs:
            continue
        try:
            kept[bucket] = {name: partitions.read_part(out_dir, name, bucket, docs) for name in partitions.PARTITIONED}
        except (OSError, ValueError, KeyError):  # pyarrow's errors derive from these
            continue
    return kept


def _names_by_doc(pairs: list[list[str]]) -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    for source_file, doc_id in pairs:
        names.setdefault(doc_id, []).append(source_file)
    return {d: tuple(sorted(n)) for d, n in names.items()}


def cache_extractions(out_dir: Path, plan: Plan, extracted: list[Extraction]) -> None:
    """Keep these fresh extractions for later runs, as soon as they are made (a run killed later loses
    none of them): those of files that were readable when planned, unless they failed for a reason that
    may not happen again."""
    cache = ExtractionCache(out_dir)
    for result in extracted:
        files = plan.documents.get(result.doc_id)
        if files and files[0].readable and not (result.error or "").startswith(TRANSIENT):
            cache.save(result, plan.started)


def run_frames(plan: Plan, extracted: list[Extraction]) -> dict[str, pd.DataFrame]:
    """The rows this run writes, as the contract's frames: the cached and `extracted` documents of the
    stale buckets (the kept rows are added when the buckets are written). `extracted` should be cached
    first (`cache_extractions`)."""
    fresh = {r.doc_id: r for r in extracted}
    kept = {d for frames in plan.kept.values() for d in frames["documents"]["doc_id"]}
    results = []
    for doc_id, files in plan.documents.items():
        result = fresh.get(doc_id) or plan.cached.get(doc_id, (None,))[0]
        if result is None and doc_id not in kept:
            result = _changed_while_read(doc_id, files[0])  # its bytes changed again under every read
        if result is not None:
            results.append(_named(result, files))
    frames = build_frames(results)
    when = {d: t for d, (_, t) in plan.cached.items()} | {r.doc_id: plan.started for r in extracted}
    extracted_at = pd.to_datetime(frames["documents"]["doc_id"].map(when), utc=True)
    frames["documents"]["extracted_at"] = extracted_at.dt.as_unit("us")
    return frames


def write_run(out_dir: Path, plan: Plan, frames: dict[str, pd.DataFrame]) -> None:
    """Validate the run's (normalized) frames against the contract, then rewrite the stale buckets from
    them and the kept rows, and drop emptied ones. Nothing is written when a frame does not validate."""
    valid = {name: schemas.validate(frames[name], name) for name in partitions.PARTITIONED}
    partitions.remove_stale_temporaries(out_dir)
    _forget_buckets(out_dir, plan.rebuild | plan.remove)
    _write_buckets(out_dir, valid, plan)


def _forget_buckets(out_dir: Path, buckets: set[str]) -> None:
    """Drop the buckets about to be rewritten from the recorded manifest first. A bucket the manifest lists
    then always has parts that hold exactly its listed documents (what `_kept_rows` relies on), even when
    a run is killed while writing; the next run rebuilds the others from the cache."""
    old = partitions.Manifest.load(out_dir)
    if buckets & set(old.buckets):
        kept = {b: pairs for b, pairs in old.buckets.items() if b not in buckets}
        partitions.Manifest(old.build_key, kept).save(out_dir)


def finish_run(out_dir: Path, plan: Plan) -> None:
    """Record what the parts now hold, once everything derived from them (findings, report) is written too:
    a run killed before this point is redone by the next one."""
    plan.manifest.save(out_dir)
    ExtractionCache(out_dir).prune({d for pairs in plan.manifest.buckets.values() for _, d in pairs})


def _changed_while_read(doc_id: str, source: SourceFile) -> Extraction:
    error = DocumentError(Code.E107_VANISHED, "the file changed while the run was reading it; the next run "
                                              "reads it again")
    return Extraction(doc_id, source.name, file_format(source.path), status="failed", error=error.reason)


def _named(result: Extraction, files: list[SourceFile]) -> Extraction:
    """A (possibly cached) extraction under the names its bytes have now."""
    return dataclasses.replace(result, source_file=files[0].name, also_named=[f.name for f in files[1:]])


def _write_buckets(out_dir: Path, frames: dict[str, pd.DataFrame], plan: Plan) -> None:
    for name in partitions.PARTITIONED:
        frame = frames[name]
        buckets = frame["doc_id"].map(partitions.bucket_of) if len(frame) else pd.Series([], dtype=str)
        groups = {b: part for b, part in frame.groupby(buckets.to_numpy(), sort=False)} if len(frame) else {}
        for bucket in sorted(plan.rebuild):
            part = groups.get(bucket, frame.iloc[0:0])
            kept = plan.kept.get(bucket, {}).get(name)
            if kept is not None and len(kept):
                # Each document's rows are in order already; a stable sort by file puts them where a
                # full rebuild would.
                part = pd.concat([kept, part[kept.columns]], ignore_index=True) if len(part) else kept
                part = part.sort_values("source_file", kind="stable").reset_index(drop=True)
            partitions.write_part(out_dir, name, bucket, part)
        partitions.remove_stray_parts(out_dir, name, set(plan.manifest.buckets))
