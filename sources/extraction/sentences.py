"""Sentence segmentation for news copy.

A full stop ends a sentence unless it closes an abbreviation ("Feb.", "Sen.", "Mr."), an initial
("Paul N. Whelan") or a run of initials ("U.S.") that the next word shows is not at a sentence
end ("the U.S. Embassy" goes on, "in the U.S. The next day" stops). Inside an open quotation a
full stop does not end the sentence, so "“We are angry. Bring her home,” she said." stays whole;
a full stop right before the closing quote ("…negotiate in public.”") does end it. A paragraph
that is all quotation, with no "she said" after it (a statement printed whole, or one paragraph
of a quote running over several), is read sentence by sentence like any other.

A paragraph (one line of the text) is never joined to the next. A paragraph without final
punctuation is a heading, a dateline or a cut-off line: it is kept, marked as a heading, and never
used as evidence (except the text's last line when it reads as the body's sentence cut off where
an excerpt of the page ends); so is a second printing of a sentence the page has already given. A
transcript that a page printed as one line ("MR MILLER: ... QUESTION: ...") is split back into its
turns, each speaker label opening a paragraph of its own, as the transcript had it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lang import en
from .rules import is_on

TRANSCRIPT_TURNS = "reading-transcript-turns"
CUT_OFF_PARAGRAPH = "reading-cut-off-paragraph"
WRAPPED_LINES = "reading-wrapped-lines"

# Never end a sentence: titles, months and other words that are followed by more of the sentence.
_ALWAYS_ABBREVIATIONS = frozenset(
    [
        *en.TITLE_ABBREVIATIONS,
        *(month.rstrip(".").lower() for month in en.MONTH_ABBREVIATIONS),
        *en.OTHER_ABBREVIATIONS,
    ]
)
# End a sentence only when the next word looks like a sentence start ("U.S. The", "p.m. He").
_MAYBE_ABBREVIATIONS = en.COMPANY_ABBREVIATIONS
_SENTENCE_STARTERS = en.SENTENCE_STARTERS
# A stop before a space, or one a page lost the space after ("to walk free.The court",
# "minister Berto Dorcé.Seventeen", "for comment.CAM released", "on Thursday.”We glorify").
_BOUNDARY_RE = re.compile(
    r"[.!?…]+[\"”’')\]]*(?=\s|$)|(?<=[a-zà-ÿ]{2})\.[”’]?(?=[A-Z](?:[a-z]{2}|[A-Z]{2,}\b))"
)
# A line ending in a colon introduces what follows; one ending in a semicolon is a clause of a
# list ("Whereas ... ;" in a resolution), never a heading.
_FINAL_PUNCT = tuple(".!?…\"”’':;")
_OPEN_QUOTES = "“"
_CREDIT_RE = re.compile(en.PHOTO_CREDIT)
_DATE_LINE_RE = re.compile(en.DATE_LINE)
_TIME_LINE_RE = re.compile(en.TIME_LINE)
_LABEL_RE = re.compile(en.LABEL)
_TURN_RE = re.compile(r"(?<=\s)" + en.LABEL)
_PHOTO_POSITION_RE = re.compile(en.PHOTO_POSITION)
_CLOSE_QUOTES = "”"


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    heading: bool
    turn: bool = False  # a transcript's turn, split from the line a page ran it into
    cut_off: bool = False  # the text's last sentence, cut off where an excerpt of the page ends
    wrapped: bool = False  # read across the line breaks of a hard-wrapped text


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = 0
    pos = 0
    for line in _paragraphs(text):
        line_start, pos = pos, pos + len(line)
        stripped = line.strip()
        if not stripped:
            continue
        lead = line_start + (len(line) - len(line.lstrip()))
        printed_date = _DATE_LINE_RE.match(text, lead, lead + len(stripped))
        if printed_date:
            sentences.append(Sentence(lead, printed_date.end() - 1, paragraph, heading=True))
            lead = printed_date.end()
            stripped = text[lead : line_start + len(line)].strip()
        time_stamp = is_on(TRANSCRIPT_TURNS) and _TIME_LINE_RE.match(
            text, lead, lead + len(stripped)
        )
        if time_stamp:
            # A transcript's time stamp, a line of its own that the page ran into the first turn.
            sentences.append(Sentence(lead, time_stamp.end() - 1, paragraph, heading=True))
            paragraph += 1
            lead = time_stamp.end()
            stripped = text[lead : line_start + len(line)].strip()
        spans = _split_paragraph(text, lead, lead + len(stripped))
        # Where each later speaker's turn opens, in a transcript's line only.
        turn_starts: set[int] = set()
        if is_on(TRANSCRIPT_TURNS) and _LABEL_RE.match(text, lead):
            spans = _split_turns(text, spans)
            turn_starts = {s for s, _ in spans[1:] if _LABEL_RE.match(text, s)}
        heading_last = not stripped.endswith(_FINAL_PUNCT)
        # A photo caption (its line ends with a credit) is kept whole as a heading: it restates
        # the lead beside a picture, and the lead below is where the development is told.
        caption = heading_last and _CREDIT_RE.search(text, *spans[-1]) is not None
        turns = bool(time_stamp or turn_starts)
        for k, (s, e) in enumerate(spans):
            if s in turn_starts:
                paragraph += 1  # the next speaker's turn
            heading = caption or (heading_last and k == len(spans) - 1)
            # A sentence placing someone in a picture is its caption, wherever it is printed.
            heading = heading or _PHOTO_POSITION_RE.search(text, s, e) is not None
            wrapped = "\n" in text[s:e].rstrip()
            sentences.append(Sentence(s, e, paragraph, heading, turns, wrapped=wrapped))
        paragraph += 1
    return _repeats_as_headings(text, _cut_off_at_the_end(text, sentences))


# A line broken off a sentence holds a few words at least.
_WRAPPED_MIN_WORDS = 3


def _paragraphs(text: str) -> list[str]:
    """The text's paragraphs, one a line, except where a hard-wrapped text (a wire story, a
    Congressional Record page broken every ~70 characters) runs a sentence over several lines: a
    line without final punctuation goes on into the next when that one opens in lower case, when
    it stops on a comma or a word no sentence ends on ("the", "of", "said"), or, in a text
    wrapped that way throughout, when it is as long as the text's wrapped lines. A heading, a
    bullet line, a transcript's speaker label or a line indented as a new paragraph opens one."""
    lines = text.splitlines(keepends=True)
    if not is_on(WRAPPED_LINES) or len(lines) < 2:
        return lines
    longest = max(len(line.rstrip()) for line in lines)
    breaks = sum(
        1
        for line, nxt in zip(lines, lines[1:], strict=False)
        if _breaks_before(line, nxt) and nxt.lstrip()[0].islower()
    )
    wrapped_text = breaks >= en.WRAPPED_TEXT_MIN_BREAKS
    paragraphs = [lines[0]]
    for line in lines[1:]:
        before = paragraphs[-1].splitlines()[-1]
        if _breaks_before(before, line) and (
            line.lstrip()[0].islower()
            or _continues(before)
            or (wrapped_text and len(before.rstrip()) >= en.WRAPPED_LINE_SHARE * longest)
        ):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
    return paragraphs


