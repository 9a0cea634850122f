"""Indexes for the review queue: articles newest first, and partial indexes on the pending
proposed entries.

The queue reads only the pending rows (a few thousand), while reviewed ones pile up without end;
indexes over the pending rows alone stay small and let every query of the queue start there.
Partial and descending indexes work on SQLite too, so they are in the model state.
"""

from django.db import migrations, models

PENDING = models.Q(("status", "pending"))


class Migration(migrations.Migration):
    dependencies = [("sources", "0007_article_search_index")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["-published_on", "-created_at", "id"], name="article_newest_first"
            ),
        ),
        migrations.AddIndex(
            model_name="proposedentry",
            index=models.Index(
                condition=PENDING,
                fields=["article", "ordinal", "id", "group", "kind", "confidence", "occurred_on"],
                name="proposed_pending_by_article",
            ),
        ),
        migrations.AddIndex(
            model_name="proposedentry",
            index=models.Index(
                condition=PENDING, fields=["confidence"], name="proposed_pending_confidence"
            ),
        ),
        migrations.AddIndex(
            model_name="proposedentry",
            index=models.Index(
                condition=PENDING, fields=["id", "group"], name="proposed_pending_ids"
            ),
        ),
    ]
