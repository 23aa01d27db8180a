"""Quote drift: the best candidate passage for a quote that no longer matches, and a word diff.

Used by ``check`` (to explain an error) and ``reanchor`` (to propose an update). Nothing
here re-attaches a quote: callers decide, and ``reanchor`` only writes above a threshold.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .anchoring import closest_passage, similarity

_WORD_END = re.compile(r"\w(?=\W|$)|[^\w\s](?=\s|$)")
_WORD_START = re.compile(r"(?:^|(?<=\s))\S")
SLACK = 24  # characters either side of the closest passage where better boundaries are tried


@dataclass(frozen=True)
class Candidate:
    start: int  # normalised offsets
    end: int
    score: float  # similarity of the normalised quote and passage (:func:`.anchoring.similarity`), 0..1


def best_candidate(text: str, quote: str) -> Candidate | None:
    """The passage of normalised ``text`` most similar to normalised ``quote``, on word boundaries."""
    rough = closest_passage(text, quote)
    if rough is None:
        return None
    start, end, _ = rough
    starts = [
        m.start() for m in _WORD_START.finditer(text, max(0, start - SLACK), min(len(text), start + SLACK))
    ]
    ends = [m.end() for m in _WORD_END.finditer(text, max(0, end - SLACK), min(len(text), end + SLACK))]
    best = Candidate(start, end, similarity(text[start:end], quote))
    for s in starts or [start]:
        for e in ends or [end]:
            if e > s:
                score = similarity(text[s:e], quote)
                if score > best.score:
                    best = Candidate(s, e, score)
    return _trim(text, quote, best)


def _trim(text: str, quote: str, c: Candidate) -> Candidate:
    """Drop punctuation or spaces at the passage's edges that the quote does not have there."""
    start, end = c.start, c.end
    while end - start > 1 and not text[start].isalnum() and not quote.startswith(text[start]):
        start += 1
    while end - start > 1 and not text[end - 1].isalnum() and not quote.endswith(text[end - 1]):
        end -= 1
    if (start, end) == (c.start, c.end):
        return c
    return Candidate(start, end, similarity(text[start:end], quote))


def word_diff(old: str, new: str, keep: int = 3) -> str:
    """``old`` -> ``new`` word by word: ``[-removed-]{+added+}``; long unchanged runs are elided."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            same = a[i1:i2]
            if len(same) > 2 * keep + 1:
                same = [*(same[:keep] if i1 else []), "…", *(same[-keep:] if i2 < len(a) else [])]
            out += same
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)
