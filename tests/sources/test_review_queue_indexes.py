"""The review queue's indexes: PostgreSQL's planner uses each for the query it was made for.

The queue reads the pending proposals only, a few thousand in an archive of millions; each query
of the queue page (its items, in each order, and the counts beside it) must start from an index
on those rows rather than read the archive. The archive here is 15,000 proposals, one in a
hundred pending: the queue's plans below are the planner's own choice at that size. The counts
join the pending rows to a through table so small here that reading it whole is cheapest, so
that test turns sequential scans off to ask which index the planner would take.
"""

import datetime

import pytest
from django.db import connection

from cases.models import Case
from sources import pending, views
from sources.forms import QueueFilterForm
from sources.models import Article, Outlet, ProposedEntry, ReviewStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


ARTICLES, PER_ARTICLE, PENDING_EVERY = 3000, 5, 20


@pytest.fixture
def archive(world):
    """An archive in the queue's proportions, the statistics fresh: articles with five proposals
    each, all reviewed but one in every twentieth article; two cases."""
    outlet = Outlet.objects.create(slug="wire", name="Wire")
    start = datetime.date(2015, 1, 1)
    articles = Article.objects.bulk_create(
        Article(
            url=f"https://news.example/{n}",
            title=f"Article {n}",
            outlet=outlet,
            published_on=start + datetime.timedelta(days=n),
            text="Brittney Griner was detained.",
            status="done",
        )
        for n in range(ARTICLES)
    )
    proposals = ProposedEntry.objects.bulk_create(
        ProposedEntry(
            article=article,
            extractor_version="test",
            ordinal=ordinal,
            start=0,
            end=20,
            evidence="Brittney Griner was detained.",
            occurred_on=article.published_on,
            kind="detention",
            confidence=(n % 97) / 97,
            status=ReviewStatus.PENDING
            if n % PENDING_EVERY == 0 and ordinal == 0
            else ReviewStatus.APPROVED,
        )
        for n, article in enumerate(articles)
        for ordinal in range(PER_ARTICLE)
    )
    cases = list(Case.objects.filter(slug__in=["griner", "whelan"]))
    through = ProposedEntry.cases.through
    through.objects.bulk_create(
        through(proposedentry=p, case=cases[n % 2]) for n, p in enumerate(proposals)
    )
    with connection.cursor() as cursor:
        for table in ["sources_article", "sources_proposedentry", "sources_proposedentry_cases"]:
            cursor.execute(f"ANALYZE {table}")


def plan(queryset) -> str:
    return queryset.explain()


def index_definition(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        (definition,) = cursor.fetchone()
    return definition


@pytest.mark.parametrize(
    "name", ["proposed_pending_by_article", "proposed_pending_confidence", "proposed_pending_ids"]
)
def test_the_pending_indexes_hold_the_pending_rows_only(db, name):
    assert "WHERE ((status)::text = 'pending'::text)" in index_definition(name)


def test_the_newest_first_queue_walks_the_articles_newest_first(archive):
    definition = index_definition("article_newest_first")
    assert "published_on DESC, created_at DESC, id" in definition
    queryset = views.queue_items(QueueFilterForm({}))[: views.QUEUE_PAGE_SIZE + 1]
    explained = plan(queryset)
    # Newest articles first, each article's pending proposals, each one's head if pending:
    # the queue stops after a page's worth, without sorting the archive.
    assert "Index Scan using article_newest_first on sources_article" in explained
    assert "Index Scan using proposed_pending_by_article on sources_proposedentry" in explained
    assert "Index Only Scan using proposed_pending_ids on sources_proposedentry u0" in explained
    assert "Sort Method" not in explained and "Seq Scan on sources_proposedentry" not in explained


def test_the_next_page_starts_its_walk_at_the_cursor(archive):
    form = QueueFilterForm({})
    first = list(views.queue_items(form)[:3])
    queryset = views.queue_items(form, after=views._sort_values(form, first[-1].pk))[:21]
    explained = plan(queryset)
    # The bound on the first key is an index condition, not a filter applied after a full walk.
    assert "Index Cond: (published_on <=" in explained.replace('"', "")


@pytest.mark.parametrize("sort", ["confidence", "doubtful"])
def test_the_queue_by_confidence_reads_the_pending_confidence_index(archive, sort):
    queryset = views.queue_items(QueueFilterForm({"sort": sort}))[:21]
    assert "proposed_pending_confidence" in plan(queryset)


def test_the_counts_look_up_the_cases_of_each_pending_proposal(archive):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # until the test's transaction ends
    explained = plan(pending.pending_case_sets())
    assert "Seq Scan" not in explained
    # Each pending proposal's cases: a lookup by its id, not a scan of the link table.
    assert "SubPlan" in explained
    assert "Index Cond: (proposedentry_id = sources_proposedentry.id)" in explained


def test_a_filtered_queue_finds_its_matches_among_the_pending_rows(archive):
    """A case's queue first finds its items among the pending rows, each pending proposal
    looking up its own link to the case; no article is read, so none is walked (a case's
    reports may all be years old). Whether PostgreSQL reads the pending rows from the index
    alone depends on the visibility map, which only VACUUM sets (not possible inside a test's
    transaction); the index holds what it would need."""
    explained = plan(views.queue_matches(QueueFilterForm({"case": "whelan"})))
    assert "sources_article" not in explained
    assert "Seq Scan on sources_proposedentry" not in explained  # nor its link table
    assert "SubPlan" in explained
    assert "(proposedentry_id = sources_proposedentry.id)" in explained
    definition = index_definition("proposed_pending_by_article")
    assert "(article_id, ordinal, id, group_id, kind, confidence, occurred_on)" in definition
