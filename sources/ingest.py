"""Getting articles in: every submission is saved first (status queued), then processed.

The Article row is the work item. It is committed before the task is sent, and the task is sent
only after the commit, so a broker that is down loses nothing: the article waits, queued, until
the periodic requeue (sources.tasks.requeue_stuck_articles) sends it again.
"""

import datetime
import hashlib
import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from cases.dates import in_bounds, validate_record_date
from cases.roles import system_user
from config.celery import delay_on_commit

from .models import Article, ArticleStatus, Feed, Outlet

log = logging.getLogger(__name__)

# Query parameters that only say where a click came from; the same article either way.
TRACKING_PARAMETERS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid)$", re.I)


class InvalidSubmission(ValueError):
    """A submission that cannot become an article (its message is for the editor)."""


@dataclass
class Submission:
    article: Article
    created: bool
    message: str


def normalise_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).casefold().encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str:
    """One spelling per article: lower-case scheme and host, no default port, no fragment, no
    tracking parameters. Refuses anything that is not an http(s) URL with a host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InvalidSubmission("Only http and https URLs can be submitted.")
    if not parts.hostname:
        raise InvalidSubmission("The URL names no host.")
    host = parts.hostname.rstrip(".")  # urlsplit lower-cases it
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError as exc:
        raise InvalidSubmission("The URL's port is not a number.") from exc
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING_PARAMETERS.match(k)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def length_problem(text: str) -> str | None:
    """Why the text is too long to be read as an article, or None when it is not."""
    limit = settings.ARTICLE_MAX_CHARS
    if len(text) <= limit:
        return None
    return (
        f"The text has {len(text):,} characters; an article may have at most {limit:,}. "
        "Paste the article alone, or the part of it about the case."
    )


def outlet_slug(name: str, domain: str = "") -> str:
    """A readable slug no other outlet has: the name transliterated to ASCII in any script
    ("Коммерсантъ" -> "kommersant", "人民日报" -> "renminribao"), else the domain, then -2, -3…"""
    base = (slugify(anyascii(name)) or slugify(domain) or "outlet")[:70].strip("-") or "outlet"
    taken = set(
        Outlet.objects.filter(slug__regex=rf"^{base}(-[0-9]+)?$").values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def outlet_named(name: str, domain: str = "") -> Outlet | None:
    """The outlet with this domain, else with this name (any case), else a new one. Never matched
    by slug: names in other scripts, or spelt alike, can share a slug's letters."""
    name, domain = name.strip()[:200], domain.strip().lower()[:200]
    if not name:
        return None
    found = Outlet.objects.filter(domain__iexact=domain).first() if domain else None
    found = found or Outlet.objects.filter(name__iexact=name).order_by("pk").first()
    if found is not None:
        return found
    for _ in range(3):  # another submission may take the slug between the check and the insert
        try:
            with transaction.atomic():
                return Outlet.objects.create(
                    slug=outlet_slug(name, domain), name=name, domain=domain
                )
        except IntegrityError:
            found = Outlet.objects.filter(name__iexact=name).order_by("pk").first()
            if found is not None:
                return found
    raise InvalidSubmission(f"Could not file the outlet {name!r}; try again.")


def enqueue_processing(article_id: int) -> None:
    """Send the article to a worker once the current transaction commits.

    This is what `process_article.delay_on_commit` does, plus catching a broker error: the
    submission has been committed already, so the article stays queued for the periodic requeue
    instead of the editor seeing a crash."""
    from .tasks import process_article

    delay_on_commit(process_article, article_id, refused="it stays queued for the requeue")


