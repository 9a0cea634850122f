"""The worker's logic called directly: claim, fetch, dedupe, extract, write proposals, group."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from cases.models import Party
from sources import extraction, fetch, gazetteer, processing
from sources.extraction import Candidate
from sources.models import Article, ArticleStatus, ProposedEntry, ReviewStatus
from tests.factories import make_article

pytestmark = pytest.mark.django_db

SEED = (settings.BASE_DIR / "seeds" / "seed-2022-07-28.txt").read_text()
DAY = datetime.date(2022, 7, 28)

STORY = (
    "Brittney Griner was sentenced to nine years in prison by a court in Khimki on Thursday. "
    "Secretary of State Antony Blinken called the verdict unacceptable and renewed the call to "
    "free her and Paul Whelan. Russia's foreign ministry said talks on exchanging Griner for "
    "Viktor Bout could only take place quietly."
)


def fake_extract(text, published, gazetteer):
    """One candidate per sentence that names Griner or Whelan: enough to exercise the writing."""
    candidates = []
    for match in re.finditer(r"[^.]+\.", text):
        sentence = match.group().strip()
        start = text.index(sentence, match.start())
        cases = [slug for slug in ("griner", "whelan") if slug in sentence.lower()]
        if not cases:
            continue
        candidates.append(
            Candidate(
                start=start,
                end=start + len(sentence),
                evidence=sentence,
                date=published,
                precision="day",
                date_basis="on Thursday",
                date_anchor="publication",
                kind="statement" if "said" in sentence or "called" in sentence else "court",
                cases=cases,
                parties=["blinken", "no-such-party"] if "Blinken" in sentence else [],
                proposal="bout-swap" if "Bout" in sentence else None,
                speaker="blinken" if "Blinken" in sentence else None,
                quote="",
                confidence=0.7,
                matched=[{"text": "Griner", "role": "case", "slug": "griner"}],
            )
        )
    return candidates


@pytest.fixture
def fake_extractor(monkeypatch):
    monkeypatch.setattr(processing, "run_extraction", fake_extract)


def queued(**fields) -> Article:
    return make_article(status=ArticleStatus.QUEUED, **({"text": STORY, "url": None} | fields))


def requeue(article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.QUEUED)


def test_the_seed_article_becomes_pending_proposals_with_spans_and_dates(world):
    article = queued(text=SEED, published_on=DAY)
    assert processing.process_article(article.pk) == ArticleStatus.DONE
    article.refresh_from_db()
    assert article.status == ArticleStatus.DONE
    assert article.extractor_version == extraction.EXTRACTOR_VERSION
    assert article.extracted_at is not None
    proposed = list(article.proposed_entries.prefetch_related("cases"))
    assert len(proposed) >= 5
    for entry in proposed:
        assert entry.status == ReviewStatus.PENDING
        assert SEED[entry.start : entry.end] == entry.evidence
        assert entry.occurred_on.year == 2022
        assert entry.matched
    assert {case.slug for case in proposed[0].cases.all()} >= {"griner"}
    assert any(entry.speaker and entry.speaker.slug == "price" for entry in proposed)
    assert all(entry.occurred_on <= DAY for entry in proposed)


def test_it_writes_each_candidate_with_its_links(world, fake_extractor):
    article = queued(published_on=DAY)
    processing.process_article(article.pk)
    first, second, third = article.proposed_entries.order_by("ordinal")
    assert (first.kind, first.occurred_on, first.precision) == ("court", DAY, "day")
    assert (first.date_basis, first.date_anchor) == ("on Thursday", "publication")
    assert first.summary == first.evidence
    assert list(first.cases.values_list("slug", flat=True)) == ["griner"]
    assert second.speaker.slug == "blinken"
    assert list(second.parties.values_list("slug", flat=True)) == ["blinken"]  # unknown dropped
    assert list(second.cases.values_list("slug", flat=True)) == ["whelan"]
    assert third.proposal.slug == "bout-swap"
    assert first.matched == [{"text": "Griner", "role": "case", "slug": "griner"}]


def test_running_it_twice_adds_nothing(world, fake_extractor):
    article = queued()
    processing.process_article(article.pk)
    ids = set(article.proposed_entries.values_list("pk", flat=True))
    requeue(article)  # as if the message were delivered again after a crash
    assert processing.process_article(article.pk) == ArticleStatus.DONE
    assert set(article.proposed_entries.values_list("pk", flat=True)) == ids


def test_a_second_delivery_is_skipped_while_the_article_is_claimed(world, fake_extractor):
    article = queued()
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.EXTRACTING)
    assert processing.process_article(article.pk) == "skipped"
    assert not article.proposed_entries.exists()


def test_a_done_article_is_not_read_again(world, fake_extractor):
    article = queued()
    processing.process_article(article.pk)
    assert processing.process_article(article.pk) == "skipped"


def test_the_database_refuses_a_second_set_of_the_same_version(world, fake_extractor):
    article = queued()
    processing.process_article(article.pk)
    existing = article.proposed_entries.first()
    existing.pk = None
    with pytest.raises(IntegrityError):
        existing.save()


def test_an_extractor_upgrade_replaces_only_pending_proposals(world, fake_extractor, monkeypatch):
    article = queued()
    processing.process_article(article.pk)
    first, second, third = article.proposed_entries.order_by("ordinal")
    ProposedEntry.objects.filter(pk=first.pk).update(status=ReviewStatus.APPROVED)
    ProposedEntry.objects.filter(pk=second.pk).update(status=ReviewStatus.REJECTED)

    monkeypatch.setattr(extraction, "EXTRACTOR_VERSION", "99.0")
    assert processing.queue_reextraction() == [article.pk]
    assert processing.process_article(article.pk) == ArticleStatus.DONE

    remaining = {(p.pk, p.extractor_version, p.status) for p in article.proposed_entries.all()}
    old_version = first.extractor_version
    assert (first.pk, old_version, "approved") in remaining
    assert (second.pk, old_version, "rejected") in remaining
    assert not ProposedEntry.objects.filter(pk=third.pk).exists()  # pending: replaced
    new = article.proposed_entries.filter(extractor_version="99.0")
    # The reviewed developments are not proposed again; the pending one is, by the new version.
    assert list(new.values_list("evidence", flat=True)) == [third.evidence]
    article.refresh_from_db()
    assert article.extractor_version == "99.0"


def test_manage_reextract_reads_outdated_articles_again_keeping_reviewed_proposals(
    world, fake_extractor, monkeypatch
):
    from io import StringIO

    from django.core.management import call_command

    from sources import tasks

    article, current = queued(), queued(text="Paul Whelan spoke to his family on Friday.")
    processing.process_article(article.pk)
    first = article.proposed_entries.order_by("ordinal").first()
    ProposedEntry.objects.filter(pk=first.pk).update(status=ReviewStatus.APPROVED)
    monkeypatch.setattr(extraction, "EXTRACTOR_VERSION", "99.0")
    processing.process_article(current.pk)  # already read by the current version
    monkeypatch.setattr(tasks.process_article, "delay", processing.process_article)

    out = StringIO()
    call_command("reextract", "--dry-run", stdout=out)
    assert "1 articles were read by an older version than 99.0" in out.getvalue()
    assert not article.proposed_entries.filter(extractor_version="99.0").exists()

    call_command("reextract", stdout=out)
    assert "Sent 1 to be read again." in out.getvalue()
    article.refresh_from_db()
    assert article.status == ArticleStatus.DONE and article.extractor_version == "99.0"
    assert ProposedEntry.objects.get(pk=first.pk).status == ReviewStatus.APPROVED
    assert article.proposed_entries.filter(extractor_version="99.0").exists()
    assert processing.outdated_articles().count() == 0


def test_reextraction_goes_a_batch_at_a_time_newest_first(world, fake_extractor, monkeypatch):
    articles = [queued(text=f"Griner was moved to a penal colony, report {n}.") for n in range(3)]
    for article in articles:
        processing.process_article(article.pk)
    monkeypatch.setattr(extraction, "EXTRACTOR_VERSION", "99.0")
    assert processing.queue_reextraction(limit=2) == [articles[2].pk, articles[1].pk]
    assert processing.queue_reextraction(limit=2) == [articles[0].pk]


def test_a_near_copy_is_a_duplicate_and_proposes_nothing(world, fake_extractor):
    original = queued()
    processing.process_article(original.pk)
    copy = queued(text="KHIMKI, Russia (AP) — " + STORY + " Reporting by the AP.")
    assert processing.process_article(copy.pk) == ArticleStatus.DUPLICATE
    copy.refresh_from_db()
    assert copy.duplicate_of == original
    assert copy.fingerprint is not None
    assert not copy.proposed_entries.exists()


def test_a_different_story_is_not_a_duplicate(world, fake_extractor):
    processing.process_article(queued().pk)
    other = queued(text="Paul Whelan spoke to his family by phone from the prison camp.")
    assert processing.process_article(other.pk) == ArticleStatus.DONE


def test_the_same_development_from_another_article_is_grouped(world, fake_extractor):
    first = queued()
    processing.process_article(first.pk)
    other_text = (
        "A court in Khimki sentenced Brittney Griner to nine years in prison on Thursday. "
        "The ruling drew protests from her supporters in Phoenix, who gathered outside the arena "
        "with banners, while her coach said the team would keep wearing her number."
    )
    second = queued(text=other_text, url="https://other.example/verdict")
    processing.process_article(second.pk)
    root = first.proposed_entries.get(ordinal=0)
    assert second.proposed_entries.get(ordinal=0).group == root
    third = queued(
        text="Brittney Griner received a nine-year prison sentence from the Khimki court on "
        "Thursday. Her supporters in Phoenix were dismayed by the outcome of the hearing."
    )
    processing.process_article(third.pk)
    assert third.proposed_entries.get(ordinal=0).group == root  # the group's first, always


def test_different_cases_or_days_are_not_grouped(world, fake_extractor):
    processing.process_article(queued().pk)
    later = queued(
        text=STORY.replace("Brittney Griner was sentenced", "Paul Whelan was sentenced"),
        published_on=DAY + datetime.timedelta(days=1),
    )
    processing.process_article(later.pk)
    assert not later.proposed_entries.exclude(group=None).exists()


def test_writing_uses_a_fixed_number_of_queries(world, fake_extractor):
    """No query per candidate: slugs are mapped once, links and groups found in bulk."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(text):
        article = queued(text=text)
        with CaptureQueriesContext(connection) as context:
            processing.process_article(article.pk)
        assert article.proposed_entries.exists()
        return len(context.captured_queries)

    processing.process_article(queued().pk)  # proposals to compare the next ones with
    few = queries("Griner was sentenced by the court. Blinken called for Whelan to be freed.")
    many = queries(" ".join(f"Griner case note {n} was read out by Blinken." for n in range(30)))
    assert many == few


