"""The pages stand whatever dates the database holds. The constraints keep 0001-01-01 and
9999-12-31 out; these tests switch them off to put such rows in anyway (a restored old dump, a
hand-written UPDATE), and every page and export must still answer."""

import datetime

import icalendar
import pytest
from django.db import connection
from django.urls import reverse

from cases.dates import latest_date
from cases.models import CaseStatusChange, Party, Proposal, ProposalStatusChange
from cases.timeline import MAX_YEAR_TICKS, _ticks, detention_milestones
from sources import review
from tests.factories import make_article, make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db

FIRST, LAST = datetime.date.min, datetime.date.max  # 0001-01-01 and 9999-12-31

# The date constraints of the tables the pages read, as the migrations name them.
DATE_CONSTRAINTS = {
    "cases_timelineentry": [
        "entry_occurred_on_in_bounds",
        "entry_reported_on_in_bounds",
        "entry_occurred_on_within_a_year_ahead",
        "entry_reported_on_within_a_year_ahead",
    ],
    "cases_casestatuschange": [
        "case_status_change_on_in_bounds",
        "case_status_change_on_within_a_year_ahead",
    ],
    "cases_proposalstatuschange": [
        "proposal_status_change_on_in_bounds",
        "proposal_status_change_on_within_a_year_ahead",
    ],
    "sources_proposedentry": [
        "proposed_entry_occurred_on_in_bounds",
        "proposed_entry_occurred_on_within_a_year_ahead",
    ],
    "sources_article": [
        "article_published_on_in_bounds",
        "article_published_on_within_a_year_ahead",
    ],
}


@pytest.fixture
def unchecked_dates(db):
    """The date check constraints off for this test: dropped inside the test's transaction on
    PostgreSQL (rolled back with it), ignored by SQLite for this connection."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks block ALTER
            for table, names in DATE_CONSTRAINTS.items():
                for name in names:
                    cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT IF EXISTS "{name}"')
        else:
            cursor.execute("PRAGMA ignore_check_constraints = ON")
    yield
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


PRECISIONS = ["day", "week", "month", "year", "approximate"]


@pytest.fixture(params=[FIRST, LAST], ids=["0001-01-01", "9999-12-31"])
def absurd(request, unchecked_dates, world):
    """Griner's case with entries at `date` in every precision, a status change and a proposal
    status change on it, cited by an article published on it; and Whelan detained on it."""
    date = request.param
    article = make_article(published_on=date)
    entries = [
        make_entry(
            parties=("price",),
            article=article,
            occurred_on=date,
            reported_on=date,
            precision=precision,
            speaker=Party.objects.get(slug="price"),
            proposal=Proposal.objects.get(slug="bout-swap"),
        )
        for precision in PRECISIONS
    ]
    make_entry(cases=("whelan",), occurred_on=date, reported_on=date)
    CaseStatusChange.objects.create(case_id=entries[0].cases.get().pk, status="charged", on=date)
    whelan = entries[0].cases.model.objects.get(slug="whelan")
    whelan.status_changes.all().delete()
    CaseStatusChange.objects.create(case=whelan, status="detained", on=date)
    ProposalStatusChange.objects.create(
        proposal=Proposal.objects.get(slug="bout-swap"), status="countered", on=date
    )
    return entries


def pages(entries) -> list[str]:
    return [
        reverse("cases:dashboard"),
        reverse("cases:dashboard") + "?sort=days",
        reverse("cases:case", args=["griner"]),
        reverse("cases:case", args=["griner"]) + "?order=oldest",
        reverse("cases:case", args=["whelan"]),
        reverse("cases:case_csv", args=["griner"]),
        reverse("cases:case_json", args=["griner"]),
        reverse("cases:case_ics", args=["griner"]),
        reverse("cases:case_ics", args=["whelan"]),
        reverse("cases:case_timelinejs", args=["griner"]),
        reverse("cases:case_feed", args=["griner"]),
        reverse("cases:proposal", args=["bout-swap"]),
        reverse("cases:party", args=["price"]),
        reverse("cases:search") + "?q=Price",
        *(reverse("cases:entry", args=[entry.pk]) for entry in entries),
    ]


def test_every_page_and_export_answers(analyst_client, absurd):
    analyst_client.raise_request_exception = False
    failing = [url for url in pages(absurd) if not answers(analyst_client, url)]
    assert failing == []


def answers(client, url: str) -> bool:
    response = client.get(url)
    if response.streaming:  # an export is written as it is read: a failure shows only then
        b"".join(response.streaming_content)
    return response.status_code == 200


def test_the_calendar_ends_each_event_after_it_starts_or_not_at_all(analyst_client, absurd):
    response = analyst_client.get(reverse("cases:case_ics", args=["griner"]))
    calendar = icalendar.Calendar.from_ical(b"".join(response.streaming_content))
    events = calendar.walk("VEVENT")
    assert len(events) == len(PRECISIONS)
    for event in events:
        if "DTEND" in event:
            assert event.decoded("DTEND") > event.decoded("DTSTART")


def test_the_review_desk_and_the_admin_answer(client, superuser, absurd):
    proposed = make_proposed_entry(
        absurd[0].citations.get().article, occurred_on=absurd[0].occurred_on
    )
    client.force_login(superuser)
    client.raise_request_exception = False
    urls = [
        reverse("sources:review"),
        reverse("sources:proposed", args=[proposed.pk]),
        reverse("sources:merge", args=[proposed.pk]),
        reverse("sources:article", args=[proposed.article_id]),
        reverse("admin:cases_timelineentry_changelist"),
        reverse("admin:cases_timelineentry_change", args=[absurd[0].pk]),
        reverse("admin:sources_article_changelist"),
        reverse("admin:sources_proposedentry_changelist"),
    ]
    assert [url for url in urls if client.get(url).status_code != 200] == []


def test_an_absurd_detention_date_gets_no_milestones_and_an_absurd_release_few():
    today = datetime.date(2025, 1, 1)
    assert detention_milestones(FIRST, today) == []
    assert detention_milestones(LAST, LAST) == []
    markers = detention_milestones(datetime.date(2022, 2, 17), LAST)
    assert markers and max(m.on for m in markers) <= latest_date()


def test_the_overview_of_eight_thousand_years_has_a_readable_number_of_ticks():
    ticks = _ticks(FIRST, LAST, lambda on: 0.0)
    assert 5 <= len(ticks) <= MAX_YEAR_TICKS


def test_merge_suggestions_for_a_proposal_dated_at_the_edge_of_time(absurd):
    proposed = make_proposed_entry(occurred_on=absurd[0].occurred_on)
    assert absurd[0] in review.merge_suggestions(proposed)
