"""A YAML syntax error in plain words, at the real mistake (used by :mod:`.yamlsource` only).

PyYAML reports where its parser gave up, which is often far from the mistake and in its own terms.
Quoted text may run over several lines, so a quote that is never closed swallows the lines after it
up to the next quotation mark, and the parser stops there ("expected <block end>, but found
'<scalar>'", nine lines down). The same holds for a ``[`` or ``{`` never closed. Such an error is
reported where the quote or bracket opens; a few other common mistakes get plain words; anything
else keeps PyYAML's message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from .diagnostics import Diagnostic, Location

HINT = "check the indentation and quoting on this line and the one before"
_CLOSE = {
    '"': 'add the closing " where the text ends; if the text itself contains ", put it in single quotes '
    'instead, or write \\" for each',
    "'": "add the closing ' where the text ends; to write ' inside single quotes, double it (''), or put "
    "the text in double quotes instead",
}
_AFTER = {
    '"': 'to write " inside double quotes, write \\"; or put the whole value in single quotes',
    "'": "to write ' inside single quotes, double it (it''s); or put the whole value in double quotes",
}
_BRACKETS = {
    "flow sequence": (
        "this list in [ ] is never closed",
        "add the closing ] after its last item, or write the items as '- item' lines",
    ),
    "flow mapping": ("this mapping in { } is never closed", "add the closing } after its last entry"),
}
# A line of the file's own structure: a list item, or a key followed by ':'.
_STRUCTURE = re.compile(r" *(-( |$)|[^\s#'\"\[{][^:#]*:( |$))")
# A key and a plain value (not quoted, not in brackets), perhaps as a list item: "  - claim: text".
_PLAIN_VALUE = re.compile(r" *(?:- +)?(([A-Za-z_][\w-]*): +)[^\s'\"\[{|>]")


def syntax_error(exc: yaml.MarkedYAMLError, text: str, location: Callable[[Any], Location]) -> Diagnostic:
    """The diagnostic for ``exc``, raised while parsing ``text``; ``location`` turns a PyYAML mark into a
    :class:`Location`."""
    lines = _LINE_BREAK.split(text)  # as PyYAML counts lines, so that its marks index this list
    # PyYAML's parser errors carry a mark; one without would be reported at the start of the text.
    problem = exc.problem_mark or exc.context_mark or yaml.Mark("", 0, 0, 0, None, 0)
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:  # ran to the end of the file
        return _never_closed(exc.context_mark, text, location)
    quoted = _quoted_before(text, problem)
    swallowed = next((q for q in quoted if _swallows(lines, q.start_mark, q.end_mark)), None)
    if swallowed:
        return _never_closed(swallowed.start_mark, text, location)
    kind = (exc.context or "").removeprefix("while parsing a ")
    if (
        kind in _BRACKETS
        and exc.context_mark
        and ("<stream end>" in (exc.problem or "") or _swallows(lines, exc.context_mark, problem))
    ):
        return Diagnostic(location(exc.context_mark), *_BRACKETS[kind], code="yaml")
    last = quoted[-1] if quoted else None
    if (
        last
        and "found '<scalar>'" in (exc.problem or "")
        and last.end_mark.line == problem.line
        and not text[last.end_mark.index : problem.index].strip()
    ):
        quote = text[last.start_mark.index]
        return Diagnostic(
            location(problem),
            f"text right after the closing {quote} of a quoted value",
            _AFTER[quote],
            code="yaml",
        )
    in_value = exc.problem == "mapping values are not allowed here"
    plain = _PLAIN_VALUE.match(lines[problem.line]) if in_value else None
    if plain and problem.column > plain.end(1):
        return Diagnostic(
            location(problem),
            "': ' inside a value that is not in quotes, which YAML reads as the start of another key",
            f"put the whole value after '{plain.group(2)}:' in double quotes",
            code="yaml",
        )
    escape = re.fullmatch(r"found unknown escape character '(.+)'", exc.problem or "")
    if escape and exc.problem_mark:
        at = location(exc.problem_mark)
        return Diagnostic(
            Location(at.path, at.line, at.col - 1),
            f'"\\{escape.group(1)}" is not an escape sequence in double quotes',
            "write \\\\ for a backslash, or put the value in single quotes, where \\ is an "
            "ordinary character",
            code="yaml",
        )
    message = exc.problem or exc.context or "invalid YAML"
    if exc.problem and exc.context:
        message += f" {exc.context}"
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            message += f" started at line {location(exc.context_mark).line}"
    return Diagnostic(location(problem), f"YAML syntax error: {message}", HINT, code="yaml")


def _never_closed(start: Any, text: str, location: Callable[[Any], Location]) -> Diagnostic:
    quote = text[start.index]
    return Diagnostic(location(start), "this quoted text is never closed", _CLOSE[quote], code="yaml")


def _quoted_before(text: str, mark: Any) -> list[yaml.ScalarToken]:
    """The quoted scalars that end before ``mark``, in order (scanning stops at the first error)."""
    found = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                found.append(token)
    except yaml.YAMLError:
        pass
    return found


def _indent(line: str) -> int:
    """Where the content of a line starts, after its indentation and any '- ' of list items."""
    return re.match(r" *(?:-(?: +|$))*", line).end()  # type: ignore[union-attr]


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # PyYAML's line breaks (YAML 1.1)


def _swallows(lines: list[str], start: Any, end: Any) -> bool:
    """Whether the text from ``start`` (a quote or bracket) to ``end`` runs over a line of the file's own
    structure: a key or list item indented no deeper than the line it opened on. Text that legitimately
    continues on the next lines is indented deeper."""
    limit = _indent(lines[start.line])
    return any(
        _STRUCTURE.match(line) and len(line) - len(line.lstrip(" ")) <= limit
        for line in lines[start.line + 1 : end.line + 1]
        if line.strip()
    )
