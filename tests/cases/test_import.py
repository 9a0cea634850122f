"""Importing a timeline from a CSV file with the export's columns (cases.resources), in the admin
and with `manage.py import_timeline`."""

import datetime
import io
import re
import tempfile

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from cases.exports import CSV_COLUMNS, to_csv
from cases.models import Case, DatePrecision, EntryKind, Party, Proposal, TimelineEntry
from cases.resources import TimelineEntryResource, parse_date_text
from cases.timeline import entries_with_sources
from sources import processing, review
from sources.models import (
    Article,
    ArticleStatus,
    Citation,
    Outlet,
    ProposedEntry,
    ReviewStatus,
)
from tests.factories import make_article, make_entry

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver"


@pytest.fixture
def importer(editor):
    """An editor who may use the admin (editors add entries; the admin is for staff)."""
    editor.is_staff = True
    editor.save(update_fields=["is_staff"])
    return editor


@pytest.fixture
def ryabkov(world):
    """A party known by a name in Cyrillic, among the reference data."""
    return Party.objects.create(
        slug="ryabkov", name="Сергей Рябков", aliases=["Рябков", "Sergei Ryabkov"]
    )


@pytest.fixture
def griner_timeline(world, ryabkov, importer):
    """The Griner case's record: every precision, quotes, speakers, parties, the proposal,
    several sources, a restricted entry, text a spreadsheet would take for a formula, and a
    retracted entry that no export holds."""
    wire = Outlet.objects.create(slug="wire", name="Wire", domain="news.example")
    kommersant = Outlet.objects.create(
        slug="kommersant", name="Коммерсантъ", domain="kommersant.ru"
    )
    first = make_article(outlet=wire, title="Griner detained")
    second = make_article(outlet=wire, title="Griner's trial")
    russian = make_article(
        outlet=kommersant, url="https://www.kommersant.ru/doc/1", title="Рябков об обмене"
    )
    entries = [
        make_entry(
            occurred_on=datetime.date(2022, 2, 17),
            reported_on=datetime.date(2022, 3, 5),
            kind=EntryKind.DETENTION,
            summary="Griner is detained at Sheremetyevo airport.",
            parties=("griner", "russian-government"),
            article=first,
        ),
        make_entry(
            occurred_on=datetime.date(2022, 7, 27),
            precision=DatePrecision.WEEK,
            kind=EntryKind.STATEMENT,
            summary="Price says a substantial proposal was put forward.",
            quote="We put a substantial proposal on the table.",
            speaker=Party.objects.get(slug="price"),
            attribution="on_record",
            proposal=Proposal.objects.get(slug="bout-swap"),
            parties=("price", "us-government"),
            article=second,
        ),
        make_entry(
            occurred_on=datetime.date(2022, 6, 1),
            precision=DatePrecision.MONTH,
            kind=EntryKind.CONTACT,
            summary="-3 weeks of quiet contacts, officials say.",
            attribution="anonymous",
        ),
        make_entry(
            occurred_on=datetime.date(2022, 5, 1),
            precision=DatePrecision.APPROXIMATE,
            kind=EntryKind.ADVOCACY,
            summary="=Advocates press for a deal.",
            restricted=True,
        ),
        make_entry(
            occurred_on=datetime.date(2022, 1, 1),
            precision=DatePrecision.YEAR,
            kind=EntryKind.REPORT,
            summary="Рябков: обмен возможен.",
            quote="Мы готовы к разговору.",
            speaker=ryabkov,
            parties=("russian-government",),
            article=russian,
        ),
    ]
    Citation.objects.create(entry=entries[0], article=second, evidence="Detained on Feb. 17.")
    make_entry(summary="A retracted entry.", retracted_at=datetime.datetime.now(datetime.UTC))
    return entries


def record(case_slug: str = "griner") -> list[tuple]:
    """What an import must bring back: every entry of the case on the record, as values."""
    entries = (
        TimelineEntry.objects.on_record()
        .filter(cases__slug=case_slug)
        .select_related("speaker", "proposal")
        .prefetch_related("cases", "parties", "citations__article__outlet")
    )
    return sorted(
        (
            entry.occurred_on,
            entry.precision,
            entry.reported_on,
            entry.kind,
            entry.summary,
            entry.quote,
            entry.speaker.slug if entry.speaker else "",
            entry.attribution,
            entry.restricted,
            tuple(sorted(case.slug for case in entry.cases.all())),
            tuple(sorted(party.slug for party in entry.parties.all())),
            entry.proposal.slug if entry.proposal else "",
            tuple(
                sorted(
                    (c.article.url, c.article.outlet.name if c.article.outlet else "")
                    for c in entry.citations.all()
                )
            ),
        )
        for entry in entries
    )


