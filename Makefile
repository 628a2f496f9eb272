# The two commands a newcomer needs: `make run` (the platform with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run test lint bench schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/comptoir setup
	$(BIN)/comptoir serve --port $(PORT) --stop-db

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# The suite runs in TEST_WORKERS processes (pytest-xdist), each on a test database of its own (test_<name>_gw0, ...).
# Tests that start real celery workers reconfigure the process-wide celery app: each runs in a pytest process of its own.
TEST_WORKERS ?= 2
WORKER_TESTS := tests/backend/test_celery_worker.py tests/hardening/test_faults.py
test: $(VENV)/.installed-dev lint
	$(BIN)/python -m pytest -p no:cacheprovider -n $(TEST_WORKERS) -m "not worker" $(PYTEST_ARGS)
	for f in $(WORKER_TESTS); do $(BIN)/python -m pytest -p no:cacheprovider -m worker $$f $(PYTEST_ARGS) || exit 1; done

bench: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -p no:cacheprovider tests/benchmarks -o addopts="" -s $(PYTEST_ARGS)

schema: $(VENV)/.installed
	$(BIN)/comptoir export_schema

clean:
	rm -rf $(VENV) var/static
