"""An editor's decisions in the queue show on the desk's measure, in a real browser on
PostgreSQL, on a desktop and on a phone."""

import datetime

import pytest
from playwright.sync_api import expect

from cases.models import EntryKind
from sources.models import ProposedEntry, ReviewStatus
from tests.e2e.axe import describe, violations
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import make_article, make_proposed_entry

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = (
    "Price on Thursday suggested that Moscow has not meaningfully engaged on the proposal.\n"
    "Griner went on trial in Khimki on July 1, and the trial continues.\n"
    "Officials told CNN that they felt Moscow would jump at the offer."
)
WIDTHS = [1440, 390]


@pytest.fixture
def proposals(world):
    article = make_article(text=TEXT, published_on=datetime.date(2022, 7, 28))
    statement = make_proposed_entry(
        article,
        evidence="Price on Thursday suggested that Moscow has not meaningfully engaged",
        occurred_on=datetime.date(2022, 7, 21),
        kind=EntryKind.STATEMENT,
        extractor_version="9.1",
    )
    court = make_proposed_entry(
        article,
        evidence="Griner went on trial in Khimki on July 1",
        occurred_on=datetime.date(2022, 6, 1),
        kind=EntryKind.COURT,
        extractor_version="9.1",
    )
    make_proposed_entry(
        article,
        evidence="Officials told CNN that they felt Moscow would jump at the offer",
        occurred_on=datetime.date(2022, 7, 28),
        kind=EntryKind.REPORT,
        extractor_version="9.1",
    )
    return statement, court


def figure(row, name: str):
    return row.locator(f'[data-figure="{name}"]')


@pytest.mark.parametrize("width", WIDTHS)
def test_the_desks_measure_counts_what_the_editor_just_did(page, editor, proposals, width):
    statement, court = proposals
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/review/")
    expect(page.locator("#queue-total")).to_have_text("3 pending in all")

    # Reject the statement: its date is wrong.
    item = page.locator(f"#proposed-{statement.pk}")
    item.get_by_role("link", name="Reject").click()
    item.locator("form.reject-form").get_by_label("Wrong date").check()
    item.locator("form.reject-form").get_by_role("button", name="Reject").click()
    expect(item).to_have_attribute("data-status", "rejected")
    expect(item).to_contain_text("Reason: Wrong date")
    expect(page.locator("#queue-total")).to_have_text("2 pending in all")
    expect(page.locator("[data-pending-total]")).to_have_text("2")

    # Edit the court hearing's date, then approve it: the card shows the date saved.
    item = page.locator(f"#proposed-{court.pk}")
    item.get_by_role("link", name="Edit").click()
    form = item.locator("form.edit-form")
    form.locator("input[name=occurred_on]").fill("2022-07-01")
    form.get_by_role("button", name="Save and approve").click()
    expect(item).to_have_attribute("data-status", "approved")
    expect(item.locator(".outcome-what")).to_contain_text("1 Jul 2022")
    expect(item.locator(".outcome-what")).not_to_contain_text("1 Jun 2022")
    expect(page.locator("#queue-total")).to_have_text("1 pending in all")
    assert ProposedEntry.objects.get(pk=court.pk).edited_fields == ["occurred_on"]
    assert ProposedEntry.objects.get(pk=statement.pk).status == ReviewStatus.REJECTED

    page.get_by_role("link", name="The desk's measure").click()
    expect(page).to_have_url(f"{page.url.split('/review/')[0]}/review/quality/")
    version = page.locator("table.quality").first.locator("tbody tr", has_text="9.1")
    expect(figure(version, "reviewed")).to_have_text("2")
    expect(figure(version, "approved-unchanged")).to_have_text("0")
    expect(figure(version, "approved-edited")).to_contain_text("date 1")
    expect(figure(version, "rejected")).to_contain_text("wrong date 1")
    expect(figure(version, "precision")).to_have_text("50%")
    expect(figure(version, "dates-right")).to_have_text("0%")
    court_row = page.locator("table.quality").nth(1).locator("tbody tr", has_text="Court")
    expect(figure(court_row, "approved-edited")).to_contain_text("1")
    expect(page.get_by_text("(approved + merged) ÷ reviewed", exact=False)).to_be_visible()

    # The page itself never scrolls sideways; the wide tables scroll in their own box.
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    found = violations(page)
    assert found == [], describe(found)
    screenshot(page, f"review-quality-{width}")
