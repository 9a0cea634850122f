"""The review actions: how a proposed entry becomes the record, or does not.

Every change an editor makes to a proposed entry goes through a function here (views, bulk
actions and the admin all call them). Each one is atomic, takes the acting user as `by=`, and
records who and when: on the proposed entry (reviewed_by, reviewed_at) and in the timeline
entry's history (simple-history, with the user and a change reason).

A proposal is reviewed once. The first step of every action is a conditional UPDATE that moves
the row out of "pending"; when it changes no row another editor got there first, and the action
raises AlreadyReviewed naming them. On PostgreSQL the second UPDATE waits for the first
transaction and then finds the row no longer pending, so two editors approving at the same
moment produce one timeline entry.

A development reported by several articles is one queue item: the first proposal (the group's
head) and the pending proposals grouped under it. Acting on the head acts on all of them, so the
entry gets one citation per article. Every action can be undone by the editor who made it for
UNDO_WINDOW.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from alerts.notify import Change, entry_changed
from cases.dates import shifted, validate_record_date
from cases.models import Attribution, EntryKind, TimelineEntry

from .models import Article, Citation, ProposedEntry, ReviewAction, ReviewStatus

UNDO_WINDOW = datetime.timedelta(minutes=10)

# How far from the proposed date an existing entry may be to be suggested for a merge.
MERGE_WINDOW = datetime.timedelta(days=14)

# The fields an editor may change before approving.
EDITABLE_FIELDS = (
    "occurred_on",
    "precision",
    "kind",
    "summary",
    "quote",
    "speaker",
    "proposal",
    "attribution",
    "cases",
    "parties",
)


class ReviewError(Exception):
    """An action that cannot be done; the message is for the editor."""


class ProposalGone(ReviewError):
    """The proposal no longer exists (deleted with its article, say)."""


class AlreadyReviewed(ReviewError):
    """Another editor (or this one, in another tab) reviewed the proposal first."""

    def __init__(self, proposed: ProposedEntry):
        self.proposed = proposed
        who = proposed.reviewed_by.get_username() if proposed.reviewed_by else "someone"
        when = (
            timezone.localtime(proposed.reviewed_at).strftime("%Y-%m-%d %H:%M:%S")
            if proposed.reviewed_at
            else "an unknown time"
        )
        super().__init__(f"Already {proposed.get_status_display().lower()} by {who} at {when}.")


class UndoRefused(ReviewError):
    pass


@dataclass
class BulkResult:
    done: list[ProposedEntry] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


def default_attribution(kind: str, speaker, quote: str = "") -> str:
    """A media report is the media's; a named speaker is on the record; a quote nobody is
    named for comes from an anonymous official; a plain fact is on the record."""
    if kind == EntryKind.REPORT:
        return Attribution.MEDIA
    if speaker is None and quote:
        return Attribution.ANONYMOUS
    return Attribution.ON_RECORD


def undo_deadline(proposed: ProposedEntry) -> datetime.datetime | None:
    if proposed.status == ReviewStatus.PENDING or proposed.reviewed_at is None:
        return None
    if proposed.added_by_editor:  # nothing to go back to: there was no proposal (see undo)
        return None
    return proposed.reviewed_at + UNDO_WINDOW


def can_undo(proposed: ProposedEntry, user, now: datetime.datetime | None = None) -> bool:
    deadline = undo_deadline(proposed)
    if deadline is None:
        return False
    if proposed.reviewed_by_id != user.pk:
        return False
    return (now or timezone.now()) < deadline


def _claim(pk: int, status: str, by, now: datetime.datetime, **values) -> ProposedEntry:
    """Move one pending proposal to `status`, or raise AlreadyReviewed naming who did it first."""
    changed = ProposedEntry.objects.filter(pk=pk, status=ReviewStatus.PENDING).update(
        status=status, reviewed_by=by, reviewed_at=now, **values
    )
    proposed = ProposedEntry.objects.select_related("article", "reviewed_by").filter(pk=pk).first()
    if proposed is None:  # deleted (with its article, say) since the editor's page was drawn
        raise ProposalGone(f"Proposed entry {pk} no longer exists.")
    if changed != 1:
        raise AlreadyReviewed(proposed)
    return proposed


def _claim_members(head: ProposedEntry, status: str, by, now, **values) -> list[ProposedEntry]:
    """The pending proposals grouped under `head` (other reports of the same development)."""
    pks = list(
        ProposedEntry.objects.filter(group=head, status=ReviewStatus.PENDING).values_list(
            "pk", flat=True
        )
    )
    if not pks:  # most developments have one report: two queries fewer for each action
        return []
    ProposedEntry.objects.filter(pk__in=pks, status=ReviewStatus.PENDING).update(
        status=status, reviewed_by=by, reviewed_at=now, **values
    )
    # Only the rows this action moved: same status, same editor, same moment.
    return list(
        ProposedEntry.objects.filter(
            pk__in=pks, status=status, reviewed_by=by, reviewed_at=now
        ).select_related("article")
    )


def _acted_together(head: ProposedEntry) -> list[ProposedEntry]:
    """The head and the group members moved by the same action (same status, editor, moment)."""
    members = ProposedEntry.objects.filter(
        group=head,
        status=head.status,
        reviewed_by_id=head.reviewed_by_id,
        reviewed_at=head.reviewed_at,
    ).select_related("article")
    return [head, *members]


def fit(model, field_name: str, text: str) -> str:
    """`text` cut to the length of `model.field_name`'s column, an ellipsis marking the cut.

    PostgreSQL refuses a value longer than a varchar column (SQLite stores it anyway), so text
    copied from articles or typed by editors is fitted before it is written."""
    limit = model._meta.get_field(field_name).max_length
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def _cite(entry: TimelineEntry, proposed: ProposedEntry, by) -> Citation | None:
    """Cite the proposal's article for the entry, unless that article already cites it."""
    citation, created = Citation.objects.get_or_create(
        entry=entry,
        article=proposed.article,
        defaults={
            "start": proposed.start,
            "end": proposed.end,
            "evidence": proposed.evidence,
            "proposed_entry": proposed,
            "created_by": by,
        },
    )
    return citation if created else None


