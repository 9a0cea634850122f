"""The API's documentation page in a real browser: Swagger UI from the site's own static files
renders every operation of the schema under the site's Content-Security-Policy, with no console
error (the `page` fixture fails the test on any), and an analyst signed in tries an operation."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, sign_in


def test_the_docs_page_renders_every_operation_with_no_console_error(page, client, world):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operations = [(m.upper(), path) for path, ops in schema["paths"].items() for m in ops]
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    response = page.goto("/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    blocks = page.locator(".opblock")
    expect(blocks).to_have_count(len(operations), timeout=15_000)
    for method, path in operations:
        block = page.locator(f".opblock-{method.lower()}", has_text=path)
        expect(block.locator(".opblock-summary-path").filter(has_text=re.compile(f"^{path}$")))
        expect(block.first).to_be_visible()
    expect(page.locator(".info .title")).to_contain_text("Detention tracker API")
    # Everything the page loaded came from the site itself: no CDN.
    live = page.url.split("/api/")[0]
    assert requested and all(url.startswith(live) for url in requested), requested
    screenshot(page, "api-docs")


def test_an_analyst_signed_in_tries_the_cases_list(page, analyst, world):
    sign_in(page, "analyst", "pw-analyst-1")
    page.goto("/api/v1/docs/")
    operation = page.locator(".opblock-get", has_text="/api/v1/cases/").first
    expect(operation).to_be_visible(timeout=15_000)
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200", timeout=10_000)
    expect(operation.locator(".live-responses-table")).to_contain_text("Brittney Griner")
