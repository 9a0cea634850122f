"""English: the extractor's vocabulary, each list written once.

Word lists are plain data; the regular-expression fragments below are built from them or are
patterns over a few words that only make sense together ("wants to", "has been"). The rules that
use them (kind triggers, date patterns) are in en_rules.py.
"""

from __future__ import annotations

LANGUAGE = "en"


def alternation(*phrases: str) -> str:
    """A non-capturing group of alternatives, tried in the order given."""
    return "(?:" + "|".join(phrases) + ")"


# --- calendar ----------------------------------------------------------------------------

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# Abbreviations as news copy writes them ("May" has none).
MONTH_ABBREVIATIONS = (
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
# A month written either way starts with its first three letters.
MONTH_BY_PREFIX = {name[:3].lower(): number for number, name in enumerate(MONTHS, 1)}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "few": 3, "several": 3, "some": 3, "many": 6,
}  # fmt: skip
# "a week ago", "two weeks ago" are precise to the day; "several weeks ago" is not.
PRECISE_WEEK_COUNTS = frozenset({"a", "one", "two"})

# A name that is also a month ("May", "June", "April") is the month where a date is written:
# "jailed in May", "since June", "May 5", "April 2019".
MONTH_NAME_DATED_BEFORE = (
    r"(?i:\b(?:in|since|of|last|early|late|mid|until|till|by|from|through|between|this|next"
    r"|each|every|before|after|during)[\s-]+$)"
)
MONTH_NAME_DATED_AFTER = r"\s*,?\s+\d"

# "in April and May 2017", "from December to February 2020": a month paired with a later one
# that names the year shares it (the year before, when the first month comes later in the year).
MONTH_PAIR_AFTER = (
    r"\s+(?:and|or|to|through|until|till|[-–])\s+(?:(?i:early|late|mid)[\s-]+)?"
    r"(?P<month>[A-Z][a-z]+)\s*,?\s+(?P<year>\d{4})\b"
)

# "over the January 27 shooting", "since the Feb. 17 arrest": a date between a determiner and
# a noun names that noun's day, not the day of an event told before it.
# ("hours after the April 25 deadline" still dates what happened then).
ATTRIBUTIVE_DATE_BEFORE = r"(?:(?<!\bafter )(?<!\bbefore )\b(?:the|his|her|their|its)|['’]s)\s+$"
ATTRIBUTIVE_DATE_AFTER = (
    r"\s+(?!(?:of|and|or|to|in|on|at|by|for|from|with|when|while|as|that|which|who|was|were"
    r"|is|are|had|has|have|will|would|he|she|they|it|we)\b)[a-z][a-z-]+\b"
)

