"""The extraction engine on hostile input: any text and any publication date.

It never raises; every candidate's evidence and matched words are where it says in the text;
every date lies within the bounds the record accepts (1900-01-01 to a year after publication).
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import example, given
from hypothesis import strategies as st

from sources.extraction import Gazetteer, extract
from sources.extraction.dates import EARLIEST_DATE, latest_date

ROOT = Path(__file__).resolve().parents[2]
GAZETTEER = Gazetteer.from_world(json.loads((ROOT / "seeds" / "world.json").read_text("utf-8")))
REAL_TEXTS = [
    path.read_text(encoding="utf-8")
    for path in [*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests/extraction/dev/texts").glob("*")]
]
SENTENCES = [s for text in REAL_TEXTS for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]

# Characters that break naive text handling: controls, NUL, bidirectional marks, combining
# marks, zero-width characters, line and paragraph separators, non-Latin letters, emoji.
ODD_CHARACTERS = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\xa0\u0301\u0308\u200b\u200d\u200e\u200f\u202a\u202e"
    "\u2028\u2029\ufeff\ufffd\U0001f600Жё中ا"
)
# Date-like words the engine must survive: impossible days, absurd years and counts.
ODD_DATES = [
    "31 February 2022",
    "Feb. 30",
    "February 29, 2023",
    "on 0 January",
    "99999 BC",
    "2022-13-45",
    "1999-00-00",
    "on Sept. 31 last year",
    "999999999999999999999 days ago",
    "99999 years ago",
    "10000 weeks later",
    "last year",
    "next year",
    "tomorrow",
    "next Monday",
    "until Dec. 31",
    "the following year",
    "a year and a half later",
    "in December 2099",
    "in 1900",
]


def assert_sound(text: str, published: dt.date, candidates) -> None:
    for c in candidates:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.evidence
        assert EARLIEST_DATE <= c.date <= latest_date(published), (c.date, published)
        for match in c.matched:
            if "start" in match:
                assert 0 <= match["start"] <= match["end"] <= len(text), match
                assert text[match["start"] : match["end"]] == match["text"], match


any_date = st.dates(min_value=dt.date.min, max_value=dt.date.max)


@st.composite
def mutated_article(draw) -> str:
    """Real sentences, joined, with odd characters and odd dates put in anywhere."""
    pieces = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12))
    insertions = draw(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=len(pieces)),
                st.one_of(
                    st.sampled_from(ODD_DATES),
                    st.text(alphabet=ODD_CHARACTERS, min_size=1, max_size=5),
                    st.integers(min_value=0, max_value=10**30).map(str),
                ),
            ),
            max_size=8,
        )
    )
    for position, insertion in sorted(insertions, reverse=True):
        pieces.insert(position, insertion)
    separator = draw(st.sampled_from([" ", "\n", "\n\n", "\x00", "\u2029", ""]))
    return separator.join(pieces)


@given(text=st.text(max_size=3000), published=any_date)
@example(text="Griner was detained last year.", published=dt.date.min)
@example(text="Griner was detained tomorrow. Next year she is freed.", published=dt.date.max)
@example(text="Griner was detained 99999 years ago.", published=dt.date(2022, 7, 28))
def test_any_text_and_date(text, published):
    assert_sound(text, published, extract(text, published, GAZETTEER))


@given(text=mutated_article(), published=any_date)
def test_real_sentences_mutated_with_any_date(text, published):
    assert_sound(text, published, extract(text, published, GAZETTEER))


@given(text=mutated_article())
def test_real_sentences_mutated_near_their_date(text):
    # Near the seed article's own date, so the sentences' dates resolve as in real use.
    published = dt.date(2022, 7, 28)
    assert_sound(text, published, extract(text, published, GAZETTEER))


@pytest.mark.parametrize("odd", ODD_DATES)
@pytest.mark.parametrize("published", [dt.date.min, dt.date(2022, 7, 28), dt.date.max])
def test_odd_dates_in_a_real_sentence(odd, published):
    text = f"Brittney Griner was detained at Sheremetyevo airport {odd}, her lawyer said."
    assert_sound(text, published, extract(text, published, GAZETTEER))


def test_an_article_at_the_length_limit():
    text = ("\n".join(REAL_TEXTS) * 100)[: settings.ARTICLE_MAX_CHARS]
    assert len(text) == settings.ARTICLE_MAX_CHARS
    published = dt.date(2022, 7, 28)
    candidates = extract(text, published, GAZETTEER)
    assert candidates
    assert_sound(text, published, candidates)
