# Two entry points for people (see README): `make site` builds the site, `make test` runs every test.
# Each creates .venv and installs exactly the locked dependencies first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site validate test test-fast lint format serve lock clean browser benchmark

# Browser tests drive Debian's Chromium (browsers cannot be downloaded by test tools here).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: requirements/site.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/site.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.site-installed

# ENGINE=zensical builds the same site with Zensical instead of MkDocs + Material (README, Site engines).
ENGINE ?= mkdocs
site: $(VENV)/.site-installed
	$(BIN)/transparency build --engine $(ENGINE)

# FORMAT=github writes workflow annotations on the offending lines (the pull-request workflow uses it).
FORMAT ?= text
validate: $(VENV)/.site-installed
	$(BIN)/transparency validate --format $(FORMAT)

serve: $(VENV)/.site-installed
	$(BIN)/transparency serve --engine $(ENGINE)

browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

test: $(VENV)/.dev-installed browser
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/python -m pytest

# The quick loop while changing code: every test not marked slow (no whole-site builds, MkDocs,
# Chromium, separate processes or benchmark), in under a minute. `make test` runs them all.
test-fast: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -m "not slow"

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check generator tests benchmarks

format: $(VENV)/.dev-installed
	$(BIN)/ruff format generator tests benchmarks
	$(BIN)/ruff check --fix generator tests benchmarks

# Optional: time the build on synthetic England-scale data (benchmarks/README.md). SCALE=1 is England's
# 153 councils; results go to benchmarks/results/scale-$(SCALE).md and .json.
SCALE ?= 1
benchmark: $(VENV)/.site-installed
	$(BIN)/python -m benchmarks.run --scale $(SCALE)

# Re-resolve the lock files after changing dependencies in pyproject.toml.
lock: $(VENV)/.dev-installed
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements/site.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra test -o requirements/dev.lock pyproject.toml

clean:
	rm -rf $(VENV) site build .pytest_cache .ruff_cache
