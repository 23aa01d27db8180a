"""The HTML reader of ``ingest``: a saved news page -> :class:`ingest.Scrape`, with trafilatura.

Why trafilatura rather than readability-lxml: both find the main text, but readability
returns only a title and an HTML fragment, while trafilatura also reads the byline, the
date, the canonical URL and the site name from meta tags, JSON-LD and the page, which is
what the front matter needs; on the test fixtures (``tests/fixtures/ingest_html/``: an
``<article>`` page with meta tags, and a ``<div>`` layout with JSON-LD only) it recovers all
of them and drops navigation, share links, captions, related links and comments.

Paragraph text is kept as extracted: whitespace is collapsed, words are never changed.
"""

from __future__ import annotations

import trafilatura
from trafilatura.settings import Document

from .ingest import IngestError, Scrape, decode_text


def read_html(data: bytes) -> Scrape:
    """UTF-8 HTML bytes -> title, byline, date, URL, publisher and body paragraphs."""
    html = decode_text(data)
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not isinstance(doc, Document) or not doc.text:  # None: nothing found (a dict only with as_dict)
        raise IngestError("no article text found in the HTML page")
    title = " ".join((doc.title or "").split()) or None
    paragraphs = [" ".join(line.split()) for line in doc.text.split("\n")]
    paragraphs = [p for p in paragraphs if p and p != title]
    return Scrape(
        title=title,
        subtitle=None,  # a page's description is a teaser, not the article's deck
        author=doc.author or None,
        paragraphs=tuple(paragraphs),
        published=doc.date or None,
        url=doc.url or None,
        publisher=doc.sitename or None,
    )
