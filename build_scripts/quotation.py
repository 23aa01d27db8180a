"""Where an article's quotations are, and whether a quote lies inside one.

Only double quotation marks count (a single one is also an apostrophe): “ opens and ” closes, „ opens and
“ or ” closes it, « opens and » closes, and the straight " opens when no quotation is open and closes
one otherwise. A closing mark with no open quotation is ignored (a stray one, as copy editing leaves), and
so is an opening mark inside an open quotation (nested quotations are written with single marks).

A quotation still open at the end of its paragraph runs to the paragraph's end. When the next paragraph
opens with a quotation mark, the quotation goes on there: the journalistic convention for one speaker's
words over several paragraphs (no closing mark at the end of each paragraph but the last, an opening one
at the start of each). A quote anchored across such paragraphs is inside that one quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from .articles import paragraphs
from .diagnostics import Diagnostic
from .model import DIRECT, Annotation

OPENING, CLOSING, STRAIGHT = "“„«", "”»", '"'
LOW = "„"  # opens a quotation that “ closes too (German), or ” (Polish, Hungarian...)
_MARK = re.compile('[“”„«»"]')


def _scan(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], bool]:
    """The quotations of ``text[start:end]`` (one paragraph), each from its opening mark to its closing one
    (both included) or to ``end``; and whether the last one is still open there."""
    spans: list[tuple[int, int]] = []
    opened, low = -1, False
    for m in _MARK.finditer(text, start, end):
        c, i = m.group(), m.start()
        if opened < 0:
            if c in OPENING or c == STRAIGHT:
                opened, low = i, c == LOW
        elif c in CLOSING or c == STRAIGHT or (low and c == "“"):
            spans.append((opened, i + 1))
            opened = -1
    if opened >= 0:
        spans.append((opened, end))
    return spans, opened >= 0


def quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` (one paragraph) from an opening quotation mark to its closing one, or to
    the paragraph's end when it is never closed."""
    return _scan(text, start, end)[0]


class Quotations:
    """Every quotation of an article body (a quotation continued over paragraphs is one), found once."""

    def __init__(self, body: str):
        spans: list[tuple[int, int]] = []
        running = False  # the last quotation is open at the end of the previous paragraph
        for start, end in paragraphs(body):
            found, still_open = _scan(body, start, end)
            if running and found and found[0][0] == start:  # it goes on in this paragraph
                spans[-1] = (spans[-1][0], found[0][1])
                found = found[1:]
            spans += found
            running = still_open
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def inside(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies within one quotation (its marks included). A span that begins with
        the opening mark but runs on past the closing one is not inside, nor one that begins before it."""
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self.spans[i][0] <= start and end <= self.spans[i][1]


NOT_DIRECT = "quote is not inside quotation marks in the article, so it is not a direct quote"
NOT_DIRECT_HINT = (
    "add 'attribution: reported' if the reporter paraphrases the speaker, 'attribution: "
    "framing' for the article's own words, or 'attribution: direct' if they are the speaker's "
    "words all the same"
)


def unquoted_direct(body: str, annotations: Iterable[Annotation]) -> list[Diagnostic]:
    """An error at the quote of each anchored annotation whose attribution is the default, ``direct``, but
    whose quote is not inside one quotation of the article. An attribution written in the file is not
    second-guessed."""
    found, quoted = [], None
    for ann in annotations:
        if ann.attribution_inferred and ann.attribution == DIRECT and ann.span:
            quoted = quoted or Quotations(body)
            if not quoted.inside(ann.span.start, ann.span.end):
                found.append(
                    Diagnostic(
                        ann.loc("quote"),
                        f"{ann.field_path}.quote: {NOT_DIRECT}",
                        NOT_DIRECT_HINT,
                        code="attribution",
                    )
                )
    return found
