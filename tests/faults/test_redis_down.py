"""Redis dies under the running app: a second redis-server of the test's own, on a free port,
is the cache and the Celery broker, and is stopped and started again. (The machine's Redis on
6379 is never touched.)

Signing in and submitting must go on working; the article waits, queued, and a worker reads it
once Redis is back."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from config.celery import app as celery_app
from sources.models import Article, ArticleStatus

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PASTED = {
    "text": "Brittney Griner was sentenced to nine years in a Russian penal colony on Thursday.",
    "title": "Griner sentenced",
    "outlet_name": "Wire",
    "published_on": "2022-08-04",
}


def wait_for(condition, what: str, seconds: float = 60):
    """Poll until condition() is true; a deadline for a broken setup, not a timing assertion."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


class SpareRedis:
    """A redis-server on a free local port, without persistence, that the test stops at will."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.answers, "the spare Redis to start", 20)

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def pause(self):
        """Connections still accepted (by the kernel), never answered: a Redis that hangs."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def queued_messages(self) -> int:
        import redis

        with redis.Redis.from_url(self.url) as client:
            return client.llen("celery")


@pytest.fixture
def spare_redis(settings, monkeypatch):
    """The spare Redis, started, as the cache, the broker and what /healthz pings."""
    redis = SpareRedis()
    redis.start()
    settings.REDIS_URL = redis.url
    # The production cache settings (django-redis, failing soft), pointed at the spare server.
    settings.CACHES = {"default": {**django_settings.CACHES["default"], "LOCATION": redis.url}}
    # Celery reads its configuration once and keeps a connection pool; point it at the spare
    # server and drop the pools, so the next message goes there (restored afterwards).
    monkeypatch.setattr(celery_app.conf, "broker_url", redis.url)
    monkeypatch.setattr(celery_app, "_pool", None)
    monkeypatch.setattr(celery_app.amqp, "_producer_pool", None)
    yield redis
    if redis.process is not None:
        redis.resume()
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    redis.stop()


def test_signing_in_works_with_redis_down(client, analyst, spare_redis):
    spare_redis.stop()
    response = client.post(reverse("login"), {"username": "analyst", "password": "pw-analyst-1"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(analyst.pk)


def test_sign_in_throttling_works_with_redis_down(client, analyst, spare_redis, settings):
    settings.SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS = 3
    spare_redis.stop()
    for _ in range(3):
        client.post(reverse("login"), {"username": "analyst", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "analyst", "password": "pw-analyst-1"})
    assert response.status_code == 429


def test_submitting_with_redis_down_saves_the_article_and_shows_it_queued(
    editor_client, spare_redis
):
    spare_redis.stop()
    response = editor_client.post(reverse("sources:submit"), PASTED, follow=True)
    assert response.status_code == 200
    article = Article.objects.get(title="Griner sentenced")
    assert article.status == ArticleStatus.QUEUED
    assert response.redirect_chain[-1][0] == article.get_absolute_url()
    page = response.content.decode()
    assert "Status: <span" in page and article.get_status_display() in page
    assert "It is queued" in page and "being read now" not in page


def test_submitting_while_redis_hangs_answers_and_keeps_the_article_queued(
    editor_client, spare_redis
):
    # Before the broker had socket timeouts, this request waited for ever.
    spare_redis.pause()
    answers = []
    request = threading.Thread(
        target=lambda: answers.append(editor_client.post(reverse("sources:submit"), PASTED)),
        daemon=True,
    )
    request.start()
    request.join(timeout=60)  # a deadline for a hang, not a timing assertion
    assert not request.is_alive(), "the submission hung on a Redis that does not answer"
    assert answers[0].status_code == 302
    assert Article.objects.get(title="Griner sentenced").status == ArticleStatus.QUEUED
    assert editor_client.get("/healthz").status_code == 503


def test_healthz_is_503_while_redis_is_down_and_200_once_it_is_back(client, spare_redis):
    assert client.get("/healthz").status_code == 200
    spare_redis.stop()
    down = client.get("/healthz")
    assert down.status_code == 503
    assert down.json()["broker"] == "down" and down.json()["database"] == "ok"
    spare_redis.start()
    assert client.get("/healthz").status_code == 200


@pytest.mark.postgres
def test_an_article_submitted_while_redis_was_down_is_read_once_it_is_back(
    editor_client, spare_redis, world
):
    spare_redis.stop()
    editor_client.post(reverse("sources:submit"), PASTED)
    article = Article.objects.get(title="Griner sentenced")
    assert article.status == ArticleStatus.QUEUED

    spare_redis.start()  # empty: the message sent at submission was never delivered
    assert spare_redis.queued_messages() == 0
    db = connection.settings_dict
    worker_env = os.environ | {
        "REDIS_URL": spare_redis.url,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        # So that the worker's start-up sweep counts the message as lost and sends it again now.
        "QUEUED_ARTICLE_SECONDS": "1",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"]
        + ["--loglevel=warning", "--without-mingle", "--without-gossip"],
        env=worker_env,
        cwd=django_settings.BASE_DIR,
    )
    try:

        def read() -> bool:
            article.refresh_from_db()
            return article.status == ArticleStatus.DONE

        wait_for(read, "the worker to read the article")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert article.proposed_entries.exists()
