"""The briefing page: title, byline and one summary line, then the article paragraph by paragraph, each row
holding the paragraph (its quotes highlighted in their speakers' colours) and the notes of the highlights that
start in it; then who is involved, and the disputes.

A row is ``<div class="ab-row"><p>…</p><div class="ab-notes">cards…</div></div>``: the stylesheet sets the
notes beside the paragraph on wide screens and under it on narrow ones (and without JavaScript), and
``docs/javascripts/reader.js`` selects a highlight and its card. Every highlight links to its card or note
(``#<id>``) and every card and note links back to the highlight (``#q-<id>``), so the page works without
JavaScript."""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections.abc import Iterator
from functools import partial
from typing import NamedTuple

from ..articles import paragraphs
from ..model import Briefing, Site
from . import jsonld, links
from .cards import annotation_html, counter_note_html, who
from .colours import colour_class, speaker_colours
from .context import (
    Ctx,
    Deferred,
    Page,
    RenderOptions,
    block,
    counter_speaker,
    page_meta,
    plural,
)
from .disputes import dispute_view
from .safe import esc

WHO_ID = "who-is-involved"  # the section after the article that lists the speakers (the colour legend)
DISPUTES_ID = "disputes"  # the dispute view's section


class Mark(NamedTuple):
    """A highlight: an annotation's quote or an inline counterclaim's."""

    start: int
    end: int
    target: str  # the id of its card or note; the highlight's own anchor is q-<target>
    kind: str  # "claim" or "counter"
    colour: str  # the speaker's colour class
    disputes: int  # how many counterclaims dispute it (0 for a counterclaim)


def _marks(site: Site, b: Briefing, colours: dict[str, str]) -> list[Mark]:
    """Every highlight of the briefing, in the order they start, the longest first."""
    marks = []
    for ann in b.annotations:
        if ann.span:
            cls = colour_class(colours, ann.speaker)
            marks.append(Mark(ann.span.start, ann.span.end, ann.id, "claim", cls, len(ann.counterclaims)))
        marks.extend(
            Mark(
                c.span.start,
                c.span.end,
                c.anchor,
                "counter",
                colour_class(colours, counter_speaker(site, c)),
                0,
            )
            for c in ann.counterclaims
            if c.span
        )
    return sorted(marks, key=lambda m: (m.start, -m.end))


def _described_by(mark: Mark) -> str:
    """The ids of what names a highlight's speaker and claim: its card's speaker line and claim."""
    return f"{mark.target}--by {mark.target}--claim"


def _badge(mark: Mark) -> str:
    """The count of a disputed claim's counterclaims, after its highlight (the cue besides colour)."""
    return f'<span class="ab-badge"><span class="ab-sr">, disputed by </span>{mark.disputes}</span>'


def highlighted_paragraphs(body: str, marks: list[Mark], ids: set[str]) -> list[str]:
    """Each paragraph of ``body`` as the inner HTML of its ``<p>``, with the ``marks`` (see :func:`_marks`);
    the ids of their anchors are added to ``ids``. Where highlights overlap, the innermost takes the piece;
    every highlight keeps an anchor where it starts, and a disputed one its count where it ends."""
    out = []
    active: list[int] = []  # indexes of the marks that reach into the paragraph, in order
    following = 0  # the first mark not yet in ``active``
    for p_start, p_end in paragraphs(body):
        while following < len(marks) and marks[following].start < p_end:
            active.append(following)
            following += 1
        active = [i for i in active if marks[i].end > p_start]
        ending: dict[int, list[int]] = {}  # where disputed highlights end, for their counts
        for i in active:
            if marks[i].disputes:
                ending.setdefault(marks[i].end, []).append(i)
        html = []
        for a, z, starting, innermost in _segments(marks, active, p_start, p_end):
            text = esc(body[a:z].replace("\n", " "))
            html += [f'<span class="ab-anchor" id="q-{marks[i].target}"></span>' for i in starting]
            ids.update(f"q-{marks[i].target}" for i in starting)
            if innermost is None:
                html.append(text)
                continue
            m = marks[innermost]
            cls = f"ab-hl ab-hl--{m.kind} {m.colour}"
            cls += " ab-hl--disputed" if m.disputes else ""
            cls += " ab-hl--start" if a == m.start else ""
            cls += " ab-hl--end" if z == m.end else ""
            badge = _badge(m) if m.disputes and z == m.end else ""
            html.append(
                f'<mark class="{cls}" data-ab-for="{m.target}"><a href="#{m.target}" '
                f'aria-describedby="{_described_by(m)}">{text}{badge}</a></mark>'
            )
            # A disputed highlight that ends under an inner one still shows its count where it ends.
            html += [_badge(marks[i]) for i in ending.get(z, ()) if i != innermost and a < z]
        out.append("".join(html))
    return out


def _segments(
    marks: list[Mark], inside: list[int], p_start: int, p_end: int
) -> Iterator[tuple[int, int, list[int], int | None]]:
    """The paragraph ``[p_start, p_end)`` cut at every mark boundary, as (start, end, the marks that start
    there, the shortest mark covering the piece or None; the first of equals). ``inside``: the indexes of the
    marks that overlap the paragraph, in order. One sweep with a heap: n log n in the marks of a paragraph
    (comparing every piece with every mark was quadratic: 10 s for 8,000 highlights in one paragraph)."""
    cuts = sorted({p_start, p_end, *(max(p_start, min(p_end, x)) for i in inside for x in marks[i][:2])})
    covering: list[tuple[int, int]] = []  # (length, index) of the marks begun; ended ones are dropped lazily
    j = 0
    for a, z in itertools.pairwise(cuts):
        starting = []
        while j < len(inside) and max(marks[inside[j]].start, p_start) <= a:
            i = inside[j]
            heapq.heappush(covering, (marks[i].end - marks[i].start, i))
            if marks[i].start == a:
                starting.append(i)
            j += 1
        while covering and marks[covering[0][1]].end <= a:
            heapq.heappop(covering)
        yield a, z, starting, covering[0][1] if covering else None


