"""The extractor's gazetteer, built from the database and kept in memory by each worker process.

Building it reads every party, case and proposal, so it is built once and reused until a name or
alias changes. Changes are noticed through a version stamp read from the database: the latest
history row of parties, cases and proposals (simple-history writes one on every save, delete and
change of a proposal's cases, whichever process or admin page made it). Reading the stamp is one
small query per article; no signal has to be wired in every process that might edit a name.
Bulk updates that bypass save() bypass history too; call `forget()` after one.
"""

import threading

from django.db import connection

from cases.models import Case, Party, Proposal
from cases.world import world_from_db

from .extraction import Gazetteer

_lock = threading.Lock()
_cached: tuple[tuple, object] | None = None


def version_stamp() -> tuple:
    tables = [model.history.model._meta.db_table for model in (Party, Case, Proposal)]
    quote = connection.ops.quote_name
    selects = ", ".join(f"(SELECT MAX(history_id) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selects}")
        return tuple(cursor.fetchone())


def get_gazetteer():
    """The current gazetteer: the cached one while the stamp is unchanged, else a fresh one."""
    global _cached
    stamp = version_stamp()
    cached = _cached
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != stamp:
            _cached = (stamp, Gazetteer.from_world(world_from_db()))
        return _cached[1]


def forget() -> None:
    global _cached
    _cached = None
