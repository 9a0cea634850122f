import subprocess
import sys
from pathlib import Path

import pytest

from sources.extraction.evaluation import Score, evaluate_set, score_article

from .conftest import CORPUS, DEV_SET

PROJECT = Path(__file__).resolve().parents[2]
# A copy of the team's reference scorer (../shared/eval/score.py), run as it is.
SCORE_PY = DEV_SET / "score.py"


def test_a_candidate_matches_the_gold_entry_whose_anchor_it_overlaps():
    text = "Price said X. Lavrov said Y."
    entries = [
        {
            "anchor": "Lavrov said Y",
            "date": "2022-07-28",
            "precision": "day",
            "kind": "statement",
            "cases": ["griner"],
        },
    ]
    predictions = [
        {"start": 0, "end": 13, "date": "2022-07-28", "kind": "statement", "cases": ["griner"]},
        {"start": 14, "end": 28, "date": "2022-07-01", "kind": "statement", "cases": ["griner"]},
    ]
    score = Score()
    score_article(score, "a", text, entries, predictions)
    assert (score.matched, score.false_positives, score.false_negatives) == (1, 1, 0)
    assert score.date_accuracy == 0.0  # 2022-07-01 is not the gold's day


def test_dates_are_compared_at_the_gold_precision():
    text = "Biegun was here last week."
    entries = [
        {
            "anchor": "Biegun was here",
            "date": "2020-08-01",
            "precision": "month",
            "kind": "contact",
            "cases": ["reed"],
        }
    ]
    score = Score()
    score_article(
        score,
        "a",
        text,
        entries,
        [{"start": 0, "end": 26, "date": "2020-08-24", "kind": "contact", "cases": ["reed"]}],
    )
    assert score.date_accuracy == 1.0


def test_each_gold_entry_is_matched_once_preferring_the_same_kind():
    text = "Price reiterated the offer, which CNN first reported."
    entries = [
        {
            "anchor": "Price reiterated",
            "date": "2022-07-28",
            "precision": "day",
            "kind": "statement",
            "cases": [],
        },
        {
            "anchor": "CNN first reported",
            "date": "2022-07-27",
            "precision": "day",
            "kind": "report",
            "cases": [],
        },
    ]
    sentence = {"start": 0, "end": len(text), "cases": []}
    score = Score()
    score_article(
        score,
        "a",
        text,
        entries,
        [
            {**sentence, "kind": "report", "date": "2022-07-27"},
            {**sentence, "kind": "statement", "date": "2022-07-28"},
            {**sentence, "kind": "statement", "date": "2022-07-28"},
        ],
    )
    assert (score.matched, score.false_positives, score.date_ok, score.kind_ok) == (2, 1, 2, 2)


@pytest.mark.parametrize("gold_set", [DEV_SET, CORPUS], ids=["dev", "corpus"])
def test_our_scorer_agrees_with_the_shared_score_py(gold_set):
    result = subprocess.run(
        [
            sys.executable,
            str(SCORE_PY),
            str(gold_set),
            "--project",
            str(PROJECT),
            "--python",
            sys.executable,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    theirs = result.stdout.strip().splitlines()[-1]
    assert theirs == evaluate_set(gold_set).summary()


def test_the_dev_set_meets_the_quality_bars():
    score = evaluate_set(DEV_SET)
    assert score.recall >= 0.9 and score.precision >= 0.8
    assert score.date_accuracy >= 0.9 and score.case_accuracy >= 0.95


def test_the_calibration_table_says_how_often_each_confidence_band_is_right():
    text = "Griner was sentenced on Thursday. Lavrov spoke to Blinken. It rained."
    entries = [
        {
            "anchor": "Griner was sentenced",
            "date": "2022-08-04",
            "precision": "day",
            "kind": "court",
            "cases": ["griner"],
        },
        {
            "anchor": "Lavrov spoke to Blinken",
            "date": "2022-07-29",
            "precision": "day",
            "kind": "contact",
            "cases": ["griner"],
        },
    ]
    score = Score()
    score_article(
        score,
        "a",
        text,
        entries,
        [
            {
                "start": 0,
                "end": 33,
                "date": "2022-08-04",
                "kind": "court",
                "cases": ["griner"],
                "confidence": 0.85,
            },
            {
                "start": 34,
                "end": 58,
                "date": "2022-07-28",
                "kind": "contact",
                "cases": ["griner"],
                "confidence": 0.82,
            },  # matched, but the date is wrong
            {
                "start": 59,
                "end": 69,
                "date": "2022-07-28",
                "kind": "statement",
                "cases": [],
                "confidence": 0.55,
            },  # noise
        ],
    )
    assert score.calibration() == [(0.5, 0.6, 1, 0.0, 0.0), (0.8, 0.9, 2, 1.0, 0.5)]
