"""Near-duplicate articles: the same wire copy under another URL.

A 64-bit SimHash of the text's word shingles is stored on each article (as a signed 64-bit
integer, which is what a BigIntegerField holds). Texts that differ by a dateline, a byline or a
trimmed last paragraph land a few bits apart; unrelated texts land about 32 bits apart. The
fingerprint only picks candidates: before an article is marked a duplicate, the two texts are
compared for real (Jaccard similarity of their word shingles), so a SimHash collision can never
silently swallow an article.

Thresholds: candidates within MAX_HAMMING bits (Manku et al., "Detecting near-duplicates for web
crawling", use 3 of 64 for web pages; but on the seed article a new dateline moved 2 bits, a
dropped paragraph 5, a few changed words 6 and a cut last paragraph 9, while unrelated articles
sit 28-34 bits away; so 10, and the Jaccard check decides). A short text moves further for the
same edit (a dateline and a credit line moved a 50-word brief 12 bits), so below SHORT_WORDS the
bound is 16, still four standard deviations from the 32 of unrelated texts. Confirmed at
MIN_JACCARD of 5-word shingles, or at MIN_CONTAINMENT when one text is the other cut short.
"""

import datetime
import hashlib
import re

from django.db.models import Count, Q, QuerySet

from .models import Article, ArticleStatus

MAX_HAMMING = 10
MAX_HAMMING_SHORT = 16
SHORT_WORDS = 300
MIN_JACCARD = 0.7
MIN_CONTAINMENT = 0.9
SHINGLE_WORDS = 5
WINDOW_DAYS = 30  # syndicated copy appears within days of the original

_MASK = (1 << 64) - 1
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def _hash64(feature: str) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")


# Each byte value spread into eight 20-bit lanes, one lane per bit, so that adding the spread
# forms of many hashes counts, in each lane, how many hashes have that bit set: eight big-integer
# additions per feature instead of a loop over 64 bits.
_LANE = 20
_SPREAD = [sum(1 << (_LANE * bit) for bit in range(8) if byte >> bit & 1) for byte in range(256)]


def simhash(text: str) -> int:
    """The unsigned 64-bit SimHash of the text's 3-word shingles."""
    tokens = words(text)
    features = [" ".join(tokens[i : i + 3]) for i in range(max(len(tokens) - 2, 1))]
    counts = [0] * 8  # per byte of the hash, the lanes of its eight bits
    for feature in features:
        value = _hash64(feature)
        for byte in range(8):
            counts[byte] += _SPREAD[value >> (8 * byte) & 0xFF]
    half = len(features) / 2
    lane_mask = (1 << _LANE) - 1
    result = 0
    for byte in range(8):
        for bit in range(8):
            if (counts[byte] >> (_LANE * bit) & lane_mask) > half:
                result |= 1 << (8 * byte + bit)
    return result


def to_signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & _MASK).bit_count()


def similarity(text_a: str, text_b: str) -> tuple[float, float]:
    """(Jaccard, containment) of the two texts' word shingles."""
    a, b = shingles(text_a), shingles(text_b)
    if not a or not b:
        return 0.0, 0.0
    common = len(a & b)
    return common / len(a | b), common / min(len(a), len(b))


def is_near_duplicate(text_a: str, text_b: str) -> bool:
    jaccard, containment = similarity(text_a, text_b)
    return jaccard >= MIN_JACCARD or containment >= MIN_CONTAINMENT


def find_original(article: Article) -> Article | None:
    """The first article with the same or nearly the same text, verified, or None.

    Only originals are compared against (a duplicate points at the first, not at a copy), and only
    those of the last WINDOW_DAYS around the article's date, scanned by fingerprint in Python:
    one query of (id, fingerprint, hash) rows, then the text of the few candidates."""
    # An original is done, or is being read and came first. Never both ways round: an article
    # still being read is only an original for later ones, so two copies read at the same moment
    # cannot each be marked a duplicate of the other.
    originals = Article.objects.exclude(pk=article.pk).filter(
        Q(status=ArticleStatus.DONE) | Q(status=ArticleStatus.EXTRACTING, pk__lt=article.pk),
        duplicate_of=None,
    )
    if article.fingerprint is None and not article.content_hash:
        return None
    day = article.published_on or datetime.date.today()
    window = datetime.timedelta(days=WINDOW_DAYS)
    in_window = Q(published_on__range=(day - window, day + window)) | Q(
        published_on=None, created_at__date__gte=day - window
    )
    same_text = Q(content_hash=article.content_hash) if article.content_hash else Q(pk__in=[])
    rows = originals.filter(same_text | (in_window & ~Q(fingerprint=None))).values_list(
        "pk", "fingerprint", "content_hash"
    )
    bound = MAX_HAMMING if len(words(article.text)) >= SHORT_WORDS else MAX_HAMMING_SHORT
    candidates = []
    for pk, fingerprint, digest in rows:
        if article.content_hash and digest == article.content_hash:
            candidates.append((-1, pk))  # the very same text: first in line
        elif fingerprint is not None and article.fingerprint is not None:
            distance = hamming(fingerprint, article.fingerprint)
            if distance <= bound:
                candidates.append((distance, pk))
    candidates.sort()
    if not candidates:
        return None
    exact = [pk for distance, pk in candidates if distance < 0]
    if exact:
        return Article.objects.get(pk=min(exact))
    nearest = candidates[:5]
    texts = Article.objects.in_bulk([pk for _, pk in nearest])
    for _, pk in sorted(nearest, key=lambda c: c[1]):  # the earliest verified one
        if is_near_duplicate(texts[pk].text, article.text):
            return texts[pk]
    return None


def with_report_counts(entries: QuerySet) -> QuerySet:
    """TimelineEntry rows annotated with `reports`: the articles cited, plus their duplicates
    (the same wire copy elsewhere), so the page can say "1 development · 12 reports"."""
    return entries.annotate(
        reports=Count("citations__article", distinct=True)
        + Count("citations__article__duplicates", distinct=True)
    )


def with_proposal_report_counts(proposed: QuerySet) -> QuerySet:
    """ProposedEntry rows annotated with `reports`: its own article and that article's
    duplicates, plus the articles (and duplicates) of the proposals grouped under it."""
    return proposed.annotate(
        reports=1
        + Count("article__duplicates", distinct=True)
        + Count("group_members__article", distinct=True)
        + Count("group_members__article__duplicates", distinct=True)
    )
