"""Article files: front matter plus body; the normalised text and its offset map.

An article file is ``articles/<slug>.md``: YAML front matter between ``---``
lines, then the body as plain-text paragraphs separated by blank lines.
Offsets (spans, exports) count characters of the body as stored, after the
blank lines that follow the front matter.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from .diagnostics import Diagnostic, Location, PipelineError
from .model import Article
from .schema import FRONT_MATTER, Validator
from .yamlsource import decode_text, parse_yaml

_FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2018": "'", "\u2019": "'",
    "\u2013": "-", "\u2014": "-",
})
_WHITESPACE = re.compile(r"\s+")
_COLLAPSING = re.compile(r"\s{2,}|[^\S ]")  # whitespace that normalising changes: a run, or one other than " "


def _fold(text: str) -> str:
    """``text.translate(_FOLD)``, faster: a few replace() calls instead of a table lookup per character."""
    for char, folded in _FOLD.items():
        if chr(char) in text:
            text = text.replace(chr(char), folded)
    return text


@dataclass(frozen=True)
class NormalizedText:
    """``text`` is the normalised form; ``starts[i]``/``ends[i]`` are the original offsets of ``text[i]``."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` (end > start) to original offsets."""
        return self.starts[start], self.ends[end - 1]


def normalize(text: str) -> str:
    """The matching form: NFC, quotes and dashes folded, whitespace runs collapsed to one space."""
    if unicodedata.is_normalized("NFC", text):
        return _WHITESPACE.sub(" ", _fold(text))
    return normalize_with_offsets(text).text


def normalize_with_offsets(original: str) -> NormalizedText:
    """:func:`normalize`, remembering where each normalised character came from."""
    if unicodedata.is_normalized("NFC", original):
        return _collapse(_fold(original))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(original):
        j = i + 1
        while j < len(original) and unicodedata.combining(original[j]):
            j += 1
        for c in unicodedata.normalize("NFC", original[i:j]).translate(_FOLD):
            if c.isspace() and chars and chars[-1] == " ":
                ends[-1] = j
                continue
            chars.append(" " if c.isspace() else c)
            starts.append(i)
            ends.append(j)
        i = j
    return NormalizedText("".join(chars), tuple(starts), tuple(ends))


class _CollapsedOffsets(Sequence[int]):
    """Original offsets of the normalised characters when only whitespace runs were collapsed: kept as the
    runs (a few per paragraph) instead of one integer per character."""

    def __init__(self, length: int, runs: list[tuple[int, int, int]], ends: bool):
        self._length = length
        self._runs = runs  # (normalised index of the run's one space, original start, original end)
        self._keys = [run[0] for run in runs]
        self._ends = ends

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i: int) -> int:  # type: ignore[override]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError(i)
        k = bisect_right(self._keys, i) - 1
        if k >= 0 and self._runs[k][0] == i:  # the space that stands for a whole run
            return self._runs[k][2] if self._ends else self._runs[k][1]
        shift = self._runs[k][2] - self._runs[k][0] - 1 if k >= 0 else 0
        return i + shift + (1 if self._ends else 0)


def _collapse(folded: str) -> NormalizedText:
    """Fast path for NFC text, where folding kept every offset: collapse whitespace runs only."""
    runs = []
    shift = 0
    for m in _COLLAPSING.finditer(folded):  # a lone " " needs no entry: it maps to itself
        runs.append((m.start() - shift, m.start(), m.end()))
        shift += m.end() - m.start() - 1
    text = _COLLAPSING.sub(" ", folded)
    return NormalizedText(text, _CollapsedOffsets(len(text), runs, False), _CollapsedOffsets(len(text), runs, True))


def offset_to_location(article: Article, offset: int) -> Location:
    """The file location of a body offset."""
    before = article.body[:offset]
    line = article.body_line + before.count("\n")
    col = offset - (before.rfind("\n") + 1) + 1
    return Location(article.path, line, col)


def paragraphs(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each paragraph of the body."""
    return [(m.start(), m.end()) for m in re.finditer(r"\S(?:.*\S)?(?:\n[ \t]*\S.*)*", body) if m.group().strip()]


def read_article(raw: bytes, path: str, slug: str) -> Article:
    """Parse one article file. Raises :class:`PipelineError` with every problem found."""
    text = decode_text(raw, path)
    if not text.startswith("---\n"):
        raise PipelineError([Diagnostic(Location(path), "article has no front matter",
                                        "start the file with a '---' line, the metadata, then '---'")])
    end = text.find("\n---\n", 3)
    if end < 0:
        raise PipelineError([Diagnostic(Location(path), "front matter is not closed",
                                        "add a '---' line after the metadata")])
    doc = parse_yaml(text[4:end + 1], path, line_offset=1)
    validator = Validator(doc)
    meta = validator.record(doc.data, (), FRONT_MATTER)
    if validator.problems or meta is None:
        raise PipelineError(validator.problems)
    rest = text[end + 5:]
    body = rest.lstrip("\n").rstrip()
    body_line = text[: end + 5].count("\n") + 1 + (len(rest) - len(rest.lstrip("\n")))
    if not body:
        raise PipelineError([Diagnostic(Location(path, body_line), "article body is empty",
                                        "add the article text after the front matter")])
    return Article(
        slug=slug, path=path, title=meta["title"], publisher=meta["publisher"], author=meta["author"],
        published=meta["published"], body=body, body_line=body_line, location=Location(path),
        subtitle=meta.get("subtitle", ""), language=meta.get("language", "en"), url=meta.get("url", ""))
