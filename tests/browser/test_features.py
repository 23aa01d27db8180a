"""Reader features in the browser: the claims explorer, the argument map, keyboard tooltips on highlights.

Expected numbers come from the fixture data (``site_data``, parsed from the YAML), never constants.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from build_scripts.render.context import KIND_LABELS, THE_ARTICLE, disputers, newest_first, speaker_name
from build_scripts.render.links import EXPLORER, briefing_page


def _rows(site):
    return [(b, a) for b in site.briefings for a in b.annotations]


def _haystack(site, b, a) -> str:
    topics = [site.topics[t].name for t in a.topics]
    return " ".join([a.claim, a.quote, speaker_name(site, a.speaker), b.article.title, *topics,
                     *disputers(site, a.id)]).lower()


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


@pytest.mark.parametrize("words", ["reservoir", "trout", "marsh rationing"])
def test_explorer_text_search(page, url_for, site_data, words):
    rows = _rows(site_data)
    expected = sorted(a.id for b, a in rows if all(w in _haystack(site_data, b, a) for w in words.split()))
    assert expected, "pick words that occur in the fixture data"
    _open_explorer(page, url_for)
    page.locator("#ab-explorer-q").press_sequentially(words)
    assert _count(page) == f"{len(expected)} of {len(rows)} claims"
    shown = page.locator("#ab-explorer-list > li").evaluate_all("els => els.map(e => e.dataset.id)")
    assert sorted(shown) == expected


def test_explorer_rows_show_disputers_and_topic_names_newest_first(page, page_log, url_for, site_data):
    _open_explorer(page, url_for)
    items = page.locator("#ab-explorer-list > li").evaluate_all(
        "els => els.map(e => [e.dataset.id, e.querySelector('.ab-explorer__meta').textContent])")
    assert [ann_id for ann_id, _ in items] == newest_first(site_data, site_data.annotations)
    for ann_id, meta in items:
        a = site_data.annotations[ann_id]
        names = disputers(site_data, ann_id)
        topics = [site_data.topics[t].name for t in a.topics]
        tail = "disputed by " + ", ".join(names) if names else "undisputed"
        tail += " · " + ", ".join(topics) if topics else ""
        assert meta.endswith(tail), (ann_id, meta)
    options = page.locator("#ab-explorer-topic option").all_text_contents()
    assert options == ["All", *(t.name for t in site_data.topics.values())]
    assert any(disputers(site_data, ann_id) for ann_id, _ in items), "the fixture has disputed claims"
    assert any(site_data.topics[t].name != t for a in site_data.annotations.values() for t in a.topics)
    assert not page_log.errors


def test_explorer_state_survives_reload_and_links_work(page, url_for, site_data):
    rows = _rows(site_data)
    speaker = sorted({a.speaker for _, a in rows if a.counterclaims})[0]  # one with a disputed claim to follow
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


MAP_NODES = "svg.ab-map__svg a.ab-map__node"


def _map_briefing(site_data):
    return next(b for b in site_data.briefings if b.annotations)


def _open_map(page, url_for, b):
    page.goto(url_for(briefing_page(b.slug)))
    page.wait_for_selector(MAP_NODES)  # drawn in the browser by argmap.js


@pytest.mark.parametrize("index", [0, -1])
def test_argument_map_nodes_and_navigation(page, page_log, url_for, site_data, index):
    b = _map_briefing(site_data)
    here = {a.id for a in b.annotations}
    inline = sum(1 for a in b.annotations for c in a.counterclaims if not c.ref)
    outside = {c.ref for a in b.annotations for c in a.counterclaims if c.ref and c.ref not in here}
    _open_map(page, url_for, b)
    nodes = page.locator(MAP_NODES)
    assert nodes.count() == len(b.annotations) + inline + len(outside)
    assert page.locator("svg.ab-map__svg path.ab-map__edge").count() == sum(len(a.counterclaims) for a in b.annotations)
    legend = page.locator(".ab-map__legend li").all_text_contents()
    assert sorted(legend) == sorted({speaker_name(site_data, a.speaker) for a in b.annotations}
                                    | {speaker_name(site_data, c.speaker or site_data.annotations[c.ref].speaker)
                                       for a in b.annotations for c in a.counterclaims})
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


def test_argument_map_nodes_name_and_link_their_annotation(page, url_for, site_data):
    b = _map_briefing(site_data)
    _open_map(page, url_for, b)
    svg = page.locator("svg.ab-map__svg")
    assert svg.get_attribute("role") == "group" and svg.get_attribute("aria-label").startswith("Argument map: ")
    assert page.locator("svg.ab-map__svg g.ab-map__edges").get_attribute("aria-hidden") == "true"
    nodes = page.locator(MAP_NODES).evaluate_all("""els => els.map(e => [e.namespaceURI, e.dataset.node,
        e.getAttribute('aria-label'), e.getAttribute('title'), e.href, e.closest('foreignObject') !== null,
        e.querySelector('.ab-map__speaker').textContent])""")
    origin_path = page.evaluate("location.origin + location.pathname")
    for ns, key, label, title, href, wrapped, speaker in nodes:
        assert ns == "http://www.w3.org/1999/xhtml" and wrapped and label == title
        if key.startswith("ext:"):  # an annotation of another briefing: a relative link to its page
            ann = site_data.annotations[key.removeprefix("ext:")]
            assert href == url_for(briefing_page(site_data.briefing_of[ann.id]), ann.id)
        else:
            assert href == f"{origin_path}#{key}"
            assert page.locator(f"[id='{key}']").count() == 1
        if key in site_data.annotations:  # a claim of this briefing
            ann = site_data.annotations[key]
            assert speaker == speaker_name(site_data, ann.speaker)
            assert label.startswith(f"Claim by {speaker}: ")


def test_argument_map_nodes_are_keyboard_focusable(page, url_for, site_data):
    _open_map(page, url_for, _map_briefing(site_data))
    page.locator("h2[id='argument-map'] a.headerlink").focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ab-map__node')"):
            break
    active = page.evaluate("[document.activeElement.getAttribute('aria-label'), document.activeElement.dataset.node]")
    ann = site_data.annotations[active[1]]
    assert active[0].startswith(f"Claim by {speaker_name(site_data, ann.speaker)}: ")
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{active[1]}'")


def _instant_navigation_on(page, built_site, site_url) -> None:
    """Material navigates instantly only to URLs in sitemap.xml, whose <loc>s name the published site_url:
    serve this page a sitemap rewritten onto the local origin (as tests/browser/conftest.py reads it)."""
    xml = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", xml)
    base = min(locs, key=len)  # the home page
    rewritten = xml.replace(f"<loc>{base}", f"<loc>{site_url}")
    page.route("**/sitemap.xml", lambda route: route.fulfill(body=rewritten, content_type="application/xml"))


def test_argument_map_is_drawn_once_after_instant_navigation(page, page_log, url_for, site_data, built_site,
                                                             site_url):
    """Material's instant navigation swaps the content without a page load: the map is drawn, once, each time."""
    b = _map_briefing(site_data)
    _instant_navigation_on(page, built_site, site_url)
    page.goto(url_for("briefings/index.md"), wait_until="networkidle")
    page.evaluate("window.abNoReload = true")
    page.locator(f".md-content a[href*='{b.slug}']").first.click()
    page.wait_for_selector(MAP_NODES)
    assert page.evaluate("window.abNoReload === true")  # no full page load: instant navigation
    expected = page.locator(MAP_NODES).count()
    page.locator(".md-tabs a, .md-header a").filter(has_text="Speakers").first.click()
    page.wait_for_function("!document.querySelector('.ab-map')")
    page.go_back()
    page.wait_for_selector(MAP_NODES)
    assert page.evaluate("window.abNoReload === true")
    assert page.locator("svg.ab-map__svg").count() == 1 and page.locator(".ab-map__legend").count() == 1
    assert page.locator(MAP_NODES).count() == expected
    node = page.locator("svg.ab-map__svg a.ab-map__node--claim").first
    target = node.get_attribute("data-node")
    assert node.evaluate("e => e.href") == url_for(briefing_page(b.slug), target)  # resolved on the new page
    node.click()
    page.wait_for_function(f"location.hash === '#{target}'")
    assert not page_log.errors


