# Two commands do all the set-up on a fresh machine that has only python3:
#   make run   - install, then run the whole pipeline on the embedded seed article
#   make test  - install (with dev tools, Label Studio, Chromium), then every check
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:12])")

.PHONY: run test install labelstudio lint typecheck pytest clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[models,dev]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Label Studio pins versions that clash with `datasets`, so the server gets its own venv.
# `newsgold labelstudio serve` and the live tests find it at .venv-labelstudio/bin/label-studio.
LS_VENV := .venv-labelstudio
LS_CONSTRAINTS := scripts/labelstudio-constraints.txt
LS_STAMP := $(LS_VENV)/.installed-1.23.2-$(shell cat $(LS_CONSTRAINTS) | $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:12])")
$(LS_STAMP): $(LS_CONSTRAINTS)
	$(PYTHON) -m venv $(LS_VENV)
	$(LS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LS_VENV)/bin/python -m pip install --quiet "label-studio==1.23.2" -c $(LS_CONSTRAINTS)
	rm -f $(LS_VENV)/.installed-*
	touch $@

labelstudio: $(LS_STAMP)

chromium:
	bash scripts/ensure_chromium.sh

run: install
	$(BIN)/newsgold run

lint: install
	$(BIN)/ruff check src tests benchmarks scripts metrics
	$(BIN)/ruff format --check src tests benchmarks scripts metrics
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

pytest: install labelstudio chromium
	$(BIN)/python -m pytest

test: lint typecheck pytest

clean:
	rm -rf $(VENV) $(LS_VENV) build .pytest_cache .mypy_cache .ruff_cache
