"""Dates shown at the precision they are known to: "28 Jul 2022", "Jul 2022", "~ Jun 2022"."""

import datetime

from django import template

from cases.models import DatePrecision

register = template.Library()

_UNCERTAINTY = {
    DatePrecision.WEEK: "exact day unknown",
    DatePrecision.MONTH: "known to the month",
    DatePrecision.YEAR: "known to the year",
    DatePrecision.APPROXIMATE: "approximate date",
}


def format_at_precision(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    if value is None:
        return ""
    if precision == DatePrecision.WEEK:
        monday = value - datetime.timedelta(days=value.weekday())
        return f"week of {monday.day} {monday:%b %Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%b %Y}"
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.APPROXIMATE:
        return f"~ {value:%b %Y}"
    return f"{value.day} {value:%b %Y}"


def uncertainty(precision: str) -> str:
    """Words saying how uncertain a date is; empty when it is known to the day."""
    return _UNCERTAINTY.get(precision, "")


@register.filter
def at_precision(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """{{ entry.occurred_on|at_precision:entry.precision }}"""
    return format_at_precision(value, precision)


@register.filter
def date_uncertainty(precision: str) -> str:
    return uncertainty(precision)


@register.filter
def iso_at_precision(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """A machine-readable <time datetime> value no more precise than what is known."""
    if value is None:
        return ""
    if precision in (DatePrecision.MONTH, DatePrecision.APPROXIMATE):
        return f"{value:%Y-%m}"
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.WEEK:
        year, week, _ = value.isocalendar()
        return f"{year}-W{week:02d}"
    return value.isoformat()


@register.filter
def thousands(value) -> str:
    """2043 → "2,043"."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return ""


# Counting every match of a broad filter would read them all: counts stop past this many.
COUNT_LIMIT = 10_000


@register.filter
def bounded_count(value) -> str:
    """A count that stopped at COUNT_LIMIT + 1: 10001 → "10,000+", 2043 → "2,043"."""
    try:
        value = int(value)
    except (TypeError, ValueError):
        return ""
    return f"{COUNT_LIMIT:,}+" if value > COUNT_LIMIT else f"{value:,}"
