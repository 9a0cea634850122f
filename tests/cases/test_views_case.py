import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.caching import entries_changed
from cases.models import Attribution, Case, EntryKind, Party, Proposal, TimelineEntry
from cases.summary import touch
from sources.models import Citation
from tests.factories import SEED_TEXT, make_article, make_entry

pytestmark = pytest.mark.django_db

URL = reverse("cases:case", args=["griner"])


def fill(count: int, start=datetime.date(2022, 3, 1)):
    """`count` entries on Griner's case, each with two sources, a duplicate, parties, a
    speaker and the proposal: everything the entry template reads."""
    price = Party.objects.get(slug="price")
    proposal = Proposal.objects.get(slug="bout-swap")
    for n in range(count):
        article = make_article(title=f"Report {n}")
        make_article(title=f"Copy of report {n}", duplicate_of=article)
        entry = make_entry(
            parties=("price", "lavrov"),
            article=article,
            occurred_on=start + datetime.timedelta(days=n),
            speaker=price,
            quote=f"Quote {n}",
            proposal=proposal,
        )
        entry.citations.create(article=make_article(title=f"Second {n}"), evidence="Also said.")


def test_it_shows_the_facts_of_the_case(analyst_client, world):
    response = analyst_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Brittney Griner</h1>" in html
    assert "294</strong> days detained" in html  # 17 Feb to 8 Dec 2022
    assert "Exchanged" in html and "since 8 Dec 2022" in html
    assert "Designated wrongfully detained on 3 May 2022" in html
    assert "IK-2 penal colony" in html
    assert "9 years in a penal colony" in html
    assert reverse("cases:proposal", args=["bout-swap"]) in html


def test_it_shows_an_entry_with_its_date_kind_quote_and_sources(analyst_client, world):
    article = make_article(
        title="Russia says Lavrov will pay attention", url="https://cnn.example/a"
    )
    make_article(title="Syndicated copy", duplicate_of=article)
    entry = make_entry(
        article=article,
        parties=("lavrov",),
        kind=EntryKind.RESPONSE,
        quote="We will pay attention",
        speaker=Party.objects.get(slug="zakharova"),
        attribution=Attribution.ANONYMOUS,
        proposal=Proposal.objects.get(slug="bout-swap"),
    )
    html = analyst_client.get(URL).content.decode()
    assert f'id="entry-{entry.pk}"' in html
    assert "28 Jul 2022" in html
    assert '<span class="kind-badge kind-response">Response</span>' in html
    assert "We will pay attention" in html
    assert reverse("cases:party", args=["zakharova"]) in html
    assert "Anonymous official" in html
    assert 'href="https://cnn.example/a"' in html
    assert "<summary>Evidence" in html and "Brittney Griner was detained" in html
    assert "2 reports" in html  # the cited article and its near-duplicate
    assert reverse("cases:entry", args=[entry.pk]) in html


def test_an_uncertain_date_says_so(analyst_client, world):
    make_entry(occurred_on=datetime.date(2022, 6, 1), precision="month")
    make_entry(occurred_on=datetime.date(2022, 6, 1), precision="approximate")
    html = analyst_client.get(URL).content.decode()
    assert "Jun 2022" in html and "Date uncertain: known to the month" in html
    assert "~ Jun 2022" in html and "Date uncertain: approximate date" in html


def timeline_list(response) -> str:
    """The list of entries, after the overview (whose marks' titles repeat the summaries)."""
    return response.content.decode().split('id="timeline-list"')[1]


def test_milestones_and_status_changes_stand_in_the_timeline(analyst_client, world):
    make_entry()
    html = timeline_list(analyst_client.get(URL))
    assert "Milestone: 100 days detained" in html
    assert "Status: Sentenced" in html
    assert html.index("Status: Exchanged") < html.index("Status: Detained")  # newest first


def test_it_lists_oldest_first_when_asked(analyst_client, world):
    make_entry(summary="Earlier entry", occurred_on=datetime.date(2022, 3, 1))
    make_entry(summary="Later entry", occurred_on=datetime.date(2022, 9, 1))
    html = timeline_list(analyst_client.get(URL, {"order": "oldest"}))
    assert html.index("Earlier entry") < html.index("Later entry")
    html = timeline_list(analyst_client.get(URL))
    assert html.index("Later entry") < html.index("Earlier entry")


