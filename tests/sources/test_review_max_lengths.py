"""Every text field at its maximum length, in Cyrillic and Arabic, through every review flow that
copies text (approve, edit then approve, merge, bulk approve, reject with a note, bulk reject,
undo), on PostgreSQL, which refuses a value longer than its column where SQLite stores it.

The lengths come from the models' _meta, so a field added or shortened later is walked too. The
article is the real seed article, read by the real extractor."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from cases.models import Case, CaseStatusChange, Party, Proposal, TimelineEntry
from sources import processing
from sources.models import (
    Article,
    Citation,
    Outlet,
    ProposedEntry,
    RejectReason,
    ReviewAction,
    ReviewStatus,
)
from tests.factories import SEED_TEXT, make_article

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

HTMX = {"HX-Request": "true"}

CYRILLIC = "Лавров «обратит внимание» на просьбу США о звонке с Блинкеном. "
ARABIC = "قالت وزارة الخارجية إن المفاوضات بشأن تبادل السجناء مستمرة. "

# A TextField has no maximum; this is longer than anything the flows could cut unnoticed.
LONG_TEXT = 20_000

# What stays as it is: identifiers the flows look rows up by, the article text the evidence
# spans point into, and the evidence itself (a slice of that text).
KEPT = {"slug", "text", "content_hash", "evidence", "extractor_version", "language", "url"}


def longest(length: int, script: str) -> str:
    """`length` characters of `script`, ending in a letter of it (never cut to ASCII)."""
    text = (script * (length // len(script) + 1))[:length]
    return text[:-1] + script[0]


def text_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and field.name not in KEPT
    ]


def fill(instance, script: str) -> dict[str, str]:
    """Set every free text field of `instance` to its maximum length; returns the values."""
    values = {
        field.name: longest(field.max_length or LONG_TEXT, script)
        for field in text_fields(type(instance))
    }
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()
    return values


def longest_value(model, field_name: str, script: str) -> str:
    field = model._meta.get_field(field_name)
    return longest(field.max_length or LONG_TEXT, script)


@pytest.fixture
def seed_proposals(world, editor):
    """The seed article read by the extractor, then every text field of it, its outlet, its
    proposals, the parties, cases and proposals of the world filled to the brim."""
    article = make_article(text=SEED_TEXT, url=None, status="queued")
    assert processing.process_article(article.pk) == "done"
    article.refresh_from_db()
    fill(article, CYRILLIC)
    fill(article.outlet, ARABIC)
    for n, model in enumerate([Party, Case, Proposal, CaseStatusChange]):
        for row in model.objects.all():
            fill(row, (CYRILLIC, ARABIC)[n % 2])
    proposed = list(article.proposed_entries.order_by("ordinal"))
    for n, row in enumerate(proposed):
        fill(row, (ARABIC, CYRILLIC)[n % 2])
    assert len(proposed) >= 7, "the seed article gives enough proposals for every flow"
    return proposed


def test_the_walk_covers_every_model_with_a_bounded_text_field():
    walked = {Article, Outlet, Party, Case, Proposal, CaseStatusChange, ProposedEntry}
    written_by_the_flows = {TimelineEntry, Citation, ReviewAction}
    bounded = {
        model
        for app in ("cases", "sources")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and text_fields(model)
    }
    # Feeds, proposal sides and status changes of proposals are not read by the review flows;
    # corrections are written by their own flow, whose longest reason is tested with it
    # (tests/cases/test_corrections.py).
    from cases.models import Correction, ProposalStatusChange
    from sources.models import Feed

    assert bounded - walked - written_by_the_flows <= {Feed, ProposalStatusChange, Correction}


def test_every_review_flow_keeps_the_longest_text_and_fits_every_column(
    editor_client, editor, seed_proposals
):
    approved, edited, merged, bulk_one, bulk_two, rejected, bulk_rejected = seed_proposals[:7]
    post = editor_client.post

    # Approve: the entry and its citation carry the proposal's text whole.
    assert post(reverse("sources:approve", args=[approved.pk]), headers=HTMX).status_code == 200
    entry = TimelineEntry.objects.get(proposed_entries=approved)
    approved.refresh_from_db()
    assert entry.summary == approved.summary
    assert entry.quote == approved.quote
    assert entry.citations.get().evidence == approved.evidence

    # Edit then approve, with the longest summary and quote an editor could type.
    summary = longest(LONG_TEXT, CYRILLIC)
    quote = longest(LONG_TEXT, ARABIC)
    response = post(
        reverse("sources:edit", args=[edited.pk]),
        {
            "occurred_on": "2022-07-28",
            "precision": "day",
            "kind": "statement",
            "summary": summary,
            "quote": quote,
            "speaker": Party.objects.get(slug="price").pk,
            "attribution": "on_record",
            "cases": [Case.objects.get(slug="griner").pk],
            "parties": [Party.objects.get(slug="lavrov").pk],
            "proposal": Proposal.objects.get(slug="bout-swap").pk,
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    edited_entry = TimelineEntry.objects.get(proposed_entries=edited)
    assert (edited_entry.summary, edited_entry.quote) == (summary, quote)

    # Merge into the first entry.
    response = post(reverse("sources:merge", args=[merged.pk]), {"entry": entry.pk}, headers=HTMX)
    assert response.status_code == 200
    merged.refresh_from_db()
    assert merged.status == ReviewStatus.MERGED

    # Bulk approve.
    response = post(
        reverse("sources:bulk"),
        {"ids": [bulk_one.pk, bulk_two.pk], "action": "approve"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert TimelineEntry.objects.filter(proposed_entries__in=[bulk_one, bulk_two]).count() == 2

    # Reject with the longest note the form takes, alone and in bulk.
    note = longest_value(ProposedEntry, "reject_note", ARABIC)
    response = post(
        reverse("sources:reject", args=[rejected.pk]),
        {"reason": RejectReason.OTHER, "note": note},
        headers=HTMX,
    )
    assert response.status_code == 200
    response = post(
        reverse("sources:bulk"),
        {"ids": [bulk_rejected.pk], "action": "reject", "reason": "other", "note": note},
        headers=HTMX,
    )
    assert response.status_code == 200
    for row in (rejected, bulk_rejected):
        row.refresh_from_db()
        assert (row.status, row.reject_note) == (ReviewStatus.REJECTED, note)
    # The audit note is the reason's label and the note, fitted to its column.
    audit = ReviewAction.objects.filter(proposed_entry=rejected).get()
    assert len(audit.note) == ReviewAction._meta.get_field("note").max_length
    assert audit.note.startswith("Other — " + note[:50]) and audit.note.endswith("…")

    # Undo each kind of action.
    for row in (merged, approved, rejected, bulk_one):
        response = post(reverse("sources:undo", args=[row.pk]), headers=HTMX)
        assert response.status_code == 200
        row.refresh_from_db()
        assert row.status == ReviewStatus.PENDING, row

    # Every history reason written fits its column, and names the proposal it came from.
    limit = TimelineEntry.history.model._meta.get_field("history_change_reason").max_length
    reasons = list(
        TimelineEntry.history.exclude(history_change_reason=None).values_list(
            "history_change_reason", flat=True
        )
    )
    assert len(reasons) >= 6
    assert all(len(reason) <= limit for reason in reasons)
    assert f"Approved from proposed entry {edited.pk} (article {edited.article_id})" in reasons


def test_the_pages_show_the_longest_text(client, analyst, editor, seed_proposals):
    """What the flows wrote, read back by analysts and editors."""
    from sources import review

    for proposed in seed_proposals[:3]:
        review.approve(proposed, by=editor)
    client.force_login(editor)
    for url in [
        reverse("sources:review"),
        reverse("sources:proposed", args=[seed_proposals[3].pk]),
        reverse("sources:edit", args=[seed_proposals[3].pk]),
        reverse("sources:merge", args=[seed_proposals[3].pk]),
        reverse("sources:articles"),
        reverse("sources:article", args=[seed_proposals[0].article_id]),
    ]:
        assert client.get(url).status_code == 200, url
    client.force_login(analyst)
    entry = TimelineEntry.objects.first()
    for url in [
        reverse("cases:dashboard"),
        reverse("cases:case", args=["griner"]),
        reverse("cases:entry", args=[entry.pk]),
        reverse("cases:party", args=["price"]),
        reverse("cases:proposal", args=["bout-swap"]),
        reverse("cases:case_csv", args=["griner"]),
        reverse("cases:case_json", args=["griner"]),
        reverse("cases:case_ics", args=["griner"]),
        reverse("cases:case_timelinejs", args=["griner"]),
        reverse("cases:case_feed", args=["griner"]),
    ]:
        assert client.get(url).status_code == 200, url
