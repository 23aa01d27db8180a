"""Material's chrome as readers meet it: the active tab, generated tables, dates, the tab title, the nav,
and the table of contents on a phone (issue 12, item 9). Real Chromium on the fixture site, both palettes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT
from playwright.sync_api import Page

from build_scripts.render.links import briefing_page, page_n, page_url, speaker_page

from .conftest import DESKTOP, MOBILE

SCHEMES = ["light", "dark"]
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SITE_NAME = CONFIG["site_name"]
NAV_TITLES = [next(iter(item)) for item in CONFIG["nav"]]
AXE = Axe()

_TAB_STYLE = """a => { const s = getComputedStyle(a);
  return {weight: s.fontWeight, line: s.textDecorationLine, opacity: s.opacity}; }"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_active_tab_is_marked_and_the_others_stay_readable(new_page, url_for, scheme: str) -> None:
    page, _ = new_page(color_scheme=scheme)
    page.goto(url_for("speakers/index.md"))
    active = page.locator(".md-tabs__item--active .md-tabs__link")
    assert active.count() == 1 and active.inner_text().strip() == "Speakers"
    inactive = page.locator(".md-tabs__item:not(.md-tabs__item--active) .md-tabs__link")
    assert inactive.count() == len(NAV_TITLES) - 1
    on = active.evaluate(_TAB_STYLE)
    offs = inactive.evaluate_all(f"links => links.map({_TAB_STYLE})")
    assert on == {"weight": "700", "line": "underline", "opacity": "1"}
    # Inactive tabs are drawn alike, at full opacity (Material's 70% fails contrast), unlike the active one.
    assert all(off == {"weight": "400", "line": "none", "opacity": "1"} for off in offs), offs


_CELL_STYLE = """cell => { const s = getComputedStyle(cell);
  return [s.paddingTop, s.paddingLeft, s.borderTopWidth, s.borderTopStyle, s.borderTopColor, s.fontSize,
    s.fontWeight, s.textAlign, s.verticalAlign]; }"""

# A table as Material styles it (table:not([class])), beside the generated one, with the same content.
_MATERIAL_TWIN = """table => { const twin = table.cloneNode(true); twin.removeAttribute('class');
  twin.id = 'material-twin'; table.after(twin); }"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_generated_tables_look_like_materials_own(new_page, url_for, scheme: str) -> None:
    page, _ = new_page(color_scheme=scheme)
    page.goto(url_for("briefings/index.md"), wait_until="networkidle")
    table = page.locator("table.ab-table").first
    table.evaluate(_MATERIAL_TWIN)
    for cell in ("th", "td"):
        ours = table.locator(cell).first.evaluate(_CELL_STYLE)
        material = page.locator(f"#material-twin {cell}").first.evaluate(_CELL_STYLE)
        assert ours == material, cell
    td = table.locator("td").first.evaluate(_CELL_STYLE)
    assert td[2] != "0px" and td[3] == "solid" and td[0] != "0px"  # a rule between rows, Material's padding
    frame = ["borderTopStyle", "borderRadius", "backgroundColor", "fontSize"]
    styles = [
        t.evaluate(f"t => {{ const s = getComputedStyle(t); return {frame}.map(k => s[k]); }}")
        for t in (table, page.locator("#material-twin"))
    ]
    assert styles[0] == styles[1]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_phone_reads_lists_of_claims_as_stacked_rows(new_page, url_for, site_data, scheme: str) -> None:
    """On a phone a row of claims is a block: the claim across the screen without a name, each other cell after
    its column's name; nothing scrolls sideways. On a desktop the same rows stay a table."""
    speaker = next(s for s in site_data.speakers.values() if site_data.by_speaker.get(s.id))
    for viewport, display in ((MOBILE, "block"), (None, "table-cell")):
        page, _ = new_page(color_scheme=scheme, **({"viewport": viewport} if viewport else {}))
        page.goto(url_for(speaker_page(speaker.id)))
        claim = page.locator('table.ab-rows td[data-label="Claim"]').first
        assert claim.evaluate("c => getComputedStyle(c).display") == display
        if viewport:
            assert claim.bounding_box()["width"] > 0.8 * (MOBILE["width"] - 40)
            assert claim.evaluate("c => getComputedStyle(c, '::before').content") in ("none", "normal")
            for other in (page.locator('table.ab-rows [data-label="Briefing"]').first,
                          page.locator('table.ab-rows [data-label="Date"]').first):
                label = other.evaluate("c => getComputedStyle(c, '::before').content")
                assert label == f'"{other.get_attribute("data-label")}: "' and label != '": "'
            # the lines of a block: no rule above each, no table padding to its right (only a run has rules)
            frames = page.locator("table.ab-table tbody :is(td, th)").evaluate_all(
                "cells => cells.map(c => { const s = getComputedStyle(c); return [s.borderTopWidth, s.paddingRight]; })")
            assert set(map(tuple, frames)) == {("0px", "0px")}, set(map(tuple, frames))
            assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]


