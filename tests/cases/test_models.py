import datetime

import pytest
from django.db import IntegrityError, transaction

from cases.models import (
    Case,
    CaseStatus,
    CaseStatusChange,
    EntryKind,
    Party,
    Proposal,
    ProposalStatus,
    ProposalStatusChange,
    TimelineEntry,
)
from sources.models import Article, ProposedEntry

pytestmark = pytest.mark.django_db


def make_entry(**fields) -> TimelineEntry:
    defaults = {
        "occurred_on": datetime.date(2022, 7, 28),
        "reported_on": datetime.date(2022, 7, 28),
        "kind": EntryKind.STATEMENT,
        "summary": "Price says the proposal has been conveyed to Russia.",
    }
    return TimelineEntry.objects.create(**(defaults | fields))


def test_a_duplicate_canonical_url_is_refused_by_the_database():
    Article.objects.create(url="https://example.com/a", title="One")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.bulk_create([Article(url="https://example.com/a", title="Two")])


def test_several_pasted_articles_without_a_url_may_coexist():
    Article.objects.create(title="Pasted one", text="a")
    Article.objects.create(title="Pasted two", text="b")
    assert Article.objects.filter(url__isnull=True).count() == 2


def test_a_duplicate_party_slug_is_refused_by_the_database():
    Party.objects.create(slug="lavrov", name="Sergey Lavrov")
    with pytest.raises(IntegrityError), transaction.atomic():
        Party.objects.create(slug="lavrov", name="Someone else")


def test_a_proposed_entry_confidence_outside_0_to_1_is_refused(world):
    article = Article.objects.create(title="A", text="Griner was detained.")
    fields = {
        "article": article,
        "extractor_version": "1",
        "start": 0,
        "end": 10,
        "evidence": "Griner was",
        "occurred_on": datetime.date(2022, 2, 17),
        "kind": EntryKind.DETENTION,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposedEntry.objects.create(ordinal=0, confidence=1.5, **fields)
    ProposedEntry.objects.create(ordinal=0, confidence=0.9, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposedEntry.objects.create(ordinal=0, confidence=0.9, **fields)


def test_case_status_and_detention_clock_come_from_dated_changes(world):
    griner = Case.objects.get(slug="griner")
    assert griner.detained_on == datetime.date(2022, 2, 17)
    assert griner.released_on == datetime.date(2022, 12, 8)
    assert griner.current_status.status == CaseStatus.EXCHANGED
    assert griner.days_detained() == 294


def test_the_detention_clock_runs_to_today_while_the_detainee_is_held(world):
    whelan = Case.objects.get(slug="whelan")
    whelan.status_changes.filter(status=CaseStatus.EXCHANGED).delete()
    whelan = Case.objects.get(slug="whelan")
    assert whelan.days_detained(today=datetime.date(2022, 7, 28)) == 1308
    assert whelan.current_status.status == CaseStatus.SENTENCED


def test_a_proposals_status_is_its_latest_change(world):
    swap = Proposal.objects.get(slug="bout-swap")
    assert swap.current_status.status == ProposalStatus.CARRIED_OUT
    ProposalStatusChange.objects.create(
        proposal=swap, status=ProposalStatus.REJECTED, on=datetime.date(2021, 1, 1)
    )
    assert (
        Proposal.objects.get(slug="bout-swap").current_status.status == ProposalStatus.CARRIED_OUT
    )


def test_the_bout_swap_has_sides_released_by_each_government(world):
    # Those released when it was carried out: Whelan, named in the offer, was not.
    sides = {
        (side.released.slug, side.released_by.slug)
        for side in Proposal.objects.get(slug="bout-swap").sides.select_related(
            "released", "released_by"
        )
    }
    assert sides == {
        ("griner", "russian-government"),
        ("bout", "us-government"),
    }


def test_the_same_status_on_the_same_day_is_recorded_once(world):
    griner = Case.objects.get(slug="griner")
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseStatusChange.objects.create(
            case=griner, status=CaseStatus.DETAINED, on=datetime.date(2022, 2, 17)
        )


def test_restricted_entries_are_hidden_from_analysts_and_shown_to_editors(analyst, editor):
    make_entry(summary="public")
    make_entry(summary="sensitive", restricted=True)
    assert [e.summary for e in TimelineEntry.objects.visible_to(analyst)] == ["public"]
    assert TimelineEntry.objects.visible_to(editor).count() == 2


def test_every_change_to_an_entry_is_kept_in_its_history_with_who_made_it(editor):
    entry = make_entry()
    entry._history_user = editor
    entry.summary = "Corrected summary"
    entry.save()
    latest = entry.history.first()
    assert latest.summary == "Corrected summary"
    assert latest.history_user == editor
    assert entry.history.count() == 2
