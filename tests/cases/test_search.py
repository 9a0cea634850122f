import datetime

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import make_article, make_entry

pytestmark = pytest.mark.django_db

URL = reverse("cases:search")


def test_it_finds_entries_cases_parties_and_articles(analyst_client, world):
    article = make_article(title="Lavrov will pay attention to the request")
    make_entry(summary="Lavrov agrees to take a call from Blinken", article=article)
    html = analyst_client.get(URL, {"q": "Lavrov"}).content.decode()
    assert "Lavrov agrees to take a call" in html
    assert reverse("cases:party", args=["lavrov"]) in html
    assert "Lavrov will pay attention to the request" in html


def test_it_finds_a_case_by_its_facts(analyst_client, world):
    html = analyst_client.get(URL, {"q": "espionage"}).content.decode()
    assert reverse("cases:case", args=["whelan"]) in html


def test_restricted_entries_and_their_articles_are_not_found_by_analysts(analyst_client, world):
    article = make_article(title="Secret channel article")
    make_entry(summary="A secret channel was opened", restricted=True, article=article)
    html = analyst_client.get(URL, {"q": "secret channel"}).content.decode()
    assert "A secret channel was opened" not in html
    assert "Secret channel article" not in html


def test_articles_not_on_the_record_are_not_found(analyst_client, world):
    make_article(title="Queued article about Lavrov", status="queued")
    html = analyst_client.get(URL, {"q": "Lavrov"}).content.decode()
    assert "Queued article about Lavrov" not in html


def test_an_empty_query_shows_the_form_only(analyst_client, world):
    response = analyst_client.get(URL, {"q": "  "})
    assert response.status_code == 200
    assert "result" not in response.content.decode().split("</form>")[1]


@pytest.mark.postgres
def test_full_text_search_stems_and_ranks(analyst_client, world):
    make_entry(summary="Negotiations were mentioned once", occurred_on=datetime.date(2022, 9, 1))
    make_entry(
        summary="Negotiators negotiated the negotiation", occurred_on=datetime.date(2022, 3, 1)
    )
    html = analyst_client.get(URL, {"q": "negotiate"}).content.decode()
    results = html.split('id="results-entries"')[1]
    # Stemming finds both; ranking puts the denser match first despite its older date.
    assert results.index("Negotiators negotiated") < results.index("Negotiations were mentioned")


@pytest.mark.postgres
def test_the_entry_search_can_use_the_gin_index(world):
    from cases.models import TimelineEntry
    from cases.search import match_entries

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'cases_entry_search'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition.lower() and "to_tsvector" in definition
    queryset = match_entries(TimelineEntry.objects.all(), "Lavrov")
    # A handful of rows makes any plan cheap: with the table scan and plain index scans (a walk
    # of the date index, filtering each row) ruled out, the planner shows whether the match
    # itself can be read from the GIN index, as it is on a large archive.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        plan = queryset.explain()
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    assert "cases_entry_search" in plan


def test_the_timeline_words_filter_uses_the_same_matching(analyst_client, world):
    make_entry(summary="Court hearing in Khimki")
    make_entry(summary="Price statement")
    response = analyst_client.get(reverse("cases:case", args=["griner"]), {"q": "Khimki"})
    html = response.content.decode().split('id="timeline-list"')[1]
    assert "Court hearing" in html and "Price statement" not in html


def test_the_number_of_queries_does_not_grow_with_the_results(
    analyst_client, world, django_assert_max_num_queries
):
    from tests.cases.test_views_case import count_queries, fill

    fill(5)
    few = count_queries(analyst_client, URL, {"q": "Quote"})
    fill(25, start=datetime.date(2022, 5, 1))
    with django_assert_max_num_queries(few):
        analyst_client.get(URL, {"q": "Quote"})


# Control characters: PostgreSQL text cannot hold NUL, and no control character is part of a
# word. A URL carrying a NUL is refused with the 400 page before any view sees it; the search
# itself reads the other control characters (and a NUL, when called directly) as spaces.


