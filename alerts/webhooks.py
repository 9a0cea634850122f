"""Webhooks: a user's alerts POSTed as signed JSON to a URL of theirs.

Each POST carries two headers:

    X-Tracker-Timestamp: 1732982400
    X-Tracker-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret>

A receiver recomputes the signature over the raw body it received and the timestamp header,
compares in constant time, and refuses a timestamp far from its own clock (a replayed request);
verify_signature below does exactly that, and a receiver may copy it.

The URL is an instruction to our server to open a connection, so it is checked as submitted
articles' URLs are (sources.fetch): http or https only, and a host whose every address is public,
the connection made to the address checked. Loopback is allowed only with
WEBHOOK_ALLOW_LOOPBACK (on with DEBUG, so `make run` and the tests can post to 127.0.0.1); never
in production, where 127.0.0.1 is the tracker's own host and its neighbours' services.
"""

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from sources import fetch

from .models import Delivery, Webhook

TIMESTAMP_HEADER = "X-Tracker-Timestamp"
SIGNATURE_HEADER = "X-Tracker-Signature"
# How far a receiver should let the timestamp be from its own clock.
TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def verify_signature(
    secret: str, timestamp: str, body: bytes, header: str, *, now: float | None = None
) -> bool:
    """For receivers: is `header` (X-Tracker-Signature) the signature of `body`, the raw request
    body, sent at `timestamp` (X-Tracker-Timestamp, Unix seconds) within TOLERANCE_SECONDS?"""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - sent) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), header or "")


def _loopback_allowed(address: str) -> bool:
    return settings.WEBHOOK_ALLOW_LOOPBACK and fetch.refusal_reason(address) == "a loopback address"


def checked_addresses(url: str) -> list[str]:
    """The URL's host addresses, every one allowed, or ValidationError saying why not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("A webhook URL starts with http:// or https:// and names a host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = fetch.resolve_host(parts.hostname, port)
    except (OSError, ValueError) as exc:
        raise ValidationError(f"Could not find the host {parts.hostname}: {exc}") from exc
    for address in addresses:
        reason = fetch.refusal_reason(address)
        if reason and not _loopback_allowed(address):
            raise ValidationError(
                f"{parts.hostname} resolves to {address}, {reason}: webhooks go to public hosts."
            )
    if not addresses:
        raise ValidationError(f"The host {parts.hostname} has no address.")
    return addresses


@dataclass
class Outcome:
    delivered: bool
    retry: bool  # a failure worth another attempt


def payload(event: str, entry: dict) -> bytes:
    return json.dumps(
        {"event": event, "entry": entry, "url": entry.get("url", "")}, sort_keys=True
    ).encode()


def deliver(webhook_id: int, event: str, body: bytes, attempt: int) -> Outcome:
    """POST `body` to the webhook once, log the attempt, and count it: a success resets the
    failures, the WEBHOOK_DISABLE_AFTER-th failure in a row disables the webhook and tells its
    owner."""
    webhook = Webhook.objects.filter(pk=webhook_id, active=True).first()
    if webhook is None:  # disabled or deleted since the alert: nothing to deliver
        return Outcome(delivered=False, retry=False)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "detention-tracker-webhooks",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(webhook.secret, timestamp, body),
    }
    status_code, error = None, ""
    started = time.monotonic()
    try:
        # Checked again at each delivery, and the connection pinned to the checked address: the
        # host's DNS may point elsewhere since the webhook was added.
        addresses = checked_addresses(webhook.url)
        with httpx.Client(
            transport=fetch.pinned_transport(addresses),
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            follow_redirects=False,
        ) as client:
            response = client.post(webhook.url, content=body, headers=headers)
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"The receiver answered {status_code}."
    except ValidationError as exc:
        error = exc.messages[0]
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"
    duration_ms = int((time.monotonic() - started) * 1000)
    Delivery.objects.create(
        webhook=webhook,
        event=event,
        status_code=status_code,
        error=error[:500],
        attempt=attempt,
        duration_ms=duration_ms,
    )
    if not error:
        Webhook.objects.filter(pk=webhook.pk).update(consecutive_failures=0)
        return Outcome(delivered=True, retry=False)
    return Outcome(delivered=False, retry=not _count_failure(webhook))


def _count_failure(webhook: Webhook) -> bool:
    """Count one failed attempt; True when it disabled the webhook."""

    Webhook.objects.filter(pk=webhook.pk).update(consecutive_failures=F("consecutive_failures") + 1)
    # A conditional UPDATE: of two workers failing at once, one disables and mails the owner.
    disabled = Webhook.objects.filter(
        pk=webhook.pk,
        active=True,
        consecutive_failures__gte=settings.WEBHOOK_DISABLE_AFTER,
    ).update(active=False, disabled_at=timezone.now())
    if disabled:
        from .notify import webhook_disabled

        webhook_disabled(webhook.pk)
    return bool(disabled)


def backoff_seconds(retries: int) -> float:
    """The wait before the next attempt: WEBHOOK_RETRY_SECONDS, doubled at each retry."""
    return settings.WEBHOOK_RETRY_SECONDS * 2**retries
