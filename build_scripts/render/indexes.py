"""The fixed navigation pages: home and the indexes of briefings, speakers, topics and claims."""

from __future__ import annotations

from functools import partial
from itertools import islice

from ..model import Site
from ..roles import described
from . import links
from .context import (
    Ctx,
    Deferred,
    Page,
    RenderOptions,
    block,
    disputers,
    kind_label,
    page_meta,
    plural,
    table,
    ul,
)
from .safe import esc

INTRO = (
    "Each briefing shows a news article with the claims made in it highlighted: who said what, "
    "the claim in plain words, and who disputes it. Follow a speaker or a topic across briefings "
    "from the indexes."
)


def _totals(site: Site) -> str:
    counters = sum(len(a.counterclaims) for a in site.annotations.values())
    return (
        f'<p class="ab-totals">{plural(len(site.briefings), "briefing")} · '
        f"{plural(len(site.annotations), 'annotation')} · {plural(counters, 'counterclaim')} · "
        f"{plural(len(site.speakers), 'speaker')} · {plural(len(site.topics), 'topic')}</p>"
    )


def _briefings_table(ctx: Ctx) -> str:
    rows = [
        [
            ctx.briefing_a(b.slug),
            esc(b.article.publisher),
            f'<time datetime="{esc(b.article.published)}">{esc(b.article.published)}</time>',
            str(len(b.annotations)),
        ]
        for b in ctx.site.briefings
    ]
    return table(["Briefing", "Publisher", "Published", "Annotations"], rows)


def home(site: Site, options: RenderOptions) -> Page:
    ctx = Ctx(site, options, links.HOME)
    nav = ul(
        [
            f'<a href="{esc(ctx.link.to(target))}">{label}</a>'
            for target, label in (
                (links.BRIEFINGS, "Briefings"),
                (links.SPEAKERS, "Speakers"),
                (links.TOPICS, "Topics"),
                (links.CLAIMS, "All claims"),
                (links.EXPLORER, "Claims explorer"),
            )
        ],
        "ab-index-links",
    )
    body = [
        ctx.h1("Annotated Briefings"),
        block(f"<p>{INTRO}</p>", _totals(site), nav, cls="ab-intro"),
        ctx.heading(2, "Briefings", "briefings"),
        block(_briefings_table(ctx), search=False),
    ]
    return ctx.finish(page_meta("Annotated Briefings"), body)


def briefings(site: Site, options: RenderOptions) -> Page:
    ctx = Ctx(site, options, links.BRIEFINGS)
    return ctx.finish(
        page_meta("Briefings"),
        [ctx.h1("Briefings"), block(_totals(site), _briefings_table(ctx), search=False)],
    )


def speakers(site: Site, options: RenderOptions) -> Page:
    ctx = Ctx(site, options, links.SPEAKERS)
    rows = [
        [
            ctx.speaker_a(s.id),
            esc(described(s.latest_role)),
            str(len(site.by_speaker.get(s.id, ()))),
            str(len(site.disputes_by.get(s.id, ()))),
        ]
        for s in site.speakers.values()
    ]
    return ctx.finish(
        page_meta("Speakers"),
        [
            ctx.h1("Speakers"),
            block(table(["Speaker", "Role", "Claims", "Counterclaims made"], rows), search=False),
        ],
        "annotations/speakers.yml",
    )


def topics(site: Site, options: RenderOptions) -> Page:
    ctx = Ctx(site, options, links.TOPICS)
    rows = [
        [ctx.topic_a(t.id), str(len(t.annotations)), str(len({site.briefing_of[a] for a in t.annotations}))]
        for t in site.topics.values()
    ]
    return ctx.finish(
        page_meta("Topics"),
        [ctx.h1("Topics"), block(table(["Topic", "Annotations", "Briefings"], rows), search=False)],
    )


CLAIMS_PER_PAGE = 500  # the claims index is split so that no page grows with the whole corpus


def _pager(ctx: Ctx, number: int, count: int) -> str:
    """Previous / numbered / next links between the pages of the claims index."""
    if count == 1:
        return ""

    def a(n: int, label: str, rel: str = "") -> str:
        attrs = f' rel="{rel}"' if rel else ""
        return f'<a href="{esc(ctx.link.to(links.claims_page(n)))}"{attrs}>{label}</a>'

    items = [a(number - 1, "Previous", "prev")] if number > 1 else []
    items += [
        f'<span aria-current="page">{n}</span>' if n == number else a(n, str(n)) for n in range(1, count + 1)
    ]
    items += [a(number + 1, "Next", "next")] if number < count else []
    return f'<nav class="ab-pager" aria-label="Pages of all claims">{" ".join(items)}</nav>'


def _claims_title(number: int) -> str:
    return "All claims" if number == 1 else f"All claims, page {number}"


def claims(site: Site, options: RenderOptions) -> list[Deferred]:
    """The claims index, :data:`CLAIMS_PER_PAGE` claims a page, each page rendered only when asked for."""
    count = max(1, -(-len(site.annotations) // CLAIMS_PER_PAGE))
    return [
        Deferred(
            links.claims_page(number),
            page_meta(_claims_title(number)),
            "",
            partial(claims_page, number=number, count=count, options=options),
            site,
        )
        for number in range(1, count + 1)
    ]


def claims_page(site: Site, number: int, count: int, options: RenderOptions) -> Page:
    everything = ((b, a) for b in site.briefings for a in b.annotations)  # newest first
    path = links.claims_page(number)
    ctx = Ctx(site, options, path)
    chunk = list(islice(everything, (number - 1) * CLAIMS_PER_PAGE, number * CLAIMS_PER_PAGE))
    rows = [
        [
            ctx.claim_a(a),
            f"{ctx.speaker_a(a.speaker)} {kind_label(a)}",
            ctx.briefing_a(b.slug),
            esc(", ".join(disputers(site, a.id))) or "undisputed",
        ]
        for b, a in chunk
    ]
    shown = (
        f" · page {number} of {count}, claims {(number - 1) * CLAIMS_PER_PAGE + 1}"
        f"–{(number - 1) * CLAIMS_PER_PAGE + len(chunk)}"
        if count > 1
        else ""
    )
    title = _claims_title(number)
    pager = _pager(ctx, number, count)
    return ctx.finish(
        page_meta(title),
        [
            ctx.h1(title),
            block(
                f'<p class="ab-totals">{plural(len(site.annotations), "claim")}{shown} · '
                f'<a href="{esc(ctx.link.to(links.EXPLORER))}">'
                "Filter and search them in the claims explorer</a></p>",
                pager,
                table(["Claim", "Speaker", "Briefing", "Disputed by"], rows),
                pager,
                search=False,
            ),
        ],
    )


def render(site: Site, options: RenderOptions) -> list[Page | Deferred]:
    return [
        home(site, options),
        briefings(site, options),
        speakers(site, options),
        topics(site, options),
        *claims(site, options),
    ]
