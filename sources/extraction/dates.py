"""Date expressions in news text, resolved against the publication date.

Rules an editor would apply:
- a weekday ("on Thursday", "earlier Thursday") is the most recent such day on or before
  publication, the same day when the article was published on that weekday;
- a month and day without a year ("Feb. 17") is the most recent such date not after publication;
- "in December 2018" has month precision, "in 2020" year precision;
- vague spans are approximate: "last week" and "weeks ago" give a day in the right month with
  month precision, "this month" and "last month" a month, "last year" a year;
- "a year and a half later", "the next day" count from the last date the article gave before;
- "now" and "today" are the publication date;
- durations ("over the last two years", "for the past week") are not dates of anything;
- future expressions ("next week", "tomorrow") are found but flagged, since a plan is not a
  development.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from .lang import en
from .scanning import Scanner

DAY, MONTH, YEAR = "day", "month", "year"

# The dates a candidate may carry: the record's bounds (cases/dates.py), counted from the
# article's publication date since the engine knows no other "today".
EARLIEST_DATE = dt.date(1900, 1, 1)
FUTURE_ALLOWANCE = dt.timedelta(days=366)


def latest_date(published: dt.date) -> dt.date:
    try:
        return published + FUTURE_ALLOWANCE
    except OverflowError:
        return dt.date.max


_MONTH = en.MONTH
_WEEKDAY = en.WEEKDAY
_YEAR = en.YEAR
_COUNT = en.COUNT
_UNIT = en.UNIT
_ON = en.DATE_PREPOSITION

_DATES = Scanner(
    [
        rf"(?P<iso>\b{_YEAR}-\d\d-\d\d\b)",
        # "on Thursday, Feb. 17" is one date: the explicit one.
        rf"(?:{_ON}{_WEEKDAY},?\s+)?{_ON}(?P<md_m>{_MONTH})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?:,?\s+(?P<md_y>{_YEAR})\b|\s+(?P<md_rel>(?i:last|this))\s+year\b)?",
        rf"\b{_ON}(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{_MONTH})"
        rf"(?:,?\s+(?P<dm_y>{_YEAR})\b)?",
        rf"(?:\b(?i:in|since|during|by|until|from|of|early|late|mid|through|before|after)[\s-]+)?"
        rf"(?P<my_m>{_MONTH})\s*,?\s+(?P<my_y>{_YEAR})\b",
        r"\b(?P<mo_pre>(?i:earlier in|later in|in|since|during|by|until|early|late|mid|last"
        rf"|this|next|through|from|before|after|that|the following))[\s-]+(?P<mo_m>{_MONTH})"
        r"(?!\s*\d)",
        rf"\b(?P<yr_pre>(?i:in|since|during|by|until|early|late|mid|from|through|before|after|of"
        rf"|around|throughout))[\s-]+(?P<yr_y>{_YEAR})\b",
        rf"\b(?:(?P<wd_pre>(?i:last|this|earlier|early|late|on|next|by|since|until|before|from))\s+)?"
        rf"(?P<wd>{_WEEKDAY})(?:['’]s)?\b(?:\s+(?P<wd_post>(?i:morning|afternoon|evening|night)))?",
        r"\b(?P<rel>(?i:earlier today|later today|today|yesterday|tonight|this morning"
        r"|this afternoon|this evening|last night|tomorrow))\b",
        r"\b(?P<rd>(?i:the next day|the following day|the day before|the previous day"
        r"|the same day|later that day|earlier that day|that day|the next morning"
        r"|the following morning))\b",
        rf"\b(?P<ago_n>(?i:{_COUNT}))?\s*(?P<ago_u>(?i:{_UNIT}))(?P<ago_half>\s+and\s+a\s+half)?"
        r"\s+(?i:ago)\b",
        rf"\b(?P<lat_n>(?i:{_COUNT}))\s+(?P<lat_u>(?i:{_UNIT}))(?P<lat_half>\s+and\s+a\s+half)?"
        r"\s+(?P<lat_dir>(?i:later|earlier|afterwards?|after|before))\b",
        # "Days earlier", "weeks later": a few, counted from the last date given.
        r"\b(?P<few_u>(?i:days|weeks|months|years))\s+(?P<few_dir>(?i:later|earlier|afterwards?))\b",
        r"\b(?P<then>(?i:at the time|at that time|at that point))\b",
        # "August: His family says ...": a timeline line's label.
        rf"(?P<tl_m>{_MONTH})(?=:\s)",
        r"\b(?P<per_pre>(?i:earlier this|later this|late last|early last|earlier last"
        r"|early this|late this|last|this|past|next|previous|the following|that|the same))\s+"
        r"(?P<per_u>(?i:week|weekend|month|year))\b",
        rf"\b(?P<now>(?i:now))\b(?:\s+(?i:almost|nearly|already|just|well into|into))?"
        rf"(?:\s+(?P<now_m>{_MONTH}))?",
    ]
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’]?\s+[A-Z“\"]|\n")
_UNTIL_RE = re.compile(en.UNTIL)
# ", a day after Russia freed her": the clause that follows happened that long before.
_COMMA_BEFORE_RE = re.compile(r",\s*$")
_DURATION_BEFORE_RE = re.compile(en.DURATION_BEFORE)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date
    precision: str
    explicit: bool  # a calendar date or weekday, not "now" or the publication date
    future: bool = False
    rule: str = ""  # the name of the rule that matched


def find_dates(text: str, published: dt.date) -> list[DateMention]:
    """Every date expression in text, resolved; relative ones count from the last date before."""
    found: list[DateMention] = []
    reference: dt.date | None = None
    precise = DAY  # the precision of the reference
    leading: list[tuple[int, re.Match[str]]] = []  # "Three days after X, Y on Monday"
    placeholders: set[int] = set()
    for m in _DATES.finditer(text):
        if _is_duration(text, m):
            continue
        if m.groupdict().get("then"):
            if reference is not None:  # "at the time": the moment just told, as precisely
                found.append(DateMention(m.start(), m.end(), m.group(), reference, precise, True))
            continue
        resolved = _resolve_within_bounds(m, published, reference, text)
        leads = _leads_sentence(text, m)
        if resolved is None and leads:
            placeholders.add(len(found))  # to be counted back from the main clause
            resolved = (published, DAY, False)
        if resolved is None:
            continue
        date, precision, explicit = resolved
        future = date > published
        if leads:
            leading.append((len(found), m))
        found.append(DateMention(m.start(), m.end(), m.group(), date, precision, explicit, future))
        if explicit and not future:
            reference, precise = date, precision
    for index, m in leading:
        _count_back(text, found, index, m)
    return [d for i, d in enumerate(found) if i not in placeholders or d.explicit]


def _resolve_within_bounds(
    m: re.Match[str], published: dt.date, reference: dt.date | None, text: str
) -> tuple[dt.date, str, bool] | None:
    """The expression's date, or None when there is no such date ("2022-13-45", "Feb. 30 last
    year" published in year 1) or it lies outside the bounds ("99999 years ago")."""
    try:
        resolved = _resolve(m, published, reference, text)
    except (OverflowError, ValueError):
        return None
    if resolved is None or not EARLIEST_DATE <= resolved[0] <= latest_date(published):
        return None
    return resolved


