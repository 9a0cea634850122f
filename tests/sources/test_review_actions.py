"""The action layer: approve, edit then approve, reject, merge, undo; once only; with history."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Attribution, Case, EntryKind, Party, Proposal, TimelineEntry
from sources import processing, review
from sources.models import Citation, RejectReason, ReviewStatus
from tests.factories import SEED_ARTICLE, SEED_TEXT, make_article, make_entry, make_proposed_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(world):
    article = make_article(
        text="Price said on Thursday that Russia had not engaged on the proposal.",
        published_on=datetime.date(2022, 7, 28),
    )
    return make_proposed_entry(
        article,
        parties=("price",),
        evidence="Price said on Thursday that Russia had not engaged on the proposal.",
        occurred_on=datetime.date(2022, 7, 28),
        kind=EntryKind.STATEMENT,
        summary="Price says Russia has not engaged on the proposal.",
        quote="not engaged",
        speaker=Party.objects.get(slug="price"),
        proposal=Proposal.objects.get(slug="bout-swap"),
    )


def test_approving_puts_the_proposal_on_the_record(proposed, editor):
    entry = review.approve(proposed, by=editor)

    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.APPROVED
    assert proposed.reviewed_by == editor
    assert proposed.reviewed_at is not None
    assert proposed.entry == entry
    assert entry.occurred_on == datetime.date(2022, 7, 28)
    assert entry.reported_on == proposed.article.published_on
    assert entry.kind == EntryKind.STATEMENT
    assert entry.summary == "Price says Russia has not engaged on the proposal."
    assert entry.quote == "not engaged"
    assert entry.speaker.slug == "price"
    assert entry.proposal.slug == "bout-swap"
    assert entry.attribution == Attribution.ON_RECORD
    assert entry.approved_by == editor
    assert entry.approved_at == proposed.reviewed_at
    assert [c.slug for c in entry.cases.all()] == ["griner"]
    assert [p.slug for p in entry.parties.all()] == ["price"]


def test_approving_cites_the_article_and_its_sentence(proposed, editor):
    entry = review.approve(proposed, by=editor)

    citation = Citation.objects.get(entry=entry)
    assert citation.article == proposed.article
    assert (citation.start, citation.end) == (proposed.start, proposed.end)
    assert citation.evidence == proposed.evidence
    assert citation.proposed_entry == proposed
    assert citation.created_by == editor


def test_the_entry_history_shows_who_approved_it(proposed, editor):
    entry = review.approve(proposed, by=editor)

    history = entry.history.order_by("history_id")
    assert history.first().history_type == "+"
    assert {record.history_user for record in history} == {editor}
    assert "Approved from proposed entry" in history.first().history_change_reason


def test_the_history_records_an_approved_entry_once_with_its_cases_and_parties(proposed, editor):
    entry = review.approve(proposed, by=editor)

    (created,) = entry.history.all()
    assert created.history_type == "+"
    assert [row.case.slug for row in created.cases.all()] == ["griner"]
    assert [row.party.slug for row in created.parties.all()] == ["price"]


def test_editing_then_approving_uses_the_editors_values(proposed, editor):
    changes = {
        "occurred_on": datetime.date(2022, 7, 27),
        "precision": "approximate",
        "kind": EntryKind.RESPONSE,
        "summary": "Edited summary",
        "quote": "",
        "speaker": None,
        "attribution": Attribution.ANONYMOUS,
        "cases": list(Case.objects.filter(slug__in=["griner", "whelan"])),
        "parties": list(Party.objects.filter(slug="lavrov")),
        "proposal": None,
    }
    entry = review.approve(proposed, by=editor, changes=changes)

    assert entry.occurred_on == datetime.date(2022, 7, 27)
    assert entry.precision == "approximate"
    assert entry.kind == EntryKind.RESPONSE
    assert entry.summary == "Edited summary"
    assert entry.speaker is None
    assert entry.proposal is None
    assert entry.attribution == Attribution.ANONYMOUS
    assert sorted(c.slug for c in entry.cases.all()) == ["griner", "whelan"]
    assert [p.slug for p in entry.parties.all()] == ["lavrov"]


def test_a_media_report_is_attributed_to_the_media(world, editor):
    proposed = make_proposed_entry(kind=EntryKind.REPORT)
    assert review.approve(proposed, by=editor).attribution == Attribution.MEDIA


def test_a_quote_with_no_speaker_is_an_anonymous_officials(world, editor):
    proposed = make_proposed_entry(kind=EntryKind.STATEMENT, quote="jump at the offer")
    assert review.approve(proposed, by=editor).attribution == Attribution.ANONYMOUS


def test_an_entry_needs_a_case(world, editor):
    proposed = make_proposed_entry(cases=())
    with pytest.raises(review.ReviewError, match="at least one case"):
        review.approve(proposed, by=editor)
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING
    assert not TimelineEntry.objects.exists()


def test_an_article_without_a_date_is_reported_on_the_day_it_came_in(world, editor):
    proposed = make_proposed_entry(make_article(published_on=None))
    entry = review.approve(proposed, by=editor)
    assert entry.reported_on == timezone.localdate(proposed.article.created_at)


def test_approval_happens_once_and_the_second_editor_learns_who_was_first(
    proposed, editor, django_user_model
):
    other = django_user_model.objects.create_user("second")
    review.approve(proposed, by=editor)

    with pytest.raises(review.AlreadyReviewed) as raised:
        review.approve(proposed, by=other)

    assert "Already approved by editor at" in str(raised.value)
    assert raised.value.proposed.reviewed_by == editor
    assert TimelineEntry.objects.count() == 1


def test_rejecting_records_the_reason(proposed, editor):
    review.reject(proposed, by=editor, reason=RejectReason.WRONG_CASE, note="About Whelan")

    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.REJECTED
    assert proposed.reject_reason == RejectReason.WRONG_CASE
    assert proposed.reject_note == "About Whelan"
    assert proposed.reviewed_by == editor
    assert not TimelineEntry.objects.exists()


def test_a_rejected_proposal_cannot_then_be_approved(proposed, editor):
    review.reject(proposed, by=editor, reason=RejectReason.UNDATED)
    with pytest.raises(review.AlreadyReviewed, match="Already rejected by editor"):
        review.approve(proposed, by=editor)


def test_merging_adds_a_citation_instead_of_an_entry(proposed, editor):
    existing = make_entry(article=make_article())

    entry = review.merge(proposed, existing, by=editor)

    assert entry == existing
    assert TimelineEntry.objects.count() == 1
    assert existing.citations.count() == 2
    citation = existing.citations.get(article=proposed.article)
    assert citation.proposed_entry == proposed
    assert citation.created_by == editor
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.MERGED
    assert proposed.entry == existing
    last = existing.history.latest("history_id")
    assert last.history_user == editor
    assert "Merged proposed entry" in last.history_change_reason


def test_merging_into_a_missing_entry_is_refused(proposed, editor):
    with pytest.raises(review.ReviewError, match="no timeline entry"):
        review.merge(proposed, 999999, by=editor)
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING


def test_merging_when_the_article_already_cites_the_entry_adds_nothing(proposed, editor):
    existing = make_entry(article=proposed.article)
    review.merge(proposed, existing, by=editor)
    assert existing.citations.count() == 1

    review.undo(proposed, by=editor)
    assert existing.citations.count() == 1  # the older citation was not this action's


def test_undoing_an_approval_deletes_the_entry_it_created(proposed, editor):
    entry = review.approve(proposed, by=editor)

    review.undo(proposed, by=editor)

    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING
    assert proposed.reviewed_by is None and proposed.reviewed_at is None
    assert proposed.entry is None
    assert not TimelineEntry.objects.filter(pk=entry.pk).exists()
    assert not Citation.objects.exists()
    deleted = TimelineEntry.history.filter(id=entry.pk, history_type="-").get()
    assert deleted.history_user == editor


def test_undoing_an_approval_keeps_an_entry_that_another_source_now_cites(proposed, editor, world):
    entry = review.approve(proposed, by=editor)
    later = make_proposed_entry(make_article())
    review.merge(later, entry, by=editor)

    review.undo(proposed, by=editor)

    assert TimelineEntry.objects.filter(pk=entry.pk).exists()
    assert [c.article for c in entry.citations.all()] == [later.article]


def test_undoing_a_merge_removes_the_citation(proposed, editor):
    existing = make_entry(article=make_article())
    review.merge(proposed, existing, by=editor)

    review.undo(proposed, by=editor)

    assert existing.citations.count() == 1
    assert TimelineEntry.objects.filter(pk=existing.pk).exists()
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING
    assert proposed.entry is None


def test_undoing_a_rejection_puts_it_back_in_the_queue(proposed, editor):
    review.reject(proposed, by=editor, reason=RejectReason.OTHER, note="Opinion piece")

    review.undo(proposed, by=editor)

    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING
    assert proposed.reject_reason == "" and proposed.reject_note == ""


def test_undo_is_refused_after_the_window(proposed, editor):
    review.reject(proposed, by=editor, reason=RejectReason.UNDATED)
    proposed.__class__.objects.filter(pk=proposed.pk).update(
        reviewed_at=timezone.now() - review.UNDO_WINDOW - datetime.timedelta(seconds=1)
    )
    with pytest.raises(review.UndoRefused, match="Too late"):
        review.undo(proposed, by=editor)


def test_undo_is_only_for_the_editor_who_acted(proposed, editor, django_user_model):
    other = django_user_model.objects.create_user("second")
    review.reject(proposed, by=editor, reason=RejectReason.UNDATED)
    with pytest.raises(review.UndoRefused, match="Only editor"):
        review.undo(proposed, by=other)


def test_undo_of_a_pending_proposal_is_refused(proposed, editor):
    with pytest.raises(review.UndoRefused, match="nothing to undo"):
        review.undo(proposed, by=editor)


def test_approving_a_development_cites_every_report_of_it(world, editor):
    head = make_proposed_entry(make_article(title="First"))
    member = make_proposed_entry(make_article(title="Second"), group=head)
    reviewed_elsewhere = make_proposed_entry(
        make_article(title="Third"), group=head, status=ReviewStatus.REJECTED
    )

    entry = review.approve(head, by=editor)

    assert sorted(c.article.title for c in entry.citations.all()) == ["First", "Second"]
    member.refresh_from_db()
    assert member.status == ReviewStatus.APPROVED and member.entry == entry
    reviewed_elsewhere.refresh_from_db()
    assert reviewed_elsewhere.status == ReviewStatus.REJECTED

    review.undo(head, by=editor)
    member.refresh_from_db()
    assert member.status == ReviewStatus.PENDING
    assert not TimelineEntry.objects.exists()


def test_rejecting_a_development_rejects_its_other_reports(world, editor):
    head = make_proposed_entry()
    member = make_proposed_entry(make_article(), group=head)
    review.reject(head, by=editor, reason=RejectReason.NOT_A_DEVELOPMENT)
    member.refresh_from_db()
    assert member.status == ReviewStatus.REJECTED
    assert member.reject_reason == RejectReason.NOT_A_DEVELOPMENT


def test_bulk_actions_report_what_could_not_be_done(world, editor):
    first, second, third = (make_proposed_entry(make_article()) for _ in range(3))
    review.reject(third, by=editor, reason=RejectReason.UNDATED)

    result = review.bulk_approve([first.pk, second.pk, third.pk], by=editor)

    assert result.done == [first.pk, second.pk]
    assert [pk for pk, _ in result.refused] == [third.pk]
    assert TimelineEntry.objects.count() == 2

    result = review.bulk_reject([first.pk], by=editor, reason=RejectReason.DUPLICATE)
    assert result.done == [] and "Already approved" in result.refused[0][1]


def test_bulk_actions_refuse_a_proposal_deleted_since_the_page_was_drawn(world, editor):
    kept, gone = (make_proposed_entry(make_article()) for _ in range(2))
    gone_pk = gone.pk
    gone.article.delete()  # its proposals go with it

    approved = review.bulk_approve([gone_pk, kept.pk], by=editor)
    assert approved.done == [kept.pk]
    assert approved.refused == [(gone_pk, f"Proposed entry {gone_pk} no longer exists.")]

    rejected = review.bulk_reject([gone_pk], by=editor, reason=RejectReason.OTHER)
    assert rejected.done == [] and "no longer exists" in rejected.refused[0][1]


def test_merge_suggestions_prefer_the_same_case_kind_and_nearby_date(world, editor):
    proposed = make_proposed_entry(
        make_article(), occurred_on=datetime.date(2022, 7, 28), kind=EntryKind.STATEMENT
    )
    same_kind_far = make_entry(occurred_on=datetime.date(2022, 7, 16), kind=EntryKind.STATEMENT)
    same_kind_near = make_entry(occurred_on=datetime.date(2022, 7, 27), kind=EntryKind.STATEMENT)
    other_kind_nearest = make_entry(occurred_on=datetime.date(2022, 7, 28), kind=EntryKind.COURT)
    make_entry(occurred_on=datetime.date(2022, 6, 1), kind=EntryKind.STATEMENT)  # too far
    make_entry(cases=("whelan",), occurred_on=datetime.date(2022, 7, 28))  # other case

    suggestions = review.merge_suggestions(proposed)

    assert suggestions == [same_kind_near, same_kind_far, other_kind_nearest]


def test_merge_suggestions_start_with_the_entry_the_development_went_into(world, editor):
    head = make_proposed_entry(make_article())
    entry = review.approve(head, by=editor)
    later = make_proposed_entry(
        make_article(), group=head, occurred_on=datetime.date(2021, 1, 1), kind=EntryKind.COURT
    )
    assert review.merge_suggestions(later)[0] == entry


def test_every_proposal_of_the_seed_article_can_be_approved_and_undone(world, editor):
    """The real article, with its 77-character title, through the real extractor."""
    article = make_article(
        text=SEED_TEXT,
        title=SEED_ARTICLE["title"],
        url=None,
        status="queued",
        published_on=datetime.date.fromisoformat(SEED_ARTICLE["published"]),
    )
    assert processing.process_article(article.pk) == "done"
    proposals = list(article.proposed_entries.order_by("ordinal"))
    assert len(proposals) >= 5
    entries = [review.approve(proposed, by=editor) for proposed in proposals]
    assert TimelineEntry.objects.filter(pk__in=[e.pk for e in entries]).count() == len(proposals)
    for proposed in proposals:
        review.undo(proposed.pk, by=editor)
    assert not TimelineEntry.objects.exists()


def test_a_merge_of_many_reports_keeps_its_history_reason_within_the_column(world, editor):
    entry = make_entry(article=make_article())
    head = make_proposed_entry(make_article())
    for _ in range(30):
        make_proposed_entry(make_article(), group=head)

    review.merge(head, entry, by=editor)

    reason = entry.history.latest("history_id").history_change_reason
    assert reason.startswith(f"Merged proposed entry {head.pk}: cites articles ")
    assert len(reason) == 100 and reason.endswith("…")
    assert entry.citations.count() == 32


def test_a_retracted_entry_is_neither_suggested_nor_merged_into(world, editor):
    from cases.corrections import retract

    proposed = make_proposed_entry(
        make_article(), occurred_on=datetime.date(2022, 7, 28), kind=EntryKind.STATEMENT
    )
    kept = make_entry(occurred_on=datetime.date(2022, 7, 27), kind=EntryKind.STATEMENT)
    retracted = make_entry(occurred_on=datetime.date(2022, 7, 28), kind=EntryKind.STATEMENT)
    retract(retracted, by=editor, reason="The report was withdrawn by its outlet.")

    assert review.merge_suggestions(proposed) == [kept]
    with pytest.raises(review.ReviewError, match="retracted"):
        review.merge(proposed, retracted, by=editor)
    proposed.refresh_from_db()
    assert proposed.status == ReviewStatus.PENDING
