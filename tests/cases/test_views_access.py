"""What every analysts' page carries. Who may open which page is tests/test_access_matrix.py."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_declares_the_site_icon_so_browsers_do_not_probe_for_one(analyst_client):
    response = analyst_client.get(reverse("cases:dashboard"))
    assert b'rel="icon" href="/static/favicon.svg"' in response.content
