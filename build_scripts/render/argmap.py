"""The argument map of a briefing: an SVG of its claims and counterclaims, drawn at build time.

Layout is fixed and deterministic: claims in the left column, what disputes them in the right column: annotations of this briefing
cited by ``ref`` (an edge between two claim nodes), inline counterclaims, and
annotations of other briefings. Edges within one column are arcs in its
margin. Every node is a focusable SVG link to its annotation, named by its
speaker and claim; all contributor text goes through ``plain()`` and ``esc()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Briefing, Counterclaim, Site
from .context import Ctx, block
from .safe import esc, plain, truncate

MARGIN = 64  # left margin, where arcs between claims run
NODE_W = 300
GAP = 72  # between the claim and the counterclaim columns
NODE_H = 58
ROW_GAP = 14
LINE_CHARS = 44  # characters per line of claim text in a node
PALETTE = 8  # speaker colours: CSS classes ab-map__node--s0 .. s7
WIDTH = MARGIN + NODE_W + GAP + NODE_W + MARGIN


@dataclass(frozen=True)
class Node:
    key: str  # annotation id, counterclaim anchor, or "ext:<annotation id>"
    kind: str  # "claim", "counter" or "external"
    speaker: str  # speaker id
    claim: str  # plain text
    href: str
    x: int
    y: int


@dataclass(frozen=True)
class Edge:
    source: str  # node key of the counterclaim
    target: str  # node key of the disputed claim
    arc: bool  # between two claim nodes (drawn as an arc in the margin)


def _counter_speaker(site: Site, c: Counterclaim) -> str:
    return site.annotations[c.ref].speaker if c.ref else c.speaker


def _step(y: int) -> int:
    return y + NODE_H + ROW_GAP


def layout(ctx: Ctx, b: Briefing) -> tuple[list[Node], list[Edge]]:
    """Nodes with positions, and edges (counterclaim -> disputed claim).

    The left column holds the claims that no other annotation of this briefing
    cites as a counterclaim, in document order; the right column holds what
    disputes them (cited annotations, inline counterclaims, annotations of other
    briefings), each placed near the mean height of the claims it disputes.
    """
    site = ctx.site
    here = {a.id for a in b.annotations}
    cited = {c.ref for a in b.annotations for c in a.counterclaims if c.ref in here}
    left_x, right_x = MARGIN, MARGIN + NODE_W + GAP
    nodes: dict[str, Node] = {}
    y = 8
    for ann in b.annotations:
        if ann.id not in cited:
            nodes[ann.id] = Node(ann.id, "claim", ann.speaker, plain(ann.claim), f"#{ann.id}", left_x, y)
            y = _step(y)
    # Right column: (key, kind, speaker, claim, href) in first-seen order, with the claims each disputes.
    right: dict[str, tuple[str, str, str, str]] = {}
    disputes: dict[str, list[str]] = {}
    edges: list[Edge] = []
    for ann in b.annotations:
        for c in ann.counterclaims:
            if c.ref in here:
                key, entry = c.ref, ("claim", site.annotations[c.ref].speaker,
                                     plain(site.annotations[c.ref].claim), f"#{c.ref}")
            elif c.ref:
                key, entry = f"ext:{c.ref}", ("external", site.annotations[c.ref].speaker,
                                              plain(site.annotations[c.ref].claim), ctx.annotation_href(c.ref))
            else:
                key, entry = c.anchor, ("counter", c.speaker, plain(c.claim), f"#{c.anchor}")
            right.setdefault(key, entry)
            disputes.setdefault(key, []).append(ann.id)
            edges.append(Edge(key, ann.id, False))
    for ann in b.annotations:  # cited annotations nobody's claim points at still get a row (in order)
        if ann.id in cited and ann.id not in right:
            right[ann.id] = ("claim", ann.speaker, plain(ann.claim), f"#{ann.id}")
    order = list(right)

    def wanted(key: str) -> float:
        ys = [nodes[t].y for t in disputes.get(key, ()) if t in nodes]
        return sum(ys) / len(ys) if ys else float("inf")

    y = 8
    for key in sorted(order, key=lambda k: (wanted(k), order.index(k))):
        kind, speaker, claim, href = right[key]
        want = wanted(key)
        y = max(y, int(want)) if want != float("inf") else y
        nodes[key] = Node(key, kind, speaker, claim, href, right_x, y)
        y = _step(y)
    column = {key: n.x for key, n in nodes.items()}
    edges = [Edge(e.source, e.target, column[e.source] == column[e.target]) for e in edges]
    ordered = [nodes[a.id] for a in b.annotations if a.id in nodes]
    ordered += [n for key, n in sorted(nodes.items(), key=lambda kv: (kv[1].x, kv[1].y)) if n not in ordered]
    return ordered, edges


def _speaker_classes(nodes: list[Node]) -> dict[str, int]:
    """Colour index per speaker, by first appearance in the map."""
    order: dict[str, int] = {}
    for n in nodes:
        order.setdefault(n.speaker, len(order) % PALETTE)
    return order


def _lines(text: str) -> list[str]:
    """Claim text wrapped into at most two lines; the second ends with an ellipsis when text is cut."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > LINE_CHARS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [truncate(ln, LINE_CHARS) for ln in lines]


