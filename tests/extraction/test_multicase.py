"""Several cases in one article, follow-on sentences, chronology lines: composed texts."""

import datetime as dt

import pytest

from sources.extraction import Candidate, Gazetteer, extract

WORLD = {
    "cases": [
        {"slug": "holt", "name": "Dana Holt", "detainee": "holt", "aliases": ["Holt"]},
        {"slug": "park", "name": "Lee Park", "detainee": "park", "aliases": ["Park"]},
        {"slug": "quinn", "name": "Ross Quinn", "detainee": "quinn", "aliases": ["Quinn"]},
    ],
    "parties": [
        {"slug": "holt", "name": "Dana Holt", "kind": "person", "title": "Detainee"},
        {"slug": "park", "name": "Lee Park", "kind": "person", "title": "Detainee"},
        {"slug": "quinn", "name": "Ross Quinn", "kind": "person", "title": "Detainee"},
        {
            "slug": "quinn-family",
            "name": "Family of Ross Quinn",
            "kind": "person",
            "title": "Quinn's family",
            "aliases": ["her family"],
        },
        {
            "slug": "ruritania",
            "name": "Government of Ruritania",
            "kind": "government",
            "aliases": ["Ruritania", "the foreign ministry"],
        },
        {"slug": "ames", "name": "John Ames", "kind": "person", "title": "Minister"},
        {"slug": "beck", "name": "Anna Beck", "kind": "person", "title": "Lawmaker"},
    ],
    "proposals": [
        {
            "slug": "holt-park-deal",
            "title": "Release of Holt and Park",
            "aliases": ["a deal", "the exchange"],
            "cases": ["holt", "park"],
        }
    ],
}


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return Gazetteer.from_world(WORLD)


def found(candidates: list[Candidate]) -> list[tuple[str, str, list[str]]]:
    return [(c.kind, c.date.isoformat(), c.cases) for c in candidates]


def test_a_weak_family_alias_does_not_bring_in_a_case_the_article_never_names(world):
    text = "Holt was detained on March 3 while visiting her family."
    assert found(extract(text, dt.date(2024, 5, 1), world)) == [
        ("detention", "2024-03-03", ["holt"])
    ]


def test_a_sentence_naming_one_detainee_and_a_deal_stays_with_that_detainee(world):
    text = (
        "Holt and Park were released on Wednesday in the exchange. On Tuesday, Anna Beck "
        "announced that Holt had been given a lawyer, a sign that a deal was close."
    )
    cands = extract(text, dt.date(2024, 5, 2), world)
    assert [c.cases for c in cands] == [["holt", "park"], ["holt"]]


def test_a_quote_closed_by_he_said_folds_into_the_sentence_before(world):
    text = (
        'John Ames said on Monday that Ruritania must release Holt. "It should never have '
        'happened," he said.'
    )
    assert len(extract(text, dt.date(2024, 5, 6), world)) == 1


def test_he_said_right_after_the_speakers_statement_says_more_of_the_same(world):
    text = (
        "John Ames told reporters on Monday that Holt's detention was unjust. He said the "
        "government had worked on the matter for months."
    )
    assert len(extract(text, dt.date(2024, 5, 6), world)) == 1


def test_a_statement_about_the_release_carries_every_released_case(world):
    text = (
        "Ruritania released Holt, Park and Quinn on Saturday. "
        '"We are pleased to secure the release of these citizens," John Ames told reporters.'
    )
    cands = extract(text, dt.date(2024, 5, 4), world)
    assert [(c.kind, c.cases) for c in cands] == [
        ("release", ["holt", "park", "quinn"]),
        ("statement", ["holt", "park", "quinn"]),
    ]