def _leads_sentence(text: str, m: re.Match[str]) -> bool:
    """ "Three days after a court sentenced him, ...": an interval opening the sentence, counted
    from an event the sentence itself dates later on."""
    direction = m.groupdict().get("lat_dir")
    if not direction or direction.lower() not in ("after", "before"):
        return False
    before = text[max(0, m.start() - 3) : m.start()].rstrip(' “"')
    return not before or before[-1] in ".!?\n:"


def _count_back(text: str, found: list[DateMention], index: int, m: re.Match[str]) -> None:
    mention = found[index]
    for later in found[index + 1 :]:
        if _SENTENCE_END_RE.search(text, mention.end, later.start):
            return
        if not later.explicit or later.future or later.text == later.text.lower():
            continue  # the main clause's own date: a calendar date or a weekday
        sign = 1 if m.group("lat_dir").lower() == "before" else -1
        try:
            date, precision, _ = _shift(
                m.group("lat_n"), m.group("lat_u"), bool(m.group("lat_half")), later.date, sign
            )
        except (OverflowError, ValueError):  # "99999 years before": no such date
            return
        if later.precision != DAY:
            precision = later.precision
        found[index] = DateMention(
            mention.start, mention.end, mention.text, date, precision, True, False
        )
        return


def _is_duration(text: str, m: re.Match[str]) -> bool:
    pre = m.groupdict().get("per_pre")
    if pre and pre.lower() in ("past", "last", "previous"):
        return _DURATION_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()) is not None
    return False


