"""Move recorded dates outside 1900-01-01..2100-12-31 to the nearer bound, before the next
migration adds the check constraints that hold them there.

Such a date is a typo (9999-12-31, 0001-01-01) that the forms of the time let through. Moving it
to the bound keeps the row, on the record and visibly misdated at the edge of its timeline, rather
than stopping the deployment; each row moved is logged with its id so an editor can correct it.
Two status changes of the same case or proposal that land on the same bound with the same status
are one fact: the second is deleted. The bounds are written out here, not imported, so this
migration does the same thing whatever cases.dates says later.
"""

import datetime
import logging

from django.db import migrations

logger = logging.getLogger(__name__)

EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)

# (model, date field, the fields that with the date must stay unique)
DATES = [
    ("TimelineEntry", "occurred_on", None),
    ("TimelineEntry", "reported_on", None),
    ("CaseStatusChange", "on", ("case_id", "status")),
    ("ProposalStatusChange", "on", ("proposal_id", "status")),
]


def move_into_bounds(apps, app_label: str, dates) -> None:
    for model_name, field, unique_with in dates:
        model = apps.get_model(app_label, model_name)
        for bound, lookup in ((EARLIEST, "lt"), (LATEST, "gt")):
            outside = model.objects.filter(**{f"{field}__{lookup}": bound})
            # Only ids are read: PostgreSQL holds dates Python cannot represent.
            for pk in outside.values_list("pk", flat=True):
                row = model.objects.filter(pk=pk)
                if unique_with:
                    same = row.values(*unique_with).get()
                    if model.objects.filter(**same, **{field: bound}).exists():
                        row.delete()
                        logger.warning(
                            "%s %s: out-of-range %s, same as a row on %s; deleted",
                            model_name, pk, field, bound,
                        )
                        continue
                row.update(**{field: bound})
                logger.warning(
                    "%s %s: out-of-range %s moved to %s; correct it", model_name, pk, field, bound
                )


def forwards(apps, schema_editor):
    move_into_bounds(apps, "cases", DATES)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_entry_search_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
