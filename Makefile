# Maillage – two commands: `make run` (install, migrate, load reference and demo data, serve)
# and `make test` (the whole suite). See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Test processes for the suite without browser (pytest-xdist; 0 runs it in one process). The browser
# tests stay in one process: one live server and one Chromium.
WORKERS ?= 2

.PHONY: run serve install install-dev test test-fast test-postgres test-browser lint format check ci bench clean-db

$(VENV)/.runtime: requirements.txt
	scripts/install-system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference
	$(PY) manage.py load_demo
	$(PY) manage.py demo_accounts
	PORT=$(PORT) PY=$(PY) scripts/serve.sh

serve: install
	PORT=$(PORT) PY=$(PY) scripts/serve.sh

test: install-dev
	scripts/install-browser.sh
	$(PY) -m pytest -q -m "not browser" -n $(WORKERS)
	$(PY) -m pytest -q -m browser

test-fast: install-dev
	$(PY) -m pytest -q -m "not browser" -n $(WORKERS)

test-postgres: install-dev
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	DATABASE_TEST_NAME=$${DATABASE_TEST_NAME:-test_maillage} $(PY) -m pytest -q -m "not browser" -n $(WORKERS)

test-browser: install-dev
	scripts/install-browser.sh
	$(PY) -m pytest -q -m browser

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=. $(VENV)/bin/lint-imports --no-cache

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

ci:
	.ci/run
