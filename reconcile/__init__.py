"""Reconciliation: where sources corroborate, contradict, and don't add up."""

from reconcile.findings import reconcile
from reconcile.settings import ReconcileSettings

__all__ = ["ReconcileSettings", "reconcile"]
