"""The README's table names real tests: every ``file.py::test`` it cites is defined in that file."""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def cited_tests(text: str) -> list[tuple[Path, str]]:
    """``(file, test name)`` for each citation; ``::name`` alone refers to the file cited last in its cell."""
    found: list[tuple[Path, str]] = []
    for cell in text.split("|"):
        current: Path | None = None
        for m in re.finditer(r"`((?:tests/)?[\w/]+\.py)?::(\w+)`|`((?:tests/)?[\w/]+\.py)`", cell):
            if m.group(3):
                current = None  # a file cited alone: its tests are not named
                continue
            if m.group(1):
                name = m.group(1)
                current = ROOT / name if name.startswith("tests/") else HERE / name
            assert current is not None, f"'::{m.group(2)}' follows no file in: {cell.strip()[:80]}"
            found.append((current, m.group(2)))
    return found


def test_every_cited_test_exists() -> None:
    citations = cited_tests((HERE / "README.md").read_text(encoding="utf-8"))
    assert len(citations) > 40
    missing = [f"{path.relative_to(ROOT)}::{name}" for path, name in citations
               if not path.exists() or not re.search(rf"^\s*def {name}\(", path.read_text(encoding="utf-8"), re.M)]
    assert missing == []


def test_the_citation_reader_resolves_continuations() -> None:
    assert cited_tests("| `a.py::t1`, `::t2`; `tests/b.py::t3` |") == [
        (HERE / "a.py", "t1"), (HERE / "a.py", "t2"), (ROOT / "tests/b.py", "t3")]
