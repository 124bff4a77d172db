# Two commands set up and check everything on a fresh machine: `make site`, `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Fixed dates in generated files (MkDocs' sitemap, the PDFs), so two builds are byte-identical on any day.
# Set for our commands only: pip building a wheel cannot stamp zip entries before 1980.
RUN := SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-0} $(PY)
STAMP := $(VENV)/.installed
# The site engine for `make site` and `make serve`: mkdocs (the default) or zensical.
ENGINE ?= mkdocs
# Which edition `make site` and `make serve` build: student (the default, published, site/) or
# instructor (everything, with the instructor's material, in site-instructor/: never publish it).
EDITION ?= student
# Where `make serve` listens.
ADDR ?= 127.0.0.1:8000
APT_PACKAGES := graphviz fonts-dejavu-core fonts-liberation

.PHONY: site test serve check bench clean system-deps test-deps

site: $(STAMP) system-deps
	$(RUN) -m build_tools build --engine $(ENGINE) --edition $(EDITION)

test: $(STAMP) system-deps test-deps
	$(RUN) -m pytest -q

# Timings and scaling, written to bench/results.md (a measurement, not a test).
bench: $(STAMP) system-deps
	$(RUN) bench/run.py

check: $(STAMP)
	$(PY) -m build_tools check

serve: $(STAMP) system-deps
	$(RUN) -m build_tools serve --engine $(ENGINE) --edition $(EDITION) --addr $(ADDR)

# The virtual environment, from the lock file with hashes; redone when the lock changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

# System programs from Debian's packages, installed only where missing. `fc-list -q FAMILY` asks
# fontconfig for one family (exit 1 if absent) instead of listing every font: `make site` runs it each time.
define apt_install
	SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(1) >/dev/null
endef

system-deps:
	@command -v dot >/dev/null 2>&1 && fc-list -q 'Liberation Sans' && fc-list -q 'DejaVu Serif' || { \
	  echo "Installing Graphviz (dot) and the handouts' fonts (DejaVu, Liberation) from Debian's packages..."; $(call apt_install,$(APT_PACKAGES)); }

# For the tests only: Chromium for the browser tests, pdftoppm to look at handouts, biber to check the BibTeX export.
# Where they cannot be installed, the tests that need them skip and say why.
test-deps:
	@command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  echo "Installing Chromium and poppler-utils from Debian's packages..."; \
	  $(call apt_install,chromium chromium-driver poppler-utils) || echo "could not install them: browser tests will skip"; }
	@command -v biber >/dev/null 2>&1 || { echo "Installing biber from Debian's packages (the BibTeX export's data-model check)..."; \
	  $(call apt_install,biber) || echo "could not install biber: its export tests will skip"; }

clean:
	rm -rf build site site-instructor
