"""extract(): article text + publication date + gazetteer -> proposed timeline entries.

The steps, each explainable to an editor:
1. Split sentences; headings and datelines are context, never evidence.
2. Read the article as a whole: which cases and proposals it is about (the dominant cases), and
   who wrote it when it is a government statement ("Statement by Ambassador ...").
3. Read each sentence: names, dates, trigger words, quotes, who is speaking.
4. Resolve speakers across sentences: "he" and "the spokesperson" are the last named speaker; an
   unnamed "ministry spokesperson" is named by the quote that follows.
5. Find the developments of a sentence: one per speaker ("Price reiterated ... which CNN first
   reported" is two), plus one per event that carries its own date ("was arrested in 2018").
6. Give each development its cases: named ones; else the proposal's ("the deal"); else the
   article's dominant cases when the sentence is about the negotiation.
7. Fold what is not a new development: a quote continuing the previous speaker's statement, the
   next sentences of a government statement saying the same, more of the same outlet's report,
   and an event already proposed from an earlier sentence.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .candidate import Candidate
from .clauses import Clause, coordinated_segments, subordinate_clauses
from .confidence import confidence
from .dates import (
    DAY,
    EARLIEST_DATE,
    LEAD,
    MONTH,
    PUBLICATION,
    YEAR,
    DateMention,
    find_dates,
    latest_date,
)
from .gazetteer import Gazetteer, Mention
from .kinds import REPORT, STATEMENT, Trigger, best_kind, find_triggers
from .lang import en
from .quotes import (
    MEDIA,
    OWN_PERFORMATIVE,
    Attribution,
    find_attributions,
    has_first_person,
    is_report,
    quote_spans,
    quoted_text,
    reports_earlier,
    starts_with_quote,
)
from .rules import FRAME, STRONG, WEAK, is_on
from .sentences import (
    CUT_OFF_PARAGRAPH,
    TRANSCRIPT_TURNS,
    WRAPPED_LINES,
    Sentence,
    split_sentences,
)

# The words these patterns look for are the language pack's (lang/en.py); the comments say what
# the engine reads them for.
# "the deal", "this arrangement", "a proposed prisoner swap": the proposal the article is about.
_ANAPHOR_RE = re.compile(en.ANAPHOR)
_ACCUSATION_RE = re.compile(en.ACCUSATION)
_ACCUSED_PARTY_GAP_RE = re.compile(en.ACCUSED_PARTY_GAP)
_AUTHOR_HEADING_RE = re.compile(en.AUTHOR_HEADING)
# Briefing transcripts: "MR PRICE: ..." gives the speaker; "QUESTION: ..." is a reporter asking.
_LABEL_RE = re.compile(en.LABEL)
_FILLER_RE = re.compile(en.FILLER)
_FOLLOW_UP_RE = re.compile(en.FOLLOW_UP_QUESTION)
_TRAVEL_RE = re.compile(en.TRAVEL)
_PAST_PERFECT_RE = re.compile(en.PAST_PERFECT_BEFORE)
_COMES_AFTER_RE = re.compile(en.COMES_AFTER)
_PERSONAL_RELATIVE_RE = re.compile(en.PERSONAL_RELATIVE)
_PLURAL_RELATIVE_RE = re.compile(en.PLURAL_RELATIVE)
_NAME_LIST_GLUE_RE = re.compile(en.NAME_LIST_GLUE)
# "she", "his", "the trial": an event happening to the case the text is about.
# ", she was sentenced": the subject of a main clause after an opening phrase.
_SUBJECT_PRONOUN_RE = re.compile(en.SUBJECT_PRONOUN)
_CASE_PRONOUN_RE = re.compile(en.CASE_PRONOUN)
# "consular access to her", "called for his release": the detainee as the object of the plea.
_CASE_OBJECT_RE = re.compile(en.CASE_OBJECT)
_RELATIVES_RE = re.compile(en.RELATIVES_MENTIONED)
_UNNAMED_DETAINEE_RE = re.compile(en.UNNAMED_DETAINEE)
# "was also convicted", "were also freed": one more of the events just told.
_ALSO_RE = re.compile(en.ALSO_BEFORE)
_FOLLOWING_STATEMENT_RE = re.compile(en.FOLLOWING_STATEMENT)
_FEMALE_RE = re.compile(en.FEMALE_WORDS)
_MALE_RE = re.compile(en.MALE_WORDS)
_HONORIFIC_BEFORE_RE = re.compile(en.HONORIFIC_BEFORE)
_APPOSITION_AFTER_RE = re.compile(en.APPOSITION_AFTER)
_AND_RE = re.compile(en.CONJUNCTION_AND)
# "Prosecutors gave ...", "In December, investigators added ...": the prosecution acts.
_PROSECUTION_SUBJECT_RE = re.compile(en.PROSECUTION_SUBJECT)
_DEFINITE_COURT_RE = re.compile(en.DEFINITE_COURT)
# The reading rules (lang/en_rules.py READING_RULES) whose logic is here.
PRINTED_STATEMENT = "reading-printed-statement"
ONE_STATEMENT_PER_SPEAKER = "reading-one-statement-per-speaker"
CLAUSE_CASES = "reading-clause-cases"
QUESTION_NEWS = "reading-question-news"
ANSWER_TO_QUESTION = "reading-answer-to-question"
FOLLOW_UP = "reading-follow-up-question"
LEAD_NEWS = "reading-lead-news"
UNNAMED_DETAIL = "reading-unnamed-source-detail"
UNNAMED_LEAD = "reading-unnamed-lead"
WHOLE_ANSWER = "reading-whole-answer"
ALSO_THEN = "reading-also-then"
STATE_MEDIA_DETAIL = "reading-state-media-detail"
STATE_MEDIA_AFTER_EVENT = "reading-state-media-after-event"
RESTATED_EVENT = "reading-event-restated-by-speaker"
NEGOTIATION_NAMED = "reading-negotiation-named-only"
GROUP_OBJECT = "reading-their-release"
DATED_STEP = "reading-dated-step"
RELEASED_INTO_RESTRICTIONS = "reading-released-into-restrictions"
FURNITURE_BEFORE_DATELINE = "reading-furniture-before-dateline"
STANDFIRST = "reading-standfirst-restated"
REACTION_TO_EVENT = "reading-reaction-to-event"
ANCHOR_ON_WORDS = "reading-anchor-on-stated-words"
DATED_RESTATEMENT = "reading-dated-restatement"
ACCUSED_PARTY = "reading-accused-party"
STANCE_ON_EVENT = "reading-stance-on-event"
SCOOP_OF_THE_NEWS = "reading-scoop-of-the-days-news"
SCENE_DATE = "reading-scene-date"
TRAILING_SOURCE = "reading-trailing-source"
ROLE_UNNAMED = "reading-role-never-named"
QUOTE_RETELLS = "reading-quote-retells"
REACTION_AFTER_LATEST_NEWS = "reading-reaction-after-the-latest-news"
FAMILY_VISIT = "reading-family-visit"
QUOTE_GOES_ON = "reading-quote-goes-on"
ADDED_GOES_ON = "reading-added-goes-on"
RELEASE_BRIEFED = "reading-release-briefed"
RELATIVE_DESCRIBES = "reading-relative-describes"
NEWS_FOLLOWS = "reading-what-the-news-follows"
COUNTED_BACK = "reading-counted-back-detention"
CONFIRMED_EVENT = "reading-confirmed-event"
OFFICIAL_FOR_GOVERNMENT = "reading-official-speaks-for-government"
RELEASE_JOURNEY = "reading-journey-of-the-release"
_RELEASE_JOURNEY_RE = re.compile(en.RELEASE_JOURNEY)
_RELEASE_JOURNEY_TIMES_ANOTHER_RE = re.compile(en.RELEASE_JOURNEY_TIMES_ANOTHER)
_CONFIRMED_EVENT_GAP_RE = re.compile(en.CONFIRMED_EVENT_GAP)
CONTACT_BEFORE_RELEASE = "reading-contact-before-release"
AGENT_BEFORE_ACTIVE_VERB = "reading-agent-before-active-verb"
DATE_OF_THE_VERB_BEFORE = "reading-date-of-the-verb-before"
INTERVAL_REFERENCE = "reading-interval-reference"
_DETERMINER_ONLY_RE = re.compile(en.DETERMINER_ONLY)
ORGANISATION_STATEMENT = "reading-organisation-statement"
# Dates counted back from the story by a round count ("seven months ago"): near, not exact.
_COUNTED_BACK_RULES = frozenset({"date-ago"})
# How far a count of each unit may miss the day it counts back to.
_COUNT_SLACK_DAYS = {"day": 2, "week": 7, "month": 45, "year": 400}
_UNIT_WORD_RE = re.compile(r"(?i:\b(day|week|month|year)s?\b)")
# What a relative clause tells of a person in passing ("who was detained in Iran").
_RELATIVE_BACKGROUND_KINDS = frozenset({"detention"})
_BRIEFING_TRIGGER = "release-briefing-on-the-release"
BACKGROUND_BESIDE_STATEMENT = "reading-background-beside-statement"
# Readings that fold an earlier draft into a later sentence which dates or tells it better:
# that sentence becomes the entry.
_THE_DATING_SENTENCE = frozenset({DATED_RESTATEMENT, RELEASE_BRIEFED, COUNTED_BACK})

# Kinds that only make sense as part of a negotiation: enough to inherit the article's cases.
_PERFORMATIVE_FRAME = "statement-performative"
_MET_RELATIVES = "advocacy-met-relatives"
_PERFORMATIVE_TOPIC_RE = re.compile(en.PERFORMATIVE_TOPIC)
_NEGOTIATION_KINDS = frozenset({"response", "proposal", "contact", "release"})
# Events that happen once: a second sentence stating the same one is not a new development.
_ONCE_KINDS = frozenset({"release", "designation", "court", "charge", "detention", "custody"})
# A state that lasts: "held since 2014", "free since July". An act ("indicted", "met") is never
# dated by "since".
_STATE_KINDS = frozenset({"detention", "custody", "release"})
_ATTRIBUTION_DATE_WINDOW = 45
# How far after an event word its object (the person it is done to) is looked for.
_OBJECT_REACH = 30
_CONSULAR_RE = re.compile(en.CONSULAR)
_NOMINAL_CONTACT_RE = re.compile(en.NOMINAL_CONTACT)
_HELD_RE = re.compile(en.HELD)
_THANKS_RE = re.compile(en.THANKS)
# "a senior administration official, speaking on condition of anonymity": nobody by name.
_ANONYMOUS_RE = re.compile(en.ANONYMOUS)
# "Nov. 9: ...", "Jan. 6 — ...", "10 January - ...": the separator after a chronology date.
_TIMELINE_SEP_RE = re.compile(r":|\s*[—–]|\s+-\s")
# "the six", "the pair", "both men": several detainees at once.
_GROUP_RE = re.compile(en.GROUP)
_STARTS_WITH_PRONOUN_RE = re.compile(en.STARTS_WITH_PRONOUN)
_PLURAL_OBJECT_RE = re.compile(en.PLURAL_OBJECT)
_THEIR_CASE_RE = re.compile(en.THEIR_CASE)
# "Qatar, which hosted the talks, said": what the clause says describes the speaker.
_SPEAKER_CLAUSE_RE = re.compile(en.SPEAKER_CLAUSE)
# "several other Americans", "other detainees": people the article does not track.
_OTHERS_RE = re.compile(en.OTHERS)
_EXPECTED_RE = re.compile(en.EXPECTED)
_HABITUAL_RE = re.compile(en.HABITUAL)
# "Mr. X is a retired teacher in his seventies": who someone is, not what happened.
_DESCRIPTION_RE = re.compile(en.DESCRIPTION)
# The object after "freed", up to a comma, a preposition or the end of the clause.
_OBJECT_PHRASE_RE = re.compile(en.OBJECT_PHRASE)
_PROPER_NAME_RE = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\b")
_SEPARATELY_RE = re.compile(en.SEPARATELY)
# "the three French detainees", "the detention of French citizens": every detainee told.
_ALL_DETAINEES_RE = re.compile(en.ALL_DETAINEES)
_BULLETS = frozenset({"-", "–", "—", "•", "*"})
_THEN_RE = re.compile(en.THEN)
_STEP_BREAK_RE = re.compile(en.STEP_BREAK)
_RESTRICTED_RE = re.compile(en.RESTRICTED)
_AFTER_BEFORE_RE = re.compile(en.AFTER_BEFORE)
_FREE_RE = re.compile(en.FREE)
# Things that happen to a detainee; when the nearest person named is someone else (a prisoner
# released in exchange, the envoy), the trigger is about them.
_DETAINEE_KINDS = frozenset({"detention", "charge", "court", "custody", "release"})
# A date can sit far from its event ("freed A, B and C ... on Thursday") when nothing else
# happens in between.
_STRONG_DATE_WINDOW = 160
_WEAK_DATE_WINDOW = 30


@dataclass(slots=True)
class _Article:
    strong: set[tuple[str, str]]
    mentioned_cases: set[str]
    dominant_cases: list[str] = field(default_factory=list)
    dominant_proposal: str | None = None
    author: str | None = None
    year: int = 0  # of publication: which of several holders of a title is meant


@dataclass(slots=True)
class _Reading:
    """What one sentence says, before deciding whether it holds developments."""

    index: int
    sentence: Sentence
    text: str
    cases: list[str]
    case_mentions: list[Mention]
    parties: list[tuple[Mention, str]]
    proposals: list[str]
    proposal_mentions: list[Mention]
    anaphor: tuple[int, int] | None
    dates: list[DateMention]
    triggers: list[Trigger]
    attributions: list[Attribution]
    quotes: list[tuple[int, int]]
    long_quotes: list[tuple[int, int]]
    quote_led: bool
    first_person: bool
    timeline: bool = False  # a timeline line: "Nov. 9: Prosecutors add charges ..."
    label: str | None = None  # the speaker a briefing transcript names for this paragraph
    question: bool = False
    speaker: str | None = None
    continuation: bool = False
    lead: bool = False  # one of the story's first body sentences, where it tells its news
    next_cases: list[str] = field(default_factory=list)  # those the next sentence names
    news_told: str | None = None  # the kind of news an earlier lead sentence told undated
    # The date of each kind of event the story has told so far (the last of each).
    told_before: dict[str, DateMention] = field(default_factory=dict)
    # The date that opened the paragraph's previous sentence, which told no development of its
    # own ("In 2016, her father travelled to Iran."): the scene this sentence goes on in.
    scene: DateMention | None = None
    # The first sentence of an answer in a transcript: the cases the question asked about.
    answer_to: list[str] = field(default_factory=list)
    # ... when the last answer left that question unanswered ("Am I going to what?"): a
    # statement of its own, not more of the speaker's earlier words.
    follow_up: bool = False
    # ... when those cases were carried from the last exchange by a follow-up question.
    carried_case: bool = False
    rules: list[str] = field(default_factory=list)  # reading rules that shaped how it is read
    clauses: list[Clause] = field(default_factory=list)  # subordinate clauses, text offsets
    relative: list[tuple[int, int]] = field(default_factory=list)  # the relative clauses' spans


@dataclass(slots=True)
class _Development:
    kind: str
    key: tuple[str, str | None]
    speaker: str | None
    outlet: str | None = None
    date: DateMention | None = None
    triggers: list[Trigger] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    earlier_report: bool = False
    said: bool = False  # someone is reported saying it, so the story's date applies
    voice: str | None = None  # the kind of the saying itself: statement, advocacy or report
    voice_dated: bool = False  # the saying has its own date ("said that day")
    rules: list[str] = field(default_factory=list)  # the reading rules that made it


@dataclass(slots=True)
class _Draft:
    reading: _Reading
    development: _Development
    date: dt.date
    precision: str
    basis: str
    kind: str
    cases: list[str]
    parties: list[str]
    proposal: str | None
    speaker: str | None
    quote: str
    matched: list[dict[str, Any]]
    inherited: bool = False  # no case named in the sentence: the cases come from context
    anchor: str = PUBLICATION  # what the date was counted from (dates.DateMention.anchor)
    rules: list[str] = field(default_factory=list)  # reading rules that shaped it (en_rules.py)
    # The sentences cited: this one, and those of the same paragraph that went on saying it.
    last: _Reading | None = None

    def absorb(self, other: _Draft) -> None:
        """Fold a sentence that continues this development: keep its words as quote, and a
        statement's next sentences in its paragraph as part of what is cited."""
        if other.quote and other.quote not in self.quote:
            self.quote = f"{self.quote} … {other.quote}" if self.quote else other.quote
        last = self.last or self.reading
        if (
            self.kind in (STATEMENT, "advocacy")
            and other.reading.index == last.index + 1
            and other.reading.sentence.paragraph == last.sentence.paragraph
        ):
            self.last = other.reading