def test_it_fetches_a_submitted_url_first(world, fake_extractor, monkeypatch):
    def fake_fetch(url):
        return fetch.Page(
            url=url, text=STORY, title="Verdict", published=DAY, author="J. Doe", outlet="Wire"
        )

    monkeypatch.setattr(fetch, "fetch_page", fake_fetch)
    article = Article.objects.create(url="https://wire.example/verdict")
    assert processing.process_article(article.pk) == ArticleStatus.DONE
    article.refresh_from_db()
    assert (article.title, article.published_on, article.author) == ("Verdict", DAY, "J. Doe")
    assert article.outlet.name == "Wire"
    assert article.proposed_entries.count() == 3


def test_a_refused_url_fails_the_article_with_the_reason(world, fake_extractor, monkeypatch):
    monkeypatch.setattr(fetch, "resolve_host", lambda host, port: ["10.0.0.7"])
    article = Article.objects.create(url="https://intranet.example/")
    assert processing.process_article(article.pk) == ArticleStatus.FAILED
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert "10.0.0.7, a private address" in article.error


def test_a_transient_error_puts_the_article_back_and_is_raised(world, monkeypatch):
    def down(url):
        raise fetch.FetchFailed("Timed out")

    monkeypatch.setattr(fetch, "fetch_page", down)
    article = Article.objects.create(url="https://slow.example/")
    with pytest.raises(fetch.FetchFailed):
        processing.process_article(article.pk)
    article.refresh_from_db()
    assert article.status == ArticleStatus.QUEUED


