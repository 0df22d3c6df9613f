# site_builder: `make serve` builds and previews the shipped lab site; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LISTING ?= seed/listing.txt
AS_OF ?= 2026-11-27
PORT ?= 8000

.PHONY: install install-test import build serve check test lint bench clean

$(BIN)/site-builder: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

install: $(BIN)/site-builder

$(VENV)/.test-deps: $(BIN)/site-builder
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install-test: $(VENV)/.test-deps

import: install
	$(BIN)/site-builder import $(LISTING) --as-of $(AS_OF)

build: install
	$(BIN)/site-builder build

serve: install
	$(BIN)/site-builder serve --port $(PORT)

check: install
	$(BIN)/site-builder check

test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _site .pytest_cache
