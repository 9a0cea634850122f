"""Background developments in clauses, relative dates, folding and kinds, on composed texts."""

import datetime as dt

import pytest

from sources.extraction import Candidate, Gazetteer, extract
from sources.extraction.dates import find_dates

WORLD = {
    "cases": [
        {"slug": "holt", "name": "Dana Holt", "detainee": "holt", "aliases": ["Holt"]},
        {"slug": "park", "name": "Lee Park", "detainee": "park", "aliases": ["Park"]},
    ],
    "parties": [
        {"slug": "holt", "name": "Dana Holt", "kind": "person", "title": "Detainee"},
        {"slug": "park", "name": "Lee Park", "kind": "person", "title": "Detainee"},
        {
            "slug": "holt-family",
            "name": "Mary Holt",
            "kind": "person",
            "title": "Dana Holt's mother",
            "aliases": ["Mary Holt", "the Holt family"],
        },
        {
            "slug": "ruritania",
            "name": "Government of Ruritania",
            "kind": "government",
            "aliases": ["Ruritania", "the junta", "the Ruritanian government"],
        },
        {
            "slug": "brandt",
            "name": "Karl Brandt",
            "kind": "person",
            "title": "Ruritanian foreign minister",
            "aliases": ["Brandt"],
        },
        {
            "slug": "lenz",
            "name": "Viktor Lenz",
            "kind": "person",
            "title": "Ruritanian prisoner",
            "aliases": ["Lenz"],
        },
        {
            "slug": "us-government",
            "name": "United States government",
            "kind": "government",
            "aliases": ["U.S. officials", "senior administration official", "Washington"],
        },
        {
            "slug": "us-state-department",
            "name": "U.S. Department of State",
            "kind": "government",
            "aliases": ["State Department", "U.S. consul"],
        },
        {"slug": "ames", "name": "John Ames", "kind": "person", "title": "President"},
        {
            "slug": "monitor",
            "name": "The Monitor",
            "kind": "outlet",
            "title": "Holt's employer",
            "aliases": ["the Monitor"],
        },
    ],
    "proposals": [],
}


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return Gazetteer.from_world(WORLD)


def found(candidates: list[Candidate]) -> list[tuple[str, str, list[str]]]:
    return [(c.kind, c.date.isoformat(), c.cases) for c in candidates]


# --- dates ----------------------------------------------------------------------------------


def test_an_event_that_came_some_time_after_another_dates_the_other_one(world):
    # "Her sentencing came a month after ...": the sentencing is the event just told; the date
    # the interval gives is the clause's after it, counted back, and not the sentencing's.
    text = (
        "Holt was sentenced to ten years on Friday.\n\n"
        "Her sentencing came a month after a court sentenced Park to eight years."
    )
    assert found(extract(text, dt.date(2022, 7, 29), world)) == [
        ("court", "2022-07-29", ["holt"]),
        ("court", "2022-06-29", ["park"]),
    ]
    text = "Holt was arrested on March 3, 2021.\n\nThe arrest came a week after Ruritania objected."
    assert found(extract(text, dt.date(2021, 3, 10), world)) == [
        ("detention", "2021-03-03", ["holt"]),
    ]


def test_a_month_before_an_event_noun_dates_that_event_only(world):
    # "since Holt's August conviction": the conviction's month, not the move's told before it.
    text = (
        "Holt was moved to a penal colony on Wednesday, a move her family has dreaded since "
        "Holt's August conviction on drug charges."
    )
    assert found(extract(text, dt.date(2022, 11, 9), world)) == [
        ("custody", "2022-11-09", ["holt"]),
        ("court", "2022-08-01", ["holt"]),
    ]


def test_an_interval_opening_the_sentence_counts_back_from_the_date_of_its_main_clause():
    text = (
        "Holt was seized in February. Three days after a court sentenced her, she was freed "
        "last Monday."
    )
    dates = {d.text: d.date for d in find_dates(text, dt.date(2021, 11, 21))}
    assert dates["last Monday"] == dt.date(2021, 11, 15)
    assert dates["Three days after"] == dt.date(2021, 11, 12)


def test_days_earlier_without_a_number_is_a_few_days_before_the_last_date_in_its_month():
    [jan, earlier] = find_dates(
        "On Jan. 30, he spoke. Days earlier, she wrote.", dt.date(2022, 9, 19)
    )
    assert jan.date == dt.date(2022, 1, 30)
    assert (earlier.date.month, earlier.precision) == (1, "month")


