import datetime

import pytest
from django.conf import settings

from sources import dedupe
from sources.models import ArticleStatus
from tests.factories import make_article, make_entry, make_proposed_entry

SEED = (settings.BASE_DIR / "seeds" / "seed-2022-07-28.txt").read_text()
OTHER = (
    "A Moscow court on Tuesday extended the pretrial detention of a former US Marine for three "
    "more months, his lawyer said, rejecting a defence request for house arrest. The embassy "
    "was not granted consular access to the hearing, a spokesperson wrote in a statement, and "
    "the family renewed its call for the administration to bring him home before the winter."
)


def fingerprint(text: str) -> int:
    return dedupe.to_signed(dedupe.simhash(text))


def test_simhash_is_64_bits_and_stable():
    value = dedupe.simhash(SEED)
    assert 0 <= value < 1 << 64
    assert dedupe.simhash(SEED) == value


def test_to_signed_fits_a_bigint_and_keeps_distances():
    assert dedupe.to_signed(2**64 - 1) == -1
    assert dedupe.to_signed(5) == 5
    a, b = 2**63 + 7, 12345
    assert dedupe.hamming(dedupe.to_signed(a), dedupe.to_signed(b)) == dedupe.hamming(a, b)


def test_syndicated_copy_lands_a_few_bits_away():
    copy = "MOSCOW (Reuters) - " + SEED + "\nReporting by Jane Doe; editing by John Roe."
    assert dedupe.hamming(dedupe.simhash(SEED), dedupe.simhash(copy)) <= dedupe.MAX_HAMMING
    assert dedupe.is_near_duplicate(SEED, copy)


def test_unrelated_text_is_far_and_not_a_duplicate():
    assert dedupe.hamming(dedupe.simhash(SEED), dedupe.simhash(OTHER)) > dedupe.MAX_HAMMING
    assert not dedupe.is_near_duplicate(SEED, OTHER)


def test_a_copy_cut_short_counts_by_containment():
    shorter = SEED.rsplit("\n", 2)[0]
    jaccard, containment = dedupe.similarity(SEED, shorter)
    assert containment >= dedupe.MIN_CONTAINMENT
    assert dedupe.is_near_duplicate(SEED, shorter)


@pytest.mark.django_db
def test_it_finds_the_original_of_a_near_copy():
    original = make_article(text=SEED, fingerprint=fingerprint(SEED))
    copy_text = "WASHINGTON (AP) - " + SEED
    copy = make_article(text=copy_text, fingerprint=fingerprint(copy_text), status="extracting")
    assert dedupe.find_original(copy) == original


@pytest.mark.django_db
def test_it_finds_an_exact_copy_by_content_hash():
    original = make_article(text=SEED, content_hash="abc")
    copy = make_article(text=SEED, content_hash="abc", status="extracting")
    assert dedupe.find_original(copy) == original


@pytest.mark.django_db
def test_a_fingerprint_collision_is_not_trusted():
    """The same fingerprint with different words: the text check says no."""
    make_article(text=OTHER, fingerprint=fingerprint(SEED))
    copy = make_article(text=SEED, fingerprint=fingerprint(SEED), status="extracting")
    assert dedupe.find_original(copy) is None


@pytest.mark.django_db
def test_duplicates_and_failed_articles_are_not_originals():
    first = make_article(text=SEED, fingerprint=fingerprint(SEED))
    make_article(text=SEED, fingerprint=fingerprint(SEED), status="duplicate", duplicate_of=first)
    first.status = ArticleStatus.FAILED
    first.save()
    copy = make_article(text=SEED, fingerprint=fingerprint(SEED), status="extracting")
    assert dedupe.find_original(copy) is None


@pytest.mark.django_db
def test_two_copies_read_at_once_never_point_at_each_other():
    a = make_article(text=SEED, fingerprint=fingerprint(SEED), status="extracting")
    b = make_article(text=SEED, fingerprint=fingerprint(SEED), status="extracting")
    assert dedupe.find_original(b) == a
    assert dedupe.find_original(a) is None


@pytest.mark.django_db
def test_articles_outside_the_window_are_not_compared():
    make_article(text=SEED, fingerprint=fingerprint(SEED), published_on=datetime.date(2021, 1, 1))
    copy = make_article(text=SEED, fingerprint=fingerprint(SEED), status="extracting")
    assert dedupe.find_original(copy) is None


@pytest.mark.django_db
def test_an_entry_counts_its_articles_and_their_duplicates_as_reports(world):
    cited = make_article()
    for _ in range(2):
        make_article(status="duplicate", duplicate_of=cited)
    other = make_article()
    entry = make_entry(article=cited)
    from sources.models import Citation

    Citation.objects.create(entry=entry, article=other)
    lonely = make_entry()
    from cases.models import TimelineEntry

    counts = dict(
        dedupe.with_report_counts(TimelineEntry.objects.all()).values_list("pk", "reports")
    )
    assert counts == {entry.pk: 4, lonely.pk: 0}


@pytest.mark.django_db
def test_a_proposed_entry_counts_its_group_and_duplicates_as_reports(world):
    from sources.models import ProposedEntry

    first = make_proposed_entry()
    make_article(status="duplicate", duplicate_of=first.article)
    member = make_proposed_entry(group=first)
    make_article(status="duplicate", duplicate_of=member.article)
    counts = dict(
        dedupe.with_proposal_report_counts(ProposedEntry.objects.all()).values_list("pk", "reports")
    )
    assert counts[first.pk] == 4
    assert counts[member.pk] == 2
