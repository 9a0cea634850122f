"""Signing in: who is guessing (the client's address, behind trusted proxies), how many guesses
each thing counted may make (django-axes, counted in the database so it works without Redis),
and password reset only where mail can really be sent."""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db.models import Sum
from django.shortcuts import render


def client_address(request) -> str | None:
    """The address a request came from.

    Each of the TRUSTED_PROXY_COUNT proxies in front of the app appends the address it received
    the request from to X-Forwarded-For, so the client is that many entries from the right;
    anything further left is whatever the client chose to send. Without trusted proxies the
    header is ignored, since anyone can forge it."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= proxies:
            try:
                return str(ipaddress.ip_address(forwarded[-proxies]))
            except ValueError:
                pass  # not an address: fall back to the connection's
    return request.META.get("REMOTE_ADDR")


# What axes counts (AXES_LOCKOUT_PARAMETERS, in this order) and the setting with its limit.
LIMITS = {
    ("username", "ip_address"): "SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS",
    ("username",): "SIGN_IN_LIMIT_PER_ACCOUNT",
    ("ip_address",): "SIGN_IN_LIMIT_PER_ADDRESS",
}
LOCKOUT_PARAMETERS = [list(parameters) for parameters in LIMITS]


class SignInThrottle(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for each thing counted.

    Axes compares one number, the failures, with one limit (AXES_FAILURE_LIMIT: failure_limit
    below, the per account and address limit). Here the failures are that pair's, raised to
    that limit when the account alone or the address alone has reached its own, larger, one."""

    def get_failures(self, request, credentials=None) -> int:
        counts = [
            attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        by_parameters = dict(zip(LIMITS, counts, strict=True))
        failures = by_parameters[("username", "ip_address")]
        limit = get_failure_limit(request, credentials)
        for parameters, setting in LIMITS.items():
            if by_parameters[parameters] >= getattr(settings, setting):
                failures = max(failures, limit)
        return failures


def locked_out(request, original_response=None, credentials=None):
    """The lock-out page (AXES_LOCKOUT_CALLABLE), in the site's layout, for every sign-in form."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def failure_limit(request, credentials) -> int:
    """AXES_FAILURE_LIMIT, read when asked, so the setting can change (in tests) at run time."""
    return settings.SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS


def password_reset_by_email() -> bool:
    """Only offer a reset mail that can be sent: a mail server is configured, or DEBUG shows
    the mail on the console."""
    return bool(settings.EMAIL_HOST) or settings.DEBUG


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(password_reset_by_email=password_reset_by_email(), **kwargs)


def _unless_mail_cannot_be_sent(view):
    """The view, or, with no mail server, a page saying whom to ask instead of pretending that
    a mail went out."""

    def wrapped(request, *args, **kwargs):
        if password_reset_by_email():
            return view(request, *args, **kwargs)
        return render(request, "registration/password_reset_unavailable.html")

    return wrapped


password_reset = _unless_mail_cannot_be_sent(auth_views.PasswordResetView.as_view())
password_reset_done = _unless_mail_cannot_be_sent(auth_views.PasswordResetDoneView.as_view())
