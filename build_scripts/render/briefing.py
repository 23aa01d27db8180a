"""The briefing page: metadata, summary, the article with highlights, one section per annotation."""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Iterator
from functools import partial

from ..articles import paragraphs
from ..model import FRAMING, REPORTED, Annotation, Briefing, Counterclaim, Site
from . import jsonld, links
from .argmap import argmap_html
from .context import (
    BRIEFING_BOOST,
    Ctx,
    Deferred,
    Page,
    RenderOptions,
    block,
    card_title,
    kind_label,
    page_meta,
    plural,
    role_on,
    said,
    ul,
)
from .safe import esc, plain, rich, source_link


def _highlights(b: Briefing) -> list[tuple[int, int, str, str, str]]:
    """(start, end, id of the highlight, annotation anchor it links to, css kind), innermost last."""
    marks = []
    for ann in b.annotations:
        if ann.span:
            marks.append((ann.span.start, ann.span.end, f"q-{ann.id}", ann.id, "claim"))
        marks.extend(
            (c.span.start, c.span.end, f"q-{c.anchor}", c.anchor, "counter")
            for c in ann.counterclaims
            if c.span
        )
    return sorted(marks, key=lambda m: (m[0], -m[1]))


def article_html(ctx: Ctx, b: Briefing) -> str:
    """The article text as paragraphs, every anchored quote highlighted and linked to its annotation."""
    body = b.article.body
    marks = _highlights(b)
    titles = {ann.id: said(ctx.site, ann.speaker, plain(ann.claim)) for ann in b.annotations}
    titles.update(
        {
            c.anchor: said(ctx.site, _counter_speaker(ctx.site, c), plain(_counter_claim(ctx.site, c)))
            for ann in b.annotations
            for c in ann.counterclaims
            if c.span
        }
    )
    return block(*highlighted_paragraphs(body, marks, titles, ctx.ids), cls="ab-article")


def highlighted_paragraphs(
    body: str, marks: list[tuple[int, int, str, str, str]], titles: dict[str, str], ids: set[str]
) -> list[str]:
    """Each paragraph of ``body`` as HTML, with the ``marks`` of :func:`_highlights`, titled by ``titles``;
    the ids of their anchors are added to ``ids``."""
    out = []
    active: list[int] = []  # indexes of the marks that reach into the paragraph, in order
    following = 0  # the first mark not yet in ``active``
    for p_start, p_end in paragraphs(body):
        while following < len(marks) and marks[following][0] < p_end:
            active.append(following)
            following += 1
        active = [i for i in active if marks[i][1] > p_start]
        html = []
        for a, z, starting, innermost in _segments(marks, active, p_start, p_end):
            text = esc(body[a:z].replace("\n", " "))
            # Every highlight gets its own anchor where it starts, even when an inner one takes the link.
            html += [f'<span class="ab-anchor" id="{marks[i][2]}"></span>' for i in starting]
            ids.update(marks[i][2] for i in starting)
            if innermost is None:
                html.append(text)
                continue
            target, kind = marks[innermost][3:]
            html.append(
                f'<mark class="ab-hl ab-hl--{kind}"><a href="#{target}" '
                f'title="{esc(titles[target])}">{text}</a></mark>'
            )
        out.append(f"<p>{''.join(html)}</p>")
    return out


