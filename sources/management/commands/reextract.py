from django.core.management.base import BaseCommand

from sources import processing
from sources.tasks import reextract_outdated_articles


class Command(BaseCommand):
    help = (
        "Read again the articles an older extractor version read (newest first). Their pending "
        "proposals are replaced; reviewed ones stay. Beat does this every REEXTRACT_SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="at most this many articles (default: all)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="only count the outdated articles"
        )

    def handle(self, *args, limit, dry_run, **options):
        version = processing.extractor_version()
        outdated = processing.outdated_articles().count()
        self.stdout.write(f"{outdated} articles were read by an older version than {version}.")
        if dry_run or not outdated:
            return
        sent = reextract_outdated_articles(limit or outdated)
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} to be read again."))
