# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make run   - set up .venv/ and run the flow on raw/
#   make test  - set up .venv/ and run the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test setup bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,dask]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/reportfacts run --raw raw --out output

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/figures.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/pipeline.py

clean:
	rm -rf $(VENV) output
