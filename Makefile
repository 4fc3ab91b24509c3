# Two entry points on a fresh machine: `make demo` and `make test`.
# Both create the virtual environment and install the project on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck check bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/pekalongan.py
	@echo
	@echo "penempatan terpasang di $(VENV): jalankan $(BIN)/penempatan --help,"
	@echo "atau aktifkan lingkungannya dulu: source $(BIN)/activate"
	@echo "(penempatan is installed in $(VENV): run $(BIN)/penempatan --help,"
	@echo " or activate the environment first: source $(BIN)/activate)"

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

schema: $(STAMP)
	$(BIN)/python -m penempatan.scenario._schema > schema/scenario-v1.schema.json
	$(BIN)/python -m penempatan.plan._schema > schema/plan-v1.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
