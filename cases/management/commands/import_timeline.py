from pathlib import Path

import tablib
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cases.resources import TimelineEntryResource


class Command(BaseCommand):
    help = (
        "Import timeline entries from a CSV file with the CSV export's columns, as the admin's "
        "import does: all rows or none, entries already on the record skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8).")
        parser.add_argument("--by", required=True, help="Username of the importing editor.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and write nothing."
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="This tracker's address (https://tracker.example): a row whose permalink is "
            "under it is the entry with its id.",
        )

    def handle(self, *args, file: str, by: str, dry_run: bool, base_url: str, **options):
        user = get_user_model().objects.filter(username=by, is_active=True).first()
        if user is None or not user.has_perm("cases.add_timelineentry"):
            raise CommandError(f"{by!r} is not an active user who may add entries.")
        path = Path(file)
        try:
            dataset = tablib.Dataset().load(path.read_text(encoding="utf-8-sig"), format="csv")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        result = TimelineEntryResource(own_origin=base_url).import_data(
            dataset,
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
            user=user,
            file_name=path.name,
        )
        for error in result.base_errors:
            self.stderr.write(f"{error.error}")
        for row in result.error_rows:
            for error in row.errors:
                self.stderr.write(f"Row {row.number}: {error.error}")
        for row in result.invalid_rows:
            for column, messages in row.error_dict.items():
                for message in messages:
                    self.stderr.write(f"Row {row.number}: {column}: {message}")
        totals = result.totals
        summary = f"{totals['new']} new, {totals['skip']} already on the record"
        if result.has_errors() or result.has_validation_errors():
            raise CommandError(f"Nothing imported: fix the rows above ({summary} otherwise).")
        verb = "Dry run, nothing written" if dry_run else "Imported"
        self.stdout.write(f"{verb}: {summary}.")
