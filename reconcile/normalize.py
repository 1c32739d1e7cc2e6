"""The normalize stage: between extraction and the datasets, figures get the keys they are compared by.

Today that is `subject_key` (`reconcile.subjects`: subject, geography, segment and the synonyms file of
the run's settings). It lives beside the rules it applies; the flow calls it between building the run's
frames (`store.incremental.run_frames`) and writing them, so `store` never imports the reconciler.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from reconcile import subjects, year_parts
from reconcile.settings import ReconcileSettings


def normalize_frames(frames: dict[str, pd.DataFrame], settings: ReconcileSettings) -> dict[str, pd.DataFrame]:
    """The run's frames with the figures' normalized keys filled (the other frames as they are)."""
    return {**frames, "figures": subjects.assign_subject_keys(frames["figures"], settings.synonyms_path)}


def normalization_key(settings: ReconcileSettings) -> str:
    """What normalized figures depend on besides the figures: the code of the subject keys (with the parts
    of a year they leave out, `reconcile.year_parts`) and the bytes of the synonyms file in use. Part of
    the datasets' build key, so a change rebuilds every bucket."""
    synonyms = Path(settings.synonyms_path or subjects.DEFAULT_SYNONYMS)
    parts = [_digest(Path(subjects.__file__)), _digest(Path(year_parts.__file__)), _digest(synonyms)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
