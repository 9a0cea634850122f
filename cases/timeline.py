"""How a case's record is read: the timeline's filters, its month groups with the detention
clock's milestones and status changes among the entries, and the geometry of the SVG overview
and the dashboard's activity strip. Everything here is plain Python over rows already fetched,
so each page runs a fixed number of queries however long the timeline."""

import dataclasses
import datetime
import itertools
from collections.abc import Callable, Iterable, Sequence

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.utils.http import urlencode

from .dates import in_bounds, latest_date, shifted
from .models import (
    Case,
    DatePrecision,
    EntryKind,
    Party,
    Proposal,
    ProposalStatus,
    TimelineEntry,
)
from .search import match_entries
from .templatetags.dates import format_at_precision

PAGE_SIZE = 50

# Proposal statuses after which nothing more is expected: the bar in the overview ends there.
FINAL_PROPOSAL_STATUSES = (
    ProposalStatus.REJECTED,
    ProposalStatus.ACCEPTED,
    ProposalStatus.CARRIED_OUT,
)
CLOSED_PROPOSAL_STATUSES = (ProposalStatus.REJECTED, ProposalStatus.CARRIED_OUT)


# ---------------------------------------------------------------------------------------------
# The entries a page shows, with everything the entry template reads fetched up front.


def entries_with_sources(user) -> QuerySet[TimelineEntry]:
    """The entries `user` may see, with speaker, proposal, parties, cases and sources
    (citations, their articles and outlets, and the articles' duplicates) prefetched: a fixed
    number of queries for any number of entries."""
    citation_model = TimelineEntry.citations.rel.related_model
    article_model = citation_model.article.field.related_model
    citations = citation_model.objects.select_related("article__outlet").prefetch_related(
        Prefetch(
            "article__duplicates",
            queryset=article_model.objects.select_related("outlet").order_by("pk"),
        )
    )
    return (
        TimelineEntry.objects.visible_to(user)
        .select_related("speaker", "proposal")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.order_by("name")),
            Prefetch("cases", queryset=Case.objects.order_by("name")),
            Prefetch("citations", queryset=citations.order_by("article__published_on", "pk")),
        )
    )


def report_count(entry: TimelineEntry) -> int:
    """How many articles report the entry: the cited articles and their near-duplicates."""
    articles = set()
    for citation in entry.citations.all():
        articles.add(citation.article_id)
        articles.update(duplicate.pk for duplicate in citation.article.duplicates.all())
    return len(articles)


# ---------------------------------------------------------------------------------------------
# Filters, read from the query string so a filtered timeline has its own URL.


class TimelineFilter(forms.Form):
    q = forms.CharField(required=False, label="Words", max_length=200)
    kind = forms.ChoiceField(
        required=False, choices=[("", "Any kind"), *EntryKind.choices], label="Kind"
    )
    party = forms.ModelChoiceField(
        required=False,
        queryset=Party.objects.none(),
        to_field_name="slug",
        empty_label="Any party",
        label="Party",
    )
    proposal = forms.ModelChoiceField(
        required=False,
        queryset=Proposal.objects.none(),
        to_field_name="slug",
        empty_label="Any proposal",
        label="Proposal",
    )
    start = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    order = forms.ChoiceField(
        required=False,
        choices=[("newest", "Newest first"), ("oldest", "Oldest first")],
        label="Order",
    )

    def __init__(self, data, *, case: Case | None = None, user=None):
        """On a case, the party and proposal choices are those of the case's entries `user` may
        see (without a user, the unrestricted ones): a party named only in a restricted entry
        is not offered to an analyst."""
        super().__init__(data)
        parties = Party.objects.all()
        proposals = Proposal.objects.all()
        if case is not None:
            visible = (
                TimelineEntry.objects.visible_to(user)
                if user is not None
                else TimelineEntry.objects.filter(restricted=False)
            )
            entries = visible.filter(cases=case)
            parties = parties.filter(
                Q(entries__in=entries) | Q(statements__in=entries) | Q(pk=case.detainee_id)
            ).distinct()
            proposals = proposals.filter(Q(cases=case) | Q(entries__in=entries)).distinct()
        self.fields["party"].queryset = parties
        self.fields["proposal"].queryset = proposals

    @property
    def values(self) -> dict:
        """The cleaned filters, or no filters at all when the query string is invalid."""
        if not self.is_valid():
            return {}
        return self.cleaned_data

    @property
    def newest_first(self) -> bool:
        return self.values.get("order") != "oldest"

    @property
    def is_filtered(self) -> bool:
        values = self.values
        return any(values.get(name) for name in ("q", "kind", "party", "proposal", "start", "end"))

    def apply(self, entries: QuerySet[TimelineEntry]) -> QuerySet[TimelineEntry]:
        values = self.values
        if values.get("kind"):
            entries = entries.filter(kind=values["kind"])
        if values.get("party"):
            party = values["party"]
            entries = entries.filter(
                pk__in=TimelineEntry.objects.filter(Q(parties=party) | Q(speaker=party)).values(
                    "pk"
                )
            )
        if values.get("proposal"):
            entries = entries.filter(proposal=values["proposal"])
        if values.get("start"):
            entries = entries.filter(occurred_on__gte=values["start"])
        if values.get("end"):
            entries = entries.filter(occurred_on__lte=values["end"])
        if values.get("q"):
            entries = match_entries(entries, values["q"])
        if self.newest_first:
            return entries.order_by("-occurred_on", "-pk")
        return entries.order_by("occurred_on", "pk")

    def query_string(self, **changes) -> str:
        """The filters as a query string (for export links and pages), with `changes` applied."""
        params = {}
        for name in ("q", "kind", "party", "proposal", "start", "end", "order"):
            value = self.data.get(name, "") if self.is_bound else ""
            if value:
                params[name] = value
        for name, value in changes.items():
            if value in (None, ""):
                params.pop(name, None)
            else:
                params[name] = value
        return urlencode(params)


