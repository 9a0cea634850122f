import datetime

import pytest
from django.urls import reverse

from cases.models import Case, CaseStatusChange, EntryKind, Party
from tests.factories import make_entry

pytestmark = pytest.mark.django_db

URL = reverse("cases:dashboard")


def test_it_shows_every_case_as_a_card(analyst_client, world):
    html = analyst_client.get(URL).content.decode()
    assert 'id="card-griner"' in html and 'id="card-whelan"' in html
    assert "294</strong> days detained" in html  # Griner, to her exchange
    assert "2,043</strong> days detained" in html  # Whelan, 28 Dec 2018 to 1 Aug 2024
    assert "Designated 3 May 2022" in html
    assert "Espionage" in html and "IK-17 penal colony" in html
    assert "16 years in a maximum-security penal colony" in html


def test_a_case_still_held_counts_to_today(analyst_client, world):
    detainee = Party.objects.create(slug="held", name="Still Held")
    case = Case.objects.create(slug="held", name="Still Held", detainee=detainee)
    start = datetime.date.today() - datetime.timedelta(days=40)
    CaseStatusChange.objects.create(case=case, status="detained", on=start)
    html = analyst_client.get(URL).content.decode()
    assert '40</strong> days detained <span class="muted">so far</span>' in html


def test_it_shows_the_latest_development_and_the_proposal(analyst_client, world):
    make_entry(summary="An older development", occurred_on=datetime.date(2022, 3, 1))
    latest = make_entry(summary="The latest development", kind=EntryKind.CONTACT)
    html = analyst_client.get(URL).content.decode()
    assert "The latest development" in html and "An older development" not in html
    assert reverse("cases:entry", args=[latest.pk]) in html
    assert "Last proposal" in html and "Carried out" in html  # the Bout swap is over


def test_the_latest_development_is_never_a_restricted_one(analyst_client, world):
    make_entry(summary="Public development", occurred_on=datetime.date(2022, 3, 1))
    make_entry(summary="Secret development", restricted=True)
    html = analyst_client.get(URL).content.decode()
    assert "Public development" in html and "Secret development" not in html


def test_it_draws_an_activity_strip(analyst_client, world):
    make_entry(occurred_on=datetime.date(2022, 7, 1))
    make_entry(occurred_on=datetime.date(2022, 7, 28))
    html = analyst_client.get(URL).content.decode()
    assert 'class="activity-strip"' in html
    assert "<title>Jul 2022: 2 entries</title>" in html


def cards_order(response) -> list[str]:
    html = response.content.decode()
    return sorted(["griner", "whelan"], key=lambda slug: html.index(f'id="card-{slug}"'))


def test_it_sorts_by_days_detained_or_last_activity(analyst_client, world):
    assert cards_order(analyst_client.get(URL, {"sort": "days"})) == ["whelan", "griner"]
    # Whelan's exchange (Aug 2024) is his last activity, later than Griner's (Dec 2022)...
    assert cards_order(analyst_client.get(URL, {"sort": "activity"})) == ["whelan", "griner"]
    # ...until something happens on Griner's case.
    make_entry(occurred_on=datetime.date(2025, 1, 1))
    assert cards_order(analyst_client.get(URL)) == ["griner", "whelan"]


def test_it_filters_by_status(analyst_client, world):
    html = analyst_client.get(URL, {"status": "held"}).content.decode()
    assert 'id="card-griner"' not in html and "No case has this status" in html
    html = analyst_client.get(URL, {"status": "exchanged"}).content.decode()
    assert 'id="card-griner"' in html and 'id="card-whelan"' in html
    assert analyst_client.get(URL, {"status": "bogus", "sort": "bogus"}).status_code == 200


