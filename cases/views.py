"""The analysts' pages: the dashboard of cases, a case with its timeline, a proposal, a party, an
entry's permalink, search, and the exports and feeds. Every view is for analysts and editors
(analyst_required) and shows only the entries the user may see (TimelineEntry.visible_to), never
a retracted one. Editors alone correct and retract entries (editor_required, cases.corrections).

Each page runs a fixed number of queries (an export, a fixed number per chunk of the entries it
streams), and none reads every entry of a long timeline: a timeline is read a page at a time by
keyset (timeline.page_after) with the page's parties, proposal and sources prefetched, its
overview is drawn from entries counted by month and kind, and the dashboard pages through the
cases' maintained summaries (cases.summary)."""

import datetime
import functools
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import (
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.context import make_context
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from alerts.models import Follow

from . import caching, corrections, exports
from .forms import CorrectForm, RetractForm
from .models import (
    CLOCK_STOPPING_STATUSES,
    Case,
    CaseStatus,
    CaseSummary,
    Correction,
    Party,
    Proposal,
    ProposalSide,
    TimelineEntry,
)
from .roles import analyst_required, can_read, can_review, editor_required
from .search import search as run_search
from .summary import audience_of
from .timeline import (
    CLOSED_PROPOSAL_STATUSES,
    Cursor,
    Marker,
    TimelineFilter,
    TimelinePage,
    activity_strip,
    bounded_count,
    build_overview,
    case_markers,
    entries_with_sources,
    fetch_sources,
    first_reported,
    month_counts,
    month_cursor,
    open_proposal,
    page_after,
    report_count,
    summary_counts,
    with_sources,
)


def _htmx_partial(request: HttpRequest) -> bool:
    """An htmx request that wants a fragment (a history restore wants the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _render(request, template: str, context: dict, status: int | None = None) -> HttpResponse:
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _page_cacheable(request: HttpRequest) -> bool:
    """A whole page may come from the cache (cases.caching.page) unless htmx asks for a
    fragment or the page has messages to show (once, to this user)."""
    return not _htmx_partial(request) and not len(messages.get_messages(request))


def _page_parts(request: HttpRequest) -> list[str]:
    """What any cached page depends on besides its cases: the day (clocks count days), the query
    string, and what the menu and the entries show a user of the role (the review desk's link
    and controls, the admin's link)."""
    return [
        timezone.localdate().isoformat(),
        repr(sorted(request.GET.lists())),
        f"review={can_review(request.user)} staff={request.user.is_staff}",
    ]


def _user_holes(request: HttpRequest) -> dict:
    """The values a cached page is filled in with for each request: base.html's."""
    return {"csrf_token": lambda: get_token(request), "signed_in_as": request.user.get_username}


def _url_with(request: HttpRequest, **changes) -> str:
    params = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


def _prepared(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """The entries with their report counts and correction notices (one query for the page's
    corrections). Both notices are kept: the template shows editors theirs, with the reasons."""
    prefetch_related_objects(
        entries, Prefetch("corrections", queryset=Correction.objects.select_related("by"))
    )
    for entry in entries:
        entry.report_count = report_count(entry)
        entry.notices = corrections.notices(entry, editors=False)
        entry.editor_notices = corrections.notices(entry, editors=True)
    return entries


@dataclass
class Timeline:
    page: TimelinePage
    more_url: str
    more_id: str


def _timeline(
    request: HttpRequest,
    entries: QuerySet[TimelineEntry],
    *,
    markers: list[Marker],
    newest_first: bool,
    show_cases: bool,
    cursor_param: str = "after",
    more_id: str = "more-entries",
    total: int | None = None,
    counted: bool = True,
) -> Timeline:
    """One page of a timeline, after the cursor in the query string. `entries` is filtered and
    ordered but not yet read; only the page's entries are read, each with its fragment
    (`entry.html`) from the cache, and only those not cached are read with their sources and
    rendered."""
    cursor = Cursor.parse(request.GET.get(cursor_param))
    shown = request.GET.get(f"{cursor_param}_shown", "")
    page = page_after(
        entries,
        markers,
        cursor,
        newest_first=newest_first,
        total=total,
        counted=counted,
        shown=int(shown) if shown.isdigit() else 0,
    )
    _rendered_entries(request, page.entries, show_cases=show_cases)
    more_url = ""
    if page.has_next:
        more_url = _url_with(
            request,
            **{cursor_param: str(page.next_cursor), f"{cursor_param}_shown": page.last_index},
        )
    return Timeline(page=page, more_url=more_url, more_id=more_id)


def _rendered_entries(
    request: HttpRequest, entries: list[TimelineEntry], *, show_cases: bool
) -> None:
    """Each entry's fragment (cases/entries.html#entry) as `entry.html`, cached per entry
    (cases.caching.entry_fragments). The missing ones are rendered in one template context:
    the context processors run once, not once per entry."""

    def render(missing: list[TimelineEntry]) -> dict[int, str]:
        _prepared(fetch_sources(missing))
        template = get_template("cases/entries.html#entry").template
        context = make_context({"show_cases": show_cases}, request)
        rendered = {}
        with context.bind_template(template):
            for entry in missing:
                with context.push(entry=entry):
                    rendered[entry.pk] = template.render(context)
        return rendered

    editing = "editing" if can_review(request.user) else ""
    caching.entry_fragments(entries, [editing, "cases" if show_cases else ""], render)


# ---------------------------------------------------------------------------------------------
# The dashboard


SORTS = [("activity", "Last activity"), ("days", "Days detained"), ("name", "Name")]
STATUS_FILTERS = [
    ("", "Any status"),
    ("held", "Still held"),
    ("freed", "Released or exchanged"),
    *CaseStatus.choices,
]
CARDS_PER_PAGE = 24


@dataclass
class Card:
    case: Case
    summary: CaseSummary
    days: int | None
    proposal: Proposal | None
    strip: object

    @property
    def status(self):
        return self.case.current_status

    @property
    def latest(self) -> TimelineEntry | None:
        return self.summary.latest_entry

    @property
    def proposal_status(self) -> str:
        return self.proposal.status_for(self.case) if self.proposal else ""

    @property
    def proposal_open(self) -> bool:
        current = self.proposal.current_status if self.proposal else None
        return current is None or current.status not in CLOSED_PROPOSAL_STATUSES

    @property
    def held(self) -> bool:
        return self.summary.detained_on is not None and self.summary.released_on is None


CARD_ONLY_FIELDS = ("months", "party_ids", "proposals_reported")


def _dashboard_summaries(user, *, sort: str, status: str, q: str, today: datetime.date):
    """The cases' summary rows the user's audience sees, filtered and sorted in SQL: the
    dashboard reads one page of them, never every case."""
    # The counts by month and the names are read only for a card that is rendered (they are
    # large for a long case, and a card is mostly cached).
    summaries = CaseSummary.objects.filter(audience=audience_of(user)).defer(*CARD_ONLY_FIELDS)
    if status == "held":
        summaries = summaries.filter(detained_on__isnull=False, released_on__isnull=True)
    elif status == "freed":
        summaries = summaries.filter(status__in=CLOCK_STOPPING_STATUSES)
    elif status:
        summaries = summaries.filter(status=status)
    for word in q.split():
        summaries = summaries.filter(
            Q(case__name__icontains=word) | Q(case__detainee__name__icontains=word)
        )
    if sort == "days":
        clock = ExpressionWrapper(
            Coalesce("released_on", Value(today)) - F("detained_on"),
            output_field=DurationField(),
        )
        return summaries.annotate(clock=clock).order_by(
            F("clock").desc(nulls_last=True), "case__name", "case_id"
        )
    if sort == "name":
        return summaries.order_by("case__name", "case_id")
    return summaries.order_by(F("last_activity_on").desc(nulls_last=True), "case_id")


@analyst_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sort = request.GET.get("sort", "activity")
    sort = sort if sort in dict(SORTS) else "activity"
    status = request.GET.get("status", "")
    status = status if status in dict(STATUS_FILTERS) else ""
    q = request.GET.get("q", "")[:100].strip()

    summaries = _dashboard_summaries(request.user, sort=sort, status=status, q=q, today=today)
    page = Paginator(summaries, CARDS_PER_PAGE).get_page(request.GET.get("page"))
    if not _page_cacheable(request):
        return _dashboard_page(request, page, sort=sort, status=status, q=q, today=today)
    # The page is cached under the versions of the cases on it and how many there are.
    parts = [
        "dashboard",
        *_page_parts(request),
        f"{page.number}/{page.paginator.count}",
        *(f"{row.case_id} {row.audience} {row.version}" for row in page.object_list),
    ]

    def render_page(markers: dict[str, str]) -> HttpResponse:
        return _dashboard_page(request, page, sort=sort, status=status, q=q, today=today, **markers)

    response = caching.page(parts, render_page, _user_holes(request))
    patch_vary_headers(response, ["HX-Request"])
    return response


def _dashboard_page(request, page, *, sort, status, q, today, **markers) -> HttpResponse:
    """A page of cards, or the cards alone for htmx; `markers` stand in for the user's own
    values when the page is to be cached (cases.caching.page)."""

    def render_cards(rows: list[CaseSummary]) -> dict[int, str]:
        rows = list(CaseSummary.objects.filter(pk__in=[row.pk for row in rows]))
        cases = Case.objects.select_related("detainee").prefetch_related(
            "status_changes",
            Prefetch(
                "proposals", queryset=Proposal.objects.prefetch_related("status_changes", "sides")
            ),
        )
        cases = cases.in_bulk([row.case_id for row in rows])
        latest = TimelineEntry.objects.in_bulk(
            [row.latest_entry_id for row in rows if row.latest_entry_id]
        )
        rendered = {}
        for row in rows:
            case = cases[row.case_id]
            row.latest_entry = latest.get(row.latest_entry_id)
            counts = {
                datetime.date.fromisoformat(f"{month}-01"): sum(kinds.values())
                for month, kinds in row.months.items()
            }
            card = Card(
                case=case,
                summary=row,
                days=case.days_detained(today),
                proposal=open_proposal(case.proposals.all()),
                strip=activity_strip(counts, row.detained_on, row.released_on or today),
            )
            context = {"card": card, "case": case, "today": today}
            rendered[case.pk] = render_to_string("cases/dashboard.html#card", context, request)
        return rendered

    # A card is cached under its case's version and the day (its clock counts days).
    cards = caching.fragments("card", list(page.object_list), [today.isoformat()], render_cards)
    context = {
        "cards": cards,
        "page": page,
        "sort": sort,
        "sorts": SORTS,
        "status": status,
        "statuses": STATUS_FILTERS,
        "q": q,
        "today": today,
        **markers,
    }
    template = "cases/dashboard.html#cards" if _htmx_partial(request) else "cases/dashboard.html"
    return _render(request, template, context)


# ---------------------------------------------------------------------------------------------
# A case and its timeline


def _case(slug: str) -> Case:
    return get_object_or_404(
        Case.objects.select_related("detainee", "detaining_party").prefetch_related(
            "status_changes"
        ),
        slug=slug,
    )


@analyst_required
@require_safe
def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The case's facts, then its timeline: the overview and a page of entries, each a fragment
    cached under the case's version (cases.caching) and rendered only when that changed; the
    whole page is cached too, with the user's own values filled in per request."""
    # What the cached page's key needs (the summary's version and whether the user follows the
    # case) in one small query; the case and the rest of its summary are read on a miss.
    followed = Follow.objects.filter(case=OuterRef("case_id"), user=request.user)
    head = next(
        iter(
            CaseSummary.objects.filter(case__slug=slug, audience=audience_of(request.user))
            .annotate(following=Exists(followed))
            .only("case_id", "audience", "version")[:1]
        ),
        None,
    )

    def whole_summary() -> CaseSummary:
        summary = CaseSummary.objects.select_related("case").get(pk=head.pk)
        summary.following = head.following
        return summary

    # A fragment, a page with messages to show, or a case not summarised yet: rendered here.
    if head is None or not _page_cacheable(request):
        summary = whole_summary() if head else None
        case = summary.case if summary else get_object_or_404(Case, slug=slug)
        return _case_page(request, case, summary)
    parts = [
        f"case {head.case_id} {head.audience} {head.version}",
        *_page_parts(request),
        # The follow button and the feed's address.
        f"following={head.following}",
        f"{request.scheme}://{request.get_host()}",
    ]

    def render_page(markers: dict[str, str]) -> HttpResponse:
        summary = whole_summary()
        return _case_page(request, summary.case, summary, markers)

    holes = {**_user_holes(request), "feed_token": lambda: exports.feed_token(request.user)}
    response = caching.page(parts, render_page, holes)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _case_page(
    request: HttpRequest,
    case: Case,
    summary: CaseSummary | None,
    markers: dict[str, str] | None = None,
) -> HttpResponse:
    """The case's page, or the fragment an htmx request asks for; `markers` stand in for the
    user's own values when the page is to be cached (cases.caching.page)."""
    today = timezone.localdate()
    filters = TimelineFilter(request.GET, case=case, user=request.user, summary=summary)
    entries = filters.apply(TimelineEntry.objects.visible_to(request.user).filter(cases=case))
    # Unfiltered, the case's summary has the figures; filtered by kind alone, its counts by
    # month and kind have them (a count of one kind in a long case read every entry of that
    # kind in the archive); filtered otherwise, they are counted.
    known = None if filters.is_filtered else filters.summary
    kind = filters.kind_only if filters.summary else ""
    known_counts = known_total = None
    if known:
        known_counts, known_total = summary_counts(known.months), known.entry_count
    elif kind:
        known_counts = [c for c in summary_counts(filters.summary.months) if c.kind == kind]
        known_total = sum(c.count for c in known_counts)

    @functools.cache
    def proposals() -> list[Proposal]:
        """The case's proposals, and those its entries report: read only when a fragment that
        shows them is rendered."""
        of_case = Proposal.cases.through.objects.filter(case=case).values("proposal")
        reported_anywhere = (
            [int(pk) for pk in filters.summary.proposals_reported] if filters.summary else []
        )
        return list(
            Proposal.objects.filter(
                Q(pk__in=of_case) | Q(pk__in=reported_anywhere)
            ).prefetch_related("status_changes", "sides")
        )

    def render_facts() -> str:
        prefetch_related_objects([case], "status_changes", "detainee", "detaining_party")
        context = {
            "case": case,
            "days": case.days_detained(today),
            "status": case.current_status,
            "proposals": [(proposal, proposal.status_for(case)) for proposal in proposals()],
        }
        return render_to_string("cases/case.html#facts", context, request)

    def render_entries() -> str:
        markers = [
            marker
            for marker in case_markers(case, today, milestones=filters.show_milestones)
            if (not filters.values.get("start") or marker.on >= filters.values["start"])
            and (not filters.values.get("end") or marker.on <= filters.values["end"])
        ]
        timeline = _timeline(
            request,
            entries,
            markers=markers,
            newest_first=filters.newest_first,
            show_cases=False,
            total=known_total,
        )
        context = {"timeline": timeline}
        return render_to_string("cases/entries.html#page", context, request)

    def render_overview() -> str:
        if known:
            reported = {
                int(pk): datetime.date.fromisoformat(on)
                for pk, on in known.proposals_reported.items()
            }
        else:
            reported = first_reported(entries)
        if known_total is None:
            counts, total = month_counts(entries), bounded_count(entries)
        else:
            counts, total = known_counts, known_total

        # A long case has hundreds of months: the rest of the query string is encoded once.
        rest = _url_with(request, after=None, after_shown=None)
        joiner = "&" if "?" in rest else "?"
        newest_first = filters.newest_first

        def href_for(month: tuple[int, int]) -> str:
            after = urlencode({"after": str(month_cursor(month, newest_first))})
            return f"{rest}{joiner}{after}#timeline-list"

        overview = build_overview(
            case=case,
            counts=counts,
            proposals=proposals(),
            reported=reported,
            today=today,
            href_for=href_for,
        )
        # The list of months is shown twice (beside the chart, and instead of it on a narrow
        # screen): rendered once.
        months_html = render_to_string("cases/case.html#overview_months", {"overview": overview})
        context = {
            "overview": overview,
            "overview_months_html": months_html,
            "entry_count": total,
            "filters": filters,
        }
        return render_to_string("cases/case.html#overview", context, request)

    day = today.isoformat()
    query = sorted(request.GET.lists())
    # Editors' entries carry the controls to correct and retract them.
    editing = "editing" if can_review(request.user) else ""
    entries_fragment = ([day, repr(query), editing], render_entries)
    if _htmx_partial(request) and request.htmx.target == "more-entries":
        response = HttpResponse(caching.fragment("entries", filters.summary, *entries_fragment))
        patch_vary_headers(response, ["HX-Request"])
        return response
    without_cursor = [(name, values) for name, values in query if not name.startswith("after")]
    html = caching.page_fragments(
        filters.summary,
        {
            "entries": entries_fragment,
            "overview": ([day, repr(without_cursor)], render_overview),
            # The choices are the case's parties and proposals: hundreds on a long case.
            "filters": (
                [repr(without_cursor)],
                lambda: render_to_string(
                    "cases/case.html#filter_fields", {"filters": filters}, request
                ),
            ),
            "facts": ([day], render_facts),
        },
    )
    export_query = filters.query_string()
    context = {
        "case": case,
        "following": summary.following if summary else None,
        "facts_html": html["facts"],
        "filters": filters,
        "overview_html": html["overview"],
        "filter_fields_html": html["filters"],
        "entries_html": html["entries"],
        "export_query": f"?{export_query}" if export_query else "",
        "feed_token": exports.feed_token(request.user),
        **(markers or {}),
    }
    template = "cases/case.html#timeline" if _htmx_partial(request) else "cases/case.html"
    return _render(request, template, context)


# ---------------------------------------------------------------------------------------------
# Exports and the feed


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "json": ("application/json", "json"),
    "ics": ("text/calendar; charset=utf-8", "ics"),
    "timelinejs": ("application/json", "timelinejs.json"),
}


@analyst_required
@require_safe
def case_export(request: HttpRequest, slug: str, fmt: str) -> exports.ExportResponse:
    """The filtered timeline as a download, streamed: the entries are read CHUNK_SIZE at a time
    (their relations prefetched per chunk) while the response is sent, so memory stays flat and
    the queries grow by a fixed set per chunk, whatever the number of entries."""
    if fmt not in EXPORTS:
        raise Http404
    case = _case(slug)
    today = timezone.localdate()
    filters = TimelineFilter(request.GET, case=case, user=request.user)
    entries = filters.apply(exports.export_entries(request.user).filter(cases=case)).iterator(
        chunk_size=exports.CHUNK_SIZE
    )
    base_url = request.build_absolute_uri("/").rstrip("/")
    if fmt == "csv":
        body = exports.to_csv(entries, base_url)
    elif fmt == "json":
        body = exports.to_json(case, entries, base_url, filters.values, today)
    elif fmt == "ics":
        body = exports.to_ical(case, entries, base_url, request.get_host())
    else:
        proposals = Proposal.objects.filter(cases=case).prefetch_related("status_changes")
        body = exports.to_timelinejs(case, entries, list(proposals), base_url)
    content_type, extension = EXPORTS[fmt]
    name = f"{case.slug}-timeline{'-filtered' if filters.is_filtered else ''}.{extension}"
    return exports.ExportResponse(body, content_type, filename=name)


_case_feed = exports.CaseEntriesFeed()


@require_safe
def case_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Atom. A feed reader passes the personal token; a browser uses its session."""
    token = request.GET.get("token", "")
    if token:
        user = exports.user_for_feed_token(token)
        if user is None or not can_read(user):
            raise PermissionDenied
    elif not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    elif not can_read(request.user):
        raise PermissionDenied
    else:
        user = request.user
    request.feed_user = user
    response = _case_feed(request, slug=slug)
    patch_cache_control(response, private=True)
    return response


# ---------------------------------------------------------------------------------------------
# Proposal, party, entry


@analyst_required
@require_safe
def proposal_detail(request: HttpRequest, slug: str) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related("offered_by", "offered_to").prefetch_related(
            "status_changes",
            "mediators",
            Prefetch(
                "sides", queryset=ProposalSide.objects.select_related("released", "released_by")
            ),
            Prefetch(
                "cases",
                queryset=Case.objects.select_related("detainee").prefetch_related("status_changes"),
            ),
        ),
        slug=slug,
    )
    entries = (
        TimelineEntry.objects.visible_to(request.user)
        .filter(proposal=proposal)
        .order_by("-occurred_on", "-pk")
    )
    markers = [
        Marker(
            on=change.on,
            kind="status",
            label=f"Proposal {change.get_status_display().lower()}",
            note=change.note,
            precision=change.precision,
            status=change.status,
            source_url=change.source_url,
        )
        for change in proposal.status_changes.all()
    ]
    timeline = _timeline(
        request, entries, markers=markers, newest_first=True, show_cases=True, counted=False
    )
    if _htmx_partial(request) and request.htmx.target == timeline.more_id:
        return _render(request, "cases/entries.html#page", {"timeline": timeline})
    today = timezone.localdate()
    cases = [
        (case, case.current_status, case.days_detained(today), proposal.status_for(case))
        for case in proposal.cases.all()
    ]
    context = {
        "proposal": proposal,
        "status": proposal.current_status,
        "changes": sorted(proposal.status_changes.all(), key=lambda c: (c.on, c.pk)),
        "cases": cases,
        "timeline": timeline,
    }
    return _render(request, "cases/proposal.html", context)


@analyst_required
@require_safe
def party_detail(request: HttpRequest, slug: str) -> HttpResponse:
    party = get_object_or_404(Party, slug=slug)
    visible = TimelineEntry.objects.visible_to(request.user)
    statements = _timeline(
        request,
        visible.filter(speaker=party).order_by("-occurred_on", "-pk"),
        markers=[],
        newest_first=True,
        show_cases=True,
        counted=False,
    )
    mentions = _timeline(
        request,
        visible.filter(parties=party).exclude(speaker=party).order_by("-occurred_on", "-pk"),
        markers=[],
        newest_first=True,
        show_cases=True,
        cursor_param="mentions_after",
        counted=False,
        more_id="more-mentions",
    )
    if _htmx_partial(request) and request.htmx.target in (statements.more_id, mentions.more_id):
        timeline = statements if request.htmx.target == statements.more_id else mentions
        return _render(request, "cases/entries.html#page", {"timeline": timeline})
    case_queryset = Case.objects.select_related("detainee").prefetch_related("status_changes")
    context = {
        "party": party,
        "detained_in": list(case_queryset.filter(detainee=party)),
        "holding": list(case_queryset.filter(detaining_party=party)),
        "proposals": list(
            Proposal.objects.filter(
                Q(offered_by=party)
                | Q(offered_to=party)
                | Q(mediators=party)
                | Q(sides__released=party)
                | Q(sides__released_by=party)
            )
            .distinct()
            .prefetch_related("status_changes")
        ),
        "statements": statements,
        "mentions": mentions,
    }
    return _render(request, "cases/party.html", context)


@analyst_required
@require_safe
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The permalink: the entry on a page of its own, with a way into each case's timeline.
    Editors may still open a retracted entry here, shown with its retraction. Analysts find a
    notice that it was retracted (410 Gone), not its content: a link cited elsewhere, or in a
    retraction alert, still says what became of it. An htmx request for the entry alone (a
    cancelled correction) gets its fragment."""
    visible = TimelineEntry.objects.visible_to(request.user, retracted=can_review(request.user))
    entries = with_sources(visible.select_related("retracted_by")).filter(pk=pk)
    entry = next(iter(_prepared(list(entries))), None)
    if entry is None:
        retracted = (
            TimelineEntry.objects.visible_to(request.user, retracted=True)
            .filter(pk=pk, retracted_at__isnull=False)
            .prefetch_related("cases")
            .first()
        )
        if retracted is None:
            raise Http404
        return _render(request, "cases/entry_retracted.html", {"entry": retracted}, status=410)
    if _htmx_partial(request) and request.htmx.target == f"entry-{entry.pk}":
        return _entry_fragment(request, entry)
    return _render(request, "cases/entry.html", {"entry": entry, "show_cases": True})


# ---------------------------------------------------------------------------------------------
# Correcting and retracting an entry (editors). Each works without JavaScript as a page of its
# own; with htmx the form replaces the entry where it is shown, and the result replaces the form.


def _in_timeline(request: HttpRequest) -> bool:
    """Whether the entry is shown in a case's timeline, which does not list its cases."""
    return (request.POST if request.method == "POST" else request.GET).get("in_case") == "1"


def _entry_fragment(request: HttpRequest, entry: TimelineEntry) -> HttpResponse:
    context = {"entry": entry, "show_cases": not _in_timeline(request)}
    return _render(request, "cases/entries.html#entry", context)


def _entry_to_change(request: HttpRequest, pk: int) -> TimelineEntry:
    """The entry, if it is on the record and the editor may see it (a retracted one is not)."""
    entries = entries_with_sources(request.user).filter(pk=pk)
    entry = next(iter(_prepared(list(entries))), None)
    if entry is None:
        raise Http404
    return entry


def _entry_form(request: HttpRequest, entry: TimelineEntry, action: str, form) -> HttpResponse:
    context = {"entry": entry, "form": form, "action": action, "in_case": _in_timeline(request)}
    template = "cases/correct.html#form" if _htmx_partial(request) else "cases/correct.html"
    return _render(request, template, context)


@editor_required
@require_http_methods(["GET", "POST"])
def entry_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """The form to correct an entry, with a required reason; saving prints a correction notice
    beside the entry. Nothing changed, or a value the record refuses, shows the form again."""
    entry = _entry_to_change(request, pk)
    if request.method == "POST":
        form = CorrectForm(request.POST, entry=entry)
        if form.is_valid():
            try:
                corrections.correct(
                    entry,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    changes=form.changes(),
                )
            except corrections.CorrectionError as error:
                form.add_error(None, str(error))
            else:
                if _htmx_partial(request):
                    return _entry_fragment(request, _entry_to_change(request, pk))
                messages.success(request, "Corrected; the correction is printed with the entry.")
                return redirect(entry)
    else:
        form = CorrectForm(entry=entry)
    return _entry_form(request, entry, "correct", form)


@editor_required
@require_http_methods(["GET", "POST"])
def entry_retract(request: HttpRequest, pk: int) -> HttpResponse:
    """The form to retract an entry, with a required reason: it leaves every timeline, export,
    feed, search and count, and stays in its history and the admin."""
    entry = _entry_to_change(request, pk)
    if request.method == "POST":
        form = RetractForm(request.POST, entry=entry)
        if form.is_valid():
            try:
                entry = corrections.retract(
                    entry, by=request.user, reason=form.cleaned_data["reason"]
                )
            except corrections.CorrectionError as error:
                form.add_error(None, str(error))
            else:
                if _htmx_partial(request):
                    return _render(request, "cases/correct.html#retracted", {"entry": entry})
                messages.success(request, "Retracted; the entry is off the record.")
                return redirect(entry)
    else:
        form = RetractForm(entry=entry)
    return _entry_form(request, entry, "retract", form)


# ---------------------------------------------------------------------------------------------
# Search


@analyst_required
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    results = run_search(q, request.user, entries_with_sources(request.user))
    _prepared(results.entries)
    today = timezone.localdate()
    cases = [(case, case.current_status, case.days_detained(today)) for case in results.cases]
    context = {"q": q.strip(), "results": results, "cases": cases, "show_cases": True}
    return _render(request, "cases/search.html", context)
