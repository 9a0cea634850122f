"""The desk's own measure of the extractor: what editors did with its proposals.

Every review is a judgement of the extractor: an approval as proposed says it was right, an
edit says which field it got wrong, a rejection says why, and a development an editor added
from the article is one it missed. Counted over a period of reviews, per extractor version
and per kind, in one query for each (conditional aggregation), however many proposals.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from cases.models import ENTRY_FIELD_LABELS, EntryKind

from .models import ProposedEntry, RejectReason, ReviewStatus
from .review import EDITABLE_FIELDS

DEFAULT_PERIOD = datetime.timedelta(days=90)

# A date is wrong when the editor changed the day or how precisely it is known.
DATE_FIELDS = ("occurred_on", "precision")


def _edited(name: str) -> Q:
    """Proposals whose edited fields include `name`. The list is JSON text on SQLite and
    jsonb on PostgreSQL; the quoted name is found in either's text."""
    return Q(edited_fields__icontains=f'"{name}"')


def _counts() -> dict:
    machine = Q(added_by_editor=False)
    approved = machine & Q(status=ReviewStatus.APPROVED)
    rejected = machine & Q(status=ReviewStatus.REJECTED)
    counts = {
        "reviewed": Count("pk", filter=machine & ~Q(status=ReviewStatus.PENDING)),
        "approved": Count("pk", filter=approved),
        "approved_unchanged": Count("pk", filter=approved & Q(edited_fields=[])),
        "date_edited": Count(
            "pk", filter=approved & (_edited(DATE_FIELDS[0]) | _edited(DATE_FIELDS[1]))
        ),
        "rejected": Count("pk", filter=rejected),
        "merged": Count("pk", filter=machine & Q(status=ReviewStatus.MERGED)),
        "added": Count("pk", filter=Q(added_by_editor=True)),
    }
    for name in EDITABLE_FIELDS:
        counts[f"edited:{name}"] = Count("pk", filter=approved & _edited(name))
    for reason in RejectReason:
        counts[f"rejected:{reason.value}"] = Count("pk", filter=rejected & Q(reject_reason=reason))
    return counts


@dataclass
class Measure:
    """What editors did with one group of proposals (an extractor version, a kind, or all)."""

    label: str
    reviewed: int = 0
    approved: int = 0
    approved_unchanged: int = 0
    date_edited: int = 0
    rejected: int = 0
    merged: int = 0
    added: int = 0
    edited_by_field: dict[str, int] = field(default_factory=dict)
    rejected_by_reason: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_row(cls, label: str, row: dict) -> "Measure":
        return cls(
            label=label,
            **{name: row[name] for name in cls.plain_counts()},
            edited_by_field={name: row[f"edited:{name}"] for name in EDITABLE_FIELDS},
            rejected_by_reason={
                reason.value: row[f"rejected:{reason.value}"] for reason in RejectReason
            },
        )

    @staticmethod
    def plain_counts() -> tuple[str, ...]:
        return (
            "reviewed",
            "approved",
            "approved_unchanged",
            "date_edited",
            "rejected",
            "merged",
            "added",
        )

    def add(self, other: "Measure") -> None:
        for name in self.plain_counts():
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name, n in other.edited_by_field.items():
            self.edited_by_field[name] = self.edited_by_field.get(name, 0) + n
        for reason, n in other.rejected_by_reason.items():
            self.rejected_by_reason[reason] = self.rejected_by_reason.get(reason, 0) + n

    @property
    def approved_edited(self) -> int:
        return self.approved - self.approved_unchanged

    @property
    def edits(self) -> list[tuple[str, int]]:
        """(field, how many approvals changed it), the fields changed at all, most first."""
        found = [(ENTRY_FIELD_LABELS[name], n) for name, n in self.edited_by_field.items() if n]
        return sorted(found, key=lambda pair: -pair[1])

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """(reason, how many rejections gave it), the reasons given at all, most first."""
        found = [(RejectReason(r).label, n) for r, n in self.rejected_by_reason.items() if n]
        return sorted(found, key=lambda pair: -pair[1])

    @property
    def precision(self) -> float | None:
        """Of the machine's proposals reviewed, the share that went on the record."""
        return _share(self.approved + self.merged, self.reviewed)

    @property
    def dates_right(self) -> float | None:
        """Of the proposals whose date editors judged (approved, or rejected for its date), the
        share whose date was right as proposed."""
        wrong_date = self.rejected_by_reason.get(RejectReason.WRONG_DATE, 0)
        return _share(self.approved - self.date_edited, self.approved + wrong_date)

    @property
    def recall(self) -> float | None:
        """Of the developments put on the record from the reviewed articles, the share the
        machine proposed: an estimate, since editors add only the misses they notice."""
        found = self.approved + self.merged
        return _share(found, found + self.added)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Report:
    start: datetime.date
    end: datetime.date
    by_version: list[Measure]
    by_kind: list[Measure]
    total: Measure

    @property
    def tables(self) -> list[tuple[str, str, list[Measure]]]:
        """(title, what a row is, rows): each grouping, with the total as its last row."""
        total = [self.total] if self.total.reviewed or self.total.added else []
        return [
            ("By extractor version", "Extractor version", [*self.by_version, *total]),
            ("By kind", "Kind", [*self.by_kind, *total]),
        ]


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return today - DEFAULT_PERIOD, today


def _reviewed_between(start: datetime.date, end: datetime.date):
    """Proposals reviewed (or added) from the start of `start` to the end of `end`, local time:
    a range on reviewed_at itself, so the database can use it as it is stored."""
    zone = timezone.get_current_timezone()
    after = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    before = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return ProposedEntry.objects.filter(reviewed_at__gte=after, reviewed_at__lt=before)


def measure(start: datetime.date, end: datetime.date) -> Report:
    """The desk's measure over reviews from `start` to `end` (inclusive): two queries."""
    reviewed = _reviewed_between(start, end)
    counts = _counts()
    versions = (
        reviewed.values("extractor_version").annotate(**counts).order_by("-extractor_version")
    )
    kinds = reviewed.values("kind").annotate(**counts).order_by("kind")
    by_version = [Measure.from_row(row["extractor_version"] or "(none)", row) for row in versions]
    kind_labels = dict(EntryKind.choices)
    by_kind = [Measure.from_row(kind_labels.get(row["kind"], row["kind"]), row) for row in kinds]
    total = Measure(label="All")
    for item in by_kind:
        total.add(item)
    return Report(start=start, end=end, by_version=by_version, by_kind=by_kind, total=total)