def _node_svg(site: Site, n: Node, colour: int) -> str:
    """A node: an HTML link inside <foreignObject>, so that it is an ordinary, focusable HTML anchor
    (Material's instant navigation rewrites every link's ``href`` property, which SVG links do not allow)."""
    name = site.speakers[n.speaker].name
    kind = {"claim": "Claim", "counter": "Counterclaim", "external": "Counterclaim from another briefing"}[n.kind]
    label = f"{kind} by {name}: {truncate(n.claim, 160)}"
    lines = "".join(f"<span>{esc(line)}</span>" for line in _lines(n.claim))
    return (f'<foreignObject x="{n.x}" y="{n.y}" width="{NODE_W}" height="{NODE_H}">'
            f'<a xmlns="http://www.w3.org/1999/xhtml" class="ab-map__node ab-map__node--{n.kind} '
            f'ab-map__node--s{colour}" href="{esc(n.href)}" aria-label="{esc(label)}" title="{esc(label)}" '
            f'data-node="{esc(n.key)}"><span class="ab-map__speaker">{esc(truncate(name, 40))}</span>'
            f'<span class="ab-map__claim">{lines}</span></a></foreignObject>')


def _edge_svg(e: Edge, at: dict[str, Node]) -> str:
    s, t = at[e.source], at[e.target]
    y1, y2 = s.y + NODE_H // 2, t.y + NODE_H // 2
    if e.arc:  # two nodes in one column: an arc in that column's outer margin
        reach = min(MARGIN - 12, 14 + abs(y2 - y1) // 16)
        if s.x == MARGIN:
            x1 = x2 = s.x - 2
            bend = s.x - reach
        else:
            x1 = x2 = s.x + NODE_W + 2
            bend = x1 + reach
        d = f"M{x1} {y1 - 8}C{bend} {y1 - 8} {bend} {y2 + 8} {x2} {y2 + 8}"
        cls = "ab-map__edge ab-map__edge--arc"
    else:
        mid = (s.x + t.x + NODE_W) // 2
        d = f"M{s.x} {y1}C{mid} {y1} {mid} {y2} {t.x + NODE_W + 2} {y2}"
        cls = "ab-map__edge"
    return f'<path class="{cls}" d="{d}" marker-end="url(#ab-map-arrow)"></path>'


def _legend(site: Site, colours: dict[str, int]) -> str:
    items = "".join(f'<li><span class="ab-map__swatch ab-map__node--s{i}" aria-hidden="true"></span>'
                    f"{esc(site.speakers[sid].name)}</li>" for sid, i in colours.items())
    return f'<ul class="ab-map__legend" aria-label="Speakers">{items}</ul>'


def argmap_svg(ctx: Ctx, b: Briefing, laid_out: tuple[list[Node], list[Edge]] | None = None) -> str:
    """The SVG alone (no wrapper): nodes as links, edges as arrows."""
    nodes, edges = laid_out or layout(ctx, b)
    at = {n.key: n for n in nodes}
    colours = _speaker_classes(nodes)
    height = max(n.y for n in nodes) + NODE_H + 8
    label = f"Argument map: {len(nodes)} claims and counterclaims, each linking to its annotation"
    return (f'<svg class="ab-map__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'width="100%" role="group" aria-label="{esc(label)}">'
            '<defs><marker id="ab-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"></path></marker></defs>'
            '<g class="ab-map__edges" aria-hidden="true">' + "".join(_edge_svg(e, at) for e in edges) + "</g>"
            + "".join(_node_svg(ctx.site, n, colours[n.speaker]) for n in nodes) + "</svg>")


def argmap_html(ctx: Ctx, b: Briefing) -> str:
    """The map as one raw HTML block, excluded from search ("" for a briefing without annotations)."""
    if not b.annotations:
        return ""
    laid_out = layout(ctx, b)
    colours = _speaker_classes(laid_out[0])
    intro = ('<p class="ab-map__help">Claims on the left; what disputes them on the right (dashed: counterclaims '
             'without an annotation of their own, or annotations of other briefings). Each arrow points at the claim '
             'it disputes. Select a box to read its annotation.</p>')
    return block(intro, _legend(ctx.site, colours),
                 f'<div class="ab-map__scroll">{argmap_svg(ctx, b, laid_out)}</div>', cls="ab-map", search=False)
