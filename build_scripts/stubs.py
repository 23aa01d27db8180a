"""Stub markers left in the annotation files: ``# TODO`` comments, as ``new`` writes on each line to fill in.

A stub's suggested speaker, and any line a contributor meant to come back to, must never pass unseen:
``check`` reports each marker as a warning at the ``#`` (line and column) and ``check --strict``, ``build``
and a one-off engine build as an error (:data:`STRICT_HINT`). Only comments count: a ``#`` at the start
of a line or after white space, outside every scalar (the YAML scanner says where scalars are), whose text
starts with ``TODO`` or ``FIXME`` in any case. A marker on a line that already has an error is not
reported: the error points there already.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

import yaml

from .diagnostics import Diagnostic, Location, PipelineError
from .sourcefiles import ANNOTATION, list_folder, read_file

MARKER_RE = re.compile(r"#\s*(?:todo|fixme)\b", re.IGNORECASE)
SHOWN = 100  # characters of the comment quoted in the message
HINT = "do what it says, then delete the comment"
STRICT_HINT = "; check --strict and build fail while it is there"


def comments(text: str) -> Iterator[tuple[int, int, str]]:
    """Each comment of a YAML text: (1-based line, 1-based column of its '#', its text).

    Scalars are found by PyYAML's scanner, so a ``#`` inside a quoted string or a block scalar is not a
    comment; after a syntax error, the rest of the file is not looked at (check reports the error)."""
    scalars: list[tuple[int, int]] = []
    scanned = len(text)
    loader = yaml.SafeLoader(text)
    try:
        while not loader.check_token(yaml.StreamEndToken):
            token = loader.get_token()
            if isinstance(token, yaml.ScalarToken):
                scalars.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError as exc:
        marks = [getattr(exc, name, None) for name in ("context_mark", "problem_mark")]
        # Where the bad token started, e.g. an unclosed quote.
        scanned = min((m.index for m in marks if m is not None), default=0)
    finally:
        loader.dispose()
    at = 0
    for line_no, line in enumerate(text.splitlines(keepends=True), 1):
        for m in re.finditer(r"(?:^|(?<=[ \t]))#", line):
            index = at + m.start()
            if index >= scanned:
                return
            if not any(start <= index < end for start, end in scalars):
                yield line_no, m.start() + 1, line[m.start() :].rstrip("\r\n")
                break
        at += len(line)


def markers(text: str, path: str, level: str = "warning") -> list[Diagnostic]:
    """A diagnostic for each stub marker in one file's text."""
    if not re.search(r"todo|fixme", text, re.IGNORECASE):
        return []  # the common case: no need to scan
    found = []
    hint = HINT + STRICT_HINT if level == "warning" else HINT
    for line, col, comment in comments(text):
        if MARKER_RE.match(comment):
            shown = comment if len(comment) <= SHOWN else comment[: SHOWN - 1].rstrip() + "…"
            found.append(
                Diagnostic(
                    Location(path, line, col),
                    f"a TODO comment is left: {shown}",
                    hint,
                    level=level,
                    code="todo",
                )
            )
    return found


def scan(project, strict: bool = False) -> list[Diagnostic]:
    """Stub markers in every YAML file of the project's annotations folder (the registries included):
    warnings, or errors when ``strict``."""
    found: list[Diagnostic] = []
    # Only the files check reads, read as it reads them (no link, pipe or device; size first): their own
    # problems are check's to report.
    for path in list_folder(project.root, project.annotations, ANNOTATION).paths:
        try:
            text = read_file(project.root, path).decode("utf-8", errors="replace")
        except PipelineError:
            continue
        found += markers(text, project.rel(path), "error" if strict else "warning")
    return found


def strictly(warnings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Warnings as ``check --strict`` reports them: errors, their hint without :data:`STRICT_HINT`."""
    return [replace(d, level="error", hint=d.hint.removesuffix(STRICT_HINT)) for d in warnings]


def merge(errors: Iterable[Diagnostic], stubs: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The errors, and the stub markers on lines that have none (the error already points there)."""
    errors = list(errors)
    taken = {(d.location.path, d.location.line) for d in errors}
    return errors + [d for d in stubs if (d.location.path, d.location.line) not in taken]
