"""What a worker does with an article: fetch, clean, check for duplicates, extract, and write the
proposed entries. Plain functions; sources.tasks only wraps them for Celery.

Safe to run twice, and safe when a worker dies or stalls mid-article:

- A worker claims the article with a conditional UPDATE (queued -> fetching or extracting) and
  goes on only if its UPDATE changed the row. The claim stamps status_changed_at, and that stamp
  is the claim's token (Claim below): every later write of the worker (the fetched text, the
  move from fetching to extracting, the result, a failure, a release) is an UPDATE conditional on
  the status *and* the token, so it changes nothing once the claim is gone.
- Each step of one article is bounded in time: the fetch by FETCH_TIMEOUT_SECONDS, the extraction
  by the article length limit. A claim older than STUCK_ARTICLE_SECONDS therefore belongs to a
  worker that died (SIGKILL, out of memory, a lost machine), and requeue_stuck puts the article
  back in the queue with a new stamp. If that worker was only slow, its token no longer matches
  and it writes nothing; the worker that claims the article next does the work, once.
- The result (the proposals and the article marked done) is one transaction that starts with the
  conditional UPDATE, which takes the article's row lock; and the proposals of one extractor
  version are written at most once (a check in that transaction, behind it the unique
  constraint on article, extractor version and ordinal).
"""

import datetime
import logging
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from alerts.notify import proposals_pending
from cases import caching
from cases.dates import in_bounds
from cases.models import DatePrecision, EntryKind
from cases.roles import system_user

from . import dedupe, extraction, fetch
from .gazetteer import Known, known
from .ingest import content_hash, length_problem, outlet_named
from .models import Article, ArticleStatus, ProposedEntry, ReviewStatus

log = logging.getLogger(__name__)

# Errors that say "not now" rather than "never": the task retries them.
TRANSIENT_ERRORS = (fetch.FetchFailed, OperationalError, InterfaceError, ConnectionError)

IN_PROGRESS = [ArticleStatus.QUEUED, ArticleStatus.FETCHING, ArticleStatus.EXTRACTING]
CLAIMED = [ArticleStatus.FETCHING, ArticleStatus.EXTRACTING]
SUMMARY_CHARS = 240


class LostClaim(Exception):
    """Another worker took the article over (it was requeued as stuck) while this one worked."""


def run_extraction(text: str, published: datetime.date, gazetteer) -> list:
    return extraction.extract(text, published, gazetteer)


def extractor_version() -> str:
    return extraction.EXTRACTOR_VERSION


@contextmanager
def replayable_transaction():
    """A transaction of the worker's that need not wait for the disk at commit.

    Losing one in a crash is harmless: the article is then left queued or in progress, the stuck
    requeue sends it again, and the rerun is idempotent. On PostgreSQL that lets the commit skip
    the flush (synchronous_commit off, for this transaction only), which was a third of the time
    of a pasted article; it never risks corruption, only the loss of the last moments' commits.
    """
    # Only an outermost transaction: SET LOCAL would otherwise relax the caller's too.
    relax = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if relax:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


@dataclass(frozen=True)
class Claim:
    """A worker's hold on an article: the status it put the article in, and when (the token).

    Every claim and every requeue writes a new status_changed_at, so the pair matches the row only
    while this claim holds; an UPDATE filtered on it is a write that a lost claim cannot make."""

    article_id: int
    status: str
    token: datetime.datetime | None

    def article(self) -> QuerySet:
        """The article, while this claim holds it: the filter for every write of the worker."""
        held = Article.objects.filter(pk=self.article_id, status=self.status)
        # A queued article is anyone's to take: only a claim has a token to check.
        return held if self.token is None else held.filter(status_changed_at=self.token)

    def advance(self, to_status: str, **fields) -> "Claim":
        """Move the held article on to `to_status`; LostClaim if it is no longer held. Inside a
        transaction, the UPDATE also locks the row until the commit."""
        now = timezone.now()
        if not self.article().update(status=to_status, status_changed_at=now, **fields):
            raise LostClaim
        return Claim(self.article_id, to_status, now)

    def release(self) -> bool:
        """Give the article back to the queue (after a transient error, before a retry)."""
        return bool(
            self.article().update(status=ArticleStatus.QUEUED, status_changed_at=timezone.now())
        )

    def fail(self, reason: str) -> bool:
        """Mark the article failed with a reason the editor can read."""
        return bool(self.article().update(**failed(reason)))


