"""The Celery wiring, proven with a real worker consuming from the real Redis broker.

The worker runs in a thread of the test process (celery.contrib.testing.worker.start_worker), so
the fake extractor patched in here is the one it uses; it reaches the test database through its
own connection, hence the transactional tests. Skipped without Redis, except in CI."""

import datetime
import time

import httpx
import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections
from django.utils import timezone

from config.celery import app
from sources import fetch, ingest, processing, tasks
from sources.models import Article, ArticleStatus
from tests.factories import make_article
from tests.sources.test_processing import STORY, fake_extract

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(monkeypatch):
    monkeypatch.setattr(processing, "run_extraction", fake_extract)
    monkeypatch.setattr(tasks, "RETRY_SECONDS", 0)
    app.control.purge()  # messages left by tests that sent tasks with no worker running
    # The worker keeps its connection across tasks (CELERY_DB_REUSE_MAX); here it must let go
    # after each one, or the test database could not be flushed and dropped.
    task_postrun.connect(close_connections)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING") as w:
            yield w
    finally:
        task_postrun.disconnect(close_connections)
        app.control.purge()


def close_connections(**kwargs):
    connections.close_all()


def wait_for(article_id: int, *statuses: str, seconds: float = 20) -> Article:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        article = Article.objects.get(pk=article_id)
        if article.status in statuses:
            return article
        time.sleep(0.05)
    raise AssertionError(f"article {article_id} is still {article.status}, not {statuses}")


def test_a_pasted_article_is_read_by_the_worker(worker):
    submission = ingest.submit_text(
        STORY, title="Verdict", outlet="Wire", published=datetime.date(2022, 8, 4)
    )
    article = wait_for(submission.article.pk, ArticleStatus.DONE)
    assert article.proposed_entries.count() == 3
    assert set(article.proposed_entries.values_list("status", flat=True)) == {"pending"}


def test_a_message_delivered_twice_makes_one_set_of_proposals(worker):
    article = make_article(text=STORY, url=None, status=ArticleStatus.QUEUED)
    tasks.process_article.delay(article.pk)
    tasks.process_article.delay(article.pk)
    wait_for(article.pk, ArticleStatus.DONE)
    time.sleep(0.5)  # let the second message be consumed too
    first_run = set(article.proposed_entries.values_list("pk", flat=True))
    assert len(first_run) == 3

    # Again after the article was put back in the queue (a redelivery after a crash).
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.QUEUED)
    tasks.process_article.delay(article.pk)
    wait_for(article.pk, ArticleStatus.DONE)
    assert set(article.proposed_entries.values_list("pk", flat=True)) == first_run


@pytest.fixture
def left_behind(settings):
    """Articles a dead worker left: one it was reading, one whose message it held unstarted."""
    reading = make_article(
        text=STORY.replace("nine years", "ten years").replace("Khimki", "Moscow"),
        url=None,
        status=ArticleStatus.EXTRACTING,
        published_on=datetime.date(2021, 1, 1),  # not a duplicate of the other
    )
    unstarted = make_article(text=STORY, url=None, status=ArticleStatus.QUEUED)
    for article, seconds in [
        (reading, settings.STUCK_ARTICLE_SECONDS),
        (unstarted, settings.QUEUED_ARTICLE_SECONDS),
    ]:
        Article.objects.filter(pk=article.pk).update(
            status_changed_at=timezone.now() - datetime.timedelta(seconds=seconds + 1)
        )
    return [reading, unstarted]


def test_a_worker_sends_articles_left_behind_again_by_itself(left_behind, worker):
    """No beat and no task sent: the worker looks for them as it starts."""
    for article in left_behind:
        assert wait_for(article.pk, ArticleStatus.DONE).proposed_entries.count() == 3


def test_the_requeue_task_sends_them_again_too(worker, left_behind):
    tasks.requeue_stuck_articles.delay()
    for article in left_behind:
        assert wait_for(article.pk, ArticleStatus.DONE).proposed_entries.count() == 3


def test_a_transient_error_is_retried(worker, monkeypatch):
    calls = []

    def flaky_fetch(url):
        calls.append(url)
        if len(calls) == 1:
            raise fetch.FetchFailed("Timed out")
        return fetch.Page(url=url, text=STORY, title="Verdict")

    monkeypatch.setattr(fetch, "fetch_page", flaky_fetch)
    submission = ingest.submit_url("https://wire.example/verdict")
    article = wait_for(submission.article.pk, ArticleStatus.DONE, ArticleStatus.FAILED)
    assert article.status == ArticleStatus.DONE
    assert len(calls) == 2


def test_a_refused_url_fails_with_the_reason(worker, monkeypatch):
    monkeypatch.setattr(fetch, "resolve_host", lambda host, port: ["127.0.0.1"])
    submission = ingest.submit_url("https://localhost.example/admin")
    article = wait_for(submission.article.pk, ArticleStatus.FAILED)
    assert "loopback address" in article.error


def test_a_polled_feed_ends_in_read_articles(worker, monkeypatch):
    """Beat's poll_feeds -> poll_feed -> an article per item -> fetched, cleaned and read; the
    second item is the same story, so it is marked a duplicate of the first."""
    from sources.models import Feed
    from tests.sources.test_feeds import RSS
    from tests.sources.test_fetch import ARTICLE_HTML

    def handler(request):
        if request.url.path.endswith(".rss"):
            body, content_type = RSS, "application/rss+xml"
        else:
            body, content_type = ARTICLE_HTML, "text/html; charset=utf-8"
        return httpx.Response(200, headers={"content-type": content_type}, content=iter([body]))

    monkeypatch.setattr(fetch, "resolve_host", lambda host, port: ["93.184.216.34"])
    monkeypatch.setattr(fetch, "pinned_transport", lambda addresses: httpx.MockTransport(handler))
    feed = Feed.objects.create(url="https://wire.example/world.rss")

    tasks.poll_feeds.delay()

    deadline = time.monotonic() + 20
    while Article.objects.filter(feed=feed).count() < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    first, second = Article.objects.filter(feed=feed).order_by("pk")
    first = wait_for(first.pk, ArticleStatus.DONE)
    second = wait_for(second.pk, ArticleStatus.DUPLICATE)
    assert "resumed in Khimki" in first.text
    assert first.outlet.name == "Example News"
    assert first.proposed_entries.exists()
    assert second.duplicate_of == first
