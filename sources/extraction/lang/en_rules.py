"""English rules: the kind triggers and the date patterns, each named, with its examples.

A trigger is strong when it reports an event ("was sentenced", "freed", "made a determination")
and weak when it only names a topic ("the trial", "the release of", "detained Americans"). Weak
triggers make a development only when a date sits right beside them ("since her arrest in
February"). Statement frames ("we call on", "I am concerned") make a statement of the sentence's
speaker.

Each list is in order of precedence: at one position in the text the first rule that matches
wins, so longer phrases come before the words they contain. A trigger example is a sentence and
the words the rule must match in it.
"""

from __future__ import annotations

from typing import Any

from ..rules import DATE, FRAME, READING, STRONG, TRIGGER, WEAK, Rule
from .en import (
    ABOUT,
    CAME_BEFORE,
    COUNT,
    DATE_PREPOSITION,
    DECADE,
    EVENT_NOUN,
    EVENT_NOUN_OWNER,
    FACILITY,
    HALF,
    HEDGED_BEFORE,
    HELD_AS,
    HELD_STATE,
    HELD_TIME,
    HELD_WHERE,
    LANGUAGE,
    MONTH,
    ORDINAL,
    POSSESSIVE,
    RELATIVE_NOUNS,
    SPENT,
    UNIT,
    UNITED_STATES,
    UNTIL,
    WEEKDAY,
    YEAR,
    alternation,
)

STATEMENT = "statement"


def _trigger(
    name: str, kind: str, strength: float, pattern: str, *examples: tuple[str, str]
) -> Rule:
    return Rule(name, TRIGGER, LANGUAGE, pattern, {"kind": kind, "strength": strength}, examples)


