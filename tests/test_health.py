"""/healthz: open to anyone, says only whether each dependency answers (the fault tests in
tests/faults/ stop a real Redis under it)."""

import datetime

import pytest
from django.utils import timezone

from sources.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_it_answers_without_sign_in_and_reports_each_dependency(client, settings):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["database"] == "ok"
    assert body["broker"] == ("ok" if settings.REDIS_URL else "not configured")
    assert body["oldest_queued_article_seconds"] is None


def test_it_reports_the_age_of_the_oldest_queued_article(client):
    article = make_article(status="queued")
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Article.objects.filter(pk=article.pk).update(status_changed_at=an_hour_ago)
    make_article(status="done")
    age = client.get("/healthz").json()["oldest_queued_article_seconds"]
    assert 3600 <= age < 3700


def test_a_dead_broker_is_a_503_without_its_address(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing answers there
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert b"127.0.0.1" not in response.content


def test_a_database_that_does_not_answer_is_a_503(client, monkeypatch):
    from django.db import OperationalError
    from django.db.models import QuerySet

    def refused(*args, **kwargs):
        raise OperationalError('connection to server at "db.internal" failed')

    monkeypatch.setattr(QuerySet, "aggregate", refused)
    monkeypatch.setattr("config.health.connection.close", lambda: None)  # the test's transaction
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert b"db.internal" not in response.content
