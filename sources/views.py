"""The editors' pages: the review queue and its actions, articles, and submitting an article.

Every view works without JavaScript (POSTs redirect back); htmx requests get the fragment
they swap, a named partial of the page template, so page and fragment cannot drift apart.
"""

import re
from functools import reduce
from operator import or_

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event
from django_ratelimit.core import is_ratelimited

from cases.roles import editor_required

from . import adding, ingest, pending, quality, review
from .forms import (
    MAX_ID,
    AddEntryForm,
    BulkForm,
    EditForm,
    MergeForm,
    QualityPeriodForm,
    QueueFilterForm,
    RejectForm,
    SortKey,
    SubmitForm,
)
from .models import Article, ArticleStatus, ProposedEntry, RejectReason, ReviewStatus

QUEUE_PAGE_SIZE = 20
# Cases listed with their pending counts beside the queue; each one costs rendering time, and
# with a thousand cases the list was longer than anyone reads.
CASES_LISTED = 30
# Proposals one bulk action may take: five pages of the queue. Each is its own transaction.
BULK_MAX = 100
PROPOSAL_NUMBER = re.compile(r"[0-9]{1,19}")
ARTICLES_PAGE_SIZE = 50
# Submissions per editor: enough for a working session, too few for a runaway script.
SUBMIT_RATE = "10/m"
# How much of a long paragraph to show either side of the evidence.
CONTEXT_CHARS = 400

FINISHED_STATUSES = (ArticleStatus.DONE, ArticleStatus.FAILED, ArticleStatus.DUPLICATE)


# ---------------------------------------------------------------------------------------------
# Evidence: the sentence in its paragraph, the matched words marked. Built from escaped pieces.


def _role_class(role: str) -> str:
    return "role-" + (re.sub(r"[^a-z0-9_-]", "", str(role).lower()) or "other")


def _valid_matches(proposed: ProposedEntry, text: str) -> list[tuple[int, int, str]]:
    """The matched spans (article offsets) that really are where the extractor says."""
    spans = []
    for match in proposed.matched or []:
        if not isinstance(match, dict):
            continue
        start, end, words = match.get("start"), match.get("end"), match.get("text", "")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            continue
        if end <= len(text) and (not words or text[start:end] == words):
            spans.append((start, end, match.get("role", "other")))
    return spans


def evidence_html(proposed: ProposedEntry) -> SafeString:
    """The evidence sentence within its paragraph, matched words in <mark class="role-…">.

    Every piece of article text goes through escape(); only the tags are ours.
    """
    text = proposed.article.text or ""
    start, end = proposed.start, proposed.end
    if not (0 <= start < end <= len(text)) or text[start:end] != proposed.evidence:
        # The article text changed, or the span is off: show the evidence alone, unmarked.
        return format_html('<span class="evidence-sentence">{}</span>', proposed.evidence)

    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end == -1 else para_end
    clipped_before = start - para_start > CONTEXT_CHARS
    clipped_after = para_end - end > CONTEXT_CHARS
    if clipped_before:
        para_start = text.rfind(" ", para_start, start - CONTEXT_CHARS) + 1 or para_start
    if clipped_after:
        cut = text.find(" ", end + CONTEXT_CHARS, para_end)
        para_end = para_end if cut == -1 else cut

    matches = [
        (max(s, para_start), min(e, para_end), role)
        for s, e, role in _valid_matches(proposed, text)
        if s < para_end and e > para_start
    ]
    bounds = sorted({para_start, para_end, start, end} | {p for s, e, _ in matches for p in (s, e)})
    pieces = ["… " if clipped_before else ""]
    in_sentence = False
    for left, right in zip(bounds, bounds[1:], strict=False):
        if left == start:
            pieces.append('<span class="evidence-sentence">')
            in_sentence = True
        roles = sorted({role for s, e, role in matches if s <= left and right <= e})
        segment = escape(text[left:right])
        if roles:
            pieces.append(
                format_html(
                    '<mark class="{}" title="{}">{}</mark>',
                    " ".join(_role_class(r) for r in roles),
                    ", ".join(str(r) for r in roles),
                    segment,
                )
            )
        else:
            pieces.append(segment)
        if right == end and in_sentence:
            pieces.append("</span>")
            in_sentence = False
    if clipped_after:
        pieces.append(" …")
    # Safe: every text piece above was escaped; the rest are our own literal tags.
    return mark_safe("".join(str(piece) for piece in pieces))  # noqa: S308


