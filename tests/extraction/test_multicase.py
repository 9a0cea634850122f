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


def test_a_name_the_world_gives_a_couple_names_both():
    couple = {"aliases": ["Tom and Ruth Vale", "a British couple"]}
    gaz = Gazetteer.from_world(
        {
            "cases": [
                {"slug": "tom-vale", "name": "Tom Vale", **couple},
                {"slug": "ruth-vale", "name": "Ruth Vale", **couple},
            ]
        }
    )
    text = "Tom and Ruth Vale were arrested in Ruritania on March 3."
    assert found(extract(text, dt.date(2024, 5, 1), gaz)) == [
        ("detention", "2024-03-03", ["ruth-vale", "tom-vale"])
    ]


def test_a_relative_pleading_for_another_detainee_speaks_of_that_one(world):
    text = "Quinn was freed on Monday. On Tuesday her family called for the release of Park."
    cands = extract(text, dt.date(2024, 5, 1), world)
    assert [c.cases for c in cands if c.kind != "release"] == [["park"]]


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


# --- chronology lines ---------------------------------------------------------------------


def test_bulleted_chronology_lines_with_dashes_are_dated_entries(world):
    text = (
        "Holt was detained on March 3, 2023.\n\n"
        "- Jan. 6 — John Ames calls the detention of Holt unacceptable.\n"
        "- Jan. 10: The Ruritania foreign ministry summons the Ruritanian ambassador over Holt."
    )
    cands = extract(text, dt.date(2024, 2, 1), world)
    assert [(c.kind, c.date.isoformat(), c.speaker) for c in cands[1:]] == [
        ("statement", "2024-01-06", "ames"),
        ("contact", "2024-01-10", None),
    ]


def test_a_chronology_line_repeating_the_body_adds_no_entry(world):
    text = (
        "John Ames announced on Thursday that Holt had come home.\n\n"
        "- March 20: Ames announces the return of Holt."
    )
    assert len(extract(text, dt.date(2025, 3, 21), world)) == 1


def test_a_capitalised_dateline_names_no_case(world):
    text = "PARK, March 21 - Holt was detained on Monday."
    assert found(extract(text, dt.date(2025, 3, 21), world)) == [
        ("detention", "2025-03-17", ["holt"])
    ]


# --- background developments ---------------------------------------------------------------


def test_that_september_is_the_month_of_the_year_just_told(world):
    text = (
        "Holt was arrested on 3 April 2016. She was sentenced to five years in prison that "
        "September."
    )
    assert found(extract(text, dt.date(2022, 3, 16), world))[1] == ("court", "2016-09-01", ["holt"])


def test_a_term_handed_down_is_a_court_ruling_and_held_since_dates_the_detention(world):
    text = (
        "Last April, shortly after completing that sentence, Holt was handed a second, one-year "
        "term. Park had been held since 2017 and was serving a long sentence."
    )
    assert found(extract(text, dt.date(2022, 3, 16), world)) == [
        ("court", "2021-04-01", ["holt"]),
        ("detention", "2017-01-01", ["park"]),
    ]


# --- whose case -----------------------------------------------------------------------------


def test_the_two_detainees_are_the_cases_just_named_together(world):
    text = (
        "Ruritania freed Holt and Park on Saturday. The two detainees were arrested on "
        "Nov. 21, 2017."
    )
    assert found(extract(text, dt.date(2022, 10, 1), world))[1] == (
        "detention",
        "2017-11-21",
        ["holt", "park"],
    )


def test_she_after_an_opening_phrase_is_the_case_in_hand_not_one_named_in_passing(world):
    text = (
        "Holt was detained in January 2024. After a trial in the court that had tried Park, "
        "she was sentenced on Aug. 15 to 12 years."
    )
    assert found(extract(text, dt.date(2025, 4, 10), world))[1] == ("court", "2024-08-15", ["holt"])


# --- the release story ----------------------------------------------------------------------


def test_a_release_confirmed_in_the_present_perfect_is_the_news(world):
    text = "Holt and Park have been released from detention, John Ames has confirmed."
    assert found(extract(text, dt.date(2022, 3, 16), world)) == [
        ("release", "2022-03-16", ["holt", "park"])
    ]


def test_the_announcing_official_on_the_terms_is_part_of_the_release(world):
    text = (
        "Holt and Park have been released from detention, John Ames has confirmed. "
        "Ames said the government had paid an old debt owed to Ruritania under a deal."
    )
    assert len(extract(text, dt.date(2022, 3, 16), world)) == 1


