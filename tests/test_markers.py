"""The unit tests run without the browser: ``pytest -m "not browser and not slow"`` imports no Playwright."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from conftest import ROOT, _deselects_browser_tests  # noqa: E402  (tests/ is on sys.path)


@pytest.mark.parametrize(("markexpr", "deselects"), [
    ("not browser and not slow", True), ("not browser", True), ("not slow and not browser", True),
    ("slow and not browser", True), ("", False), ("browser", False), ("not slow", False),
    ("not browser or slow", False), ("not (browser)", False), ("not not browser", False),
    ("not browser_x", False), ("(not browser) and slow", False),
])
def test_which_runs_leave_out_the_browser_tests(markexpr: str, deselects: bool) -> None:
    """Only a plain conjunction with ``not browser`` in it counts; anything else is collected as usual."""
    config = SimpleNamespace(getoption=lambda name: markexpr if name == "markexpr" else None)
    assert _deselects_browser_tests(config) is deselects


@pytest.mark.slow
def test_collecting_the_unit_tests_imports_no_playwright() -> None:
    """Every module a run of the unit tests collects, imported for real (``-X importtime`` lists them on
    stderr; ``-s``: pytest's capture would swallow those of the modules it collects)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    command = [sys.executable, "-X", "importtime", "-m", "pytest", "-m", "not browser and not slow",
               "--collect-only", "-q", "-s", "-p", "no:cacheprovider"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stdout[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "pytest" in imported and "build_scripts.render" in imported  # the listing is there
    assert sorted(m for m in imported if m.split(".")[0] in ("playwright", "axe_playwright_python")) == []
    assert "tests/browser/" not in result.stdout and "test_crosslinks" not in result.stdout
