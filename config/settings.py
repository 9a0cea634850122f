"""All configuration, read from the environment in this one file.

With no environment at all the project runs on a laptop: DEBUG on, an SQLite file, Celery tasks
run in-process (eager) and a secret key generated into an ignored local file. Set DATABASE_URL
for PostgreSQL and REDIS_URL for a real Celery broker and a shared cache.
"""

import datetime
import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
import dj_email_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def local_secret_key() -> str:
    """A development key, generated once and kept in an ignored file so sessions survive."""
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if not DEBUG:
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
else:
    SECRET_KEY = SECRET_KEY or local_secret_key()
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "simple_history",
    "csp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the API's documentation page, from our own static files
    "django_filters",
    "import_export",
    "cases",
    "sources",
    "api",
    "alerts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, reading the signed-in user through the cache (cases.roles.cached_user).
    "config.middleware.CachedUserAuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view: PostgreSQL cannot hold a NUL, so a URL carrying one is refused here.
    "config.middleware.refuse_nul_in_query_string",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as axes asks: it turns a refused sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cases.context_processors.roles",
            ],
        },
    },
]

# An SQLite file unless DATABASE_URL names another database (postgres://user@host/name).
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
# Connections are kept for a minute between requests, and each is tested (a SELECT 1) before the
# first query of a request: one the database closed meanwhile (a restart, a failover, a proxy's
# idle timeout) is replaced instead of failing the request. Workers do the same per task.
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when given, is both the Celery broker and the shared cache. Without it tasks run
# in-process as they are enqueued, which is enough for one person on a laptop.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # django-redis, for IGNORE_EXCEPTIONS: with Redis down or unreachable every cache call is a
    # miss, logged (DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS), instead of an error page. Nothing
    # that must not be lost lives in the cache: sessions and sign-in counts are in the database.
    # The timeouts keep an unreachable (not just refusing) Redis from hanging each request.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The submission throttle (per editor, django-ratelimit) lets a submission through when its
# count cannot be read: editors are trusted, and losing their article would be worse.
RATELIMIT_FAIL_OPEN = True

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# A broker that stops answering (overloaded, paused, a network that drops packets) must not hold
# a web request: without socket timeouts a publish waits for ever. With these, sending a task
# gives up within about 2 × (2 s + 2 s) and the article stays queued for a worker's sweep.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_timeout": 2, "socket_connect_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}

# Ingestion: how often feeds are polled, and the limits on fetching a page.
FEED_POLL_SECONDS = env_int("FEED_POLL_SECONDS", 900)
FETCH_TIMEOUT_SECONDS = env_int("FETCH_TIMEOUT_SECONDS", 15)
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 5 * 1024 * 1024)
# The longest text read as one article. Long news stories and briefing transcripts run to
# 30,000-60,000 characters; 200,000 leaves room for the longest of them, and bounds what one
# article costs a worker (a 2.3 MB paste once made 17,661 proposals in 37 s).
ARTICLE_MAX_CHARS = env_int("ARTICLE_MAX_CHARS", 200_000)
# A request body Django reads into memory. A pasted article arrives URL-encoded: up to 12 bytes a
# character (a 4-byte UTF-8 character, each byte as %XX). Twice that for the longest article, so
# a paste well over the limit in any script still reaches the form and its message; anything
# bigger (a 10 MB paste) is refused before it is read, with the 400 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 12 * ARTICLE_MAX_CHARS

# Celery's Django fixup closes the database connection before and after every task unless told
# to reuse it, and a new PostgreSQL connection costs more than reading an article. Reuse it for
# this many tasks (the task closes it at once after a database error).
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 100)