# Dates counted from another date in the article than its own: say which, since the article's
# date says nothing about them.
COUNTED_FROM = {
    "narrative": "counted from the last date the article told before it",
    "sentence": "counted back from the date later in its sentence",
}


def date_note(proposed: ProposedEntry) -> str:
    """How the date was found, in words: "'on Thursday', the article's date 2022-07-28"."""
    published = proposed.article.published_on
    basis = (proposed.date_basis or "").strip()
    if not published:
        return f"'{basis}'" if basis else "No date in the text, and the article has none."
    if proposed.date_anchor == "lead" and (not basis or basis == "published"):
        return (
            f"No date in the text: the news day its lead gives, {proposed.occurred_on:%Y-%m-%d} "
            f"(the article is dated {published:%Y-%m-%d})"
        )
    if not basis or basis == "published":
        return f"No date in the text: the article's date {published:%Y-%m-%d}"
    if proposed.date_anchor in COUNTED_FROM:
        return f"'{basis}': {COUNTED_FROM[proposed.date_anchor]}"
    days = (published - proposed.occurred_on).days
    about = "about " if proposed.precision != "day" else ""
    if days == 0:
        relation = "the article's date"
    elif days > 0:
        relation = f"{about}{days} day{'s' if days != 1 else ''} before the article's date"
    else:
        relation = f"{about}{-days} day{'s' if days != -1 else ''} after the article's date"
    return f"'{basis}': {relation} {published:%Y-%m-%d}"


def _confidence_band(confidence: float) -> str:
    if confidence >= 0.8:
        return "high"
    if confidence >= 0.5:
        return "medium"
    return "low"


def _decorate(items, user) -> None:
    """Attach what the item partial shows; the relations must already be loaded."""
    now = timezone.now()
    for proposed in items:
        proposed.evidence_html = evidence_html(proposed)
        proposed.date_note = date_note(proposed)
        proposed.band = _confidence_band(proposed.confidence)
        proposed.undoable = review.can_undo(proposed, user, now)
        proposed.undo_until = review.undo_deadline(proposed)


def _items_queryset(*, pending_only: bool = False):
    """Proposals with everything the item partial shows, in a fixed number of queries.

    A pending proposal has no reviewer and no entry yet, so the queue (`pending_only`) leaves
    those two joins out: each join the planner must order costs planning time, and with all
    seven PostgreSQL spent longer planning the queue's query than running it."""
    related = ["article__outlet", "speaker", "proposal"]
    if not pending_only:
        related += ["reviewed_by", "entry"]
    return ProposedEntry.objects.select_related(*related).prefetch_related(
        "cases",
        "parties",
        Prefetch(
            "group_members",
            queryset=ProposedEntry.objects.filter(status=ReviewStatus.PENDING).select_related(
                "article__outlet"
            ),
            to_attr="other_sources",
        ),
    )


def _get_item(request: HttpRequest, pk: int) -> ProposedEntry:
    proposed = get_object_or_404(_items_queryset(), pk=pk)
    _decorate([proposed], request.user)
    return proposed


# ---------------------------------------------------------------------------------------------
# The queue


_pending = pending.pending_proposals  # the pending proposals, wherever the queue reads them


def _queue_heads(queryset):
    """The queue's items among `queryset`: one per development, the first report, or a later
    one whose first is reviewed. An anti-join of the pending proposals with themselves, so it
    reads pending rows only (through the partial indexes), however large the archive."""
    return queryset.filter(status=ReviewStatus.PENDING).exclude(
        Exists(_pending().filter(pk=OuterRef("group_id")))
    )


def _counts_context() -> dict:
    """The pending counts beside the queue: the CASES_LISTED busiest cases, and how many more
    have pending proposals (the case filter offers them all)."""
    total, counts = pending.counts_by_case()
    return {
        "case_counts": counts[:CASES_LISTED],
        "more_cases": max(len(counts) - CASES_LISTED, 0),
        "pending_total": total,
    }


