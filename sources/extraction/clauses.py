"""Subordinate clauses: which event a date in a sentence belongs to.

"Danny Fenster, who has been imprisoned since May, was found guilty on Friday": the conviction
is Friday's and the imprisonment May's. Binding a date to the nearest event word swaps them;
binding it to the event of its own clause does not. The sentence is read as a main clause with
subordinate clauses cut out of it:

- relative: "who/whom/whose/which ..." up to the next comma or break, or, without commas, up to
  where the main verb begins ("An American who has been held since October | was sentenced");
- reduced relative: ", kidnapped in October 2016 in Niger" (a participle and a preposition
  after a comma, or after an apposition: ", a Moroccan student captured in March"), up to the
  next comma or the main verb;
- participial: "after being detained in mid-December", "since having been moved", up to the
  next break.

Everything outside them is the main clause (None). A reduced relative or participial clause
matters only when it holds a date of its own (the caller keeps those): ", freed by Tehran" after
"landed on Monday" is Monday's event. The vocabulary is in the language pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lang import en

_RELATIVE_RE = re.compile(en.RELATIVE_PRONOUNS)
_PARTICIPIAL_RE = re.compile(en.PARTICIPIAL_CLAUSE)
_BREAK_RE = re.compile(en.CLAUSE_BREAK)
_ANY_BREAK_RE = re.compile(f"{en.CLAUSE_BREAK}|{en.CONJUNCTION_BREAK}")
_WORD_RE = re.compile(r"[A-Za-z’']+")
_COORDINATION_RE = re.compile(en.COORDINATION)
# ", kidnapped in October", and after an apposition: ", a Moroccan student captured in March".
_REDUCED_RE = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?:[\w’'-]+\s+){1,3}?)?(?:\w+ly\s+)?"
    r"(?P<participle>[a-z]+ed|"
    + "|".join(sorted(en.IRREGULAR_PARTICIPLES))
    + r")\s+(?P<preposition>[a-z]+)\b"
)


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    kind: str  # "relative", "reduced-relative" or "participial"


def subordinate_clauses(text: str, start: int, end: int) -> list[Clause]:
    """The subordinate clauses of text[start:end], in order, not overlapping."""
    found: list[Clause] = []
    for m in _RELATIVE_RE.finditer(text, start, end):
        # "where Russian media said", "whom the court said": the clause has a subject of its
        # own, so its first verb is its own.
        own_subject = m.group().lower() in ("where", "whom")
        found.append(
            Clause(
                m.start(), _relative_end(text, m.end(), end, own_subject=own_subject), "relative"
            )
        )
    for m in _REDUCED_RE.finditer(text, start, end):
        participle, preposition = m.group("participle"), m.group("preposition")
        is_participle = participle.endswith("ed") or participle in en.IRREGULAR_PARTICIPLES
        if is_participle and preposition in en.PREPOSITIONS_AFTER_PARTICIPLE:
            at = m.start("participle")
            found.append(
                Clause(at, _relative_end(text, at, end, own_verb=True), "reduced-relative")
            )
    for m in _PARTICIPIAL_RE.finditer(text, start, end):
        stop = _ANY_BREAK_RE.search(text, m.end(), end)
        found.append(Clause(m.start(), stop.start() if stop else end, "participial"))
    kept: list[Clause] = []
    for clause in sorted(found, key=lambda c: (c.start, -c.end)):
        if not kept or clause.start >= kept[-1].end:
            kept.append(clause)
    return kept


def _relative_end(
    text: str, at: int, end: int, own_verb: bool = False, own_subject: bool = False
) -> int:
    """Where a relative clause starting at `at` ends: at a break, or before a finite auxiliary
    that follows the clause's own verb and is not the verb of a subject inside the clause."""
    stop = _BREAK_RE.search(text, at, end)
    limit = stop.start() if stop else end
    previous = None
    seen_own_verb = own_verb
    # "which took into account the fact that Hubbard has been held": the next verb is the
    # complement's, as is the first verb of a clause with a subject of its own ("where X said").
    complement = own_subject
    for word in _WORD_RE.finditer(text, at, limit):
        low = word.group().lower()
        if low in en.FINITE_AUXILIARIES or (low in en.CLAUSE_ENDING_SPEECH and seen_own_verb):
            if complement or previous in en.CLAUSE_SUBJECTS:
                complement = False  # the verb of a subject inside the clause
            elif seen_own_verb:
                return word.start() - 1 if text[word.start() - 1].isspace() else word.start()
        elif previous is not None or own_verb:
            complement = complement or (
                seen_own_verb and low in en.COMPLEMENTIZERS and _has_subject(text, low, word.end())
            )
            seen_own_verb = True
        previous = low
    return limit


def _has_subject(text: str, conjunction: str, at: int) -> bool:
    """A conjunction ending at `at` opens a clause with a subject of its own ("when the court
    said", "when Iran's judiciary said"), not a reduced one ("while traveling through", "while
    on holiday", "when asked"); "that" always does ("the fact that he has been held")."""
    if conjunction == "that":
        return True
    following = _WORD_RE.search(text, at)
    if following is None:
        return False
    word = following.group()
    return word[0].isupper() or word.lower() in en.SUBJECT_OPENERS


def coordinated_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans between coordinating separators that open a new subject: "A was arrested in
    May, B was arrested in 2022 and C had been held for years" gives three. A list of names
    ("A, B and C were freed") is split too; the caller uses a segment only when it holds an
    event of its own."""
    spans, begin = [], start
    for m in _COORDINATION_RE.finditer(text, start, end):
        spans.append((begin, m.start()))
        begin = m.end()
    spans.append((begin, end))
    return [(s, e) for s, e in spans if e > s]