def test_a_nul_in_the_query_gets_the_400_page_not_an_error(analyst_client, world):
    response = analyst_client.get(URL, {"q": "\x00"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Request not understood" in page
    assert 'class="site-header"' in page  # in the site's layout


@pytest.mark.parametrize("q", ["\x01", "Lavrov\x1f", "\x7f\x08", "Lav\trov"])
def test_other_control_characters_in_the_query_are_not_an_error(analyst_client, world, q):
    assert analyst_client.get(URL, {"q": q}).status_code == 200


def test_the_search_reads_control_characters_as_spaces(world, analyst):
    from cases.search import search
    from cases.timeline import entries_with_sources

    make_entry(summary="Lavrov agrees to take a call from Blinken")
    results = search("Lavrov\x00Blinken\x01", analyst, entries_with_sources(analyst))
    assert results.q == "Lavrov Blinken"
    assert [e.summary for e in results.entries] == ["Lavrov agrees to take a call from Blinken"]


def test_the_timeline_words_filter_with_a_nul_gets_the_400_page(analyst_client, world):
    response = analyst_client.get(reverse("cases:case", args=["griner"]), {"q": "Khimki\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "params", [{"q": "a\x00b"}, {"slug": "a\x00b"}, {"name__startswith": "\x00"}, {"\x00": "1"}]
)
def test_admin_lists_refuse_a_nul_with_the_400_page(client, superuser, world, params):
    client.force_login(superuser)
    for url in (reverse("admin:cases_case_changelist"), reverse("admin:sources_outlet_changelist")):
        assert client.get(url, params).status_code == 400


@pytest.mark.postgres
def test_the_article_search_can_use_its_gin_index(world):
    from django.contrib.postgres.search import SearchQuery

    from cases.search import ARTICLE_DOCUMENT, CONFIG
    from sources.models import Article

    query = SearchQuery("Lavrov", search_type="websearch", config=CONFIG)
    queryset = Article.objects.alias(search=ARTICLE_DOCUMENT).filter(search=query)
    # On a few rows any scan will do; with the plain ones off, a GIN index is read by bitmap,
    # so the planner shows whether the match can use it (rather than the newest-first index).
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        plan = queryset.explain()
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    assert "sources_article_search" in plan


@pytest.mark.postgres
def test_the_stored_article_vector_follows_an_edit(analyst_client, world):
    article = make_article(title="Moscow report", text="The hearing was adjourned.")
    make_entry(summary="A hearing", article=article)
    article.text = "The verdict was postponed."
    article.save()
    assert "Moscow report" in analyst_client.get(URL, {"q": "postponed"}).content.decode()
    assert "Moscow report" not in analyst_client.get(URL, {"q": "adjourned"}).content.decode()


@pytest.mark.postgres
def test_only_the_newest_matches_are_ranked(analyst_client, world, monkeypatch):
    from cases import search

    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    make_entry(
        summary="Negotiators negotiated the negotiation", occurred_on=datetime.date(2020, 1, 1)
    )
    make_entry(summary="Negotiations mentioned", occurred_on=datetime.date(2022, 9, 1))
    make_entry(summary="Negotiation noted", occurred_on=datetime.date(2022, 10, 1))
    html = analyst_client.get(URL, {"q": "negotiate"}).content.decode()
    results = html.split('id="results-entries"')[1]
    # The densest match is older than the window of the two newest, so it is not listed.
    assert "Negotiators negotiated" not in results
    assert "Negotiations mentioned" in results and "Negotiation noted" in results


def test_search_finds_an_article_by_words_of_its_text(analyst_client, world):
    article = make_article(title="Moscow report", text="The court in Khimki adjourned the hearing.")
    make_entry(summary="A hearing", article=article)
    html = analyst_client.get(URL, {"q": "adjourned"}).content.decode()
    assert "Moscow report" in html


@pytest.mark.postgres
def test_the_article_query_is_not_correlated_with_its_window(analyst, world):
    """The window of newest matches is a subquery of its own: planned once, not once per
    article (as when the stored vector was named through the outer query's table)."""
    from django.test.utils import CaptureQueriesContext

    from cases.search import search
    from cases.timeline import entries_with_sources

    make_entry(summary="Talks went on", article=make_article(title="Talks in Abu Dhabi"))
    with CaptureQueriesContext(connection) as captured:
        results = search("talks", analyst, entries_with_sources(analyst))
    assert [article.title for article in results.articles] == ["Talks in Abu Dhabi"]
    (sql,) = [q["sql"] for q in captured.captured_queries if "search_document" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "SubPlan" not in plan
