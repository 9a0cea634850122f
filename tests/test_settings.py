"""Settings are read from the environment; each check runs a fresh interpreter."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default'], 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
    "'broker': s.CELERY_BROKER_URL, 'cache': s.CACHES['default']['BACKEND']}, default=str))"
)


def run_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    }
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_database_url_selects_postgresql():
    result = run_settings(DATABASE_URL="postgres://tracker:secret@db.example:6543/tracker")
    db = json.loads(result.stdout)["db"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == (
        "db.example",
        6543,
        "tracker",
        "tracker",
    )


def test_no_environment_means_sqlite_and_eager_tasks():
    loaded = json.loads(run_settings().stdout)
    assert loaded["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["eager"] is True
    assert loaded["cache"].endswith("LocMemCache")


def test_redis_url_is_the_broker_and_the_cache():
    loaded = json.loads(run_settings(REDIS_URL="redis://cache.example:6379/2").stdout)
    assert loaded["eager"] is False
    assert loaded["broker"] == "redis://cache.example:6379/2"
    assert loaded["cache"].endswith("RedisCache")


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings(DEBUG="0", ALLOWED_HOSTS="tracker.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both():
    result = run_settings(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="tracker.example")
    assert result.returncode == 0, result.stderr


def test_a_malformed_boolean_is_an_error_not_a_guess():
    result = run_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