def export(user, case_slug: str = "griner") -> str:
    entries = entries_with_sources(user).filter(cases__slug=case_slug)
    return "".join(to_csv(entries, BASE_URL))


def empty_the_record() -> None:
    """The database as a new tracker's: the reference data (world) only."""
    Citation.objects.all().delete()
    TimelineEntry.objects.all().delete()
    ProposedEntry.objects.all().delete()
    Article.objects.all().delete()
    Outlet.objects.all().delete()


def run_import(text: str, user, *, dry_run: bool = False, file_name: str = "griner.csv"):
    dataset = tablib.Dataset().load(text, format="csv")
    return TimelineEntryResource(own_origin=BASE_URL).import_data(
        dataset, dry_run=dry_run, use_transactions=True, user=user, file_name=file_name
    )


def csv_of(*rows: dict) -> str:
    """A file as an editor's spreadsheet might hold: some of the export's columns."""
    columns = list(dict.fromkeys(name for row in rows for name in row))
    dataset = tablib.Dataset(headers=columns)
    for row in rows:
        dataset.append([row.get(name, "") for name in columns])
    return dataset.export("csv")


ROW = {
    "occurred_on": "2022-08-04",
    "precision": "day",
    "kind": "court",
    "summary": "Griner is sentenced to nine years.",
    "cases": "griner",
    "source_urls": "https://news.example/sentence",
}


# ---------------------------------------------------------------------------------------------
# The round trip


def test_an_export_of_the_griner_case_imports_into_an_empty_database_with_the_same_entries(
    griner_timeline, importer
):
    text = export(importer)
    before = record()
    assert len(before) == 5  # the retracted entry is not exported
    empty_the_record()
    assert record() == []

    result = run_import(text, importer)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 5
    assert record() == before
    # The sources are articles found by their URL: created with no text, read and done.
    article = Article.objects.get(url="https://www.kommersant.ru/doc/1")
    assert (article.text, article.status, article.title) == (
        "",
        ArticleStatus.DONE,
        "Рябков об обмене",
    )
    assert article.outlet.domain == "kommersant.ru"
    assert Citation.objects.filter(start__isnull=False).count() == 0


@pytest.fixture
def seed_timeline(editor):
    """The Griner timeline `make run` shows: the seed world and article (`load_seeds`), the
    article read as a worker reads it, and every proposal about Griner approved."""
    call_command("load_seeds", stdout=io.StringIO())
    article = Article.objects.get()
    processing.process_article(article.pk)
    for proposed in ProposedEntry.objects.filter(
        article=article, status=ReviewStatus.PENDING, group__isnull=True, cases__slug="griner"
    ).order_by("ordinal"):
        review.approve(proposed, by=editor)
    assert TimelineEntry.objects.filter(cases__slug="griner").count() >= 3


def test_the_seed_timeline_downloaded_as_csv_imports_into_an_empty_database(
    client, seed_timeline, importer
):
    client.force_login(importer)
    response = client.get(reverse("cases:case_csv", args=["griner"]))
    text = b"".join(response.streaming_content).decode()
    before = record()
    empty_the_record()

    result = run_import(text, importer, file_name="griner.csv")

    assert not result.has_errors() and not result.has_validation_errors()
    assert record() == before


def test_importing_the_same_file_again_adds_nothing(griner_timeline, importer):
    text = export(importer)
    empty_the_record()
    run_import(text, importer)
    imported = record()

    result = run_import(text, importer)

    assert (result.totals["new"], result.totals["skip"]) == (0, 5)
    assert record() == imported
    assert TimelineEntry.objects.count() == 5


def test_a_file_exported_here_is_the_record_itself_even_after_a_correction(
    griner_timeline, importer
):
    text = export(importer)
    TimelineEntry.objects.filter(pk=griner_timeline[0].pk).update(summary="Corrected summary.")

    result = run_import(text, importer)

    assert result.totals["skip"] == 5
    assert TimelineEntry.objects.on_record().count() == 5


def test_an_existing_article_is_cited_not_copied(world, importer):
    article = make_article(url="https://news.example/sentence")

    run_import(csv_of(ROW), importer)

    entry = TimelineEntry.objects.get(summary=ROW["summary"])
    assert [c.article for c in entry.citations.all()] == [article]
    assert Article.objects.filter(url=ROW["source_urls"]).count() == 1


# ---------------------------------------------------------------------------------------------
# The preview: nothing written, each bad row with its errors


def test_a_dry_run_writes_nothing_and_reports_what_it_would_do(world, importer):
    result = run_import(csv_of(ROW), importer, dry_run=True)

    assert result.totals["new"] == 1
    assert not TimelineEntry.objects.exists()
    assert not Article.objects.exists()


