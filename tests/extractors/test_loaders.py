"""Loaders and decoders on real bytes."""

from __future__ import annotations

import pytest

from extractors import loaders
from extractors.errors import DocumentError

TEXT = "Le marché a atteint US$10.7 billion en 2024 — “vite”, naïve café."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_decode_text_round_trips(encoding):
    assert loaders.decode_text(TEXT.encode(encoding)) == TEXT


def test_latin1_without_cp1252_only_bytes():
    text = "Café naïve: 12% in 2024"
    assert loaders.decode_text(text.encode("latin-1")) == text


def test_nul_bytes_are_removed():
    assert loaders.decode_text(b"a 12%\x00 b\n") == "a 12% b\n"


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n", "empty"), (bytes(range(32)) * 50, "binary")])
def test_unreadable_text_says_why(data, reason):
    with pytest.raises(DocumentError) as info:
        loaders.decode_text(data)
    assert reason in info.value.reason


def test_discover_finds_reports_in_stable_order(tmp_path):
    for name in ["b.txt", "a.md", "sub/c.html", "d.pdf", "notes.docx", "chart.png", ".hidden.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    names = [loaders.relative_name(p, tmp_path) for p in loaders.discover(tmp_path)]
    assert names == ["a.md", "b.txt", "d.pdf", "notes.docx", "sub/c.html"]


def test_supported_suffixes_are_the_formats_the_loaders_read():
    assert {".txt", ".md", ".html", ".pdf", ".docx", ".pptx", ".xlsx"} <= loaders.SUPPORTED_SUFFIXES
    assert ".png" not in loaders.SUPPORTED_SUFFIXES and ".csv" not in loaders.SUPPORTED_SUFFIXES


def test_html_tables_are_kept_as_tables(tmp_path):
    page = tmp_path / "r.html"
    page.write_text(
        "<html><head><script>alert(1)</script></head><body><h1>Market</h1>"
        "<p>The market reached US$1.2 billion in 2024.</p>"
        "<table><caption>Top vendors</caption><tr><th>Rank</th><th>Company</th></tr>"
        "<tr><td>1</td><td>Acme &amp; Co</td></tr></table><p>After.</p></body></html>"
    )
    doc = loaders.load(page, tmp_path)
    text = doc.pages[0].text
    assert "alert" not in text and "US$1.2 billion in 2024." in text
    (table,) = doc.tables
    assert table.rows == (("Rank", "Company"), ("1", "Acme & Co"))
    assert table.title == "Top vendors"
    assert text[table.char_start:table.char_end] == "Rank\tCompany\n1\tAcme & Co"


def test_symlink_outside_raw_is_skipped(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (tmp_path / "secret.txt").write_text("private 12%")
    (raw / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(DocumentError) as info:
        loaders.load(raw / "link.txt", raw)
    assert info.value.status == "skipped"
