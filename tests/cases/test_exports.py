import csv
import datetime
import io
import json

import feedparser
import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import exports
from cases.exports import feed_token
from cases.models import Case, EntryKind, Party, Proposal, TimelineEntry
from sources.models import Article, Citation
from tests.factories import make_article, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(world):
    article = make_article(
        title="Russia says Lavrov will pay attention", url="https://cnn.example/a"
    )
    make_article(title="Syndicated copy", duplicate_of=article)
    first = make_entry(
        article=article,
        parties=("lavrov", "blinken"),
        kind=EntryKind.RESPONSE,
        summary="Russia says Lavrov will 'pay attention' to a request for a call.",
        quote="We will pay attention",
        speaker=Party.objects.get(slug="zakharova"),
        proposal=Proposal.objects.get(slug="bout-swap"),
    )
    second = make_entry(
        kind=EntryKind.PROPOSAL,
        summary='=HYPERLINK("http://evil.example") the U.S. made an offer',
        occurred_on=datetime.date(2022, 6, 1),
        precision="month",
    )
    make_entry(summary="Restricted: not for analysts", restricted=True)
    return first, second


def get(client, name, **params):
    response = client.get(reverse(name, args=["griner"]), params)
    assert response.status_code == 200
    return response


def body(response) -> bytes:
    """The whole of a streamed export. Its entries are read (and its queries run) only now."""
    assert response.streaming
    return b"".join(response.streaming_content)


def text(client, name, **params) -> str:
    return body(get(client, name, **params)).decode()


