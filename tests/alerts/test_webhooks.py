"""Webhooks delivered to a real HTTP server on 127.0.0.1, which checks each signature as a
receiver would; a failing receiver retried with back-off, then the webhook disabled and its
owner mailed; every attempt in the delivery log; and the URLs a webhook may not reach."""

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core.exceptions import ValidationError
from django.db import connections

from alerts import webhooks
from alerts.forms import WebhookForm
from alerts.models import Change, Delivery, Follow, Webhook
from alerts.webhooks import signature, verify_signature
from cases import corrections
from cases.models import Case
from config.celery import app as celery_app
from sources import review
from tests.alerts.conftest import SECRET
from tests.factories import make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooked(world, analyst_mail, receiver):
    """The analyst follows Griner and has a webhook to the receiver."""
    Follow.objects.create(user=analyst_mail, case=Case.objects.get(slug="griner"))
    return Webhook.objects.create(user=analyst_mail, url=receiver.url, secret=SECRET)


def test_a_new_entry_is_posted_signed_with_its_link(
    hooked, receiver, editor, mailbox, django_capture_on_commit_callbacks
):
    proposed = make_proposed_entry()
    with django_capture_on_commit_callbacks(execute=True):
        entry = review.approve(proposed.pk, by=editor)

    [request] = receiver.requests
    assert request["signed"]
    assert request["body"]["event"] == "entry.approved"
    assert request["body"]["url"] == f"http://tracker.example/entries/{entry.pk}/"
    assert request["body"]["entry"]["id"] == entry.pk
    assert request["body"]["entry"]["cases"] == ["griner"]
    assert request["body"]["entry"]["summary"] == entry.summary
    [delivery] = Delivery.objects.filter(webhook=hooked)
    assert (delivery.event, delivery.status_code, delivery.attempt, delivery.error) == (
        Change.APPROVED,
        200,
        1,
        "",
    )


def test_a_retraction_is_posted_as_its_event(
    hooked, receiver, editor, django_capture_on_commit_callbacks
):
    entry = make_entry()
    with django_capture_on_commit_callbacks(execute=True):
        corrections.retract(entry, by=editor, reason="Never happened")
    [request] = receiver.requests
    assert request["signed"]
    assert request["body"]["event"] == "entry.retracted"
    assert request["body"]["entry"]["retracted"] is True


@pytest.fixture
def worker(eager):
    """A real Celery worker on the Redis broker, in a thread of the test process: retries go
    through the broker with their countdown (0 s here, WEBHOOK_RETRY_SECONDS)."""
    celery_app.conf.update(task_always_eager=False)
    celery_app.control.purge()
    task_postrun.connect(close_connections)
    try:
        with start_worker(
            celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"
        ) as running:
            yield running
    finally:
        task_postrun.disconnect(close_connections)
        celery_app.control.purge()


def close_connections(**kwargs):
    connections.close_all()