def test_a_timeline_month_label_dates_its_line():
    [august] = find_dates("August: Her family says she is ill.", dt.date(2021, 11, 21))
    assert (august.date, august.precision) == (dt.date(2021, 8, 1), "month")


def test_at_the_time_is_the_last_date_given_as_precisely_as_it_was_given():
    text = "They met in early November. He said at the time that he had not raised it."
    [november, then] = find_dates(text, dt.date(2021, 11, 21))
    assert (then.date, then.precision) == (november.date, "month")


# --- background developments in clauses ------------------------------------------------------


def test_an_active_arrest_in_a_relative_clause_is_a_background_detention(world):
    text = (
        "Holt, 32, has been in custody since March 29, 2023, when security officers detained her "
        "at a cafe during a reporting trip."
    )
    assert found(extract(text, dt.date(2024, 6, 26), world)) == [
        ("detention", "2023-03-29", ["holt"])
    ]


def test_a_designation_in_a_relative_clause_is_an_entry_of_its_own(world):
    text = (
        "Holt was sentenced on Wednesday. She has denied the charges, as has the U.S. government, "
        "which declared her wrongfully detained in April 2023."
    )
    assert ("designation", "2023-04-01", ["holt"]) in found(
        extract(text, dt.date(2024, 6, 26), world)
    )


def test_each_date_listed_after_one_event_gives_an_entry(world):
    text = (
        "A district court extended Holt's pretrial detention five times, the first time in May "
        "2023 and the last in late March."
    )
    assert found(extract(text, dt.date(2024, 6, 26), world)) == [
        ("court", "2023-05-01", ["holt"]),
        ("court", "2024-03-01", ["holt"]),
    ]


def test_a_sentence_with_an_event_and_an_interval_before_it_gives_both_dated(world):
    text = (
        "Three days after a court sentenced Holt to 11 years, the junta freed her last Monday "
        "and handed her to the envoy."
    )
    assert found(extract(text, dt.date(2021, 11, 21), world)) == [
        ("court", "2021-11-12", ["holt"]),
        ("release", "2021-11-15", ["holt"]),
    ]


def test_a_charge_added_by_investigators_belongs_to_the_case_in_hand(world):
    text = (
        "Holt was taken into custody on Oct. 18, 2023. In December, investigators added a charge "
        "of spreading false information."
    )
    assert found(extract(text, dt.date(2024, 7, 19), world))[-1] == (
        "charge",
        "2023-12-01",
        ["holt"],
    )


def test_timeline_lines_are_dated_by_their_label_and_about_the_case(world):
    text = (
        "Holt came home on Tuesday.\n\n"
        "May 24: Holt is detained at the airport.\n\n"
        "August: Her family says she appears to have contracted COVID-19 in prison.\n\n"
        "Nov. 9: Prosecutors add charges of sedition."
    )
    assert found(extract(text, dt.date(2021, 11, 21), world)) == [
        ("detention", "2021-05-24", ["holt"]),
        ("custody", "2021-08-01", ["holt"]),
        ("charge", "2021-11-09", ["holt"]),
    ]


def test_a_date_opening_the_sentence_dates_the_statement_that_follows(world):
    text = (
        "On Jan. 30, on the eve of the second anniversary of the arrest, Ames said Ruritania must "
        "release Holt."
    )
    [c] = extract(text, dt.date(2022, 9, 19), world)
    assert (c.kind, c.date.isoformat(), c.speaker) == ("statement", "2022-01-30", "ames")


# --- kinds ----------------------------------------------------------------------------------


def test_a_medical_furlough_is_custody_not_release(world):
    text = "On March 19, the authorities released Holt on medical furlough into embassy custody."
    assert found(extract(text, dt.date(2020, 6, 4), world)) == [("custody", "2020-03-19", ["holt"])]


def test_x_is_free_is_a_release_on_the_day_of_the_story(world):
    text = "Dana Holt is free. She left the country aboard a chartered aircraft."
    assert found(extract(text, dt.date(2020, 6, 4), world)) == [("release", "2020-06-04", ["holt"])]


def test_a_family_named_in_a_title_with_a_full_name_speaks_as_an_advocate(world):
    assert "holt-family" in world.advocates
    text = '"Tonight I will sleep," said Mary Holt, on Thursday.'
    [c] = extract(text, dt.date(2020, 6, 4), world)
    assert (c.kind, c.speaker) == ("advocacy", "holt-family")


def test_a_consul_speaking_about_access_is_custody(world):
    text = (
        "A U.S. consul who came to the courthouse told reporters on Wednesday that staff had not "
        "been able to see Holt."
    )
    [c] = extract(text, dt.date(2024, 6, 26), world)
    assert c.kind == "custody"


