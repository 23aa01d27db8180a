"""Strict YAML: plain data plus the location of every key and value.

This is the only module that reads with PyYAML (:mod:`.yamlerrors` words its syntax errors).
Clean files (the common case) are read in one pass of libyaml's events; anything unusual goes
to a strict pure-Python loader that composes the node graph. Either way the data is built
here, so that:

* every scalar stays a string (no YAML 1.1 typing: ``NO``, ``1.10``, ``12:30``
  and dates are kept as written; the schema decides types);
* duplicate keys are an error naming both lines;
* anchors, aliases and explicit tags are rejected (a "billion laughs" file
  fails at its first anchor);
* file size and nesting depth are bounded;
* invalid UTF-8 and tab indentation get clear messages; a BOM and CRLF line
  endings are accepted.

No error is ever swallowed: each becomes a :class:`Diagnostic`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, Location, PipelineError
from .yamlerrors import syntax_error

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 12

KeyPath = tuple  # e.g. ("annotations", 3, "speaker")


@dataclass(frozen=True)
class YamlDoc:
    """Loaded YAML: ``data`` plus where each value and each key was written."""

    path: str
    data: Any
    value_marks: dict = field(default_factory=dict)  # keypath -> (line, column), 1-based
    key_marks: dict = field(default_factory=dict)
    nulls: set = field(default_factory=set)  # keypaths of values written as nothing ('claim:' alone)

    def loc(self, keypath: KeyPath) -> Location:
        """Location of the value at ``keypath``, or of its nearest written parent."""
        for end in range(len(keypath), -1, -1):
            mark = self.value_marks.get(tuple(keypath[:end]))
            if mark is not None:
                return Location(self.path, *mark)
        return Location(self.path)

    def key_loc(self, keypath: KeyPath) -> Location:
        """Location of the key that introduces ``keypath`` (falls back to its value)."""
        mark = self.key_marks.get(tuple(keypath))
        return Location(self.path, *mark) if mark else self.loc(keypath)


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes only; refuses aliases, anchors, tags and deep nesting."""

    def __init__(self, stream: str, path: str, line_offset: int):
        super().__init__(stream)
        self._path = path
        self._line_offset = line_offset
        self._depth = 0

    def location(self, mark: Any) -> Location:
        return Location(self._path, mark.line + 1 + self._line_offset, mark.column + 1)

    def _refuse(self, mark: Any, message: str, hint: str) -> None:
        raise PipelineError([Diagnostic(self.location(mark), message, hint, code="yaml")])

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self._refuse(
                event.start_mark,
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full; anchors and aliases are disabled",
            )
        if getattr(event, "anchor", None) is not None:
            self._refuse(
                event.start_mark,
                f"YAML anchor '&{event.anchor}' is not allowed",
                "remove the anchor; anchors and aliases are disabled",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self._refuse(
                event.start_mark,
                f"YAML tag '{tag}' is not allowed",
                "remove the tag; every value is plain text and the schema decides its type",
            )
        if isinstance(event, CollectionStartEvent):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                self._refuse(
                    event.start_mark,
                    f"nesting is deeper than {MAX_DEPTH} levels",
                    "flatten the structure; annotations need at most 4 levels",
                )
        node = super().compose_node(parent, index)
        if isinstance(event, CollectionStartEvent):
            self._depth -= 1
        return node


def too_large(path: str, size: int) -> Diagnostic:
    """A file over :data:`MAX_FILE_BYTES` (files are checked by their size before they are read)."""
    return Diagnostic(
        Location(path),
        f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}",
        "split it into smaller files",
        code="size",
    )


