"""The review desk's audit trail: every action leaves a row, and undoing adds one."""

import pytest

from sources import review
from sources.models import RejectReason, ReviewAction
from tests.factories import make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db


def trail(proposed) -> list[tuple[str, str, str]]:
    rows = proposed.review_actions.order_by("at", "pk")
    return [(row.action, row.by.username, row.note) for row in rows]


def test_a_rejection_and_its_undo_both_stay_in_the_trail(editor, world):
    proposed = make_proposed_entry()
    review.reject(proposed, by=editor, reason=RejectReason.UNDATED, note="no date given")
    review.undo(proposed, by=editor)
    assert trail(proposed) == [
        ("rejected", "editor", "No date in the text — no date given"),
        ("undone", "editor", "Rejected undone"),
    ]


def test_an_edited_approval_says_which_fields_the_editor_changed(editor, world):
    proposed = make_proposed_entry()
    entry = review.approve(proposed, by=editor, changes={"kind": "court", "summary": "Trial."})
    row = proposed.review_actions.get()
    assert (row.action, row.entry, row.note) == ("approved", entry, "Edited: kind, summary")


def test_undoing_an_approval_keeps_the_trail_after_the_entry_is_gone(editor, world):
    proposed = make_proposed_entry()
    review.approve(proposed, by=editor)
    review.undo(proposed, by=editor)
    assert [row[0] for row in trail(proposed)] == ["approved", "undone"]
    assert ReviewAction.objects.filter(entry__isnull=False).count() == 0


def test_a_merge_records_the_entry_it_was_merged_into(editor, world):
    entry = make_entry()
    proposed = make_proposed_entry()
    review.merge(proposed, entry, by=editor)
    assert proposed.review_actions.get().entry == entry
