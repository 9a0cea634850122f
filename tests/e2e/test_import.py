"""An editor imports a timeline in the admin, in a real browser on PostgreSQL: the preview shows
the file's bad row and writes nothing; the corrected file is confirmed, and its entries are on
the case's page."""

import re

import pytest
import tablib
from playwright.sync_api import expect

from cases.models import TimelineEntry
from tests.e2e.conftest import screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

COLUMNS = ["occurred_on", "precision", "date", "kind", "summary", "speaker", "cases", "source_urls"]
SENTENCED = [
    "2022-08-04",
    "day",
    "4 Aug 2022",
    "court",
    "Griner is sentenced to nine years in a penal colony.",
    "",
    "griner",
    "https://news.example/sentence",
]
LAVROV = [
    "2022-07-29",
    "day",
    "",
    "rumour",  # no such kind: the preview says so
    "Лавров: обмен обсуждается только по тихим каналам.",
    "Sergei Lavrov",
    "Brittney Griner",
    "https://www.kommersant.ru/doc/2",
]


@pytest.fixture
def staff_editor(editor):
    editor.is_staff = True
    editor.save(update_fields=["is_staff"])
    return editor


def write_csv(path, *rows) -> str:
    dataset = tablib.Dataset(*rows, headers=COLUMNS)
    path.write_text(dataset.export("csv"), encoding="utf-8")
    return str(path)


def test_an_editor_previews_fixes_and_imports_a_timeline(page, world, staff_editor, tmp_path):
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/admin/cases/timelineentry/")
    page.get_by_role("link", name="Import").click()
    expect(page).to_have_url(re.compile(r"/admin/cases/timelineentry/import/$"))

    page.set_input_files("#id_import_file", write_csv(tmp_path / "griner.csv", SENTENCED, LAVROV))
    page.get_by_role("button", name="Submit").click()

    expect(page.locator("#import-row-errors")).to_have_text(
        "Row 2, kind: Unknown kind “rumour”; one of: detention, charge, court, custody, "
        "designation, proposal, response, contact, statement, report, advocacy, release."
    )
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    screenshot(page, "import-preview-errors")
    assert not TimelineEntry.objects.exists()

    fixed = [*LAVROV[:3], "statement", *LAVROV[4:]]
    page.set_input_files("#id_import_file", write_csv(tmp_path / "griner.csv", SENTENCED, fixed))
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#import-row-errors")).to_have_count(0)
    expect(page.locator("table.import-preview")).to_contain_text("Лавров: обмен обсуждается")
    assert not TimelineEntry.objects.exists()
    screenshot(page, "import-preview-clean")
    page.get_by_role("button", name="Confirm import").click()

    expect(page.locator(".messagelist")).to_contain_text("2 new")
    assert TimelineEntry.objects.count() == 2
    page.goto("/cases/griner/")
    expect(page.get_by_text("Griner is sentenced to nine years")).to_be_visible()
    expect(page.get_by_text("Лавров: обмен обсуждается только по тихим каналам.")).to_be_visible()
    screenshot(page, "import-case-page")
