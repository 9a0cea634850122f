"""The names the extractor knows: cases, parties and proposals with their aliases.

Aliases are stored in a token trie, so matching costs one dict lookup per token of the article
whatever the size of the world (2,000 parties and 500 cases build in a few tens of milliseconds).
At each position the longest alias wins ("Secretary of State Antony Blinken" over "Blinken").

Case rules, because "US" (the government) is not "us" (the pronoun):
- an alias written all in lower case ("the offer", "prisoner swap") matches in any case;
- an alias with capitals must match its capitals, except that a lower-case first letter may be
  capitalised at a sentence start ("The Kremlin") and a word may be shouted ("MOSCOW") in a
  dateline.

Some aliases are weak: generic phrases in lower case ("the hostages"), a bare plural with a
nationality ("U.S. citizens"), bare first names ("Paul") and a description of a named person
("an American", "The aid worker"). The pipeline trusts a weak mention of a case or proposal
only when the same article also names it strongly; a description, also when the article names
no case at all (it is then the only lead to whom the story is about).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .lang import en

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
# A middle initial ("Paul N. Whelan") may sit inside any multi-word name.
_INITIAL_RE = re.compile(r"[A-Z]")
_RELATION_RE = re.compile(en.RELATION_TITLE)
_RELATIVE_OF_RE = re.compile(en.RELATIVE_OF_TITLE)
_LAWYER_RE = re.compile(en.LAWYER)
_GOVERNMENT_NAME_RE = re.compile(en.GOVERNMENT_NAME)
_NOT_AN_OFFICIAL_RE = re.compile(en.NOT_AN_OFFICIAL)
_AND_RE = re.compile(en.AND_BETWEEN_NAMES)
_POSSESSIVE_RE = re.compile(en.POSSESSIVE_ENDING)
_MONTH_NAMES = frozenset(en.MONTHS)
_MONTH_DATED_BEFORE_RE = re.compile(en.MONTH_NAME_DATED_BEFORE)
_MONTH_DATED_AFTER_RE = re.compile(en.MONTH_NAME_DATED_AFTER)
_END = ""  # trie key holding the aliases that end at a node


@dataclass(frozen=True, slots=True)
class Target:
    """What an alias names: a case, a party or a proposal, by slug."""

    kind: str  # "case" | "party" | "proposal"
    slug: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in the text where a known name occurs."""

    start: int
    end: int
    text: str
    targets: tuple[Target, ...]
    weak: bool
    described: bool = False  # a description of a named person ("an American")

    def slugs(self, kind: str) -> list[str]:
        return [t.slug for t in self.targets if t.kind == kind]


@dataclass(slots=True)
class _Alias:
    tokens: tuple[str, ...]
    case_sensitive: bool
    weak: bool
    targets: set[Target] = field(default_factory=set)
    described: bool = False


@dataclass(frozen=True, slots=True)
class PartyInfo:
    slug: str
    name: str
    kind: str  # person, government, organization, outlet
    title: str


@dataclass(frozen=True, slots=True)
class CaseInfo:
    slug: str
    name: str
    detainee: str | None


@dataclass(frozen=True, slots=True)
class ProposalInfo:
    slug: str
    title: str
    cases: tuple[str, ...]


# The terms in a title: "(2017-2021, 2025-)" gives 2017-2021 and 2025 on.
_TERMS_RE = re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)?")


def _key(token: str) -> str:
    return token.lower().replace("’", "'")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


