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

The patterns are rules of the language pack (lang/en_rules.py), each naming a resolver below and
the words it gives meaning to ("last" is a year back); this module names no word of any language.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .lang import en
from .lang.en_rules import DATE_RULES
from .rules import DATE, Rule, active
from .scanning import Scanner

DAY, MONTH, YEAR = "day", "month", "year"
WEEK, WEEKEND = "week", "weekend"  # units of time besides the precisions

# The dates a candidate may carry: the record's bounds (cases/dates.py), counted from the
# article's publication date since the engine knows no other "today".
EARLIEST_DATE = dt.date(1900, 1, 1)
FUTURE_ALLOWANCE = dt.timedelta(days=366)


def latest_date(published: dt.date) -> dt.date:
    try:
        return published + FUTURE_ALLOWANCE
    except OverflowError:
        return dt.date.max


# A match's fields: its rule's groups without their prefix ("md_month" -> "month").
Fields = dict[str, str | None]
Resolved = tuple[dt.date, str, bool]  # date, precision, explicit


@dataclass(frozen=True, slots=True)
class _Compiled:
    scanner: Scanner
    rules: list[Rule]
    groups: list[list[tuple[str, str]]]  # per rule: (group name, field)


def _compile(rules: list[Rule]) -> _Compiled:
    # Each rule is one alternative, named by its index so a match tells which rule made it.
    scanner = Scanner([f"(?P<d{i}>{rule.pattern})" for i, rule in enumerate(rules)])
    groups = [
        [(name, name.split("_", 1)[1]) for name in re.compile(rule.pattern).groupindex]
        for rule in rules
    ]
    return _Compiled(scanner, rules, groups)


def _active() -> _Compiled:
    return active(DATE, DATE_RULES, _compile)


@dataclass(frozen=True, slots=True)
class _Match:
    """A rule's match: where, the rule, and its fields."""

    m: re.Match[str]
    rule: Rule
    fields: Fields

    @property
    def params(self) -> Mapping:
        return self.rule.produces

    def lower(self, field: str) -> str:
        return (self.fields.get(field) or "").lower()


_SENTENCE_END_RE = re.compile(r"[.!?][\"”’]?\s+[A-Z“\"]|\n")
# ", a day after Russia freed her": the clause that follows happened that long before.
_COMMA_BEFORE_RE = re.compile(r",\s*$")
_DURATION_BEFORE_RE = re.compile(en.DURATION_BEFORE)
_MONTH_PAIR_AFTER_RE = re.compile(en.MONTH_PAIR_AFTER)
_ATTRIBUTIVE_BEFORE_RE = re.compile(en.ATTRIBUTIVE_DATE_BEFORE)
_ATTRIBUTIVE_AFTER_RE = re.compile(en.ATTRIBUTIVE_DATE_AFTER)


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
    # The one kind of development this date can date ("held for two years": the detention), or ""
    binds: str = ""
    # What it was counted from: "calendar" (it names its year), "publication" ("on Monday",
    # "last month", "two years ago"), "narrative" (the last date told: "the next day", "that
    # month"), or "sentence" (the sentence's own later date: "three days after ..., on May 2").
    anchor: str = "calendar"
    # "The arrest came a week after Canada accused ...", "since her August conviction": the date
    # is the clause's or the noun's after it, not an event's before it.
    dates_what_follows: bool = False


def _matches(text: str) -> list[_Match]:
    compiled = _active()
    found = []
    for m in compiled.scanner.finditer(text):
        index = int(m.lastgroup[1:])  # type: ignore[index]
        fields = {field: m.group(name) for name, field in compiled.groups[index]}
        found.append(_Match(m, compiled.rules[index], fields))
    return found


