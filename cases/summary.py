"""The dashboard's figures for each case (models.CaseSummary), recomputed from the record whenever
something they are drawn from changes.

A summary row holds what the dashboard sorts, filters and draws by: the current status and the
detention clock's dates (from the status changes), the number of entries, the latest entry, the
last activity and the entries per month, counted once for analysts (restricted entries left
out) and once for editors. The signal handlers below refresh a case's two rows inside the
transaction that changed it, so the dashboard never shows a figure the record no longer holds.

Bulk loads that bypass save() (generate_archive, a raw SQL fix) call `refresh_all()` after;
`manage.py refresh_case_summaries` does the same by hand.
"""

import datetime
import time
from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps as global_apps
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import (
    CLOCK_STOPPING_STATUSES,
    Audience,
    Case,
    CaseStatus,
    CaseStatusChange,
    TimelineEntry,
)


def audience_of(user) -> str:
    """The audience whose figures `user` may see (as TimelineEntry.visible_to decides)."""
    if user.has_perm("cases.view_restricted_entry"):
        return Audience.EDITORS
    return Audience.ANALYSTS


def _month_key(on: datetime.date | datetime.datetime) -> str:
    return f"{on.year:04d}-{on.month:02d}"


def refresh(case_ids: Iterable[int], *, apps=global_apps) -> None:
    """Recompute the summaries of these cases: five queries for any number of cases. `apps` is
    the model registry (a migration passes its historical one)."""
    ids = sorted({pk for pk in case_ids if pk is not None})
    if not ids:
        return
    case_model = apps.get_model("cases", "Case")
    entry_model = apps.get_model("cases", "TimelineEntry")
    change_model = apps.get_model("cases", "CaseStatusChange")
    summary_model = apps.get_model("cases", "CaseSummary")
    through = entry_model.cases.through

    existing = set(case_model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if not existing:
        return

    counts = {audience: defaultdict(dict) for audience in Audience.values}
    per_month = (
        through.objects.filter(case_id__in=existing)
        .annotate(month=TruncMonth("timelineentry__occurred_on"))
        .values_list("case_id", "timelineentry__restricted", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for case_id, restricted, month, n in per_month:
        key = _month_key(month)
        editors = counts[Audience.EDITORS][case_id]
        editors[key] = editors.get(key, 0) + n
        if not restricted:
            analysts = counts[Audience.ANALYSTS][case_id]
            analysts[key] = analysts.get(key, 0) + n

    def latest(**visible):
        newest = (
            entry_model.objects.filter(cases=OuterRef("pk"), **visible)
            .order_by("-occurred_on", "-pk")
            .values("pk", "occurred_on")[:1]
        )
        return Subquery(newest.values("pk")), Subquery(newest.values("occurred_on"))

    editors_pk, editors_on = latest()
    analysts_pk, analysts_on = latest(restricted=False)
    latest_rows = {
        pk: {Audience.EDITORS: (e_pk, e_on), Audience.ANALYSTS: (a_pk, a_on)}
        for pk, e_pk, e_on, a_pk, a_on in case_model.objects.filter(pk__in=existing)
        .annotate(e_pk=editors_pk, e_on=editors_on, a_pk=analysts_pk, a_on=analysts_on)
        .values_list("pk", "e_pk", "e_on", "a_pk", "a_on")
    }

    changes = defaultdict(list)
    for case_id, status, on in (
        change_model.objects.filter(case_id__in=existing)
        .order_by("case_id", "on", "pk")
        .values_list("case_id", "status", "on")
    ):
        changes[case_id].append((status, on))

    version = time.time_ns()
    rows = []
    for case_id in sorted(existing):
        dated = changes[case_id]
        current = dated[-1] if dated else (None, None)
        clock = {
            "detained_on": next((on for s, on in dated if s == CaseStatus.DETAINED), None),
            "released_on": next((on for s, on in dated if s in CLOCK_STOPPING_STATUSES), None),
        }
        for audience in Audience.values:
            entry_pk, entry_on = latest_rows[case_id][audience]
            activity = [on for on in (current[1], entry_on) if on is not None]
            months = counts[audience][case_id]
            rows.append(
                summary_model(
                    case_id=case_id,
                    audience=audience,
                    entry_count=sum(months.values()),
                    latest_entry_id=entry_pk,
                    last_activity_on=max(activity) if activity else None,
                    status=current[0] or "",
                    status_on=current[1],
                    months=dict(sorted(months.items())),
                    version=version,
                    **clock,
                )
            )
    summary_model.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["case", "audience"],
        update_fields=[
            "entry_count",
            "latest_entry",
            "last_activity_on",
            "status",
            "status_on",
            "detained_on",
            "released_on",
            "months",
            "version",
            "refreshed_at",
        ],
    )


def refresh_all(*, apps=global_apps, batch: int = 200) -> int:
    """Every case's summaries; returns how many cases."""
    ids = list(apps.get_model("cases", "Case").objects.values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        refresh(ids[start : start + batch], apps=apps)
    return len(ids)


def touch(case_ids: Iterable[int]) -> None:
    """A new version for these cases' cached pages, for a change the figures do not count (a
    citation, a renamed outlet)."""
    from .models import CaseSummary

    ids = {pk for pk in case_ids if pk is not None}
    if ids:
        CaseSummary.objects.filter(case_id__in=ids).update(version=time.time_ns())


def _entry_case_ids(entry: TimelineEntry) -> list[int]:
    return list(
        TimelineEntry.cases.through.objects.filter(timelineentry=entry).values_list(
            "case_id", flat=True
        )
    )


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
    # A new entry has no cases yet: adding them (m2m_changed) refreshes.
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
    elif action in ("post_add", "post_remove"):
        refresh([instance.pk] if reverse else pk_set or [])
