"""The report files: what they say, that they load nothing, and that document text stays text."""

import re

import pandas as pd
import pytest

import schemas
from reconcile import reconcile
from reconcile.consensus import consensus
from reconcile.model import Finding
from reconcile.report import md_escape, write_report
from tests.reconcile.frames import figure, figures

EVIL = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"


@pytest.fixture
def report(tmp_path):
    sentence = f"{EVIL} The market was US$10.7 billion in 2024 | *per* CIC."
    figs = figures(figure("a.txt", "US$10.7 billion", 10.7e9, sentence=sentence, start=100),
                   figure("b.txt", "US$12.0 billion", 12e9, page=3),
                   figure("b.txt", "US$30.0 billion", 30e9, year=2029, start=300),
                   figure("a.txt", "US$31.0 billion", 31e9, year=2029, start=400))
    findings = reconcile(figs, schemas.empty("rankings"), schemas.empty("tables"), schemas.empty("documents"))
    markdown = write_report(tmp_path, findings, figs, schemas.empty("documents"),
                            consensus=consensus(figs), raw_dir=tmp_path / "raw")
    return tmp_path, markdown, findings


def test_both_files_are_written_and_the_markdown_is_returned(report):
    out, markdown, findings = report
    assert (out / "reconciliation.md").read_text(encoding="utf-8") == markdown
    assert "| Conflicts | 2 |" in markdown and len(findings) == 2
    assert "**US$10.7 billion**" in markdown  # the quote highlighted in its sentence
    assert not list(out.glob(".*.tmp"))


def test_html_is_self_contained_and_escapes_document_text(report):
    html = (report[0] / "reconciliation.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)""", html)
    assert "<link" not in html and "@import" not in html
    assert html.count("<svg") == 1  # one subject with values from two sources: its consensus chart
    assert "<mark>US$10.7 billion</mark>" in html


def test_markdown_escapes_document_text(report):
    markdown = report[1]
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert r"\| \*per\* CIC" in markdown


def test_md_escape_keeps_spacing_but_not_markup():
    assert md_escape(" a|b <i>x</i> ") == r" a\|b &lt;i&gt;x&lt;/i&gt; "


@pytest.mark.parametrize("text", ["~~~.txt", "```.md", "- a.txt", "+ a.txt", "1. a.txt", "2) a.txt", "===",
                                  "[x](http://e.com)", "# title", "> quoted"])
def test_document_text_at_the_start_of_a_line_stays_text(text):
    import markdown_it

    rendered = markdown_it.MarkdownIt().render(f"{md_escape(text)} says 10%\n\nnext paragraph\n")
    assert rendered.count("<p>") == 2 and "<pre" not in rendered and "<code" not in rendered
    assert not any(tag in rendered for tag in ("<ul", "<ol", "<h1", "<h2", "<a ", "<blockquote"))


def test_a_file_named_like_a_code_fence_does_not_swallow_the_report(tmp_path):
    import markdown_it

    figs = figures(figure("a.txt", "US$10.7 billion", 10.7e9), figure("b.txt", "US$12.0 billion", 12e9))
    figs["source_file"] = ["~~~.txt", "1. b.txt"]
    findings = reconcile(figs, schemas.empty("rankings"), schemas.empty("tables"), schemas.empty("documents"))
    markdown = write_report(tmp_path, findings, figs, schemas.empty("documents"), consensus=consensus(figs))
    rendered = markdown_it.MarkdownIt().enable("table").render(markdown)
    assert "<pre" not in rendered and "<h2>Consensus</h2>" in rendered


def test_values_read_as_an_analyst_writes_them_with_source_links_and_publishers(report, tmp_path):
    out, markdown, _ = report
    html = (out / "reconciliation.html").read_text(encoding="utf-8")
    for text in (markdown, html):
        assert "e+" not in text and "nan" not in text.replace("nano", "")
        assert "US$10.7 billion" in text and "US$12 billion" in text
    assert "(<raw/a.txt>)" in markdown and 'href="raw/b.txt"' in html  # relative to the report


