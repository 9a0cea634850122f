"""A case's timeline in the formats other tools read: CSV, JSON, iCalendar, Atom and TimelineJS.

Every format is written by the standard library or a maintained package (csv, json, icalendar,
Django's feedgenerator). CSV, JSON, iCalendar and TimelineJS are streamed (ExportResponse): each
writer is a generator that writes an entry as soon as it is read, and the caller reads the
entries from `export_entries` in chunks of CHUNK_SIZE (QuerySet.iterator), so an
export holds one chunk in memory however long the timeline, and runs a fixed number of queries
per chunk. The Atom feed holds its last 50 entries. Callers pass only entries the user may see.
"""

import csv
import datetime
import json
from collections.abc import Iterable, Iterator, Sequence

import icalendar
from django.contrib.auth import get_user_model
from django.contrib.syndication.views import Feed
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from .corrections import notices
from .dates import shifted
from .models import Case, DatePrecision, TimelineEntry
from .roles import can_read
from .templatetags.dates import format_at_precision, uncertainty
from .timeline import TimelineFilter, entries_with_sources, report_count

# How many entries an export reads at a time: a chunk costs a query per prefetched relation
# (parties, cases, citations, their articles' duplicates), and its entries are all the export
# holds. Measured on 10,000 entries: 500 takes as long as 1,000 or 2,000 (22 MiB at its peak
# against 32 and 55).
CHUNK_SIZE = 500


class ExportResponse(StreamingHttpResponse):
    """An export as a download: sent as its writer produces it, named, and never kept by a cache
    (it may hold entries other users may not see)."""

    def __init__(self, chunks: Iterable, content_type: str, filename: str):
        super().__init__(chunks, content_type=content_type)
        self["Content-Disposition"] = f'attachment; filename="{filename}"'
        patch_cache_control(self, private=True, no_store=True)


def _json_document(head: dict, name: str, items: Iterable, encoder=None) -> Iterator[str]:
    """The text `json.dumps(head | {name: list(items)}, indent=2)` would be, written item by
    item so the list is never held whole. Indenting an item's lines indents only its structure:
    json escapes every newline inside a string."""

    def dump(value) -> str:
        return json.dumps(value, cls=encoder, indent=2, ensure_ascii=False)

    yield dump(head).removesuffix("\n}") + f",\n  {dump(name)}: ["
    empty = True
    for item in items:
        yield ("\n    " if empty else ",\n    ") + dump(item).replace("\n", "\n    ")
        empty = False
    yield "]\n}" if empty else "\n  ]\n}"


# ---------------------------------------------------------------------------------------------
# One flat description of an entry, shared by CSV and JSON.


def _sources(entry: TimelineEntry) -> list[dict]:
    sources = []
    for citation in entry.citations.all():
        article = citation.article
        sources.append(
            {
                "article_id": article.pk,
                "outlet": article.outlet.name if article.outlet else "",
                "title": article.title,
                "url": article.url or "",
                "published_on": article.published_on,
                "evidence": citation.evidence,
                "duplicates": [
                    {
                        "article_id": duplicate.pk,
                        "outlet": duplicate.outlet.name if duplicate.outlet else "",
                        "title": duplicate.title,
                        "url": duplicate.url or "",
                        "published_on": duplicate.published_on,
                    }
                    for duplicate in article.duplicates.all()
                ],
            }
        )
    return sources


def export_entries(user) -> QuerySet[TimelineEntry]:
    """The entries `user` may see, with their sources and corrections: what every export reads."""
    return entries_with_sources(user).prefetch_related("corrections")


