"""A failed ``python -m build_scripts build`` leaves the previous site/ byte-for-byte intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_build
from .payloads import SMALL_ANNOTATIONS, write_small_project
from .treehash import differences, snapshot


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    project = tmp_path_factory.mktemp("atomic")
    write_small_project(project)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert "build: site written to" in result.stdout
    before = snapshot(project / "site")
    assert "briefings/small/index.html" in before and "sitemap.xml" in before
    return project, before


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


@pytest.mark.slow
def test_annotation_error_leaves_site_unchanged(built: tuple[Path, dict[str, str]]) -> None:
    project, before = built
    ann = project / "annotations" / "small.yml"
    ann.write_text(SMALL_ANNOTATIONS.replace("speaker: the-minister", "speaker: nobody"), encoding="utf-8")
    try:
        result = run_build(project)
    finally:
        ann.write_text(SMALL_ANNOTATIONS, encoding="utf-8")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == ("annotations/small.yml:4:14: annotations[0].speaker: unknown speaker "
                                            "'nobody' (add the speaker to annotations/speakers.yml first)")
    assert "build: not built; site was left as it was" in result.stderr
    assert differences(before, snapshot(project / "site")) == []
    assert _leftovers(project) == []


@pytest.mark.slow
def test_failure_only_strict_mkdocs_catches_leaves_site_unchanged(built: tuple[Path, dict[str, str]]) -> None:
    """The annotations check passes; MkDocs writes a whole site, then --strict fails on a broken docs link."""
    project, before = built
    page = project / "docs" / "broken.md"
    page.write_text("# Broken\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    try:
        result = run_build(project)
    finally:
        page.unlink()
    assert result.returncode != 0
    assert "missing.md" in result.stderr
    assert "build: failed; site/ was left as it was" in result.stderr
    assert differences(before, snapshot(project / "site")) == []
    assert _leftovers(project) == []


@pytest.mark.slow
def test_good_build_replaces_site(built: tuple[Path, dict[str, str]]) -> None:
    project, before = built
    (project / "site" / "stale.html").write_text("left from an old build", encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert sorted(snapshot(project / "site")) == sorted(before)  # stale file gone (bytes: test_determinism)
    assert _leftovers(project) == []