def extract(text: str, published: dt.date, gazetteer: Gazetteer) -> list[Candidate]:
    sentences, story_opens = _furniture_before_dateline(text, split_sentences(text))
    story_opens_at_dateline = story_opens is not None
    if story_opens is None:
        sentences, story_opens = _standfirst(text, sentences)
    if not sentences or published < EARLIEST_DATE:
        # Before 1900 every date the article gives or implies is one the record cannot hold.
        return []
    mentions = gazetteer.find(text)
    article = _read_article(sentences, mentions, gazetteer, published.year)
    dates = find_dates(text, published)
    triggers = find_triggers(text)
    readings = [
        _read_sentence(text, i, s, mentions, dates, triggers, article, gazetteer)
        for i, s in enumerate(sentences)
    ]
    _label_paragraphs(text, readings)
    for r in readings:
        if r.sentence.paragraph == story_opens:
            r.rules.append(FURNITURE_BEFORE_DATELINE if story_opens_at_dateline else STANDFIRST)
        if r.sentence.turn:
            r.rules.append(TRANSCRIPT_TURNS)
        if r.sentence.cut_off:
            r.rules.append(CUT_OFF_PARAGRAPH)
        if r.sentence.wrapped:
            r.rules.append(WRAPPED_LINES)
    body = [r for r in readings if not r.sentence.heading]
    for r in body[:_LEAD_SENTENCES]:
        r.lead = True
    for r, following in zip(body, body[1:], strict=False):
        r.next_cases = following.cases
    _read_printed_statements(text, readings)
    _resolve_speakers(text, readings, article, gazetteer)
    # In a government statement or a briefing, the issuer vouches for every sentence.
    first_person = any(r.first_person or r.label for r in readings)
    drafts: list[_Draft] = []
    focus = _Focus()
    news_told: str | None = None
    told: dict[str, DateMention] = {}  # the date of the last event of each kind told so far
    scene: tuple[int, DateMention] | None = None  # (paragraph, date) set by the last sentence
    for reading in readings:
        if not reading.sentence.heading:
            reading.news_told = news_told
            reading.told_before = dict(told)
            if scene is not None and scene[0] == reading.sentence.paragraph:
                reading.scene = scene[1]
            developments = _developments(text, reading, published, gazetteer, first_person)
            opening = _leading_date(text, reading, reading.sentence.end)
            scene = None
            if opening is not None and not developments and not reading.question:
                scene = (reading.sentence.paragraph, opening)
            news_told = news_told or next(
                (d.kind for d in developments if LEAD_NEWS in d.rules), None
            )
            if reading.question:
                developments = (
                    _told_in_a_question(reading, developments) if is_on(QUESTION_NEWS) else []
                )
                for development in developments:
                    development.rules.append(QUESTION_NEWS)
            for development in developments:
                draft = _draft(
                    text, reading, development, article, published, gazetteer, drafts, focus
                )
                if draft is not None:
                    drafts.append(draft)
                    if draft.development.date is not None:
                        told[draft.kind] = draft.development.date
                    if not draft.inherited or len(draft.cases) == 1:
                        focus.follow(reading.index, draft.cases, article)
        if reading.cases:
            focus.follow(reading.index, reading.cases, article)
        elif any(gazetteer.party_kind(slug) == "person" for _, slug in reading.parties):
            focus.stranger = reading.index
            first = reading.parties[0][0]
            if (
                first.start - reading.sentence.start <= 1
                and gazetteer.party_kind(reading.parties[0][1]) == "person"
            ):
                focus.stranger_subject = reading.index
    drafts = [d for d in drafts if not _thanks_only(d, gazetteer)]
    _date_to_the_news_day(drafts, readings, published)
    _share_exchange_cases(drafts, families=False)
    drafts = _drop_restated_durations(drafts)
    kept = _fold(drafts, gazetteer)
    kept = _fold_undated_advocacy(kept, gazetteer)
    kept = _first_of_a_cut_off_sentence(kept)
    _cite_whole_answers(kept, readings)
    _share_exchange_cases(kept)
    # A date the record cannot hold is no proposal: an article published in year 1 dated by its
    # publication date, or a date counted far from an impossible one.
    latest = latest_date(published)
    return [_freeze(text, d, published) for d in kept if EARLIEST_DATE <= d.date <= latest]


def _first_of_a_cut_off_sentence(drafts: list[_Draft]) -> list[_Draft]:
    """A sentence cut off where the page's excerpt ends is read for the development it opens
    with, when the story has not told it already; what its later clauses go on to tell was cut
    with them."""
    cut: set[int] = set()
    told = set()
    kept = []
    for d in drafts:
        told_as = (d.kind, d.date, tuple(d.cases), d.speaker)
        if d.reading.sentence.cut_off:
            if d.reading.index in cut or (d.development.date is not None and told_as in told):
                continue
            cut.add(d.reading.index)
        told.add(told_as)
        kept.append(d)
    return kept


_WIRE_DATELINE_RE = re.compile(en.WIRE_DATELINE)
# A dateline further down than this many paragraphs opens a second story, not the first.
_DATELINE_WITHIN = 8


def _furniture_before_dateline(
    text: str, sentences: list[Sentence]
) -> tuple[list[Sentence], int | None]:
    """A wire story opens at its dateline ("BEIJING —"); the lines a page prints above it (a
    standfirst, photo captions, a summary) restate that story, so they are headings, never
    evidence, and the development is told where the story tells it. Returns the sentences and
    the paragraph the story opens with (None when nothing was set aside)."""
    if not is_on(FURNITURE_BEFORE_DATELINE):
        return sentences, None
    first_body = next((s.paragraph for s in sentences if not s.heading), None)
    opening = None
    paragraph = -1
    for s in sentences:
        if s.paragraph > _DATELINE_WITHIN:
            break
        opens_paragraph, paragraph = s.paragraph != paragraph, s.paragraph
        m = _WIRE_DATELINE_RE.match(text, s.start) if opens_paragraph and not s.heading else None
        # a bare dash opening a line is a list item, not a dateline
        if m and m.end() - s.start > 4:
            opening = s.paragraph
            break
    if opening is None or first_body is None or opening <= first_body:
        return sentences, None
    return [
        Sentence(s.start, s.end, s.paragraph, True) if s.paragraph < opening else s
        for s in sentences
    ], opening


_CONTENT_WORD_RE = re.compile(r"[^\W_][\w-]{3,}")
# A standfirst repeats most of its words in the story's first sentence; a lead's second
# paragraph, which goes on with the story, repeats far fewer (about a fifth on the news sets).
_STANDFIRST_OVERLAP = 0.45
_STANDFIRST_MIN_CHARS = 60


def _standfirst(text: str, sentences: list[Sentence]) -> tuple[list[Sentence], int | None]:
    """Under a headline, a one-sentence paragraph whose words the next paragraph's first
    sentence mostly repeats is the page's standfirst (a summary printed above the story): a
    heading, and the story, with its first telling of the news, opens after it. Returns the
    sentences and the paragraph the story opens with (None when nothing was set aside)."""
    if not is_on(STANDFIRST):
        return sentences, None
    body = [s for s in sentences if not s.heading]
    if not body or not any(s.heading and s.start < body[0].start for s in sentences):
        return sentences, None
    first = body[0]
    rest = [s for s in body if s.paragraph != first.paragraph]
    words = first.end - first.start
    if (
        not rest
        or rest[0] is not body[1]
        or words < _STANDFIRST_MIN_CHARS
        or text[first.end - 1] == "?"
        or text[rest[0].start] in en.OPENING_QUOTES  # a quote goes on with the story
        or _WIRE_DATELINE_RE.match(text, first.start)
        or _LABEL_RE.match(text, first.start)
    ):
        return sentences, None
    told = {w.lower() for w in _CONTENT_WORD_RE.findall(text, first.start, first.end)}
    again = {w.lower() for w in _CONTENT_WORD_RE.findall(text, rest[0].start, rest[0].end)}
    if len(told & again) < _STANDFIRST_OVERLAP * len(told):
        return sentences, None
    return [
        Sentence(s.start, s.end, s.paragraph, True) if s is first else s for s in sentences
    ], rest[0].paragraph


def _cite_whole_answers(kept: list[_Draft], readings: list[_Reading]) -> None:
    """A briefer's answer, or a paragraph of a government's own statement, is one statement:
    it is cited whole, to the end of the speaker's paragraph or the next development told in
    it, so the editor reads what was said and not its first sentence only."""
    if not is_on(WHOLE_ANSWER):
        return
    cited = {d.reading.index for d in kept}
    for d in kept:
        r = d.reading
        own_words = r.label or r.answer_to or r.first_person
        if d.kind != STATEMENT or not own_words:
            continue
        last = d.last or r
        for nxt in readings[last.index + 1 :]:
            if nxt.sentence.paragraph != r.sentence.paragraph or nxt.index in cited:
                break
            last = nxt
        if last is not (d.last or r):
            d.rules.append(WHOLE_ANSWER)
        d.last = last


def _drop_restated_durations(kept: list[_Draft]) -> list[_Draft]:
    """ "Held for nearly three years" dates a detention only roughly, counted back from the story;
    when the story dates a detention of the same people anywhere else, that is the one an editor
    files, and the duration only restates it."""

    def counted_back(d: _Draft) -> bool:
        return (
            d.kind == "detention"
            and d.development.date is not None
            and bool(d.development.date.binds)
        )

    dated = [set(d.cases) for d in kept if d.kind == "detention" and not counted_back(d)]
    return [d for d in kept if not (counted_back(d) and any(set(d.cases) & c for c in dated))]


_REACTION_KINDS = (STATEMENT, "advocacy", REPORT, "contact")  # words on the news, not news
_LEAD_SENTENCES = 3  # the lead: the first body sentences, where a story dates its news


def _date_to_the_news_day(drafts: list[_Draft], readings: list[_Reading], published: dt.date):
    """Wire copy is often dated the day after the news it tells ("Biden on Monday announced ..."
    in a Tuesday story). A quote or reaction the story does not date belongs to that news day,
    the day its lead gives, not to the day the page went up."""
    body = [r.index for r in readings if not (r.sentence.heading or r.question)]
    lead = set(body[:_LEAD_SENTENCES])
    day = next(
        (
            d.date
            for d in drafts
            if d.reading.index in lead
            and d.basis != "published"
            and d.precision == DAY
            and 1 <= (published - d.date).days <= 2
        ),
        None,
    )
    # A lead that also tells something of the publication day itself ("unsealed today") is a
    # same-day story: its undated words are of that day.
    same_day = any(
        d.reading.index in lead
        and d.basis != "published"
        and d.date == published
        and not _quoted_date(d)  # "“Today we secured his release,” Biden said": his day
        for d in drafts
    )
    # A story whose news goes on to its publication day ("Hours later, on Friday afternoon, he
    # was a free man" in a Friday story) is told from that day: its undated reactions follow
    # that latest news and stay on it (a reaction dated that day is no such news); its undated
    # events are still the lead's.
    told = set(body)
    news_reaches_its_day = is_on(REACTION_AFTER_LATEST_NEWS) and any(
        d.reading.index in told
        and d.basis != "published"
        and d.precision == DAY
        and d.date == published
        and d.kind not in _REACTION_KINDS
        and not _quoted_date(d)
        for d in drafts
    )
    if day is None or same_day:
        return
    for d in drafts:
        if d.basis != "published":
            continue
        if news_reaches_its_day and d.kind in _REACTION_KINDS:
            d.rules.append(REACTION_AFTER_LATEST_NEWS)
        else:
            d.date, d.anchor = day, LEAD


def _quoted_date(d: _Draft) -> bool:
    date = d.development.date
    return date is not None and any(s <= date.start < e for s, e in d.reading.quotes)


def _thanks_only(d: _Draft, gazetteer: Gazetteer) -> bool:
    """ "We are grateful to all who worked tirelessly, and to the families": thanks with nobody
    to thank but everyone, in a statement's own words, are not a development."""
    r = d.reading
    if d.kind != STATEMENT or d.development.date is not None or not r.first_person:
        return False
    if any(not a.first_person for a in d.development.attributions):
        return False
    frames = [t for t in r.triggers if t.kind == STATEMENT]
    if not frames or any(t.kind != STATEMENT and t.strength >= STRONG for t in r.triggers):
        return False
    if not all(_THANKS_RE.match(t.text) for t in frames):
        return False
    return not any(
        gazetteer.party_kind(slug) in ("government", "person")
        and not m.slugs("case")
        and slug not in gazetteer.related_case
        for m, slug in r.parties
    )


def _share_exchange_cases(kept: list[_Draft], families: bool = True) -> None:
    """An exchange announced without naming everyone it freed: the families who speak that day
    name the others; what is said about the exchange is about all of them."""
    for release in (d for d in kept if d.kind == "release"):
        if release.inherited and families:
            for d in kept:
                if d.kind == "advocacy" and d.date == release.date and d.reading.cases:
                    release.cases += [c for c in d.cases if c not in release.cases]
        for d in kept:
            if (
                d is not release
                and d.inherited
                and d.kind == STATEMENT
                and d.date == release.date
                and _mentions_exchange(d.reading)
            ):
                d.cases = list(release.cases)


def _mentions_exchange(r: _Reading) -> bool:
    return r.anaphor is not None or any(t.kind == "release" for t in r.triggers)


@dataclass(slots=True)
class _Focus:
    """The case the text is talking about at this point, for "she" and "the trial"."""

    index: int = -10
    case: str | None = None
    stranger: int = -10  # the last sentence naming someone who is not a detainee, and no case
    stranger_subject: int = -10  # ... and opening with that person's name
    group: list[str] = field(default_factory=list)  # the last cases named together
    group_index: int = -10

    def follow(self, index: int, cases: list[str], article: _Article) -> None:
        if not cases:
            return
        if len(cases) > 1:
            self.group, self.group_index = list(cases), index
        # Of several cases just named, the article's main one is the likelier antecedent.
        main = [c for c in cases if c in article.dominant_cases]
        self.index, self.case = index, (main[0] if len(main) == 1 else cases[-1])

    def at(self, index: int) -> list[str]:
        return [self.case] if self.case and index - self.index <= 4 else []

    def together(self, index: int) -> list[str]:
        return list(self.group) if index - self.group_index <= 6 else []


