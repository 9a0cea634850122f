import datetime as dt
import json

from sources.extraction import EXTRACTOR_VERSION, Candidate, Gazetteer, extract

THURSDAY = dt.date(2022, 7, 28)


def by_anchor(candidates: list[Candidate], text: str, anchor: str) -> list[Candidate]:
    at = text.index(anchor)
    return [c for c in candidates if c.start <= at < c.end]


def test_the_seed_article_gives_each_development_once_with_its_date(gazetteer, seed_text):
    candidates = extract(seed_text, THURSDAY, gazetteer)
    found = [(c.kind, c.date.isoformat()) for c in candidates]
    assert found == [
        ("response", "2022-07-28"),
        ("response", "2022-07-28"),
        ("statement", "2022-07-28"),
        ("statement", "2022-07-28"),
        ("report", "2022-07-27"),  # "which CNN first reported": before the story
        ("statement", "2022-07-28"),
        ("statement", "2022-07-28"),
        ("report", "2022-07-28"),
        ("statement", "2022-07-28"),
        ("statement", "2022-07-28"),
    ]
    assert all(c.cases == ["griner", "whelan"] for c in candidates)


def test_sentences_about_the_proposal_inherit_its_cases(gazetteer, seed_text):
    candidates = extract(seed_text, THURSDAY, gazetteer)
    [moscow] = by_anchor(candidates, seed_text, "Moscow has not meaningfully engaged")
    assert moscow.cases == ["griner", "whelan"] and moscow.proposal == "bout-swap"
    assert moscow.date_basis == "on Thursday"


def test_evidence_is_the_sentence_and_matches_point_into_the_text(gazetteer, seed_text):
    for c in extract(seed_text, THURSDAY, gazetteer):
        assert seed_text[c.start : c.end] == c.evidence
        for m in c.matched:
            assert seed_text[m["start"] : m["end"]] == m["text"]
        assert {"trigger"} <= {m["role"] for m in c.matched}


def test_candidates_serialise_to_json(gazetteer, seed_text):
    data = [c.as_dict() for c in extract(seed_text, THURSDAY, gazetteer)]
    assert json.loads(json.dumps(data))[0]["date"] == "2022-07-28"
    assert isinstance(EXTRACTOR_VERSION, str)


def test_a_background_arrest_keeps_its_own_past_date(gazetteer):
    text = "Griner, who was arrested on Feb. 17, was sentenced on Thursday to nine years."
    found = {(c.kind, c.date.isoformat()) for c in extract(text, dt.date(2022, 8, 4), gazetteer)}
    assert found == {("detention", "2022-02-17"), ("court", "2022-08-04")}


def test_an_undated_past_event_is_not_an_entry(gazetteer):
    assert extract("Trevor was convicted and sentenced to nine years.", THURSDAY, gazetteer) == []


def test_a_sentence_without_case_or_development_is_not_a_candidate(gazetteer):
    assert extract("Journalism is not a crime. Good afternoon.", THURSDAY, gazetteer) == []


def test_headlines_are_not_evidence(gazetteer):
    text = "Russia frees Griner in swap for Bout\n\nThe weather was fine."
    assert extract(text, THURSDAY, gazetteer) == []


def test_she_refers_to_the_case_just_named(gazetteer):
    text = "Brittney Griner was detained on Feb. 17.\nShe pleaded guilty on July 7."
    [_, plea] = extract(text, THURSDAY, gazetteer)
    assert (plea.kind, plea.cases, plea.date) == ("court", ["griner"], dt.date(2022, 7, 7))


def test_an_exchange_is_one_release_entry(gazetteer):
    text = (
        "Russia freed Brittney Griner on Thursday in exchange for Viktor Bout.\n"
        "Griner was released on Thursday at Abu Dhabi airport."
    )
    [release] = extract(text, dt.date(2022, 12, 8), gazetteer)
    assert release.kind == "release"


