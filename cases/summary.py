"""A case's figures as its pages show them (models.CaseSummary), kept true to the record.

A summary row holds what the dashboard sorts, filters and draws by (the current status and the
detention clock's dates, the number of entries, the latest entry, the last activity, the
entries per month) and what a case page would otherwise read every entry for (the entries per
month and kind for the overview, the parties and proposals for the filters, when each proposal
was first reported). Each is counted once for analysts (restricted entries left out) and once
for editors; retracted entries count for neither.

The signal handlers below keep the rows true inside the transaction that changed the record,
with the summary rows locked (SELECT FOR UPDATE) so concurrent changes to one case queue up
instead of overwriting each other's counts:
  - an entry joining a case (an approval, the commonest change) is added to the figures;
  - a party named by an entry is added to its cases' parties;
  - anything else (an edited, moved or deleted entry, a status change, a case saved) recounts
    the case from the record.
Bulk loads that bypass save() (generate_archive, a raw SQL fix) call `refresh_all()` after;
`manage.py refresh_case_summaries` does the same by hand.
"""

import datetime
import time
from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import Count, F, Min, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import (
    CLOCK_STOPPING_STATUSES,
    Audience,
    Case,
    CaseStatus,
    CaseStatusChange,
    CaseSummary,
    TimelineEntry,
)


def audience_of(user) -> str:
    """The audience whose figures `user` may see (as TimelineEntry.visible_to decides)."""
    if user.has_perm("cases.view_restricted_entry"):
        return Audience.EDITORS
    return Audience.ANALYSTS


def audiences_of(restricted: bool) -> tuple[str, ...]:
    """Who sees an entry."""
    return (Audience.EDITORS,) if restricted else (Audience.EDITORS, Audience.ANALYSTS)


def month_key(on: datetime.date | datetime.datetime) -> str:
    return f"{on.year:04d}-{on.month:02d}"


def _lock(summary_model, case_ids: list[int]) -> None:
    """Lock the cases' summary rows (in case order, so two changes never wait on each other)."""
    list(
        summary_model.objects.select_for_update()
        .filter(case_id__in=case_ids)
        .order_by("case_id", "audience")
        .values_list("pk", flat=True)
    )


# ---------------------------------------------------------------------------------------------
# Counting a case from the record


@transaction.atomic
def refresh(case_ids: Iterable[int], *, apps=global_apps) -> None:
    """Recount these cases' summaries from the record: nine queries for any number of cases.
    `apps` is the model registry (a migration passes its historical one)."""
    ids = sorted({pk for pk in case_ids if pk is not None})
    case_model = apps.get_model("cases", "Case")
    entry_model = apps.get_model("cases", "TimelineEntry")
    change_model = apps.get_model("cases", "CaseStatusChange")
    summary_model = apps.get_model("cases", "CaseSummary")
    existing = sorted(case_model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if not existing:
        return
    _lock(summary_model, existing)
    through = entry_model.cases.through
    # Retracted entries are off the record: counted nowhere. (The registry of a migration from
    # before entries could be retracted has no such column, and nothing retracted.)
    on_record = (
        {"timelineentry__retracted_at__isnull": True}
        if any(field.name == "retracted_at" for field in entry_model._meta.get_fields())
        else {}
    )
    of_cases = through.objects.filter(case_id__in=existing, **on_record).order_by()
    figures = {(pk, a): _Figures() for pk in existing for a in Audience.values}

    def each(case_id, restricted):
        for audience in audiences_of(restricted):
            yield figures[(case_id, audience)]

    for case_id, restricted, month, kind, n in (
        of_cases.annotate(month=TruncMonth("timelineentry__occurred_on"))
        .values_list("case_id", "timelineentry__restricted", "month", "timelineentry__kind")
        .annotate(n=Count("pk"))
    ):
        for f in each(case_id, restricted):
            f.count(month_key(month), kind, n)
    for named in ("timelineentry__parties", "timelineentry__speaker"):  # named or quoted
        for case_id, restricted, party_id in (
            of_cases.filter(**{f"{named}__isnull": False})
            .values_list("case_id", "timelineentry__restricted", named)
            .distinct()
        ):
            for f in each(case_id, restricted):
                f.party_ids.add(party_id)
    for case_id, restricted, proposal_id, first in (
        of_cases.filter(timelineentry__proposal__isnull=False)
        .values_list("case_id", "timelineentry__restricted", "timelineentry__proposal")
        .annotate(first=Min("timelineentry__reported_on"))
    ):
        for f in each(case_id, restricted):
            f.reported(proposal_id, first)

    # The newest entry of each case, ranked within the case: one pass over the cases' entries
    # (a subquery per case would walk the whole date index for a case with few entries).
    for audience, visible in ((Audience.EDITORS, {}), (Audience.ANALYSTS, {"restricted": False})):
        newest = Window(
            RowNumber(),
            partition_by=F("case_id"),
            order_by=[F("timelineentry__occurred_on").desc(), F("timelineentry_id").desc()],
        )
        rows = (
            of_cases.filter(**{f"timelineentry__{k}": v for k, v in visible.items()})
            .annotate(rank=newest)
            .filter(rank=1)
            .values_list("case_id", "timelineentry_id", "timelineentry__occurred_on")
        )
        for case_id, entry_id, on in rows:
            figures[(case_id, audience)].latest = (entry_id, on)

    changes = defaultdict(list)
    for case_id, status, on in (
        change_model.objects.filter(case_id__in=existing)
        .order_by("case_id", "on", "pk")
        .values_list("case_id", "status", "on")
    ):
        changes[case_id].append((status, on))

    version = time.time_ns()
    rows = [
        summary_model(
            case_id=case_id,
            audience=audience,
            version=version,
            **figures[(case_id, audience)].fields(changes[case_id]),
        )
        for case_id, audience in figures
    ]
    summary_model.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["case", "audience"],
        update_fields=[*_Figures.FIELDS, "version", "refreshed_at"],
    )


