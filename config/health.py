"""/healthz: for load balancers and monitoring. No sign-in, and nothing in the answer that an
outsider could use: each dependency is "ok", "down" or "not configured", the details go to the log.

200 when the database and the broker answer, 503 when either does not. The age of the oldest
queued article is reported but never makes the answer 503: a backlog is the workers' problem,
and taking the web servers out of a load balancer would not help it."""

import logging

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Min
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sources.models import Article, ArticleStatus

log = logging.getLogger(__name__)


def _database() -> tuple[str, int | None]:
    """The database's state, and the age in seconds of the oldest queued article."""
    try:
        oldest = Article.objects.filter(status=ArticleStatus.QUEUED).aggregate(
            oldest=Min("status_changed_at")
        )["oldest"]
    except DatabaseError:
        log.exception("Health check: the database does not answer")
        connection.close()  # a broken connection should not serve the next request
        return "down", None
    age = None if oldest is None else int((timezone.now() - oldest).total_seconds())
    return "ok", age


def _broker() -> str:
    if not settings.REDIS_URL:
        return "not configured"  # tasks run in-process
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        with client:
            client.ping()
    except (redis.RedisError, OSError):
        log.exception("Health check: Redis does not answer")
        return "down"
    return "ok"


@never_cache
@require_safe  # GET or HEAD, as load balancers probe
def healthz(request: HttpRequest) -> JsonResponse:
    database, oldest_queued = _database()
    broker = _broker()
    healthy = database != "down" and broker != "down"
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": database,
            "broker": broker,
            "oldest_queued_article_seconds": oldest_queued,
        },
        status=200 if healthy else 503,
    )
