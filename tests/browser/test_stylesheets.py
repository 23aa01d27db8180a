"""Our stylesheets as Chromium reads them: every rule written is a rule kept.

A browser drops a rule it cannot read without a word: a stray ``}`` takes the next rule with it, an invalid
selector its own rule; and a missing ``}`` makes every later rule a nested rule of the one left open, which
matches nothing that rule does not. So the rules of each stylesheet the site links (``extra_css``) are
counted twice: as a CSS parser (tinycss2) reads the file, where nested rules are not rules (our stylesheets
nest none), and as Chromium keeps them (``document.styleSheets``, nested rules counted too).
"""

from __future__ import annotations

import pytest
import tinycss2
import yaml
from conftest import ROOT
from playwright.sync_api import Page

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

# The style rules Chromium kept from a stylesheet, those inside @media and @supports and those nested in a
# style rule too.
_COUNT = """const count = rules => [...rules].reduce(
  (n, r) => n + (r instanceof CSSStyleRule ? 1 : 0) + (r.cssRules ? count(r.cssRules) : 0), 0);"""
# ... of the stylesheet at a URL ending in the argument (null when the page does not link it).
_KEPT = f"""end => {{ {_COUNT}
  const sheet = [...document.styleSheets].find(s => s.href && new URL(s.href).pathname.endsWith(end));
  return sheet ? count(sheet.cssRules) : null;
}}"""
# ... of a page's first stylesheet, set to the argument.
_KEPT_OF = f"""css => {{ {_COUNT}
  document.querySelector('style').textContent = css;
  return count(document.styleSheets[0].cssRules);
}}"""


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


@pytest.mark.parametrize("css, counts", [
    # a } too many: a parser reads it as part of the next rule's selector, and Chromium drops that rule
    (".a { color: red; }\n}\n.b mark { color: blue; }", (2, 1)),
    # a } missing: a parser reads one rule, Chromium nests the next in it (where it matches nothing)
    (".a { color: red;\n.b mark { color: blue; }\n.c { color: green; }", (1, 3)),
])
def test_what_a_brace_too_many_or_too_few_does(page: Page, css: str, counts: tuple[int, int]) -> None:
    """The two mistakes the test above catches, each in Chromium."""
    page.set_content("<style></style>")
    assert (written(css), page.evaluate(_KEPT_OF, css)) == counts
