"""Browser tests: Playwright drives Debian's Chromium against the live test server.

Playwright's own browser download is not used; CI installs the `chromium` package. They run on
PostgreSQL. Without Chromium or PostgreSQL they are skipped with the reason, except under
REQUIRE_SERVICES=1 where that fails.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make
# there (fixtures, assertions) are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(tryfirst=True)  # before the root conftest acts on the postgres marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
            # The browser tests are the main flows as production runs them: on PostgreSQL.
            item.add_marker(pytest.mark.postgres)
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        raise pytest.UsageError(f"REQUIRE_SERVICES=1 but Chromium is missing at {CHROMIUM}")
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(
                pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
            )


@pytest.fixture(autouse=True)
def permissions(db):
    """The permissions the roles are made of, as migrating creates them. A transactional test with
    serialized_rollback flushes the tables without re-creating them (Django skips post_migrate
    then), and the next transactional test would find none to give its editor."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page that records console errors; the test fails if any occurred."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    errors = list(page.console_errors)
    context.close()
    assert errors == [], f"JavaScript console errors: {errors}"


def sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot for a person to look at, and print where it is."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # caret="initial": hiding the caret injects a <style>, which the CSP refuses loudly.
    page.screenshot(path=str(path), full_page=True, caret="initial")
    print(f"screenshot: {path}")
    return path
