"""manage.py generate_archive: the synthetic archive has the sizes and shape asked for, its
articles hold the evidence quoted from them, and a seed gives the same archive every time."""

import hashlib
import statistics
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from cases.models import Case, EntryKind, Party, TimelineEntry
from sources.ingest import content_hash
from sources.models import Article, ArticleStatus, Citation, ProposedEntry, ReviewStatus

pytestmark = pytest.mark.django_db

SMALL = {"cases": 12, "entries": 600, "articles": 150, "proposals": 800, "pending_share": 0.05}
TINY = {"cases": 6, "entries": 120, "articles": 40, "proposals": 150, "pending_share": 0.1}


def generate(sizes: dict = SMALL, **options) -> str:
    out = StringIO()
    call_command("generate_archive", stdout=out, **(sizes | options))
    return out.getvalue()


def generated_cases():
    return Case.objects.filter(slug__startswith="gen-")


def digest() -> str:
    """A hash of what was generated, leaving out what the database or the clock decides
    (primary keys, creation times)."""
    entries = TimelineEntry.cases.through.objects.order_by(
        "case__slug", "timelineentry__occurred_on", "timelineentry__kind", "timelineentry__summary"
    ).values_list(
        "case__slug",
        "timelineentry__occurred_on",
        "timelineentry__kind",
        "timelineentry__summary",
        "timelineentry__restricted",
    )
    articles = Article.objects.order_by("url").values_list("url", "published_on", "status", "text")
    proposed = ProposedEntry.objects.order_by("article__url", "ordinal").values_list(
        "article__url", "ordinal", "status", "kind", "occurred_on", "evidence", "group__evidence"
    )
    rows = [*entries, *articles, *proposed]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_the_archive_has_the_sizes_asked_for_and_a_long_tail():
    output = generate(seed=1)

    assert generated_cases().count() == 12
    assert TimelineEntry.objects.count() == 600
    assert Article.objects.count() == 150
    assert ProposedEntry.objects.count() == 800
    assert "Generated" in output
    sizes = sorted(
        generated_cases().annotate(n=Count("entries")).values_list("n", flat=True), reverse=True
    )
    assert sizes[-1] >= 1
    assert sizes[0] >= 3 * statistics.median(sizes)


def test_the_archive_has_every_kind_of_row_the_pages_show():
    generate(seed=1)

    entries = TimelineEntry.objects.all()
    assert set(entries.values_list("kind", flat=True)) == set(EntryKind.values)
    assert entries.filter(restricted=True).exists()
    assert not entries.filter(cases=None).exists()
    assert not entries.filter(citations=None).exists()
    assert not entries.filter(approved_by=None).exists()
    assert all(e.reported_on >= e.occurred_on for e in entries.only("occurred_on", "reported_on"))
    assert entries.filter(kind=EntryKind.STATEMENT).exclude(speaker=None).exists()
    assert not entries.filter(kind=EntryKind.STATEMENT, speaker=None).exists()
    assert any(len(summary) > 200 for summary in entries.values_list("summary", flat=True))
    assert generated_cases().filter(status_changes__status="detained").distinct().count() == 12

    names = Party.objects.filter(slug__startswith="gen-").values_list("name", flat=True)
    assert any(not name.isascii() for name in names)

    pending = ProposedEntry.objects.filter(status=ReviewStatus.PENDING)
    assert pending.exists()
    assert pending.exclude(group=None).exists()
    assert not pending.filter(cases=None).exists()
    assert not ProposedEntry.objects.filter(status=ReviewStatus.APPROVED, entry=None).exists()
    assert not ProposedEntry.objects.filter(status=ReviewStatus.REJECTED, reject_reason="").exists()


def test_the_evidence_is_where_the_offsets_say_and_the_hashes_are_the_ingest_hashes():
    generate(seed=2)

    texts = dict(Article.objects.values_list("pk", "text"))
    for article_id, start, end, evidence in [
        *Citation.objects.values_list("article_id", "start", "end", "evidence"),
        *ProposedEntry.objects.values_list("article_id", "start", "end", "evidence"),
    ]:
        assert texts[article_id][start:end] == evidence
    read = Article.objects.filter(status=ArticleStatus.DONE)
    assert all(len(article.text) >= 1500 for article in read)
    assert all(article.content_hash == content_hash(article.text) for article in read)


def test_the_same_seed_gives_the_same_archive():
    with transaction.atomic():
        generate(TINY, seed=7)
        first = digest()
        transaction.set_rollback(True)
    with transaction.atomic():
        generate(TINY, seed=8)
        other_seed = digest()
        transaction.set_rollback(True)

    generate(TINY, seed=7)

    assert digest() == first
    assert other_seed != first


def test_it_generates_beside_the_seed_world(world):
    generate(TINY, seed=3)

    assert Case.objects.filter(slug__in=["griner", "whelan"]).count() == 2
    assert generated_cases().count() == 6
    assert not Case.objects.get(slug="griner").entries.exists()


def test_a_second_archive_in_the_same_database_is_refused():
    generate(TINY)

    with pytest.raises(CommandError, match="already holds a generated archive"):
        generate(TINY)


def test_sizes_that_cannot_be_met_are_refused():
    with pytest.raises(CommandError, match="--entries must be at least --cases"):
        generate(TINY, entries=5)
    assert not generated_cases().exists()


def test_the_case_summaries_count_what_was_generated():
    from cases.models import Audience, CaseSummary

    output = generate(TINY)
    assert "Case summaries…\n  6 cases counted" in output
    summaries = CaseSummary.objects.filter(case__in=generated_cases())
    editors = summaries.filter(audience=Audience.EDITORS)
    assert sum(editors.values_list("entry_count", flat=True)) == TimelineEntry.objects.count()
    analysts = summaries.filter(audience=Audience.ANALYSTS)
    public = TimelineEntry.objects.filter(restricted=False).count()
    assert sum(analysts.values_list("entry_count", flat=True)) == public
