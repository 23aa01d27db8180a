"""The argument map's data: one node per claim, counterclaim and outside annotation; deterministic; escaped; small.

The page carries the layout as JSON in ``data-ab-map``; docs/javascripts/argmap.js draws it (tests/browser).
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from build_scripts.render import RenderOptions, briefing
from build_scripts.render.argmap import KINDS, LINE_CHARS, NODE_H, argmap_html, layout, map_data
from build_scripts.render.context import Ctx
from build_scripts.render.links import briefing_page

from argmap_site import HOSTILE, make_big_site, make_site
from conftest import anchors_in  # noqa: E402  (tests/ is on sys.path)

REPO_ROOT = Path(__file__).resolve().parents[1]
SCRIPT = REPO_ROOT / "docs" / "javascripts" / "argmap.js"


@pytest.fixture(scope="module")
def site():
    return make_site()


def _html(site, slug: str) -> str:
    return argmap_html(Ctx(site, RenderOptions(), briefing_page(slug)), site.briefing(slug))


class _Elements(HTMLParser):
    """Every start tag of a fragment with its attributes (entities decoded, as a browser reads them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _elements(fragment: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser.tags


def _data(site, slug: str) -> dict:
    (attr,) = [a["data-ab-map"] for _, a in _elements(_html(site, slug)) if "data-ab-map" in a]
    return json.loads(attr)


def _nodes(site, slug: str) -> dict[str, dict]:
    """Node rows by key, with the default href filled in."""
    data = _data(site, slug)
    return {row[0]: {"kind": KINDS[row[1]], "x": row[2], "y": row[3], "speaker": data["s"][row[4]],
                     "colour": row[4] % data["g"][5], "lines": row[5].split("\n"),
                     "href": row[6] if len(row) > 6 else f"#{row[0]}"} for row in data["n"]}


def _expected_nodes(site, slug: str) -> int:
    b = site.briefing(slug)
    here = {a.id for a in b.annotations}
    inline = sum(1 for a in b.annotations for c in a.counterclaims if not c.ref)
    outside = {c.ref for a in b.annotations for c in a.counterclaims if c.ref and c.ref not in here}
    return len(b.annotations) + inline + len(outside)


def test_block_is_a_wrapper_with_help_and_one_data_container(site):
    tags = _elements(_html(site, "first"))
    assert [t for t, _ in tags] == ["div", "p", "noscript", "p", "div"]
    assert tags[0][1] == {"class": "ab-map", "data-search-exclude": None}
    assert tags[-1][1]["class"] == "ab-map__scroll"
    assert "<script" not in _html(site, "first") and "<svg" not in _html(site, "first")


@pytest.mark.parametrize("slug", ["first", "second"])
def test_one_node_per_claim_counterclaim_and_outside_annotation(site, slug):
    assert len(_nodes(site, slug)) == _expected_nodes(site, slug)


def test_data_carries_the_layout(site):
    ctx = Ctx(site, RenderOptions(), briefing_page("first"))
    nodes, _ = layout(ctx, site.briefing("first"))
    data = _data(site, "first")
    assert data == map_data(ctx, site.briefing("first"))  # the attribute round-trips exactly
    assert [(r[0], KINDS[r[1]], r[2], r[3]) for r in data["n"]] == [(n.key, n.kind, n.x, n.y) for n in nodes]
    assert {k: (n["kind"], n["x"], n["y"]) for k, n in _nodes(site, "first").items()} == {
        "a-one": ("claim", 64, 8), "a-three": ("claim", 64, 80),  # claims nobody here cites: left
        "a-one--counter-1": ("counter", 436, 8), "a-two": ("claim", 436, 80), "ext:b-one": ("external", 436, 152)}
    assert data["g"] == [800, 152 + NODE_H + 8, 300, NODE_H, 64, 8]


def test_speakers_and_colours_in_order_of_first_appearance(site):
    assert _data(site, "first")["s"] == ["Ann <Lee>", "Bob", "Cat"]
    nodes = _nodes(site, "first")
    assert [(nodes[k]["speaker"], nodes[k]["colour"]) for k in ("a-one", "a-two", "a-one--counter-1", "ext:b-one")] == [
        ("Ann <Lee>", 0), ("Bob", 1), ("Bob", 1), ("Cat", 2)]


def test_edges_run_from_counterclaim_to_disputed_claim(site):
    ctx = Ctx(site, RenderOptions(), briefing_page("first"))
    _, edges = layout(ctx, site.briefing("first"))
    expected = [("a-one--counter-1", "a-one", False), ("a-two", "a-one", False),
                ("ext:b-one", "a-one", False), ("ext:b-one", "a-two", True)]
    assert sorted((e.source, e.target, e.arc) for e in edges) == expected
    data = _data(site, "first")
    keys = [row[0] for row in data["n"]]
    assert sorted((keys[s], keys[t], bool(arc)) for s, t, arc in data["e"]) == expected


@pytest.mark.parametrize("slug", ["first", "second"])
def test_every_href_resolves(site, slug):
    pages = {s: briefing.render(site, site.briefing(s), RenderOptions()).markdown for s in ("first", "second")}
    for node in _nodes(site, slug).values():
        href = node["href"]
        if href.startswith("#"):
            assert href[1:] in anchors_in(pages[slug]), href
        else:
            other = re.fullmatch(r"\.\./(\w+)/#(.+)", href)
            assert other, href
            assert other[2] in anchors_in(pages[other[1]]), href


def test_outside_node_names_its_speaker_and_links_to_its_briefing(site):
    node = _nodes(site, "first")["ext:b-one"]
    assert (node["kind"], node["speaker"], node["href"], node["lines"]) == (
        "external", "Cat", "../second/#b-one", ["Cat in the second briefing."])


def test_deterministic(site):
    assert _html(site, "first") == _html(make_site(), "first")


def test_hostile_text_is_escaped_and_long_claims_truncated(site):
    raw = _html(site, "first")
    assert "<script" not in raw and "javascript:1>" not in raw and "</svg><a" not in raw
    assert "Ann &lt;Lee&gt;" in raw
    tags = _elements(raw)  # nothing broke out of the attribute: still the same five elements
    assert [t for t, _ in tags] == ["div", "p", "noscript", "p", "div"]
    lines = _nodes(site, "first")["a-two"]["lines"]
    assert "\n".join(lines).startswith('Says <script>alert("x")</script> & "quotes"')
    assert len(lines) == 2 and lines[1].endswith("…") and all(len(line) <= LINE_CHARS for line in lines)
    other = _nodes(site, "second")["b-one--counter-1"]  # the payload as a whole counterclaim: text, intact
    assert " ".join(other["lines"]) == " ".join(HOSTILE.split())


def test_block_is_small():
    big = make_big_site()
    raw = argmap_html(Ctx(big, RenderOptions(), briefing_page("big")), big.briefing("big"))
    data = json.loads(html.unescape(re.search(r'data-ab-map="([^"]*)"', raw)[1]))
    assert len(big.briefing("big").annotations) == 20
    assert (len(data["n"]), len(data["e"])) == (40, 39)
    assert all(row[5].endswith("…") for row in data["n"])  # every node shows two full lines
    assert len(raw.encode("utf-8")) < 8_000  # the server-drawn SVG took 39.8 KB for this


def test_briefing_page_has_the_map_section_only_with_annotations(site):
    page = briefing.render(site, site.briefing("first"), RenderOptions()).markdown

    def at(anchor: str) -> int:  # a Markdown heading id or an HTML one
        return re.search(rf'\{{#{anchor}\}}|id="{anchor}"', page).start()
    assert at("argument-map") < at("article")
    assert '<div class="ab-map" data-search-exclude>' in page
    assert "ab-map" not in briefing.render(site, site.briefing("first"), RenderOptions()).markdown.replace(
        _html(site, "first"), "")  # the one map block, nothing else
    bare = dataclasses.replace(site.briefing("first"), annotations=())
    assert argmap_html(Ctx(site, RenderOptions(), briefing_page("first")), bare) == ""


def test_the_drawing_script_is_loaded_and_never_parses_markup():
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "javascripts/argmap.js" in config["extra_javascript"]
    script = SCRIPT.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(", "fetch("):
        assert sink not in script, sink
    assert "document$.subscribe" in script
