"""The briefing page: metadata, summary, the article with highlights, one section per annotation."""

from __future__ import annotations

from collections import Counter
from functools import partial

from ..articles import paragraphs
from ..model import Annotation, Briefing, Counterclaim, Site
from . import jsonld, links, rawblocks
from .argmap import argmap_html
from .context import BRIEFING_BOOST, Ctx, Deferred, Page, RenderOptions, block, card_title, front_matter, h1, heading, plural, ul
from .safe import esc, plain, rich, rich_inline


def _highlights(b: Briefing) -> list[tuple[int, int, str, str, str]]:
    """(start, end, id of the highlight, annotation anchor it links to, css kind), innermost last."""
    marks = []
    for ann in b.annotations:
        if ann.span:
            marks.append((ann.span.start, ann.span.end, f"q-{ann.id}", ann.id, "claim"))
        for c in ann.counterclaims:
            if c.span:
                marks.append((c.span.start, c.span.end, f"q-{c.anchor}", c.anchor, "counter"))
    return sorted(marks, key=lambda m: (m[0], -m[1]))


def article_html(ctx: Ctx, b: Briefing) -> str:
    """The article text as paragraphs, every anchored quote highlighted and linked to its annotation."""
    body = b.article.body
    marks = _highlights(b)
    titles = {ann.id: f"{ctx.site.speakers[ann.speaker].name}: {plain(ann.claim)}" for ann in b.annotations}
    titles.update({c.anchor: f"{ctx.site.speakers[_counter_speaker(ctx.site, c)].name}: {plain(_counter_claim(ctx.site, c))}"
                   for ann in b.annotations for c in ann.counterclaims if c.span})
    out = []
    for p_start, p_end in paragraphs(body):
        inside = [m for m in marks if m[0] < p_end and m[1] > p_start]
        cuts = sorted({p_start, p_end, *(max(p_start, min(p_end, x)) for m in inside for x in m[:2])})
        html = []
        for a, z in zip(cuts, cuts[1:]):
            text = esc(body[a:z].replace("\n", " "))
            # Every highlight gets its own anchor where it starts, even when an inner one takes the link.
            html += [f'<span class="ab-anchor" id="{m[2]}"></span>' for m in inside if m[0] == a]
            covering = [m for m in inside if m[0] <= a and m[1] >= z]
            if not covering:
                html.append(text)
                continue
            target, kind = min(covering, key=lambda m: m[1] - m[0])[3:]
            html.append(f'<mark class="ab-hl ab-hl--{kind}"><a href="#{target}" '
                        f'title="{esc(titles[target])}">{text}</a></mark>')
        out.append(f"<p>{''.join(html)}</p>")
    return block(*out, cls="ab-article")


def _counter_speaker(site: Site, c: Counterclaim) -> str:
    return site.annotations[c.ref].speaker if c.ref else c.speaker


def _counter_claim(site: Site, c: Counterclaim) -> str:
    return site.annotations[c.ref].claim if c.ref else c.claim


def _sources(sources) -> str:
    items = [f'<a href="{esc(s.url)}" rel="nofollow noopener noreferrer">{rich_inline(s.title)}</a>' for s in sources]
    return ul(items, "ab-sources")


def counterclaim_html(ctx: Ctx, c: Counterclaim) -> str:
    speaker = ctx.speaker_a(_counter_speaker(ctx.site, c))
    if c.ref:
        target = ctx.site.annotations[c.ref]
        where = ctx.site.briefing(ctx.site.briefing_of[c.ref]).article.title
        # A copy of another annotation's claim: indexed for search only at its home section.
        body = (f'<div class="ab-counter__claim" data-search-exclude>{rich(target.claim)}</div>'
                f'<p class="ab-counter__ref"><a href="{esc(ctx.annotation_href(c.ref))}">See this annotation</a>'
                f' in “{esc(where)}”</p>')
    else:
        quote = (f'<p class="ab-counter__quote">“<a href="#q-{c.anchor}">{esc(c.quote)}</a>”</p>'
                 if c.span else "")
        body = f'<div class="ab-counter__claim">{rich(c.claim)}</div>{quote}{_sources(c.sources)}'
    return f'<li class="ab-counter" id="{c.anchor}"><p class="ab-counter__by">{speaker}</p>{body}</li>'


