"""An editor adds what the extractor missed from the seed article, in a real browser on
PostgreSQL, on a desktop and on a phone: by selecting the words, and with the keyboard alone."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Case, TimelineEntry
from config.celery import app as celery_app
from sources.models import Article, Citation, ProposedEntry
from tests.e2e.axe import violations
from tests.e2e.conftest import screenshot, sign_in
from tests.factories import SEED_TEXT

pytestmark = pytest.mark.django_db(transaction=True)

# Sentences the extractor proposes nothing from.
MISSED = (
    "Officials told CNN that they felt Moscow would jump at the offer, but it is now almost "
    "August and they have not received a substantive response."
)
UNNAMED = (
    "“Now he has a busy schedule with international contacts: the SCO Ministerial Council in "
    "Tashkent, bilateral meetings,” said spokesperson Maria Zakharova."
)
WIDTHS = [1440, 390]


@pytest.fixture
def seed_article(editor):
    """The seed world and article loaded as `make run` loads them, read at once in the process
    as it does without a broker."""
    was = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=True)
    try:
        call_command("load_seeds", verbosity=0)
    finally:
        celery_app.conf.update(task_always_eager=was)
    article = Article.objects.get()
    assert not ProposedEntry.objects.filter(evidence__contains="substantive response").exists()
    return article


def sentence(page, words: str):
    start = SEED_TEXT.index(words)
    return page.locator(f'#article-body .sentence[data-start="{start}"]')


def added_for(words: str) -> ProposedEntry:
    return ProposedEntry.objects.select_related("entry").get(added_by_editor=True, evidence=words)


@pytest.mark.parametrize("width", WIDTHS)
def test_an_editor_adds_a_missed_development_by_selecting_it(page, seed_article, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "editor", "pw-editor-1")
    page.goto(seed_article.get_absolute_url())
    expect(page.locator(".article-status")).to_have_text("Done")
    expect(page.locator(".article-status-line")).not_to_contain_text("being read")

    button = page.get_by_role("button", name="Add from the selection")
    expect(button).to_be_disabled()
    # The editor selects the sentence, as a drag across it does.
    sentence(page, MISSED).evaluate(
        """element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    expect(button).to_be_enabled()
    button.click()

    panel = page.locator("#add-entry-panel")
    expect(panel.locator(".add-quoted")).to_have_text(MISSED)
    form = panel.locator("form.add-entry-form")
    expect(form.locator("input[name=occurred_on]")).to_be_focused()
    expect(form.locator("input[name=occurred_on]")).to_have_value("2022-07-28")
    expect(panel).to_contain_text("“now almost August” 28 Jul 2022")
    expect(form.locator("select[name=kind]")).to_have_value("")  # the extractor proposed nothing
    cases = form.locator("select[name=cases] option:checked")
    expect(cases).to_have_text(["Brittney Griner", "Paul Whelan"], ignore_case=True)
    screenshot(page, f"add-missed-form-{width}")
    assert violations(page) == []

    form.locator("select[name=kind]").select_option("response")
    form.locator("textarea[name=summary]").fill("Officials say Moscow has not answered the offer.")
    form.get_by_role("button", name="Save and approve").click()

    expect(page.locator("#add-entry-panel [role=status]")).to_contain_text("Added:")
    added = added_for(MISSED)
    expect(page.locator(f"#article-proposed-{added.pk}")).to_contain_text("Added by editor")
    citation = Citation.objects.get(entry=added.entry)
    assert (citation.start, citation.end) == (added.start, added.end)
    assert SEED_TEXT[citation.start : citation.end] == MISSED

    page.locator("#add-entry-panel [role=status] a", has_text="Brittney Griner").click()
    expect(page.locator(f"#entry-{added.entry.pk}")).to_be_visible()
    expect(page.locator(f"#entry-{added.entry.pk}")).to_contain_text(
        "Officials say Moscow has not answered the offer."
    )
    screenshot(page, f"add-missed-timeline-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_editor_adds_one_with_the_keyboard(page, seed_article, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "editor", "pw-editor-1")
    page.goto(seed_article.get_absolute_url())

    # A letter typed where it means something else (here, on a link) adds nothing.
    page.get_by_role("link", name="← Articles").focus()
    page.keyboard.press("n")
    expect(page.locator("#add-entry-panel")).to_have_count(0)

    text = page.locator("#article-body")
    text.focus()
    sentences = page.locator("#article-body .sentence")
    target = sentence(page, UNNAMED)
    index = [
        int(start) for start in sentences.evaluate_all("all => all.map(s => s.dataset.start)")
    ].index(SEED_TEXT.index(UNNAMED))
    for _ in range(index + 1):
        page.keyboard.press("j")
    expect(target).to_be_focused()
    page.keyboard.press("n")

    panel = page.locator("#add-entry-panel")
    expect(panel.locator(".add-quoted")).to_have_text(UNNAMED)
    form = panel.locator("form.add-entry-form")
    expect(form.locator("input[name=occurred_on]")).to_be_focused()
    expect(form.locator("select[name=kind]")).to_have_value("")

    # The words name no case: saving without one is refused in place, with nothing lost.
    form.locator("select[name=kind]").select_option("statement")
    form.locator("textarea[name=summary]").fill("Zakharova says Lavrov is busy.")
    form.get_by_role("button", name="Save and approve").click()
    expect(panel.locator(".field-cases .error")).to_have_text("Choose at least one case.")
    expect(form.locator("textarea[name=summary]")).to_have_value("Zakharova says Lavrov is busy.")
    expect(form.locator("select[name=kind]")).to_have_value("statement")
    expect(form.locator("select[name=cases]")).to_be_focused()
    assert not TimelineEntry.objects.exists()

    griner = Case.objects.get(slug="griner")
    form.locator("select[name=cases]").select_option(str(griner.pk))
    form.get_by_role("button", name="Save and approve").click()
    expect(page.locator("#add-entry-panel [role=status]")).to_contain_text("Added:")

    added = added_for(UNNAMED)
    assert [c.slug for c in added.entry.cases.all()] == ["griner"]
    page.goto(griner.get_absolute_url())
    expect(page.locator(f"#entry-{added.entry.pk}")).to_contain_text(
        "Zakharova says Lavrov is busy."
    )


def test_an_editor_adds_one_without_javascript(browser, live_server, seed_article):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 390, "height": 900}
    )
    page = context.new_page()
    try:
        sign_in(page, "editor", "pw-editor-1")
        page.goto(seed_article.get_absolute_url())
        expect(page.get_by_role("button", name="Add from the selection")).to_be_hidden()
        page.get_by_text("Add a development from a sentence").click()
        start = SEED_TEXT.index(MISSED)
        page.locator(f'a[href$="?start={start}&end={start + len(MISSED)}"]').click()

        expect(page.locator(".add-quoted")).to_have_text(MISSED)
        form = page.locator("form.add-entry-form")
        form.locator("select[name=kind]").select_option("response")
        form.get_by_role("button", name="Save and approve").click()

        expect(page).to_have_url(seed_article.get_absolute_url())
        expect(page.locator(".messages")).to_contain_text("Added:")
        added = added_for(MISSED)
        expect(page.locator(f"#article-proposed-{added.pk}")).to_contain_text("Added by editor")
    finally:
        context.close()