def test_a_ministers_remark_on_talks_is_a_statement_not_a_contact(world):
    text = (
        "Ruritania freed Holt on Monday. Foreign minister Karl Brandt said the release was the "
        "fruit of long talks with Washington."
    )
    assert [c.kind for c in extract(text, dt.date(2022, 9, 19), world)] == ["release", "statement"]


def test_a_video_released_weeks_later_is_not_a_release(world):
    text = "Holt was arrested in August 2012. A video released weeks later showed her blindfolded."
    assert [c.kind for c in extract(text, dt.date(2024, 12, 9), world)] == ["detention"]


# --- colour and folding ---------------------------------------------------------------------


def test_a_position_the_employer_has_always_held_is_not_an_entry(world):
    text = "The Monitor has always said Holt was in the country only to report."
    assert extract(text, dt.date(2019, 12, 7), world) == []


def test_an_unnamed_officials_account_of_the_exchange_is_part_of_the_exchange(world):
    text = (
        "Ruritania on Monday freed Dana Holt in exchange for Viktor Lenz.\n\n"
        "A senior administration official, speaking on condition of anonymity to discuss the "
        "arrangement, said Ames had granted Lenz clemency as part of the deal and that Holt "
        "appeared to be in good health.\n\n"
        '"Today, we have brought Dana home," Ames said in a statement.'
    )
    candidates = extract(text, dt.date(2022, 9, 19), world)
    assert [(c.kind, c.speaker) for c in candidates] == [("release", None), ("statement", "ames")]


def test_a_statement_about_an_exchange_that_names_nobody_shares_the_exchanges_cases(world):
    text = (
        "The Ruritanian government said Tuesday that a prisoner had been freed in exchange for "
        "American nationals.\n\n"
        "The family of Dana Holt said in a statement on Tuesday that she was coming home.\n\n"
        "Lee Park was the other American, according to a statement from his family.\n\n"
        '"We are pleased to have facilitated the release," Karl Brandt said in a statement Tuesday.'
    )
    candidates = extract(text, dt.date(2025, 1, 21), world)
    assert candidates[0].kind == "release" and candidates[0].cases == ["holt", "park"]
    assert (candidates[-1].kind, candidates[-1].cases) == ("statement", ["holt", "park"])


def test_thanks_to_everyone_in_a_statement_are_not_an_entry(world):
    text = (
        "The United States welcomes the release today of Dana Holt.\n\n"
        "We are grateful to all who worked tirelessly for this day, and above all to the family "
        "of Dana."
    )
    assert [c.kind for c in extract(text, dt.date(2024, 11, 27), world)] == ["release"]


def test_what_was_said_at_the_time_is_part_of_the_meeting_it_followed(world):
    text = (
        "Brandt met Ames in the capital in early November. He said at the time that he had not "
        "raised Holt's case."
    )
    candidates = extract(text, dt.date(2021, 11, 21), world)
    assert len(candidates) <= 1


def test_a_dated_statement_about_a_release_already_told_is_its_own_entry(world):
    text = (
        "The junta freed Holt last Monday. The junta said that day that it had released her on "
        "humanitarian grounds."
    )
    assert [(c.kind, c.date.isoformat()) for c in extract(text, dt.date(2021, 11, 21), world)] == [
        ("release", "2021-11-15"),
        ("statement", "2021-11-15"),
    ]


@pytest.mark.parametrize(
    "text, said_on",
    [
        # a Thursday story leading with Wednesday's news: the undated reaction is of Wednesday
        (
            "Ruritania freed Dana Holt on Wednesday after months of talks. "
            "Brandt said the release showed goodwill.",
            "2022-07-27",
        ),
        # a lead that also tells news of the day itself: a same-day story
        (
            "A court today charged Dana Holt with spying. Holt was arrested yesterday at home. "
            "Brandt said the case was serious.",
            "2022-07-28",
        ),
    ],
)
def test_an_undated_reaction_belongs_to_the_news_day_of_the_lead(text, said_on, world):
    [said] = [c for c in extract(text, dt.date(2022, 7, 28), world) if c.kind == "statement"]
    assert said.date.isoformat() == said_on


