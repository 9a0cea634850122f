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


# Entries on a party page are cached one by one (cases.caching.entry_fragments).


def party_page(client) -> str:
    return client.get(reverse("cases:party", args=["price"])).content.decode()


def test_a_second_visit_reads_no_sources_and_shows_the_same_entries(analyst_client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.cases.test_views_case import fill

    def entries(html: str) -> list[str]:
        return re.findall(r'<article class="entry .*?</article>', html, flags=re.S)

    fill(3)
    first = entries(party_page(analyst_client))
    with CaptureQueriesContext(connection) as captured:
        again = entries(party_page(analyst_client))
    assert again == first and len(first) == 3
    read = " ".join(query["sql"] for query in captured.captured_queries)
    assert '"sources_citation"' not in read and '"cases_timelineentry_parties"' in read


def test_what_an_entry_shows_is_never_stale_on_a_party_page(analyst_client, editor, world):
    from cases.corrections import correct
    from cases.models import Case, TimelineEntry
    from sources.models import Citation, Outlet
    from tests.factories import make_article

    price = Party.objects.get(slug="price")
    entry = make_entry(speaker=price, summary="Price on the proposal", article=make_article())
    party_page(analyst_client)
    # An update bypasses save() and the signals: the cached fragment still answers, so what
    # follows shows the stamps moving, not a page that is never cached.
    TimelineEntry.objects.filter(pk=entry.pk).update(summary="Changed behind the cache")
    assert "Changed behind the cache" not in party_page(analyst_client)

    correct(entry, by=editor, reason="Wrong summary", changes={"summary": "Price: corrected"})
    assert "Price: corrected" in party_page(analyst_client)
    interfax = Outlet.objects.create(slug="interfax", name="Interfax")
    Citation.objects.create(entry=entry, article=make_article(title="Второй", outlet=interfax))
    assert "Второй" in party_page(analyst_client)
    interfax.name = "Interfax (Moscow)"
    interfax.save()
    assert "Interfax (Moscow)" in party_page(analyst_client)
    griner = Case.objects.get(slug="griner")
    griner.name = "Brittney Yevette Griner"
    griner.save()
    assert "Brittney Yevette Griner" in party_page(analyst_client)
    lavrov = Party.objects.get(slug="lavrov")
    entry.parties.add(lavrov)  # the entry's own links change with a save of the entry
    entry.save()
    lavrov.name = "Sergei V. Lavrov"
    lavrov.save()
    assert "Sergei V. Lavrov" in party_page(analyst_client)
    blinken = Party.objects.get(slug="blinken")
    blinken.entries.add(entry)  # linked from the party's side, with no save of the entry
    assert "Antony Blinken" in party_page(analyst_client)
    blinken.entries.clear()
    assert "Antony Blinken" not in party_page(analyst_client)


def test_editors_and_analysts_never_share_an_entry_fragment(analyst_client, editor, world):
    from django.test import Client

    make_entry(speaker=Party.objects.get(slug="price"), summary="Price speaks")
    editor_client = Client()
    editor_client.force_login(editor)
    assert ">Retract<" not in party_page(analyst_client)
    assert ">Retract<" in party_page(editor_client)
    assert ">Retract<" not in party_page(analyst_client)
