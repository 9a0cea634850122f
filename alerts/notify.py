"""Telling followers what changed on the record: the alerts recorded, mailed and POSTed.

The action layer calls entry_changed (sources.review on approval, cases.corrections on a
correction or retraction) and sources.processing calls proposals_pending after an extraction.
Both only send a task once the transaction commits: nobody hears of an entry that was rolled
back. The tasks (alerts.tasks) call the plain functions below, which hold the logic:

- who is told: the followers of the entry's cases, its proposal, its parties and its speaker, who
  may read the record, and, for a restricted entry, may see restricted entries (editors);
- an Alert row per user and change (the constraints in alerts.models keep it to one);
- mail at once or in the day's digest (EmailMode), and a webhook delivery per active webhook.
"""

import datetime
import json
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, TimelineEntry
from cases.roles import READ_PERMISSION, REVIEW_PERMISSION
from config.celery import delay_on_commit

from .models import Alert, AlertSettings, Change, EmailMode, Follow, Webhook
from .webhooks import payload

log = logging.getLogger(__name__)

RESTRICTED_PERMISSION = "cases.view_restricted_entry"
# An alert not mailed within this long (its owner's email was off, or the mail server down for
# days) is stale news and is no longer mailed.
STALE_AFTER = datetime.timedelta(days=2)
# An alert follows a change already committed: a broker outage loses the alert, and a failure
# of the task run in-process (a mail server down) must not reach the editor who made the change.
_ALERT_DELIVERY = {"refused": "the alert is lost", "contain_failure": True}


# ---------------------------------------------------------------------------------------------
# Called by the action layer


def entry_changed(entry: TimelineEntry, change: str, *, correction=None) -> None:
    """Alert the entry's followers of `change` (a Change) once the transaction commits."""
    from .tasks import alert_entry_change

    correction_id = correction.pk if correction is not None else None
    delay_on_commit(alert_entry_change, entry.pk, str(change), correction_id, **_ALERT_DELIVERY)


def proposals_pending(article_id: int) -> None:
    """Alert the editors following the article's cases of its new pending proposals."""
    from .tasks import alert_pending_proposals

    delay_on_commit(alert_pending_proposals, article_id, **_ALERT_DELIVERY)


# ---------------------------------------------------------------------------------------------
# Who may be told


def _holders(permission: str):
    """The active users holding `permission`, through a group, their own, or as superusers."""
    app_label, codename = permission.split(".")
    perm = {"codename": codename, "content_type__app_label": app_label}
    held = (
        Q(is_superuser=True)
        | Q(**{f"groups__permissions__{k}": v for k, v in perm.items()})
        | Q(**{f"user_permissions__{k}": v for k, v in perm.items()})
    )
    return get_user_model().objects.filter(held, is_active=True).values("pk")


def entry_followers(entry: TimelineEntry) -> list[int]:
    """The ids of the users who follow the entry and may see it."""
    case_ids = [case.pk for case in entry.cases.all()]
    party_ids = [party.pk for party in entry.parties.all()]
    if entry.speaker_id:
        party_ids.append(entry.speaker_id)
    followed = Q(case__in=case_ids) | Q(party__in=party_ids)
    if entry.proposal_id:
        followed |= Q(proposal=entry.proposal_id)
    followers = Follow.objects.filter(followed, user__in=_holders(READ_PERMISSION))
    if entry.restricted:
        followers = followers.filter(user__in=_holders(RESTRICTED_PERMISSION))
    return sorted(set(followers.values_list("user_id", flat=True)))


# ---------------------------------------------------------------------------------------------
# Recording and fanning out


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def entry_data(entry: TimelineEntry) -> dict:
    """The entry as webhooks receive it."""
    return {
        "id": entry.pk,
        "occurred_on": entry.occurred_on.isoformat(),
        "precision": entry.precision,
        "reported_on": entry.reported_on.isoformat(),
        "kind": entry.kind,
        "summary": entry.summary,
        "quote": entry.quote,
        "speaker": entry.speaker.slug if entry.speaker else None,
        "attribution": entry.attribution,
        "cases": sorted(case.slug for case in entry.cases.all()),
        "parties": sorted(party.slug for party in entry.parties.all()),
        "proposal": entry.proposal.slug if entry.proposal else None,
        "restricted": entry.restricted,
        "retracted": entry.retracted_at is not None,
        "url": absolute(entry.get_absolute_url()),
    }


def _record(users: list[int], **fields) -> list[int]:
    """Record the alert for each user not told already; the ids of those newly told."""
    told = set(Alert.objects.filter(user__in=users, **fields).values_list("user_id", flat=True))
    new = [user for user in users if user not in told]
    # ignore_conflicts: a task delivered twice records each alert once (alerts.models' constraints)
    Alert.objects.bulk_create(
        [Alert(user_id=user, **fields) for user in new], ignore_conflicts=True
    )
    return new


