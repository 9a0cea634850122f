"""Rules as data: each a named record with the examples it must get right.

A rule belongs to a stage (the kind triggers, the date patterns, the readings of a sentence in
its article), is written for one language, and says what it produces: a kind and a strength for
a trigger, a resolver for a date pattern, what it does for a reading. A reading rule's logic is
code in pipeline.py (its pattern is empty); the record names it, says what it does, carries the
examples it must get right, and lets it be switched off and measured like the others.
Its examples are (text, expected) pairs; the test suite runs every one of them. Within a stage,
rules are tried in the order the language pack lists them, and at one position in the text the
first that matches wins, so the list order is the precedence (longer phrases come first).

Rules can be switched off by name, to measure what each contributes (evaluate_extraction
--without); the stages recompile without them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

TRIGGER, DATE, READING = "trigger", "date", "reading"
STAGES = (TRIGGER, DATE, READING)
# How much a trigger says: a reported event, a statement frame, a topic only.
STRONG, FRAME, WEAK = 2.0, 1.5, 1.0


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    stage: str
    language: str
    pattern: str  # a regular expression; for triggers a word boundary is added at its end
    produces: Mapping[str, Any]
    examples: tuple[tuple[str, Any], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "stage": self.stage,
            "language": self.language,
            "pattern": self.pattern,
            "produces": dict(self.produces),
            "examples": [list(example) for example in self.examples],
        }


def all_rules() -> list[Rule]:
    """Every rule of every stage, in each stage's order of precedence."""
    from .lang import en_rules

    return [*en_rules.TRIGGER_RULES, *en_rules.DATE_RULES, *en_rules.READING_RULES]


def is_on(name: str) -> bool:
    """A reading rule runs unless it is switched off (evaluate_extraction --without)."""
    return name not in _switched_off


_switched_off: frozenset[str] = frozenset()


def switched_off() -> frozenset[str]:
    """The names of the rules the stages leave out right now."""
    return _switched_off


@contextmanager
def without(names: set[str] | frozenset[str]) -> Iterator[None]:
    """Run the extractor with these rules left out (not thread-safe: for measuring only)."""
    global _switched_off
    unknown = set(names) - {rule.name for rule in all_rules()}
    if unknown:
        raise KeyError(f"no such rule: {', '.join(sorted(unknown))}")
    previous, _switched_off = _switched_off, frozenset(names) | _switched_off
    try:
        yield
    finally:
        _switched_off = previous


Built = TypeVar("Built")

# What each stage built from its rules, by the rules switched off (none, in normal running).
_built: dict[tuple[str, frozenset[str]], Any] = {}


def active(stage: str, rules: Sequence[Rule], build: Callable[[list[Rule]], Built]) -> Built:
    """What `build` makes of the stage's rules that are switched on, built once for each set of
    rules switched off, so switching rules off costs a compile once, not one per article."""
    key = (stage, _switched_off)
    if key not in _built:
        _built[key] = build([rule for rule in rules if rule.name not in _switched_off])
    return _built[key]
