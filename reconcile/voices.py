"""Who says a number, and when: a figure's source, and whether two figures are two voices or one revising itself.

A figure's **source** is the firm it is attributed to (`figures.publisher`, the
research firm its sentence cites), else its document's publisher, else the
document itself. Two figures are compared (agree or conflict) when they are two
voices: two sources, or one source quoted in two documents of the same printed month
(two reports of one release), or of no printed date at all. One source in two documents
of different printed dates, or in a dated release and a copy that prints no date, is a
**revision** (a preliminary and a final release, two editions of a forecast; a copy without
a date beside a dated release is taken as the other edition): never a conflict, listed as
such. One source in one document disagreeing with itself is the document's own
inconsistency, not a conflict between sources.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

# Words a firm's name may carry or drop without naming another firm ("Synergy Research Group", "Synergy").
_FIRM_SUFFIXES = {"inc", "ltd", "llc", "plc", "corp", "corporation", "co", "gmbh", "group", "research", "the"}
_WORD = re.compile(r"[^\W_]+")
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})")


def source_key(name: object) -> str | None:
    """A firm's name as compared: lower case, without punctuation and legal or generic suffix words."""
    if not isinstance(name, str) or not name.strip():
        return None
    words = _WORD.findall(unicodedata.normalize("NFKC", name).casefold())
    kept = [w for w in words if w not in _FIRM_SUFFIXES]
    return " ".join(kept or words) or None


def month_of(published: object) -> str | None:
    """A printed date to the month ("2025-01"), the precision two editions differ by; None when the date
    is missing or only a year."""
    if published is None or published is pd.NaT:
        return None
    if isinstance(published, pd.Timestamp):
        return None if pd.isna(published) else published.strftime("%Y-%m")
    if hasattr(published, "strftime"):
        return published.strftime("%Y-%m")
    m = _DATE.match(str(published))
    return f"{m[1]}-{m[2]}" if m else None


def sources(figures: pd.DataFrame, documents: pd.DataFrame | None) -> dict[str, list]:
    """cmp_source (the source's key), cmp_source_name (as printed), cmp_published (the document's month),
    cmp_voice (source and document) and cmp_publisher (the document's publisher) per figure."""
    doc_publisher: dict = {}
    doc_month: dict = {}
    if documents is not None and len(documents):
        unique = documents.drop_duplicates("doc_id")
        if "publisher" in unique.columns:
            doc_publisher = dict(zip(unique["doc_id"], unique["publisher"]))
        if "published" in unique.columns:  # the printed date, where the extractor read one
            doc_month = {d: month_of(p) for d, p in zip(unique["doc_id"], unique["published"])}
    cited = figures["publisher"].tolist() if "publisher" in figures.columns else [None] * len(figures)
    names, keys, months, voices, outlets = [], [], [], [], []
    known: dict[object, str | None] = {}  # source_key per distinct name: a corpus repeats a few firms

    def key_of(name: object) -> str | None:
        if name not in known:
            known[name] = source_key(name)
        return known[name]

    said: dict[tuple, tuple] = {}  # per distinct (document, cited firm): a document cites a few firms

    def voice_of(doc_id: object, firm: object) -> tuple:
        firm = firm if isinstance(firm, str) else None
        name = firm if key_of(firm) else doc_publisher.get(doc_id)
        name = name if isinstance(name, str) else None
        key = key_of(name) or f"document {doc_id}"
        outlet = key_of(doc_publisher.get(doc_id) if isinstance(doc_publisher.get(doc_id), str) else None)
        return (name if key_of(name) else None, key, doc_month.get(doc_id), f"{key}\x1f{doc_id}",
                outlet or f"document {doc_id}")

    for doc_id, firm in zip(figures["doc_id"].tolist(), cited):
        pair = (doc_id, firm)
        if pair not in said:
            said[pair] = voice_of(doc_id, firm)
        name, key, month, voice, outlet = said[pair]
        names.append(name)
        keys.append(key)
        months.append(month)
        voices.append(voice)
        outlets.append(outlet)
    return {"cmp_source": keys, "cmp_source_name": names, "cmp_published": months, "cmp_voice": voices,
            "cmp_publisher": outlets}


def two_voices(a, b) -> bool:
    """Rows a and b are compared as two sources: different voices, and not one source's revision."""
    return a.cmp_voice != b.cmp_voice and not revision(a, b)


def revision(a, b) -> bool:
    """One source's numbers from two documents of different printed months, or a dated and an undated one."""
    return a.cmp_source == b.cmp_source and a.doc_id != b.doc_id and a.cmp_published != b.cmp_published
