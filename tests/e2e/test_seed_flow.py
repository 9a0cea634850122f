"""The main flow as production runs it: the seed world and the seed article loaded as `make run`
loads them, read by the extractor, and cleared by an editor in a real browser, on PostgreSQL.

The seed article's title has 77 characters and the second test's article more than 300, with
names in Cyrillic: the lengths and scripts of real headlines and cases, which short made-up
titles in Latin letters never try.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Case, Party, TimelineEntry
from config.celery import app as celery_app
from sources.models import Article, ArticleStatus, ProposedEntry, ReviewStatus
from tests.e2e.conftest import screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def eager_tasks():
    """Articles are read as they are submitted, in the process, as `make run` does without a
    broker; the worker itself is tested against Redis elsewhere."""
    was = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=True)
    yield
    celery_app.conf.update(task_always_eager=was)


def item(page, proposed):
    return page.locator(f"#proposed-{proposed.pk}")


def test_an_editor_clears_the_seed_article(page, editor, eager_tasks):
    call_command("load_seeds", verbosity=0)
    article = Article.objects.get()
    assert len(article.title) > 70
    assert article.status == ArticleStatus.DONE
    queue = list(ProposedEntry.objects.filter(article=article, status=ReviewStatus.PENDING))
    assert len(queue) >= 5

    sign_in(page, "editor", "pw-editor-1")
    page.goto("/review/")
    shown = [
        int(i.split("-")[1])
        for i in page.locator(".review-item").evaluate_all("items => items.map(item => item.id)")
    ]
    first, second, third, fourth, fifth = (ProposedEntry.objects.get(pk=pk) for pk in shown[:5])

    # "a" approves the current item, and the focus moves on.
    expect(item(page, first)).to_have_class(re.compile("is-current"))
    item(page, first).focus()  # the keys act only with the focus on the queue
    page.keyboard.press("a")
    expect(item(page, first)).to_have_attribute("data-status", "approved")
    expect(item(page, second)).to_be_focused()

    # "e" edits the next, Ctrl+Enter approves it as edited.
    page.keyboard.press("e")
    form = item(page, second).locator("form.edit-form")
    expect(form.locator("input[name=occurred_on]")).to_be_focused()
    form.locator("textarea[name=summary]").fill("Price says the US proposal stands.")
    form.locator("textarea[name=summary]").press("Control+Enter")
    expect(item(page, second)).to_have_attribute("data-status", "approved")
    expect(item(page, third)).to_be_focused()

    # "m" merges the third into the entry the first became.
    page.keyboard.press("m")
    merge = item(page, third).locator("form.merge-form")
    merge.locator("input[name=entry_number]").fill(str(first_entry(first).pk))
    merge.get_by_role("button", name="Merge").click()
    expect(item(page, third)).to_have_attribute("data-status", "merged")

    # "x" selects the fourth and fifth; one click approves both.
    page.goto("/review/")
    expect(item(page, fourth)).to_have_class(re.compile("is-current"))
    item(page, fourth).focus()
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(page.locator("[data-bulk-count]")).to_have_text("2 selected")
    page.get_by_role("button", name="Approve selected").click()
    expect(page.locator("#bulk-status")).to_contain_text("Approved 2.")
    expect(item(page, fourth)).to_have_attribute("data-status", "approved")
    expect(item(page, fifth)).to_have_attribute("data-status", "approved")
    screenshot(page, "seed-review-cleared")

    entries = {p: first_entry(p) for p in (first, second, third, fourth, fifth)}
    assert entries[third] == entries[first]  # merged: another source of the same entry
    assert len(set(entries.values())) == 4
    assert entries[second].summary == "Price says the US proposal stands."
    assert TimelineEntry.objects.count() == 4

    page.goto("/cases/griner/")
    for entry in set(entries.values()):
        expect(page.locator(f"#entry-{entry.pk}")).to_be_visible()
    expect(page.get_by_text("Price says the US proposal stands.", exact=True)).to_be_visible()
    screenshot(page, "seed-case-page")


def first_entry(proposed: ProposedEntry) -> TimelineEntry:
    proposed.refresh_from_db()
    assert proposed.entry is not None, f"proposal {proposed.pk} is {proposed.status}"
    return proposed.entry


LONG_TITLE = (
    "Суд в Казани продлил арест журналистки Алсу Курмашевой: "
    "Kazan court extends the detention of the RFE/RL journalist Alsu Kurmasheva, who holds US "
    "and Russian passports, for another two months as her family and her employer call on "
    "Washington and Moscow to agree her release, and the State Department repeats that the "
    "charge against her of failing to register as a foreign agent is baseless"
)
TEXT = (
    "A court in Kazan on Friday extended the detention of Kurmasheva, her lawyer said.\n"
    "Kurmasheva was detained in June when she flew to Kazan to visit her elderly mother."
)


def test_a_case_named_in_cyrillic_with_a_long_headline(page, editor, world, eager_tasks):
    assert len(LONG_TITLE) > 300
    detainee = Party.objects.create(
        slug="kurmasheva",
        name="Алсу Курмашева",
        kind="person",
        aliases=["Alsu Kurmasheva", "Kurmasheva"],
        country="Россия / United States",
    )
    Case.objects.create(
        slug="kurmasheva",
        name="Дело Алсу Курмашевой",
        detainee=detainee,
        aliases=["Kurmasheva"],
        detaining_party=Party.objects.get(slug="russian-government"),
    )

    sign_in(page, "editor", "pw-editor-1")
    page.goto("/sources/submit/")
    page.fill("#id_text", TEXT)
    page.fill("#id_title", LONG_TITLE)
    page.fill("#id_outlet_name", "Радио Свобода")
    page.fill("#id_published_on", "2023-10-20")
    page.get_by_role("button", name=re.compile("Submit")).click()
    page.wait_for_load_state("networkidle")
    article = Article.objects.get(title=LONG_TITLE)
    assert article.status == ArticleStatus.DONE
    # The court's decision "on Friday", the day of publication.
    proposed = ProposedEntry.objects.get(
        article=article, cases__slug="kurmasheva", occurred_on=datetime.date(2023, 10, 20)
    )

    page.goto("/review/")
    expect(item(page, proposed)).to_contain_text("Дело Алсу Курмашевой")
    item(page, proposed).get_by_role("button", name=re.compile("Approve")).click()
    expect(item(page, proposed)).to_have_attribute("data-status", "approved")
    entry = first_entry(proposed)
    assert entry.citations.get().article == article

    page.goto("/cases/kurmasheva/")
    expect(page.get_by_role("heading", name="Дело Алсу Курмашевой")).to_be_visible()
    expect(page.locator(f"#entry-{entry.pk}")).to_be_visible()
    expect(page.locator(f"#entry-{entry.pk}")).to_contain_text("Радио Свобода")
    screenshot(page, "cyrillic-case-page")
    page.goto("/")
    expect(page.get_by_text("Дело Алсу Курмашевой")).to_be_visible()