def _cite_new_entry(entry: TimelineEntry, proposals: list[ProposedEntry], by) -> None:
    """Cite each proposal's article for an entry just made, the first proposal of each article.
    One insert, and no citation signal: nothing has shown the new entry yet, so no cached page or
    fragment is stale (its cases' versions moved when it joined them)."""
    first_of_article = {}
    for proposed in proposals:
        first_of_article.setdefault(proposed.article_id, proposed)
    Citation.objects.bulk_create(
        Citation(
            entry=entry,
            article_id=article_id,
            start=proposed.start,
            end=proposed.end,
            evidence=proposed.evidence,
            proposed_entry=proposed,
            created_by=by,
        )
        for article_id, proposed in first_of_article.items()
    )


def _audit(proposals, action: str, by, at, entry=None, note: str = "") -> None:
    """One audit row per proposed entry acted on; undoing adds a row, it never erases one."""
    ReviewAction.objects.bulk_create(
        ReviewAction(
            proposed_entry=p,
            action=action,
            by=by,
            at=at,
            entry=entry,
            note=fit(ReviewAction, "note", note),
        )
        for p in proposals
    )


def _attribute(entry: TimelineEntry, by, reason: str) -> None:
    """Tell simple-history who is changing the entry, and why, for its next save or delete.

    The reason names proposals and articles by id, never by title: a history row's reason is a
    varchar(100), and a headline alone can fill it."""
    entry._history_user = by
    entry._change_reason = fit(TimelineEntry.history.model, "history_change_reason", reason)


def _record(entry: TimelineEntry, by, reason: str) -> None:
    """Save the entry so its history shows who did what, and why."""
    _attribute(entry, by, reason)
    entry.save()


