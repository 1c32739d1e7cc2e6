"""Figures: every number in a report's prose, with what it measures.

Entry point: `extract_figures(doc, skip)`; `skip` holds, per page, the spans
of tables, whose numbers are table cells and not figures.
"""

from __future__ import annotations

import re

from extractors.model import Document, Figure

_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
           "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_CURRENCIES = {"us$": "USD", "us\\$": "USD", "usd": "USD", "$": "USD", "\\$": "USD", "€": "EUR", "eur": "EUR",
               "rmb": "CNY", "cny": "CNY", "¥": "CNY", "£": "GBP", "gbp": "GBP"}
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONEY = re.compile(
    rf"(?P<cur>US\\?\$|USD|\\?\$|€|EUR|RMB|CNY|¥|£|GBP)\s?(?P<num>{_NUMBER})"
    rf"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[KMB])\b)?",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"(?P<num>{_NUMBER})\s?%")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])|\n+")


def extract_figures(doc: Document, skip: dict[int | None, list[tuple[int, int]]] | None = None) -> list[Figure]:
    figures: list[Figure] = []
    for page in doc.pages:
        spans = (skip or {}).get(page.number, [])
        for start, end in _sentences(page.text):
            sentence = page.text[start:end]
            for figure in _sentence_figures(sentence, start, page.number):
                if not any(s <= figure.char_start < e for s, e in spans):
                    figures.append(figure)
    return figures


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _sentence_figures(sentence: str, offset: int, page: int | None) -> list[Figure]:
    years = [int(y) for y in _YEAR.findall(sentence)]
    out: list[Figure] = []
    for m in _MONEY.finditer(sentence):
        scale = _SCALES.get((m.group("scale") or "").lower(), 1.0)
        value = _number(m.group("num")) * scale
        currency = _CURRENCIES[m.group("cur").lower()]
        year = _year_after(sentence, m.end(), years)
        out.append(Figure(page, offset + m.start(), offset + m.end(), m.group(0), sentence, "market_size"
                          if "market" in sentence.lower() else "other", value, currency, year=year,
                          rule="money"))
    for m in _PERCENT.finditer(sentence):
        is_cagr = "cagr" in sentence.lower() or "compound annual" in sentence.lower()
        period = years[:2] if is_cagr and len(years) >= 2 else [None, None]
        out.append(Figure(page, offset + m.start(), offset + m.end(), m.group(0), sentence,
                          "cagr" if is_cagr else "other_percent", _number(m.group("num")), "percent",
                          period_start=period[0], period_end=period[-1], rule="percent"))
    return out


def _year_after(sentence: str, pos: int, years: list[int]) -> int | None:
    m = _YEAR.search(sentence, pos, min(len(sentence), pos + 20))
    return int(m.group(1)) if m else None
