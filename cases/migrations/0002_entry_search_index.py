"""A GIN index for full-text search of timeline entries, on PostgreSQL only.

The index is built on the same expression cases.search builds (SearchVector of summary and quote,
English configuration) so the planner can use it. It lives outside the model state (the model
does not declare it), so makemigrations has nothing to say about it, and on SQLite it does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(SearchVector("summary", "quote", config="english"), name="cases_entry_search")


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("cases", "TimelineEntry"), INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("cases", "TimelineEntry"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
