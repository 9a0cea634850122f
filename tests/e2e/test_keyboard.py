"""The review desk from the keyboard alone: the single-key shortcuts act only while the focus is on
the queue, can be turned off, and each outcome is announced; at phone width nothing sticky
covers the item the keys move to."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from cases.models import EntryKind
from sources.models import ProposedEntry, RejectReason, ReviewStatus
from tests.e2e.conftest import sign_in
from tests.factories import make_article, make_proposed_entry

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def pending(world):
    """Three pending proposals from one article, newest first in the queue."""
    article = make_article(
        text="Price spoke on Thursday. Officials told CNN about the offer. "
        "Griner went on trial in Khimki on July 1."
    )
    return [
        make_proposed_entry(
            article,
            ordinal=n,
            evidence=evidence,
            kind=kind,
            occurred_on=on,
            summary=evidence,
        )
        for n, (evidence, kind, on) in enumerate(
            [
                ("Price spoke on Thursday.", EntryKind.STATEMENT, datetime.date(2022, 7, 28)),
                (
                    "Officials told CNN about the offer.",
                    EntryKind.REPORT,
                    datetime.date(2022, 7, 27),
                ),
                (
                    "Griner went on trial in Khimki on July 1.",
                    EntryKind.COURT,
                    datetime.date(2022, 7, 1),
                ),
            ]
        )
    ]


def item(page, proposed):
    return page.locator(f"#proposed-{proposed.pk}")


def focused(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement?.matches(s)", selector)


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the focus is on an element matching the selector."""
    for _ in range(limit):
        if focused(page, selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"Tab never reached {selector}")


def statuses(proposals) -> list[str]:
    return [ProposedEntry.objects.get(pk=p.pk).status for p in proposals]


