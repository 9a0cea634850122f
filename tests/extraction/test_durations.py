"""Background detentions told as a state or a duration ("held since May 2020", "jailed for two
years"), on composed sentences: the detention they imply, dated as precisely as the text allows."""

import datetime as dt

import pytest

from sources.extraction import Gazetteer, extract

from .test_developments import WORLD

PUBLISHED = dt.date(2022, 7, 28)  # a Thursday


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return Gazetteer.from_world(WORLD)


def detentions(text: str, world: Gazetteer) -> list[tuple[str, str]]:
    return [
        (c.date.isoformat(), c.precision)
        for c in extract(text, PUBLISHED, world)
        if c.kind == "detention"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an adjectival "detained" with its own "since" date: the detention, not the release
        (
            "U.S. officials secured the release on Monday of Dana Holt, a teacher detained in "
            "Ruritania since August 2020.",
            [("2020-08-01", "month")],
        ),
        ("Holt has already been in custody since April 2, 2020.", [("2020-04-02", "day")]),
        ("Holt has been held hostage by the junta since January 2020.", [("2020-01-01", "month")]),
    ],
)
def test_held_since_dates_the_detention_it_implies(text, expected, world):
    assert detentions(text, world) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Holt has been jailed in Ruritania for nearly two years.", [("2020-01-01", "year")]),
        (
            "Holt was freed on Monday after two and a half years as a hostage in Ruritania.",
            [("2020-01-01", "year")],
        ),
        # a prison term is not a time already spent
        ("Holt was sentenced on Monday to three years in prison.", []),
        # the story dates the detention itself: the duration only restates it
        (
            "Holt was arrested in March 2019. Holt has been held in Ruritania for three years.",
            [("2019-03-01", "month")],
        ),
    ],
)
def test_time_held_counts_back_to_the_detention(text, expected, world):
    assert detentions(text, world) == expected


def test_a_duration_does_not_date_the_release_beside_it(world):
    text = "Ruritania freed Holt on Tuesday, after more than six years in captivity."
    kinds = {(c.kind, c.date.isoformat()) for c in extract(text, PUBLISHED, world)}
    assert ("release", "2022-07-26") in kinds


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Today marks four years since Ruritania detained Holt.", [("2018-07-28", "day")]),
        ("Today marks the tenth anniversary of the abduction of Holt.", [("2012-07-28", "day")]),
        (
            "Holt, who disappeared in Ruritania in 2020, was freed on Monday.",
            [("2020-01-01", "year")],
        ),
    ],
)
def test_anniversaries_and_disappearances_date_the_detention(text, expected, world):
    assert detentions(text, world) == expected


def test_a_conviction_dated_beside_it_is_a_court_development(world):
    text = "Today’s conviction of Holt by a Ruritanian court compounds the injustice."
    kinds = {(c.kind, c.date.isoformat()) for c in extract(text, PUBLISHED, world)}
    assert ("court", "2022-07-28") in kinds
