"""Personal API tokens: made and revoked on the account page, stored hashed, shown once; the
Bearer authentication that reads them; the per-token rate limit."""

import datetime
import hashlib
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("throttle_counts")]

PAGE = reverse("account:tokens")
CASES = reverse("api:cases")


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def make_token(user, name="script") -> tuple[ApiToken, str]:
    return ApiToken.issue(user, name)


def shown_secret(response) -> str:
    match = re.search(r'id="new-token" value="([^"]+)"', response.content.decode())
    assert match, "the new token is not on the page"
    return match.group(1)


# ---------------------------------------------------------------------------------------------
# The account page


@pytest.mark.parametrize(
    ("persona", "expected"), [("outsider", 403), ("analyst", 200), ("editor", 200)]
)
def test_the_page_is_for_signed_in_users_with_a_role(request, client, persona, expected):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == expected
    assert client.post(PAGE, {"name": "x"}).status_code == (201 if expected == 200 else 403)


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    assert client.get(PAGE).url.startswith(reverse("login"))
    assert client.post(PAGE, {"name": "x"}).url.startswith(reverse("login"))
    assert not ApiToken.objects.exists()


def test_the_secret_is_shown_once_and_stored_hashed(analyst_client, analyst):
    response = analyst_client.post(PAGE, {"name": "newsroom sheet"})
    assert response.status_code == 201
    secret = shown_secret(response)
    token = ApiToken.objects.get()
    assert token.user == analyst
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:8]
    # No column holds the secret.
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert not any(secret in str(value) for value in row.values())

    listed = analyst_client.get(PAGE).content.decode()
    assert secret not in listed
    assert "newsroom sheet" in listed and f"{token.prefix}…" in listed
    assert "never" in listed  # not used yet


def test_a_token_needs_a_name(analyst_client):
    response = analyst_client.post(PAGE, {"name": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_page_lists_only_the_users_own_live_tokens(analyst_client, analyst, editor):
    make_token(analyst, "mine")
    make_token(editor, "the editor's")
    gone, _ = make_token(analyst, "revoked one")
    gone.revoke()
    page = analyst_client.get(PAGE).content.decode()
    assert "mine" in page
    assert "the editor&#x27;s" not in page and "revoked one" not in page


def test_a_user_revokes_their_token(analyst_client, analyst):
    token, secret = make_token(analyst)
    response = analyst_client.post(reverse("account:revoke", args=[token.pk]))
    assert response.url == PAGE
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get(CASES, **bearer(secret)).status_code == 401


def test_nobody_revokes_another_users_token(analyst_client, editor):
    token, _ = make_token(editor)
    assert analyst_client.post(reverse("account:revoke", args=[token.pk])).status_code == 404
    assert analyst_client.get(reverse("account:revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_making_and_revoking_need_the_csrf_token(analyst, editor):
    token, _ = make_token(analyst)
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    assert client.post(PAGE, {"name": "forged"}).status_code == 403
    assert client.post(reverse("account:revoke", args=[token.pk])).status_code == 403
    assert ApiToken.objects.active().count() == 1


def test_the_navigation_links_the_page(analyst_client):
    assert f'href="{PAGE}"' in analyst_client.get(reverse("cases:dashboard")).content.decode()


# ---------------------------------------------------------------------------------------------
# Bearer authentication


def test_a_token_signs_its_user_in_and_records_the_use(analyst):
    token, secret = make_token(analyst)
    response = Client().get(CASES, **bearer(secret))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_no_token_or_a_wrong_one_is_a_401_asking_for_a_bearer_token(analyst):
    _, secret = make_token(analyst)
    for headers in ({}, bearer(secret[:-1] + "x"), bearer(""), {"HTTP_AUTHORIZATION": "Bearer"}):
        response = Client().get(CASES, **headers)
        assert response.status_code == 401, headers
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(analyst):
    token, secret = make_token(analyst)
    token.revoke()
    response = Client().get(CASES, **bearer(secret))
    assert response.status_code == 401
    assert response.json()["detail"] == "This token has been revoked."


def test_an_inactive_users_token_is_refused(analyst):
    _, secret = make_token(analyst)
    analyst.is_active = False
    analyst.save()
    assert Client().get(CASES, **bearer(secret)).status_code == 401


def test_a_token_loses_the_role_its_user_loses(analyst):
    _, secret = make_token(analyst)
    assert Client().get(CASES, **bearer(secret)).status_code == 200
    analyst.groups.remove(Group.objects.get(name="Analysts"))
    assert Client().get(CASES, **bearer(secret)).status_code == 403


def test_last_use_is_written_at_most_once_a_minute(analyst, django_assert_num_queries):
    token, _ = make_token(analyst)
    start = timezone.now()
    token.touch(start)
    with django_assert_num_queries(0):
        token.touch(start + datetime.timedelta(seconds=59))
    with django_assert_num_queries(1):
        token.touch(start + datetime.timedelta(seconds=61))
    token.refresh_from_db()
    assert token.last_used_at == start + datetime.timedelta(seconds=61)


def test_a_session_still_signs_the_browser_in(analyst_client):
    assert analyst_client.get(CASES).status_code == 200


# ---------------------------------------------------------------------------------------------
# Rate limits


def test_the_61st_request_in_a_minute_is_refused_and_other_tokens_are_not(settings, analyst):
    settings.API_READ_RATE = "60/min"
    _, busy = make_token(analyst, "busy script")
    _, other = make_token(analyst, "other script")
    client = Client()
    for _ in range(60):
        assert client.get(CASES, **bearer(busy)).status_code == 200
    refused = client.get(CASES, **bearer(busy))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert client.get(CASES, **bearer(other)).status_code == 200


def test_writes_have_their_own_rate(settings, editor):
    settings.API_WRITE_RATE = "2/min"
    _, secret = make_token(editor)
    approve = reverse("api:approve", args=[999_999])
    assert [Client().post(approve, **bearer(secret)).status_code for _ in range(3)] == [
        404,
        404,
        429,
    ]
    assert Client().get(CASES, **bearer(secret)).status_code == 200  # reads still go through
