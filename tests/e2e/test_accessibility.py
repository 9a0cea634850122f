"""Every page passes axe-core's WCAG 2.1 A and AA rules at desktop and phone widths, with no
console errors; the case page fits a phone and 200% zoom, its overview's targets are large, sticky
headings never hide the focus, and its filters ask the server once per committed change. (The
review desk from the keyboard: test_keyboard.py.)"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from cases.models import EntryKind, Party
from sources.models import Outlet
from tests.e2e.axe import describe, violations
from tests.e2e.conftest import sign_in
from tests.factories import make_article, make_entry, make_proposed_entry

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = [pytest.param(DESKTOP, id="1440"), pytest.param(PHONE, id="390")]


@pytest.fixture
def record(world):
    """Both seed cases with entries of several kinds, an article with two pending proposals."""
    cnn = Outlet.objects.create(slug="cnn", name="CNN", domain="cnn.com")
    price = Party.objects.get(slug="price")
    article = make_article(
        outlet=cnn,
        title="Russia says Lavrov will pay attention to US request",
        url="https://edition.cnn.example/2022/07/28/lavrov-blinken",
        text="Price suggested that Moscow has not meaningfully engaged on the proposal. "
        "Griner went on trial in Khimki on July 1.",
    )
    kinds = [
        (EntryKind.DETENTION, datetime.date(2022, 2, 17)),
        (EntryKind.CHARGE, datetime.date(2022, 3, 5)),
        (EntryKind.COURT, datetime.date(2022, 7, 1)),
        (EntryKind.PROPOSAL, datetime.date(2022, 6, 1)),
        (EntryKind.STATEMENT, datetime.date(2022, 7, 28)),
    ]
    entries = [
        make_entry(
            article=article,
            parties=("price",),
            kind=kind,
            occurred_on=on,
            summary=f"{EntryKind(kind).label} in Griner's case.",
            speaker=price if kind == EntryKind.STATEMENT else None,
        )
        for kind, on in kinds
    ]
    make_entry(
        cases=("whelan",),
        kind=EntryKind.DETENTION,
        occurred_on=datetime.date(2018, 12, 28),
        summary="Whelan is detained in Moscow.",
    )
    make_entry(
        cases=("whelan",),
        kind=EntryKind.COURT,
        occurred_on=datetime.date(2020, 6, 15),
        summary="Whelan is sentenced to 16 years.",
    )
    for n, evidence in enumerate(
        [
            "Price suggested that Moscow has not meaningfully engaged on the proposal.",
            "Griner went on trial in Khimki on July 1.",
        ]
    ):
        make_proposed_entry(
            article,
            ordinal=n,
            evidence=evidence,
            kind=EntryKind.STATEMENT if n == 0 else EntryKind.COURT,
            occurred_on=datetime.date(2022, 7, 28 - 27 * n),
        )
    return {"article": article, "entry": entries[-1]}


def expect_refused_load(page, status: int) -> None:
    """The browser logs an error page's status as a console error: that one is expected (and
    taken off the list the page fixture checks); any other error still fails the test."""
    expected = f"the server responded with a status of {status}"
    logged = [error for error in page.console_errors if expected in error]
    assert len(logged) == 1, page.console_errors
    page.console_errors.remove(logged[0])


def axe_report(page, name: str) -> str:
    """What axe-core finds on the page, headed with the page's name; empty when nothing."""
    found = violations(page)
    return f"{name}:\n{describe(found)}" if found else ""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", WIDTHS)
def test_every_page_passes_axe(page, viewport, analyst, editor, outsider, record):
    page.set_viewport_size(viewport)
    page.goto("/accounts/login/")
    reports = [axe_report(page, "login")]

    sign_in(page, "editor", "pw-editor-1")
    article = record["article"]
    for name, url in [
        ("dashboard", "/"),
        ("case Griner", "/cases/griner/"),
        ("case Whelan", "/cases/whelan/"),
        ("entry", f"/entries/{record['entry'].pk}/"),
        ("party", "/parties/price/"),
        ("proposal", "/proposals/bout-swap/"),
        ("search", "/search/?q=Griner"),
        ("review queue", "/review/"),
        ("article list", "/sources/articles/"),
        ("article page", f"/sources/articles/{article.pk}/"),
        ("submit", "/sources/submit/"),
        ("404", "/cases/no-such-case/"),
    ]:
        response = page.goto(url)
        assert response.status == (404 if name == "404" else 200), name
        reports.append(axe_report(page, name))
    expect_refused_load(page, 404)

    page.context.clear_cookies()
    sign_in(page, "analyst", "pw-analyst-1")
    response = page.goto("/review/")
    assert response.status == 403
    reports.append(axe_report(page, "403"))
    expect_refused_load(page, 403)
    assert not any(reports), "axe-core finds\n" + "\n".join(filter(None, reports))


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def htmx_requests(page) -> list[str]:
    """The addresses htmx asks for from now on (the list grows as the page runs)."""
    asked = []
    page.on("request", lambda r: r.headers.get("hx-request") and asked.append(r.url))
    return asked