# ---------------------------------------------------------------------------------------------
# Markers: the detention clock's milestones and the case's status changes.


@dataclasses.dataclass(frozen=True)
class Marker:
    on: datetime.date
    kind: str  # "milestone" or "status"
    label: str
    note: str = ""
    precision: str = DatePrecision.DAY
    status: str = ""
    is_marker: bool = True

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.on:%Y%m%d}-{self.status or 'clock'}"


def _anniversary(start: datetime.date, years: int) -> datetime.date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a year without one
        return start.replace(year=start.year + years, day=28)


def detention_milestones(
    detained_on: datetime.date | None, end: datetime.date | None
) -> list[Marker]:
    """100 days, one year, 500 days, two years, 1,000 days, …, up to `end` (release or today).

    Counted only from a detention date within the record's bounds, and no further than the
    latest date the record accepts: a mistyped 0001-01-01 or 9999-12-31 that reached the database
    gets no milestones rather than thousands of them (or an overflow)."""
    if detained_on is None or end is None or not in_bounds(detained_on):
        return []
    end = min(end, latest_date())
    found: dict[datetime.date, str] = {}
    found[detained_on + datetime.timedelta(days=100)] = "100 days detained"
    days = 500
    while detained_on + datetime.timedelta(days=days) <= end:
        found[detained_on + datetime.timedelta(days=days)] = f"{days:,} days detained"
        days += 500
    years = 1
    while _anniversary(detained_on, years) <= end:
        label = "One year detained" if years == 1 else f"{years} years detained"
        found.setdefault(_anniversary(detained_on, years), label)
        years += 1
    return [
        Marker(on=on, kind="milestone", label=label) for on, label in found.items() if on <= end
    ]


def case_markers(case: Case, today: datetime.date) -> list[Marker]:
    """The status changes (prefetched) and the milestones of the case's detention clock."""
    markers = [
        Marker(
            on=change.on,
            kind="status",
            label=change.get_status_display(),
            note=change.note,
            precision=change.precision,
            status=change.status,
        )
        for change in case._changes()
    ]
    markers += detention_milestones(case.detained_on, case.released_on or today)
    return markers


# ---------------------------------------------------------------------------------------------
# Month groups: the timeline read as a list of months, each with its entries and markers.


@dataclasses.dataclass
class MonthGroup:
    key: tuple[int, int]
    label: str
    items: list
    continued: bool = False

    @property
    def anchor(self) -> str:
        return f"month-{self.key[0]}-{self.key[1]:02d}"


def _month_key(on: datetime.date, precision: str) -> tuple[int, int]:
    # An entry known only to the year has a group of its own (month 0), not January's.
    return (on.year, 0) if precision == DatePrecision.YEAR else (on.year, on.month)


def _month_label(key: tuple[int, int]) -> str:
    year, month = key
    if month == 0:
        return f"{year} (month unknown)"
    return datetime.date(year, month, 1).strftime("%B %Y")


