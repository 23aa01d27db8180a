"""The argument map of a briefing: its claims and counterclaims, laid out at build time, drawn in the browser.

Layout is fixed and deterministic: claims in the left column, what disputes them in the right column:
annotations of this briefing cited by ``ref`` (an edge between two claim nodes), inline counterclaims, and
annotations of other briefings. Edges within one column are arcs in its
margin. The page carries only the layout, as compact JSON in one attribute;
docs/javascripts/argmap.js draws the SVG from it (every node a focusable link to
its annotation, named by its speaker and claim). Claims go through
``plain()``; every text (names too) through ``json.dumps`` and ``esc()``; the script sets it as text only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Briefing
from . import jsontext
from .context import Ctx, block, speaker_name
from .safe import esc, plain, truncate

_ENCODE = jsontext.encoder()

MARGIN = 64  # left margin, where arcs between claims run
NODE_W = 300
GAP = 72  # between the claim and the counterclaim columns
NODE_H = 58
ROW_GAP = 14
LINE_CHARS = 44  # characters per line of claim text in a node
PALETTE = 8  # speaker colours: CSS classes ab-map__node--s0 .. s7
WIDTH = MARGIN + NODE_W + GAP + NODE_W + MARGIN
KINDS = ("claim", "counter", "external")  # node kinds, by their number in the map data


@dataclass(frozen=True)
class Node:
    key: str  # annotation id, counterclaim anchor, or "ext:<annotation id>"
    kind: str  # "claim", "counter" or "external"
    speaker: str  # speaker id ("" for the article's own framing)
    claim: str  # plain text
    href: str
    x: int
    y: int


@dataclass(frozen=True)
class Edge:
    source: str  # node key of the counterclaim
    target: str  # node key of the disputed claim
    arc: bool  # between two claim nodes (drawn as an arc in the margin)


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
                key, entry = (
                    c.ref,
                    (
                        "claim",
                        site.annotations[c.ref].speaker,
                        plain(site.annotations[c.ref].claim),
                        f"#{c.ref}",
                    ),
                )
            elif c.ref:
                key, entry = (
                    f"ext:{c.ref}",
                    (
                        "external",
                        site.annotations[c.ref].speaker,
                        plain(site.annotations[c.ref].claim),
                        ctx.annotation_href(c.ref),
                    ),
                )
            else:
                key, entry = c.anchor, ("counter", c.speaker, plain(c.claim), f"#{c.anchor}")
            right.setdefault(key, entry)
            disputes.setdefault(key, []).append(ann.id)
            edges.append(Edge(key, ann.id, False))
    for ann in b.annotations:  # cited annotations nobody's claim points at still get a row (in order)
        if ann.id in cited and ann.id not in right:
            right[ann.id] = ("claim", ann.speaker, plain(ann.claim), f"#{ann.id}")
    order = {key: i for i, key in enumerate(right)}  # first-seen position of each right-column key

    def wanted(key: str) -> float:
        ys = [nodes[t].y for t in disputes.get(key, ()) if t in nodes]
        return sum(ys) / len(ys) if ys else float("inf")

    y = 8
    for key in sorted(order, key=lambda k: (wanted(k), order[k])):
        kind, speaker, claim, href = right[key]
        want = wanted(key)
        y = max(y, int(want)) if want != float("inf") else y
        nodes[key] = Node(key, kind, speaker, claim, href, right_x, y)
        y = _step(y)
    column = {key: n.x for key, n in nodes.items()}
    edges = [Edge(e.source, e.target, column[e.source] == column[e.target]) for e in edges]
    ordered = [nodes[a.id] for a in b.annotations if a.id in nodes]
    placed = {n.key for n in ordered}
    ordered += [n for key, n in sorted(nodes.items(), key=lambda kv: (kv[1].x, kv[1].y)) if key not in placed]
    return ordered, edges


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


def map_data(ctx: Ctx, b: Briefing) -> dict:
    """The map as compact data for docs/javascripts/argmap.js (plain text only: the script sets it as text).

    ``g``: [width, height, node width, node height, margin, palette size]; ``s``: speaker names in order
    of first appearance (a speaker's index modulo the palette size is its colour); ``n``: one row per node,
    [key, kind (0 claim, 1 counterclaim, 2 annotation of another briefing), x, y, speaker index,
    claim lines joined by a newline] plus the href when it is not ``"#" + key``; ``e``: one row per edge,
    [source node index, target node index, 1 for an arc between two nodes of one column else 0].
    """
    nodes, edges = layout(ctx, b)
    speakers = list(dict.fromkeys(n.speaker for n in nodes))  # by first appearance
    who = {sid: i for i, sid in enumerate(speakers)}
    at = {n.key: i for i, n in enumerate(nodes)}
    rows: list[list] = []
    for n in nodes:
        row = [n.key, KINDS.index(n.kind), n.x, n.y, who[n.speaker], "\n".join(_lines(n.claim))]
        rows.append(row if n.href == f"#{n.key}" else [*row, n.href])
    height = max(n.y for n in nodes) + NODE_H + 8
    return {
        "g": [WIDTH, height, NODE_W, NODE_H, MARGIN, PALETTE],
        "s": [speaker_name(ctx.site, sid) for sid in speakers],
        "n": rows,
        "e": [[at[e.source], at[e.target], int(e.arc)] for e in edges],
    }


def argmap_html(ctx: Ctx, b: Briefing) -> str:
    """The map as one raw HTML block, excluded from search ("" for a briefing without annotations).

    The block holds the map's data, not its drawing: docs/javascripts/argmap.js draws the SVG in the
    browser from the ``data-ab-map`` attribute (HTML-escaped JSON, see :func:`map_data`). Without
    JavaScript the annotation cards below carry the same content.
    """
    if not b.annotations:
        return ""
    data = _ENCODE(map_data(ctx, b))
    intro = (
        '<p class="ab-map__help">Claims on the left; what disputes them on the right (dashed: '
        "counterclaims without an annotation of their own, or annotations of other briefings). Each arrow "
        "points at the claim it disputes. Select a box to read its annotation.</p>"
    )
    fallback = (
        '<noscript><p class="ab-map__help">The map is drawn with JavaScript; every claim and counterclaim '
        "it shows is listed below.</p></noscript>"
    )
    return block(
        intro,
        fallback,
        f'<div class="ab-map__scroll" data-ab-map="{esc(data)}"></div>',
        cls="ab-map",
        search=False,
    )