# Copy that drops the point ("Sept 10", "6 Jan 2021") is read only before a number, where the
# abbreviation cannot be a name ("Jan Novak", "Jun Kim").
MONTH = alternation(
    *MONTHS,
    *(abbreviation.replace(".", r"\.") for abbreviation in MONTH_ABBREVIATIONS),
    *(abbreviation.rstrip(".") + r"(?=\s+\d)" for abbreviation in MONTH_ABBREVIATIONS),
)
WEEKDAY = alternation(*WEEKDAYS)
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
ORDINAL = alternation(*sorted(ORDINALS, key=len, reverse=True), r"\d+(?:st|nd|rd|th)")
# Longest first, so that "a few" is tried before "a".
COUNT = alternation(*sorted(NUMBER_WORDS, key=len, reverse=True), r"\d+")
UNIT = r"(?:days?|weeks?|months?|years?)"
# "marks a decade since": ten years, to the day.
DECADE = r"(?:decades?)"
# The units of time the date rules name, as the resolvers know them.
UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "weekend": "weekend",
    "month": "month", "months": "month", "year": "year", "years": "year",
    "decade": "decade", "decades": "decade",
}  # fmt: skip
# Units told as so many years ("a decade": ten).
YEARS_IN_UNIT = {"year": 1, "decade": 10}
YEAR = r"(?:19|20)\d\d"
# "Griner's August conviction", "his 2022 disappearance": a month or year before the noun of an
# event, after a possessive or "the", dates that event (the "2015 nuclear deal" is no event).
EVENT_NOUN_OWNER = r"(?:(?<=\bhis )|(?<=\bher )|(?<=\btheir )|(?<=\bthe )|(?<='s )|(?<=’s ))"
EVENT_NOUN = alternation(
    "arrest", "detention", "detainment", "abduction", "kidnapping", "disappearance", "capture",
    "imprisonment", "conviction", "sentencing", "trial", "verdict", "indictment", "release",
)  # fmt: skip
# "on", "since" ... before a date: read as part of it ("until May 19" is a deadline ahead).
DATE_PREPOSITION = r"(?:(?i:on|since|until(?:\s+at\s+least)?|by|from|before|after|as of)\s+)?"
UNTIL = r"(?i:until|till|through)\b"
# "over the last two years", "for the past week": how long, not when.
DURATION_BEFORE = r"(?i:\b(?:over|for|throughout|during|in|within)\s+(?:the\s+)?)$"
# "His sentencing came a month after X was sentenced", "The arrest happened a week after Y": the
# subject is the event just told, and the clause after "after" happened that long before it.
CAME_BEFORE = (
    r"(?i:\b(?:came|comes|come|happened|happens|took\s+place|takes\s+place|occurred|occurs)"
    r"(?:\s+(?:just|only|about|some|roughly|nearly|almost|barely|less\s+than|more\s+than))?\s+)$"
)
# Being held, as a state that began at some time: "has been jailed", "in custody", "held hostage".
HELD_STATE = alternation(
    "held", "detained", "jailed", "imprisoned", "locked up", "behind bars",
    r"in (?:[A-Z][a-z]+ )?(?:custody|prison|jail|detention|captivity)",
)  # fmt: skip
HELD_AS = alternation("hostage", "captive", "prisoner", "incommunicado", "unjustly", "wrongfully")
# Where or by whom: "in Iran", "by the Taliban in Afghanistan" (one or two such phrases).
HELD_WHERE = r"(?:\s+(?:in|by|at)\s+(?:the\s+)?[\w'’.-]+(?:\s+[A-Z][\w'’.-]*)?){0,2}"
# "for nearly two years", "more than six years": how long, roughly.
ABOUT = r"(?:(?i:nearly|almost|more than|over|about|some|around|roughly|at least|close to)\s+)?"
# "nearly two years after", "some 15 months after": a count told only roughly.
HEDGED_BEFORE = (
    r"(?i:\b(?:nearly|almost|more than|over|about|some|around|roughly|at least|close to"
    r"|less than|fewer than|just under|just over|merely|barely)\s+)$"
)
# "two years as a hostage", "six months in captivity": a time spent held.
HELD_TIME = alternation(
    r"as an? (?:hostage|prisoner|captive)",
    r"in (?:an? |the )?(?:captivity|custody|prison|jail|detention)",
    "behind bars",
)
SPENT = r"(?i:after|spent|spending|for)"
# "3½ years", "two and a half years", "a year and a half"
HALF = r"(?:½|\s+and\s+a\s+half)"
# --- clauses (clauses.py): what a date or an event inside a subordinate clause belongs to ---
# "X, who was detained on February 17, was released", "An American who has been held since
# October was sentenced Friday": the relative clause's own event and date.
# ", where he had been held since July": a place's relative clause, after a comma.
RELATIVE_PRONOUNS = r"\b(?:who|whom|whose|which)\b|(?<=, )where\b"
# A relative clause without commas ends where the main clause's verb begins: a finite
# auxiliary after the clause's own words ("... since October | was sentenced").
FINITE_AUXILIARIES = frozenset(
    ["has", "have", "had", "is", "are", "was", "were", "will", "would", "remains", "remain"]
)
# ... unless the auxiliary is the verb of a subject inside the clause ("who said he was").
CLAUSE_SUBJECTS = frozenset(["he", "she", "it", "they", "we", "i", "you", "that", "there"])
# "who has been held since March | said they want": a speech verb after the clause's own verb is
# the main clause's, like an auxiliary; but after "that" or a conjunction that opens a clause
# of its own, the next verb is that clause's ("which took into account the fact that Hubbard
# has been held since April", "which was delayed on Monday when the court said"). Not "since",
# "after", "before" or "as": "who has been held since March said" ends the clause there.
CLAUSE_ENDING_SPEECH = frozenset(["said", "says", "told", "tells"])
COMPLEMENTIZERS = frozenset(["that", "when", "while", "because", "whether", "where", "if"])
# ... when a subject follows it: a name, a pronoun or a determiner ("when the court said"), not
# a participle or a preposition ("while traveling", "while on holiday").
SUBJECT_OPENERS = CLAUSE_SUBJECTS | frozenset(
    ["the", "a", "an", "his", "her", "their", "its", "our", "this", "these", "those"]
)
# "Woodke, kidnapped in October 2016 in Niger, was also released": a participle after a comma
# and before a preposition describes the person just named (a reduced relative clause).
IRREGULAR_PARTICIPLES = frozenset(
    ["held", "taken", "caught", "shot", "seized", "hit", "sent", "brought", "kept", "found"]
)
PREPOSITIONS_AFTER_PARTICIPLE = frozenset(
    ["in", "on", "at", "by", "since", "from", "during", "near", "last", "earlier", "while"]
)
# "after being detained in mid-December", "since having been moved": an earlier event told
# in passing, with its own date.
PARTICIPIAL_CLAUSE = (
    r"(?i:\b(?:after|before|since|upon|following)\s+(?:being|having\s+been|having)\b)"
)
# "Kurmasheva was arrested this year, Kara-Murza was arrested in 2022 and Whelan had been held
# ...": coordinated clauses, each opening with its own subject (a capitalised name).
COORDINATION = r";|,\s+(?:and\s+)?(?=[A-Z])|\s+and\s+(?=[A-Z])"
# "had pressed hard": the past perfect, told as background to the news.
PAST_PERFECT_BEFORE = r"(?i:\bhad\s+(?:been\s+)?(?:\w+ly\s+)?$)"
# "Her release comes after two years of detention", "The verdict came amid ...": what the news
# follows on, told after it as its background.
COMES_AFTER = (
    r"(?i:\b(?:comes|came|come|coming)\s+(?:just\s+|only\s+|shortly\s+)?(?:after|amid|following)\b)"
)
# "travelled to Moscow": contact when an official travels, a trip when anyone else does.
TRAVEL = r"(?i:travell?ed\b|visited\b|made an? (?:\w+ )?visit\b)"
# A relative clause about people ("who was detained"), not things ("which CNN reported").
PERSONAL_RELATIVE = r"(?i:who|whom|whose)\b"
PLURAL_RELATIVE = r"(?i:who\s+(?:were|are|have|had\s+both|both))\b"
# What joins the names of a list: "A, B and C", "A and B".
# "Baquer and Siamak Namazi": two first names before the surname they share.
AND_BETWEEN_NAMES = r"\s+and\s+"
NAME_LIST_GLUE = r",\s*|\s+and\s+|,\s+and\s+"
# Where a clause ends at the latest: punctuation, and for a participial clause, the next
# conjunction too ("after being detained in May | while covering the war").
CLAUSE_BREAK = r"[,;:()\[\]—–]|\s-\s"
CONJUNCTION_BREAK = r"\b(?:while|when|because|as|and|but|though|although)\b"
# "since March": a weak trigger's date that tells when a state began, not an event.
SINCE = "since"
OPENING_QUOTES = '“"‘'
AFTER = "after"
# Nothing but a determiner between two words: " his ", " the ", " ".
DETERMINER_ONLY = r"\s+(?:(?:the|his|her|their|its|a|an)\s+)?"

# --- people ------------------------------------------------------------------------------

# The relatives who speak for a detainee ("his wife said", "the family of Jane Roe").
RELATIVES = (
    "family",
    "wife",
    "husband",
    "parents",
    "mother",
    "father",
    "son",
    "daughter",
    "brother",
    "sister",
    "boyfriend",
    "girlfriend",
    "fianc[ée]e?",
    "step(?:mother|father|son|daughter)",
)

