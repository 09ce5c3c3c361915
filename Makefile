# Two commands on a fresh machine: `make html` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SPHINXOPTS ?= -W --keep-going -n
BUILDDIR   ?= _build
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: html test serve clean linkcheck help lock bench audit

help:
	@echo "make html      build the site into $(BUILDDIR)/html (warnings are errors)"
	@echo "make test      run every test (with the browser checks when /usr/bin/chromium exists)"
	@echo "make audit     axe, HTML validation, Lighthouse and screenshots of every page (see QUALITY.md)"
	@echo "make serve     live preview on http://$(HOST):$(PORT) (rebuilds on save)"
	@echo "make linkcheck check external links (needs internet)"
	@echo "make clean     remove build output"
	@echo "make bench     benchmarks: directives vs hand-written pages at 1x, 10x, 100x (see BENCHMARKS.md)"

# The environment is rebuilt when the project's requirements change: the exact versions of
# requirements-dev.txt (the site's, the tests' and the tools'), and the extension itself, editable.
# The version is in sphinx_workshop/__init__.py: a new one reinstalls, so the installed metadata says it.
$(BIN)/.installed: pyproject.toml requirements.txt requirements-dev.txt sphinx_workshop/__init__.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -e ".[photos,import]"
	@touch $@

html: $(BIN)/.installed
	rm -rf $(BUILDDIR)/html $(BUILDDIR)/doctrees
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) . $(BUILDDIR)/html

# The npm tools of the browser checks: axe-core (make test), Lighthouse and vnu-jar (make audit).
# Exact versions from package-lock.json; no install scripts (vnu-jar's would download a Java).
NPM ?= npm
node_modules/.installed: package.json package-lock.json
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	@touch $@
# Without npm the browser tests are skipped, and say why.
NODE_TOOLS := $(if $(shell command -v $(NPM) 2>/dev/null),node_modules/.installed)

test: $(BIN)/.installed $(NODE_TOOLS)
	$(BIN)/python -m pytest

# Not a test (Lighthouse takes a few minutes): every page against its targets, with screenshots;
# writes $(BUILDDIR)/audit/report.md and report.json and fails when a page misses a target.
AUDITOPTS ?=
audit: html node_modules/.installed
	$(BIN)/python tools/audit.py --site $(BUILDDIR)/html --out $(BUILDDIR)/audit $(AUDITOPTS)

serve: $(BIN)/.installed
	$(BIN)/sphinx-autobuild --host $(HOST) --port $(PORT) --watch sphinx_workshop \
		--ignore "*/tests/*" --ignore "*/.venv/*" . $(BUILDDIR)/serve

linkcheck: $(BIN)/.installed
	$(BIN)/sphinx-build -b linkcheck . $(BUILDDIR)/linkcheck

# Not a test: builds synthetic workshops (1x, 10x, 100x) many times; several minutes. BENCHMARKS.md.
BENCHOPTS ?=
bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py $(BENCHOPTS) --out $(BUILDDIR)/bench

clean:
	rm -rf $(BUILDDIR)

# Re-pin from a clean environment built from pyproject.toml alone: requirements.txt holds what
# building the site needs (Read the Docs installs only that), requirements-dev.txt everything.
LOCKENV := $(BUILDDIR)/lockenv
FREEZE = $(LOCKENV)/bin/python -m pip freeze --exclude-editable | grep -v '^sphinx-workshop'
lock:
	rm -rf $(LOCKENV) && $(PYTHON) -m venv $(LOCKENV)
	$(LOCKENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCKENV)/bin/python -m pip install --quiet ".[photos]" --group site
	{ sed -n '1,3p' requirements.txt; $(FREEZE); } > requirements.txt.new
	$(LOCKENV)/bin/python -m pip install --quiet ".[photos,import]" --group site --group test --group dev \
		-c requirements.txt.new
	{ sed -n '1,3p' requirements-dev.txt; $(FREEZE); } > requirements-dev.txt.new
	mv requirements.txt.new requirements.txt && mv requirements-dev.txt.new requirements-dev.txt
