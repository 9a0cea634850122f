"""Signing in: the pages, throttling guesses (django-axes, counted in the database) on every
sign-in form, and password reset only where mail can be sent."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")


@pytest.fixture
def limits(settings):
    """Small limits, so a test needs few guesses: 3 per account and address, 5 per account from
    any address, 8 per address for any account."""
    settings.SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS = 3
    settings.SIGN_IN_LIMIT_PER_ACCOUNT = 5
    settings.SIGN_IN_LIMIT_PER_ADDRESS = 8


def sign_in(client, username, password, address="203.0.113.7", path=LOGIN, **headers):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def guess(client, username, times, address="203.0.113.7", path=LOGIN, **headers):
    for _ in range(times):
        sign_in(client, username, "wrong", address, path, **headers)


def test_an_analyst_signs_in_and_lands_on_the_cases(client, analyst):
    response = sign_in(client, "analyst", "pw-analyst-1")
    assert response.status_code == 302
    assert response.url == "/"


def test_a_wrong_password_is_refused_with_a_message(client, analyst):
    response = sign_in(client, "analyst", "wrong")
    assert response.status_code == 200
    assert b"didn&#x27;t match" in response.content or b"didn't match" in response.content


def test_guessing_an_accounts_password_locks_it_out_and_then_tries_no_password(
    client, analyst, limits
):
    guess(client, "analyst", 3)
    response = sign_in(client, "analyst", "pw-analyst-1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_out_page_is_in_the_sites_layout_and_says_what_to_do(client, analyst, limits):
    guess(client, "analyst", 2)
    response = sign_in(client, "analyst", "wrong")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed sign-ins" in page
    assert 'class="site-header"' in page  # the site's own page, not a bare line of text
    assert "ask an administrator" in page


def test_the_admin_sign_in_is_throttled_too(client, superuser, limits):
    guess(client, "root", 3, path=ADMIN_LOGIN)
    response = sign_in(client, "root", "pw-root-1", path=ADMIN_LOGIN)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_guesses_count_across_both_sign_in_forms(client, superuser, limits):
    address = "198.51.100.21"
    guess(client, "root", 2, address, path=ADMIN_LOGIN)
    guess(client, "root", 1, address)
    assert sign_in(client, "root", "pw-root-1", address).status_code == 429


def test_guessing_one_account_does_not_lock_out_others_at_the_same_address(
    client, analyst, editor, limits
):
    """Behind a proxy or an office's NAT many people share an address."""
    guess(client, "analyst", 3)
    response = sign_in(client, "editor", "pw-editor-1")
    assert response.status_code == 302


def test_an_account_guessed_from_many_addresses_is_locked_everywhere(client, analyst, limits):
    for n in range(5):
        guess(client, "analyst", 1, address=f"198.51.100.{n}")
    assert sign_in(client, "analyst", "pw-analyst-1", address="192.0.2.1").status_code == 429


def test_one_address_guessing_many_accounts_is_locked(client, analyst, limits):
    address = "198.51.100.22"
    for n in range(8):
        guess(client, f"someone-{n}", 1, address)
    assert sign_in(client, "analyst", "pw-analyst-1", address).status_code == 429
    assert sign_in(client, "analyst", "pw-analyst-1", address="192.0.2.1").status_code == 302


def test_behind_a_trusted_proxy_the_client_address_is_the_one_the_proxy_saw(
    client, analyst, limits, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # Whatever the client puts in X-Forwarded-For comes first; the proxy appends what it saw.
    guess(client, "analyst", 3, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.1")
    locked = sign_in(client, "analyst", "pw-analyst-1", proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert locked.status_code == 429
    other_client = sign_in(
        client, "analyst", "pw-analyst-1", proxy, HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert other_client.status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(client, analyst, limits):
    address = "198.51.100.23"
    for n in range(3):
        guess(client, "analyst", 1, address, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert sign_in(client, "analyst", "pw-analyst-1", address).status_code == 429


def test_staff_unlock_an_account_with_axes_reset_username(client, analyst, limits):
    guess(client, "analyst", 3)
    call_command("axes_reset_username", "analyst")
    assert sign_in(client, "analyst", "pw-analyst-1").status_code == 302


def test_staff_see_and_can_delete_lock_outs_in_the_admin(client, analyst, superuser, limits):
    guess(client, "analyst", 3)
    client.force_login(superuser)
    page = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "analyst" in page


# Password reset -----------------------------------------------------------------------------


def test_with_a_mail_server_the_sign_in_page_offers_a_password_reset(client, settings):
    settings.EMAIL_HOST = "mail.example"
    page = client.get(LOGIN).content.decode()
    assert reverse("password_reset") in page


def test_with_a_mail_server_a_reset_mail_is_sent(client, analyst, settings):
    settings.EMAIL_HOST = "mail.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    analyst.email = "analyst@example.org"
    analyst.save()
    response = client.post(reverse("password_reset"), {"email": "analyst@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_without_a_mail_server_no_reset_is_offered_and_staff_are_named_instead(
    client, analyst, settings
):
    settings.EMAIL_HOST = ""
    settings.DEBUG = False
    page = client.get(LOGIN).content.decode()
    assert reverse("password_reset") not in page
    assert "ask an administrator" in page


def test_without_a_mail_server_the_reset_page_sends_nothing_and_says_so(client, analyst, settings):
    settings.EMAIL_HOST = ""
    settings.DEBUG = False
    analyst.email = "analyst@example.org"
    analyst.save()
    response = client.post(reverse("password_reset"), {"email": "analyst@example.org"})
    assert response.status_code == 200
    assert "ask an administrator" in response.content.decode()
    assert "sent" not in response.content.decode().lower()
    assert mail.outbox == []


def test_without_a_mail_server_the_sent_page_does_not_claim_a_mail_was_sent(client, settings):
    settings.EMAIL_HOST = ""
    settings.DEBUG = False
    page = client.get(reverse("password_reset_done")).content.decode()
    assert "ask an administrator" in page
    assert "emailed you" not in page
