"""Generated raw HTML blocks, set aside so that the site engine's Markdown does not parse them again.

Every raw HTML block a renderer writes comes from :func:`.context.block`: it
starts a chunk (after a blank line) with a block-level tag, has no blank line
inside and ends with that tag's closing line. Python-Markdown would copy such a
chunk verbatim, after parsing all of it with its HTML parser (the largest single
cost of a build). :func:`split` swaps each one for a one-line placeholder
comment; :func:`fill` puts the very same HTML back into the converted page.
Headings are generated HTML too (as the ``toc`` extension would write them, permalinks
included); :func:`toc` reads the table of contents off them. Engine-neutral: the MkDocs adapter calls
both; ``Page.markdown`` itself always stays complete. Blocks excluded from search as a whole may be
put back after the search plugin has read the page: it would parse them only to skip them.
"""

from __future__ import annotations

import html
import re

_OPEN = re.compile(r"<(div|table|ul|ol|section|nav|figure|blockquote|p|h[1-6])[\s>]")
_PLACEHOLDER = re.compile(r"<!--ab-block-(\d+)-->")
_ID = re.compile(r"""\sid="([^"]*)\"""")
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


def fill(html: str, blocks: list[str], unsearched: bool | None = None) -> str:
    """The converted page with each placeholder replaced by its block; with ``unsearched`` set, only the
    blocks that are (True) or are not (False) excluded from search as a whole."""
    if not blocks:
        return html

    def put(m: re.Match) -> str:
        block = blocks[int(m.group(1))]
        return block if unsearched is None or unsearched == excluded_from_search(block) else m.group(0)
    return _PLACEHOLDER.sub(put, html)


def excluded_from_search(block: str) -> bool:
    """Whether the block's outer element carries ``data-search-exclude`` (search skips all of it)."""
    return "data-search-exclude" in block[:block.find(">")]


def ids(blocks: list[str]) -> set[str]:
    """The element ids the blocks define (the engine's own anchor list misses them)."""
    return {html.unescape(m.group(1)) for block in blocks for m in _ID.finditer(block)}


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
