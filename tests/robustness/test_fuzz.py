"""Fuzzing: random bytes through the loaders in every format, random report-like text through the extractors.

Invariants: never an unhandled exception (a bad file is a `DocumentError` with a coded one-line reason),
`page.text[char_start:char_end] == quote`, finite values, and frames valid under the output schemas.
"""

from __future__ import annotations

import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import schemas
from extractors import loaders
from extractors.document import extract, extract_document
from extractors.errors import DocumentError
from extractors.model import Document, Page
from store.datasets import build_frames
from tests.robustness.bad_files import pdf_bytes

FUZZ = settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.function_scoped_fixture])
REASON = re.compile(r"^E1\d\d [^\n]+$")

WORDS = ["The", "global", "market", "reached", "US$", "10.7", "billion", "in", "2024", "CAGR", "of", "12.5%",
         "from", "2019", "to", "2029", ",", ".", "\n", "\t", "|", "rank", "1", "Acme", "share", "€", "3,200",
         "million", "~", "-", "–", "(", ")", "about", "over", "10x", "per", "year", "Source:", "Note:", "%",
         "2,345,678", "0.5", "1st", "largest", "company", "#", "---", "é", "市场", "\u00a0", "\x00"]
report_text = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=120).map("".join),
    st.text(max_size=400),
)


def _check_document_result(result) -> None:
    if result.status == "ok":
        assert result.error is None
    else:
        assert REASON.match(result.error), result.error


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".pdf"]))
def test_loaders_survive_random_bytes(tmp_path_factory, data, suffix):
    raw = tmp_path_factory.mktemp("raw")
    path = raw / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        doc = loaders.load(path, raw)
    except DocumentError as exc:
        assert REASON.match(exc.reason), exc.reason
    else:
        assert all("\x00" not in p.text for p in doc.pages)
    _check_document_result(extract_document(path, raw))


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10_000), flips=st.lists(st.integers(0, 10_000), max_size=8))
def test_damaged_pdfs_fail_cleanly(tmp_path_factory, cut, flips):
    data = bytearray(pdf_bytes())
    for at in flips:
        data[at % len(data)] ^= 0xFF
    raw = tmp_path_factory.mktemp("raw")
    (raw / "damaged.pdf").write_bytes(bytes(data[: max(1, cut % (len(data) + 1))]))
    _check_document_result(extract_document(raw / "damaged.pdf", raw))


@FUZZ
@given(text=report_text, fmt=st.sampled_from(["txt", "md"]))
def test_extractors_keep_their_invariants_on_random_text(text, fmt):
    doc = Document("0" * 64, f"fuzz.{fmt}", fmt, (Page(None, text),))
    result = extract(doc)
    for f in result.figures:
        assert text[f.char_start:f.char_end] == f.quote and f.quote
        assert math.isfinite(f.value) and (f.value_high is None or math.isfinite(f.value_high))
    for entry in result.rankings:
        assert entry.value is None or math.isfinite(entry.value)
    for name, frame in build_frames([result]).items():
        schemas.validate(frame, name)  # raises on any invalid row


@FUZZ
@given(pages=st.lists(report_text, min_size=1, max_size=3))
def test_pdf_like_pages_keep_their_invariants(pages):
    doc = Document("1" * 64, "fuzz.pdf", "pdf", tuple(Page(i + 1, t) for i, t in enumerate(pages)))
    result = extract(doc)
    for f in result.figures:
        assert pages[f.page - 1][f.char_start:f.char_end] == f.quote
        assert math.isfinite(f.value)
    for name, frame in build_frames([result]).items():
        schemas.validate(frame, name)
