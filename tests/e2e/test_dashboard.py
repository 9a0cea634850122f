"""An analyst reads the record in a real browser: the dashboard, Griner's case, a filter by
kind, a source's evidence, the CSV download, at desktop and phone widths."""

import csv
import datetime
import io
import re

import pytest
from playwright.sync_api import expect

from cases.models import Attribution, EntryKind, Party, Proposal
from sources.models import Outlet
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import make_article, make_entry

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 360, "height": 760}


@pytest.fixture
def record(world):
    """Griner's case with entries of several kinds, each with a source."""
    cnn = Outlet.objects.create(slug="cnn", name="CNN", domain="cnn.com")
    reuters = Outlet.objects.create(slug="reuters", name="Reuters", domain="reuters.com")
    price = Party.objects.get(slug="price")
    swap = Proposal.objects.get(slug="bout-swap")
    article = make_article(
        outlet=cnn,
        title="Russia says Lavrov will pay attention to US request",
        url="https://edition.cnn.example/2022/07/28/lavrov-blinken",
        text="Price suggested that Moscow has not meaningfully engaged on the proposal.",
    )
    make_article(outlet=reuters, title="Copy of the CNN report", duplicate_of=article)
    make_entry(
        article=article,
        parties=("price", "lavrov"),
        kind=EntryKind.STATEMENT,
        summary="Price says Moscow has not meaningfully engaged on the proposal.",
        quote="Moscow has not meaningfully engaged",
        speaker=price,
        proposal=swap,
    )
    make_entry(
        article=make_article(
            outlet=cnn,
            title="US offered Bout for Griner and Whelan",
            url="https://edition.cnn.example/2022/07/27/offer",
            text="The Biden administration offered to exchange Viktor Bout weeks ago.",
        ),
        kind=EntryKind.PROPOSAL,
        summary="The U.S. offered to exchange Viktor Bout for Griner and Whelan.",
        occurred_on=datetime.date(2022, 6, 1),
        precision="month",
        attribution=Attribution.ANONYMOUS,
        proposal=swap,
    )
    court = make_entry(
        article=make_article(
            outlet=reuters,
            title="Griner's trial opens in Khimki",
            url="https://reuters.example/griner-trial",
            text="Griner went on trial in Khimki on July 1, and the trial continues.",
        ),
        kind=EntryKind.COURT,
        summary="Griner's trial opens in Khimki.",
        occurred_on=datetime.date(2022, 7, 1),
    )
    make_entry(
        kind=EntryKind.DETENTION,
        summary="Griner is detained at Sheremetyevo airport.",
        occurred_on=datetime.date(2022, 2, 17),
        article=make_article(outlet=reuters, title="US basketball star detained"),
    )
    make_entry(
        cases=("whelan",),
        kind=EntryKind.COURT,
        summary="Whelan sentenced to 16 years.",
        occurred_on=datetime.date(2020, 6, 15),
    )
    return court


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_analyst_follows_griners_case_from_the_dashboard_to_the_csv(page, analyst, record):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "analyst", "pw-analyst-1")

    # The dashboard: a card per case with its day count.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    griner = page.locator(".case-card", has=page.locator("#card-griner"))
    expect(griner).to_contain_text("294 days detained")
    expect(page.locator(".case-card", has=page.locator("#card-whelan"))).to_contain_text(
        "2,043 days detained"
    )
    expect(griner.locator(".activity-strip rect")).not_to_have_count(0)
    screenshot(page, "dashboard-1440")

    # Sort by days detained, by htmx, kept in the URL.
    page.select_option("#sort", "days")
    expect(page).to_have_url(re.compile(r"sort=days"))
    expect(page.locator(".case-card h2").first).to_have_text("Paul Whelan")

    # Griner's case.
    page.get_by_role("link", name="Brittney Griner", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/cases/griner/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Brittney Griner")
    expect(page.locator(".entry")).to_have_count(4)
    expect(page.locator(".overview-mark")).to_have_count(4)
    expect(page.locator(".marker-milestone")).to_contain_text("100 days detained")
    expect(page.get_by_text("Date uncertain: known to the month")).to_be_visible()
    screenshot(page, "case-griner-1440")

    # Filter by kind: the timeline is swapped in place and the filter is kept in the URL.
    page.select_option("#id_kind", "court")
    expect(page).to_have_url(re.compile(r"kind=court"))
    expect(page.locator(".entry")).to_have_count(1)
    expect(page.locator(".entry")).to_contain_text("Griner's trial opens in Khimki.")
    expect(page.locator(".result-count")).to_contain_text("1 entry match the filters")
    expect(page.get_by_role("link", name="CSV")).to_have_attribute("href", re.compile("kind=court"))

    # Open a source: its outlet, linked title, and the evidence sentence on demand.
    source = page.locator(".entry .source").first
    expect(source.locator(".outlet")).to_have_text("Reuters")
    expect(source.get_by_role("link", name=re.compile("Griner's trial opens"))).to_have_attribute(
        "href", "https://reuters.example/griner-trial"
    )
    evidence = source.locator(".evidence blockquote")
    expect(evidence).to_be_hidden()
    source.locator(".evidence summary").click()
    expect(evidence).to_be_visible()
    expect(evidence).to_contain_text("Griner went on trial in Khimki on July 1")
    screenshot(page, "case-griner-court-1440")

    # Download the filtered timeline as CSV.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "griner-timeline-filtered.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert [row["summary"] for row in rows] == ["Griner's trial opens in Khimki."]
    assert rows[0]["source_urls"] == "https://reuters.example/griner-trial"

    # Back without the filter: the browser's history restores the whole timeline.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/cases/griner/$"))
    expect(page.locator(".entry")).to_have_count(4)

    # The same pages at a phone's width: nothing runs off the side.
    page.set_viewport_size(PHONE)
    page.goto("/")
    assert no_horizontal_scroll(page)
    screenshot(page, "dashboard-360")
    page.goto("/cases/griner/")
    assert no_horizontal_scroll(page)
    screenshot(page, "case-griner-360")
    page.goto("/proposals/bout-swap/")
    assert no_horizontal_scroll(page)
    screenshot(page, "proposal-bout-swap-360")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def open_a_long_timeline(page) -> None:
    """Griner's case with 52 entries more (two pages), as the analyst, at desktop width."""
    for n in range(52):
        make_entry(summary=f"Filler entry {n}", occurred_on=datetime.date(2022, 3, 1 + n % 28))
    page.set_viewport_size(DESKTOP)
    sign_in(page, "analyst", "pw-analyst-1")
    page.goto("/cases/griner/")


def test_the_timeline_works_from_the_keyboard(page, analyst, record):
    open_a_long_timeline(page)

    # The first Tab reaches the skip link, which is visible when focused.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert skip.bounding_box()["x"] >= 0

    # "More" loads the rest without leaving the page and moves the focus to the new entries.
    expect(page.locator(".entry")).to_have_count(50)
    more = page.get_by_role("link", name="More entries")
    more.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".entry")).to_have_count(56)
    expect(page.locator(".month-heading:focus")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/cases/griner/"))

    # A mark in the overview stands for a month; that month is on the page, so the focus goes
    # to its heading without leaving the page.
    mark = page.locator('.overview-mark[data-month="month-2022-03"]')
    mark.focus()
    page.keyboard.press("Enter")
    expect(page.locator('.month-heading[id$="-month-2022-03"]').first).to_be_focused()
    expect(page).to_have_url(re.compile(r"/cases/griner/$"))
    screenshot(page, "case-griner-more-1440")


def test_scrolling_to_the_end_of_a_long_timeline_loads_more(page, analyst, record):
    open_a_long_timeline(page)
    expect(page.locator(".entry")).to_have_count(50)
    page.locator("#more-entries").scroll_into_view_if_needed()
    expect(page.locator(".entry")).to_have_count(56)
    # Loaded by scrolling, not by a press: the focus stays where the reader left it.
    expect(page.locator(".month-heading:focus")).to_have_count(0)
