"""Correcting and retracting entries on the record.

Both are functions of the action layer: atomic, with the acting editor as `by=` and a required
reason, which go into the entry's history (simple-history's user and change reason). A
correction also writes a Correction row with each changed field as readers saw it and see it now
("date was 17 Feb 2022"), printed beside the entry as newspapers print theirs. A retraction
takes the entry off the record (TimelineEntry.visible_to leaves it out everywhere) and keeps it
in the database, its history and the admin, with who retracted it, when and why.

Saving the entry refreshes its cases' summaries (cases.summary's signals), which gives each case
a new version, so every cached fragment that showed the entry is drawn again.
"""

import dataclasses
import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import Truncator

from alerts.notify import Change, entry_changed

from .dates import validate_record_date
from .models import (
    ENTRY_FIELD_LABELS,
    Case,
    Correction,
    DatePrecision,
    EntryKind,
    Party,
    TimelineEntry,
)
from .templatetags.dates import format_at_precision

# The fields a correction may change. A notice tells the precision with the date ("17 Feb 2022"
# was "Feb 2022"), so it has no label of its own.
CORRECTABLE_FIELDS = (
    "occurred_on",
    "precision",
    "kind",
    "summary",
    "quote",
    "speaker",
    "cases",
    "parties",
    "proposal",
    "restricted",
)
LABELS = {name: ENTRY_FIELD_LABELS[name] for name in CORRECTABLE_FIELDS if name != "precision"}
MANY_TO_MANY = ("cases", "parties")
_FIELD_ORDER = {name: position for position, name in enumerate(LABELS)}

# simple-history's change reason is a varchar(100).
_HISTORY_REASON_LENGTH = TimelineEntry.history.model._meta.get_field(
    "history_change_reason"
).max_length

NONE_SHOWN = "none"


class CorrectionError(Exception):
    """A correction or retraction that cannot be made; the message is for the editor."""


class NothingChanged(CorrectionError):
    pass