HOSTILE_HREFS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                 "data:text/html,<script>alert(1)</script>", "//evil.example/", "/\\evil.example/",
                 "https://evil.example/", "vbscript:msgbox(1)"]


def test_argument_map_draws_hostile_data_as_text_and_drops_unsafe_links(page, page_log, url_for, site_data,
                                                                        built_site):
    """Data the build would never write, put into the page's attribute: markup stays text, only relative links."""
    b = _map_briefing(site_data)
    source = (built_site / "briefings" / b.slug / "index.html").read_text(encoding="utf-8")
    payload = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    nodes = [[f"n{i}", i % 3, 64, 8 + 72 * i, 0, f"{payload}\n{href}", href] for i, href in enumerate(HOSTILE_HREFS)]
    nodes.append(["ok", 2, 436, 8, 1, "fine", "../other/#ok"])
    data = {"g": [800, 72 * len(nodes) + 8, 300, 58, 64, 8], "s": [payload, "Bob"], "n": nodes, "e": [[0, 1, 1]]}
    hostile = re.sub(r'data-ab-map="[^"]*"', lambda _: f'data-ab-map="{html.escape(json.dumps(data))}"', source)
    assert hostile != source
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route(url_for(briefing_page(b.slug)), lambda route: route.fulfill(body=hostile, content_type="text/html"))
    _open_map(page, url_for, b)
    drawn = page.locator(MAP_NODES).evaluate_all("els => els.map(e => [e.dataset.node, e.getAttribute('href')])")
    assert drawn == [[f"n{i}", None] for i in range(len(HOSTILE_HREFS))] + [["ok", "../other/#ok"]]
    assert page.locator(".ab-map img, .ab-map script").count() == 0
    assert page.locator(".ab-map__legend li").first.text_content() == payload
    assert page.locator(".ab-map__claim").first.text_content().startswith(payload)
    page.wait_for_timeout(200)
    assert dialogs == [] and not page_log.errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_argument_map_drawn_in_the_browser_passes_axe(new_page, url_for, site_data, scheme):
    """The page-wide axe test (test_accessibility.py) runs after load; this one waits for the drawn map itself."""
    page, log = new_page(color_scheme=scheme)
    _open_map(page, url_for, _map_briefing(site_data))
    result = Axe().run(page, context=".ab-map", options={"resultTypes": ["violations"]}).response
    assert result["violations"] == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert not log.errors


