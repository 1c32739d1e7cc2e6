"""The extractor version: bump it whenever extraction output can change, so cached results are redone."""

EXTRACTOR_VERSION = "0.5.6"
