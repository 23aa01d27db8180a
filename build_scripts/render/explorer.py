"""The claims explorer: a page of filter controls and the JSON of every annotation it filters.

The page (``claims/explorer.md``) carries a form whose options are written
here, at build time; ``docs/javascripts/explorer.js`` loads ``claims/explorer.json``
and lists the annotations that match, keeping the filter state in the URL.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from functools import partial

from ..model import Briefing, Site
from . import jsontext, links
from .context import (
    KIND_LABELS,
    Ctx,
    DataFile,
    Page,
    RenderOptions,
    block,
    claim_row,
    disputers,
    page_meta,
)
from .pagecache import PageCache, briefing_parts
from .safe import esc

JSON_PATH = "claims/explorer.json"
_ENCODE = jsontext.encoder(sort_keys=True)


def rows(site: Site, b: Briefing, options: RenderOptions) -> Iterator[dict[str, object]]:
    """A briefing's rows, one per annotation in the briefing's order, with URLs relative to the explorer page,
    who disputes each claim and its topics' names."""
    ctx = Ctx(site, options, links.EXPLORER)
    for ann in b.annotations:
        row = claim_row(site, b, ann, ctx.annotation_href(ann.id))
        row.update(
            published=b.article.published,
            counterclaims=len(ann.counterclaims),
            attribution_label=KIND_LABELS[ann.attribution],
            disputed_by=disputers(site, ann.id),
            topic_names=[site.topics[t].name for t in ann.topics],
        )
        yield row


def _part(site: Site, b: Briefing, options: RenderOptions) -> str:
    return ",\n".join(map(_ENCODE, rows(site, b, options)))


def data_url(options: RenderOptions) -> str:
    """URL of the JSON file relative to the explorer page."""
    here = links.page_url(links.EXPLORER, options.use_directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    return posixpath.relpath(JSON_PATH, base or ".")


# The filters, by name: their labels
SELECTS = {"speaker": "Speaker", "topic": "Topic", "briefing": "Briefing", "disputed": "Counterclaims"}


def _select(name: str, label: str, choices: list[tuple[str, str]]) -> str:
    opts = '<option value="">All</option>' + "".join(
        f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in choices
    )
    return (
        f'<p class="ab-explorer__field"><label for="ab-explorer-{name}">{esc(label)}</label>'
        f'<select id="ab-explorer-{name}" name="{name}">{opts}</select></p>'
    )


def form_html(site: Site) -> str:
    speakers = [(s.id, s.name) for s in site.speakers.values() if site.by_speaker.get(s.id)]
    topics = [(t.id, t.name) for t in site.topics.values()]
    briefings = [(b.slug, b.article.title) for b in site.briefings if b.annotations]
    disputed = [("yes", "With counterclaims"), ("no", "Without counterclaims")]
    return (
        '<form class="ab-explorer__form" role="search" aria-label="Filter claims">'
        '<p class="ab-explorer__field ab-explorer__field--text">'
        '<label for="ab-explorer-q">Search the claims</label>'
        '<input type="search" id="ab-explorer-q" name="q" autocomplete="off" '
        'placeholder="Words from a claim, a quote, a speaker…"></p>'
        + "".join(
            _select(name, SELECTS[name], choices)
            for name, choices in (
                ("speaker", speakers),
                ("topic", topics),
                ("briefing", briefings),
                ("disputed", disputed),
            )
        )
        + '<p class="ab-explorer__field"><button type="reset" class="md-button">Clear filters</button></p>'
        "</form>"
    )


def page(site: Site, options: RenderOptions) -> Page:
    ctx = Ctx(site, options, links.EXPLORER)
    total = len(site.annotations)
    intro = (
        "<p>Filter every claim by speaker, topic, briefing and whether it is disputed, or search their text. "
        "The address of this page keeps the filters, so a view can be bookmarked or shared.</p>"
    )
    fallback = (
        f"<noscript><p>The explorer needs JavaScript. "
        f'<a href="{esc(ctx.link.to(links.CLAIMS))}">All claims</a> lists every claim without it.'
        "</p></noscript>"
    )
    body = block(
        intro,
        form_html(site),
        f'<p class="ab-explorer__count" id="ab-explorer-count" role="status" aria-live="polite">'
        f"{total} of {total} claims</p>",
        '<ul class="ab-explorer__list" id="ab-explorer-list" aria-labelledby="ab-explorer-count"></ul>',
        fallback,
        cls="ab-explorer",
        search=False,
    )
    body = body.replace(
        '<div class="ab-explorer" data-search-exclude>',
        f'<div class="ab-explorer" id="ab-explorer" data-search-exclude data-src="{esc(data_url(options))}">',
        1,
    )
    ctx.ids.update(
        [
            "ab-explorer",
            "ab-explorer-q",
            "ab-explorer-count",
            "ab-explorer-list",
            *(f"ab-explorer-{name}" for name in SELECTS),
        ]
    )
    return ctx.finish(page_meta("Claims explorer"), [ctx.h1("Claims explorer"), body])


def data(site: Site, options: RenderOptions, cache: PageCache | None = None) -> Iterator[str]:
    """Every annotation, newest first (the order of every list of claims); one part per briefing (see
    briefing_parts)."""
    briefings = site.briefings  # newest first (model.build_site)
    return jsontext.chunks(
        {"claims": []},
        ("claims",),
        briefing_parts(site, briefings, JSON_PATH, _part, options, cache),
        sort_keys=True,
    )


def render(site: Site, options: RenderOptions) -> list[Page | DataFile]:
    return [page(site, options), DataFile(JSON_PATH, partial(data, options=options), site)]