def row_errors(text: str, user) -> dict[str, list[str]]:
    result = run_import(text, user, dry_run=True)
    assert not result.has_errors(), [e.error for row in result.error_rows for e in row.errors]
    (invalid,) = result.invalid_rows
    return invalid.field_specific_errors


def test_a_bad_date_is_a_row_error(world, importer):
    errors = row_errors(csv_of(ROW | {"occurred_on": "2022-02-30"}), importer)
    assert errors == {"occurred_on": ["“2022-02-30” is not a date (YYYY-MM-DD)."]}


def test_a_date_that_is_not_a_date_is_a_row_error(world, importer):
    errors = row_errors(csv_of(ROW | {"occurred_on": "", "date": "sometime in spring"}), importer)
    assert "“sometime in spring” is not a date" in errors["date"][0]


def test_a_date_column_that_contradicts_occurred_on_is_a_row_error(world, importer):
    errors = row_errors(csv_of(ROW | {"date": "5 Aug 2022"}), importer)
    assert "correct one, or empty the date column" in errors["date"][0]


def test_an_unknown_case_is_a_row_error(world, importer):
    errors = row_errors(csv_of(ROW | {"cases": "griner; nobody-we-know"}), importer)
    assert errors == {"cases": ["Unknown case: nothing on the tracker is named “nobody-we-know”."]}


def test_an_unknown_kind_is_a_row_error_naming_the_kinds(world, importer):
    errors = row_errors(csv_of(ROW | {"kind": "rumour"}), importer)
    assert errors["kind"][0].startswith("Unknown kind “rumour”; one of: detention, charge,")


def test_an_unknown_speaker_is_a_row_error_not_a_new_party(world, importer):
    parties = Party.objects.count()
    errors = row_errors(csv_of(ROW | {"speaker": "Somebody Else"}), importer)
    assert errors == {
        "speaker": ["Unknown party: nothing on the tracker is named “Somebody Else”."]
    }
    assert Party.objects.count() == parties


def test_every_problem_of_a_row_is_reported_at_once(world, importer):
    errors = row_errors(
        csv_of(ROW | {"kind": "", "summary": "", "cases": "", "proposal": "no-deal"}), importer
    )
    assert set(errors) == {"kind", "summary", "cases", "proposal"}


def test_a_file_with_one_bad_row_writes_nothing_even_when_not_a_dry_run(world, importer):
    """The command imports all rows or none (the admin offers to confirm only a clean file)."""
    good, bad = ROW, ROW | {"summary": "Another.", "cases": "unknown"}
    path = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command_on(csv_of(good, bad), importer, stderr=path)
    assert "Row 2: cases: Unknown case" in path.getvalue()
    assert not TimelineEntry.objects.exists()


# ---------------------------------------------------------------------------------------------
# Reading values as editors write them


def test_kinds_and_attributions_are_read_by_label_and_speakers_by_alias(world, ryabkov, importer):
    row = ROW | {
        "kind": "Media report",
        "attribution": "Anonymous official",
        "speaker": "рябков",
        "cases": "Brittney Griner",
        "parties": "the Kremlin; Ned Price",
        "proposal": "bout-swap",
        "restricted": "yes",
    }
    run_import(csv_of(row), importer)

    entry = TimelineEntry.objects.get()
    assert (entry.kind, entry.attribution, entry.speaker) == ("report", "anonymous", ryabkov)
    assert list(entry.cases.all()) == [Case.objects.get(slug="griner")]
    assert {p.slug for p in entry.parties.all()} == {"russian-government", "price"}
    assert entry.proposal.slug == "bout-swap"
    assert entry.restricted


def test_an_alias_two_parties_share_is_a_row_error(world, importer):
    Party.objects.filter(slug="blinken").update(aliases=["the Secretary", "Price"])
    errors = row_errors(csv_of(ROW | {"speaker": "Price"}), importer)
    assert errors["speaker"] == [
        "Unknown party: “Price” names more than one (blinken, price); use the slug."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28 Jul 2022", (datetime.date(2022, 7, 28), "day")),
        ("week of 25 Jul 2022", (datetime.date(2022, 7, 25), "week")),
        ("Jul 2022", (datetime.date(2022, 7, 1), "month")),
        ("~ Jun 2022", (datetime.date(2022, 6, 1), "approximate")),
        ("2022", (datetime.date(2022, 1, 1), "year")),
        ("2022-07-28", (datetime.date(2022, 7, 28), "day")),
        ("28 July 2022", (datetime.date(2022, 7, 28), "day")),
    ],
)
def test_the_date_column_is_read_at_the_precision_the_export_wrote(text, expected):
    assert parse_date_text(text) == expected