def _label_paragraphs(text: str, readings: list[_Reading]) -> None:
    """Transcripts: the speaker each paragraph's label names ("MR PRICE:"), the reporters'
    questions ("QUESTION:", "Q"), and the cases a question asked about, which the first
    sentence of the answer is about even when it names nobody ("Q: ... this reporter?" /
    "THE PRESIDENT: Let him go.")."""
    label: str | None = None
    paragraph = -1
    asking = False
    asked: list[str] = []  # the cases the questions since the last answer named
    answering: list[str] = []  # the cases the answer under way has yet to speak to
    last: list[str] = []  # the cases the last exchange was about
    carried = False  # the question since the last answer was left unanswered, and named none
    following = False  # the answer under way answers such a follow-up
    pointed = carrying = False  # a follow-up carried the last exchange's cases
    for r in readings:
        if r.sentence.paragraph != paragraph:
            paragraph = r.sentence.paragraph
            # A headline "UAE: Court upholds ..." is not a transcript's speaker label.
            m = None if r.sentence.heading else _LABEL_RE.match(text, r.sentence.start)
            if m:
                asking = m.group("label") in en.QUESTION_LABELS
                named = [slug for mention, slug in r.parties if mention.start < m.end()]
                label = None if asking else (named[0] if named else label)
                if not asking:
                    answering, asked = asked, []
                    last = answering or last
                    following, carried = carried, False
                    carrying, pointed = pointed, False
        r.label = label
        r.question = asking or text[r.sentence.end - 1] == "?"
        if asking:
            asked += [c for c in r.cases if c not in asked]
            if not asked and is_on(FOLLOW_UP) and (answering or _FOLLOW_UP_RE.search(r.text)):
                # "Anything about his case?", or the question asked again after "Am I going
                # to what?": still the case of the last exchange; an answer to a question
                # the speaker has not yet answered is a statement of its own.
                asked, carried, pointed = list(last), bool(answering), True
        elif (
            answering
            and is_on(ANSWER_TO_QUESTION)
            and not (r.question and is_on(FOLLOW_UP))  # "Am I going to what?" answers nothing
            and not _FILLER_RE.fullmatch(_LABEL_RE.sub("", r.text, count=1))
        ):
            # "MR PRICE: Sure." opens an answer and says nothing; the next sentence speaks.
            r.answer_to, answering = answering, []
            r.follow_up, r.carried_case = following, carrying


def _read_printed_statements(text: str, readings: list[_Reading]) -> None:
    """ "X released the following statement:" and then the statement, all in quotation marks:
    the quoted paragraphs are X's own words, read as a statement's sentences (in the first
    person, their events the news), not as a quote inside a story."""
    if not is_on(PRINTED_STATEMENT):
        return
    introduced = False
    paragraph = -1
    starts: dict[int, int] = {}  # where each paragraph begins
    for r in readings:
        starts.setdefault(r.sentence.paragraph, r.sentence.start)
    for r, before in zip(readings[1:], readings, strict=False):
        if r.sentence.paragraph != paragraph:
            paragraph = r.sentence.paragraph
            opens = r.quote_led and r.sentence.paragraph != before.sentence.paragraph
            # The statement runs on while its paragraphs open with a quotation mark; "issued the
            # following statement after ..." introduces it without a colon too.
            announced = text[before.sentence.end - 1] == ":" or bool(
                _FOLLOWING_STATEMENT_RE.search(
                    text, starts[before.sentence.paragraph], before.sentence.end
                )
            )
            introduced = opens and (announced or introduced)
        if introduced:
            r.long_quotes = []
            r.first_person = has_first_person(text, r.sentence.start, r.sentence.end, [])
            r.rules.append(PRINTED_STATEMENT)


# --- the article as a whole ---------------------------------------------------------------


def _read_article(
    sentences: list[Sentence], mentions: list[Mention], gazetteer: Gazetteer, year: int
) -> _Article:
    strong: set[tuple[str, str]] = set()
    for m in mentions:
        if m.weak:
            continue
        for kind in ("case", "proposal", "party"):
            slugs = m.slugs(kind)
            if len(slugs) == 1 or (kind == "case" and _names_together(m)):
                strong.update((kind, slug) for slug in slugs)
    article = _Article(strong, {slug for kind, slug in strong if kind == "case"}, year=year)
    case_counts: Counter[str] = Counter()
    proposal_counts: Counter[str] = Counter()
    for m in mentions:
        if _dateline(m):
            continue
        case_counts.update(_confirmed(m, "case", article, gazetteer))
        proposal_counts.update(_confirmed(m, "proposal", article, gazetteer))
    if proposal_counts:
        article.dominant_proposal = proposal_counts.most_common(1)[0][0]
    if case_counts:
        top = max(case_counts.values())
        article.dominant_cases = sorted(c for c, n in case_counts.items() if 2 * n >= top)
    elif article.dominant_proposal:
        article.dominant_cases = list(gazetteer.proposals[article.dominant_proposal].cases)
    article.author = _author(sentences, mentions, gazetteer)
    return article


def _names_together(m: Mention) -> bool:
    """ "Craig and Lindsay Foreman": a name of several cases that lists them names them all."""
    return not m.weak and _NAME_LIST_GLUE_RE.search(m.text) is not None


def _dateline(m: Mention) -> bool:
    """A place in capitals ("PARIS, March 21 -") is where the story was filed, not a person."""
    return m.text.isupper() and " " not in m.text


def _confirmed(mention: Mention, kind: str, article: _Article, gazetteer: Gazetteer) -> list[str]:
    """The slugs of this kind a mention can be trusted to name, in this article."""
    slugs = mention.slugs(kind)
    if not slugs or (kind == "party" and not mention.weak and len(slugs) == 1):
        return slugs
    if not mention.weak and (len(slugs) == 1 or (kind == "case" and _names_together(mention))):
        return slugs
    sure = [s for s in slugs if (kind, s) in article.strong]
    if kind == "case" and mention.described and not article.mentioned_cases:
        # "An American was arrested" in a story naming no one: the description is all we have.
        return slugs
    if kind == "proposal" and not sure:
        # A generic alias ("the arrangement") names the proposal when the article names all
        # of that proposal's cases.
        sure = [
            s
            for s in slugs
            if gazetteer.proposals[s].cases
            and set(gazetteer.proposals[s].cases) <= article.mentioned_cases
        ]
    if kind == "party" and not sure:
        # "his family", an alias of several detainees' families: the family of a detainee
        # the story names, and no other detainee's.
        related = [s for s in slugs if s in gazetteer.related_case]
        if related:
            ours = [s for s in related if gazetteer.related_case[s] in article.mentioned_cases]
            slugs = ours or [s for s in slugs if s not in gazetteer.related_case]
    if kind == "party" and not sure:
        # "THE PRESIDENT" in 2018 is the one in office then.
        serving = [s for s in slugs if gazetteer.in_office(s, article.year)]
        return (serving or slugs)[:1]
    return sure


def _author(sentences: list[Sentence], mentions: list[Mention], gazetteer: Gazetteer) -> str | None:
    """The issuer of a government statement, from its headings ("Statement by ...")."""
    for s in sentences[:4]:
        if not s.heading:
            continue
        inside = [m for m in mentions if s.start <= m.start and m.end <= s.end and m.slugs("party")]
        if not inside:
            continue
        # A heading reading only a party's name ("Department of State") is its letterhead.
        if len(inside) == 1 and inside[0].end - inside[0].start >= s.end - s.start - 4:
            return inside[0].slugs("party")[0]
        for m in inside:
            if gazetteer.party_kind(m.slugs("party")[0]) == "person":
                return m.slugs("party")[0]
    return None


# --- one sentence -------------------------------------------------------------------------


def _within(items: list[Any], starts: list[int], start: int, end: int) -> list[Any]:
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [x for x in items[lo:hi] if x.end <= end]


def _read_sentence(
    text: str,
    index: int,
    sentence: Sentence,
    mentions: list[Mention],
    dates: list[DateMention],
    triggers: list[Trigger],
    article: _Article,
    gazetteer: Gazetteer,
) -> _Reading:
    start, end = sentence.start, sentence.end
    cases: list[str] = []
    case_mentions: list[Mention] = []
    parties: list[tuple[Mention, str]] = []
    proposals: list[str] = []
    proposal_mentions: list[Mention] = []
    anaphor: tuple[int, int] | None = None
    spoken_for: list[Mention] = []  # relatives whose detainee the sentence does not name
    for m in _within(mentions, [m.start for m in mentions], start, end):
        dateline = _dateline(m) and m.start - start <= 1 and text.startswith(",", m.end)
        found = [] if dateline else _confirmed(m, "case", article, gazetteer)
        if found:
            case_mentions.append(m)
            cases.extend(c for c in found if c not in cases)
        party = _confirmed(m, "party", article, gazetteer)
        if party:
            parties.append((m, party[0]))
            related = gazetteer.related_case.get(party[0])
            # "her family" adds the family's case only in an article about that case.
            known = not m.weak or related in article.mentioned_cases
            if related and not found and related not in cases and known:
                case_mentions.append(m)
                cases.append(related)  # "Tice's parents" speak for Tice's case
                spoken_for.append(m)
        proposal = _confirmed(m, "proposal", article, gazetteer)
        if proposal:
            proposal_mentions.append(m)
            proposals.extend(p for p in proposal if p not in proposals)
        elif m.slugs("proposal") and anaphor is None:
            anaphor = (m.start, m.end)  # a generic alias of another proposal: read as "the deal"
    named = [m for m in case_mentions if m not in spoken_for]
    if spoken_for and named:
        # "Jeff Newman called for the release of Kenneth Bae": a relative pleading for another
        # detainee speaks of that one, not of their own.
        own = {c for m in named for c in _confirmed(m, "case", article, gazetteer)}
        drop = {gazetteer.related_case[p] for m, p in parties if m in spoken_for} - own
        cases = [c for c in cases if c not in drop]
        case_mentions = named
    if anaphor is None:
        hit = _ANAPHOR_RE.search(text, start, end)
        anaphor = (hit.start(), hit.end()) if hit else None
    quotes = quote_spans(text, start, end)
    in_sentence = _within(dates, [d.start for d in dates], start, end)
    timeline = bool(in_sentence) and (
        in_sentence[0].start - start <= 1 or text[start : in_sentence[0].start].strip() in _BULLETS
    )
    timeline = timeline and _TIMELINE_SEP_RE.match(text, in_sentence[0].end) is not None
    clauses = subordinate_clauses(text, start, end)
    relative = [(c.start, c.end) for c in clauses if c.kind == "relative"]
    return _Reading(
        index=index,
        sentence=sentence,
        text=text[start:end],
        cases=cases,
        case_mentions=case_mentions,
        parties=parties,
        proposals=proposals,
        proposal_mentions=proposal_mentions,
        anaphor=anaphor,
        dates=in_sentence,
        triggers=_within(triggers, [t.start for t in triggers], start, end),
        attributions=[
            a
            for a in find_attributions(text, start, end, parties, gazetteer, quotes, relative)
            if not _ACCUSATION_RE.fullmatch(a.verb) or _accuses_a_party(text, a, parties)
        ],
        quotes=quotes,
        long_quotes=[(s, e) for s, e in quotes if len(text[s:e].split()) > 5],
        quote_led=starts_with_quote(text, start),
        first_person=has_first_person(text, start, end, quotes),
        clauses=clauses,
        relative=relative,
        timeline=timeline,
    )


def _accuses_a_party(text: str, a: Attribution, parties: list[tuple[Mention, str]]) -> bool:
    """ "The spokesman accused North Korea of ...": a party's charge against another party is
    its statement; "accused him of spying" tells the charge, not a statement."""
    if not is_on(ACCUSED_PARTY) or a.speaker is None and a.pronoun is None:
        return False
    return any(
        _ACCUSED_PARTY_GAP_RE.fullmatch(text, a.verb_end, m.start) and not m.slugs("case")
        for m, _ in parties
        if m.start >= a.verb_end
    )


def _resolve_speakers(
    text: str, readings: list[_Reading], article: _Article, gazetteer: Gazetteer
) -> None:
    body = [r for r in readings if not r.sentence.heading]
    # "a ministry spokesperson said ..." then "“...,” said spokesperson Maria Zakharova".
    for r, nxt in zip(body, body[1:], strict=False):
        named = [
            a
            for a in nxt.attributions
            if a.speaker and gazetteer.party_kind(a.speaker) == "person" and not a.pronoun
        ]
        for a in r.attributions:
            if (
                a.role
                and named
                and nxt.quote_led
                and gazetteer.party_kind(a.speaker or "") != "person"
            ):
                a.speaker = named[0].speaker
    last_person: str | None = None
    previous: _Reading | None = None
    mentioned: list[tuple[str, str | None]] = []  # people named so far, and their sex if told
    for r in body:
        people = [
            (m.end, slug, _sex(text, m, slug, gazetteer))
            for m, slug in r.parties
            if gazetteer.party_kind(slug) == "person"
        ]
        for a in r.attributions:
            if a.speaker is None and a.pronoun:
                if a.pronoun == en.PLURAL_PRONOUN:
                    a.speaker = previous.speaker if previous else None
                else:
                    before = [(slug, sex) for end, slug, sex in people if end <= a.verb_start]
                    a.speaker = _by_sex(a.pronoun, last_person, mentioned + before)
            elif a.speaker and gazetteer.party_kind(a.speaker) == "person":
                last_person = a.speaker  # "Price said ..., and he reiterated"
            if a.speaker is None and a.first_person:
                a.speaker = article.author
        named = [a.speaker for a in r.attributions if a.speaker]
        r.speaker = named[0] if named else None
        if not r.attributions and previous is not None:
            close = r.sentence.paragraph - previous.sentence.paragraph <= 1
            if r.quote_led and previous.speaker and close:
                r.speaker, r.continuation = previous.speaker, True
        if r.speaker is None and r.label and not r.attributions:
            r.speaker = r.label
        if r.speaker is None and r.first_person:
            r.speaker = article.author
        for slug in named:
            if gazetteer.party_kind(slug) == "person":
                last_person = slug
        mentioned += [(slug, sex) for _, slug, sex in people]
        previous = r


def _sex(text: str, m: Mention, slug: str, gazetteer: Gazetteer) -> str | None:
    """ "Ms Roe", "Bonnie Rubinstein, Gross’ sister,", a title "Wife of ...": she or he, if the
    text or the gazetteer tells it."""
    told = _HONORIFIC_BEFORE_RE.search(text, max(0, m.start - 20), m.start)
    if told is None:
        told = _APPOSITION_AFTER_RE.match(text, m.end)
    if told is not None:
        word = told.group(told.lastgroup or 0)
        if _FEMALE_RE.fullmatch(word):
            return en.FEMALE_PRONOUN
        if _MALE_RE.fullmatch(word):
            return en.MALE_PRONOUN
    title = gazetteer.parties[slug].title if slug in gazetteer.parties else ""
    if _FEMALE_RE.search(title):
        return en.FEMALE_PRONOUN
    if _MALE_RE.search(title):
        return en.MALE_PRONOUN
    return None


def _by_sex(pronoun: str, last_speaker: str | None, mentioned: list[tuple[str, str | None]]):
    """ "she said": the last speaker, unless a woman has been named since ("Bonnie Rubinstein,
    Gross’ sister, heard the news") or the text has said the speaker is a man."""
    known = {slug: sex for slug, sex in mentioned if sex}
    for slug, _ in reversed(mentioned):
        if slug == last_speaker and known.get(slug) in (None, pronoun):
            return last_speaker
        if known.get(slug) == pronoun:
            return slug  # named since the last speaker, and the pronoun fits
    return last_speaker if known.get(last_speaker or "") in (None, pronoun) else None


# --- developments -------------------------------------------------------------------------


