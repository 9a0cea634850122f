import pytest
from django.urls import reverse

from cases.models import TimelineEntry
from sources.models import ReviewStatus
from tests.factories import make_proposed_entry

pytestmark = pytest.mark.django_db


def run_action(client, action: str, pks: list[int]):
    return client.post(
        reverse("admin:sources_proposedentry_changelist"),
        {"action": action, "_selected_action": pks},
        follow=True,
    )


def test_the_admin_approves_through_the_review_action_layer(client, superuser, world):
    proposed = make_proposed_entry()
    client.force_login(superuser)
    response = run_action(client, "approve_selected", [proposed.pk])
    assert b"1 proposed entries approved" in response.content
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.APPROVED
    entry = TimelineEntry.objects.get()
    assert entry.approved_by == superuser
    assert entry.citations.get().article == proposed.article


def test_an_admin_approval_of_an_already_approved_proposal_is_refused_not_doubled(
    client, superuser, world
):
    proposed = make_proposed_entry()
    client.force_login(superuser)
    run_action(client, "approve_selected", [proposed.pk])
    response = run_action(client, "approve_selected", [proposed.pk])
    assert b"Already approved" in response.content
    assert TimelineEntry.objects.count() == 1


def test_the_admin_rejects_through_the_review_action_layer(client, superuser, world):
    proposed = make_proposed_entry()
    client.force_login(superuser)
    run_action(client, "reject_selected", [proposed.pk])
    proposed.refresh_from_db()
    assert (proposed.status, proposed.reviewed_by) == (ReviewStatus.REJECTED, superuser)
