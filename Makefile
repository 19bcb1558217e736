# Sleep twitches or seizures? -- one-command set-up, build and test.
#   make book   builds the course into _build/html (creates .venv first)
#   make test   runs every test (installs Debian's chromium for the browser tests when missing)
#   make lab    JupyterLab at the course root, with ipywidgets and nbgrader
#   make bench  runs the benchmark harness and writes benchmarks/RESULTS.md

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
export PATH := $(BIN):$(PATH)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.PHONY: help venv book test test-fast lab bench lint data vendor chromium clean

help:
	@sed -n '2,6p' Makefile | sed 's/^# *//'

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (twitchlab)" >/dev/null
	touch $(STAMP)

## The strict build: a warning, a broken reference or a failing cell fails it (see _config.yml).
## The execution cache is keyed on each notebook's own content, so when the package or the data
## or the book's local extension change (new figures, same notebooks), the cache and Sphinx's
## environment are dropped first.
CODE_HASH = $(shell cat pyproject.toml $$(find src/twitchlab data book/_ext -type f -not -path '*/__pycache__/*' | LC_ALL=C sort) | sha256sum | cut -c1-16)
book: $(STAMP)
	@if [ "$$(cat _build/.code-hash 2>/dev/null)" != "$(CODE_HASH)" ]; then \
	  echo "twitchlab or data/ changed since the last build: executing every page afresh"; \
	  rm -rf _build/.jupyter_cache _build/.doctrees; fi
	$(BIN)/jupyter-book build . --builder html --warningiserror --nitpick --keep-going
	@mkdir -p _build && echo "$(CODE_HASH)" > _build/.code-hash
	@echo "The book is built. Open $(CURDIR)/_build/html/index.html in a browser."

chromium:
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need Debian's chromium on PATH. Install it, then run make test again:"; \
	  echo "    sudo apt-get install chromium"; \
	  exit 1; \
	fi

test: $(STAMP) chromium
	$(BIN)/python -m pytest

## Everything except the browser tests and the slow builds: the quick loop while writing code.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not slow"

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=$(CURDIR)

bench: $(STAMP)
	$(BIN)/python -m benchmarks --write benchmarks/RESULTS.md

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

## Regenerate the teaching data in data/ (byte-identical for the same code).
data: $(STAMP)
	$(BIN)/python -m twitchlab.data

## Refresh the vendored widget manager and require.js from the npm registry (needs npm).
vendor:
	rm -rf $(VENV)/npm && mkdir -p $(VENV)/npm
	cd $(VENV)/npm && npm install --no-audit --no-fund --prefix . @jupyter-widgets/html-manager@1.0.15 requirejs@2.3.8
	cp $(VENV)/npm/node_modules/requirejs/require.js book/_static/vendor/require.js
	cd $(VENV)/npm/node_modules/@jupyter-widgets/html-manager/dist && \
	  cp embed-amd.js *.woff *.woff2 *.ttf *.eot *.svg $(CURDIR)/book/_static/vendor/html-manager/

clean:
	rm -rf _build

-include exercises/exercises.mk
