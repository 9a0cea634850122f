"""Settings are read from the environment; each check runs a fresh interpreter."""

import json
import os
import re
import secrets
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


PRODUCTION = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "tracker.example",
    "SECRET_KEY": secrets.token_urlsafe(50),
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py with `env` and nothing else of the test run's environment (the browser tests,
    for one, set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly objects to)."""
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=clean | env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deployment_checklist_with_three_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_production_redirects_to_https_and_keeps_cookies_secure():
    result = run_settings_code(
        "{'hsts': s.SECURE_HSTS_SECONDS, 'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "'redirect': s.SECURE_SSL_REDIRECT, 'exempt': s.SECURE_REDIRECT_EXEMPT, "
        "'cookies': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE], "
        "'proxy': s.SECURE_PROXY_SSL_HEADER}",
        **PRODUCTION,
    )
    loaded = json.loads(result.stdout)
    assert loaded["hsts"] >= 365 * 24 * 3600 and loaded["subdomains"] is True
    assert loaded["redirect"] is True and loaded["cookies"] == [True, True]
    # Load balancers probe /healthz over plain HTTP; a redirect would read as a failure.
    assert any(re.search(pattern, "healthz") for pattern in loaded["exempt"])
    assert loaded["proxy"] is None  # X-Forwarded-Proto is trusted only when told


def test_behind_a_tls_proxy_its_forwarded_proto_is_trusted():
    result = run_settings_code("s.SECURE_PROXY_SSL_HEADER", BEHIND_TLS_PROXY="1", **PRODUCTION)
    assert json.loads(result.stdout) == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_plain_http_on_a_private_network_is_allowed_loudly():
    env = PRODUCTION | {"INSECURE_PLAIN_HTTP": "1"}
    loaded = json.loads(
        run_settings_code(
            "[s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE]", **env
        ).stdout
    )
    assert loaded == [False, 0, False]
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert "INSECURE_PLAIN_HTTP=1" in result.stderr  # said at every start
    assert result.returncode != 0  # and the deployment checklist still objects
    assert "security.W008" in result.stderr and "security.W012" in result.stderr


def run_settings_code(expression: str, **env: str) -> subprocess.CompletedProcess:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({expression}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result


def test_mail_goes_to_the_console_in_development_and_to_email_host_when_set():
    backend = "s.EMAIL_BACKEND"
    development = run_settings_code(backend, DEBUG="1")
    assert json.loads(development.stdout).endswith("console.EmailBackend")
    smtp = json.loads(
        run_settings_code(
            "[s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS]",
            DEBUG="1",
            EMAIL_HOST="smtp.example",
            EMAIL_PORT="587",
        ).stdout
    )
    assert smtp == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example", 587, True]