def test_argument_map_without_javascript_points_to_the_cards(new_page, url_for, site_data):
    page, log = new_page(java_script_enabled=False)
    b = _map_briefing(site_data)
    page.goto(url_for(briefing_page(b.slug)))
    assert page.locator("svg.ab-map__svg").count() == 0
    fallback = page.locator(".ab-map noscript p")  # parsed as markup when scripting is off
    assert fallback.is_visible() and fallback.text_content().startswith("The map is drawn with JavaScript")
    assert page.locator(".ab-card").count() >= len(b.annotations)  # the same claims, as cards
    assert not log.errors


def test_every_highlight_tooltip_names_who_speaks_and_whose_words(page, url_for, site_data):
    """The note beside each highlight: "Speaker (kind): claim", the article's own framing included."""
    framing = 0
    for b in site_data.briefings:
        page.goto(url_for(briefing_page(b.slug)))
        page.wait_for_selector(".ab-article .ab-tip", state="attached")
        tips = page.locator(".ab-article .ab-tip").all_text_contents()
        expected = {f"{speaker_name(site_data, a.speaker)} ({KIND_LABELS[a.attribution]}): " for a in b.annotations}
        heads = {t.split(": ", 1)[0] + ": " for t in tips if "(" in t.split(": ", 1)[0]}
        assert heads == expected, b.slug
        framing += sum(t.startswith(f"{THE_ARTICLE} ({KIND_LABELS['framing']}): ") for t in tips)
    assert framing == sum(a.attribution == "framing" for a in site_data.annotations.values()) > 0


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
    if "--counter-" not in target:
        label = KIND_LABELS[ann.attribution]
        assert tip.text_content().startswith(f"{speaker_name(site_data, ann.speaker)} ({label}): ")
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert not page_log.errors