@transaction.atomic
def approve(proposed: ProposedEntry | int, *, by, changes: dict | None = None) -> TimelineEntry:
    """Put the proposal on the record as a new timeline entry, with `changes` from the editor.

    Raises AlreadyReviewed when the proposal is no longer pending.
    """
    pk = proposed if isinstance(proposed, int) else proposed.pk
    now = timezone.now()
    proposed = _claim(pk, ReviewStatus.APPROVED, by, now)
    values = _entry_values(proposed)
    if changes:
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
        values.update(changes)
    if not values.get("attribution"):
        values["attribution"] = default_attribution(
            values["kind"], values["speaker"], values["quote"]
        )
    cases = values.pop("cases")
    parties = values.pop("parties")
    if not cases:
        raise ReviewError("An entry needs at least one case.")
    try:
        validate_record_date(values["occurred_on"])
    except ValidationError as error:
        raise ReviewError(error.messages[0]) from error

    article = proposed.article
    entry = TimelineEntry(
        reported_on=article.published_on or timezone.localdate(article.created_at),
        approved_by=by,
        approved_at=now,
        **values,
    )
    _attribute(entry, by, f"Approved from proposed entry {proposed.pk} (article {article.pk})")
    entry.save_filed_under(cases, parties)

    members = _claim_members(proposed, ReviewStatus.APPROVED, by, now)
    _cite_new_entry(entry, [proposed, *members], by)
    ProposedEntry.objects.filter(pk__in=[proposed.pk, *(m.pk for m in members)]).update(entry=entry)
    if changes:
        # Each report's own values may differ from the head's: each is compared with its own.
        for item in [proposed, *members]:
            item.edited_fields = edited_fields(item, changes)
        ProposedEntry.objects.bulk_update([proposed, *members], ["edited_fields"])
    edited = f"Edited: {', '.join(sorted(changes))}" if changes else ""
    _audit([proposed, *members], ReviewAction.Action.APPROVED, by, now, entry, edited)
    proposed.entry = entry
    entry_changed(entry, Change.APPROVED)
    return entry


def edited_fields(proposed: ProposedEntry, changes: dict) -> list[str]:
    """The names of the fields whose value `changes` really changes from the proposal's, in
    EDITABLE_FIELDS order: the edit form sends every field, changed or not. The desk's measure
    counts these (a date edited means the extractor got the date wrong)."""
    proposed_values = _entry_values(proposed)
    proposed_values["attribution"] = default_attribution(
        proposed.kind, proposed.speaker, proposed.quote
    )
    return [
        name
        for name in EDITABLE_FIELDS
        if name in changes and _comparable(changes[name]) != _comparable(proposed_values[name])
    ]


def _comparable(value):
    """A value as compared for an edit: rows by id, cases and parties as sets, no text as ""."""
    if isinstance(value, list | tuple | set | QuerySet):
        return frozenset(getattr(item, "pk", item) for item in value)
    if isinstance(value, Model):
        return value.pk
    return "" if value is None else value


def _entry_values(proposed: ProposedEntry) -> dict:
    return {
        "occurred_on": proposed.occurred_on,
        "precision": proposed.precision,
        "kind": proposed.kind,
        "summary": proposed.summary or proposed.evidence,
        "quote": proposed.quote,
        "speaker": proposed.speaker,
        "proposal": proposed.proposal,
        "attribution": "",
        "cases": list(proposed.cases.all()),
        "parties": list(proposed.parties.all()),
    }


@transaction.atomic
def reject(proposed: ProposedEntry | int, *, by, reason: str, note: str = "") -> ProposedEntry:
    """Decline the proposal (and the other reports of the same development) with a reason."""
    pk = proposed if isinstance(proposed, int) else proposed.pk
    now = timezone.now()
    note = fit(ProposedEntry, "reject_note", note)
    proposed = _claim(pk, ReviewStatus.REJECTED, by, now, reject_reason=reason, reject_note=note)
    members = _claim_members(
        proposed, ReviewStatus.REJECTED, by, now, reject_reason=reason, reject_note=note
    )
    reason_text = " — ".join(filter(None, [proposed.get_reject_reason_display(), note]))
    _audit([proposed, *members], ReviewAction.Action.REJECTED, by, now, note=reason_text)
    return proposed


