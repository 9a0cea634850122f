"""Reasons that teach and two defects of the review desk: the fields an edit changed are recorded;
the outcome card shows what was saved; the queue's total follows the sidebar's counts."""

import datetime
import json
import re

import pytest
from django.contrib.admin.sites import site
from django.http import QueryDict
from django.urls import reverse

from cases.models import Case, EntryKind, Party
from sources import review
from sources.forms import BulkForm, RejectForm
from sources.models import ProposedEntry, RejectReason, ReviewAction, ReviewStatus
from tests.factories import make_article, make_proposed_entry

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def proposed(world):
    return make_proposed_entry(make_article(), parties=("price",))


def edit_data(proposed, **overrides) -> dict:
    """The edit form as it arrives with nothing changed: every field, the proposal's values."""
    data = {
        "occurred_on": proposed.occurred_on.isoformat(),
        "precision": proposed.precision,
        "kind": proposed.kind,
        "summary": proposed.summary,
        "quote": proposed.quote,
        "speaker": "",
        "attribution": review.default_attribution(proposed.kind, None, proposed.quote),
        "cases": [c.pk for c in proposed.cases.all()],
        "parties": [p.pk for p in proposed.parties.all()],
        "proposal": "",
    }
    return data | overrides


def pending_total(page: str) -> str:
    return re.search(r'<span id="queue-total"[^>]*>([^<]*)</span>', page).group(1)


# edited_fields -------------------------------------------------------------------------------


def test_an_edit_records_only_the_fields_whose_value_changed(editor_client, proposed):
    data = edit_data(proposed, occurred_on="2022-02-18", kind=EntryKind.CHARGE)
    editor_client.post(reverse("sources:edit", args=[proposed.pk]), data, headers=HTMX)

    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.APPROVED
    assert proposed.edited_fields == ["occurred_on", "kind"]
    # The audit note is kept as it was: the fields the form sent.
    note = ReviewAction.objects.get(proposed_entry=proposed).note
    assert note.startswith("Edited: ") and "occurred_on" in note


def test_an_edit_that_changes_nothing_records_no_field(editor_client, proposed):
    editor_client.post(
        reverse("sources:edit", args=[proposed.pk]), edit_data(proposed), headers=HTMX
    )
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.APPROVED
    assert proposed.edited_fields == []


def test_cases_and_parties_are_compared_as_sets(proposed, editor):
    griner, whelan = Case.objects.get(slug="griner"), Case.objects.get(slug="whelan")
    proposed.cases.set([griner, whelan])
    price = Party.objects.get(slug="price")
    review.approve(
        proposed,
        by=editor,
        changes={"cases": [whelan, griner], "parties": [Party.objects.get(slug="lavrov"), price]},
    )
    proposed.refresh_from_db()
    assert proposed.edited_fields == ["parties"]


def test_a_speaker_chosen_is_an_edit_and_the_same_speaker_is_not(world, editor):
    price = Party.objects.get(slug="price")
    with_speaker = make_proposed_entry(speaker=price)
    without = make_proposed_entry()
    review.approve(with_speaker, by=editor, changes={"speaker": price})
    review.approve(without, by=editor, changes={"speaker": price, "quote": ""})
    with_speaker.refresh_from_db()
    without.refresh_from_db()
    assert with_speaker.edited_fields == []
    assert without.edited_fields == ["speaker"]


def test_undoing_an_edited_approval_forgets_the_edits(proposed, editor):
    review.approve(proposed, by=editor, changes={"occurred_on": datetime.date(2022, 2, 18)})
    review.undo(proposed, by=editor)
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING
    assert proposed.edited_fields == []


# Reject reasons ------------------------------------------------------------------------------


EVERY_REASON = [reason.value for reason in RejectReason]


def test_the_queue_reject_form_offers_every_reason_wrong_date_first(editor_client, proposed):
    page = editor_client.get(reverse("sources:reject", args=[proposed.pk]), headers=HTMX)
    offered = re.findall(r'name="reason" value="([a-z_]+)"', page.content.decode())
    assert offered == EVERY_REASON
    assert offered[0] == RejectReason.WRONG_DATE
    assert "Wrong case or party" in page.content.decode()


def test_bulk_reject_offers_every_reason_wrong_date_first(editor_client, proposed):
    page = editor_client.get(reverse("sources:review")).content.decode()
    bulk_select = page.split('id="bulk-reason"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([a-z_]+)"', bulk_select) == EVERY_REASON


def test_each_form_accepts_the_new_reasons():
    for reason in ("wrong_date", "wrong_kind", "wrong_case", "duplicate"):
        assert RejectForm({"reason": reason}).is_valid()
        assert BulkForm(QueryDict(f"ids=1&action=reject&reason={reason}")).is_valid()