def test_an_htmx_request_gets_the_cards_only(analyst_client, world):
    response = analyst_client.get(URL, {"sort": "days"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="case-cards">') and "<html" not in html


def test_the_number_of_queries_does_not_grow_with_cases_or_entries(
    analyst_client, world, django_assert_max_num_queries
):
    from tests.cases.test_views_case import count_queries

    make_entry()
    few = count_queries(analyst_client, URL)
    for n in range(5):
        detainee = Party.objects.create(slug=f"d{n}", name=f"Detainee {n}")
        case = Case.objects.create(slug=f"c{n}", name=f"Case {n}", detainee=detainee)
        CaseStatusChange.objects.create(case=case, status="detained", on=datetime.date(2023, 1, 1))
        for day in range(1, 10):
            make_entry(cases=(case.slug,), occurred_on=datetime.date(2023, 2, day))
    with django_assert_max_num_queries(few):
        analyst_client.get(URL)


def add_cases(count: int, *, start: int = 0) -> None:
    for n in range(start, start + count):
        detainee = Party.objects.create(slug=f"p{n}", name=f"Детенюк {n} Ali Hassan al-Rashid")
        case = Case.objects.create(
            slug=f"k{n}", name=f"Детенюк {n} Ali Hassan al-Rashid", detainee=detainee
        )
        CaseStatusChange.objects.create(
            case=case, status="detained", on=datetime.date(2023, 1, 1) + datetime.timedelta(days=n)
        )


def test_it_shows_a_page_of_cases_and_pages_through_the_rest(analyst_client, world):
    add_cases(30)
    html = analyst_client.get(URL).content.decode()
    assert html.count('class="case-card"') == 24
    assert "1–24 of 32 cases" in html and "Page 1 of 2" in html
    html = analyst_client.get(URL, {"page": "2"}).content.decode()
    assert html.count('class="case-card"') == 8
    assert analyst_client.get(URL, {"page": "99"}).status_code == 200


def test_it_finds_cases_by_name_in_any_script(analyst_client, world):
    add_cases(3)
    # (SQLite, the laptop's database, folds the case of Latin letters only.)
    html = analyst_client.get(URL, {"q": "Детенюк 1 hassan"}).content.decode()
    assert 'id="card-k1"' in html and 'id="card-k0"' not in html
    assert "1–1 of 1 case matches" in html
    html = analyst_client.get(URL, {"q": "Brittney"}).content.decode()
    assert 'id="card-griner"' in html and 'id="card-whelan"' not in html
    assert "No case matches these words" in analyst_client.get(URL, {"q": "zzz"}).content.decode()


def test_the_query_count_does_not_grow_with_the_number_of_cases(
    analyst_client, world, django_assert_max_num_queries
):
    from tests.cases.test_views_case import count_queries

    add_cases(3)
    few = count_queries(analyst_client, URL, {"sort": "days"})
    add_cases(40, start=3)
    with django_assert_max_num_queries(few):
        analyst_client.get(URL, {"sort": "days"})


def test_a_cached_dashboard_shows_a_change_to_a_case_at_once(analyst_client, world):
    make_entry(
        summary="Первое событие: the earlier development", occurred_on=datetime.date(2022, 3, 1)
    )
    assert "Первое событие" in analyst_client.get(URL).content.decode()  # cached now
    make_entry(summary="A later development, one of many words", kind=EntryKind.CONTACT)
    html = analyst_client.get(URL).content.decode()
    assert "A later development" in html and "Первое событие" not in html


def test_a_cached_dashboard_is_filled_in_for_each_user(world, django_user_model, client):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from conftest import role, signed_in

    make_entry()
    names = ("first.analyst", "второй.аналитик")
    clients = []
    for name in names:
        user = django_user_model.objects.create_user(name, password="pw-long-enough-1")
        user.groups.add(role("Analysts"))
        clients.append(signed_in(Client(), user))
    assert f"Sign out {names[0]}" in clients[0].get(URL).content.decode()
    with CaptureQueriesContext(connection) as captured:
        html = clients[1].get(URL).content.decode()
    assert len(captured) == 2  # the page of cases and their count; the page is cached
    assert f"Sign out {names[1]}" in html and names[0] not in html