def claim(article_id: int, to_status: str, **fields) -> Claim | None:
    """Take the queued article, moving it to `to_status` (writing `fields` with it); None if it
    was not queued (another worker has it, or it is done)."""
    queued = Claim(article_id, ArticleStatus.QUEUED, token=None)
    with replayable_transaction():
        try:
            return queued.advance(to_status, **fields)
        except LostClaim:
            return None


def fingerprint(article: Article) -> dict:
    """Set the article's content hash and SimHash from its text; the fields, for an UPDATE."""
    article.content_hash = content_hash(article.text)
    article.fingerprint = dedupe.to_signed(dedupe.simhash(article.text))
    return {"content_hash": article.content_hash, "fingerprint": article.fingerprint}


def failed(reason: str) -> dict:
    """The fields of a failed article, for an UPDATE."""
    return {
        "status": ArticleStatus.FAILED,
        "error": reason[:2000],
        "status_changed_at": timezone.now(),
    }


def fail(article_id: int, reason: str) -> None:
    """Mark the article failed, whoever holds it (the task giving up after its last retry)."""
    Article.objects.filter(pk=article_id, status__in=IN_PROGRESS).update(**failed(reason))


def process_article(article_id: int) -> str:
    """Read one queued article through to its proposed entries. Returns the status it ended in,
    or "skipped" when it was not queued (done already, or another worker has it).

    Permanent problems (a refused URL, a page without text, a bug) mark the article failed;
    transient ones (TRANSIENT_ERRORS) put it back in the queue and are raised for a retry."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "missing"
    if article.status != ArticleStatus.QUEUED:
        return "skipped"
    needs_fetch = bool(article.url and not article.text.strip())
    if needs_fetch:
        held = claim(article_id, ArticleStatus.FETCHING)
    else:  # the fingerprint rides on the claim: one commit fewer
        held = claim(article_id, ArticleStatus.EXTRACTING, **fingerprint(article))
    if held is None:
        return "skipped"
    try:
        if needs_fetch:
            held = fetch_into(article, held)
        return extract_into(article, held)
    except LostClaim:
        return "skipped"
    except fetch.FetchRefused as exc:
        return ArticleStatus.FAILED if held.fail(str(exc)) else "skipped"
    except TRANSIENT_ERRORS:
        try:
            held.release()
        except TRANSIENT_ERRORS:
            log.warning("Article %s: could not release it; the stuck requeue will", article_id)
        raise
    except Exception as exc:
        log.exception("Article %s: processing failed", article_id)
        reason = f"Processing failed: {type(exc).__name__}: {exc}"
        return ArticleStatus.FAILED if held.fail(reason) else "skipped"


def fetch_into(article: Article, held: Claim) -> Claim:
    """Fetch and clean the article's page, keeping what the submitter did not say already, and
    move the article on to extracting; the claim that now holds it."""
    page = fetch.fetch_page(article.url)
    article.text = page.text
    fingerprint(article)
    article.title = article.title or page.title[:500]
    article.author = article.author or page.author[:300]
    article.published_on = article.published_on or page.published
    if article.outlet is None:
        domain = (urlsplit(article.url).hostname or "").removeprefix("www.")
        article.outlet = outlet_named(page.outlet or domain, domain)
    with replayable_transaction():
        # First the conditional UPDATE: it checks the claim and locks the row, so a worker that
        # lost its claim cannot overwrite the text another one has read.
        held = held.advance(ArticleStatus.EXTRACTING)
        article.status, article.status_changed_at = held.status, held.token
        article._history_user = system_user()  # workers act as the system user
        article.save(
            update_fields=[
                "text",
                "content_hash",
                "fingerprint",
                "title",
                "author",
                "published_on",
                "outlet",
            ]
        )
    return held


def extract_into(article: Article, held: Claim) -> str:
    if not article.text.strip():
        return ArticleStatus.FAILED if held.fail("The article has no text.") else "skipped"
    # Submission and fetching refuse longer texts; this catches one lengthened afterwards (the
    # admin, an older row), whose extraction would no longer be bounded in time.
    too_long = length_problem(article.text)
    if too_long:
        return ArticleStatus.FAILED if held.fail(too_long) else "skipped"

    original = dedupe.find_original(article)
    if original is not None:
        held.advance(ArticleStatus.DUPLICATE, duplicate_of=original)
        caching.article_changed([original.pk])  # entries citing it count one report more
        return ArticleStatus.DUPLICATE

    version = extractor_version()
    published = article.published_on or timezone.localdate(article.created_at)
    world = known()
    candidates = run_extraction(article.text, published, world.gazetteer)
    with replayable_transaction():
        # The claim is checked (and the row locked) before anything is written.
        held.advance(
            ArticleStatus.DONE, extractor_version=version, extracted_at=timezone.now(), error=""
        )
        write_proposals(article, candidates, version, world)
    proposals_pending(article.pk)  # editors following the article's cases
    return ArticleStatus.DONE


def write_proposals(
    article: Article, candidates: list, version: str, world: Known | None = None
) -> list[ProposedEntry]:
    """Write one extraction run's candidates as pending proposed entries, once per version.

    Pending proposals of older versions are replaced; reviewed ones are never touched, and a
    candidate on the same evidence and kind as a reviewed proposal is not proposed again."""
    existing = list(
        ProposedEntry.objects.filter(article=article).values_list(
            "pk", "extractor_version", "status", "start", "end", "kind"
        )
    )
    if any(row[1] == version for row in existing):
        return []
    stale = [row[0] for row in existing if row[2] == ReviewStatus.PENDING]
    if stale:
        ProposedEntry.objects.filter(pk__in=stale, status=ReviewStatus.PENDING).delete()
    reviewed = {row[3:] for row in existing if row[2] != ReviewStatus.PENDING}
    world = world or known()
    case_ids, party_ids, proposal_ids = world.case_ids, world.party_ids, world.proposal_ids

    rows: list[tuple[ProposedEntry, list[int], list[int]]] = []
    for ordinal, candidate in enumerate(candidates):
        proposed = proposed_entry(article, candidate, ordinal, version, party_ids, proposal_ids)
        if proposed is None or (proposed.start, proposed.end, proposed.kind) in reviewed:
            continue
        cases = sorted({case_ids[s] for s in candidate.cases or () if s in case_ids})
        parties = sorted({party_ids[s] for s in candidate.parties or () if s in party_ids})
        rows.append((proposed, cases, parties))

    for (proposed, _, _), group_id in zip(rows, find_groups(article, rows), strict=True):
        proposed.group_id = group_id
    created = ProposedEntry.objects.bulk_create([proposed for proposed, _, _ in rows])

    CaseLink = ProposedEntry.cases.through
    PartyLink = ProposedEntry.parties.through
    CaseLink.objects.bulk_create(
        CaseLink(proposedentry_id=proposed.pk, case_id=case_id)
        for proposed, cases, _ in rows
        for case_id in cases
    )
    PartyLink.objects.bulk_create(
        PartyLink(proposedentry_id=proposed.pk, party_id=party_id)
        for proposed, _, parties in rows
        for party_id in parties
    )
    return created


def proposed_entry(
    article: Article, candidate, ordinal: int, version: str, party_ids: dict, proposal_ids: dict
) -> ProposedEntry | None:
    """The unsaved ProposedEntry for one candidate, or None for one the database cannot hold."""
    kind = candidate.kind
    if kind not in EntryKind.values or candidate.date is None or candidate.end <= candidate.start:
        log.warning("Article %s: dropped malformed candidate %r", article.pk, candidate)
        return None
    if not in_bounds(candidate.date):  # e.g. "next year" in an article published a year ahead
        log.warning("Article %s: dropped candidate dated %s", article.pk, candidate.date)
        return None
    precision = candidate.precision
    if precision not in DatePrecision.values:
        precision = DatePrecision.APPROXIMATE
    return ProposedEntry(
        article=article,
        extractor_version=version,
        ordinal=ordinal,
        start=candidate.start,
        end=candidate.end,
        evidence=candidate.evidence,
        occurred_on=candidate.date,
        precision=precision,
        date_basis=(getattr(candidate, "date_basis", "") or "")[:200],
        date_anchor=(getattr(candidate, "date_anchor", "") or "")[:12],
        kind=kind,
        summary=summarise(candidate.evidence),
        quote=getattr(candidate, "quote", "") or "",
        speaker_id=party_ids.get(candidate.speaker) if candidate.speaker else None,
        proposal_id=proposal_ids.get(candidate.proposal) if candidate.proposal else None,
        confidence=min(max(float(candidate.confidence), 0.0), 1.0),
        matched=list(getattr(candidate, "matched", None) or []),  # JSON: words and their roles
    )


def summarise(evidence: str) -> str:
    """A short summary for the review queue: the evidence sentence, trimmed at a word."""
    text = re.sub(r"\s+", " ", evidence).strip()
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# Grouping: proposals from different articles about the same development.
_STOPWORD_TEXT = """
the a an and or but of to in on at for with by from as that this these those is are was were be
been has have had it its he she they them his her their we our you i not no said says told tells
would will could should may might can also about after before over into than then there which
who whom what when where while
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
MIN_SHARED_WORDS = 2
MIN_OVERLAP = 0.3


