# Two commands on a fresh machine: `make html` builds the site, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SPHINXOPTS ?= -W --keep-going -n
BUILDDIR   ?= _build
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: html test serve clean linkcheck help lock

help:
	@echo "make html      build the site into $(BUILDDIR)/html (warnings are errors)"
	@echo "make test      run every test"
	@echo "make serve     live preview on http://$(HOST):$(PORT) (rebuilds on save)"
	@echo "make linkcheck check external links (needs internet)"
	@echo "make clean     remove build output"

# The environment is rebuilt when the project's requirements change.
$(BIN)/.installed: pyproject.toml requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e ".[test,dev]"
	@touch $@

html: $(BIN)/.installed
	rm -rf $(BUILDDIR)/html $(BUILDDIR)/doctrees
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) . $(BUILDDIR)/html

test: $(BIN)/.installed
	$(BIN)/python -m pytest

serve: $(BIN)/.installed
	$(BIN)/sphinx-autobuild --host $(HOST) --port $(PORT) --watch sphinx_workshop \
		--ignore "*/tests/*" --ignore "*/.venv/*" . $(BUILDDIR)/serve

linkcheck: $(BIN)/.installed
	$(BIN)/sphinx-build -b linkcheck . $(BUILDDIR)/linkcheck

clean:
	rm -rf $(BUILDDIR)

# Re-pin requirements.txt from a clean environment built from pyproject.toml alone.
lock:
	rm -rf $(BUILDDIR)/lockenv && $(PYTHON) -m venv $(BUILDDIR)/lockenv
	$(BUILDDIR)/lockenv/bin/python -m pip install --quiet ".[test,dev]"
	{ sed -n '1,2p' requirements.txt; $(BUILDDIR)/lockenv/bin/python -m pip freeze --exclude-editable \
		| grep -v '^sphinx-workshop'; } > requirements.txt.new && mv requirements.txt.new requirements.txt