# An alias opening with an article describes someone ("an American", "the aid worker").
DESCRIPTION_ARTICLES = frozenset({"a", "an", "the"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr"})
# Lower-case words that belong in a person's name ("Ludwig van Beethoven", "Osama bin Laden").
NAME_PARTICLES = frozenset(
    {"al", "bin", "binti", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "ibn", "la"}
    | {"le", "van", "von", "y"}
)
# Written before a name and followed by a full stop that never ends the sentence.
TITLE_ABBREVIATIONS = (
    "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col", "sgt",
    "capt", "maj", "adm", "prof", "rev", "st", "ft", "mt", "pres", "amb", "sec", "cmdr", "brig",
    "supt", "insp", "det",
)  # fmt: skip
OTHER_ABBREVIATIONS = (
    "no", "nos", "vol", "vs", "v", "etc", "approx", "dept", "est", "fig",
    "res", "con",  # a resolution's number: "H. Res. 17", "S. Con. Res. 5"
)  # fmt: skip
# End a sentence only when the next word looks like a sentence start ("U.S. The", "p.m. He").
COMPANY_ABBREVIATIONS = frozenset(["inc", "jr", "sr", "co", "corp", "ltd", "bros"])
SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "in",
        "on",
        "at",
        "after",
        "before",
        "when",
        "while",
        "as",
        "if",
        "however",
        "meanwhile",
        "still",
        "also",
        "then",
        "later",
        "earlier",
        "asked",
        "according",
        "since",
        "during",
        "last",
        "now",
        "today",
        "officials",
    ]
)
# A party's title can tie it to a case: "Griner's wife", "Lawyer for the Namazi family",
# "Gershkovich's employer", "Danny Fenster's parents" (the surname decides).
RELATION_TITLE = (
    r"(?:^|\bfor (?:the )?)(?:[A-Z][\w-]+ ){0,2}(?P<name>[A-Z][\w-]+)(?:['’]s\b| family\b)"
    r"\s*(?P<role>[\w -]*)"
)
# "Family of Jane Roe", "Son of John Doe (...)": the relative named before the detainee.
RELATIVE_OF_TITLE = (
    r"(?:^|,\s*)(?:[Tt]he )?"
    + alternation(
        *(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in (*RELATIVES, "siblings", "relatives"))
    )
    + r" of (?:(?:[a-z]+-)?[A-Z][\w.-]* ){0,3}(?P<name>(?:[a-z]+-)?[A-Z][\w-]+)\b"
)
LAWYER = r"(?i:\b(?:lawyers?|attorneys?|counsel)\b)"
FAMILY = "family"

# --- kind triggers: fragments the rules in en_rules.py share --------------------------------

# The possessive ending of a name ("Paul's", "Paul’s", "Jesus'").
POSSESSIVE_ENDING = r"['’]s?$"
POSSESSIVE = r"(?:the |his |her |their |an? |(?:[A-Z][\w.]*\s){0,2}[\w-]+['’]s )?"
RELATIVE_NOUNS = alternation(
    "famil(?:y|ies)", "wife", "husband", "parents", "mother", "father", "sisters?", "brothers?",
    "daughters?", "sons?", "relatives",
)  # fmt: skip
UNITED_STATES = r"(?:the United States|the U\.?S\.?|U\.?S\.? soil|American soil)"
FACILITY = alternation("prison", "jail", "penal colony", "colony", r"detention cent(?:er|re)")

# --- kind triggers: the words around one that change what it reports ------------------------

