"""Text written to break a browser appears in reconciliation.html as text: no script runs, the text is visible."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import reconcile
from extractors.document import extract_document
from reconcile.normalize import normalize_frames
from reconcile.report import write_report
from reconcile.settings import ReconcileSettings
from store.datasets import build_frames

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Every payload would change the page if it ran: the title, a new element, an attribute.
PAYLOAD = (
    '<script>document.title="PWNED";document.body.insertAdjacentHTML("beforeend","<div id=pwned></div>")</script>'
    ' <img src=x onerror="document.body.setAttribute(\'data-pwned\',\'1\')">'
    ' <svg onload="document.title=\'PWNED\'"></svg>'
    ' <a href="javascript:document.title=\'PWNED\'">read more</a>'
    ' &amp; &lt;b&gt;bold&lt;/b&gt; &#60;i&#62;'
)
HOSTILE_NAME = 'javascript:document.title=\'PWNED\';void(0)/<img src=x onerror="document.title=1">.txt'


def _write_hostile_reports(raw: Path) -> None:
    first = raw / HOSTILE_NAME
    first.parent.mkdir(parents=True)
    first.write_text(f"Widgets {PAYLOAD}\n\nThe global widget market reached US$10.7 billion in 2024 {PAYLOAD}.\n")
    (raw / "b.txt").write_text(f"Other view\n\nThe global widget market reached US$14.2 billion in 2024 {PAYLOAD}.\n")


def _render(raw: Path, out: Path) -> Path:
    """The real extract -> frames -> reconcile -> report path, without the orchestration."""
    results = [extract_document(p, raw) for p in sorted(q for q in raw.rglob("*") if q.is_file())]
    frames = normalize_frames(build_frames(results), ReconcileSettings())
    figures = frames["figures"]
    findings = reconcile.reconcile(figures, frames["rankings"], frames["tables"], frames["documents"])
    assert len(findings), "the two hostile reports should disagree, so their sentences are in the report"
    write_report(out, findings, figures, frames["documents"], frames["rankings"])
    return out / "reconciliation.html"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, dict(attrs)))


def _elements(dom: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(dom)
    return parser.found


def _dump_dom(page: Path, profile: Path) -> str:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               "--virtual-time-budget=3000", "--dump-dom", page.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_report_source_escapes_every_payload(tmp_path):
    _write_hostile_reports(tmp_path / "raw")
    page = _render(tmp_path / "raw", tmp_path / "out").read_text()
    for tag in ("<script>document.title", "<img src=x", "<svg onload", '<a href="javascript:', "<div id=pwned"):
        assert tag not in page
    assert html.escape("<script>document.title=", quote=False) in page
    assert "US$10.7 billion" in page and "US$14.2 billion" in page


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install -y chromium)")
def test_no_script_runs_in_the_browser_and_the_text_is_visible(tmp_path):
    _write_hostile_reports(tmp_path / "raw")
    page = _render(tmp_path / "raw", tmp_path / "out")
    title = re.search(r"<title>(.*?)</title>", page.read_text(), re.S).group(1)
    dom = _dump_dom(page, tmp_path / "profile")
    assert re.search(r"<title>(.*?)</title>", dom, re.S).group(1) == title != "PWNED"
    elements = _elements(dom)
    assert not [e for e in elements if e[0] == "div" and e[1].get("id") == "pwned"]
    assert not [e for e in elements if "data-pwned" in e[1]]
    assert not [e for e in elements if any(k.startswith("on") for k in e[1])]  # no event handlers at all
    assert not [e for e in elements if (e[1].get("href") or "").strip().lower().startswith("javascript:")]
    # The payload is there as text: escaped in the serialized DOM, i.e. text nodes, not elements.
    assert "&lt;script&gt;document.title=" in dom and "&lt;a href=" in dom
    assert "US$10.7 billion" in dom and "US$14.2 billion" in dom
