"""After the datasets are written: the reconcile stage (findings, consensus), the report stage (review file,
report), and the run's summary, all read from OUT."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import reconcile
import schemas
from reconcile.consensus import consensus
from reconcile.findings import with_tables
from reconcile.incremental import (consensus_changes, prepare_changes, read_prepared, reconcile_changes, table_cells,
                                   write_prepared)
from reconcile.normalize import normalization_key
from reconcile.report import write_report
from reconcile.review import read_marks, write_review_file
from reconcile.runtime import paused_gc
from reconcile.settings import ReconcileSettings
from store.datasets import build_key, read_dataset, write_dataset
from store.parquet import write_atomic, write_text_atomic


@dataclass
class RunSummary:
    documents_ok: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (file, status, reason)
    figures: int = 0
    tables: int = 0
    rankings: int = 0
    findings: int = 0
    seconds: float = 0.0
    extracted: int = 0  # documents extracted by this run
    cached: int = 0  # documents whose cached extraction was reused to rebuild a changed bucket


@dataclass
class Reconciled:
    """What the reconcile stage found, and the datasets it found it in (figures as compared), for the report."""

    findings: pd.DataFrame
    consensus: pd.DataFrame
    figures: pd.DataFrame
    rankings: pd.DataFrame
    documents: pd.DataFrame


def reconcile_outputs(out_dir: Path, raw_dir: Path | None = None, full: bool = False,
                      settings: ReconcileSettings | None = None) -> str:
    """Reconcile the datasets in OUT, write findings.parquet, consensus.parquet, review.csv and the report;
    the report's markdown. The reconcile and report stages of the flow in one call, for `reportfacts
    report` and for tests (`settings`: the defaults unless given)."""
    settings = settings or ReconcileSettings()
    reconciled = reconcile_datasets(out_dir, settings, dataset_key(settings), full)
    return report_findings(out_dir, reconciled, raw_dir)


def dataset_key(settings: ReconcileSettings) -> str:
    """The build key of datasets written under these settings (extractor version, normalization)."""
    return build_key(normalization_key(settings))


def reconcile_datasets(out_dir: Path, settings: ReconcileSettings, key: str, full: bool = False) -> Reconciled:
    """Reconcile the datasets in OUT (built under `key`, `dataset_key`): write findings.parquet and
    consensus.parquet.

    When the last run's findings were made by this same code and settings from datasets of the same build,
    only the scopes of the documents that changed since are checked again (`reconcile.incremental`);
    `full` (a `run --full`) reconciles everything anew, whatever the last run left."""
    with paused_gc():
        figures, rankings, tables, documents = (read_dataset(out_dir, n)
                                                for n in ("figures", "rankings", "tables", "documents"))
        now = ReconciledState.of(documents, settings, key)
        previous, last = (None, None) if full else _previous_findings(out_dir, now)
        changed = now.changed_since(last) if last is not None else None  # both or neither are there
        cells = table_cells(tables, figures, _cached_cells(out_dir, last) if last is not None else None, changed)
        figures = with_tables(figures, tables, cells)  # table cells read as figures, for comparisons only
        kept = read_prepared(_cells_path(out_dir, last, PREPARED)) if last is not None else None
        # prepared once (the unchanged documents' columns as kept), for findings, consensus and report alike
        figures = prepare_changes(figures, settings, documents, kept, changed)

        def for_next_run() -> None:  # what a rerun builds on
            _keep_cells(out_dir, now, cells)
            write_prepared(_fresh_path(out_dir, now, PREPARED), figures)

        if previous is not None and changed is not None:  # a rerun: only the changed scopes, quick
            findings = reconcile_changes(figures, rankings, previous, changed, settings)
            before = _readable(out_dir, "consensus") if kept is not None else None
            agreed = (consensus(figures, settings, documents) if before is None
                      else consensus_changes(figures, before, kept, changed, settings, documents))
            for_next_run()
        else:  # everything anew; on a large corpus the caches are written beside the checks, by another core
            findings, agreed = reconcile.reconcile_with_consensus(figures, rankings, tables, documents, settings,
                                                                  meanwhile=for_next_run)
        write_dataset(out_dir, "findings", findings)
        write_dataset(out_dir, "consensus", agreed)
        _remember_synonyms(out_dir, settings)
        now.save(out_dir)  # after the findings: a run killed in between redoes more, never less
        return Reconciled(findings, agreed, figures, rankings, documents)


def report_findings(out_dir: Path, reconciled: Reconciled, raw_dir: Path | None = None) -> str:
    """Write review.csv and the report (HTML and Markdown) for what was reconciled; the report's markdown.
    The analyst's marks in review.csv are read first and written back with the new findings. `raw_dir`
    (remembered in OUT for `reportfacts report`) lets the report link each quote to its file."""
    with paused_gc():
        marks = read_marks(out_dir)
        write_review_file(out_dir, reconciled.findings, marks)
        return write_report(out_dir, reconciled.findings, reconciled.figures, reconciled.documents,
                            reconciled.rankings, reconciled.consensus, marks, _raw_dir(out_dir, raw_dir))


CELLS = ".cache/table-cells"
PREPARED = ".cache/prepared-figures"  # `reconcile.incremental.write_prepared`


def _cells_path(out_dir: Path, state: ReconciledState, folder: str = CELLS) -> Path:
    """Where the table cells read for the findings of `state` are kept: named by its key and documents, so
    the cells of other code, settings or documents (a run killed before its state was saved) are never
    built on."""
    documents = hashlib.sha256(json.dumps(state.documents, sort_keys=True).encode()).hexdigest()[:16]
    return out_dir / folder / f"{state.key}-{documents}.parquet"


def _fresh_path(out_dir: Path, state: ReconciledState, folder: str) -> Path:
    """`_cells_path` in `folder`, with the files of other states there removed: only the latest is built on."""
    path = _cells_path(out_dir, state, folder)
    for stale in path.parent.glob("*.parquet"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return path


def _readable(out_dir: Path, name: str) -> pd.DataFrame | None:
    try:
        return read_dataset(out_dir, name)
    except Exception:  # noqa: BLE001 - missing or unreadable: made anew instead
        return None


def _cached_cells(out_dir: Path, last: ReconciledState) -> pd.DataFrame | None:
    """The table cells read by the run that made `last`, if they are there to build on."""
    try:
        return pd.read_parquet(_cells_path(out_dir, last))
    except Exception:  # noqa: BLE001 - missing or unreadable: read every table instead
        return None


def _keep_cells(out_dir: Path, now: ReconciledState, cells: pd.DataFrame) -> None:
    """Keep the table cells for the next run (`reconcile.incremental.table_cells`), and only them."""
    write_atomic(cells.reset_index(drop=True), _fresh_path(out_dir, now, CELLS))


RAW_DIR = ".cache/raw_dir.txt"


def _raw_dir(out_dir: Path, raw_dir: Path | None) -> Path | None:
    """The folder the sources are in: as given (and remembered in OUT), else as last remembered."""
    path = out_dir / RAW_DIR
    if raw_dir is not None:
        write_text_atomic(str(Path(raw_dir).resolve()), path)
        return Path(raw_dir)
    try:
        remembered = Path(path.read_text(encoding="utf-8").strip())
    except OSError:
        return None
    return remembered if remembered.is_dir() else None


@dataclass
class ReconciledState:
    """What the findings in OUT were made from: the documents under their names, and a key of everything
    else they depend on (dataset build, reconciler code, settings)."""

    key: str
    documents: dict[str, list[str]]  # doc_id -> sorted source files

    STATE = ".cache/reconciled.json"

    @classmethod
    def of(cls, documents: pd.DataFrame, settings: ReconcileSettings, key: str) -> ReconciledState:
        """`key`: the datasets' build key (`dataset_key`), which covers the synonyms file's bytes."""
        names: dict[str, list[str]] = {}
        for doc_id, source_file in sorted(zip(documents["doc_id"], documents["source_file"])):
            names.setdefault(doc_id, []).append(source_file)
        code = sorted(Path(reconcile.__file__).parent.glob("*.py"))
        key = hashlib.sha256(json.dumps([key, repr(settings), *(p.read_text(encoding="utf-8") for p in code)])
                             .encode()).hexdigest()[:16]
        return cls(key, names)

    @classmethod
    def load(cls, out_dir: Path) -> ReconciledState | None:
        try:
            data = json.loads((out_dir / cls.STATE).read_text(encoding="utf-8"))
            return cls(str(data["key"]), {str(d): list(n) for d, n in data["documents"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, out_dir: Path) -> None:
        write_text_atomic(json.dumps({"key": self.key, "documents": self.documents}, sort_keys=True),
                          out_dir / self.STATE)

    def changed_since(self, last: ReconciledState) -> set[str]:
        """Documents added, removed, edited (a new doc_id) or renamed since `last`."""
        return {d for d in self.documents.keys() | last.documents.keys()
                if self.documents.get(d) != last.documents.get(d)}


def _previous_findings(out_dir: Path, now: ReconciledState) -> tuple[pd.DataFrame | None, ReconciledState | None]:
    """The last run's findings and state, where they can be built on."""
    last = ReconciledState.load(out_dir)
    if last is None or last.key != now.key or not (out_dir / "findings.parquet").is_file():
        return None, None
    try:
        findings = read_dataset(out_dir, "findings")
    except Exception:  # noqa: BLE001 - unreadable: reconcile everything instead
        return None, None
    return (findings, last) if list(findings.columns) == schemas.columns("findings") else (None, None)


def rebuild_report(out_dir: Path, synonyms: Path | None = None) -> int:
    """Findings and report again from the datasets already in OUT; the number of findings. `synonyms`: the
    synonyms file to reconcile with; by default the one the datasets were last reconciled with."""
    reconcile_outputs(out_dir, settings=ReconcileSettings(synonyms_path=synonyms or _remembered_synonyms(out_dir)))
    return len(read_dataset(out_dir, "findings"))


SYNONYMS = ".cache/synonyms_path.txt"


def _remember_synonyms(out_dir: Path, settings: ReconcileSettings) -> None:
    """Which synonyms file the findings in OUT were made with (empty: the shipped one), for `report`."""
    path = settings.synonyms_path
    write_text_atomic(str(Path(path).resolve()) if path is not None else "", out_dir / SYNONYMS)


def _remembered_synonyms(out_dir: Path) -> Path | None:
    """The synonyms file OUT was last reconciled with, if it is still there (None: the shipped one)."""
    try:
        remembered = (out_dir / SYNONYMS).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(remembered) if remembered and Path(remembered).is_file() else None


def summarize(out_dir: Path, extracted: int, cached: int, seconds: float) -> RunSummary:
    """The whole output's counts (not only this run's work), from documents.parquet and findings.parquet."""
    documents = read_dataset(out_dir, "documents")
    unique = documents.drop_duplicates("doc_id")
    failed = documents[documents["status"] != "ok"].sort_values("source_file")
    return RunSummary(
        documents_ok=int((documents["status"] == "ok").sum()),
        failures=[(str(r.source_file), str(r.status), str(r.error or "")) for r in failed.itertuples()],
        figures=int(unique["n_figures"].sum()), tables=int(unique["n_tables"].sum()),
        rankings=int(unique["n_rankings"].sum()), findings=len(read_dataset(out_dir, "findings")),
        seconds=seconds, extracted=extracted, cached=cached,
    )