# The two tokens before a trigger decide whether it is an event, a state or a plan.
IRREALIS_BEFORE = (
    # "may" in lower case only: "jailed in May was released" is the month, not a maybe.
    r"(?i:\b(?:to|will|would|could|might|(?-i:may)|should|must|can|wants? to|plans? to|hopes? to"
    r"|expected to|aims? to)\s+(?:\w+\s+){0,2}$"
    r"|\b(?:once|if|unless|until)\s+(?:\S+\s+){0,4}$"
    # "should never have been detained": a view of what happened, not the news of it
    r"|\b(?:should|would)\s+(?:never|not)\s+have\s+(?:been\s+)?$"
    r"|\b(?:expected|planned|upcoming|possible|potential|future|proposed|eventual)\s+$)"
)
# "was able to visit", "allowed to see": the infinitive happened ("until he is able to see his
# family" is still a wish); so did it after "I had the
# opportunity to visit", "I appreciated the chance to meet" (an official telling what they did).
# "appears to have contracted": reported as having happened.
ENABLED_BEFORE = (
    r"(?i:(?<!\bis )(?<!\bare )(?<!\bbe )\b(?:able|allowed|permitted|managed)\s+to\s+$"
    r"|\b(?:had|got|took|appreciated)\s+the\s+(?:\w+\s+)?(?:opportunity|chance)\s+to\s+$"
    r"|\b(?:appears?|appeared|seems?|seemed|believed|reported|known)\s+to\s+have\s+$)"
)
# "a convicted arms dealer", "for detained Americans": a participle describing someone.
DESCRIBING_PARTICIPLES = frozenset(
    [
        "detained",
        "convicted",
        "sentenced",
        "jailed",
        "released",
        "freed",
        "arrested",
        "charged",
        "designated",
    ]
)
DETERMINER_BEFORE = r"(?i:\b(?:a|an|the|for|of|with|and|other|two|three|fellow|newly|recently)\s+$)"
# "Americans detained in Russia", "wrongfully detained": a state, not an arrest, unless in the
# active voice ("officers detained him") or after an auxiliary ("was detained").
STATE_PARTICIPLES = frozenset(["detained"])
# "on behalf of a Canadian sentenced to death in China": a participle after an indefinite noun,
# followed by its preposition, describes someone (a reduced relative clause), it tells no event.
REDUCED_RELATIVE_BEFORE = r"(?i:\b(?:a|an)\s+[\w-]+\s+$)"
REDUCED_RELATIVE_AFTER = r"\s+(?:to|in|on|for|at|by|after|over|of)\b"
# "Taliban-ruled Afghanistan", "a Kremlin-backed court": the second half of a compound modifier
# describes a noun; it tells no event.
COMPOUND_HALF_BEFORE = r"\w-$"
ADJECTIVAL_BEFORE = r"(?i:\b(?:wrongfully|unjustly|unlawfully|illegally|arbitrarily)\s+$)"
AUXILIARY_BEFORE = r"(?i:\b(?:was|were|been|being|is|are|had|has|have|get|got)\s+(?:\w+ly\s+)?$)"
OBJECT_AFTER = r"\s+(?:him|her|them)\b"
# "Sisi pardoned an unspecified number of people", "Iran freed the 15 sailors": an active verb
# with its object after it; the person named before it is the one acting.
ACTIVE_OBJECT_AFTER = (
    r"\s+(?:him|her|them|the|an?|all|both|several|\d+|two|three|four|five|six|seven|eight|nine"
    r"|ten|dozens|hundreds)\b"
)
# "a video released weeks later", "photos released by": a thing published, not a person freed.
PUBLISHING_VERBS = frozenset(["released"])
PUBLISHED_THINGS = (
    r"(?:videos?|statements?|photos?|photographs?|images?|footage|reports?|letters?|documents?"
    r"|recordings?|audio|data|lists?|figures|details|transcripts?)"
)
# "a video released", "footage was released": the thing published, in either voice.
PUBLISHED_THING_BEFORE = (
    rf"(?i:\b{PUBLISHED_THINGS}\s+(?:(?:was|were|is|are|has been|have been|had been)\s+)?$)"
)
# "his parents released a statement", "the group released a video of him": published, not freed.
PUBLISHED_THING_AFTER = (
    r"(?i:\s+(?:an?|the|its|his|her|their|another|new|fresh)\s+(?:[\w-]+\s+){0,2}?"
    rf"{PUBLISHED_THINGS}\b)"
)
# "to secure her release", "called for his release": a release named as the goal sought, a plea
# rather than news of the bargaining.
RELEASE_SOUGHT_BEFORE = (
    r"(?i:\b(?:secur(?:e|es|ed|ing)|call(?:s|ed|ing)? for|push(?:es|ed|ing)? for"
    r"|work(?:s|ed|ing)? for|seek(?:s|ing)?|sought|to)\s+(?:[\w’'-]+\s+){0,2}$)"
)
# "declined to say" is a rule of its own; the bare verb is too ambiguous to be a response.
AMBIGUOUS_RESPONSES = frozenset(["declined", "refused", "dismissed"])
# Present or present perfect: true as of publication ("have departed", "is free").
# "We welcome the release of X": a present-tense announcement, true as of the statement.
PRESENT_OPENINGS = ("has ", "have ", "is ", "are ", "welcome ", "welcomes ")
PRESENT_BEFORE = r"(?i:\b(?:has|have|is|are|am)\s+(?:\w+\s+){0,2}$)"

# --- speech: who said what -------------------------------------------------------------------

