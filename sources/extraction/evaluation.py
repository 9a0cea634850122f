"""Scoring the extractor against a gold set, with the rules of shared/eval/score.py.

A set is a directory with gold.jsonl (one article a line), gazetteer.json and texts/. A candidate
matches a gold entry when its [start, end) overlaps the anchor's span in the text; each gold entry
is matched once, preferring the entry whose kind agrees, then the closest start. Dates are compared
up to the gold's precision.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .gazetteer import Gazetteer
from .pipeline import extract

Extractor = Callable[[str, dt.date, Gazetteer], list[Any]]


@dataclass
class Score:
    matched: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    date_ok: int = 0
    kind_ok: int = 0
    case_ok: int = 0
    background_gold: int = 0
    background_found: int = 0
    misses: list[str] = field(default_factory=list)
    # (confidence, matched a gold entry, and with its date, kind and cases all right, signals)
    judged: list[tuple[float, bool, bool, dict]] = field(default_factory=list)
    # Per rule name: the candidates it fired in, and how many of those were fully right.
    rule_fired: Counter[str] = field(default_factory=Counter)
    rule_right: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        predicted = self.matched + self.false_positives
        return self.matched / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        gold = self.matched + self.false_negatives
        return self.matched / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def _of_matched(self, n: int) -> float:
        return n / self.matched if self.matched else 0.0

    @property
    def date_accuracy(self) -> float:
        return self._of_matched(self.date_ok)

    @property
    def kind_accuracy(self) -> float:
        return self._of_matched(self.kind_ok)

    @property
    def case_accuracy(self) -> float:
        return self._of_matched(self.case_ok)

    @property
    def n_gold(self) -> int:
        return self.matched + self.false_negatives

    @property
    def n_pred(self) -> int:
        return self.matched + self.false_positives

    def calibration(self, bands=(0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)) -> list[tuple]:
        """Per confidence band: (low, high, proposals, share matched, share fully right). A
        calibrated extractor's fully-right share sits inside its band."""
        rows = []
        for low, high in zip(bands, bands[1:], strict=False):
            inside = [(m, r) for c, m, r, _ in self.judged if low <= c < high]
            if inside:
                n = len(inside)
                rows.append(
                    (
                        low,
                        min(high, 1.0),
                        n,
                        sum(m for m, _ in inside) / n,
                        sum(r for _, r in inside) / n,
                    )
                )
        return rows

    def summary(self) -> str:
        """The last line score.py prints, so the two can be compared."""
        return (
            f"precision={self.precision:.3f} recall={self.recall:.3f} f1={self.f1:.3f} "
            f"date_acc={self.date_accuracy:.3f} kind_acc={self.kind_accuracy:.3f} "
            f"case_acc={self.case_accuracy:.3f} n_gold={self.n_gold} n_pred={self.n_pred}"
        )


def truncate(date: str | None, precision: str) -> str | None:
    if not date:
        return None
    return {"year": date[:4], "month": date[:7]}.get(precision, date[:10])


def score_article(
    score: Score, article_id: str, text: str, entries: list[dict], predictions: Iterable[dict]
) -> None:
    """Match one article's predictions (as_dict() form) to its gold entries; add to score."""
    spans = []
    for entry in entries:
        at = text.find(entry["anchor"])
        spans.append((at, at + len(entry["anchor"])))
    used: set[int] = set()
    for p in predictions:
        start, end = int(p.get("start", -1)), int(p.get("end", -1))
        best: tuple[tuple[bool, int], int] | None = None
        for k, (gs, ge) in enumerate(spans):
            if k in used or gs < 0 or not (start < ge and gs < end):
                continue
            rank = (p.get("kind") == entries[k]["kind"], -abs(gs - start))
            if best is None or rank > best[0]:
                best = (rank, k)
        confidence = float(p.get("confidence") or 0.0)
        signals = p.get("signals") or {}
        score.rule_fired.update(p.get("rules") or [])
        if best is None:
            score.judged.append((confidence, False, False, signals))
            score.false_positives += 1
            evidence = (p.get("evidence") or "")[:110]
            score.misses.append(f"FP {article_id}: {p.get('date')} {p.get('kind')} | {evidence!r}")
            continue
        k = best[1]
        used.add(k)
        entry = entries[k]
        score.matched += 1
        miss = score.misses.append
        anchor = entry["anchor"][:60]
        want_date = truncate(entry["date"], entry["precision"])
        date_right = truncate(p.get("date"), entry["precision"]) == want_date
        if date_right:
            score.date_ok += 1
        else:
            miss(f"DATE {article_id}: got {p.get('date')} want {entry['date']} | {anchor!r}")
        kind_right = p.get("kind") == entry["kind"]
        if kind_right:
            score.kind_ok += 1
        else:
            miss(f"KIND {article_id}: got {p.get('kind')} want {entry['kind']} | {anchor!r}")
        got, want = sorted(p.get("cases") or []), sorted(entry["cases"])
        if got == want:
            score.case_ok += 1
        else:
            miss(f"CASES {article_id}: got {got} want {want} | {anchor!r}")
        fully_right = date_right and kind_right and got == want
        score.judged.append((confidence, True, fully_right, signals))
        if fully_right:
            score.rule_right.update(p.get("rules") or [])
        if entry.get("background"):
            score.background_found += 1
    for k, entry in enumerate(entries):
        score.background_gold += bool(entry.get("background"))
        if k not in used:
            score.false_negatives += 1
            score.misses.append(
                f"FN {article_id}: {entry['date']} {entry['kind']} | {entry['anchor']!r}"
            )


