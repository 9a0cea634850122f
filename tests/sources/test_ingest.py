"""Submitting articles: saved first as queued, processing sent only after the commit."""

import datetime

import pytest
from kombu.exceptions import OperationalError

from sources import ingest
from sources.models import Article, ArticleStatus, Outlet

pytestmark = pytest.mark.django_db

TEXT = "Brittney Griner was detained at Sheremetyevo airport on Feb. 17, officials said."


@pytest.fixture
def sent(monkeypatch):
    """The ids handed to the broker (none is really sent)."""
    from sources import tasks

    ids = []
    monkeypatch.setattr(tasks.process_article, "delay", ids.append)
    return ids


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://News.Example/a/B?x=1#part", "https://news.example/a/B?x=1"),
        ("https://news.example:443/a", "https://news.example/a"),
        ("http://news.example:8080/a", "http://news.example:8080/a"),
        ("https://news.example", "https://news.example/"),
        ("https://news.example/a?utm_source=x&id=3&fbclid=y", "https://news.example/a?id=3"),
        ("  https://news.example./a  ", "https://news.example/a"),
    ],
)
def test_canonical_url(url, canonical):
    assert ingest.canonical_url(url) == canonical


@pytest.mark.parametrize("url", ["ftp://x.example/", "javascript:alert(1)", "news.example/a", ""])
def test_it_refuses_urls_it_cannot_fetch(url):
    with pytest.raises(ingest.InvalidSubmission):
        ingest.submit_url(url)


