"""Scanning text for many alternative patterns at once, fast.

Python's regex engine tries every branch of an alternation at every position, so a lexicon of a
hundred phrases costs a hundred attempts per character. All our phrases start a word, so the
scanner visits word starts only, and at each one tries just the alternatives that can begin with
that word's first letter. The first letters come from the standard library's own regex parser;
anything it cannot reason about is tried everywhere, so the result is always the same as one big
alternation scanned left to right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_WORD_START_RE = re.compile(r"\b\w")
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}


class Scanner:
    """Leftmost, non-overlapping matches of alternatives that each start at a word start."""

    def __init__(self, alternatives: list[str], flags: int = 0) -> None:
        firsts = [_first_chars(p, flags) for p in alternatives]
        everywhere = [i for i, f in enumerate(firsts) if f is None]
        letters = set().union(*(f for f in firsts if f is not None))
        self._by_char: dict[str, re.Pattern[str]] = {}
        for char in letters:
            chosen = sorted({i for i, f in enumerate(firsts) if f and char in f} | set(everywhere))
            self._by_char[char] = re.compile("|".join(alternatives[i] for i in chosen), flags)
        self._fallback = (
            re.compile("|".join(alternatives[i] for i in everywhere), flags) if everywhere else None
        )
        # Visit only the word starts where something can match.
        self._starts = (
            _WORD_START_RE
            if everywhere
            else re.compile(r"\b[" + re.escape("".join(sorted(letters))) + "]", re.IGNORECASE)
        )

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        resume = 0
        for word in self._starts.finditer(text):
            at = word.start()
            if at < resume:
                continue
            pattern = self._by_char.get(text[at].lower(), self._fallback)
            if pattern is None:
                continue
            m = pattern.match(text, at)
            if m is not None and m.end() > at:
                resume = m.end()
                yield m


def _first_chars(pattern: str, flags: int) -> set[str] | None:
    """The lower-case characters a match can start with; None when any character could."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unusual pattern is simply tried everywhere
        return None
    chars, nullable = _first(list(parsed))
    return None if chars is None or nullable else chars


def _first(items: list) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match the empty string)."""
    found: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre_constants.LITERAL:
            return found | {chr(av).lower()}, False
        if op is sre_constants.IN:
            chars = _charset(av)
            return (None, False) if chars is None else (found | chars, False)
        if op is sre_constants.SUBPATTERN:
            chars, nullable = _first(list(av[-1]))
        elif op is sre_constants.BRANCH:
            chars, nullable = set(), False
            for branch in av[1]:
                sub, sub_nullable = _first(list(branch))
                if sub is None:
                    return None, False
                chars |= sub
                nullable = nullable or sub_nullable
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            chars, nullable = _first(list(av[2]))
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _charset(items: list) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            chars.add(chr(av).lower())
        elif op is sre_constants.RANGE and av[1] - av[0] < 100:
            chars |= {chr(c).lower() for c in range(av[0], av[1] + 1)}
        elif op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_DIGIT:
            chars |= set("0123456789")
        elif op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_SPACE:
            pass  # never a word character, and every match starts at one
        else:
            return None
    return chars
