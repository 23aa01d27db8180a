"""Reader features in the browser: the claims explorer, the argument map, keyboard tooltips on highlights.

Expected numbers come from the seed data (``site_data``, parsed from the YAML), never constants.
"""

from __future__ import annotations

from collections import Counter

import pytest

from build_scripts.render.links import EXPLORER, briefing_page


def _rows(site):
    return [(b, a) for b in site.briefings for a in b.annotations]


def _haystack(site, b, a) -> str:
    return " ".join([a.claim, a.quote, site.speakers[a.speaker].name, b.article.title, " ".join(a.topics)]).lower()


def _open_explorer(page, url_for, query: str = ""):
    page.goto(url_for(EXPLORER) + query)
    page.wait_for_selector("#ab-explorer[data-ready=true]")


def _count(page) -> str:
    return page.text_content("#ab-explorer-count")


def test_explorer_filters_give_expected_counts(page, page_log, url_for, site_data):
    rows = _rows(site_data)
    total = len(rows)
    _open_explorer(page, url_for)
    assert _count(page) == f"{total} of {total} claims"
    speaker, _ = Counter(a.speaker for _, a in rows).most_common(1)[0]
    page.select_option("#ab-explorer-speaker", speaker)
    n = sum(1 for _, a in rows if a.speaker == speaker)
    assert _count(page) == f"{n} of {total} claims"
    assert page.locator("#ab-explorer-list > li").count() == n
    page.select_option("#ab-explorer-disputed", "yes")
    n = sum(1 for _, a in rows if a.speaker == speaker and a.counterclaims)
    assert _count(page) == f"{n} of {total} claims"
    topic = sorted(site_data.topics)[0]
    page.select_option("#ab-explorer-topic", topic)
    n = sum(1 for _, a in rows if a.speaker == speaker and a.counterclaims and topic in a.topics)
    assert _count(page) == f"{n} of {total} claims"
    page.click("#ab-explorer button[type=reset]")
    page.wait_for_function(f"document.getElementById('ab-explorer-count').textContent === '{total} of {total} claims'")
    page.select_option("#ab-explorer-disputed", "no")
    assert _count(page) == f"{sum(1 for _, a in rows if not a.counterclaims)} of {total} claims"
    assert not page_log.errors


@pytest.mark.parametrize("words", ["sanctions", "gangster", "verified denuclearization"])
def test_explorer_text_search(page, url_for, site_data, words):
    rows = _rows(site_data)
    expected = sorted(a.id for b, a in rows if all(w in _haystack(site_data, b, a) for w in words.split()))
    assert expected, "pick words that occur in the seed data"
    _open_explorer(page, url_for)
    page.locator("#ab-explorer-q").press_sequentially(words)
    assert _count(page) == f"{len(expected)} of {len(rows)} claims"
    shown = page.locator("#ab-explorer-list > li").evaluate_all("els => els.map(e => e.dataset.id)")
    assert sorted(shown) == expected


def test_explorer_state_survives_reload_and_links_work(page, url_for, site_data):
    rows = _rows(site_data)
    speaker = sorted({a.speaker for _, a in rows})[0]
    _open_explorer(page, url_for)
    page.select_option("#ab-explorer-speaker", speaker)
    page.select_option("#ab-explorer-disputed", "yes")
    assert f"speaker={speaker}" in page.url and "disputed=yes" in page.url
    before = _count(page)
    page.reload()
    page.wait_for_selector("#ab-explorer[data-ready=true]")
    assert page.input_value("#ab-explorer-speaker") == speaker
    assert page.input_value("#ab-explorer-disputed") == "yes"
    assert _count(page) == before
    first = page.locator("#ab-explorer-list > li").first
    ann_id = first.get_attribute("data-id")
    first.locator("a").click()
    page.wait_for_url(f"**#{ann_id}")
    assert page.locator(f"[id='{ann_id}']").is_visible()


@pytest.mark.parametrize("index", [0, -1])
def test_argument_map_nodes_and_navigation(page, page_log, url_for, site_data, index):
    b = next(b for b in site_data.briefings if b.annotations)
    here = {a.id for a in b.annotations}
    inline = sum(1 for a in b.annotations for c in a.counterclaims if not c.ref)
    outside = {c.ref for a in b.annotations for c in a.counterclaims if c.ref and c.ref not in here}
    page.goto(url_for(briefing_page(b.slug)))
    nodes = page.locator("svg.ab-map__svg a.ab-map__node")
    assert nodes.count() == len(b.annotations) + inline + len(outside)
    claims = page.locator("svg.ab-map__svg a.ab-map__node--claim")
    assert sorted(claims.evaluate_all("els => els.map(e => e.dataset.node)")) == sorted(here)
    node = claims.nth(index)
    target = node.get_attribute("data-node")
    node.click()
    page.wait_for_function(f"location.hash === '#{target}'")
    heading = page.locator(f"h3[id='{target}']")
    heading.wait_for()
    assert page.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect();"
                         " return r.top >= 0 && r.top < window.innerHeight; }", target)
    assert not page_log.errors


def test_argument_map_nodes_are_keyboard_focusable(page, url_for, site_data):
    b = next(b for b in site_data.briefings if b.annotations)
    page.goto(url_for(briefing_page(b.slug)))
    page.locator("h2[id='argument-map'] a.headerlink").focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ab-map__node')"):
            break
    active = page.evaluate("[document.activeElement.getAttribute('aria-label'), document.activeElement.dataset.node]")
    ann = site_data.annotations[active[1]]
    assert active[0].startswith(f"Claim by {site_data.speakers[ann.speaker].name}: ")
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{active[1]}'")


def test_highlight_tooltip_shows_on_keyboard_focus(page, page_log, url_for, site_data):
    b = next(b for b in site_data.briefings if b.annotations)
    page.goto(url_for(briefing_page(b.slug)))
    page.locator("h2[id='article'] a.headerlink").focus()
    page.keyboard.press("Tab")
    link = page.locator(".ab-article mark.ab-hl > a").first
    assert page.evaluate("document.activeElement") == link.evaluate("e => e")
    tip_id = link.get_attribute("aria-describedby")
    tip = page.locator(f"[id='{tip_id}']")
    assert tip.is_visible()
    target = link.evaluate("e => decodeURIComponent(e.hash.slice(1))")  # Material makes hrefs absolute
    ann = site_data.annotations.get(target) or next(
        a for a in site_data.annotations.values() for c in a.counterclaims if c.anchor == target)
    assert tip.text_content().startswith(f"{site_data.speakers[ann.speaker].name}: ") or "--counter-" in target
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert not page_log.errors
