"""Who follows what, what they were told, and where their webhooks are.

A follow names exactly one case, proposal or party. An Alert is one change to the record told to
one user: recorded once per (user, entry, change), or per correction, so an entry approved and
then cited again by a merge is told once. sent_at is set when the alert is mailed, immediately or
in the day's digest; the webhook deliveries have their own log (Delivery).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from cases.models import Case, Correction, Party, Proposal, TimelineEntry


class EmailMode(models.TextChoices):
    IMMEDIATELY = "immediately", "Email me at once"
    DIGEST = "digest", "Email me a daily digest"
    OFF = "off", "No email"


class AlertSettings(models.Model):
    """A user's choice of email; a user without a row gets alerts at once (EmailMode's default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_settings"
    )
    email_mode = models.CharField(
        max_length=12, choices=EmailMode.choices, default=EmailMode.IMMEDIATELY
    )

    class Meta:
        verbose_name_plural = "alert settings"

    def __str__(self) -> str:
        return f"{self.user}: {self.get_email_mode_display()}"


# The things a user may follow, by the name used in URLs and the Follow field that holds them.
FOLLOWABLE = {"case": Case, "proposal": Proposal, "party": Party}


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(case__isnull=False, proposal__isnull=True, party__isnull=True)
                    | Q(case__isnull=True, proposal__isnull=False, party__isnull=True)
                    | Q(case__isnull=True, proposal__isnull=True, party__isnull=False)
                ),
                name="follow_exactly_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", name],
                    condition=Q(**{f"{name}__isnull": False}),
                    name=f"unique_follow_of_{name}",
                )
                for name in FOLLOWABLE
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.target}"

    @property
    def target(self) -> Case | Proposal | Party:
        return self.case or self.proposal or self.party


class Change(models.TextChoices):
    """What happened; the values are the webhook events' names."""

    APPROVED = "entry.approved", "New entry"
    CORRECTED = "entry.corrected", "Corrected"
    RETRACTED = "entry.retracted", "Retracted"
    PENDING = "proposals.pending", "New proposals to review"


class Alert(models.Model):
    """One change told to one user. A pending-proposals alert names the article and the case
    followed; the others the entry (and a correction, the correction)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    change = models.CharField(max_length=20, choices=Change.choices)
    entry = models.ForeignKey(TimelineEntry, on_delete=models.CASCADE, null=True, related_name="+")
    correction = models.ForeignKey(
        Correction, on_delete=models.CASCADE, null=True, related_name="+"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, related_name="+")
    article = models.ForeignKey(
        "sources.Article", on_delete=models.CASCADE, null=True, related_name="+"
    )
    proposals = models.PositiveIntegerField(default=0, help_text="How many pending proposals.")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["user", "sent_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "entry", "change"],
                condition=Q(change__in=[Change.APPROVED, Change.RETRACTED]),
                name="unique_alert_per_entry_change",
            ),
            models.UniqueConstraint(
                fields=["user", "correction"],
                condition=Q(correction__isnull=False),
                name="unique_alert_per_correction",
            ),
            models.UniqueConstraint(
                fields=["user", "article", "case"],
                condition=Q(change=Change.PENDING),
                name="unique_alert_per_article_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_change_display()} for {self.user}"


def new_secret() -> str:
    return secrets.token_hex(32)


class Webhook(models.Model):
    """Where a user's alerts are POSTed, signed with the secret (alerts.webhooks)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=64, default=new_secret)
    active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    """One attempt to POST one event to a webhook."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=20, choices=Change.choices)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    attempt = models.PositiveSmallIntegerField()
    duration_ms = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.event} to {self.webhook} (attempt {self.attempt})"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