def _queue_url(request: HttpRequest) -> str:
    """Where to go back to: the queue as the editor had it filtered."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("sources:review")


def _after(keys: tuple[SortKey, ...], values: dict) -> Q:
    """The rows that come after the row whose sort keys are `values`, in the order `keys`.

    Key by key: after it on the first key, or equal on the first and after it on the second,
    and so on, with NULLs where SortKey.order() puts them. The bound on the first key repeats
    what the terms say, in a form the planner can start an index scan at."""
    terms, equal = [], Q()
    for key in keys:
        value = values[key.lookup]
        if value is None:
            # NULLs come first when descending, so every value is after them; ascending, they
            # come last, and nothing is after them on this key.
            beyond = Q(**{f"{key.lookup}__isnull": False}) if key.descending else None
            same = Q(**{f"{key.lookup}__isnull": True})
        else:
            beyond = Q(**{f"{key.lookup}__{'lt' if key.descending else 'gt'}": value})
            if key.nullable and not key.descending:
                beyond |= Q(**{f"{key.lookup}__isnull": True})
            same = Q(**{key.lookup: value})
        if beyond is not None:
            terms.append(equal & beyond)
        equal &= same
    after = reduce(or_, terms)
    first, value = keys[0], values[keys[0].lookup]
    if value is not None and (first.descending or not first.nullable):
        after &= Q(**{f"{first.lookup}__{'lte' if first.descending else 'gte'}": value})
    return after


def _cursor(request: HttpRequest) -> int | None:
    """The proposal the queue continues after (?after=<id>), when the parameter names one."""
    value = request.GET.get("after", "").strip()
    if PROPOSAL_NUMBER.fullmatch(value) and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def _sort_values(form: QueueFilterForm, after: int) -> dict | None:
    """Proposal `after`'s values of the sort keys, or None when there is no such proposal.
    It need not be pending any more (it was likely reviewed on the page before)."""
    lookups = [key.lookup for key in form.sort_keys]
    return ProposedEntry.objects.filter(pk=after).values(*lookups).first()


def queue_items(form: QueueFilterForm, after: dict | None = None):
    """The queue's items as `form` filters and sorts them, after the item whose sort keys are
    `after` (see _sort_values): the queue's order, in one query."""
    queryset = form.filter(_queue_heads(_items_queryset(pending_only=True)))
    return queryset if after is None else queryset.filter(_after(form.sort_keys, after))


def queue_matches(form: QueueFilterForm):
    """The ids of the queue's items that `form`'s filters match, in no order."""
    matching = form.filter(_queue_heads(ProposedEntry.objects.all())).order_by()
    return matching.values_list("pk", flat=True)


def _queue_page(form: QueueFilterForm, after: dict | None) -> list[ProposedEntry]:
    """The queue's next QUEUE_PAGE_SIZE + 1 items after `after` (the one past the page says
    whether there is a next page).

    Paged by keyset, not by page number: a page is the items after the last one shown, so no
    page counts the whole queue, and a page deep in the queue costs what the first does.

    Unfiltered, one query that stops after the page: newest first, it walks the articles
    newest first, and pending proposals among the newest come first. A filter can pick items
    from anywhere in time (a case's reports come in the months it was news), and a walk from
    the newest article would pass every article since. So a filtered page first finds the
    pending items the filter matches, in no order (from the pending rows alone), then puts
    those in order, then reads the page's rows: each query knows how many rows it has."""
    size = QUEUE_PAGE_SIZE + 1
    if not form.narrows:
        return list(queue_items(form, after)[:size])
    ordered = ProposedEntry.objects.filter(pk__in=list(queue_matches(form)))
    ordered = ordered.order_by(*(key.order() for key in form.sort_keys))
    if after is not None:
        ordered = ordered.filter(_after(form.sort_keys, after))
    page = list(ordered.values_list("pk", flat=True))[:size]
    found = _items_queryset(pending_only=True).filter(status=ReviewStatus.PENDING).in_bulk(page)
    return [found[pk] for pk in page if pk in found]


@editor_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    """The queue, QUEUE_PAGE_SIZE items at a time; "Next" continues after the last one shown
    (?after=<its id>). An unknown id starts from the top."""
    form = QueueFilterForm(request.GET)
    after = _cursor(request)
    values = None if after is None else _sort_values(form, after)
    if values is None:
        after = None
    items = _queue_page(form, values)
    more = len(items) > QUEUE_PAGE_SIZE
    items = items[:QUEUE_PAGE_SIZE]
    _decorate(items, request.user)
    context = {
        "form": form,
        "items": items,
        "after": after,
        "next_after": items[-1].pk if more else None,
        "next": request.get_full_path(),
        "reject_reasons": RejectReason.choices,
    }
    if request.htmx and not request.htmx.history_restore_request and request.htmx.target == "queue":
        # The fragment is the queue alone; the counts beside it are not redrawn. Its total is
        # the sidebar's, read from the pending rows' index alone.
        context["pending_total"] = _pending().count()
        return render(request, "sources/review.html#queue", context)
    return render(request, "sources/review.html", {**context, **_counts_context()})