def _date_near(
    dates: list[DateMention], start: int, end: int, window: int, kind: str | None = None
) -> DateMention | None:
    best: tuple[int, int, DateMention] | None = None
    for d in dates:
        if d.future or not d.explicit:
            continue
        if d.binds and d.binds != kind:
            continue  # "freed on Monday after two years in captivity": the capture's date only
        if d.dates_what_follows and d.start >= end:
            continue  # "The arrest came a week after X": X's date, not the arrest's
        if d.end <= start:
            distance, after = start - d.end, 1
        elif d.start >= end:
            distance, after = d.start - end, 0
        else:
            distance, after = 0, 0
        if distance <= window and (best is None or (distance, after) < best[:2]):
            best = (distance, after, d)
    return best[2] if best else None


_OWN_STATEMENT_RE = re.compile(en.OWN_STATEMENT_AFTER)
_NEWS_AGENCY_RE = re.compile(en.NEWS_AGENCY_BEFORE)
_NEWS_AGENCY_AFTER_RE = re.compile(en.NEWS_AGENCY_AFTER)
_TRAILING_SOURCE_RE = re.compile(en.TRAILING_SOURCE_BEFORE)
_SOURCE_ENDS_RE = re.compile(en.SOURCE_ENDS_SENTENCE)
_RELEASE_SOUGHT_RE = re.compile(en.RELEASE_SOUGHT_BEFORE)


def _developments(
    text: str, r: _Reading, published: dt.date, gazetteer: Gazetteer, first_person: bool
) -> list[_Development]:
    developments: list[_Development] = []
    restated = any(a.restated for a in r.attributions)
    # In a timeline line, "His family says ..." is the historical present of a dated event.
    if r.timeline:
        for a in r.attributions:
            a.restated = False
        restated = False
    if restated and _announces_news(r, published):
        # "X and Y have been released, the foreign secretary has confirmed": today's news.
        for a in r.attributions:
            if a.verb in en.NEWS_VERBS:
                a.restated = False
        restated = any(a.restated for a in r.attributions)
    if (
        restated
        and all(a.restated for a in r.attributions if a.speaker or a.pronoun)
        and not _own_performative(r)
    ):
        return []  # "Whelan has said he was set up": a position, not news of the day
    clauses = _relative_clauses(r)
    for a in r.attributions:
        if a.restated:
            continue
        # "X, who has been held since 2016, has been freed, according to ...": the relative
        # clause's date is not when it was said.
        own = _clause_of(clauses, a.verb_start)
        said_dates = [d for d in r.dates if _clause_of(clauses, d.start) == own]
        dated = _date_near(said_dates, a.verb_start, a.verb_end, _ATTRIBUTION_DATE_WINDOW)
        # "prosecutors said" is news only with a date: it is then what they charge.
        a.prosecution = a.prosecution and dated is not None
        unnamed = not (a.speaker or a.outlet or a.pronoun or a.first_person or a.advocate)
        # "A second official, speaking on condition of anonymity, said ... The official said":
        # a role the story never put a name to is still an unnamed source.
        unnamed = unnamed or (_role_never_named(a) and not a.advocate)
        unnamed = unnamed and not a.prosecution
        if (a.verb == en.ACCORDING_TO or unnamed) and developments:
            developments[-1].attributions.append(a)  # the channel, or more of the same
            continue
        if (
            unnamed
            and a.verb != en.ACCORDING_TO  # sorted out below
            and dated is None
            and is_on(UNNAMED_DETAIL)
            and not any(t.kind != STATEMENT and t.strength >= STRONG for t in r.triggers)
            and not _CONSULAR_RE.search(
                text, max(r.sentence.start, a.verb_start - 60), a.verb_start
            )
        ):
            # "The judge said the time served would count", "Prosecutors said he was paid":
            # a detail from nobody the tracker knows, with no date and no event, is not a
            # party's statement ("a consul told reporters" is the consular access, below).
            continue
        if (
            a.verb == en.ACCORDING_TO
            and not (a.advocate or a.speaker in gazetteer.advocates)
            and not _OWN_STATEMENT_RE.match(text, a.verb_end)
            and not any(t.kind != STATEMENT for t in r.triggers)
        ):
            # "According to his lawyer, he had many friends": sourcing for colour, with no
            # development in it ("according to a statement from his family" is their word).
            continue

        agency = _NEWS_AGENCY_RE.search(
            text, max(r.sentence.start, a.verb_start - 40), a.verb_start
        )
        agency = agency or (
            a.verb == en.ACCORDING_TO
            and is_on(STATE_MEDIA_AFTER_EVENT)
            and _NEWS_AGENCY_AFTER_RE.match(text, a.verb_end, r.sentence.end)
        )
        media = gazetteer.party_kind(a.speaker or a.outlet or "") == MEDIA
        media = media and is_on(STATE_MEDIA_AFTER_EVENT) and bool(r.told_before)
        if (agency or media) and dated is None and not any(t.kind != STATEMENT for t in r.triggers):
            # "The state news agency said he had lived in the city": a detail sourced to the
            # agency, not a party's statement; its own dated report or a development still count.
            continue
        if (
            (agency or gazetteer.party_kind(a.speaker or a.outlet or "") == MEDIA)
            and dated is None
            and is_on(STATE_MEDIA_DETAIL)
            and (topics := [t for t in r.triggers if t.kind != STATEMENT])
            and all(t.strength <= WEAK and t.kind in r.told_before for t in topics)
        ):
            # "Tass reported from the courtroom that the judge also ordered damages", "the
            # verdict was reported by Xinhua": state media telling more of an event the story
            # has told, named again only as the topic, is no statement of its own.
            continue
        report = is_report(a)
        source_at = min(a.verb_start, a.speaker_start or a.verb_start)
        if (
            report
            and (dated is None or dated.start < source_at)
            and is_on(TRAILING_SOURCE)
            and not reports_earlier(text, a)
            and _TRAILING_SOURCE_RE.search(text, r.sentence.start, source_at)
            and _SOURCE_ENDS_RE.match(
                text, max(a.verb_end, a.speaker_end or a.verb_end), r.sentence.end
            )
        ):
            # "..., CNN reported.": the outlet the story's facts come from, named after them
            # and undated, is its sourcing, not a report of its own.
            continue
        key = ("outlet", a.outlet) if report else ("speaker", a.speaker)
        same = next((d for d in developments if d.key == key), None)
        if same is not None:
            same.attributions.append(a)
            continue
        start = min(a.verb_start, a.speaker_start or a.verb_start)
        end = max(a.verb_end, a.speaker_end or a.verb_end)
        developments.append(
            _Development(
                kind=REPORT if report else STATEMENT,
                key=key,
                speaker=None if report else a.speaker,
                outlet=a.outlet,
                date=_date_near(said_dates, start, end, _ATTRIBUTION_DATE_WINDOW)
                or _leading_date(text, r, start),
                attributions=[a],
                earlier_report=report and reports_earlier(text, a),
                said=True,
            )
        )
        if _ACCUSATION_RE.fullmatch(a.verb):
            developments[-1].rules.append(ACCUSED_PARTY)
        plain = a.verb.lower() in en.PLAIN_SPEECH or _OWN_STATEMENT_RE.match(text, a.verb_end)
        if a.advocate or _advocates(a.speaker, gazetteer, plain) or _advocate_source(text, a):
            developments[-1].kind = "advocacy"
        elif a.speaker in gazetteer.advocates:
            developments[-1].rules.append(ORGANISATION_STATEMENT)
        elif a.prosecution:
            developments[-1].kind = "charge"
        developments[-1].voice = developments[-1].kind
        developments[-1].voice_dated = developments[-1].date is not None
    if not developments and _PROSECUTION_SUBJECT_RE.match(_outside_quotes(r)):
        # "Prosecutors gave the first details of the case earlier this month": the charge.
        lead = _leading_date(text, r, r.sentence.end)
        if lead is not None or any(not d.future and d.explicit for d in r.dates):
            date = lead or next(d for d in r.dates if not d.future and d.explicit)
            developments.append(_Development("charge", ("event", None), None, date=date))
    if not developments and ((r.label and _has_substance(r)) or (r.answer_to and not r.question)):
        # A briefer's line with substance; the opening of an answer to a question about a case.
        developments.append(_Development(STATEMENT, ("speaker", r.label), r.label, said=True))
    said = bool(developments)
    habitual = bool(r.triggers) and _HABITUAL_RE.search(r.text) is not None
    habitual = habitual and _HABITUAL_RE.search(_outside_quotes(r)) is not None
    described = _speaker_clauses(text, r)
    for t in r.triggers:
        lead_news = False
        if t.kind == STATEMENT or not t.realis or _inside_long_quote(r, t):
            continue
        if any(s <= t.start < e for s, e in described):
            continue
        if t.kind in _DETAINEE_KINDS and _about_someone_else(r, t, gazetteer):
            continue
        if t.kind == "contact" and not _between_governments(r, gazetteer):
            continue
        if (
            t.kind == "contact"
            and _TRAVEL_RE.match(t.text)
            and not _official_travels(r, t, gazetteer)
        ):
            continue  # "Kamalmaz travelled to Syria to visit relatives": the detainee's trip
        window = _STRONG_DATE_WINDOW if t.strength >= STRONG else _WEAK_DATE_WINDOW
        dates_here = _same_clause_dates(r, t, clauses)
        dating_rules = []  # the readings that chose among the dates, for the development
        if is_on(INTERVAL_REFERENCE):
            # "held more than 8 months after his arrest" (counted on from the arrest told
            # before): the date is the holding's, not the arrest's.
            own = [d for d in dates_here if not _counted_on_from(r, t, d)]
            if own != dates_here:
                dates_here, dating_rules = own, [*dating_rules, INTERVAL_REFERENCE]
        if is_on(DATE_OF_THE_VERB_BEFORE):
            # "was freed March 20 after being kidnapped ... in October 2016": the date right
            # after "freed" is the release's; the kidnapping takes its own ("imprisoned since
            # May was released on Monday": May is the imprisonment's).
            own = [d for d in dates_here if not _claimed_by_the_verb_before(r, t, d)]
            if own != dates_here and _date_near(own, t.start, t.end, window, t.kind):
                dates_here, dating_rules = own, [*dating_rules, DATE_OF_THE_VERB_BEFORE]
        near = _date_near(dates_here, t.start, t.end, window, t.kind)
        if near is None and habitual:
            continue  # "have visited him regularly": a habit, not an event of a day
        if near is not None and _event_between(r, t, near, clauses):
            near = _date_near(dates_here, t.start, t.end, _WEAK_DATE_WINDOW, t.kind)
        if (
            near is not None
            and (t.strength <= WEAK or t.kind not in _STATE_KINDS)
            and near.text.lower().startswith(en.SINCE)
        ):
            near = None  # "indicted X, detained since 2014": "since" dates a state, not an act
        if near is not None:
            same = next(
                (d for d in developments if (d.date.date if d.date else published) == near.date),
                None,
            )
            if same is not None:
                same.triggers.append(t)
                same.date = same.date or near
            else:
                developments.append(_Development(t.kind, ("event", None), r.speaker, date=near))
                developments[-1].triggers.append(t)
            if dating_rules:
                dated = next(d for d in developments if t in d.triggers)
                dated.rules.extend(dating_rules)
            if t.strength >= STRONG:
                for again in _more_dates(text, r, t, near):
                    developments.append(
                        _Development(t.kind, ("event", None), r.speaker, date=again, triggers=[t])
                    )
        elif developments and not (
            # the relative clause's dated event is not this undated one
            (target := _speaker_of(developments, t)).key[0] == "event"
            and target.date is not None
            and _clause_of(clauses, target.date.start) != _clause_of(clauses, t.end - 1)
        ):
            if target.said and _describes_someone(r, t):
                continue  # "said X, who was detained in Iran, was on his way": not what was said
            target.triggers.append(t)
        elif (
            t.strength >= STRONG
            and t.kind in _DETAINEE_KINDS
            and r.scene is not None
            and not r.dates
            and not said
            and not t.present
            and is_on(SCENE_DATE)
        ):
            # "In 2016, her father travelled to Iran. He was arrested there.": the event goes on
            # in the scene the previous sentence dated.
            developments.append(
                _Development(t.kind, ("event", None), r.speaker, date=r.scene, triggers=[t])
            )
            developments[-1].rules.append(SCENE_DATE)
        elif (
            t.strength >= STRONG
            and not said
            and (
                (t.present and (first_person or _FREE_RE.match(t.text)))
                or (lead_news := _lead_news(r, t))
            )
        ):
            # "X is free": true as of publication, in a statement or a same-day story; and the
            # news a story's lead tells without a date ("X and Y are on their way home",
            # "Brunson was sentenced to three years"): the story's news day.
            developments.append(_Development(t.kind, ("event", None), r.speaker, triggers=[t]))
            if lead_news:
                developments[-1].rules.append(LEAD_NEWS)
        elif (
            t.strength >= STRONG
            and t.kind in r.told_before
            and is_on(ALSO_THEN)
            and _ALSO_RE.search(text, max(r.sentence.start, t.start - 12), t.start)
        ):
            # "Sadun ... was also convicted": on the day the story has just told of the others.
            told = r.told_before[t.kind]
            developments.append(_Development(t.kind, ("event", None), r.speaker, date=told))
            developments[-1].triggers.append(t)
            developments[-1].rules.append(ALSO_THEN)
    if not developments and r.timeline:
        actor = _timeline_actor(r, gazetteer)
        if actor is not None and not r.dates[0].future and r.dates[0].explicit:
            # "Jan. 6: The minister calls the detention unacceptable": the actor's act that day.
            kind = "advocacy" if _advocates(actor, gazetteer, plain=False) else STATEMENT
            developments.append(
                _Development(kind, ("speaker", actor), actor, date=r.dates[0], said=True)
            )
            developments[-1].voice = kind
    frames = [t for t in r.triggers if t.kind == STATEMENT]
    if frames and not developments:
        date = _date_near(r.dates, frames[0].start, frames[0].end, _STRONG_DATE_WINDOW)
        speaker = r.speaker or _opening_subject(r, frames[0], gazetteer)
        plain = not any(t.rule in _CALLING_FRAMES for t in frames)
        kind = "advocacy" if _advocates(speaker, gazetteer, plain) else STATEMENT
        developments.append(_Development(kind, ("speaker", speaker), speaker, date=date))
        if kind == STATEMENT and speaker in gazetteer.advocates:
            developments[-1].rules.append(ORGANISATION_STATEMENT)
        developments[-1].voice = kind
    if frames:
        developments[0].triggers.extend(frames)
        if is_on(OWN_PERFORMATIVE) and any(t.rule == _PERFORMATIVE_FRAME for t in frames):
            developments[0].rules.append(OWN_PERFORMATIVE)  # the speaker's own saying
    for d in developments:
        if d.kind not in ("advocacy", "charge"):
            triggers = [t for t in d.triggers if not _talks_as_topic(text, d, t)]
            step = _in_the_dated_step(text, d, triggers)
            if best_kind(step, d.kind) != best_kind(triggers, d.kind):
                d.rules.append(DATED_STEP)
            d.kind = best_kind(step, d.kind)
        if d.kind == STATEMENT and (topic := _words_about_the_news(text, r, d)) is not None:
            d.kind = topic.kind  # "I want to say a few words about the verdict": the day's news
        if d.kind == "release" and _into_restrictions(r, d):
            d.kind = "custody"
            d.rules.append(RELEASED_INTO_RESTRICTIONS)
        if d.kind == STATEMENT and any(
            _CONSULAR_RE.search(text, max(r.sentence.start, a.verb_start - 60), a.verb_start)
            for a in d.attributions
        ):
            d.kind = "custody"  # a consul speaking on access to the detainee: consular access
        elif d.kind == "advocacy":
            # A development revealed by the family keeps its own kind ("says he has COVID").
            events = [t for t in d.triggers if t.kind in _DETAINEE_KINDS]
            d.kind = best_kind(events, d.kind)
        if d.kind == "contact" and _has_relatives(r, gazetteer):
            d.kind = "advocacy"  # a president meeting the family
        if d.kind == "advocacy" and _with_the_detainee(r, d):
            d.kind = "custody"
            d.rules.append(FAMILY_VISIT)
        if d.earlier_report and _scoop_of_the_news(r, published):
            # "..., as first reported by Politico": the outlet's scoop of the day's news.
            d.kind = REPORT
            d.rules.append(SCOOP_OF_THE_NEWS)
    developments += [e for d in developments if (e := _reaction_to_event(d, developments))]
    # The contact goes beside the release it came before.
    developments = [
        e for d in developments for e in (d, _contact_before_release(text, d)) if e is not None
    ]
    return _merge_same_development(developments, published, r)


