"""Run the extractor on one text file and print what it proposes."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sources.extraction import Gazetteer, extract


class Command(BaseCommand):
    help = (
        "Print the timeline entries the extractor proposes for a text file: a table, or with "
        "--json only a JSON list of candidates. The world comes from --world or the database."
    )
    # Text in, candidates out: the project's system checks (admin, URLs, the API schema) have
    # nothing to say about that, and the shared scorer runs this once per article.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="the article text (UTF-8)")
        parser.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
        parser.add_argument("--world", help="a world file (seeds/world.json format)")
        parser.add_argument("--json", action="store_true", help="print JSON only")

    def handle(self, *args, file: str, published: str, world: str | None, **options):
        try:
            published_on = datetime.date.fromisoformat(published)
        except ValueError as error:
            raise CommandError(f"--published must be YYYY-MM-DD: {error}") from error
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no such file: {file}")
        text = path.read_text(encoding="utf-8")
        candidates = extract(text, published_on, Gazetteer.from_world(_load_world(world)))
        if options["json"]:
            self.stdout.write(json.dumps([c.as_dict() for c in candidates], ensure_ascii=False))
            return
        for c in candidates:
            speaker = f"  speaker={c.speaker}" if c.speaker else ""
            self.stdout.write(
                f"{c.date.isoformat()} ({c.precision}, {c.date_basis})  {c.kind}  "
                f"cases={','.join(c.cases)}{speaker}  confidence={c.confidence:.2f}"
            )
            self.stdout.write(f"    [{c.start}:{c.end}] {c.evidence}")
        self.stdout.write(f"{len(candidates)} candidates")


def _load_world(path: str | None) -> dict:
    if path:
        try:
            return json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read world file {path}: {error}") from error
    from cases.world import world_from_db

    return world_from_db()