def group_by_month(items: Iterable) -> list[MonthGroup]:
    """Consecutive items of the same month in one group; items are already in display order and
    each has `occurred_on` (entries) or `on` (markers), and a `precision`."""

    def key(item):
        on = item.on if getattr(item, "is_marker", False) else item.occurred_on
        return _month_key(on, item.precision)

    return [
        MonthGroup(key=month, label=_month_label(month), items=list(group))
        for month, group in itertools.groupby(items, key=key)
    ]


@dataclasses.dataclass
class TimelinePage:
    number: int
    groups: list[MonthGroup]
    has_next: bool
    entry_count: int
    first_index: int
    last_index: int


def paginate(
    entries_in_order: Sequence,
    page_entries: Sequence[TimelineEntry],
    markers: Sequence[Marker],
    number: int,
    *,
    newest_first: bool,
    page_size: int = PAGE_SIZE,
) -> TimelinePage:
    """One page of the timeline: its entries with the markers that fall between them.

    `entries_in_order` is the whole filtered timeline (light rows with pk and occurred_on), so the
    page knows where its neighbours end; `page_entries` are the full rows for this page only.
    A marker belongs to the page whose entries surround it; the first page also takes those
    beyond its newest entry and the last page those beyond its oldest."""
    total = len(entries_in_order)
    start = (number - 1) * page_size
    end = min(start + page_size, total)
    previous_last = entries_in_order[start - 1].occurred_on if start > 0 else None
    this_last = entries_in_order[end - 1].occurred_on if end < total and end > start else None

    def on_this_page(marker: Marker) -> bool:
        if newest_first:
            if previous_last is not None and marker.on >= previous_last:
                return False
            return this_last is None or marker.on >= this_last
        if previous_last is not None and marker.on <= previous_last:
            return False
        return this_last is None or marker.on <= this_last

    page_markers = [marker for marker in markers if on_this_page(marker)]
    if number > 1 and start >= total:
        page_markers = []

    def sort_key(item):
        on = item.on if getattr(item, "is_marker", False) else item.occurred_on
        # On the same day a status change or milestone reads before the day's entries.
        return (on, 0 if getattr(item, "is_marker", False) else 1, getattr(item, "pk", 0))

    items = sorted([*page_entries, *page_markers], key=sort_key, reverse=newest_first)
    groups = group_by_month(items)
    if groups and previous_last is not None:
        before = entries_in_order[start - 1]
        if _month_key(before.occurred_on, before.precision) == groups[0].key:
            groups[0].continued = True
    return TimelinePage(
        number=number,
        groups=groups,
        has_next=end < total,
        entry_count=total,
        first_index=start + 1,
        last_index=end,
    )


# ---------------------------------------------------------------------------------------------
# The overview: the case's whole span drawn as SVG, a mark per entry, proposals as bars.

KIND_ORDER = [kind for kind, _ in EntryKind.choices]


@dataclasses.dataclass
class Mark:
    x: float
    y: float
    kind: str
    kind_label: str
    label: str
    href: str


@dataclasses.dataclass
class Bar:
    x: float
    width: float
    y: float
    text_x: float
    text_anchor: str
    label: str
    title: str
    status: str
    href: str

    @property
    def text_y(self) -> float:
        return self.y - 3


@dataclasses.dataclass
class Tick:
    x: float
    label: str

    @property
    def label_x(self) -> float:
        return round(self.x + 3, 1)


@dataclasses.dataclass
class Overview:
    width: int
    height: int
    start: datetime.date
    end: datetime.date
    axis_y: float
    marks_bottom: float
    ticks: list[Tick]
    marks: list[Mark]
    bars: list[Bar]
    statuses: list[Mark]
    detention: tuple[float, float] | None  # x and width of the detention period's band
    description: str

    @property
    def band_height(self) -> float:
        return self.marks_bottom - self.axis_y

    @property
    def tick_top(self) -> float:
        return self.axis_y - 4


OVERVIEW_WIDTH = 1000
_LEFT, _RIGHT = 12, 12
_LANES = 5
_LANE_HEIGHT = 11
_MARK_GAP = 7