TRIGGER_RULES: list[Rule] = [
    # statements that look like other kinds ("declined to say" is not a response)
    _trigger(
        "statement-declined-to-comment",
        STATEMENT,
        FRAME,
        r"(?:declined|refused) to (?:say|comment|discuss|elaborate|specify)",
        ("The ministry declined to comment on the case.", "declined to comment"),
    ),
    _trigger(
        "statement-call-for",
        STATEMENT,
        FRAME,
        r"call(?:ed|s|ing)? (?:for|on)",
        ("Lawmakers called for his immediate release.", "called for"),
    ),
    # advocacy: families, supporters, lawmakers
    _trigger(
        "advocacy-met-relatives",
        "advocacy",
        STRONG,
        r"(?:met|meets?|meeting|spoke|speaks?|speaking|talked)"
        r"(?: (?:earlier|today|yesterday|again|personally|privately))?(?: with| to)? "
        + POSSESSIVE
        + r"(?:\w+s['’] )?"
        + RELATIVE_NOUNS,
        ("The secretary met with her wife on Tuesday.", "met with her wife"),
        ("I had the opportunity to meet with his brother today.", "meet with his brother"),
        ("He was able to speak earlier with her family.", "speak earlier with her family"),
        ("She recalled speaking with her son on Friday.", "speaking with her son"),
    ),
    _trigger(
        "advocacy-petition-rally-vigil",
        "advocacy",
        STRONG,
        alternation("petitions?", r"rall(?:y|ies|ied)", "vigils?"),
        ("Supporters held a vigil outside the embassy.", "vigil"),
    ),
    _trigger(
        "advocacy-letter",
        "advocacy",
        STRONG,
        r"(?:wrote|sent|signed) (?:a |an )?(?:open )?letters?",
        ("Fifty lawmakers signed an open letter urging action.", "signed an open letter"),
    ),
    _trigger(
        "advocacy-resolution",
        "advocacy",
        STRONG,
        r"(?:introduced|adopted|passed|tabled) (?:a |the )?(?:\w+ )?"
        r"(?:resolution|bill|legislation)",
        ("The Senate passed a resolution on his case.", "passed a resolution"),
    ),
    _trigger(
        "advocacy-campaigners",
        "advocacy",
        WEAK,
        alternation(r"campaign(?:ers|ed|ing)?", "advocates?", "supporters", "lawmakers"),
        ("Campaigners gathered outside the court.", "Campaigners"),
    ),
    # release: a furlough or bail is a change of custody, not freedom
    _trigger(
        "custody-released-on-bail",
        "custody",
        STRONG,
        r"released (?:\w+ ){0,3}(?:on|to|into) (?:a |an )?(?:temporary |medical |humanitarian )?"
        r"(?:furlough|bail|house arrest|parole)",
        ("She was released on bail last week.", "released on bail"),
    ),
    # "was put under house arrest in 2018", "were granted house arrest", "placed them on house
    # arrest": a change of custody ("released from house arrest" stays a release).
    _trigger(
        "custody-house-arrest",
        "custody",
        STRONG,
        r"(?:put|placed|kept|granted|sent|transferred|transfer|changed [\w ]{1,30}? to) "
        r"(?:\w+ )?(?:under|on|to|into)? ?house arrest",
        ("He was put under house arrest in 2018.", "put under house arrest"),
        ("Six executives who were granted house arrest in December.", "granted house arrest"),
    ),
    # "put an electronic bracelet on his leg", "with an ankle monitor": held at home, watched.
    _trigger(
        "custody-monitoring-device",
        "custody",
        STRONG,
        r"(?:electronic|ankle|monitoring) (?:bracelet|monitor|tag)",
        ("Police fitted an electronic bracelet to her ankle on Monday.", "electronic bracelet"),
    ),
    _trigger(
        "custody-furlough",
        "custody",
        STRONG,
        r"(?:medical|temporary|humanitarian) furlough",
        ("He was granted a medical furlough.", "medical furlough"),
    ),
    # release
    # "is back in American custody", "on a flight back to freedom": the detainee out and on
    # the way home.
    _trigger(
        "release-back-in-own-hands",
        "release",
        STRONG,
        r"(?:is|are|was|were) (?:now )?back in (?:American|U\.?S\.?|British|Canadian|French"
        r"|Australian) (?:custody|hands)"
        r"|on (?:a|the|their|his|her) (?:\w+ )?(?:flight|plane) back (?:home|to freedom)",
        ("The sailor is back in American custody.", "is back in American custody"),
        ("The teacher is on a flight back to freedom.", "on a flight back to freedom"),
    ),
    # "We welcome the release of X", "Today we welcome home X": the release, announced.
    _trigger(
        "release-welcomed",
        "release",
        STRONG,
        r"welcom(?:e|es|ed|ing) (?:home|back|the (?:release|return|freeing|safe return) of)",
        ("We welcome the release of U.S. citizen Dana Holt.", "welcome the release of"),
        ("Today, we welcome home Dana Holt.", "welcome home"),
    ),
    # "announced the release of X", "a court ordered her release": the release itself, not
    # only a statement or a ruling about it.
    _trigger(
        "release-announced-or-ordered",
        "release",
        STRONG,
        r"(?:announc|order)(?:e|es|ed|ing) " + POSSESSIVE + "release",
        ("The president announced the release of Dana Holt.", "announced the release"),
        ("A court ordered her release on Friday.", "ordered her release"),
    ),
    _trigger(
        "release-is-free",
        "release",
        STRONG,
        r"(?:is|are|was|were) (?:now )?(?:finally )?(?:an? )?free(?: (?:man|woman|men|women))?\b",
        ("She is now free.", "is now free"),
        ("Hours later, on Friday afternoon, he was a free man.", "was a free man"),
    ),
    _trigger(
        "release-secured-release",
        "release",
        STRONG,
        r"(?:secured|won|negotiated|obtained) " + POSSESSIVE + "release",
        ("The envoy secured his release.", "secured his release"),
    ),
    _trigger(
        "release-released",
        "release",
        STRONG,
        alternation("released", "freed", "set free", "pardoned", "walked free"),
        ("Russia freed him on Thursday.", "freed"),
    ),
    # "has been given a presidential pardon", "was granted a royal pardon": the pardon itself.
    _trigger(
        "release-granted-pardon",
        "release",
        STRONG,
        r"(?:given|granted|received|receives|receive) (?:a |an )?(?:\w+ )?pardon",
        ("The teacher has been given a presidential pardon.", "given a presidential pardon"),
    ),
    _trigger(
        "release-exchanged",
        "release",
        STRONG,
        alternation(
            "granted clemency",
            r"(?:exchanged|swapped|traded) (?:for|in)",
            # "have exchanged the jailed pilot Dana Holt for an arms dealer": the object between
            r"(?:have|has|had) (?:exchanged|swapped|traded) (?:[\w’'-]+ ){1,8}?for",
        ),
        ("He was exchanged for an arms dealer.", "exchanged for"),
        (
            "The two countries have exchanged jailed pilot Dana Holt for a spy.",
            "have exchanged jailed pilot Dana Holt for",
        ),
    ),
    _trigger(
        "release-swap-took-place",
        "release",
        STRONG,
        r"(?:swap|exchange) (?:took place|was carried out|was completed)",
        ("The swap took place in Abu Dhabi.", "swap took place"),
    ),
    # "Kember was rescued on Thursday", "forces recovered Bergdahl from his captors": freed by
    # force ("police recovered a rifle" is a thing found).
    _trigger(
        "release-rescued",
        "release",
        STRONG,
        r"(?:was|were|been|being) (?:rescued|recovered)|(?:rescued|recovered) (?:him|her|them)\b"
        r"|recovered (?-i:[A-Z][a-z]+ [A-Z][a-z]+)",
        ("Kember was rescued on Thursday by British troops.", "was rescued"),
        ("Special forces recovered Dana Holt from his captors.", "recovered Dana Holt"),
    ),
    _trigger(
        "release-on-the-way-home",
        "release",
        STRONG,
        r"on (?:their|his|her) way (?:back|home)",
        ("The two men are on their way home.", "on their way home"),
    ),
    _trigger(
        "release-returned-home",
        "release",
        STRONG,
        r"(?:returned|returns|returning|arrived|flew|landed) (?:back )?home",
        ("He returned home to Michigan.", "returned home"),
    ),
    _trigger(
        "release-landed-in-the-us",
        "release",
        STRONG,
        r"(?:returned|arrived|flew|landed) (?:back )?(?:to|in|on) " + UNITED_STATES,
        ("She landed in the United States on Friday.", "landed in the United States"),
    ),
    # The journey out told as the news: "have been flown out of Iran", "is in the air from
    # Turkey", "arrived free Monday at Niamey airport", "his five-year captivity ended".
    _trigger(
        "release-out-of-captivity",
        "release",
        STRONG,
        r"(?:been|was|were) flown (?:out of|home|back)|(?:is|are|was|were) in the air from"
        r"|arrived free|captivity (?:ended|came to an end|is over)",
        ("Five citizens have been flown out of the country.", "been flown out of"),
        ("The pastor is in the air from Turkey.", "is in the air from"),
        ("The journalist arrived free Monday at the airport.", "arrived free"),
        ("His five-year captivity ended early Tuesday.", "captivity ended"),
    ),
    # "is out of jail and out of Nicaragua", "held for over half a month are back home": the
    # state of being free, told as the news.
    _trigger(
        "release-out-and-home",
        "release",
        STRONG,
        r"(?:is|are) (?:now )?(?:out of (?:jail|prison|custody|detention)|back home)\b",
        ("The aid worker is out of jail and out of the country.", "is out of jail"),
        ("The four tourists held for half a month are back home.", "are back home"),
    ),
    _trigger(
        "release-left-the-country",
        "release",
        STRONG,
        r"(?:have|has|had) (?:now )?(?:departed|left) (?:[A-Z]\w+|the country)",
        ("They have now left Iran.", "have now left Iran"),
    ),
    _trigger(
        "release-back-in-the-us",
        "release",
        STRONG,
        alternation("back on " + UNITED_STATES, "reunited with"),
        ("He was reunited with his family.", "reunited with"),
    ),
    # "joining this briefing on the release of X", "the news yesterday on the release of X":
    # a government's briefing called for the release, which is the day's news.
    _trigger(
        "release-briefing-on-the-release",
        "release",
        STRONG,
        r"(?:briefing|press call|background call|news)(?: [\w’'-]+){0,2} on the release of",
        (
            "Thanks for joining this briefing on the release of Dana Holt.",
            "briefing on the release of",
        ),
        (
            "After the good news yesterday on the release of Dana Holt, we took questions.",
            "news yesterday on the release of",
        ),
    ),
    _trigger(
        "release-topic",
        "release",
        WEAK,
        alternation("release", "freedom", "free", "prisoner (?:swap|exchange)", "swap"),
        ("They pressed for a prisoner swap.", "prisoner swap"),
    ),
    # designation
    _trigger(
        "designation-determination",
        "designation",
        STRONG,
        alternation("made a determination", "determined that", "designat(?:ed|ion)"),
        ("The department made a determination in May.", "made a determination"),
    ),
    _trigger(
        "designation-classified",
        "designation",
        STRONG,
        alternation(r"(?:re)?classified (?:\w+ )?as", r"declared (?:\w+ )?wrongful(?:ly)?"),
        ("Officials reclassified her as wrongfully detained.", "reclassified her as"),
    ),
    # "Iran has wrongfully detained Siamak Namazi", "the government wrongfully detained Baquer
    # Namazi": the act of detaining a named person, not the designation of one.
    _trigger(
        "detention-wrongfully-detained-someone",
        "detention",
        STRONG,
        r"(?<![Aa] )(?<![Aa]n )(?<!the )(?<!is )(?<!are )(?<!was )(?<!were )(?<!been )"
        r"(?:wrongfully|unjustly|unlawfully|arbitrarily) detained (?-i:(?=[A-Z][a-z]+ [A-Z]))",
        (
            "Today marks six years that Iran has wrongfully detained Siamak Namazi.",
            "wrongfully detained ",
        ),
    ),
    _trigger(
        "designation-wrongfully-detained",
        "designation",
        WEAK,
        alternation(r"wrongful(?:ly)?[ -]detain(?:ed|ment|ee)?", "wrongful detention"),
        ("She is wrongfully detained in Russia.", "wrongfully detained"),
    ),
    # court
    _trigger(
        "court-sentenced",
        "court",
        STRONG,
        alternation("sentenced", "convicted", "acquitted", r"found (?:\w+ )?guilty"),
        ("A court found him guilty in August.", "found him guilty"),
    ),
    # "A Russian court has jailed a former teacher for 14 years", "was jailed for five years":
    # the sentence passed (held "in Iran for two years" is the detention).
    _trigger(
        "court-jailed-for-a-term",
        "court",
        STRONG,
        alternation(
            r"jailed (?:(?!in\b)[\w.-]+ ){0,8}?for (?:\w+ ){1,3}(?:years?|months?)",
            # "was recently jailed in Russia for 22 years": in the simple past, the term ("has
            # been jailed in Iran for two years" is the time held)
            r"(?:was|were) (?:\w+ly )?(?:jailed|imprisoned) in (?:[\w.-]+ ){1,3}?for "
            r"(?:\w+ ){1,3}(?:years?|months?)",
        ),
        (
            "A court has jailed a former teacher for 14 years.",
            "jailed a former teacher for 14 years",
        ),
        ("In December 2021 he was jailed for five years.", "jailed for five years"),
        (
            "The pilot, who was recently jailed in Russia for 22 years, flew home.",
            "was recently jailed in Russia for 22 years",
        ),
    ),
    _trigger(
        "court-pleaded-guilty",
        "court",
        STRONG,
        alternation(r"plead(?:ed|s)? guilty", "pled guilty", "guilty plea"),
        ("She pleaded guilty in July.", "pleaded guilty"),
    ),
    _trigger(
        "court-decided-appeal",
        "court",
        STRONG,
        r"(?:upheld|rejected|dismissed|denied|heard) " + POSSESSIVE + "appeal",
        ("Judges rejected her appeal on Monday.", "rejected her appeal"),
    ),
    # "Israel's Supreme Court rejected, as expected, a petition", "the Court of First Instance
    # on November 23 accepted the appeal": a court deciding is a ruling, not a party's response.
    _trigger(
        "court-court-decided",
        "court",
        STRONG,
        r"[Cc]ourt\b[^.;:“\"]{0,40}? (?:has |had )?"
        r"(?:rejected|accepted|dismissed|overturned|granted|agreed to (?:lower|reduce|commute))",
        (
            "Late Monday, the Supreme Court rejected, as expected, a petition against the deal.",
            "Court rejected",
        ),
        (
            "The Court of First Instance on November 23 accepted the appeal.",
            "Court of First Instance on November 23 accepted",
        ),
    ),
    # "reduced the death sentence", "commuted their sentences": a ruling on the sentence.
    _trigger(
        "court-sentence-reduced",
        "court",
        STRONG,
        r"(?:reduced|commuted|lowered|overturned) (?:the |his |her |their )?(?:[\w-]+ ){0,2}"
        r"(?:sentences?|convictions?)",
        ("A court reduced the death sentence of the eight men.", "reduced the death sentence"),
    ),
    _trigger(
        "court-appeal-was-decided",
        "court",
        STRONG,
        r"appeal was (?:rejected|dismissed|denied|upheld)",
        ("His appeal was rejected in October.", "appeal was rejected"),
    ),
    _trigger(
        "court-extended-detention",
        "court",
        STRONG,
        r"extended (?:until \w+(?: \d{1,2})?,? )?"
        + POSSESSIVE
        + "(?:pre-?trial )?(?:detention|arrest|custody)"
        + r"|(?:detention|arrest|custody)[\"”]? (?:was|were|has been|had been) extended",
        ("A judge extended his pre-trial detention.", "extended his pre-trial detention"),
        (
            "A court extended until March the detention of Holt.",
            "extended until March the detention",
        ),
        ("Her detention was extended by two months.", "detention was extended"),
    ),
    _trigger(
        "court-trial-began",
        "court",
        STRONG,
        r"(?:trial|hearing),? (?:which )?(?:began|opened|started|resumed)",
        ("The trial, which began in July, was closed.", "trial, which began"),
    ),
    # "the trial of X, the publisher, opened on Monday", "his trial before the court began"
    _trigger(
        "court-trial-of-someone-began",
        "court",
        STRONG,
        r"(?:trial|hearing) (?:of|before|against|at|in) [^,.;]{1,60}?(?:,[^,.;]{1,100},)? "
        r"(?:began|opened|started|resumed)",
        (
            "The trial of Jane Roe, the publisher, opened on Monday.",
            "trial of Jane Roe, the publisher, opened",
        ),
    ),
    # "appeared in a courtroom in Yekaterinburg", "was back in court again today": a hearing.
    _trigger(
        "court-appeared-in-court",
        "court",
        STRONG,
        r"(?:appeared|appears|appear|was back|were back|is back|are back) (?:again )?"
        r"in (?:a |the )?(?:court|courtroom)",
        ("She appeared in a courtroom in the capital on Tuesday.", "appeared in a courtroom"),
        ("Holt, who was back in court again today, waved.", "was back in court"),
    ),
    # "who was tried in secret", "she was fined for failing to register".
    _trigger(
        "court-tried-or-fined",
        "court",
        STRONG,
        r"(?:was|were|been) (?:tried|fined)\b",
        ("He was tried behind closed doors in May.", "was tried"),
        ("She was fined for missing a hearing.", "was fined"),
    ),
    _trigger(
        "court-ruled",
        "court",
        STRONG,
        alternation("ruled", "upheld", "upholding", r"fined (?:\w+ )?\d"),
        ("A judge fined him 5 million roubles.", "fined him 5"),
    ),
    _trigger(
        "court-handed-a-sentence",
        "court",
        STRONG,
        r"(?:was|were|been|is|are) (?:handed|given) (?:an? |another |the )?(?:[\w-]+,? ){0,3}"
        r"(?:(?:prison|jail) )?(?:sentence|term)"
        r"|(?:sentence|verdict|ruling) (?:was |were )?handed down",
        ("He was handed a 12-year prison sentence.", "was handed a 12-year prison sentence"),
        ("They condemned the sentence handed down to him.", "sentence handed down"),
    ),
    _trigger(
        "court-topic",
        "court",
        WEAK,
        alternation(
            "verdict", "ruling", "trial", "hearing", "court", "appeal", "judge", "conviction"
        ),
        ("The verdict is expected soon.", "verdict"),
        ("Today’s conviction compounds the injustice.", "conviction"),
    ),
    _trigger(
        "court-prosecutors",
        "court",
        WEAK,
        alternation("prosecutors?", "sentence"),
        ("The sentence was harsh.", "sentence"),
    ),
    # charge
    _trigger(
        "charge-charged",
        "charge",
        STRONG,
        alternation("charged", "indicted", "formally accused"),
        ("He was indicted on espionage counts.", "indicted"),
    ),
    _trigger(
        "charge-brought-charges",
        "charge",
        STRONG,
        r"(?:add(?:s|ed)?|brought|brings?|filed|files?|lodged|level?l?ed) (?:an? |the )?"
        r"(?:(?:new|additional|further|more|fresh|formal|criminal) )*(?:charges?|indictment)"
        # "two new charges of sedition were filed against him": the passive
        r"|charges? (?:of (?:[\w-]+ ){1,4}?)?(?:was|were|have been|has been|had been) "
        r"(?:filed|brought|lodged|laid)",
        ("Investigators filed new charges against him.", "filed new charges"),
        (
            "Two new charges of fraud were filed against her this week.",
            "charges of fraud were filed",
        ),
    ),
    _trigger(
        "charge-opened-a-case",
        "charge",
        STRONG,
        r"opened a (?:criminal )?(?:case|investigation)",
        ("Investigators opened a criminal case.", "opened a criminal case"),
    ),
    _trigger(
        "charge-topic",
        "charge",
        WEAK,
        alternation("charges?", "indictment", "accused of"),
        ("He denies the charges.", "charges"),
    ),
    # detention (the adjectival "detained Americans" is sorted out in find_triggers)
    # "had been held since 2017", "a reporter detained in Iran since July 2014", "in custody since
    # April": the detention began then. Before "detained", so the whole phrase is one trigger and
    # an adjectival "detained" followed by its "since" date still dates the detention.
    _trigger(
        "detention-held-since",
        "detention",
        STRONG,
        r"(?:been\s+(?:already\s+|\w+ly\s+)?)?"
        + HELD_STATE
        + rf"(?:\s+{HELD_AS})?"
        + HELD_WHERE
        + r"(?=,?\s+since\b)",
        ("She has been held since 2019.", "been held"),
        ("A teacher detained in Ruritania since May 2020 was freed.", "detained in Ruritania"),
        ("He has been in custody since April 2, 2020.", "been in custody"),
        ("She has been held hostage by the junta since 2019.", "been held hostage by the junta"),
    ),
    # "jailed in Iran for nearly two years", "two and a half years as a hostage": the detention
    # began that long before the story (date-held-for counts it back).
    _trigger(
        "detention-held-for",
        "detention",
        STRONG,
        HELD_STATE
        + rf"(?:\s+{HELD_AS})?"
        + HELD_WHERE
        + rf"(?=\s+for\s+{ABOUT}(?:{COUNT}){HALF}?\s+{UNIT})"
        + rf"|{SPENT}\s+{ABOUT}(?:{COUNT}){HALF}?\s+{UNIT}{HALF}?\s+{HELD_TIME}",
        ("He has been jailed in Ruritania for nearly two years.", "jailed in Ruritania"),
        ("She came home after two years as a hostage.", "after two years as a hostage"),
    ),
    # "were hauled away by masked agents", "was stopped at the airport": an arrest told by
    # what was done to the person.
    _trigger(
        "detention-hauled-away",
        "detention",
        STRONG,
        r"(?:hauled|dragged|led|taken) (?:away|off) by|(?:was|were) (?:\w+ly )?stopped "
        r"(?:[\w ]{0,20}? )?at (?:an? |the )?(?:[\w-]+ ){0,3}(?:airport|border|checkpoint)",
        ("The two men were hauled away by police.", "hauled away by"),
        ("She was initially stopped at the border.", "was initially stopped at the border"),
    ),
    _trigger(
        "detention-arrested",
        "detention",
        STRONG,
        alternation(
            "arrested",
            "taken into custody",
            "apprehended",
            "detained",
            r"(?:was|were|been) imprisoned",
        ),
        ("Police arrested him at the airport.", "arrested"),
        ("Li, 60, was imprisoned in 2016.", "was imprisoned"),
    ),
    _trigger(
        "detention-abducted",
        "detention",
        STRONG,
        alternation(
            "abducted",
            "kidnapped",
            "taken hostage",
            "captured",
            "disappeared",
            "went missing",
            "snatched",
            # a person seized, not power or property
            r"(?:was|were|been|being) seized",
            r"seized (?:him|her|them)",
            r"seized (?:the |an? )?(?:\d+ |two |three |four |five |six |\w+ ){0,3}?"
            r"(?:men|women|people|hostages|sailors|crew|crewmen|foreigners|workers|journalists"
            r"|tourists|personnel|nationals|citizens|soldiers|Americans|Britons)",
            # "Seized in October 2015, Kim ...": the participle opening a sentence
            r"(?-i:Seized) (?:in|on|at|by|from|while|during|last)",
        ),
        ("He was abducted in 2017.", "abducted"),
        ("He was seized on March 25 while campaigning.", "was seized"),
        ("Gunmen snatched the four foreigners in a bar.", "snatched"),
        (
            "Iran seized the 15 British naval personnel on March 23.",
            "seized the 15 British naval personnel",
        ),
        ("Seized in October 2015, Kim is a pastor.", "Seized in"),
        ("A reporter who went missing in Ruritania ten years ago.", "went missing"),
    ),
    _trigger(
        "detention-taken-from-home",
        "detention",
        STRONG,
        r"taken from (?:his|her|their) (?:home|house|apartment|flat)",
        ("He was taken from his home at night.", "taken from his home"),
    ),
    _trigger(
        "detention-topic",
        "detention",
        WEAK,
        alternation("arrest", "detention", "custody", "abduction", "kidnapping", "disappearance"),
        ("Since his arrest he has lost weight.", "arrest"),
        ("Today is the tenth anniversary of his abduction.", "abduction"),
    ),
    # custody: where and how a detainee is held, and who visits
    _trigger(
        "custody-passport-returned",
        "custody",
        STRONG,
        r"(?:given back|handed back|returned) (?:his |her |their )?(?:\w+ )?passports?"
        r"|passports? (?:was|were|had been|has been) (?:returned|given back|handed back)",
        ("His passport was returned on Monday.", "passport was returned"),
    ),
    _trigger(
        "custody-went-to-the-prison",
        "custody",
        STRONG,
        r"(?:been|went|gone|travell?ed) (?:in )?to (?:the )?(?:\w+ ){0,2}" + FACILITY,
        ("His wife went to the prison on Monday.", "went to the prison"),
    ),
    _trigger(
        "custody-left-the-prison",
        "custody",
        STRONG,
        r"left (?:an? |the )?(?:\w+ )?" + FACILITY,
        ("He left the penal colony in May.", "left the penal colony"),
    ),
    _trigger(
        "custody-moved",
        "custody",
        STRONG,
        r"(?:moved|sent) (?:\w+ ){0,4}(?:from|to|into) (?:an? )?(?:prison|house arrest"
        r"|penal colony|solitary(?: confinement)?)",
        ("She was moved to a penal colony.", "moved to a penal colony"),
        ("She was arrested in May and last week sent to a penal colony.", "sent to a penal colony"),
    ),
    _trigger(
        "custody-transferred",
        "custody",
        STRONG,
        alternation("transferred", "hunger strike", "consular visit", "in a coma"),
        ("He went on hunger strike.", "hunger strike"),
    ),
    # a sign of life: "the family received a video of him", "proof of life"
    _trigger(
        "custody-sign-of-life",
        "custody",
        STRONG,
        r"proof[- ]of[- ]life|received (?:a |an |new |the )?(?:\w+ )?"
        r"(?:video|photographs?|photos?|recording)",
        ("The family received a short video of him.", "received a short video"),
    ),
    # "appeared in a video filmed in prison", "in another video, her captors said": the
    # detainee seen (or spoken of) in captivity, a sign of life.
    _trigger(
        "custody-seen-in-a-video",
        "custody",
        STRONG,
        r"(?:appeared|appears|appearing|seen|shown) in (?:a |an |another |the )?(?:[\w-]+ ){0,3}"
        r"video|in another video",
        ("The teacher appeared in a short video filmed in his cell.", "appeared in a short video"),
        ("In another video in May, her captors said she was weak.", "In another video"),
    ),
    # How the detainee is treated or fares inside: "said he was not ill-treated", "died in
    # custody last year".
    _trigger(
        "custody-treatment",
        "custody",
        STRONG,
        r"(?:ill-treated|mistreated|maltreated)"
        r"|died (?:in|while in) (?:detention|custody|prison|jail)",
        ("The engineer said he had not been ill-treated.", "ill-treated"),
        ("A second prisoner died in custody in March.", "died in custody"),
    ),
    # The detainee put to death by the state or by captors: the codebook has no kind for it, and
    # the gold files it under custody ("was hanged at dawn", "the militants beheaded one of
    # them"). Only a person executed: "the deal was executed" is not.
    _trigger(
        "custody-executed",
        "custody",
        STRONG,
        r"(?:was|were|been|being) (?:\w+ )?(?:executed|hanged)|beheaded|put to death",
        ("The engineer was executed at dawn, the prosecutor's office said.", "was executed"),
        ("The gunmen beheaded one of the two fishermen on Sunday.", "beheaded"),
        ("State television said the prisoner had been put to death.", "put to death"),
    ),
    _trigger(
        "custody-fell-ill",
        "custody",
        STRONG,
        alternation(r"contracted (?:covid|coronavirus|an? )", "tested positive", "fell ill"),
        ("He tested positive for the virus.", "tested positive"),
    ),
    # "Pompeo visited Vietnam", "made a rare visit on Saturday to Kabul": an official's trip is
    # contact with the government there (a detainee's trip is not; a prison visit is custody).
    _trigger(
        "contact-visited-a-country",
        "contact",
        STRONG,
        r"visited (?=[A-Z])|made an? (?:\w+ )?visit (?:\w+ ){0,3}?to (?=[A-Z])",
        ("The secretary visited Vietnam in early July.", "visited "),
        ("The envoy made a rare visit on Saturday to Kabul.", "made a rare visit on Saturday to "),
    ),
    _trigger(
        "custody-visited",
        "custody",
        STRONG,
        alternation(r"visit(?:ed|s)? (?:with )?", "hospitali[sz]ed", "in solitary"),
        ("She was hospitalized last week.", "hospitalized"),
    ),
    _trigger(
        "custody-topic",
        "custody",
        WEAK,
        alternation("penal colony", "labou?r camp", "prison", "jail", "medical", "health"),
        ("Conditions in the labour camp are harsh.", "labour camp"),
    ),
    # "Embassy officials met with the journalist", "were granted brief access to him": a
    # consular visit, the detainee's custody, not talks between governments.
    _trigger(
        "custody-consular-visit",
        "custody",
        STRONG,
        r"(?:embassy|consul(?:ar|ate)?)(?: [A-Z]\w+)? (?:officials?|staff|officers?|diplomats?"
        r"|representatives?) (?:[\w–—-]+ ){0,3}?(?:met|visited|saw|attended"
        # "officials – were present at the hearing", "a consular officer gained rare access"
        r"|(?:was|were) present at|gained (?:\w+ )?access)"
        r"|(?:was|were|been) granted (?:\w+ )?(?:consular )?access",
        (
            "Japanese Embassy officials met with the journalist on Wednesday.",
            "Embassy officials met",
        ),
        (
            "Embassy Moscow officials were granted brief access to the courtroom.",
            "were granted brief access",
        ),
        (
            "Two embassy officials from Ankara were present at the trial on Monday.",
            "embassy officials from Ankara were present at",
        ),
        (
            "A consular officer from Rome gained rare access to him.",
            "consular officer from Rome gained rare access",
        ),
    ),
    # "The consul tried to attend and was not admitted", "diplomats were refused entry to the
    # hearing": officials kept from the detainee's hearing or prison, the detainee's custody.
    _trigger(
        "custody-not-admitted",
        "custody",
        STRONG,
        r"(?:(?:was|were|been) not|(?:did not|didn[’']t|could not|couldn[’']t) get) admitted"
        r"|(?:was|were|been) (?:denied|refused) (?:entry|admission|admittance)",
        ("Our consul tried on Monday and was not admitted.", "was not admitted"),
        (
            "Two diplomats were refused entry to the hearing on Tuesday.",
            "were refused entry",
        ),
    ),
    _trigger(
        "custody-consular-access",
        "custody",
        WEAK,
        "consular access",
        ("The embassy asked for consular access.", "consular access"),
    ),
    # a reward for information is the offering government's statement, not a release offer
    _trigger(
        "statement-offered-a-reward",
        STATEMENT,
        STRONG,
        r"offered (?:an? |the )?(?:[\w$.,]+ ){0,5}?rewards?",
        ("The department offered a $10 million reward.", "offered a $10 million reward"),
    ),
    # response
    _trigger(
        "response-refused-to-allow",
        "response",
        STRONG,
        r"(?:refused|declined) to (?:grant|allow|provide|give|let|accept|release)",
        ("Iran refused to allow consular visits.", "refused to allow"),
    ),
    _trigger(
        "response-accepted",
        "response",
        STRONG,
        alternation("acknowledged", "accepted", "rejected", "refused", "turned down"),
        ("Moscow turned down the offer.", "turned down"),
    ),
    _trigger(
        "response-agreed-to",
        "response",
        STRONG,
        alternation("agreed to", "countered", "responded", "pa(?:y|id) attention"),
        ("Tehran agreed to the terms.", "agreed to"),
    ),
    _trigger(
        "response-dismissed",
        "response",
        STRONG,
        alternation("dismissed", "declined"),
        ("The Kremlin dismissed the idea.", "dismissed"),
    ),
    _trigger(
        "response-topic",
        "response",
        WEAK,
        alternation("response", "respond", "counter-?offer", "accept"),
        ("There has been no response from Moscow.", "response"),
    ),
    # proposal
    _trigger(
        "proposal-offered",
        "proposal",
        STRONG,
        alternation(
            # "offered no details", "offered consular assistance": words or help, not terms
            r"offered(?!\s+(?:no|differing|conflicting|little|few|any|consular|condolences"
            r"|support|assistance|details|information|comment|a range|the embassy['’]s)\b)",
            "put forward",
            "floated",
            "under the (?:arrangement|deal)",
        ),
        ("Washington put forward a proposal.", "put forward"),
        ("Moscow offered to release him in a swap.", "offered"),
    ),
    _trigger(
        "proposal-made-an-offer",
        "proposal",
        STRONG,
        r"made an? (?:\S+ ){0,3}(?:proposal|offer)",
        ("The U.S. made a substantial offer.", "made a substantial offer"),
    ),
    _trigger(
        "proposal-on-the-table",
        "proposal",
        STRONG,
        r"put (?:an? )?(?:offer|proposal) on the table",
        ("They put an offer on the table.", "put an offer on the table"),
    ),
    _trigger(
        "proposal-proposed",
        "proposal",
        STRONG,
        r"proposed (?:to|a|an|that|swapping|exchanging|trading)",
        ("Russia proposed swapping him for a spy.", "proposed swapping"),
    ),
    _trigger(
        "proposal-topic",
        "proposal",
        WEAK,
        alternation("proposals?", "offers?", "deal", "counter-?proposals?", "terms"),
        ("The deal fell through.", "deal"),
    ),
    # contact between governments
    _trigger(
        "contact-spoke-with",
        "contact",
        STRONG,
        alternation("spoke (?:with|to|directly)", "phone call", "call (?:with|between)"),
        ("Biden spoke with Putin by phone.", "spoke with"),
    ),
    _trigger(
        "contact-met",
        "contact",
        STRONG,
        alternation(
            # "met its commitments": a condition fulfilled, not a meeting
            r"met (?!(?:its|their|the|his|her|all|these|those|our) (?:\w+ )?(?:commitments?"
            r"|obligations?|demands?|conditions?|requirements?|criteria|deadlines?|targets?"
            r"|goals?|standards?)\b)(?:with )?",
            "meeting (?:with|between)",
            "held talks",
        ),
        ("The envoys held talks in Geneva.", "held talks"),
    ),
    _trigger(
        "contact-talks-with",
        "contact",
        STRONG,
        alternation(
            "talks (?:with|between)",
            "raised " + POSSESSIVE + "(?:case|plight)",
            r"(?:direct )?contacts? (?:with|between)",
        ),
        ("The minister raised her case in Moscow.", "raised her case"),
        ("Biden raised their plight with Putin at the summit.", "raised their plight"),
        ("It was the result of direct contact between the two capitals.", "direct contact between"),
    ),
    _trigger(
        "contact-discussed",
        "contact",
        STRONG,
        alternation("discussed", "pressed", "travell?ed to"),
        ("The ministers discussed the case.", "discussed"),
    ),
    _trigger(
        "contact-summoned-envoy",
        "contact",
        STRONG,
        r"summon(?:s|ed|ing)? (?:the |an? |\w+['’]s )?(?:\w+ )?"
        r"(?:ambassador|envoy|charg[eé] d['’]affaires|diplomats?)",
        ("Berlin summoned the Iranian ambassador.", "summoned the Iranian ambassador"),
    ),
    _trigger(
        "contact-topic",
        "contact",
        WEAK,
        alternation("call", "talks", r"negotiat\w+", "channels?", "conveyed", "diplomats?"),
        ("Negotiations stalled in the spring.", "Negotiations"),
    ),
    # statement frames: the speaker's own words make the development
    _trigger(
        "statement-urge-condemn",
        STATEMENT,
        FRAME,
        alternation(
            "urg(?:e[sd]?|ing)",
            r"condemn(?:s|ed|ing)?",
            "concerned",
            "dismayed",
            r"express(?:es|ed|ing)? (?:\w+ )?concern",
        ),
        ("We urge Russia to act.", "urge"),
    ),
    _trigger(
        "statement-thanks",
        STATEMENT,
        FRAME,
        alternation("appreciation", "thanks?", "thanked", "grateful", "welcome[sd]?"),
        ("We are grateful to Qatar.", "grateful"),
    ),
    _trigger(
        "statement-demand-vow",
        STATEMENT,
        FRAME,
        alternation(
            r"demand(?:s|ed|ing)?",
            r"reiterat\w+",
            r"vow(?:s|ed)?",
            "pledge[sd]?",
        ),
        ("She demanded answers.", "demanded"),
    ),
    _trigger(
        "statement-will-not-rest",
        STATEMENT,
        FRAME,
        alternation(
            "will not rest",
            r"(?:cannot|can[’']t|will not|won[’']t|never) forget",
            "statement",
            r"insist(?:s|ed)?",
            "apologi[sz]ed",
        ),
        ("We will not rest until he is home.", "will not rest"),
        ("We cannot forget the others still held.", "cannot forget"),
    ),
    # "I would say that ...", "Let me remind you that ...": the speaker says it now, in their own
    # voice, whatever earlier words of others it goes on to tell (reading-own-performative).
    _trigger(
        "statement-performative",
        STATEMENT,
        FRAME,
        r"(?:(?:I|we) (?:would|['’]d|(?:just )?want(?:ed)? to)(?: like to)? |let me )"
        + alternation("say", "remind", "stress", "underscore", "note", "add", "be clear"),
        ("I would say that the case remains a priority.", "I would say"),
        ("Let me remind you that the court heard no witnesses.", "Let me remind"),
    ),
    # A government's own statement tells its position as an effort that goes on ("we continue
    # to seek their return", "is committed to securing their freedom"): the statement.
    _trigger(
        "statement-continue-to-work",
        STATEMENT,
        FRAME,
        r"(?:continue[sd]?|continuing) (?:to )?(?:\w+ )?"
        + alternation(
            r"seek(?:ing)?", r"work(?:ing)?", r"press(?:ing)?", r"pursu(?:e|ing)", r"push(?:ing)?"
        )
        + r"|(?:is|are|remains?|stays?) (?:\w+ )?committed to",
        ("As the holiday nears, we continue to seek their return.", "continue to seek"),
        ("The United States is committed to securing his freedom.", "is committed to"),
    ),
]