def wait_until(check, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("gave up waiting")


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_failing_receiver_is_retried_then_disabled_and_its_owner_mailed(
    hooked, receiver, editor, mailbox, monkeypatch, worker
):
    receiver.status = 500
    waits = []
    backoff = webhooks.backoff_seconds
    monkeypatch.setattr(webhooks, "backoff_seconds", lambda n: waits.append(n) or backoff(n))
    review.approve(make_proposed_entry().pk, by=editor)

    wait_until(lambda: not Webhook.objects.get(pk=hooked.pk).active)
    wait_until(lambda: any("disabled" in m["Subject"] for m in mailbox.messages))
    assert len(receiver.requests) == 5
    assert all(request["signed"] for request in receiver.requests)
    assert waits == [0, 1, 2, 3]  # a retry after each failure until the fifth disabled it
    attempts = list(Delivery.objects.filter(webhook=hooked).order_by("attempt"))
    assert [(d.attempt, d.status_code) for d in attempts] == [(n, 500) for n in range(1, 6)]
    assert all(d.error == "The receiver answered 500." for d in attempts)
    hooked.refresh_from_db()
    assert (hooked.active, hooked.consecutive_failures) == (False, 5)
    assert hooked.disabled_at is not None
    [notice] = [m for m in mailbox.to("analyst@example.org") if "disabled" in m["Subject"]]
    assert receiver.url in mailbox.text(notice)
    assert "after 5 failed deliveries" in mailbox.text(notice)

    # A disabled webhook receives nothing more.
    review.approve(make_proposed_entry().pk, by=editor)
    wait_until(lambda: len(mailbox.to("analyst@example.org")) >= 3)
    assert len(receiver.requests) == 5


def test_in_process_a_failed_delivery_is_not_retried_inside_the_request(
    hooked, receiver, editor, django_capture_on_commit_callbacks
):
    """Without a broker (`make run` on a laptop) the editor's request would wait for each retry."""
    receiver.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(make_proposed_entry().pk, by=editor)
    assert len(receiver.requests) == 1
    hooked.refresh_from_db()
    assert (hooked.active, hooked.consecutive_failures) == (True, 1)


def test_a_success_resets_the_failures(
    hooked, receiver, editor, django_capture_on_commit_callbacks
):
    Webhook.objects.filter(pk=hooked.pk).update(consecutive_failures=3)
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(make_proposed_entry().pk, by=editor)
    hooked.refresh_from_db()
    assert (hooked.active, hooked.consecutive_failures) == (True, 0)


def test_the_back_off_doubles_from_the_setting(settings):
    settings.WEBHOOK_RETRY_SECONDS = 60
    assert [webhooks.backoff_seconds(n) for n in range(5)] == [60, 120, 240, 480, 960]


def test_a_restricted_entry_is_not_posted_to_an_analysts_webhook(hooked, receiver):
    from alerts import notify

    entry = make_entry(restricted=True)
    notify.record_entry_change(entry.pk, Change.APPROVED)
    assert receiver.requests == []


def test_verify_signature_refuses_a_changed_body_a_wrong_secret_and_an_old_timestamp():
    body = b'{"event": "entry.approved"}'
    now = time.time()
    stamp = str(int(now))
    header = signature(SECRET, stamp, body)
    assert verify_signature(SECRET, stamp, body, header, now=now)
    assert not verify_signature(SECRET, stamp, body + b" ", header, now=now)
    assert not verify_signature("another secret", stamp, body, header, now=now)
    assert not verify_signature(SECRET, stamp, body, header, now=now + 3600)
    assert not verify_signature(SECRET, "yesterday", body, header, now=now)
    assert not verify_signature(SECRET, stamp, body, "", now=now)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/hook", "http:// or https://"),
        ("http://10.1.2.3/hook", "a private address"),
        ("http://169.254.169.254/latest/meta-data", "a link-local address"),
        ("http://[::1]:8000/hook", "a loopback address"),
        ("http://127.0.0.1:8000/hook", "a loopback address"),
    ],
)
def test_a_webhook_may_not_reach_inside_our_network(settings, analyst, url, reason):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    with pytest.raises(ValidationError, match=reason):
        webhooks.checked_addresses(url)
    form = WebhookForm({"url": url}, user=analyst, instance=Webhook(user=analyst))
    assert not form.is_valid()


def test_loopback_is_allowed_only_by_the_setting(settings, analyst):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    assert webhooks.checked_addresses("http://127.0.0.1:8000/hook") == ["127.0.0.1"]
    with pytest.raises(ValidationError):
        webhooks.checked_addresses("http://192.168.1.1/hook")


def test_a_receiver_moved_inside_our_network_is_not_posted_to(
    hooked, receiver, settings, editor, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_LOOPBACK = False  # 127.0.0.1 as if in production
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(make_proposed_entry().pk, by=editor)
    assert receiver.requests == []
    delivery = Delivery.objects.filter(webhook=hooked).order_by("attempt").first()
    assert delivery.status_code is None
    assert "a loopback address" in delivery.error


def test_old_unsent_alerts_are_not_mailed(world, mailbox, analyst_mail, editor):
    from alerts import notify
    from alerts.models import Alert

    entry = make_entry()
    Alert.objects.create(user=analyst_mail, entry=entry, change=Change.APPROVED)
    Alert.objects.update(created_at=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC))
    assert notify.mail_alerts(analyst_mail.pk) == 0
    assert mailbox.messages == []