def test_a_government_statement_speaks_through_its_heading(gazetteer):
    text = (
        "Statement by Ambassador John J. Sullivan on Trevor Reed\n\n"
        "I have just been in to Vodnik prison to visit with Trevor Reed."
    )
    [visit] = extract(text, dt.date(2020, 8, 31), gazetteer)
    assert (visit.kind, visit.speaker) == ("custody", "john-sullivan")


def test_a_statement_printed_in_quotation_marks_is_the_issuers_own_words(gazetteer):
    # Inside a story a long quote is someone's words, not news; a statement introduced with
    # "the following statement:" is the issuer speaking, and its events are the day's news.
    text = (
        "Secretary Blinken released the following statement on the case:\n\n"
        "“I am relieved that Brittney Griner has been released and is on her way home. "
        "We will not stop working for the others.”"
    )
    kinds = {(c.kind, c.date) for c in extract(text, dt.date(2022, 12, 8), gazetteer)}
    assert ("release", dt.date(2022, 12, 8)) in kinds


def test_a_large_world_of_unrelated_names_changes_nothing(dev_world, seed_text):
    # Its speed with 2,000 parties is `make bench`'s figure (tests/bench), never a timed test.
    world = json.loads(json.dumps(dev_world))
    world["cases"] += [{"slug": f"c{i}", "name": f"Case Person{i}"} for i in range(500)]
    world["parties"] += [
        {"slug": f"p{i}", "name": f"Party Name{i}", "kind": "person"} for i in range(2000)
    ]

    def read(gazetteer):
        return [
            (c.start, c.end, c.kind, c.date, tuple(c.cases), c.speaker)
            for c in extract(seed_text, THURSDAY, gazetteer)
        ]

    large = read(Gazetteer.from_world(world))
    assert large == read(Gazetteer.from_world(dev_world)) and len(large) >= 5


def test_a_reporters_question_can_tell_the_days_news_but_not_its_own_view(gazetteer):
    text = (
        "QUESTION: And on Russia today, that the court sentenced Brittney Griner to nine years "
        "- what is your response? Is it not a sham?\n\n"
        "MR PRICE: We have been clear that she is wrongfully detained."
    )
    found = [(c.kind, c.date, c.speaker) for c in extract(text, dt.date(2022, 8, 4), gazetteer)]
    assert ("court", dt.date(2022, 8, 4), None) in found
    assert len([k for k, _, _ in found if k == "court"]) == 1


def test_an_answer_speaks_to_the_case_the_question_asked_about(gazetteer):
    text = (
        "Q    What is your message to Russia, which is holding Brittney Griner?\n\n"
        "THE PRESIDENT:  Sure.  Let her go.\n\n"
        "Q    And on the economy?\n\n"
        "THE PRESIDENT:  I have no comment on that today."
    )
    found = [(c.kind, c.cases, c.evidence) for c in extract(text, dt.date(2022, 7, 1), gazetteer)]
    assert found == [("statement", ["griner"], "Let her go.")]


def test_his_family_is_the_family_of_a_detainee_the_story_names(dev_world):
    # Two detainees' families are both "his family" in the world; the story names one of them.
    world = json.loads(json.dumps(dev_world))
    world["cases"].append({"slug": "doe", "name": "John Doe", "aliases": ["Doe"]})
    world["parties"] += [
        {"slug": "doe-family", "name": "Doe family", "kind": "organization",
         "title": "Family of John Doe", "aliases": ["his family"]},
        {"slug": "whelan-family", "name": "Whelan family", "kind": "organization",
         "title": "Family of Paul Whelan", "aliases": ["his family"]},
    ]  # fmt: skip
    text = "Paul Whelan was sentenced on Monday to 16 years. His family said he is innocent."
    found = extract(text, THURSDAY, Gazetteer.from_world(world))
    named = {p for c in found for p in [*c.parties, c.speaker]}
    assert "doe-family" not in named and "whelan-family" in named