def _decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise PipelineError([too_large(path, len(raw))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise PipelineError(
            [
                Diagnostic(
                    Location(path, line, col),
                    f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
                    "save the file as UTF-8",
                    code="encoding",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _check_tabs(text: str, path: str, line_offset: int) -> list[Diagnostic]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1 + line_offset):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Diagnostic(
                    Location(path, number, indent.index("\t") + 1),
                    "tab character in indentation",
                    "YAML indentation must use spaces",
                    code="yaml",
                )
            )
    return problems


def _build(
    node: Node, keypath: KeyPath, doc: YamlDoc, loader: _StrictLoader, problems: list[Diagnostic]
) -> Any:
    doc.value_marks[keypath] = _line_col(loader.location(node.start_mark))
    if isinstance(node, ScalarNode):
        if not node.style and not node.value:
            doc.nulls.add(keypath)
        return node.value
    if isinstance(node, SequenceNode):
        return [_build(child, (*keypath, i), doc, loader, problems) for i, child in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_loc = loader.location(key_node.start_mark)
        if not isinstance(key_node, ScalarNode):
            problems.append(Diagnostic(key_loc, "mapping keys must be plain words", "", code="yaml"))
            continue
        key = key_node.value
        if key in result:
            first_line, _ = doc.key_marks[(*keypath, key)]
            problems.append(
                Diagnostic(
                    key_loc,
                    f"duplicate key '{key}' (first defined at line {first_line})",
                    "remove one of them; YAML would silently keep only the last",
                    code="duplicate-key",
                )
            )
            continue
        doc.key_marks[(*keypath, key)] = _line_col(key_loc)
        result[key] = _build(value_node, (*keypath, key), doc, loader, problems)
    return result


def _line_col(location: Location) -> tuple[int, int]:
    return location.line, location.col


class _Unusual(Exception):
    """Raised by :func:`_fast_doc` for anything the strict path must handle (and report)."""


def _fast_doc(text: str, path: str, line_offset: int) -> YamlDoc | None:
    """The common case in one pass of libyaml's events: one document of plain mappings, sequences and
    scalars, with unique scalar keys. ``None`` for anything else (:func:`_strict_doc` reports it exactly)."""
    if not getattr(yaml, "__with_libyaml__", False) or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    value_marks: dict = {}
    key_marks: dict = {}
    nulls: set = set()
    stack: list[list] = []  # [container, keypath, pending key (mappings: None until the key is read)]
    result: list = []

    def place(value: Any, mark: Any) -> KeyPath:
        if not stack:
            result.append(value)
            keypath: KeyPath = ()
        else:
            top = stack[-1]
            if isinstance(top[0], list):
                keypath = top[1] + (len(top[0]),)
                top[0].append(value)
            else:
                keypath = top[1] + (top[2],)
                top[0][top[2]] = value
                top[2] = None
        value_marks[keypath] = (mark.line + 1 + line_offset, mark.column + 1)
        return keypath

    parser = yaml.CSafeLoader(text)
    try:
        documents = 0
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind is AliasEvent or getattr(event, "anchor", None) is not None:
                raise _Unusual
            if getattr(event, "tag", None) not in (None, "!"):
                raise _Unusual
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
            elif isinstance(event, yaml.ScalarEvent):
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:  # a mapping key
                    top = stack[-1]
                    if event.value in top[0]:
                        raise _Unusual  # duplicate key
                    top[2] = event.value
                    mark: Any = event.start_mark  # libyaml's events always carry their marks
                    key_marks[top[1] + (event.value,)] = (mark.line + 1 + line_offset, mark.column + 1)
                elif not event.style and not event.value:
                    nulls.add(place(event.value, event.start_mark))
                else:
                    place(event.value, event.start_mark)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH or (
                    stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None
                ):
                    raise _Unusual  # too deep, or a collection as a mapping key
                container: Any = {} if kind is yaml.MappingStartEvent else []
                stack.append([container, place(container, event.start_mark), None])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
    except (_Unusual, yaml.YAMLError):
        return None
    finally:
        parser.dispose()
    return YamlDoc(path, result[0] if result else None, value_marks, key_marks, nulls)


def parse_yaml(text: str, path: str, *, line_offset: int = 0) -> YamlDoc:
    """Parse already-decoded YAML text. Raises :class:`PipelineError` with every problem found."""
    problems = _check_tabs(text, path, line_offset)
    if problems:
        raise PipelineError(problems)
    return _fast_doc(text, path, line_offset) or _strict_doc(text, path, line_offset)


def _strict_doc(text: str, path: str, line_offset: int) -> YamlDoc:
    """The pure-Python loader: slower, and it names every problem (anchors, tags, duplicate keys...)."""
    try:
        loader = _StrictLoader(text, path, line_offset)  # PyYAML checks for control characters here
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1 + line_offset
        col = len(before.rsplit("\n", 1)[-1]) + 1
        raise PipelineError(
            [
                Diagnostic(
                    Location(path, line, col),
                    f"character U+{exc.character:04X} is not allowed in YAML",
                    "remove the control character",
                    code="yaml",
                )
            ]
        ) from None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise PipelineError([syntax_error(exc, text, loader.location)]) from None
    finally:
        loader.dispose()
    doc = YamlDoc(path, None)
    problems: list[Diagnostic] = []
    data = _build(node, (), doc, loader, problems) if node is not None else None
    if problems:
        raise PipelineError(problems)
    return YamlDoc(path, data, doc.value_marks, doc.key_marks, doc.nulls)


def load_yaml_bytes(raw: bytes, path: str) -> YamlDoc:
    return parse_yaml(_decode(raw, path), path)


def decode_text(raw: bytes, path: str) -> str:
    """Decode a UTF-8 text file with the same limits and messages as YAML files."""
    return _decode(raw, path)