# The event an action's response raises in the page: the counts beside the queue ask for
# themselves again (pending_counts), a moment later and once for a run of actions. Recounting
# reads every pending proposal, which grows with the queue; the action itself does not wait for
# it.
PENDING_CHANGED = "pending-changed"


def _item_response(
    request: HttpRequest, proposed: ProposedEntry, *, counts: bool = False, **extra
) -> HttpResponse:
    context = {"proposed": proposed, "next": _queue_url(request), **extra}
    if request.htmx:
        response = render(request, "sources/review.html#item", context)
        if counts:
            trigger_client_event(response, PENDING_CHANGED)
        return response
    return render(request, "sources/proposed.html", context)


@editor_required
@require_GET
def pending_counts(request: HttpRequest) -> HttpResponse:
    """The pending counts beside the queue and the queue's own total, as out-of-band swaps:
    after an action both change together."""
    context = {**_counts_context(), "oob": True}
    return HttpResponse(
        b"".join(
            render(request, f"sources/review.html#{name}", context).content
            for name in ("counts", "queue-total")
        )
    )


@editor_required
@require_GET
def proposed_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One proposal: its item as the queue shows it (with Undo while it is allowed)."""
    return _item_response(request, _get_item(request, pk))


def _done(request: HttpRequest, pk: int, message: str) -> HttpResponse:
    if request.htmx:
        return _item_response(request, _get_item(request, pk), counts=True)
    messages.success(request, message)
    return redirect(_queue_url(request))


def _refused(request: HttpRequest, pk: int, error: review.ReviewError) -> HttpResponse:
    if request.htmx:
        return _item_response(request, _get_item(request, pk), counts=True, notice=str(error))
    messages.error(request, str(error))
    return redirect(_queue_url(request))


@editor_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        entry = review.approve(pk, by=request.user)
    except review.ProposalGone as error:
        raise Http404(str(error)) from error
    except review.ReviewError as error:
        return _refused(request, pk, error)
    return _done(request, pk, f"Approved: {entry.summary[:80]}")


@editor_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The inline form: correct the proposal, then approve it as corrected."""
    proposed = _get_item(request, pk)
    if request.method == "POST":
        form = EditForm(request.POST, proposed=proposed)
        if form.is_valid():
            try:
                entry = review.approve(pk, by=request.user, changes=form.cleaned_data)
            except review.ReviewError as error:
                return _refused(request, pk, error)
            return _done(request, pk, f"Edited and approved: {entry.summary[:80]}")
    else:
        form = EditForm(proposed=proposed)
    return _item_response(request, proposed, panel="edit", form=form)


