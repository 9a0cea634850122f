"""Feed polling on feed files written for these tests, through a stubbed HTTP transport."""

import datetime
from pathlib import Path

import httpx
import pytest

from cases.roles import SYSTEM_USERNAME
from sources import feeds
from sources.models import Article, ArticleStatus, Feed, Outlet

pytestmark = pytest.mark.django_db

FEEDS = Path(__file__).parent / "feeds"
RSS = (FEEDS / "wire.rss").read_bytes()
ATOM = (FEEDS / "state.atom").read_bytes()


def public(host, port):
    return ["93.184.216.34"]


def serving(body: bytes, content_type="application/rss+xml", requests=None, **headers):
    def handler(request):
        if requests is not None:
            requests.append(request)
        return httpx.Response(
            200, headers={"content-type": content_type} | headers, content=iter([body])
        )

    return httpx.MockTransport(handler)


@pytest.fixture
def feed():
    outlet = Outlet.objects.create(slug="example-wire", name="Example Wire")
    return Feed.objects.create(url="https://wire.example/world.rss", outlet=outlet)


def test_it_reads_rss_items():
    title, entries = feeds.parse_entries(RSS)
    assert title == "Example Wire: World"
    assert [e["title"] for e in entries][:2] == [
        "Russia acknowledges US request for Lavrov call",
        "Griner testifies at her trial in Khimki",
    ]
    assert entries[0]["published"] == datetime.date(2022, 7, 28)
    assert entries[2]["link"] == ""


def test_it_reads_atom_entries_and_falls_back_to_updated():
    title, entries = feeds.parse_entries(ATOM)
    assert title == "Press statements"
    assert entries[0]["link"] == "https://statements.example/2023/04/gershkovich"
    assert entries[0]["published"] == datetime.date(2023, 4, 10)
    assert entries[1]["published"] == datetime.date(2023, 9, 18)


def test_it_refuses_what_is_not_a_feed():
    with pytest.raises(feeds.fetch.FetchRefused, match="Not a readable feed"):
        feeds.parse_entries(b"<html><body>Not a feed at all")


def test_a_poll_queues_each_new_item_as_an_article(feed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        new = feeds.poll_feed(
            feed,
            resolver=public,
            transport=serving(
                RSS, etag='"v1"', **{"last-modified": "Fri, 29 Jul 2022 09:00:00 GMT"}
            ),
        )
    assert len(new) == 2
    assert len(callbacks) == 2  # one processing task per new article, sent after the commit
    article = Article.objects.get(title="Russia acknowledges US request for Lavrov call")
    assert article.url == "https://wire.example/world/lavrov-call"  # tracking parameters gone
    assert article.status == ArticleStatus.QUEUED
    assert article.feed == feed
    assert article.outlet == feed.outlet
    assert article.published_on == datetime.date(2022, 7, 28)
    assert article.submitted_by.username == SYSTEM_USERNAME
    feed.refresh_from_db()
    assert feed.etag == '"v1"'
    assert feed.last_modified == "Fri, 29 Jul 2022 09:00:00 GMT"
    assert feed.title == "Example Wire: World"
    assert feed.last_polled_at is not None
    assert feed.last_error == ""


def test_a_second_poll_adds_nothing_already_there(feed):
    feeds.poll_feed(feed, resolver=public, transport=serving(RSS))
    assert feeds.poll_feed(feed, resolver=public, transport=serving(RSS)) == []
    assert Article.objects.count() == 2


def test_it_polls_atom_feeds(feed):
    new = feeds.poll_feed(feed, resolver=public, transport=serving(ATOM, "application/atom+xml"))
    assert {s.article.url for s in new} == {
        "https://statements.example/2023/04/gershkovich",
        "https://statements.example/2023/09/release",
    }


def test_it_asks_conditionally_and_a_304_changes_nothing(feed):
    feed.etag = '"v1"'
    feed.last_modified = "Fri, 29 Jul 2022 09:00:00 GMT"
    feed.save()
    requests = []

    def not_modified(request):
        requests.append(request)
        return httpx.Response(304, headers={"etag": '"v1"'})

    new = feeds.poll_feed(feed, resolver=public, transport=httpx.MockTransport(not_modified))
    assert new == []
    assert requests[0].headers["if-none-match"] == '"v1"'
    assert requests[0].headers["if-modified-since"] == "Fri, 29 Jul 2022 09:00:00 GMT"
    assert Article.objects.count() == 0
    feed.refresh_from_db()
    assert feed.etag == '"v1"'
    assert feed.last_polled_at is not None


def test_a_first_poll_sends_no_conditional_headers(feed):
    requests = []
    feeds.poll_feed(feed, resolver=public, transport=serving(RSS, requests=requests))
    assert "if-none-match" not in requests[0].headers
    assert "if-modified-since" not in requests[0].headers


def test_a_feed_on_a_private_address_is_refused_and_noted(feed):
    def private(host, port):
        return ["192.168.0.10"]

    assert feeds.poll_feed(feed, resolver=private, transport=serving(RSS)) == []
    feed.refresh_from_db()
    assert "private address" in feed.last_error
    assert Article.objects.count() == 0


def test_a_broken_feed_is_noted_not_raised(feed):
    transport = serving(b"<html>gone</html>", "text/html")
    assert feeds.poll_feed(feed, resolver=public, transport=transport) == []
    feed.refresh_from_db()
    assert "Not a readable feed" in feed.last_error


@pytest.mark.parametrize(
    "stamp", ["Fri, 31 Dec 9999 00:00:00 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "Sat, 1 Jan 0000"]
)
def test_an_item_dated_outside_the_records_bounds_is_kept_undated(feed, stamp):
    rss = RSS.replace(b"Thu, 28 Jul 2022 18:30:00 GMT", stamp.encode())
    title, entries = feeds.parse_entries(rss)
    assert entries[0]["published"] is None
    feeds.poll_feed(feed, resolver=public, transport=serving(rss))
    article = Article.objects.get(title="Russia acknowledges US request for Lavrov call")
    assert article.published_on is None
    assert article.status == ArticleStatus.QUEUED
