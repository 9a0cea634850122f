"""Polling RSS and Atom feeds: each new item becomes a queued article, fetched like a submitted URL.

A feed URL is as untrusted as any other, so it is fetched through the same guard (sources.fetch).
Polls are conditional: the ETag and Last-Modified of the last answer go back to the server, and
a 304 Not Modified costs neither parsing nor queries.
"""

import datetime
import logging

import feedparser
from django.utils import timezone

from cases.dates import in_bounds

from . import fetch
from .ingest import Submission, submit_feed_entry
from .models import Feed

log = logging.getLogger(__name__)

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
    "text/html",  # some servers send feeds as text/html; feedparser decides
    "text/plain",
)


def parse_entries(content: bytes) -> tuple[str, list[dict]]:
    """The feed's title and its items as {link, title, published}, newest first as given."""
    parsed = feedparser.parse(content)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception") or "no RSS or Atom in it"
        raise fetch.FetchRefused(f"Not a readable feed: {reason}")
    entries = []
    for item in parsed.entries:
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(
            {
                "link": item.get("link", ""),
                "title": item.get("title", ""),
                "published": _date(stamp),
            }
        )
    return parsed.feed.get("title", ""), entries


def _date(stamp) -> datetime.date | None:
    """The item's date, or None when it has none the record can hold: the article is then kept
    undated (and takes the page's own date when it is fetched, if that one is sound)."""
    if not stamp:
        return None
    try:
        date = datetime.date(*stamp[:3])
    except ValueError:
        return None
    return date if in_bounds(date) else None


def poll_feed(feed: Feed, *, resolver=None, transport=None) -> list[Submission]:
    """Fetch the feed if it changed and submit its new items. Errors are kept on the feed
    (last_error), never raised, except transient ones, which the task retries."""
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    feed.last_polled_at = timezone.now()
    try:
        response = fetch.get(
            feed.url, accept=FEED_TYPES, headers=headers, resolver=resolver, transport=transport
        )
        if response.status == 304:
            feed.last_error = ""
            feed.save(update_fields=["last_polled_at", "last_error"])
            return []
        title, entries = parse_entries(response.content)
    except fetch.FetchRefused as exc:
        feed.last_error = str(exc)
        feed.save(update_fields=["last_polled_at", "last_error"])
        return []
    submitted = [s for s in (submit_feed_entry(feed, entry) for entry in entries) if s]
    new = [s for s in submitted if s.created]
    feed.etag = response.headers.get("etag", "")[:300]
    feed.last_modified = response.headers.get("last-modified", "")[:100]
    feed.title = feed.title or title[:300]
    feed.last_error = ""
    feed.save(update_fields=["etag", "last_modified", "title", "last_error", "last_polled_at"])
    log.info("Feed %s: %d items, %d new", feed.pk, len(entries), len(new))
    return new
