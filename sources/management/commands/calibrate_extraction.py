"""Fit the extractor's confidence on real evaluation sets (sources/extraction/confidence.py)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sources.extraction import RELEASE
from sources.extraction.confidence import (
    WEIGHTS_FILE,
    calibration_error,
    discrimination,
    fit,
    predict,
)
from sources.extraction.evaluation import check_set, evaluate_set


class Command(BaseCommand):
    help = (
        "Fit the confidence model on real gold sets: a proposal's confidence becomes the share of "
        "proposals like it that were fully right (date, kind and cases). Prints how well the fit "
        "holds on each set when that set is left out of it; --write saves the weights."
    )

    def add_arguments(self, parser):
        parser.add_argument("directories", nargs="+", help="gold sets of real text, with texts/")
        parser.add_argument("--l2", type=float, default=1.0, help="penalty on each weight")
        parser.add_argument("--write", action="store_true", help=f"save to {WEIGHTS_FILE.name}")

    def handle(self, *args, directories: list[str], l2: float, write: bool, **options):
        # Per set: (the confidence given now, the signals, fully right) for every proposal.
        samples: dict[str, list[tuple[float, dict, bool]]] = {}
        for directory in directories:
            name = Path(directory).name
            problems, missing = check_set(directory)
            if problems or missing:
                raise CommandError(
                    f"{directory}: {len(problems)} problems, {len(missing)} texts missing "
                    f"(evaluate_extraction {directory} --check)"
                )
            score = evaluate_set(directory)
            samples[name] = [(c, signals, right) for c, _, right, signals in score.judged]
        weights = fit([(s, r) for group in samples.values() for _, s, r in group], l2=l2)

        # Calibration error (lower is better) and discrimination (higher is better) of the
        # confidence given now, of the new fit, and of a fit that left this set out: the last
        # is the honest estimate for text like this set that the fit has not seen.
        self.stdout.write(
            "set         proposals  right   now: error  ranking   fitted: error  ranking"
            "   left out: error  ranking"
        )
        for name, group in samples.items():
            rest = [(s, r) for other, g in samples.items() if other != name for _, s, r in g]
            left_out = fit(rest, l2=l2) if rest else weights
            columns = []
            for pairs in (
                [(c, r) for c, _, r in group],
                [(predict(weights, s), r) for _, s, r in group],
                [(predict(left_out, s), r) for _, s, r in group],
            ):
                columns.append(f"{calibration_error(pairs):>6.3f}  {discrimination(pairs):>7.2f}")
            right = sum(r for _, _, r in group) / len(group) if group else 0.0
            self.stdout.write(
                f"{name:<10} {len(group):>10}  {right:>5.0%}   {columns[0]}    "
                f"{columns[1]}         {columns[2]}"
            )
        self.stdout.write("weights: " + ", ".join(f"{k}={v:+.2f}" for k, v in weights.items()))
        if write:
            WEIGHTS_FILE.write_text(
                json.dumps(
                    {
                        "release": RELEASE,
                        "fitted_on": {name: len(group) for name, group in samples.items()},
                        "l2": l2,
                        "weights": weights,
                    },
                    indent=2,
                )
                + "\n",
                encoding="utf-8",
            )
            self.stdout.write(f"wrote {WEIGHTS_FILE}")