# --- colour -----------------------------------------------------------------------------------


def test_other_citizens_still_held_are_not_an_entry(world):
    text = (
        "Ruritania freed Holt on Saturday. Several other Americans remain in Ruritanian custody, "
        "according to John Ames."
    )
    assert [c.kind for c in extract(text, dt.date(2022, 10, 1), world)] == ["release"]


def test_a_statement_about_an_expected_flight_is_not_an_entry(world):
    text = (
        "Ruritania freed Holt on Saturday. Officials said Holt was expected to leave aboard a "
        "chartered aircraft."
    )
    assert [c.kind for c in extract(text, dt.date(2022, 10, 1), world)] == ["release"]


def test_a_quote_in_plain_apostrophes_closed_by_he_said_folds(world):
    text = (
        "Holt's brother, John Ames, said on Thursday he had barely slept. 'I just want to hold "
        "her,' he told reporters."
    )
    assert len(extract(text, dt.date(2025, 4, 10), world)) == 1


def test_speaking_with_a_titled_detainees_family_is_advocacy(world):
    text = "This evening I spoke with Dr Ross Quinn's family."
    assert [c.kind for c in extract(text, dt.date(2020, 11, 25), world)] == ["advocacy"]


def test_visits_made_regularly_are_a_habit_not_a_dated_entry(world):
    text = "Ruritania freed Holt on Saturday. The consul has visited Holt regularly in prison."
    assert [c.kind for c in extract(text, dt.date(2022, 10, 1), world)] == ["release"]


def test_a_briefing_line_describing_a_detainee_is_not_an_entry(world):
    text = "MS BECK: Holt is a retired teacher in her seventies."
    assert extract(text, dt.date(2025, 4, 10), world) == []


def test_a_release_of_someone_the_gazetteer_does_not_know_is_not_the_cases(world):
    text = (
        "Ruritania freed Holt on Thursday in the exchange. It came after Ruritania freed "
        "American teacher Peter Unknown in February."
    )
    assert [c.kind for c in extract(text, dt.date(2025, 4, 10), world)] == ["release"]


def test_a_statement_told_with_a_release_names_the_case_in_hand(world):
    text = (
        "For two years, the family of Holt waited. The teacher came home on Monday, freed by "
        "Ruritania, though Ames announced it only on Thursday. Park remains in Ruritania."
    )
    cases = {c.kind: c.cases for c in extract(text, dt.date(2025, 3, 21), world)}
    assert cases["statement"] == ["holt"]


def test_a_condition_met_is_not_a_meeting(world):
    text = (
        "Ruritania freed Holt on Saturday. It came on the day inspectors certified that "
        "Ruritania had met its commitments under the accord."
    )
    assert "contact" not in [c.kind for c in extract(text, dt.date(2022, 10, 1), world)]


def test_a_separate_matter_is_not_the_cases_in_hand(world):
    text = (
        "Ruritania freed Holt on Thursday. Separately, Ruritanian and U.S. diplomats met in "
        "Vienna on Thursday for talks on their embassies."
    )
    assert [c.kind for c in extract(text, dt.date(2025, 4, 10), world)] == ["release"]


def test_the_three_detainees_are_every_case_the_article_tells(world):
    text = (
        "Holt was freed on Monday. Park and Quinn remain in Ruritanian jails.\n\n"
        "- Jan. 10: The Ruritania foreign ministry summons the ambassador, calling the three "
        "detainees hostages."
    )
    cands = extract(text, dt.date(2025, 3, 21), world)
    assert [(c.kind, c.cases) for c in cands if c.kind == "contact"] == [
        ("contact", ["holt", "park", "quinn"])
    ]


def test_a_detainees_passport_given_back_is_custody(world):
    text = "On Tuesday, Anna Beck announced that Dana Holt had been given back her passport."
    assert [c.kind for c in extract(text, dt.date(2022, 3, 16), world)] == ["custody"]


def test_a_group_told_after_one_tracked_member_is_that_one(world):
    # The other three are nobody the tracker follows: the group's arrest is Holt's.
    text = (
        "Dana Holt was sentenced on Monday. Her colleague John Ames got seven years.\n\n"
        "The four employees were arrested last July during contract talks."
    )
    assert ("detention", "2023-07-01", ["holt"]) in found(extract(text, dt.date(2024, 3, 4), world))