def _breaks_before(line: str, nxt: str) -> bool:
    """The line stops without final punctuation and the next goes on as body text."""
    stripped, following = line.strip(), nxt.lstrip()
    if not stripped or not following.strip() or stripped.endswith(_FINAL_PUNCT):
        return False
    if len(stripped.split()) < _WRAPPED_MIN_WORDS:
        return False  # a date, a name, a label: not a sentence broken off
    if len(nxt) - len(following) > len(line) - len(line.lstrip()):
        return False  # indented further: a new paragraph or a heading
    if not (following[0].isalnum() or following[0] in '“"'):
        return False  # a bullet, a bracketed note
    return _LABEL_RE.match(following) is None


def _continues(line: str) -> bool:
    """The line stops on a word no sentence ends on."""
    return line.split()[-1].lower() in en.LINE_CONTINUING_WORDS


# A cut-off sentence is read when it still says something: a few words, most of them in lower
# case as a sentence has them (a heading capitalises its words: "Freedom and Our Future").
_CUT_OFF_MIN_WORDS = 8
_CUT_OFF_LOWER_SHARE = 0.5


def _cut_off_at_the_end(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """An excerpt of a page ends where it was cut, often in the middle of a sentence ("... was
    arrested on Sept. 10 while traveling along the"): a last line without final punctuation,
    right after the body text, written in sentence case, is that body's cut-off sentence and is
    read; a heading, a caption or a list of links printed at the end of a page is not."""
    if not is_on(CUT_OFF_PARAGRAPH) or len(sentences) < 2:
        return sentences
    *before, last = sentences
    if not last.heading or before[-1].heading:
        return sentences
    if _CREDIT_RE.search(text, last.start, last.end):
        return sentences
    if _PHOTO_POSITION_RE.search(text, last.start, last.end):
        return sentences
    words = [w for w in text[last.start : last.end].split() if any(c.isalpha() for c in w)]
    lower = [w for w in words if next(c for c in w if c.isalpha()).islower()]
    if len(words) < _CUT_OFF_MIN_WORDS or len(lower) < _CUT_OFF_LOWER_SHARE * len(words):
        return sentences
    return [*before, replace(last, heading=False, cut_off=True)]


# A sentence shorter than this may well be said twice ("He denies it.").
_REPEAT_MIN_CHARS = 40


def _repeats_as_headings(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """A page that prints a sentence twice (a lead above and below a photo, a caption in the
    body) tells one thing once: the copy is kept, marked as a heading, never as evidence."""
    seen: set[str] = set()
    kept = []
    for s in sentences:
        words = " ".join(text[s.start : s.end].split())
        repeat = len(words) >= _REPEAT_MIN_CHARS and words in seen
        seen.add(words)
        kept.append(replace(s, heading=True, cut_off=False) if repeat else s)
    return kept


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = start
    block_quote = _all_quotation(text, start, end)
    for m in _BOUNDARY_RE.finditer(text, start, end):
        stop = m.end()
        if _is_boundary(text, begin, m.start(), stop, end, block_quote):
            spans.append((begin, stop))
            begin = _skip_space(text, stop, end)
    if begin < end:
        spans.append((begin, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _split_turns(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A transcript's line: a speaker label inside a sentence ("... on Evan — MR MILLER: Sure.")
    starts that speaker's turn there."""
    split: list[tuple[int, int]] = []
    for s, e in spans:
        opening = _LABEL_RE.match(text, s, e)
        for m in _TURN_RE.finditer(text, opening.end() if opening else s, e):
            before = text[s : m.start()].rstrip()
            if before:
                split.append((s, s + len(before)))
            s = m.start()
        split.append((s, e))
    return split


def _all_quotation(text: str, start: int, end: int) -> bool:
    """The paragraph opens a quotation and says nothing after its close: no attribution."""
    if text[start] not in '“"':
        return False
    closes = [
        at for at in (text.find("”", start + 1, end), text.find('"', start + 1, end)) if at >= 0
    ]
    return not closes or not text[min(closes) + 1 : end].strip(" .,;")


def _is_boundary(
    text: str, begin: int, mark: int, stop: int, end: int, block_quote: bool = False
) -> bool:
    nxt = _skip_space(text, stop, end)
    if nxt >= end:
        return True
    closes_quote = text[stop - 1] in "”\"'’" and text[mark] != text[stop - 1]
    if _inside_quote(text, begin, mark) and not closes_quote and not block_quote:
        return False
    following = text[nxt]
    if following.islower():
        return False
    if text[mark] == "." and not closes_quote and stop - mark == 1:
        word = _word_before(text, begin, mark)
        if not _period_ends_sentence(word, _word_at(text, nxt, end)):
            return False
    return True


def _period_ends_sentence(word: str, next_word: str) -> bool:
    low = word.lower()
    if low in _ALWAYS_ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "Paul N. Whelan"
        return False
    if "." in word or low in _MAYBE_ABBREVIATIONS:  # "U.S", "a.m", "Jr"
        return next_word.lower().strip("“\"'‘") in _SENTENCE_STARTERS
    return True


def _inside_quote(text: str, begin: int, at: int) -> bool:
    segment = text[begin:at]
    curly = segment.count(_OPEN_QUOTES) - segment.count(_CLOSE_QUOTES)
    straight = segment.count('"') % 2
    return curly > 0 or straight == 1


def _word_before(text: str, begin: int, at: int) -> str:
    i = at
    while i > begin and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    return text[i:at]


def _word_at(text: str, at: int, end: int) -> str:
    i = at
    while i < end and not text[i].isspace():
        i += 1
    return text[at:i].strip(",;:")


def _skip_space(text: str, i: int, end: int) -> int:
    while i < end and text[i].isspace():
        i += 1
    return i