def _proposal_span(
    proposal: Proposal, first_reported: dict[int, datetime.date], default_end: datetime.date
) -> tuple[datetime.date, datetime.date, str]:
    changes = sorted(proposal.status_changes.all(), key=lambda change: (change.on, change.pk))
    starts = [changes[0].on] if changes else []
    if proposal.pk in first_reported:
        starts.append(first_reported[proposal.pk])
    start = min(starts) if starts else default_end
    current = changes[-1] if changes else None
    if current is not None and current.status in FINAL_PROPOSAL_STATUSES:
        return start, max(current.on, start), current.get_status_display()
    return start, max(default_end, start), current.get_status_display() if current else ""


def build_overview(
    *,
    case: Case,
    points: Sequence,
    proposals: Sequence[Proposal],
    today: datetime.date,
    href_for: Callable[[int], str],
) -> Overview | None:
    """`points` are light rows (pk, occurred_on, precision, kind, summary, proposal_id, reported_on)
    of the filtered timeline; `proposals` have their status changes prefetched."""
    detained_on, released_on = case.detained_on, case.released_on
    clock_end = released_on or today
    first_reported: dict[int, datetime.date] = {}
    for point in points:
        if point.proposal_id:
            earlier = first_reported.get(point.proposal_id)
            if earlier is None or point.reported_on < earlier:
                first_reported[point.proposal_id] = point.reported_on
    dates = [point.occurred_on for point in points]
    if detained_on:
        dates += [detained_on, clock_end]
    spans = [(p, *_proposal_span(p, first_reported, clock_end)) for p in proposals]
    for _, bar_start, bar_end, _ in spans:
        dates += [bar_start, bar_end]
    if not dates:
        return None
    first, last = min(dates), max(dates)
    padding = max(datetime.timedelta(days=7), (last - first) / 40)
    start, end = shifted(first, -padding), shifted(last, padding)
    total_days = (end - start).days or 1
    inner = OVERVIEW_WIDTH - _LEFT - _RIGHT

    def x_of(on: datetime.date) -> float:
        return round(_LEFT + (on - start).days / total_days * inner, 1)

    axis_y = 22
    lanes_last: list[float] = []
    marks = []
    for point in sorted(points, key=lambda point: (point.occurred_on, point.pk)):
        x = x_of(point.occurred_on)
        lane = next(
            (i for i, last in enumerate(lanes_last) if x - last >= _MARK_GAP),
            None,
        )
        if lane is None:
            if len(lanes_last) < _LANES:
                lanes_last.append(x)
                lane = len(lanes_last) - 1
            else:
                lane = min(range(_LANES), key=lambda i: lanes_last[i])
        lanes_last[lane] = x
        kind_label = EntryKind(point.kind).label
        date = format_at_precision(point.occurred_on, point.precision)
        summary = point.summary if len(point.summary) <= 120 else point.summary[:119] + "…"
        marks.append(
            Mark(
                x=x,
                y=axis_y + 12 + lane * _LANE_HEIGHT,
                kind=point.kind,
                kind_label=kind_label,
                label=f"{date}, {kind_label}: {summary}",
                href=href_for(point.pk),
            )
        )
    marks_bottom = axis_y + 12 + max(len(lanes_last), 1) * _LANE_HEIGHT

    statuses = [
        Mark(
            x=x_of(change.on),
            y=marks_bottom + 4,
            kind=change.status,
            kind_label=change.get_status_display(),
            label=f"{format_at_precision(change.on, change.precision)}: "
            f"{change.get_status_display()}" + (f" ({change.note})" if change.note else ""),
            href=f"#status-{change.on:%Y%m%d}-{change.status}",
        )
        for change in case._changes()
        if start <= change.on <= end
    ]

    bars = []
    y = marks_bottom + 20
    for proposal, bar_start, bar_end, status in spans:
        x1, x2 = x_of(bar_start), x_of(bar_end)
        title = proposal.title if len(proposal.title) <= 70 else proposal.title[:69] + "…"
        right_half = x1 > OVERVIEW_WIDTH * 0.55
        span_text = (
            f"{format_at_precision(bar_start, DatePrecision.DAY)} to "
            f"{format_at_precision(bar_end, DatePrecision.DAY)}"
        )
        bars.append(
            Bar(
                x=x1,
                width=round(max(x2 - x1, 3), 1),
                y=y + 13,
                text_x=max(x2, x1 + 3) if right_half else x1,
                text_anchor="end" if right_half else "start",
                label=f"{title} ({status})" if status else title,
                title=f"{proposal.title}: {status or 'no status'}, {span_text}",
                status=status,
                href=proposal.get_absolute_url(),
            )
        )
        y += 26

    ticks = _ticks(start, end, x_of)
    detention = None
    if detained_on:
        detention = (x_of(detained_on), round(x_of(clock_end) - x_of(detained_on), 1))
    count = len(points)
    described = (
        f"{count} {'entry' if count == 1 else 'entries'} between "
        f"{format_at_precision(first)} and {format_at_precision(last)}"
    )
    return Overview(
        width=OVERVIEW_WIDTH,
        height=int(y + 6),
        start=start,
        end=end,
        axis_y=axis_y,
        marks_bottom=marks_bottom,
        ticks=ticks,
        marks=marks,
        bars=bars,
        statuses=statuses,
        detention=detention,
        description=described,
    )


