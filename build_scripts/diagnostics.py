"""Locations, diagnostics and their formatters (human, GitHub workflow commands, JSON).

Every problem the pipeline finds becomes a :class:`Diagnostic` carrying the
``path:line:col`` it came from, a message that names the field, and a hint
that suggests the fix. Stages collect them; nothing is raised one at a time.
"""

from __future__ import annotations

import difflib
import json
import sys
from array import array
from dataclasses import asdict, dataclass
from typing import Iterable, Iterator, Mapping, Sequence


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

    __slots__ = ("path", "_names", "_marks")
    _shapes: dict[tuple[str, ...], tuple[str, ...]] = {}

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
        return f"{text} ({self.hint})" if self.hint else text


class PipelineError(Exception):
    """Raised at the end of a stage that found errors; carries all of them."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=sort_key)
        super().__init__("\n".join(map(str, self.diagnostics)))


def sort_key(d: Diagnostic) -> tuple:
    return (d.location.path, d.location.line, d.location.col, d.message)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A "did you mean ...?" hint naming the closest candidate, or ''."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


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
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", loc.path),
                ("line", loc.line),
                ("col", loc.col),
                ("title", d.code or "annotated-briefings"),
            )
        )
        body = f"{d.message} ({d.hint})" if d.hint else d.message
        command = "warning" if d.level == "warning" else "error"
        lines.append(f"::{command} {props}::{_escape_data(body)}\n")
    return "".join(lines)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def format_step_summary(diagnostics: Sequence[Diagnostic]) -> str:
    """The full list as a Markdown table, for ``$GITHUB_STEP_SUMMARY``."""
    rows = [
        "## Annotated Briefings check",
        "",
        f"{len(diagnostics)} problem(s) found.",
        "",
        "| Location | Problem | Hint |",
        "|---|---|---|",
    ]
    rows += [f"| `{_cell(str(d.location))}` | {_cell(d.message)} | {_cell(d.hint)} |" for d in diagnostics]
    return "\n".join(rows) + "\n"


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"human": format_human, "github": format_github, "json": format_json}
