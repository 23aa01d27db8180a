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
from collections.abc import Sequence
from dataclasses import dataclass

from .charclass import (
    BODY_WHITESPACE,
    JOINER_HINT,
    JOINERS,
    STREAM_SAFE_MAX,
    controls,
    describe,
    long_mark_runs,
)
from .diagnostics import Diagnostic, Location, PipelineError
from .model import Article
from .schema import FRONT_MATTER, Validator
from .yamlsource import decode_text, parse_yaml

_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u2013": "-",
        "\u2014": "-",
    }
)
_FOLD_PAIRS = tuple((chr(char), folded) for char, folded in _FOLD.items())
_WHITESPACE = re.compile(r"\s+")
# Whitespace that normalising changes: a run, or one not " ". Written as a run that starts with white space
# other than " ", or " " and more: the same matches as r"\s{2,}|[^\S ]", found in half the time.
_COLLAPSING = re.compile(r"[^\S ]\s*| \s+")


def _fold(text: str) -> str:
    """``text.translate(_FOLD)``, faster: a few replace() calls instead of a table lookup per character."""
    for char, folded in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, folded)
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
    if text.isascii() and text.isprintable() and "  " not in text:
        return text  # most quotes: ASCII with no white space but single spaces, so nothing to change
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
    pieces: list[str] = []  # the text between runs, and a space for each: the text, from the same scan
    shift = last = 0
    for m in _COLLAPSING.finditer(folded):  # a lone " " needs no entry: it maps to itself
        start, end = m.span()
        runs.append((start - shift, start, end))
        pieces += (folded[last:start], " ")
        shift += end - start - 1
        last = end
    text = "".join(pieces) + folded[last:] if runs else folded
    return NormalizedText(
        text, _CollapsedOffsets(len(text), runs, False), _CollapsedOffsets(len(text), runs, True)
    )


def offset_to_location(article: Article, offset: int) -> Location:
    """The file location of a body offset."""
    return _body_location(article.path, article.body, article.body_line, offset)


def _body_location(path: str, body: str, body_line: int, offset: int) -> Location:
    starts = _line_starts(body)
    index = bisect_right(starts, offset) - 1
    return Location(path, body_line + index, offset - starts[index] + 1)


_LINE_STARTS: dict[int, tuple[str, list[int]]] = {}  # id(body) -> (body, its line starts), a few bodies


def _line_starts(body: str) -> list[int]:
    """Offsets where each line of ``body`` starts: a location is a bisection, not a count from the start.
    Remembered by identity, as a dict or lru_cache would compare an equal new body character by character."""
    known = _LINE_STARTS.get(id(body))
    if known is not None and known[0] is body:
        return known[1]
    starts = [0, *(m.end() for m in re.finditer("\n", body))]
    if len(_LINE_STARTS) >= 8:
        del _LINE_STARTS[next(iter(_LINE_STARTS))]
    _LINE_STARTS[id(body)] = (body, starts)  # holding the body keeps its id from being reused
    return starts


def body_problems(path: str, body: str, body_line: int) -> list[Diagnostic]:
    """Characters an article may not contain, one error each: controls and invisible format characters (the
    same classification as annotation fields, :mod:`.charclass`), and runs of combining marks over Unicode's
    stream-safe limit (which would also make normalising the text quadratic)."""
    problems = [
        Diagnostic(
            _body_location(path, body, body_line, offset),
            f"article text contains {describe(char)}",
            JOINER_HINT
            if char in JOINERS
            else "delete it: control, format and private-use "
            "characters are not allowed in articles, as they can hide or reorder what readers "
            "see",
            code="character",
        )
        for offset, char in controls(body, BODY_WHITESPACE)
    ]
    problems += [
        Diagnostic(
            _body_location(path, body, body_line, offset),
            f"article text has {count:,} combining marks in a row, over the limit of {STREAM_SAFE_MAX}",
            "remove the extra marks: Unicode's Stream-Safe Text Format "
            f"(UAX #15) allows at most {STREAM_SAFE_MAX} after one base character",
            code="character",
        )
        for offset, count in long_mark_runs(body)
    ]
    return problems


def paragraphs(body: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each paragraph of the body."""
    return [
        (m.start(), m.end()) for m in re.finditer(r"\S(?:.*\S)?(?:\n[ \t]*\S.*)*", body) if m.group().strip()
    ]


def read_article(raw: bytes, path: str, slug: str) -> Article:
    """Parse one article file. Raises :class:`PipelineError` with every problem found."""
    text = decode_text(raw, path)
    if not text.startswith("---\n"):
        raise PipelineError(
            [
                Diagnostic(
                    Location(path),
                    "article has no front matter",
                    "start the file with a '---' line, the metadata, then '---'",
                )
            ]
        )
    end = text.find("\n---\n", 3)
    if end < 0:
        raise PipelineError(
            [Diagnostic(Location(path), "front matter is not closed", "add a '---' line after the metadata")]
        )
    doc = parse_yaml(text[4 : end + 1], path, line_offset=1)
    validator = Validator(doc)
    meta = validator.record(doc.data, (), FRONT_MATTER)
    rest = text[end + 5 :]
    body = rest.lstrip("\n").rstrip()
    body_line = text[: end + 5].count("\n") + 1 + (len(rest) - len(rest.lstrip("\n")))
    problems = [*validator.problems, *body_problems(path, body, body_line)]  # before the body is normalised
    if problems or meta is None:
        raise PipelineError(problems)
    if not body:
        raise PipelineError(
            [
                Diagnostic(
                    Location(path, body_line),
                    "article body is empty",
                    "add the article text after the front matter",
                )
            ]
        )
    return Article(
        slug=slug,
        path=path,
        title=meta["title"],
        publisher=meta["publisher"],
        author=meta["author"],
        published=meta["published"],
        body=body,
        body_line=body_line,
        location=Location(path),
        subtitle=meta.get("subtitle", ""),
        language=meta.get("language", "en"),
        url=meta.get("url", ""),
    )
