"""Following and the alerts page: readers only, POSTs with their CSRF token, without JavaScript
(a redirect back) and with htmx (the button swapped in)."""

import pytest
from django.test import Client
from django.utils import timezone

from alerts.models import AlertSettings, EmailMode, Follow, Webhook
from cases.models import Case, Party, Proposal

pytestmark = pytest.mark.django_db


def test_following_a_case_without_javascript_redirects_back(analyst_client, analyst, world):
    response = analyst_client.post("/follow/case/griner/", {"next": "/cases/griner/?kind=court"})
    assert response.status_code == 302
    assert response["Location"] == "/cases/griner/?kind=court"
    assert Follow.objects.get(user=analyst).case.slug == "griner"
    # Followed twice, it is one follow.
    analyst_client.post("/follow/case/griner/")
    assert Follow.objects.filter(user=analyst).count() == 1


def test_next_may_not_lead_off_the_site(analyst_client, world):
    response = analyst_client.post("/follow/case/griner/", {"next": "https://evil.example/"})
    assert response["Location"] == Case.objects.get(slug="griner").get_absolute_url()


def test_with_htmx_the_button_is_swapped_for_unfollow(analyst_client, analyst, world):
    response = analyst_client.post("/follow/party/price/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/unfollow/party/price/"' in html
    assert "Unfollow" in html
    assert Follow.objects.get(user=analyst).party == Party.objects.get(slug="price")

    response = analyst_client.post("/unfollow/party/price/", HTTP_HX_REQUEST="true")
    assert 'action="/follow/party/price/"' in response.content.decode()
    assert not Follow.objects.exists()


def test_the_pages_show_the_button_for_the_user(analyst_client, analyst, world):
    proposal = Proposal.objects.get(slug="bout-swap")
    Follow.objects.create(user=analyst, proposal=proposal)
    case_page = analyst_client.get("/cases/griner/").content.decode()
    assert 'action="/follow/case/griner/"' in case_page
    proposal_page = analyst_client.get(proposal.get_absolute_url()).content.decode()
    assert f'action="/unfollow/proposal/{proposal.slug}/"' in proposal_page
    party_page = analyst_client.get("/parties/price/").content.decode()
    assert 'action="/follow/party/price/"' in party_page


def test_a_follow_needs_the_csrf_token(analyst, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst)
    assert client.post("/follow/case/griner/").status_code == 403
    page = client.get("/cases/griner/")
    token = page.cookies["csrftoken"].value
    assert client.post("/follow/case/griner/", HTTP_X_CSRFTOKEN=token).status_code == 302
    assert Follow.objects.filter(user=analyst).exists()


def test_outsiders_and_anonymous_users_follow_nothing(client, outsider, world):
    response = client.post("/follow/case/griner/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(outsider)
    assert client.post("/follow/case/griner/").status_code == 403
    assert client.get("/account/alerts/").status_code == 403
    assert not Follow.objects.exists()


def test_only_cases_proposals_and_parties_are_followed(analyst_client, world):
    assert analyst_client.post("/follow/entry/griner/").status_code == 404
    assert analyst_client.post("/follow/case/no-such-case/").status_code == 404
    assert analyst_client.get("/follow/case/griner/").status_code == 405


def test_the_alerts_page_lists_follows_and_unfollows_them(analyst_client, analyst, world):
    Follow.objects.create(user=analyst, case=Case.objects.get(slug="griner"))
    Follow.objects.create(user=analyst, party=Party.objects.get(slug="price"))
    page = analyst_client.get("/account/alerts/").content.decode()
    assert "Brittney Griner" in page and "Ned Price" in page
    assert 'action="/unfollow/case/griner/"' in page
    response = analyst_client.post("/unfollow/case/griner/", {"next": "/account/alerts/"})
    assert response["Location"] == "/account/alerts/"
    assert list(Follow.objects.values_list("party__slug", flat=True)) == ["price"]


def test_the_email_choice_is_saved(analyst_client, analyst, world):
    response = analyst_client.post("/account/alerts/email/", {"email_mode": "digest"})
    assert response.status_code == 302
    assert AlertSettings.objects.get(user=analyst).email_mode == EmailMode.DIGEST
    response = analyst_client.post("/account/alerts/email/", {"email_mode": "hourly"})
    assert response.status_code == 400
    assert AlertSettings.objects.get(user=analyst).email_mode == EmailMode.DIGEST


def test_a_webhook_is_added_with_its_secret_shown_to_its_owner(analyst_client, analyst, settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    response = analyst_client.post("/account/alerts/webhooks/", {"url": "http://127.0.0.1:9/h"})
    assert response.status_code == 302
    webhook = Webhook.objects.get(user=analyst)
    assert len(webhook.secret) == 64
    assert webhook.secret in analyst_client.get("/account/alerts/").content.decode()


def test_a_refused_webhook_url_keeps_what_was_typed_and_says_why(analyst_client, analyst, settings):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    response = analyst_client.post("/account/alerts/webhooks/", {"url": "http://10.0.0.7/hook"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "a private address" in html
    assert 'value="http://10.0.0.7/hook"' in html
    assert not Webhook.objects.exists()


def test_only_its_owner_sees_and_deletes_a_webhook(analyst_client, editor):
    theirs = Webhook.objects.create(user=editor, url="https://hooks.example/editor")
    assert theirs.secret not in analyst_client.get("/account/alerts/").content.decode()
    assert analyst_client.post(f"/account/alerts/webhooks/{theirs.pk}/delete/").status_code == 404
    assert Webhook.objects.filter(pk=theirs.pk).exists()


def test_a_disabled_webhook_can_be_turned_back_on_by_its_owner(analyst_client, analyst, editor):
    mended = Webhook.objects.create(
        user=analyst,
        url="https://hooks.example/mended",
        active=False,
        consecutive_failures=8,
        disabled_at=timezone.now(),
    )
    html = analyst_client.get("/account/alerts/").content.decode()
    assert "Disabled" in html and f"/account/alerts/webhooks/{mended.pk}/enable/" in html
    response = analyst_client.post(f"/account/alerts/webhooks/{mended.pk}/enable/")
    assert response.status_code == 302
    mended.refresh_from_db()
    assert mended.active and mended.consecutive_failures == 0 and mended.disabled_at is None
    html = analyst_client.get("/account/alerts/").content.decode()
    assert f"/account/alerts/webhooks/{mended.pk}/enable/" not in html
    # Someone else's stays as it is.
    theirs = Webhook.objects.create(user=editor, url="https://hooks.example/e", active=False)
    assert analyst_client.post(f"/account/alerts/webhooks/{theirs.pk}/enable/").status_code == 404
    theirs.refresh_from_db()
    assert not theirs.active


def test_the_alerts_page_costs_the_same_queries_however_many_follows(
    analyst_client, analyst, world, django_assert_max_num_queries
):
    for case in Case.objects.all():
        Follow.objects.create(user=analyst, case=case)
    for party in Party.objects.all():
        Follow.objects.create(user=analyst, party=party)
    with django_assert_max_num_queries(10):
        assert analyst_client.get("/account/alerts/").status_code == 200


def test_the_admin_lists_webhooks_without_their_secrets_and_can_turn_one_back_on(
    client, analyst, django_user_model
):
    staff = django_user_model.objects.create_superuser("root-admin", "r@example.org", "pw-r-1")
    client.force_login(staff)
    webhook = Webhook.objects.create(
        user=analyst, url="https://hooks.example/x", active=False, consecutive_failures=5
    )
    listing = client.get("/admin/alerts/webhook/").content.decode()
    assert "https://hooks.example/x" in listing and webhook.secret not in listing
    page = client.get(f"/admin/alerts/webhook/{webhook.pk}/change/").content.decode()
    assert webhook.secret not in page
    response = client.post(
        f"/admin/alerts/webhook/{webhook.pk}/change/",
        {"active": "on", "consecutive_failures": "0", "disabled_at_0": "", "disabled_at_1": ""},
    )
    assert response.status_code == 302
    webhook.refresh_from_db()
    assert webhook.active and webhook.consecutive_failures == 0
