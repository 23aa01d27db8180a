"""A topic page: every annotation with that topic, across briefings."""

from __future__ import annotations

from functools import partial

from ..model import Site, Topic
from . import links
from .context import (
    SEARCH_BOOST,
    Ctx,
    Deferred,
    Page,
    RenderOptions,
    block,
    disputed_by,
    kind_label,
    page_meta,
    plural,
    ul,
)
from .safe import rich


def plan(site: Site, topic: Topic, options: RenderOptions) -> Deferred:
    return Deferred(
        links.topic_page(topic.id),
        page_meta(topic.name, search=SEARCH_BOOST),
        site.annotations[topic.annotations[0]].location.path,
        partial(render, topic=topic, options=options),
        site,
        (topic, options),
    )


def render(site: Site, topic: Topic, options: RenderOptions) -> Page:
    path = links.topic_page(topic.id)
    ctx = Ctx(site, options, path)
    by_briefing: dict[str, list[str]] = {}
    for ann_id in topic.annotations:  # newest first, as the site orders every list (model.build_site)
        by_briefing.setdefault(site.briefing_of[ann_id], []).append(ann_id)
    sections = [
        (
            f'<p class="ab-totals">{plural(len(topic.annotations), "annotation")} in '
            f"{plural(len(by_briefing), 'briefing')}</p>"
        )
    ]
    for slug, ann_ids in by_briefing.items():
        items = [
            f"{ctx.speaker_a(site.annotations[a].speaker)}: {ctx.claim_a(site.annotations[a])} "
            f"{kind_label(site.annotations[a])}{disputed_by(site, a)}"
            for a in ann_ids
        ]
        sections.append(
            f'<p class="ab-label">{ctx.briefing_a(slug)} '
            f'<span class="ab-date">{site.briefing(slug).article.published}</span></p>' + ul(items, "ab-list")
        )
    first = site.annotations[topic.annotations[0]]
    about = block(rich(topic.description), cls="ab-topic-description") if topic.description else ""
    parts = [ctx.h1(topic.name), about, block(*sections, search=False)]
    return ctx.finish(page_meta(topic.name, search=SEARCH_BOOST), parts, first.location.path)
