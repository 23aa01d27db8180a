"""The site's search index, started by the plugin before MkDocs builds the pages, finished after.

The records are the core's (:mod:`...search_records`: one per briefing, its
annotations as sections, and one per speaker and topic) and one per
hand-written page (About, Data) and the Contribute page, from the HTML MkDocs
made of them (MkDocs converts every page's Markdown before it builds any page,
so all are known at its ``on_env`` event); Pagefind indexes them into
``<site_dir>/pagefind`` (:mod:`...pagefind_index`). Under ``mkdocs serve``, a
rebuild whose records are those of the last index leaves it as it is.
"""

from __future__ import annotations

import hashlib
import html
from html.parser import HTMLParser
from pathlib import Path

from ...model import Site
from ...pagefind_index import OUTPUT, Indexing, record_html, start
from ...render import guide
from ...search_records import Record, page_record, records

# Elements whose text is a block of its own: a heading does not run on into the paragraph after it.
_BLOCKS = frozenset(
    "address article aside blockquote caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header li main nav ol p pre section summary table td th tr ul".split()
)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _Blocks(HTMLParser):
    """A page's text, a block at a time, without scripts, styles, templates and the permalinks that toc's
    ``permalink`` option adds to headings (``<a class="headerlink">¶</a>``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._text: list[str] = []
        self._skipping: list[str] = []  # the open elements of one left out, from its own

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping:
            if tag not in _VOID:
                self._skipping.append(tag)
        elif tag in ("script", "style", "template") or (
            tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split()
        ):
            self._skipping.append(tag)
        elif tag in _BLOCKS or tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in self._skipping:
                del self._skipping[self._skipping.index(tag) :]
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if text:
            self.blocks.append(text)

    def close(self) -> None:
        super().close()
        self._flush()


def page_text(content: str) -> tuple[str, ...]:
    """A page's HTML as plain text, a block (a heading, a paragraph, an item) at a time: tags dropped, scripts
    and styles with their content, permalinks too, entities decoded, white space collapsed."""
    parser = _Blocks()
    parser.feed(content)
    parser.close()
    return tuple(parser.blocks)


def indexed_page(page) -> bool:
    """Whether a page of the site gets a record of its own: a hand-written page, or the Contribute page (the
    generated pages are indexed from the model, as annotations, briefings, speakers and topics)."""
    return page.file.generated_by is None or page.file.src_uri == guide.PATH


class SiteSearch:
    """One build's search records: the model's, and the pages' added as MkDocs builds them."""

    def __init__(self, site: Site, use_directory_urls: bool, language: str, pages: dict[str, Record]) -> None:
        """``pages``: the pages' records by URL (under ``serve --dirty``, those of pages not built again are
        the last build's)."""
        self.site, self.use_directory_urls, self.language = site, use_directory_urls, language
        self.pages = pages

    def add_page(self, page, content: str) -> None:
        title = str(page.meta.get("title") or page.title or "")
        self.pages[page.url] = page_record(page.url, html.unescape(title), page_text(content))

    def records(self) -> list[Record]:
        pages = [self.pages[url] for url in sorted(self.pages)]
        return [*records(self.site, self.use_directory_urls), *pages]

    def start(self, site_dir: str, work: Path, last_digest: str | None = None) -> tuple[Indexing | None, str]:
        """Start indexing the records into the site (:class:`...pagefind_index.Indexing`: Pagefind runs while
        MkDocs builds the pages). Under serve, ``last_digest`` is "" or that of the index already in
        ``site_dir``, which is kept when the records are the same; gives the indexing under way (None: kept)
        and the records' digest ("" when ``last_digest`` is None: a one-off build)."""
        all_records = self.records()
        hexdigest = ""
        if last_digest is not None:
            digest = hashlib.sha256(self.language.encode())
            for record in all_records:
                digest.update(record_html(record, self.language).encode("utf-8"))
            hexdigest = digest.hexdigest()
            if hexdigest == last_digest and (Path(site_dir) / OUTPUT / "pagefind-entry.json").is_file():
                return None, hexdigest
        return start(all_records, Path(site_dir) / OUTPUT, work, self.language), hexdigest
