"""Recorded dates within bounds, held by the database.

Every backend gets the fixed bounds of cases.dates (1900-01-01 to 2100-12-31) as model check
constraints. On PostgreSQL a second constraint per date holds the bound the forms hold, relative
to today: no later than CURRENT_DATE + 367 days. That is the forms' year-and-a-day plus one day,
so that the database (whose CURRENT_DATE is UTC's) never refuses what a form checked against
the local date. The bound only widens as days pass, so a row that passed it stays valid and a
dump restores. It is added NOT VALID: rows already further ahead (within 2100) are kept as
they are, and PostgreSQL checks every row written from now on. These constraints live outside
the model state, like the search index of 0002; SQLite refuses CURRENT_DATE in a check.
"""

import datetime

from django.conf import settings
from django.db import migrations, models

import cases.dates

# (table, date column, constraint name)
AHEAD = [
    ("cases_timelineentry", "occurred_on", "entry_occurred_on_within_a_year_ahead"),
    ("cases_timelineentry", "reported_on", "entry_reported_on_within_a_year_ahead"),
    ("cases_casestatuschange", "on", "case_status_change_on_within_a_year_ahead"),
    ("cases_proposalstatuschange", "on", "proposal_status_change_on_within_a_year_ahead"),
]
DAYS_AHEAD = 367


def add_ahead_constraints(schema_editor, constraints) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, column, name in constraints:
        schema_editor.execute(
            f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} "
            f"CHECK ({quote(column)} <= CURRENT_DATE + {DAYS_AHEAD}) NOT VALID"
        )


def remove_ahead_constraints(schema_editor, constraints) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for table, _, name in constraints:
        schema_editor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT IF EXISTS {quote(name)}")


def forwards(apps, schema_editor):
    add_ahead_constraints(schema_editor, AHEAD)


def backwards(apps, schema_editor):
    remove_ahead_constraints(schema_editor, AHEAD)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_record_dates_into_bounds'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='casestatuschange',
            name='on',
            field=models.DateField(validators=[cases.dates.validate_record_date]),
        ),
        migrations.AlterField(
            model_name='historicalcasestatuschange',
            name='on',
            field=models.DateField(validators=[cases.dates.validate_record_date]),
        ),
        migrations.AlterField(
            model_name='historicalproposalstatuschange',
            name='on',
            field=models.DateField(validators=[cases.dates.validate_record_date]),
        ),
        migrations.AlterField(
            model_name='historicaltimelineentry',
            name='occurred_on',
            field=models.DateField(help_text='When it happened, to the precision given.', validators=[cases.dates.validate_record_date]),
        ),
        migrations.AlterField(
            model_name='historicaltimelineentry',
            name='reported_on',
            field=models.DateField(help_text='When it was first reported.', validators=[cases.dates.validate_record_date]),
        ),
        migrations.AlterField(
            model_name='proposalstatuschange',
            name='on',
            field=models.DateField(validators=[cases.dates.validate_record_date]),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='occurred_on',
            field=models.DateField(help_text='When it happened, to the precision given.', validators=[cases.dates.validate_record_date]),
        ),
        migrations.AlterField(
            model_name='timelineentry',
            name='reported_on',
            field=models.DateField(help_text='When it was first reported.', validators=[cases.dates.validate_record_date]),
        ),
        migrations.AddConstraint(
            model_name='casestatuschange',
            constraint=models.CheckConstraint(condition=models.Q(('on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))), name='case_status_change_on_in_bounds'),
        ),
        migrations.AddConstraint(
            model_name='proposalstatuschange',
            constraint=models.CheckConstraint(condition=models.Q(('on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))), name='proposal_status_change_on_in_bounds'),
        ),
        migrations.AddConstraint(
            model_name='timelineentry',
            constraint=models.CheckConstraint(condition=models.Q(('occurred_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))), name='entry_occurred_on_in_bounds'),
        ),
        migrations.AddConstraint(
            model_name='timelineentry',
            constraint=models.CheckConstraint(condition=models.Q(('reported_on__range', (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))), name='entry_reported_on_in_bounds'),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