@transaction.atomic
def merge(proposed: ProposedEntry | int, entry: TimelineEntry | int, *, by) -> TimelineEntry:
    """Record the proposal as one more source for an existing entry: a citation, not a copy."""
    pk = proposed if isinstance(proposed, int) else proposed.pk
    entry_pk = entry if isinstance(entry, int) else entry.pk
    entry = TimelineEntry.objects.select_for_update().filter(pk=entry_pk).first()
    if entry is None:
        raise ReviewError(f"There is no timeline entry {entry_pk}.")
    if entry.retracted_at is not None:  # off the record: a new report does not put it back
        raise ReviewError(f"Timeline entry {entry_pk} was retracted.")
    now = timezone.now()
    proposed = _claim(pk, ReviewStatus.MERGED, by, now, entry=entry)
    members = _claim_members(proposed, ReviewStatus.MERGED, by, now, entry=entry)
    added = [c for item in [proposed, *members] if (c := _cite(entry, item, by))]
    articles = ", ".join(str(c.article_id) for c in added)
    cited = (
        f"cites article{'s' if len(added) > 1 else ''} {articles}" if added else "no new article"
    )
    _record(entry, by, f"Merged proposed entry {proposed.pk}: {cited}")
    _audit([proposed, *members], ReviewAction.Action.MERGED, by, now, entry)
    entry_changed(entry, Change.APPROVED)  # told once: followers who heard of it hear nothing
    return entry


@transaction.atomic
def undo(proposed: ProposedEntry | int, *, by) -> ProposedEntry:
    """Take back an approval, rejection or merge made by `by` less than UNDO_WINDOW ago.

    Undoing an approval deletes the entry it created unless something else now cites it (then
    only this proposal's citations go); undoing a merge removes the citations it added; undoing
    a rejection puts the proposal back in the queue.
    """
    pk = proposed if isinstance(proposed, int) else proposed.pk
    proposed = (
        ProposedEntry.objects.select_for_update(of=("self",))
        .select_related("reviewed_by")
        .get(pk=pk)
    )
    if proposed.status == ReviewStatus.PENDING:
        raise UndoRefused("This proposal is pending; there is nothing to undo.")
    if proposed.reviewed_by_id != by.pk:
        raise UndoRefused(f"Only {proposed.reviewed_by} can undo this.")
    if proposed.added_by_editor:
        # Put back in the queue, it would be a proposal the extractor never made.
        raise UndoRefused("An added entry is not undone: correct or retract it on its case page.")
    if not can_undo(proposed, by):
        raise UndoRefused("Too late to undo; the undo window has passed.")

    together = _acted_together(proposed)
    pks = [p.pk for p in together]
    entry = (
        TimelineEntry.objects.select_for_update().filter(pk=proposed.entry_id).first()
        if proposed.entry_id
        else None
    )
    if entry is not None:
        Citation.objects.filter(entry=entry, proposed_entry__in=pks).delete()
        if proposed.status == ReviewStatus.APPROVED and not _still_used(entry, pks):
            _attribute(entry, by, f"Approval of proposed entry {proposed.pk} undone")
            entry.delete()
        else:
            _record(entry, by, f"{proposed.get_status_display()} of {proposed.pk} undone")

    undone = f"{proposed.get_status_display()} undone"
    kept = entry if entry is not None and entry.pk else None  # an undone approval deletes it
    _audit(together, ReviewAction.Action.UNDONE, by, timezone.now(), kept, undone)
    ProposedEntry.objects.filter(pk__in=pks).update(
        status=ReviewStatus.PENDING,
        reviewed_by=None,
        reviewed_at=None,
        reject_reason="",
        reject_note="",
        edited_fields=[],
        entry=None,
    )
    proposed.refresh_from_db()
    return proposed


def _still_used(entry: TimelineEntry, undone: list[int]) -> bool:
    """Whether anything but the undone proposals cites or points at the entry."""
    if entry.citations.exists():
        return True
    return entry.proposed_entries.exclude(pk__in=undone).exists()


def bulk_approve(pks: list[int], *, by) -> BulkResult:
    """Approve each proposal as it is; each one is its own transaction."""
    result = BulkResult()
    for pk in pks:
        try:
            approve(pk, by=by)
        except ReviewError as error:
            result.refused.append((pk, str(error)))
        else:
            result.done.append(pk)
    return result


def bulk_reject(pks: list[int], *, by, reason: str, note: str = "") -> BulkResult:
    result = BulkResult()
    for pk in pks:
        try:
            reject(pk, by=by, reason=reason, note=note)
        except ReviewError as error:
            result.refused.append((pk, str(error)))
        else:
            result.done.append(pk)
    return result


