"""An editor clears proposals with the keyboard in a real browser, and the record shows them."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from cases.models import EntryKind, Party, TimelineEntry
from sources.models import Outlet, ProposedEntry, ReviewStatus
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import make_article, make_proposed_entry

TEXT = (
    "Russian Foreign Minister Sergey Lavrov will pay attention to the request to speak with "
    "Secretary of State Antony Blinken, a spokesperson said.\n"
    "Price on Thursday suggested that Moscow has not meaningfully engaged on the proposal "
    "to free Brittney Griner.\n"
    "Officials told CNN that they felt Moscow would jump at the offer for Griner.\n"
    "Griner went on trial in Khimki on July 1, and the trial continues."
)


def sentence(text: str, words: str) -> dict:
    start = TEXT.index(words)
    return {"evidence": words, "start": start, "end": start + len(words)}


def mark(words: str, role: str) -> dict:
    start = TEXT.index(words)
    return {"text": words, "start": start, "end": start + len(words), "role": role}


@pytest.fixture
def proposals(world):
    article = make_article(
        text=TEXT,
        title="Russia says Lavrov will pay attention to US request",
        url="https://edition.cnn.com/2022/07/28/politics/lavrov-blinken",
        outlet=Outlet.objects.create(slug="cnn", name="CNN", domain="cnn.com"),
        published_on=datetime.date(2022, 7, 28),
    )
    price = Party.objects.get(slug="price")
    statement = make_proposed_entry(
        article,
        parties=("price",),
        ordinal=0,
        **sentence(TEXT, "Price on Thursday suggested that Moscow has not meaningfully engaged"),
        occurred_on=datetime.date(2022, 7, 28),
        date_basis="on Thursday",
        kind=EntryKind.STATEMENT,
        summary="Price says Moscow has not meaningfully engaged on the proposal.",
        speaker=price,
        confidence=0.92,
        matched=[
            mark("Price", "speaker"),
            mark("on Thursday", "date"),
            mark("engaged", "trigger"),
        ],
    )
    report = make_proposed_entry(
        article,
        ordinal=1,
        **sentence(TEXT, "Officials told CNN that they felt Moscow would jump at the offer"),
        occurred_on=datetime.date(2022, 7, 28),
        date_basis="published",
        kind=EntryKind.REPORT,
        summary="Officials expected Moscow to jump at the offer.",
        confidence=0.64,
        matched=[mark("Officials told CNN", "trigger"), mark("CNN", "party")],
    )
    court = make_proposed_entry(
        article,
        ordinal=2,
        **sentence(TEXT, "Griner went on trial in Khimki on July 1"),
        occurred_on=datetime.date(2022, 7, 1),
        date_basis="on July 1",
        kind=EntryKind.COURT,
        summary="Griner's trial opens in Khimki.",
        confidence=0.41,
        matched=[mark("Griner went", "case"), mark("on July 1", "date")],
    )
    return statement, report, court


def item(page, proposed):
    return page.locator(f"#proposed-{proposed.pk}")


@pytest.mark.django_db(transaction=True)
def test_an_editor_clears_the_queue_with_the_keyboard(page, editor, proposals):
    statement, report, court = proposals
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/review/")
    expect(page.locator(".review-item")).to_have_count(3)
    expect(item(page, statement).locator("mark.role-date")).to_have_text("on Thursday")
    screenshot(page, "review-queue")

    # The first item is current: "a" approves it, and the focus moves to the next.
    # The keys act only with the focus on the queue: a letter typed elsewhere changes nothing.
    expect(item(page, statement)).to_have_class(re.compile("is-current"))
    item(page, statement).focus()
    page.keyboard.press("a")
    expect(item(page, statement)).to_have_attribute("data-status", "approved")
    expect(item(page, statement)).to_contain_text("Approved by you")
    expect(item(page, report)).to_be_focused()
    expect(page.locator("[data-pending-total]")).to_have_text("2")

    # "e" opens the inline form on the second: change the summary, attribution and date.
    page.keyboard.press("e")
    form = item(page, report).locator("form.edit-form")
    # The form takes the focus once it has settled; type only after that.
    expect(form.locator("input[name=occurred_on]")).to_be_focused()
    form.locator("textarea[name=summary]").fill("Officials say Moscow would jump at the offer.")
    form.locator("select[name=attribution]").select_option("anonymous")
    form.locator("input[name=occurred_on]").fill("2022-07-27")
    expect(form.locator("textarea[name=summary]")).to_have_value(
        "Officials say Moscow would jump at the offer."
    )
    form.locator("textarea[name=summary]").press("Control+Enter")
    expect(item(page, report)).to_have_attribute("data-status", "approved")
    expect(item(page, court)).to_be_focused()

    # "r" on the third: choose a reason, confirm; then "u" takes the rejection back.
    page.keyboard.press("r")
    reject_form = item(page, court).locator("form.reject-form")
    expect(reject_form.locator("input[name=reason]").first).to_be_focused()
    reject_form.get_by_label("Wrong case or party").check()
    reject_form.get_by_role("button", name="Reject").click()
    expect(item(page, court)).to_have_attribute("data-status", "rejected")
    expect(item(page, court)).to_contain_text("Wrong case or party")
    # The keys come back to the item once its swap has settled; "u" pressed before that would
    # reach the page, not the queue.
    expect(item(page, court)).to_be_focused()
    page.keyboard.press("u")
    expect(item(page, court)).to_have_attribute("data-status", "pending")
    expect(item(page, court).get_by_role("button", name="Approve")).to_be_visible()
    assert ProposedEntry.objects.get(pk=court.pk).status == ReviewStatus.PENDING

    # Both approvals are on the record, with the edited values.
    entries = TimelineEntry.objects.order_by("pk")
    assert [e.summary for e in entries] == [
        "Price says Moscow has not meaningfully engaged on the proposal.",
        "Officials say Moscow would jump at the offer.",
    ]
    assert entries[1].occurred_on == datetime.date(2022, 7, 27)
    assert entries[1].attribution == "anonymous"

    page.goto("/cases/griner/")
    expect(
        page.get_by_text(
            "Price says Moscow has not meaningfully engaged on the proposal.", exact=True
        )
    ).to_be_visible()
    expect(
        page.get_by_text("Officials say Moscow would jump at the offer.", exact=True)
    ).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_filters_keep_the_url_and_bulk_approve_clears_the_selection(page, editor, proposals):
    statement, report, court = proposals
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/review/")

    page.select_option("#id_sort", "doubtful")
    expect(page).to_have_url(re.compile(r"sort=doubtful"))
    expect(page.locator(".review-item").first).to_have_id(f"proposed-{court.pk}")

    page.select_option("#id_kind", "statement")
    expect(page).to_have_url(re.compile(r"kind=statement"))
    expect(page.locator(".review-item")).to_have_count(1)
    page.reload()
    expect(page.locator(".review-item")).to_have_count(1)

    page.goto("/review/")
    page.locator(".review-item.is-current").focus()
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(page.locator("[data-bulk-count]")).to_have_text("2 selected")
    page.get_by_role("button", name="Approve selected").click()
    expect(page.locator("#bulk-status")).to_contain_text("Approved 2.")
    expect(item(page, statement)).to_have_attribute("data-status", "approved")
    expect(item(page, report)).to_have_attribute("data-status", "approved")
    expect(page.locator("[data-pending-total]")).to_have_text("1")

    item(page, court).focus()  # the button clicked has the focus, where the keys do nothing
    page.keyboard.press("?")
    expect(page.locator("#review-keys")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#review-keys")).to_be_hidden()
