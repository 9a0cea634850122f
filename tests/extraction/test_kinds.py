from sources.extraction.kinds import STRONG, WEAK, best_kind, find_triggers


def kind_of(text: str) -> str:
    return best_kind(find_triggers(text), "statement")


def test_sentencing_is_a_court_event():
    assert kind_of("A Russian court on Thursday sentenced her to nine years.") == "court"


def test_an_exchange_is_a_release():
    assert kind_of("Russia freed Griner in exchange for Bout.") == "release"


def test_a_determination_is_a_designation():
    assert kind_of("Blinken made a determination that he is wrongfully detained.") == "designation"


def test_an_acknowledged_request_is_a_response():
    assert kind_of("Russia had acknowledged the request for a call.") == "response"


def test_meeting_a_family_is_advocacy_not_contact():
    assert kind_of("Biden met with Tice’s parents at the White House.") == "advocacy"


def test_detained_as_an_adjective_is_not_an_arrest():
    [trigger] = [
        t for t in find_triggers("to free Americans detained in Russia") if t.kind == "detention"
    ]
    assert trigger.strength == WEAK


def test_the_second_half_of_a_compound_modifier_tells_no_event():
    assert kind_of("Qatar represents US interests in Taliban-ruled Afghanistan.") == "statement"
    assert kind_of("A court in Moscow ruled on Friday.") == "court"


def test_was_detained_is_an_arrest():
    [trigger] = find_triggers("Gershkovich was detained on March 29")
    assert (trigger.kind, trigger.strength) == ("detention", STRONG)


def test_a_planned_call_is_not_a_contact():
    [call] = [
        t
        for t in find_triggers("he intended to raise it in an expected call with Lavrov")
        if t.kind == "contact"
    ]
    assert not call.realis


def test_being_allowed_to_visit_is_a_visit():
    [visit] = find_triggers("the ambassador was allowed to visit him")
    assert visit.kind == "custody" and visit.realis


def test_declining_to_say_is_a_statement_not_a_response():
    [first] = find_triggers("He declined to say whether")
    assert first.kind == "statement"


def test_have_departed_is_true_as_of_publication():
    [trigger] = [t for t in find_triggers("they have departed Iran") if t.kind == "release"]
    assert trigger.present


def test_may_the_month_is_no_maybe():
    triggers = find_triggers("A teacher jailed in May was released Monday.")
    [release] = [t for t in triggers if t.kind == "release"]
    assert release.realis
    [maybe] = [t for t in find_triggers("The teacher may be released soon.") if t.kind == "release"]
    assert not maybe.realis


def test_offering_words_or_help_is_no_offer_of_terms():
    for text in ("Officials offered no details.", "The embassy offered consular assistance."):
        assert not [t for t in find_triggers(text) if t.kind == "proposal"], text
    assert "proposal" in [t.kind for t in find_triggers("Moscow offered a swap.")]


def test_a_participle_after_an_indefinite_noun_describes_someone():
    # "on behalf of a Canadian sentenced to death": a reduced relative clause, no sentencing
    # told; "A court sentenced him to death" is the sentencing.
    [described] = find_triggers("Canada will intervene for a Canadian sentenced to death.")
    assert described.strength == WEAK
    [told] = [t for t in find_triggers("A court sentenced him to death.") if t.text == "sentenced"]
    assert told.strength == STRONG
