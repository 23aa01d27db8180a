"""ARCHITECTURE.md lists every module of build_scripts/, one line each, and nothing that is not there."""

from __future__ import annotations

import re
from collections import Counter

from conftest import ROOT  # tests/ is on sys.path

PACKAGE = ROOT / "build_scripts"


def listed() -> list[str]:
    """The module names of ARCHITECTURE.md's 'Modules' section: 'x.py', or 'x/' for a package's __init__."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("\n## Modules\n", 1)[1].split("\n## ", 1)[0]
    names = []
    for line in section.splitlines():
        if m := re.match(r"- ((?:`[\w/.]+`(?:, )?)+): \S", line):
            names += re.findall(r"`([\w/.]+)`", m.group(1))
    return names


def modules() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel != "__init__.py":
            found.add(rel.removesuffix("__init__.py") if path.name == "__init__.py" else rel)
    return found


def test_every_module_is_listed_once() -> None:
    names = listed()
    assert [n for n, count in Counter(names).items() if count > 1] == []
    assert sorted(modules() - set(names)) == []  # a module without its line
    assert sorted(set(names) - modules()) == []  # a line for a module that is gone