def merge_suggestions(proposed: ProposedEntry, limit: int = 8) -> list[TimelineEntry]:
    """Existing entries this proposal may be one more report of: the entry its group was
    approved into first, then entries of the same cases within MERGE_WINDOW of the proposed
    date, the same kind first, the nearest date next."""
    suggestions: list[TimelineEntry] = []
    if proposed.group_id:
        head_entry = (
            TimelineEntry.objects.on_record()
            .filter(proposed_entries__pk=proposed.group_id)
            .select_related("speaker")
            .first()
        )
        if head_entry is not None:
            suggestions.append(head_entry)
    case_ids = [c.pk for c in proposed.cases.all()]
    nearby = (
        TimelineEntry.objects.on_record()
        .filter(
            cases__in=case_ids,
            occurred_on__gte=shifted(proposed.occurred_on, -MERGE_WINDOW),
            occurred_on__lte=shifted(proposed.occurred_on, MERGE_WINDOW),
        )
        .exclude(pk__in=[e.pk for e in suggestions])
        .exclude(Q(citations__article=proposed.article_id))
        .select_related("speaker")
        .distinct()[:50]
    )
    ranked = sorted(
        nearby,
        key=lambda e: (
            e.kind != proposed.kind,
            abs((e.occurred_on - proposed.occurred_on).days),
            -e.pk,
        ),
    )
    return (suggestions + ranked)[:limit]


# An editor vouches for what they add: the extractor's confidence has no meaning for it.
ADDED_CONFIDENCE = 1.0


@transaction.atomic
def add_missed(article: Article | int, start: int, end: int, *, by, fields: dict) -> TimelineEntry:
    """Put a development the extractor missed on the record, from the words an editor selected
    in the article (article.text[start:end]), with the entry's `fields` as the editor gave them.

    Written as the extractor's proposals are once approved: an approved proposed entry (marked
    added by the editor, so the desk's measure counts it as a miss), the timeline entry, a
    citation of exactly those words, and the audit row.
    """
    pk = article if isinstance(article, int) else article.pk
    # Locked as the worker locks it to write its proposals: the ordinals cannot collide.
    article = Article.objects.select_for_update().filter(pk=pk).first()
    if article is None:
        raise ReviewError(f"Article {pk} no longer exists.")
    text = article.text
    if not (0 <= start < end <= len(text)) or not text[start:end].strip():
        raise ReviewError("The selection is not a span of the article's text.")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    values = {name: fields.get(name) for name in EDITABLE_FIELDS}
    cases = list(values.pop("cases") or [])
    parties = list(values.pop("parties") or [])
    if not cases:
        raise ReviewError("An entry needs at least one case.")
    if not values["occurred_on"]:
        raise ReviewError("An entry needs a date.")
    try:
        validate_record_date(values["occurred_on"])
    except ValidationError as error:
        raise ReviewError(error.messages[0]) from error
    values["quote"] = values["quote"] or ""
    values["summary"] = values["summary"] or text[start:end]
    if not values["attribution"]:
        values["attribution"] = default_attribution(
            values["kind"], values["speaker"], values["quote"]
        )

    now = timezone.now()
    entry = TimelineEntry(
        reported_on=article.published_on or timezone.localdate(article.created_at),
        approved_by=by,
        approved_at=now,
        **values,
    )
    _attribute(entry, by, f"Added from article {article.pk}")
    entry.save_filed_under(cases, parties)

    last = article.proposed_entries.order_by("-ordinal").values_list("ordinal", flat=True).first()
    proposed = ProposedEntry.objects.create(
        article=article,
        extractor_version=article.extractor_version or "",
        ordinal=0 if last is None else last + 1,
        start=start,
        end=end,
        evidence=text[start:end],
        occurred_on=entry.occurred_on,
        precision=entry.precision,
        kind=entry.kind,
        summary=entry.summary,
        quote=entry.quote,
        speaker=entry.speaker,
        proposal=entry.proposal,
        confidence=ADDED_CONFIDENCE,
        status=ReviewStatus.APPROVED,
        reviewed_by=by,
        reviewed_at=now,
        added_by_editor=True,
        entry=entry,
    )
    proposed.cases.set(cases)
    proposed.parties.set(parties)
    _cite(entry, proposed, by)
    _audit([proposed], ReviewAction.Action.ADDED, by, now, entry)
    entry_changed(entry, Change.APPROVED)
    return entry
