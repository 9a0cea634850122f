"""An analyst follows Griner from the case page in a real browser, at desktop and phone widths,
finds the follow on their alerts page and unfollows there; axe-core finds no violation on
either page, and the console stays clean (the page fixture fails on any error)."""

import pytest
from playwright.sync_api import expect

from alerts.models import Follow
from tests.e2e.axe import describe, violations
from tests.e2e.conftest import screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("width", WIDTHS)
def test_an_analyst_follows_griner_and_unfollows_on_the_alerts_page(page, analyst, world, width):
    page.set_viewport_size(WIDTHS[width])
    sign_in(page, "analyst", "pw-analyst-1")
    page.goto("/cases/griner/")

    page.get_by_role("button", name="Follow Brittney Griner", exact=True).click()
    unfollow = page.get_by_role("button", name="Unfollow Brittney Griner", exact=True)
    expect(unfollow).to_be_visible()
    assert page.url.endswith("/cases/griner/")  # swapped in place by htmx, no reload
    assert Follow.objects.filter(user=analyst, case__slug="griner").exists()
    found = violations(page)
    assert not found, describe(found)
    screenshot(page, f"follow-case-{width}")

    page.get_by_role("link", name="Your alerts").click()  # beside the button
    expect(page.get_by_role("heading", name="Your alerts", level=1)).to_be_visible()
    follows = page.locator(".follow-list")
    expect(follows.get_by_role("link", name="Brittney Griner")).to_be_visible()
    found = violations(page)
    assert not found, describe(found)
    screenshot(page, f"follow-alerts-{width}")

    follows.get_by_role("button", name="Unfollow Brittney Griner", exact=True).click()
    expect(follows.get_by_role("button", name="Follow Brittney Griner", exact=True)).to_be_visible()
    assert not Follow.objects.filter(user=analyst).exists()


def test_following_works_without_javascript(browser, live_server, analyst, world):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, "analyst", "pw-analyst-1")
        page.goto("/cases/griner/")
        page.get_by_role("button", name="Follow Brittney Griner", exact=True).click()
        expect(
            page.get_by_role("button", name="Unfollow Brittney Griner", exact=True)
        ).to_be_visible()
        expect(page.locator(".messages")).to_contain_text("You follow Brittney Griner.")
        assert Follow.objects.filter(user=analyst, case__slug="griner").exists()
    finally:
        context.close()
