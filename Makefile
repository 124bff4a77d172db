# Two commands set up and check everything on a fresh machine: `make site`, `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
STAMP := $(VENV)/.installed
APT_PACKAGES := graphviz

.PHONY: site test serve check bench clean system-deps

site: $(STAMP) system-deps
	$(PY) -m build_tools build

test: $(STAMP) system-deps
	$(PY) -m pytest -q

check: $(STAMP)
	$(PY) -m build_tools check

serve: $(STAMP) system-deps
	$(PY) -m build_tools generate
	$(PY) -m mkdocs serve --livereload

# The virtual environment, from the lock file with hashes; redone when the lock changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

# System programs from Debian's packages, installed only where missing.
system-deps:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "Installing Graphviz (dot) from Debian's packages..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null; }

clean:
	rm -rf build site