class _Figures:
    """One summary row's figures while they are counted."""

    FIELDS = (
        "entry_count",
        "latest_entry",
        "last_activity_on",
        "status",
        "status_on",
        "detained_on",
        "released_on",
        "months",
        "party_ids",
        "proposals_reported",
    )

    def __init__(self):
        self.months: dict[str, dict[str, int]] = {}
        self.party_ids: set[int] = set()
        self.proposals: dict[str, str] = {}
        self.latest: tuple[int | None, datetime.date | None] = (None, None)

    def count(self, month: str, kind: str, n: int) -> None:
        kinds = self.months.setdefault(month, {})
        kinds[kind] = kinds.get(kind, 0) + n

    def reported(self, proposal_id: int, on: datetime.date) -> None:
        key, day = str(proposal_id), on.isoformat()
        self.proposals[key] = min(self.proposals.get(key, day), day)

    def fields(self, changes: list[tuple[str, datetime.date]]) -> dict:
        status, status_on = changes[-1] if changes else ("", None)
        activity = [on for on in (status_on, self.latest[1]) if on is not None]
        return {
            "entry_count": sum(n for kinds in self.months.values() for n in kinds.values()),
            "latest_entry_id": self.latest[0],
            "last_activity_on": max(activity) if activity else None,
            "status": status,
            "status_on": status_on,
            "detained_on": next((on for s, on in changes if s == CaseStatus.DETAINED), None),
            "released_on": next((on for s, on in changes if s in CLOCK_STOPPING_STATUSES), None),
            "months": {month: self.months[month] for month in sorted(self.months)},
            "party_ids": sorted(self.party_ids),
            "proposals_reported": dict(sorted(self.proposals.items())),
        }


