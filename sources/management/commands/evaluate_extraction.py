"""Score the extractor on a gold set, with the same rules as shared/eval/score.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sources.extraction.confidence import calibration_error, discrimination
from sources.extraction.evaluation import check_set, evaluate_set
from sources.extraction.rules import all_rules
from sources.extraction.rules import without as switched_off_rules


class Command(BaseCommand):
    help = (
        "Score the extractor on a gold set (gold.jsonl, gazetteer.json, texts/): precision, "
        "recall, F1, and date, kind and case accuracy over matched entries."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the gold set's directory")
        parser.add_argument("--verbose", action="store_true", help="list each miss")
        parser.add_argument("--only", help="score one article, by its id")
        parser.add_argument(
            "--without",
            action="append",
            default=[],
            metavar="RULE",
            help="switch a rule off (repeatable), to measure what it contributes",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="check the set instead (fields, slugs, anchors in their texts, missing texts)",
        )

    def handle(
        self, *args, directory: str, verbose: bool, only: str | None, check, without, **options
    ):
        if not (Path(directory) / "gold.jsonl").is_file():
            raise CommandError(f"{directory} has no gold.jsonl")
        if check:
            problems, missing = check_set(directory)
            for line in problems:
                self.stdout.write(f"  {line}")
            for line in missing:
                self.stdout.write(f"  missing text {line}")
            self.stdout.write(f"{len(problems)} problems, {len(missing)} texts missing")
            if problems:
                raise CommandError("the set has problems")
            return
        known = {rule.name for rule in all_rules()}
        unknown = [name for name in without if name not in known]
        if unknown:
            listed = "see manage.py extraction_rules"
            raise CommandError(f"no such rule: {', '.join(unknown)} ({listed})")
        with switched_off_rules(set(without)):
            score = evaluate_set(directory, only=only)
        if without:
            self.stdout.write(f"without {', '.join(without)}")
        if verbose:
            for miss in score.misses:
                self.stdout.write(f"  {miss}")
        self.stdout.write("confidence    proposals  matched  fully right (date, kind, cases)")
        for low, high, n, matched, right in score.calibration():
            self.stdout.write(f"{low:.1f}-{high:.1f}  {n:>11}  {matched:>7.0%}  {right:>11.0%}")
        pairs = [(c, right) for c, _, right, _ in score.judged]
        self.stdout.write(
            f"calibration error={calibration_error(pairs):.3f} "
            f"ranking={discrimination(pairs):.2f} (right over wrong)"
        )
        self.stdout.write(f"background_found={score.background_found}/{score.background_gold}")
        self.stdout.write(score.summary())
