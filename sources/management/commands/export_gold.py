"""Write the reviewed articles as an evaluation set, so each one tests the next extractor."""

import datetime
import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from cases.models import DatePrecision
from cases.world import world_from_db
from sources.models import Article, ProposedEntry, ReviewStatus

ACCEPTED = (ReviewStatus.APPROVED, ReviewStatus.MERGED)
# The evaluation set knows days, months and years. A week or an approximate date is scored at
# its month: coarser than the record holds, never stricter than the editor was.
GOLD_PRECISION = {
    DatePrecision.DAY: "day",
    DatePrecision.WEEK: "month",
    DatePrecision.MONTH: "month",
    DatePrecision.APPROXIMATE: "month",
    DatePrecision.YEAR: "year",
}
# An anchor is 3-10 words of the evidence (the set's checker allows up to 12).
ANCHOR_WORDS = 10
WORD = re.compile(r"\S+")


def gold_date(day: datetime.date, precision: str) -> tuple[str, str]:
    """The date and precision as the set writes them: day 01 for a month, 1 January for a year."""
    gold = GOLD_PRECISION.get(precision, "day")
    if gold == "month":
        day = day.replace(day=1)
    elif gold == "year":
        day = day.replace(month=1, day=1)
    return day.isoformat(), gold


def anchor(text: str, start: int, end: int) -> str | None:
    """A run of at most ANCHOR_WORDS words of text[start:end] that the scorer, which takes an
    anchor's first occurrence in the text, finds at its own place: the evidence's first words
    when they are not said earlier in the article, the next run of words otherwise."""
    words = [(start + m.start(), start + m.end()) for m in WORD.finditer(text[start:end])]
    size = min(ANCHOR_WORDS, len(words))
    for first in range(len(words) - size + 1):
        left, right = words[first][0], words[first + size - 1][1]
        if text.find(text[left:right]) == left:
            return text[left:right]
    return None


def _note(proposed: ProposedEntry) -> str:
    if proposed.added_by_editor:
        return "Added by an editor: the extractor missed it"
    if proposed.status == ReviewStatus.MERGED:
        return f"Merged into entry {proposed.entry_id}, already on the record"
    if proposed.edited_fields:
        return f"Approved after editing {', '.join(proposed.edited_fields)}"
    return "Approved as proposed"


def gold_entry(proposed: ProposedEntry, text: str) -> dict | None:
    """What the desk accepted from the proposal: the entry as it is on the record (the editor's
    values, edits included), anchored in the proposal's evidence."""
    entry = proposed.entry
    words = anchor(text, proposed.start, proposed.end)
    if words is None:
        return None
    date, precision = gold_date(entry.occurred_on, entry.precision)
    return {
        "anchor": words,
        "date": date,
        "precision": precision,
        "kind": entry.kind,
        "cases": sorted(case.slug for case in entry.cases.all()),
        "proposal": entry.proposal.slug if entry.proposal else None,
        "parties": sorted(party.slug for party in entry.parties.all()),
        "speaker": entry.speaker.slug if entry.speaker else None,
        "background": False,
        "note": _note(proposed),
    }


def reviewed_articles(since: datetime.datetime | None):
    """Articles with a proposal reviewed (or a development added) since `since`, each with the
    proposals the desk accepted and the entries they are on the record as."""
    reviewed = ProposedEntry.objects.filter(article=OuterRef("pk")).exclude(
        status=ReviewStatus.PENDING
    )
    if since is not None:
        reviewed = reviewed.filter(reviewed_at__gte=since)
    accepted = (
        # A retracted entry is one the desk took back: not gold any more.
        ProposedEntry.objects.filter(status__in=ACCEPTED, entry__retracted_at__isnull=True)
        .exclude(entry=None)
        .select_related("entry__speaker", "entry__proposal")
        .prefetch_related("entry__cases", "entry__parties")
        .order_by("start", "ordinal")
    )
    return (
        Article.objects.filter(Exists(reviewed))
        .select_related("outlet")
        .annotate(
            pending=Count(
                "proposed_entries", filter=Q(proposed_entries__status=ReviewStatus.PENDING)
            )
        )
        .prefetch_related(Prefetch("proposed_entries", queryset=accepted, to_attr="accepted"))
        .order_by("pk")
    )


class Command(BaseCommand):
    help = (
        "Write the articles reviewed since --since as an evaluation set (texts/, gold.jsonl, "
        "gazetteer.json): as gold, the entries the desk accepted from each, with the editors' "
        "values; nothing for what it rejected. Score it with evaluate_extraction DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write the set (created if need be)")
        parser.add_argument(
            "--since", help="reviews from this day on, YYYY-MM-DD (all reviews without it)"
        )

    def handle(self, *args, directory: str, since: str | None, **options):
        start = None
        if since:
            try:
                day = datetime.date.fromisoformat(since)
            except ValueError as error:
                raise CommandError(f"--since must be YYYY-MM-DD: {error}") from error
            start = datetime.datetime.combine(
                day, datetime.time.min, tzinfo=timezone.get_current_timezone()
            )
        out = Path(directory)
        texts = out / "texts"
        texts.mkdir(parents=True, exist_ok=True)

        lines, entries = [], 0
        for article in reviewed_articles(start):
            text = article.text or ""
            gold, seen = [], set()
            for proposed in article.accepted:
                if proposed.entry_id in seen:  # two reports in one article of one development
                    continue
                entry = gold_entry(proposed, text)
                if entry is None:
                    self.stderr.write(
                        f"article {article.pk}: proposal {proposed.pk}'s evidence is no longer "
                        "in the text; left out"
                    )
                    continue
                seen.add(proposed.entry_id)
                gold.append(entry)
            if article.pending:
                self.stderr.write(
                    f"article {article.pk}: {article.pending} proposals still pending; its gold "
                    "holds only what the desk has accepted so far"
                )
            text_file = f"article-{article.pk}.txt"
            (texts / text_file).write_text(text, encoding="utf-8")
            published = article.published_on or timezone.localdate(article.created_at)
            lines.append(
                {
                    "id": f"article-{article.pk}",
                    "url": article.url,
                    "outlet": article.outlet.name if article.outlet else "",
                    "published": published.isoformat(),
                    "language": article.language or "en",
                    "text_file": text_file,
                    "entries": gold,
                }
            )
            entries += len(gold)

        (out / "gold.jsonl").write_text(
            "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
            encoding="utf-8",
        )
        (out / "gazetteer.json").write_text(
            json.dumps(world_from_db(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        self.stdout.write(f"Wrote {len(lines)} articles, {entries} gold entries to {out}")
