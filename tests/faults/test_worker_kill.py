"""A worker SIGKILLed mid-article, for real: a Celery worker (prefork, two processes) on the Redis
broker and the test's PostgreSQL database is killed with its pool while it reads two articles;
a new worker, with the default settings, reads them again within two minutes, each once.

Recovery comes neither from the broker (Redis hands out an unacknowledged message again only
after its visibility timeout, an hour) nor from beat (none runs): the new worker's own sweep
finds the articles claimed for longer than STUCK_ARTICLE_SECONDS and sends them again, voiding
the dead worker's claims (sources.processing, config/celery.py). The workers run
tests.faults.worker: the project's worker with the fake extractor, which can be made to hang."""

import datetime
import json
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
import redis
from django.conf import settings

from sources import tasks
from sources.models import Article, ArticleStatus
from tests.factories import make_article
from tests.faults.processes import database_url
from tests.sources.test_processing import STORY

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RECOVERY_SECONDS = 120  # the promise, with default settings
TUNING = ["STUCK_ARTICLE_SECONDS", "QUEUED_ARTICLE_SECONDS", "FETCH_TIMEOUT_SECONDS"]


def unacknowledged(broker: redis.Redis, queue: str) -> dict:
    """The messages of the queue that a worker took and has not acknowledged (kombu's Redis
    transport keeps them in the 'unacked' hash as [message, exchange, routing key])."""
    return {
        tag: raw for tag, raw in broker.hgetall("unacked").items() if json.loads(raw)[2] == queue
    }


@pytest.fixture
def broker():
    return redis.Redis.from_url(settings.REDIS_URL)


@pytest.fixture
def queue(broker):
    """A queue of the test's own, removed afterwards with the killed worker's unacknowledged
    messages (which Redis would otherwise hand out again in an hour, to no one)."""
    name = f"faults-{uuid.uuid4().hex[:12]}"
    yield name
    for tag in unacknowledged(broker, name):
        broker.hdel("unacked", tag)
        broker.zrem("unacked_index", tag)
    broker.delete(name, f"_kombu.binding.{name}")


@pytest.fixture
def start_worker(queue):
    workers = []

    def start(name: str, *, pause: bool) -> subprocess.Popen:
        env = {key: value for key, value in os.environ.items() if key not in TUNING}
        env |= {
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "FAULT_QUEUE": queue,
            "PAUSE_EXTRACTION": "1" if pause else "0",
        }
        command = [sys.executable, "-m", "tests.faults.worker", "--pool=prefork"]
        command += ["--concurrency=2", f"--hostname={name}-{queue}@%h", "--loglevel=WARNING"]
        command += ["--without-mingle", "--without-gossip"]
        # Its own process group, so that a kill takes the pool's processes too.
        worker = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, start_new_session=True)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()


def statuses(articles: list[Article]) -> list[str]:
    by_pk = dict(
        Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("pk", "status")
    )
    return [by_pk[a.pk] for a in articles]


def wait_until(condition, deadline: float) -> bool:
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_a_killed_workers_articles_are_read_again_within_two_minutes_each_once(
    broker, queue, start_worker
):
    articles = [
        make_article(
            text=STORY.replace("Khimki", place),
            url=None,
            status=ArticleStatus.QUEUED,
            published_on=datetime.date(2000 + 2 * n, 1, 1),  # not duplicates of each other
        )
        for n, place in enumerate(["Khimki", "Moscow", "Mordovia", "Yavas"])
    ]
    for article in articles:
        tasks.process_article.apply_async((article.pk,), queue=queue)

    first = start_worker("first", pause=True)
    assert wait_until(
        lambda: statuses(articles).count(ArticleStatus.EXTRACTING) == 2, time.monotonic() + 60
    ), f"the first worker did not start on two articles: {statuses(articles)}"
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    killed_at = time.monotonic()
    in_flight = [a for a, s in zip(articles, statuses(articles), strict=True) if s != "queued"]
    assert statuses(in_flight) == [ArticleStatus.EXTRACTING] * 2
    assert len(unacknowledged(broker, queue)) == 2

    start_worker("second", pause=False)
    assert wait_until(
        lambda: statuses(articles) == [ArticleStatus.DONE] * 4, killed_at + RECOVERY_SECONDS
    ), f"not all done {RECOVERY_SECONDS} s after the kill: {statuses(articles)}"
    for article in articles:
        proposed = list(article.proposed_entries.values_list("extractor_version", "ordinal"))
        assert sorted(ordinal for _, ordinal in proposed) == [0, 1, 2]  # one set, no duplicates
        assert len({version for version, _ in proposed}) == 1
    # The broker never handed the killed worker's messages out again: the sweep did the work.
    # (The second worker acknowledges a task just after committing its result, so its last
    # acknowledgement may trail the status seen above by a moment.)
    assert wait_until(lambda: len(unacknowledged(broker, queue)) == 2, time.monotonic() + 10), (
        f"unacknowledged: {len(unacknowledged(broker, queue))}"
    )
