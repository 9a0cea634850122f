"""Celery tasks: thin wrappers taking ids; the logic is in sources.processing and sources.feeds.

process_article is acks_late: a message is acknowledged only once the work is done, so a worker
that dies mid-article leaves the message to be delivered again. That is safe because processing
claims the article with a conditional UPDATE and writes each extractor version's proposals once.

Redis delivers an unacknowledged message again only after the broker's visibility timeout (an
hour by default), so recovery does not wait for it: every worker sends the articles a dead worker
left behind again, at start and every STUCK_SWEEP_SECONDS (sweep_stuck_articles, run by the
worker step in config/celery.py), and processing voids the dead worker's claim as it does. The
hour is left as it is: a message must stay invisible for longer than any task runs and any retry
waits (up to 160 s), or Redis hands it to a second worker while the first still holds it, and a
shorter timeout would not recover anything the sweep does not recover sooner.
"""

import logging

from celery import shared_task
from celery.signals import task_prerun
from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections

from . import feeds, processing
from .models import Feed

log = logging.getLogger(__name__)

MAX_RETRIES = 5
RETRY_SECONDS = 10  # doubled at each retry: 10 s, 20 s, 40 s, 80 s, 160 s


@task_prerun.connect
def check_database_connections(task, **kwargs) -> None:
    """Start each task as Django starts each request: drop a connection past CONN_MAX_AGE or left
    broken, and have a kept one tested before its first query (CONN_HEALTH_CHECKS). A worker keeps
    its connection across tasks (CELERY_DB_REUSE_MAX), so one the database closed in between (a
    restart, a failover) would otherwise fail the next task and send it to a retry."""
    if not task.request.is_eager:  # in-process, the caller's connection (and transaction) it is
        close_old_connections()


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def process_article(self, article_id: int) -> str:
    try:
        return processing.process_article(article_id)
    except processing.TRANSIENT_ERRORS as exc:
        if isinstance(exc, DatabaseError):
            connections.close_all()  # a reused connection may be the broken thing
        # Run in-process (no broker, the laptop setup) there is no one to retry later.
        if self.request.is_eager or self.request.retries >= self.max_retries:
            processing.fail(article_id, f"{exc} (gave up after {self.request.retries} retries)")
            return "failed"
        # processing has put the article back in the queue for the retry to claim
        raise self.retry(exc=exc, countdown=RETRY_SECONDS * 2**self.request.retries) from exc


@shared_task(acks_late=True)
def poll_feed(feed_id: int) -> int:
    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return 0
    try:
        return len(feeds.poll_feed(feed))
    except processing.TRANSIENT_ERRORS as exc:
        # Not worth a retry: the next poll comes round in FEED_POLL_SECONDS.
        Feed.objects.filter(pk=feed_id).update(last_error=str(exc)[:2000])
        return 0


@shared_task
def poll_feeds() -> int:
    """Send one poll_feed per active feed, so one slow or broken feed delays no other."""
    feed_ids = list(Feed.objects.filter(active=True).values_list("pk", flat=True))
    for feed_id in feed_ids:
        poll_feed.delay(feed_id)
    return len(feed_ids)


@shared_task
def requeue_stuck_articles() -> int:
    ids = processing.requeue_stuck()
    for article_id in ids:
        process_article.delay(article_id)
    if ids:
        log.warning("Sent again %d articles left by a worker or a lost message: %s", len(ids), ids)
    return len(ids)


def sweep_stuck_articles() -> None:
    """requeue_stuck_articles as every worker runs it from its own timer, outside any task: so it
    looks after its own database connection, and a database or broker that is down costs one
    logged sweep, not the worker."""
    try:
        requeue_stuck_articles()
    except Exception:
        log.exception(
            "Could not send stuck articles again; next try in %s s", settings.STUCK_SWEEP_SECONDS
        )
    finally:
        connections.close_all()


@shared_task
def reextract_outdated_articles(limit: int | None = None) -> int:
    """After an extractor change: read again the articles an older version read, a batch at a
    time (beat runs this every REEXTRACT_SECONDS; `manage.py reextract` runs it at once)."""
    ids = processing.queue_reextraction(limit or settings.REEXTRACT_BATCH)
    for article_id in ids:
        process_article.delay(article_id)
    if ids:
        log.info(
            "Sent %d articles to be read again by extractor %s",
            len(ids),
            processing.extractor_version(),
        )
    return len(ids)
