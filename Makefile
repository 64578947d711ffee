# The two quick-start commands: `make run` and `make test`. Each builds .venv itself.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/crm-tui

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check .

demo: $(STAMP)
	$(BIN)/crm-tui seed --demo --seed 1
	$(BIN)/crm-tui

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run
