"""Words in, matching entries, cases, parties and articles out.

On PostgreSQL this is its full-text search: English stemming, `websearch` query syntax ("quoted
phrases", -excluded, or), results ranked, and GIN indexes on the entries' text (cases migration
0002) and the articles' (sources migration 0007) that the queries below use because they build
the very same expressions (the articles' is a stored column, as their texts are long). Ranking
reads each candidate's vector, so only the newest RANK_WINDOW matches are ranked: a word found
in 20,000 entries costs what one found in 500 does. On SQLite, for the laptop demo, the same
syntax is read by `parse` and matched as text in the fields (case-insensitive, unstemmed),
newest first. Names (of cases, parties, proposals and their aliases) are matched that way on
both databases: stemming does not help with "Lavrov" or "IK-2".
"""

import dataclasses
import re
import unicodedata
from functools import reduce
from operator import and_, or_

from django.apps import apps
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL

from .models import Case, Party, Proposal, TimelineEntry

CONFIG = "english"
# The GIN indexes are built on exactly these expressions.
ENTRY_VECTOR_FIELDS = ("summary", "quote")
ARTICLE_VECTOR_FIELDS = ("title", "text")
# How many of the newest matches are ranked.
RANK_WINDOW = 500
# The articles' stored vector of ARTICLE_VECTOR_FIELDS, a column the database computes (sources
# migration 0007, PostgreSQL only), unknown to the model. Named without its table: in a subquery
# Django gives the articles table another alias, and a qualified name would reach out to the
# enclosing query's articles instead (a correlated subquery run once per article).
ARTICLE_DOCUMENT = RawSQL('"search_document"', [], output_field=SearchVectorField())


def entry_vector() -> SearchVector:
    return SearchVector(*ENTRY_VECTOR_FIELDS, config=CONFIG)


def full_text() -> bool:
    return connection.vendor == "postgresql"


def clean_query(q: str) -> str:
    """The query with control characters as spaces: they are never part of a word, and
    PostgreSQL refuses a NUL in any text it is given."""
    return "".join(" " if unicodedata.category(char) == "Cc" else char for char in q).strip()


@dataclasses.dataclass(frozen=True)
class Term:
    text: str  # a word or a phrase, its spaces collapsed
    excluded: bool = False


# A term: an optional "-", then a "quoted phrase" (its closing quote may be missing) or a word.
_TERM = re.compile(r'(?P<minus>-)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')


def parse(q: str) -> list[list[Term]]:
    """`q` read as PostgreSQL's websearch_to_tsquery reads it: words and "quoted phrases" must
    all match, a -word or -"phrase" must not, and `or` between two terms lets either match.
    Returns the groups that must all match, each a list of alternatives. Punctuation alone is
    no term, and `or` with nothing before or after it is ignored."""
    groups: list[list[Term]] = []
    either = False
    for match in _TERM.finditer(q):
        minus, phrase, word = match.group("minus", "phrase", "word")
        if word is not None and word.lower() == "or" and not minus:
            either = bool(groups)
            continue
        text = " ".join((phrase if phrase is not None else word).split())
        if not any(char.isalnum() for char in text):
            continue
        term = Term(text, excluded=bool(minus))
        if either:
            groups[-1].append(term)
        else:
            groups.append([term])
        either = False
    return groups


def _found_as_text(fields: tuple[str, ...], q: str) -> Q:
    """The parsed query as text in the fields: each group has an alternative found in one of
    the fields, and no excluded term is in any of them."""

    def term_found(term: Term) -> Q:
        found = reduce(or_, (Q(**{f"{field}__icontains": term.text}) for field in fields))
        return ~found if term.excluded else found

    return reduce(
        and_, (reduce(or_, (term_found(term) for term in group)) for group in parse(q)), Q()
    )


def _query(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=CONFIG)


