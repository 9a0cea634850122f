import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from cases.models import Party
from tests.factories import make_entry

pytestmark = pytest.mark.django_db


def test_it_says_who_the_party_is(analyst_client, world):
    html = analyst_client.get(reverse("cases:party", args=["price"])).content.decode()
    assert "<h1>Ned Price</h1>" in html and "State Department Spokesperson" in html


def test_a_detainee_links_to_their_case(analyst_client, world):
    html = analyst_client.get(reverse("cases:party", args=["griner"])).content.decode()
    assert "Detainee in" in html and reverse("cases:case", args=["griner"]) in html


def test_it_lists_statements_and_quotes_across_cases(analyst_client, world):
    price = Party.objects.get(slug="price")
    make_entry(summary="Price on Griner", speaker=price, quote="A substantial proposal")
    make_entry(cases=("whelan",), summary="Price on Whelan", speaker=price)
    make_entry(summary="Blinken mentions Price", parties=("price",))
    make_entry(summary="Price in secret", speaker=price, restricted=True)
    html = analyst_client.get(reverse("cases:party", args=["price"])).content.decode()
    statements, mentions = html.split('id="mentions-heading"')
    assert "Price on Griner" in statements and "A substantial proposal" in statements
    assert "Price on Whelan" in statements
    assert "Blinken mentions Price" in mentions
    assert "Price in secret" not in html


def test_the_number_of_queries_does_not_grow_with_the_entries(
    analyst_client, world, django_assert_max_num_queries
):
    from tests.cases.test_views_case import count_queries, fill

    url = reverse("cases:party", args=["price"])
    fill(5)
    few = count_queries(analyst_client, url)
    fill(45, start=datetime.date(2022, 5, 1))
    with django_assert_max_num_queries(few):
        analyst_client.get(url)


def test_each_list_has_its_own_more_button(analyst_client, world):
    price = Party.objects.get(slug="price")
    for n in range(52):
        make_entry(
            summary=f"Mention {n}", parties=("price",), occurred_on=datetime.date(2022, 3, 1)
        )
    make_entry(summary="Price speaks", speaker=price)
    url = reverse("cases:party", args=["price"])
    html = analyst_client.get(url).content.decode()
    assert 'id="more-mentions"' in html and 'id="more-entries"' not in html
    more = re.search(
        r'<div class="more" id="more-mentions">\s*<a class="button" href="([^"]+)"', html
    )
    assert "mentions_after=" in more.group(1)
    response = analyst_client.get(
        unescape(more.group(1)), headers={"HX-Request": "true", "HX-Target": "more-mentions"}
    )
    fragment = response.content.decode()
    assert "<html" not in fragment and fragment.count('class="entry kind-') == 2
