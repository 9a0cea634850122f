"""Subordinate clauses, so that each date stays with the event of its own clause."""

import datetime as dt

import pytest

from sources.extraction import extract
from sources.extraction.clauses import subordinate_clauses


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
            "The aid worker Park, kidnapped in October 2016 in the north was also released.",
            [("reduced-relative", "kidnapped in October 2016 in the north")],
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


def test_a_relative_clause_without_commas_ends_where_the_main_verb_begins(gazetteer):
    text = (
        "On Monday an American who has been held in Russia since December 2018 was moved to a "
        "penal colony, Paul Whelan's family said."
    )
    moves = [c for c in extract(text, dt.date(2020, 8, 26), gazetteer) if c.kind == "custody"]
    assert [c.date for c in moves] == [dt.date(2020, 8, 24)]
