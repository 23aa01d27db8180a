"""Our stylesheets as Chromium reads them: every rule written is a rule kept.

A browser drops a rule it cannot read without a word: a stray ``}`` takes the next rule with it, an invalid
selector its own rule. So the rules of each stylesheet the site links (``extra_css``) are counted twice: as a
CSS parser (tinycss2) reads the file, and as Chromium keeps them (``document.styleSheets``).
"""

from __future__ import annotations

import pytest
import tinycss2
import yaml
from conftest import ROOT
from playwright.sync_api import Page

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

# The style rules Chromium kept from the stylesheet at a URL ending in the argument, those inside @media and
# @supports too; null when the page does not link it.
_KEPT = """end => {
  const sheet = [...document.styleSheets].find(s => s.href && new URL(s.href).pathname.endsWith(end));
  const count = rules => [...rules].reduce(
    (n, r) => n + (r instanceof CSSStyleRule ? 1 : r.cssRules ? count(r.cssRules) : 0), 0);
  return sheet ? count(sheet.cssRules) : null;
}"""


def written(css: str) -> int:
    """The style rules of a stylesheet as written (a parser's reading), those inside at-rule blocks too."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _count(rules)


def _count(rules: list) -> int:
    total = 0
    for rule in rules:
        if rule.type == "qualified-rule":
            total += 1
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            total += _count(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
    return total


@pytest.mark.parametrize("sheet", CONFIG["extra_css"])
def test_chromium_keeps_every_rule_of_our_stylesheets(page: Page, url_for, sheet: str) -> None:
    page.goto(url_for("index.md"))
    css = (ROOT / CONFIG["docs_dir"] / sheet).read_text(encoding="utf-8")
    assert page.evaluate(_KEPT, sheet) == written(css) > 0


@pytest.mark.parametrize("css, rules", [
    (".a { color: red; }\n.b mark { color: blue; }", 2),
    ("@media screen { .a { color: red; } .b { color: blue; } }\n.c { color: red; }", 3),
])
def test_the_count_of_written_rules(css: str, rules: int) -> None:
    assert written(css) == rules


def test_a_stray_brace_costs_chromium_the_next_rule(page: Page) -> None:
    """What the test above catches: a ``}`` too many, which a parser reads as part of the next rule's
    selector, and Chromium drops that rule."""
    css = ".a { color: red; }\n}\n.b mark { color: blue; }"
    page.set_content(f"<style>{css}</style>")
    kept = page.evaluate("() => document.styleSheets[0].cssRules.length")
    assert (written(css), kept) == (2, 1)
