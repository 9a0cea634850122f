"""export_gold: the reviewed articles as an evaluation set that evaluate_extraction scores."""

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.models import Case, EntryKind
from sources import processing, review
from sources.management.commands.export_gold import anchor, gold_date
from sources.models import Article, ArticleStatus, ProposedEntry, RejectReason

pytestmark = pytest.mark.django_db

SCORER = Path("/work/shared/eval/score.py")
EDITED_DATE = datetime.date(2022, 7, 26)
MISSED = (
    "Officials told CNN that they felt Moscow would jump at the offer, but it is now almost "
    "August and they have not received a substantive response."
)


@pytest.fixture
def seed_article(db) -> Article:
    """The seed world and article, loaded by `load_seeds` and read as a worker reads it (the
    command queues it after its transaction commits, which a test's transaction never does)."""
    call_command("load_seeds", stdout=io.StringIO())
    article = Article.objects.get()
    assert processing.process_article(article.pk) == ArticleStatus.DONE
    assert article.proposed_entries.count() >= 5, "the seed gives enough proposals to review"
    return article


@pytest.fixture
def reviewed(seed_article, editor):
    """Two approved as proposed, one approved with its date edited, one rejected for a wrong
    date, one development the machine missed added by the editor; the rest left pending."""
    first, second, edited, rejected, *_ = seed_article.proposed_entries.order_by("ordinal")
    review.approve(first, by=editor)
    review.approve(second, by=editor)
    assert edited.occurred_on != EDITED_DATE
    review.approve(edited, by=editor, changes={"occurred_on": EDITED_DATE})
    review.reject(rejected, by=editor, reason=RejectReason.WRONG_DATE)
    start = seed_article.text.index(MISSED)
    review.add_missed(
        seed_article,
        start,
        start + len(MISSED),
        by=editor,
        fields={
            "occurred_on": datetime.date(2022, 7, 28),
            "precision": "day",
            "kind": EntryKind.RESPONSE,
            "summary": "Officials say Moscow has not answered the offer substantively.",
            "cases": list(Case.objects.filter(slug__in=["griner", "whelan"])),
        },
    )
    return {"approved": [first, second], "edited": edited, "rejected": rejected}


def export(directory: Path, since: str | None = None) -> list[dict]:
    args = [str(directory)] + (["--since", since] if since else [])
    call_command("export_gold", *args, stdout=io.StringIO(), stderr=io.StringIO())
    return [json.loads(line) for line in (directory / "gold.jsonl").read_text().splitlines()]


def at(entries: list[dict], text: str, proposed: ProposedEntry) -> list[dict]:
    """The gold entries whose anchor lies within the proposal's evidence."""
    return [
        e
        for e in entries
        if proposed.start <= text.find(e["anchor"]) and text.find(e["anchor"]) < proposed.end
    ]


def test_the_gold_holds_what_the_desk_accepted_with_the_editors_values(
    reviewed, seed_article, tmp_path
):
    (line,) = export(tmp_path, since=timezone.localdate().isoformat())
    text = (tmp_path / "texts" / line["text_file"]).read_text(encoding="utf-8")
    assert text == seed_article.text
    assert line["published"] == "2022-07-28"
    entries = line["entries"]
    assert len(entries) == 4  # two approved, one edited, one added; nothing for the rejected

    (edited,) = at(entries, text, reviewed["edited"])
    assert edited["date"] == EDITED_DATE.isoformat()
    assert edited["date"] != reviewed["edited"].occurred_on.isoformat()
    assert at(entries, text, reviewed["rejected"]) == []
    for proposed in reviewed["approved"]:
        (gold,) = at(entries, text, proposed)
        assert gold["date"] == proposed.occurred_on.isoformat()
        assert gold["kind"] == proposed.kind
        assert gold["cases"] == sorted(c.slug for c in proposed.cases.all())
    added = [e for e in entries if e["note"].startswith("Added by an editor")]
    assert [(e["kind"], e["cases"]) for e in added] == [("response", ["griner", "whelan"])]

    gazetteer = json.loads((tmp_path / "gazetteer.json").read_text())
    assert {"griner", "whelan"} <= {case["slug"] for case in gazetteer["cases"]}
    assert "price" in {party["slug"] for party in gazetteer["parties"]}


def test_evaluate_extraction_checks_and_scores_the_set(reviewed, tmp_path):
    export(tmp_path)
    checked = io.StringIO()
    call_command("evaluate_extraction", str(tmp_path), "--check", stdout=checked)
    assert "0 problems, 0 texts missing" in checked.getvalue()

    scored = io.StringIO()
    call_command("evaluate_extraction", str(tmp_path), stdout=scored)
    summary = scored.getvalue().strip().splitlines()[-1]
    assert summary.startswith("precision=")
    figures = dict(pair.split("=") for pair in summary.split())
    assert figures["n_gold"] == "4"
    # The extractor proposes again what it proposed: all three accepted proposals match, the
    # edited date is counted wrong, and the development it missed is missed again.
    assert float(figures["recall"]) == pytest.approx(3 / 4, abs=1e-3)
    assert float(figures["date_acc"]) == pytest.approx(2 / 3, abs=1e-3)


@pytest.mark.skipif(not SCORER.exists(), reason="the shared reference scorer is not here")
def test_the_reference_scorer_agrees(reviewed, tmp_path):
    export(tmp_path)
    ours = io.StringIO()
    call_command("evaluate_extraction", str(tmp_path), stdout=ours)
    theirs = subprocess.run(
        [sys.executable, str(SCORER), str(tmp_path), "--project", str(settings.BASE_DIR)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert theirs.stdout.strip().splitlines()[-1] == ours.getvalue().strip().splitlines()[-1]


def test_since_leaves_out_articles_reviewed_before(reviewed, tmp_path):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert export(tmp_path, since=tomorrow.isoformat()) == []
    assert (tmp_path / "gazetteer.json").exists()


def test_an_article_with_nothing_reviewed_is_not_exported(seed_article, tmp_path):
    assert export(tmp_path) == []


def test_a_retracted_entry_is_not_gold(reviewed, tmp_path):
    entry = reviewed["edited"]
    entry.refresh_from_db()
    entry.entry.retracted_at = timezone.now()
    entry.entry.save()
    (line,) = export(tmp_path)
    assert len(line["entries"]) == 3


def test_a_bad_since_is_refused(tmp_path):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("export_gold", str(tmp_path), "--since", "last week")


def test_dates_are_written_at_the_precision_the_set_knows():
    day = datetime.date(2022, 7, 28)
    assert gold_date(day, "day") == ("2022-07-28", "day")
    assert gold_date(day, "month") == ("2022-07-01", "month")
    assert gold_date(day, "year") == ("2022-01-01", "year")
    assert gold_date(day, "week") == ("2022-07-01", "month")


def test_an_anchor_is_found_at_its_own_place_by_its_first_occurrence():
    text = "Price said so on Monday. Later: Price said so on Monday, and more words came after it."
    second = text.index("Price", 5)
    words = anchor(text, second, len(text))
    assert len(words.split()) <= 10
    assert text.find(words) >= second
    assert anchor(text, 0, 24) == "Price said so on Monday."
