"""Large JSON files: one record per line, the same value as the indented document."""

from __future__ import annotations

import json

import pytest

from build_scripts.render.jsontext import dumps


@pytest.mark.parametrize(("doc", "path"), [
    ({"schema_version": 1, "claims": [{"id": "a", "claim": "“x” \u2028 </script>"}, {"id": "b", "topics": []}]},
     ("claims",)),
    ({"@context": ["c"], "first": {"type": "Page", "items": [{"id": 1}, {"id": 2, "b": {"c": [1]}}]}},
     ("first", "items")),
    ({"claims": []}, ("claims",)),
])
def test_same_value_one_record_per_line(doc: dict, path: tuple[str, ...]) -> None:
    before = json.dumps(doc)
    text = dumps(doc, path)
    assert json.loads(text) == doc
    assert json.dumps(doc) == before  # the caller's document is left as it was
    records = doc
    for key in path:
        records = records[key]
    lines = text.split("\n")
    for record in records:
        assert json.dumps(record, ensure_ascii=False, separators=(",", ":")) in lines or \
            json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "," in lines
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_sort_keys() -> None:
    text = dumps({"z": 1, "claims": [{"b": 1, "a": 2}]}, ("claims",), sort_keys=True)
    assert text.index('"claims"') < text.index('"z"') and '{"a":2,"b":1}' in text
