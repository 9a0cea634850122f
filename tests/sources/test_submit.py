"""Submitting an article: a URL or pasted text, refused politely, throttled per editor.

The ingestion functions are replaced by stand-ins here: these tests are about the page, and
they never touch the network or a worker."""

import datetime
import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from sources import ingest, views
from sources.models import Article
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("throttle_counts")]

URL = reverse("sources:submit")


@pytest.fixture
def calls(monkeypatch):
    """Record what the page asks of ingestion; answer with a new queued article."""
    recorded = []

    def submit_url(url, *, user=None, **kwargs):
        recorded.append(("url", url, user))
        article = make_article(url=url, status="queued", text="", submitted_by=user)
        return SimpleNamespace(article=article, created=True, message="queued")

    def submit_text(text, *, title, outlet=None, published, user=None, **kwargs):
        recorded.append(("text", text, title, outlet, published, user))
        article = make_article(url=None, title=title, text=text, status="queued")
        return SimpleNamespace(article=article, created=True, message="queued")

    monkeypatch.setattr(ingest, "submit_url", submit_url, raising=False)
    monkeypatch.setattr(ingest, "submit_text", submit_text, raising=False)
    return recorded


def test_an_analyst_may_not_submit(analyst_client):
    assert analyst_client.get(URL).status_code == 403
    assert analyst_client.post(URL, {"url": "https://news.example/a"}).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    assert client.get(URL).url.startswith(reverse("login"))


def test_the_form_offers_a_url_or_pasted_text(editor_client):
    page = editor_client.get(URL).content.decode()
    for name in ("url", "text", "title", "outlet_name", "published_on"):
        assert f'name="{name}"' in page


def test_submitting_a_url_opens_the_article_page(editor_client, editor, calls):
    response = editor_client.post(URL, {"url": "https://news.example/griner"})
    article = Article.objects.get(url="https://news.example/griner")
    assert response.status_code == 302
    assert response.url == article.get_absolute_url()
    assert calls == [("url", "https://news.example/griner", editor)]


