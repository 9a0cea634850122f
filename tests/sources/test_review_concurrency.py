"""Two editors approving the same proposal at the same moment put one entry on the record."""

import threading
import time

import pytest
from django.db import connection

from cases.models import TimelineEntry
from sources import review
from sources.models import Citation, ProposedEntry, ReviewStatus
from tests.factories import make_proposed_entry


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_editors_approving_at_once_make_one_entry(world, django_user_model, monkeypatch):
    editor = django_user_model.objects.create_user("editor")
    other = django_user_model.objects.create_user("second-editor")
    proposed = make_proposed_entry()

    # Hold the winner inside its transaction for a moment, so the loser's claim really waits
    # on the row lock instead of simply arriving later.
    entry_values = review._entry_values

    def slow_entry_values(proposed):
        time.sleep(0.3)
        return entry_values(proposed)

    monkeypatch.setattr(review, "_entry_values", slow_entry_values)

    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def approve_as(user):
        try:
            barrier.wait()
            outcomes[user.username] = review.approve(proposed.pk, by=user)
        except Exception as error:  # the loser's AlreadyReviewed, or a real failure
            outcomes[user.username] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=approve_as, args=(user,)) for user in (editor, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert TimelineEntry.objects.count() == 1
    assert Citation.objects.count() == 1
    entries = [o for o in outcomes.values() if isinstance(o, TimelineEntry)]
    conflicts = [o for o in outcomes.values() if isinstance(o, review.AlreadyReviewed)]
    assert len(entries) == 1, outcomes
    assert len(conflicts) == 1, outcomes
    winner = ProposedEntry.objects.get(pk=proposed.pk)
    assert winner.status == ReviewStatus.APPROVED
    assert winner.entry == entries[0]
    assert f"Already approved by {winner.reviewed_by.username} at" in str(conflicts[0])
