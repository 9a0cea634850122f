"""The account page where each user makes and revokes their personal API tokens."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cases.roles import analyst_required

from .models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        label="Token name",
        help_text="What the token is for, e.g. “newsroom spreadsheet”.",
    )


def _page(request: HttpRequest, form: TokenForm, *, status: int = 200, **extra) -> HttpResponse:
    tokens = request.user.api_tokens.active()
    return render(
        request, "account/tokens.html", {"form": form, "tokens": tokens, **extra}, status=status
    )


# Every role may read the API, and an editor's token may also write: so any role may have
# tokens, and a user without one has nothing to use them for.
@analyst_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    token, secret = ApiToken.issue(request.user, form.cleaned_data["name"])
    # The secret is shown in this response and nowhere else: no redirect, because carrying it
    # to the next page would mean storing it (in the session, that is in the database).
    return _page(request, TokenForm(), status=201, created=token, secret=secret)


@analyst_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.active(), pk=pk, user=request.user)
    token.revoke()
    messages.success(request, f"Revoked the token “{token.name}” ({token.prefix}…).")
    return redirect("account:tokens")
