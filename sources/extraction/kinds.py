"""Trigger words for the codebook kinds (see the evaluation README for the definitions).

The triggers are rules of the language pack (lang/en_rules.py, which says what strong, weak and
frame triggers are); this module compiles them into one scanner and reads the words around each
match. Whether a strong trigger is realis matters too: "planned to raise it in a call" and "will
transfer" are plans, not events, except for responses, where "will pay attention" is the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lang import en
from .lang.en_rules import TRIGGER_RULES
from .rules import STRONG, TRIGGER, WEAK, Rule, active
from .scanning import Scanner

STATEMENT = "statement"
REPORT = "report"

# When one development holds triggers of several kinds, the earliest kind in this list wins.
PRIORITY = (
    "release",
    "designation",
    "court",
    "charge",
    "detention",
    "custody",
    "response",
    "proposal",
    "advocacy",
    "contact",
    "report",
    "statement",
)


def _compile(rules: list[Rule]) -> Scanner:
    # Each rule is one alternative, named by its index so a match tells which rule made it.
    return Scanner([rf"(?P<t{i}>{rule.pattern}\b)" for i, rule in enumerate(rules)], re.IGNORECASE)


def _active_scanner() -> tuple[Scanner, list[Rule]]:
    return active(TRIGGER, TRIGGER_RULES, lambda rules: (_compile(rules), rules))


_IRREALIS_RE = re.compile(en.IRREALIS_BEFORE)
_ENABLED_RE = re.compile(en.ENABLED_BEFORE)
_DETERMINER_BEFORE_RE = re.compile(en.DETERMINER_BEFORE)
_ADJECTIVAL_RE = re.compile(en.ADJECTIVAL_BEFORE)
_AUXILIARY_RE = re.compile(en.AUXILIARY_BEFORE)
_COMPOUND_HALF_RE = re.compile(en.COMPOUND_HALF_BEFORE)
_PUBLISHED_THING_RE = re.compile(en.PUBLISHED_THING_BEFORE)
_PUBLISHED_THING_AFTER_RE = re.compile(en.PUBLISHED_THING_AFTER)
_OBJECT_AFTER_RE = re.compile(en.OBJECT_AFTER)
_ACTIVE_OBJECT_RE = re.compile(en.ACTIVE_OBJECT_AFTER)
_PRESENT_RE = re.compile(en.PRESENT_BEFORE)
_REDUCED_RELATIVE_BEFORE_RE = re.compile(en.REDUCED_RELATIVE_BEFORE)
_REDUCED_RELATIVE_AFTER_RE = re.compile(en.REDUCED_RELATIVE_AFTER)


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    kind: str
    strength: float
    realis: bool  # an event that happened, not a plan or a call for one
    present: bool  # present or present perfect: true as of publication ("have departed")
    rule: str = ""  # the name of the rule that matched
    # A one-word verb in the active voice with its object after it ("Sisi pardoned a number of
    # people"): the person named before it is the one acting.
    active: bool = False


def find_triggers(text: str) -> list[Trigger]:
    triggers: list[Trigger] = []
    scanner, rules = _active_scanner()
    for m in scanner.finditer(text):
        rule = rules[int(m.lastgroup[1:])]  # type: ignore[index]
        kind, strength = rule.produces["kind"], rule.produces["strength"]
        before = text[max(0, m.start() - 40) : m.start()]
        word = m.group().lower()
        has_object = _OBJECT_AFTER_RE.match(text, m.end()) is not None  # active voice
        if word in en.STATE_PARTICIPLES and (
            _ADJECTIVAL_RE.search(before) or not (has_object or _AUXILIARY_RE.search(before))
        ):
            strength = WEAK
        if word in en.DESCRIBING_PARTICIPLES and (
            _DETERMINER_BEFORE_RE.search(before)
            or (
                _REDUCED_RELATIVE_BEFORE_RE.search(before)
                and _REDUCED_RELATIVE_AFTER_RE.match(text, m.end())
            )
        ):
            strength = WEAK
        if _COMPOUND_HALF_RE.search(before):
            strength = WEAK
        if word in en.PUBLISHING_VERBS and (
            _PUBLISHED_THING_RE.search(before) or _PUBLISHED_THING_AFTER_RE.match(text, m.end())
        ):
            continue
        if kind == "response" and word in en.AMBIGUOUS_RESPONSES:
            strength = WEAK
        realis = (
            kind in ("response", STATEMENT)
            or not _IRREALIS_RE.search(before)
            or _ENABLED_RE.search(before) is not None
        )
        present = word.startswith(en.PRESENT_OPENINGS) or _PRESENT_RE.search(before) is not None
        active = (
            " " not in m.group().strip()
            and _AUXILIARY_RE.search(before) is None
            and _ACTIVE_OBJECT_RE.match(text, m.end()) is not None
        )
        triggers.append(
            Trigger(
                m.start(), m.end(), m.group(), kind, strength, realis, present, rule.name, active
            )
        )
    return triggers


def best_kind(triggers: list[Trigger], default: str) -> str:
    """The kind an editor would file a development under, given its triggers."""
    ranked = sorted(
        (t for t in triggers if t.realis and t.strength >= STRONG),
        key=lambda t: PRIORITY.index(t.kind),
    )
    return ranked[0].kind if ranked else default
