"""The extractor's gazetteer, built from the database and kept in memory by each worker process.

Building it reads every party, case and proposal, so it is built once and reused until a name or
alias changes. Changes are noticed through a version stamp read from the database: the latest
history row of parties, cases and proposals (simple-history writes one on every save, delete and
change of a proposal's cases, whichever process or admin page made it). Reading the stamp is one
small query per article; no signal has to be wired in every process that might edit a name.
Bulk updates that bypass save() bypass history too; call `forget()` after one.
"""

import functools
import threading
from dataclasses import dataclass

from django.db import connection

from cases.models import Case, Party, Proposal
from cases.world import world_from_db

from .extraction import Gazetteer


@dataclass(frozen=True)
class Known:
    """What the worker knows of the world: the gazetteer, and the ids of the slugs it returns
    (so writing an article's proposals needs no query to turn slugs into ids)."""

    gazetteer: Gazetteer
    case_ids: dict[str, int]
    party_ids: dict[str, int]
    proposal_ids: dict[str, int]


_lock = threading.Lock()
_cached: tuple[tuple, Known] | None = None


@functools.cache
def _stamp_sql() -> str:
    # `Model.history` builds a manager class on every access: look the tables up once.
    tables = [model.history.model._meta.db_table for model in (Party, Case, Proposal)]
    quote = connection.ops.quote_name
    return "SELECT " + ", ".join(f"(SELECT MAX(history_id) FROM {quote(t)})" for t in tables)


def version_stamp() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql())
        return tuple(cursor.fetchone())


def known() -> Known:
    """The cached gazetteer and ids while the stamp is unchanged, else fresh ones."""
    global _cached
    stamp = version_stamp()
    cached = _cached
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != stamp:
            _cached = (
                stamp,
                Known(
                    gazetteer=Gazetteer.from_world(world_from_db()),
                    case_ids=dict(Case.objects.values_list("slug", "pk")),
                    party_ids=dict(Party.objects.values_list("slug", "pk")),
                    proposal_ids=dict(Proposal.objects.values_list("slug", "pk")),
                ),
            )
        return _cached[1]


def get_gazetteer() -> Gazetteer:
    return known().gazetteer


def forget() -> None:
    global _cached
    _cached = None