def article_html(ctx: Ctx, b: Briefing, colours: dict[str, str]) -> str:
    """The article as rows: each paragraph, then the cards and notes of the highlights that start in it, in
    the order they start; cards of annotations not found in the text come last."""
    body = b.article.body
    spans = paragraphs(body)
    starts = [p[0] for p in spans]
    notes: list[list[tuple[int, int, str]]] = [[] for _ in spans]  # per paragraph: (start, order, html)
    loose: list[str] = []
    order = itertools.count()  # equal starts keep the annotations' order
    for ann in b.annotations:
        card = annotation_html(ctx, b, ann, colours)
        if ann.span:
            notes[bisect.bisect_right(starts, ann.span.start) - 1].append((ann.span.start, next(order), card))
        else:
            loose.append(card)
        for c in ann.counterclaims:
            if c.span and not c.ref:
                note = counter_note_html(ctx, b, ann, c, colours)
                notes[bisect.bisect_right(starts, c.span.start) - 1].append((c.span.start, next(order), note))
    texts = highlighted_paragraphs(body, _marks(ctx.site, b, colours), ctx.ids)
    rows = [
        f'<div class="ab-row"><p>{text}</p>'
        + (f'<div class="ab-notes">{"".join(n[2] for n in sorted(these))}</div>' if these else "")
        + "</div>"
        for text, these in zip(texts, notes, strict=True)
    ]
    if loose:
        rows.append(
            '<div class="ab-row ab-row--loose"><p class="ab-label">Not found in the text</p>'
            f'<div class="ab-notes">{"".join(loose)}</div></div>'
        )
    return block(*rows, cls="ab-article ab-reader")


def summary_html(ctx: Ctx, b: Briefing, colours: dict[str, str]) -> str:
    """One line: how many annotations, how many disputed, how many speakers, linked to the sections after
    the article."""
    disputed = sum(1 for a in b.annotations if a.counterclaims)
    speakers = sum(1 for s in colours if s)
    parts = [plural(len(b.annotations), "annotation")]
    if disputed:
        parts.append(f'<a href="#{DISPUTES_ID}">{disputed} disputed</a>')
    if speakers:
        parts.append(f'<a href="#{WHO_ID}">{plural(speakers, "speaker")}</a>')
    return block(f'<p class="ab-summary">{" · ".join(parts)}</p>')


def who_html(ctx: Ctx, b: Briefing, colours: dict[str, str]) -> str:
    """Who is involved: every speaker in their colour (the legend of the highlights), with the role they held
    on the briefing's date and how many claims and counterclaims are theirs."""
    claims: dict[str, int] = {}
    counters: dict[str, int] = {}
    for ann in b.annotations:
        claims[ann.speaker] = claims.get(ann.speaker, 0) + 1
        for c in ann.counterclaims:
            if not c.ref:
                counters[c.speaker] = counters.get(c.speaker, 0) + 1
    items = []
    for sid in colours:
        counts = [
            plural(n, word)
            for n, word in ((claims.get(sid, 0), "claim"), (counters.get(sid, 0), "counterclaim"))
            if n
        ]
        count = f' <span class="ab-count">({", ".join(counts)})</span>' if counts else ""
        items.append(
            f'<li class="{colour_class(colours, sid)}"><span class="ab-swatch" aria-hidden="true"></span>'
            f"{who(ctx, sid, b)}{count}</li>"
        )
    return block(f'<ul class="ab-people">{"".join(items)}</ul>', cls="ab-who")


def meta_html(b: Briefing) -> str:
    a = b.article
    original = (
        f' · <a class="ab-original" href="{esc(a.url)}" rel="nofollow noopener noreferrer">'
        "Read the original</a>"
        if a.url
        else ""
    )
    deck = f'<p class="ab-deck">{esc(a.subtitle)}</p>' if a.subtitle else ""
    return block(
        deck,
        f'<p class="ab-byline"><span class="ab-publisher">{esc(a.publisher)}</span> · '
        f'{esc(a.author)} · <time datetime="{esc(a.published)}">{esc(a.published)}</time>{original}</p>',
        cls="ab-meta",
    )


def plan(site: Site, b: Briefing, options: RenderOptions) -> Deferred:
    return Deferred(
        links.briefing_page(b.slug),
        page_meta(b.article.title),
        b.source_path or b.article.path,
        partial(render, b=b, options=options),
        site,
        (b, options),
    )


def render(site: Site, b: Briefing, options: RenderOptions) -> Page:
    path = links.briefing_page(b.slug)
    ctx = Ctx(site, options, path)
    colours = speaker_colours(site, b)
    body = [meta_html(b)]
    if b.annotations:
        body.append(summary_html(ctx, b, colours))
    body += [ctx.heading(2, "Article", "article"), article_html(ctx, b, colours)]
    if b.annotations:
        body += [ctx.heading(2, "Who is involved", WHO_ID), who_html(ctx, b, colours)]
        body += dispute_view(ctx, b, colours)
    parts = [ctx.h1(b.article.title), *body]
    # schema.org Claim items go in <head>: in the content, the theme's instant navigation would
    # re-create the script without its type and run the JSON as JavaScript.
    head = jsonld.script_tag(jsonld.claims_json(site, b, options)) if b.annotations else ""
    meta = page_meta(b.article.title)
    return ctx.finish(meta, parts, b.source_path or b.article.path, head)
