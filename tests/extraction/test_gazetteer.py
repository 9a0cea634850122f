from sources.extraction import Gazetteer


def slugs(gazetteer: Gazetteer, text: str, kind: str) -> list[str]:
    return [slug for m in gazetteer.find(text) for slug in m.slugs(kind)]


def test_the_longest_alias_wins(gazetteer):
    [mention] = gazetteer.find("Secretary of State Antony Blinken spoke.")
    assert mention.text == "Secretary of State Antony Blinken"
    assert mention.slugs("party") == ["blinken"]


def test_a_case_is_found_by_surname_alone(gazetteer):
    assert slugs(gazetteer, "The release of Griner and Whelan", "case") == ["griner", "whelan"]


def test_a_surname_is_derived_when_the_world_does_not_list_it():
    gaz = Gazetteer.from_world({"cases": [{"slug": "fogel", "name": "Marc Fogel", "aliases": []}]})
    assert slugs(gaz, "Fogel was freed.", "case") == ["fogel"]


def test_a_group_described_in_its_name_gets_no_surname():
    world = {"cases": [{"slug": "crew", "name": "Five sailors seized off Yemen in 2021"}]}
    gaz = Gazetteer.from_world(world)
    assert slugs(gaz, "The strikes on Yemen went on.", "case") == []
    gaz = Gazetteer.from_world({"cases": [{"slug": "vg", "name": "Anna van Gelder"}]})
    assert slugs(gaz, "Gelder was freed.", "case") == ["vg"]


def test_a_nationality_and_a_plural_is_a_weak_mention():
    world = {
        "cases": [{"slug": "g", "name": "Ana Kell", "aliases": ["Dutch sailors", "the Dutch Five"]}]
    }
    gaz = Gazetteer.from_world(world)
    [plural] = gaz.find("Dutch sailors often call there.")
    [named] = gaz.find("the Dutch Five were freed.")
    assert plural.weak and not named.weak


def test_a_middle_initial_does_not_break_a_name():
    gaz = Gazetteer.from_world({"cases": [{"slug": "whelan", "name": "Paul Whelan"}]})
    [mention] = gaz.find("Paul N. Whelan was detained.")
    assert mention.text == "Paul N. Whelan"


def test_metonyms_name_the_government(gazetteer):
    found = slugs(gazetteer, "Moscow and the Kremlin answered Washington.", "party")
    assert found == ["russian-government", "russian-government", "us-government"]


def test_the_kremlin_matches_at_a_sentence_start(gazetteer):
    assert slugs(gazetteer, "The Kremlin said no.", "party") == ["russian-government"]


def test_us_the_country_is_not_us_the_pronoun(gazetteer):
    assert slugs(gazetteer, "He told us the US would act.", "party") == ["us-government"]


def test_lower_case_aliases_match_in_any_case(gazetteer):
    [mention] = gazetteer.find("establishing the Humanitarian Channel in Qatar")[:1]
    assert mention.slugs("proposal") == ["iran-2023-deal"] and mention.weak


def test_a_bare_first_name_is_a_weak_mention(gazetteer):
    [mention] = gazetteer.find("Trevor is not getting treatment")
    assert mention.slugs("case") == ["reed"] and mention.weak


def test_a_relative_keeps_the_detainee_surname_to_the_detainee():
    gaz = Gazetteer.from_world(
        {
            "cases": [{"slug": "griner", "name": "Brittney Griner"}],
            "parties": [
                {
                    "slug": "cherelle",
                    "name": "Cherelle Griner",
                    "kind": "person",
                    "title": "Griner's wife",
                },
            ],
        }
    )
    assert [m.slugs("party") for m in gaz.find("Cherelle Griner and Griner")] == [["cherelle"], []]
    assert gaz.related_case == {"cherelle": "griner"} and "cherelle" in gaz.advocates


def test_a_first_name_joined_to_a_full_name_shares_its_surname():
    gaz = Gazetteer.from_world(
        {
            "cases": [
                {"slug": "omar-hadi", "name": "Omar Hadi", "aliases": ["Omar"]},
                {"slug": "sami-hadi", "name": "Sami Hadi", "aliases": ["Sami"]},
                {"slug": "omar-lind", "name": "Omar Lind", "aliases": ["Omar"]},
            ],
        }
    )
    first, full = gaz.find("They did not forget Omar and Sami Hadi.")
    assert first.slugs("case") == ["omar-hadi"] and not first.weak
    assert full.slugs("case") == ["sami-hadi"]
    [alone] = gaz.find("They did not forget Omar.")
    assert alone.weak


def test_a_family_goes_with_the_detainee_its_title_names_in_full():
    # A couple held together: the surname they share does not tell whose family it is.
    gaz = Gazetteer.from_world(
        {
            "cases": [
                {"slug": "tom-vale", "name": "Tom Vale", "aliases": ["Tom Vale", "Vale"]},
                {"slug": "ruth-vale", "name": "Ruth Vale", "aliases": ["Ruth Vale"]},
            ],
            "parties": [
                {
                    "slug": "vale-family",
                    "name": "Vale family",
                    "kind": "person",
                    "title": "Family of Tom Vale",
                },
            ],
        }
    )
    assert gaz.related_case == {"vale-family": "tom-vale"}


