# The two commands: `make run` serves the app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: install run worker test lint format bench

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

# SQLite and in-process tasks by default; with REDIS_URL set a Celery worker (with beat, which
# polls the feeds) runs beside the web server, and Ctrl-C stops both.
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_seeds
	$(PY) manage.py create_demo_users
	@echo "Sign in at http://$(HOST)/accounts/login/ (admin, editor or analyst)."
	@if [ -n "$$REDIS_URL" ]; then \
		$(PY) -m celery -A config worker --beat --loglevel=info & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST); \
	else \
		$(PY) manage.py runserver $(HOST); \
	fi

worker: install
	$(PY) -m celery -A config worker --beat --loglevel=info

# Uses PostgreSQL and Redis when they answer on their usual local ports, SQLite and eager Celery
# otherwise; REQUIRE_SERVICES=1 turns a missing service into a failure.
test: install
	$(PY) -m tests.services $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) -m tests.services $(PY) -m tests.bench
