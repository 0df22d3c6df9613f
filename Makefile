# site_builder: `make serve` builds and previews the shipped lab site; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# `make import LISTING=file [AS_OF=YYYY-MM-DD]`: a listing (or a .bib) into content/papers/.
LISTING ?=
AS_OF ?=
PORT ?= 8000

.PHONY: install install-test import build serve check test lint bench bench-pieces audit clean

$(BIN)/site-builder: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

install: $(BIN)/site-builder

$(VENV)/.test-deps: $(BIN)/site-builder
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The Nu Html Checker and axe-core, pinned in package-lock.json (test tools, not part of sites).
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

install-test: $(VENV)/.test-deps node_modules/.package-lock.json

import: install
	@test -n "$(LISTING)" || { echo "say which file: make import LISTING=listing.txt [AS_OF=YYYY-MM-DD]" >&2; exit 2; }
	$(BIN)/site-builder import $(LISTING) $(if $(AS_OF),--as-of $(AS_OF))

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

# Against Hugo written the fast way, at 1,000 and 10,000 papers (needs `apt-get install hugo`).
bench: install
	$(BIN)/python benchmarks/run.py

# What each piece of the speed layer buys, with it and without it (SIZE=10000 for the large site).
SIZE ?= 1000
bench-pieces: install
	$(BIN)/python benchmarks/pieces.py --size $(SIZE)

# Lighthouse on the home and a paper page (an audit, not a test): scores in all four categories.
audit: build
	$(BIN)/python benchmarks/audit.py

clean:
	rm -rf _site .pytest_cache benchmarks/.work