# --- dates --------------------------------------------------------------------------------
# A date rule's groups are named <prefix>_<field>, the prefix its own (a scanner holds every rule
# at once, and group names must differ); its resolver reads the fields. Examples are resolved
# against a publication date, Thursday 28 July 2022 unless they say otherwise.

EXAMPLE_PUBLISHED = "2022-07-28"
_ON = DATE_PREPOSITION
# "after"/"before" can open a clause (", a day after Russia freed her") where "later" cannot.
_INTERVAL_DIRECTIONS = {
    "later": 1, "afterwards": 1, "afterward": 1, "after": 1, "earlier": -1, "before": -1,
}  # fmt: skip


def _date(name: str, pattern: str, resolver: str, *examples: tuple[str, dict], **params) -> Rule:
    return Rule(name, DATE, LANGUAGE, pattern, {"resolver": resolver, **params}, examples)


def _example(text: str, matched: str, date: str, precision: str, published: str = "") -> tuple:
    expected = {"text": matched, "date": date, "precision": precision}
    return (text, {"published": published or EXAMPLE_PUBLISHED, **expected})


DATE_RULES: list[Rule] = [
    _date(
        "date-iso",
        rf"(?P<iso_date>\b{YEAR}-\d\d-\d\d\b)",
        "iso",
        _example("The hearing was set for 2021-03-04.", "2021-03-04", "2021-03-04", "day"),
    ),
    # "on Thursday, Feb. 17" is one date: the explicit one.
    _date(
        "date-month-day",
        rf"(?:{_ON}{WEEKDAY},?\s+)?{_ON}(?P<md_month>{MONTH})(?:\s+|(?<=\.))(?P<md_day>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?\b"
        rf"(?:,?\s+(?P<md_year>{YEAR})\b|\s+(?P<md_rel>(?i:last|this))\s+year\b)?",
        "month_day",
        _example("She was detained on Feb. 17 in Moscow.", "on Feb. 17", "2022-02-17", "day"),
        _example("He is held until May 19.", "until May 19", "2023-05-19", "day"),
        _example(
            "He stays in jail until at least May 19.", "until at least May 19", "2023-05-19", "day"
        ),
        _example("It began on Aug. 15 last year.", "on Aug. 15 last year", "2021-08-15", "day"),
        _example("He was arrested Sept 10 in Caracas.", "Sept 10", "2021-09-10", "day"),
        _example("He was taken on Sept.10 near the border.", "on Sept.10", "2021-09-10", "day"),
        years_back={"last": 1, "this": 0},
        deadline=UNTIL,
    ),
    _date(
        "date-day-month",
        rf"\b(?:{_ON}{WEEKDAY},?\s+)?{_ON}(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<dm_month>{MONTH})"
        rf"(?:,?\s+(?P<dm_year>{YEAR})\b)?",
        "month_day",
        _example("He was detained on 3 March 2021.", "on 3 March 2021", "2021-03-03", "day"),
        _example(
            "He has been held since Sunday 29 September 2019.",
            "since Sunday 29 September 2019",
            "2019-09-29",
            "day",
        ),
        years_back={},
        deadline=UNTIL,
    ),
    _date(
        "date-month-year",
        r"(?:\b(?i:in|since|during|by|until|from|of|early|late|mid|through|before|after)[\s-]+)?"
        rf"(?P<my_month>{MONTH})\s*,?\s+(?P<my_year>{YEAR})\b",
        "month_year",
        _example("He was arrested in December 2018.", "in December 2018", "2018-12-01", "month"),
    ),
    _date(
        "date-month",
        r"\b(?P<mo_pre>(?i:earlier in|later in|in|since|during|by|until|early|late|mid|last|between"
        r"|this|next|through|from|before|after|that|the following"
        rf"|at the end of|at the beginning of|at the start of))[\s-]+(?P<mo_month>{MONTH})"
        r"(?!\s*\d)(?:\s+(?:of\s+)?(?P<mo_rel>(?i:last|this))\s+year\b)?",
        "month",
        _example("He was freed last March.", "last March", "2022-03-01", "month"),
        # "in June last year" in a September story: last year's June, not this year's.
        _example("He was arrested in June last year.", "in June last year", "2021-06-01", "month"),
        _example(
            "They met in November of this year.", "in November of this year", "2022-11-01", "month"
        ),
        _example("His arrest was extended until January.", "until January", "2023-01-01", "month"),
        # "in April and May 2017": the month paired with a dated one takes its year.
        _example("They were held in April and May 2017.", "in April", "2017-04-01", "month"),
        _example(
            "He was held from December to February 2020.", "from December", "2019-12-01", "month"
        ),
        _example(
            "She was detained at the end of March.", "at the end of March", "2022-03-01", "month"
        ),
        _example(
            "Arrested in April 2016, he was sentenced that September.",
            "that September",
            "2016-09-01",
            "month",
        ),
        # "arrested in April 2016 ... sentenced that September": the year told, or the next.
        in_the_year_told=["that"],
        after_the_month_told=["the following"],
        # "extended his detention until January" in a November story: the coming January.
        ahead=["next", "until"],
        behind=["last"],
        years_back={"last": 1, "this": 0},
    ),
    _date(
        "date-year",
        r"\b(?P<yr_pre>(?i:in|since|during|by|until|early|late|mid|from|through|before|after|of"
        rf"|around|throughout))[\s-]+(?P<yr_year>{YEAR})\b",
        "year",
        _example("She was arrested in 2019.", "in 2019", "2019-01-01", "year"),
    ),
    # "since Griner's August conviction", "in his 2022 disappearance": the event's own date,
    # told before its noun.
    _date(
        "date-month-of-an-event",
        rf"{EVENT_NOUN_OWNER}(?P<mev_month>{MONTH})(?=\s+{EVENT_NOUN}\b)",
        "month",
        _example(
            "Her family has waited since her March conviction.", "March", "2022-03-01", "month"
        ),
        _example("The talks began after his December arrest.", "December", "2021-12-01", "month"),
        in_the_year_told=[],
        after_the_month_told=[],
        ahead=[],
        behind=[],
        dates_what_follows=True,  # "was moved since her March conviction": not the move's
    ),
    _date(
        "date-year-of-an-event",
        rf"{EVENT_NOUN_OWNER}(?P<yev_year>{YEAR})(?=\s+{EVENT_NOUN}\b)",
        "year",
        _example("They deny any part in his 2019 abduction.", "2019", "2019-01-01", "year"),
        dates_what_follows=True,
    ),
    _date(
        "date-weekday",
        r"\b(?:(?P<wd_pre>(?i:last|this|earlier|early|late|on|next|by|since|until|before|from))"
        rf"\s+)?(?P<wd_day>{WEEKDAY})(?:['’]s)?\b"
        r"(?:\s+(?P<wd_post>(?i:morning|afternoon|evening|night)))?",
        "weekday",
        _example("The court ruled on Monday.", "on Monday", "2022-07-25", "day"),
        _example("They met last Thursday.", "last Thursday", "2022-07-21", "day"),
        _example("He flies home next Tuesday.", "next Tuesday", "2022-08-02", "day"),
        ahead=["next"],
        a_week_back=["last"],
    ),
    _date(
        "date-relative-day",
        r"\b(?P<rel_phrase>(?i:earlier today|later today|today|yesterday|tonight|this morning"
        r"|this afternoon|this evening|last night|tomorrow))\b",
        "relative_day",
        _example("She was freed yesterday.", "yesterday", "2022-07-27", "day"),
        _example("The plane lands tonight.", "tonight", "2022-07-28", "day"),
        days={"yesterday": -1, "tomorrow": 1},
    ),
    _date(
        "date-day-of-the-date-told",
        r"\b(?P<rd_phrase>(?i:the next day|the following day|the day before|the previous day"
        r"|the same day|later that day|earlier that day|that day|the next morning"
        r"|the following morning))\b",
        "day_from_told",
        _example(
            "He was arrested on March 3, 2021. The next day he was charged.",
            "The next day",
            "2021-03-04",
            "day",
        ),
        days={
            "the next day": 1,
            "the following day": 1,
            "the next morning": 1,
            "the following morning": 1,
            "the day before": -1,
            "the previous day": -1,
        },  # fmt: skip
    ),
    _date(
        "date-ago",
        rf"\b(?P<ago_count>(?i:{COUNT}))?\s*(?P<ago_unit>(?i:{UNIT}))"
        r"(?P<ago_half>\s+and\s+a\s+half)?\s+(?i:ago)\b",
        "ago",
        _example("He was arrested two weeks ago.", "two weeks ago", "2022-07-14", "day"),
        _example("It happened months ago.", "months ago", "2022-04-28", "month"),
    ),
    _date(
        "date-interval-from-the-date-told",
        rf"\b(?P<lat_count>(?i:{COUNT}))\s+(?P<lat_unit>(?i:{UNIT}))"
        r"(?P<lat_half>\s+and\s+a\s+half)?"
        r"\s+(?P<lat_dir>(?i:later|earlier|afterwards?|after|before))\b",
        "interval",
        _example(
            "He was arrested on March 3, 2021. Two years later he was sentenced.",
            "Two years later",
            "2023-03-03",
            "year",
        ),
        _example(
            "Three days after a court sentenced him, he was moved on Monday.",
            "Three days after",
            "2022-07-22",
            "day",
        ),
        # "Her release came two weeks after a court cleared him": the release is the event just
        # told, the cleared verdict that long before it (and the date is not the release's).
        _example(
            "She was freed on March 3, 2021. Her release came two weeks after a court cleared her.",
            "two weeks after",
            "2021-02-17",
            "day",
        ),
        # "five days after the coup on February 1, 2021": counted from the date the phrase gives
        # its event, not from the last date told.
        _example(
            "She was sentenced on June 3, 2022. He was arrested five days after the coup on "
            "February 1, 2021.",
            "five days after",
            "2021-02-06",
            "day",
        ),
        # "The verdict, handed down five years after she was detained" (the date told is the
        # verdict's): counted forward it would lie ahead of the story, so it is counted back.
        _example(
            "He was sentenced on Monday. The ruling, issued five years after he was detained, "
            "was condemned.",
            "five years after",
            "2017-07-25",
            "year",
        ),
        directions=_INTERVAL_DIRECTIONS,
        clause_openers=["after", "before"],
        came_before=CAME_BEFORE,
        # "nearly two years after he was convicted": a rough count dates nothing counted back.
        hedged_before=HEDGED_BEFORE,
    ),
    # "Days earlier", "weeks later": a few, counted from the last date given.
    _date(
        "date-units-from-the-date-told",
        r"\b(?P<few_unit>(?i:days|weeks|months|years))\s+"
        r"(?P<few_dir>(?i:later|earlier|afterwards?))\b",
        "units_from_told",
        _example(
            "He was arrested on March 3, 2021. Days later he was charged.",
            "Days later",
            "2021-03-06",
            "month",
        ),
        directions=_INTERVAL_DIRECTIONS,
    ),
    _date(
        "date-at-the-time",
        # "at the time of her abduction" is the abduction's time, not the moment just told.
        r"\b(?P<then_phrase>(?i:at the time|at that time|at that point))\b(?!\s+of\b)",
        "as_told",
        _example(
            "He was arrested on March 3, 2021. At the time he was a reporter.",
            "At the time",
            "2021-03-03",
            "day",
        ),
    ),
    # "The consul, who saw her on Monday, said afterwards": the moment just told, as precisely
    # ("days afterwards" is the rule above, counted from it).
    _date(
        "date-afterwards",
        r"\b(?P<aft_phrase>(?i:afterwards?))\b",
        "as_told",
        _example(
            "The envoy visited him on March 3, 2021, and told reporters afterwards he was well.",
            "afterwards",
            "2021-03-03",
            "day",
        ),
    ),
    # "August: His family says ...": a timeline line's label.
    _date(
        "date-timeline-month",
        rf"(?P<tl_month>{MONTH})(?=:\s)",
        "month",
        _example("August: His family says he is ill.", "August", "2021-08-01", "month"),
        in_the_year_told=[],
        after_the_month_told=[],
        ahead=[],
        behind=[],
    ),
    _date(
        "date-period",
        r"\b(?P<per_pre>(?i:earlier this|later this|late last|early last|earlier last"
        r"|early this|late this|last|this|past|next|previous|the following|that|the same))\s+"
        r"(?P<per_unit>(?i:week|weekend|month|year))\b",
        "period",
        _example("He was moved last month.", "last month", "2022-06-01", "month"),
        _example("She was sentenced earlier this year.", "earlier this year", "2022-01-01", "year"),
        # "over the last two years", "for the past week" (after DURATION_BEFORE): how long.
        duration_openers=["past", "last", "previous"],
        of_the_date_told=["the following", "that", "the same"],
        following=["the following"],
        steps={
            "last": -1,
            "previous": -1,
            "late last": -1,
            "early last": -1,
            "earlier last": -1,
            "next": 1,
        },  # fmt: skip
    ),
    # "jailed in Iran for nearly two years": counted back from the story. The words of being held
    # are part of the match, so "sentenced to prison for two years" gives no date at all.
    _date(
        "date-held-for",
        HELD_STATE
        + rf"(?:\s+{HELD_AS})?"
        + HELD_WHERE
        + rf"\s+for\s+{ABOUT}(?P<hf_count>{COUNT})(?P<hf_frac>{HALF})?\s+(?P<hf_unit>(?i:{UNIT}))"
        + rf"(?P<hf_half>{HALF})?\b",
        "held_for",
        _example(
            "He has been jailed in Ruritania for nearly two years.",
            "jailed in Ruritania for nearly two years",
            "2020-01-01",
            "year",
        ),
        binds="detention",
    ),
    # "after three years in captivity", "spent two and a half years as a hostage": the same, told
    # as the time spent held ("sentenced to three years in prison" is a term, not a date).
    _date(
        "date-time-held",
        r"(?:(?<=\bafter )|(?<=\bspent )|(?<=\bspending )|(?<=\bfor ))"
        rf"{ABOUT}(?P<ht_count>{COUNT})(?P<ht_frac>{HALF})?\s+(?P<ht_unit>(?i:{UNIT}))"
        rf"(?P<ht_half>{HALF})?(?=\s+{HELD_TIME})",
        "held_for",
        _example(
            "She was freed after three years in captivity.", "three years", "2019-01-01", "year"
        ),
        binds="detention",
    ),
    # "Today marks the 14th anniversary of the abduction", "marks six years since they detained
    # him": the event that many years before the story, to the day.
    _date(
        "date-anniversary",
        rf"\b(?i:marks|marked|mark|is|was)\s+(?:the\s+)?(?P<an_nth>(?i:{ORDINAL}))\s+"
        r"(?i:anniversary)\b",
        "anniversary",
        _example(
            "Today marks the tenth anniversary of his abduction.",
            "marks the tenth anniversary",
            "2012-07-28",
            "day",
        ),
    ),
    _date(
        "date-marks-since",
        rf"\b(?i:marks|marked|mark)\s+(?P<ms_count>(?i:{COUNT}))\s+"
        rf"(?P<ms_unit>(?i:{UNIT}|{DECADE}))"
        r"(?=\s+(?i:since|that)\b)",
        "anniversary",
        _example(
            "Today marks four years since Ruritania detained him.",
            "marks four years",
            "2018-07-28",
            "day",
        ),
        _example(
            "This month marks a decade since the reporter was seized.",
            "marks a decade",
            "2012-07-28",
            "day",
        ),
    ),
    _date(
        "date-now",
        rf"\b(?P<now_word>(?i:now))\b(?:\s+(?i:almost|nearly|already|just|well into|into))?"
        rf"(?:\s+(?P<now_month>{MONTH}))?",
        "published",
        _example("He is now in a penal colony.", "now", "2022-07-28", "day"),
    ),
]