# Year ticks are every 1, 2, 5, … years, the first of these that gives at most this many.
MAX_YEAR_TICKS = 25
YEAR_TICK_STEPS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500)


def _ticks(start: datetime.date, end: datetime.date, x_of) -> list[Tick]:
    """Yearly ticks for spans over two years, otherwise monthly (January labelled with its year)."""
    ticks = []
    if (end - start).days > 730:
        years = end.year - start.year
        step = next((n for n in YEAR_TICK_STEPS if years / n <= MAX_YEAR_TICKS), 5000)
        for year in range(start.year + 1, end.year + 1):
            if year % step == 0:
                ticks.append(Tick(x=x_of(datetime.date(year, 1, 1)), label=str(year)))
        return ticks
    year, month = start.year, start.month
    every = 1 if (end - start).days <= 400 else 2
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        if year > datetime.MAXYEAR:
            break
        on = datetime.date(year, month, 1)
        if on > end:
            break
        if (month - 1) % every:
            continue
        label = on.strftime("%b %Y") if month == 1 or not ticks else on.strftime("%b")
        ticks.append(Tick(x=x_of(on), label=label))
    return ticks


# ---------------------------------------------------------------------------------------------
# The dashboard's activity strip: entries per month over the case's span.


@dataclasses.dataclass
class StripBar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclasses.dataclass
class ActivityStrip:
    width: int
    height: int
    bars: list[StripBar]
    description: str


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, on = [], start.replace(day=1)
    while on <= end:
        months.append(on)
        if on.year == datetime.MAXYEAR and on.month == 12:
            break
        on = (on + datetime.timedelta(days=32)).replace(day=1)
    return months


def activity_strip(
    counts: dict[datetime.date, int],
    start: datetime.date | None,
    end: datetime.date,
    width: int = 240,
    height: int = 32,
) -> ActivityStrip | None:
    """`counts` maps the first day of a month to the entries in it."""
    if counts:
        start = min([*counts, *([start] if start else [])])
        end = max([*counts, end])
    if start is None:
        return None
    months = _months(start, end)
    peak = max(counts.values(), default=0)
    step = width / len(months)
    bars = []
    for index, month in enumerate(months):
        count = counts.get(month, 0)
        if not count:
            continue
        bar_height = max(2.0, round(count / peak * (height - 2), 1))
        bars.append(
            StripBar(
                x=round(index * step, 2),
                y=round(height - bar_height, 1),
                width=round(max(step - 0.6, 0.8), 2),
                height=bar_height,
                label=f"{month:%b %Y}: {count} {'entry' if count == 1 else 'entries'}",
            )
        )
    total = sum(counts.values())
    if total:
        busiest = max(counts, key=lambda month: (counts[month], month))
        description = (
            f"{total} {'entry' if total == 1 else 'entries'} from {months[0]:%b %Y} to "
            f"{months[-1]:%b %Y}; busiest month {busiest:%b %Y} with {counts[busiest]}"
        )
    else:
        description = f"No entries from {months[0]:%b %Y} to {months[-1]:%b %Y}"
    return ActivityStrip(width=width, height=height, bars=bars, description=description)


def open_proposal(proposals: Iterable[Proposal]) -> Proposal | None:
    """The proposal still in play (newest first); failing that the most recent one."""
    dated = []
    for proposal in proposals:
        current = proposal.current_status
        dated.append((current.on if current else datetime.date.min, proposal.pk, proposal))
    dated.sort(reverse=True)
    for _, _, proposal in dated:
        current = proposal.current_status
        if current is None or current.status not in CLOSED_PROPOSAL_STATUSES:
            return proposal
    return dated[0][2] if dated else None
