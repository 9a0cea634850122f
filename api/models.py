"""Personal API tokens: each user's keys to the API, with exactly that user's permissions."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

# How stale last_used_at may be: a client calling many times a minute costs one write, not one
# per request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
PREFIX_LENGTH = 8


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A token the user made on their account page. Only the SHA-256 of the secret is kept: the
    secret is shown once, when the token is made, and a copy of the database lets nobody in.
    A hash of a random 256-bit secret needs no salt nor slow hashing: there is nothing to guess."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, to tell it apart.")
    prefix = models.CharField(max_length=PREFIX_LENGTH)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        """A new token for `user` and its secret, which is nowhere else once this returns."""
        secret = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=secret[:PREFIX_LENGTH], key_hash=hash_key(secret)
        )
        return token, secret

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        """Revoke once: revoking again keeps the first time."""
        now = timezone.now()
        if ApiToken.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=now):
            self.revoked_at = now

    def touch(self, now: datetime.datetime | None = None) -> None:
        """Record a use, writing at most once per LAST_USED_RESOLUTION."""
        now = now or timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