def submit_url(
    url: str,
    *,
    user=None,
    outlet: Outlet | None = None,
    feed: Feed | None = None,
    title: str = "",
    published: datetime.date | None = None,
) -> Submission:
    """A URL to fetch. The same canonical URL twice is one article: the first is returned."""
    url = canonical_url(url)
    existing = Article.objects.filter(url=url).first()
    if existing is not None:
        return Submission(existing, False, f"Already submitted as article {existing.pk}.")
    if published is not None and not in_bounds(published):
        # A feed's date the record cannot hold (0001-01-01, 9999-12-31) is a feed's mistake:
        # the article is kept without it, and the page's own date is used if it has one.
        log.info("%s: dropped the publication date %s, out of bounds", url, published)
        published = None
    article = Article(
        url=url,
        outlet=outlet or (feed.outlet if feed else None),
        feed=feed,
        title=title[:500],
        published_on=published,
        submitted_by=user,
    )
    try:
        with transaction.atomic():
            article.save()
            enqueue_processing(article.pk)
    except IntegrityError:  # submitted at the same moment by someone else
        existing = Article.objects.get(url=url)
        return Submission(existing, False, f"Already submitted as article {existing.pk}.")
    return Submission(article, True, f"Article {article.pk} queued for reading.")


def submit_text(
    text: str,
    *,
    title: str,
    outlet: Outlet | str | None = None,
    published: datetime.date,
    user=None,
    url: str = "",
    language: str = "en",
) -> Submission:
    """Pasted text with its metadata. Pasting the very same text for the same outlet again
    returns the first article; the same text from another outlet is saved, and the worker marks
    it a duplicate (one more report of the same story)."""
    if not normalise_text(text):
        raise InvalidSubmission("The text is empty.")
    if problem := length_problem(text):
        raise InvalidSubmission(problem)
    try:
        validate_record_date(published)
    except ValidationError as error:
        raise InvalidSubmission(f"Publication date: {error.messages[0]}") from None
    if isinstance(outlet, str):
        outlet = outlet_named(outlet.strip())
    url = canonical_url(url) if url else None
    if url:
        existing = Article.objects.filter(url=url).first()
        if existing is not None:
            return Submission(existing, False, f"Already submitted as article {existing.pk}.")
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest, outlet=outlet).order_by("pk").first()
    if existing is not None:
        return Submission(existing, False, f"The same text is already article {existing.pk}.")
    article = Article(
        url=url,
        title=title[:500],
        outlet=outlet,
        published_on=published,
        language=language,
        text=text,
        content_hash=digest,
        submitted_by=user,
    )
    try:
        with transaction.atomic():
            article.save()
            enqueue_processing(article.pk)
    except IntegrityError:
        existing = Article.objects.get(url=url)
        return Submission(existing, False, f"Already submitted as article {existing.pk}.")
    return Submission(article, True, f"Article {article.pk} queued for reading.")


def submit_form(data: dict, *, user) -> Submission:
    """What an editor submitted, as sources.forms.SubmitForm cleaned it (the submit page and the
    API take the same form): a URL, or pasted text with its title, outlet and date."""
    if data["url"]:
        return submit_url(data["url"], user=user)
    return submit_text(
        data["text"],
        title=data["title"],
        outlet=data["outlet_name"] or None,
        published=data["published_on"],
        user=user,
    )


def submit_feed_entry(feed: Feed, entry: dict) -> Submission | None:
    """An item from a feed: its link, to be fetched like a submitted URL, by the system user.
    Entries without a usable link are skipped (None)."""
    link = (entry.get("link") or "").strip()
    try:
        return submit_url(
            link,
            user=system_user(),
            feed=feed,
            title=entry.get("title") or "",
            published=entry.get("published"),
        )
    except InvalidSubmission:
        log.info("Feed %s: skipped an entry without an http(s) link (%r)", feed.pk, link)
        return None


def submit_seed_article(meta: dict, text: str) -> tuple[Article, bool]:
    """A seed article is pasted text with known metadata; loading it twice adds nothing."""
    with transaction.atomic():
        digest = content_hash(text)
        existing = Article.objects.filter(content_hash=digest).first()
        if existing:
            if existing.status == ArticleStatus.QUEUED:
                enqueue_processing(existing.pk)  # loaded before there was a worker to read it
            return existing, False
        article = Article.objects.create(
            url=meta.get("url") or None,
            title=meta["title"],
            outlet=outlet_named(meta.get("outlet", ""), meta.get("outlet_domain", "")),
            published_on=datetime.date.fromisoformat(meta["published"]),
            language=meta.get("language", "en"),
            text=text,
            content_hash=digest,
        )
        enqueue_processing(article.pk)
    return article, True
