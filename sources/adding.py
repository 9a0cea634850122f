"""The extractor's reading of a span an editor chose: what pre-fills the form of a development
the machine missed.

The extractor runs on the whole article, as the worker ran it, with the same gazetteer: a
relative date ("the next day") counts from what the article told before the span, and a
sentence about "the deal" gets the deal's cases. What it proposes overlapping the span is its
reading. When it proposes nothing there (that is why the editor is adding it), the span's own
dates (by the extractor's date rules) and the cases, parties and proposal it names are the
reading, and the kind is left for the editor to choose.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from cases.models import DatePrecision

from .extraction.dates import find_dates
from .extraction.sentences import split_sentences
from .gazetteer import known
from .models import Article
from .processing import run_extraction, summarise


@dataclass(frozen=True)
class FoundDate:
    """A date expression in the span: its words, and the date they give."""

    text: str
    date: datetime.date
    precision: str
    future: bool


@dataclass
class Reading:
    start: int
    end: int
    evidence: str
    occurred_on: datetime.date
    precision: str
    # Whence the date: the words that gave it, or "" when the span has none (the article's date).
    date_basis: str
    kind: str  # "" when the extractor proposed nothing here: the editor chooses
    summary: str
    quote: str = ""
    speaker_id: int | None = None
    proposal_id: int | None = None
    case_ids: list[int] = field(default_factory=list)
    party_ids: list[int] = field(default_factory=list)
    dates: list[FoundDate] = field(default_factory=list)
    # Whether the extractor proposed a development overlapping the span.
    proposed_here: bool = False

    def initial(self) -> dict:
        """The entry form's initial values."""
        return {
            "start": self.start,
            "end": self.end,
            "occurred_on": self.occurred_on,
            "precision": self.precision,
            "kind": self.kind,
            "summary": self.summary,
            "quote": self.quote,
            "speaker": self.speaker_id,
            "proposal": self.proposal_id,
            "cases": self.case_ids,
            "parties": self.party_ids,
        }


def span_problem(text: str, start: int | None, end: int | None) -> str | None:
    """Why [start, end) is not a span of `text` a development can be cited from, or None."""
    if start is None or end is None:
        return "Select the words the development is told in."
    if not 0 <= start < end <= len(text):
        return f"The selection must lie within the article's {len(text):,} characters."
    if not text[start:end].strip():
        return "The selection is only blank space: select the words."
    return None


def publication_day(article: Article) -> datetime.date:
    return article.published_on or timezone.localdate(article.created_at)


def _precision(value: str) -> str:
    return value if value in DatePrecision.values else DatePrecision.APPROXIMATE


def read_span(article: Article, start: int, end: int) -> Reading:
    """What the extractor reads in article.text[start:end] (a valid span: see span_problem)."""
    text = article.text
    published = publication_day(article)
    world = known()
    evidence = text[start:end]
    # Dates read in the whole text, so relative ones count from the dates told before the span.
    dates = [
        FoundDate(d.text, d.date, _precision(d.precision), d.future)
        for d in find_dates(text, published)
        if start <= d.start and d.end <= end
    ]
    overlapping = [
        c
        for c in run_extraction(text, published, world.gazetteer)
        if c.start < end and c.end > start
    ]
    if overlapping:
        # The candidate sharing the most words with the span, the surest of equals.
        best = max(overlapping, key=lambda c: (min(c.end, end) - max(c.start, start), c.confidence))
        return Reading(
            start=start,
            end=end,
            evidence=evidence,
            occurred_on=best.date,
            precision=_precision(best.precision),
            date_basis="" if best.date_basis == "published" else best.date_basis,
            kind=best.kind,
            summary=summarise(evidence),
            quote=best.quote or "",
            speaker_id=world.party_ids.get(best.speaker) if best.speaker else None,
            proposal_id=world.proposal_ids.get(best.proposal) if best.proposal else None,
            case_ids=sorted({world.case_ids[s] for s in best.cases if s in world.case_ids}),
            party_ids=sorted({world.party_ids[s] for s in best.parties if s in world.party_ids}),
            dates=dates,
            proposed_here=True,
        )

    mentions = world.gazetteer.find(evidence)
    proposals = [slug for m in mentions for slug in m.slugs("proposal")]
    cases = {slug for m in mentions for slug in m.slugs("case")}
    for slug in proposals:  # "the deal" is about the deal's cases
        info = world.gazetteer.proposals.get(slug)
        cases.update(info.cases if info else ())
    parties = {slug for m in mentions for slug in m.slugs("party")}
    # A date the span tells as past first; a plan ("next week") only when there is nothing else.
    told = sorted(dates, key=lambda d: d.future)
    return Reading(
        start=start,
        end=end,
        evidence=evidence,
        occurred_on=told[0].date if told else published,
        precision=told[0].precision if told else DatePrecision.DAY,
        date_basis=told[0].text if told else "",
        kind="",
        summary=summarise(evidence),
        proposal_id=world.proposal_ids.get(proposals[0]) if proposals else None,
        case_ids=sorted(world.case_ids[s] for s in cases if s in world.case_ids),
        party_ids=sorted(world.party_ids[s] for s in parties if s in world.party_ids),
        dates=dates,
    )


@dataclass(frozen=True)
class Piece:
    """A stretch of the article's text as the page prints it: a sentence, or what lies
    between two (spaces, a dateline's dash). Offsets are the article text's."""

    start: int
    end: int
    text: str
    sentence: bool


def paragraphs(text: str) -> list[list[Piece]]:
    """The article's lines, each cut into sentences (the extractor's sentences) and the text
    between them, so that every character is printed once, inside an element that knows its
    offset: the page's script turns a selection into article offsets from these."""
    bounds = [(s.start, s.end) for s in split_sentences(text)]
    lines: list[list[Piece]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        line_start, line_end = position, position + len(line.rstrip("\r\n"))
        position += len(line)
        pieces, at = [], line_start
        for s, e in bounds:
            if e <= line_start or s >= line_end:
                continue
            s, e = max(s, line_start), min(e, line_end)
            if s > at:
                pieces.append(Piece(at, s, text[at:s], sentence=False))
            pieces.append(Piece(s, e, text[s:e], sentence=True))
            at = e
        if line_end > at:
            pieces.append(Piece(at, line_end, text[at:line_end], sentence=False))
        if any(piece.text.strip() for piece in pieces):
            lines.append(pieces)
    return lines
