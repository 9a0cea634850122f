"""The analysts' pages: the dashboard of cases, a case with its timeline, a proposal, a party, an
entry's permalink, search, and the exports and feeds. Every view is for analysts and editors
(analyst_required) and shows only the entries the user may see (TimelineEntry.visible_to).

Each page runs a fixed number of queries: the whole filtered timeline is read once as light rows
(for the overview and for paging), and only the page's entries are read in full with their
parties, proposal and sources prefetched."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from . import exports
from .models import (
    CLOCK_STOPPING_STATUSES,
    Case,
    CaseStatus,
    EntryKind,
    Party,
    Proposal,
    ProposalSide,
    TimelineEntry,
)
from .roles import analyst_required, can_read
from .search import search as run_search
from .timeline import (
    CLOSED_PROPOSAL_STATUSES,
    PAGE_SIZE,
    Marker,
    TimelineFilter,
    TimelinePage,
    activity_strip,
    build_overview,
    case_markers,
    entries_with_sources,
    open_proposal,
    paginate,
    report_count,
)

# The fields of the light rows read for the whole timeline.
LIGHT_FIELDS = ("id", "occurred_on", "precision", "kind", "summary", "proposal", "reported_on")


def _htmx_partial(request: HttpRequest) -> bool:
    """An htmx request that wants a fragment (a history restore wants the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _render(request, template: str, context: dict) -> HttpResponse:
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _page_number(raw: str | None, total: int) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        number = 1
    last = max(1, -(-total // PAGE_SIZE))
    return min(max(number, 1), last)


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
    for entry in entries:
        entry.report_count = report_count(entry)
    return entries


@dataclass
class Timeline:
    points: list
    page: TimelinePage
    more_url: str
    more_id: str


def _timeline(
    request: HttpRequest,
    entries: QuerySet[TimelineEntry],
    *,
    markers: list[Marker],
    newest_first: bool,
    page_param: str = "page",
    more_id: str = "more-entries",
) -> Timeline:
    """One page of a timeline. `entries` is filtered and ordered but not yet read."""
    points = list(entries.only(*LIGHT_FIELDS))
    number = _page_number(request.GET.get(page_param), len(points))
    start = (number - 1) * PAGE_SIZE
    pks = [point.pk for point in points[start : start + PAGE_SIZE]]
    full = entries_with_sources(request.user).in_bulk(pks) if pks else {}
    page_entries = _prepared([full[pk] for pk in pks])
    page = paginate(points, page_entries, markers, number, newest_first=newest_first)
    more_url = _url_with(request, **{page_param: number + 1}) if page.has_next else ""
    return Timeline(points=points, page=page, more_url=more_url, more_id=more_id)


# ---------------------------------------------------------------------------------------------
# The dashboard


SORTS = [("activity", "Last activity"), ("days", "Days detained"), ("name", "Name")]
STATUS_FILTERS = [
    ("", "Any status"),
    ("held", "Still held"),
    ("freed", "Released or exchanged"),
    *CaseStatus.choices,
]


@dataclass
class Card:
    case: Case
    status: object
    days: int | None
    latest: TimelineEntry | None
    last_activity: datetime.date | None
    proposal: Proposal | None
    strip: object

    @property
    def proposal_open(self) -> bool:
        current = self.proposal.current_status if self.proposal else None
        return current is None or current.status not in CLOSED_PROPOSAL_STATUSES

    @property
    def held(self) -> bool:
        return self.case.detained_on is not None and self.case.released_on is None


@analyst_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sort = request.GET.get("sort", "activity")
    sort = sort if sort in dict(SORTS) else "activity"
    status = request.GET.get("status", "")
    status = status if status in dict(STATUS_FILTERS) else ""

    visible = TimelineEntry.objects.visible_to(request.user)
    latest = visible.filter(cases=OuterRef("pk")).order_by("-occurred_on", "-pk").values("pk")[:1]
    cases = list(
        Case.objects.select_related("detainee")
        .prefetch_related(
            "status_changes",
            Prefetch("proposals", queryset=Proposal.objects.prefetch_related("status_changes")),
        )
        .annotate(latest_entry_id=Subquery(latest))
    )
    latest_entries = _prepared_bulk(
        visible.select_related("speaker"), [c.latest_entry_id for c in cases]
    )
    months: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    rows = (
        visible.filter(cases__in=[case.pk for case in cases])
        .annotate(month=TruncMonth("occurred_on"))
        .order_by()
        .values_list("cases", "month")
        .annotate(n=Count("pk"))
    )
    for case_id, month, count in rows:
        month = month.date() if isinstance(month, datetime.datetime) else month
        months[case_id][month] = count

    cards = []
    for case in cases:
        current = case.current_status
        latest_entry = latest_entries.get(case.latest_entry_id)
        changed_on = current.on if current else None
        activity = [on for on in (changed_on, latest_entry and latest_entry.occurred_on) if on]
        cards.append(
            Card(
                case=case,
                status=current,
                days=case.days_detained(today),
                latest=latest_entry,
                last_activity=max(activity) if activity else None,
                proposal=open_proposal(case.proposals.all()),
                strip=activity_strip(months[case.pk], case.detained_on, case.released_on or today),
            )
        )
    cards = [card for card in cards if _status_matches(card, status)]
    if sort == "days":
        cards.sort(key=lambda card: (card.days is None, -(card.days or 0), card.case.name))
    elif sort == "activity":
        cards.sort(key=lambda card: card.last_activity or datetime.date.min, reverse=True)
    context = {
        "cards": cards,
        "sort": sort,
        "sorts": SORTS,
        "status": status,
        "statuses": STATUS_FILTERS,
        "today": today,
        "case_total": len(cases),
    }
    template = "cases/dashboard.html#cards" if _htmx_partial(request) else "cases/dashboard.html"
    return _render(request, template, context)


def _prepared_bulk(entries: QuerySet[TimelineEntry], pks) -> dict[int, TimelineEntry]:
    pks = [pk for pk in pks if pk]
    return entries.in_bulk(pks) if pks else {}


def _status_matches(card: Card, wanted: str) -> bool:
    if not wanted:
        return True
    if wanted == "held":
        return card.held
    if wanted == "freed":
        return card.status is not None and card.status.status in CLOCK_STOPPING_STATUSES
    return card.status is not None and card.status.status == wanted


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
    case = _case(slug)
    today = timezone.localdate()
    filters = TimelineFilter(request.GET, case=case, user=request.user)
    entries = filters.apply(TimelineEntry.objects.visible_to(request.user).filter(cases=case))
    markers = [
        marker
        for marker in case_markers(case, today)
        if (not filters.values.get("start") or marker.on >= filters.values["start"])
        and (not filters.values.get("end") or marker.on <= filters.values["end"])
    ]
    timeline = _timeline(request, entries, markers=markers, newest_first=filters.newest_first)

    if _htmx_partial(request) and request.htmx.target == timeline.more_id:
        return _render(
            request, "cases/entries.html#page", {"timeline": timeline, "show_cases": False}
        )

    proposal_ids = {point.proposal_id for point in timeline.points if point.proposal_id}
    proposals = list(
        Proposal.objects.filter(Q(cases=case) | Q(pk__in=proposal_ids))
        .distinct()
        .prefetch_related("status_changes")
    )
    page_of = {point.pk: index // PAGE_SIZE + 1 for index, point in enumerate(timeline.points)}

    def href_for(pk: int) -> str:
        if page_of[pk] == timeline.page.number:
            return f"#entry-{pk}"
        return _url_with(request, page=page_of[pk]) + f"#entry-{pk}"

    overview = build_overview(
        case=case, points=timeline.points, proposals=proposals, today=today, href_for=href_for
    )
    export_query = filters.query_string()
    context = {
        "case": case,
        "today": today,
        "days": case.days_detained(today),
        "status": case.current_status,
        "filters": filters,
        "timeline": timeline,
        "overview": overview,
        "proposals": proposals,
        "export_query": f"?{export_query}" if export_query else "",
        "feed_token": exports.feed_token(request.user),
        "kinds": EntryKind.choices,
        "show_cases": False,
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
def case_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404
    case = _case(slug)
    today = timezone.localdate()
    filters = TimelineFilter(request.GET, case=case, user=request.user)
    entries = list(filters.apply(entries_with_sources(request.user).filter(cases=case)))
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
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


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
        )
        for change in proposal.status_changes.all()
    ]
    timeline = _timeline(request, entries, markers=markers, newest_first=True)
    if _htmx_partial(request) and request.htmx.target == timeline.more_id:
        return _render(
            request, "cases/entries.html#page", {"timeline": timeline, "show_cases": True}
        )
    today = timezone.localdate()
    cases = [
        (case, case.current_status, case.days_detained(today)) for case in proposal.cases.all()
    ]
    context = {
        "proposal": proposal,
        "status": proposal.current_status,
        "changes": sorted(proposal.status_changes.all(), key=lambda c: (c.on, c.pk)),
        "cases": cases,
        "timeline": timeline,
        "show_cases": True,
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
    )
    mentions = _timeline(
        request,
        visible.filter(parties=party).exclude(speaker=party).order_by("-occurred_on", "-pk"),
        markers=[],
        newest_first=True,
        page_param="mentions_page",
        more_id="more-mentions",
    )
    if _htmx_partial(request) and request.htmx.target in (statements.more_id, mentions.more_id):
        timeline = statements if request.htmx.target == statements.more_id else mentions
        return _render(
            request, "cases/entries.html#page", {"timeline": timeline, "show_cases": True}
        )
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
        "show_cases": True,
    }
    return _render(request, "cases/party.html", context)


@analyst_required
@require_safe
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The permalink: the entry on a page of its own, with a way into each case's timeline."""
    entries = entries_with_sources(request.user).filter(pk=pk)
    entry = next(iter(_prepared(list(entries))), None)
    if entry is None:
        raise Http404
    return _render(request, "cases/entry.html", {"entry": entry, "show_cases": True})


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
