# Villes pairs · Partnerstädte — two commands on a fresh clone: `make site`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test test-fast serve check bench lint typecheck schemas sources clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

site: $(VENV)/.installed       ## build both languages and the kits into site/
	$(BIN)/python -m builder build

check: $(VENV)/.installed      ## validate the content (exit 1 on errors)
	$(BIN)/python -m builder check

serve: $(VENV)/.installed      ## live preview on http://127.0.0.1:8000/
	$(BIN)/python -m builder serve

test: $(VENV)/.installed-test  ## the whole suite (browser tests skip without Chromium; fail in CI)
	$(BIN)/python -m pytest

test-fast: $(VENV)/.installed-test  ## the suite without the browser tests (a few minutes)
	$(BIN)/python -m pytest -m "not browser"

lint: $(VENV)/.installed-test  ## ruff: lint rules and formatting
	$(BIN)/ruff check builder tests bench
	$(BIN)/ruff format --check builder tests bench

typecheck: $(VENV)/.installed-test  ## mypy --strict (settings in pyproject.toml)
	$(BIN)/python -m mypy builder

bench: $(VENV)/.installed-test ## benchmark 100 → 5,000 case studies (see BENCHMARKS.md)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python -m bench

sources: $(VENV)/.installed  ## research/SOURCES.md from the case studies
	$(BIN)/python -m builder sources

schemas: $(VENV)/.installed  ## JSON Schemas and the Markdown field reference, from the model
	$(BIN)/python -m builder schema

clean:
	rm -rf site .cache
