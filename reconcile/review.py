"""Reviews that survive reruns: an analyst's marks on findings, in a plain CSV file beside the output.

`OUT/review.csv` has one row per finding: its `finding_id`, what it is about (kind, check, subject,
year, values: for the reader, never read back), and two columns for the analyst, `status`
(`accepted`, `dismissed`, or empty) and `note`. A finding's id is a hash of its kind, check, figures and
values (`model.Finding.finding_id`), so it stays the same across reruns while its figures do not
change. Every run reads the marks, writes the file again with the marks carried over and the
current findings listed (marks on findings that are gone stay at the end, marked `gone`, so a
finding that returns gets its mark back), and the report shows them: dismissed findings drop to the
bottom. A finding whose figures changed has a new id, so it comes back unreviewed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from schemas.atomic import write_text_atomic

REVIEW_FILE = "review.csv"
STATUSES = ("accepted", "dismissed")
COLUMNS = ["finding_id", "status", "note", "kind", "check", "subject", "year", "values", "in_latest_run"]


@dataclass(frozen=True)
class Mark:
    status: str  # accepted, dismissed
    note: str


def read_marks(out_dir: Path) -> dict[str, Mark]:
    """finding_id -> the analyst's mark, from OUT/review.csv (missing file: none). Rows without a known
    status are not marks; an unreadable file raises `ValueError` naming the file (R504)."""
    path = Path(out_dir) / REVIEW_FILE
    if not path.exists():
        return {}
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise ValueError(f"R504 {path}: not a readable review file ({error})") from error
    if "finding_id" not in table.columns or "status" not in table.columns:
        raise ValueError(f"R504 {path}: needs the columns finding_id and status")
    notes = table["note"] if "note" in table.columns else pd.Series([""] * len(table))
    marks = {}
    for finding_id, status, note in zip(table["finding_id"], table["status"], notes):
        status = status.strip().casefold()
        if finding_id.strip() and status in STATUSES:
            marks[finding_id.strip()] = Mark(status, note.strip())
    return marks


def write_review_file(out_dir: Path, findings: pd.DataFrame, marks: dict[str, Mark]) -> None:
    """OUT/review.csv: the current findings in report order with their marks, then marks whose finding
    is gone (kept, so a finding that comes back keeps its mark)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    current = set(findings["finding_id"])
    columns = (findings[c].tolist() for c in ("finding_id", "kind", "check", "subject_key", "year", "values"))
    for finding_id, kind, check, subject, year, values in zip(*columns):  # column-wise: thousands of rows
        mark = marks.get(finding_id)
        writer.writerow([finding_id, mark.status if mark else "", mark.note if mark else "", kind, check,
                         subject if isinstance(subject, str) else "",
                         "" if pd.isna(year) else int(year), " ".join(repr(float(v)) for v in values), "yes"])
    for finding_id, mark in marks.items():
        if finding_id not in current:
            writer.writerow([finding_id, mark.status, mark.note, "", "", "", "", "", "gone"])
    write_text_atomic(buffer.getvalue(), Path(out_dir) / REVIEW_FILE)


def reviewed_order(findings: pd.DataFrame, marks: dict[str, Mark]) -> pd.DataFrame:
    """The findings in report order with dismissed ones moved to the bottom (in their order)."""
    if findings.empty or not marks:
        return findings
    dismissed = findings["finding_id"].map(lambda i: i in marks and marks[i].status == "dismissed")
    return pd.concat([findings[~dismissed], findings[dismissed]])