def _segments(
    marks: list, inside: list[int], p_start: int, p_end: int
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
        while j < len(inside) and max(marks[inside[j]][0], p_start) <= a:
            i = inside[j]
            heapq.heappush(covering, (marks[i][1] - marks[i][0], i))
            if marks[i][0] == a:
                starting.append(i)
            j += 1
        while covering and marks[covering[0][1]][1] <= a:
            heapq.heappop(covering)
        yield a, z, starting, covering[0][1] if covering else None


def _counter_speaker(site: Site, c: Counterclaim) -> str:
    return site.annotations[c.ref].speaker if c.ref else c.speaker


def _counter_claim(site: Site, c: Counterclaim) -> str:
    return site.annotations[c.ref].claim if c.ref else c.claim


def _sources(sources) -> str:
    items = [source_link(s.title, s.url) for s in sources]
    return ul(items, "ab-sources")


def counterclaim_html(ctx: Ctx, c: Counterclaim) -> str:
    speaker = ctx.speaker_a(_counter_speaker(ctx.site, c))
    if c.ref:
        target = ctx.site.annotations[c.ref]
        where = ctx.site.briefing(ctx.site.briefing_of[c.ref]).article.title
        # A copy of another annotation's claim: indexed for search only at its home section.
        body = (
            f'<div class="ab-counter__claim" data-search-exclude>{rich(target.claim)}</div>'
            f'<p class="ab-counter__ref"><a href="{esc(ctx.annotation_href(c.ref))}">See this annotation</a>'
            f" in “{esc(where)}”</p>"
        )
    else:
        quote = (
            f'<p class="ab-counter__quote">“<a href="#q-{c.anchor}">{esc(c.quote)}</a>”</p>' if c.span else ""
        )
        body = f'<div class="ab-counter__claim">{rich(c.claim)}</div>{quote}{_sources(c.sources)}'
    ctx.ids.add(c.anchor)
    return f'<li class="ab-counter" id="{c.anchor}"><p class="ab-counter__by">{speaker}</p>{body}</li>'


def _who(ctx: Ctx, speaker_id: str, b: Briefing) -> str:
    """The speaker, and the role held on the briefing's date ("The article" for its own framing)."""
    role = role_on(ctx.site, speaker_id, b.article.published)
    return ctx.speaker_a(speaker_id) + (f'<span class="ab-role">, {esc(role)}</span>' if role else "")


def speaker_line(ctx: Ctx, b: Briefing, ann: Annotation) -> str:
    """Who, and the label that says whose words the quote is."""
    return f'<p class="ab-card__speaker">{_who(ctx, ann.speaker, b)} {kind_label(ann)}</p>'


QUOTE_LEADS = {REPORTED: "As the article reports it:", FRAMING: "The article says:"}


def quote_html(ann: Annotation) -> str:
    """The quote: in quotation marks when they are the speaker's own words; else the article's words, said so
    (quotation marks round a paraphrase would make it look like the speaker's own words)."""
    lead = QUOTE_LEADS.get(ann.attribution)
    words = (
        f'<p><span class="ab-quote__lead">{lead}</span> {esc(ann.quote)}</p>'
        if lead
        else f"<p>“{esc(ann.quote)}”</p>"
    )
    return (
        f'<blockquote class="ab-quote">{words}'
        f'<p class="ab-quote__link"><a href="#q-{ann.id}">Show in the article</a></p></blockquote>'
    )


def annotation_html(ctx: Ctx, b: Briefing, ann: Annotation) -> list[str]:
    """The annotation's heading and card."""
    site = ctx.site
    parts = [
        speaker_line(ctx, b, ann),
        f'<div class="ab-claim">{rich(ann.claim)}</div>',
        quote_html(ann),
    ]
    if ann.counterclaims:
        parts.append(
            '<p class="ab-label">Disputed by</p><ul class="ab-counters">'
            + "".join(counterclaim_html(ctx, c) for c in ann.counterclaims)
            + "</ul>"
        )
    cited = site.cited_by.get(ann.id, ())
    if cited:
        items = [
            f'<a href="{esc(ctx.annotation_href(d.target))}">'
            f"{esc(said(site, site.annotations[d.target].speaker, plain(site.annotations[d.target].claim)))}"
            "</a>"
            for d in cited
        ]
        parts.append(
            '<div class="ab-cited" data-search-exclude><p class="ab-label">Cited as a counterclaim to</p>'
            + ul(items, "ab-backlinks")
            + "</div>"
        )
    if ann.topics:
        parts.append(
            '<p class="ab-topics"><span class="ab-label">Topics:</span> '
            + ", ".join(ctx.topic_a(t) for t in ann.topics)
            + "</p>"
        )
    if ann.note:
        parts.append(f'<div class="ab-note"><p class="ab-label">Note</p>{rich(ann.note)}</div>')
    if ann.sources:
        parts.append('<p class="ab-label">Sources</p>' + _sources(ann.sources))
    foot = []
    if ann.contributor:
        foot.append(f'Annotated by <span class="ab-contributor">{esc(ann.contributor)}</span>')
    edit = ctx.edit_a(ann.location.path, ann.location.line, "Edit this annotation")
    if edit:
        foot.append(edit)
    if foot:
        parts.append(f'<p class="ab-card__foot">{" · ".join(foot)}</p>')
    title = ctx.heading(3, card_title(site, ann), ann.id, toc_label=card_title(site, ann, 90))
    return [title, block(*parts, cls="ab-card")]


def summary_html(ctx: Ctx, b: Briefing) -> str:
    counts = Counter(a.speaker for a in b.annotations if a.speaker)
    framing = sum(1 for a in b.annotations if not a.speaker)
    disputed = sum(1 for a in b.annotations if a.counterclaims)
    counters = sum(len(a.counterclaims) for a in b.annotations)
    people = [
        f"{_who(ctx, sid, b)} ({plural(n, 'claim')})"
        for sid, n in sorted(counts.items(), key=lambda kv: (-kv[1], ctx.site.speakers[kv[0]].name))
    ]
    others = sorted(
        {_counter_speaker(ctx.site, c) for a in b.annotations for c in a.counterclaims} - set(counts) - {""}
    )
    people += [f"{_who(ctx, sid, b)} (counterclaims only)" for sid in others]
    if framing:
        people.append(f"{ctx.speaker_a('')} ({plural(framing, 'claim')} in its own words)")
    totals = (
        f'<p class="ab-totals">{plural(len(b.annotations), "annotation")} · '
        f"{plural(disputed, 'disputed claim')} · {plural(counters, 'counterclaim')}</p>"
    )
    return block(
        totals,
        '<p class="ab-label">Speakers involved</p>' + ul(people, "ab-people"),
        cls="ab-summary",
        search=False,
    )


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
        page_meta(b.article.title, search=BRIEFING_BOOST),
        b.source_path or b.article.path,
        partial(render, b=b, options=options),
        site,
        (b, options),
    )


def render(site: Site, b: Briefing, options: RenderOptions) -> Page:
    path = links.briefing_page(b.slug)
    ctx = Ctx(site, options, path)
    body = [meta_html(b), summary_html(ctx, b)]
    if b.annotations:
        body += [ctx.heading(2, "Argument map", "argument-map"), argmap_html(ctx, b)]
    body += [ctx.heading(2, "Article", "article"), article_html(ctx, b)]
    if b.annotations:
        body.append(ctx.heading(2, "Annotations", "annotations"))
        body += [part for ann in b.annotations for part in annotation_html(ctx, b, ann)]
    parts = [ctx.h1(b.article.title), *body]
    # schema.org Claim items go in <head>: in the content, the theme's instant navigation would
    # re-create the script without its type and run the JSON as JavaScript.
    head = jsonld.script_tag(jsonld.claims_json(site, b, options)) if b.annotations else ""
    meta = page_meta(b.article.title, search=BRIEFING_BOOST)
    return ctx.finish(meta, parts, b.source_path or b.article.path, head)
