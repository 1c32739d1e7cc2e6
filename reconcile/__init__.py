"""Reconciliation: where sources corroborate, contradict, and don't add up."""

from reconcile.findings import reconcile

__all__ = ["reconcile"]