def content_words(text: str) -> set[str]:
    return {w for w in dedupe.words(text) if len(w) > 2 and w not in STOPWORDS}


def same_development(words_a: set[str], words_b: set[str]) -> bool:
    """Similar words, given the same cases, kind and date: the overlap coefficient, which does
    not punish one outlet for telling it in more words than another."""
    shared = len(words_a & words_b)
    smaller = min(len(words_a), len(words_b)) or 1
    return shared >= MIN_SHARED_WORDS and shared / smaller >= MIN_OVERLAP


def find_groups(article: Article, rows: list) -> list[int | None]:
    """For each new row, the first proposal (the group's root) about the same development from
    another article: same cases, kind and date, similar words. Only roots are compared (a member
    is its root's development), so the work grows with the developments of a day, not with the
    number of reports of them. Two queries for the whole batch."""
    wanted = [(proposed, frozenset(cases)) for proposed, cases, _ in rows if cases]
    if not wanted:
        return [None] * len(rows)
    others = list(
        ProposedEntry.objects.filter(
            occurred_on__in={p.occurred_on for p, _ in wanted},
            kind__in={p.kind for p, _ in wanted},
            group=None,
        )
        .exclude(article=article)
        .values_list("pk", "occurred_on", "kind", "evidence")
    )
    if not others:
        return [None] * len(rows)
    cases_of: dict[int, set[int]] = defaultdict(set)
    for proposed_id, case_id in ProposedEntry.cases.through.objects.filter(
        proposedentry_id__in=[pk for pk, *_ in others]
    ).values_list("proposedentry_id", "case_id"):
        cases_of[proposed_id].add(case_id)
    by_key = defaultdict(list)
    for pk, occurred_on, kind, evidence in others:
        by_key[(occurred_on, kind, frozenset(cases_of[pk]))].append((pk, content_words(evidence)))
    groups = []
    for proposed, cases, _ in rows:
        words = content_words(proposed.evidence)
        roots = [
            root
            for root, other_words in by_key.get(
                (proposed.occurred_on, proposed.kind, frozenset(cases)), []
            )
            if same_development(words, other_words)
        ]
        groups.append(min(roots) if roots else None)
    return groups