def annotation_html(ctx: Ctx, b: Briefing, ann: Annotation) -> str:
    site = ctx.site
    speaker = site.speakers[ann.speaker]
    parts = [
        f'<p class="ab-card__speaker">{ctx.speaker_a(ann.speaker)}<span class="ab-role">, {esc(speaker.role)}</span></p>',
        f'<div class="ab-claim">{rich(ann.claim)}</div>',
        f'<blockquote class="ab-quote"><p>“{esc(ann.quote)}”</p>'
        f'<p class="ab-quote__link"><a href="#q-{ann.id}">Show in the article</a></p></blockquote>',
    ]
    if ann.counterclaims:
        parts.append('<p class="ab-label">Disputed by</p><ul class="ab-counters">'
                     + "".join(counterclaim_html(ctx, c) for c in ann.counterclaims) + "</ul>")
    cited = site.cited_by.get(ann.id, ())
    if cited:
        items = [f'<a href="{esc(ctx.annotation_href(d.target))}">{esc(site.speakers[site.annotations[d.target].speaker].name)}: '
                 f'{esc(plain(site.annotations[d.target].claim))}</a>' for d in cited]
        parts.append('<div class="ab-cited" data-search-exclude><p class="ab-label">Cited as a counterclaim to</p>'
                     + ul(items, "ab-backlinks") + "</div>")
    if ann.topics:
        parts.append('<p class="ab-topics"><span class="ab-label">Topics:</span> '
                     + ", ".join(ctx.topic_a(t) for t in ann.topics) + "</p>")
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
    title = heading(3, card_title(site, ann), ann.id, toc_label=card_title(site, ann, 90))
    return title + "\n" + block(*parts, cls="ab-card")


def summary_html(ctx: Ctx, b: Briefing) -> str:
    counts = Counter(a.speaker for a in b.annotations)
    disputed = sum(1 for a in b.annotations if a.counterclaims)
    counters = sum(len(a.counterclaims) for a in b.annotations)
    people = [f"{ctx.speaker_a(sid)} ({plural(n, 'claim')})" for sid, n in
              sorted(counts.items(), key=lambda kv: (-kv[1], ctx.site.speakers[kv[0]].name))]
    others = sorted({_counter_speaker(ctx.site, c) for a in b.annotations for c in a.counterclaims} - set(counts))
    people += [f"{ctx.speaker_a(sid)} (counterclaims only)" for sid in others]
    totals = (f'<p class="ab-totals">{plural(len(b.annotations), "annotation")} · '
              f'{plural(disputed, "disputed claim")} · {plural(counters, "counterclaim")}</p>')
    return block(totals, '<p class="ab-label">Speakers involved</p>' + ul(people, "ab-people"),
                 cls="ab-summary", search=False)


def meta_html(b: Briefing) -> str:
    a = b.article
    original = (f' · <a class="ab-original" href="{esc(a.url)}" rel="nofollow noopener noreferrer">Read the original</a>'
                if a.url else "")
    deck = f'<p class="ab-deck">{esc(a.subtitle)}</p>' if a.subtitle else ""
    return block(deck, f'<p class="ab-byline"><span class="ab-publisher">{esc(a.publisher)}</span> · '
                 f'{esc(a.author)} · <time datetime="{esc(a.published)}">{esc(a.published)}</time>{original}</p>',
                 cls="ab-meta")


def plan(site: Site, b: Briefing, options: RenderOptions) -> Deferred:
    return Deferred(links.briefing_page(b.slug), front_matter(b.article.title, search=BRIEFING_BOOST),
                    b.source_path or b.article.path, partial(render, b=b, options=options), site, (b, options))


def render(site: Site, b: Briefing, options: RenderOptions) -> Page:
    path = links.briefing_page(b.slug)
    ctx = Ctx(site, options, path)
    body = [meta_html(b), summary_html(ctx, b)]
    if b.annotations:
        body += [heading(2, "Argument map", "argument-map"), argmap_html(ctx, b)]
    body += [heading(2, "Article", "article"), article_html(ctx, b)]
    if b.annotations:
        body.append(heading(2, "Annotations", "annotations"))
        body += [annotation_html(ctx, b, ann) for ann in b.annotations]
    parts = [front_matter(b.article.title, search=BRIEFING_BOOST), h1(b.article.title, rawblocks.ids(body)), *body]
    # schema.org Claim items go in <head>: in the content, Material's instant navigation would
    # re-create the script without its type and run the JSON as JavaScript.
    head = jsonld.script_tag(jsonld.claims_json(site, b, options)) if b.annotations else ""
    return Page(path, "\n".join(parts), b.source_path or b.article.path, head)