def test_it_finds_names_in_a_large_world():
    # How long building it takes is `make bench`'s figure, never a timed test.
    world = {
        "cases": [
            {"slug": f"c{i}", "name": f"Case Person{i}", "aliases": [f"P{i}"]} for i in range(500)
        ],
        "parties": [
            {"slug": f"p{i}", "name": f"Party Name{i}", "kind": "person", "aliases": [f"N{i}"]}
            for i in range(2000)
        ],
        "proposals": [],
    }
    gaz = Gazetteer.from_world(world)
    assert slugs(gaz, "Person499 met Name1999.", "case") == ["c499"]
    assert slugs(gaz, "Person499 met Name1999.", "party") == ["p1999"]


PRESIDENTS = {
    "cases": [{"slug": "brunson", "name": "Andrew Brunson", "aliases": ["Pastor Brunson"]}],
    "parties": [
        {
            "slug": "biden",
            "name": "Joe Biden",
            "kind": "person",
            "title": "U.S. President (2021-2025)",
            "aliases": ["the president", "THE PRESIDENT"],
        },
        {
            "slug": "trump",
            "name": "Donald Trump",
            "kind": "person",
            "title": "U.S. President (2017-2021, 2025-)",
            "aliases": ["THE PRESIDENT"],
        },
    ],
}


def test_an_alias_written_as_the_text_writes_it_names_all_who_share_it():
    gaz = Gazetteer.from_world(PRESIDENTS)
    [mention] = gaz.find("THE PRESIDENT: Pastor Brunson is free.")[:1]
    assert mention.slugs("party") == ["biden", "trump"]


def test_a_shared_title_names_the_one_in_office_when_the_story_was_published():
    import datetime as dt

    from sources.extraction import extract

    gaz = Gazetteer.from_world(PRESIDENTS)
    text = "THE PRESIDENT:  Pastor Brunson is in the air from Turkey."
    [in_2018] = extract(text, dt.date(2018, 10, 12), gaz)
    [in_2022] = extract(text, dt.date(2022, 10, 12), gaz)
    assert (in_2018.speaker, in_2022.speaker) == ("trump", "biden")


def test_a_description_of_a_named_person_is_a_weak_mention():
    world = {
        "cases": [
            {"slug": "roe", "name": "Dana Roe", "aliases": ["an American", "the Roes", "Dana's"]},
            {
                "slug": "unnamed",
                "name": "A Ruritanian ethnologist",
                "aliases": ["a Ruritanian ethnologist"],
            },
        ]
    }
    gaz = Gazetteer.from_world(world)
    [described] = gaz.find("An American was seen in the capital.")
    [family] = gaz.find("the Roes spoke on Friday.")
    [possessive] = gaz.find("Dana's brother spoke.")
    [unnamed] = gaz.find("Police held a Ruritanian ethnologist.")
    assert described.weak and described.described
    assert not family.weak  # it holds the person's name
    assert possessive.weak  # a bare first name, in the possessive
    assert not unnamed.weak  # all an unnamed detainee is ever called


def test_a_description_without_its_article_is_as_weak_as_with_it():
    world = {
        "cases": [
            {"slug": "roe", "name": "Dana Roe", "aliases": ["Ruritanian journalist"]},
            {"slug": "poe", "name": "Lee Poe", "aliases": ["Dana's father"]},
        ]
    }
    gaz = Gazetteer.from_world(world)
    [described] = gaz.find("A Ruritanian journalist was freed.")
    [relation] = gaz.find("Dana's father spoke.")
    assert described.weak and described.described  # may be any Ruritanian journalist
    assert not relation.weak  # names whose father


def test_a_description_links_a_story_only_when_it_names_no_case():
    import datetime

    from sources.extraction import extract

    world = {
        "cases": [
            {"slug": "roe", "name": "Dana Roe", "detainee": "roe", "aliases": ["an American"]},
            {"slug": "park", "name": "Lee Park", "detainee": "park", "aliases": ["Park"]},
        ],
        "parties": [
            {"slug": "roe", "name": "Dana Roe", "kind": "person"},
            {"slug": "park", "name": "Lee Park", "kind": "person"},
        ],
    }
    gaz = Gazetteer.from_world(world)
    day = datetime.date(2024, 3, 4)
    named = extract("An American aid worker was freed on Monday. Lee Park flew home.", day, gaz)
    assert {slug for c in named for slug in c.cases} == {"park"}
    alone = extract("An American was freed on Monday, officials said.", day, gaz)
    assert [c.cases for c in alone] == [["roe"]]


def test_a_name_that_is_a_month_names_nobody_where_a_date_is_written():
    world = {"parties": [{"slug": "may", "name": "Theresa May", "kind": "person"}]}
    gaz = Gazetteer.from_world(world)
    for dated in ("jailed in May was freed", "held since May", "on May 5", "by May, 2019"):
        assert slugs(gaz, f"A teacher {dated}.", "party") == [], dated
    assert slugs(gaz, "May said the teacher was freed.", "party") == ["may"]
    assert slugs(gaz, "Theresa May met the family in May.", "party") == ["may"]
