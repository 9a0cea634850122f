"""An editor corrects and retracts entries of Griner's case in a real browser, on PostgreSQL, at
desktop and phone widths; an analyst then reads the correction notice and no longer finds the
retracted entry. The record is the seed world with the seed article read and approved, one entry
with a long summary and a party named in Cyrillic."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import EntryKind, Party, TimelineEntry
from config.celery import app as celery_app
from sources import review
from sources.models import Article, ProposedEntry, ReviewStatus
from tests.e2e.axe import describe, violations
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import make_entry

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}

LONG_SUMMARY = (
    "Russia's Foreign Ministry spokeswoman Maria Zakharova says Moscow will discuss an exchange "
    "only through quiet diplomacy, after the State Department said a substantial proposal for "
    "the release of Brittney Griner and Paul Whelan had been put to Russian officials weeks ago "
    "and urged Moscow to respond; she called the public statements 'megaphone diplomacy'."
)


@pytest.fixture
def record(editor):
    """The seed world and article as `make run` loads them, the article's proposals approved,
    and an entry quoting a party named in her own script."""
    was = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=True)
    try:
        call_command("load_seeds", verbosity=0)
    finally:
        celery_app.conf.update(task_always_eager=was)
    article = Article.objects.get()
    for proposed in ProposedEntry.objects.filter(
        article=article, status=ReviewStatus.PENDING, group__isnull=True
    ).order_by("ordinal"):
        if proposed.cases.filter(slug="griner").exists():
            review.approve(proposed, by=editor)
    zakharova = Party.objects.create(slug="zakharova-ru", name="Мария Захарова", kind="person")
    make_entry(
        kind=EntryKind.RESPONSE,
        summary=LONG_SUMMARY,
        occurred_on=datetime.date(2022, 7, 29),
        speaker=zakharova,
        parties=("zakharova-ru", "price"),
    )
    entries = list(TimelineEntry.objects.filter(cases__slug="griner").order_by("occurred_on"))
    assert len(entries) >= 3
    return entries


def analyst_page(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_an_editor_corrects_and_retracts_and_an_analyst_reads_the_record(
    page, browser, live_server, editor, analyst, record, width
):
    corrected = TimelineEntry.objects.get(summary=LONG_SUMMARY)
    retracted = next(entry for entry in record if entry.pk != corrected.pk)
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, "editor", "pw-editor-1")
    page.goto("/cases/griner/")

    # Edit: the form opens in the entry's place, the focus on its heading.
    entry = page.locator(f"#entry-{corrected.pk}")
    entry.get_by_role("link", name=re.compile("^Edit")).click()
    form = entry.locator("form.entry-form")
    expect(form).to_be_visible()
    expect(entry.locator(".form-heading")).to_be_focused()
    expect(form.locator("textarea[name=summary]")).to_have_value(LONG_SUMMARY)
    expect(form.locator("select[name=speaker]")).to_contain_text("Мария Захарова")
    found = violations(page)
    assert not found, describe(found)

    # Without a reason nothing is saved, and what was typed stays.
    form.locator("input[name=occurred_on]").fill("2022-07-30")
    form.get_by_role("button", name="Save the correction").click()
    expect(entry.locator(".field-reason .error")).to_have_text("This field is required.")
    expect(entry.locator("input[name=occurred_on]")).to_have_value("2022-07-30")
    corrected.refresh_from_db()
    assert corrected.occurred_on == datetime.date(2022, 7, 29)

    entry.locator("input[name=reason]").fill("Zakharova spoke on the 30th, per the ministry.")
    entry.get_by_role("button", name="Save the correction").click()
    notice = entry.locator(".correction-notice")
    expect(notice).to_contain_text("date was 29 Jul 2022")
    expect(notice).to_contain_text("Zakharova spoke on the 30th")  # editors see the reason
    expect(entry.locator(".entry-date")).to_have_text("30 Jul 2022")
    expect(entry.locator(".entry-summary")).to_be_focused()
    screenshot(page, f"correct-editor-{width}")

    # Retract another entry, with a reason.
    other = page.locator(f"#entry-{retracted.pk}")
    other.get_by_role("link", name=re.compile("^Retract")).click()
    other.locator("input[name=reason]").fill("The seed article misreports this development.")
    other.get_by_role("button", name="Retract the entry").click()
    expect(page.locator(f"#entry-{retracted.pk} .retraction-banner")).to_contain_text("Retracted:")
    retracted.refresh_from_db()
    assert retracted.retracted_by == editor
    screenshot(page, f"retract-editor-{width}")

    # The editor can still open it, with its retraction.
    page.goto(f"/entries/{retracted.pk}/")
    expect(page.locator(".retraction-banner")).to_contain_text(
        "by editor: The seed article misreports this development."
    )
    expect(page.get_by_role("link", name=re.compile("^(Edit|Retract)"))).to_have_count(0)
    found = violations(page)
    assert not found, describe(found)

    # The analyst reads the case: the notice without the reason, the retracted entry gone.
    reader = analyst_page(browser, live_server, WIDTHS[width])
    try:
        sign_in(reader, "analyst", "pw-analyst-1")
        reader.goto("/cases/griner/")
        today = timezone.localdate()
        expect(reader.locator(f"#entry-{corrected.pk} .correction-notice")).to_have_text(
            f"Corrected {today.day} {today:%b %Y}: date was 29 Jul 2022"
        )
        expect(reader.locator(f"#entry-{retracted.pk}")).to_have_count(0)
        expect(reader.get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
        screenshot(reader, f"correct-analyst-{width}")
        found = violations(reader)
        assert not found, describe(found)
        reader.goto(f"/entries/{corrected.pk}/")
        expect(reader.locator(".correction-notice")).to_contain_text("date was 29 Jul 2022")
        # Its address says it was retracted (410 Gone), with its cases, not what it said.
        response = reader.goto(f"/entries/{retracted.pk}/")
        assert response.status == 410
        expect(reader.get_by_role("heading", level=1)).to_have_text("This entry was retracted")
        expect(reader.get_by_role("link", name=re.compile("Brittney Griner"))).not_to_have_count(0)
        found = violations(reader)
        assert not found, describe(found)
        assert reader.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        errors = [e for e in reader.console_errors if "410" not in e]
        assert errors == [], errors
    finally:
        reader.context.close()
