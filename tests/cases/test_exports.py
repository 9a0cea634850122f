import csv
import datetime
import io
import json

import feedparser
import icalendar
import pytest
from django.urls import reverse

from cases.exports import feed_token
from cases.models import EntryKind, Party, Proposal
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


def test_csv_has_every_field_and_the_sources(analyst_client, entries):
    response = get(analyst_client, "cases:case_csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="griner-timeline.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
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
    rows = list(csv.DictReader(io.StringIO(get(analyst_client, "cases:case_csv").content.decode())))
    second = next(row for row in rows if row["kind"] == "proposal")
    assert second["summary"].startswith("'=HYPERLINK")
    assert second["date"] == "Jun 2022" and second["date_uncertainty"] == "known to the month"


def test_csv_of_a_filtered_timeline(analyst_client, entries):
    response = get(analyst_client, "cases:case_csv", kind="proposal")
    assert 'filename="griner-timeline-filtered.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["kind"] for row in rows] == ["proposal"]


def test_json_has_the_case_the_entries_and_their_sources(analyst_client, entries):
    document = json.loads(get(analyst_client, "cases:case_json").content)
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
    document = json.loads(get(analyst_client, "cases:case_json", kind="response").content)
    assert document["filters"]["kind"] == "response"
    assert [e["kind"] for e in document["entries"]] == ["response"]


def test_icalendar_has_an_all_day_event_per_entry(analyst_client, entries):
    response = get(analyst_client, "cases:case_ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
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
    document = json.loads(get(analyst_client, "cases:case_timelinejs").content)
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
    rows = list(csv.DictReader(io.StringIO(get(client, "cases:case_csv").content.decode())))
    assert any(row["restricted"] == "yes" for row in rows)


@pytest.mark.parametrize(
    "name", ["cases:case_csv", "cases:case_json", "cases:case_ics", "cases:case_timelinejs"]
)
def test_exports_need_the_analyst_role(client, outsider, world, name):
    url = reverse(name, args=["griner"])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


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
def test_exports_run_a_fixed_number_of_queries(
    analyst_client, world, name, django_assert_max_num_queries
):
    from tests.cases.test_views_case import count_queries, fill

    url = reverse(name, args=["griner"])
    fill(3)
    few = count_queries(analyst_client, url)
    fill(30, start=datetime.date(2022, 5, 1))
    with django_assert_max_num_queries(few):
        analyst_client.get(url)
