import datetime as dt

from sources.extraction import Gazetteer, extract
from sources.extraction.quotes import find_attributions, quote_spans

THURSDAY = dt.date(2022, 7, 28)


def attributions(gazetteer, text: str):
    parties = [(m, m.slugs("party")[0]) for m in gazetteer.find(text) if m.slugs("party")]
    return find_attributions(
        text, 0, len(text), parties, gazetteer, quote_spans(text, 0, len(text))
    )


def test_the_speaker_after_a_quote_is_the_person_not_the_department(gazetteer):
    text = "“Lavrov is travelling,” said State Department spokesperson Ned Price."
    [att] = attributions(gazetteer, text)
    assert att.speaker == "price"


def test_a_subject_before_the_verb_is_the_speaker(gazetteer):
    [att] = attributions(gazetteer, "Price on Thursday suggested that Moscow has not engaged.")
    assert att.speaker == "price"


def test_a_party_named_in_a_relative_clause_before_the_verb_does_not_speak(gazetteer):
    # The clause is cut out: the person it describes speaks, not the party it names.
    text = "Price, a diplomat who has met Lavrov twice, said on Thursday the talks had stalled."
    parties = [(m, m.slugs("party")[0]) for m in gazetteer.find(text) if m.slugs("party")]
    [att] = find_attributions(
        text, 0, len(text), parties, gazetteer, [], [(text.index("who"), text.index(", said"))]
    )
    assert att.speaker == "price"


def test_an_unnamed_spokesperson_speaks_for_the_organisation(gazetteer):
    [att] = attributions(gazetteer, "a Russian Foreign Ministry spokesperson said")
    assert (att.speaker, att.role) == ("russian-government", "spokesperson")


def test_an_outlet_reporting_is_a_report(gazetteer):
    [att] = attributions(gazetteer, "CNN reported earlier Thursday that officials are frustrated.")
    assert (att.outlet, att.speaker) == ("cnn", None)


def test_has_said_is_a_restated_position(gazetteer):
    [att] = attributions(gazetteer, "Lavrov has said the deal must stay quiet.")
    assert att.restated


def test_a_reaction_in_the_present_perfect_is_the_days_news(gazetteer):
    [att] = attributions(gazetteer, "Lavrov has condemned the sentence handed to the pilot.")
    assert not att.restated
    [att] = attributions(gazetteer, "Lavrov has repeatedly condemned the sanctions.")
    assert att.restated  # a position held, not a reaction


def test_the_next_sentence_names_the_unnamed_spokesperson(gazetteer):
    text = (
        "Lavrov will “pay attention” to the request, a Russian Foreign Ministry spokesperson said "
        "about the Griner case.\n“Now he has a busy schedule,” said spokesperson Maria Zakharova."
    )
    [candidate] = extract(text, THURSDAY, gazetteer)
    assert candidate.speaker == "zakharova"
    assert "busy schedule" in candidate.quote  # the quote that named her is folded in


def test_the_spokesperson_and_he_are_the_last_named_speaker(gazetteer):
    text = (
        "Ned Price said Griner must come home.\n"
        "Zakharova said the offer about Whelan was noted.\n"
        "Price said the Griner case was a priority, and he reiterated that Whelan mattered.\n"
        "The spokesperson said the release of Whelan was the goal."
    )
    speakers = [c.speaker for c in extract(text, THURSDAY, gazetteer)]
    assert speakers == ["price", "zakharova", "price", "price"]


def test_a_quote_continuing_the_same_speaker_is_folded(gazetteer):
    text = (
        "Price on Thursday suggested that Moscow has not engaged on the Griner proposal.\n"
        "“We are where we are,” Price said."
    )
    [candidate] = extract(text, THURSDAY, gazetteer)
    assert candidate.quote == "We are where we are"


def test_a_quote_by_a_new_speaker_is_a_new_entry(gazetteer):
    text = (
        "The US State Department said earlier that Russia had acknowledged the Griner request.\n"
        "“Lavrov is in the midst of travel,” said State Department spokesperson Ned Price."
    )
    assert [c.speaker for c in extract(text, THURSDAY, gazetteer)] == [
        "us-state-department",
        "price",
    ]


def test_she_said_is_the_woman_named_since_the_last_speaker(gazetteer):
    text = (
        "Lavrov said on Thursday that talks on Griner were under way.\n\n"
        "Maria Zakharova, his spokeswoman, later briefed reporters.\n\n"
        "“Nothing has been agreed,” she said."
    )
    speakers = {c.speaker for c in extract(text, THURSDAY, gazetteer) if c.kind == "statement"}
    assert "zakharova" in speakers and None not in speakers


def test_a_post_on_social_media_is_said(gazetteer):
    [att] = attributions(gazetteer, "Lavrov took to social media platform X to thank Qatar.")
    assert (att.verb, att.speaker) == ("took to social media platform x", "lavrov")
    [att] = attributions(gazetteer, "Moscow was pleased, with Lavrov tweeting his thanks.")
    assert att.speaker == "lavrov"


def test_a_stance_told_of_its_holder_is_said(gazetteer):
    [att] = attributions(gazetteer, "Lavrov derided the protesters as paid agents.")
    assert att.speaker == "lavrov"
    [att] = attributions(gazetteer, "Moscow cast the exchange as a goodwill gesture.")
    assert att.speaker == "russian-government"


def test_a_view_held_long_before_is_not_a_stance_of_the_day(gazetteer):
    text = "Whelan survived what he characterized several years ago as a set-up."
    assert attributions(gazetteer, text) == []


def _with_an_agency(dev_world):
    agency = {"slug": "tass", "name": "TASS", "kind": "media", "aliases": ["TASS", "Tass"]}
    return Gazetteer.from_world({**dev_world, "parties": [*dev_world["parties"], agency]})


def test_a_report_by_a_news_agency_named_after_it_is_the_agencys_report(dev_world):
    agency = _with_an_agency(dev_world)
    [att] = attributions(agency, "It was also reported by Tass.")
    assert (att.outlet, att.speaker) == ("tass", None)
    text = "He was questioned, according to a report in 2019 by Tass, citing his lawyer."
    [att] = attributions(agency, text)
    assert (att.outlet, att.speaker) == ("tass", None)


def test_an_agency_quoting_its_source_as_saying_is_the_agencys_report(dev_world):
    agency = _with_an_agency(dev_world)
    text = "Tass quoted a prison official as saying Whelan had been moved to a hospital."
    [att] = attributions(agency, text)
    assert (att.verb, att.outlet, att.speaker) == ("quoted", "tass", None)
    # without "as saying" it is no verb of saying: "cited his record", "cited by Tass"
    assert attributions(agency, "The judge cited his record at the hearing.") == []


def test_a_news_agency_reporting_an_event_is_still_its_source(dev_world):
    agency = _with_an_agency(dev_world)
    [att] = attributions(agency, "Tass reported that Whelan was moved to a prison hospital.")
    assert (att.outlet, att.speaker) == (None, "tass")
    [att] = attributions(agency, "Whelan was moved to a prison hospital, according to Tass.")
    assert (att.outlet, att.speaker) == (None, "tass")


def test_a_step_relative_or_relatives_with_an_auxiliary_speak_as_family(gazetteer):
    [att] = attributions(gazetteer, "Griner's stepmother, Ann Roe, told reporters she was happy.")
    assert att.advocate
    text = "The relatives of Brittney Griner, who is held in Russia, have expressed gratitude."
    [att] = attributions(gazetteer, text)
    assert att.advocate