def test_the_admin_rejects_with_each_reason_but_other(rf, superuser, world):
    admin = site._registry[ProposedEntry]
    request = rf.post("/")
    request.user = superuser
    actions = admin.get_actions(request)
    offered = [name for name in actions if name.startswith("reject_")]
    # Not a development keeps the action name it had before there were other reasons.
    assert offered == [
        "reject_wrong_date",
        "reject_wrong_kind",
        "reject_wrong_case",
        "reject_selected",
        "reject_duplicate",
        "reject_undated",
    ]

    wrong_kind = make_proposed_entry()
    request._messages = type("Messages", (), {"add": lambda *args, **kwargs: None})()
    action = actions["reject_wrong_kind"][0]
    action(admin, request, ProposedEntry.objects.filter(pk=wrong_kind.pk))
    wrong_kind.refresh_from_db()
    assert wrong_kind.status == ReviewStatus.REJECTED
    assert wrong_kind.reject_reason == RejectReason.WRONG_KIND


# The outcome card after edit-then-approve ----------------------------------------------------


def test_the_outcome_card_shows_the_saved_date_and_kind_not_the_proposed(editor_client, proposed):
    data = edit_data(proposed, occurred_on="2022-03-05", kind=EntryKind.CHARGE)
    response = editor_client.post(reverse("sources:edit", args=[proposed.pk]), data, headers=HTMX)
    outcome = response.content.decode().split('class="outcome-what"')[1].split("</p>")[0]
    assert "5 Mar 2022" in outcome
    assert "17 Feb 2022" not in outcome
    assert "kind-charge" in outcome and "kind-detention" not in outcome


def test_a_rejected_card_still_shows_what_was_proposed(editor_client, proposed):
    response = editor_client.post(
        reverse("sources:reject", args=[proposed.pk]), {"reason": "wrong_date"}, headers=HTMX
    )
    page = response.content.decode()
    assert "17 Feb 2022" in page.split('class="outcome-what"')[1].split("</p>")[0]
    assert "Reason: Wrong date" in page


# The queue's total follows the sidebar -------------------------------------------------------


def test_the_queue_shows_how_many_are_pending(editor_client, world):
    for _ in range(3):
        make_proposed_entry()
    page = editor_client.get(reverse("sources:review")).content.decode()
    assert pending_total(page) == "3 pending in all"
    assert '<span class="count" data-pending-total>3</span>' in page


def counts_after(client, response) -> str:
    """What the page does after an action's response: the counts ask for themselves again."""
    assert response.status_code == 200
    assert "pending-changed" in json.loads(response.headers["HX-Trigger"])
    assert "pending-counts" not in response.content.decode()
    page = client.get(reverse("sources:pending_counts"), headers=HTMX).content.decode()
    assert re.search(r'<aside id="pending-counts"[^>]*hx-swap-oob="true"', page)
    assert re.search(r'<span id="queue-total"[^>]*hx-swap-oob="true"', page)
    return page


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("approve", {}),
        ("reject", {"reason": "wrong_date"}),
        ("edit", None),  # filled with the proposal's values
    ],
)
def test_after_an_action_the_total_and_the_sidebar_drop_together(
    editor_client, world, action, data
):
    first, *_ = [make_proposed_entry() for _ in range(3)]
    data = edit_data(first) if data is None else data
    response = editor_client.post(reverse(f"sources:{action}", args=[first.pk]), data, headers=HTMX)

    page = counts_after(editor_client, response)
    assert pending_total(page) == "2 pending in all"
    assert '<span class="count" data-pending-total>2</span>' in page


def test_after_undo_the_total_rises_again(editor_client, editor, world):
    first = make_proposed_entry()
    make_proposed_entry()
    review.approve(first, by=editor)
    response = editor_client.post(reverse("sources:undo", args=[first.pk]), headers=HTMX)
    assert pending_total(counts_after(editor_client, response)) == "2 pending in all"


def test_a_bulk_action_updates_the_total_too(editor_client, world):
    pks = [make_proposed_entry().pk for _ in range(3)]
    response = editor_client.post(
        reverse("sources:bulk"), {"ids": pks[:2], "action": "approve"}, headers=HTMX
    )
    assert pending_total(counts_after(editor_client, response)) == "1 pending in all"


def test_the_counts_are_for_editors_only(analyst_client, world):
    response = analyst_client.get(reverse("sources:pending_counts"), headers=HTMX)
    assert response.status_code == 403


def test_a_filtered_queue_fragment_keeps_the_total(editor_client, world):
    make_proposed_entry()
    make_proposed_entry(kind=EntryKind.CHARGE)
    response = editor_client.get(
        reverse("sources:review") + "?kind=charge", headers={**HTMX, "HX-Target": "queue"}
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="queue"')
    assert pending_total(page) == "2 pending in all"


def test_the_queue_links_to_the_desks_measure(editor_client, world):
    page = editor_client.get(reverse("sources:review")).content.decode()
    assert f'href="{reverse("sources:quality")}"' in page
