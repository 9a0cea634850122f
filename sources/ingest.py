"""Getting articles in: every submission is saved first (status queued), then processed."""

import datetime
import hashlib
import re

from django.db import transaction
from django.utils.text import slugify

from .models import Article, Outlet


def normalise_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).casefold().encode("utf-8")).hexdigest()


def outlet_named(name: str, domain: str = "") -> Outlet | None:
    if not name:
        return None
    outlet, _ = Outlet.objects.get_or_create(
        slug=slugify(name)[:80], defaults={"name": name, "domain": domain}
    )
    return outlet


@transaction.atomic
def submit_seed_article(meta: dict, text: str) -> tuple[Article, bool]:
    """A seed article is pasted text with known metadata; loading it twice adds nothing."""
    digest = content_hash(text)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing:
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
    return article, True
