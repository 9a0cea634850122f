"""Small builders for the rows tests need; each takes keyword overrides."""

import datetime
import itertools
import json

from django.conf import settings

from cases.models import Case, EntryKind, Party, TimelineEntry
from sources.models import Article, Citation, Outlet, ProposedEntry

_numbers = itertools.count(1)

# The seed article's metadata: its 77-character title is the length real headlines have, longer
# than a history change reason (100 characters) leaves room for.
SEED_ARTICLE = json.loads((settings.BASE_DIR / "seeds" / "seed-2022-07-28.json").read_text())
SEED_TEXT = (settings.BASE_DIR / "seeds" / SEED_ARTICLE["text_file"]).read_text(encoding="utf-8")


def make_article(**fields) -> Article:
    n = next(_numbers)
    outlet = (
        fields.pop("outlet", None)
        or Outlet.objects.get_or_create(slug="wire", defaults={"name": "Wire"})[0]
    )
    defaults = {
        "url": f"https://news.example/{n}",
        "title": f"{SEED_ARTICLE['title']} ({n})",
        "outlet": outlet,
        "published_on": datetime.date(2022, 7, 28),
        "text": "Brittney Griner was detained at Sheremetyevo airport on Feb. 17.",
        "status": "done",
    }
    return Article.objects.create(**(defaults | fields))


def make_proposed_entry(
    article: Article | None = None, cases=("griner",), parties=(), **fields
) -> ProposedEntry:
    article = article or make_article()
    ordinal = fields.pop("ordinal", article.proposed_entries.count())
    evidence = fields.pop("evidence", article.text[:80] or "Griner was detained.")
    start = article.text.find(evidence)
    defaults = {
        "extractor_version": "test",
        "ordinal": ordinal,
        "start": max(start, 0),
        "end": max(start, 0) + len(evidence),
        "evidence": evidence,
        "occurred_on": datetime.date(2022, 2, 17),
        "precision": "day",
        "date_basis": "Feb. 17",
        "kind": EntryKind.DETENTION,
        "summary": evidence,
        "confidence": 0.8,
    }
    proposed = ProposedEntry.objects.create(article=article, **(defaults | fields))
    proposed.cases.set(Case.objects.filter(slug__in=cases))
    proposed.parties.set(Party.objects.filter(slug__in=parties))
    return proposed


def make_entry(
    cases=("griner",), parties=(), article: Article | None = None, **fields
) -> TimelineEntry:
    defaults = {
        "occurred_on": datetime.date(2022, 7, 28),
        "reported_on": datetime.date(2022, 7, 28),
        "kind": EntryKind.STATEMENT,
        "summary": "Price says the proposal was conveyed to Russia.",
    }
    entry = TimelineEntry.objects.create(**(defaults | fields))
    entry.cases.set(Case.objects.filter(slug__in=cases))
    entry.parties.set(Party.objects.filter(slug__in=parties))
    if article is not None:
        Citation.objects.create(entry=entry, article=article, evidence=article.text[:200])
    return entry
