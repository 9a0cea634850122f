"""Quotes and who said them.

An attribution is a speech verb with its source:
- subject before the verb: "Price on Thursday suggested", "a Russian Foreign Ministry spokesperson
  said" (an unnamed speaker of an organisation, to be named by a later sentence);
- inverted after a quote: "…,” said State Department spokesperson Ned Price" (the person wins over
  the organisation in the same phrase);
- apposition: "Ned Price, the State Department spokesperson, said";
- a pronoun or role to resolve against the last named speaker: "he said", "the spokesperson said";
- first person ("I have said", "we call on"): the author of a government statement;
- a news outlet: "CNN reported", "Officials told CNN" are the outlet's report.
Resolving pronouns across sentences is the pipeline's job; this module reads one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer, Mention
from .lang import en
from .rules import is_on

_ALWAYS_RE = re.compile(en.POSITION_HELD_BEFORE)
_SPEECH_RE = re.compile(r"\b(?:" + "|".join(en.SPEECH_VERBS) + r")\b")
_RESTATED_RE = re.compile(en.RESTATED_BEFORE)
_PLUPERFECT_RE = re.compile(en.PLUPERFECT_BEFORE)
_RELATIVE_SUBJECT_RE = re.compile(en.RELATIVE_SUBJECT_BEFORE)
_NEGATED_RE = re.compile(en.NEGATED_BEFORE)
_NOBODY_RE = re.compile(en.NOBODY_BEFORE)
_PERFORMATIVE_RE = re.compile(en.PERFORMATIVE_BEFORE)
# The reading rule (lang/en_rules.py) whose first step is here: "I would say" is no report.
OWN_PERFORMATIVE = "reading-own-performative"
_PASSIVE_RE = re.compile(en.PASSIVE_BEFORE)
_AS_BEFORE_RE = re.compile(en.AS_REPORTED_BEFORE)
_BY_AFTER_RE = re.compile(en.BY_AGENT)
_A_REPORT_BY_RE = re.compile(en.A_REPORT_BY)
_PROSECUTORS_RE = re.compile(en.PROSECUTORS_BEFORE)
_ROLE_RE = re.compile(en.ROLE)
_PERSON_ROLE_RE = re.compile(en.PERSON_ROLE)
_SUBJECT_GAP_RE = re.compile(r"^[\s\w’'.-]{0,50}$")
_CLAUSE_WORDS_RE = re.compile(en.CLAUSE_WORDS)
_PRONOUN_RE = re.compile(en.PRONOUN_SUBJECT_BEFORE)
_INVERTED_BEFORE_RE = re.compile(r"[”\"’]\s*,?\s*$|,\s*[”\"]\s*$")
_COMMA_BEFORE_RE = re.compile(r",\s*$")
_SOURCE_END_RE = re.compile(r"\s*(?:[,.;:(]|$)")
_INVERTED_GAP_RE = re.compile(r"^[\s\w’'.-]{0,60}$")
# The gazetteer's kind for state news agencies and the like (Tass, Xinhua): they carry the news.
MEDIA = "media"
_APPOSED_KINDS = frozenset({"person", "organization", "government"})
_APPOSITION_END_RE = re.compile(en.APPOSITION_END)
_APPOSITION_RE = re.compile(r"^\s*,[^,.“”\"]{1,80},\s*$")
_FIRST_PERSON_RE = re.compile(en.FIRST_PERSON)
_QUOTE_RE = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|‘[^’]{3,}’(?=\W|$)")


@dataclass(slots=True)
class Attribution:
    verb_start: int
    verb_end: int
    verb: str
    speaker: str | None = None  # party slug
    speaker_start: int | None = None
    speaker_end: int | None = None
    pronoun: str | None = None  # "he", "the spokesperson": resolved by the pipeline
    role: str | None = None  # "spokesperson" of an organisation, name still to come
    outlet: str | None = None  # the news outlet the information comes from
    first_person: bool = False
    restated: bool = False  # "has said": not news of the day
    advocate: bool = False  # a relative speaking ("his brother, David, said")
    prosecution: bool = False  # "prosecutors said": their claims are the charge


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text, start, end)]


def quoted_text(text: str, spans: list[tuple[int, int]]) -> str:
    return " … ".join(text[s:e].strip('“”"‘’ ,') for s, e in spans).strip()


def starts_with_quote(text: str, start: int) -> bool:
    # A plain apostrophe opens a quote only when it begins the sentence with a word.
    return text[start] in '“"‘' or (text[start] == "'" and text[start + 1 : start + 2].isalpha())


def has_first_person(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> bool:
    for m in _FIRST_PERSON_RE.finditer(text, start, end):
        if not any(s <= m.start() < e for s, e in quotes):
            return True
    return False


def find_attributions(
    text: str,
    start: int,
    end: int,
    parties: list[tuple[Mention, str]],
    gazetteer: Gazetteer,
    quotes: list[tuple[int, int]],
    relative: list[tuple[int, int]] | None = None,
) -> list[Attribution]:
    """Speech verbs outside quotes in text[start:end], each with its source if one is found.

    A relative clause before the verb ("the family of a teacher who has been held in Iran since
    March said") is cut out: the subject is outside it, so a party it names does not speak.
    """
    found: list[Attribution] = []
    relative = relative or []
    all_parties = parties
    for m in _SPEECH_RE.finditer(text, start, end):
        if any(s < m.start() < e for s, e in quotes):
            continue
        cut = [(s, e) for s, e in relative if e <= m.start()]
        parties = [p for p in all_parties if not any(s <= p[0].start < e for s, e in cut)]
        att = Attribution(m.start(), m.end(), m.group().lower())
        before = text[max(start, m.start() - 60) : m.start()]
        if _PASSIVE_RE.search(before) or _AS_BEFORE_RE.search(before):
            # "It was first reported by TASS", "as first reported by Politico": the agent
            # after "by" is the source; "the offer was noted": nobody is speaking.
            by = _BY_AFTER_RE.match(text, m.end(), end)
            if by is None or att.verb not in en.REPORT_VERBS:
                continue
            if not _source_after(text, att, parties, gazetteer, by.end(), end):
                continue
            if gazetteer.party_kind(att.speaker or "") == MEDIA:
                # "It was also reported by Tass": the agency's report, named as its author.
                att.outlet, att.speaker = att.speaker, None
            found.append(att)
            continue
        if _NEGATED_RE.search(before) or _NOBODY_RE.match(text, start, m.start()):
            continue  # "officials did not disclose", "Neither side said": nothing was said
        if _PERFORMATIVE_RE.search(before) and is_on(OWN_PERFORMATIVE):
            continue  # "I would say that ...": the speaker's own words now, not a report
        # "“...,” says the minister": a quote's attribution in the present, as press releases
        # write it, not a position restated.
        inverted = _INVERTED_BEFORE_RE.search(before) is not None
        inverted_says = att.verb == en.INVERTED_PRESENT_SPEECH and inverted
        present = att.verb in en.PRESENT_SPEECH and not inverted_says
        perfect = _RESTATED_RE.search(before) is not None
        plain_perfect = perfect and not (
            att.verb in en.REACTION_SPEECH and not _ALWAYS_RE.search(before)
        )
        att.restated = present or plain_perfect
        att.restated = att.restated or (
            att.verb in en.PLAIN_SPEECH and _PLUPERFECT_RE.search(before) is not None
        )
        wide = _without(text, max(start, m.start() - 160), m.start(), cut)
        att.advocate = _RELATIVE_SUBJECT_RE.search(wide) is not None
        att.prosecution = _PROSECUTORS_RE.search(before) is not None
        if att.verb == en.ACCORDING_TO:
            _source_after(text, att, parties, gazetteer, m.end(), end)
            if gazetteer.party_kind(att.speaker or "") == MEDIA and _A_REPORT_BY_RE.search(
                text, m.end(), att.speaker_start or m.end()
            ):
                att.outlet, att.speaker = att.speaker, None
        elif _INVERTED_BEFORE_RE.search(before):
            if not _source_after(text, att, parties, gazetteer, m.end(), end):
                _subject(text, att, parties, gazetteer, start, cut)
        elif not _subject(text, att, parties, gazetteer, start, cut) and _COMMA_BEFORE_RE.search(
            before
        ):
            # "..., said X." names the source; "..., said X had granted ..." is what was said.
            _source_after(text, att, parties, gazetteer, m.end(), end, closing=True)
        described = any(0 <= m.start() - e <= 2 for _, e in cut)
        if att.verb == en.TOLD and not described:
            # ("a lawyer who has met him told CNN": the person described speaks, not the outlet)
            _outlet_recipient(text, att, parties, gazetteer, end)
        found.append(att)
    return found


def _without(text: str, start: int, end: int, cut: list[tuple[int, int]]) -> str:
    """text[start:end] less the spans cut out of it."""
    pieces, at = [], start
    for s, e in sorted(cut):
        if e > at and s < end:
            pieces.append(text[at : max(at, s)])
            at = e
    return "".join(pieces) + text[at:end]


def _set_source(att: Attribution, mention: Mention, slug: str, gazetteer: Gazetteer) -> None:
    kind = gazetteer.party_kind(slug)
    if att.verb in en.REPORT_VERBS and (
        kind == "outlet" or kind == MEDIA and att.verb in en.QUOTING_VERBS
    ):
        att.outlet = slug
    else:
        att.speaker = slug
    att.speaker_start, att.speaker_end = mention.start, mention.end


def _source_after(
    text: str,
    att: Attribution,
    parties: list[tuple[Mention, str]],
    gazetteer: Gazetteer,
    after: int,
    end: int,
    closing: bool = False,
) -> bool:
    phrase = [(mention, slug) for mention, slug in parties if mention.start >= after]
    chosen: tuple[Mention, str] | None = None
    edge = after
    for mention, slug in phrase:
        if not _INVERTED_GAP_RE.match(text[edge : mention.start]):
            break
        # Within "State Department spokesperson Ned Price" the person is the speaker.
        if chosen is None or gazetteer.party_kind(slug) == "person":
            chosen = (mention, slug)
        edge = mention.end
        if gazetteer.party_kind(slug) == "person":
            break  # the first person named is the speaker, not someone further on
    if chosen is None:
        return False
    if closing and not _SOURCE_END_RE.match(text, chosen[0].end):
        return False
    _set_source(att, chosen[0], chosen[1], gazetteer)
    return True


def _subject(
    text: str,
    att: Attribution,
    parties: list[tuple[Mention, str]],
    gazetteer: Gazetteer,
    start: int,
    cut: list[tuple[int, int]] = (),
) -> bool:
    """Find the speaker before the verb; False when nothing there can be the speaker. The
    relative clauses `cut` are left out ("Jane Roe, a lawyer who has met him, said")."""
    if att.advocate:
        # "His brother, Tom Roe, said": the relative named in apposition speaks.
        for mention, slug in reversed(parties):
            if mention.end <= att.verb_start and att.verb_start - mention.end <= 60:
                if slug in gazetteer.related_case and _APPOSITION_END_RE.match(
                    text, mention.end, att.verb_start
                ):
                    _set_source(att, mention, slug, gazetteer)
                break
        return True  # an unnamed relative: no party to name
    if att.prosecution:
        return True  # an unnamed prosecutor: no party to name
    before = [(mention, slug) for mention, slug in parties if mention.end <= att.verb_start]
    for mention, slug in reversed(before):
        gap = _without(text, mention.end, att.verb_start, cut)
        # "Jane Roe, the ...," and "Some Rights Group, the charity that ...," speak.
        if _APPOSITION_RE.match(gap) and gazetteer.party_kind(slug) in _APPOSED_KINDS:
            _set_source(att, mention, slug, gazetteer)
            return True
    pronoun = _PRONOUN_RE.search(text, max(start, att.verb_start - 60), att.verb_start)
    if pronoun and any(s <= pronoun.start() < e for s, e in cut):
        pronoun = None  # "who" opening the clause cut out
    if before:
        mention, slug = before[-1]
        gap = _without(text, mention.end, att.verb_start, cut)
        close = _SUBJECT_GAP_RE.match(gap) and not _CLAUSE_WORDS_RE.search(gap)
        # "Lindsay Kagawa Colas, said" closes an apposition: the name is the speaker.
        close = close or _COMMA_BEFORE_RE.match(gap) is not None
        if close and not (pronoun and pronoun.start() >= mention.end):
            role = _ROLE_RE.search(gap)
            if role and _PERSON_ROLE_RE.search(gap):
                return True  # "Griner's lawyers said": someone close to the party, unnamed
            _set_source(att, mention, slug, gazetteer)
            if role:
                att.role = role.group().lower()
            return True
    if pronoun:
        who = pronoun.group("who")
        if who in en.FIRST_PERSON_SUBJECTS:
            att.first_person = True
        else:
            att.pronoun = who.lower()
        return True
    return False


def _outlet_recipient(
    text: str, att: Attribution, parties: list[tuple[Mention, str]], gazetteer: Gazetteer, end: int
) -> None:
    for mention, slug in parties:
        if att.verb_end <= mention.start <= att.verb_end + 2:
            if gazetteer.party_kind(slug) == "outlet" and att.speaker is None:
                att.outlet = slug  # "Officials told CNN": the outlet's report
            return


def is_report(att: Attribution) -> bool:
    return att.outlet is not None and att.speaker is None


def reports_earlier(text: str, att: Attribution) -> bool:
    """ "which CNN first reported": an outlet's earlier scoop, not today's story."""
    before = text[max(0, att.verb_start - 12) : att.verb_start].lower()
    return att.verb in en.REPORT_VERBS and any(w in before for w in en.EARLIER_REPORT_WORDS)
