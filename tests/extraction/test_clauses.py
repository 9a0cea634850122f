"""Subordinate clauses, so that each date stays with the event of its own clause."""

import datetime as dt

import pytest

from sources.extraction import extract
from sources.extraction.clauses import coordinated_segments, subordinate_clauses


def clauses(text: str) -> list[tuple[str, str]]:
    return [(c.kind, text[c.start : c.end]) for c in subordinate_clauses(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "An engineer who has been held in Ruritania since October was sentenced on Friday.",
            [("relative", "who has been held in Ruritania since October")],
        ),
        (
            "Holt, a nurse who has been jailed since May, was found guilty on Friday.",
            [("relative", "who has been jailed since May")],
        ),
        (
            "A teacher who was seized two years ago while on holiday has been freed.",
            [("relative", "who was seized two years ago while on holiday")],
        ),
        (
            # The auxiliary of a subject inside the clause is the clause's own.
            "Holt, who said she was set up, was sentenced in June.",
            [("relative", "who said she was set up")],
        ),
        (
            # A speech verb after the clause's own verb is the main clause's ...
            "A teacher who has been held since March said she wants to go home.",
            [("relative", "who has been held since March")],
        ),
        (
            # ... but not after a conjunction opening a clause with a subject of its own ...
            "The trial, which was put off on Monday when the court said so, will go on in May.",
            [("relative", "which was put off on Monday when the court said so")],
        ),
        (
            # ... nor in a clause whose subject is not the pronoun.
            "He flew to the capital, where state media said he had been granted asylum, on Sunday.",
            [("relative", "where state media said he had been granted asylum")],
        ),
        (
            "The aid worker Park, kidnapped in October 2016 in the north was also released.",
            [("reduced-relative", "kidnapped in October 2016 in the north")],
        ),
        (
            "Holt, a Ruritanian student captured in March in the north, was also convicted.",
            [("reduced-relative", "captured in March in the north")],
        ),
        (
            "She was held in the capital after being detained in mid-December while reporting.",
            [("participial", "after being detained in mid-December ")],
        ),
    ],
)
def test_the_subordinate_clauses_of_a_sentence(text, expected):
    assert clauses(text) == expected


def test_a_relative_clause_keeps_its_date_from_the_main_event(gazetteer):
    # Nearest-date binding gave the conviction the clause's "since May" and the other way round.
    text = (
        "Brittney Griner, a basketball star who has been held in Russia since February, was "
        "convicted by a court on Thursday."
    )
    found = {(c.kind, c.date) for c in extract(text, dt.date(2022, 8, 5), gazetteer)}
    assert ("court", dt.date(2022, 8, 4)) in found
    assert all(date != dt.date(2022, 2, 1) for kind, date in found if kind == "court")


def test_since_dates_a_state_never_an_act(gazetteer):
    # "since 2014" is how long he has been held; it cannot be when he was indicted.
    text = "Russia indicted a former Marine detained since 2018 on charges of spying, Paul Whelan."
    found = {(c.kind, c.date) for c in extract(text, dt.date(2020, 1, 28), gazetteer)}
    assert ("charge", dt.date(2018, 1, 1)) not in found


def test_a_protest_at_an_event_is_a_statement_beside_it_but_telling_one_is_not(gazetteer):
    published = dt.date(2022, 8, 5)
    protest = "The United States condemned the sentence handed down to Brittney Griner on Thursday."
    told = "The United States said Brittney Griner was sentenced to nine years on Thursday."
    assert {c.kind for c in extract(protest, published, gazetteer)} == {"statement", "court"}
    assert {c.kind for c in extract(told, published, gazetteer)} == {"court"}


def test_a_relative_clause_without_commas_ends_where_the_main_verb_begins(gazetteer):
    text = (
        "On Monday an American who has been held in Russia since December 2018 was moved to a "
        "penal colony, Paul Whelan's family said."
    )
    moves = [c for c in extract(text, dt.date(2020, 8, 26), gazetteer) if c.kind == "custody"]
    assert [c.date for c in moves] == [dt.date(2020, 8, 24)]


def test_coordinated_clauses_each_open_with_their_own_subject():
    text = "Holt was arrested in May, Park was arrested in 2022 and Lenz had been held for years."
    segments = [text[s:e] for s, e in coordinated_segments(text, 0, len(text))]
    assert segments == [
        "Holt was arrested in May",
        "Park was arrested in 2022",
        "Lenz had been held for years.",
    ]


def test_each_coordinated_arrest_goes_to_its_own_detainee(world_of_two):
    text = "Holt was arrested in May 2021, Park was arrested in 2022 and both remain in prison."
    found = {
        (c.date.isoformat(), tuple(c.cases))
        for c in extract(text, dt.date(2024, 3, 6), world_of_two)
        if c.kind == "detention"
    }
    assert found == {("2021-05-01", ("holt",)), ("2022-01-01", ("park",))}


def test_a_relative_clause_is_about_the_names_listed_before_it(world_of_two):
    text = (
        "Lenz flew home on Monday, and Ruritania still holds Holt and Park, who were arrested "
        "in May 2022, and Ames."
    )
    [arrest] = [c for c in extract(text, dt.date(2024, 3, 6), world_of_two) if c.date.year == 2022]
    assert arrest.cases == ["holt", "park"]


@pytest.fixture
def world_of_two():
    from sources.extraction import Gazetteer

    from .test_developments import WORLD

    world = {**WORLD}
    world["cases"] = [*WORLD["cases"], {"slug": "ames", "name": "Jo Ames", "aliases": ["Ames"]}]
    return Gazetteer.from_world(world)