def test_it_groups_entries_by_month(analyst_client, world):
    make_entry(occurred_on=datetime.date(2022, 7, 28))
    make_entry(occurred_on=datetime.date(2022, 3, 2))
    html = analyst_client.get(URL).content.decode()
    assert ">July 2022</h3>" in html and ">March 2022</h3>" in html


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"kind": "court"}, "Court hearing", "Price statement"),
        ({"party": "lavrov"}, "Lavrov response", "Court hearing"),
        ({"proposal": "bout-swap"}, "Price statement", "Court hearing"),
        ({"start": "2022-07-01", "end": "2022-07-31"}, "Court hearing", "Lavrov response"),
        ({"q": "hearing"}, "Court hearing", "Price statement"),
    ],
)
def test_it_filters_the_timeline(analyst_client, world, params, shown, hidden):
    make_entry(summary="Court hearing in Khimki", kind=EntryKind.COURT)
    make_entry(
        summary="Price statement on the offer", proposal=Proposal.objects.get(slug="bout-swap")
    )
    make_entry(
        summary="Lavrov response", parties=("lavrov",), occurred_on=datetime.date(2022, 8, 1)
    )
    html = analyst_client.get(URL, params).content.decode()
    assert shown in html
    assert hidden not in html
    assert "match the filters" in html


def test_the_filters_stay_in_the_export_links(analyst_client, world):
    make_entry(kind=EntryKind.COURT)
    html = analyst_client.get(URL, {"kind": "court"}).content.decode()
    assert reverse("cases:case_csv", args=["griner"]) + "?kind=court" in html


