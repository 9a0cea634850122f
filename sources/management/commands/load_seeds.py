import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cases.roles import system_user
from cases.world import load_world
from sources.ingest import submit_seed_article


class Command(BaseCommand):
    help = (
        "Load seeds/world.json (cases, parties, proposals) and the seed articles, and queue the "
        "articles not read yet for extraction (run at once when there is no broker). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "seeds"))

    def handle(self, *args, dir: str, **options):
        seeds = Path(dir)
        world = json.loads((seeds / "world.json").read_text(encoding="utf-8"))
        created = load_world(world, by=system_user(), reason=f"Loaded from {seeds.name}/world.json")
        self.stdout.write("World: " + ", ".join(f"{n} new {kind}" for kind, n in created.items()))
        # Every seed article is a metadata file beside its text: name.json + name.txt.
        for meta_path in sorted(seeds.glob("*.json")):
            if meta_path.name == "world.json":
                continue
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            text = (seeds / meta["text_file"]).read_text(encoding="utf-8")
            article, was_created = submit_seed_article(meta, text)
            article.refresh_from_db()  # without a broker, extraction has run in the meantime
            verb = "Loaded" if was_created else "Already have"
            self.stdout.write(
                f"{verb} article {article.pk}: {article.title} ({article.get_status_display()}, "
                f"{article.proposed_entries.count()} proposed entries)"
            )
