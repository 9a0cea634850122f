"""How many proposals are pending, about which cases: the counts beside the review queue.

They read every pending proposal's cases (17,000 rows with 6,000 pending), so they are kept in
the cache under what they were counted from: the pending set's signature (how many, the highest
id and the sum of the ids, read from the pending ids' index alone), which any proposal becoming
pending or leaving the queue changes, and a generation that any change to a proposal's cases
moves. A bulk `update()` of the links, which sends no signal, is seen within COUNTS_TIMEOUT.
"""

import time
from collections import Counter
from typing import NamedTuple

from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, OuterRef, Sum
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from cases.models import Case

from .models import ProposedEntry, ReviewStatus

COUNTS_GENERATION_KEY = "review:pending-cases:generation"
COUNTS_TIMEOUT = 5 * 60


def pending_proposals():
    return ProposedEntry.objects.filter(status=ReviewStatus.PENDING)


class CaseCount(NamedTuple):
    slug: str
    name: str
    pending: int


def counts_by_case() -> tuple[int, list[CaseCount]]:
    """How many proposals are pending, and the cases they are about, busiest first, each with
    its count: from the cache when nothing they were counted from has changed."""
    generation = cache.get(COUNTS_GENERATION_KEY)
    if generation is None:
        cache.add(COUNTS_GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(COUNTS_GENERATION_KEY)  # None only when the cache is unreachable
    ids = pending_proposals().order_by().aggregate(n=Count("pk"), top=Max("pk"), sum=Sum("pk"))
    key = f"review:pending-counts:{generation}:{ids['n']}:{ids['top']}:{ids['sum']}"
    found = cache.get(key) if generation is not None else None
    if found is None:
        found = _count()
        if generation is not None:
            cache.set(key, found, COUNTS_TIMEOUT)
    return found


@receiver(m2m_changed, sender=ProposedEntry.cases.through, dispatch_uid="pending_cases_changed")
def _cases_changed(**kwargs) -> None:
    cache.set(COUNTS_GENERATION_KEY, time.time_ns(), None)


def pending_case_sets():
    """Rows of (case ids, how many pending proposals are about exactly those cases), from the
    pending proposals (PostgreSQL only).

    Each proposal's case ids are a subquery of it, an index lookup per pending proposal. A
    plain join of the pending proposals to the link table lets the planner read the whole link
    table instead (in parallel), which on a busy two-core server took five times as long as
    the lookups, and grows with the archive. Grouped by the set of cases, most proposals being
    about one case, a few hundred rows come back rather than one per proposal."""
    links = ProposedEntry.cases.through.objects.filter(proposedentry_id=OuterRef("pk"))
    case_ids = ArraySubquery(links.order_by("case_id").values("case_id"))
    pending = pending_proposals().order_by().annotate(case_ids=case_ids)
    return pending.values_list("case_ids").annotate(n=Count("pk")).order_by()


def _count() -> tuple[int, list[CaseCount]]:
    """The counts, read from the pending proposals (a few thousand) and their links to cases,
    never from every case or every link of the archive."""
    counts = Counter()
    if connection.vendor == "postgresql":
        total = 0
        for case_ids, n in pending_case_sets():
            total += n
            counts.update(dict.fromkeys(case_ids, n))
    else:  # SQLite, a laptop's archive: the plain join, counted by the database
        links = ProposedEntry.cases.through.objects.filter(
            proposedentry__status=ReviewStatus.PENDING
        )
        total = pending_proposals().count()
        counts.update(dict(links.values_list("case_id").annotate(n=Count("pk"))))
    cases = Case.objects.filter(pk__in=list(counts)).values_list("pk", "slug", "name")
    rows = [CaseCount(slug, name, counts[pk]) for pk, slug, name in cases]
    return total, sorted(rows, key=lambda row: (-row.pending, row.name, row.slug))
