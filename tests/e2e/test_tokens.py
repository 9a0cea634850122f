"""An analyst makes a personal API token on the account page in a real browser, copies it (it is
shown once), uses it from a script against the live server, and revokes it."""

import httpx
import pytest
from playwright.sync_api import expect

from api.models import ApiToken
from tests.e2e.axe import describe, violations
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_makes_uses_and_revokes_a_token(page, live_server, analyst, world):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, "analyst", "pw-analyst-1")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", level=1)).to_be_visible()
    expect(page.get_by_text("You have no tokens.")).to_be_visible()

    page.get_by_label("Token name").fill("Newsroom spreadsheet")
    page.get_by_role("button", name="Make a token").click()
    field = page.get_by_label("Token", exact=True)
    secret = field.input_value()
    assert len(secret) >= 40
    token = ApiToken.objects.get()
    assert token.prefix == secret[:8] and secret not in token.key_hash
    assert violations(page) == [], describe(violations(page))

    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_text("Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == secret

    api = httpx.Client(base_url=live_server.url)
    cases = api.get("/api/v1/cases/", headers={"Authorization": f"Bearer {secret}"})
    assert cases.status_code == 200
    assert "griner" in [case["slug"] for case in cases.json()["results"]]

    # Shown once: the page, read again, lists the token by its first characters only.
    page.goto("/account/tokens/")
    assert secret not in page.content()
    row = page.get_by_role("row", name="Newsroom spreadsheet")
    expect(row).to_contain_text(f"{secret[:8]}…")
    expect(row).not_to_contain_text("never")  # its use was recorded

    row.get_by_role("button", name="Revoke the token Newsroom spreadsheet").click()
    expect(page.get_by_role("status")).to_contain_text("Revoked the token “Newsroom spreadsheet”")
    expect(page.get_by_text("You have no tokens.")).to_be_visible()
    assert violations(page) == [], describe(violations(page))
    refused = api.get("/api/v1/cases/", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code == 401
