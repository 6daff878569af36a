# The two commands a new user runs: `make run` and `make test`.
# Each creates .venv from requirements.lock on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/gongkai: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

.PHONY: run test lint bench
run: $(BIN)/gongkai
	$(BIN)/gongkai ingest

test: $(BIN)/gongkai
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(BIN)/gongkai
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(BIN)/gongkai
	$(BIN)/gongkai bench
