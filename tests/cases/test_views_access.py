"""Every analysts' page is for analysts and editors; others are sent to sign in or refused."""

import pytest
from django.urls import reverse

from tests.factories import make_entry

pytestmark = pytest.mark.django_db

PAGES = [
    ("cases:dashboard", []),
    ("cases:search", []),
    ("cases:case", ["griner"]),
    ("cases:proposal", ["bout-swap"]),
    ("cases:party", ["price"]),
    ("cases:case_csv", ["griner"]),
    ("cases:case_json", ["griner"]),
    ("cases:case_ics", ["griner"]),
    ("cases:case_timelinejs", ["griner"]),
    ("cases:case_feed", ["griner"]),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_an_anonymous_visitor_is_sent_to_sign_in(client, world, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_user_without_a_role_is_refused(client, outsider, world, name, args):
    client.force_login(outsider)
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_analysts_and_editors_may_read(client, analyst, editor, world, name, args):
    for user in (analyst, editor):
        client.force_login(user)
        assert client.get(reverse(name, args=args)).status_code == 200


def test_the_entry_permalink_needs_a_role(client, outsider, world):
    url = reverse("cases:entry", args=[make_entry().pk])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_every_page_declares_the_site_icon_so_browsers_do_not_probe_for_one(analyst_client):
    response = analyst_client.get(reverse("cases:dashboard"))
    assert b'rel="icon" href="/static/favicon.svg"' in response.content
