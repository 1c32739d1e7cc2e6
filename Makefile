# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run   - set up .venv/ and run the flow on raw/
#   make test  - set up .venv/ and run the linters (ruff, mypy), then the test suite
#   make wheel - build dist/reportfacts-VERSION-py3-none-any.whl (templates, patterns and synonyms inside)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint setup bench bench-startup wheel clean chromium

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,dask]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/reportfacts run --raw raw --out output

test: lint chromium
	$(BIN)/python -m pytest

# Style and types, as configured in pyproject.toml; a finding fails `make test` and so CI.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# The report's browser tests drive Debian's headless Chromium; install it when missing (needs root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] \
	  && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium could not be installed: the browser tests will say so"

bench: $(STAMP)
	$(BIN)/python bench/figures.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/pipeline.py

# One-file rerun against full run at 1,000 documents, as a shell sees them (a few minutes).
bench-startup: $(STAMP)
	$(BIN)/python bench/startup.py

wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w dist .

clean:
	rm -rf $(VENV) output dist build