class Gazetteer:
    """Alias matcher over a world of cases, parties and proposals. Build once and reuse."""

    def __init__(self) -> None:
        self._trie: dict[str, Any] = {}
        self.cases: dict[str, CaseInfo] = {}
        self.parties: dict[str, PartyInfo] = {}
        self.proposals: dict[str, ProposalInfo] = {}
        self.related_case: dict[str, str] = {}  # party slug -> the case it speaks for
        self.advocates: set[str] = set()  # family, agents, employers, leagues
        self.speaks_for: dict[str, str] = {}  # a group's director -> the group
        self.official_of: dict[str, str] = {}  # a minister, a spokesman -> their government

    @classmethod
    def from_world(cls, world: dict) -> Gazetteer:
        """Build from the world format (seeds/world.json); unknown keys are ignored."""
        gaz = cls()
        full_names: dict[str, list[str]] = {}  # case slug -> its names of two words or more
        for case in world.get("cases", []):
            slug = case["slug"]
            name = case.get("name") or slug
            gaz.cases[slug] = CaseInfo(slug, name, case.get("detainee"))
            full_names[slug] = [
                n for n in [name, *(case.get("aliases") or [])] if len(n.split()) > 1
            ]
            gaz._add_person_names(Target("case", slug), name, case.get("aliases") or [])
        for party in world.get("parties", []):
            slug = party["slug"]
            name = party.get("name") or slug
            kind = party.get("kind") or ""
            gaz.parties[slug] = PartyInfo(slug, name, kind, party.get("title") or "")
            target = Target("party", slug)
            if kind == "person":
                gaz._add_person_names(target, name, party.get("aliases") or [])
            else:
                for alias in [name, *(party.get("aliases") or [])]:
                    gaz.add_alias(alias, target)
        for proposal in world.get("proposals", []):
            slug = proposal["slug"]
            gaz.proposals[slug] = ProposalInfo(
                slug, proposal.get("title") or "", tuple(proposal.get("cases") or [])
            )
            for alias in proposal.get("aliases") or []:
                gaz.add_alias(alias, Target("proposal", slug))
        gaz._relate_parties(full_names)
        gaz._relate_officials()
        return gaz

    def _relate_parties(self, full_names: dict[str, list[str]]) -> None:
        by_surname: dict[str, list[str]] = {}
        for slug, info in self.cases.items():
            by_surname.setdefault(info.name.split()[-1], []).append(slug)
        for slug, info in self.parties.items():
            if slug in self.cases:
                continue
            m = _RELATION_RE.search(info.title) or _RELATIVE_OF_RE.search(info.title)
            sharing = by_surname.get(m.group("name"), []) if m else []
            # Spouses held together share a surname: "Family of Ken Elliott" is Ken's family,
            # not Jocelyn Elliott's; the full name in the title decides.
            named = [c for c in sharing if any(n in info.title for n in full_names.get(c, []))]
            case = (named or sharing or [None])[-1]
            if case is None:
                if info.kind == "organization":
                    self.advocates.add(slug)
                continue
            # Family, agents and employers speak as advocates.
            self.related_case[slug] = case
            if not _LAWYER_RE.search(info.title) or en.FAMILY in info.title.lower():
                self.advocates.add(slug)
        # "Executive Director, Some Rights Group": a person speaking for an advocacy group.
        groups = [o for o in self.advocates if self.parties[o].kind == "organization"]
        for slug, info in self.parties.items():
            if info.kind != "person" or slug in self.cases or not info.title:
                continue
            for group in groups:
                if self.parties[group].name and self.parties[group].name in info.title:
                    self.advocates.add(slug)
                    self.speaks_for[slug] = group
                    break

    def _relate_officials(self) -> None:
        """ "Australian Foreign Minister" speaks for the "Government of Australia": the country
        a person's title names first, when a government party is named after it."""
        countries = {}
        for slug, info in self.parties.items():
            m = _GOVERNMENT_NAME_RE.fullmatch(info.name) if info.kind == "government" else None
            if m:
                countries[m.group("of") or m.group("adj")] = slug
        for slug, info in self.parties.items():
            if info.kind != "person" or slug in self.cases or slug in self.related_case:
                continue
            found = [
                (m.start(), gov)
                for country, gov in countries.items()
                if (
                    m := re.search(rf"(?:^|\bof |, )(?:\w+ )*?{re.escape(country)}n?\b", info.title)
                )
                and not _NOT_AN_OFFICIAL_RE.search(info.title)
            ]
            if found:
                self.official_of[slug] = min(found)[1]

    def _add_person_names(self, target: Target, name: str, aliases: list[str]) -> None:
        words = name.split()
        first = words[0] if len(words) > 1 else None
        # "Four Americans held in Gaza (2023)" describes a group: its last word is no surname.
        named = len(words) > 1 and not any(_describes(w) for w in words)
        for alias in [name, *aliases]:
            # A bare first name is too common to trust on its own, nor is it in the possessive
            # ("Paul's family" may be another Paul's); nor a description of a person who has a
            # name ("an American" may be anyone; "a Russian ethnologist" is all an unnamed
            # detainee is called, and "the Foremans" names the Foremans).
            described = named and _introduced(alias) and not _names(alias, words)
            weak = _without_possessive(alias) == first or described
            self.add_alias(alias, target, weak=weak, described=described)
        # Articles refer to people by surname; the world file may not list it. A relative's
        # surname ("Cherelle Griner") stays with the detainee who already owns it.
        surname = words[-1]
        usable = named and surname[:1].isupper() and len(surname) > 2
        if usable and not self._is_alias(surname):
            self.add_alias(surname, target)

    def add_alias(
        self, alias: str, target: Target, weak: bool = False, described: bool = False
    ) -> None:
        tokens = tuple(tok for _, _, tok in tokenize(alias))
        if not tokens:
            return
        case_sensitive = alias != alias.lower()
        weak = weak or not case_sensitive or _description(alias)
        node = self._trie
        for tok in tokens:
            node = node.setdefault(_key(tok), {})
        entries: list[_Alias] = node.setdefault(_END, [])
        for entry in entries:
            if entry.tokens == tokens:
                entry.targets.add(target)
                entry.weak = entry.weak and weak
                entry.described = entry.described and described
                return
        entries.append(_Alias(tokens, case_sensitive, weak, {target}, described))

    def _is_alias(self, alias: str) -> bool:
        node: dict[str, Any] | None = self._trie
        for _, _, tok in tokenize(alias):
            node = node.get(_key(tok)) if node is not None else None
        return bool(node and node.get(_END))

    def find(self, text: str) -> list[Mention]:
        """All mentions in text, left to right, longest match first, never overlapping."""
        toks = tokenize(text)
        keys = [_key(t) for _, _, t in toks]
        mentions: list[Mention] = []
        i, n = 0, len(toks)
        while i < n:
            node = self._trie.get(keys[i])
            if node is None:
                i += 1
                continue
            best: tuple[int, _Alias] | None = None
            j, path = i, [toks[i][2]]
            skipped = False
            while True:
                # The alias written as the text writes it ("THE PRESIDENT") before one that
                # only matches ignoring case ("the president").
                fitting = [e for e in node.get(_END, ()) if _case_ok(e, path)]
                exact = [e for e in fitting if list(e.tokens) == path]
                if exact or fitting:
                    best = (j, (exact or fitting)[0])
                nxt = j + 1
                if nxt >= n:
                    break
                child = node.get(keys[nxt])
                if child is None and not skipped and _is_middle_initial(toks, nxt):
                    skipped, nxt = True, nxt + 2
                    child = node.get(keys[nxt]) if nxt < n else None
                if child is None:
                    break
                node, j = child, nxt
                path.append(toks[j][2])
            if best is None:
                i += 1
                continue
            j, entry = best
            start, end = toks[i][0], toks[j][1]
            if i == j and _month_as_date(text, start, end):
                i += 1
                continue
            mentions.append(
                Mention(
                    start,
                    end,
                    text[start:end],
                    tuple(sorted(entry.targets, key=str)),
                    entry.weak,
                    entry.described,
                )
            )
            i = j + 1
        return self._coordinated_first_names(text, mentions)

    def _coordinated_first_names(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """ "Baquer and Siamak Namazi": a first name joined to a full name shares its surname,
        so it names the case of that first name and surname, as strongly as a full name."""
        out = list(mentions)
        for k, (m, n) in enumerate(zip(mentions, mentions[1:], strict=False)):
            if not m.weak or n.weak or not _AND_RE.fullmatch(text, m.end, n.start):
                continue
            surnames = {self.cases[c].name.split()[-1] for c in n.slugs("case")}
            ours = [
                t
                for t in m.targets
                if t.kind == "case" and self.cases[t.slug].name.split()[-1] in surnames
            ]
            if ours and n.text.split()[-1] in surnames:
                out[k] = Mention(m.start, m.end, m.text, tuple(ours), False)
        return out

    def party_kind(self, slug: str) -> str:
        info = self.parties.get(slug)
        return info.kind if info else ""

    def in_office(self, slug: str, year: int) -> bool:
        """Whether a party's title dates cover the year ("U.S. President (2017-2021, 2025-)"
        in 2018); a title without dates covers every year."""
        info = self.parties.get(slug)
        spans = _TERMS_RE.findall(info.title) if info else []
        return not spans or any(int(begin) <= year <= int(end or 9999) for begin, end in spans)


def _month_as_date(text: str, start: int, end: int) -> bool:
    """ "jailed in May", "May 5": a one-word name that is a month, written as a date, is the
    month and names nobody (Theresa May stays "May" in "May said")."""
    return text[start:end] in _MONTH_NAMES and bool(
        _MONTH_DATED_BEFORE_RE.search(text, max(0, start - 12), start)
        or _MONTH_DATED_AFTER_RE.match(text, end)
    )


def _without_possessive(alias: str) -> str:
    """ "Paul's" -> "Paul"."""
    return _POSSESSIVE_RE.sub("", alias)


def _names(alias: str, name_words: list[str]) -> bool:
    """Whether an alias holds a word of the person's name ("the Foremans", "the two Michaels")."""
    return any(
        word[:1].isupper() and name.startswith(_without_possessive(word).rstrip("s"))
        for word in alias.split()[1:]
        for name in name_words
        if len(name) > 2
    )


def _is_middle_initial(toks: list[tuple[int, int, str]], i: int) -> bool:
    return (
        i + 2 < len(toks)
        and len(toks[i][2]) == 1
        and _INITIAL_RE.match(toks[i][2]) is not None
        and toks[i + 1][2] == "."
    )


def _case_ok(entry: _Alias, words: list[str]) -> bool:
    if not entry.case_sensitive:
        return True
    # With a skipped middle initial the path holds only the alias's own words.
    for k, (want, got) in enumerate(zip(entry.tokens, words, strict=False)):
        want, got = want.replace("’", "'"), got.replace("’", "'")
        if want == got:
            continue
        if k == 0 and want[:1].islower() and got == want[:1].upper() + want[1:]:
            continue
        if len(got) > 3 and got.isupper() and got == want.upper():
            continue
        return False
    return True


def _description(alias: str) -> bool:
    """ "U.S. citizens", "Israeli hostages": a nationality and a plural, with capitals but no
    name in it; a bare plural speaks of such people in general, not of one group."""
    words = alias.split()
    return (
        len(words) == 2
        and words[0][:1].isupper()
        and words[1].isalpha()
        and words[1].islower()
        and words[1].endswith("s")
    )


def _introduced(alias: str) -> bool:
    """ "an American", "The aid worker", "an American college student": an article before
    words that describe someone, lower case but for a nationality first ("the Dutch Five" is a
    name); or the same without the article ("French journalist", while "Siamak's father" names
    whose father)."""
    words = alias.split()
    if len(words) < 2:
        return False
    if words[0].lower() in en.DESCRIPTION_ARTICLES:
        return all(word.islower() for word in words[2:])
    return (
        words[0][:1].isupper()
        and _without_possessive(words[0]) == words[0]
        and all(word.islower() for word in words[1:])
    )


def _describes(word: str) -> bool:
    """A word no person's name holds: a common word in lower case, or a number."""
    if word.lstrip("(")[:1].isdigit():
        return True
    return word[:1].islower() and word.strip("(),.;:").lower() not in en.NAME_PARTICLES


def is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in en.HONORIFICS