def test_an_htmx_request_gets_the_timeline_fragment(analyst_client, world):
    make_entry(summary="Court hearing in Khimki", kind=EntryKind.COURT)
    response = analyst_client.get(
        URL, {"kind": "court"}, headers={"HX-Request": "true", "HX-Target": "timeline"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="timeline"')
    assert "<html" not in html and "Court hearing" in html
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(analyst_client, world):
    response = analyst_client.get(
        URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


def test_filters_it_does_not_understand_are_ignored(analyst_client, world):
    make_entry(summary="Still shown")
    response = analyst_client.get(URL, {"kind": "nonsense", "start": "yesterday"})
    assert response.status_code == 200
    assert "Still shown" in response.content.decode()


def test_restricted_entries_are_for_editors_only(analyst_client, editor, client, world):
    make_entry(summary="A restricted development", restricted=True)
    assert "A restricted development" not in analyst_client.get(URL).content.decode()
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert "A restricted development" in html and "Restricted" in html


def test_the_overview_has_a_mark_per_month_and_kind_and_the_proposal_bar(analyst_client, world):
    for n in (1, 2, 3):
        make_entry(occurred_on=datetime.date(2022, 3, n))
    make_entry(occurred_on=datetime.date(2022, 4, 1), kind=EntryKind.CONTACT)
    html = analyst_client.get(URL).content.decode()
    assert html.count('class="overview-mark"') == 2
    assert "<title>Mar 2022: 3 statement entries</title>" in html
    assert 'href="/cases/griner/?after=2022-04-01#timeline-list"' in html  # March, newest first
    assert 'data-month="month-2022-03"' in html
    assert 'class="proposal-bar"' in html
    assert "<script" not in html.split("</head>")[1]  # no inline scripts under the CSP
    assert "style=" not in html


def test_the_overviews_links_escape_the_query_they_carry(analyst_client, world):
    make_entry(occurred_on=datetime.date(2022, 3, 1), summary="Переговоры: talks")
    hostile = '"><script>alert(1)</script>'
    html = analyst_client.get(URL, {"q": f"talks {hostile}"}).content.decode()
    marks = re.findall(r'<a href="([^"]*)" class="overview-mark"', html)
    assert marks and all("<" not in href and '"' not in href for href in marks)
    assert "<script>alert(1)" not in html


def more_url(html: str) -> str:
    match = re.search(
        r'<div class="more" id="more-entries">\s*<a class="button" href="([^"]+)"', html
    )
    return match and unescape(match.group(1))


def test_a_long_timeline_has_a_more_button(analyst_client, world):
    fill(55)
    html = analyst_client.get(URL).content.decode()
    assert html.count('class="entry kind-') == 50
    assert "More entries" in html and "50 of 55 shown" in html
    assert more_url(html).startswith(URL + "?after=")
    # The overview counts them all.
    assert "55 entries from" in html


def test_the_more_button_fetches_the_next_page_as_a_fragment(analyst_client, world):
    fill(55)
    url = more_url(analyst_client.get(URL).content.decode())
    response = analyst_client.get(url, headers={"HX-Request": "true", "HX-Target": "more-entries"})
    html = response.content.decode()
    assert "<html" not in html and 'id="timeline"' not in html
    assert html.count('class="entry kind-') == 5
    assert "More entries" not in html


def test_without_javascript_the_next_page_is_a_page(analyst_client, world):
    fill(55)
    first = analyst_client.get(URL).content.decode()
    html = analyst_client.get(more_url(first)).content.decode()
    assert "<html" in html and html.count('class="entry kind-') == 5
    first_ids = set(re.findall(r'id="entry-(\d+)"', first))
    assert not first_ids & set(re.findall(r'id="entry-(\d+)"', html))


def test_pages_keep_the_filters(analyst_client, world):
    fill(55)
    html = analyst_client.get(URL, {"order": "oldest"}).content.decode()
    assert "order=oldest" in more_url(html)


def test_a_cursor_beyond_the_end_or_malformed_is_not_an_error(analyst_client, world):
    fill(3)
    html = analyst_client.get(URL, {"after": "1901-01-01.5"}).content.decode()
    assert "No entries match" in html
    assert analyst_client.get(URL, {"after": "x"}).status_code == 200
    assert analyst_client.get(URL, {"after": "2022-99-01"}).status_code == 200


def test_an_unknown_case_is_404(analyst_client, world):
    assert analyst_client.get(reverse("cases:case", args=["nobody"])).status_code == 404


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def cold(slug: str = "griner") -> None:
    """A new version for the case and new stamps for its entries, so neither the page's
    fragments nor its entries' are used."""
    touch(Case.objects.filter(slug=slug).values_list("pk", flat=True))
    entries_changed(TimelineEntry.objects.filter(cases__slug=slug).values("pk"))


def test_the_number_of_queries_does_not_grow_with_the_entries(
    analyst_client, world, django_assert_max_num_queries
):
    fill(5)
    cold()
    few = count_queries(analyst_client, URL)
    cold()
    few_filtered = count_queries(analyst_client, URL, {"q": "Price"})
    fill(60, start=datetime.date(2022, 5, 1))
    cold()
    with django_assert_max_num_queries(few):
        analyst_client.get(URL)
    cold()
    assert count_queries(analyst_client, URL) == few
    # Filtered, the count (once for each fragment) and the overview's figures are queries of
    # their own (unfiltered, the case's summary has them), and their number does not grow.
    cold()
    assert count_queries(analyst_client, URL, {"q": "Price"}) == few_filtered <= few + 4


def test_a_cached_page_reads_no_entries_until_the_case_changes(analyst_client, world):
    fill(3)
    cold()
    first = timeline_list(analyst_client.get(URL))
    with CaptureQueriesContext(connection) as captured:
        again = timeline_list(analyst_client.get(URL))
    assert again == first and first.count('class="entry kind-') == 3
    read = " ".join(query["sql"] for query in captured.captured_queries)
    assert '"cases_timelineentry"' not in read and '"sources_citation"' not in read
    assert len(captured) < few_queries_cold(analyst_client)
    make_entry(summary="A development after the page was cached")
    assert "A development after the page was cached" in analyst_client.get(URL).content.decode()


def test_a_cached_case_page_costs_one_query_the_case(analyst_client, analyst, world):
    fill(3)
    analyst_client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        page = analyst_client.get(URL).content.decode()
    # The case's summary version and whether the user follows it; the user is kept in the cache.
    assert len(captured) == 1, [query["sql"] for query in captured.captured_queries]
    assert ">Follow<" in page
    analyst.follows.create(case=Case.objects.get(slug="griner"))
    with CaptureQueriesContext(connection) as captured:
        page = analyst_client.get(URL).content.decode()
    assert ">Unfollow<" in page and ">Follow<" not in page


def csrf_token_in(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_a_cached_page_carries_each_users_own_name_token_and_feed(world, django_user_model):
    from django.test import Client

    from cases.caching import hole_marker
    from cases.exports import feed_token
    from conftest import role, signed_in

    fill(3)
    users = []
    for name in ("анна.аналитик", "o.brien"):
        user = django_user_model.objects.create_user(name, password="pw-long-enough-1")
        user.groups.add(role("Analysts"))
        users.append(user)
    first, second = (signed_in(Client(enforce_csrf_checks=True), user) for user in users)
    first_page = first.get(URL).content.decode()
    with CaptureQueriesContext(connection) as captured:
        second_page = second.get(URL).content.decode()
    assert len(captured) == 1  # the page the first user's request rendered, from the cache
    assert "Sign out o.brien" in second_page and "анна" not in second_page
    assert "Sign out анна.аналитик" in first_page
    assert f"token={feed_token(users[1])}" in second_page
    assert feed_token(users[0]) not in second_page
    assert not any(hole_marker(name) in second_page for name in ("csrf_token", "feed_token"))
    # The token in the cached page is the second user's: a form posted with it is accepted.
    follow = reverse("alerts:follow", args=["case", "griner"])
    response = second.post(follow, {"csrfmiddlewaretoken": csrf_token_in(second_page)})
    assert response.status_code == 302
    assert first.post(follow, {"csrfmiddlewaretoken": "x" * 64}).status_code == 403


def test_a_message_is_shown_once_on_a_cached_page(analyst_client, world):
    fill(2)
    analyst_client.get(URL)  # cached
    response = analyst_client.post(
        reverse("alerts:follow", args=["case", "griner"]), {"next": URL}, follow=True
    )
    assert 'class="message message-success">You follow' in response.content.decode()
    again = analyst_client.get(URL).content.decode()
    assert 'class="message' not in again and ">Unfollow<" in again


def test_after_a_change_only_the_new_entry_is_read_with_its_sources(analyst_client, world):
    fill(3)
    analyst_client.get(URL)
    make_entry(summary="Наш источник: a development after the page was cached")
    with CaptureQueriesContext(connection) as captured:
        html = analyst_client.get(URL).content.decode()
    assert html.count('class="entry kind-') == 4 and "Наш источник" in html
    [citations] = [
        q["sql"] for q in captured.captured_queries if 'FROM "sources_citation"' in q["sql"]
    ]
    newest = TimelineEntry.objects.get(summary__startswith="Наш источник")
    assert f"IN ({newest.pk})" in citations  # the other three came from the cache


def few_queries_cold(client) -> int:
    cold()
    return count_queries(client, URL)


def test_analysts_and_editors_never_share_a_cached_fragment(analyst_client, editor, world):
    from django.test import Client

    make_entry(summary="A restricted development", restricted=True)
    make_entry(summary="A public development")
    editor_client = Client()
    editor_client.force_login(editor)
    assert "A restricted development" in editor_client.get(URL).content.decode()
    html = analyst_client.get(URL).content.decode()
    assert "A restricted development" not in html and "A public development" in html
    assert "A restricted development" in editor_client.get(URL).content.decode()


def test_a_renamed_party_or_an_added_citation_is_shown_at_once(analyst_client, world):
    fill(1)
    analyst_client.get(URL)
    price = Party.objects.get(slug="price")
    price.name = "Ned Price (State Department)"
    price.save()
    assert "Ned Price (State Department)" in analyst_client.get(URL).content.decode()
    entry = TimelineEntry.objects.filter(cases__slug="griner").first()
    Citation.objects.create(entry=entry, article=make_article(title="Эксклюзив: новый источник"))
    assert "Эксклюзив: новый источник" in analyst_client.get(URL).content.decode()


def test_a_new_near_duplicate_of_a_cited_article_is_counted_at_once(analyst_client, world):
    from sources import processing

    article = make_article(title="Report", text=SEED_TEXT, status="queued")
    assert processing.process_article(article.pk) == "done"
    article.refresh_from_db()
    make_entry(summary="Lavrov and Blinken spoke", article=article)
    assert "1 report" in analyst_client.get(URL).content.decode()
    copy = make_article(title="Copy", text=SEED_TEXT + " Updated.", status="queued")
    assert processing.process_article(copy.pk) == "duplicate"
    assert "2 reports" in analyst_client.get(URL).content.decode()


def test_a_kind_filter_takes_its_counts_from_the_summary_not_a_count_of_entries(
    analyst_client, world
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(52):
        make_entry(
            summary=f"Заседание суда {n}: a hearing in Khimki",
            kind=EntryKind.COURT,
            occurred_on=datetime.date(2022, 3, 1) + datetime.timedelta(days=n),
        )
    make_entry(summary="A restricted hearing", kind=EntryKind.COURT, restricted=True)
    make_entry(summary="A statement on the talks", occurred_on=datetime.date(2022, 6, 1))
    with CaptureQueriesContext(connection) as captured:
        html = analyst_client.get(URL, {"kind": "court"}).content.decode()
    # The analyst's count: 52 court entries, not the restricted one nor the statement.
    assert "50 of 52 shown" in html and "52 entries from" in html
    assert "A statement on the talks" not in html
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts == [], counts