def test_submitting_pasted_text_passes_its_metadata(editor_client, editor, calls):
    editor_client.post(
        URL,
        {
            "text": "Griner was sentenced to nine years.",
            "title": "Griner sentenced",
            "outlet_name": "Reuters",
            "published_on": "2022-08-04",
        },
    )
    assert calls == [
        (
            "text",
            "Griner was sentenced to nine years.",
            "Griner sentenced",
            "Reuters",
            datetime.date(2022, 8, 4),
            editor,
        )
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Give the article&#x27;s URL, or paste its text."),
        ({"url": "https://a.example/x", "text": "Both"}, "not both"),
        ({"text": "Just text"}, "Pasted text needs its title."),
        ({"text": "Just text", "title": "T"}, "Pasted text needs its publication date."),
        ({"url": "not a url at all"}, "Enter a valid URL."),
    ],
)
def test_an_incomplete_submission_is_explained(editor_client, calls, data, message):
    response = editor_client.post(URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert calls == []


def test_a_refused_url_is_explained(editor_client, monkeypatch):
    def refuse(url, **kwargs):
        raise ValueError("Only http and https URLs can be submitted.")

    monkeypatch.setattr(ingest, "submit_url", refuse, raising=False)
    response = editor_client.post(URL, {"url": "https://10.0.0.1/"})
    assert response.status_code == 400
    assert "Refused: Only http and https URLs can be submitted." in response.content.decode()


def test_a_duplicate_links_to_the_existing_article(editor_client, monkeypatch):
    existing = make_article(url="https://news.example/known")

    def already(url, **kwargs):
        return SimpleNamespace(
            article=existing, created=False, message=f"Already submitted as article {existing.pk}."
        )

    monkeypatch.setattr(ingest, "submit_url", already, raising=False)
    response = editor_client.post(URL, {"url": "https://news.example/known"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == existing.get_absolute_url()
    assert f"Already submitted as article {existing.pk}." in page


def test_submissions_are_throttled_per_editor(editor_client, calls, monkeypatch):
    monkeypatch.setattr(views, "SUBMIT_RATE", "3/m")
    for n in range(3):
        assert editor_client.post(URL, {"url": f"https://news.example/{n}x"}).status_code == 302
    response = editor_client.post(URL, {"url": "https://news.example/one-more"})
    assert response.status_code == 429
    assert "Too many submissions" in response.content.decode()
    assert len(calls) == 3


def test_pasted_text_becomes_a_queued_article_through_ingestion(client, editor):
    """The real ingest.submit_text: the article is saved first; its task waits for the commit."""
    client.force_login(editor)
    data = {
        "text": "Griner was sentenced to nine years.",
        "title": "Griner sentenced",
        "outlet_name": "Reuters",
        "published_on": "2022-08-04",
    }
    response = client.post(URL, data)
    article = Article.objects.get(title="Griner sentenced")
    assert response.url == article.get_absolute_url()
    assert article.status == "queued"
    assert article.submitted_by == editor
    assert article.outlet.name == "Reuters"

    again = client.post(URL, data, follow=True)
    assert again.redirect_chain[-1][0] == article.get_absolute_url()
    assert f"The same text is already article {article.pk}." in again.content.decode()
    assert Article.objects.count() == 1


# Limits: pasted text up to ARTICLE_MAX_CHARS, a publication date the record can hold, and a
# request body small enough to read. Each refusal says what to do, and keeps what was typed.

PASTE = {"title": "Griner sentenced", "outlet_name": "Reuters", "published_on": "2022-08-04"}


def post_as_a_browser(client, data: dict):
    """The submit form has no enctype, so browsers send it URL-encoded (the test client's default
    is multipart, where text is not escaped and so is smaller)."""
    return client.post(URL, urlencode(data), content_type="application/x-www-form-urlencoded")


def test_pasted_text_over_the_limit_is_refused_on_its_field_keeping_the_rest(
    editor_client, calls, settings
):
    settings.ARTICLE_MAX_CHARS = 1_000
    response = editor_client.post(
        URL, {**PASTE, "text": "Griner was sentenced. " * 50}
    )  # 1,099 once stripped
    assert response.status_code == 200
    page = response.content.decode()
    assert "The text has 1,099 characters; an article may have at most 1,000." in page
    assert 'value="Griner sentenced"' in page and 'value="Reuters"' in page
    assert "Griner was sentenced. Griner was sentenced." in page  # the text is kept too
    assert calls == []


def test_the_form_says_how_long_an_article_may_be(editor_client, settings):
    settings.ARTICLE_MAX_CHARS = 123_456
    assert "Up to 123,456 characters." in editor_client.get(URL).content.decode()


def test_the_text_field_does_not_cut_a_paste_short_in_the_browser(editor_client):
    # A maxlength on the textarea would make the browser drop the end of a long paste silently.
    page = editor_client.get(URL).content.decode()
    (textarea,) = re.findall(r'<textarea[^>]*name="text"[^>]*>', page)
    assert "maxlength" not in textarea


def test_a_paste_well_over_the_limit_in_any_script_reaches_the_form(editor_client, calls):
    from django.conf import settings

    # Half as long again as allowed, in 4-byte characters: 12 bytes each once URL-encoded, more
    # than Django reads by default (2.5 MB).
    text = "🗞" * (settings.ARTICLE_MAX_CHARS * 3 // 2)
    response = post_as_a_browser(editor_client, {**PASTE, "text": text})
    assert response.status_code == 200
    assert "an article may have at most" in response.content.decode()
    assert calls == []


def test_an_absurdly_large_paste_gets_the_friendly_413_page(editor_client, calls):
    response = post_as_a_browser(editor_client, {**PASTE, "text": "x" * 10_000_000})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Too much to read" in page
    assert "at most 200,000 characters" in page
    assert 'class="site-header"' in page
    assert calls == [] and Article.objects.count() == 0


@pytest.mark.parametrize("published", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_publication_date_the_record_cannot_hold_is_refused(editor_client, calls, published):
    response = editor_client.post(
        URL, {**PASTE, "text": "Griner was sentenced.", "published_on": published}
    )
    assert response.status_code == 200
    assert "Enter a date between 1900-01-01 and" in response.content.decode()
    assert calls == []


@pytest.mark.parametrize("field", ["text", "title", "outlet_name", "url"])
def test_a_nul_character_in_any_field_is_refused_on_the_form(editor_client, calls, field):
    data = {**PASTE, "text": "Griner was sentenced."}
    data[field] = data.get(field, "https://news.example/") + "\x00"
    if field == "url":
        del data["text"]
    response = editor_client.post(URL, data)
    assert response.status_code == 200
    assert calls == []
