# veille: the two commands of the README.
#   make demo  installs veille into .venv and ingests the bundled samples into veille.duckdb
#   make test  installs veille with its test extras and runs the test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= veille.duckdb

.PHONY: install install-dev demo test typecheck serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e ".[web]"

install-dev: $(BIN)/python
	$(BIN)/pip install -q -e ".[web,cluster,dev]"

demo: install
	$(BIN)/veille ingest samples/ --db $(DB)
	$(BIN)/veille events --db $(DB) --limit 40

test: install-dev
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

typecheck: install-dev
	$(BIN)/mypy veille
	$(BIN)/mypy --strict --follow-imports=silent veille/lang veille/syntax veille/records.py

serve: install
	$(BIN)/veille serve --db $(DB)

clean:
	rm -rf $(VENV) $(DB) $(DB).wal