def _fitted(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _attribute(entry: TimelineEntry, by, reason: str) -> None:
    """Tell simple-history who changes the entry, and why, for its next save."""
    entry._history_user = by
    entry._change_reason = _fitted(reason, _HISTORY_REASON_LENGTH)


def _names(rows: Iterable[Model]) -> str:
    names = sorted(str(row) for row in rows)
    return ", ".join(names) if names else NONE_SHOWN


def _shown(entry_values: dict, name: str) -> str:
    """A field's value as readers see it on the entry."""
    value = entry_values[name]
    if name == "occurred_on":
        return format_at_precision(value, entry_values["precision"])
    if name == "kind":
        return EntryKind(value).label
    if name == "restricted":
        return "yes" if value else "no"
    if name in MANY_TO_MANY:
        return _names(value)
    if value in (None, ""):
        return NONE_SHOWN
    return str(value)


def _current(entry: TimelineEntry) -> dict:
    values = {name: getattr(entry, name) for name in CORRECTABLE_FIELDS if name not in MANY_TO_MANY}
    values["cases"] = list(entry.cases.all())
    values["parties"] = list(entry.parties.all())
    return values


def _same(name: str, was, now) -> bool:
    if name in MANY_TO_MANY:
        return {row.pk for row in was} == {row.pk for row in now}
    if isinstance(was, Model) or isinstance(now, Model):
        return getattr(was, "pk", None) == getattr(now, "pk", None)
    return was == now


def _validated(changes: dict) -> dict:
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not correctable: {', '.join(sorted(unknown))}")
    values = dict(changes)
    for name in MANY_TO_MANY:
        if name in values:
            values[name] = list(values[name])
    if "summary" in values:
        values["summary"] = (values["summary"] or "").strip()
        if not values["summary"]:
            raise CorrectionError("An entry needs a summary.")
    if "quote" in values:
        values["quote"] = (values["quote"] or "").strip()
    if "cases" in values and not values["cases"]:
        raise CorrectionError("An entry needs at least one case.")
    if "kind" in values and values["kind"] not in EntryKind.values:
        raise CorrectionError(f"Unknown kind: {values['kind']}.")
    if "precision" in values and values["precision"] not in DatePrecision.values:
        raise CorrectionError(f"Unknown date precision: {values['precision']}.")
    if "occurred_on" in values:
        if not isinstance(values["occurred_on"], datetime.date):
            raise CorrectionError("Give the date as a date.")
        try:
            validate_record_date(values["occurred_on"])
        except ValidationError as error:
            raise CorrectionError(error.messages[0]) from error
    for name, model in (("cases", Case), ("parties", Party)):
        if any(not isinstance(row, model) for row in values.get(name, [])):
            raise CorrectionError(f"Give the {name} as {model.__name__} rows.")
    return values


def _required(reason: str, action: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CorrectionError(f"Give a reason for the {action}.")
    return _fitted(reason, Correction._meta.get_field("reason").max_length)


def _locked(entry: TimelineEntry | int) -> TimelineEntry:
    pk = entry if isinstance(entry, int) else entry.pk
    locked = TimelineEntry.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise CorrectionError(f"There is no timeline entry {pk}.")
    if locked.retracted_at:
        raise CorrectionError("This entry has been retracted.")
    return locked


@transaction.atomic
def correct(entry: TimelineEntry | int, *, by, reason: str, changes: dict) -> Correction:
    """Change the entry's fields in `changes` ({field: new value}; cases and parties as rows),
    and record the correction with each field that really changed, as shown before and after.

    Raises NothingChanged when no value differs, CorrectionError for a missing reason or a value
    the record refuses; nothing is written then."""
    reason = _required(reason, "correction")
    values = _validated(changes)
    entry = _locked(entry)
    was = _current(entry)
    now = was | values
    changed = [name for name in values if not _same(name, was[name], now[name])]
    if not changed:
        raise NothingChanged("Nothing changed: the entry already reads like this.")

    # The date is shown at its precision, so a new precision is a new date to readers.
    shown_fields = [name for name in LABELS if name in changed]
    if "precision" in changed and "occurred_on" not in shown_fields:
        shown_fields.insert(0, "occurred_on")
    recorded = {}
    for name in shown_fields:
        before, after = _shown(was, name), _shown(now, name)
        if name == "occurred_on" and before == after:  # a day moved inside a month shown
            before = f"{was['occurred_on']:%Y-%m-%d} ({was['precision']})"
            after = f"{now['occurred_on']:%Y-%m-%d} ({now['precision']})"
        recorded[name] = {"label": LABELS[name], "was": before, "now": after}

    # One history row for the whole correction: the relations are set without one, then the
    # save records the entry with its new cases and parties.
    entry.skip_history_when_saving = True
    for name in MANY_TO_MANY:
        if name in changed:
            getattr(entry, name).set(now[name])
    del entry.skip_history_when_saving
    for name in changed:
        if name not in MANY_TO_MANY:
            setattr(entry, name, now[name])
    _attribute(entry, by, f"Corrected: {reason}")
    entry.save()
    correction = Correction.objects.create(
        entry=entry, at=timezone.now(), by=by, reason=reason, changes=recorded
    )
    entry_changed(entry, Change.CORRECTED, correction=correction)
    return correction


@transaction.atomic
def retract(entry: TimelineEntry | int, *, by, reason: str) -> TimelineEntry:
    """Take the entry off the record, saying who did it and why. It stays in the database, its
    history and the admin (read only there). Nothing undoes a retraction: an entry retracted
    by mistake is put back on the record as a new entry."""
    reason = _required(reason, "retraction")
    entry = _locked(entry)
    entry.retracted_at = timezone.now()
    entry.retracted_by = by
    entry.retraction_reason = _fitted(
        reason, TimelineEntry._meta.get_field("retraction_reason").max_length
    )
    _attribute(entry, by, f"Retracted: {reason}")
    entry.save()
    entry_changed(entry, Change.RETRACTED)
    return entry


# ---------------------------------------------------------------------------------------------
# The notice printed beside a corrected entry


@dataclasses.dataclass
class Notice:
    """A correction as printed: "Corrected 3 Dec 2022: date was 17 Feb 2022; kind was Statement"."""

    on: datetime.date
    text: str
    reason: str
    by: str

    @property
    def date(self) -> str:
        return format_at_precision(self.on)


def notices(entry: TimelineEntry, *, editors: bool) -> list[Notice]:
    """The entry's corrections as notices, newest first (entry.corrections prefetched, with
    `by`). Analysts are told what changed, not the editors' reasons or who made them; whether
    an entry was restricted is for editors alone."""
    shown = []
    for correction in entry.corrections.all():
        parts = []
        # In the form's order (jsonb keeps its keys in an order of its own).
        for name in sorted(correction.changes, key=lambda n: _FIELD_ORDER.get(n, 99)):
            change = correction.changes[name]
            if name == "restricted" and not editors:
                continue
            was = change["was"]
            if name in ("summary", "quote") and was != NONE_SHOWN:
                was = f"“{Truncator(was).words(30)}”"
            parts.append(f"{change['label']} was {was}")
        if not parts:
            continue
        shown.append(
            Notice(
                on=timezone.localdate(correction.at),
                text="; ".join(parts),
                reason=correction.reason if editors else "",
                by=correction.by.get_username() if editors else "",
            )
        )
    return shown
