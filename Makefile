# Two entry points for a fresh machine (see README):
#   make site   set up, check and build the site into site/   (make serve: live preview)
#   make test   set up (Python packages and Debian chromium), lint, and run the whole test suite
#   make lint   ruff (lint and format) and mypy over build_scripts/, as pyproject.toml configures them
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup browser site serve lint test clean

$(VENV)/.installed: pyproject.toml requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[authoring,ingest]' -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

site: setup
	$(PY) -m build_scripts build

serve: setup
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve

# Zero findings or the target fails, before the tests run; ruff format prints the diff it wants.
lint: setup
	$(VENV)/bin/ruff check build_scripts
	$(VENV)/bin/ruff format --check --diff build_scripts
	$(VENV)/bin/mypy

test: setup browser lint
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest

clean:
	rm -rf site $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts
