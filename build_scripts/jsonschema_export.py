"""JSON Schema (draft 2020-12) generated from the :mod:`schema` declarations.

``python -m build_scripts schemas`` writes ``schemas/*.schema.json``;
``--check`` fails when the committed files differ from what the declarations
generate. The schema mirrors :class:`schema.Validator` exactly on structure:
blank optional fields are ignored, required fields must not be blank, ids
and URLs are stripped before they are checked, list items of a scalar kind
take their list field's length limit, and a counterclaim with a ``ref`` key is a
reference (nothing else allowed), any other an inline one. A choice is an ``enum`` of its values, written
exactly; a record's groups (at least or exactly one of some fields given: a speaker's ``role`` or ``roles``,
a dated role's ``from`` or ``until``) are ``anyOf`` / ``oneOf``; its rules (an annotation with
``attribution: framing`` has no ``speaker``, any other needs one) are ``if``/``then``/``else``.
Cross-file rules (known speakers, unique ids, quotes found in the article and in quotation marks,
dates within a speaker's roles) are for ``check`` alone.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from .charclass import FIELD_WHITESPACE, control_ranges
from .schema import ANNOTATION_FILE, SPEAKERS_FILE, TOPICS_FILE, Field, Group, Record, When

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS = {  # file name -> (record, title)
    "annotations.schema.json": (ANNOTATION_FILE, "Annotated Briefings: annotations/<article-slug>.yml"),
    "speakers.schema.json": (SPEAKERS_FILE, "Annotated Briefings: annotations/speakers.yml"),
    "topics.schema.json": (TOPICS_FILE, "Annotated Briefings: annotations/topics.yml"),
}
BLANK = {"type": ["string", "null"], "pattern": r"^\s*$"}  # an optional field left empty is ignored


@cache  # made when a schema is: every command line imports this module (for its subcommand)
def _control() -> str:
    """A regex class body of the characters the validator rejects (:func:`.charclass.control_ranges`)."""
    ranges = control_ranges(FIELD_WHITESPACE)

    def char(c: int) -> str:  # BMP as \uXXXX (Python and ECMA-262 agree); astral as the character itself
        return f"\\u{c:04X}" if c <= 0xFFFF else chr(c)

    return "".join(char(a) if a == b else f"{char(a)}-{char(b)}" for a, b in ranges)


_CORES = {  # regexes for the stripped value of each non-text kind; none can match white space
    "id": lambda n: f"(?=[a-z0-9-]{{1,{n}}}\\s*$)[a-z0-9]+(?:-[a-z0-9]+)*",
    # a host without user info, '%' or backslash (and a numeric port), then a path, query or fragment
    # without backslash
    "url": lambda n: (
        f"(?=\\S{{1,{n}}}\\s*$)https?://[^\\s<>\"'`/?#\\[\\]@%:\\\\{_control()}]+"
        f"(?::[0-9]+)?(?:[/?#][^\\s<>\"'`\\\\{_control()}]*)?"
    ),
    "date": lambda n: "[0-9]{4}-[0-9]{2}-[0-9]{2}",
}
_FORMATS = {"id": "kebab-case id", "url": "absolute http(s) URL", "date": "YYYY-MM-DD"}


def scalar(kind: str, max_len: int, required: bool) -> dict[str, Any]:
    """The schema of one scalar value of ``kind`` (text, id, url or date)."""
    if kind == "text":
        out: dict[str, Any] = {"type": "string", "maxLength": max_len, "pattern": f"^[^{_control()}]*$"}
        if required:
            out["allOf"] = [{"pattern": r"\S"}]
        return out
    return {"type": "string", "pattern": f"^\\s*{_CORES[kind](max_len)}\\s*$", "$comment": _FORMATS[kind]}


def _ref(record: Record) -> dict[str, str]:
    return {"$ref": f"#/$defs/{record.name.replace(' ', '-')}"}


def _item(item: Any, max_len: int) -> dict[str, Any]:
    if isinstance(item, Record):
        return _ref(item)
    if isinstance(item, tuple):  # variants: the first whose first field is present, else the last
        out: dict[str, Any] = _ref(item[-1])
        for variant in reversed(item[:-1]):
            out = {
                "if": {"type": "object", "required": [variant.fields[0].name]},
                "then": _ref(variant),
                "else": out,
            }
        return out
    return scalar(item, max_len, False)  # list items: the list field's max_len each; blank text is allowed


def field_schema(f: Field) -> dict[str, Any]:
    if f.kind == "list":
        body: dict[str, Any] = {"type": "array", "items": _item(f.item, f.max_len)}
        if f.max_items:
            body["maxItems"] = f.max_items
    elif f.kind == "record":
        body = _ref(f.item)
    elif f.kind == "choice":
        body = {"enum": list(f.choices)}
    else:
        body = scalar(f.kind, f.max_len, f.required)
    if f.doc:
        body = {"description": f.doc, **body}
    return body if f.required else {"anyOf": [BLANK, body]}


_EMPTY = {"anyOf": [BLANK, {"type": "array", "maxItems": 0}]}  # a field not given, for a Group


def _group(group: Group) -> dict[str, Any]:
    """At least one (``anyOf``) or exactly one (``oneOf``) of the group's fields is given."""
    given = [{"required": [name], "properties": {name: {"not": _EMPTY}}} for name in group.names]
    return {"oneOf" if group.only else "anyOf": given}


def _rule(record: Record, rule: When) -> dict[str, Any]:
    """When the rule's field has its value, its fields are left out (blank); else the required ones are
    required."""
    fields = [record.field(name) for name in rule.without]
    required = [f for f in fields if f and f.required]
    out: dict[str, Any] = {
        "if": {"required": [rule.name], "properties": {rule.name: {"const": rule.value}}},
        "then": {"properties": {f.name: BLANK for f in fields if f}},
    }
    if required:
        out["else"] = {
            "required": [f.name for f in required],
            "properties": {f.name: field_schema(f) for f in required},
        }
    return out


def record_schema(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object"}
    if record.doc:
        out["description"] = record.doc
    ruled = {name for rule in record.rules for name in rule.without}  # required or not by a rule
    out["properties"] = {
        f.name: field_schema(f if f.name not in ruled else replace(f, required=False)) for f in record.fields
    }
    out["required"] = [f.name for f in record.fields if f.required and f.name not in ruled]
    out["additionalProperties"] = False
    conditions = [_group(g) for g in record.groups] + [_rule(record, r) for r in record.rules]
    if conditions:
        out["allOf"] = conditions
    return out


def _records(record: Record, found: dict[str, Record]) -> dict[str, Record]:
    for f in record.fields:
        for item in f.item if isinstance(f.item, tuple) else (f.item,):
            if isinstance(item, Record) and item.name not in found:
                found[item.name] = item
                _records(item, found)
    return found


def document_schema(record: Record, title: str) -> dict[str, Any]:
    """The whole-file schema: the top record, with every nested record under ``$defs``."""
    nested = _records(record, {})
    note = (
        f"Generated by `python -m build_scripts schemas` from build_scripts/schema.py; do not edit. "
        f"Control characters as in Unicode {unicodedata.unidata_version}."
    )
    return {
        "$schema": DRAFT,
        "title": title,
        "$comment": note,
        **record_schema(record),
        "$defs": {name.replace(" ", "-"): record_schema(r) for name, r in sorted(nested.items())},
    }


def render_all() -> dict[str, str]:
    """``{file name: JSON text}`` for every schema, deterministic."""
    return {
        name: json.dumps(document_schema(record, title), indent=2, ensure_ascii=True) + "\n"
        for name, (record, title) in SCHEMAS.items()
    }


_UNICODE = re.compile(r"Control characters as in Unicode ([0-9.]+)\.")
_CLASS = re.compile(r'"\^\[\^([^\]"]*)\]\*\$"')


def _same_unicode(text: str, committed: str) -> str:
    """``text`` with the committed file's control-character class and Unicode version, when they differ.

    Python's Unicode tables change between versions; a schema generated on another version is still
    up to date when everything but that class matches.
    """
    old, new = _UNICODE.search(committed), _UNICODE.search(text)
    old_class, new_class = _CLASS.search(committed), _CLASS.search(text)
    if not (old and new and old_class and new_class) or old.group(1) == new.group(1):
        return text
    return text.replace(new_class.group(1), old_class.group(1)).replace(new.group(0), old.group(0))


def stale(folder: Path) -> list[str]:
    """Names of the schema files in ``folder`` that are missing or out of date."""
    out = []
    for name, text in render_all().items():
        path = folder / name
        committed = path.read_text(encoding="utf-8") if path.exists() else ""
        if committed != _same_unicode(text, committed):
            out.append(name)
    return out


def run(args: argparse.Namespace) -> int:
    folder = Path(args.root).resolve() / args.out
    if args.check:
        names = stale(folder)
        for name in names:
            print(
                f"{args.out}/{name}: out of date with build_scripts/schema.py "
                f"(run: python -m build_scripts schemas)",
                file=sys.stderr,
            )
        return 1 if names else 0
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in render_all().items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"schemas: {len(SCHEMAS)} file(s) written to {args.out}/", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("schemas", help="write the JSON Schemas generated from build_scripts/schema.py")
    p.add_argument("--out", default="schemas", help="output folder, relative to the root (default: schemas)")
    p.add_argument("--check", action="store_true", help="only check that the committed files are up to date")
    p.set_defaults(func=run)