def _resolve(
    m: re.Match[str], published: dt.date, reference: dt.date | None, text: str
) -> tuple[dt.date, str, bool] | None:
    g = defaultdict(lambda: None, m.groupdict())
    if g["iso"]:
        return dt.date.fromisoformat(g["iso"]), DAY, True
    if g["md_m"] or g["dm_m"]:
        month = _month(g["md_m"] or g["dm_m"])
        day = int(g["md_d"] or g["dm_d"])
        year = g["md_y"] or g["dm_y"]
        if not 1 <= day <= 31:
            return None
        if year:
            return _safe_date(int(year), month, day), DAY, True
        if g["md_rel"]:  # "on Aug. 15 last year"
            back = 1 if g["md_rel"].lower() == "last" else 0
            return _safe_date(published.year - back, month, day), DAY, True
        if _UNTIL_RE.match(m.group()):  # "until May 19": a deadline ahead
            return _next_month_day(month, day, published), DAY, True
        return _most_recent_month_day(month, day, published), DAY, True
    if g["my_m"]:
        return dt.date(int(g["my_y"]), _month(g["my_m"]), 1), MONTH, True
    if g["mo_m"]:
        month = _month(g["mo_m"])
        pre = g["mo_pre"].lower()
        if pre in ("that", "the following"):
            # "arrested in April 2016 ... sentenced that September": the told year, onwards.
            if reference is None:
                return None
            later = month < reference.month or (pre == "the following" and month == reference.month)
            return dt.date(reference.year + (1 if later else 0), month, 1), MONTH, True
        year = published.year if month <= published.month else published.year - 1
        if pre == "next":
            year = published.year if month > published.month else published.year + 1
        elif pre == "last" and month >= published.month:
            year = published.year - 1
        return dt.date(year, month, 1), MONTH, True
    if g["yr_y"]:
        return dt.date(int(g["yr_y"]), 1, 1), YEAR, True
    if g["wd"]:
        return _weekday(g["wd"], (g["wd_pre"] or "").lower(), published), DAY, True
    if g["rel"]:
        rel = g["rel"].lower()
        if rel == "yesterday":
            return published - dt.timedelta(days=1), DAY, True
        if rel == "tomorrow":
            return published + dt.timedelta(days=1), DAY, True
        return published, DAY, True
    if g["rd"]:
        return _from_reference(g["rd"].lower(), reference)
    if g["ago_u"]:
        return _ago(g["ago_n"], g["ago_u"], bool(g["ago_half"]), published)
    if g["lat_u"]:
        if reference is None:
            return None
        sign = -1 if g["lat_dir"].lower() in ("earlier", "before") else 1
        if g["lat_dir"].lower() in ("after", "before") and _COMMA_BEFORE_RE.search(
            text, max(0, m.start() - 3), m.start()
        ):
            sign = -sign
        return _shift(g["lat_n"], g["lat_u"], bool(g["lat_half"]), reference, sign)
    if g["few_u"]:
        if reference is None:
            return None
        sign = -1 if g["few_dir"].lower() == "earlier" else 1
        date, precision, _ = _shift(None, g["few_u"], False, reference, sign)
        return date, (MONTH if precision == DAY else precision), True
    if g["tl_m"]:
        month = _month(g["tl_m"])
        year = published.year if month <= published.month else published.year - 1
        return dt.date(year, month, 1), MONTH, True
    if g["per_u"]:
        return _period(g["per_pre"].lower(), g["per_u"].lower(), published, reference)
    if g["now"]:
        return published, DAY, False
    return None