@pytest.mark.parametrize(
    "text",
    [
        "Brandt had said that talks on Dana Holt would take months.",
        "Brandt previously said that Dana Holt was a spy.",
    ],
)
def test_words_said_before_the_news_are_background_not_a_statement(text, world):
    assert [c.kind for c in extract(text, dt.date(2022, 7, 28), world)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Brandt denounced the trial of Dana Holt on Monday.",
        "Brandt hailed the release of Dana Holt on Monday.",
        "Brandt expressed hope on Monday that Dana Holt would be home soon.",
    ],
)
def test_verbs_of_public_reaction_make_a_statement(text, world):
    found = [(c.kind, c.date.isoformat()) for c in extract(text, dt.date(2022, 7, 28), world)]
    assert ("statement", "2022-07-25") in found


def test_a_passive_report_names_its_outlet_after_by(world):
    text = "Ruritania freed Dana Holt on Wednesday. The release was first reported by the Monitor."
    found = [(c.kind, c.evidence[:11]) for c in extract(text, dt.date(2022, 7, 28), world)]
    assert ("report", "The release") in found


def test_welcoming_the_release_announces_the_release(world):
    text = "We welcome the release of Dana Holt. We thank Ruritania for its help."
    found = [(c.kind, c.date.isoformat()) for c in extract(text, dt.date(2022, 7, 28), world)]
    assert found[0] == ("release", "2022-07-28")


def test_according_to_with_no_development_is_sourcing_not_a_statement(world):
    text = "According to Brandt, Dana Holt had many friends in the capital."
    assert extract(text, dt.date(2022, 7, 28), world) == []
    text = "Dana Holt was freed on Monday, according to Brandt."
    assert [c.kind for c in extract(text, dt.date(2022, 7, 28), world)] == ["release"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the relative clause's date is the detention's, not the release's (which, told
        # undated in a story's lead, is the story's news of the day)
        (
            "Ruritania released Dana Holt, who was detained on February 17.",
            [("release", "2022-07-28"), ("detention", "2022-02-17")],
        ),
        (
            "Dana Holt, who was detained on February 17, was released by Ruritania.",
            [("detention", "2022-02-17"), ("release", "2022-07-28")],
        ),
        # and the main clause keeps its own date
        (
            "A court sentenced Dana Holt, who was arrested in March, on Monday.",
            [("court", "2022-07-25"), ("detention", "2022-03-01")],
        ),
    ],
)
def test_a_relative_clauses_date_stays_in_its_clause(text, expected, world):
    assert [(c.kind, c.date.isoformat()) for c in extract(text, dt.date(2022, 7, 28), world)] == (
        expected
    )


def test_announcing_or_ordering_the_release_is_the_release(world):
    published = dt.date(2022, 7, 28)
    text = "A Ruritanian court on Friday ordered the release of Dana Holt."
    assert [(c.kind, c.date.isoformat()) for c in extract(text, published, world)] == [
        ("release", "2022-07-22")
    ]
    text = "The government on Monday announced the release of Dana Holt."
    found = [(c.kind, c.date.isoformat()) for c in extract(text, published, world)]
    assert ("release", "2022-07-25") in found


def test_a_detail_sourced_to_a_news_agency_is_no_statement(world):
    text = (
        "Ruritania freed Dana Holt on Wednesday. "
        "Ruritania's state news agency said Holt had lived in the capital for years."
    )
    found = [c.kind for c in extract(text, dt.date(2022, 7, 28), world)]
    assert found == ["release"]


def test_a_speakers_sentences_far_apart_on_one_day_are_one_statement(world):
    text = (
        "Brandt said on Tuesday that Holt would stay in prison until her trial.\n\n"
        "The junta has held Holt since 2021.\n\n"
        "Holt's lawyers have appealed twice.\n\n"
        "Brandt also said Holt was being treated well."
    )
    statements = [c for c in extract(text, dt.date(2024, 3, 6), world) if c.kind == "statement"]
    assert [(c.speaker, c.date.isoformat()) for c in statements] == [("brandt", "2024-03-05")]


def test_the_person_announcing_a_release_is_not_someone_else_being_freed(world):
    # A person named just before "freed" is usually another prisoner ("Lenz was freed"); the
    # one announcing it is not.
    text = "Brandt on Monday announced the release of Holt, a nurse held since 2021."
    [release] = [c for c in extract(text, dt.date(2024, 3, 6), world) if c.kind == "release"]
    assert (release.date, release.cases) == (dt.date(2024, 3, 4), ["holt"])


def test_a_detainees_own_trip_is_not_contact_between_governments(world):
    trip = "In February 2021 Holt travelled to Ruritania to visit relatives, Brandt said."
    visit = "In February 2021 Brandt travelled to Ruritania to raise the case of Holt."
    assert "contact" not in [c.kind for c in extract(trip, dt.date(2024, 3, 6), world)]
    assert "contact" in [c.kind for c in extract(visit, dt.date(2024, 3, 6), world)]


