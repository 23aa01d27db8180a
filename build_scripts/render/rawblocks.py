"""Generated raw HTML blocks, set aside so that the site engine's Markdown does not parse them again.

Every raw HTML block a renderer writes comes from :func:`.context.block`: it
starts a chunk (after a blank line) with a block-level tag, has no blank line
inside and ends with that tag's closing line. Python-Markdown would copy such a
chunk verbatim, after parsing all of it with its HTML parser. Headings are
generated HTML too (as the ``toc`` extension would write them, permalinks
included), so a generated page is raw blocks only: :func:`split_page` checks
that and gives them, :func:`join` makes the page's HTML without any Markdown,
and :func:`toc` reads the table of contents off the headings. A search indexer
may read each block's :func:`search_view` instead of the block: the same text
and sections for a fraction of the tags. Engine-neutral: the MkDocs adapter
calls these (through :class:`Prepared`); ``Page.markdown`` itself stays complete.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..engines.mkdocs import search_entries
from .context import Page

_OPEN = re.compile(r"<(div|table|ul|ol|section|nav|figure|blockquote|p|h[1-6])[\s>]")
_ID = re.compile(r' id="([^"]*)"')  # generated HTML: one space before each attribute (a literal: a fast scan)
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>""")
# What a search indexer keeps of HTML (search_entries.KEPT, the headings, and text); the rest is only text.
_SEARCHED_TAGS = "|".join(sorted(search_entries.KEPT | search_entries.HEADINGS))
_NOT_SEARCHED = re.compile(rf"""</?(?!(?:{_SEARCHED_TAGS})[\s/>])[a-zA-Z](?:"[^"]*"|'[^']*'|[^'">])*>""")
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"(?: data-toc-label="([^"]*)")?>(.*?)<a class="headerlink"')


def placeholder(n: int) -> str:
    return f"<!--ab-block-{n}-->"


def split(markdown: str) -> tuple[str, list[str]]:
    """(Markdown with every generated raw block replaced by a placeholder, the blocks in order)."""
    chunks = markdown.split("\n\n")
    blocks: list[str] = []
    for i, chunk in enumerate(chunks):
        opened = _OPEN.match(chunk)
        if opened and chunk.rstrip("\n").endswith(f"</{opened.group(1)}>"):
            chunks[i] = placeholder(len(blocks)) + "\n" * (len(chunk) - len(chunk.rstrip("\n")))
            blocks.append(chunk.rstrip("\n"))
    return "\n\n".join(chunks), blocks


def split_front_matter(markdown: str) -> tuple[str, str]:
    """(the front matter with its ``---`` lines, the rest)."""
    if not markdown.startswith("---\n"):
        return "", markdown
    end = markdown.index("\n---\n", 3) + 5
    return markdown[:end], markdown[end:]


def split_page(markdown: str) -> list[str]:
    """The blocks of a page written only of raw blocks (after its front matter): the page needs no Markdown, its
    HTML is :func:`join` of them. Raises ValueError for any other page."""
    rest, blocks = split(split_front_matter(markdown)[1].lstrip("\n"))
    if rest.split() != [placeholder(i) for i in range(len(blocks))]:
        raise ValueError(f"not a page of raw blocks only: {rest[:200]!r}")
    return blocks


def join(blocks: list[str]) -> str:
    """Blocks as one page of HTML, as Markdown would join them."""
    return "\n\n".join(blocks)


def ids(blocks: list[str]) -> set[str]:
    """The element ids the blocks define (the engine's own anchor list misses them)."""
    found = {i for block in blocks for i in _ID.findall(block)}
    return {html.unescape(i) if "&" in i else i for i in found}


def toc(blocks: list[str]) -> list[dict]:
    """The table of contents of the headings in the blocks, as the nested tokens Python-Markdown's ``toc``
    extension gives (level, id, name as HTML, children): the headings never went through Markdown."""
    root: list[dict] = []
    stack: list[dict] = []
    for block in blocks:
        for m in _HEADING.finditer(block):
            level = int(m.group(1))
            token = {"level": level, "id": html.unescape(m.group(2)), "name": m.group(3) or m.group(4),
                     "children": []}
            while stack and stack[-1]["level"] >= level:
                stack.pop()
            (stack[-1]["children"] if stack else root).append(token)
            stack.append(token)
    return root


def search_view(block: str) -> str:
    """What a search indexer reads of a block, reduced to what it keeps: text, headings and the paragraph,
    list and code tags. Elements marked ``data-search-exclude`` and heading permalinks go with all their
    content; every other tag goes and leaves its text. The indexer parses this instead of the whole block
    (it costs the same per tag, and a card is mostly tags); the page keeps the whole block."""
    if "data-search-exclude" in block or 'class="headerlink"' in block:
        block = _drop_excluded(block)
    return _NOT_SEARCHED.sub("", block)


_DROPPED = re.compile(r'data-search-exclude|class="headerlink"')


def _drop_excluded(block: str) -> str:
    """The block without its elements marked ``data-search-exclude`` and its permalinks, content and all."""
    out: list[str] = []
    pos = scan = 0
    while found := _DROPPED.search(block, scan):
        start = block.rfind("<", pos, found.start())
        opened = _TAG.match(block, start) if start >= 0 else None
        scan = found.end()
        if not opened or opened.end() <= found.start():
            continue  # the words are text here (contributor text may say anything), not an attribute
        depth, end = 1, len(block)
        for m in re.compile(rf"<(/?){opened.group(2)}[\s/>]").finditer(block, opened.end()):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                end = block.find(">", m.start()) + 1
                break
        out.append(block[pos:start])
        pos = scan = end
    out.append(block[pos:])
    return "".join(out)


@dataclass
class Prepared:
    """What a site engine needs of a page built of raw blocks: its HTML, its table of contents, the ids it defines,
    what search reads, and (made when asked) its search entries."""

    page: Page
    html: str
    toc: list[dict]
    ids: set[str]
    view: str
    _entries: tuple | None = None

    @classmethod
    def of(cls, page: Page) -> Prepared:
        blocks = split_page(page.markdown)
        return cls(page, join(blocks), toc(blocks), ids(blocks), join([search_view(block) for block in blocks]))

    def entries(self, url: str, title: str, boost: object) -> list[dict]:
        """The page's search entries (:mod:`..search_entries`), made once for a given URL, title and boost."""
        if self._entries is None or self._entries[0] != (url, title, boost):
            self._entries = (url, title, boost), search_entries.entries(self.view, url, title, boost)
        return self._entries[1]