SOCIAL_MEDIA = r"(?:X|Twitter|Facebook|Instagram|Telegram|Weibo|social media)"
SOCIAL_MEDIA_POST = (
    r"took to (?:(?:the )?(?:social media|social network(?:ing)?) (?:platform|site) )?"
    + SOCIAL_MEDIA
)
# "portrayed the visit as", "cast the exchange as": the holder's view of an event, a statement
# (its object a pronoun, a determined noun or a name: "what he characterized years ago as" is
# a view held long before)
STANCE_AS = (
    r"(?:portrayed|cast|characteri[sz]ed|branded|described) "
    r"(?:it|him|her|them|this|that|(?:the|his|her|their|its) (?:[\w’'-]+ ){1,2}?"
    r"|[A-Z][\w’'-]+ (?:[A-Z][\w’'-]+ )?)as"
)
# "accused X of": a statement when X is a party (a government, an armed group), the charge
# when X is the detainee ("accused him of spying").
ACCUSATION = r"accus(?:ed|es|ing)"
ACCUSED_PARTY_GAP = r"\s+(?:the\s+)?"
SPEECH_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "noted", "notes", "reiterated",
    "repeated", "suggested", "suggests", "stressed", "stresses", r"emphasi[sz]ed", "wrote",
    "writes", "tweeted", "posted", "announced", "announces", "stated", "declared", "insisted",
    "insists", "argued", "argues", "explained", "claimed", "claims", "warned", "warns",
    "reported", "reports", "has learned", "identified", "called", "urged", "demanded",
    "condemned", "welcomed", "thanked", "praised", "confirmed", "confirms", "concluded",
    "concludes", r"apologi[sz]ed", "disclosed", "revealed", "denounced", "denounces", "hailed",
    "expressed", r"critici[sz]ed", "(?i:according to)",
    # "The paper quoted a diplomat as saying", "the radio cited his wife as saying": the
    # outlet's report of what its source said
    r"(?:quoted|cited)(?= (?:[\w’'-]+ ){1,6}?as saying)",
    r"(?:released|issued|put out) (?:a|an) (?:\w+ )?statement",
    # a post is a saying: "took to X to share", "with the minister tweeting"
    "tweeting", SOCIAL_MEDIA_POST,
    # a stance told of its holder: "derided the prisoners", "portrayed the visit as a gesture"
    "derided", STANCE_AS,
    # "accused North Korea of using citizens as pawns": read on (reading-accused-party)
    ACCUSATION,
)  # fmt: skip
ACCORDING_TO = "according to"
# An organisation's plain saying is its statement; its calls, demands and findings ("urged",
# "called on", "concluded that X was held arbitrarily") are advocacy
# (reading-organisation-statement).
PLAIN_SPEECH = frozenset(
    {"said", "says", "say", "told", "tells", "added", "adds", "noted", "notes", "wrote", "writes",
     "stated"}
)  # fmt: skip
# "according to a statement from his family": a statement or relatives as the source, not sourcing
OWN_STATEMENT_AFTER = (
    r"(?i:\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?:statement|" + "|".join(RELATIVES) + r")\b)"
)
TOLD = "told"  # "Officials told CNN": the outlet's report
# "says" is a position restated, unless it closes a quote ("“...,” says the minister").
PRESENT_SPEECH = frozenset({"says", "say"})
INVERTED_PRESENT_SPEECH = "says"
# A broadcaster or paper quoting its source ("quoted a diplomat as saying") is reporting,
# whatever kind of party the gazetteer makes it.
QUOTING_VERBS = frozenset({"quoted", "cited"})
# Only these make an outlet the source of a report; "The Journal said" is the paper speaking.
REPORT_VERBS = frozenset(
    {"reported", "reports", "has learned", "identified", "according to", "quoted", "cited"}
)
# "which CNN first reported": an outlet's earlier scoop, not today's story.
EARLIER_REPORT_WORDS = ("first", "previously", "had")
# Said in the news of the day when the story is about news ("have been released, the foreign
# secretary has confirmed").
NEWS_VERBS = frozenset(
    {"confirmed", "announced", "said", "stated", "say", "says", "confirm", "confirms"}
)
# A government party's name gives its country ("Government of Australia", "United States
# government"); an official whose title names that country first ("Australian Foreign Minister",
# "Spokesman, Global Affairs Canada") speaks for that government.
GOVERNMENT_NAME = r"(?:Government of (?:the )?(?P<of>.+)|(?P<adj>.+?) [Gg]overnment)"
# A title that names a country but speaks for no government: a prisoner, a former official, a
# journalist, a lawyer, the opposition.
NOT_AN_OFFICIAL = (
    r"(?i:counterpart|convicted|detained|jailed|imprisoned|held|journalist|lawyer|activist"
    r"|former|party|\bMP\b|opposition)"
)
# A party that confirms or announces an event the story has told ("The ministry confirmed the
# swap", "announced on Tuesday the release of", "Officials confirmed the release Thursday"): the
# event's source. The gap between the verb and the event's word: a day, then a determiner.
CONFIRMING_VERBS = frozenset({"confirmed", "confirms", "announced", "announces"})
# The journey of someone freed, told after the release ("arrived late Friday at the
# ambassador's home", "boarded a plane", "were en route to Doha", "were accompanied on their
# journey home by"): the release's itinerary, not news of its own.
RELEASE_JOURNEY = (
    r"(?i:\b(?:arrived|arrives|landed|lands|boarded|were\s+en\s+route|was\s+en\s+route"
    r"|(?:is|are|was|were)\s+(?:now\s+)?(?:on\s+(?:board|(?:his|her|their)\s+way)|aboard)"
    r"|accompanied\s+on\s+(?:his|her|their)\s+(?:journey|flight|trip))\b)"
)
# ... unless the journey only times something else ("shared a photo after she arrived").
RELEASE_JOURNEY_TIMES_ANOTHER = (
    r"(?i:\b(?:after|before|when|once|until|since|as)\s+(?:\S+\s+){0,3}$)"
)
CONFIRMED_EVENT_GAP = r"\s+(?:on\s+(?:" + "|".join(WEEKDAYS) + r")\s+)?(?i:the|his|her|their)\s+"
# "has said", "says": a position restated, not something said in this news cycle.
# "always", "repeatedly": words of a position held rather than of the day's news ("often" only
# after "has": "has often said").
HELD_POSITION_WORDS = r"(?:always|repeatedly|consistently|long|previously)"
RESTATED_BEFORE = (
    rf"(?i:\b(?:has|have)\s+(?:(?:also|often|{HELD_POSITION_WORDS})\s+)?$"
    rf"|\b{HELD_POSITION_WORDS}\s+$)"
)
# "her lawyers had said": words from before the story's news, told as background (for the
# verbs of saying only: "had urged the president in an op-ed" is an act of its own).
PLUPERFECT_BEFORE = r"(?i:\bhad\s+(?:(?:also|long|repeatedly|previously|earlier)\s+)?$)"
PLAIN_SPEECH = ("said", "told", "stated", "noted", "added")
# "The official added that ...", "she added", "The statement added:": more of what the speaker
# has just said ("investigators added a charge" is no saying).
CONTINUING_SPEECH = frozenset({"added", "adds"})
CONTINUING_SPEECH_SAID = r"\badd(?:ed|s)(?=\s*(?:that\b|:|,|\.|$))"
# "has always condemned", "have repeatedly urged": a position held, not the day's reaction.
POSITION_HELD_BEFORE = rf"(?i:\b(?:often|{HELD_POSITION_WORDS})\s+$)"
# "has expressed concern", "have condemned", "has urged": a reaction told in the present perfect
# is the news of the day, where "has said" restates a position.
REACTION_SPEECH = frozenset(
    ["expressed", "condemned", "urged", "demanded", "welcomed", "thanked", "praised",
     "denounced", "criticized", "criticised", "hailed"]
)  # fmt: skip
# "said it was deeply concerned that he had been detained", "welcomed his release": a speaker's
# stance on an event the story has told, which makes their words a statement of their own.
STANCE_WORDS = (
    r"(?i:\b(?:concerned|alarmed|troubled|outraged|appalled|dismayed|saddened|relieved|"
    r"delighted|thrilled|overjoyed|pleased|grateful|condemn(?:s|ed)?|deplor(?:e|es|ed)|"
    r"welcom(?:e|es|ed)|celebrat(?:e|es|ed)|unacceptable)\b)"
)
# "condemned the sentence", "expressed concern after China indicted him": a protest at an event,
# a statement beside the event it names (where "said she was sentenced" only tells the event).
PROTEST_SPEECH = frozenset(
    ["condemned", "demanded", "denounced", "criticized", "criticised", "expressed"]
)
RELATIVE_SUBJECT_BEFORE = (
    r"(?i:\b(?:the|his|her|their)\s+"
    + alternation("couple", *RELATIVES)
    + r"(?:,[^,]{1,40},)?\s+(?:(?:also|later|then|on \w+)\s+)?$"
    # "The family of Jane Roe, the teacher held since 2019, said", "the family of a Denver
    # Public School Teacher said" (a relative clause after the name is cut out before this),
    # "The relatives of Jane Roe, ..., have expressed"
    r"|\b(?:the|his|her|their)\s+(?:family|parents|relatives)\s+of\s+(?:an?\s+)?"
    r"(?:[A-Z][\w.’'-]*\s+){0,4}"
    r"[A-Z][\w’'-]*(?:,[^,]{1,100},)?\s+(?:(?:also|later|then|on \w+|have|has|had)\s+)?$"
    r"|['’]s\s+(?:\w+\s+)?" + alternation(*RELATIVES) + r"(?:,[^,]{1,40},)?\s+$"
    # "A relative of one of them said", "one family member said"
    r"|\b(?:a|one|another)\s+(?:relative|family member)(?:\s+of\s+[^,.;]{1,40}?)?\s+$"
    # "Jo Roe, the teacher's boyfriend, told", "Jo Roe, sister of Commander Jim Roe, tweeted"
    r"|,\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:[\w-]+['’]s\s+)?"
    + alternation(*RELATIVES)
    + r"(?:\s+of\s+[^.;“”\"]{1,60}?)?,\s+(?:(?:also|later|then|on \w+)\s+)?$)"
)
NEGATED_BEFORE = r"(?i:\b(?:not|never|n['’]t)\s+$)"
# "I would say that ...", "I just want to say", "let me say": the speaker saying it now, in their
# own voice (reading-own-performative), not someone reported saying it.
# "I want to say a few words about the verdict": the event the speaker's words are about.
PERFORMATIVE_TOPIC = r"(?i:\s+(?:[\w-]+\s+){0,3}?about\s+(?:the\s+|today['’]s\s+|this\s+)?)"
PERFORMATIVE_BEFORE = (
    r"(?i:(?:\b(?:I|we)\s+(?:would|['’]d|(?:just\s+)?want(?:ed)?\s+to)(?:\s+like\s+to)?"
    r"|\blet\s+me)\s+$)"
)
NOBODY_BEFORE = r"\s*(?:Neither|Nobody|No one|None of)\b[^,;:“\"]*$"
PASSIVE_BEFORE = (
    r"(?i:\b(?:was|were|is|are|been|being|be)\s+(?:(?:first|also|earlier|previously)\s+)?$)"
)
# "as first reported by Politico", "was also reported by TASS": a report with its agent after.
AS_REPORTED_BEFORE = r"(?i:\bas\s+(?:(?:first|earlier|previously)\s+)?$)"
BY_AGENT = r"\s+by\s+"
# "according to a report in 2017 by the T24 news portal": the agency's own report, by name.
A_REPORT_BY = r"(?i:\ban?\s+(?:\w+\s+)?report\b[^,;:]{0,30}\bby\s+$)"
PROSECUTORS_BEFORE = r"(?i:\b(?:prosecutors|investigators)\s+(?:\w+\s+)?$)"
ROLE = (
    r"(?i:\b(?:spokes(?:person|man|woman)|officials?|sources?|diplomats?|aides?|representatives?"
    r"|envoys?|press secretary|ministry|office|lawyers?|attorneys?|" + "|".join(RELATIVES) + r")\b)"
)
PERSON_ROLE = r"(?i:\b(?:lawyers?|attorneys?|" + "|".join(RELATIVES) + r")\b)"
CLAUSE_WORDS = r"(?i:\b(?:that|which|who|whom|and|but|if|whether|when|because)\b)"
PRONOUN_SUBJECT_BEFORE = (
    r"(?i:\b(?P<who>he|she|they|I|we|the (?:spokes(?:person|man|woman)|official|minister"
    r"|ambassador|secretary|diplomat|envoy|department|ministry|president|senator|lawmaker))"
    r"\s+(?:(?:also|later|then|again|further|once|had|has|have|on \w+|earlier)\s+){0,2}$)"
)
FIRST_PERSON_SUBJECTS = frozenset({"I", "we", "We"})
PERSONAL_PRONOUNS = frozenset({"he", "she"})
PLURAL_PRONOUN = "they"
FEMALE_PRONOUN, MALE_PRONOUN = "she", "he"
# What tells a person's sex where they are named: an honorific before the name, a family word
# in the apposition after it ("Bonnie Rubinstein, Gross’ sister,"), or in their title.
FEMALE_WORDS = (
    r"(?i:\b(?:wife|mother|sister|daughter|girlfriend|fianc[ée]e|widow|woman|aunt|niece"
    r"|grandmother|spokeswoman|chairwoman|congresswoman|businesswoman|Ms|Mrs|Miss|Madam)\b)"
)
MALE_WORDS = (
    r"(?i:\b(?:husband|father|brother|son|boyfriend|fianc[ée]|widower|man|uncle|nephew"
    r"|grandfather|spokesman|chairman|congressman|businessman|Mr|Sir)\b)"
)
HONORIFIC_BEFORE = (
    r"(?i:\b(?P<title>Ms|Mrs|Miss|Mr|Sir)\.?\s+$"
    r"|\b(?:his|her|their)\s+(?P<relative>wife|husband|sister|brother|mother|father|daughter|son)"
    r",?\s+$)"
)
APPOSITION_AFTER = r",\s+(?:[\w’'.-]+\s+){0,3}?(?P<noun>\w+)\s*[,.]"
APPOSITION_END = r",\s*(?:(?:also|later|then|on \w+)\s+)?$"
FIRST_PERSON = r"\b(?:I|we|We|our|Our|my|My|us)\b"