# When an article is sent again (sources.processing.requeue_stuck). Each step of reading one
# article is bounded (the fetch by FETCH_TIMEOUT_SECONDS, the extraction by ARTICLE_MAX_CHARS, a
# few seconds), so an article fetching or extracting for four fetch timeouts was left by a worker
# that died. A queued one may be waiting behind a backlog, so its message counts as lost (broker
# down at submission, a worker killed holding it) only after longer. Every worker looks every
# STUCK_SWEEP_SECONDS, beat or not (config/celery.py): a killed worker's articles are read again
# within about STUCK_ARTICLE_SECONDS + STUCK_SWEEP_SECONDS, 70 s by default.
STUCK_ARTICLE_SECONDS = env_int("STUCK_ARTICLE_SECONDS", 4 * FETCH_TIMEOUT_SECONDS)
QUEUED_ARTICLE_SECONDS = env_int("QUEUED_ARTICLE_SECONDS", 600)
STUCK_SWEEP_SECONDS = max(STUCK_ARTICLE_SECONDS // 6, 1)
REEXTRACT_SECONDS = env_int("REEXTRACT_SECONDS", 600)
REEXTRACT_BATCH = env_int("REEXTRACT_BATCH", 500)

# Celery beat (started by `make run` and `make worker` with --beat): feeds and re-extraction.
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {"task": "sources.tasks.poll_feeds", "schedule": FEED_POLL_SECONDS},
    # After an extractor change (its version is a hash of its files), articles the older
    # version read are read again, REEXTRACT_BATCH at a time; reviewed proposals stay.
    "reextract-outdated-articles": {
        "task": "sources.tasks.reextract_outdated_articles",
        "schedule": REEXTRACT_SECONDS,
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling, on every form that signs in (ours and the admin's), by django-axes with its
# database handler (works without Redis; config.accounts.SignInThrottle). Failed sign-ins are
# counted three ways, each with its own limit within SIGN_IN_LOCKOUT_MINUTES of the last one:
# - an account from one address: someone guessing one password; small, and locks no one else;
# - an account from any address: guessing spread over many addresses; larger, since reaching it
#   locks the account's owner out too (until the cool-off ends or staff unlock it);
# - an address for any account: one address trying many accounts; larger still, since many
#   people can share an address (an office, a proxy that is not declared below).
# Staff unlock in the admin (Axes: Access attempts, delete the rows) or with
# `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` / `axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses before any password is checked
    "cases.roles.PermissionBackend",  # Django's ModelBackend, one query for permissions
]
SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS = env_int("SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS", 5)
SIGN_IN_LIMIT_PER_ACCOUNT = env_int("SIGN_IN_LIMIT_PER_ACCOUNT", 20)
SIGN_IN_LIMIT_PER_ADDRESS = env_int("SIGN_IN_LIMIT_PER_ADDRESS", 100)
AXES_HANDLER = "config.accounts.SignInThrottle"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["username"], ["ip_address"]]
AXES_FAILURE_LIMIT = "config.accounts.failure_limit"
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_CALLABLE = "config.accounts.locked_out"
AXES_CLIENT_IP_CALLABLE = "config.accounts.client_address"
# How many proxies in front of the app append the client's address to X-Forwarded-For (1 for
# one nginx or load balancer). 0: the header is ignored and the connection's address counts.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Mail: password reset and alerts (alerts.notify). EMAIL_URL names the server in one setting
# (dj-email-url: smtp://user:password@host:587/?tls=True, smtps://...:465, console://);
# otherwise EMAIL_HOST and its companions. Without either, mail goes to the console (what
# `make run` shows), and password reset is not offered (the pages say to ask an
# administrator), except with DEBUG.
EMAIL_URL = env_str("EMAIL_URL")
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = 10
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"] or ""
    EMAIL_PORT = _email["EMAIL_PORT"] or EMAIL_PORT
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or EMAIL_TIMEOUT
elif not EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tracker@localhost")
# The tracker's address as its users reach it, for links in mail and webhooks.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Webhooks (alerts.webhooks): the wait before the first retry, doubled at each; how many
# retries; how many failed attempts in a row disable a webhook (its owner is mailed). Loopback
# receivers only with WEBHOOK_ALLOW_LOOPBACK, on with DEBUG for `make run` and the tests: in
# production 127.0.0.1 is the tracker's own host, and a webhook must not reach its services.
WEBHOOK_RETRY_SECONDS = env_int("WEBHOOK_RETRY_SECONDS", 60)
WEBHOOK_MAX_RETRIES = env_int("WEBHOOK_MAX_RETRIES", 5)
WEBHOOK_DISABLE_AFTER = env_int("WEBHOOK_DISABLE_AFTER", 5)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
WEBHOOK_ALLOW_LOOPBACK = env_bool("WEBHOOK_ALLOW_LOOPBACK", DEBUG)
# The hour (UTC) of the daily digest of alerts.
ALERT_DIGEST_HOUR = env_int("ALERT_DIGEST_HOUR", 7)
CELERY_BEAT_SCHEDULE["alerts-daily-digest"] = {
    "task": "alerts.tasks.send_digests",
    "schedule": crontab(hour=ALERT_DIGEST_HOUR, minute=0),
}

# The REST API (api/): the same roles as the pages (cases.roles), checked per view.
REST_FRAMEWORK = {
    # Personal tokens first: an unauthenticated request gets 401 asking for a Bearer token.
    # The session still signs the browser in (and DRF asks its writes for the CSRF token).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
# Requests per token (per user for a session), e.g. "600/hour", "60/min".
API_READ_RATE = env_str("API_READ_RATE", "600/hour")
API_WRITE_RATE = env_str("API_WRITE_RATE", "120/hour")
SPECTACULAR_SETTINGS = {
    "TITLE": "Detention tracker API",
    "DESCRIPTION": "Cases, their dated timelines, proposals and parties; for editors, articles "
    "and the review of proposed entries.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set, wherever a field uses it (a rejection's reason, as read and as
    # written).
    # Several models share field names ("kind", "status") with different choices: each set of
    # choices gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "RejectReasonEnum": "sources.models.RejectReason",
        "ReviewStatusEnum": "sources.models.ReviewStatus",
        "ArticleStatusEnum": "sources.models.ArticleStatus",
        "EntryKindEnum": "cases.models.EntryKind",
        "PartyKindEnum": "cases.models.PartyKind",
        "CaseStatusEnum": "cases.models.CaseStatus",
        "ProposalStatusEnum": "cases.models.ProposalStatus",
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# Pages carry no inline script or style, so the policy can forbid both.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
# Every page reads the session: from the cache (Redis), kept in the database as well, so a
# session outlives a cache that restarts or fails (the cache's errors are ignored, above).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
if not DEBUG:
    # HTTPS only: plain HTTP is redirected, browsers are told to use nothing else for a year
    # (this host and its subdomains), and cookies never travel unencrypted. Two switches:
    # - BEHIND_TLS_PROXY=1: a proxy in front (nginx, a load balancer) ends TLS and says so in
    #   X-Forwarded-Proto, which it must set itself, overwriting whatever the client sent.
    # - INSECURE_PLAIN_HTTP=1: plain HTTP on a private network (or `make serve` on 127.0.0.1):
    #   no redirect, no HSTS, cookies over HTTP; it warns at every start, and check --deploy says
    #   so too.
    # /healthz is not redirected: load balancers probe it over plain HTTP.
    INSECURE_PLAIN_HTTP = env_bool("INSECURE_PLAIN_HTTP", False)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = not INSECURE_PLAIN_HTTP
    CSRF_COOKIE_SECURE = not INSECURE_PLAIN_HTTP
    SECURE_SSL_REDIRECT = not INSECURE_PLAIN_HTTP
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 0 if INSECURE_PLAIN_HTTP else env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading commits the whole domain to HTTPS in browsers' built-in lists, hard to undo, and
    # is the domain owner's choice: opt in with SECURE_HSTS_PRELOAD=1. Until then check --deploy's
    # reminder about it (W021) is silenced.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if INSECURE_PLAIN_HTTP:
        warnings.warn(
            "INSECURE_PLAIN_HTTP=1: no HTTPS redirect, no HSTS, and session cookies and "
            "passwords cross the network unencrypted. Use it on a private network only.",
            stacklevel=1,
        )
    # Without DEBUG nothing else serves static files; whitenoise serves the collected ones.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


def _client_errors_in_one_line(record) -> bool:
    """A refused or missing page (403, 404) is the client's error, not the server's: Django logs
    it with the exception attached, which prints a traceback for every refusal. Its one line
    ("Forbidden (Permission denied): /review/") says what happened."""
    if getattr(record, "status_code", 500) < 500:
        record.exc_info = None
        record.exc_text = None
    return True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors_in_one_line": {
            "()": "django.utils.log.CallbackFilter",
            "callback": _client_errors_in_one_line,
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["client_errors_in_one_line"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