def test_an_extractor_bug_fails_the_article_and_says_why(world, monkeypatch):
    def broken(text, published, gazetteer_):
        raise ValueError("bad offset")

    monkeypatch.setattr(processing, "run_extraction", broken)
    article = queued()
    assert processing.process_article(article.pk) == ArticleStatus.FAILED
    article.refresh_from_db()
    assert article.error == "Processing failed: ValueError: bad offset"


def test_a_text_lengthened_past_the_limit_after_submission_fails_unread(
    world, settings, fake_extractor
):
    settings.ARTICLE_MAX_CHARS = 1_000
    article = queued()
    Article.objects.filter(pk=article.pk).update(text="Griner was sentenced. " * 100)
    assert processing.process_article(article.pk) == ArticleStatus.FAILED
    article.refresh_from_db()
    assert "at most 1,000" in article.error
    assert not article.proposed_entries.exists()


def seconds_ago(seconds: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def test_articles_abandoned_mid_work_are_put_back_in_the_queue(settings):
    abandoned = [make_article(status=status) for status in ("fetching", "extracting")]
    recent = make_article(status="fetching")
    done = make_article(status="done")
    Article.objects.filter(pk__in=[a.pk for a in abandoned] + [done.pk]).update(
        status_changed_at=seconds_ago(settings.STUCK_ARTICLE_SECONDS + 5)
    )
    assert sorted(processing.requeue_stuck()) == sorted(a.pk for a in abandoned)
    assert set(
        Article.objects.filter(pk__in=[a.pk for a in abandoned]).values_list("status", flat=True)
    ) == {"queued"}
    recent.refresh_from_db()
    assert recent.status == "fetching"
    assert processing.requeue_stuck() == []  # their clocks were restarted


def test_a_queued_article_is_sent_again_only_once_its_message_looks_lost(settings):
    """A queued article may be waiting its turn behind others; only after QUEUED_ARTICLE_SECONDS
    is its message taken for lost (the broker was down at submission, or a worker died holding
    it before starting), so a long queue is not flooded with copies of its messages."""
    waiting = make_article(status="queued")
    lost = make_article(status="queued")
    Article.objects.filter(pk=waiting.pk).update(
        status_changed_at=seconds_ago(settings.STUCK_ARTICLE_SECONDS + 5)
    )
    Article.objects.filter(pk=lost.pk).update(
        status_changed_at=seconds_ago(settings.QUEUED_ARTICLE_SECONDS + 5)
    )
    assert processing.requeue_stuck() == [lost.pk]


def test_an_article_is_abandoned_well_within_two_minutes_by_default():
    """Processing one article is bounded (the fetch by its timeout, the extraction by the length
    limit), so a claim this old belongs to a worker that died; the workers look this often."""
    from config import settings as defaults

    assert defaults.STUCK_ARTICLE_SECONDS + defaults.STUCK_SWEEP_SECONDS <= 90


def the_sweep_gives_it_to_another_worker(article_id: int, *, finish: bool) -> None:
    """What happens while a slow worker is still busy with the article: the sweep takes it for
    abandoned and another worker claims it, and with `finish` reads it through."""
    Article.objects.filter(pk=article_id).update(
        status=ArticleStatus.QUEUED, status_changed_at=timezone.now()
    )
    if finish:
        assert processing.process_article(article_id) == ArticleStatus.DONE
    else:
        assert processing.claim(article_id, ArticleStatus.EXTRACTING) is not None


@pytest.mark.parametrize("then", ["writes", "fails", "has a transient error"])
def test_a_slow_worker_whose_article_was_taken_over_changes_nothing(world, monkeypatch, then):
    def slow_extract(text, published, gazetteer_):
        the_sweep_gives_it_to_another_worker(article.pk, finish=False)
        if then == "fails":
            raise ValueError("bad offset")
        if then == "has a transient error":
            raise ConnectionError("reset")
        return fake_extract(text, published, gazetteer_)

    monkeypatch.setattr(processing, "run_extraction", slow_extract)
    article = queued()
    try:
        assert processing.process_article(article.pk) == "skipped"
    except ConnectionError:
        assert then == "has a transient error"
    article.refresh_from_db()
    assert article.status == ArticleStatus.EXTRACTING  # still the other worker's
    assert not article.proposed_entries.exists()


def test_a_slow_fetch_cannot_overwrite_the_text_another_worker_read(world, monkeypatch):
    pages = iter(["the slow worker's", "the other worker's"])

    def fetch_page(url):
        text = STORY.replace("Khimki", next(pages))
        if "slow" in text:  # it takes so long that another worker reads the article meanwhile
            the_sweep_gives_it_to_another_worker(article.pk, finish=True)
        return fetch.Page(url=url, text=text, title="Verdict")

    monkeypatch.setattr(processing, "run_extraction", fake_extract)
    monkeypatch.setattr(fetch, "fetch_page", fetch_page)
    article = Article.objects.create(url="https://wire.example/verdict")
    assert processing.process_article(article.pk) == "skipped"
    article.refresh_from_db()
    assert "the other worker's" in article.text
    proposed = list(article.proposed_entries.all())
    assert len(proposed) == 3
    assert all(article.text[p.start : p.end] == p.evidence for p in proposed)


def test_the_gazetteer_is_cached_until_a_name_changes(world):
    gazetteer.forget()
    first = gazetteer.get_gazetteer()
    assert gazetteer.get_gazetteer() is first
    party = Party.objects.get(slug="price")
    party.aliases = [*party.aliases, "the department's spokesman"]
    party.save()
    assert gazetteer.get_gazetteer() is not first


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_transaction_skips_the_commit_flush_and_only_that_transaction():
    from django.db import connection

    from sources.processing import replayable_transaction

    def synchronous_commit() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    with replayable_transaction():
        assert synchronous_commit() == "off"
    assert synchronous_commit() == "on"


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_worker_transaction_inside_another_leaves_the_outer_one_durable():
    from django.db import connection

    from sources.processing import replayable_transaction

    with replayable_transaction(), connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
