"""Lists of claims as compact rows, and long lists split into pages of a bounded size.

An annotation is shown in full once, on its briefing page. Every other list of claims (a speaker's claims, a
topic, a year of the claims index) shows it as one row, made by :func:`claims_table`: the claim, linked to the
annotation; its speaker (where the page is not the speaker's); who disputes it; the briefing; the date. A
list longer than ``RenderOptions.rows_per_page`` rows (500) is split into pages (:func:`page_count`,
:func:`page_rows`), linked by a :func:`pager` that names a bounded number of them, so that no page grows
with the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import groupby
from typing import Any, TypeVar
from urllib.parse import quote, urlencode

from . import links
from .context import Cell, Ctx, Deferred, Page, RenderOptions, disputers, page_meta, table
from .safe import esc

PAGER_SPAN = 2  # the pager names the first and last pages, and this many pages either side of the current one

T = TypeVar("T")


def paged(
    first: str,
    title: str,
    edit_path: str,
    rows: int,
    make: Callable[..., Page],
    item: object,
    site: Any,
    options: RenderOptions,
) -> list[Deferred]:
    """The pages of a list of ``rows`` rows about ``item``: ``first``, then its ``page-2``... Each is made by
    ``make(site, options=, number=, count=)``; with ``item`` None (a list of the whole site), the page cache
    does not keep them."""
    count = page_count(rows, options.rows_per_page)
    return [
        Deferred(
            links.page_n(first, number),
            page_meta(page_title(title, number)),
            edit_path,
            partial(make, options=options, number=number, count=count),
            site,
            None if item is None else (item, options, number, count),
        )
        for number in range(1, count + 1)
    ]


def page_count(rows: int, per_page: int) -> int:
    """How many pages a list of ``rows`` rows takes (at least one, which may be empty)."""
    return max(1, -(-rows // per_page))


def page_rows(rows: Sequence[T], number: int, per_page: int) -> Sequence[T]:
    """The rows of page ``number`` (from 1)."""
    return rows[(number - 1) * per_page : number * per_page]


def page_title(title: str, number: int) -> str:
    return title if number == 1 else f"{title}, page {number}"


def shown(number: int, count: int, rows: int, per_page: int) -> str:
    """`` · page 2 of 3, rows 501–1000`` (with its leading separator) for a list of several pages, else ""."""
    if count == 1:
        return ""
    first = (number - 1) * per_page + 1
    return f" · page {number:,} of {count:,}, {first:,}–{min(rows, number * per_page):,}"


def pager(ctx: Ctx, first: str, number: int, count: int, label: str) -> tuple[str, str]:
    """Links between the pages of one list whose first page is ``first``: previous, the first and last pages
    and :data:`PAGER_SPAN` pages either side of this one (gaps shown as "…"), next. Two of them, for above the
    list and below it ("" each for a single page): landmarks named ``label`` and ``label, at the end``, since
    a page's landmarks of one kind are told apart by their names."""
    if count == 1:
        return "", ""

    def a(n: int, text: str, rel: str = "") -> str:
        attrs = f' rel="{rel}"' if rel else ""
        return f'<a href="{esc(ctx.link.to(links.page_n(first, n)))}"{attrs}>{text}</a>'

    near = range(max(1, number - PAGER_SPAN), min(count, number + PAGER_SPAN) + 1)
    items = [a(number - 1, "Previous", "prev")] if number > 1 else []
    last = 0
    for n in sorted({1, count, *near}):
        if n > last + 1:
            items.append('<span aria-hidden="true">…</span>')
        items.append(f'<span aria-current="page">{n}</span>' if n == number else a(n, str(n)))
        last = n
    items += [a(number + 1, "Next", "next")] if number < count else []
    html = " ".join(items)
    return (
        f'<nav class="ab-pager" aria-label="{esc(label)}">{html}</nav>',
        f'<nav class="ab-pager" aria-label="{esc(label)}, at the end">{html}</nav>',
    )


def explorer_a(ctx: Ctx, **filters: str) -> str:
    """A link to the claims explorer, its filters set (the explorer keeps them in its address: ``?topic=``,
    ``?speaker=``, ``?year=``, each a value as the explorer lists it, a name)."""
    query = urlencode(filters, quote_via=quote)
    href = ctx.link.to(links.EXPLORER) + (f"?{query}" if query else "")
    return f'<a href="{esc(href)}">Filter and search them in the claims explorer</a>'


def where(ctx: Ctx, slug: str) -> list[str]:
    """The cells that say where a claim was made: the briefing (linked) and its date."""
    published = esc(ctx.site.briefing(slug).article.published)
    return [ctx.briefing_a(slug), f"<time>{published}</time>"]


def grouped(ctx: Ctx, rows: Iterable[tuple[list[str], str]]) -> list[list[list[Cell]]]:
    """Rows ``(cells, briefing slug)`` in groups, one for each run of consecutive rows of the same briefing.
    The group's first row begins with the briefing and date cells (:func:`where`), spanning the run (a year's
    claims come twenty to a briefing: each row would repeat them); the briefing heads the group."""
    out: list[list[list[Cell]]] = []
    for slug, run in groupby(rows, key=lambda row: row[1]):
        cells = [list[Cell](row[0]) for row in run]
        cells[0][:0] = [(cell, len(cells)) for cell in where(ctx, slug)]
        out.append(cells)
    return out


def claims_table(ctx: Ctx, ann_ids: Iterable[str], speaker: bool = True) -> str:
    """One compact row per annotation, in the order given: the briefing and the date, once for consecutive
    rows of the same briefing (see :func:`grouped`), then the claim (a link to the annotation on its briefing
    page), the speaker unless ``speaker`` is false, and who disputes it (by name)."""
    site = ctx.site
    rows = []
    for ann_id in ann_ids:
        ann = site.annotations[ann_id]
        cells = [ctx.claim_a(ann)]
        if speaker:
            cells.append(ctx.speaker_a(ann.speaker))
        cells.append(esc(", ".join(disputers(site, ann_id))))
        rows.append((cells, site.briefing_of[ann_id]))
    headers = ["Briefing", "Date", "Claim", *(["Speaker"] if speaker else []), "Disputed by"]
    return table(
        headers, grouped(ctx, rows), "ab-table ab-rows"
    )  # ab-rows: a list of claims, for the stylesheet
