# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make reports   build every report into reports/
#   make test      lint, type-check and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: reports test lint env notebooks clean

reports: $(STAMP)
	$(BIN)/budgetlib report

test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# store the notebooks' outputs anew, on purpose, when a change in figures is intended
notebooks: $(STAMP)
	$(BIN)/budgetlib notebooks

env: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	# the notebook kernel must be this environment's Python, not whatever "python" is on PATH
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (budgetlib)"
	touch $(STAMP)

clean:
	rm -rf $(VENV) reports/*/ reports/*.html reports/*.ipynb reports/.build
