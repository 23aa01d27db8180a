"""TODO comments left in annotation files: a ``check`` warning at the '#', an error under ``check --strict``,
``build`` and a strict MkDocs build. Only comments count, never a '#' inside a scalar."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.diagnostics import Diagnostic, Location
from build_scripts.stubs import markers, merge
from conftest import copy_site, mkdocs_build

HINT = "do what it says, then delete the comment; check --strict and build fail while it is there"
FILE = "annotations/2020-03-05-bridge-budget-review.yml"


def warning(line: int, col: int, comment: str) -> str:
    return f"f.yml:{line}:{col}: warning: a TODO comment is left: {comment} ({HINT})"


@pytest.mark.parametrize("text, expected", [
    ("a: 1  # TODO: later\n", [warning(1, 7, "# TODO: later")]),
    ("# TODO first\n#todo: lower case\n# FIXME now\n",
     [warning(1, 1, "# TODO first"), warning(2, 1, "#todo: lower case"), warning(3, 1, "# FIXME now")]),
    ("a: 1  # a note about a TODO\n", []),  # the comment must start with the marker
    ("a: 1  # TODOS are fine\n", []),  # a whole word
    ('a: "# TODO inside a quoted string"\n', []),
    ("a: 'it''s # TODO'  # TODO: after it\n", [warning(1, 20, "# TODO: after it")]),
    ("a: |\n  a block # TODO scalar\nb: 2 # TODO\n", [warning(3, 6, "# TODO")]),
    ("a: plain#TODO not a comment\n", []),  # a comment starts after white space
    ('a: "multi\n  # TODO still the string"\n', []),
    ('a: "unclosed\n# TODO inside the unclosed string\n', []),  # check reports the unclosed quote
    ("# TODO: " + "x" * 120 + "\n", [warning(1, 1, "# TODO: " + "x" * 91 + "…")]),
])
def test_markers(text: str, expected: list[str]) -> None:
    assert [str(d) for d in markers(text, "f.yml")] == expected


def test_markers_are_errors_when_strict() -> None:
    assert markers("a: 1  # TODO\n", "f.yml", "error") == [
        Diagnostic(Location("f.yml", 1, 7), "a TODO comment is left: # TODO",
                   "do what it says, then delete the comment", "error", "todo")]


def test_a_marker_on_a_line_with_an_error_is_not_reported_again() -> None:
    error = Diagnostic(Location("f.yml", 2, 5), "claim is empty")
    todo = markers("a: 1 # TODO one\nclaim: # TODO two\n", "f.yml")
    assert merge([error], todo) == [error, todo[0]]


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(root), *args],
                          capture_output=True, text=True)


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    root = copy_site("small", tmp_path / "small")
    path = root / FILE
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    topics: [costs]\n", "    topics: [costs]  # TODO: a second topic?\n", 1), encoding="utf-8")
    return root


TODO_LINE = f"{FILE}:7:22: warning: a TODO comment is left: # TODO: a second topic? ({HINT})\n"


def test_check_warns_and_passes(site: Path) -> None:
    result = cli(site, "check")
    assert (result.returncode, result.stdout) == (0, TODO_LINE)
    assert result.stderr == ("check: OK: 2 briefing(s), 7 annotation(s), 5 counterclaim(s), 4 speaker(s), "
                             "5 topic(s); 1 warning(s)\n")


def test_check_formats_carry_the_level(site: Path) -> None:
    github = cli(site, "check", "--format", "github").stdout
    assert github.startswith(f"::warning file={FILE},line=7,col=22,title=todo::a TODO comment is left")
    assert [d["level"] for d in json.loads(cli(site, "check", "--format", "json").stdout)] == ["warning"]


def test_check_strict_fails(site: Path) -> None:
    result = cli(site, "check", "--strict")
    assert (result.returncode, result.stdout, result.stderr) == (
        1, f"{FILE}:7:22: a TODO comment is left: # TODO: a second topic? (do what it says, then delete the "
           "comment)\n", "check: 1 problem(s) found\n")
    text = (site / FILE).read_text(encoding="utf-8")
    (site / FILE).write_text(text.replace("  # TODO: a second topic?", ""), encoding="utf-8")
    assert cli(site, "check", "--strict").returncode == 0


def test_build_refuses_a_todo_and_keeps_the_previous_site(site: Path) -> None:
    (site / "site").mkdir()
    (site / "site" / "index.html").write_text("previous", encoding="utf-8")
    result = cli(site, "build")
    assert result.returncode == 1
    assert result.stdout == (f"{FILE}:7:22: a TODO comment is left: # TODO: a second topic? (do what it "
                             "says, then delete the comment)\n")
    assert result.stderr.endswith("build: not built; site was left as it was\n")
    assert (site / "site" / "index.html").read_text(encoding="utf-8") == "previous"


@pytest.mark.slow
def test_a_strict_mkdocs_build_fails_on_a_todo(site: Path, tmp_path: Path) -> None:
    result = mkdocs_build(site, tmp_path / "out")
    assert result.returncode == 1
    assert f"WARNING -  build_scripts: {TODO_LINE}" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