def refresh_all(*, apps=global_apps, batch: int = 200) -> int:
    """Every case's summaries; returns how many cases."""
    ids = list(apps.get_model("cases", "Case").objects.values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        refresh(ids[start : start + batch], apps=apps)
    return len(ids)


def touch(case_ids: Iterable[int]) -> None:
    """A new version for these cases, for a change the figures do not count (a citation, a
    renamed party) but a page shows."""
    ids = {pk for pk in case_ids if pk is not None}
    if ids:
        CaseSummary.objects.filter(case_id__in=ids).update(version=time.time_ns())


# ---------------------------------------------------------------------------------------------
# Adding to the figures: an entry joins a case, a party joins an entry


@transaction.atomic
def _entries_joined(case_ids: list[int], entries: list[TimelineEntry]) -> None:
    case_ids = sorted(set(case_ids))
    _lock(CaseSummary, case_ids)
    version = time.time_ns()
    party_ids = defaultdict(set)
    for entry_id, party_id in TimelineEntry.parties.through.objects.filter(
        timelineentry__in=[entry.pk for entry in entries]
    ).values_list("timelineentry_id", "party_id"):
        party_ids[entry_id].add(party_id)
    for summary in CaseSummary.objects.filter(case_id__in=case_ids).select_related("latest_entry"):
        for entry in entries:
            if entry.retracted_at or summary.audience not in audiences_of(entry.restricted):
                continue
            summary.entry_count += 1
            kinds = summary.months.setdefault(month_key(entry.occurred_on), {})
            kinds[entry.kind] = kinds.get(entry.kind, 0) + 1
            named = party_ids[entry.pk] | ({entry.speaker_id} if entry.speaker_id else set())
            summary.party_ids = sorted(set(summary.party_ids) | named)
            if entry.proposal_id:
                key, day = str(entry.proposal_id), entry.reported_on.isoformat()
                reported = summary.proposals_reported
                reported[key] = min(reported.get(key, day), day)
            newest = summary.latest_entry
            if newest is None or (entry.occurred_on, entry.pk) > (newest.occurred_on, newest.pk):
                summary.latest_entry = entry
            if summary.last_activity_on is None or entry.occurred_on > summary.last_activity_on:
                summary.last_activity_on = entry.occurred_on
        summary.months = dict(sorted(summary.months.items()))
        summary.version = version
        summary.save()


@transaction.atomic
def _parties_named(entry: TimelineEntry, party_ids: set[int]) -> None:
    if entry.retracted_at:
        return
    case_ids = _entry_case_ids(entry)
    if not case_ids:
        return  # a new entry named before it is filed: its cases count its parties
    _lock(CaseSummary, case_ids)
    for summary in CaseSummary.objects.filter(
        case_id__in=case_ids, audience__in=audiences_of(entry.restricted)
    ):
        summary.party_ids = sorted(set(summary.party_ids) | party_ids)
        summary.version = time.time_ns()
        summary.save(update_fields=["party_ids", "version", "refreshed_at"])


def _entry_case_ids(entry: TimelineEntry) -> list[int]:
    through = TimelineEntry.cases.through.objects.filter(timelineentry=entry)
    return list(through.values_list("case_id", flat=True))


# ---------------------------------------------------------------------------------------------
# What keeps the summaries true. Raw saves (fixtures) are left to refresh_all.


@receiver(post_save, sender=Case, dispatch_uid="summary_case_saved")
def _case_saved(sender, instance: Case, raw=False, **kwargs) -> None:
    if not raw:
        refresh([instance.pk])


@receiver(post_save, sender=CaseStatusChange, dispatch_uid="summary_status_saved")
@receiver(post_delete, sender=CaseStatusChange, dispatch_uid="summary_status_deleted")
def _status_changed(sender, instance: CaseStatusChange, raw=False, **kwargs) -> None:
    if not raw:
        refresh([instance.case_id])


@receiver(post_save, sender=TimelineEntry, dispatch_uid="summary_entry_saved")
def _entry_saved(sender, instance: TimelineEntry, created=False, raw=False, **kwargs) -> None:
    # A new entry has no cases yet: adding them (m2m_changed) counts it.
    if not raw and not created:
        refresh(_entry_case_ids(instance))


@receiver(pre_delete, sender=TimelineEntry, dispatch_uid="summary_entry_deleting")
def _entry_deleting(sender, instance: TimelineEntry, **kwargs) -> None:
    instance._summary_case_ids = _entry_case_ids(instance)


@receiver(post_delete, sender=TimelineEntry, dispatch_uid="summary_entry_deleted")
def _entry_deleted(sender, instance: TimelineEntry, **kwargs) -> None:
    refresh(getattr(instance, "_summary_case_ids", []))


@receiver(m2m_changed, sender=TimelineEntry.cases.through, dispatch_uid="summary_entry_cases")
def _entry_cases_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action == "pre_clear":
        instance._summary_cleared = [instance.pk] if reverse else _entry_case_ids(instance)
    elif action == "post_clear":
        refresh(getattr(instance, "_summary_cleared", []))
    elif action == "post_remove":
        refresh([instance.pk] if reverse else pk_set or [])
    elif action == "post_add" and pk_set:
        if reverse:
            _entries_joined([instance.pk], list(TimelineEntry.objects.filter(pk__in=pk_set)))
        else:
            _entries_joined(list(pk_set), [instance])


@receiver(m2m_changed, sender=TimelineEntry.parties.through, dispatch_uid="summary_parties")
def _entry_parties_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action == "post_add" and pk_set and not reverse:
        _parties_named(instance, set(pk_set))
    elif action == "pre_clear":
        instance._summary_cleared = (
            list(
                TimelineEntry.cases.through.objects.filter(
                    timelineentry__parties=instance
                ).values_list("case_id", flat=True)
            )
            if reverse
            else _entry_case_ids(instance)
        )
    elif action == "post_clear":
        refresh(getattr(instance, "_summary_cleared", []))
    elif action in ("post_add", "post_remove") and pk_set:
        # A party removed from entries, or entries added to a party: recount their cases.
        entries = [instance.pk] if not reverse else list(pk_set)
        through = TimelineEntry.cases.through.objects.filter(timelineentry__in=entries)
        refresh(through.values_list("case_id", flat=True))
