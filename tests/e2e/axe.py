"""axe-core in a Playwright page: `violations(page)` lists what it finds against WCAG 2.1 A and AA.

axe-core comes from npm (package.json; `make test` installs it into node_modules). Without it the
calling test is skipped with the reason, except under REQUIRE_SERVICES=1 where that fails.
"""

import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# The pages' content security policy refuses inline scripts, and add_script_tag(path=...) writes
# the file inline; so the script is asked for at an address of the page's own origin, which the
# policy allows, and Playwright answers that request from the file.
_AXE_URL = "/__axe-core__/axe.min.js"


def require_axe() -> None:
    if AXE.exists():
        return
    reason = f"needs axe-core at {AXE} (npm ci)"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but axe-core is missing: {reason}")
    pytest.skip(reason)


def violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now, each a dict with its rule's id, impact,
    help and the nodes (their selectors and HTML) that break it."""
    require_axe()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.route(f"**{_AXE_URL}", lambda route: route.fulfill(path=str(AXE)))
        page.add_script_tag(url=_AXE_URL)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return result["violations"]


def describe(found: list[dict]) -> str:
    """The violations as lines a person can act on: rule, impact, help and where."""
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)