@pytest.mark.django_db(transaction=True)
def test_typing_a_date_into_the_case_filter_sends_one_request(page, analyst, record):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "analyst", "pw-analyst-1")
    page.goto("/cases/griner/")
    asked = htmx_requests(page)
    history = page.evaluate("() => history.length")

    # Typed in its parts, the year goes through 0002, 0020 and 0202, each a valid date; only
    # leaving the field commits it.
    page.locator("#id_start").focus()
    page.keyboard.type("03012022")
    page.wait_for_timeout(800)
    assert asked == []
    # Tab goes past the field's own calendar button, then on to the next field.
    while page.evaluate("() => document.activeElement.id") == "id_start":
        page.keyboard.press("Tab")
    expect(page).to_have_url(re.compile(r"start=2022-03-01"))
    expect(page.locator(".result-count")).to_contain_text("4 entries")
    page.wait_for_timeout(800)
    assert len(asked) == 1 and "start=2022-03-01" in asked[0]
    assert page.evaluate("() => history.length") == history + 1

    # Arrowing through a select's choices sends one request, for the one it stops at.
    page.locator("#id_kind").focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    chosen = page.locator("#id_kind").input_value()
    expect(page).to_have_url(re.compile(rf"kind={chosen}&"))
    page.wait_for_timeout(800)
    assert len(asked) == 2
    assert page.evaluate("() => history.length") == history + 2


@pytest.mark.django_db(transaction=True)
def test_the_phone_layout_fits_and_folds_the_menu(page, analyst, record):
    page.set_viewport_size(PHONE)
    sign_in(page, "analyst", "pw-analyst-1")
    page.goto("/cases/griner/")
    assert no_sideways_scroll(page)

    # The links fold under one button, opened and closed from the keyboard.
    menu = page.get_by_role("button", name="Menu")
    cases = page.locator(".site-header").get_by_role("link", name="Cases")
    expect(cases).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(cases).to_be_visible()
    page.keyboard.press("Tab")
    expect(cases).to_be_focused()
    page.keyboard.press("Escape")
    expect(cases).to_be_hidden()
    expect(menu).to_be_focused()

    # The overview is a list of months here, not a chart to scroll sideways, and its legend
    # names the kinds it shows and no others.
    expect(page.locator(".overview-svg")).to_be_hidden()
    months = page.locator(".overview-narrow .overview-months > li")
    expect(months).to_have_count(4)  # February, March, June and July 2022
    expect(months.first).to_contain_text("Feb 2022")  # oldest first, down the page
    chip = page.locator(".overview-narrow .overview-chip").first
    box = chip.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    expect(page.locator(".overview .legend li")).to_have_text(
        ["Detention", "Charge", "Court", "Proposal", "Statement"]
    )

    # At 320px (and at 200% or 400% zoom of a desktop window) nothing scrolls sideways, and a
    # date field is wide enough for its date beside the calendar button.
    for width in (320, 640, 720):
        page.set_viewport_size({"width": width, "height": 700})
        page.goto("/cases/griner/")
        assert no_sideways_scroll(page), width
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.locator("#id_start").bounding_box()["width"] >= 160


@pytest.mark.django_db(transaction=True)
def test_the_overview_marks_are_large_targets_at_desktop_width(page, analyst, record):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "analyst", "pw-analyst-1")
    page.goto("/cases/griner/")
    marks = page.locator(".overview-svg .overview-mark")
    expect(marks).to_have_count(5)
    boxes = [marks.nth(n).bounding_box() for n in range(5)]
    assert all(box["width"] >= 24 and box["height"] >= 24 for box in boxes), boxes
    # The chart is sized in rem: its 12-unit text is at least 12px, and grows with the font.
    label = page.locator(".overview-svg .tick-label").first.bounding_box()
    assert label["height"] >= 12

    # At any width the chart, when shown, fits: never a sideways scroll; narrower, the list.
    for width in range(1000, 1200, 8):
        page.set_viewport_size({"width": width, "height": 900})
        fits = page.locator(".overview-scroll").evaluate(
            "e => e.offsetParent === null || e.scrollWidth <= e.clientWidth"
        )
        assert fits, width
    expect(page.locator(".overview-svg")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_sticky_month_headings_never_hide_the_focused_link(page, analyst, record):
    for n in range(30):
        make_entry(
            summary=f"Filler entry {n}",
            occurred_on=datetime.date(2022, 4 + n % 3, 1 + n % 28),
            article=record["article"],
        )
    page.set_viewport_size({"width": 1440, "height": 600})
    sign_in(page, "analyst", "pw-analyst-1")
    page.goto("/cases/griner/")
    page.locator(".entry a").last.focus()
    # Backwards through the links: each lands at the top of the window, under the headings.
    for _ in range(25):
        page.keyboard.press("Shift+Tab")
        visible = page.evaluate(
            """() => {
                const element = document.activeElement;
                const box = element.getBoundingClientRect();
                const hit = document.elementFromPoint(box.x + 2, box.y + 2);
                return element === document.body || element.contains(hit);
            }"""
        )
        assert visible, page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