def _own_performative(r: _Reading) -> bool:
    """ "Let me remind you that Russia has repeatedly said ...": the speaker's own saying, before
    the words of others it retells, makes the sentence their statement of the day."""
    if not is_on(OWN_PERFORMATIVE):
        return False
    said = [a.verb_start for a in r.attributions if a.restated]
    return any(
        t.rule == _PERFORMATIVE_FRAME and t.start < min(said, default=t.end) for t in r.triggers
    )


def _words_about_the_news(text: str, r: _Reading, d: _Development) -> Trigger | None:
    """ "I just want to say a few words about the verdict": a speaker's own saying whose topic is
    an event of a detainee's, undated: the event, the day's news the words go on to address."""
    if not is_on(OWN_PERFORMATIVE) or d.date is not None or r.dates:
        return None
    for t in d.triggers:
        if t.rule != _PERFORMATIVE_FRAME:
            continue
        about = _PERFORMATIVE_TOPIC_RE.match(text, t.end)
        if about is None:
            return None
        return next(
            (u for u in r.triggers if u.start == about.end() and u.kind in _DETAINEE_KINDS), None
        )
    return None


def _role_never_named(a: Attribution) -> bool:
    """ "the official said" where no one was named as the official: a role, not a pronoun."""
    return (
        is_on(ROLE_UNNAMED)
        and a.speaker is None
        and a.pronoun is not None
        and a.pronoun not in en.PERSONAL_PRONOUNS
        and a.pronoun != en.PLURAL_PRONOUN
    )


def _scoop_of_the_news(r: _Reading, published: dt.date) -> bool:
    """ "Politico first reported the release": a scoop of the event the story tells as the news
    of its day came out that day, not before the event it reports."""
    if not is_on(SCOOP_OF_THE_NEWS):
        return False
    for t in r.triggers:
        told = r.told_before.get(t.kind)
        if t.kind == r.news_told or (told is not None and told.date == published):
            return True
    return False


def _reaction_to_event(d: _Development, developments: list[_Development]) -> _Development | None:
    """ "The administration condemned the sentence handed down by a Cuban court", "Canada has
    expressed concern after China indicted X": a party protesting an event told after the verb
    makes a statement of its own beside the event (undated, the story's news), where "X said she
    was sentenced" only tells the event. An event the protest holds is split off from it."""
    if not (d.said and d.voice and is_on(REACTION_TO_EVENT)):
        return None
    protests = [a for a in d.attributions if a.verb.lower() in en.PROTEST_SPEECH]
    if not protests:
        return None
    after = protests[0].verb_end
    events = [t for t in d.triggers if t.kind == d.kind != d.voice]
    if events and all(t.start >= after for t in events):
        event = _Development(d.kind, ("event", None), None, date=d.date, triggers=events)
        event.rules.append(REACTION_TO_EVENT)
        d.kind = d.voice
        d.triggers = [t for t in d.triggers if t.kind != event.kind]
        d.rules.append(REACTION_TO_EVENT)
        return event
    told = [
        e
        for e in developments
        if e.key[0] == "event" and e.triggers and all(t.start >= after for t in e.triggers)
    ]
    if d.kind == d.voice and told:
        d.rules.append(REACTION_TO_EVENT)  # undated, it is the story's news
    return None


def _contact_before_release(text: str, d: _Development) -> _Development | None:
    """ "X was freed on Thursday following direct talks between the envoy and the ministers",
    "released today immediately after a meeting between the two leaders": the contact between
    governments the release came after is a development of its own, the same day, beside the
    release (reading-contact-before-release)."""
    if d.kind != "release" or not is_on(CONTACT_BEFORE_RELEASE):
        return None
    contacts = [
        t
        for t in d.triggers
        if t.kind == "contact"
        and t.strength >= STRONG
        and t.realis
        and _AFTER_BEFORE_RE.search(text, max(0, t.start - 40), t.start) is not None
    ]
    if not contacts:
        return None
    contact = _Development("contact", ("event", None), d.speaker, date=d.date, triggers=contacts)
    contact.rules.append(CONTACT_BEFORE_RELEASE)
    return contact


def _with_the_detainee(r: _Reading, d: _Development) -> bool:
    """ "Jadhav met his wife and mother", "Hernandez's mother spoke with her son by phone": a
    sentence that opens with the detainee (or the detainee's relative) and has them meet or
    talk with the family tells of the detainee's contact with home, a matter of custody; a
    minister meeting the family is advocacy (reading-family-visit)."""
    if not is_on(FAMILY_VISIT) or not r.case_mentions:
        return False
    meetings = [t for t in d.triggers if t.rule == _MET_RELATIVES]
    opening = min(r.case_mentions, key=lambda m: m.start)
    return any(opening.start - r.sentence.start <= 4 and opening.end <= t.start for t in meetings)


def _into_restrictions(r: _Reading, d: _Development) -> bool:
    """ "Released from prison and placed on house arrest", "released on October 29 and staying
    in Dubai with an ankle bracelet": the release the sentence tells is into restrictions."""
    return is_on(RELEASED_INTO_RESTRICTIONS) and any(
        t.kind == "custody"
        and t.strength >= STRONG
        and t.realis
        and _RESTRICTED_RE.search(t.text) is not None
        for t in r.triggers
    )


def _in_the_dated_step(text: str, d: _Development, triggers: list[Trigger]) -> list[Trigger]:
    """ "Arrested in 2016 and later charged", "arrested in Moscow in 2018, convicted of
    espionage": events told in sequence, the date is the step it sits in, so that step's event
    names the development, not the gravest of the sentence (reading-dated-step)."""
    if d.date is None or not is_on(DATED_STEP):
        return triggers
    events = [t for t in triggers if t.kind != STATEMENT and t.realis and t.strength >= STRONG]
    if len({t.kind for t in events}) < 2:
        return triggers
    step = [
        t
        for t in events
        if not _STEP_BREAK_RE.search(text, min(t.end, d.date.end), max(t.start, d.date.start))
    ]
    if not step or {t.kind for t in step} == {t.kind for t in events}:
        return triggers
    return [t for t in triggers if t in step or t.kind == STATEMENT or t.strength < STRONG]


def _told_in_a_question(r: _Reading, developments: list[_Development]) -> list[_Development]:
    """A reporter's question asks for a view, but may tell the day's news on the way ("about
    Turkey today, that the court rejected his appeal - what's your response?"): a dated event
    that happened to a case named in it, and nothing the reporter says or asks."""
    if not r.cases:
        return []
    return [
        d
        for d in developments
        if d.key[0] == "event"
        and d.kind in _DETAINEE_KINDS
        and d.date is not None
        and any(t.strength >= STRONG and t.realis and t.kind == d.kind for t in d.triggers)
    ]


def _opening_subject(r: _Reading, frame: Trigger, gazetteer: Gazetteer) -> str | None:
    """ "The Group also calls on ...": the party opening the sentence makes the call."""
    if not r.parties:
        return None
    mention, slug = r.parties[0]
    if mention.start - r.sentence.start > 4 or mention.end > frame.start:
        return None
    if mention.slugs("case") or gazetteer.party_kind(slug) not in ("organization", "government"):
        return None
    return slug


def _speaker_clauses(text: str, r: _Reading) -> list[tuple[int, int]]:
    """ "Qatar, which hosted months of talks, said": a relative clause between a speaker and the
    verb describes the speaker; an event in it with no date of its own is not the news."""
    spans = []
    for a in r.attributions:
        if a.speaker_end is None or a.speaker_end > a.verb_start:
            continue
        if _SPEAKER_CLAUSE_RE.match(text, a.speaker_end, a.verb_start) is None:
            continue
        if not any(a.speaker_end <= d.start < a.verb_start for d in r.dates):
            spans.append((a.speaker_end, a.verb_start))
    return spans


def _announces_news(r: _Reading, published: dt.date) -> bool:
    """The sentence tells an event in the present perfect ("have been released"), or one dated
    in the story's news cycle ("a court on Tuesday acquitted X, his lawyers have said")."""
    for t in r.triggers:
        if t.kind not in _DETAINEE_KINDS or t.strength < STRONG or not t.realis:
            continue
        if _inside_long_quote(r, t):
            continue
        if t.present:
            return True
        near = _date_near(r.dates, t.start, t.end, _WEAK_DATE_WINDOW)
        if near is not None and near.precision == DAY and 0 <= (published - near.date).days <= 1:
            return True
    return False


def _timeline_actor(r: _Reading, gazetteer: Gazetteer) -> str | None:
    """The party a chronology line opens with, when it is an official, a government or a
    detainee's family (not the detainee: "X is arrested" is told by its trigger)."""
    actors = [
        slug
        for mention, slug in r.parties
        if not (mention.slugs("case") or slug in gazetteer.cases)
        and gazetteer.party_kind(slug) in ("person", "government")
    ]
    people = [slug for slug in actors if gazetteer.party_kind(slug) == "person"]
    return (people or actors or [None])[0]


def _talks_as_topic(text: str, d: _Development, t: Trigger) -> bool:
    """ "said the exchange was the fruit of long talks with Washington": a minister's remark
    about talks, not a contact of its own (which would be "held talks", "had a call")."""
    if t.kind != "contact" or not d.said or d.date is not None and not d.voice_dated:
        return False
    if not _NOMINAL_CONTACT_RE.match(t.text):
        return False
    if not any(a.verb_end <= t.start for a in d.attributions):
        return False
    return not _HELD_RE.search(text, max(0, t.start - 25), t.start)


def _leading_date(text: str, r: _Reading, before: int) -> DateMention | None:
    """ "On Jan. 30, on the eve of ..., Biden said": a date opening the sentence dates its main
    clause, when no other date comes between."""
    if not r.dates:
        return None
    lead = r.dates[0]
    if lead.future or not lead.explicit or lead.start - r.sentence.start > 1:
        return None
    if not text.startswith((",", ":"), lead.end):
        return None
    if len(r.dates) > 1 and r.dates[1].start < before:
        return None
    return lead


def _more_dates(text: str, r: _Reading, t: Trigger, first: DateMention) -> list[DateMention]:
    """ "extended his detention five times, the first time in May 2023 and the last in late
    March": one event of a kind per date listed after it, when nothing else happens between."""
    found: list[DateMention] = []
    edge = first
    for d in r.dates:
        if (
            d.start <= edge.end
            or d.future
            or not d.explicit
            or d.start - t.end > _STRONG_DATE_WINDOW
        ):
            continue
        gap = text[edge.end : d.start]
        if not _AND_RE.search(gap) or len(gap) > 40:
            break
        if any(edge.end <= o.start < d.start and o.kind != STATEMENT for o in r.triggers):
            break
        if any(
            o.kind not in (t.kind, STATEMENT) and abs(o.start - d.end) <= _WEAK_DATE_WINDOW
            for o in r.triggers
        ):
            break  # "and was moved last month to a penal colony": another event's date
        found.append(d)
        edge = d
    return found


# Frames that call for something ("calls on", "urged", "demanded", "continue to press"): from a
# group, advocacy, not its plain saying.
_CALLING_FRAMES = frozenset(
    {"statement-call-for", "statement-urge-condemn", "statement-demand-vow",
     "statement-continue-to-work"}
)  # fmt: skip


def _advocates(speaker: str | None, gazetteer: Gazetteer, plain: bool) -> bool:
    """Whether what the speaker says is advocacy: a relative's or a supporter's words are, but a
    rights group's, an employer's or a newsroom's plain saying ("said in a statement") is its
    statement, as the reporting tells it (reading-organisation-statement); its calls and findings
    ("urged", "concluded") and its campaigns stay advocacy."""
    if speaker not in gazetteer.advocates:
        return False
    organisation = gazetteer.party_kind(speaker) in ("organization", "outlet")
    return not (organisation and plain and is_on(ORGANISATION_STATEMENT))


def _advocate_source(text: str, a: Attribution) -> bool:
    """ "according to a statement from his family": the relatives are the source."""
    if a.verb != en.ACCORDING_TO:
        return False
    return _RELATIVES_RE.search(text, a.verb_end, a.verb_end + 40) is not None


def _merge_same_development(
    developments: list[_Development], published: dt.date, r: _Reading
) -> list[_Development]:
    """One sentence, one development per thing that happened.

    A statement with no date of its own that reports a dated event is that event ("his parents
    said he had been in a coma since March 2016"), but not one told in a relative clause ("the
    family of a lawyer who has been held since March said ..."): that is background to what
    was said (reading-background-beside-statement); the stages of a release are one release.
    """
    dated = [d for d in developments if d.date is not None and d.key[0] == "event"]
    # "According to officials, X, who was arrested in 2021, was aboard": sourcing of the facts
    # told, not words of its own beside them.
    main = [
        d
        for d in dated
        if not (is_on(BACKGROUND_BESIDE_STATEMENT) and _clause_of(r.relative, d.date.start))
    ]
    if dated:
        developments = [
            d
            for d in developments
            if not (
                d.said
                and d.date is None
                and d.kind == STATEMENT
                and (
                    main
                    or bool(d.attributions)
                    and all(a.verb == en.ACCORDING_TO for a in d.attributions)
                )
            )
            or REACTION_TO_EVENT in d.rules
        ]
        if not main:
            for d in developments:
                if d.said and d.date is None and d.kind == STATEMENT:
                    d.rules.append(BACKGROUND_BESIDE_STATEMENT)
    releases = [d for d in developments if d.kind == "release"]
    if len(releases) > 1:
        first = min(releases, key=lambda d: d.date.date if d.date else published)
        developments = [d for d in developments if d.kind != "release" or d is first]
    return developments


def _has_substance(r: _Reading) -> bool:
    """A briefing line worth an entry names a case or the proposal, or reports an event
    ("Good afternoon" and "Please" do not; nor does "X is a retired teacher")."""
    if r.proposals or r.anaphor:
        return True
    if r.cases:
        return bool(r.triggers) or not _DESCRIPTION_RE.search(_outside_quotes(r))
    return any(t.strength >= FRAME for t in r.triggers)


def _inside_long_quote(r: _Reading, t: Trigger) -> bool:
    """A trigger inside a quoted passage is the speaker's words, not the reporter's news;
    a short scare quote ("acknowledged") still reports the event."""
    return any(s <= t.start < e for s, e in r.long_quotes)