def _month(word: str) -> int:
    return en.MONTH_BY_PREFIX[word[:3].lower()]


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _next_month_day(month: int, day: int, published: dt.date) -> dt.date:
    candidate = _safe_date(published.year, month, day)
    return candidate if candidate >= published else _safe_date(published.year + 1, month, day)


def _most_recent_month_day(month: int, day: int, published: dt.date) -> dt.date:
    candidate = _safe_date(published.year, month, day)
    return candidate if candidate <= published else _safe_date(published.year - 1, month, day)


def _weekday(name: str, pre: str, published: dt.date) -> dt.date:
    target = en.WEEKDAYS.index(name.capitalize())
    back = (published.weekday() - target) % 7
    if pre == "next":
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    if pre == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _count(word: str | None) -> int:
    if not word:
        return 3  # "weeks ago": a few
    word = word.lower()
    return int(word) if word.isdigit() else en.NUMBER_WORDS.get(word, 3)


def _add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    return _safe_date(index // 12, index % 12 + 1, date.day)


def _ago(n: str | None, unit: str, half: bool, published: dt.date) -> tuple[dt.date, str, bool]:
    date, precision, _ = _shift(n, unit, half, published, -1)
    # "days ago" without a number is only roughly placed.
    if n is None and precision == DAY:
        precision = MONTH
    return date, precision, True


def _shift(
    n: str | None, unit: str, half: bool, origin: dt.date, sign: int
) -> tuple[dt.date, str, bool]:
    count = _count(n)
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return origin + dt.timedelta(days=sign * count), DAY, True
    if unit == "week":
        precise = n and n.lower() in en.PRECISE_WEEK_COUNTS or (n or "").isdigit()
        precision = DAY if precise else MONTH
        return origin + dt.timedelta(weeks=sign * count), precision, True
    months = count * (12 if unit == "year" else 1) + (6 if half and unit == "year" else 0)
    precision = YEAR if unit == "year" and not half else MONTH
    return _add_months(origin, sign * months), precision, True


def _period(
    pre: str, unit: str, published: dt.date, reference: dt.date | None
) -> tuple[dt.date, str, bool] | None:
    if pre in ("the following", "that", "the same"):
        if reference is None:
            return None
        following = pre == "the following"
        origin = reference + (
            dt.timedelta(weeks=1) if unit == "week" and following else dt.timedelta()
        )
        if unit == "year" and following:
            origin = _add_months(reference, 12)
        if unit == "month" and following:
            origin = _add_months(reference, 1)
        return origin, (YEAR if unit == "year" else MONTH), True
    step = {"last": -1, "previous": -1, "late last": -1, "early last": -1, "earlier last": -1}
    direction = 1 if pre == "next" else step.get(pre, 0)
    if unit in ("week", "weekend"):
        if unit == "weekend" and direction <= 0:
            saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
            return saturday - dt.timedelta(weeks=1 if direction else 0), DAY, True
        return published + dt.timedelta(weeks=direction), MONTH, True
    if unit == "month":
        return _add_months(published.replace(day=1), direction), MONTH, True
    return dt.date(published.year + direction, 1, 1), YEAR, True


def _from_reference(phrase: str, reference: dt.date | None) -> tuple[dt.date, str, bool] | None:
    if reference is None:
        return None
    if "next" in phrase or "following" in phrase:
        return reference + dt.timedelta(days=1), DAY, True
    if "before" in phrase or "previous" in phrase:
        return reference - dt.timedelta(days=1), DAY, True
    return reference, DAY, True