def find_dates(text: str, published: dt.date) -> list[DateMention]:
    """Every date expression in text, resolved; relative ones count from the last date before."""
    found: list[DateMention] = []
    reference: dt.date | None = None
    reference_end = -1  # where the date told was written
    precise = DAY  # the precision of the reference
    leading: list[tuple[int, _Match]] = []  # "Three days after X, Y on Monday"
    following: list[tuple[int, _Match]] = []  # "five days after the coup on February 1, 2021"
    placeholders: set[int] = set()
    for match in _matches(text):
        m, name = match.m, match.rule.name
        if _is_duration(text, match):
            continue
        if match.params["resolver"] == "as_told":
            if reference is not None:  # "at the time": the moment just told, as precisely
                found.append(
                    DateMention(
                        m.start(),
                        m.end(),
                        m.group(),
                        reference,
                        precise,
                        True,
                        rule=name,
                        anchor=NARRATIVE,
                    )
                )
            continue
        resolved = _resolve_within_bounds(match, published, reference, text)
        # "The verdict, handed down five years after she was detained": counted forward from
        # the date just told (in this sentence or the one before) it would lie ahead of the
        # story, so the date told is the later event's and the clause after "after" happened
        # that long before it. Nothing counts from the date so found.
        counted_back = (
            reference_end >= 0
            and len(_SENTENCE_END_RE.findall(text, reference_end, m.start())) <= 1
            and _after_an_earlier_event(match, published, reference)
        )
        if counted_back and reference is not None:
            f = match.fields
            resolved = _shift(f["count"], f["unit"] or "", bool(f["half"]), reference, -1)
        anchor = _anchor(match, published, reference, text, resolved)
        leads = _leads_sentence(text, match)
        names = not leads and _names_its_event(text, match)
        if resolved is None and (leads or names):
            placeholders.add(len(found))  # to be counted from the sentence's own date
            resolved = (published, DAY, False)
        if resolved is None:
            continue
        date, precision, explicit = resolved
        future = date > published
        if leads:
            leading.append((len(found), match))
        elif names:
            following.append((len(found), match))
        binds = match.params.get("binds", "")
        found.append(
            DateMention(
                m.start(),
                m.end(),
                m.group(),
                date,
                precision,
                explicit,
                future,
                name,
                binds,
                anchor,
                bool(match.params.get("dates_what_follows"))
                or _came_after(text, match)
                or counted_back
                or _modifies_a_noun(text, match),
            )
        )
        # A date counted back from a duration is only roughly placed: nothing counts from it.
        if explicit and not future and not binds and not counted_back:
            reference, precise, reference_end = date, precision, m.end()
    for index, match in leading:
        _count_back(text, found, index, match)
    for index, match in following:
        _count_from_the_named_date(text, found, index, match, published)
    return [d for i, d in enumerate(found) if i not in placeholders or d.explicit]


CALENDAR, PUBLICATION, NARRATIVE, SENTENCE = "calendar", "publication", "narrative", "sentence"
LEAD = "lead"  # an undated quote in wire copy: the news day its lead gives (pipeline.py)


def _anchor(
    match: _Match,
    published: dt.date,
    reference: dt.date | None,
    text: str,
    resolved: Resolved | None,
) -> str:
    """What the date was counted from. A date that comes out differently without the last date
    told was counted from it; one that comes out differently for another publication date
    was counted from the publication; one that does neither names its own place in time."""
    if resolved is None:
        return PUBLICATION
    if reference is not None and (_resolve_within_bounds(match, published, None, text) != resolved):
        return NARRATIVE
    # A day and a year away: every expression counted from publication moves with it.
    other = published - dt.timedelta(days=367)
    if _resolve_within_bounds(match, other, reference, text) != resolved:
        return PUBLICATION
    return CALENDAR


def _resolve_within_bounds(
    match: _Match, published: dt.date, reference: dt.date | None, text: str
) -> Resolved | None:
    """The expression's date, or None when there is no such date ("2022-13-45", "Feb. 30 last
    year" published in year 1) or it lies outside the bounds ("99999 years ago")."""
    try:
        resolved = _RESOLVERS[match.params["resolver"]](match, published, reference, text)
    except (OverflowError, ValueError):
        return None
    if resolved is None or not EARLIEST_DATE <= resolved[0] <= latest_date(published):
        return None
    return resolved


def _leads_sentence(text: str, match: _Match) -> bool:
    """ "Three days after a court sentenced him, ...": an interval opening the sentence, counted
    from an event the sentence itself dates later on."""
    if match.lower("dir") not in match.params.get("clause_openers", ()):
        return False
    m = match.m
    before = text[max(0, m.start() - 3) : m.start()].rstrip(' “"')
    return not before or before[-1] in ".!?\n:"


def _count_back(text: str, found: list[DateMention], index: int, match: _Match) -> None:
    mention = found[index]
    for later in found[index + 1 :]:
        if _SENTENCE_END_RE.search(text, mention.end, later.start):
            return
        if not later.explicit or later.future or later.text == later.text.lower():
            continue  # the main clause's own date: a calendar date or a weekday
        counted = _counted_from(mention, match, later, -1)
        if counted is not None:
            found[index] = counted
        return