# Each claim of a list (its claim or counterclaim cell's link) with the briefing link nearest above it on the
# screen.
_BRIEFING_ABOVE = """() => [...document.querySelectorAll('table.ab-rows')].flatMap(table => {
  const heads = [...table.querySelectorAll('[data-label="Briefing"] a')]
    .map(a => ({top: a.getBoundingClientRect().top, path: a.pathname}));
  return [...table.querySelectorAll(':is([data-label="Claim"], [data-label="Counterclaim"]) > a')].map(a => {
    const top = a.getBoundingClientRect().top;
    const above = heads.filter(h => h.top < top)
      .reduce((best, h) => (best && best.top > h.top ? best : h), null);
    return [a.pathname, above && above.path];
  });
})"""

# Each row group of a list: the top of its first row, the bottom of its last, and its briefing cell's box.
_GROUPS = """() => [...document.querySelectorAll('table.ab-rows tbody')].map(body => {
  const rows = [...body.rows], cell = body.querySelector('[data-label="Briefing"]').getBoundingClientRect();
  return {rows: rows.length, top: rows[0].getBoundingClientRect().top,
    bottom: rows[rows.length - 1].getBoundingClientRect().bottom, cellTop: cell.top, cellBottom: cell.bottom};
})"""


def _lists_of_claims(page: Page, sitemap_pages: list[str]) -> Iterator[str]:
    """Go to each page of the site that has a list of claims (a year, a topic, a speaker), in turn."""
    for url in sitemap_pages:
        page.goto(url)
        if page.locator("table.ab-rows").count():
            yield url


def test_on_a_phone_each_claim_is_read_under_its_briefing(new_page, sitemap_pages: list[str]) -> None:
    """A run of claims from one briefing names the briefing once (the cells span the run). On a phone, where
    rows are stacked, the run is one block headed by its briefing: read from the top, the briefing last shown
    above any claim is that claim's own. The links come in the page's order as on the screen, top to bottom, so
    that the keyboard and a screen reader meet them as the eye does."""
    page, _ = new_page(viewport=MOBILE)
    claims = runs = 0
    for url in _lists_of_claims(page, sitemap_pages):
        pairs = page.evaluate(_BRIEFING_ABOVE)
        wrong = [(claim, above) for claim, above in pairs if above != claim]
        assert not wrong, (url, wrong)
        tops = page.locator("table.ab-rows a").evaluate_all("links => links.map(a => a.getBoundingClientRect().top)")
        assert tops == sorted(tops), url
        claims += len(pairs)
        runs += sum(group["rows"] > 1 for group in page.evaluate(_GROUPS))
        assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"], url
    assert claims > 10 and runs > 2  # the fixture has runs of several claims: the heading is tested on them


def test_on_a_desktop_a_briefing_spans_its_run_of_claims(page: Page, sitemap_pages: list[str]) -> None:
    """The briefing and date cells span their run; hovering the run's first row tints that row, not the two
    cells that span the whole run."""
    runs = 0
    for url in _lists_of_claims(page, sitemap_pages):
        for group in page.evaluate(_GROUPS):
            assert group["cellTop"] == group["top"] and group["cellBottom"] == group["bottom"], (url, group)
            runs += group["rows"] > 1
        run = page.locator("table.ab-rows tbody").filter(has=page.locator("tr + tr")).first
        if run.count():
            page.add_style_tag(content="* { transition: none !important; }")  # the tint at once
            first = run.locator("tr").first
            first.locator('[data-label="Claim"], [data-label="Counterclaim"]').first.hover()
            backgrounds = first.evaluate("""tr => [tr, ...tr.querySelectorAll('[rowspan]')].map(
              e => getComputedStyle(e).backgroundColor).concat(getComputedStyle(document.body).backgroundColor)""")
            row, *spanning, body = backgrounds
            assert row != body and spanning and set(spanning) == {body}, (url, backgrounds)
    assert runs > 2


