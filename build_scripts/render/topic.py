"""A topic page: every annotation with that topic, across briefings, as compact rows."""

from __future__ import annotations

from functools import partial

from ..model import Site, Topic
from . import links
from .context import Ctx, Deferred, Page, RenderOptions, block, page_meta, plural
from .rows import claims_table, explorer_a, page_rows, page_title, paged, pager, shown
from .safe import rich


def plan(site: Site, topic: Topic, options: RenderOptions) -> list[Deferred]:
    """The topic's page, and more pages when it has more than ``options.rows_per_page`` annotations."""
    edit_path = site.annotations[topic.annotations[0]].location.path
    first = links.topic_page(topic.id)
    return paged(
        first,
        topic.name,
        edit_path,
        len(topic.annotations),
        partial(render, topic=topic),
        topic,
        site,
        options,
    )


def render(site: Site, topic: Topic, options: RenderOptions, number: int = 1, count: int = 1) -> Page:
    first = links.topic_page(topic.id)
    ctx = Ctx(site, options, links.page_n(first, number))
    ann_ids = topic.annotations  # newest first, as the site orders every list (model.build_site)
    briefings = plural(len(topic.briefings), "briefing")  # counted once, by the model: not on every page
    totals = (
        f'<p class="ab-totals">{plural(len(ann_ids), "annotation")} in {briefings}'
        f"{shown(number, count, len(ann_ids), options.rows_per_page)} · "
        f"{explorer_a(ctx, topic=topic.name)}</p>"
    )
    above, below = pager(ctx, first, number, count, f"Pages of {topic.name}")
    about = (
        block(rich(topic.description), cls="ab-topic-description")
        if topic.description and number == 1
        else ""
    )
    rows = claims_table(ctx, page_rows(ann_ids, number, options.rows_per_page))
    parts = [ctx.h1(page_title(topic.name, number)), about, block(totals, above, rows, below)]
    return ctx.finish(
        page_meta(page_title(topic.name, number)), parts, site.annotations[ann_ids[0]].location.path
    )
