"""Shared basic fixtures: the repository root, fixture sites copied to tmp_path, a real MkDocs build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from served import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def copy_site(name: str, dest: Path) -> Path:
    """Copy the fixture site ``tests/fixtures/<name>`` to ``dest`` and return ``dest``."""
    shutil.copytree(FIXTURES / name, dest, dirs_exist_ok=True)
    return dest


def anchors_in(markdown: str) -> set[str]:
    """Every id a generated page defines: HTML ids and Markdown heading ids (``{#id}``, maybe followed by attributes)."""
    return set(re.findall(r'\bid="([^"]+)"', markdown)) | set(re.findall(r"\{#([^}\s]+)[ }]", markdown))


def mkdocs_build(root: Path, dest: Path) -> subprocess.CompletedProcess:
    """``python -m mkdocs build --strict`` of ``root/mkdocs.yml`` into ``dest`` (deterministic, not raising)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="0")
    env.pop("MKDOCS_VERBOSE", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(Path(root) / "mkdocs.yml"), "-d", str(dest)],
        cwd=root, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def fixture_site(tmp_path: Path) -> Callable[[str], Path]:
    """``fixture_site("small")`` copies ``tests/fixtures/small`` into ``tmp_path/small`` and returns it."""
    return lambda name: copy_site(name, tmp_path / name)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """One Playwright for the whole session (two sync instances cannot run at once)."""
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's chromium; a missing browser fails, it never skips."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make browser); "
                    "browser tests never skip and never use `playwright install`")
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
