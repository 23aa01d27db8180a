"""Shared basic fixtures: fixture sites copied to tmp_path, a real MkDocs build, the browser.

Playwright is imported only by the browser fixtures, when a test uses them: ``pytest -m "not browser"`` never
imports it (tests/browser/ is not even collected then), and :func:`pytest_sessionfinish` fails such a run if
anything did.

Tests run the code on fixture sites (``tests/fixtures/<name>``), never on the repository's own articles and
annotations: those are checked by one test only, tests/test_repository_content.py. A fixture can be given
the repository's site configuration (mkdocs.yml, hand-written docs/, overrides/, CONTRIBUTING.md: code, not
content) so that it is built exactly as the repository's site is.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import pytest

from served import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


# The site's configuration and hand-written pages: what a fixture's articles and annotations are built with.
SITE_CONFIG = ("mkdocs.yml", "CONTRIBUTING.md", "docs", "overrides")


def copy_site(name: str, dest: Path, repo_config: bool = False) -> Path:
    """Copy the fixture site ``tests/fixtures/<name>`` to ``dest`` and return ``dest``.

    With ``repo_config``, the repository's :data:`SITE_CONFIG` replaces the fixture's own.
    """
    shutil.copytree(FIXTURES / name, dest, dirs_exist_ok=True)
    if repo_config:
        for item in SITE_CONFIG:
            source, target = ROOT / item, dest / item
            if target.is_dir():
                shutil.rmtree(target)
            if source.is_dir():
                shutil.copytree(source, target)
            elif source.is_file():
                shutil.copy(source, target)
    return dest


def tracked_copy(dest: Path) -> Path:
    """The working tree as git sees it (tracked and new files, not ignored ones, with their edits) copied to
    ``dest``: a clean checkout of what is on disk, for tests that must not write into the repository."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode("utf-8")
    for name in dict.fromkeys(filter(None, listed.split("\0"))):
        source = ROOT / name
        if source.is_file():  # not a file deleted in the working tree
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name, follow_symlinks=False)
    return dest


def anchors_in(markdown: str) -> set[str]:
    """Every id a generated page defines: HTML ids and Markdown heading ids (``{#id}``, maybe followed by attributes)."""
    return set(re.findall(r'\bid="([^"]+)"', markdown)) | set(re.findall(r"\{#([^}\s]+)[ }]", markdown))


def mkdocs_build(root: Path, dest: Path, *options: str) -> subprocess.CompletedProcess:
    """``python -m mkdocs build --strict [options]`` of ``root/mkdocs.yml`` into ``dest`` (deterministic, not
    raising)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="0")
    env.pop("MKDOCS_VERBOSE", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *options, "-f", str(Path(root) / "mkdocs.yml"),
         "-d", str(dest)],
        cwd=root, env=env, capture_output=True, text=True)


@pytest.fixture
def fixture_site(tmp_path: Path) -> Callable[[str], Path]:
    """``fixture_site("small")`` copies ``tests/fixtures/small`` into ``tmp_path/small`` and returns it."""
    return lambda name: copy_site(name, tmp_path / name)


def _deselects_browser_tests(config: pytest.Config) -> bool:
    """Whether ``-m`` is a conjunction with ``not browser`` in it (``not browser and not slow``): then no test
    marked ``browser`` runs. Any other expression (with ``or`` or parentheses) is left to pytest."""
    words = (config.getoption("markexpr") or "").split()
    if "or" in words or any(c in w for w in words for c in "()"):
        return False
    conjuncts, current = [], []
    for word in [*words, "and"]:
        if word == "and":
            conjuncts.append(current)
            current = []
        else:
            current.append(word)
    return ["not", "browser"] in conjuncts


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """tests/browser/ holds only browser tests (all marked below): when none of them can run, it is not
    collected, so its modules (which import Playwright) are never imported."""
    if collection_path == ROOT / "tests" / "browser" and _deselects_browser_tests(config):
        return True
    return None


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A run that deselects the browser tests must not have imported Playwright (it is slow to import, and a
    unit test has no business with it)."""
    if _deselects_browser_tests(session.config) and "playwright" in sys.modules:
        writer = session.config.get_terminal_writer()
        writer.line()
        writer.line("Playwright was imported by a run without browser tests (tests/conftest.py: import it "
                    "inside a browser fixture)", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser/ and every test that drives chromium is marked ``browser``
    (``-m browser`` / ``-m "not browser"``)."""
    browser_tests = ROOT / "tests" / "browser"
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) or browser_tests in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """One Playwright for the whole session (two sync instances cannot run at once)."""
    from playwright.sync_api import sync_playwright  # only here: a run without browser tests never imports it

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
