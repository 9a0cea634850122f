"""Following a case, proposal or party, and each user's alert settings (/account/alerts/).

Every view is for readers of the record (analysts and editors). Follow and unfollow are POSTs
that work without JavaScript (they redirect back) and with htmx (they return the button)."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from cases.roles import analyst_required

from .forms import AlertSettingsForm, WebhookForm
from .models import FOLLOWABLE, AlertSettings, Follow, Webhook

RECENT_DELIVERIES = 10


def _target(kind: str, slug: str):
    model = FOLLOWABLE.get(kind)
    if model is None:
        raise Http404("Nothing of that kind can be followed.")
    return get_object_or_404(model, slug=slug)


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    candidate = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(candidate)
    return redirect(fallback)


def _follow_response(request: HttpRequest, kind: str, target, following: bool) -> HttpResponse:
    if request.htmx:
        return render(
            request,
            "alerts/follow_button.html",
            {
                "kind": kind,
                "target": target,
                "following": following,
                "next": request.POST.get("next", ""),
            },
        )
    return _back(request, target.get_absolute_url())


@analyst_required
@require_POST
def follow(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    target = _target(kind, slug)
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=request.user, **{kind: target})
    except IntegrityError:  # the same click twice at once: followed either way
        pass
    if not request.htmx:
        messages.success(request, f"You follow {target}.")
    return _follow_response(request, kind, target, following=True)


@analyst_required
@require_POST
def unfollow(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    target = _target(kind, slug)
    Follow.objects.filter(user=request.user, **{kind: target}).delete()
    if not request.htmx:
        messages.success(request, f"You no longer follow {target}.")
    return _follow_response(request, kind, target, following=False)


def _page(request: HttpRequest, *, email_form=None, webhook_form=None, status=200):
    settings_row = AlertSettings.objects.filter(user=request.user).first() or AlertSettings(
        user=request.user
    )
    follows = Follow.objects.filter(user=request.user).select_related("case", "proposal", "party")
    webhooks = list(Webhook.objects.filter(user=request.user))
    for webhook in webhooks:
        webhook.recent = list(webhook.deliveries.all()[:RECENT_DELIVERIES])
    ctx = {
        "follows": [(follow, _kind(follow)) for follow in follows],
        "email_form": email_form or AlertSettingsForm(instance=settings_row),
        "webhook_form": webhook_form or WebhookForm(user=request.user),
        "webhooks": webhooks,
        "has_email": bool(request.user.email),
    }
    return render(request, "alerts/account.html", ctx, status=status)


def _kind(follow: Follow) -> str:
    return next(name for name in FOLLOWABLE if getattr(follow, f"{name}_id"))


@analyst_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    return _page(request)


@analyst_required
@require_POST
def email_settings(request: HttpRequest) -> HttpResponse:
    row = AlertSettings.objects.filter(user=request.user).first() or AlertSettings(
        user=request.user
    )
    form = AlertSettingsForm(request.POST, instance=row)
    if not form.is_valid():
        return _page(request, email_form=form, status=400)
    form.save()
    messages.success(request, f"Alerts: {row.get_email_mode_display().lower()}.")
    return redirect("alerts:account")


@analyst_required
@require_POST
def add_webhook(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST, user=request.user, instance=Webhook(user=request.user))
    if not form.is_valid():
        return _page(request, webhook_form=form, status=400)
    webhook = form.save()
    messages.success(request, f"Webhook added: {webhook.url}. Its secret is shown below.")
    return redirect("alerts:account")


@analyst_required
@require_POST
def delete_webhook(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = get_object_or_404(Webhook, pk=pk, user=request.user)
    webhook.delete()
    messages.success(request, f"Webhook deleted: {webhook.url}.")
    return redirect("alerts:account")


@analyst_required
@require_POST
def enable_webhook(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn a webhook disabled after failed deliveries back on, once its receiver is mended:
    its count of failures starts again from nothing."""
    webhook = get_object_or_404(Webhook, pk=pk, user=request.user)
    Webhook.objects.filter(pk=webhook.pk).update(
        active=True, consecutive_failures=0, disabled_at=None
    )
    messages.success(request, f"Webhook turned back on: {webhook.url}.")
    return redirect("alerts:account")
