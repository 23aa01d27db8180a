"""Renderers: pure functions from the model to ``{page path: Page}``.

One module per page kind. Every page is Markdown whose structure (front
matter, headings) is written here and whose content is raw HTML built from
escaped or sanitized text (see :mod:`.safe`).
"""

from __future__ import annotations

from .context import Page, RenderOptions
from . import briefing, indexes, speaker, topic


def render_site(site, options: RenderOptions) -> dict[str, Page]:
    pages: list[Page] = []
    pages += indexes.render(site, options)
    pages += [briefing.render(site, b, options) for b in site.briefings]
    pages += [speaker.render(site, s, options) for s in site.speakers.values()]
    pages += [topic.render(site, t, options) for t in site.topics.values()]
    return {p.path: p for p in sorted(pages, key=lambda p: p.path)}


__all__ = ["Page", "RenderOptions", "render_site"]