@pytest.mark.django_db(transaction=True)
def test_an_editor_clears_the_queue_with_the_keyboard_alone(page, editor, pending):
    first, second, third = pending
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/review/")
    expect(page.locator(".review-item")).to_have_count(3)
    # The page opens with the focus at its top, not on the first item (the skip link comes first).
    assert focused(page, "body")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()

    # Letters typed anywhere but on the queue change nothing: on a link, in a field, on the page.
    page.keyboard.press("a")
    page.get_by_role("link", name="Clear").focus()
    page.keyboard.press("a")
    page.keyboard.press("r")
    expect(page).to_have_url(re.compile(r"/review/$"))
    page.locator("#bulk-note").focus()
    page.keyboard.type("ar")
    expect(page.locator("#bulk-note")).to_have_value("ar")
    expect(page.locator(".review-item[data-status=pending]")).to_have_count(3)
    assert statuses(pending) == [ReviewStatus.PENDING] * 3

    # Tab reaches the queue's current item; j and k move; a approves, and it is announced.
    tab_to(page, ".review-item")
    expect(item(page, first)).to_be_focused()
    page.keyboard.press("j")
    expect(item(page, second)).to_be_focused()
    page.keyboard.press("k")
    expect(item(page, first)).to_be_focused()
    page.keyboard.press("a")
    expect(item(page, first)).to_have_attribute("data-status", "approved")
    expect(page.locator("#review-announce")).to_contain_text("Approved by you")
    expect(item(page, second)).to_be_focused()
    expect(page.locator('.review-item[tabindex="0"]')).to_have_count(1)  # one Tab stop

    # r opens the reasons with the focus on them; an arrow chooses one, Enter rejects.
    page.keyboard.press("r")
    expect(item(page, second).locator("input[name=reason]").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(item(page, second)).to_have_attribute("data-status", "rejected")
    expect(item(page, second)).to_contain_text(RejectReason.WRONG_KIND.label)
    expect(page.locator("#review-announce")).to_contain_text("Rejected by you")
    expect(item(page, third)).to_be_focused()

    # On a link inside the item the letter is the link's, not the queue's.
    tab_to(page, f"#proposed-{third.pk} a")
    page.keyboard.press("a")
    expect(item(page, third)).to_have_attribute("data-status", "pending")
    tab_to(page, f"#proposed-{third.pk}", backwards=True)
    page.keyboard.press("a")
    expect(item(page, third)).to_have_attribute("data-status", "approved")
    expect(page.locator("[data-pending-total]")).to_have_text("0")
    assert statuses(pending) == [
        ReviewStatus.APPROVED,
        ReviewStatus.REJECTED,
        ReviewStatus.APPROVED,
    ]
    assert ProposedEntry.objects.get(pk=second.pk).reject_reason == RejectReason.WRONG_KIND

    # Undo from the queue is announced too (once the swap has settled and the keys are back).
    expect(item(page, third)).to_be_focused()
    page.keyboard.press("u")
    expect(item(page, third)).to_have_attribute("data-status", "pending")
    expect(page.locator("#review-announce")).to_have_text("Undone: back in the queue.")


@pytest.mark.django_db(transaction=True)
def test_an_undo_pressed_while_the_approval_settles_waits_for_it(page, editor, pending):
    first = pending[0]
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/review/")
    # A long settling delay makes the race certain: "u" comes while the approved item is still
    # settling, before htmx has wired its undo button. The key waits for it; sent at once, the
    # form went without htmx, as a page load, and nothing was announced.
    page.evaluate("htmx.config.defaultSettleDelay = 1500")
    page.evaluate("window.stillThisPage = true")
    tab_to(page, ".review-item")
    expect(item(page, first)).to_be_focused()
    page.keyboard.press("a")
    expect(item(page, first)).to_have_attribute("data-status", "approved")
    page.keyboard.press("u")
    expect(item(page, first)).to_have_attribute("data-status", "pending")
    expect(page.locator("#review-announce")).to_have_text("Undone: back in the queue.")
    expect(item(page, first)).to_be_focused()
    assert page.evaluate("window.stillThisPage === true"), "the undo loaded a new page"
    assert statuses(pending) == [ReviewStatus.PENDING] * 3


@pytest.mark.django_db(transaction=True)
def test_the_shortcuts_can_be_turned_off_and_it_is_remembered(page, editor, pending):
    first = pending[0]
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/review/")
    switch = page.get_by_label("Single-key shortcuts")
    expect(switch).to_be_checked()
    tab_to(page, "[data-shortcuts-toggle]")
    page.keyboard.press("Space")
    expect(switch).not_to_be_checked()

    page.reload()
    expect(page.get_by_label("Single-key shortcuts")).not_to_be_checked()
    tab_to(page, ".review-item")
    page.keyboard.press("a")
    page.keyboard.press("j")
    expect(item(page, first)).to_be_focused()
    expect(page.locator(".review-item[data-status=pending]")).to_have_count(3)
    # The buttons still work: the switch turns off the letters, not the desk.
    tab_to(page, f"#proposed-{first.pk} [data-key=a]")
    page.keyboard.press("Enter")
    expect(item(page, first)).to_have_attribute("data-status", "approved")


@pytest.mark.django_db(transaction=True)
def test_after_filtering_tab_still_reaches_the_queue(page, editor, pending):
    court = pending[2]
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/review/")
    page.select_option("#id_kind", "court")
    expect(page).to_have_url(re.compile(r"kind=court"))
    expect(page.locator(".review-item")).to_have_count(1)
    expect(page.locator('.review-item[tabindex="0"]')).to_have_count(1)
    tab_to(page, ".review-item")
    page.keyboard.press("a")
    expect(item(page, court)).to_have_attribute("data-status", "approved")


@pytest.mark.django_db(transaction=True)
def test_at_phone_width_nothing_sticky_covers_the_current_item(page, editor, pending):
    # Enough items that the queue scrolls, and the sticky boxes would have something to cover.
    article = pending[0].article
    for n in range(3, 9):
        make_proposed_entry(article, ordinal=n, evidence=f"Griner was detained, report {n}.")
    page.set_viewport_size(PHONE)
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/review/")
    tab_to(page, ".review-item")
    # Down the queue (items come into view at the bottom), then back up (at the top).
    for key in "jjjjjkkk":
        page.keyboard.press(key)
        current = page.locator(".review-item.is-current")
        expect(current).to_be_focused()
        inside = current.evaluate(
            """item => {
                const title = item.querySelector('.item-title');
                const box = title.getBoundingClientRect();
                const x = box.x + box.width / 2, y = box.y + box.height / 2;
                const hit = document.elementFromPoint(x, y);
                return box.top >= 0 && item.contains(hit);
            }"""
        )
        assert inside, "the current item's title is covered or off screen"
