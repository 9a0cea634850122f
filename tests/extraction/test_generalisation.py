"""Kinds and speakers that generalise to unseen articles: relatives titled "Family of X", people
speaking for advocacy groups, UN bodies and parliaments, custody moves and trial openings. The
texts and names are made up."""

import datetime as dt

import pytest

from sources.extraction import Candidate, Gazetteer, extract
from sources.extraction.kinds import best_kind, find_triggers

WORLD = {
    "cases": [
        {"slug": "vance", "name": "Orla Vance", "detainee": "vance", "aliases": ["Vance"]},
    ],
    "parties": [
        {"slug": "vance", "name": "Orla Vance", "kind": "person", "title": "Detainee"},
        {
            "slug": "vance-family",
            "name": "Family of Orla Vance",
            "kind": "person",
            "title": "Family of Orla Vance (brother Tomas Vance)",
            "aliases": ["Tomas Vance", "her family"],
        },
        {
            "slug": "vance-son",
            "name": "Ivo Vance",
            "kind": "person",
            "title": "Son of Orla Vance",
            "aliases": ["Ivo Vance"],
        },
        {
            "slug": "watch",
            "name": "Prison Watch Network",
            "kind": "organization",
            "title": "Rights group",
            "aliases": ["PWN"],
        },
        {
            "slug": "quill",
            "name": "Ada Quill",
            "kind": "person",
            "title": "Director, Prison Watch Network",
            "aliases": ["Quill"],
        },
        {
            "slug": "un-panel",
            "name": "UN Panel on Custody",
            "kind": "organization",
            "aliases": ["UN Panel on Custody"],
        },
        {
            "slug": "ruritania",
            "name": "Government of Ruritania",
            "kind": "government",
            "aliases": ["Ruritania"],
        },
        {"slug": "freedonia", "name": "Freedonia", "kind": "government", "title": "Mediator"},
    ],
    "proposals": [],
}


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return Gazetteer.from_world(WORLD)


def found(candidates: list[Candidate]) -> list[tuple[str, str, list[str]]]:
    return [(c.kind, c.date.isoformat(), c.cases) for c in candidates]


def kind_of(text: str) -> str:
    return best_kind(find_triggers(text), "statement")


def test_a_family_titled_family_of_the_detainee_is_an_advocate(world):
    assert world.related_case["vance-family"] == "vance"
    assert world.related_case["vance-son"] == "vance"
    assert {"vance-family", "vance-son"} <= world.advocates


def test_a_person_speaking_for_an_advocacy_group_is_an_advocate(world):
    assert "quill" in world.advocates


def test_the_son_of_a_detainee_telling_reporters_is_advocacy(world):
    text = "On Monday, Ivo Vance told reporters that his mother was a political prisoner."
    [c] = extract(text, dt.date(2023, 5, 8), world)
    assert (c.kind, c.speaker, c.cases) == ("advocacy", "vance-son", ["vance"])


def test_a_group_directors_quote_is_advocacy(world):
    text = '"Orla Vance must be freed now," said Ada Quill, Director of PWN, on Monday.'
    [c] = extract(text, dt.date(2023, 5, 8), world)
    assert c.kind == "advocacy"


def test_a_un_body_concluding_a_detention_is_arbitrary_is_advocacy(world):
    text = "In 2021, the UN Panel on Custody concluded that Vance was held arbitrarily."
    [c] = extract(text, dt.date(2023, 5, 8), world)
    assert (c.kind, c.date.year, c.cases) == ("advocacy", 2021, ["vance"])


def test_a_parliament_adopting_a_resolution_is_advocacy():
    assert kind_of("In October, lawmakers adopted a resolution urging her release.") == "advocacy"


def test_a_move_to_solitary_confinement_is_custody():
    assert kind_of("In March, she was moved to solitary confinement.") == "custody"


def test_a_trial_named_with_its_defendant_opening_is_court():
    text = "The trial of Orla Vance, the publisher of a small weekly, opened on Monday."
    assert kind_of(text) == "court"


def test_a_ruling_dated_today_is_news_though_the_lawyers_have_said_it(world):
    text = "A court on Tuesday acquitted Orla Vance in one case, her family's lawyers have said."
    assert found(extract(text, dt.date(2025, 3, 4), world)) == [("court", "2025-03-04", ["vance"])]


