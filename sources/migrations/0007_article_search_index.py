"""A GIN index for full-text search of articles on the record, on PostgreSQL only.

Built on the expression cases.search builds for articles (SearchVector of title and text, English
configuration), so the planner can use it; without it a search read the text of every cited
article. Like the entries' index (cases 0002) it lives outside the model state, and on SQLite it
does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(SearchVector("title", "text", config="english"), name="sources_article_search")


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("sources", "Article"), INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("sources", "Article"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("sources", "0006_proposed_entry_date_anchor")]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
