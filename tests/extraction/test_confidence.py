"""Confidence means a chance of being right: the fitted model on real text, and the fitting."""

import os
import random

import pytest

from sources.extraction.confidence import (
    calibration_error,
    confidence,
    discrimination,
    fit,
    predict,
    weights,
)
from sources.extraction.evaluation import KINDS, evaluate_set
from sources.extraction.pipeline import SIGNALS

from .test_score_floors import SHARED_GOV


def test_the_fit_recovers_the_share_right_of_each_kind_of_proposal():
    rng = random.Random(7)
    samples = [({"sure": 1.0}, rng.random() < 0.9) for _ in range(400)]
    samples += [({"unsure": 1.0}, rng.random() < 0.2) for _ in range(400)]
    w = fit(samples, l2=0.1)
    assert predict(w, {"sure": 1.0}) == pytest.approx(0.9, abs=0.05)
    assert predict(w, {"unsure": 1.0}) == pytest.approx(0.2, abs=0.05)


def test_a_signal_seen_a_few_times_is_held_near_zero_by_the_penalty():
    samples = [({}, i % 2 == 0) for i in range(200)] + [({"rare": 1.0}, True)] * 2
    assert abs(fit(samples, l2=3.0)["rare"]) < 0.6


def test_the_measures_tell_calibrated_from_confident_and_ranked_from_flat():
    honest = [(0.8, True)] * 8 + [(0.8, False)] * 2 + [(0.2, True)] * 2 + [(0.2, False)] * 8
    overconfident = [(0.95, r) for _, r in honest]
    assert calibration_error(honest) == pytest.approx(0.0)
    assert calibration_error(overconfident) == pytest.approx(0.45)
    assert discrimination(honest) > 0.75
    assert discrimination(overconfident) == 0.5


def test_confidence_stays_short_of_certain_either_way():
    assert confidence({"kind:court": 1.0, "written_date": 1.0, "strong_trigger": 1.0}) <= 0.95
    assert confidence({"kind:designation": 1.0, "several_cases": 1.0}) >= 0.05


def test_on_real_government_text_confidence_is_calibrated_and_ranks_right_over_wrong():
    # Fitted on news/ to news6/ and gov/ (manage.py calibrate_extraction): on gov/ 0.028
    # calibration error and 0.71 ranking in the fit of 1.15, 0.097 and 0.63 for a fit that left
    # gov out (1.7's fit: 0.019 and 0.71), the hand-set score of 1.6 0.294 and 0.61.
    if not (SHARED_GOV / "gold.jsonl").exists():
        reason = f"needs the shared evaluation set at {SHARED_GOV}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but it {reason}")
        pytest.skip(reason)
    score = evaluate_set(SHARED_GOV)
    pairs = [(c, right) for c, _, right, _ in score.judged]
    assert calibration_error(pairs) <= 0.12, "refit: manage.py calibrate_extraction --write"
    assert discrimination(pairs) >= 0.65


def test_the_model_reads_only_signals_the_pipeline_gives():
    # A signal renamed in the pipeline but not refitted would silently weigh nothing.
    fitted = set(weights()) - {"bias"}
    kinds = {name for name in fitted if name.startswith("kind:")}
    assert kinds <= {f"kind:{kind}" for kind in KINDS}
    assert fitted - kinds <= set(SIGNALS)