def _about_someone_else(r: _Reading, t: Trigger, gazetteer: Gazetteer) -> bool:
    """ "Vinnik, who pleaded guilty", "Yaroshenko was on his way home": not the detainee."""
    if t.kind in ("release", "detention") and _names_a_stranger(r, t):
        return True
    if t.strength >= STRONG and any(
        t.end <= c.start < t.end + _OBJECT_REACH for c in r.case_mentions
    ):
        return False  # "the ambassador made her fourth visit to Gershkovich": done to the case
    before = [
        (m, slug)
        for m, slug in r.parties
        if m.end <= t.start and t.start - m.end < 60 and not _in_an_aside(r, m.start, t.start)
    ]
    if not before:
        return False
    mention, slug = before[-1]
    if mention.slugs("case") or slug in gazetteer.related_case:
        return False
    if any(mention.end <= c.start < t.start for c in r.case_mentions):
        return False  # "THE PRESIDENT: ... Pastor Andrew Brunson is in the air": the case's
    if any(a.speaker == slug and a.verb_end <= t.end for a in r.attributions):
        return False  # "Biden on Monday announced the release of X": the one announcing it
    if gazetteer.party_kind(slug) != "person" or slug in gazetteer.cases:
        return False
    if is_on(AGENT_BEFORE_ACTIVE_VERB) and t.strength >= STRONG and t.active:
        # "el-Sisi pardoned a number of people, including X": the one pardoning
        if AGENT_BEFORE_ACTIVE_VERB not in r.rules:
            r.rules.append(AGENT_BEFORE_ACTIVE_VERB)
        return False
    return True


def _in_an_aside(r: _Reading, at: int, trigger_at: int) -> bool:
    """ "Turnell, who was an adviser to Aung San Suu Kyi, was sentenced": a person named in a
    relative clause the trigger is outside is not the one it happened to."""
    return any(start <= at < end and not start <= trigger_at < end for start, end in r.relative)


def _names_a_stranger(r: _Reading, t: Trigger) -> bool:
    """ "after Russia freed American teacher John Doe": the person freed is named, and is
    nobody the gazetteer knows as a case."""
    if t.text.lower().endswith(("from", "out of")):
        return False  # "in the air from Turkey", "flown out of Iran": a place, not a person
    if t.kind == "release" and t.text.lower().endswith(" for"):
        return False  # "they were exchanged for Khan Muhammad": the other side of the swap
    start = t.end - r.sentence.start
    m = _OBJECT_PHRASE_RE.match(r.text, start)
    if m is None or not _PROPER_NAME_RE.search(m.group()):
        return False
    lo, hi = t.end, t.end + m.end() - start
    return not any(lo <= c.start < hi for c in r.case_mentions) and not any(
        lo <= p.start < hi for p, _ in r.parties
    )


def _between_governments(r: _Reading, gazetteer: Gazetteer) -> bool:
    """Contact is between governments and their officials, not a detainee's phone call to CNN."""
    for mention, slug in r.parties:
        if mention.slugs("case") or slug in gazetteer.related_case:
            continue
        if gazetteer.party_kind(slug) in ("government", "person"):
            return True
    return False


def _lead_news(r: _Reading, t: Trigger) -> bool:
    """A story's lead telling its news undated, in the story's own voice."""
    return (
        is_on(LEAD_NEWS)
        and r.lead
        # "X was released. A student, X was convicted and sentenced to ten years": once the
        # lead has told its news, its other undated events are background, not news.
        and r.news_told in (None, t.kind)
        and (bool(r.cases) or _unnamed_lead(r))
        and not (r.first_person or r.label)
        and _main_event(r, t)
    )


def _unnamed_lead(r: _Reading) -> bool:
    """ "A Russian-American woman has been sentenced": a lead about someone it names later."""
    return (
        r.lead
        and not r.cases
        and is_on(UNNAMED_LEAD)
        and _UNNAMED_DETAINEE_RE.search(_outside_quotes(r)) is not None
    )


def _main_event(r: _Reading, t: Trigger) -> bool:
    """The event the sentence tells, not one described in passing: outside its subordinate
    clauses ("a dual national convicted in Russia of treason"), not in the past perfect ("had
    pressed hard for her release") and not what the news comes after ("Her release comes after
    two years of detention")."""
    inside = any(c.start <= t.start < c.end for c in r.clauses)
    before = t.start - r.sentence.start
    return (
        not inside
        and _PAST_PERFECT_RE.search(r.text, 0, before) is None
        and not (is_on(NEWS_FOLLOWS) and _COMES_AFTER_RE.search(r.text, 0, before))
    )


def _official_travels(r: _Reading, t: Trigger, gazetteer: Gazetteer) -> bool:
    """The one who travels, the party named last before the verb, is an official or a
    government, not a detainee or someone described only by where they live."""
    before = [(m, slug) for m, slug in r.parties if m.end <= t.start]
    named_case = [m for m in r.case_mentions if m.end <= t.start]
    if not before or (named_case and named_case[-1].end >= before[-1][0].end):
        return False
    mention, slug = before[-1]
    return (
        t.start - mention.end < 80
        and not mention.slugs("case")
        and slug not in gazetteer.related_case
        and gazetteer.party_kind(slug) in ("government", "person")
    )


def _has_relatives(r: _Reading, gazetteer: Gazetteer) -> bool:
    return any(slug in gazetteer.advocates for _, slug in r.parties) or bool(
        _RELATIVES_RE.search(r.text)
    )


def _relative_clauses(r: _Reading) -> list[tuple[int, int]]:
    """The spans of the sentence's subordinate clauses (clauses.py) that keep an event and its
    date apart from the main clause's: every relative clause, and the others with a date."""
    return [
        (c.start, c.end)
        for c in r.clauses
        if c.kind == "relative" or any(c.start <= d.start < c.end for d in r.dates)
    ]


def _same_clause_dates(
    r: _Reading, t: Trigger, clauses: list[tuple[int, int]]
) -> list[DateMention]:
    """A relative clause's date dates the event told in that clause, and a date outside it
    does not date the clause's event: "Ruritania released X, who was detained on February 17"
    is no release on February 17."""
    if not clauses:
        return r.dates

    own = _clause_of(clauses, t.end - 1)
    return [d for d in r.dates if _clause_of(clauses, d.start) == own]


