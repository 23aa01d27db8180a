# Two entry points for a fresh machine (see README):
#   make site   set up, check and build the site into site/   (make serve: live preview)
#   make test   set up (Python packages and Debian chromium) and run the whole test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup browser site serve test clean

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

test: setup browser
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest

clean:
	rm -rf site $(VENV) .pytest_cache test-artifacts
