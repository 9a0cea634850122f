"""How a case's record is read: the timeline's filters, its month groups with the detention
clock's milestones and status changes among the entries, and the geometry of the SVG overview
and the dashboard's activity strip. Everything here is plain Python over rows already fetched,
so each page runs a fixed number of queries however long the timeline."""

import dataclasses
import datetime
import itertools
import math
from collections.abc import Callable, Iterable, Sequence

from django import forms
from django.db.models import Count, Min, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import TruncMonth
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from .dates import in_bounds, latest_date, shifted
from .models import (
    Audience,
    Case,
    CaseSummary,
    DatePrecision,
    EntryKind,
    Party,
    Proposal,
    ProposalStatus,
    TimelineEntry,
)
from .search import match_entries
from .summary import audience_of
from .templatetags.dates import COUNT_LIMIT, format_at_precision

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


# The article fields no timeline shows: its text and, when reading it failed, why.
ARTICLE_BODY = ("text", "error")


def _source_lookups() -> list[Prefetch]:
    """What an entry shows beside its own fields: parties, cases and sources (citations, their
    articles and outlets, and the articles' duplicates)."""
    citation_model = TimelineEntry.citations.rel.related_model
    article_model = citation_model.article.field.related_model
    # An entry shows its sources' titles, outlets and dates, never their text: the text (a few
    # kilobytes an article) is left in the database, so a long timeline or an export does not
    # read every cited article whole.
    citations = (
        citation_model.objects.select_related("article__outlet")
        .defer(*(f"article__{name}" for name in ARTICLE_BODY))
        .prefetch_related(
            Prefetch(
                "article__duplicates",
                queryset=article_model.objects.select_related("outlet")
                .defer(*ARTICLE_BODY)
                .order_by("pk"),
            )
        )
    )
    return [
        Prefetch("parties", queryset=Party.objects.order_by("name")),
        Prefetch("cases", queryset=Case.objects.order_by("name")),
        Prefetch("citations", queryset=citations.order_by("article__published_on", "pk")),
    ]


def with_sources(entries: QuerySet[TimelineEntry]) -> QuerySet[TimelineEntry]:
    """`entries` with speaker, proposal, parties, cases and sources fetched with them: a fixed
    number of queries for any number of entries."""
    return entries.select_related("speaker", "proposal").prefetch_related(*_source_lookups())


