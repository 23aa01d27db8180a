"""Generated headings, written as HTML as the site engine's Markdown would write them: ids and permalinks.

Headings bypass the engine's Markdown with the rest of a generated page (see
:class:`.context.Page`), so they must be the very HTML it writes for a Markdown
heading: the same id derived from the title, the same permalink. That is the
engine's business: it gives its :class:`Headings` in ``RenderOptions.headings``
(it reads them from its Markdown settings). The default is the usual
rule: an ASCII, lower-case, hyphenated id, ``_1``, ``_2``... when taken, and a
``¶`` permalink after the text; ``render --out`` and the tests use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict

from .safe import esc, heading_text


class TocEntry(TypedDict):
    """A heading's table-of-contents entry, flat (an engine nests them)."""

    level: int
    id: str
    name: str


def slugify(text: str, separator: str) -> str:
    """The default id of a heading: its text in ASCII (accents dropped, other letters gone), lower case,
    with only letters, digits, ``_`` and ``-``, each run of spaces and separators one separator."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, text)


_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")


def unique(anchor: str, taken: set[str]) -> str:
    """``anchor``, or when it is taken or empty, the first free of ``anchor_1``, ``anchor_2``, ... (an anchor
    that ends in ``_n`` counts on from n); the id given is added to ``taken``."""
    if anchor in taken or not anchor:
        numbered = _NUMBERED.match(anchor)
        base, count = (numbered.group(1), int(numbered.group(2))) if numbered else (anchor, 0)
        count += 1
        while f"{base}_{count}" in taken:
            count += 1
        anchor = f"{base}_{count}"
    taken.add(anchor)
    return anchor


_NOT_LABEL_SAFE = re.compile(r"[^\w.,'’:…-]|_")  # \w is str.isalnum() plus "_"


@lru_cache(maxsize=256)  # a heading's label is read twice: for its toc entry, then for the heading
def _label(toc_label: str) -> str:
    """A table-of-contents label reduced to letters, digits and plain punctuation."""
    return " ".join(_NOT_LABEL_SAFE.sub(" ", toc_label).split())


@dataclass(frozen=True)
class Headings:
    """How the site engine's Markdown writes a heading. Compared by value: a page kept between rebuilds
    (:mod:`.pagecache`) is reused only under the same policy."""

    slugify: Callable[[str, str], str] = slugify  # (the title's text, separator) -> its id
    separator: str = "-"
    unique: Callable[[str, set[str]], str] = unique  # (id, the page's ids) -> an id not among them, added
    # The permalink's HTML before and after the (escaped) id, or None for headings without one.
    permalink: tuple[str, str] | None = (
        '<a class="headerlink" href="#',
        '" title="Permanent link">&para;</a>',
    )
    permalink_leading: bool = False  # the permalink goes before the heading's text

    def h1(self, title: str, taken: Iterable[str] = ()) -> str:
        """The page title, with the id the engine's Markdown would derive from it (from the title's text,
        which is plain text, not HTML): made unique among ``taken``, the other ids of the page."""
        return self.heading(1, title, self.h1_id(title, taken))

    def h1_id(self, title: str, taken: Iterable[str] = ()) -> str:
        """The id of the page title's heading (see :meth:`h1`)."""
        return self.unique(self.slugify(title, self.separator), set(taken))

    def toc_entry(self, level: int, text: str, anchor: str, toc_label: str = "") -> TocEntry:
        """The heading's table-of-contents entry, as Python-Markdown's toc tokens have it (level, id, name:
        the label, or the text as HTML without the permalink, its runs of white space one space); ``children``
        are the engine's to nest."""
        name = _label(toc_label) or " ".join(heading_text(text).split())
        return {"level": level, "id": anchor, "name": name}

    def heading(self, level: int, text: str, anchor: str, toc_label: str = "", html: str = "") -> str:
        """A heading with a fixed id (and the engine's permalink). ``toc_label`` (reduced to letters, digits
        and plain punctuation) is what the table of contents shows: it stays on the heading as
        ``data-toc-label``, which a Markdown heading would lose. ``html``, already safe, is shown in place of
        the escaped ``text`` (which the table of contents keeps)."""
        label = ""
        if toc_label:
            label = f' data-toc-label="{_label(toc_label)}"'  # nothing to escape in it
        inner = html or heading_text(text)
        if self.permalink is not None:
            link = f"{self.permalink[0]}{esc(anchor)}{self.permalink[1]}"
            inner = link + inner if self.permalink_leading else inner + link
        return f'<h{level} id="{esc(anchor)}"{label}>{inner}</h{level}>\n'