# The pager's targets as laid out: [is Previous or Next, row top, left, width, height], and the pager's width.
_PAGER = """nav => [[...nav.querySelectorAll(':scope > :is(a, [aria-current])')].map(e => {
  const r = e.getBoundingClientRect();
  return [e.hasAttribute('rel'), Math.round(r.top), r.left, r.width, r.height];
}), nav.getBoundingClientRect().width]"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
def test_each_page_of_a_pager_is_a_target_a_finger_can_hit(new_page, paged_site: str, paged_lists: list[str],
                                                           viewport: dict, scheme: str) -> None:
    """The pages of a long list (a year's claims, a topic's, a speaker's) are links of at least 44 by 44 px
    (WCAG 2.5.5), the current page too; the pager wraps rather than scroll, in rows read in the order the
    keyboard takes them (WCAG 2.4.3): one on a desktop; on a phone no page number left alone on a row, and
    Previous or Next alone on one fills it. axe finds nothing in it, its target-size rule (WCAG 2.5.8)
    included. The first, second, middle and last pages of each list."""
    page, _ = new_page(viewport=viewport, color_scheme=scheme)
    for first in paged_lists:
        page.goto(paged_site + page_url(first))
        count = max(int(n) for n in page.locator(".ab-pager").first.inner_text().split() if n.isdigit())
        assert count >= 3, first  # the fixture's longest lists, two rows a page, have a middle page
        for number in sorted({1, 2, (count + 1) // 2, count}):
            src = page_n(first, number)
            page.goto(paged_site + page_url(src))
            targets, width = page.locator(".ab-pager").first.evaluate(_PAGER)
            assert len(targets) >= 3, src  # "1", "2" and "Next" at least
            assert all(w >= 44 and h >= 44 for *_, w, h in targets), (src, targets)
            assert sorted(targets, key=lambda t: (t[1], t[2])) == targets, (src, targets)  # read as tabbed
            rows: dict[int, list] = {}
            for target in targets:
                rows.setdefault(target[1], []).append(target)
            if viewport == DESKTOP:
                assert len(rows) == 1, (src, targets)
            for row in rows.values():
                if len(row) == 1:
                    step, _top, _left, w, _h = row[0]
                    assert step and w >= 0.9 * width, (src, "alone on its row", row, targets)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], src
            options = {"rules": {"target-size": {"enabled": True}}, "resultTypes": ["violations"]}
            found = AXE.run(page, context=".ab-pager", options=options).response["violations"]
            assert [v["id"] for v in found] == [], (src, found)


def test_dates_never_wrap_mid_value(new_page, url_for, site_data) -> None:
    page, _ = new_page(viewport={"width": 320, "height": 700})  # narrower than any phone in the checks
    pages = ["briefings/index.md", "index.md"] + [briefing_page(b.slug) for b in site_data.briefings]
    for src in pages:
        page.goto(url_for(src))
        dates = page.locator(".md-content time, .md-content .ab-date")
        assert dates.count() > 0 or src == "index.md"
        lines = dates.evaluate_all("""ds => ds.map(d => [d.textContent,
          new Set([...d.getClientRects()].map(r => Math.round(r.top))).size])""")
        assert all(n == 1 for _, n in lines), (src, lines)


def test_the_tab_title_names_the_site_once(page: Page, page_types: dict[str, str]) -> None:
    titles = {}
    for name, url in page_types.items():
        page.goto(url)
        titles[name] = page.title()
    assert titles["home"] == SITE_NAME
    assert titles["briefings"] == f"Briefings - {SITE_NAME}"
    assert all(t.count(SITE_NAME) == 1 and t.strip() for t in titles.values()), titles


def test_the_navigation_holds_reader_pages_only(page: Page, url_for, sitemap_pages: list[str]) -> None:
    page.goto(url_for("index.md"))
    tabs = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]
    assert tabs == NAV_TITLES
    assert "Benchmarks" not in tabs
    assert not [url for url in sitemap_pages if "benchmark" in url.lower()]


# Seen by the reader: inside the viewport, not covered (the drawer's hidden panels are laid out off-canvas).
_SEEN = """el => { const r = el.getBoundingClientRect(); if (!r.width || !r.height) return false;
  const x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
  const top = document.elementFromPoint(x, y); return !!top && (top === el || el.contains(top)); }"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_phone_reaches_a_briefings_table_of_contents(new_page, url_for, site_data, scheme: str) -> None:
    page, _ = new_page(viewport=MOBILE, color_scheme=scheme)
    b = site_data.briefings[0]
    page.goto(url_for(briefing_page(b.slug)), wait_until="networkidle")
    toc = page.locator('.md-sidebar--primary nav[aria-label="Table of contents"] a.md-nav__link')
    assert toc.count() > 0 and not toc.first.evaluate(_SEEN)
    page.locator('label.md-header__button[for="__drawer"]').click()
    opener = page.locator('.md-sidebar--primary label.md-nav__link[for="__toc"]')
    page.wait_for_function(f"() => ({_SEEN})(document.querySelector('.md-sidebar--primary [for=__toc]'))")
    assert b.article.title in opener.inner_text()
    opener.click()
    page.wait_for_function(f"""() => ({_SEEN})(document.querySelector(
        '.md-sidebar--primary nav[aria-label="Table of contents"] a.md-nav__link'))""")
    first = toc.first
    href = first.get_attribute("href") or ""
    assert href.split("#")[0] in ("", page.url.split("#")[0]), href  # a link within this page
    target = "#" + href.split("#")[1]
    first.click()
    page.wait_for_function("h => location.hash === h", arg=target)
    # The drawer closes and the section's heading comes into view.
    page.wait_for_function(f"h => ({_SEEN})(document.getElementById(h))", arg=target[1:])
