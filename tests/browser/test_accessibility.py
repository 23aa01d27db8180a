"""axe-core on every page type, on desktop and on a phone: no violations in our content area, only listed ones
in Material's chrome.

The light palette gets the full rule set; the dark palette (emulated prefers-color-scheme)
is checked for colour contrast, which is what changes between palettes.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from build_scripts.render.links import page_n, page_url

from .conftest import DESKTOP, MOBILE

CONTENT = ".md-content"

# Violations in Material's own chrome (outside .md-content) that our overrides cannot fix,
# each with the reason. Any other rule firing there fails the test.
CHROME_ALLOWED: dict[str, str] = {}  # none: overrides/partials/search.html and briefings.css fix the rest


# axe's target-size rule (WCAG 2.2's 2.5.8, 24 px targets) is off by default: on here, for phone readers.
SCHEMES = {"light": {"rules": {"target-size": {"enabled": True}}},
           "dark": {"runOnly": {"type": "rule", "values": ["color-contrast"]}}}
AXE = Axe()

# For each violating node: is it inside our content area?
_IN_CONTENT = """targets => targets.map(t => {
  const el = document.querySelector(Array.isArray(t) ? t[t.length - 1] : t);
  return !!(el && el.closest('.md-content'));
})"""


def _shape(target: str) -> str:
    """A selector without positions, so repeated cards collapse into one line of the report."""
    return re.sub(r":nth-child\(\d+\)|\[href[^\]]*\]", "", str(target))


def violations(page: Page, options: dict | None) -> tuple[list[str], dict[str, list[str]]]:
    """(distinct readable violations inside .md-content, {rule: nodes} outside it)."""
    opts = {"resultTypes": ["violations"], **(options or {})}
    inside: list[str] = []
    outside: dict[str, list[str]] = {}
    for v in AXE.run(page, options=opts).response["violations"]:
        targets = [n["target"][0] for n in v["nodes"]]
        flags = page.evaluate(_IN_CONTENT, targets)
        for node, target, here in zip(v["nodes"], targets, flags, strict=True):
            if here:
                summary = re.sub(r"\(foreground.*", "", node.get("failureSummary", "").splitlines()[-1].strip())
                line = f"{v['id']} at {_shape(target)}: {summary}"
                if line not in inside:
                    inside.append(line)
            else:
                outside.setdefault(v["id"], []).append(str(target))
    return inside, outside


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_axe_on_every_page_type(new_page, page_types: dict[str, str], paged_site: str, paged_lists: list[str],
                                device: str, scheme: str) -> None:
    page, _log = new_page(viewport=DESKTOP if device == "desktop" else MOBILE, color_scheme=scheme)
    content: list[str] = []
    chrome: list[str] = []
    # and the second page of a year's claims, with its pagers, on the site paged at two rows
    paged = {"claims/* page 2": paged_site + page_url(page_n(paged_lists[0], 2))}
    for name, url in {**page_types, **paged}.items():
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        inside, outside = violations(page, SCHEMES[scheme])
        content += [f"{name}: {line}" for line in inside]
        chrome += [f"{name}: {rule} at {nodes[:3]}" for rule, nodes in outside.items() if rule not in CHROME_ALLOWED]
    assert not content, "axe violations inside our content area:\n" + "\n".join(content)
    assert not chrome, "axe violations in Material's chrome, not in CHROME_ALLOWED:\n" + "\n".join(chrome)


def test_chrome_allowances_have_reasons() -> None:
    assert all(len(reason) > 20 for reason in CHROME_ALLOWED.values())  # if one is ever needed again