def _counted_from(
    mention: DateMention,
    match: _Match,
    start: DateMention,
    sign: int,
    published: dt.date | None = None,
) -> DateMention | None:
    """The interval of `match` counted from the date `start` (back when `sign` is -1), at the
    coarser of the two precisions; None when there is no such date ("99999 years before")."""
    f = match.fields
    sign *= match.params["directions"][match.lower("dir")]
    try:
        date, precision, _ = _shift(f["count"], f["unit"], bool(f["half"]), start.date, sign)
    except (OverflowError, ValueError):
        return None
    if start.precision != DAY:
        precision = start.precision
    future = published is not None and date > published
    return DateMention(
        mention.start,
        mention.end,
        mention.text,
        date,
        precision,
        True,
        future,
        mention.rule,
        anchor=SENTENCE,
    )


# "five days after the coup on February 1, 2021": the event the interval counts from, and its
# own date, in one phrase (no clause break between them).
_NAMED_EVENT_GAP = 50
_CLAUSE_BREAK_RE = re.compile(r"[,;:()—–]")


def _names_its_event(text: str, match: _Match) -> bool:
    """An interval inside its sentence whose event ("after the coup") may carry its own date."""
    if match.params.get("resolver") != "interval":
        return False
    if match.lower("dir") not in match.params.get("clause_openers", ()):
        return False
    m = match.m
    return not _COMMA_BEFORE_RE.search(text, max(0, m.start() - 3), m.start()) and not (
        _came_after(text, match)
    )


def _count_from_the_named_date(
    text: str, found: list[DateMention], index: int, match: _Match, published: dt.date
) -> None:
    mention = found[index]
    later = next((d for d in found[index + 1 :]), None)
    if later is None or later.start - mention.end > _NAMED_EVENT_GAP:
        return
    between = text[mention.end : later.start]
    if _SENTENCE_END_RE.search(between) or _CLAUSE_BREAK_RE.search(between):
        return
    if not later.explicit or later.future or later.binds or later.anchor != CALENDAR:
        return  # the event's own calendar date, not "on Monday" or a duration
    counted = _counted_from(mention, match, later, 1, published)
    if counted is not None:
        found[index] = counted


def _came_after(text: str, match: _Match) -> bool:
    """ "His sentencing came a month after a court sentenced X": the event just told is the
    subject, and the clause after the interval happened that long before it."""
    came = match.params.get("came_before")
    if not came or match.lower("dir") not in match.params.get("clause_openers", ()):
        return False
    m = match.m
    return re.search(came, text[max(0, m.start() - 40) : m.start()]) is not None


def _modifies_a_noun(text: str, match: _Match) -> bool:
    """ "charged him over the January 27 shooting": the date is the shooting's."""
    m = match.m
    return bool(
        _ATTRIBUTIVE_BEFORE_RE.search(text, max(0, m.start() - 16), m.start())
        and _ATTRIBUTIVE_AFTER_RE.match(text, m.end())
    )


def _is_duration(text: str, match: _Match) -> bool:
    if match.lower("pre") in match.params.get("duration_openers", ()):
        m = match.m
        return _DURATION_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()) is not None
    return False


# --- resolvers: one per kind of expression, named by the rules ------------------------------


def _iso(match: _Match, published: dt.date, reference: dt.date | None, text: str) -> Resolved:
    return dt.date.fromisoformat(match.fields["date"] or ""), DAY, True


def _month_day(
    match: _Match, published: dt.date, reference: dt.date | None, text: str
) -> Resolved | None:
    f = match.fields
    month = _month(f["month"] or "")
    day = int(f["day"] or 0)
    if not 1 <= day <= 31:
        return None
    if f["year"]:
        return _safe_date(int(f["year"]), month, day), DAY, True
    if f.get("rel"):  # "on Aug. 15 last year"
        back = match.params["years_back"][match.lower("rel")]
        return _safe_date(published.year - back, month, day), DAY, True
    if re.match(match.params["deadline"], match.m.group()):  # "until May 19": ahead
        return _next_month_day(month, day, published), DAY, True
    return _most_recent_month_day(month, day, published), DAY, True


