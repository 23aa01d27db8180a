"""The repository's own articles and annotations: ``check --strict`` passes and the site builds strictly.

This is the only test that reads the repository's content; every other test runs the code on fixture sites, so
adding, editing or removing a briefing changes nothing else in the test suite. When it fails, the message is
what ``python -m build_scripts check --strict`` prints (errors, and TODO comments left by ``new``): fix the
files it names.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build  # tests/ is on sys.path


@pytest.mark.slow
def test_repository_content_passes_check_and_a_strict_build(tmp_path: Path) -> None:
    check = subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(ROOT), "check", "--strict"],
                           capture_output=True, text=True)
    assert check.returncode == 0, f"python -m build_scripts check --strict:\n{check.stdout}{check.stderr}"
    build = mkdocs_build(ROOT, tmp_path / "site")
    assert build.returncode == 0, f"mkdocs build --strict:\n{build.stdout}{build.stderr}"
