"""Trigger words for the codebook kinds (see the evaluation README for the definitions).

A trigger is strong when it reports an event ("was sentenced", "freed", "made a determination")
and weak when it only names a topic ("the trial", "the release of", "detained Americans"). Weak
triggers make a development only when a date sits right beside them ("since her arrest in
February"). Statement frames ("we call on", "I am concerned") make a statement of the sentence's
speaker. Whether a strong trigger is realis matters too: "planned to raise it in a call" and "will
transfer" are plans, not events, except for responses, where "will pay attention" is the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lang import en
from .scanning import Scanner

STATEMENT = "statement"
REPORT = "report"

# When one development holds triggers of several kinds, the earliest kind in this list wins.
PRIORITY = (
    "release",
    "designation",
    "court",
    "charge",
    "detention",
    "custody",
    "response",
    "proposal",
    "advocacy",
    "contact",
    "report",
    "statement",
)
STRONG, FRAME, WEAK = 2.0, 1.5, 1.0


def _any(*phrases: str) -> str:
    return "(?:" + "|".join(phrases) + ")"


_POSSESSIVE = en.POSSESSIVE
_RELATIVES = en.RELATIVE_NOUNS
_US = en.UNITED_STATES
_FACILITY = en.FACILITY

# (kind, strength, pattern). Longer phrases come first so they win at the same position.
_LEXICON: list[tuple[str, float, str]] = [
    # statements that look like other kinds ("declined to say" is not a response)
    (STATEMENT, FRAME, r"(?:declined|refused) to (?:say|comment|discuss|elaborate|specify)"),
    (STATEMENT, FRAME, r"call(?:ed|s|ing)? (?:for|on)"),
    # advocacy: families, supporters, lawmakers
    (
        "advocacy",
        STRONG,
        r"(?:met|meets|meeting|spoke|speaks|talked)(?: with| to)? "
        + _POSSESSIVE
        + r"(?:\w+s['’] )?"
        + _RELATIVES,
    ),
    ("advocacy", STRONG, _any("petitions?", r"rall(?:y|ies|ied)", "vigils?")),
    ("advocacy", STRONG, r"(?:wrote|sent|signed) (?:a |an )?(?:open )?letters?"),
    (
        "advocacy",
        STRONG,
        r"(?:introduced|adopted|passed|tabled) (?:a |the )?(?:\w+ )?"
        r"(?:resolution|bill|legislation)",
    ),
    ("advocacy", WEAK, _any(r"campaign(?:ers|ed|ing)?", "advocates?", "supporters", "lawmakers")),
    # release: a furlough or bail is a change of custody, not freedom
    (
        "custody",
        STRONG,
        r"released (?:\w+ ){0,3}(?:on|to|into) (?:a |an )?(?:temporary |medical |humanitarian )?"
        r"(?:furlough|bail|house arrest|parole)",
    ),
    ("custody", STRONG, r"(?:medical|temporary|humanitarian) furlough"),
    # release
    ("release", STRONG, r"(?:is|are) (?:now )?(?:finally )?free"),
    ("release", STRONG, r"(?:secured|won|negotiated|obtained) " + _POSSESSIVE + "release"),
    ("release", STRONG, _any("released", "freed", "set free", "pardoned", "walked free")),
    ("release", STRONG, _any("granted clemency", r"(?:exchanged|swapped|traded) (?:for|in)")),
    ("release", STRONG, r"(?:swap|exchange) (?:took place|was carried out|was completed)"),
    ("release", STRONG, r"on (?:their|his|her) way (?:back|home)"),
    ("release", STRONG, r"(?:returned|returns|returning|arrived|flew|landed) (?:back )?home"),
    ("release", STRONG, r"(?:returned|arrived|flew|landed) (?:back )?(?:to|in|on) " + _US),
    ("release", STRONG, r"(?:have|has|had) (?:now )?(?:departed|left) (?:[A-Z]\w+|the country)"),
    ("release", STRONG, _any("back on " + _US, "reunited with")),
    ("release", WEAK, _any("release", "freedom", "free", "prisoner (?:swap|exchange)", "swap")),
    # designation
    ("designation", STRONG, _any("made a determination", "determined that", "designat(?:ed|ion)")),
    (
        "designation",
        STRONG,
        _any(r"(?:re)?classified (?:\w+ )?as", r"declared (?:\w+ )?wrongful(?:ly)?"),
    ),
    ("designation", WEAK, _any(r"wrongful(?:ly)?[ -]detain(?:ed|ment|ee)?", "wrongful detention")),
    # court
    ("court", STRONG, _any("sentenced", "convicted", "acquitted", r"found (?:\w+ )?guilty")),
    ("court", STRONG, _any(r"plead(?:ed|s)? guilty", "pled guilty", "guilty plea")),
    ("court", STRONG, r"(?:upheld|rejected|dismissed|denied|heard) " + _POSSESSIVE + "appeal"),
    ("court", STRONG, r"appeal was (?:rejected|dismissed|denied|upheld)"),
    ("court", STRONG, r"extended " + _POSSESSIVE + "(?:pre-?trial )?(?:detention|arrest|custody)"),
    ("court", STRONG, r"(?:trial|hearing),? (?:which )?(?:began|opened|started|resumed)"),
    # "the trial of X, the publisher, opened on Monday", "his trial before the court began"
    (
        "court",
        STRONG,
        r"(?:trial|hearing) (?:of|before|against|at|in) [^,.;]{1,60}?(?:,[^,.;]{1,100},)? "
        r"(?:began|opened|started|resumed)",
    ),
    ("court", STRONG, _any("ruled", "upheld", "upholding", r"fined (?:\w+ )?\d")),
    (
        "court",
        STRONG,
        r"(?:was|were|been|is|are) (?:handed|given) (?:an? |another |the )?(?:[\w-]+,? ){0,3}"
        r"(?:(?:prison|jail) )?(?:sentence|term)",
    ),
    ("court", WEAK, _any("verdict", "ruling", "trial", "hearing", "court", "appeal", "judge")),
    ("court", WEAK, _any("prosecutors?", "sentence")),
    # charge
    ("charge", STRONG, _any("charged", "indicted", "formally accused")),
    (
        "charge",
        STRONG,
        r"(?:add(?:s|ed)?|brought|brings?|filed|files?|lodged|level?l?ed) (?:an? |the )?"
        r"(?:(?:new|additional|further|more|fresh|formal|criminal) )*(?:charges?|indictment)",
    ),
    ("charge", STRONG, r"opened a (?:criminal )?(?:case|investigation)"),
    ("charge", WEAK, _any("charges?", "indictment", "accused of")),
    # detention (the adjectival "detained Americans" is sorted out in find_triggers)
    ("detention", STRONG, _any("arrested", "taken into custody", "apprehended", "detained")),
    ("detention", STRONG, _any("abducted", "kidnapped", "taken hostage", "captured")),
    # "had been held since 2017": the detention began then.
    ("detention", STRONG, r"been (?:held|detained|jailed|imprisoned)(?= since\b)"),
    ("detention", STRONG, r"taken from (?:his|her|their) (?:home|house|apartment|flat)"),
    ("detention", WEAK, _any("arrest", "detention", "custody")),
    # custody: where and how a detainee is held, and who visits
    (
        "custody",
        STRONG,
        r"(?:given back|handed back|returned) (?:his |her |their )?(?:\w+ )?passports?"
        r"|passports? (?:was|were|had been|has been) (?:returned|given back|handed back)",
    ),
    (
        "custody",
        STRONG,
        r"(?:been|went|gone|travell?ed) (?:in )?to (?:the )?(?:\w+ ){0,2}" + _FACILITY,
    ),
    ("custody", STRONG, r"left (?:an? |the )?(?:\w+ )?" + _FACILITY),
    (
        "custody",
        STRONG,
        r"moved (?:\w+ ){0,4}(?:from|to|into) (?:an? )?(?:prison|house arrest|penal colony"
        r"|solitary(?: confinement)?)",
    ),
    ("custody", STRONG, _any("transferred", "hunger strike", "consular visit", "in a coma")),
    # a sign of life: "the family received a video of him", "proof of life"
    (
        "custody",
        STRONG,
        r"proof[- ]of[- ]life|received (?:a |an |new |the )?(?:\w+ )?"
        r"(?:video|photographs?|photos?|recording)",
    ),
    (
        "custody",
        STRONG,
        _any(r"contracted (?:covid|coronavirus|an? )", "tested positive", "fell ill"),
    ),
    ("custody", STRONG, _any(r"visit(?:ed|s)? (?:with )?", "hospitali[sz]ed", "in solitary")),
    ("custody", WEAK, _any("penal colony", "labou?r camp", "prison", "jail", "medical", "health")),
    ("custody", WEAK, "consular access"),
    # a reward for information is the offering government's statement, not a release offer
    (STATEMENT, STRONG, r"offered (?:an? |the )?(?:[\w$.,]+ ){0,5}?rewards?"),
    # response
    (
        "response",
        STRONG,
        r"(?:refused|declined) to (?:grant|allow|provide|give|let|accept|release)",
    ),
    ("response", STRONG, _any("acknowledged", "accepted", "rejected", "refused", "turned down")),
    ("response", STRONG, _any("agreed to", "countered", "responded", "pa(?:y|id) attention")),
    ("response", STRONG, _any("dismissed", "declined")),
    ("response", WEAK, _any("response", "respond", "counter-?offer", "accept")),
    # proposal
    (
        "proposal",
        STRONG,
        _any("offered", "put forward", "floated", "under the (?:arrangement|deal)"),
    ),
    ("proposal", STRONG, r"made an? (?:\S+ ){0,3}(?:proposal|offer)"),
    ("proposal", STRONG, r"put (?:an? )?(?:offer|proposal) on the table"),
    ("proposal", STRONG, r"proposed (?:to|a|an|that|swapping|exchanging|trading)"),
    ("proposal", WEAK, _any("proposals?", "offers?", "deal", "counter-?proposals?", "terms")),
    # contact between governments
    ("contact", STRONG, _any("spoke (?:with|to|directly)", "phone call", "call (?:with|between)")),
    (
        "contact",
        STRONG,
        _any(
            # "met its commitments": a condition fulfilled, not a meeting
            r"met (?!(?:its|their|the|his|her|all|these|those|our) (?:\w+ )?(?:commitments?"
            r"|obligations?|demands?|conditions?|requirements?|criteria|deadlines?|targets?"
            r"|goals?|standards?)\b)(?:with )?",
            "meeting (?:with|between)",
            "held talks",
        ),
    ),
    ("contact", STRONG, _any("talks (?:with|between)", "raised " + _POSSESSIVE + "case")),
    ("contact", STRONG, _any("discussed", "pressed", "travell?ed to")),
    (
        "contact",
        STRONG,
        r"summon(?:s|ed|ing)? (?:the |an? |\w+['’]s )?(?:\w+ )?"
        r"(?:ambassador|envoy|charg[eé] d['’]affaires|diplomats?)",
    ),
    ("contact", WEAK, _any("call", "talks", r"negotiat\w+", "channels?", "conveyed", "diplomats?")),
    # statement frames: the speaker's own words make the development
    (STATEMENT, FRAME, _any("urge[sd]?", r"condemn(?:s|ed)?", "concerned", "dismayed")),
    (STATEMENT, FRAME, _any("appreciation", "thanks?", "thanked", "grateful", "welcome[sd]?")),
    (STATEMENT, FRAME, _any(r"demand(?:s|ed)?", r"reiterat\w+", r"vow(?:s|ed)?", "pledge[sd]?")),
    (STATEMENT, FRAME, _any("will not rest", "statement", r"insist(?:s|ed)?", "apologi[sz]ed")),
]

_TRIGGERS = Scanner(
    [rf"(?P<t{i}>{pattern}\b)" for i, (_, _, pattern) in enumerate(_LEXICON)], re.IGNORECASE
)
_IRREALIS_RE = re.compile(en.IRREALIS_BEFORE)
_ENABLED_RE = re.compile(en.ENABLED_BEFORE)
_DETERMINER_BEFORE_RE = re.compile(en.DETERMINER_BEFORE)
_ADJECTIVAL_RE = re.compile(en.ADJECTIVAL_BEFORE)
_AUXILIARY_RE = re.compile(en.AUXILIARY_BEFORE)
_PUBLISHED_THING_RE = re.compile(en.PUBLISHED_THING_BEFORE)
_OBJECT_AFTER_RE = re.compile(en.OBJECT_AFTER)
_PRESENT_RE = re.compile(en.PRESENT_BEFORE)


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    kind: str
    strength: float
    realis: bool  # an event that happened, not a plan or a call for one
    present: bool  # present or present perfect: true as of publication ("have departed")


def find_triggers(text: str) -> list[Trigger]:
    triggers: list[Trigger] = []
    for m in _TRIGGERS.finditer(text):
        index = int(m.lastgroup[1:])  # type: ignore[index]
        kind, strength, _ = _LEXICON[index]
        before = text[max(0, m.start() - 40) : m.start()]
        word = m.group().lower()
        active = _OBJECT_AFTER_RE.match(text, m.end()) is not None
        if word in en.STATE_PARTICIPLES and (
            _ADJECTIVAL_RE.search(before) or not (active or _AUXILIARY_RE.search(before))
        ):
            strength = WEAK
        if word in en.DESCRIBING_PARTICIPLES and _DETERMINER_BEFORE_RE.search(before):
            strength = WEAK
        if word in en.PUBLISHING_VERBS and _PUBLISHED_THING_RE.search(before):
            continue
        if kind == "response" and word in en.AMBIGUOUS_RESPONSES:
            strength = WEAK
        realis = (
            kind in ("response", STATEMENT)
            or not _IRREALIS_RE.search(before)
            or _ENABLED_RE.search(before) is not None
        )
        present = word.startswith(en.PRESENT_OPENINGS) or _PRESENT_RE.search(before) is not None
        triggers.append(Trigger(m.start(), m.end(), m.group(), kind, strength, realis, present))
    return triggers


def best_kind(triggers: list[Trigger], default: str) -> str:
    """The kind an editor would file a development under, given its triggers."""
    ranked = sorted(
        (t for t in triggers if t.realis and t.strength >= STRONG),
        key=lambda t: PRIORITY.index(t.kind),
    )
    return ranked[0].kind if ranked else default