def entry_record(entry: TimelineEntry, base_url: str) -> dict:
    return {
        "id": entry.pk,
        "permalink": base_url + entry.get_absolute_url(),
        "occurred_on": entry.occurred_on,
        "precision": entry.precision,
        "date": format_at_precision(entry.occurred_on, entry.precision),
        "date_uncertainty": uncertainty(entry.precision),
        "reported_on": entry.reported_on,
        "kind": entry.kind,
        "kind_label": entry.get_kind_display(),
        "summary": entry.summary,
        "quote": entry.quote,
        "speaker": entry.speaker.name if entry.speaker else "",
        "speaker_slug": entry.speaker.slug if entry.speaker else "",
        "attribution": entry.attribution,
        "attribution_label": entry.get_attribution_display(),
        "cases": [case.slug for case in entry.cases.all()],
        "parties": [party.slug for party in entry.parties.all()],
        "proposal": entry.proposal.slug if entry.proposal else "",
        "proposal_title": entry.proposal.title if entry.proposal else "",
        "restricted": entry.restricted,
        "approved_at": entry.approved_at,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
        "reports": report_count(entry),
        # As analysts read them beside the entry: what changed, not the editors' reasons.
        "corrections": [
            f"Corrected {notice.date}: {notice.text}" for notice in notices(entry, editors=False)
        ],
        "sources": _sources(entry),
    }


# ---------------------------------------------------------------------------------------------
# CSV


CSV_COLUMNS = [
    "id",
    "permalink",
    "occurred_on",
    "precision",
    "date",
    "date_uncertainty",
    "reported_on",
    "kind",
    "kind_label",
    "summary",
    "quote",
    "speaker",
    "speaker_slug",
    "attribution",
    "attribution_label",
    "cases",
    "parties",
    "proposal",
    "proposal_title",
    "restricted",
    "approved_at",
    "created_at",
    "updated_at",
    "reports",
    "corrections",
    "source_outlets",
    "source_titles",
    "source_urls",
    "source_evidence",
]