def load_set(directory: Path) -> tuple[dict, list[dict]]:
    world = json.loads((directory / "gazetteer.json").read_text(encoding="utf-8"))
    articles = [
        json.loads(line)
        for line in (directory / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return world, articles


# The codebook of ../shared/eval/README.md.
KINDS = frozenset(
    {
        "detention",
        "charge",
        "court",
        "custody",
        "designation",
        "proposal",
        "response",
        "contact",
        "statement",
        "report",
        "advocacy",
        "release",
    }
)
PRECISIONS = frozenset({"day", "month", "year"})


def check_set(directory: str | Path) -> tuple[list[str], list[str]]:
    """What is wrong with a gold set, and which texts are missing (a set of third-party articles
    keeps only url + query + gold; its texts are pulled into an ignored folder when needed).

    Checked: every line has the fields a scorer needs, a date, known kinds and precisions, slugs
    the gazetteer has, and each anchor occurs verbatim in its text where the text is present."""
    directory = Path(directory)
    world, articles = load_set(directory)
    known = {
        "cases": {c["slug"] for c in world.get("cases", [])},
        "parties": {p["slug"] for p in world.get("parties", [])},
        "proposals": {p["slug"] for p in world.get("proposals", [])},
    }
    problems, missing = [], []
    seen_ids = set()
    for article in articles:
        where = article.get("id", "?")
        absent = {"id", "published", "text_file", "entries"} - set(article)
        if absent:
            problems.append(f"{where}: no {', '.join(sorted(absent))}")
            continue
        if where in seen_ids:
            problems.append(f"{where}: the id is used twice")
        seen_ids.add(where)
        try:
            dt.date.fromisoformat(article["published"])
        except ValueError:
            problems.append(f"{where}: published {article['published']!r} is not YYYY-MM-DD")
        path = directory / "texts" / article["text_file"]
        text = path.read_text(encoding="utf-8") if path.exists() else None
        if text is None:
            missing.append(
                f"{where}: {article.get('url') or path} (query: {article.get('query')!r})"
            )
        for n, entry in enumerate(article["entries"]):
            at = f"{where} entry {n}"
            if entry.get("kind") not in KINDS:
                problems.append(f"{at}: kind {entry.get('kind')!r} is not in the codebook")
            if entry.get("precision") not in PRECISIONS:
                problems.append(f"{at}: precision {entry.get('precision')!r}")
            try:
                dt.date.fromisoformat(entry.get("date") or "")
            except ValueError:
                problems.append(f"{at}: date {entry.get('date')!r} is not YYYY-MM-DD")
            slugs = [("cases", slug) for slug in entry.get("cases") or []] + [
                ("parties", slug) for slug in entry.get("parties") or []
            ]
            if entry.get("speaker"):
                slugs.append(("parties", entry["speaker"]))
            if entry.get("proposal"):
                slugs.append(("proposals", entry["proposal"]))
            for group, slug in slugs:
                if slug not in known[group]:
                    problems.append(f"{at}: {slug!r} is not among the gazetteer's {group}")
            anchor = entry.get("anchor") or ""
            if not 1 <= len(anchor.split()) <= 12:
                problems.append(f"{at}: anchor {anchor!r} should be 3-10 words")
            if text is not None and anchor not in text:
                problems.append(f"{at}: anchor {anchor!r} is not in {path.name}")
    return problems, missing


def evaluate_set(
    directory: str | Path, only: str | None = None, extractor: Extractor = extract
) -> Score:
    """Run the extractor in-process on every article of a gold set and score it."""
    directory = Path(directory)
    world, articles = load_set(directory)
    gazetteer = Gazetteer.from_world(world)
    score = Score()
    for article in articles:
        if only and article["id"] != only:
            continue
        path = directory / "texts" / article["text_file"]
        if not path.exists():
            score.false_negatives += len(article["entries"])
            score.misses.append(f"missing text {path}")
            continue
        text = path.read_text(encoding="utf-8")
        published = dt.date.fromisoformat(article["published"])
        predictions = [c.as_dict() for c in extractor(text, published, gazetteer)]
        score_article(score, article["id"], text, article["entries"], predictions)
    return score
