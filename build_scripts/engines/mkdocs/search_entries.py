"""Search entries of a generated page, made here instead of by the search plugin's HTML parser.

Material's search plugin parses each page's HTML with Python's ``HTMLParser``
and cuts it into one entry per heading (``location``, ``title``, ``text``; the
text keeps ``<p>``, list and code tags). On a large site that parser is one of
the largest costs of a build. A generated page is built only of our own
blocks, and :func:`search_view` reduces them to the tags that parser keeps, so
the entries follow from a split on those tags. This module gives the very
entries the parser would give for such HTML (a test runs both on the same
pages); it does not import Material.
"""

from __future__ import annotations

import re
from html import escape, unescape

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
KEPT = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}  # the tags the search index keeps in its text
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
_ID = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(  # a start or end tag, its attributes quoted or not
    r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*/?>"""
)
_SEARCHED_TAGS = "|".join(sorted(KEPT | HEADINGS))  # what the parser keeps of HTML, besides text
_NOT_SEARCHED = re.compile(rf"""</?(?!(?:{_SEARCHED_TAGS})[\s/>])[a-zA-Z](?:"[^"]*"|'[^']*'|[^'">])*>""")


class _Section:
    def __init__(self, id_: str | None, heading: str = ""):
        self.id, self.heading = id_, heading
        self.title: list[str] = []
        self.text: list[str] = []


def _close(data: list[str], tag: str) -> None:
    """The parser's rule for a closing kept tag: drop the element when nothing but space follows the first
    opening tag of its kind; else close it."""
    index = data.index(f"<{tag}>")
    if any(not item.isspace() for item in data[index + 1 :]):
        data.append(f"</{tag}>")
    else:
        del data[index:]


class _Parse:
    """One pass over the page, with the search parser's rules for sections, titles, text and whitespace."""

    def __init__(self) -> None:
        self.sections: list[_Section] = []
        self.current: _Section | None = None
        self.open_tags: list[str] = []

    def _section(self) -> _Section:
        if self.current is None:  # text or a tag before any heading: an untitled first section
            self.current = _Section(None)
            self.sections.append(self.current)
        return self.current

    def _in_title(self) -> bool:
        return bool(self.current and self.current.heading and self.current.heading in self.open_tags)

    def data(self, data: str) -> None:
        data = unescape(data)  # as the parser hands text over: character references resolved
        section = self._section()
        in_pre = "pre" in self.open_tags
        if not in_pre:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if self._in_title():
            section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or in_pre:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))

    def start(self, tag: str, attrs: str) -> None:
        if tag in _VOID:
            return
        self.open_tags.append(tag)
        found = _ID.search(attrs) if tag in HEADINGS else None
        if found:
            if tag != "h1" and not self.sections:
                self.sections.append(_Section(None))
            self.current = _Section(unescape(found.group(1)) if self.sections else None, tag)
            self.sections.append(self.current)
        section = self._section()
        if tag in KEPT:
            (section.title if self._in_title() else section.text).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.open_tags or self.open_tags[-1] != tag:
            return
        self.open_tags.pop()
        if tag in KEPT and self.current is not None:
            _close(self.current.title if self._in_title() else self.current.text, tag)


def entries(html: str, url: str, page_title: str, boost: object = None) -> list[dict[str, object]]:
    """The search entries of a page whose HTML holds only text, headings with ids and kept tags."""
    parse = _Parse()
    pos = 0
    for m in _TOKEN.finditer(html):
        if m.start() > pos:
            parse.data(html[pos : m.start()])
        pos = m.end()
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            parse.end(tag)
        else:
            parse.start(tag, attrs)
    if pos < len(html):
        parse.data(html[pos:])
    result = []
    for section in parse.sections:
        entry: dict[str, object] = {
            "location": url + (f"#{section.id}" if section.id else ""),
            "title": ("".join(section.title) if section.title else page_title).strip(),
            "text": "".join(section.text).strip(),
        }
        if boost is not None:
            entry["boost"] = boost
        result.append(entry)
    return result


def search_view(block: str) -> str:
    """What the search parser reads of a raw block, reduced to what it keeps: text, headings and the
    paragraph, list and code tags. Elements marked ``data-search-exclude`` and heading permalinks (of class
    ``headerlink``, the only ones the parser leaves out) go with all their content; every other tag goes and
    leaves its text. The parser (or another engine's) reads this instead of the whole block (it costs the
    same per tag, and a card is mostly tags); the page keeps the whole block."""
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
