"""An analyst reads Whelan's case in a real browser: milestones hidden with the filter (kept in
the URL), his card's proposal status, each status change's source, and the site's icon."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import CaseStatusChange
from tests.e2e.conftest import sign_in


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_analyst_hides_whelans_milestones_and_reads_his_proposal_status(page, analyst, world):
    sign_in(page, "analyst", "pw-analyst-1")

    page.goto("/")
    whelan_card = page.locator("article.case-card", has=page.locator("#card-whelan"))
    expect(whelan_card).to_contain_text("Carried out; not included")
    expect(whelan_card).not_to_contain_text("Not designated")

    page.goto("/cases/whelan/")
    expect(page.locator(".marker-milestone")).to_have_count(6)  # 100 days, then 5 years
    sentenced = CaseStatusChange.objects.get(case__slug="whelan", status="sentenced")
    expect(page.locator(f'.marker-status a[href="{sentenced.source_url}"]')).to_have_text("Source")

    # Hidden with the filter, by htmx: the status changes stay, and the URL keeps the choice.
    page.select_option("#id_milestones", "off")
    expect(page).to_have_url(re.compile(r"milestones=off"))
    expect(page.locator(".marker-milestone")).to_have_count(0)
    expect(page.locator(".marker-status")).to_have_count(3)
    page.reload()
    expect(page.locator(".marker-milestone")).to_have_count(0)
    expect(page.locator("#id_milestones")).to_have_value("off")

    page.select_option("#id_milestones", "")
    expect(page.locator(".marker-milestone")).to_have_count(6)

    icon = page.request.get("/favicon.ico")
    assert icon.ok and "svg" in icon.headers["content-type"]
