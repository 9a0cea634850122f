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
        # A finer dispatch on the first two characters, when both are ASCII: just the
        # alternatives that can begin with that pair, still in order (built as pairs are met).
        self._alternatives, self._flags, self._firsts = alternatives, flags, firsts
        self._pairs = [_first_pairs(p, flags) for p in alternatives]
        self._by_pair: dict[str, re.Pattern[str] | None] = {}
        self._by_subset: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        resume = 0
        for word in self._starts.finditer(text):
            at = word.start()
            if at < resume:
                continue
            pair = text[at : at + 2]
            if len(pair) == 2 and pair.isascii():
                pair = pair.lower()
                try:
                    pattern = self._by_pair[pair]
                except KeyError:
                    pattern = self._pair_pattern(pair)
            else:
                pattern = self._by_char.get(text[at].lower(), self._fallback)
            if pattern is None:
                continue
            m = pattern.match(text, at)
            if m is not None and m.end() > at:
                resume = m.end()
                yield m

    def _pair_pattern(self, pair: str) -> re.Pattern[str] | None:
        first, second = pair
        chosen = tuple(
            i
            for i, (f, pairs) in enumerate(zip(self._firsts, self._pairs, strict=True))
            if (f is None or first in f)
            and (pairs is None or any(a in (first, _ANY) and b in (second, _ANY) for a, b in pairs))
        )
        if chosen not in self._by_subset:
            self._by_subset[chosen] = (
                re.compile("|".join(self._alternatives[i] for i in chosen), self._flags)
                if chosen
                else None
            )
        pattern = self._by_pair[pair] = self._by_subset[chosen]
        return pattern


_ANY = "\x00"  # any character at all, in a pair
_ASCII_SPACE = frozenset(chr(c) for c in range(128) if chr(c).isspace())


def _first_pairs(pattern: str, flags: int) -> set[str] | None:
    """The (lower-case) first two characters a match can have, _ANY standing for any character
    (or for none, when a match can be one character long); None when unknown. Only ASCII
    characters are listed: a non-ASCII one counts as _ANY, so the sets hold for ASCII pairs."""
    try:
        parsed = sre_parse.parse(pattern, flags)
        found = _prefixes(list(parsed))
    except Exception:  # noqa: BLE001 - an unusual pattern is simply tried for every pair
        return None
    if found is None:
        return None
    return {(p + _ANY + _ANY)[:2] for p in found}


def _prefixes(items: list) -> set[str] | None:
    """The prefixes of up to two characters a sequence can match; None when unknown."""
    current = {""}
    for op, av in items:
        if all(len(p) >= 2 for p in current):
            break
        if op in _ZERO_WIDTH:
            continue
        if op is sre_constants.LITERAL:
            char = chr(av)
            step: set[str] | None = {char.lower() if char.isascii() else _ANY}
        elif op is sre_constants.NOT_LITERAL or op is sre_constants.ANY:
            step = {_ANY}
        elif op is sre_constants.IN:
            step = _pair_charset(av)
        elif op is sre_constants.SUBPATTERN:
            step = _prefixes(list(av[-1]))
        elif op is sre_constants.BRANCH:
            step = set()
            for branch in av[1]:
                sub = _prefixes(list(branch))
                if sub is None:
                    return None
                step |= sub
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            sub = _prefixes(list(av[2]))
            if sub is None:
                return None
            step = sub | {(a + b)[:2] for a in sub for b in sub}
            if av[0] == 0:
                step.add("")
        else:
            return None
        if step is None:
            return None
        current = {(p + q)[:2] if len(p) < 2 else p for p in current for q in step}
    return current


def _pair_charset(items: list) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            char = chr(av)
            chars.add(char.lower() if char.isascii() else _ANY)
        elif op is sre_constants.RANGE and av[1] < 128:
            chars |= {chr(c).lower() for c in range(av[0], av[1] + 1)}
        elif op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_DIGIT:
            chars |= set("0123456789")
        elif op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_SPACE:
            chars |= _ASCII_SPACE
        else:
            return {_ANY}
    return chars


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