def requeue_stuck() -> list[int]:
    """Articles to send again, put back in the queue with a new stamp (which voids any claim on
    them): those fetching or extracting for longer than STUCK_ARTICLE_SECONDS (the worker died),
    and those queued for longer than QUEUED_ARTICLE_SECONDS (the message was lost: the broker was
    down at submission, or a worker died holding it before it started). Queued articles get
    longer because they may simply be waiting their turn behind a backlog.

    Every worker runs this (sources.tasks), so the rows are locked and locked ones skipped: two
    workers sweeping at once send each article once."""
    now = timezone.now()
    abandoned = Q(
        status__in=CLAIMED,
        status_changed_at__lt=now - datetime.timedelta(seconds=settings.STUCK_ARTICLE_SECONDS),
    )
    lost = Q(
        status=ArticleStatus.QUEUED,
        status_changed_at__lt=now - datetime.timedelta(seconds=settings.QUEUED_ARTICLE_SECONDS),
    )
    with transaction.atomic():
        stuck = Article.objects.filter(abandoned | lost).select_for_update(skip_locked=True)
        ids = list(stuck.order_by("status_changed_at").values_list("pk", flat=True)[:1000])
        Article.objects.filter(pk__in=ids).update(
            status=ArticleStatus.QUEUED, status_changed_at=now
        )
    return ids


def outdated_articles() -> QuerySet:
    """Done articles read by another extractor version than this one."""
    return Article.objects.filter(status=ArticleStatus.DONE).exclude(
        extractor_version=extractor_version()
    )


def queue_reextraction(limit: int | None = None) -> list[int]:
    """Done articles read by an older extractor version, back to queued for the current one:
    the newest first, at most `limit` at a time so an upgrade does not flood the queue. Their
    reviewed proposals stay; the pending ones are replaced (see write_proposals)."""
    now = timezone.now()
    outdated = outdated_articles().order_by("-created_at", "-pk")
    ids = list(outdated.values_list("pk", flat=True)[:limit])
    Article.objects.filter(pk__in=ids, status=ArticleStatus.DONE).update(
        status=ArticleStatus.QUEUED, status_changed_at=now
    )
    return ids