def fetch_sources(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """The same for entries already read (those of a page whose fragments were not cached)."""
    prefetch_related_objects(entries, "speaker", "proposal", *_source_lookups())
    return entries


def entries_with_sources(user) -> QuerySet[TimelineEntry]:
    """The entries `user` may see, with their sources (with_sources)."""
    return with_sources(TimelineEntry.objects.visible_to(user))


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
    # Not a filter of the entries: whether the detention clock's milestones show among them.
    milestones = forms.ChoiceField(
        required=False,
        choices=[("", "Shown"), ("off", "Hidden")],
        label="Milestones",
    )

    def __init__(
        self, data, *, case: Case | None = None, user=None, summary: CaseSummary | None = None
    ):
        """On a case, the party and proposal choices are those of the case's entries `user` may
        see (without a user, the unrestricted ones), from the case's summary: a party named
        only in a restricted entry is not offered to an analyst. A caller that has read the
        summary (for that user's audience) passes it."""
        super().__init__(data)
        parties = Party.objects.all()
        proposals = Proposal.objects.all()
        self.summary = summary
        if case is not None:
            if summary is None:
                audience = audience_of(user) if user is not None else Audience.ANALYSTS
                self.summary = CaseSummary.objects.filter(case=case, audience=audience).first()
            named = self.summary.party_ids if self.summary else []
            reported = [int(pk) for pk in self.summary.proposals_reported] if self.summary else []
            parties = parties.filter(Q(pk__in=named) | Q(pk=case.detainee_id))
            of_case = Proposal.cases.through.objects.filter(case=case).values("proposal")
            proposals = proposals.filter(Q(pk__in=of_case) | Q(pk__in=reported))
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
    def show_milestones(self) -> bool:
        return self.values.get("milestones") != "off"

    @property
    def is_filtered(self) -> bool:
        values = self.values
        return any(values.get(name) for name in ("q", "kind", "party", "proposal", "start", "end"))

    @property
    def kind_only(self) -> str:
        """The kind, when the entries are filtered by kind and nothing else: the case summary
        counts them too (by month and kind), so nothing needs counting."""
        values = self.values
        others = any(values.get(name) for name in ("q", "party", "proposal", "start", "end"))
        return "" if others else values.get("kind", "")

    def apply(self, entries: QuerySet[TimelineEntry]) -> QuerySet[TimelineEntry]:
        values = self.values
        if values.get("kind"):
            entries = entries.filter(kind=values["kind"])
        if values.get("party"):
            party = values["party"]
            named = TimelineEntry.parties.through.objects.filter(party=party)
            entries = entries.filter(Q(pk__in=named.values("timelineentry")) | Q(speaker=party))
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
    source_url: str = ""  # where a status change is reported
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
    """100 days, then each full year (one year, 2 years, …), up to `end` (release or today).
    Only the dates people mark: a long detention gets one banner a year, not one every 500 days
    as well.

    Counted only from a detention date within the record's bounds, and no further than the
    latest date the record accepts: a mistyped 0001-01-01 or 9999-12-31 that reached the database
    gets no milestones rather than thousands of them (or an overflow)."""
    if detained_on is None or end is None or not in_bounds(detained_on):
        return []
    end = min(end, latest_date())
    found = [(detained_on + datetime.timedelta(days=100), "100 days detained")]
    years = 1
    while _anniversary(detained_on, years) <= end:
        label = "One year detained" if years == 1 else f"{years} years detained"
        found.append((_anniversary(detained_on, years), label))
        years += 1
    return [Marker(on=on, kind="milestone", label=label) for on, label in found if on <= end]


def case_markers(case: Case, today: datetime.date, *, milestones: bool = True) -> list[Marker]:
    """The status changes (prefetched) and, unless turned off, the milestones of the case's
    detention clock."""
    markers = [
        Marker(
            on=change.on,
            kind="status",
            label=change.get_status_display(),
            note=change.note,
            precision=change.precision,
            status=change.status,
            source_url=change.source_url,
        )
        for change in case._changes()
    ]
    if milestones:
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


@dataclasses.dataclass(frozen=True)
class Cursor:
    """Where a page of a timeline starts: after the entry of this date and pk (keyset
    pagination, so page 200 costs what page 1 does), or with no pk, after this date: the
    overview's links to a month are cursors of that kind."""

    on: datetime.date
    pk: int | None = None

    def __str__(self) -> str:
        return self.on.isoformat() if self.pk is None else f"{self.on.isoformat()}.{self.pk}"

    @classmethod
    def parse(cls, raw: str | None) -> "Cursor | None":
        """The cursor in a query string; None for a missing or malformed one (the first page)."""
        day, _, pk = (raw or "").partition(".")
        try:
            on = datetime.date.fromisoformat(day)
            return cls(on=on, pk=int(pk) if pk else None)
        except ValueError:
            return None

    def after(self, newest_first: bool) -> Q:
        """The entries that come after the cursor in the timeline's order. The date bound is
        stated on its own too, so the database reads the date index from the cursor on instead
        of from the start (a deep page costs what the first does)."""
        if newest_first:
            if self.pk is None:
                return Q(occurred_on__lt=self.on)
            return Q(occurred_on__lte=self.on) & (
                Q(occurred_on__lt=self.on) | Q(occurred_on=self.on, pk__lt=self.pk)
            )
        if self.pk is None:
            return Q(occurred_on__gt=self.on)
        return Q(occurred_on__gte=self.on) & (
            Q(occurred_on__gt=self.on) | Q(occurred_on=self.on, pk__gt=self.pk)
        )


def month_cursor(key: tuple[int, int], newest_first: bool) -> Cursor:
    """The cursor whose page starts at this month."""
    year, month = key
    first = datetime.date(year, month, 1)
    if newest_first:
        return Cursor(on=shifted(first, datetime.timedelta(days=32)).replace(day=1))
    return Cursor(on=shifted(first, -datetime.timedelta(days=1)))


@dataclasses.dataclass
class TimelinePage:
    entries: list[TimelineEntry]
    groups: list[MonthGroup]
    next_cursor: Cursor | None
    entry_count: int | None
    first_index: int
    last_index: int

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


def page_after(
    entries: QuerySet[TimelineEntry],
    markers: Sequence[Marker],
    cursor: Cursor | None,
    *,
    newest_first: bool,
    total: int | None = None,
    counted: bool = True,
    shown: int = 0,
    page_size: int = PAGE_SIZE,
) -> TimelinePage:
    """One page of the timeline, read by keyset: the `page_size` entries after `cursor` (the
    queryset's prefetches apply to them only) with the markers that fall among them.

    `entries` is filtered and ordered (TimelineFilter.apply). `total` is their number when the
    caller knows it (a case's summary does), else they are counted, unless `counted` is False
    (then entry_count is None: a list across every case, whose count would read every match);
    `shown` is how many earlier
    pages showed (the "More" link carries it), only for "51–100 of 10,000". A marker belongs to
    the page whose entries surround it; the first page also takes those beyond its newest entry
    and the last page those beyond its oldest."""
    rest = entries.filter(cursor.after(newest_first)) if cursor else entries
    rows = list(rest[: page_size + 1])
    has_next = len(rows) > page_size
    rows = rows[:page_size]
    if total is None and counted:
        total = bounded_count(entries)
    first_index = max(shown, 0) + 1 if cursor else 1
    previous_last = cursor.on if cursor else None
    this_last = rows[-1].occurred_on if has_next else None

    def on_this_page(marker: Marker) -> bool:
        if newest_first:
            if previous_last is not None and marker.on >= previous_last:
                return False
            return this_last is None or marker.on >= this_last
        if previous_last is not None and marker.on <= previous_last:
            return False
        return this_last is None or marker.on <= this_last

    page_markers = (
        [marker for marker in markers if on_this_page(marker)] if rows or not cursor else []
    )

    def sort_key(item):
        on = item.on if getattr(item, "is_marker", False) else item.occurred_on
        # On the same day a status change or milestone reads before the day's entries.
        return (on, 0 if getattr(item, "is_marker", False) else 1, getattr(item, "pk", 0))

    items = sorted([*rows, *page_markers], key=sort_key, reverse=newest_first)
    groups = group_by_month(items)
    # A month the previous page began is "continued"; a month reached from the overview is not.
    if groups and cursor is not None and cursor.pk is not None:
        groups[0].continued = _month_key(cursor.on, DatePrecision.DAY) == groups[0].key
    last = rows[-1] if rows else None
    return TimelinePage(
        entries=rows,
        groups=groups,
        next_cursor=Cursor(on=last.occurred_on, pk=last.pk) if has_next else None,
        entry_count=total,
        first_index=first_index,
        last_index=first_index + len(rows) - 1,
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
    r: float = 4.5
    anchor: str = ""  # the month heading it stands for, when the page shows that month
    count: int = 0  # the entries it stands for
    month: datetime.date | None = None


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
    legend: list[tuple[str, str]]  # the kinds drawn, with their labels

    @property
    def band_height(self) -> float:
        return self.marks_bottom - self.axis_y

    @property
    def tick_top(self) -> float:
        return self.axis_y - 4

    @property
    def month_items_html(self) -> SafeString:
        """The marks as a list of months, each with a link per kind: the <li>s of the overview's
        list (cases/case.html#overview_months), written here for the same reason as
        marks_svg."""
        items = []
        for _, group in itertools.groupby(self.marks, key=lambda m: m.anchor):
            marks = list(group)
            chips = "".join(
                f'<li><a href="{escape(m.href)}" class="overview-chip" '
                f'data-month="{escape(m.anchor)}"><span class="swatch kind-{escape(m.kind)}" '
                f'aria-hidden="true"></span><span aria-hidden="true">{m.count:,}</span>'
                f'<span class="visually-hidden">{escape(m.label)}</span></a></li>'
                for m in marks
            )
            month = date_format(marks[0].month, "M Y") if marks[0].month else ""
            items.append(
                f'<li><span class="overview-month">{escape(month)}</span>'
                f'<ul class="overview-kinds">{chips}</ul></li>'
            )
        # Safe: the numbers are ints and every string goes through escape().
        return mark_safe("".join(items))  # noqa: S308

    @property
    def marks_svg(self) -> SafeString:
        """The marks as SVG links, written here rather than by a template loop: a long case has
        a mark per month and kind, hundreds of them (the loop took most of the overview's
        rendering, on every first view after a change to the case)."""
        # Safe: the numbers are floats and every string goes through escape().
        return mark_safe(  # noqa: S308
            "".join(
                f'<a href="{escape(m.href)}" class="overview-mark" '
                f'data-month="{escape(m.anchor)}"><title>{escape(m.label)}</title>'
                f'<circle class="mark-target" cx="{m.x}" cy="{m.y}" r="12"/>'
                f'<circle class="mark kind-{escape(m.kind)}" cx="{m.x}" cy="{m.y}" '
                f'r="{m.r}"/></a>'
                for m in self.marks
            )
        )


OVERVIEW_WIDTH = 1000
_LEFT, _RIGHT = 12, 12
_LANES = 5
# Marks are links: lanes 24 px apart, so each mark's 24 px target clears the next lane's
# (WCAG 2.5.8). Months may stand closer on a long timeline; the page lists them as well.
_LANE_HEIGHT = 24
_MARK_GAP = 7


def _proposal_span(
    proposal: Proposal, reported: dict[int, datetime.date], default_end: datetime.date
) -> tuple[datetime.date, datetime.date, str]:
    changes = sorted(proposal.status_changes.all(), key=lambda change: (change.on, change.pk))
    starts = [changes[0].on] if changes else []
    if proposal.pk in reported:
        starts.append(reported[proposal.pk])
    start = min(starts) if starts else default_end
    current = changes[-1] if changes else None
    if current is not None and current.status in FINAL_PROPOSAL_STATUSES:
        return start, max(current.on, start), current.get_status_display()
    return start, max(default_end, start), current.get_status_display() if current else ""


@dataclasses.dataclass(frozen=True)
class MonthCount:
    """How many entries of one kind a month holds: what the overview is drawn from, so drawing
    a case of 20,000 entries reads a few hundred aggregated rows, not the entries."""

    month: datetime.date  # its first day
    kind: str
    count: int


def summary_counts(months: dict[str, dict[str, int]]) -> list[MonthCount]:
    """A case summary's months (CaseSummary.months) as MonthCounts."""
    return [
        MonthCount(month=datetime.date.fromisoformat(f"{month}-01"), kind=kind, count=n)
        for month, kinds in months.items()
        for kind, n in kinds.items()
    ]


def bounded_count(entries: QuerySet) -> int:
    """How many, counting no further than COUNT_LIMIT + 1 (shown as "10,000+")."""
    return entries.order_by()[: COUNT_LIMIT + 1].count()


def month_counts(entries: QuerySet[TimelineEntry]) -> list[MonthCount]:
    rows = (
        entries.order_by()
        .annotate(month=TruncMonth("occurred_on"))
        .values_list("month", "kind")
        .annotate(n=Count("pk"))
    )
    return [
        MonthCount(
            month=month.date() if isinstance(month, datetime.datetime) else month,
            kind=kind,
            count=n,
        )
        for month, kind, n in rows
    ]


def first_reported(entries: QuerySet[TimelineEntry]) -> dict[int, datetime.date]:
    """When each proposal the entries link to was first reported among them."""
    rows = (
        entries.order_by()
        .filter(proposal__isnull=False)
        .values_list("proposal")
        .annotate(first=Min("reported_on"))
    )
    return dict(rows)


def _month_end(month: datetime.date) -> datetime.date:
    return shifted(month, datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def build_overview(
    *,
    case: Case,
    counts: Sequence[MonthCount],
    proposals: Sequence[Proposal],
    reported: dict[int, datetime.date],
    today: datetime.date,
    href_for: Callable[[tuple[int, int]], str],
) -> Overview | None:
    """The overview of a filtered timeline from its entries counted by month and kind: a mark
    per month and kind (its size grows with the count), linking to that month in the list.
    `proposals` have their status changes prefetched; `reported` is first_reported()."""
    detained_on, released_on = case.detained_on, case.released_on
    clock_end = released_on or today
    dates = [c.month for c in counts] + [_month_end(c.month) for c in counts]
    if detained_on:
        dates += [detained_on, clock_end]
    spans = [(p, *_proposal_span(p, reported, clock_end)) for p in proposals]
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
    by_month: dict[datetime.date, list[MonthCount]] = {}
    by_kind = {count.kind for count in counts}
    for count in counts:
        by_month.setdefault(count.month, []).append(count)
    marks = []
    lanes_used = 1
    for month in sorted(by_month):
        x = x_of(month + datetime.timedelta(days=14))
        # The month's kinds stacked, the commonest on top; kinds beyond the lanes share the last.
        kinds = sorted(by_month[month], key=lambda c: (-c.count, KIND_ORDER.index(c.kind)))
        lanes_used = max(lanes_used, min(len(kinds), _LANES))
        for lane, count in enumerate(kinds):
            kind_label = EntryKind(count.kind).label
            noun = "entry" if count.count == 1 else "entries"
            marks.append(
                Mark(
                    x=x,
                    y=axis_y + 12 + min(lane, _LANES - 1) * _LANE_HEIGHT,
                    r=round(min(3.0 + 1.2 * math.log2(count.count), 5.5), 1),
                    kind=count.kind,
                    kind_label=kind_label,
                    label=f"{month:%b %Y}: {count.count:,} {kind_label.lower()} {noun}",
                    href=href_for((month.year, month.month)),
                    anchor=f"month-{month.year}-{month.month:02d}",
                    count=count.count,
                    month=month,
                )
            )
    marks_bottom = axis_y + 12 + lanes_used * _LANE_HEIGHT

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
    total = sum(c.count for c in counts)
    if counts:
        first_month, last_month = min(by_month), max(by_month)
        described = (
            f"{total:,} {'entry' if total == 1 else 'entries'} from {first_month:%B %Y} "
            f"to {last_month:%B %Y}"
        )
    else:
        described = "no entries"
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
        legend=[(kind, label) for kind, label in EntryKind.choices if kind in by_kind],
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

    @property
    def bars_svg(self) -> SafeString:
        """The bars as SVG, written here rather than by a template loop: a card carries up to
        120 of them, and the dashboard 24 cards (the loop took most of a card's rendering)."""
        # Safe: the numbers are floats and the label goes through escape().
        return mark_safe(  # noqa: S308
            "".join(
                f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}">'
                f"<title>{escape(bar.label)}</title></rect>"
                for bar in self.bars
            )
        )


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, on = [], start.replace(day=1)
    while on <= end:
        months.append(on)
        if on.year == datetime.MAXYEAR and on.month == 12:
            break
        on = (on + datetime.timedelta(days=32)).replace(day=1)
    return months


# Past ten years of months, the strip counts by year: a bar per month of a thirty-year case would
# be narrower than a pixel, and the dashboard would carry thousands of them.
MAX_STRIP_MONTHS = 120


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
    if len(months) > MAX_STRIP_MONTHS:
        periods = [datetime.date(year, 1, 1) for year in range(start.year, end.year + 1)]
        by_period: dict[datetime.date, int] = {}
        for month, count in counts.items():
            year = month.replace(month=1)
            by_period[year] = by_period.get(year, 0) + count
        label, unit = "%Y", "year"
    else:
        periods, by_period, label, unit = months, counts, "%b %Y", "month"
    peak = max(by_period.values(), default=0)
    step = width / len(periods)
    bars = []
    for index, period in enumerate(periods):
        count = by_period.get(period, 0)
        if not count:
            continue
        bar_height = max(2.0, round(count / peak * (height - 2), 1))
        bars.append(
            StripBar(
                x=round(index * step, 2),
                y=round(height - bar_height, 1),
                width=round(max(step - 0.6, 0.8), 2),
                height=bar_height,
                label=f"{period:{label}}: {count:,} {'entry' if count == 1 else 'entries'}",
            )
        )
    total = sum(counts.values())
    if total:
        busiest = max(by_period, key=lambda period: (by_period[period], period))
        description = (
            f"{total:,} {'entry' if total == 1 else 'entries'} from {months[0]:%b %Y} to "
            f"{months[-1]:%b %Y}; busiest {unit} {busiest:{label}} with {by_period[busiest]:,}"
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
