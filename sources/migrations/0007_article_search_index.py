"""Full-text search of articles on the record, on PostgreSQL only: a stored tsvector column,
`search_document`, and a GIN index on it.

The column holds the very expression cases.search matches articles with (SearchVector of title
and text, English configuration), computed once when an article is written. An index on the
expression alone (as the entries have, cases 0002) is enough to find rare words, but a common
word is found by reading the articles newest first, and each of those would have its whole text
turned into a vector again (about a millisecond for 4 KB). The column lives outside the model
state (Django never reads or writes it: the database computes it), so makemigrations has
nothing to say about it, and on SQLite this migration does nothing.
"""

from django.db import migrations

ADD = """
ALTER TABLE sources_article ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
    to_tsvector('english'::regconfig,
                COALESCE(title, '')::text || ' '::text || COALESCE(text, '')::text)
) STORED;
CREATE INDEX sources_article_search ON sources_article USING gin (search_document);
"""
REMOVE = """
DROP INDEX IF EXISTS sources_article_search;
ALTER TABLE sources_article DROP COLUMN IF EXISTS search_document;
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REMOVE)


class Migration(migrations.Migration):
    dependencies = [("sources", "0006_proposed_entry_date_anchor")]

    operations = [migrations.RunPython(add, remove, elidable=False)]
