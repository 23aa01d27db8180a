"""The command line, run for real: ``check`` exit codes and output, ``render --out`` against goldens and the adapter."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT  # tests/ is on sys.path

GOLDEN = ROOT / "tests" / "golden" / "small"
BAD_CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_scripts", *args], cwd=cwd, capture_output=True, text=True)


def test_check_passes_on_the_small_fixture() -> None:
    result = cli("--root", str(FIXTURES / "small"), "check")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == ("check: OK: 2 briefing(s), 7 annotation(s), 5 counterclaim(s), 4 speaker(s), "
                             "5 topic(s)\n")


@pytest.mark.parametrize("case", BAD_CASES)
def test_check_reports_bad_input(case: str) -> None:
    expected = (FIXTURES / "bad" / case / "expected.txt").read_text(encoding="utf-8")
    result = cli("check", cwd=FIXTURES / "bad" / case)
    assert result.returncode == 1
    assert result.stdout == expected
    assert result.stderr == f"check: {len(expected.splitlines())} problem(s) found\n"


def test_check_reports_every_file_in_one_run() -> None:
    result = cli("--root", str(FIXTURES / "bad" / "many-files"), "check")
    assert result.returncode == 1
    files = [line.split(":", 1)[0] for line in result.stdout.splitlines()]
    assert files == ["annotations/2021-01-10-ferry-strike.yml", "annotations/speakers.yml",
                     "articles/2021-01-10-ferry-strike.md"]


def test_check_github_format() -> None:
    result = cli("--root", str(FIXTURES / "bad" / "unknown-speaker"), "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout == (
        "::error file=annotations/2021-01-10-ferry-strike.yml,line=4,col=14,title=reference::"
        "annotations[0].speaker: unknown speaker 'marta-ries' (did you mean 'marta-reis'?)\n")


def test_check_json_format() -> None:
    result = cli("--root", str(FIXTURES / "bad" / "unknown-speaker"), "check", "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == [{
        "location": {"path": "annotations/2021-01-10-ferry-strike.yml", "line": 4, "col": 14},
        "message": "annotations[0].speaker: unknown speaker 'marta-ries'",
        "hint": "did you mean 'marta-reis'?", "level": "error", "code": "reference"}]


def _tree(folder: Path, pattern: str = "*") -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8")  # line endings as written
            for p in sorted(folder.rglob(pattern)) if p.is_file()}


def test_render_out_matches_the_goldens(tmp_path: Path) -> None:
    result = cli("--root", str(FIXTURES / "small"), "render", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = _tree(tmp_path / "out")
    assert result.stderr == f"render: {len(written)} page(s) written to {tmp_path / 'out'}\n"
    pages = _tree(tmp_path / "out", "*.md")
    assert pages.pop("contribute.md").startswith("# Contribute")  # the guide page; its own source is CONTRIBUTING.md
    assert pages == _tree(GOLDEN, "*.md")


def test_render_out_writes_what_the_adapter_adds(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from build_scripts.render import guide

    config = load_config(str(FIXTURES / "small" / "mkdocs.yml"))
    files = config.plugins.on_files(Files([]), config=config)  # every plugin's on_files, as a build runs them
    # A page built of raw blocks reaches MkDocs as its front matter; the plugin renders it when MkDocs builds it.
    pending = config.plugins["annotated-briefings"].build.pages.pending
    added = {f.src_uri: pending[f.src_uri]().markdown if f.src_uri in pending else f.content_bytes.decode("utf-8")
             for f in files if f.generated_by == "annotated-briefings"}
    assert len(pending) > 10 and all(added[path].startswith("---\n") for path in pending)
    assert added and all(not (FIXTURES / "small" / "docs" / path).exists() for path in added)

    result = cli("--root", str(FIXTURES / "small"), "render", "--out", str(tmp_path / "out"),
                 "--repo-url", config.repo_url, "--site-url", config.site_url)
    assert result.returncode == 0, result.stderr
    # Including the contributing guide, read from CONTRIBUTING.md rather than rendered from the model.
    assert added[guide.PATH].startswith("# Contribute")
    assert _tree(tmp_path / "out") == added


def test_render_refuses_bad_input(tmp_path: Path) -> None:
    result = cli("--root", str(FIXTURES / "bad" / "missing-ref"), "render", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stdout == (FIXTURES / "bad" / "missing-ref" / "expected.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_every_command_prints_its_help() -> None:
    """``--help`` of each subcommand is readable text (a stray % in a help string made argparse print garbage)."""
    from build_scripts.cli import build_parser

    names = [a for a in build_parser()._subparsers._group_actions[0].choices]  # every registered subcommand
    assert {"check", "build", "render", "reanchor"} <= set(names)
    for name in names:
        result = cli(name, "--help")
        assert result.returncode == 0 and result.stdout.startswith(f"usage: python -m build_scripts {name}"), name
        assert "{'" not in result.stdout, name
    assert "at least 90% similar" in cli("reanchor", "--help").stdout


RESTRUCTURED_TEXT = re.compile(r"``|:(?:mod|func|class|data|meth|attr|ref):`|::$|^\.\. ", re.MULTILINE)


def test_help_is_plain_text_without_restructuredtext() -> None:
    """Docstrings are reStructuredText; what ``--help`` prints is read in a terminal, so none of it shows."""
    from build_scripts.cli import build_parser

    parser = build_parser()
    parsers = {"": parser, **parser._subparsers._group_actions[0].choices}
    found = {name: RESTRUCTURED_TEXT.findall(p.format_help()) for name, p in parsers.items()}
    assert {name: marks for name, marks in found.items() if marks} == {}
    sample = "x ``a`` :func:`b` c::\n.. note::"
    assert RESTRUCTURED_TEXT.findall(sample) == ["``", "``", ":func:`", "::", ".. ", "::"]
