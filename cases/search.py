"""Words in, matching entries, cases, parties and articles out.

On PostgreSQL this is its full-text search: English stemming, `websearch` query syntax ("quoted
phrases", -excluded, or), results ranked, and a GIN index on the entries' text (migration 0002)
that the entry query below uses because it builds the very same expression. On SQLite, for the
laptop demo, every word must appear somewhere in the fields (case-insensitive).
"""

import dataclasses
import unicodedata
from functools import reduce
from operator import and_, or_

from django.apps import apps
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet

from .models import Case, Party, TimelineEntry

CONFIG = "english"
# The GIN index in migration 0002 is built on exactly this expression.
ENTRY_VECTOR_FIELDS = ("summary", "quote")


def entry_vector() -> SearchVector:
    return SearchVector(*ENTRY_VECTOR_FIELDS, config=CONFIG)


def full_text() -> bool:
    return connection.vendor == "postgresql"


def clean_query(q: str) -> str:
    """The query with control characters as spaces: they are never part of a word, and
    PostgreSQL refuses a NUL in any text it is given."""
    return "".join(" " if unicodedata.category(char) == "Cc" else char for char in q).strip()


def _words(q: str) -> list[str]:
    return [word for word in q.split() if word]


def _icontains_all(fields: tuple[str, ...], q: str) -> Q:
    """Every word in at least one of the fields."""
    return reduce(
        and_,
        (
            reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields))
            for word in _words(q)
        ),
        Q(),
    )


def match_entries(entries: QuerySet[TimelineEntry], q: str) -> QuerySet[TimelineEntry]:
    """Entries whose summary or quote match `q`, best first on PostgreSQL."""
    q = clean_query(q)
    if not _words(q):
        return entries
    if full_text():
        query = SearchQuery(q, search_type="websearch", config=CONFIG)
        return (
            entries.annotate(search=entry_vector(), rank=SearchRank(entry_vector(), query))
            .filter(search=query)
            .order_by("-rank", "-occurred_on", "-pk")
        )
    return entries.filter(_icontains_all(("summary", "quote", "speaker__name"), q))


def _match(
    queryset: QuerySet, q: str, vector_fields: tuple[str, ...], name_fields: tuple[str, ...]
):
    if full_text():
        query = SearchQuery(q, search_type="websearch", config=CONFIG)
        vector = SearchVector(*vector_fields, config=CONFIG)
        # Names are matched as typed too: stemming does not help with "Lavrov" or "IK-2".
        by_name = _icontains_all(name_fields, q)
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(Q(search=query) | by_name)
            .order_by(F("rank").desc(nulls_last=True))
        )
    return queryset.filter(_icontains_all(vector_fields + name_fields, q))


@dataclasses.dataclass
class Results:
    q: str
    entries: list
    cases: list
    parties: list
    articles: list
    limit: int

    @property
    def total(self) -> int:
        return len(self.entries) + len(self.cases) + len(self.parties) + len(self.articles)


def search(q: str, user, entries: QuerySet[TimelineEntry], limit: int = 30) -> Results:
    """`entries` is the entry queryset the page renders (already limited to what `user` may see,
    with its prefetches). Articles are those on the record: cited by an entry the user may see."""
    q = clean_query(q)
    if not _words(q):
        return Results(q=q, entries=[], cases=[], parties=[], articles=[], limit=limit)
    matched_entries = match_entries(entries, q)
    if not full_text():
        matched_entries = matched_entries.order_by("-occurred_on", "-pk")
    cases = _match(
        Case.objects.select_related("detainee").prefetch_related("status_changes"),
        q,
        ("name", "summary", "charges", "detained_at", "held_at"),
        ("name", "aliases"),
    )
    parties = _match(Party.objects.all(), q, ("name", "title", "description"), ("name", "aliases"))
    article_model = apps.get_model("sources", "Article")
    visible = TimelineEntry.objects.visible_to(user).values("pk")
    on_record = article_model.objects.filter(citations__entry__in=visible).values("pk")
    articles = _match(
        article_model.objects.filter(pk__in=on_record).select_related("outlet"),
        q,
        ("title", "text"),
        ("title",),
    )
    if not full_text():
        articles = articles.order_by("-published_on", "-pk")
    return Results(
        q=q,
        entries=list(matched_entries[:limit]),
        cases=list(cases[:limit]),
        parties=list(parties[:limit]),
        articles=list(articles[:limit]),
        limit=limit,
    )
