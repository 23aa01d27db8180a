"""The repository's own articles and annotations: ``check --strict`` passes and the site builds strictly, on
MkDocs and on ProperDocs, to the same site but for the differences listed in ``benchmarks/engines.py``.

These are the only tests that read the repository's content; every other test runs the code on fixture sites,
so adding, editing or removing a briefing changes nothing else in the test suite. When one fails, the message
is what ``python -m build_scripts check --strict`` (or the engine) prints: fix the files it names.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build  # tests/ is on sys.path

sys.path.insert(0, str(ROOT / "benchmarks"))
from engines import run_engine, site_differences  # noqa: E402


@pytest.mark.slow
def test_repository_content_passes_check_and_a_strict_build(tmp_path: Path) -> None:
    check = subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(ROOT), "check", "--strict"],
                           capture_output=True, text=True)
    assert check.returncode == 0, f"python -m build_scripts check --strict:\n{check.stdout}{check.stderr}"
    build = mkdocs_build(ROOT, tmp_path / "site")
    assert build.returncode == 0, f"mkdocs build --strict:\n{build.stdout}{build.stderr}"


@pytest.mark.slow
def test_repository_site_is_the_same_on_properdocs(tmp_path: Path) -> None:
    """The engine matrix on the project's own site (the fixtures' runs are in test_engines.py)."""
    for engine in ("mkdocs", "properdocs"):
        result = run_engine(engine, ROOT, tmp_path / engine)
        assert result.returncode == 0, f"{engine} build --strict:\n{result.stderr}"
    pages = sorted(p.relative_to(tmp_path / "mkdocs").as_posix() for p in (tmp_path / "mkdocs").rglob("*.html"))
    assert any(p.startswith("briefings/") for p in pages)
    assert site_differences(tmp_path / "mkdocs", tmp_path / "properdocs") == {
        page: ["explained: generator"] for page in pages}
