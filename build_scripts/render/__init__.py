"""Renderers: pure functions from the model to pages and data files.

One module per page kind. A page is data (:class:`Page`): its front matter, its
raw HTML blocks (headings included, see :mod:`.headings`), built from escaped or
sanitized text (see :mod:`.safe`), and the table of contents and ids recorded as
they were written; ``Page.markdown`` writes it out (``render --out``).
:func:`plan_pages` gives every page: the per-item ones and the claims index as
:class:`Deferred`, the data files as :class:`DataFile`; :func:`iter_pages` and
:func:`render_site` render them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from . import briefing, contributors, explorer, indexes, speaker, topic
from .context import DataFile, Deferred, Page, RenderOptions
from .pagecache import PageCache


def _per_item(site, options: RenderOptions) -> Iterator[Deferred]:
    """One page per briefing, speaker and topic (more for a long list), each rendered only when asked for."""
    yield from (briefing.plan(site, b, options) for b in site.briefings)
    yield from (page for s in site.speakers.values() for page in speaker.plan(site, s, options))
    yield from (page for t in site.topics.values() for page in topic.plan(site, t, options))


def _data_exports(site, options: RenderOptions) -> list[DataFile]:
    from .. import exports  # imported late: exports itself uses render.links and render.context

    return exports.render(site, options)


# Each producer maps (site, options) to a list (or an iterator) of pages (or other files: any path not
# ending in .md), each a Page, a Deferred one, or a DataFile (written in pieces).
PRODUCERS = [indexes.render, _per_item, _data_exports, explorer.render, contributors.render]


def plan_pages(
    site, options: RenderOptions, cache: PageCache | None = None
) -> Iterator[Page | Deferred | DataFile]:
    """Every page, in producer order; the many per-item pages deferred: a site engine renders each one when it
    builds it, and a one-off build never holds the whole rendered site (the engine's plugin does this). With
    a ``cache`` kept between rebuilds, a deferred page, or a data file's part, whose inputs and reads are
    unchanged is not made again."""
    seen: set[str] = set()
    for produce in PRODUCERS:
        for page in produce(site, options):
            if page.path in seen:
                raise ValueError(f"two generated pages share a path: {page.path}")
            seen.add(page.path)
            if cache is not None and isinstance(page, Deferred) and page.inputs is not None:
                page = replace(page, make=partial(cache.render, page.path, page.inputs, page.make))
            elif cache is not None and isinstance(page, DataFile):  # made of parts, each kept while unchanged
                page = replace(page, make=partial(page.make, cache=cache))
            yield page


def iter_pages(site, options: RenderOptions) -> Iterator[Page]:
    """Every page rendered, in producer order, one at a time."""
    return (page if isinstance(page, Page) else page.render() for page in plan_pages(site, options))


def render_site(site, options: RenderOptions) -> dict[str, Page]:
    """Every page at once, by path (same pages and the same clash check as :func:`iter_pages`)."""
    return {p.path: p for p in sorted(iter_pages(site, options), key=lambda p: p.path)}


__all__ = [
    "DataFile",
    "Deferred",
    "Page",
    "PageCache",
    "RenderOptions",
    "iter_pages",
    "plan_pages",
    "render_site",
]
