"""The dates the record accepts.

Every date the tracker stores (when something happened, when it was reported, when an article
was published, a case's status changes) lies between EARLIEST_DATE and a year after today. Forms
and models validate against these bounds; the database enforces the fixed outer bounds with
check constraints, so a date outside them cannot reach the pages from any route.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST_DATE = datetime.date(1900, 1, 1)

# How far past today a date may lie: scheduled hearings and announced deadlines are dated ahead.
FUTURE_ALLOWANCE = datetime.timedelta(days=366)

# The fixed bound the database itself holds on every backend. A check constraint cannot read
# today's date on SQLite (it refuses non-deterministic functions), so the portable constraint is
# fixed; on PostgreSQL a second constraint holds the bound relative to today.
LATEST_STORABLE_DATE = datetime.date(2100, 12, 31)


def latest_date(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) + FUTURE_ALLOWANCE


def in_bounds(value: datetime.date, today: datetime.date | None = None) -> bool:
    return EARLIEST_DATE <= value <= latest_date(today)


def validate_record_date(value: datetime.date) -> None:
    """A model and form field validator: refuse a date the record cannot hold."""
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not in_bounds(value):
        raise ValidationError(
            "Enter a date between %(earliest)s and %(latest)s.",
            code="date_out_of_bounds",
            params={
                "earliest": EARLIEST_DATE.isoformat(),
                "latest": latest_date().isoformat(),
            },
        )


def shifted(on: datetime.date, delta: datetime.timedelta) -> datetime.date:
    """`on` moved by `delta`, stopping at the first or last date Python can hold: pages compute
    spans, milestones and padding from whatever dates the database holds, and must not fail."""
    try:
        return on + delta
    except OverflowError:
        return datetime.date.min if delta < datetime.timedelta(0) else datetime.date.max
