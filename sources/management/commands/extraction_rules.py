"""List the extractor's rules, and with --sets how often each fired and was right."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sources.extraction.evaluation import evaluate_set
from sources.extraction.rules import all_rules


class Command(BaseCommand):
    help = (
        "List every extraction rule (stage, name, language, what it produces, its examples). "
        "With --sets, also how many candidates each rule fired in on each evaluation set and "
        "how many of those matched a gold entry with the right date, kind and cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON only")
        parser.add_argument(
            "--sets", nargs="+", default=[], metavar="DIR", help="evaluation sets to count on"
        )

    def handle(self, *args, sets: list[str], **options):
        for directory in sets:
            if not (Path(directory) / "gold.jsonl").is_file():
                raise CommandError(f"{directory} has no gold.jsonl")
        scores = {directory: evaluate_set(directory) for directory in sets}
        rows = []
        for rule in all_rules():
            row = rule.as_dict()
            if scores:
                row["sets"] = {
                    directory: {
                        "fired": score.rule_fired[rule.name],
                        "right": score.rule_right[rule.name],
                    }
                    for directory, score in scores.items()
                }
            rows.append(row)
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for row in rows:
            produces = " ".join(f"{k}={v}" for k, v in row["produces"].items())
            self.stdout.write(f"{row['stage']:<8} {row['name']:<36} {row['language']}  {produces}")
            for text, expected in row["examples"]:
                self.stdout.write(f"    {text!r} -> {expected!r}")
            for directory, counts in row.get("sets", {}).items():
                self.stdout.write(
                    f"    {directory}: fired in {counts['fired']}, right in {counts['right']}"
                )
        self.stdout.write(f"{len(rows)} rules")