@editor_required
@require_http_methods(["GET", "POST"])
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    proposed = _get_item(request, pk)
    if request.method == "POST":
        form = RejectForm(request.POST, prefix_id=str(pk))
        if form.is_valid():
            try:
                review.reject(
                    pk,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except review.ReviewError as error:
                return _refused(request, pk, error)
            return _done(request, pk, "Rejected.")
    else:
        form = RejectForm(prefix_id=str(pk))
    return _item_response(request, proposed, panel="reject", form=form)


@editor_required
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the proposal as one more report of an entry already on the record."""
    proposed = _get_item(request, pk)
    suggestions = review.merge_suggestions(proposed)
    if request.method == "POST":
        form = MergeForm(request.POST, proposed=proposed)
        if form.is_valid():
            try:
                entry = review.merge(pk, form.cleaned_data["chosen"], by=request.user)
            except review.AlreadyReviewed as error:
                return _refused(request, pk, error)
            except review.ReviewError as error:
                form.add_error("entry_number", str(error))
            else:
                return _done(request, pk, f"Merged into: {entry.summary[:80]}")
    else:
        form = MergeForm(proposed=proposed)
    return _item_response(request, proposed, panel="merge", form=form, suggestions=suggestions)


@editor_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(ProposedEntry, pk=pk)
    try:
        review.undo(pk, by=request.user)
    except review.ReviewError as error:
        return _refused(request, pk, error)
    return _done(request, pk, "Undone: the proposal is back in the queue.")


def _bulk_ids(posted: list[str]) -> list[int]:
    """The readable proposal numbers, in the order given, each once. Anything else (a word, a
    negative or far too large number) cannot name a proposal and is left out."""
    ids = [int(value) for value in posted if PROPOSAL_NUMBER.fullmatch(value.strip())]
    return list(dict.fromkeys(pk for pk in ids if 0 < pk <= MAX_ID))


def _bulk_refused(request: HttpRequest, message: str) -> HttpResponse:
    if request.htmx:
        return render(request, "sources/review.html#bulk-status", {"bulk_error": message})
    messages.error(request, message)
    return redirect(_queue_url(request))


@editor_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Approve or reject the selected proposals; each is done or refused on its own."""
    ids = _bulk_ids(request.POST.getlist("ids"))
    if not ids:
        return _bulk_refused(request, "Select the proposals first (x selects the current one).")
    if len(ids) > BULK_MAX:
        return _bulk_refused(
            request, f"Select at most {BULK_MAX} at a time ({len(ids)} were selected)."
        )
    data = request.POST.copy()
    data.setlist("ids", [str(pk) for pk in ids])
    form = BulkForm(data)
    if not form.is_valid():
        return _bulk_refused(request, "; ".join(e for errs in form.errors.values() for e in errs))

    data = form.cleaned_data
    # A proposal can be deleted (its article re-read, say) while it is selected on a page.
    existing = set(ProposedEntry.objects.filter(pk__in=ids).values_list("pk", flat=True))
    gone = [(pk, "it no longer exists") for pk in ids if pk not in existing]
    ids = [pk for pk in ids if pk in existing]
    if data["action"] == "approve":
        result = review.bulk_approve(ids, by=request.user)
        verb = "Approved"
    else:
        result = review.bulk_reject(ids, by=request.user, reason=data["reason"], note=data["note"])
        verb = "Rejected"
    result.refused.extend(gone)
    summary = f"{verb} {len(result.done)}."
    if result.refused:
        summary += " Not done: " + " ".join(f"#{pk}: {why}" for pk, why in result.refused)
    if not request.htmx:
        messages.info(request, summary)
        return redirect(_queue_url(request))

    changed = list(_items_queryset().filter(pk__in=[*result.done, *(p for p, _ in result.refused)]))
    _decorate(changed, request.user)
    response = render(request, "sources/review.html#bulk-status", {"bulk_summary": summary})
    for proposed in changed:
        item = render(
            request,
            "sources/review.html#item",
            {"proposed": proposed, "oob": True, "next": _queue_url(request)},
        )
        response.content += item.content
    return trigger_client_event(response, PENDING_CHANGED)


@editor_required
@require_GET
def review_quality(request: HttpRequest) -> HttpResponse:
    """The desk's measure of the extractor over a period of reviews (the last 90 days unless
    the form says otherwise); an invalid period is shown with its error, the default counted."""
    start, end = quality.default_period()
    form = QualityPeriodForm(request.GET or None, initial={"start": start, "end": end})
    if form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    context = {"form": form, "report": quality.measure(start, end)}
    return render(request, "sources/quality.html", context)


# ---------------------------------------------------------------------------------------------
# Articles


@editor_required
@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    articles = Article.objects.select_related("outlet").annotate(
        pending=Count("proposed_entries", filter=Q(proposed_entries__status=ReviewStatus.PENDING)),
        proposed=Count("proposed_entries"),
    )
    if status in ArticleStatus.values:
        articles = articles.filter(status=status)
    articles = articles.order_by("-created_at", "-pk")
    page = Paginator(articles, ARTICLES_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "statuses": ArticleStatus.choices}
    return render(request, "sources/articles.html", context)


def _article_context(article: Article) -> dict:
    finished = article.status in FINISHED_STATUSES
    proposals = []
    if finished:
        proposals = list(
            article.proposed_entries.select_related("reviewed_by", "entry")
            .prefetch_related("cases")
            .order_by("ordinal")
        )
    return {"article": article, "finished": finished, "proposals": proposals}


@editor_required
@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The article, its status (polled while it is being worked on) and its proposals."""
    article = get_object_or_404(Article.objects.select_related("outlet", "duplicate_of"), pk=pk)
    context = _article_context(article)
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "sources/article.html#status", context)
    # The text in sentences, each knowing its offsets: what an editor selects to add an entry.
    context["paragraphs"] = adding.paragraphs(article.text)
    return render(request, "sources/article.html", context)


# ---------------------------------------------------------------------------------------------
# Submitting


@editor_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    form = SubmitForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        limited = is_ratelimited(
            request,
            group="sources.submit",
            key="user",
            rate=SUBMIT_RATE,
            method="POST",
            increment=True,
        )
        if limited:
            form.is_valid()
            form.add_error(None, "Too many submissions in a short time; wait a minute.")
            status = 429
        elif form.is_valid():
            try:
                result = ingest.submit_form(form.cleaned_data, user=request.user)
            except (ValidationError, ValueError) as error:
                message = "; ".join(getattr(error, "messages", None) or [str(error)])
                form.add_error("url" if form.cleaned_data["url"] else None, f"Refused: {message}")
                status = 400
            else:
                if result.created:
                    # Only what is true whatever happens next: the page says where it stands.
                    messages.success(request, f"Submitted: {result.article}.")
                else:
                    messages.info(
                        request, result.message or f"Already submitted: {result.article}."
                    )
                return redirect(result.article)
    return render(request, "sources/submit.html", {"form": form}, status=status)


# ---------------------------------------------------------------------------------------------
# Adding a development the extractor missed, from the article


def _offset(value) -> int | None:
    """An offset into an article's text, from the query string or the form, or None."""
    value = "" if value is None else str(value).strip()
    # An article is far shorter than nine digits; longer would only make a huge integer.
    return int(value) if value.isdigit() and len(value) <= 9 else None


def _article_for_adding(pk: int) -> Article:
    return get_object_or_404(Article.objects.select_related("outlet"), pk=pk)


def _add_entry_response(
    request: HttpRequest, article: Article, form: AddEntryForm | None, *, status: int = 200, **extra
) -> HttpResponse:
    """The entry form with the quoted span: the panel in place on the article page (htmx), or
    a page of its own."""
    quoted = ""
    if form is not None:
        start, end = _offset(form["start"].value()), _offset(form["end"].value())
        if not adding.span_problem(article.text, start, end):
            quoted = article.text[start:end]
    # In place on the article page, the form posts through htmx; on a page of its own it posts
    # and redirects back to the article.
    in_place = bool(request.htmx)
    context = {"article": article, "form": form, "quoted": quoted, "in_place": in_place, **extra}
    if in_place:
        # htmx swaps in only a 2xx answer (and the browser logs a 4xx as an error): in place,
        # the form with its errors is simply the answer, as the review desk's forms are.
        return render(request, "sources/add_entry.html#panel", context)
    return render(request, "sources/add_entry.html", context, status=status)


@editor_required
@require_GET
def add_entry_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The entry form for the words article.text[start:end], pre-filled with the extractor's
    reading of them (?start=&end=, offsets into the text)."""
    article = _article_for_adding(pk)
    start, end = _offset(request.GET.get("start")), _offset(request.GET.get("end"))
    if problem := adding.span_problem(article.text, start, end):
        return _add_entry_response(request, article, None, status=400, problem=problem)
    reading = adding.read_span(article, start, end)
    initial = reading.initial()
    initial["attribution"] = review.default_attribution(
        reading.kind, reading.speaker_id, reading.quote
    )
    form = AddEntryForm(initial=initial, text=article.text)
    return _add_entry_response(request, article, form, reading=reading)


@editor_required
@require_POST
def add_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the development on the record, cited from the selected words. An invalid form comes
    back as it was typed, with its errors (400)."""
    article = _article_for_adding(pk)
    form = AddEntryForm(request.POST, text=article.text)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = review.add_missed(
                article, data["start"], data["end"], by=request.user, fields=form.entry_fields()
            )
        except review.ReviewError as error:
            form.add_error(None, str(error))
        else:
            if not request.htmx:
                messages.success(request, f"Added: {entry.summary[:80]}")
                return redirect(article)
            article.refresh_from_db()
            context = {"article": article, "entry": entry, "cases": list(entry.cases.all())}
            response = render(request, "sources/add_entry.html#added", context)
            status = render(
                request,
                "sources/article.html#status",
                {**_article_context(article), "oob": True},
            )
            response.content += status.content
            return response
    return _add_entry_response(request, article, form, status=400)