# --- the pipeline: reading sentences and the article ---------------------------------------

# "the deal", "this arrangement", "a proposed prisoner swap": the proposal the article is about.
ANAPHOR = (
    r"(?i:\b(?:the|this|that|a|an|its|their|any|our)\s+(?:(?:proposed|prisoner|potential|possible"
    r"|substantial|significant|new|latest|reported|u\.s\.|us|american|russian)\s+)*"
    r"(?:proposal|deal|offer|swap|exchange|trade|arrangement|agreement|handover|counter-?proposal"
    r"|counter-?offer)s?\b|\bcounter-?proposals?\b)"
)
# A photo caption's credit, ending its line: "Dimitar Dilkoff / AFP", "(AP Photo, File)",
# "[File: X/AFP]", "File Photo via MFA China/UPI |". The caption describes a picture, not news.
PHOTO_CREDIT = (
    r"(?:(?i:\bphotos?\b|\bimages?\b|\bscreenshot\b)|\s/\s|\bvia (?:AP|AFP|Reuters|UPI)\b"
    r"|\b(?:AFP|AP|EPA|EPA-EFE|Reuters|REUTERS|Getty|UPI|TNS)\b[\])]*\s*\|?\s*$)"
)
# A page's date printed before its first words ("date 2025-03-20 An American man ..."): page
# furniture, split off as a heading so that the first sentence starts where the story does.
DATE_LINE = r"(?i:date:?\s+)?\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\s+(?=\S)"
# A hard-wrapped text (a wire story, a Congressional Record page broken every ~70 characters)
# runs a sentence over several lines. A line that stops on one of these words goes on in the
# next line ("... said the law in" / "Egypt had changed ...").
LINE_CONTINUING_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "into",
        "and",
        "or",
        "but",
        "that",
        "as",
        "his",
        "her",
        "their",
        "its",
        "our",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "be",
        "been",
        "who",
        "which",
        "said",
        "told",
        "than",
        "over",
        "after",
    ]
)
# A text is hard-wrapped when this many of its lines break mid-sentence before a lower-case word;
# there a line as long as the text's wrapped lines also goes on into the next one ("... the
# detention of Austin" / "Tice, and for other purposes").
WRAPPED_TEXT_MIN_BREAKS = 3
WRAPPED_LINE_SHARE = 0.6
# A transcript's time stamp opening a line: "1:30 p.m. EDT", "Via Teleconference 10:06 A.M. EST".
TIME_LINE = r"(?:Via [A-Z][a-z]+ )?\d{1,2}:\d{2}\s?(?i:[ap]\.?m\.?)(?:\s+[ECMP][SD]T)?\s+(?=\S)"
# A wire story's dateline opening its first paragraph: "PARIS —", "WASHINGTON (AP) —", "BERLIN,
# Oct 29 (Reuters) –", "(CNN) --". Where it follows other lines, those are the page's furniture
# (headline, standfirst, photo captions) and the story starts at the dateline.
WIRE_DATELINE = (
    r"(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?\s*)?"
    r"(?:\((?:AP|AFP|Reuters|CNN|UPI|dpa|Xinhua)\)\s*)?(?:—|–|--|-)\s"
)
# "Andrew Brunson, center, sits inside a car", "X (C) arriving at court": where someone stands
# in a picture, which only a caption says.
PHOTO_POSITION = (
    r"\b[A-Z][\w'’-]+,\s(?:center|centre|left|right|second (?:left|right)|far (?:left|right))"
    r",\s|\b[A-Z][\w'’-]+\s\((?:C|L|R|center|centre|left|right)\)"
)
AUTHOR_HEADING = r"(?i:\b(?:statement|remarks|readout|message)\b.*?\bby\b)"
# Briefing transcripts: "MR PRICE: ..." gives the speaker; "QUESTION: ..." is a reporter asking.
# What opens an answer without saying anything: "Sure.", "So I've seen those reports."
FILLER = (
    r"(?i:\s*(?:so,? |well,? )?(?:sure|yes|no|okay|ok|right|thank you|thanks|good (?:morning|"
    r"afternoon)|i(?:[’']ve| have) seen (?:those|the|these) reports)[\s\W]*)"
)
QUESTION_LABELS = frozenset({"QUESTION", "Q", "REPORTER"})
# A reporter's follow-up that names no one but points back at the case just asked about:
# "Anything you can say about his case?", "What caused the release?".
FOLLOW_UP_QUESTION = (
    r"\b(?:(?:[Hh]is|[Hh]er|[Tt]heir) (?:case|release|detention|trial|sentence)|"
    r"the (?:release|deal|exchange|swap))\b"
)
# "MR PRICE: ", "THE PRESIDENT: ", "SENIOR ADMINISTRATION OFFICIAL: ", "Q: ", and a White House
# transcript's "Q" followed by spaces.
LABEL = (
    r"(?P<label>(?:MR|MS|MRS|DR)\.? [A-Z][A-Z'-]+|[A-Z][A-Z'-]{0,20}(?: [A-Z][A-Z'-]{1,20}){0,3})"
    r"(?::\s|(?<=\bQ)(?:\t|\s{2,}))"
)
# "she", "his", "the trial": an event happening to the case the text is about.
# ", she was sentenced": the subject of a main clause after an opening phrase.
SUBJECT_PRONOUN = r"(?<=, )(?:he|she)\b"
CASE_PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|him)\b"
# "consular access to her", "called for his release": the detainee as the object of the plea.
CASE_OBJECT = (
    r"\b(?:release|free|freedom|access to|return|visit|see)\s+(?:\w+\s+)?(?:her|him)\b"
    r"|\b(?:[Hh]is|[Hh]er)\s+(?:\w+\s+)?(?:release|freedom|detention|case|return|sentence"
    r"|conviction|citizenship|health)\b"
)
RELATIVES_MENTIONED = (
    r"(?i:\b(?:family|families|wife|husband|parents|couple|mother|father|sister|brother)\b)"
)
CONJUNCTION_AND = r"\band\b"
# "Prosecutors gave ...", "In December, investigators added ...": the prosecution acts.
PROSECUTION_SUBJECT = (
    r"^(?:[^,]{0,40},\s+)?(?:the\s+)?(?:[A-Z][\w-]+\s+)?(?i:prosecutors|investigators)\b"
)
DEFINITE_COURT = r"\b[Tt]he (?:trial|court(?:room|house)?|hearing|verdict|sentence|appeal)\b"
CONSULAR = r"(?i:\bconsul(?:s|ar)?\b)"
NOMINAL_CONTACT = r"(?i:talks|phone call|call|meeting)\b"
HELD = r"(?i:\b(?:held|hold|holds|holding|had|have|has|after|during|in)\s+(?:\w+\s+)?$)"
THANKS = r"(?i:appreciation|thanks?|thanked|grateful)"
# "We have been closely engaged in his case", "I talked about her detention years ago": the
# speaker's effort on the case told as the setting of what they go on to say.
ENGAGED_ON_CASE = (
    r"(?i:\b(?:engaged|involved)\s+(?:with|in|on)\b|\b(?:talked|spoken|spoke)\s+about\b)"
)
# "a senior administration official, speaking on condition of anonymity": nobody by name.
ANONYMOUS = (
    r"(?i:\b(?:an?|one|two|three|several|some|other)\s+(?:[\w.’'-]+\s+){0,3}"
    r"(?:officials?|sources?|diplomats?|aides?)\b|\bcondition of anonymity\b)"
)
# "the six", "the pair", "both men": several detainees at once.
GROUP = (
    r"\b(?:[Tt]he|[Bb]oth|[Aa]ll)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten"
    r"|pair)\b"
    r"|(?:\w+\s+){0,2}(?:men|women|Americans|detainees|prisoners|executives)\b)"
)
# A story's lead that holds back the name: "A Russian-American woman has been sentenced",
# "A Russian court has jailed a former U.S. teacher", "Three Americans who had been detained".
UNNAMED_DETAINEE = (
    r"\b(?:[Aa]n?|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]everal)\s+(?:[\w.’'-]+\s+){0,3}?"
    r"(?:wom[ae]n|m[ae]n|citizens?|nationals?|journalists?|reporters?|teachers?|students?"
    r"|businessm[ae]n|businesswom[ae]n|tourists?|veterans?|soldiers?|workers?|Americans?"
    r"|Britons?|Australians?|Canadians?|Europeans?|residents?|academics?|researchers?"
    r"|executives?|hostages?|pastors?|missionar(?:y|ies)|activists?|dual nationals?)\b"
)
# "issued the following statement after ...": what comes next, in quotation marks, is it.
FOLLOWING_STATEMENT = r"(?i:\bthe following statement\b)"
# "was also convicted", "were also freed": one more of the events just told.
ALSO_BEFORE = r"\b(?i:also)\s+(?:\w+\s+)?$"
STARTS_WITH_PRONOUN = r"(?:He|She)\s"
PLURAL_OBJECT = r"\b(?:they|They|them)\b"
# "their release", "their unconditional return": the plea made for several detainees at once.
THEIR_CASE = r"\b[Tt]heir\s+(?:\w+\s+){0,2}(?:release|freedom|return|detention)\b"
# "Qatar, which hosted the talks, said": what the clause says describes the speaker.
SPEAKER_CLAUSE = r"\s*,\s*(?:which|who)\b[^,;]*,\s*$"
# "several other Americans", "other detainees": people the article does not track.
# "another American was freed": one more person, not the cases in hand.
OTHERS = (
    r"\b(?i:other)\s+(?:\w+\s+)?(?:Americans|citizens|nationals|detainees|prisoners|hostages"
    r"|foreigners)\b"
    r"|\b(?i:another)\s+(?:\w+\s+)?(?:American|citizen|national|detainee|prisoner|hostage"
    r"|foreigner)\b"
)
EXPECTED = r"\b(?:expected|scheduled|due|set|planning|going)\s+to\b"
HABITUAL = r"\b(?:regularly|repeatedly|routinely|frequently|often)\b"
# "Mr. X is a retired teacher in his seventies": who someone is, not what happened.
DESCRIPTION = r"\b(?:is|was|are|were)\s+(?:an?|one of)\b"
# The object after "freed", up to a comma, a preposition or the end of the clause.
OBJECT_PHRASE = r"[^,;.()]{0,60}?(?=,|;|\.|\(|\s(?:in|on|at|from|after|as)\s|$)"
SEPARATELY = r"(?i:separately|in (?:a |an )?(?:separate|unrelated) \w+)\b"
# "the three French detainees", "the detention of French citizens": every detainee told.
ALL_DETAINEES = (
    r"\b(?:the\s+(?P<count>two|three|four|five|six)\s+(?:[A-Z]\w+\s+)?"
    r"(?:detainees|hostages|prisoners|citizens|nationals)"
    r"|(?:detention|release)\s+of\s+(?:[A-Z]\w+\s+)(?:citizens|nationals))\b"
)
THEN = r"(?i:at (?:the|that) (?:time|point))"
# Between two events told in sequence ("arrested in 2016 and later charged", "arrested in 2018,
# convicted of espionage"): a comma, "and" or a semicolon ends one step of the story.
STEP_BREAK = r"(?i:[,;]|\band\b)"
# Held at home, on bail or watched: a release into these is a change of custody, not freedom.
# "freed on Thursday following direct talks between the envoy and ...", "released today
# immediately after a meeting between ...": the contact the event came after, a development of
# its own.
AFTER_BEFORE = (
    r"(?i:\b(?:(?:immediately|shortly|just|hours|minutes|soon) after|following)"
    r"\s+(?:[\w’'.-]+\s+){0,3}$)"
)
RESTRICTED = r"(?i:house arrest|bail|furlough|parole|bracelet|ankle monitor|electronic tag)"
FREE = r"(?i:(?:is|are) (?:now )?(?:finally )?(?:an? )?free)"
FIRST_REPORTED = "first reported"  # the date basis of an outlet's earlier scoop
# "Russia's state-run TASS news agency said ...": a news agency as the source of a detail.
NEWS_AGENCY_BEFORE = r"(?i:\bnews\s+agenc(?:y|ies)\s*,?\s*$)"
# "..., the court said, according to Russia's state-run news agency Tass": the agency as the
# channel, named after "according to".
NEWS_AGENCY_AFTER = r"(?i:\s+(?:[\w’'.-]+\s+){0,3}news\s+agenc(?:y|ies)\b)"
# "..., CNN reported.", "..., reports the AP": the source named after what it told, at a comma.
TRAILING_SOURCE_BEFORE = r"[^\s,]\s*,[\s“”\"]*(?:[Tt]he\s+)?$"
# ... and nothing after it but the end of the sentence (or "citing her lawyer").
SOURCE_ENDS_SENTENCE = r"(?:\s*,\s*(?:citing|quoting)\b[^,;:“”\"]*)?[\s.”\"]*$"
