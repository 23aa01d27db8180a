"""Generated raw HTML blocks, set aside so that the site engine's Markdown does not parse them again.

Every raw HTML block a renderer writes comes from :func:`.context.block`: it
starts a chunk (after a blank line) with a block-level tag, has no blank line
inside and ends with that tag's closing line. Markdown would copy such a chunk
verbatim, after parsing all of it with its HTML parser. Headings are generated
HTML too (as the engine's Markdown would write them, permalinks included: see
:mod:`.headings`), so a generated page is raw blocks only: :func:`split_page`
checks that and gives them, :func:`join` makes the page's HTML without any
Markdown, and :func:`toc` reads the table of contents off the headings.
Engine-neutral: a site engine calls these; ``Page.markdown`` itself stays complete.
"""

from __future__ import annotations

import html
import re
from typing import TypedDict

_OPEN = re.compile(r"<(div|table|ul|ol|section|nav|figure|blockquote|p|h[1-6])[\s>]")
_ID = re.compile(r' id="([^"]*)"')  # generated HTML: one space before each attribute (a literal: a fast scan)
# A generated heading (.headings): its text has no tag, so any link in it is the permalink.
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"(?: data-toc-label="([^"]*)")?>(.*?)</h\1>')
_LINK = re.compile(r"<a\b[^>]*>.*?</a>")


class TocEntry(TypedDict):
    """A heading in a table of contents: its level, id and name (HTML, without the permalink)."""

    level: int
    id: str
    name: str


class TocToken(TocEntry):
    """A heading in a nested table of contents, with the headings under it."""

    children: list[TocToken]


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
    """The blocks of a page written only of raw blocks (after its front matter): the page needs no Markdown,
    its HTML is :func:`join` of them. Raises ValueError for any other page."""
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


def toc(blocks: list[str]) -> list[TocToken]:
    """The table of contents of the headings in the blocks, as nested tokens (level, id, name as HTML without
    the permalink, children), as Markdown would have gathered them: the headings never went through it."""
    root: list[TocToken] = []
    stack: list[TocToken] = []
    for block in blocks:
        for m in _HEADING.finditer(block):
            level = int(m.group(1))
            name = m.group(3) or _LINK.sub("", m.group(4))
            token: TocToken = {
                "level": level,
                "id": html.unescape(m.group(2)),
                "name": name,
                "children": [],
            }
            while stack and stack[-1]["level"] >= level:
                stack.pop()
            (stack[-1]["children"] if stack else root).append(token)
            stack.append(token)
    return root
