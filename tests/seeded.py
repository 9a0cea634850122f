"""The rows `load_seeds` adds, made once per test session and restored row for row in each test
that asks for them, instead of loading the world and reading the seed article every time.

`load_seeds` runs for real once (the extractor on the seed article, the world, the alerts'
records), in a transaction that is then rolled back; what it added is kept in memory, table by
table, and inserted again in one transaction (the foreign keys are checked at its end). A seed
load that changed or deleted a row it found is refused, since an insert cannot restore that.
PostgreSQL's sequences are not rolled back (SQLite's counters are moved on by hand), so the rows
a test adds get other ids than the restored ones.
"""

import time
from dataclasses import dataclass

from django.apps import apps
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.test import TestCase

from config.celery import app as celery_app


@dataclass
class Table:
    model: type
    fields: list
    rows: list[dict]


def _models() -> list[type]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _rows(model) -> dict:
    fields = model._meta.local_concrete_fields
    names = [field.attname for field in fields]
    pk = model._meta.pk.attname
    return {row[pk]: row for row in model._base_manager.values(*names)}


def take(using: str = DEFAULT_DB_ALIAS) -> list[Table]:
    """Run `load_seeds` as the API tests do (tasks in the process, on-commit callbacks run),
    keep the rows it added, and roll it all back."""
    models = [model for model in _models() if router.allow_migrate_model(using, model)]
    was = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=True)
    try:
        with transaction.atomic(using=using):
            before = {model: _rows(model) for model in models}
            with TestCase.captureOnCommitCallbacks(using=using, execute=True):
                call_command("load_seeds", verbosity=0)
            tables = []
            for model in models:
                old, new = before[model], _rows(model)
                changed = [pk for pk, row in old.items() if new.get(pk) != row]
                if changed:
                    raise RuntimeError(
                        f"load_seeds changed or deleted {model._meta.label} rows {changed}; "
                        "a snapshot of added rows cannot restore that"
                    )
                added = [row for pk, row in new.items() if pk not in old]
                if added:
                    tables.append(Table(model, model._meta.local_concrete_fields, added))
            transaction.set_rollback(True, using=using)
    finally:
        celery_app.conf.update(task_always_eager=was)
    _past_the_snapshot(tables, using)
    return tables


def _past_the_snapshot(tables: list[Table], using: str) -> None:
    """SQLite rolls its AUTOINCREMENT counters back with the load: move them past the
    snapshot's ids for good, so rows a test makes before the restore (its users) never take one
    of them. PostgreSQL's sequences are past them already."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for table in tables:
            pk = table.model._meta.pk
            if pk.get_internal_type() not in ("AutoField", "BigAutoField", "SmallAutoField"):
                continue
            name, top = table.model._meta.db_table, max(row[pk.attname] for row in table.rows)
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [top, name]
            )
            if cursor.rowcount == 0:
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [name, top]
                )


def restore(tables: list[Table], using: str = DEFAULT_DB_ALIAS) -> None:
    """Insert the rows again, as loaddata does (no save(), no signals). Each case summary gets
    a version of now, as a fresh load gives it, so no cached fragment of another test matches."""
    from cases.models import CaseSummary

    connection = connections[using]
    with transaction.atomic(using=using):
        for table in tables:
            objs = [table.model(**row) for row in table.rows]
            if table.model is CaseSummary:
                for obj in objs:
                    obj.version = time.time_ns()
            size = connection.ops.bulk_batch_size(table.fields, objs) or len(objs)
            for start in range(0, len(objs), size):
                table.model._base_manager.using(using)._insert(
                    objs[start : start + size], fields=table.fields, using=using
                )
