"""Two builds of the same inputs are byte-identical, in the same folder or another checkout."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from build_scripts.sitebuild import source_date_epoch

from .conftest import run_build
from .payloads import write_payload_project, write_small_project
from .treehash import differences, snapshot


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = tmp_path / "one"
    first.mkdir()
    write_small_project(first)
    second = tmp_path / "two" / "nested"  # another checkout, at another depth
    shutil.copytree(first, second)
    for project, extra in ((first, ()), (first, ("--site-dir", "site2")), (second, ())):
        result = run_build(project, *extra)
        assert result.returncode == 0, result.stderr
    a = snapshot(first / "site")
    assert {"sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind-entry.json", "briefings/small/index.html"} <= set(a)
    assert differences(a, snapshot(first / "site2")) == []
    assert differences(a, snapshot(second / "site")) == []


@pytest.mark.slow
def test_payload_site_is_identical_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Many speakers, briefings and links: ordering never depends on set or dict iteration order."""
    write_payload_project(tmp_path)
    for seed, site_dir in (("1", "site"), ("2", "site2")):
        result = run_build(tmp_path, "--site-dir", site_dir, hash_seed=seed)
        assert result.returncode == 0, result.stderr
    assert differences(snapshot(tmp_path / "site"), snapshot(tmp_path / "site2")) == []


def test_source_date_epoch_comes_from_the_last_commit(tmp_path: Path) -> None:
    assert source_date_epoch(tmp_path) == "0"  # not a git checkout
    env = {"GIT_AUTHOR_DATE": "2021-03-04T05:06:07+00:00", "GIT_COMMITTER_DATE": "2021-03-04T05:06:07+00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    (tmp_path / "f.txt").write_text("x", encoding="utf-8")
    for cmd in (["git", "init", "-q"], ["git", "add", "f.txt"], ["git", "commit", "-q", "-m", "x"]):
        subprocess.run(cmd, cwd=tmp_path, env=env, check=True)
    assert source_date_epoch(tmp_path) == "1614834367"