# --- readings: how a sentence is read in its article (the logic is in pipeline.py) -----------


def _reading(name: str, does: str, *examples: tuple[str, dict]) -> Rule:
    return Rule(name, READING, LANGUAGE, "", {"does": does}, examples)


def _finds(text: str, published: str, **candidate: Any) -> tuple[str, dict]:
    """An example: the extractor, on text published that day (with the dev set's world, and
    `world`'s parties too when given), proposes a candidate with these fields (kind, date,
    cases, evidence; count of that kind)."""
    return (text, {"published": published, **candidate})


READING_RULES: list[Rule] = [
    _reading(
        "reading-dated-restatement",
        "a detention told vaguely first ('who was arrested last year') and dated more finely "
        "further down in a sentence that tells it as its first event: that sentence is the entry",
        _finds(
            "Paul Whelan, who was arrested in Moscow last year, was moved to a penal colony on "
            "Monday.\n\nWhelan was detained at a Moscow hotel on December 28, 2018, while "
            "attending a wedding.",
            "2019-08-28",
            kind="detention",
            date="2018-12-28",
            evidence="Whelan was detained at a Moscow hotel on December 28, 2018, while "
            "attending a wedding.",
        ),
    ),
    _reading(
        "reading-accused-party",
        "a party that 'accused' another party ('accused Moscow of using her as a pawn') makes a "
        "statement; one that 'accused' the detainee ('accused her of smuggling') tells the "
        "charge, not a statement",
        _finds(
            "Lavrov accused Griner of smuggling drugs.\n\nThe State Department on Tuesday "
            "accused Moscow of using Brittney Griner as a pawn.",
            "2022-07-28",
            kind="statement",
            date="2022-07-26",
            cases=["griner"],
            count=1,
        ),
    ),
    _reading(
        "reading-stance-on-event",
        "a named speaker's words of stance ('deeply concerned', 'welcomed', 'condemned') on an "
        "event the story has told, the event after them, are a statement of theirs beside the "
        "event, undated the story's news, not the event told again; so is their quote of stance "
        "after an event of another day they told",
        _finds(
            "Whelan was arrested in Moscow on Monday.\n\nThe State Department said it was "
            "deeply concerned that Whelan had been arrested.",
            "2018-12-31",
            kind="statement",
            date="2018-12-31",
            cases=["whelan"],
        ),
        _finds(
            "Trevor Reed, who was sentenced in July 2020, arrived home on Wednesday after being "
            "released, Secretary Blinken said.\n\n“His return will be warmly welcomed by all "
            "Americans,” he said.",
            "2022-04-27",
            kind="statement",
            date="2022-04-27",
            cases=["reed"],
        ),
    ),
    _reading(
        "reading-family-visit",
        "the detainee meeting or talking with the family ('Whelan met his sister', 'Reed's "
        "mother spoke with her son by phone'): the sentence opens with the detainee or the "
        "detainee's relative, and the contact with home is custody, not advocacy",
        _finds(
            "Paul Whelan, who is held in a labour camp, met his sister in the prison on Monday.",
            "2022-07-28",
            kind="custody",
            date="2022-07-25",
            cases=["whelan"],
        ),
        _finds(
            "Trevor Reed's father spoke with his son by telephone on Tuesday.",
            "2022-07-28",
            kind="custody",
            date="2022-07-26",
            cases=["reed"],
        ),
    ),
    _reading(
        "reading-released-into-restrictions",
        "a release from prison into house arrest, bail or a monitoring bracelet told in the "
        "same sentence is a change of custody, not freedom",
        _finds(
            "Russia released Whelan from prison on Monday and placed him under house arrest.",
            "2022-07-28",
            kind="custody",
            date="2022-07-25",
        ),
    ),
    _reading(
        "reading-dated-step",
        "events told in sequence ('arrested in May and later charged'): the date names the step "
        "it sits in, so that step's event is the development's kind, not the gravest one told",
        _finds(
            "Whelan was arrested in Moscow in December 2018 and later charged with spying.",
            "2022-07-28",
            kind="detention",
            date="2018-12-01",
        ),
    ),
    _reading(
        "reading-printed-statement",
        "a statement printed in quotation marks after 'the following statement:' is the "
        "issuer's own words, its events the day's news",
        _finds(
            "Secretary Blinken released the following statement:\n\n"
            "“I am relieved that Brittney Griner has been released and is on her way home.”",
            "2022-12-08",
            kind="release",
            date="2022-12-08",
        ),
        _finds(
            "Secretary Blinken issued the following statement after the verdict.\n\n"
            "“Russian authorities arrested Brittney Griner in February and charged her.”",
            "2022-08-04",
            kind="detention",
            date="2022-02-01",
        ),
    ),
    _reading(
        "reading-own-performative",
        "a speaker's own saying in the first person ('I would say that', 'let me remind you "
        "that') is their word of the day, not someone reported saying it, even when it retells "
        "what others have said; one that names an undated event as its topic ('a few words "
        "about the verdict') tells that event as the day's news",
        _finds(
            "QUESTION: Is there any news on Paul Whelan?\n\nMR PRICE: I would say that we "
            "have made the case of Paul Whelan a priority.",
            "2022-06-14",
            kind="statement",
            cases=["whelan"],
        ),
        _finds(
            "Today the envoy visited the colony.\n\nLet me remind you that Russia has "
            "repeatedly said Paul Whelan was a spy, yet it has shown no evidence.",
            "2020-09-22",
            kind="statement",
            cases=["whelan"],
            date="2020-09-22",
        ),
        _finds(
            "MS. JEAN-PIERRE:  Good afternoon.\n\nI want to say a few words about the verdict "
            "for Brittney Griner.",
            "2022-08-04",
            kind="court",
            cases=["griner"],
            date="2022-08-04",
        ),
    ),
    _reading(
        "reading-one-statement-per-speaker",
        "a speaker's sentences on one day, however far apart, are one statement (unless each "
        "moves the bargaining on)",
        _finds(
            "Lavrov said on Tuesday that Griner was being treated well.\n\n"
            "Her trial continues.\n\nLavrov also said Griner had not complained.",
            "2022-07-28",
            kind="statement",
            evidence="Lavrov said on Tuesday that Griner was being treated well.",
            count=1,
        ),
    ),
    _reading(
        "reading-official-speaks-for-government",
        "a minister or spokesman whose title names a government's country ('Russian Foreign "
        "Minister') speaks for that government: their words and the government's that day "
        "are one statement (two officials' words stay two)",
        _finds(
            "Russia said on Tuesday that Griner was being treated well.\n\nHer trial "
            "continues in Khimki.\n\nForeign Minister Sergei Lavrov said on Tuesday that "
            "Griner had not complained.",
            "2022-07-28",
            kind="statement",
            evidence="Russia said on Tuesday that Griner was being treated well.",
            count=1,
        ),
    ),
    _reading(
        "reading-unnamed-source-detail",
        "an undated detail from a source the tracker does not know (a judge, prosecutors, "
        "'it said') is not a statement unless it tells an event",
        _finds(
            "Whelan was sentenced to 16 years on Monday.\n\nThe judge said the time Whelan "
            "spent in pre-trial detention would count toward the term.",
            "2020-06-15",
            kind="statement",
            count=0,
        ),
    ),
    _reading(
        "reading-role-never-named",
        "a source the story calls only by its role ('the official said'), with no one named in "
        "that role, is an unnamed source: its undated detail is not a statement",
        _finds(
            "Whelan was sentenced to 16 years on Monday.\n\nAn embassy official, speaking on "
            "condition of anonymity, said the hearing had been closed to the press. The official "
            "said Whelan had been moved to a cell with three other inmates.",
            "2020-06-15",
            kind="statement",
            count=0,
        ),
    ),
    _reading(
        "reading-quote-retells",
        "a release or a call in a speaker's quoted words that the sentence tells as no event of "
        "its own does not move the bargaining on: it is more of that speaker's statement that day",
        _finds(
            "Secretary Blinken said on Thursday that Whelan was safe and on a plane home.\n\n"
            "Whelan was arrested in Moscow in December 2018.\n\n"
            '"Moments ago I spoke to Paul Whelan. He is safe. He is on his way home," Blinken '
            "wrote.",
            "2022-12-08",
            kind="statement",
            count=1,
        ),
    ),
    _reading(
        "reading-state-media-detail",
        "an undated detail from a state news agency about an event the story has told, named "
        "again only as a topic ('reported from the courtroom'), is not a statement",
        _finds(
            "Whelan was sentenced to 16 years on Monday.\n\nRussia's state news agency "
            "reported from the court that the judge read the verdict for an hour.",
            "2020-06-15",
            kind="statement",
            count=0,
        ),
    ),
    _reading(
        "reading-state-media-after-event",
        "a state news agency's undated detail after the story has told its events is not a "
        "statement, whether the agency is named after 'according to' ('the court said, "
        "according to Russia's state-run news agency') or is a news outlet the world knows by "
        "name ('..., Xinhua reported') and tells no event",
        _finds(
            'Paul Whelan was sentenced to 16 years on Monday.\n\n"The sentence enters into '
            "force in ten days,\" the court said, according to Russia's state-run news agency.",
            "2020-06-15",
            kind="statement",
            count=0,
        ),
    ),
    _reading(
        "reading-event-restated-by-speaker",
        "a speaker's undated words that day, unquoted or quoting only a phrase, after the "
        "sentence in which they told an event ('Lavrov said she had been moved') are part of "
        "that development, not a statement of their own",
        _finds(
            "Lavrov said on Tuesday that Griner had been moved to a penal colony.\n\n"
            "Her trial ended last week.\n\nLavrov also said the colony was far from Moscow.",
            "2022-07-28",
            kind="statement",
            count=0,
        ),
        _finds(
            "Lavrov said on Tuesday that Griner had been moved to a penal colony.\n\n"
            'Her trial ended last week.\n\nLavrov said the colony was "a fair place" for '
            "her.",
            "2022-07-28",
            kind="statement",
            count=0,
        ),
    ),
    _reading(
        "reading-quote-goes-on",
        "a quote that opens its sentence ('“...,” he said') right after the speaker's words "
        "folded into the event they told goes on with those words, not with the last entry",
        _finds(
            "Lavrov said on Tuesday that Griner had been moved to a penal colony.\n\n"
            'Her trial ended last week.\n\nLavrov said the colony was "a fair place" for '
            'her.\n\n"She will be treated like any other inmate," he said.',
            "2022-07-28",
            kind="statement",
            count=0,
        ),
    ),
    _reading(
        "reading-added-goes-on",
        "a sentence whose speaker 'added' something ('The official added that ...', 'she "
        "added', 'The statement added:') goes on with what the sentences just before told, "
        "not a new entry, unless it names another case or dates what it tells",
        _finds(
            "Brittney Griner was moved to a penal colony on Tuesday, a Russian official "
            "said.\n\nThe official added that prosecutors had charged her with smuggling.",
            "2022-07-28",
            kind="charge",
            count=0,
        ),
    ),
    _reading(
        "reading-negotiation-named-only",
        "a speaker's later sentence that names a release only as the goal sought ('we work "
        "to secure her release', 'we call for his release') does not move the bargaining on: "
        "one statement",
        _finds(
            "Lavrov said on Tuesday that Griner was being treated well.\n\n"
            "Her trial continues.\n\nLavrov also said Moscow would not be pushed to "
            "secure her release.",
            "2022-07-28",
            kind="statement",
            evidence="Lavrov said on Tuesday that Griner was being treated well.",
            count=1,
        ),
    ),
    _reading(
        "reading-unnamed-lead",
        "a lead that holds the detainee's name back ('An American basketball star has been "
        "sentenced') is about the one the next sentence names",
        _finds(
            "An American basketball star has been sentenced to nine years in prison.\n\n"
            "Brittney Griner, 31, had pleaded guilty.",
            "2022-08-04",
            kind="court",
            cases=["griner"],
        ),
    ),
    _reading(
        "reading-whole-answer",
        "a briefer's answer (or a paragraph of a government's own statement, signed or not) "
        "is one statement, cited to the end of the speaker's paragraph",
        _finds(
            "QUESTION: On Brittney Griner?\n\nMR PRICE: We have been clear. Brittney Griner "
            "should not be detained. We are working to bring her home.",
            "2022-06-14",
            kind="statement",
            evidence="MR PRICE: We have been clear. Brittney Griner should not be detained. "
            "We are working to bring her home.",
        ),
        # An unsigned statement in the first person: the issuer's words, whoever signs them.
        _finds(
            "Today we welcome home Trevor Reed.\n\nWe urge Russia to release Paul Whelan as "
            "well. His family has waited long enough.",
            "2022-04-27",
            kind="statement",
            evidence="We urge Russia to release Paul Whelan as well. His family has waited long "
            "enough.",
        ),
    ),
    _reading(
        "reading-anchor-on-stated-words",
        "a speaker's statement that opens on their effort on the case ('we have been closely "
        "engaged in her case', 'I talked about his detention years ago') is anchored on the "
        "speaker's next sentence, where what they say that day begins",
        _finds(
            "QUESTION: Any news on Paul Whelan?\n\nMR PRICE: Our team has long been engaged "
            "on the case of Paul Whelan. We see no credible evidence against Paul Whelan.",
            "2022-06-14",
            kind="statement",
            evidence="We see no credible evidence against Paul Whelan.",
        ),
    ),
    _reading(
        "reading-transcript-turns",
        "a transcript a page printed as one line is split back into its turns: its time stamp "
        "('1:30 p.m. EDT') is furniture, and each speaker label ('QUESTION:', 'MR PRICE:') "
        "opens a paragraph of its own, so an answer is its speaker's and a question is asked",
        _finds(
            "1:30 p.m. EDT MR PRICE: Good afternoon. We have been clear that Brittney Griner "
            "should not be detained. QUESTION: On Paul Whelan? MR PRICE: We are working to "
            "bring him home.",
            "2022-06-14",
            kind="statement",
            cases=["griner"],
            evidence="We have been clear that Brittney Griner should not be detained.",
        ),
    ),
    _reading(
        "reading-cut-off-paragraph",
        "an excerpt of a page cut in the middle of its last sentence ends on a line without "
        "final punctuation; right after the body and written as a sentence, that line is the "
        "body's cut-off sentence and is read, not set aside as a heading",
        _finds(
            "Supporters gathered outside the embassy on Monday.\n\nPaul Whelan was sentenced "
            "to 16 years in a penal colony on Monday, his lawyer told reporters outside the",
            "2020-06-15",
            kind="court",
            cases=["whelan"],
            evidence="Paul Whelan was sentenced to 16 years in a penal colony on Monday, his "
            "lawyer told reporters outside the",
        ),
    ),
    _reading(
        "reading-wrapped-lines",
        "a hard-wrapped text (a wire story, a Congressional Record page broken every ~70 "
        "characters) runs a sentence over several lines: a line without final punctuation goes "
        "on into the next when that one opens in lower case, when it stops on a word no sentence "
        "ends on ('the', 'of'), or, in a text wrapped that way throughout, when it is as long as "
        "its wrapped lines; headings, bullets, speaker labels and indented paragraphs stay apart",
        _finds(
            "Paul Whelan was sentenced to 16 years in a penal colony by a\ncourt in Moscow on "
            "Monday, his lawyer told reporters after\nthe hearing, which was closed to the "
            "press.\nHis family said they were\nappalled by the verdict.",
            "2020-06-15",
            kind="court",
            cases=["whelan"],
            evidence="Paul Whelan was sentenced to 16 years in a penal colony by a\ncourt in "
            "Moscow on Monday, his lawyer told reporters after\nthe hearing, which was closed to "
            "the press.",
        ),
    ),
    _reading(
        "reading-reaction-to-event",
        "a party's reaction told in the main clause ('condemned', 'has expressed concern after') "
        "to an event told after it is a statement of its own beside the event; undated, it is "
        "the story's news",
        _finds(
            "The Biden administration condemned the nine-year sentence handed down by a Russian "
            "court to Brittney Griner on Thursday.",
            "2022-08-05",
            kind="statement",
            cases=["griner"],
        ),
    ),
    _reading(
        "reading-scoop-of-the-days-news",
        "an outlet that 'first reported' the event the story tells as its day's news reported "
        "it that day: a report of its own, dated the news day, not the day before",
        _finds(
            "Brittney Griner was released on Thursday in a prisoner swap for Viktor Bout.\n\n"
            "CNN first reported her release.",
            "2022-12-08",
            kind="report",
            date="2022-12-08",
            evidence="CNN first reported her release.",
        ),
    ),
    _reading(
        "reading-trailing-source",
        "an outlet named at the end of a sentence, after the facts it told and with no date of "
        "its own ('..., CNN reported.'), is where the story got them, not a report of its own: "
        "an event the sentence dates still stands",
        _finds(
            "Whelan was moved to a penal colony on Monday.\n\nWhelan shares a barrack with "
            "other foreign prisoners and works in a sewing shop, CNN reported.",
            "2020-08-28",
            kind="report",
            count=0,
        ),
    ),
    _reading(
        "reading-reaction-after-the-latest-news",
        "a story dated the day after its lead's news that goes on, past its lead, to news of "
        "its own day ('returned home on Friday morning') is told from that day: its undated "
        "reactions follow that latest news and are of that day, not of the lead's",
        _finds(
            "Brittney Griner was freed on Thursday in an exchange for Viktor Bout.\n\n"
            "The swap took place at the airport in Abu Dhabi.\n\nBout was flown to Moscow.\n\n"
            "Griner returned home to Texas on Friday morning.\n\n"
            "Her wife Cherelle Griner said she was overjoyed to have Brittney home.",
            "2022-12-09",
            kind="statement",
            date="2022-12-09",
        ),
    ),
    _reading(
        "reading-background-beside-statement",
        "a dated event told in a relative clause ('the family of X, who has been held since "
        "March, said ...') is background to what is said, so the undated statement stays a "
        "development of its own beside it",
        _finds(
            "A lawyer for Paul Whelan told reporters he would appeal the verdict, which counted "
            "the fact that Whelan has been held since December 28, 2018.",
            "2022-07-28",
            kind="statement",
            date="2022-07-28",
        ),
    ),
    _reading(
        "reading-also-then",
        "an undated event told as 'also' ('was also convicted') happened when the story's "
        "last event of that kind did",
        _finds(
            "Brittney Griner was sentenced to nine years on Thursday.\n\n"
            "Her lawyers said they would appeal.\n\nThe court sits in Khimki.\n\n"
            "Paul Whelan, a former Marine held since 2018, was also sentenced.",
            "2022-08-06",
            kind="court",
            date="2022-08-04",
            cases=["whelan"],
        ),
    ),
    _reading(
        "reading-scene-date",
        "a sentence that opens on a date and tells no development itself ('In 2019, she flew "
        "to Tehran for a conference.') sets a scene: the next sentence of the paragraph, with no "
        "date of its own, tells its arrest, charge, trial, move or release on that date",
        _finds(
            "In March 2021, the engineer flew to Tehran for a conference.  At the airport, "
            "security agents arrested Paul Whelan.",
            "2022-07-28",
            kind="detention",
            date="2021-03-01",
            cases=["whelan"],
        ),
        _finds(
            "Paul Whelan was sentenced to 16 years on Monday. His family said they would "
            "appeal. The court sits in Moscow.\n\nOn December 20, 2018, Whelan went to a "
            "wedding at a Moscow hotel. Security officers charged him with spying.",
            "2022-07-28",
            kind="charge",
            date="2018-12-20",
            cases=["whelan"],
        ),
    ),
    _reading(
        "reading-clause-cases",
        "an arrest, charge, ruling or move goes to the detainee of its own clause when a "
        "sentence tells several people's",
        _finds(
            "Griner was arrested in February, Whelan was arrested in December 2018 and both "
            "remain in prison.",
            "2022-07-28",
            kind="detention",
            date="2018-12-01",
            cases=["whelan"],
        ),
    ),
    _reading(
        "reading-question-news",
        "a reporter's question can tell the day's news (a dated event of a case it names), "
        "never the reporter's view",
        _finds(
            "QUESTION: On Russia today, that the court sentenced Brittney Griner to nine years "
            "- what is your response?\n\nMR PRICE: We have been clear.",
            "2022-08-04",
            kind="court",
            date="2022-08-04",
        ),
    ),
    _reading(
        "reading-answer-to-question",
        "the first sentence of an answer that says something is about the cases the "
        "question asked about",
        _finds(
            "Q    What is your message to Russia, which is holding Brittney Griner?\n\n"
            "THE PRESIDENT:  Sure.  Let her go.",
            "2022-07-01",
            kind="statement",
            cases=["griner"],
            evidence="Let her go.",
        ),
    ),
    _reading(
        "reading-follow-up-question",
        "a reporter's follow-up that names no one but points back ('his case', 'the deal'), "
        "or the question asked again after the answer asked what it was, is about the case "
        "of the last exchange; the answer to a question left unanswered is a statement of its "
        "own, not more of the speaker's earlier words",
        _finds(
            "Q    Is there news on Paul Whelan?\n\nTHE PRESIDENT:  We are working on it.\n\n"
            "Q    Will you shut Russian consulates now that Moscow has jailed Paul Whelan?\n\n"
            "THE PRESIDENT:  Shut what?\n\nQ    Will you shut the Russian consulates?\n\n"
            "THE PRESIDENT:  Not at this point.",
            "2022-07-01",
            kind="statement",
            cases=["whelan"],
            evidence="THE PRESIDENT:  Not at this point.",
        ),
    ),
    _reading(
        "reading-their-release",
        "a sentence naming nobody that speaks of 'their release' (their return, their "
        "freedom) is about the detainees just named together",
        _finds(
            "Today marks a year since Brittney Griner and Paul Whelan were last seen by their "
            "families.\n\nOfficials were turned away at the prison gate.\n\nWe continue to "
            "seek their unconditional release.",
            "2022-07-28",
            kind="statement",
            cases=["griner", "whelan"],
        ),
    ),
    _reading(
        "reading-lead-news",
        "a news story's lead can tell its news without a date: its main event, dated to the "
        "story's news day",
        _finds(
            "Brittney Griner is on her way home.\n\nShe was freed in an exchange.",
            "2022-12-08",
            kind="release",
            date="2022-12-08",
        ),
    ),
    _reading(
        "reading-what-the-news-follows",
        "what a lead says its news comes after ('Her release comes after two years of "
        "detention', 'came amid ...') is the news's background, not news of the day",
        _finds(
            "Brittney Griner's release comes after two other Americans were kidnapped.",
            "2022-12-08",
            kind="detention",
            count=0,
        ),
    ),
    _reading(
        "reading-relative-describes",
        "an undated event told in a relative clause after a speaker's words ('identified him "
        "as X, who was detained under the last government') describes the person: it is not "
        "what the speaker told",
        _finds(
            "Secretary of State Antony Blinken identified the American as Paul Whelan, who was "
            "detained under the previous government.",
            "2022-07-28",
            kind="detention",
            count=0,
        ),
    ),
    _reading(
        "reading-counted-back-detention",
        "a detention dated by a round count back from the story ('who disappeared seven "
        "months ago') and one the story dates by the calendar that the count could mean "
        "('was detained in June') are one detention: the calendar's sentence is the entry",
        _finds(
            "Paul Whelan, who disappeared eight months ago, was moved on Monday.\n\nWhelan "
            "was detained in Moscow in June 2021.",
            "2022-01-20",
            kind="detention",
            count=1,
            date="2021-06-01",
        ),
    ),
    _reading(
        "reading-standfirst-restated",
        "under a headline, a one-sentence paragraph that the next paragraph's first sentence "
        "mostly repeats is a standfirst: the story, and its first telling of the news, starts "
        "after it",
        _finds(
            "Basketball star sentenced\n\nA Russian court sentenced basketball star Brittney "
            "Griner to nine years for smuggling cannabis.\n\nBasketball star Brittney Griner "
            "has been sentenced to nine years in a Russian prison for smuggling cannabis oil.",
            "2022-08-04",
            kind="court",
            evidence="Basketball star Brittney Griner has been sentenced to nine years in a "
            "Russian prison for smuggling cannabis oil.",
        ),
    ),
    _reading(
        "reading-furniture-before-dateline",
        "the lines a page prints above a wire story's dateline ('BEIJING —', 'WASHINGTON (AP) "
        "—') are furniture: the story, and its first telling of the news, starts at the dateline",
        _finds(
            "Basketball star sentenced\n\nBrittney Griner was sentenced on Thursday, her team "
            "said.\n\nKHIMKI (AP) — A Russian court sentenced Brittney Griner to nine years on "
            "Thursday.",
            "2022-08-04",
            kind="court",
            evidence="KHIMKI (AP) — A Russian court sentenced Brittney Griner to nine years on "
            "Thursday.",
        ),
    ),
    _reading(
        "reading-confirmed-event",
        "a party that confirms or announces, as the verb's object, an event the story has "
        "told that day ('the ministry confirmed the swap') is the event's source, not a "
        "statement of its own; a day it gives dates an event told only by its month",
        _finds(
            "Paul Whelan has been freed in a prisoner swap.\n\nThe Kremlin confirmed the "
            "swap and said the handover had gone smoothly.",
            "2022-12-08",
            kind="statement",
            count=0,
        ),
        _finds(
            "Paul Whelan, detained in Moscow in 2018, was freed this month.\n\nThe State "
            "Department confirmed the release on Thursday.",
            "2022-12-09",
            kind="release",
            date="2022-12-08",
        ),
    ),
    _reading(
        "reading-journey-of-the-release",
        "the journey of someone the story has told freed that day ('officials said X arrived "
        "late Friday at the ambassador's home', 'the two boarded a plane with the envoy'), "
        "told of a person the sentence names and not as the time of something else, is part "
        "of the release (or of the ruling that freed them), not a statement of its own",
        _finds(
            "Paul Whelan was freed on Thursday in a prisoner swap.\n\nOfficials said Whelan "
            "arrived late Thursday at an air base outside Washington.",
            "2022-12-09",
            kind="statement",
            count=0,
        ),
        _finds(
            "A court commuted the sentence of Brittney Griner on Thursday.\n\nThe minister "
            "said Griner boarded a plane with the envoy on Thursday evening.",
            "2022-12-09",
            kind="statement",
            count=0,
        ),
    ),
    _reading(
        "reading-contact-before-release",
        "a contact between governments that a release came straight after ('freed on Thursday "
        "following direct talks between the envoy and the ministers') is a development of its "
        "own, on the release's day",
        _finds(
            "Paul Whelan was freed on Thursday following direct talks between Blinken and "
            "Lavrov in Geneva.",
            "2022-12-09",
            kind="contact",
            date="2022-12-08",
        ),
    ),
    _reading(
        "reading-organisation-statement",
        "a rights group's, an employer's or a newsroom's plain saying ('Reporters Without "
        "Borders said in a statement') is its statement; a relative's words, a group's calls "
        "and findings ('urged', 'concluded') and any campaign or protest stay advocacy",
        _finds(
            "Reporters Without Borders said in a statement on Saturday that the sentence "
            "handed to Paul Whelan was a travesty of justice.",
            "2022-07-30",
            kind="statement",
            date="2022-07-30",
            world={
                "parties": [
                    {
                        "slug": "rsf",
                        "name": "Reporters Without Borders",
                        "kind": "organization",
                        "aliases": ["RSF"],
                    }
                ]
            },
        ),
    ),
    _reading(
        "reading-date-of-the-verb-before",
        "a date written straight after one event's verb ('was freed March 20 after being "
        "kidnapped ... in October 2016') is that event's: a later event in the sentence takes "
        "its own date when it has one",
        _finds(
            "Paul Whelan, 52, was freed March 20 after being kidnapped from his home in Abalak, "
            "Niger, in October 2016.",
            "2023-03-21",
            kind="detention",
            date="2016-10-01",
        ),
        _finds(
            "Paul Whelan imprisoned in Russia since May was released and deported on Monday, "
            "a day before his hearing.",
            "2021-11-15",
            kind="release",
            date="2021-11-15",
        ),
    ),
    _reading(
        "reading-interval-reference",
        "an interval counted on from an event told before ('held more than 8 months after "
        "his arrest') dates what goes on then, not the event it counts from",
        _finds(
            "Paul Whelan was charged with espionage in Moscow on December 28, 2018. He "
            "continues to be held there more than 8 months after his arrest.",
            "2019-10-22",
            kind="detention",
            count=0,
        ),
    ),
    _reading(
        "reading-release-briefed",
        "a release named as the topic of a government briefing ('joining this call on the "
        "release of X', 'the news yesterday on the release of X') is the release the briefer "
        "tells: the sentence that tells it is the entry, and the day given for the news dates "
        "a release told undated",
        _finds(
            "MODERATOR: Thank you for joining our press call this morning on the release of "
            "Paul Whelan.\n\nSENIOR ADMINISTRATION OFFICIAL: Paul Whelan is now a free man.",
            "2022-12-08",
            kind="release",
            evidence="SENIOR ADMINISTRATION OFFICIAL: Paul Whelan is now a free man.",
        ),
    ),
]
