# U.S.–Mexico relations in the López Obrador era: build, test and data targets.
# `make help` lists them. Everything runs inside .venv, created from requirements.lock.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
RAW ?=
BUILD := _build
WORK := $(BUILD)/work
JB_FLAGS := -W -n --keep-going
PYTEST_FLAGS ?=
# Test files run on two workers (pytest-xdist), each file whole on one worker (module fixtures run once).
TEST_JOBS ?= 2

.PHONY: help setup data validate book book-clean test browser-deps bench snapshots release site pdf lock clean lab chapter

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-11s %s\n", $$1, $$2}'
	@echo "  Variables: RAW=/path/to/raw (derive or check data/ from another copy of the raw files), PYTHON=python3.11, VERBOSE=1 (tracebacks),"
	@echo "             NAME=trade (make chapter), LAB_ARGS='--no-browser --ServerApp.port=8890' (make lab)"

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]' \
	  || { echo "Python 3.11 is required: run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the locked dependencies into $(VENV) ..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP) ## Create .venv and install the locked dependencies

data: $(STAMP) ## Re-derive data/ from the raw snapshots in raw/ (or RAW=/path/to/raw)
	$(BIN)/python -m analysis $(if $(VERBOSE),--verbose) data $(if $(RAW),--raw "$(abspath $(RAW))")

validate: $(STAMP) ## Validate the data package (file, row and field for every error; skipped if it passed unchanged)
	$(BIN)/python -m analysis $(if $(VERBOSE),--verbose) validate

book: $(STAMP) ## Validate the data (skipped if unchanged), execute the chapters two at a time, build and publish _build/html
	@# One build at a time per clone (a lock); the network is dropped where the kernel allows it: proof
	@# the book needs none. Only a complete, warning-free build is published, by an atomic rename.
	scripts/offline.sh $(BIN)/python -m analysis.book.build

# JupyterLab opens the MyST chapters as notebooks (jupytext): outputs live only in the session,
# and saving writes the .md back without outputs. The default viewer for .md is set in the
# environment's own JupyterLab settings (.venv/share/jupyter/lab/settings/overrides.json).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
LAB_ARGS ?=
lab: $(STAMP) ## Open the chapters as notebooks in JupyterLab (LAB_ARGS=... for server options)
	@mkdir -p $(LAB_SETTINGS)
	@printf '%s\n' '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}' > $(LAB_SETTINGS)/overrides.json
	@# --allow-root only where make runs as root (containers, CI); the extension manager never asks PyPI.
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --ContentsManager.preferred_dir=chapters \
	  --LabApp.extension_manager=readonly $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

NAME ?=
chapter: $(STAMP) ## Re-execute one chapter (NAME=trade) and rebuild it within the book: citations and links resolved
	@test -n "$(NAME)" || { echo "usage: make chapter NAME=trade (one of: $$(ls chapters/*.md | xargs -n1 basename | sed 's/\.md$$//' | tr '\n' ' '))"; exit 1; }
	@# Same lock, validation, execution cache and atomic publish as make book; only NAME is executed
	@# again (and any chapter whose inputs changed).
	scripts/offline.sh $(BIN)/python -m analysis.book.build --chapter "$(NAME)" --work "$(WORK)" --html "$(BUILD)/html"

book-clean: ## Remove the incremental build state and the execution cache, so the next build starts from scratch
	rm -rf $(WORK)

test: book browser-deps pdf ## Build the book and print its PDF, then run the whole test suite (re-derives data/ from raw/, or RAW=...)
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile --durations=15 $(if $(RAW),--raw="$(abspath $(RAW))") $(PYTEST_FLAGS)

browser-deps: ## Install Debian's Chromium (browser tests, printing the PDF) and poppler-utils (PDF tests) if missing
	@missing="$$(echo $$(test -x /usr/bin/chromium || echo chromium) $$(command -v pdftotext >/dev/null || echo poppler-utils))"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's $$missing for the browser and PDF tests ..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "The browser and PDF tests need Debian's $$missing: run 'sudo apt-get install $$missing'"; exit 1; fi; fi

bench: $(STAMP) ## Time a clean build against serial execution, a no-change make book, validation and make test (BENCH_FLAGS=--quick skips make test)
	$(BIN)/python -m analysis.book.bench $(BENCH_FLAGS)

snapshots: $(STAMP) ## Re-record the headline outputs the notebook tests compare (review the diff!)
	$(BIN)/python -m analysis.book.snapshots

release: $(STAMP) ## Cut the version in src/analysis/__init__.py: needs a dated changelog entry and a passing make test
	RAW="$(RAW)" $(BIN)/python -m analysis.book.release cut

site: $(STAMP) ## Build every release (releases/X.Y.Z) and the working tree side by side in _build/site, with a switcher
	$(BIN)/python -m analysis.book.site

pdf: book browser-deps ## Print the whole book to _build/us-mexico-relations-amlo-era.pdf (offline: cover, contents, bookmarks, page numbers) and link it from the introduction
	@# The single-page edition reuses the pages make book executed (same build folder, same lock): no
	@# notebook runs again. The PDF is then published with the HTML book; make book withdraws it when it rebuilds.
	scripts/offline.sh $(BIN)/python -m analysis.book.pdf

lock: ## Re-resolve requirements.lock from pyproject.toml, with the caps in constraints.txt (needs the network)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -c constraints.txt -e '.[book,test,lab]'
	{ head -2 requirements.lock; .venv-lock/bin/pip freeze --all --exclude-editable | grep -v -E '^(pip|wheel)==' | sort -f; } > requirements.lock.new
	mv requirements.lock.new requirements.lock && rm -rf .venv-lock

clean: ## Remove the build output (keeps .venv)
	rm -rf $(BUILD) _static/vega
