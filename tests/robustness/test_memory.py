"""A 50 MB text report is read and processed within the memory target, measured in a child process.

Target: peak resident memory of the process at most 1 GiB for a 50 MB text file (text is held once as
bytes and once as str while decoding; everything after works on the str).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.document import DEFAULT_TIME_LIMIT
from tests.robustness.bad_files import GOOD_SENTENCE

ROOT = Path(__file__).resolve().parents[2]
SIZE = 50 * 1024 * 1024
TARGET_MB = 1024

_CHILD = """
import json, sys
from pathlib import Path
from extractors import loaders
from extractors.document import extract_document
path, raw, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
# VmHWM, not ru_maxrss: Linux carries the parent's (pytest's) peak across fork+exec into ru_maxrss.
def peak_mb():
    return int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) // 1024
before = peak_mb()
if mode == "load":
    doc = loaders.load(path, raw)
    out = {"chars": len(doc.text), "status": "ok"}
else:
    result = extract_document(path, raw, time_limit=float(sys.argv[4]))
    out = {"status": result.status, "error": result.error, "figures": len(result.figures)}
out.update(before_mb=before, peak_mb=peak_mb())
print(json.dumps(out))
"""


def _report(tmp_path: Path, encoding: str) -> Path:
    paragraph = (GOOD_SENTENCE + " Shipments rose 4.5% to 2.1 million units; prices fell.\n"
                 + "Analysts expect steady demand from industrial buyers over the coming years.\n" * 8 + "\n")
    path = tmp_path / f"big-{encoding}.txt"
    path.write_bytes((paragraph * (SIZE // len(paragraph) + 1)).encode(encoding)[:SIZE])
    return path


def _child(*args: str, timeout: float) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_50_mb_text_file_loads_within_the_memory_target(tmp_path, encoding):
    path = _report(tmp_path, encoding)
    measured = _child(str(path), str(tmp_path), "load", timeout=300)
    assert measured["chars"] >= SIZE - 1
    assert measured["peak_mb"] <= TARGET_MB, measured


@pytest.mark.slow
def test_a_50_mb_text_file_is_processed_within_the_memory_target(tmp_path):
    # Figure-dense text (~280,000 figures): about 90 s on a quiet 2-core machine, inside the default limit.
    path = _report(tmp_path, "utf-8")
    measured = _child(str(path), str(tmp_path), "extract", str(DEFAULT_TIME_LIMIT), timeout=900)
    assert measured["peak_mb"] <= TARGET_MB, measured
    assert measured["status"] == "ok" and measured["figures"] > 0, measured
