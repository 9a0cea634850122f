import datetime

import pytest
from django.urls import reverse

from cases.models import Proposal
from tests.factories import make_entry

pytestmark = pytest.mark.django_db

URL = reverse("cases:proposal", args=["bout-swap"])


def test_it_shows_the_terms_sides_cases_and_status_history(analyst_client, world):
    html = analyst_client.get(URL).content.decode()
    assert "The United States would release Viktor Bout" in html
    assert "Offered by" in html and reverse("cases:party", args=["us-government"]) in html
    assert "<caption>Who would be released, and by whom</caption>" in html
    assert reverse("cases:case", args=["griner"]) in html
    assert reverse("cases:case", args=["whelan"]) in html
    assert "Offered" in html and "Carried out" in html
    assert "Jun 2022" in html  # the offer is dated to the month


def test_it_lists_the_proposals_entries_with_its_status_changes(analyst_client, world):
    proposal = Proposal.objects.get(slug="bout-swap")
    make_entry(summary="Blinken confirms the offer", proposal=proposal)
    make_entry(summary="Unrelated entry")
    make_entry(summary="Restricted offer detail", proposal=proposal, restricted=True)
    html = analyst_client.get(URL).content.decode()
    assert "Blinken confirms the offer" in html
    assert "Unrelated entry" not in html and "Restricted offer detail" not in html
    assert "Status: Proposal carried out" in html


def test_the_number_of_queries_does_not_grow_with_the_entries(
    analyst_client, world, django_assert_max_num_queries
):
    from tests.cases.test_views_case import count_queries, fill

    fill(5)
    few = count_queries(analyst_client, URL)
    fill(45, start=datetime.date(2022, 5, 1))
    with django_assert_max_num_queries(few):
        analyst_client.get(URL)
