"""The argument map: one linked node per claim, counterclaim and outside annotation; deterministic; escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from build_scripts.render import RenderOptions, briefing
from build_scripts.render.argmap import argmap_html, argmap_svg, layout
from build_scripts.render.context import Ctx
from build_scripts.render.links import briefing_page

from argmap_site import make_site
from conftest import anchors_in  # noqa: E402  (tests/ is on sys.path)

SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"  # nodes are HTML links inside <foreignObject>
HREF = "href"


@pytest.fixture(scope="module")
def site():
    return make_site()


def _svg(site, slug: str) -> ET.Element:
    ctx = Ctx(site, RenderOptions(), briefing_page(slug))
    return ET.fromstring(argmap_svg(ctx, site.briefing(slug)))


def _expected_nodes(site, slug: str) -> int:
    b = site.briefing(slug)
    here = {a.id for a in b.annotations}
    inline = sum(1 for a in b.annotations for c in a.counterclaims if not c.ref)
    outside = {c.ref for a in b.annotations for c in a.counterclaims if c.ref and c.ref not in here}
    return len(b.annotations) + inline + len(outside)


@pytest.mark.parametrize("slug", ["first", "second"])
def test_one_node_per_claim_counterclaim_and_outside_annotation(site, slug):
    nodes = _svg(site, slug).findall(f".//{SVG}foreignObject/{XHTML}a")
    assert len(nodes) == _expected_nodes(site, slug)
    assert all(n.get("aria-label") and n.get("title") == n.get("aria-label") for n in nodes)


def test_edges_run_from_counterclaim_to_disputed_claim(site):
    ctx = Ctx(site, RenderOptions(), briefing_page("first"))
    _, edges = layout(ctx, site.briefing("first"))
    assert sorted((e.source, e.target, e.arc) for e in edges) == [
        ("a-one--counter-1", "a-one", False), ("a-two", "a-one", False),
        ("ext:b-one", "a-one", False), ("ext:b-one", "a-two", True)]


@pytest.mark.parametrize("slug", ["first", "second"])
def test_every_href_resolves(site, slug):
    pages = {s: briefing.render(site, site.briefing(s), RenderOptions()).markdown for s in ("first", "second")}
    hrefs = [n.get(HREF) for n in _svg(site, slug).findall(f".//{SVG}foreignObject/{XHTML}a")]
    for href in hrefs:
        if href.startswith("#"):
            assert href[1:] in anchors_in(pages[slug]), href
        else:
            other = re.fullmatch(r"\.\./(\w+)/#(.+)", href)
            assert other, href
            assert other[2] in anchors_in(pages[other[1]]), href


def test_outside_node_names_its_speaker_and_links_to_its_briefing(site):
    (node,) = [n for n in _svg(site, "first").findall(f".//{SVG}foreignObject/{XHTML}a") if n.get("data-node") == "ext:b-one"]
    assert node.get(HREF) == "../second/#b-one"
    assert node.get("aria-label") == "Counterclaim from another briefing by Cat: Cat in the second briefing."


def test_deterministic(site):
    ctx = Ctx(site, RenderOptions(), briefing_page("first"))
    assert argmap_html(ctx, site.briefing("first")) == argmap_html(ctx, make_site().briefing("first"))


def test_hostile_text_is_escaped_and_long_claims_truncated(site):
    html = argmap_html(Ctx(site, RenderOptions(), briefing_page("first")), site.briefing("first"))
    assert "<script" not in html and "javascript:1>" not in html and "</svg><a" not in html
    svg = _svg(site, "first")  # parses: nothing broke out of the markup
    (node,) = [n for n in svg.findall(f".//{SVG}foreignObject/{XHTML}a") if n.get("data-node") == "a-two"]
    assert node.get("aria-label").startswith('Claim by Bob: Says <script>alert("x")</script> & "quotes"')
    assert len(node.get("aria-label")) < 200 and node.get("aria-label").endswith("…")
    lines = [t.text for t in node.find(f"{XHTML}span[@class='ab-map__claim']")]
    assert len(lines) == 2 and lines[1].endswith("…")
    assert "Ann &lt;Lee&gt;" in html


def test_briefing_page_has_the_map_section_only_with_annotations(site):
    page = briefing.render(site, site.briefing("first"), RenderOptions()).markdown
    assert page.index("{#argument-map}") < page.index("{#article}")
    assert '<div class="ab-map" data-search-exclude>' in page
