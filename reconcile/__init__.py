"""Reconciliation: where sources corroborate, contradict, and don't add up."""

from reconcile.findings import reconcile, reconcile_with_consensus
from reconcile.settings import ReconcileSettings

__all__ = ["ReconcileSettings", "reconcile", "reconcile_with_consensus"]
