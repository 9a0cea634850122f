"""Every rule's examples are tests: a rule is data that says what it must get right."""

import datetime as dt
import json

import pytest

from sources.extraction.dates import find_dates
from sources.extraction.kinds import find_triggers
from sources.extraction.rules import DATE, READING, STAGES, TRIGGER, all_rules, without

from .conftest import DEV_SET

DEV_WORLD = DEV_SET / "gazetteer.json"
RULES = all_rules()
EXAMPLES = [
    pytest.param(rule, text, expected, id=f"{rule.name}-{n}")
    for rule in RULES
    for n, (text, expected) in enumerate(rule.examples)
]


def test_every_rule_is_named_once_and_has_an_example():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.stage in STAGES and rule.language and rule.examples, rule.name


@pytest.mark.parametrize(("rule", "text", "expected"), EXAMPLES)
def test_rule_example(rule, text, expected, gazetteer):
    if rule.stage == TRIGGER:
        found = [t.text for t in find_triggers(text) if t.rule == rule.name]
        assert expected in found, f"{rule.name} matched {found} in {text!r}"
        kinds = {t.kind for t in find_triggers(text) if t.rule == rule.name}
        assert kinds == {rule.produces["kind"]}
    elif rule.stage == READING and expected.get("count") == 0:
        # A rule that keeps a reading from becoming a candidate: none of that kind.
        assert not _of_kind(gazetteer, text, expected), f"{rule.name}: {expected['kind']} found"
    elif rule.stage == READING:
        found = _reading_finds(gazetteer, text, expected)
        assert found, f"{rule.name}: no candidate like {expected} in {text!r}"
        assert all(rule.name in c.rules for c in found), "the candidate names the rule"
    elif rule.stage == DATE:
        published = dt.date.fromisoformat(expected["published"])
        found = [d for d in find_dates(text, published) if d.rule == rule.name]
        assert found, f"{rule.name} found nothing in {text!r}"
        got = {"text": found[-1].text, "date": found[-1].date.isoformat()}
        got["precision"] = found[-1].precision
        want = {k: expected[k] for k in ("text", "date", "precision") if k in expected}
        assert {k: got[k] for k in want} == want


def test_a_rule_switched_off_no_longer_fires():
    text = "A court sentenced her to nine years."
    assert any(t.rule == "court-sentenced" for t in find_triggers(text))
    with without({"court-sentenced"}):
        assert not any(t.rule == "court-sentenced" for t in find_triggers(text))
    assert any(t.rule == "court-sentenced" for t in find_triggers(text))


def test_switching_off_an_unknown_rule_is_an_error():
    with pytest.raises(KeyError), without({"no-such-rule"}):
        pass


def test_candidates_name_the_rules_that_made_them(seed_text, gazetteer):
    from sources.extraction import extract

    names = {rule.name for rule in RULES}
    candidates = extract(seed_text, dt.date(2022, 7, 28), gazetteer)
    assert all(set(c.rules) <= names for c in candidates)
    assert any(c.rules for c in candidates)
    assert all("rules" in c.as_dict() for c in candidates)


def test_a_date_rule_switched_off_no_longer_dates():
    published = dt.date(2022, 7, 28)
    assert [d.rule for d in find_dates("He was freed on Monday.", published)] == ["date-weekday"]
    with without({"date-weekday"}):
        assert find_dates("He was freed on Monday.", published) == []


def _of_kind(gazetteer, text, expected):
    from sources.extraction import Gazetteer, extract

    if "world" in expected:  # the example's own parties, beside the dev set's world
        world = json.loads(DEV_WORLD.read_text(encoding="utf-8"))
        for key, rows in expected["world"].items():
            world[key] = [*world.get(key, []), *rows]
        gazetteer = Gazetteer.from_world(world)
    published = dt.date.fromisoformat(expected["published"])
    return [c for c in extract(text, published, gazetteer) if c.kind == expected["kind"]]


def _reading_finds(gazetteer, text, expected):
    """The candidates the extractor proposes that fit the example."""
    of_kind = _of_kind(gazetteer, text, expected)
    if "count" in expected and len(of_kind) != expected["count"]:
        return []  # "count": how many of that kind there must be
    return [
        c
        for c in of_kind
        if c.date.isoformat() == expected.get("date", c.date.isoformat())
        and c.cases == expected.get("cases", c.cases)
        and c.evidence == expected.get("evidence", c.evidence)
    ]


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [p for p in EXAMPLES if p.values[0].stage == READING],
)
def test_a_reading_rule_switched_off_no_longer_reads_its_example_so(
    rule, text, expected, gazetteer
):
    keeps_out = expected.get("count") == 0  # switched off, what it keeps out comes back
    with without({rule.name}):
        if keeps_out:
            found = _of_kind(gazetteer, text, expected)
        else:
            found = _reading_finds(gazetteer, text, expected)
    assert bool(found) == keeps_out, f"{rule.name} is switched off, yet its example reads the same"
