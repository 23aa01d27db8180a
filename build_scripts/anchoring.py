"""Anchoring: quote (+ optional prefix/suffix) to a span of the original article text.

Matching is exact on the normalised text (see :func:`articles.normalize`).
Exactly one occurrence must remain after the prefix and suffix are applied;
overlapping occurrences count. On failure the result says why, and the
fuzzy "closest passage" search runs only then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

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
    searched: bool = False  # whether the closest passage was searched for (see anchor_quote's ``closest``)


def closest_searches(text: str) -> int:
    """How many quotes of one file get a closest-passage search in ``text``: all in an article of ordinary
    length (hundreds), at least one in any."""
    return max(1, CLOSEST_BUDGET // max(1, len(text)))


def find_all(text: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``text``, overlapping ones included."""
    found, pos = [], text.find(needle)
    while pos >= 0 and needle:
        found.append(pos)
        pos = text.find(needle, pos + 1)
    return found


def anchor_quote(
    article: NormalizedText, quote: str, prefix: str = "", suffix: str = "", *, closest: bool = True
) -> Anchor:
    """Anchor one quote; when it is not found, search the closest passage only if ``closest``."""
    text = article.text
    q, p, s = normalize(quote), normalize(prefix), normalize(suffix)
    occurrences = tuple(Occurrence(i, i + len(q)) for i in find_all(text, q))
    if not occurrences:
        return Anchor(closest=closest_passage(text, q), searched=True) if closest else Anchor()
    remaining = tuple(
        o for o in occurrences if text[max(0, o.start - len(p)) : o.start] == p and text.startswith(s, o.end)
    )
    if len(remaining) != 1:
        return Anchor(occurrences=occurrences, remaining=remaining)
    start, end = article.original_span(remaining[0].start, remaining[0].end)
    return Anchor(Span(start, end), occurrences, remaining)


# A closest-passage search costs time linear in the article (up to about 2 s per MB on crafted text), so
# the quotes of one file that are not found may search at most this many characters of article in all.
CLOSEST_BUDGET = 2_000_000
# An ambiguous quote gets a prefix or suffix suggested for each occurrence only when it has at most this many
# (each suggestion compares its occurrence with every other one).
SUGGEST_MAX = 10
CONTEXT_MAX = 300  # the longest prefix or suffix the schema accepts: a longer context is no suggestion


def shortest_context(text: str, occurrences: tuple[Occurrence, ...], target: Occurrence) -> tuple[str, str]:
    """The shortest prefix and the shortest suffix (grown to whole words) that single out ``target`` from the
    other ``occurrences``; "" where no context of at most :data:`CONTEXT_MAX` characters does.

    ``k`` characters single it out when no other occurrence has the same ``k`` characters beside it, so the
    shortest is one more than the longest context another occurrence shares with it. Each shared length is
    found by doubling then bisecting, comparing slices: O(len(occurrences) * log(CONTEXT_MAX)) comparisons
    of at most CONTEXT_MAX characters, however repetitive the text (it was cubic: "aa aa aa ..." took 95 s
    at 1,000 words)."""
    others = [o for o in occurrences if o != target]
    return _context(text, others, target, True), _context(text, others, target, False)


def _context(text: str, others: list[Occurrence], target: Occurrence, before: bool) -> str:
    limit = min(target.start if before else len(text) - target.end, CONTEXT_MAX)
    k = 1 + max((_shared(text, target, o, limit, before) for o in others), default=0)
    if k > limit:
        return ""
    grown = _whole_words(text, target, k, before)
    if len(grown) <= CONTEXT_MAX:
        return grown
    return text[target.start - k : target.start] if before else text[target.end : target.end + k]


def _shared(text: str, target: Occurrence, other: Occurrence, limit: int, before: bool) -> int:
    """How many characters (at most ``limit``) before (or after) ``other`` equal those beside ``target``."""
    bound = min(limit, other.start if before else len(text) - other.end)

    def same(k: int) -> bool:
        if before:
            return text[other.start - k : other.start] == text[target.start - k : target.start]
        return text[other.end : other.end + k] == text[target.end : target.end + k]

    low, high = 0, 1  # same(low) holds; same(high) fails or high > bound
    while high <= bound and same(high):
        low, high = high, 2 * high
    high = min(high, bound + 1)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if same(middle) else (low, middle)
    return low


def _whole_words(text: str, target: Occurrence, k: int, before: bool) -> str:
    if before:
        start = target.start - k
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        return text[start : target.start].lstrip()
    end = target.end + k
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[target.end : end].rstrip()


_WORD_START = re.compile(r"(?:^|(?<=\s))\S")


def similarity(a: str, b: str) -> float:
    """difflib's ratio formula, 2 * matches / total length, with the matches of a longest common subsequence
    (rapidfuzz's Indel similarity: bit-parallel, where difflib took 0.4 s on two 300-character strings)."""
    return Indel.normalized_similarity(a, b)


@lru_cache(maxsize=16)  # check searches once for the error and again for its best candidate (drift)
def closest_passage(text: str, quote: str) -> tuple[int, int, float] | None:
    """The passage most similar to ``quote``: located by rapidfuzz's ``partial_ratio_alignment`` (the
    window of ``text`` most like ``quote``, found in C++ in time linear in the text), then refined at the
    word starts around it. It was difflib's longest common block, O(len(text) * len(quote)) in Python: 38 s
    per quote on a 1 MB article."""
    if not text or not quote:
        return None
    alignment = fuzz.partial_ratio_alignment(quote, text)
    if alignment is None:  # only for a score under score_cutoff, and none is given
        return None
    centre = alignment.dest_start
    lo, hi = max(0, centre - len(quote)), min(len(text), centre + len(quote))
    best = None
    for m in _WORD_START.finditer(text, lo, hi + 1):
        for length in {len(quote), len(quote) - 1, len(quote) + 1}:
            candidate = text[m.start() : m.start() + length]
            ratio = similarity(candidate, quote)
            if best is None or ratio > best[2]:
                best = (m.start(), m.start() + len(candidate), ratio)
    if best is None:
        passage = text[centre : centre + len(quote)]
        best = (centre, centre + len(passage), similarity(passage, quote))
    return best
