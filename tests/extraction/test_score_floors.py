"""Each evaluation set keeps a floor a few points under its current figures, so a change that
makes the extractor worse on any of them fails here, not in an editor's queue.

Raise a floor when a set's figures rise for good; never lower one to make a change pass without
saying why in the commit. The shared government set is read from ../shared (CI has it beside the
clone); without it that set is skipped with the reason, except under REQUIRE_SERVICES=1.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from sources.extraction.evaluation import evaluate_set

HERE = Path(__file__).parent
SHARED_GOV = HERE.parents[2] / "shared" / "eval" / "gov"


@dataclass(frozen=True)
class Floor:
    precision: float
    recall: float
    date: float
    kind: float
    cases: float


# Extractor 1.14. gov is real US-government text, measured before any tuning on it (1.4: 0.557 /
# 0.361 / 0.897 / 0.718 / 0.923), 1.9 at 0.663 / 0.565 / 0.918 / 0.869 / 0.918, 1.10 at 0.694 /
# 0.630 / 0.926 / 0.912 / 0.912. news to news4 are real reporting whose texts are pulled, not
# kept; each was scored once before tuning on it (news with 1.4: 0.616 / 0.651 / 0.899 / 0.785 /
# 0.859; news2 with 1.6+: 0.607 / 0.716 / 0.853 / 0.706 / 0.985; news3 with 1.7: 0.683 / 0.816 /
# 0.859 / 0.648 / 0.930; news4 with 1.8+: 0.647 / 0.688 / 0.773 / 0.720 / 0.867). 1.10: news
# 0.772 / 0.812 / 0.935 / 0.849 / 0.903, news2 0.682 / 0.768 / 0.932 / 0.795 / 0.986, news3 0.735
# / 0.862 / 0.893 / 0.827 / 0.947, news4 0.704 / 0.743 / 0.815 / 0.790 / 0.901. 1.12: gov 0.733 /
# 0.713 / 0.935 / 0.909 / 0.922, news 0.785 / 0.860 / 0.949 / 0.863 / 0.909, news2 0.721 / 0.842 /
# 0.950 / 0.812 / 0.988, news3 0.772 / 0.897 / 0.923 / 0.833 / 0.936, news4 0.737 / 0.798 / 0.874
# / 0.816 / 0.908. news5 was scored once with 1.12, blind: 0.591 / 0.764 / 0.882 / 0.794 / 0.853.
# 1.13: gov 0.743 / 0.722 / 0.949 / 0.923 / 0.923, news 0.794 / 0.873 / 0.950 / 0.880 / 0.910,
# news2 0.755 / 0.842 / 0.950 / 0.825 / 0.988, news3 0.782 / 0.908 / 0.924 / 0.848 / 0.949,
# news4 0.746 / 0.807 / 0.875 / 0.864 / 0.920, news5 0.651 / 0.775 / 0.884 / 0.826 / 0.913.
# news6 was scored once with 1.13, blind: 0.667 / 0.674 / 0.850 / 0.817 / 0.833.
# 1.14: gov 0.752 / 0.787 / 0.965 / 0.918 / 0.929, news 0.804 / 0.878 / 0.950 / 0.881 / 0.915,
# news2 0.762 / 0.842 / 0.950 / 0.825 / 0.988, news3 0.792 / 0.920 / 0.925 / 0.850 / 0.950,
# news4 0.765 / 0.807 / 0.875 / 0.864 / 0.943, news5 0.673 / 0.787 / 0.886 / 0.829 / 0.929,
# news6 0.725 / 0.742 / 0.924 / 0.879 / 0.909.
# 1.15 (an organisation's plain saying is its statement): news kind 0.881 -> 0.891, news2 kind
# 0.825 -> 0.850, news4 P 0.765 -> 0.772, news P 0.804 -> 0.801; the composed sets, whose gold
# files an employer's statement as advocacy, lose kind (heldout 1.000 -> 0.983, final 0.983 ->
# 0.966, corpus 0.974 -> 0.940): the blind real annotations decide.
# news7 was scored once with 1.15, blind: 0.716 / 0.694 / 0.853 / 0.750 / 0.868.
# 1.16: gov 0.761 / 0.796 / 0.965 / 0.919 / 0.930, news7 0.723 / 0.694 / 0.868 / 0.779 / 0.868.
# news8 was scored once with 1.16, blind: 0.613 / 0.731 / 0.838 / 0.809 / 0.882.
# news9 was scored once with 1.16, blind: 0.667 / 0.718 / 0.838 / 0.784 / 0.824, and again, still
# blind, with 1.17: the same figures (1.17's corrections came from news6 to news8 and gov).
# 1.17: gov 0.768 / 0.796 / 0.965 / 0.919 / 0.930, news6 0.739 / 0.764 / 0.926 / 0.882 / 0.912,
# news7 0.722 / 0.714 / 0.871 / 0.771 / 0.871, news8 0.640 / 0.785 / 0.890 / 0.849 / 0.890.
# 1.18: news 0.808 / 0.882, news9 (now tuned on) 0.685 / 0.738 / 0.855 / 0.803 / 0.829.
# news10 was scored once with 1.18, blind: 0.586 / 0.652 / 0.827 / 0.747 / 0.867.
# 1.19: news2 kind 0.863, news10 (now tuned on) 0.588 / 0.670 / 0.831 / 0.766 / 0.870.
# news11 was scored once with 1.19, blind: 0.642 / 0.630 / 0.838 / 0.750 / 0.824.
# Their floors apply where the texts
# have been pulled.
# The others are the team's own sets, tuned on.
FLOORS = {
    "dev": (HERE / "dev", Floor(1.00, 1.00, 1.00, 1.00, 1.00)),
    "corpus": (HERE / "corpus", Floor(0.96, 0.92, 0.97, 0.93, 0.93)),
    "heldout": (HERE / "heldout", Floor(0.95, 0.97, 0.97, 0.97, 0.97)),
    "blind": (HERE / "blind", Floor(0.88, 0.90, 0.97, 0.89, 0.91)),
    "final": (HERE / "final", Floor(0.90, 0.95, 0.97, 0.95, 0.95)),
    "gov": (SHARED_GOV, Floor(0.75, 0.77, 0.94, 0.89, 0.90)),
    "news": (HERE / "news", Floor(0.78, 0.85, 0.92, 0.85, 0.89)),
    "news2": (HERE / "news2", Floor(0.74, 0.81, 0.92, 0.83, 0.96)),
    "news3": (HERE / "news3", Floor(0.77, 0.89, 0.90, 0.82, 0.92)),
    "news4": (HERE / "news4", Floor(0.74, 0.78, 0.85, 0.84, 0.91)),
    "news5": (HERE / "news5", Floor(0.65, 0.76, 0.86, 0.80, 0.90)),
    "news6": (HERE / "news6", Floor(0.71, 0.73, 0.90, 0.85, 0.88)),
    "news7": (HERE / "news7", Floor(0.70, 0.69, 0.84, 0.75, 0.84)),
    "news8": (HERE / "news8", Floor(0.61, 0.76, 0.86, 0.82, 0.86)),
    "news9": (HERE / "news9", Floor(0.66, 0.71, 0.83, 0.78, 0.80)),
    "news10": (HERE / "news10", Floor(0.56, 0.64, 0.80, 0.74, 0.84)),
    "news11": (HERE / "news11", Floor(0.61, 0.60, 0.81, 0.72, 0.79)),
}
# Sets whose article texts are third-party and never committed: pulled on demand (see
# ../shared/eval/README.md), so a clone without them skips the set rather than scoring nothing.
PULLED_TEXTS = {
    "news", "news2", "news3", "news4", "news5", "news6", "news7", "news8", "news9", "news10",
    "news11",
}  # fmt: skip


@pytest.mark.parametrize("name", FLOORS)
def test_the_extractor_stays_above_each_sets_floor(name):
    directory, floor = FLOORS[name]
    if not (directory / "gold.jsonl").exists():
        reason = f"needs the shared evaluation set at {directory}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but it {reason}")
        pytest.skip(reason)
    if name in PULLED_TEXTS and not any((directory / "texts").glob("*.txt")):
        pytest.skip(f"the {name} texts are not pulled into {directory / 'texts'}")
    score = evaluate_set(directory)
    figures = {
        "precision": score.precision,
        "recall": score.recall,
        "date": score.date_accuracy,
        "kind": score.kind_accuracy,
        "cases": score.case_accuracy,
    }
    below = {
        measure: f"{value:.3f} < {getattr(floor, measure):.2f}"
        for measure, value in figures.items()
        if value < getattr(floor, measure)
    }
    assert not below, f"{name}: {below} ({score.summary()})"