def test_a_relative_named_in_apposition_is_one_advocacy_speaker(world):
    text = (
        "Vance was acquitted on Tuesday. Her brother, Tomas Vance, said the ruling proved what "
        "the family had said all along. “She must come home,” he told us."
    )
    candidates = extract(text, dt.date(2025, 3, 4), world)
    assert [(c.kind, c.speaker) for c in candidates] == [
        ("court", None),
        ("advocacy", "vance-family"),
    ]


def test_the_family_of_a_detainee_with_a_long_apposition_is_advocacy(world):
    text = (
        "The family of Orla Vance, the teacher who went missing in Ruritania five years ago, "
        "said late Wednesday that they now fear the worst."
    )
    found = {(c.kind, c.date.isoformat()) for c in extract(text, dt.date(2020, 3, 26), world)}
    # the apposition's disappearance is the background detention it restates
    assert found == {("advocacy", "2020-03-25"), ("detention", "2015-03-26")}


def test_a_relative_titled_with_a_particle_surname_is_an_advocate():
    gaz = Gazetteer.from_world(
        {
            "cases": [{"slug": "nour", "name": "Samia al-Nour", "detainee": "nour"}],
            "parties": [
                {"slug": "nour", "name": "Samia al-Nour", "kind": "person", "title": "Detainee"},
                {
                    "slug": "nour-family",
                    "name": "Family of Samia al-Nour",
                    "kind": "person",
                    "title": "Family of Samia al-Nour (sister Hala)",
                },
            ],
        }
    )
    assert gaz.related_case["nour-family"] == "nour"
    assert "nour-family" in gaz.advocates


def test_a_rights_group_with_an_apposition_is_the_speaker(world):
    text = (
        "Vance was acquitted on Tuesday. Prison Watch Network, the charity that supports the "
        "family, said the verdict showed the case was weak. “The other charges are as weak,” "
        "said Prison Watch Network’s director, Ada Quill."
    )
    candidates = extract(text, dt.date(2025, 3, 4), world)
    # The group's plain saying is its statement (reading-organisation-statement), and its
    # director's words that day fold into it.
    assert [(c.kind, c.speaker) for c in candidates] == [("court", None), ("statement", "watch")]


def test_a_capture_is_a_detention():
    assert kind_of("Vance was captured in early May 2020.") == "detention"


def test_a_trial_before_a_named_court_beginning_is_court():
    assert kind_of("Her trial before the High Court in Ruritania began in December.") == "court"


def test_a_video_received_by_the_family_is_custody():
    assert kind_of("In 2010, the family received a video in which she asked for help.") == "custody"


def test_a_reward_for_information_is_a_statement_not_a_proposal(world):
    text = (
        "Vance was arrested in Ruritania in March 2019. The same month, the State Department "
        "offered a reward of up to $5 million for information leading to her return."
    )
    candidates = extract(text, dt.date(2020, 3, 26), world)
    assert [(c.kind, c.date.isoformat(), c.precision) for c in candidates][-1] == (
        "statement",
        "2019-03-01",
        "month",
    )


def test_the_following_year_is_the_year_after_the_last_date():
    from sources.extraction.dates import find_dates

    text = "She was sentenced in October 2017. The court upheld it the following year."
    dates = find_dates(text, dt.date(2024, 6, 16))
    assert (dates[-1].date.year, dates[-1].precision) == (2018, "year")


def test_the_same_month_is_the_month_of_the_last_date():
    from sources.extraction.dates import find_dates

    dates = find_dates("In November, X happened. The same month, Y.", dt.date(2020, 3, 26))
    assert dates[-1].text == "The same month"
    assert (dates[-1].date.isoformat(), dates[-1].precision) == ("2019-11-01", "month")


def test_an_undated_family_quote_folds_into_the_familys_dated_statement(world):
    text = (
        "The family of Orla Vance said late Wednesday that they now fear the worst. Ruritania "
        "denies holding her. “Ruritania must answer for this,” the family said."
    )
    candidates = extract(text, dt.date(2020, 3, 26), world)
    assert [(c.kind, c.date.isoformat()) for c in candidates] == [("advocacy", "2020-03-25")]


def test_a_relatives_undated_tweet_folds_into_their_dated_words_that_follow(world):
    text = (
        "“She is home!” Ivo Vance wrote on Twitter. Ivo Vance said on Wednesday that the family "
        "would keep pressing for her travel ban to be lifted."
    )
    [c] = extract(text, dt.date(2021, 2, 10), world)
    assert (c.kind, c.speaker, c.evidence.startswith("Ivo Vance said")) == (
        "advocacy",
        "vance-son",
        True,
    )