def _month_year(match: _Match, published: dt.date, reference: dt.date | None, text: str):
    return (
        dt.date(int(match.fields["year"] or 0), _month(match.fields["month"] or ""), 1),
        MONTH,
        True,
    )


def _month_alone(
    match: _Match, published: dt.date, reference: dt.date | None, text: str
) -> Resolved | None:
    month = _month(match.fields["month"] or "")
    pre = match.lower("pre")
    params = match.params
    if pre in params["in_the_year_told"] or pre in params["after_the_month_told"]:
        if reference is None:
            return None
        later = month < reference.month or (
            pre in params["after_the_month_told"] and month == reference.month
        )
        return dt.date(reference.year + (1 if later else 0), month, 1), MONTH, True
    pair = _MONTH_PAIR_AFTER_RE.match(text, match.m.end())
    if pair and pair["month"] in en.MONTHS:  # "in April and May 2017": the pair's year
        second = _month(pair["month"])
        return dt.date(int(pair["year"]) - (1 if month > second else 0), month, 1), MONTH, True
    year = published.year if month <= published.month else published.year - 1
    if rel := match.lower("rel"):  # "in June last year"
        year = published.year - params["years_back"][rel]
    elif pre in params["ahead"]:
        year = published.year if month > published.month else published.year + 1
    elif pre in params["behind"] and month >= published.month:
        year = published.year - 1
    return dt.date(year, month, 1), MONTH, True


def _year(match: _Match, published: dt.date, reference: dt.date | None, text: str) -> Resolved:
    return dt.date(int(match.fields["year"] or 0), 1, 1), YEAR, True


def _weekday(match: _Match, published: dt.date, reference: dt.date | None, text: str) -> Resolved:
    target = en.WEEKDAYS.index((match.fields["day"] or "").capitalize())
    pre = match.lower("pre")
    back = (published.weekday() - target) % 7
    if pre in match.params["ahead"]:
        ahead = (target - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead), DAY, True
    if pre in match.params["a_week_back"] and back == 0:
        back = 7
    return published - dt.timedelta(days=back), DAY, True


def _relative_day(
    match: _Match, published: dt.date, reference: dt.date | None, text: str
) -> Resolved:
    days = match.params["days"].get(match.lower("phrase"), 0)
    return published + dt.timedelta(days=days), DAY, True


def _day_from_told(
    match: _Match, published: dt.date, reference: dt.date | None, text: str
) -> Resolved | None:
    if reference is None:
        return None
    days = match.params["days"].get(match.lower("phrase"), 0)
    return reference + dt.timedelta(days=days), DAY, True


def _ago(match: _Match, published: dt.date, reference: dt.date | None, text: str) -> Resolved:
    f = match.fields
    date, precision, _ = _shift(f["count"], f["unit"] or "", bool(f["half"]), published, -1)
    # "days ago" without a number is only roughly placed.
    if f["count"] is None and precision == DAY:
        precision = MONTH
    return date, precision, True


def _held_for(match: _Match, published: dt.date, reference: dt.date | None, text: str) -> Resolved:
    # "held for nearly two years": the detention began that long before the story, known only
    # as precisely as its unit ("nearly", "more than" blur the rest).
    f = match.fields
    half = bool(f["half"] or f["frac"])
    date, precision, _ = _shift(f["count"], f["unit"] or "", half, published, -1)
    unit = en.UNITS[(f["unit"] or "").lower()]
    if unit in en.YEARS_IN_UNIT:
        return date.replace(month=1, day=1), YEAR, True
    if unit == MONTH:
        return date.replace(day=1), MONTH, True
    return date, precision, True


def _anniversary(
    match: _Match, published: dt.date, reference: dt.date | None, text: str
) -> Resolved:
    # "marks the 14th anniversary of", "marks six years since": that long before, to the day.
    f = match.fields
    if f.get("nth"):
        nth = f["nth"].lower()
        years = en.ORDINALS.get(nth) or int(nth[:-2])
        return _add_months(published, -12 * years), DAY, True
    date, _, _ = _shift(f["count"], f["unit"] or "", False, published, -1)
    return date, DAY, True


def _interval(
    match: _Match, published: dt.date, reference: dt.date | None, text: str
) -> Resolved | None:
    if reference is None:
        return None
    direction = match.lower("dir")
    sign = match.params["directions"][direction]
    m = match.m
    # ", a day after Russia freed her", "came a month after a court sentenced him": the clause
    # after the interval happened that long before the event just told.
    if (
        direction in match.params["clause_openers"]
        and _COMMA_BEFORE_RE.search(text, max(0, m.start() - 3), m.start())
    ) or _came_after(text, match):
        sign = -sign
    f = match.fields
    return _shift(f["count"], f["unit"] or "", bool(f["half"]), reference, sign)