def test_a_storys_lead_tells_its_news_without_a_date(world):
    text = (
        "Holt was sentenced to three years on Friday but freed for time served.\n\n"
        "Park was sentenced to five years in the same courtroom.\n\n"
        "Officials had pressed hard for the release of Holt."
    )
    found = [(c.kind, c.cases, c.date) for c in extract(text, dt.date(2018, 10, 12), world)]
    assert ("court", ["park"], dt.date(2018, 10, 12)) in found
    assert not [f for f in found if f[0] == "contact"]  # background, in the past perfect


def test_once_the_lead_has_told_its_news_its_other_undated_events_are_background(world):
    text = (
        "Dana Holt was released from prison in Ruritania.\n\n"
        "A teacher from Ohio, Holt was convicted of espionage and sentenced to ten years.\n\n"
        "Holt's family thanked the government."
    )
    kinds = [kind for kind, _, _ in found(extract(text, dt.date(2024, 5, 3), world))]
    assert "release" in kinds and "court" not in kinds


def test_an_arrest_told_again_with_its_day_takes_that_day(world):
    text = (
        "Dana Holt was arrested at a roadblock almost two months ago.\n\n"
        "Her family has not heard from her.\n\nThe embassy has asked for access.\n\n"
        "Holt, 39, was arrested Sept. 10 while travelling along the coast."
    )
    detentions = [c for c in extract(text, dt.date(2020, 11, 17), world) if c.kind == "detention"]
    assert [(c.date.isoformat(), c.precision) for c in detentions] == [("2020-09-10", "day")]


def test_an_officials_opportunity_to_visit_was_taken(world):
    # "I had the opportunity to visit" tells a visit made; "I hope to visit" one not yet made.
    done = "Today I had the opportunity to visit the penal colony where Dana Holt is held."
    hoped = "I hope to visit the penal colony where Dana Holt is held."
    visits = [c for c in extract(done, dt.date(2020, 9, 22), world) if c.kind == "custody"]
    assert [(c.date, c.cases) for c in visits] == [(dt.date(2020, 9, 22), ["holt"])]
    assert "custody" not in [c.kind for c in extract(hoped, dt.date(2020, 9, 22), world)]


def test_a_meeting_with_the_family_someone_was_able_to_have_is_one_they_had(world):
    had = "Brandt was able to speak earlier with Holt's family."
    wished = "We stand with Holt until she is able to speak to her family."
    assert "advocacy" in [c.kind for c in extract(had, dt.date(2022, 9, 19), world)]
    assert "advocacy" not in [c.kind for c in extract(wished, dt.date(2022, 9, 19), world)]


def test_a_person_named_in_an_aside_is_not_the_one_sentenced(world):
    text = "Holt, who was an adviser to Karl Brandt, was sentenced on Monday to three years."
    kinds = [c.kind for c in extract(text, dt.date(2024, 3, 6), world) if "holt" in c.cases]
    assert kinds == ["court"]


def test_the_one_named_after_exchanged_for_is_the_other_side_of_the_swap(world):
    text = "Ruritania said on Monday that Holt was exchanged for Otto Kranz, a convicted spy."
    kinds = [c.kind for c in extract(text, dt.date(2024, 3, 6), world) if "holt" in c.cases]
    assert kinds == ["release"]


def test_officials_say_someone_has_been_freed_is_the_news_of_the_day(world):
    # Present "say" over a present perfect event tells today's news, as "have said" does;
    # "says he was set up" stays a position.
    text = "Officials in Ruritania say Dana Holt has been freed after talks."
    [release] = extract(text, dt.date(2024, 5, 6), world)
    assert (release.kind, release.date, release.cases) == ("release", dt.date(2024, 5, 6), ["holt"])


def test_a_lead_followed_by_a_quote_is_the_story_not_a_standfirst(world):
    # A standfirst is a summary the story then tells again; a quote that repeats the lead's
    # words goes on with the story, which opens with the lead.
    text = (
        "Ruritania frees pilot\n\n"
        "A day after the minister promised it, Ruritania freed pilot Dana Holt on Friday at the "
        "border crossing.\n\n"
        "“Pilot Dana Holt has been freed today at the border crossing,” the foreign ministry "
        "said on Friday."
    )
    found = extract(text, dt.date(2024, 3, 2), world)
    assert found[0].kind == "release" and found[0].evidence.startswith("A day after")
