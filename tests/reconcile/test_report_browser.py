"""What a person sees: the report opened in headless Chromium (Debian's `chromium`).

Install with `apt-get update && apt-get install -y chromium`; the test skips only when no
Chromium binary can be found.
"""

import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from reconcile import reconcile
from reconcile.consensus import consensus
from reconcile.report import write_report
from reconcile.review import Mark
from tests.conftest import DEV_GOLD
from tests.reconcile.gold import gold_frames

pytestmark = pytest.mark.browser
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def dump_dom(path, profile) -> str:
    if CHROMIUM is None:
        pytest.skip("chromium not found: apt-get update && apt-get install -y chromium")
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=2000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


class Visible(HTMLParser):
    """Text a reader sees, per element of interest."""

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.marks, self.svgs, self.circles, self.summary = [], [], [], 0, 0, []
        self.quote_links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append((tag, attrs))
        self.svgs += tag == "svg"
        self.circles += tag == "circle"
        if tag == "a" and attrs.get("class") == "quote-link":
            self.quote_links.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if any(t in ("style", "title", "script") for t, _ in self.stack):
            return
        self.text.append(data)
        if self.stack and self.stack[-1][0] == "mark":
            self.marks.append(data)
        if any(a.get("id") == "summary" for _, a in self.stack):
            self.summary.append(data.strip())


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    if not (DEV_GOLD / "findings.jsonl").exists():
        pytest.skip("dev gold set not found (../shared)")
    frames = gold_frames(DEV_GOLD)
    findings = reconcile(frames["figures"], frames["rankings"], frames["tables"], frames["documents"])
    out = tmp_path_factory.mktemp("report")
    dismissed = findings["finding_id"].iloc[0]
    marks = {dismissed: Mark("dismissed", "checked with the analyst")}
    write_report(out, findings, frames["figures"], frames["documents"], consensus=consensus(frames["figures"]),
                 marks=marks, raw_dir=DEV_GOLD / "docs")
    visible = Visible()
    visible.feed(dump_dom(out / "reconciliation.html", tmp_path_factory.mktemp("profile")))
    return visible, " ".join(" ".join(visible.text).split())


def test_the_summary_counts_are_shown(page):
    visible, _ = page
    summary = " ".join(t for t in visible.summary if t)
    assert "5 Inconsistencies" in summary and "11 Corroborations" in summary and "0 Conflicts" in summary


def test_a_finding_shows_its_values_and_highlighted_quotes(page):
    visible, text = page
    assert "Inconsistency: pretrained ai model market (2025-2031)" in text
    assert "13.35% to 13.39%" in text and "US$1.29 billion" in text
    assert {"13.2%", "US$ 536 million", "US$ 1,290 million"} <= set(visible.marks)


def test_a_consensus_table_and_chart_of_every_source_over_the_years(page):
    visible, text = page
    assert visible.svgs >= 1 and visible.circles >= 4
    assert "Consensus" in text and "Low Median High Spread" in text and "2024" in text and "2029" in text
    assert "No subject" not in text  # the dev reports' corroborations are two sources each


def test_a_dismissed_finding_shows_its_mark_and_note_at_the_bottom(page):
    visible, text = page
    assert "Review: dismissed : checked with the analyst" in text  # (text nodes joined with a space)
    assert text.rindex("Review: dismissed") > text.rindex("Corroboration:")


def test_every_quote_links_to_its_source_file(page):
    visible, _ = page
    assert visible.marks and len(visible.quote_links) == len(visible.marks)
    assert all(href.endswith(".txt") and not href.startswith(("http", "/")) for href in visible.quote_links)