def test_csv_has_every_field_and_the_sources(analyst_client, entries):
    response = get(analyst_client, "cases:case_csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="griner-timeline.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert len(rows) == 2  # the restricted entry is not exported to an analyst
    first = next(row for row in rows if row["kind"] == "response")
    assert first["occurred_on"] == "2022-07-28"
    assert first["date"] == "28 Jul 2022"
    assert first["speaker_slug"] == "zakharova"
    assert first["quote"] == "We will pay attention"
    assert first["parties"] == "blinken; lavrov"
    assert first["proposal"] == "bout-swap"
    assert first["source_outlets"] == "Wire"
    assert first["source_urls"] == "https://cnn.example/a"
    assert first["source_evidence"].startswith("Brittney Griner was detained")
    assert first["reports"] == "2"
    assert first["permalink"].endswith(reverse("cases:entry", args=[entries[0].pk]))


def test_csv_cells_cannot_run_as_spreadsheet_formulas(analyst_client, entries):
    rows = list(csv.DictReader(io.StringIO(text(analyst_client, "cases:case_csv"))))
    second = next(row for row in rows if row["kind"] == "proposal")
    assert second["summary"].startswith("'=HYPERLINK")
    assert second["date"] == "Jun 2022" and second["date_uncertainty"] == "known to the month"


def test_csv_of_a_filtered_timeline(analyst_client, entries):
    response = get(analyst_client, "cases:case_csv", kind="proposal")
    assert 'filename="griner-timeline-filtered.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    assert [row["kind"] for row in rows] == ["proposal"]


def test_json_has_the_case_the_entries_and_their_sources(analyst_client, entries):
    document = json.loads(text(analyst_client, "cases:case_json"))
    assert document["case"]["slug"] == "griner"
    assert document["case"]["days_detained"] == 294
    assert document["case"]["status"] == "exchanged"
    assert len(document["entries"]) == 2
    first = next(e for e in document["entries"] if e["kind"] == "response")
    assert first["parties"] == ["blinken", "lavrov"]
    (source,) = first["sources"]
    assert source["url"] == "https://cnn.example/a"
    assert source["outlet"] == "Wire"
    assert [d["title"] for d in source["duplicates"]] == ["Syndicated copy"]
    assert first["restricted"] is False


def test_json_records_the_filters(analyst_client, entries):
    document = json.loads(text(analyst_client, "cases:case_json", kind="response"))
    assert document["filters"]["kind"] == "response"
    assert [e["kind"] for e in document["entries"]] == ["response"]


def test_icalendar_has_an_all_day_event_per_entry(analyst_client, entries):
    response = get(analyst_client, "cases:case_ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(body(response))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    by_uid = {str(event["UID"]): event for event in events}
    first = by_uid[f"entry-{entries[0].pk}@testserver"]
    assert first.decoded("DTSTART") == datetime.date(2022, 7, 28)
    assert first.decoded("DTEND") == datetime.date(2022, 7, 29)
    assert str(first["SUMMARY"]).startswith("Response: Russia says Lavrov")
    assert "https://cnn.example/a" in str(first["DESCRIPTION"])
    # A date known to the month spans the month.
    second = by_uid[f"entry-{entries[1].pk}@testserver"]
    assert second.decoded("DTSTART") == datetime.date(2022, 6, 1)
    assert second.decoded("DTEND") == datetime.date(2022, 7, 1)


def test_timelinejs_follows_the_knight_lab_format(analyst_client, entries):
    document = json.loads(text(analyst_client, "cases:case_timelinejs"))
    assert document["title"]["text"]["headline"] == "Brittney Griner"
    events = {event["unique_id"]: event for event in document["events"]}
    first = events[f"entry-{entries[0].pk}"]
    assert first["start_date"] == {"year": 2022, "month": 7, "day": 28}
    assert first["text"]["headline"] == "Response"
    assert "&#x27;pay attention&#x27;" in first["text"]["text"]  # escaped: TimelineJS renders HTML
    assert 'href="https://cnn.example/a"' in first["text"]["text"]
    second = events[f"entry-{entries[1].pk}"]
    assert second["start_date"] == {"year": 2022, "month": 6}  # no day it does not know
    assert document["eras"][0]["start_date"]["year"] == 2022


def test_atom_feed_of_new_entries(analyst_client, entries):
    response = get(analyst_client, "cases:case_feed")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Brittney Griner: new timeline entries"
    assert len(feed.entries) == 2
    titles = [item.title for item in feed.entries]
    assert any("Response: Russia says Lavrov" in title for title in titles)
    assert all("Restricted" not in title for title in titles)
    link = next(item.link for item in feed.entries if "Response" in item.title)
    assert link.endswith(reverse("cases:entry", args=[entries[0].pk]))


def test_a_feed_reader_signs_in_with_the_personal_token(client, analyst, entries):
    url = reverse("cases:case_feed", args=["griner"])
    assert client.get(url).status_code == 302  # no session, no token: sign in
    response = client.get(url, {"token": feed_token(analyst)})
    assert response.status_code == 200
    assert len(feedparser.parse(response.content).entries) == 2
    assert client.get(url, {"token": feed_token(analyst) + "0"}).status_code == 403
    assert client.get(url, {"token": "nonsense"}).status_code == 403


def test_changing_the_password_revokes_the_feed_token(client, analyst, entries):
    token = feed_token(analyst)
    analyst.set_password("a-new-password-2")
    analyst.save()
    url = reverse("cases:case_feed", args=["griner"])
    assert client.get(url, {"token": token}).status_code == 403


def test_an_editors_feed_includes_restricted_entries(client, editor, entries):
    url = reverse("cases:case_feed", args=["griner"])
    feed = feedparser.parse(client.get(url, {"token": feed_token(editor)}).content)
    assert any("Restricted" in item.title for item in feed.entries)


def test_an_editors_export_includes_restricted_entries(client, editor, entries):
    client.force_login(editor)
    rows = list(csv.DictReader(io.StringIO(text(client, "cases:case_csv"))))
    assert any(row["restricted"] == "yes" for row in rows)


@pytest.mark.parametrize(
    "name", ["cases:case_csv", "cases:case_json", "cases:case_ics", "cases:case_timelinejs"]
)
def test_exports_need_the_analyst_role(client, outsider, world, name):
    url = reverse(name, args=["griner"])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def count_queries(client, name: str) -> int:
    """The queries of one request, the reading of a streamed body included."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name, args=["griner"]))
        assert response.status_code == 200
        if response.streaming:
            body(response)
    return len(captured)


@pytest.mark.parametrize(
    "name",
    [
        "cases:case_csv",
        "cases:case_json",
        "cases:case_ics",
        "cases:case_timelinejs",
        "cases:case_feed",
    ],
)
def test_exports_run_a_fixed_number_of_queries(analyst_client, world, name):
    from tests.cases.test_views_case import fill

    fill(3)
    few = count_queries(analyst_client, name)
    fill(30, start=datetime.date(2022, 5, 1))
    assert count_queries(analyst_client, name) == few


STREAMED = ["cases:case_csv", "cases:case_json", "cases:case_ics", "cases:case_timelinejs"]


@pytest.mark.parametrize("name", STREAMED)
def test_exports_are_streamed_downloads_that_no_cache_keeps(analyst_client, entries, name):
    response = get(analyst_client, name)
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="griner-timeline.')
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}


@pytest.mark.parametrize("name", STREAMED)
def test_no_streamed_export_has_a_restricted_entry_for_an_analyst(analyst_client, entries, name):
    content = text(analyst_client, name)
    assert "Russia says Lavrov" in content
    assert "Restricted: not for analysts" not in content


# Each chunk of entries is read with one query for the parties, the cases, the citations (with
# their articles and outlets), the articles' duplicates and the corrections; the rows come from
# one cursor.
QUERIES_PER_CHUNK = 5


def test_an_exports_queries_grow_by_one_set_per_chunk_only(analyst_client, world, monkeypatch):
    from tests.cases.test_views_case import fill

    monkeypatch.setattr(exports, "CHUNK_SIZE", 60)
    fill(5)
    five = {name: count_queries(analyst_client, name) for name in STREAMED}
    fill(45, start=datetime.date(2022, 5, 1))
    fifty = {name: count_queries(analyst_client, name) for name in STREAMED}
    assert fifty == five  # 5 and 50 entries: one chunk each
    monkeypatch.setattr(exports, "CHUNK_SIZE", 10)
    in_five_chunks = {name: count_queries(analyst_client, name) for name in STREAMED}
    assert in_five_chunks == {name: five[name] + 4 * QUERIES_PER_CHUNK for name in STREAMED}


@pytest.fixture
def many(world):
    """600 entries on Griner's case, made in bulk, each citing an article of its own; every
    third article has a duplicate."""
    griner = Case.objects.get(slug="griner")
    articles = Article.objects.bulk_create(
        Article(url=f"https://news.example/many/{n}", title=f"Report {n}", status="done")
        for n in range(600)
    )
    Article.objects.bulk_create(
        Article(url=f"https://copy.example/many/{n}", title=f"Copy {n}", duplicate_of=article)
        for n, article in enumerate(articles)
        if n % 3 == 0
    )
    entries = TimelineEntry.objects.bulk_create(
        TimelineEntry(
            occurred_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            reported_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            kind=EntryKind.STATEMENT,
            summary=f"Development {n}",
        )
        for n in range(600)
    )
    TimelineEntry.cases.through.objects.bulk_create(
        TimelineEntry.cases.through(timelineentry=entry, case=griner) for entry in entries
    )
    Citation.objects.bulk_create(
        Citation(entry=entry, article=article, evidence=f"Evidence {n}")
        for n, (entry, article) in enumerate(zip(entries, articles, strict=True))
    )
    return entries


def test_a_long_csv_export_is_complete_across_chunks(analyst_client, many, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 64)  # ten chunks, the last one short
    rows = list(csv.DictReader(io.StringIO(text(analyst_client, "cases:case_csv", order="oldest"))))
    assert [int(row["id"]) for row in rows] == [entry.pk for entry in many]
    for n, row in enumerate(rows):  # each row has its own sources, not a neighbour's
        assert row["summary"] == f"Development {n}"
        assert row["source_titles"] == f"Report {n}"
        assert row["source_evidence"] == f"Evidence {n}"
        assert row["reports"] == ("2" if n % 3 == 0 else "1")


def test_a_long_json_export_is_complete_across_chunks(analyst_client, many, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 64)
    content = text(analyst_client, "cases:case_json", order="oldest")
    document = json.loads(content)
    assert list(document) == ["case", "filters", "generated_at", "entries"]
    assert [entry["id"] for entry in document["entries"]] == [entry.pk for entry in many]
    for n, entry in enumerate(document["entries"]):
        (source,) = entry["sources"]
        assert source["title"] == f"Report {n}"
        assert [d["title"] for d in source["duplicates"]] == ([f"Copy {n}"] if n % 3 == 0 else [])
    # Written piece by piece, it is the text one json.dumps of the document would give.
    assert content == json.dumps(document, indent=2, ensure_ascii=False)


def test_an_empty_json_export_is_still_one_document(analyst_client, world):
    content = text(analyst_client, "cases:case_json", kind="release")
    document = json.loads(content)
    assert document["entries"] == []
    assert content == json.dumps(document, indent=2, ensure_ascii=False)


def test_a_long_calendar_is_complete_across_chunks(analyst_client, many, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 64)
    calendar = icalendar.Calendar.from_ical(
        body(get(analyst_client, "cases:case_ics", order="oldest"))
    )
    assert str(calendar["X-WR-CALNAME"]) == "Brittney Griner: timeline"
    events = calendar.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [
        f"entry-{entry.pk}@testserver" for entry in many
    ]
    assert all(
        str(event["SUMMARY"]) == f"Statement: Development {n}" for n, event in enumerate(events)
    )


def test_a_long_timelinejs_export_is_complete_across_chunks(analyst_client, many, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 64)
    document = json.loads(text(analyst_client, "cases:case_timelinejs", order="oldest"))
    assert [event["unique_id"] for event in document["events"]] == [
        f"entry-{entry.pk}" for entry in many
    ]


def test_an_export_reads_its_sources_without_their_article_text(entries):
    # An entry shows its sources' titles, outlets and dates: the cited articles' text (a few
    # kilobytes each) stays in the database, which makes a long export a fifth faster.
    first, _ = entries
    entry = exports.export_entries(AnonymousUser()).get(pk=first.pk)
    [citation] = entry.citations.all()
    [duplicate] = citation.article.duplicates.all()
    for article in (citation.article, duplicate):
        assert {"text", "error"} <= article.get_deferred_fields()
    assert exports.entry_record(entry, "https://example.org")["sources"][0]["duplicates"]