def test_nobody_disclosing_is_not_a_statement(world):
    text = "Ruritania freed Vance on Monday. Neither government disclosed when the deal was made."
    assert [c.kind for c in extract(text, dt.date(2023, 12, 19), world)] == ["release"]


def test_a_speech_verb_after_not_is_not_a_statement(world):
    text = "Ruritania freed Vance on Monday. Freedonia never disclosed the terms of the deal."
    assert [c.kind for c in extract(text, dt.date(2023, 12, 19), world)] == ["release"]


def test_them_after_detainees_named_together_is_both():
    gaz = Gazetteer.from_world(
        {
            "cases": [
                {"slug": "roe", "name": "Jane Roe", "detainee": "roe"},
                {"slug": "doe", "name": "John Doe", "detainee": "doe"},
            ],
            "parties": [],
        }
    )
    text = (
        "Roe and Doe were arrested in early May 2020. A court sentenced them to 20 years that "
        "August."
    )
    candidates = extract(text, dt.date(2023, 12, 21), gaz)
    assert [(c.kind, c.cases) for c in candidates] == [
        ("detention", ["doe", "roe"]),
        ("court", ["doe", "roe"]),
    ]


def test_a_relative_clause_describing_the_speaker_does_not_set_the_kind(world):
    text = (
        "Ruritania freed Vance on Monday. Freedonia, which hosted months of talks between the "
        "two governments, said on Monday that its mediation had made the release possible."
    )
    candidates = extract(text, dt.date(2023, 12, 19), world)
    assert [(c.kind, c.speaker) for c in candidates] == [
        ("release", None),
        ("statement", "freedonia"),
    ]


def test_he_after_a_sentence_opening_with_someone_else_is_about_them():
    gaz = Gazetteer.from_world(
        {
            "cases": [{"slug": "roe", "name": "Jane Roe", "detainee": "roe"}],
            "parties": [
                {"slug": "lenz", "name": "Viktor Lenz", "kind": "person", "title": "Prisoner"}
            ],
        }
    )
    text = (
        "Roe was detained in November 2023. Viktor Lenz was convicted abroad for his role in a "
        "bombing. He was arrested on arrival at the airport in 2019."
    )
    assert [(c.kind, c.date.year) for c in extract(text, dt.date(2024, 6, 15), gaz)] == [
        ("detention", 2023)
    ]


def test_a_quote_attributed_with_an_inverted_says_is_the_days_statement(world):
    text = (
        "Ruritania released Orla Vance on Saturday. “She is on her way home, and Ruritania made "
        "her a pawn,” says Ada Quill."
    )
    candidates = extract(text, dt.date(2024, 6, 15), world)
    assert [(c.kind, c.speaker) for c in candidates] == [("release", None), ("advocacy", "quill")]


def test_a_headline_opening_with_a_country_is_not_a_speaker_label(world):
    text = (
        "RURITANIA: Court upholds sentence against Orla Vance\n\n"
        "A court in Ruritania today upheld the sentence against Orla Vance. The ruling is final "
        "and cannot be appealed, leaving Vance with no legal avenue to regain her freedom."
    )
    candidates = extract(text, dt.date(2018, 12, 31), world)
    assert [(c.kind, c.speaker) for c in candidates] == [("court", None)]


def test_a_group_opening_a_sentence_with_a_call_is_its_advocacy(world):
    text = "PWN also calls on Ruritania’s allies to secure the release of Orla Vance."
    [c] = extract(text, dt.date(2018, 12, 31), world)
    assert (c.kind, c.speaker) == ("advocacy", "watch")


def test_a_groups_call_folds_into_its_directors_words_that_day(world):
    assert world.speaks_for["quill"] == "watch"
    text = (
        "A court in Ruritania today upheld the sentence against Orla Vance. “Today's decision "
        "shows contempt for the law,” said Ada Quill, Director, Prison Watch Network. PWN also "
        "calls on Ruritania’s allies to secure the release of Orla Vance."
    )
    candidates = extract(text, dt.date(2018, 12, 31), world)
    assert [(c.kind, c.speaker) for c in candidates] == [("court", None), ("advocacy", "quill")]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, Lena Ostrova, the teacher’s girlfriend, told reporters Vance was innocent.",
        "Lena Ostrova, sister of Captain Orla Vance, on May 8, 2023, tweeted for her release.",
    ],
)
def test_a_relative_named_after_the_speaker_in_apposition_is_advocacy(world, text):
    candidates = extract(text, dt.date(2023, 5, 8), world)
    assert [c.kind for c in candidates] == ["advocacy"]
