"""Issue 17 case 15: two pull requests that each add an annotation with the same id each pass ``check``,
merge cleanly, and break main.

Played with git on the small fixture: pull request B's merge ref was made before A merged, so on its own it
still passes; the pull request workflow's own step (read from .github/workflows/pull-request.yml) merges
main as it is when the job runs, and then ``check`` names the duplicate.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PULL_REQUEST_A = ("annotations/2020-03-01-harbour-bridge-vote.yml",
                  '\n  - id: same-new-id\n    speaker: ana-rivera\n    quote: "cut commuting times in half"\n'
                  "    attribution: reported\n    claim: Rivera says the crossing halves commuting times.\n")
PULL_REQUEST_B = ("annotations/2020-03-05-bridge-budget-review.yml",
                  '\n  - id: same-new-id\n    speaker: joana-sousa\n'
                  '    quote: "puts the cost at €310 million"\n'
                  "    attribution: reported\n    claim: Sousa's review puts the bridge at 310 million euros.\n")
DUPLICATE = "duplicate annotation id 'same-new-id'"


def git(cwd: Path, *args: str) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


def check(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(root), "check"], cwd=ROOT,
                          env=env, capture_output=True, text=True)


def branch(origin: Path, name: str, change: tuple[str, str]) -> None:
    git(origin, "checkout", "-q", "-b", name, "main")
    with open(origin / change[0], "a", encoding="utf-8") as file:
        file.write(change[1])
    git(origin, "commit", "-q", "-am", name)
    git(origin, "checkout", "-q", "main")


def merge_step() -> str:
    path = ROOT / ".github" / "workflows" / "pull-request.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    [step] = [s for s in workflow["jobs"]["check"]["steps"] if s.get("name") == "Merge main as it is now"]
    return step["run"]


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """The repository: main (the small fixture), pull requests a and b, and b's merge ref made while main
    was still without a; then a is merged into main."""
    origin = Path(shutil.copytree(ROOT / "tests" / "fixtures" / "small", tmp_path / "origin"))
    git(origin, "init", "-q")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "main")
    branch(origin, "a", PULL_REQUEST_A)
    branch(origin, "b", PULL_REQUEST_B)
    git(origin, "checkout", "-q", "--detach", "main")
    git(origin, "merge", "-q", "--no-ff", "-m", "GitHub's test merge of b", "b")
    git(origin, "update-ref", "refs/pull/2/merge", "HEAD")
    git(origin, "checkout", "-q", "main")
    git(origin, "merge", "-q", "--no-ff", "-m", "merge a", "a")
    return origin


def job_checkout(origin: Path, dest: Path) -> Path:
    """What actions/checkout does with ref refs/pull/2/merge and fetch-depth 0: every branch, then the ref."""
    git(origin.parent, "clone", "-q", "--no-checkout", str(origin), str(dest))
    git(dest, "fetch", "-q", "origin", "refs/pull/2/merge")
    git(dest, "checkout", "-q", "--detach", "FETCH_HEAD")
    return dest


def test_each_pull_request_passes_alone_and_main_breaks(origin: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        alone = tmp_path / f"alone-{name}"
        git(tmp_path, "clone", "-q", "-b", name, str(origin), str(alone))
        assert check(alone).returncode == 0, check(alone).stdout
    git(origin, "merge", "-q", "--no-ff", "-m", "merge b", "b")  # a clean merge...
    done = check(origin)  # ...that breaks main
    assert done.returncode == 1 and DUPLICATE in done.stdout


def test_the_stale_merge_ref_alone_passes(origin: Path, tmp_path: Path) -> None:
    """The hole: the merge ref GitHub made before a merged has no duplicate."""
    assert check(job_checkout(origin, tmp_path / "job")).returncode == 0


def test_the_workflow_merges_main_as_it_is_now_and_check_fails(origin: Path, tmp_path: Path) -> None:
    job = job_checkout(origin, tmp_path / "job")
    env = {**os.environ, "GITHUB_WORKSPACE": str(job), "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
           "GIT_CONFIG_NOSYSTEM": "1"}  # the step's `git config --global` writes to a scratch file
    step = subprocess.run(["bash", "-e", "-c", merge_step()], cwd=job, env=env, capture_output=True,
                          text=True)
    assert step.returncode == 0, step.stderr
    assert git(job, "log", "-1", "--format=%s") == "Merge remote-tracking branch 'origin/main' into HEAD\n"
    done = check(job)
    assert done.returncode == 1
    assert DUPLICATE in done.stdout
    assert "annotations/2020-03-05-bridge-budget-review.yml" in done.stdout
