# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make reports   build every report into reports/
#   make test      lint, type-check and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: reports test quick lint env system notebooks clean
# python -m puts the checkout on sys.path, so tests.quick_imports loads before nbval imports nbformat
PYTEST := $(BIN)/python -m pytest -p tests.quick_imports
# keep pytest's rewritten test modules between runs (some shells set this; it costs 3 s a run)
unexport PYTHONDONTWRITEBYTECODE
# apt-get needs root; elsewhere sudo asks for it
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

reports: $(STAMP)
	$(BIN)/budgetlib report

test: $(STAMP) lint
	$(PYTEST)

# the fast tests only (no report builds, kernels, subprocesses, notebooks, browser or wheel), on both cores:
# under half a minute
quick: $(STAMP)
	$(PYTEST) -m "not slow" -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# store the notebooks' outputs anew, on purpose, when a change in figures is intended
notebooks: $(STAMP)
	$(BIN)/budgetlib notebooks

env: $(STAMP)

# Debian packages the reports and their tests use: Chromium (PDF, browser checks), poppler-utils (PDF pages)
system:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null || \
		{ $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils; }

$(STAMP): pyproject.toml | system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	# the notebook kernel must be this environment's Python, not whatever "python" is on PATH
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (budgetlib)"
	touch $(STAMP)

clean:
	rm -rf $(VENV) reports/*/ reports/*.html reports/*.ipynb reports/.build
