"""Two workers on one broker read each article once: two real worker processes (`celery -A config
worker --pool=solo`, the project's own, with the real extractor) on the Redis broker and the
test database, and every article's message sent twice, as a redelivery would.

Sent twice one after the other, the second message mostly reaches a worker once the first has
claimed the article, and the status read before the claim turns it away. So for the first
articles the race is forced: the test holds the article's row lock while both messages are
delivered, waits until both workers' claims (the conditional UPDATE in sources.processing) are
blocked on it, and lets go; only the UPDATE itself then decides.

What each article went through is recorded by the database, not by the workers: a trigger logs
every status UPDATE with the name of the worker connection that made it (tests/bench/workers.py).
Each article must be claimed once and finish once, and its proposals come from one transaction.

The workers consume a queue of their own and are stopped (then killed) whatever happens. The
Redis database is REDIS_URL's: give the test run one that no other run uses."""

import datetime
import random

import pytest
from django.db import transaction

from sources.models import Article
from tests.bench import workers

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ARTICLES = 60
RACES = 10  # articles both workers are made to claim at the same moment
DAY = datetime.date(2022, 7, 28)


@pytest.fixture(scope="module")
def distinct_texts():
    """Articles of which none is a near-duplicate of another, by sources.dedupe's own rules."""
    names = ["Brittney Griner", "Paul Whelan"]
    return workers.distinct_texts(random.Random(60), ARTICLES, names)


@pytest.fixture
def status_log(world):
    workers.install_status_log()
    try:
        yield
    finally:
        workers.drop_status_log()


def test_two_workers_read_each_article_exactly_once(world, status_log, distinct_texts):
    ids = workers.queued_articles(distinct_texts, "Many workers", DAY)
    with workers.running_workers(2, "many", ready_seconds=20) as (queue, names, processes):
        for article_id in ids[:RACES]:
            with transaction.atomic():
                Article.objects.select_for_update().get(pk=article_id)
                workers.send([article_id], queue, times=2)
                workers.wait_blocked(names, seconds=10)
            # Committed: the two claims go on, one after the other.
        workers.send(ids[RACES:], queue, times=2)
        left = workers.wait_finished(ids, 20, processes)
    assert left == 0, f"{left} articles not finished"

    result = workers.check(ids)
    assert result.statuses == {"done": ARTICLES}, result
    assert result.claims == {1: ARTICLES}, f"read twice: {result.read_twice}; {result}"
    assert result.endings == {1: ARTICLES}, result
    assert result.mixed_proposals == [], result
    assert set(result.by_worker) == set(names), result  # both took part
