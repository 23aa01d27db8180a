"""Packaging: a plain ``pip install`` runs ``check`` and ``build``; optional commands name their extra."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from build_scripts import extras
from build_scripts.cli import main

from conftest import FIXTURES, ROOT, copy_site, tracked_copy  # tests/ is on sys.path

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
NEW = ("new", "2020-03-01-harbour-bridge-vote", "ending a decade of debate")
INGEST_HTML = ("ingest", str(FIXTURES / "ingest_html" / "harbor-times-article.html"), "--slug", "x-y")
MESSAGES = {
    "new": "`new` needs the authoring extra: pip install 'annotated-briefings[authoring]'",
    "ingest": "`ingest` of an HTML page needs the ingest extra: pip install 'annotated-briefings[ingest]'",
}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower()


def test_extras_match_pyproject() -> None:
    optional = PYPROJECT["project"]["optional-dependencies"]
    assert {extra: sorted(map(_name, reqs)) for extra, reqs in optional.items()} == {
        extra: sorted(modules) for extra, modules in extras.EXTRAS.items()}
    # A plain install has none of them; the development set-up installs them all.
    core = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    assert not core & {module for modules in extras.EXTRAS.values() for module in modules}
    assert "-e '.[authoring,ingest]'" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_every_subpackage_is_packaged() -> None:
    find = PYPROJECT["tool"]["setuptools"]["packages"]["find"]
    packages = sorted(p.parent.relative_to(ROOT).as_posix().replace("/", ".")
                      for p in (ROOT / "build_scripts").rglob("__init__.py"))
    assert "build_scripts.render" in packages
    patterns = [pattern.replace(".", r"\.").replace("*", ".*") for pattern in find["include"]]
    assert all(any(re.fullmatch(pattern, p) for pattern in patterns) for p in packages)


@pytest.mark.parametrize("command, argv", [("new", NEW), ("ingest", INGEST_HTML)])
def test_a_missing_extra_is_one_line_naming_it(command: str, argv: tuple[str, ...], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    site = copy_site("small", tmp_path / "site")
    monkeypatch.setattr(extras, "installed", lambda module: False)
    assert main(["--root", str(site), *argv]) == 2
    assert capsys.readouterr() == ("", MESSAGES[command] + "\n")


@pytest.mark.parametrize("module, expected", [("json", True), ("ruamel.yaml", True),
                                              ("no_such_module", False), ("no_such_package.child", False)])
def test_installed(module: str, expected: bool) -> None:
    assert extras.installed(module) is expected


@pytest.mark.slow
def test_plain_pip_install_runs_check_and_build_and_names_the_extras(tmp_path: Path) -> None:
    """A fresh venv (no system site-packages) gets ``pip install .`` of the working tree and nothing else."""
    source = tracked_copy(tmp_path / "source")  # pip builds in the source folder: never in the repository
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["NO_MKDOCS_2_WARNING"] = "1"

    def run(*args: str | Path) -> subprocess.CompletedProcess:
        return subprocess.run([str(a) for a in args], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=900)

    installed = run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", source)
    assert installed.returncode == 0, installed.stderr[-3000:]
    frozen = run(venv / "bin" / "python", "-m", "pip", "list", "--format", "freeze").stdout.lower()
    assert "annotated-briefings==" in frozen
    assert not re.search(r"^(ruamel\.yaml|trafilatura|pytest|playwright)==", frozen, re.MULTILINE), frozen

    site = copy_site("small", tmp_path / "site", repo_config=True)
    cli = venv / "bin" / "annotated-briefings"
    check = run(cli, "--root", site, "check")
    assert (check.returncode, check.stdout) == (0, ""), check.stdout + check.stderr
    assert check.stderr.startswith("check: OK: 2 briefing(s), 7 annotation(s)")
    build = run(venv / "bin" / "python", "-m", "mkdocs", "build", "--strict", "-f", site / "mkdocs.yml",
                "-d", tmp_path / "out")  # the plugin's entry point and every subpackage are installed
    assert build.returncode == 0, build.stderr[-3000:]
    assert (tmp_path / "out" / "briefings" / "2020-03-01-harbour-bridge-vote" / "index.html").is_file()
    raw = FIXTURES / "ingest" / next(p.name for p in (FIXTURES / "ingest").glob("*.txt"))
    plain = run(cli, "--root", site, "ingest", raw, "--slug", "plain-text", "--out-dir",
                tmp_path / "ingested", "--published", "2021-03-04", "--publisher", "Somebody")
    assert plain.returncode == 0, plain.stderr  # plain text needs no extra
    for args in (("--root", site, "render", "--out", tmp_path / "rendered"), ("--root", site, "reanchor"),
                 ("--root", source, "schemas", "--check")):
        result = run(cli, *args)
        assert result.returncode == 0, (args, result.stdout + result.stderr)
    for command, argv in (("new", NEW), ("ingest", INGEST_HTML)):
        result = run(cli, "--root", site, *argv)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", MESSAGES[command] + "\n")