def test_a_url_is_saved_queued_and_sent_after_commit(
    editor, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = ingest.submit_url("https://news.example/griner", user=editor)
        assert sent == []  # nothing is sent before the commit
    assert submission.created
    article = submission.article
    assert article.status == ArticleStatus.QUEUED
    assert article.submitted_by == editor
    assert "queued" in submission.message
    for callback in callbacks:
        callback()
    assert sent == [article.pk]


def test_the_same_url_twice_is_one_article(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = ingest.submit_url("https://news.example/griner?utm_source=tw")
        again = ingest.submit_url("https://NEWS.example/griner#top")
    assert not again.created
    assert again.article == first.article
    assert f"article {first.article.pk}" in again.message
    assert Article.objects.count() == 1
    assert sent == [first.article.pk]


def test_pasted_text_is_saved_with_its_metadata(editor, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = ingest.submit_text(
            TEXT,
            title="Griner detained",
            outlet="Example News",
            published=datetime.date(2022, 3, 5),
            user=editor,
        )
    article = submission.article
    assert submission.created
    assert (article.title, article.outlet.name, article.published_on) == (
        "Griner detained",
        "Example News",
        datetime.date(2022, 3, 5),
    )
    assert article.text == TEXT
    assert article.content_hash == ingest.content_hash(TEXT)
    assert article.url is None
    assert sent == [article.pk]


def test_the_same_pasted_text_for_the_same_outlet_is_one_article(sent):
    outlet = Outlet.objects.create(slug="x", name="X")
    day = datetime.date(2022, 3, 5)
    first = ingest.submit_text(TEXT, title="a", outlet=outlet, published=day)
    again = ingest.submit_text("  " + TEXT + "\n", title="b", outlet=outlet, published=day)
    assert again.article == first.article and not again.created


def test_the_same_text_from_another_outlet_is_kept_for_the_worker_to_mark(sent):
    day = datetime.date(2022, 3, 5)
    ingest.submit_text(TEXT, title="a", outlet="Wire A", published=day)
    other = ingest.submit_text(TEXT, title="a", outlet="Wire B", published=day)
    assert other.created  # the worker marks it a duplicate: one more report of the story


def test_empty_text_is_refused():
    with pytest.raises(ingest.InvalidSubmission):
        ingest.submit_text("  \n ", title="x", published=datetime.date(2022, 1, 1))


def test_a_broker_that_is_down_leaves_the_article_queued(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    from sources import tasks

    def refuse(article_id):
        raise OperationalError("Error 111 connecting to localhost:6379. Connection refused.")

    monkeypatch.setattr(tasks.process_article, "delay", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        submission = ingest.submit_url("https://news.example/griner")
    article = Article.objects.get(pk=submission.article.pk)
    assert article.status == ArticleStatus.QUEUED
    assert "stays queued" in caplog.text


def test_seed_articles_load_once_and_are_sent(world, sent, django_capture_on_commit_callbacks):
    meta = {"title": "Seed", "published": "2022-07-28", "outlet": "CNN"}
    with django_capture_on_commit_callbacks(execute=True):
        article, created = ingest.submit_seed_article(meta, TEXT)
        again, created_again = ingest.submit_seed_article(meta, TEXT)
    assert created and not created_again and again == article
    # Sent when loaded, and again while it waits unread (no harm: a worker claims it once).
    assert sent == [article.pk, article.pk]


# Outlets: found by domain or by name, each with its own readable slug, in any script.


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Новая газета", "Коммерсантъ"),
        ("الجزيرة", "العربية"),
        ("人民日报", "朝日新聞"),
        ("📰", "🗞️"),
    ],
)
def test_outlets_named_in_any_script_are_kept_apart(first, second):
    one, other = ingest.outlet_named(first), ingest.outlet_named(second)
    assert one != other
    assert (one.name, other.name) == (first, second)
    assert one.slug and other.slug and one.slug != other.slug


def test_a_cyrillic_outlet_gets_a_transliterated_slug():
    assert ingest.outlet_named("Коммерсантъ").slug == "kommersant"


def test_articles_from_two_cyrillic_outlets_are_filed_under_their_own(sent):
    day = datetime.date(2022, 3, 5)
    novaya = ingest.submit_text(TEXT, title="a", outlet="Новая газета", published=day)
    kommersant = ingest.submit_text(
        TEXT + " Более.", title="b", outlet="Коммерсантъ", published=day
    )
    assert novaya.article.outlet.name == "Новая газета"
    assert kommersant.article.outlet.name == "Коммерсантъ"


def test_the_same_name_again_is_the_same_outlet():
    first = ingest.outlet_named("Коммерсантъ")
    assert ingest.outlet_named(" Коммерсантъ ") == first
    reuters = ingest.outlet_named("Reuters")
    assert ingest.outlet_named("REUTERS") == reuters
    assert Outlet.objects.count() == 2


def test_names_that_slugify_alike_get_slugs_of_their_own():
    taken = Outlet.objects.create(slug="dawn", name="Dawn")
    other = ingest.outlet_named("DAWN!")
    assert other != taken
    assert other.slug == "dawn-2"


def test_an_outlet_is_found_by_its_domain_first():
    known = Outlet.objects.create(slug="wire", name="Example Wire", domain="wire.example")
    assert ingest.outlet_named("Example Wire Service", "wire.example") == known


def test_a_name_with_no_letters_to_transliterate_still_gets_a_unique_slug():
    first, second = ingest.outlet_named("\u200b"), ingest.outlet_named("\u2063")
    assert first != second and first.slug and second.slug


# Limits on what is accepted: length and publication date.


def test_text_over_the_length_limit_is_refused(settings):
    settings.ARTICLE_MAX_CHARS = 100
    with pytest.raises(ingest.InvalidSubmission, match="at most 100"):
        ingest.submit_text("x " * 60, title="t", published=datetime.date(2022, 1, 1))
    assert Article.objects.count() == 0


@pytest.mark.parametrize("published", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_pasted_text_with_a_date_the_record_cannot_hold_is_refused(published):
    with pytest.raises(ingest.InvalidSubmission, match="between 1900-01-01"):
        ingest.submit_text(TEXT, title="t", published=published)


@pytest.mark.parametrize("published", [datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])
def test_a_url_with_a_date_the_record_cannot_hold_keeps_no_date(sent, published):
    submission = ingest.submit_url("https://news.example/silly", published=published)
    assert submission.created
    assert submission.article.published_on is None
