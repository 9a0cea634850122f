"""Move recorded dates outside 1900-01-01..2100-12-31 into bounds before the next migration adds
the check constraints (see cases 0003). An article's publication date out of bounds becomes
unknown (NULL), which the record already allows; a proposed entry's date moves to the nearer
bound. Each row changed is logged with its id."""

from importlib import import_module

from django.db import migrations

cases_dates = import_module("cases.migrations.0003_record_dates_into_bounds")

DATES = [("ProposedEntry", "occurred_on", None)]


def forwards(apps, schema_editor):
    article = apps.get_model("sources", "Article")
    outside = article.objects.exclude(published_on__isnull=True).exclude(
        published_on__range=(cases_dates.EARLIEST, cases_dates.LATEST)
    )
    for pk in outside.values_list("pk", flat=True):
        cases_dates.logger.warning("Article %s: out-of-range published_on cleared; correct it", pk)
    outside.update(published_on=None)
    cases_dates.move_into_bounds(apps, "sources", DATES)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_record_dates_into_bounds"),
        ("sources", "0003_review_actions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
