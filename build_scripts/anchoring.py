"""Anchoring: quote (+ optional prefix/suffix) to a span of the original article text.

Matching is exact on the normalised text (see :func:`articles.normalize`).
Exactly one occurrence must remain after the prefix and suffix are applied;
overlapping occurrences count. On failure the result says why, and the
fuzzy "closest passage" search runs only then.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .articles import NormalizedText, normalize
from .model import Span


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: int  # normalised offsets
    end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    """The outcome of anchoring one quote: a span, or the evidence for an error."""

    span: Span | None = None
    occurrences: tuple[Occurrence, ...] = ()  # all occurrences of the bare quote
    remaining: tuple[Occurrence, ...] = ()  # those left after prefix/suffix
    closest: tuple[int, int, float] | None = None  # normalised start, end, similarity, when not found


def find_all(text: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``text``, overlapping ones included."""
    found, pos = [], text.find(needle)
    while pos >= 0 and needle:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def anchor_quote(article: NormalizedText, quote: str, prefix: str = "", suffix: str = "") -> Anchor:
    text = article.text
    q, p, s = normalize(quote), normalize(prefix), normalize(suffix)
    occurrences = tuple(Occurrence(i, i + len(q)) for i in find_all(text, q))
    if not occurrences:
        return Anchor(closest=closest_passage(text, q))
    remaining = tuple(
        o for o in occurrences
        if text[max(0, o.start - len(p)):o.start] == p and text.startswith(s, o.end))
    if len(remaining) != 1:
        return Anchor(occurrences=occurrences, remaining=remaining)
    start, end = article.original_span(remaining[0].start, remaining[0].end)
    return Anchor(Span(start, end), occurrences, remaining)


def shortest_context(text: str, occurrences: tuple[Occurrence, ...], target: Occurrence) -> tuple[str, str]:
    """The shortest prefix and the shortest suffix (grown to whole words) that single out ``target``."""
    others = [o for o in occurrences if o != target]

    def grow(before: bool) -> str:
        limit = target.start if before else len(text) - target.end
        for k in range(1, limit + 1):
            if before:
                ctx = text[target.start - k:target.start]
                clash = any(text[max(0, o.start - k):o.start] == ctx for o in others)
            else:
                ctx = text[target.end:target.end + k]
                clash = any(text[o.end:o.end + k] == ctx for o in others)
            if not clash:
                return _whole_words(text, target, k, before)
        return ""

    return grow(True), grow(False)


def _whole_words(text: str, target: Occurrence, k: int, before: bool) -> str:
    if before:
        start = target.start - k
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        return text[start:target.start].lstrip()
    end = target.end + k
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[target.end:end].rstrip()


_WORD_START = re.compile(r"(?:^|(?<=\s))\S")


def closest_passage(text: str, quote: str) -> tuple[int, int, float] | None:
    """The passage most similar to ``quote``: searched around the longest common block, at word starts."""
    if not text or not quote:
        return None
    block = difflib.SequenceMatcher(None, text, quote, autojunk=False).find_longest_match(0, len(text), 0, len(quote))
    centre = max(0, block.a - block.b)
    lo, hi = max(0, centre - len(quote)), min(len(text), centre + len(quote))
    best = None
    for m in _WORD_START.finditer(text, lo, hi + 1):
        for length in {len(quote), len(quote) - 1, len(quote) + 1}:
            candidate = text[m.start():m.start() + length]
            ratio = difflib.SequenceMatcher(None, candidate, quote, autojunk=False).ratio()
            if best is None or ratio > best[2]:
                best = (m.start(), m.start() + len(candidate), ratio)
    if best is None:
        best = (centre, min(len(text), centre + len(quote)),
                difflib.SequenceMatcher(None, text[centre:centre + len(quote)], quote).ratio())
    return best