def match_entries(entries: QuerySet[TimelineEntry], q: str) -> QuerySet[TimelineEntry]:
    """Entries whose summary or quote match `q` (the timeline's words filter); unordered."""
    q = clean_query(q)
    if not parse(q):
        return entries
    if full_text():
        return entries.alias(search=entry_vector()).filter(search=_query(q))
    return entries.filter(_found_as_text(("summary", "quote", "speaker__name"), q))


def _ranked(
    queryset: QuerySet, matches: QuerySet, q: str, vector: SearchVector, newest: tuple[str, ...]
) -> QuerySet:
    """The rows of `queryset` among the newest RANK_WINDOW of `matches`, best first: the window
    is found through the index and only its rows are ranked."""
    window = matches.order_by(*newest).values("pk")[:RANK_WINDOW]
    return (
        queryset.filter(pk__in=window)
        .annotate(rank=SearchRank(vector, _query(q)))
        .order_by("-rank", *newest)
    )


def _match(
    queryset: QuerySet, q: str, vector_fields: tuple[str, ...], name_fields: tuple[str, ...]
):
    """Cases, parties and proposals: small tables, so names are also matched as typed (stemming
    does not help with "Lavrov" or "IK-2") and every match is ranked."""
    if full_text():
        query = _query(q)
        vector = SearchVector(*vector_fields, config=CONFIG)
        by_name = _found_as_text(name_fields, q)
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(Q(search=query) | by_name)
            .order_by(F("rank").desc(nulls_last=True))
        )
    return queryset.filter(_found_as_text(vector_fields + name_fields, q))


@dataclasses.dataclass
class Results:
    q: str
    entries: list
    cases: list
    parties: list
    articles: list
    limit: int
    proposals: list = dataclasses.field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.entries)
            + len(self.cases)
            + len(self.parties)
            + len(self.proposals)
            + len(self.articles)
        )


def search(q: str, user, entries: QuerySet[TimelineEntry], limit: int = 30) -> Results:
    """`entries` is the entry queryset the page renders (already limited to what `user` may see,
    with its prefetches). Articles are those on the record: cited by an entry the user may see."""
    q = clean_query(q)
    if not parse(q):
        return Results(
            q=q, entries=[], cases=[], parties=[], articles=[], limit=limit, proposals=[]
        )
    article_model = apps.get_model("sources", "Article")
    visible = TimelineEntry.objects.visible_to(user)
    cited = TimelineEntry.citations.rel.related_model.objects.filter(entry__in=visible.values("pk"))
    on_record = article_model.objects.filter(pk__in=cited.values("article"))
    newest_entries, newest_articles = ("-occurred_on", "-pk"), ("-published_on", "-pk")
    if full_text():
        matches = match_entries(visible, q)
        matched_entries = _ranked(entries, matches, q, entry_vector(), newest_entries)
        # The articles' vectors are stored (sources migration 0007): matched as they are, and
        # ranked from them too, among the newest RANK_WINDOW matches.
        articles = _ranked(
            article_model.objects.all(),
            on_record.alias(search=ARTICLE_DOCUMENT).filter(search=_query(q)),
            q,
            ARTICLE_DOCUMENT,
            newest_articles,
        )
    else:
        matched_entries = match_entries(entries, q).order_by(*newest_entries)
        articles = on_record.filter(_found_as_text(ARTICLE_VECTOR_FIELDS, q)).order_by(
            *newest_articles
        )
    cases = _match(
        Case.objects.select_related("detainee").prefetch_related("status_changes"),
        q,
        ("name", "summary", "charges", "detained_at", "held_at"),
        ("name", "aliases"),
    )
    parties = _match(Party.objects.all(), q, ("name", "title", "description"), ("name", "aliases"))
    proposals = _match(
        Proposal.objects.prefetch_related("status_changes"),
        q,
        ("title", "terms"),
        ("title", "aliases"),
    )
    return Results(
        q=q,
        entries=list(matched_entries[:limit]),
        cases=list(cases[:limit]),
        parties=list(parties[:limit]),
        proposals=list(proposals[:limit]),
        articles=list(articles.select_related("outlet")[:limit]),
        limit=limit,
    )
