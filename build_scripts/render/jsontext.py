"""JSON text for large data files: the document indented, its long list one compact record per line.

``json.dumps(..., indent=...)`` runs in pure Python (only compact output uses
the C encoder): at thousands of annotations, indenting every nested field was
the largest single cost of rendering. One record per line stays readable and
diff-friendly, and parses to exactly the same value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_MARK = "\x00records\x00"


def encoder(sort_keys: bool = False) -> Callable[[Any], str]:
    """One record as compact JSON text (one for all records: making an encoder costs more than a record)."""
    return json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":")).encode


def chunks(
    doc: dict[str, Any], path: tuple[str, ...], parts: Iterable[str], *, sort_keys: bool = False
) -> Iterator[str]:
    """The text of :func:`dumps` in pieces, one per part: ``parts`` are records already encoded, a part being
    one or more of them joined by ``",\n"`` ("" for none), and make the list at ``path`` (keys from the top;
    whatever ``doc`` has there is not used)."""
    skeleton = holder = dict(doc)  # copied along the path only: the caller's document is not changed
    for key in path[:-1]:
        holder[key] = dict(holder[key])
        holder = holder[key]
    holder[path[-1]] = _MARK
    head, tail = json.dumps(skeleton, ensure_ascii=False, indent=1, sort_keys=sort_keys).split(
        json.dumps(_MARK), 1
    )
    separator = "[\n"
    for part in parts:
        if part:
            yield head + separator + part
            head, separator = "", ",\n"
    yield head + ("[]" if separator == "[\n" else "\n]") + tail + "\n"


def dumps(doc: dict[str, Any], path: tuple[str, ...], *, sort_keys: bool = False) -> str:
    """``doc`` as JSON text (indent 1) with the list at ``path`` (keys from the top) one record per line."""
    records = doc
    for key in path:
        records = records[key]
    encode = encoder(sort_keys)
    return "".join(chunks(doc, path, map(encode, records), sort_keys=sort_keys))