def test_a_row_with_only_the_date_column_gets_its_precision_from_it(world, importer):
    run_import(csv_of(ROW | {"occurred_on": "", "precision": "", "date": "~ Jun 2022"}), importer)
    entry = TimelineEntry.objects.get()
    assert (entry.occurred_on, entry.precision) == (datetime.date(2022, 6, 1), "approximate")


def test_the_export_columns_are_the_ones_the_import_reads():
    read = {field.column_name for field in TimelineEntryResource().get_user_visible_fields()}
    assert read <= set(CSV_COLUMNS)


# ---------------------------------------------------------------------------------------------
# Who imported


def test_the_importing_editor_is_in_the_history_with_the_file_name(world, importer):
    run_import(csv_of(ROW), importer, file_name="sentences.csv")

    entry = TimelineEntry.objects.get()
    assert (entry.approved_by, entry.approved_at is not None) == (importer, True)
    assert {(h.history_user, h.history_change_reason) for h in entry.history.all()} == {
        (importer, "Imported from sentences.csv")
    }
    assert entry.citations.get().created_by == importer


# ---------------------------------------------------------------------------------------------
# The admin's two steps


def upload(client, text: str, name: str = "timeline.csv"):
    return client.post(
        reverse("admin:cases_timelineentry_import"),
        {"format": "0", "import_file": SimpleUploadedFile(name, text.encode(), "text/csv")},
    )


def test_the_admin_previews_row_errors_and_writes_nothing(client, world, importer):
    client.force_login(importer)
    response = upload(client, csv_of(ROW, ROW | {"summary": "Bad.", "kind": "rumour"}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<li>Row 2, kind: Unknown kind “rumour”; one of: detention," in page
    assert 'name="import_file_name"' not in page  # no confirming a file with errors
    assert not TimelineEntry.objects.exists()


def test_the_admin_imports_a_clean_file_once_confirmed(client, world, importer):
    client.force_login(importer)
    preview = upload(client, csv_of(ROW), name="sentence.csv")
    assert not TimelineEntry.objects.exists()
    confirm = {
        name: re.search(rf'name="{name}" value="([^"]*)"', preview.content.decode())[1]
        for name in ("import_file_name", "original_file_name", "format")
    }

    response = client.post(reverse("admin:cases_timelineentry_process_import"), confirm)

    assert response.status_code == 302
    entry = TimelineEntry.objects.get()
    assert {(h.history_user, h.history_change_reason) for h in entry.history.all()} == {
        (importer, "Imported from sentence.csv")
    }


def test_only_users_who_may_add_entries_see_the_import(client, world, importer, django_user_model):
    reader = django_user_model.objects.create_user("staff-reader", password="x", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_timelineentry"))
    client.force_login(reader)
    changelist = client.get(reverse("admin:cases_timelineentry_changelist"))
    assert changelist.status_code == 200
    assert reverse("admin:cases_timelineentry_import") not in changelist.content.decode()
    assert client.get(reverse("admin:cases_timelineentry_import")).status_code == 403

    client.force_login(importer)
    changelist = client.get(reverse("admin:cases_timelineentry_changelist"))
    assert reverse("admin:cases_timelineentry_import") in changelist.content.decode()


# ---------------------------------------------------------------------------------------------
# The command


def call_command_on(text: str, user, *args, stdout=None, stderr=None):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        call_command(
            "import_timeline",
            file.name,
            "--by",
            user.username,
            *args,
            stdout=stdout or io.StringIO(),
            stderr=stderr or io.StringIO(),
        )


def test_the_command_imports_and_its_dry_run_does_not(world, importer):
    out = io.StringIO()
    call_command_on(csv_of(ROW), importer, "--dry-run", stdout=out)
    assert out.getvalue() == "Dry run, nothing written: 1 new, 0 already on the record.\n"
    assert not TimelineEntry.objects.exists()

    call_command_on(csv_of(ROW), importer, stdout=out)
    assert TimelineEntry.objects.get().approved_by == importer


def test_the_command_refuses_a_user_who_may_not_add_entries(world, analyst):
    with pytest.raises(CommandError, match="may add entries"):
        call_command_on(csv_of(ROW), analyst)


def test_the_preview_shows_the_rows_values_escaped(client, world, importer):
    client.force_login(importer)
    response = upload(client, csv_of(ROW | {"summary": "<script>alert(1)</script> sentenced"}))

    page = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; sentenced" in page
    assert "<script>alert(1)" not in page
    assert 'style="' not in page.split('class="import-preview"')[1]  # the CSP refuses them
    assert not TimelineEntry.objects.exists()
