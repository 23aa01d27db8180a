"""Locations, diagnostics and their formatters (human, GitHub workflow commands, JSON).

Every problem the pipeline finds becomes a :class:`Diagnostic` carrying the
``path:line:col`` it came from, a message that names the field, and a hint
that suggests the fix. Stages collect them; nothing is raised one at a time.

Output stays readable and bounded whatever the input: a :class:`PipelineError` keeps at most
:data:`MAX_PER_FILE` problems of each file and one :class:`Omitted` line counting the rest, and every
formatter shows the characters a reader cannot see (bidi controls, zero-width and other invisible
characters, line breaks) as ``\\uXXXX`` (:func:`.visible.shown`), since messages echo contributor text.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import ClassVar

from .visible import shown

MAX_PER_FILE = 20  # problems shown for one file; one more line counts the rest


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A 1-based line and column in a repository-relative file."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class LocationMap(Mapping[str, Location]):
    """Where each field of one record was written, packed as line and column numbers until one is asked for
    (a build keeps one per record, for tens of thousands of records, and asks for few of them).

    The field names are one tuple shared by every record written with the same fields in the same order."""

    __slots__ = ("_marks", "_names", "path")
    _shapes: ClassVar[dict[tuple[str, ...], tuple[str, ...]]] = {}

    def __init__(self, path: str, marks: dict[str, tuple[int, int]]):
        names = tuple(marks)
        self.path = path
        self._names = self._shapes.get(names) or self._shapes.setdefault(names, tuple(map(sys.intern, names)))
        self._marks = array("I", [number for mark in marks.values() for number in mark])

    def __getitem__(self, name: str) -> Location:
        try:
            at = 2 * self._names.index(name)
        except ValueError:
            raise KeyError(name) from None
        return Location(self.path, self._marks[at], self._marks[at + 1])

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    message: str
    hint: str = ""
    level: str = "error"
    code: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {'warning: ' if self.level == 'warning' else ''}{self.message}"
        return shown(f"{text} ({self.hint})" if self.hint else text)


@dataclass(frozen=True)
class Omitted(Diagnostic):
    """The last line for a file with more than :data:`MAX_PER_FILE` problems: how many more it has."""

    count: int = 0


def omitted(location: Location, count: int) -> Omitted:
    """The summary line for ``count`` problems not shown, the first of them at ``location``."""
    return Omitted(
        location,
        f"… and {count:,} more problem{'s' if count != 1 else ''} in this file",
        "fix the problems above and run check again to see the rest",
        code="more",
        count=count,
    )


def capped(diagnostics: Iterable[Diagnostic], limit: int = MAX_PER_FILE) -> list[Diagnostic]:
    """Sorted by location, at most ``limit`` problems per file, then one :class:`Omitted` line per file
    that has more (merging the counts of any such lines already present)."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.location.path, []).append(d)
    out: list[Diagnostic] = []
    for path in sorted(by_path):
        problems = sorted((d for d in by_path[path] if not isinstance(d, Omitted)), key=sort_key)
        earlier = [d for d in by_path[path] if isinstance(d, Omitted)]
        out += problems[:limit]
        count = len(problems[limit:]) + sum(d.count for d in earlier)
        if count:
            out.append(omitted(min(d.location for d in problems[limit:] + earlier), count))
    return out


def problem_count(diagnostics: Iterable[Diagnostic]) -> int:
    """How many problems ``diagnostics`` stand for, those counted by :class:`Omitted` lines included."""
    return sum(d.count if isinstance(d, Omitted) else 1 for d in diagnostics)


class PipelineError(Exception):
    """Raised at the end of a stage that found errors; carries them, capped per file (:func:`capped`)."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = capped(diagnostics)
        super().__init__("\n".join(map(str, self.diagnostics)))

    @property
    def total(self) -> int:
        return problem_count(self.diagnostics)


def sort_key(d: Diagnostic) -> tuple:
    return (d.location.path, d.location.line, d.location.col, d.message)


def closest(word: str, candidates: Iterable[str]) -> str:
    """The candidate closest to ``word`` (a likely misspelling of it), or ''."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return close[0] if close else ""


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A "did you mean ...?" hint naming the closest candidate, or ''."""
    close = closest(word, candidates)
    return f"did you mean '{close}'?" if close else ""


# --- formatters ---------------------------------------------------------------


def format_human(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(f"{d}\n" for d in diagnostics)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, one per diagnostic."""
    lines = []
    for d in diagnostics:
        loc = d.location
        props = ",".join(
            f"{key}={_escape_property(shown(str(value)))}"
            for key, value in (
                ("file", loc.path),
                ("line", loc.line),
                ("col", loc.col),
                ("title", d.code or "annotated-briefings"),
            )
        )
        body = f"{d.message} ({d.hint})" if d.hint else d.message
        command = "warning" if d.level == "warning" else "error"
        lines.append(f"::{command} {props}::{_escape_data(shown(body))}\n")
    return "".join(lines)


_MARKDOWN_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")  # every ASCII punctuation character


def cell(text: str) -> str:
    """Text for a Markdown table cell that stays text: hidden characters shown, every ASCII punctuation
    character backslash-escaped (CommonMark lets any be; then none can start markup, a link, an autolink
    or HTML, nor end the cell or a code span)."""
    return _MARKDOWN_PUNCTUATION.sub(lambda m: "\\" + m.group(), shown(text))


def step_table(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """The rows of a Markdown table of ``diagnostics`` (location, problem, hint)."""
    return ["| Location | Problem | Hint |", "|---|---|---|"] + [
        f"| <code>{cell(str(d.location))}</code> | {cell(d.message)} | {cell(d.hint)} |" for d in diagnostics
    ]


def format_step_summary(diagnostics: Sequence[Diagnostic]) -> str:
    """The list as a Markdown table, for ``$GITHUB_STEP_SUMMARY`` (a check that passed:
    :mod:`.step_summary`)."""
    rows = [
        "## Annotated Briefings check",
        "",
        f"{problem_count(diagnostics)} problem(s) found.",
        "",
        *step_table(diagnostics),
    ]
    return "\n".join(rows) + "\n"


def _json_item(d: Diagnostic) -> dict:
    item = asdict(d)
    item["location"]["path"] = shown(d.location.path)
    item["message"], item["hint"] = shown(d.message), shown(d.hint)
    return item


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([_json_item(d) for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"human": format_human, "github": format_github, "json": format_json}
