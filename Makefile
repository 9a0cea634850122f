# The two commands: `make run` serves the app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
LOCK := requirements.lock
HOST ?= 127.0.0.1:8000
WEB_WORKERS ?= 2

.PHONY: install lock run serve worker test lint format bench load

# Installs exactly the versions, and the files (by hash), in the lock file; pyproject.toml keeps
# the ranges the project accepts. The project itself goes in editable, with no dependencies of
# its own, so nothing unlocked slips in.
$(INSTALLED): $(LOCK) pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	@$(PY) -m pip check >/dev/null || { $(PY) -m pip check; \
		echo "$(LOCK) does not satisfy pyproject.toml: run make lock" >&2; exit 1; }
	touch $(INSTALLED)

# axe-core, for the browser tests' accessibility checks, installed exactly as package-lock.json says;
# again only when node_modules is missing or the lock has changed since.
NODE_INSTALLED := node_modules/.package-lock.json

$(NODE_INSTALLED): package-lock.json package.json
	npm ci --no-audit --no-fund
	touch $(NODE_INSTALLED)

install: $(INSTALLED)

# After changing a dependency in pyproject.toml: resolve the ranges again, for every platform
# (--universal) and Python 3.11 up, with the hashes of every file, into the lock file.
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.11 --custom-compile-command "make lock" --quiet -o $(LOCK)

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

# The production server: gunicorn with DEBUG=0, static files collected (whitenoise serves them),
# migrations applied; HOST and WEB_WORKERS choose where and how many processes. For a real
# deployment set SECRET_KEY and ALLOWED_HOSTS (and BEHIND_TLS_PROXY=1 or INSECURE_PLAIN_HTTP=1,
# see config/settings.py). Without SECRET_KEY it serves 127.0.0.1 only, for trying it out and the
# load test: a throwaway key (sessions end with the server) and plain HTTP, and it says so; on any
# other address it refuses to start.
serve: install
	@if [ -z "$$SECRET_KEY" ]; then \
		case "$(HOST)" in 127.0.0.1:*) ;; \
		*) echo "make serve: set SECRET_KEY and ALLOWED_HOSTS to serve on $(HOST)" >&2; exit 1;; esac; \
		echo "make serve: no SECRET_KEY, so a throwaway one, plain HTTP, 127.0.0.1 only" >&2; \
		export SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
		export ALLOWED_HOSTS=127.0.0.1 INSECURE_PLAIN_HTTP=1; \
	fi; \
	export DEBUG=0; \
	$(PY) manage.py collectstatic --no-input --verbosity 0 && \
	$(PY) manage.py migrate --no-input && \
	exec $(VENV)/bin/gunicorn config.wsgi --bind $(HOST) --workers $(WEB_WORKERS) \
		--access-logfile - --graceful-timeout 10

worker: install
	$(PY) -m celery -A config worker --beat --loglevel=info

# Uses PostgreSQL and Redis when they answer on their usual local ports, SQLite and eager Celery
# otherwise; REQUIRE_SERVICES=1 turns a missing service into a failure.
test: install $(NODE_INSTALLED)
	$(PY) -m tests.services $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) -m tests.services $(PY) -m tests.bench

# Analysts and editors together for a minute against `make serve` and a Celery worker, on a
# throwaway database; prints requests/s, p50/p95/p99 and errors. 127.0.0.1 only; not in CI.
load: install
	REQUIRE_SERVICES=1 $(PY) -m tests.services $(PY) -m tests.load
