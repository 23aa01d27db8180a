"""JSON text for large data files: the document indented, its long list one compact record per line.

``json.dumps(..., indent=...)`` runs in pure Python (only compact output uses
the C encoder): at thousands of annotations, indenting every nested field was
the largest single cost of rendering. One record per line stays readable and
diff-friendly, and parses to exactly the same value.
"""

from __future__ import annotations

import json
from typing import Any

_MARK = "\x00records\x00"


def dumps(doc: dict[str, Any], path: tuple[str, ...], *, sort_keys: bool = False) -> str:
    """``doc`` as JSON text (indent 1) with the list at ``path`` (keys from the top) one record per line."""
    skeleton = holder = dict(doc)  # copied along the path only: the caller's document is not changed
    for key in path[:-1]:
        holder[key] = dict(holder[key])
        holder = holder[key]
    records, holder[path[-1]] = holder[path[-1]], _MARK
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":")).encode  # one for all
    lines = ",\n".join(map(encode, records))
    text = json.dumps(skeleton, ensure_ascii=False, indent=1, sort_keys=sort_keys)
    return text.replace(json.dumps(_MARK), f"[\n{lines}\n]" if records else "[]", 1) + "\n"
