"""Reconciliation settings: a validated dataclass that accepts flow parameters and rejects unknown keys."""

from __future__ import annotations

from dataclasses import dataclass, fields
from collections.abc import Mapping
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ReconcileSettings:
    # An "about"/"~" figure may be this far (relative) from its printed value.
    approx_rel_tol: float = 0.05
    # Relative spread between conflicting values: below `medium_spread` is low severity,
    # from `high_spread` up is high.
    medium_spread: float = 0.05
    high_spread: float = 0.25
    # Share of a shorter subject's content words the other subject must contain to corroborate loosely.
    subject_overlap: float = 0.5
    # Also compare the whole subject phrase's words (not only the key's) when corroborating.
    loose_subjects: bool = True
    # Characters between a percentage and the two amounts it is a ratio of ("1% ($0.0001 vs $0.002)").
    ratio_window: int = 80
    # Characters after a total within which its segments are read as its parts.
    parts_window: int = 600
    # Widen the document's own numbers for approximations in its own arithmetic (CAGR, ratios).
    approx_in_arithmetic: bool = False
    synonyms_path: Path | None = None

    def __post_init__(self) -> None:
        for name in ("approx_rel_tol", "medium_spread", "high_spread", "subject_overlap"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"R502 reconcile setting {name} must be between 0 and 1")
        if self.medium_spread > self.high_spread:
            raise ValueError("R502 reconcile setting medium_spread must not exceed high_spread")
        if self.ratio_window < 0 or self.parts_window < 0:
            raise ValueError("R502 reconcile windows must not be negative")

    @classmethod
    def resolve(cls, settings: ReconcileSettings | Mapping[str, Any] | None) -> ReconcileSettings:
        """Settings from an instance, a mapping of flow parameters, or the defaults."""
        if settings is None:
            return cls()
        if isinstance(settings, ReconcileSettings):
            return settings
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(settings) - known)
        if unknown:
            raise ValueError(f"R503 unknown reconcile setting(s): {', '.join(unknown)}")
        values = dict(settings)
        if values.get("synonyms_path") is not None:
            values["synonyms_path"] = Path(values["synonyms_path"])
        return cls(**values)