def _after_an_earlier_event(match: _Match, published: dt.date, reference: dt.date | None) -> bool:
    """ "X five years after Y": an interval that opens a clause ("after" a subject or an event)
    whose count forward from the date told would pass the story's own date, so it dates Y, that
    long before the date told."""
    if reference is None or match.params.get("resolver") != "interval":
        return False
    direction = match.lower("dir")
    if direction not in match.params.get("clause_openers", ()):
        return False
    if match.params["directions"][direction] < 0:
        return False
    hedged = match.params.get("hedged_before")
    m = match.m
    if hedged and re.search(hedged, m.string[max(0, m.start() - 20) : m.start()]):
        return False
    f = match.fields
    try:
        forward, _, _ = _shift(f["count"], f["unit"] or "", bool(f["half"]), reference, 1)
    except (OverflowError, ValueError):
        return False
    return forward > published


def _units_from_told(
    match: _Match, published: dt.date, reference: dt.date | None, text: str
) -> Resolved | None:
    if reference is None:
        return None
    sign = match.params["directions"][match.lower("dir")]
    date, precision, _ = _shift(None, match.fields["unit"] or "", False, reference, sign)
    return date, (MONTH if precision == DAY else precision), True


def _period(
    match: _Match, published: dt.date, reference: dt.date | None, text: str
) -> Resolved | None:
    pre, unit = match.lower("pre"), en.UNITS[match.lower("unit")]
    params = match.params
    if pre in params["of_the_date_told"]:
        if reference is None:
            return None
        following = pre in params["following"]
        origin = reference + (
            dt.timedelta(weeks=1) if unit == WEEK and following else dt.timedelta()
        )
        if unit == YEAR and following:
            origin = _add_months(reference, 12)
        if unit == MONTH and following:
            origin = _add_months(reference, 1)
        return origin, (YEAR if unit == YEAR else MONTH), True
    direction = params["steps"].get(pre, 0)
    if unit in (WEEK, WEEKEND):
        if unit == WEEKEND and direction <= 0:
            saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
            return saturday - dt.timedelta(weeks=1 if direction else 0), DAY, True
        return published + dt.timedelta(weeks=direction), MONTH, True
    if unit == MONTH:
        return _add_months(published.replace(day=1), direction), MONTH, True
    return dt.date(published.year + direction, 1, 1), YEAR, True


def _published(match: _Match, published: dt.date, reference: dt.date | None, text: str):
    return published, DAY, False


_RESOLVERS: dict[str, Callable[..., Resolved | None]] = {
    "iso": _iso,
    "anniversary": _anniversary,
    "held_for": _held_for,
    "month_day": _month_day,
    "month_year": _month_year,
    "month": _month_alone,
    "year": _year,
    "weekday": _weekday,
    "relative_day": _relative_day,
    "day_from_told": _day_from_told,
    "ago": _ago,
    "interval": _interval,
    "units_from_told": _units_from_told,
    "period": _period,
    "published": _published,
}


# --- calendar arithmetic --------------------------------------------------------------------


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


def _count(word: str | None) -> int:
    if not word:
        return 3  # "weeks ago": a few
    word = word.lower()
    return int(word) if word.isdigit() else en.NUMBER_WORDS.get(word, 3)


def _add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    return _safe_date(index // 12, index % 12 + 1, date.day)


def _shift(n: str | None, unit: str, half: bool, origin: dt.date, sign: int) -> Resolved:
    count = _count(n)
    unit = en.UNITS[unit.lower()]
    if unit == DAY:
        return origin + dt.timedelta(days=sign * count), DAY, True
    if unit == WEEK:
        precise = n and n.lower() in en.PRECISE_WEEK_COUNTS or (n or "").isdigit()
        precision = DAY if precise else MONTH
        return origin + dt.timedelta(weeks=sign * count), precision, True
    years = en.YEARS_IN_UNIT.get(unit, 0)
    months = count * (12 * years or 1) + (6 * years if half and years else 0)
    precision = YEAR if years and not half else MONTH
    return _add_months(origin, sign * months), precision, True
