"""Recorded dates of the inbox within bounds, held by the database: the fixed bounds on every
backend, and on PostgreSQL the bound relative to today, as cases 0004 explains."""

import datetime
from importlib import import_module

from django.conf import settings
from django.db import migrations, models

import cases.dates

cases_bounds = import_module("cases.migrations.0004_record_date_bounds")

AHEAD = [
    ("sources_article", "published_on", "article_published_on_within_a_year_ahead"),
    ("sources_proposedentry", "occurred_on", "proposed_entry_occurred_on_within_a_year_ahead"),
]


def forwards(apps, schema_editor):
    cases_bounds.add_ahead_constraints(schema_editor, AHEAD)


def backwards(apps, schema_editor):
    cases_bounds.remove_ahead_constraints(schema_editor, AHEAD)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_record_date_bounds'),
        ('sources', '0004_record_dates_into_bounds'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='published_on',
            field=models.DateField(blank=True, null=True, validators=[cases.dates.validate_record_date]),
        ),
        migrations.AlterField(
            model_name='proposedentry',
            name='occurred_on',
            field=models.DateField(validators=[cases.dates.validate_record_date]),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('published_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))), ('published_on__isnull', True), _connector='OR'), name='article_published_on_in_bounds'),
        ),
        migrations.AddConstraint(
            model_name='proposedentry',
            constraint=models.CheckConstraint(condition=models.Q(('occurred_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))), name='proposed_entry_occurred_on_in_bounds'),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
