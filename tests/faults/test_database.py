"""PostgreSQL connections closed under running code (pg_terminate_backend, as a database restart,
a failover or a proxy's idle timeout does): the next request and the next article succeed.

A gunicorn worker keeps its connection between requests (CONN_MAX_AGE), and a Celery worker
between tasks (CELERY_DB_REUSE_MAX), so a connection the database has closed is found out only
when used. With CONN_HEALTH_CHECKS, Django tests a kept connection before the first query of
each request, and sources.tasks has each task start the same way, so a dead one is replaced
instead of failing the request (a 500) or the task (a retry)."""

import os
import subprocess
import sys
import time

import httpx
import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_retry
from django.conf import settings

from config.celery import app
from sources import processing, tasks
from sources.models import ArticleStatus
from tests.factories import make_article
from tests.faults.processes import database_url, free_port, terminate_other_connections
from tests.sources.test_processing import STORY, fake_extract
from tests.sources.test_tasks import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server():
    """The project under gunicorn (one sync worker, so every request uses its one connection),
    on the test database."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env |= {"DATABASE_URL": database_url(), "DEBUG": "1"}
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers=1"]
    command += [f"--bind=127.0.0.1:{port}", "--log-level=warning"]
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{url}/accounts/login/")
            break
        except httpx.TransportError:
            assert time.monotonic() < deadline and process.poll() is None, "gunicorn did not start"
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=30)


def test_the_next_request_succeeds_after_the_database_closed_the_connection(
    server, client, analyst
):
    client.force_login(analyst)
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    assert httpx.get(f"{server}/", cookies=cookies).status_code == 200

    assert terminate_other_connections() >= 1  # the server's

    assert httpx.get(f"{server}/", cookies=cookies).status_code == 200


@pytest.fixture
def worker(monkeypatch):
    """A worker in a thread of the test, keeping its connection across tasks as in production."""
    monkeypatch.setattr(processing, "run_extraction", fake_extract)
    monkeypatch.setattr(tasks, "sweep_stuck_articles", lambda: None)  # it would close it
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING") as w:
            yield w
    finally:
        app.control.purge()
        terminate_other_connections()  # the worker's, or the test database could not be dropped


@pytest.mark.redis
def test_a_worker_whose_connection_the_database_closed_reads_the_next_article(worker):
    retries = []

    def record(**kwargs):
        retries.append(kwargs)

    task_retry.connect(record)
    try:
        first = make_article(text=STORY, url=None, status=ArticleStatus.QUEUED)
        tasks.process_article.delay(first.pk)
        wait_for(first.pk, ArticleStatus.DONE)

        assert terminate_other_connections() >= 1  # the worker's

        second = make_article(
            text=STORY.replace("Khimki", "Moscow"),
            url=None,
            status=ArticleStatus.QUEUED,
            published_on=first.published_on.replace(year=2000),  # not a duplicate
        )
        tasks.process_article.delay(second.pk)
        assert wait_for(second.pk, ArticleStatus.DONE).proposed_entries.count() == 3
        assert retries == []  # read at the first attempt, not after a failed one
    finally:
        task_retry.disconnect(record)