def record_entry_change(entry_id: int, change: str, correction_id: int | None = None) -> list[int]:
    """Record the alerts of one change to an entry; the users told. Then mail and POST them."""
    entry = (
        TimelineEntry.objects.select_related("speaker", "proposal")
        .prefetch_related("cases", "parties")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:  # an approval undone before the task ran
        return []
    if change != Change.RETRACTED and entry.retracted_at is not None:
        return []
    fields = {"entry": entry, "change": change}
    if change == Change.CORRECTED:
        fields["correction_id"] = correction_id
    users = _record(entry_followers(entry), **fields)
    _dispatch(users, change, payload(change, entry_data(entry)))
    return users


def record_pending_proposals(article_id: int) -> list[int]:
    """Record, for each editor following a case the article's pending proposals name, an alert
    with how many there are; the users told."""
    from sources.models import ProposedEntry, ReviewStatus

    pending = ProposedEntry.objects.filter(article=article_id, status=ReviewStatus.PENDING)
    links = ProposedEntry.cases.through.objects.filter(proposedentry__in=pending)
    counts: dict[int, int] = {}
    for case_id in links.values_list("case_id", flat=True):
        counts[case_id] = counts.get(case_id, 0) + 1
    told = []
    editors = _holders(REVIEW_PERMISSION)
    for case in Case.objects.filter(pk__in=counts):
        users = sorted(
            set(
                Follow.objects.filter(case=case, user__in=editors).values_list("user_id", flat=True)
            )
        )
        new = _record(users, change=Change.PENDING, article_id=article_id, case=case)
        Alert.objects.filter(user__in=new, article=article_id, case=case).update(
            proposals=counts[case.pk]
        )
        body = json.dumps(
            {
                "event": Change.PENDING.value,
                "entry": None,
                "case": case.slug,
                "article": article_id,
                "proposals": counts[case.pk],
                "url": absolute(f"{reverse('sources:review')}?case={case.slug}"),
            },
            sort_keys=True,
        ).encode()
        _dispatch(new, Change.PENDING, body)
        told.extend(new)
    return told


def _dispatch(users: list[int], event: str, body: bytes) -> None:
    """Mail those who want mail at once, and send the event to every active webhook of theirs."""
    from .tasks import deliver_webhook, mail_alerts

    if not users:
        return
    later = set(
        AlertSettings.objects.filter(user__in=users)
        .exclude(email_mode=EmailMode.IMMEDIATELY)
        .values_list("user_id", flat=True)
    )
    for user in users:
        if user not in later:
            mail_alerts.delay(user)
    webhooks = Webhook.objects.filter(user__in=users, active=True).values_list("pk", flat=True)
    for webhook_id in webhooks:
        deliver_webhook.delay(webhook_id, event, body.decode())


# ---------------------------------------------------------------------------------------------
# Mail


def mail_alerts(user_id: int) -> int:
    """Mail the user their alerts not mailed yet, in one message; how many it held.

    The alerts are claimed first (sent_at set by a conditional UPDATE), so two tasks never mail
    the same alert; a failed send gives them back for the next try."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return 0
    now = timezone.now()
    unsent = Alert.objects.filter(user=user, sent_at=None, created_at__gte=now - STALE_AFTER)
    # Checked again as mailed: an entry restricted since the alert is for editors' eyes only.
    if not user.has_perm(RESTRICTED_PERMISSION):
        unsent = unsent.exclude(entry__restricted=True)
    pks = list(unsent.values_list("pk", flat=True))
    if not pks or not Alert.objects.filter(pk__in=pks, sent_at=None).update(sent_at=now):
        return 0
    alerts = list(
        Alert.objects.filter(pk__in=pks, sent_at=now, user=user)
        .select_related("entry", "case", "correction", "article")
        .prefetch_related("entry__cases")
    )
    lines = [_described(alert) for alert in alerts]
    subject = (
        f"{lines[0]['title']}" if len(lines) == 1 else f"{len(lines)} changes on what you follow"
    )
    body = render_to_string(
        "alerts/alert_email.txt",
        {"user": user, "alerts": lines, "account_url": absolute(reverse("alerts:account"))},
    )
    try:
        send_mail(subject[:150], body, None, [user.email])
    except Exception:
        Alert.objects.filter(pk__in=[alert.pk for alert in alerts]).update(sent_at=None)
        raise
    return len(alerts)


def _described(alert: Alert) -> dict:
    if alert.change == Change.PENDING:
        return {
            "title": f"{alert.case}: {alert.proposals} new proposed entries to review",
            "text": f"From the article “{alert.article.title or alert.article.url}”.",
            "url": absolute(f"{reverse('sources:review')}?case={alert.case.slug}"),
        }
    entry = alert.entry
    cases = ", ".join(str(case) for case in entry.cases.all())
    what = {
        Change.APPROVED: "new entry",
        Change.CORRECTED: "entry corrected",
        Change.RETRACTED: "entry retracted",
    }[alert.change]
    text = entry.summary
    if alert.change == Change.CORRECTED and alert.correction:
        was = "; ".join(
            f"{change['label']} was {change['was']}" for change in alert.correction.changes.values()
        )
        text = f"{text}\n  ({was})"
    return {
        "title": f"{cases}: {what}, {entry.occurred_on:%-d %b %Y}",
        "text": text,
        "url": absolute(entry.get_absolute_url()),
    }


def send_digests() -> int:
    """Mail each digest reader the day's alerts; how many users were mailed."""
    users = (
        Alert.objects.filter(
            sent_at=None,
            created_at__gte=timezone.now() - STALE_AFTER,
            user__alert_settings__email_mode=EmailMode.DIGEST,
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    return sum(1 for user_id in list(users) if mail_alerts(user_id))


def webhook_disabled(webhook_id: int) -> None:
    """Tell the owner that their webhook stopped receiving alerts, and why."""
    webhook = Webhook.objects.select_related("user").get(pk=webhook_id)
    if not webhook.user.email:
        return
    last = webhook.deliveries.first()
    body = render_to_string(
        "alerts/webhook_disabled_email.txt",
        {
            "webhook": webhook,
            "last": last,
            "failures": webhook.consecutive_failures,
            "account_url": absolute(reverse("alerts:account")),
        },
    )
    send_mail("Your webhook was disabled", body, None, [webhook.user.email])
