"""The dashboard's case summaries stay true to the record through every way it changes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Audience, Case, CaseStatusChange, CaseSummary, Party, TimelineEntry
from cases.summary import refresh_all
from tests.factories import make_entry

pytestmark = pytest.mark.django_db

D = datetime.date


def summary(slug: str, audience=Audience.ANALYSTS) -> CaseSummary:
    return CaseSummary.objects.get(case__slug=slug, audience=audience)


def test_a_new_case_has_a_summary_for_each_audience(world):
    detainee = Party.objects.create(slug="new-person", name="Новый Человек")
    case = Case.objects.create(slug="new", name="Новый Человек", detainee=detainee)
    assert set(case.summaries.values_list("audience", "entry_count")) == {
        (Audience.ANALYSTS, 0),
        (Audience.EDITORS, 0),
    }


def test_entries_are_counted_by_month_and_the_latest_is_kept(world):
    make_entry(occurred_on=D(2022, 7, 1))
    latest = make_entry(occurred_on=D(2022, 7, 28))
    row = summary("griner")
    assert row.entry_count == 2
    assert row.months == {"2022-07": {"statement": 2}}
    assert row.latest_entry == latest
    # Griner's exchange (8 Dec 2022) is later than both entries.
    assert row.last_activity_on == D(2022, 12, 8)


def test_restricted_entries_count_for_editors_only(world):
    make_entry(occurred_on=D(2022, 7, 1))
    secret = make_entry(occurred_on=D(2023, 1, 5), restricted=True)
    analysts, editors = summary("griner"), summary("griner", Audience.EDITORS)
    assert (analysts.entry_count, editors.entry_count) == (1, 2)
    assert analysts.latest_entry != secret and editors.latest_entry == secret
    assert analysts.last_activity_on == D(2022, 12, 8)
    assert editors.last_activity_on == D(2023, 1, 5)
    assert "2023-01" not in analysts.months


def test_editing_moving_and_deleting_entries_refresh_the_counts(world):
    entry = make_entry(occurred_on=D(2022, 7, 1))
    before = summary("griner").version

    entry.occurred_on = D(2022, 8, 1)
    entry.save()
    assert summary("griner").months == {"2022-08": {"statement": 1}}
    assert summary("griner").version != before

    entry.restricted = True
    entry.save()
    assert summary("griner").entry_count == 0

    entry.cases.add(Case.objects.get(slug="whelan"))
    assert summary("whelan", Audience.EDITORS).entry_count == 1
    entry.cases.remove(Case.objects.get(slug="griner"))
    assert summary("griner", Audience.EDITORS).entry_count == 0

    Case.objects.get(slug="whelan").entries.clear()
    assert summary("whelan", Audience.EDITORS).entry_count == 0

    other = make_entry(cases=("whelan",))
    other.delete()
    assert summary("whelan", Audience.EDITORS).entry_count == 0
    assert summary("whelan", Audience.EDITORS).latest_entry is None


def test_a_status_change_moves_the_clock_and_the_status(world):
    detainee = Party.objects.create(slug="held", name="Still Held")
    case = Case.objects.create(slug="held", name="Still Held", detainee=detainee)
    CaseStatusChange.objects.create(case=case, status="detained", on=D(2024, 1, 2))
    row = summary("held")
    assert (row.status, row.detained_on, row.released_on) == ("detained", D(2024, 1, 2), None)
    change = CaseStatusChange.objects.create(case=case, status="released", on=D(2025, 3, 4))
    row = summary("held")
    assert (row.status, row.released_on, row.last_activity_on) == (
        "released",
        D(2025, 3, 4),
        D(2025, 3, 4),
    )
    change.delete()
    assert summary("held").released_on is None


def test_refresh_all_rebuilds_what_a_bulk_load_bypassed(world):
    entry = TimelineEntry.objects.bulk_create(
        [TimelineEntry(occurred_on=D(2022, 9, 1), reported_on=D(2022, 9, 1), kind="contact")]
    )[0]
    TimelineEntry.cases.through.objects.bulk_create(
        [TimelineEntry.cases.through(timelineentry=entry, case=Case.objects.get(slug="griner"))]
    )
    assert summary("griner").entry_count == 0  # no signal for a bulk insert
    assert refresh_all() == Case.objects.count()
    assert summary("griner").entry_count == 1


def test_an_approval_on_the_desk_reaches_the_dashboard(editor, editor_client, world):
    from sources import review
    from tests.factories import make_proposed_entry

    proposed = make_proposed_entry(occurred_on=D(2023, 2, 1), summary="Наблюдатели посетили")
    review.approve(proposed.pk, by=editor)
    row = summary("griner")
    assert row.entry_count == 1 and row.latest_entry.summary == "Наблюдатели посетили"
    html = editor_client.get(reverse("cases:dashboard")).content.decode()
    assert "Наблюдатели посетили" in html


FIGURES = (
    "entry_count",
    "latest_entry_id",
    "last_activity_on",
    "status",
    "months",
    "party_ids",
    "proposals_reported",
)


def figures() -> dict:
    return {
        (row["case_id"], row["audience"]): row
        for row in CaseSummary.objects.values("case_id", "audience", *FIGURES)
    }


def test_what_is_added_as_entries_join_equals_a_recount(world):
    """The fast path (an entry joins a case, a party joins an entry) and the recount agree."""
    from cases.models import Proposal

    price = Party.objects.get(slug="price")
    swap = Proposal.objects.get(slug="bout-swap")
    make_entry(occurred_on=D(2022, 7, 28), parties=("lavrov",), speaker=price, proposal=swap)
    make_entry(occurred_on=D(2022, 6, 1), kind="contact", reported_on=D(2022, 6, 2), proposal=swap)
    make_entry(occurred_on=D(2023, 1, 1), restricted=True, parties=("blinken",))
    make_entry(cases=("griner", "whelan"), occurred_on=D(2022, 12, 8), kind="release")
    Case.objects.get(slug="whelan").entries.add(make_entry(cases=(), occurred_on=D(2021, 1, 1)))
    added = figures()
    refresh_all()
    assert figures() == added
    analysts = summary("griner")
    assert price.pk in analysts.party_ids
    assert Party.objects.get(slug="blinken").pk not in analysts.party_ids  # restricted only
    assert Party.objects.get(slug="blinken").pk in summary("griner", Audience.EDITORS).party_ids
    assert analysts.proposals_reported == {str(swap.pk): "2022-06-02"}


def test_an_entry_filed_with_its_parties_first_is_counted_in_one_pass(world):
    """`file_under` names the parties before the cases: the summaries count the entry with its
    parties in one pass, agreeing with a recount, instead of counting it and then rewriting
    each summary for the parties."""
    cases = list(Case.objects.filter(slug__in=("griner", "whelan")))
    parties = list(Party.objects.filter(slug__in=("price", "lavrov")))

    def queries_to_file(link) -> int:
        entry = TimelineEntry.objects.create(
            occurred_on=D(2022, 7, 28),
            reported_on=D(2022, 7, 28),
            kind="statement",
            summary="Price says the proposal was conveyed to Russia.",
        )
        with CaptureQueriesContext(connection) as filed:
            link(entry)
        return len(filed.captured_queries)

    cases_first = queries_to_file(lambda e: (e.cases.set(cases), e.parties.set(parties)))
    parties_first = queries_to_file(lambda e: e.file_under(cases, parties))
    assert parties_first < cases_first
    added = figures()
    refresh_all()
    assert figures() == added
    assert {p.pk for p in parties} <= set(summary("whelan").party_ids)