def _spreadsheet_safe(value: str) -> str:
    """Text from news articles must not run as a formula when the file is opened in a
    spreadsheet (OWASP's CSV injection advice): a leading =, +, -, @ gets a quote mark."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def _csv_value(value) -> str:
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, datetime.datetime):
        value = value.isoformat(timespec="seconds")
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    elif value is None:
        value = ""
    return _spreadsheet_safe(str(value))


class _Echo:
    """A file that hands back what is written to it, so each row csv writes can be yielded (as
    in Django's "Streaming large CSV files")."""

    def write(self, value: str) -> str:
        return value


def to_csv(entries: Iterable[TimelineEntry], base_url: str) -> Iterator[str]:
    """One row per entry; a cell with several sources lists them in order, one per line."""
    writer = csv.DictWriter(_Echo(), fieldnames=CSV_COLUMNS)
    yield writer.writeheader()
    for entry in entries:
        record = entry_record(entry, base_url)
        sources = record.pop("sources")
        row = {name: _csv_value(value) for name, value in record.items()}
        row["source_outlets"] = "\n".join(_csv_value(s["outlet"]) for s in sources)
        row["source_titles"] = "\n".join(_csv_value(s["title"]) for s in sources)
        row["source_urls"] = "\n".join(_csv_value(s["url"]) for s in sources)
        row["source_evidence"] = "\n".join(_csv_value(s["evidence"]) for s in sources)
        yield writer.writerow(row)


# ---------------------------------------------------------------------------------------------
# JSON


def case_record(case: Case, today: datetime.date) -> dict:
    current = case.current_status
    return {
        "slug": case.slug,
        "name": case.name,
        "detainee": case.detainee.name,
        "status": current.status if current else "",
        "status_label": current.get_status_display() if current else "",
        "detained_on": case.detained_on,
        "released_on": case.released_on,
        "days_detained": case.days_detained(today),
        "designated_wrongfully_detained_on": case.designated_on,
        "detained_at": case.detained_at,
        "held_at": case.held_at,
        "charges": case.charges,
        "sentence": case.sentence,
        "summary": case.summary,
        "status_history": [
            {"status": change.status, "on": change.on, "note": change.note}
            for change in case._changes()
        ],
    }


def to_json(
    case: Case, entries: Iterable[TimelineEntry], base_url: str, filters: dict, today
) -> Iterator[str]:
    """{"case": ..., "filters": ..., "generated_at": ..., "entries": [...]}"""
    head = {
        "case": case_record(case, today),
        "filters": {name: str(value) for name, value in filters.items() if value},
        "generated_at": timezone.now(),
    }
    records = (entry_record(entry, base_url) for entry in entries)
    return _json_document(head, "entries", records, encoder=DjangoJSONEncoder)


# ---------------------------------------------------------------------------------------------
# iCalendar: an all-day event per entry; a date known to the week or month spans it.


def _event_span(entry: TimelineEntry) -> tuple[datetime.date, datetime.date | None]:
    """The event's first day and the day after its last; None for the day after 9999-12-31,
    which no calendar can hold (an all-day event without DTEND is one day long)."""
    on = entry.occurred_on
    if entry.precision == DatePrecision.WEEK:
        start = on - datetime.timedelta(days=on.weekday())
        end = shifted(start, datetime.timedelta(days=7))
    elif entry.precision == DatePrecision.MONTH:
        start = on.replace(day=1)
        end = shifted(start, datetime.timedelta(days=32)).replace(day=1)
    else:
        start = on
        end = shifted(on, datetime.timedelta(days=1))
    return start, end if end > start else None


def _plain_description(record: dict) -> str:
    lines = [record["summary"]]
    if record["quote"]:
        speaker = f" ({record['speaker']})" if record["speaker"] else ""
        lines.append(f"“{record['quote']}”{speaker}")
    if record["date_uncertainty"]:
        lines.append(f"Date: {record['date']} ({record['date_uncertainty']}).")
    lines.append(f"Attribution: {record['attribution_label']}.")
    lines.extend(f"{correction}." for correction in record["corrections"])
    for source in record["sources"]:
        lines.append(f"Source: {source['outlet']}, {source['title']} {source['url']}".strip())
    lines.append(record["permalink"])
    return "\n".join(lines)


CALENDAR_END = b"END:VCALENDAR\r\n"


def to_ical(
    case: Case, entries: Iterable[TimelineEntry], base_url: str, host: str
) -> Iterator[bytes]:
    """The calendar's opening lines, then each event as it is read (Event.to_ical writes the
    lines Calendar.to_ical would write for it), then the closing line."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Detention tracker//Case timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{case.name}: timeline")
    yield calendar.to_ical().removesuffix(CALENDAR_END)
    stamp = timezone.now()
    for entry in entries:
        record = entry_record(entry, base_url)
        start, end = _event_span(entry)
        event = icalendar.Event()
        event.add("uid", f"entry-{entry.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        if end is not None:
            event.add("dtend", end)
        event.add("summary", f"{record['kind_label']}: {record['summary']}")
        event.add("description", _plain_description(record))
        event.add("categories", [record["kind_label"]])
        event.add("url", record["permalink"])
        event.add("last-modified", entry.updated_at)
        yield event.to_ical()
    yield CALENDAR_END


# ---------------------------------------------------------------------------------------------
# TimelineJS (Knight Lab): https://timeline.knightlab.com/docs/json-format.html


def _timelinejs_date(on: datetime.date, precision: str) -> dict:
    if precision == DatePrecision.YEAR:
        return {"year": on.year}
    if precision in (DatePrecision.MONTH, DatePrecision.APPROXIMATE):
        return {"year": on.year, "month": on.month}
    return {"year": on.year, "month": on.month, "day": on.day}


def _timelinejs_text(record: dict) -> str:
    """TimelineJS renders this as HTML, so every value is escaped."""
    parts = [format_html("<p>{}</p>", record["summary"])]
    if record["quote"]:
        parts.append(
            format_html("<blockquote>“{}” {}</blockquote>", record["quote"], record["speaker"])
        )
    parts.extend(format_html("<p><em>{}.</em></p>", c) for c in record["corrections"])
    if record["sources"]:
        parts.append(
            format_html(
                "<p>Sources: {}</p>",
                format_html_join(
                    ", ",
                    '<a href="{}">{}</a> ({})',
                    (
                        (s["url"] or record["permalink"], s["title"] or "untitled", s["outlet"])
                        for s in record["sources"]
                    ),
                ),
            )
        )
    return "".join(parts)


def _timelinejs_event(entry: TimelineEntry, base_url: str) -> dict:
    record = entry_record(entry, base_url)
    return {
        "unique_id": f"entry-{entry.pk}",
        "start_date": _timelinejs_date(entry.occurred_on, entry.precision),
        "display_date": record["date"],
        "text": {"headline": record["kind_label"], "text": _timelinejs_text(record)},
        "group": record["kind_label"],
    }


def to_timelinejs(
    case: Case, entries: Iterable[TimelineEntry], proposals: Sequence, base_url: str
) -> Iterator[str]:
    """{"title": ..., "eras": [...], "events": [...]}, without "eras" when no proposal has two
    status changes. The events come last so they can be written as they are read."""
    eras = []
    for proposal in proposals:
        changes = sorted(proposal.status_changes.all(), key=lambda change: (change.on, change.pk))
        if len(changes) < 2:
            continue
        eras.append(
            {
                "start_date": _timelinejs_date(changes[0].on, changes[0].precision),
                "end_date": _timelinejs_date(changes[-1].on, changes[-1].precision),
                "text": {"headline": proposal.title},
            }
        )
    head = {
        "title": {
            "text": {
                "headline": format_html("{}", case.name),
                "text": format_html("<p>{}</p>", case.summary),
            }
        },
    }
    if eras:
        head["eras"] = eras
    events = (_timelinejs_event(entry, base_url) for entry in entries)
    return _json_document(head, "events", events)


# ---------------------------------------------------------------------------------------------
# Atom: new entries on a case, for feed readers. A feed reader cannot sign in, so the feed URL
# may carry a token: an HMAC of the user's id and password hash. It needs no table, and changing
# the password revokes it. Without a token the session is used, like every other page.


def feed_token(user) -> str:
    digest = salted_hmac("cases.feed", f"{user.pk}:{user.password}").hexdigest()[:32]
    return f"{user.pk}-{digest}"


def user_for_feed_token(token: str):
    user_id, _, digest = token.partition("-")
    if not user_id.isdigit() or not digest:
        return None
    user = get_user_model().objects.filter(pk=int(user_id), is_active=True).first()
    if user is None or not constant_time_compare(feed_token(user), token):
        return None
    return user


class FeedRequest:
    """What one feed request is about: the case, the reader, the filters."""

    def __init__(self, case: Case, user, filters: TimelineFilter, base_url: str):
        self.case, self.user, self.filters, self.base_url = case, user, filters, base_url


class CaseEntriesFeed(Feed):
    """New entries on a case's record (optionally filtered like the timeline), newest first.

    The view that calls this has already decided who the reader is (request.feed_user)."""

    feed_type = Atom1Feed
    limit = 50

    def get_object(self, request, slug: str) -> FeedRequest:
        case = get_object_or_404(Case.objects.select_related("detainee"), slug=slug)
        user = getattr(request, "feed_user", None)
        if user is None or not can_read(user):
            raise Http404
        filters = TimelineFilter(request.GET, case=case, user=user)
        return FeedRequest(case, user, filters, request.build_absolute_uri("/").rstrip("/"))

    def title(self, obj: FeedRequest) -> str:
        return f"{obj.case.name}: new timeline entries"

    def subtitle(self, obj: FeedRequest) -> str:
        return obj.case.summary

    def link(self, obj: FeedRequest) -> str:
        return obj.case.get_absolute_url()

    def items(self, obj: FeedRequest):
        entries = obj.filters.apply(export_entries(obj.user).filter(cases=obj.case))
        return entries.annotate(added_at=Coalesce("approved_at", "created_at")).order_by(
            "-added_at", "-pk"
        )[: self.limit]

    def item_title(self, entry: TimelineEntry) -> str:
        date = format_at_precision(entry.occurred_on, entry.precision)
        return f"{date} · {entry.get_kind_display()}: {entry.summary[:120]}"

    def item_description(self, entry: TimelineEntry) -> str:
        record = entry_record(entry, "")
        return _timelinejs_text(record) + format_html(
            "<p>{} · {}{}</p>",
            record["date"],
            record["attribution_label"],
            f" · {record['date_uncertainty']}" if record["date_uncertainty"] else "",
        )

    def item_link(self, entry: TimelineEntry) -> str:
        return entry.get_absolute_url()

    def item_pubdate(self, entry: TimelineEntry) -> datetime.datetime:
        return entry.added_at

    def item_updateddate(self, entry: TimelineEntry) -> datetime.datetime:
        return entry.updated_at

    def item_categories(self, entry: TimelineEntry) -> list[str]:
        return [entry.get_kind_display()]

    def item_author_name(self, entry: TimelineEntry) -> str | None:
        return entry.speaker.name if entry.speaker else None
