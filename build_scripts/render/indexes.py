"""The fixed navigation pages: home and the indexes of briefings, speakers, topics and claims."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from ..model import Briefing, Site
from ..roles import described
from . import links
from .context import Ctx, Deferred, Page, RenderOptions, block, page_meta, plural, table, ul
from .rows import claims_table, explorer_a, page_rows, page_title, paged, pager, shown
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


HOME_BRIEFINGS = 10  # the newest briefings listed on the home page; the briefings index lists them all


def _briefings_table(ctx: Ctx, briefings: Sequence[Briefing]) -> str:
    rows = [
        [
            ctx.briefing_a(b.slug),
            esc(b.article.publisher),
            f"<time>{esc(b.article.published)}</time>",
            str(len(b.annotations)),
        ]
        for b in briefings
    ]
    return table(["Briefing", "Publisher", "Published", "Annotations"], [rows])


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
    newest = site.briefings[:HOME_BRIEFINGS]
    more = (
        f'<p><a href="{esc(ctx.link.to(links.BRIEFINGS))}">All {plural(len(site.briefings), "briefing")}'
        "</a></p>"
        if len(site.briefings) > len(newest)
        else ""
    )
    body = [
        ctx.h1("Annotated Briefings"),
        block(f"<p>{INTRO}</p>", _totals(site), nav, cls="ab-intro"),
        ctx.heading(2, "Briefings", "briefings"),
        block(_briefings_table(ctx, newest), more),
    ]
    return ctx.finish(page_meta("Annotated Briefings"), body)


def briefings(site: Site, options: RenderOptions) -> list[Deferred]:
    """The briefings index, newest first, ``options.rows_per_page`` a page. The site's totals are counted
    once, not on each page; so the pages are never kept between rebuilds (no ``item``: see :func:`.paged`)."""
    make = partial(briefings_page, totals=_totals(site))
    return paged(links.BRIEFINGS, "Briefings", "", len(site.briefings), make, None, site, options)


def briefings_page(site: Site, totals: str, number: int, count: int, options: RenderOptions) -> Page:
    ctx = Ctx(site, options, links.page_n(links.BRIEFINGS, number))
    above, below = pager(ctx, links.BRIEFINGS, number, count, "Pages of the briefings")
    title = page_title("Briefings", number)
    body = block(
        totals,
        above,
        _briefings_table(ctx, page_rows(site.briefings, number, options.rows_per_page)),
        below,
    )
    return ctx.finish(page_meta(title), [ctx.h1(title), body])


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
            block(table(["Speaker", "Role", "Claims", "Counterclaims made"], [rows])),
        ],
        "annotations/speakers.yml",
    )


def topics(site: Site, options: RenderOptions) -> Page:
    ctx = Ctx(site, options, links.TOPICS)
    rows = [[ctx.topic_a(t.id), str(len(t.annotations)), str(len(t.briefings))] for t in site.topics.values()]
    return ctx.finish(
        page_meta("Topics"),
        [ctx.h1("Topics"), block(table(["Topic", "Annotations", "Briefings"], [rows]))],
    )


def _years(site: Site) -> dict[str, list[Briefing]]:
    """The briefings of each year, newest year first, each newest first (the site's order)."""
    years: dict[str, list[Briefing]] = {}
    for b in site.briefings:
        years.setdefault(b.article.published[:4], []).append(b)
    return years


def claims(site: Site, options: RenderOptions) -> Page:
    """The claims index: the years, newest first, each with its count of claims and briefings."""
    ctx = Ctx(site, options, links.CLAIMS)
    rows = [
        [
            f'<a href="{esc(ctx.link.to(links.claims_year(year)))}">{esc(year)}</a>',
            str(sum(len(b.annotations) for b in briefings)),
            str(len(briefings)),
        ]
        for year, briefings in _years(site).items()
    ]
    totals = f'<p class="ab-totals">{plural(len(site.annotations), "claim")} · {explorer_a(ctx)}</p>'
    body = block(totals, table(["Year", "Claims", "Briefings"], [rows]))
    return ctx.finish(page_meta("All claims"), [ctx.h1("All claims"), body])


def _year_title(year: str, number: int) -> str:
    return page_title(f"Claims of {year}", number)  # as paged() names its pages


def claims_years(site: Site, options: RenderOptions) -> list[Deferred]:
    """Each year's claims, newest first, ``options.rows_per_page`` a page, each rendered when asked for. A
    year's claims are gathered once, not on each of its pages; so the pages are never kept between rebuilds
    (no ``item``: see :func:`.paged`), as what they were given is not among what the page cache tracks."""
    pages = []
    for year, briefings in _years(site).items():
        ann_ids = tuple(a.id for b in briefings for a in b.annotations)  # newest first
        make = partial(claims_year, year=year, ann_ids=ann_ids)
        first = links.claims_year(year)
        pages += paged(first, _year_title(year, 1), "", len(ann_ids), make, None, site, options)
    return pages


def claims_year(
    site: Site, year: str, ann_ids: Sequence[str], number: int, count: int, options: RenderOptions
) -> Page:
    """A page of the claims of ``year``, given newest first."""
    first = links.claims_year(year)
    ctx = Ctx(site, options, links.page_n(first, number))
    title = _year_title(year, number)
    totals = (
        f'<p class="ab-totals">{plural(len(ann_ids), "claim")} in {esc(year)}'
        f"{shown(number, count, len(ann_ids), options.rows_per_page)}"
        f' · <a href="{esc(ctx.link.to(links.CLAIMS))}">All years</a> · {explorer_a(ctx, year=year)}</p>'
    )
    above, below = pager(ctx, first, number, count, f"Pages of the claims of {year}")
    body = block(totals, above, claims_table(ctx, page_rows(ann_ids, number, options.rows_per_page)), below)
    return ctx.finish(page_meta(title), [ctx.h1(title), body])


def render(site: Site, options: RenderOptions) -> list[Page | Deferred]:
    return [
        home(site, options),
        *briefings(site, options),
        speakers(site, options),
        topics(site, options),
        claims(site, options),
        *claims_years(site, options),
    ]
