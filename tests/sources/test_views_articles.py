"""The articles list and an article's page with its live status."""

import pytest
from django.urls import reverse

from sources.models import Article, ReviewStatus
from tests.factories import make_article, make_proposed_entry

pytestmark = pytest.mark.django_db

LIST = reverse("sources:articles")
HTMX = {"HX-Request": "true"}


def html(response) -> str:
    return response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    assert client.get(LIST).url.startswith(reverse("login"))


def test_the_articles_are_for_editors(analyst_client):
    assert analyst_client.get(LIST).status_code == 403
    article = make_article()
    assert analyst_client.get(article.get_absolute_url()).status_code == 403


def test_the_list_shows_status_outlet_dates_and_pending_count(editor_client, world):
    article = make_article(title="Lavrov will pay attention")
    make_proposed_entry(article)
    make_proposed_entry(article)
    make_proposed_entry(article, status=ReviewStatus.APPROVED)
    failed = make_article(title="Broken", status="failed", error="Timed out")

    response = editor_client.get(LIST)
    page = html(response)
    assert "Lavrov will pay attention" in page
    assert "Wire" in page
    assert "2022-07-28" in page
    row = page[page.index(f'id="article-{article.pk}"') :]
    assert '>2</a> <span class="muted">of 3</span>' in row[: row.index("</tr>")]
    assert "Failed" in page and failed.title in page


def test_the_list_filters_by_status(editor_client):
    done = make_article(title="Done one")
    failed = make_article(title="Failed one", status="failed")
    page = html(editor_client.get(LIST, {"status": "failed"}))
    assert failed.title in page and done.title not in page


def test_the_list_takes_a_fixed_number_of_queries(
    editor_client, world, django_assert_max_num_queries
):
    for _ in range(3):
        make_proposed_entry(make_article())
    with django_assert_max_num_queries(8) as few:
        editor_client.get(LIST)
    for _ in range(20):
        make_proposed_entry(make_article())
    with django_assert_max_num_queries(len(few.captured_queries)):
        editor_client.get(LIST)


def test_the_list_is_paginated(editor_client):
    for _ in range(55):
        make_article()
    page = html(editor_client.get(LIST))
    assert page.count('<tr id="article-') == 50
    assert "Page 1 of 2" in page


@pytest.mark.parametrize("status", ["queued", "fetching", "extracting"])
def test_an_article_being_worked_on_is_polled(editor_client, status):
    article = make_article(status=status)
    page = html(editor_client.get(article.get_absolute_url()))
    assert 'hx-trigger="every 2s"' in page
    fragment = html(editor_client.get(article.get_absolute_url(), headers=HTMX))
    assert fragment.lstrip().startswith('<section id="article-status"')
    assert 'hx-trigger="every 2s"' in fragment


def test_polling_stops_when_the_article_is_done_and_shows_its_proposals(editor_client, world):
    article = make_article(status="done")
    proposed = make_proposed_entry(article, evidence=article.text[:40])
    fragment = html(editor_client.get(article.get_absolute_url(), headers=HTMX))
    assert "hx-trigger" not in fragment
    assert reverse("sources:proposed", args=[proposed.pk]) in fragment
    assert "Pending" in fragment


def test_a_failed_article_shows_why(editor_client):
    article = make_article(status="failed", error="Refused: 10.0.0.1 is a private address")
    page = html(editor_client.get(article.get_absolute_url(), headers=HTMX))
    assert "hx-trigger" not in page
    assert "Failed: Refused: 10.0.0.1 is a private address" in page


def test_a_duplicate_links_to_the_first_article(editor_client):
    first = make_article(title="The original")
    copy = make_article(status="duplicate", duplicate_of=first)
    page = html(editor_client.get(copy.get_absolute_url()))
    assert f'href="{first.get_absolute_url()}"' in page
    assert "hx-trigger" not in page


def test_article_text_is_escaped(editor_client):
    article = make_article(text="<img src=x onerror=alert(1)>", title="<b>Bold</b>")
    page = html(editor_client.get(article.get_absolute_url()))
    assert "<img src=x" not in page and "<b>Bold</b>" not in page
    assert Article.objects.count() == 1