def test_a_pdf_quote_links_to_its_page(tmp_path):
    figs = figures(figure("a.txt", "US$10.7 billion", 10.7e9), figure("b.txt", "US$12.0 billion", 12e9, page=3))
    figs["source_file"] = ["a.txt", "deck.pdf"]
    findings = reconcile(figs, schemas.empty("rankings"), schemas.empty("tables"), schemas.empty("documents"))
    write_report(tmp_path, findings, figs, schemas.empty("documents"), raw_dir=tmp_path / "reports")
    assert 'href="reports/deck.pdf#page=3"' in (tmp_path / "reconciliation.html").read_text(encoding="utf-8")


def test_hints_are_listed_below_real_conflicts(tmp_path):
    from reconcile.findings import findings_frame

    found = [Finding(kind="conflict", check="cagr_implied_value", severity="high", explanation="a hint",
                     subject_key="widget", metric="market_size", year=2024, values=[1.0]),
             Finding(kind="conflict", check="cross_source", severity="low", explanation="a real conflict",
                     subject_key="widget", metric="market_size", year=2024, values=[2.0])]
    markdown = write_report(tmp_path, findings_frame(found), schemas.empty("figures"), schemas.empty("documents"))
    assert markdown.index("a real conflict") < markdown.index("a hint")


def test_the_consensus_section_has_a_table_per_subject(report):
    markdown = report[1]
    assert "## Consensus" in markdown
    section = markdown[markdown.index("## Consensus"):]
    assert "| 2024 | 2 | US$10.7 billion | US$11.3 billion | US$12 billion | 12.1% |" in section  # low, median, high
    assert "No subject" not in markdown


def test_a_finding_quotes_at_most_max_sources_and_counts_the_rest(tmp_path):
    from reconcile.report import MAX_SOURCES

    docs = [f"d{i}.txt" for i in range(MAX_SOURCES + 3)]
    one = figures(figure("a.txt"))
    many = pd.concat([one.assign(figure_id=f"{d}:0", doc_id=d, source_file=d) for d in docs], ignore_index=True)
    findings = reconcile(many, schemas.empty("rankings"), schemas.empty("tables"), schemas.empty("documents"))
    assert list(findings["kind"]) == ["corroboration"] and len(findings.iloc[0]["figure_ids"]) == len(docs)
    markdown = write_report(tmp_path, findings, many, schemas.empty("documents"))
    html = (tmp_path / "reconciliation.html").read_text(encoding="utf-8")
    assert markdown.count("**US$10.7 billion**") == MAX_SOURCES and html.count("<mark>") == MAX_SOURCES
    assert "and 3 more sources" in markdown and "and 3 more sources" in html


def test_the_report_lists_the_most_severe_findings_of_each_kind_and_counts_the_rest(tmp_path):
    from reconcile.findings import findings_frame
    from reconcile.model import Finding
    from reconcile.report import MAX_LISTED

    def finding(kind, severity, i):
        return Finding(kind=kind, check="cross_source", severity=severity, explanation=f"{kind} number {i}",
                       subject_key=f"subject {i:03d}", metric="market_size", year=2024, values=[float(i)])

    found = [finding("conflict", "high" if i < 3 else "low", i) for i in range(MAX_LISTED + 7)]
    found += [finding("corroboration", "info", i) for i in range(4)]
    markdown = write_report(tmp_path, findings_frame(found), schemas.empty("figures"), schemas.empty("documents"))
    html = (tmp_path / "reconciliation.html").read_text(encoding="utf-8")
    assert markdown.count("Conflict (") == MAX_LISTED and markdown.count("Corroboration (") == 4
    assert markdown.count("Conflict (high)") == 3  # the most severe are the ones listed
    assert "Not listed here, as the least severe of their kind: Conflicts 7." in markdown
    assert html.count('<article class="finding conflict"') == MAX_LISTED and "Conflicts 7" in html
    assert f"| Conflicts | {MAX_LISTED + 7} |" in markdown  # the summary counts every finding
