"""Incremental runs: which documents to extract, and rebuilding only the buckets that changed.

`plan_run` compares the raw folder with the manifest of the last run: a
bucket is stale when its (source_file, doc_id) pairs changed, a part of it is
missing, the build key changed, or one of its documents has no cache entry.
Only stale buckets' documents are looked at. A document whose names are the
same as in the last run keeps its rows: they are read back from the bucket's
current parts, so a run costs in proportion to what changed, not to the size
of the buckets it touches. The other documents come from the cache, and only
cache misses are extracted; `cache_extractions` keeps each batch as soon as
it is made. `apply_run` rewrites the stale buckets' parts from kept, cached
and fresh rows; `finish_run` records the new manifest once the findings and
report are written as well.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from extractors.errors import Code
from extractors.model import Extraction
from store import partitions
from store.cache import ExtractionCache
from store.datasets import build_frames
from store.inventory import SourceFile, by_document

# Failures that may not happen again: never cached, so the next run retries them.
TRANSIENT = (Code.E107_VANISHED.value, Code.E108_TIMED_OUT.value, Code.E110_INTERNAL.value)


@dataclass
class Plan:
    manifest: partitions.Manifest
    rebuild: set[str]
    remove: set[str]  # buckets no file falls in any more
    documents: dict[str, list[SourceFile]]  # doc_id -> its files, for the stale buckets only
    cached: dict[str, tuple[Extraction, datetime]] = field(default_factory=dict)
    to_extract: list[SourceFile] = field(default_factory=list)  # one file per document
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))  # extracted_at of this run
    kept: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)  # bucket -> dataset -> rows kept

    @property
    def changed(self) -> bool:
        return bool(self.rebuild or self.remove)


def plan_run(out_dir: Path, sources: list[SourceFile], key: str, full: bool = False) -> Plan:
    cache = ExtractionCache(out_dir)
    readable = {s.doc_id for s in sources if s.readable}
    new = partitions.Manifest(key, partitions.membership({s.name: s.doc_id for s in sources}) or {"00": []})
    old = partitions.Manifest.load(out_dir)
    rebuild = set(new.buckets) if full else partitions.stale_buckets(out_dir, old, new)
    rebuild |= {b for b, pairs in new.buckets.items()
                if any(d not in readable or not cache.path(d).exists() for _, d in pairs)}
    documents = {d: files for d, files in by_document(sources).items() if partitions.bucket_of(d) in rebuild}
    plan = Plan(new, rebuild, set(old.buckets) - set(new.buckets), documents)
    if not full and old.build_key == new.build_key:
        plan.kept = _kept_rows(out_dir, old, new, rebuild)
    kept = {d for frames in plan.kept.values() for d in frames["documents"]["doc_id"]}
    for doc_id, files in documents.items():
        if doc_id in kept:
            continue
        hit = None if full or not files[0].readable else cache.load(doc_id)
        if hit is None:
            plan.to_extract.append(files[0])
        else:
            plan.cached[doc_id] = hit
    return plan


def _kept_rows(out_dir: Path, old: partitions.Manifest, new: partitions.Manifest,
               rebuild: set[str]) -> dict[str, dict[str, pd.DataFrame]]:
    """The current rows of the documents in stale buckets whose names did not change (so neither did their
    rows), per bucket and dataset; a bucket whose parts cannot all be read keeps nothing."""
    kept = {}
    for bucket in sorted(rebuild & set(old.buckets)):
        unchanged = set(_names_by_doc(old.buckets[bucket]).items()) & set(_names_by_doc(new.buckets[bucket]).items())
        if not unchanged:
            continue
        docs = sorted(d for d, _ in unchanged)
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


def apply_run(out_dir: Path, plan: Plan, extracted: list[Extraction],
              figures_hook: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """Rewrite the stale buckets from kept, cached and `extracted` rows, drop emptied ones; the frames of
    the cached and extracted documents. `extracted` should be cached first (`cache_extractions`)."""
    partitions.remove_stale_temporaries(out_dir)
    fresh = {r.source_file: r for r in extracted}  # by name: a file changed since it was hashed keeps its rows
    results = []
    for doc_id, files in plan.documents.items():
        result = fresh.get(files[0].name) or plan.cached.get(doc_id, (None,))[0]
        if result is not None:
            results.append(_named(result, files))
    frames = build_frames(results)
    when = {d: t for d, (_, t) in plan.cached.items()} | {r.doc_id: plan.started for r in extracted}
    frames["documents"]["extracted_at"] = pd.to_datetime(frames["documents"]["doc_id"].map(when), utc=True).dt.as_unit("us")
    if figures_hook is not None:
        frames["figures"] = figures_hook(frames["figures"])
    _forget_buckets(out_dir, plan.rebuild | plan.remove)
    _write_buckets(out_dir, frames, plan)
    return frames


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
