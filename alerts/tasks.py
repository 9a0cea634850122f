"""Celery tasks of the alerts: thin wrappers taking ids; the logic is in alerts.notify and
alerts.webhooks.

A webhook delivery (with a broker; see deliver_webhook) is retried WEBHOOK_MAX_RETRIES times,
the wait doubling from WEBHOOK_RETRY_SECONDS (60 s: 1, 2, 4, 8, 16 minutes). The countdown is
computed here rather than by Celery's retry_backoff, whose shortest step is a whole second:
tests set the wait to 0.
"""

from celery import shared_task
from django.conf import settings

from . import notify, webhooks


@shared_task
def alert_entry_change(entry_id: int, change: str, correction_id: int | None = None) -> int:
    return len(notify.record_entry_change(entry_id, change, correction_id))


@shared_task
def alert_pending_proposals(article_id: int) -> int:
    return len(notify.record_pending_proposals(article_id))


# acks_late: mail_alerts claims the alerts it mails, so a second run mails nothing twice.
@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def mail_alerts(user_id: int) -> int:
    return notify.mail_alerts(user_id)


@shared_task
def send_digests() -> int:
    return notify.send_digests()


@shared_task(bind=True, max_retries=settings.WEBHOOK_MAX_RETRIES)
def deliver_webhook(self, webhook_id: int, event: str, body: str) -> bool:
    attempt = self.request.retries + 1
    outcome = webhooks.deliver(webhook_id, event, body.encode(), attempt)
    # Run in-process (no broker: `make run` on a laptop) there is no one to retry later, and
    # the retry would run at once inside the editor's request.
    if outcome.retry and not self.request.is_eager and self.request.retries < self.max_retries:
        raise self.retry(countdown=webhooks.backoff_seconds(self.request.retries))
    return outcome.delivered