def _clause_of(clauses: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    return next((c for c in clauses if c[0] <= at < c[1]), None)


def _event_between(
    r: _Reading, t: Trigger, date: DateMention, clauses: list[tuple[int, int]] = ()
) -> bool:
    """Another event lies between a trigger and a date: the date is probably that event's (an
    event inside a relative clause the trigger is not in does not count: it has its own)."""
    lo, hi = (date.end, t.start) if date.end <= t.start else (t.end, date.start)
    own = _clause_of(list(clauses), t.end - 1)
    return any(
        lo <= o.start and o.end <= hi and o.strength >= STRONG and o.kind != t.kind
        for o in r.triggers
        if o.kind != STATEMENT and _clause_of(list(clauses), o.start) == own
    )


def _counted_on_from(r: _Reading, t: Trigger, date: DateMention) -> bool:
    """The trigger is the event an interval counts on from ("eight months after his
    arrest", the arrest dated earlier in the story)."""
    return (
        date.anchor == "narrative"
        and date.text.lower().endswith(en.AFTER)
        and _DETERMINER_ONLY_RE.fullmatch(_text_between(r, date.end, t.start)) is not None
    )


def _claimed_by_the_verb_before(r: _Reading, t: Trigger, date: DateMention) -> bool:
    """The date comes before the trigger and straight after another event's verb."""
    return date.end <= t.start and any(
        o.strength >= STRONG
        and o.realis
        and o.kind not in (t.kind, STATEMENT)
        and o.end <= date.start
        and not _text_between(r, o.end, date.start).strip()
        for o in r.triggers
    )


def _text_between(r: _Reading, start: int, end: int) -> str:
    return r.text[start - r.sentence.start : end - r.sentence.start]


def _describes_someone(r: _Reading, t: Trigger) -> bool:
    """An undated event told in a relative clause ("Nuhfer, who was detained under the last
    government") describes the person it follows: it is not what the speaker told."""
    return (
        is_on(RELATIVE_DESCRIBES)
        and t.kind in _RELATIVE_BACKGROUND_KINDS
        and _clause_of(r.relative, t.start) is not None
    )


def _speaker_of(developments: list[_Development], t: Trigger) -> _Development:
    """The attribution a trigger belongs to: the nearest one before it, else the first."""
    owner = developments[0]
    for d in developments:
        if d.attributions and d.attributions[0].verb_start <= t.start:
            owner = d
    return owner


def _draft(
    text: str,
    r: _Reading,
    dev: _Development,
    article: _Article,
    published: dt.date,
    gazetteer: Gazetteer,
    earlier: list[_Draft],
    focus: _Focus,
) -> _Draft | None:
    proposal = r.proposals[0] if r.proposals else None
    if proposal is None and r.anaphor is not None:
        proposal = article.dominant_proposal
    rules = list(r.rules)
    cases = _cases_of_the_event(text, r, dev) if is_on(CLAUSE_CASES) else []
    if cases:
        rules.append(CLAUSE_CASES)
    cases = cases or list(r.cases)
    if not cases and r.answer_to:
        cases, rules = list(r.answer_to), [*rules, ANSWER_TO_QUESTION]
        if r.carried_case:
            rules.append(FOLLOW_UP)
    if cases and _pronoun_subject(r, dev):
        # "After a trial in the court that tried X, she was sentenced": "she" is the case in
        # hand, not the detainee named in passing.
        held = focus.at(r.index)
        if held and held[0] not in cases:
            cases = held
    if r.proposals and (not cases or dev.kind == "release" or not _generic_proposal(r)):
        # A sentence about a proposal is about all the cases the proposal covers; one naming
        # its detainee and saying only "a deal" is about that detainee.
        cases += [c for c in gazetteer.proposals[r.proposals[0]].cases if c not in cases]
    if not cases and r.anaphor is not None:
        # "the deal" in a story about an exchange is the exchange that happened.
        released = next((d for d in earlier if d.kind == "release"), None)
        if released is not None:
            cases = list(released.cases)
    group = _GROUP_RE.search(_outside_quotes(r)) if not cases else None
    if not cases and group is None and dev.kind in _DETAINEE_KINDS:
        # "A court sentenced them": the detainees named together just before.
        plural = _PLURAL_OBJECT_RE.search(_outside_quotes(r))
        group = plural if plural and r.index - focus.group_index <= 1 else None
    if group and dev.kind in _DETAINEE_KINDS:
        # "The six executives were arrested", "the pair flew out": the cases named together;
        # "the four employees were arrested" after one of them is tracked: that one.
        cases = focus.together(r.index) or focus.at(r.index)
    if not cases and len(article.mentioned_cases) > 1 and _ALL_DETAINEES_RE.search(r.text):
        every = _ALL_DETAINEES_RE.search(_outside_quotes(r))
        count = en.NUMBER_WORDS.get((every.group("count") or "").lower()) if every else None
        if every and count in (None, len(article.mentioned_cases)):
            # "the detention of French citizens", "the three detainees": all of them.
            cases = sorted(article.mentioned_cases)
    if (
        not cases
        and _STARTS_WITH_PRONOUN_RE.match(r.text)
        and r.index - focus.stranger_subject == 1
    ):
        return None  # "Nouri was convicted in Sweden. He was arrested in 2019.": not a case
    if (
        not cases
        and is_on(GROUP_OBJECT)
        and dev.kind not in _DETAINEE_KINDS  # "Their release took place ...": told above
        and _THEIR_CASE_RE.search(_outside_quotes(r))
        and (together := focus.together(r.index))
    ):
        # "We continue to seek their return", "pressed for their release": a party's word or
        # act for the detainees named together just before.
        cases = together
        dev.rules.append(GROUP_OBJECT)
    if not cases and _refers_to_case(r, dev, gazetteer):
        cases = focus.at(r.index)
    if not cases and (
        r.timeline or (_dated_event_of_focus(r, dev, gazetteer) and r.index - focus.stranger > 1)
    ):
        # A timeline line or a dated arrest, charge or ruling naming nobody: the case in hand.
        cases = focus.at(r.index) or (
            list(article.dominant_cases) if len(article.dominant_cases) == 1 else []
        )
    if not cases and dev.kind in _DETAINEE_KINDS and _unnamed_lead(r):
        # "A Russian-American woman has been sentenced to 12 years": the lead holds the name
        # back. An indefinite "a woman" is someone not yet named: the one the next sentence
        # names (not the case in hand); "three Americans" are the story's detainees.
        descriptor = _UNNAMED_DETAINEE_RE.search(_outside_quotes(r)).group()
        dominant = list(article.dominant_cases)
        if descriptor.split()[0].lower() in ("a", "an"):
            cases = r.next_cases[:1] or (dominant if len(dominant) == 1 else [])
        else:
            cases = r.next_cases if len(r.next_cases) > 1 else dominant
        if cases:
            rules.append(UNNAMED_LEAD)
    if not cases and _about_negotiation(r, dev):
        # "The 34-year-old was freed": what happens to a detainee, to the one in hand.
        about_detainee = dev.kind in _DETAINEE_KINDS or any(
            t.kind in _DETAINEE_KINDS and t.strength >= STRONG and t.realis for t in r.triggers
        )
        near = focus.at(r.index) if about_detainee and r.anaphor is None else []
        cases = list(near or article.dominant_cases)
        proposal = proposal or article.dominant_proposal
    if not cases:
        return None
    if not r.cases and _SEPARATELY_RE.match(r.text):
        return None  # "Separately, diplomats met ...": another matter, named as such
    if not r.cases and _OTHERS_RE.search(r.text):
        return None  # "Several other Americans remain in custody": not the cases in hand
    if dev.said and dev.date is None and _plan_only(r, dev):
        return None  # "Officials said they were expected to leave": a plan, not an event
    if dev.date is not None:
        date, precision, basis = dev.date.date, dev.date.precision, dev.date.text
    elif dev.earlier_report and not _scoop_of_the_news(r, published):
        date, precision, basis = published - dt.timedelta(days=1), DAY, en.FIRST_REPORTED
    else:
        date, precision, basis = published, DAY, "published"
    speaker = dev.speaker if dev.kind != REPORT else None
    detainees = {gazetteer.cases[c].detainee for c in cases if c in gazetteer.cases}
    parties = [slug for _, slug in r.parties if slug not in detainees]
    if speaker and speaker not in parties:
        parties.append(speaker)
    return _Draft(
        reading=r,
        development=dev,
        date=date,
        precision=precision,
        basis=basis,
        kind=dev.kind,
        cases=cases,
        parties=list(dict.fromkeys(parties)),
        proposal=proposal,
        speaker=speaker,
        quote=quoted_text(text, r.quotes),
        matched=_matched(text, r, dev),
        anchor=dev.date.anchor if dev.date is not None else PUBLICATION,
        rules=[*rules, *dev.rules],
        inherited=not r.cases,
    )


def _cases_of_the_event(text: str, r: _Reading, dev: _Development) -> list[str]:
    """Of the cases a sentence names, the ones its event happens to, when the sentence tells
    several people's events: the people a relative clause is about ("Kohler and Paris, who
    were arrested in May 2022"), or the subject of the coordinated clause the event is in
    ("Kurmasheva was arrested this year, Kara-Murza in 2022 and ..."). An exchange, which
    frees everyone it names together, is left alone. Empty: all of them."""
    if dev.kind not in _DETAINEE_KINDS or dev.kind == "release" or len(r.cases) < 2:
        return []
    events = [t for t in dev.triggers if t.kind == dev.kind and t.strength >= STRONG]
    if not events:
        return []
    at = events[0].start
    named = [(m, [c for c in m.slugs("case") if c in r.cases]) for m in r.case_mentions]
    named = [(m, slugs) for m, slugs in named if slugs]
    for start, end in _relative_clauses(r):
        if start <= at < end and _PERSONAL_RELATIVE_RE.match(text, start):
            about = _antecedent(text, named, start)
            # "her partner, Paris, who were arrested": more people than the names listed.
            plural = _PLURAL_RELATIVE_RE.match(text, start) is not None
            return about if len(about) > 1 or not plural else []
    segments = [
        (s, e)
        for s, e in coordinated_segments(text, r.sentence.start, r.sentence.end)
        if any(s <= m.start < e for m, _ in named)
        and any(s <= t.start < e and t.kind in _DETAINEE_KINDS for t in r.triggers)
    ]
    own = next(((s, e) for s, e in segments if s <= at < e), None)
    if len(segments) < 2 or own is None:
        return []
    inside = [c for m, slugs in named if own[0] <= m.start < own[1] for c in slugs]
    return list(dict.fromkeys(inside))


def _antecedent(text: str, named: list[tuple[Mention, list[str]]], start: int) -> list[str]:
    """The names a relative clause starting at `start` is about: the last named before it, and
    the names listed with that one ("Cécile Kohler and Jacques Paris, who ...")."""
    before = [(m, slugs) for m, slugs in named if m.end <= start and start - m.end <= 80]
    if not before:
        return []
    run = [before[-1]]
    for m, slugs in reversed(before[:-1]):
        if not _NAME_LIST_GLUE_RE.fullmatch(text, m.end, run[-1][0].start):
            break
        run.append((m, slugs))
    return list(dict.fromkeys(c for _, slugs in reversed(run) for c in slugs))


def _pronoun_subject(r: _Reading, dev: _Development) -> bool:
    """The event's subject is "he" or "she", nearer to it than any detainee named."""
    if dev.kind not in _DETAINEE_KINDS or not dev.triggers:
        return False
    at = dev.triggers[0].start - r.sentence.start
    pronouns = [m.end() for m in _SUBJECT_PRONOUN_RE.finditer(_outside_quotes(r), 0, at)]
    if not pronouns:
        return False
    named = [m.end - r.sentence.start for m in r.case_mentions if m.end - r.sentence.start <= at]
    return not named or max(named) < pronouns[-1]


def _plan_only(r: _Reading, dev: _Development) -> bool:
    """A statement whose only news is what is expected to happen."""
    if dev.kind != STATEMENT or any(t.kind != STATEMENT for t in dev.triggers):
        return False
    return _EXPECTED_RE.search(_outside_quotes(r)) is not None


def _generic_proposal(r: _Reading) -> bool:
    """The proposal is named only by weak aliases ("a deal", "the exchange")."""
    return all(m.weak for m in r.proposal_mentions)


def _refers_to_case(r: _Reading, dev: _Development, gazetteer: Gazetteer) -> bool:
    """ "She pleaded guilty", "consular access to her", "the trial began", "the couple met
    Biden": the case in hand."""
    text = _outside_quotes(r)
    if dev.kind in _DETAINEE_KINDS or dev.kind == "designation":
        return bool(_CASE_PRONOUN_RE.search(text) or _DEFINITE_COURT_RE.search(text))
    if dev.kind == "advocacy" and _has_relatives(r, gazetteer):
        return True
    return bool(_CASE_OBJECT_RE.search(text))


def _dated_event_of_focus(r: _Reading, dev: _Development, gazetteer: Gazetteer) -> bool:
    if dev.kind not in _DETAINEE_KINDS or dev.date is None:
        return False
    return not any(
        gazetteer.party_kind(slug) == "person" and slug not in gazetteer.related_case
        for _, slug in r.parties
    )


def _outside_quotes(r: _Reading) -> str:
    text = r.text
    for s, e in reversed(r.quotes):
        s, e = s - r.sentence.start, e - r.sentence.start
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def _about_negotiation(r: _Reading, dev: _Development) -> bool:
    """A sentence naming no case still belongs to the article's cases when it is about the deal."""
    if r.anaphor is not None:
        return True
    if any((a.speaker or a.outlet) and not a.first_person for a in dev.attributions):
        return True
    if any(a.advocate or _held_subject(r, a) for a in dev.attributions):
        return True  # "the family of a teacher held in Iran since May said", "a man freed ... said"
    return (
        dev.kind in _NEGOTIATION_KINDS
        and bool(r.parties)
        and dev.key[0] == "event"
        and any(t.strength >= STRONG for t in dev.triggers)
    )


def _held_subject(r: _Reading, a: Attribution) -> bool:
    """The speaker is told by a relative clause about a detainee's case just before the verb
    ("a scholar who was freed from Iran this month said"): the detainee, or one close to them."""
    return any(
        0 <= a.verb_start - end <= 2
        and any(
            start <= t.start < end and t.kind in _DETAINEE_KINDS and t.strength >= STRONG
            for t in r.triggers
        )
        for start, end in r.relative
    )


def _matched(text: str, r: _Reading, dev: _Development) -> list[dict[str, Any]]:
    def span(start: int, end: int, role: str, **extra: Any) -> dict[str, Any]:
        return {"text": text[start:end], "start": start, "end": end, "role": role, **extra}

    matched = [span(m.start, m.end, "case", slugs=m.slugs("case")) for m in r.case_mentions]
    matched += [span(m.start, m.end, "party", slug=slug) for m, slug in r.parties]
    matched += [
        span(m.start, m.end, "proposal", slugs=m.slugs("proposal")) for m in r.proposal_mentions
    ]
    if r.anaphor:
        matched.append(span(*r.anaphor, "proposal"))
    if dev.date is not None:
        matched.append(span(dev.date.start, dev.date.end, "date"))
    for t in dev.triggers:
        matched.append(span(t.start, t.end, "trigger", kind=t.kind))
    for a in dev.attributions:
        matched.append(span(a.verb_start, a.verb_end, "trigger", kind=dev.kind))
        if a.speaker_start is not None and a.speaker_end is not None:
            matched.append(span(a.speaker_start, a.speaker_end, "speaker"))
    unique = {(m["start"], m["end"], m["role"]): m for m in matched}
    return sorted(unique.values(), key=lambda m: (m["start"], m["end"]))


# --- folding ------------------------------------------------------------------------------


def _fold(drafts: list[_Draft], gazetteer: Gazetteer) -> list[_Draft]:
    kept: list[_Draft] = []
    latest: _Draft | None = None  # the draft that took the last sentence
    said_at = -1
    for draft in drafts:
        target = _fold_target(kept, draft, gazetteer)
        if target is None and _quote_goes_on(latest, kept, draft, said_at):
            target = latest
            target.rules.append(QUOTE_GOES_ON)
        if target is None and _added_goes_on(latest, draft, said_at):
            target = latest
            target.rules.append(ADDED_GOES_ON)
        latest, said_at = target or draft, draft.reading.index
        if target is None:
            kept.append(draft)
        elif _THE_DATING_SENTENCE & set(draft.rules):
            kept[kept.index(target)] = draft  # the sentence that dates it is the entry
        else:
            _anchor_on_stated_words(target, draft)
            target.absorb(draft)
    return kept


_ENGAGED_ON_CASE_RE = re.compile(en.ENGAGED_ON_CASE)
_STANCE_RE = re.compile(en.STANCE_WORDS)


def _anchor_on_stated_words(target: _Draft, d: _Draft) -> None:
    """A speaker's statement that opens on their effort on the case ("We have been closely
    engaged in his case", "I talked about her detention years ago") is told where the speaker
    goes on to say something of that day ("we have seen no evidence", "we reiterate our call"):
    the entry is anchored on that next sentence of theirs."""
    r = target.reading
    if not (
        is_on(ANCHOR_ON_WORDS)
        and target.kind == STATEMENT == d.kind
        and target.speaker
        and target.speaker == d.speaker
        and target.date == d.date
        and ANCHOR_ON_WORDS not in target.rules
        and not target.development.attributions
        and not r.triggers
        and _ENGAGED_ON_CASE_RE.search(r.text)
        and 0 < d.reading.index - (target.last or r).index <= 2
    ):
        return
    target.reading, target.last, target.matched = d.reading, None, d.matched
    target.rules.append(ANCHOR_ON_WORDS)


_PRECISION_RANK = {YEAR: 0, MONTH: 1, DAY: 2}


def _dated_restatement(earlier: _Draft, d: _Draft) -> bool:
    """ "X, who was arrested earlier this year, ..." then "X was arrested at the end of March":
    the later sentence dates the same detention more finely and tells it as its first event, so
    it is the one an editor files. One that tells it only as the background of another event
    ("was charged after he was arrested June 10", "..., who has been held since May 2020")
    lends its date and no more."""
    if not (
        is_on(DATED_RESTATEMENT)
        and d.kind == "detention" == earlier.kind
        and set(d.cases) == set(earlier.cases)
        and d.development.date is not None  # its own date, not the story's
        and _PRECISION_RANK[d.precision] > _PRECISION_RANK[earlier.precision]
    ):
        return False
    events = [
        t for t in d.reading.triggers if t.strength >= STRONG and t.kind not in (STATEMENT, REPORT)
    ]
    first = min(events, key=lambda t: t.start) if events else None
    return (
        first is not None
        and first.kind == d.kind
        and not any(c.start <= first.start < c.end for c in d.reading.clauses)
    )


def _counted_back(d: _Draft) -> bool:
    return d.development.date is not None and d.development.date.rule in _COUNTED_BACK_RULES


def _within_the_count(rough: _Draft, d: _Draft) -> bool:
    """A detention dated by the calendar ("in June", "in December 2022") that a round count
    back from the story ("seven months ago", "more than two years ago") could mean."""
    if _counted_back(d) or d.development.date is None:
        return False
    unit = _UNIT_WORD_RE.search(rough.development.date.text)
    if unit is None:
        return False
    first = d.date
    if d.precision == YEAR:
        last = dt.date(first.year, 12, 31)
    elif d.precision == MONTH:
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    else:
        last = first
    miss = max((first - rough.date).days, (rough.date - last).days, 0)
    return miss <= _COUNT_SLACK_DAYS[unit.group(1).lower()]


def _own_quote(d: _Draft) -> bool:
    """Words of a speaker quoted as a statement of their own: a quote that opens the sentence,
    one after a colon, or one the story dates ("“...,” she said on Monday"); a phrase quoted
    inside the speaker's reported words ("said they had faced 'hell on earth'") is not."""
    return bool(d.quote) and (
        d.reading.quote_led or d.development.voice_dated or ":" in d.reading.text
    )


def _quote_goes_on(latest: _Draft | None, kept: list[_Draft], d: _Draft, said_at: int) -> bool:
    """ "X said Y had faced a 'hell on earth'." folded into the event X told, then "“...,” he
    said.": the quote goes on with the words just folded, not with the last entry kept."""
    return (
        is_on(QUOTE_GOES_ON)
        and latest is not None
        and bool(kept)
        and latest is not kept[-1]
        and d.kind == STATEMENT
        and d.reading.quote_led
        and bool(d.speaker)
        and d.speaker == latest.speaker
        and 0 < d.reading.index - said_at <= 2
        and set(d.cases) <= set(latest.cases)
    )


_CONTINUING_SPEECH_RE = re.compile(en.CONTINUING_SPEECH_SAID)


def _added_goes_on(latest: _Draft | None, d: _Draft, said_at: int) -> bool:
    """ "The head of the judiciary said on Monday that X was acquitted." then "The official
    added that the court found too little evidence.": words a speaker "added" go on with what
    the sentences just before told, not a new entry, whatever they name, unless they bring in
    another case ("She added that Y had been freed too"), a date of their own ("added that he
    was charged in May": that charge's entry) or someone else, named, added them."""
    return (
        is_on(ADDED_GOES_ON)
        and latest is not None
        and 0 <= d.reading.index - said_at <= 2
        and _CONTINUING_SPEECH_RE.search(d.reading.text) is not None
        and set(d.cases) <= set(latest.cases)
        and d.development.date is None
        and not any(
            a.verb in en.CONTINUING_SPEECH
            and (a.first_person or (a.speaker and not a.pronoun and a.speaker != latest.speaker))
            for a in d.development.attributions
        )
    )


def _fold_target(kept: list[_Draft], d: _Draft, gazetteer: Gazetteer) -> _Draft | None:
    if not kept:
        return None
    prev = kept[-1]
    r, pr = d.reading, prev.reading
    if r.index != pr.index and r.index - pr.index <= 2:
        # "“...,” Price said." after Price's own sentence: the quote backs what he said.
        same_speaker = r.continuation or (d.speaker and d.speaker == prev.speaker)
        # Right after an unnamed source ("her lawyers said"), a quote is theirs.
        # (A named official's quote is theirs; "her lawyers said", then the lawyers by name.)
        same_speaker = same_speaker or (
            r.index - pr.index == 1
            and not prev.speaker
            and (not d.speaker or d.speaker in gazetteer.related_case)
        )
        # "“...,” the family said": more of what the family has just said.
        same_speaker = same_speaker or (
            d.kind == "advocacy" == prev.kind
            and not d.speaker
            and any(a.advocate for a in d.development.attributions)
        )
        # "“...,” he said." right after someone's words: still them, whoever "he" resolved to.
        same_speaker = same_speaker or (
            r.index - pr.index == 1
            and bool(pr.attributions)
            and bool(d.development.attributions)
            and all(_personal(a) for a in d.development.attributions)
        )
        if (
            r.quote_led
            and same_speaker
            and d.kind in (STATEMENT, prev.kind)
            and set(d.cases) <= set(prev.cases)
            and not _stance_of_the_day(prev, d)
        ):
            return prev
        # The next sentences of a statement with no new speaker say more of the same; so does
        # "He said ..." right after the speaker's own sentence.
        explicit = any(not a.first_person for a in d.development.attributions)
        explicit = explicit and not (
            r.index - pr.index == 1 and all(_personal(a) for a in d.development.attributions)
        )
        if (
            not explicit
            and d.kind == STATEMENT == prev.kind
            and d.speaker == prev.speaker
            and set(d.cases) <= set(prev.cases)
            and d.date == prev.date
        ):
            return prev
        if d.kind == REPORT == prev.kind and d.development.outlet == prev.development.outlet:
            return prev
    if (
        kept[-1].reading.index == d.reading.index - 1
        and d.kind == STATEMENT
        and d.development.date is not None
        and _THEN_RE.fullmatch(d.development.date.text)
        and _same_date(kept[-1], d)
    ):
        return kept[-1]  # "He said at the time that ...": part of the event just told
    if (
        d.kind == STATEMENT
        and not d.development.voice_dated
        and _ANONYMOUS_RE.search(d.reading.text)
        and _mentions_exchange(d.reading)
    ):
        # An unnamed official on the terms or escorts of an exchange: part of the exchange.
        for earlier in reversed(kept):
            if (
                earlier.kind == "release"
                and earlier.date == d.date
                and (d.inherited or set(d.cases) <= set(earlier.cases))
            ):
                return earlier
    if r.timeline:
        # A chronology line repeating what the body told on that date adds nothing.
        for earlier in kept:
            if (
                not earlier.reading.timeline
                and (earlier.kind == d.kind or not d.development.triggers)
                and _same_date(earlier, d)
                and set(d.cases) & set(earlier.cases)
            ):
                return earlier
    if d.kind == STATEMENT and not d.development.voice_dated and d.reading.proposals:
        # The official who announced a release, on the terms carried out with it: the release.
        for earlier in reversed(kept):
            if (
                earlier.kind == "release"
                and earlier.speaker
                and earlier.speaker == d.speaker
                and earlier.date == d.date
                and set(d.cases) <= set(earlier.cases)
            ):
                return earlier
    if (
        d.kind in (STATEMENT, "advocacy")
        and d.speaker
        and is_on(ONE_STATEMENT_PER_SPEAKER)
        and not (d.reading.follow_up and is_on(FOLLOW_UP))
        and not _about_negotiation_itself(d.reading, d)
        and not (d.development.voice_dated and _undated_voices(kept, d))
    ):
        # One statement per speaker per day: a speaker's later sentences, however far down
        # the story, say more of what they said that day, unless each moves the bargaining
        # on (a spokesman on the call, then the offer, then the reply, in one briefing). A
        # dated statement after the same speaker's undated words is theirs to fold into.
        for earlier in kept:
            if (
                earlier.kind == d.kind
                or (
                    earlier.development.voice == d.kind == STATEMENT
                    and not _own_quote(d)
                    and is_on(RESTATED_EVENT)
                )
            ) and (
                _same_voice_that_day(earlier, d)
                or _official_of_the_same_government(earlier, d, gazetteer)
            ):
                if not _same_voice_that_day(earlier, d):
                    earlier.rules.append(OFFICIAL_FOR_GOVERNMENT)
                earlier.rules.append(ONE_STATEMENT_PER_SPEAKER)
                if earlier.kind != d.kind:
                    earlier.rules.append(RESTATED_EVENT)
                if _about_negotiation_itself(d.reading):
                    earlier.rules.append(QUOTE_RETELLS)  # its talk or release only quoted
                if any(_release_sought(d.reading, t) for t in d.reading.triggers):
                    earlier.rules.append(NEGOTIATION_NAMED)  # a release named only as the goal
                return earlier
    if d.kind == STATEMENT and is_on(RELEASE_JOURNEY):
        target = _journey_of_release(kept, d)
        if target is not None:
            target.rules.append(RELEASE_JOURNEY)
            return target
    if d.kind == STATEMENT and is_on(CONFIRMED_EVENT):
        target = _confirmed_event(kept, d)
        if target is not None:
            target.rules.append(CONFIRMED_EVENT)
            return target
    if d.kind == "release" and is_on(RELEASE_BRIEFED):
        target = _briefed_release(kept, d)
        if target is not None:
            return target
    if d.kind == "detention" and is_on(COUNTED_BACK):
        for earlier in kept:
            if earlier.kind == d.kind and set(d.cases) == set(earlier.cases):
                if _counted_back(earlier) and _within_the_count(earlier, d):
                    # "who disappeared seven months ago", then "was detained in June": the
                    # detention the story dates is the entry.
                    d.rules.append(COUNTED_BACK)
                    d.parties = list(dict.fromkeys([*earlier.parties, *d.parties]))
                    return earlier
                if _counted_back(d) and _within_the_count(d, earlier):
                    earlier.rules.append(COUNTED_BACK)
                    return earlier
    if d.kind in _ONCE_KINDS:
        for earlier in kept:
            if (
                earlier.kind == d.kind
                and set(d.cases) <= set(earlier.cases)
                and _same_date(earlier, d)
            ):
                voice = d.development.voice
                # "The family of X, ..., confirmed he was freed": relatives, unnamed.
                relatives = voice == "advocacy" and any(
                    a.advocate for a in d.development.attributions
                )
                own = relatives or (_names_its_source(d) and d.speaker != earlier.speaker)
                stance = own and not d.development.voice_dated and _stance_on_event(d)
                if own and (voice == "advocacy" or d.development.voice_dated or stance):
                    if stance:
                        d.rules.append(STANCE_ON_EVENT)
                    # "The junta said that day that it had released him", "The family
                    # confirmed he was freed": their own statement about the event.
                    d.kind = voice or STATEMENT
                    if is_on(RESTATED_EVENT):
                        # "X was released on Monday, the official said", after that
                        # official's statement of the day: more of the same statement.
                        return next(
                            (k for k in kept if k.kind == d.kind and _same_voice_that_day(k, d)),
                            None,
                        )
                    return None
                if _dated_restatement(earlier, d):
                    d.rules.append(DATED_RESTATEMENT)
                    d.parties = list(dict.fromkeys([*earlier.parties, *d.parties]))
                    return earlier
                if earlier.precision != DAY and d.precision == DAY:
                    # "arrested almost two months ago", then "arrested Sept 10": the entry
                    # takes the day.
                    earlier.date, earlier.precision = d.date, DAY
                    earlier.basis, earlier.anchor = d.basis, d.anchor
                return earlier
    return None


def _journey_of_release(kept: list[_Draft], d: _Draft) -> _Draft | None:
    """ "Senior officials said X arrived late Friday at the ambassador's home", "The minister
    said the two boarded a plane with the ambassador": the journey of someone the story has
    told freed that day, whoever tells it, is the release's itinerary, not a statement. The
    sentence names whose journey it is ("and that the other prisoner was on his way home" is
    the speaker's word on the exchange)."""
    text = d.reading.text
    if d.inherited or not any(
        not _RELEASE_JOURNEY_TIMES_ANOTHER_RE.search(text[: m.start()])
        for m in _RELEASE_JOURNEY_RE.finditer(text)
    ):
        return None
    for earlier in reversed(kept):
        if (
            earlier.kind in ("release", "court")
            and set(d.cases) <= set(earlier.cases)
            and _same_date(earlier, d)
        ):
            return earlier
    return None


def _confirmed_event(kept: list[_Draft], d: _Draft) -> _Draft | None:
    """ "The ministry confirmed the swap", "Officials confirmed the release Thursday": a party
    that confirms or announces an event the story has told names it as the verb's object; it is
    the event's source, not a statement of its own. A day it gives dates an event the story told
    only by its month."""
    r = d.reading
    told = {
        t.kind
        for t in d.development.triggers
        for a in d.development.attributions
        if t.kind not in (STATEMENT, REPORT)
        and a.verb.lower() in en.CONFIRMING_VERBS
        and a.verb_end <= t.start
        and _CONFIRMED_EVENT_GAP_RE.fullmatch(
            r.text, a.verb_end - r.sentence.start, t.start - r.sentence.start
        )
    }
    if not told:
        return None
    for earlier in reversed(kept):
        if earlier.kind in told and set(d.cases) <= set(earlier.cases) and _same_date(earlier, d):
            if earlier.precision != DAY and d.precision == DAY:
                earlier.date, earlier.precision = d.date, DAY
                earlier.basis, earlier.anchor = d.basis, d.anchor
            return earlier
    return None


def _briefed(d: _Draft) -> bool:
    return any(t.rule == _BRIEFING_TRIGGER for t in d.development.triggers)


def _briefed_release(kept: list[_Draft], d: _Draft) -> _Draft | None:
    """A release named as the topic of a briefing ("joining this call this morning on the
    release of X", "the news yesterday on the release of X") is the release the briefer tells:
    the sentence that tells it is the entry, and the briefing's date for the news dates it."""
    for earlier in kept:
        if earlier.kind != "release" or set(d.cases) != set(earlier.cases):
            continue
        if _briefed(earlier) and not _briefed(d) and _same_date(earlier, d):
            # The briefing named it first, the briefer tells it: that sentence is the entry.
            d.rules.append(RELEASE_BRIEFED)
            return earlier
        if (
            _briefed(d)
            and not _briefed(earlier)
            and earlier.development.date is None
            and d.development.date is not None
        ):
            # Told undated, then "the news yesterday on the release of X": the news's day.
            earlier.date, earlier.precision = d.date, d.precision
            earlier.basis, earlier.anchor = d.basis, d.anchor
            earlier.rules.append(RELEASE_BRIEFED)
            return earlier
    return None


def _stance_on_event(d: _Draft) -> bool:
    """ "The ministry said it was deeply concerned that X had been detained": the speaker's
    stance on the event, told before it, is a statement of theirs about the event (undated,
    the story's news), not the event told again."""
    if not is_on(STANCE_ON_EVENT):
        return False
    r = d.reading
    events = [t.start for t in r.triggers if t.kind == d.kind]
    stance = _STANCE_RE.search(r.text)
    return bool(events) and stance is not None and r.sentence.start + stance.start() < min(events)


def _stance_of_the_day(prev: _Draft, d: _Draft) -> bool:
    """ "Ms X, who was tried in 2022, arrived home, the minister said. “Her return will be
    warmly welcomed,” he said.": a quote of stance told the day of the story, after an event of
    another day, is the speaker's statement of the day, not more of that event."""
    if not (
        is_on(STANCE_ON_EVENT)
        and d.kind == STATEMENT != prev.kind
        and not _same_date(prev, d)
        and _STANCE_RE.search(d.reading.text)
    ):
        return False
    d.rules.append(STANCE_ON_EVENT)
    return True


def _official_of_the_same_government(earlier: _Draft, d: _Draft, gazetteer: Gazetteer) -> bool:
    """ "Russia said ...", then "Foreign Minister Lavrov said ...": a minister or spokesman
    whose title names the government's country speaks for it, so their statement and the
    government's that day, told to the day, are one (two officials' statements stay two)."""
    voice = gazetteer.official_of.get
    return (
        is_on(OFFICIAL_FOR_GOVERNMENT)
        and earlier.kind == d.kind == STATEMENT
        and bool(earlier.speaker and d.speaker)
        and (earlier.date, earlier.precision) == (d.date, d.precision)
        and set(d.cases) <= set(earlier.cases)
        and (voice(d.speaker) == earlier.speaker or voice(earlier.speaker) == d.speaker)
    )


def _same_voice_that_day(earlier: _Draft, d: _Draft) -> bool:
    """The same speaker, on the same day, about no case the earlier words left out."""
    return (
        earlier.speaker == d.speaker
        and _same_date(earlier, d)
        and set(d.cases) <= set(earlier.cases)
    )


def _about_negotiation_itself(r: _Reading, d: _Draft | None = None) -> bool:
    # A talk, an offer or a release told as an event moves the bargaining on; the words only
    # named as the topic ("our negotiations to secure her release") are more of the same.
    return bool(r.proposals or r.anaphor) or any(
        t.kind in _NEGOTIATION_KINDS
        and not _release_sought(r, t)
        and not (d is not None and _quote_retells(r, d, t))
        for t in r.triggers
    )


def _quote_retells(r: _Reading, d: _Draft, t: Trigger) -> bool:
    """ "“I spoke to her. She is on her way home,” he wrote.": a release or a call in the
    speaker's quoted words that the sentence tells as no event of its own is their reaction,
    more of what they said that day, not a step in the bargaining."""
    return (
        is_on(QUOTE_RETELLS)
        and _inside_long_quote(r, t)
        and not any(t is taken for taken in d.development.triggers)
    )


def _release_sought(r: _Reading, t: Trigger) -> bool:
    """ "our work to secure her release": the release as the goal, named only as a topic."""
    return (
        t.kind == "release"
        and t.strength <= WEAK
        and is_on(NEGOTIATION_NAMED)
        and _RELEASE_SOUGHT_RE.search(r.text[: t.start - r.sentence.start]) is not None
    )


def _undated_voices(kept: list[_Draft], d: _Draft) -> bool:
    return any(
        k.speaker == d.speaker and k.kind == d.kind and not k.development.voice_dated for k in kept
    )


def _advocate_key(d: _Draft, gazetteer: Gazetteer) -> str | None:
    """Who speaks for the detainee: the named advocate (a group's director speaks for the
    group), or "family" for unnamed relatives."""
    if d.speaker:
        return gazetteer.speaks_for.get(d.speaker, d.speaker)
    return "family" if any(a.advocate for a in d.development.attributions) else None


def _fold_undated_advocacy(kept: list[_Draft], gazetteer: Gazetteer) -> list[_Draft]:
    """A family's words quoted elsewhere in the story with no date of their own ("“...,” the
    family said") are part of the statement the story dates ("the family said late Wednesday"),
    wherever in the article either comes."""
    voices = [d for d in kept if d.kind == "advocacy" and _advocate_key(d, gazetteer) is not None]
    if len(voices) < 2:
        return kept
    result: list[_Draft] = []
    for d in kept:
        key = (
            _advocate_key(d, gazetteer) if d.kind == "advocacy" and d.basis == "published" else None
        )
        target = None
        if key is not None and d.development.voice == "advocacy":
            # the same advocate's dated statement, or their undated words earlier that day
            target = next(
                (
                    o
                    for o in voices
                    if o is not d
                    and _advocate_key(o, gazetteer) == key
                    and set(d.cases) <= set(o.cases)
                    and (
                        o.development.voice_dated
                        and abs((d.date - o.date).days) <= 1
                        or o.basis == "published"
                        and o.reading.index < d.reading.index
                        and o in result
                    )
                ),
                None,
            )
        if target is None:
            result.append(d)
        else:
            target.absorb(d)
    return result


def _personal(a: Attribution) -> bool:
    """A bare personal pronoun ("he said"), not a role ("the spokesperson said")."""
    return a.pronoun in en.PERSONAL_PRONOUNS


def _names_its_source(d: _Draft) -> bool:
    return bool(d.speaker) and any(
        a.speaker and not a.first_person and not a.pronoun for a in d.development.attributions
    )


def _same_date(a: _Draft, b: _Draft) -> bool:
    if "year" in (a.precision, b.precision):
        return a.date.year == b.date.year
    if "month" in (a.precision, b.precision):
        return (a.date.year, a.date.month) == (b.date.year, b.date.month)
    return a.date == b.date


def _freeze(text: str, d: _Draft, published: dt.date) -> Candidate:
    s = d.reading.sentence
    end = (d.last or d.reading).sentence.end
    signals = _signals(d, published)
    return Candidate(
        start=s.start,
        end=end,
        evidence=text[s.start : end],
        date=d.date,
        precision=d.precision,
        date_basis=d.basis,
        date_anchor=d.anchor,
        kind=d.kind,
        cases=sorted(d.cases),
        parties=d.parties,
        proposal=d.proposal,
        speaker=d.speaker,
        quote=d.quote,
        confidence=confidence(signals),
        matched=d.matched,
        rules=list(dict.fromkeys([*_rules_fired(d.development), *d.rules])),
        signals=signals,
    )


# What the confidence model reads besides the kind (confidence.py); each is 0 or 1.
SIGNALS = (
    "names_case",  # the sentence names a case (not taken from the sentences around it)
    "names_proposal_only",  # it names a proposal but no case
    "several_cases",
    "written_date",  # the date is written in the sentence, not the story's day
    "month_or_year",  # the date is known only to the month or year
    "background",  # more than a month before the story
    "earlier_report",  # "first reported by ..."
    "strong_trigger",  # a word that states the development ("sentenced"), not a topic
    "several_triggers",  # words of more than one kind
    "attributed",  # a speaker or outlet is named
    "quoted",  # the sentence quotes someone
    "lead",  # one of the story's first sentences
    "government_voice",  # a government's own statement or briefing
)


def _signals(d: _Draft, published: dt.date) -> dict[str, float]:
    """The proposal's kind and which of SIGNALS hold, as the confidence model reads them."""
    r, dev = d.reading, d.development
    holds = (
        bool(r.cases),
        not r.cases and bool(r.proposals),
        len(d.cases) > 1,
        dev.date is not None,
        d.precision != DAY,
        (published - d.date).days > 31,
        dev.earlier_report,
        any(t.strength >= STRONG and t.realis for t in dev.triggers),
        len({t.kind for t in dev.triggers}) > 1,
        bool(d.speaker or dev.outlet),
        bool(r.quotes),
        r.index < _LEAD_SENTENCES,
        r.first_person or r.label is not None,
    )
    signals = {f"kind:{d.kind}": 1.0}
    signals.update((name, 1.0) for name, on in zip(SIGNALS, holds, strict=True) if on)
    return signals


def _rules_fired(dev: _Development) -> list[str]:
    """The names of the rules behind a development: its triggers', then its date's."""
    names = [t.rule for t in dev.triggers]
    if dev.date is not None:
        names.append(dev.date.rule)
    return [name for name in dict.fromkeys(names) if name]
