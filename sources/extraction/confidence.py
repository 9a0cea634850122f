"""Confidence that means something: the chance that a proposal is right, learnt from real text.

Each proposal carries its signals (which kind, whether its sentence names the case, whether a
date is written or taken from the story's day, ...). A logistic model maps them to the chance
that an editor finds the proposal fully right: a real development, with its date, kind and
cases right. The weights are data (confidence.json), fitted by `manage.py calibrate_extraction`
on the real evaluation sets and never by hand, so a proposal at 0.8 is right about 80% of the
time on reporting like those sets. They are part of the engine's content hash: a new fit is a new
extractor version.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).with_name("confidence.json")
LOWEST, HIGHEST = 0.05, 0.95  # never certain either way: an editor reads every proposal
# Before any fit (a new language pack, say): no claim either way.
UNFITTED = 0.5

# Signals are 0/1 (or a small count) named by what they say about the proposal.
Signals = Mapping[str, float]


@cache
def weights() -> dict[str, float]:
    if not WEIGHTS_FILE.exists():
        return {}
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"]


def confidence(signals: Signals) -> float:
    """The fitted chance that a proposal with these signals is fully right, within bounds."""
    w = weights()
    return round(predict(w, signals), 2) if w else UNFITTED


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit(
    samples: Sequence[tuple[Signals, bool]], l2: float = 1.0, rounds: int = 50
) -> dict[str, float]:
    """Logistic regression by Newton's method with an L2 penalty (not on the bias), so a signal
    seen on a handful of proposals stays near zero instead of deciding them."""
    names = sorted({name for signals, _ in samples for name in signals})
    columns = ["bias", *names]
    rows = [[1.0, *(float(s.get(n, 0.0)) for n in names)] for s, _ in samples]
    ys = [1.0 if right else 0.0 for _, right in samples]
    k = len(columns)
    beta = [0.0] * k
    for _ in range(rounds):
        gradient = [0.0] * k
        hessian = [[0.0] * k for _ in range(k)]
        for x, y in zip(rows, ys, strict=True):
            p = _sigmoid(sum(b * v for b, v in zip(beta, x, strict=True)))
            for i in range(k):
                if x[i]:
                    gradient[i] += (p - y) * x[i]
                    for j in range(k):
                        if x[j]:
                            hessian[i][j] += p * (1 - p) * x[i] * x[j]
        for i in range(1, k):
            gradient[i] += l2 * beta[i]
            hessian[i][i] += l2
        step = _solve(hessian, gradient)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return {name: round(b, 4) for name, b in zip(columns, beta, strict=True)}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting; a is symmetric positive definite here."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            m[col][col] = 1e-12
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            if factor:
                for c in range(col, n + 1):
                    m[r][c] -= factor * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def predict(w: Mapping[str, float], signals: Signals) -> float:
    z = w.get("bias", 0.0) + sum(w.get(name, 0.0) * value for name, value in signals.items())
    return min(HIGHEST, max(LOWEST, _sigmoid(z)))


def calibration_error(pairs: Iterable[tuple[float, bool]], bands: int = 5) -> float:
    """Expected calibration error: over equal-width bands of confidence, the gap between the
    mean confidence and the share right, weighted by the band's share of proposals."""
    binned: dict[int, list[tuple[float, bool]]] = {}
    for c, right in pairs:
        binned.setdefault(min(bands - 1, int(c * bands)), []).append((c, right))
    total = sum(len(v) for v in binned.values())
    if not total:
        return 0.0
    gap = 0.0
    for inside in binned.values():
        mean_c = sum(c for c, _ in inside) / len(inside)
        share = sum(r for _, r in inside) / len(inside)
        gap += len(inside) / total * abs(mean_c - share)
    return gap


def discrimination(pairs: Iterable[tuple[float, bool]]) -> float:
    """The chance that a right proposal is given more confidence than a wrong one (the area
    under the ROC curve): 0.5 is a coin, 1.0 ranks every right one first. Calibration alone
    can be had by giving everything the average."""
    right = [c for c, r in pairs if r]
    wrong = [c for c, r in pairs if not r]
    if not right or not wrong:
        return 0.5
    wins = sum((a > b) + 0.5 * (a == b) for a in right for b in wrong)
    return wins / (len(right) * len(wrong))
