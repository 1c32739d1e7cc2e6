"""The reportfacts pipeline as a Prefect flow, and its command line.

Prefect settings are given defaults here, before Prefect is imported: an
embedded temporary server, no analytics (there is no network), and only
warnings on the console so a successful run shows the progress bar and the
summary, not orchestration logs.
"""

import os

for _key, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "ERROR",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_CLI_PROMPT": "false",
    "DASK_LOGGING__DISTRIBUTED": "error",
}.items():
    os.environ.setdefault(_key, _value)
