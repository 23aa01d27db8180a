"""Issue 17 case 10: a pull request that changes anything outside articles/ and annotations/ needs a maintainer.

``docs/`` runs raw HTML (``template: redirect.html`` with a ``javascript:`` location executed), so the red
team's pull request added a page there. ``build_scripts.pr_scope`` (the ``Scope`` job of the pull request
scope workflow) names every such file and fails unless a maintainer added the label ``maintainer-approved``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from build_scripts import pr_scope
from build_scripts.pr_scope import Change, is_contributor_path, outside, parse_name_status

HINT = "(a maintainer reviews it, then adds the label 'maintainer-approved'; see CONTRIBUTING.md)"


@pytest.mark.parametrize("path, inside", [
    ("articles/2021-03-04-budget-plan.md", True),
    ("annotations/2021-03-04-budget-plan.yml", True),
    ("annotations/speakers.yml", True),
    ("annotations/sub/x.yml", True),  # any depth: check decides what it accepts
    ("articles/raw/2021-03-04-budget-plan.html", True),
    ('annotations/x" autofocus onfocus="alert(document.domain)" a=".yml', True),  # case 1: check refuses it
    ("docs/x.md", False),  # the red team's page
    ("docs/index.md", False),
    ("docs/javascripts/extra.js", False),
    (".github/workflows/pull-request.yml", False),
    (".github/CODEOWNERS", False),
    ("mkdocs.yml", False),
    ("overrides/main.html", False),
    ("overrides/redirect.html", False),
    ("build_scripts/check.py", False),
    ("tests/conftest.py", False),
    ("Makefile", False),
    ("pyproject.toml", False),
    (".pre-commit-config.yaml", False),
    ("articles", False),  # a file named like the folder
    ("annotations", False),
    ("articles/", False),
    ("articles/../docs/x.md", False),
    ("annotations/../mkdocs.yml", False),
    ("articles/./x.md", False),
    ("articles//x.md", False),
    ("./articles/x.md", False),
    ("/articles/x.md", False),
    ("articles\\..\\docs\\x.md", False),
    ("articles/a\\b.md", False),
    ("Articles/x.md", False),  # git paths are case-sensitive
    ("ANNOTATIONS/x.yml", False),
    ("аrticles/x.md", False),  # Cyrillic а
    ("articles-old/x.md", False),
    ("annotations.yml", False),
    ("docs/articles/x.md", False),
    ("", False),
])
def test_which_paths_contributors_may_change(path: str, inside: bool) -> None:
    assert is_contributor_path(path) is inside


@pytest.mark.parametrize("change, flagged", [
    (Change("M", "annotations/a.yml"), False),
    (Change("A", "articles/raw/a.html"), False),
    (Change("D", "annotations/a.yml"), False),
    (Change("R", "annotations/b.yml", "annotations/a.yml"), False),
    (Change("R", "articles/x.md", "docs/x.md"), True),  # a rename is judged by both paths
    (Change("R", "docs/x.md", "articles/x.md"), True),
    (Change("C", "articles/x.md", "docs/x.md"), False),  # a copy leaves its source unchanged
    (Change("D", "docs/x.md"), True),  # deleting maintainer files needs a maintainer too
    (Change("D", "mkdocs.yml"), True),
    (Change("T", "docs/x.md"), True),
    (Change("M", ".github/workflows/pull-request.yml"), True),
    (Change("A", "overrides/redirect.html"), True),
])
def test_which_changes_need_a_maintainer(change: Change, flagged: bool) -> None:
    assert outside([change]) == ([change] if flagged else [])


@pytest.mark.parametrize("raw, changes", [
    (b"", []),
    (b"M\0annotations/a.yml\0", [Change("M", "annotations/a.yml")]),
    (b"A\0docs/x.md\0D\0docs/y.md\0", [Change("A", "docs/x.md"), Change("D", "docs/y.md")]),
    (b"R100\0docs/x.md\0articles/x.md\0M\0mkdocs.yml\0",
     [Change("R", "articles/x.md", "docs/x.md"), Change("M", "mkdocs.yml")]),
    (b"C075\0docs/x.md\0articles/x.md\0", [Change("C", "articles/x.md", "docs/x.md")]),
    (b"A\0docs/line\nbreak.md\0", [Change("A", "docs/line\nbreak.md")]),  # -z: no quoting, any byte
    (b"A\0articles/\xff.md\0", [Change("A", "articles/\udcff.md")]),
])
def test_parse_name_status(raw: bytes, changes: list[Change]) -> None:
    assert parse_name_status(raw) == changes


@pytest.mark.parametrize("path, shown", [
    ("docs/x.md", "docs/x.md"),
    ("docs/a`b`.md", "docs/a`b`.md"),
    ("docs/\u202ecod.md", '"docs/\\u202ecod.md"'),
    ("docs/line\nbreak.md", '"docs/line\\nbreak.md"'),
    ("articles/\udcff.md", '"articles/\\udcff.md"'),
])
def test_odd_file_names_are_shown_escaped(path: str, shown: str) -> None:
    assert pr_scope.shown(path) == shown


@pytest.mark.parametrize("path, message, line", [
    ("docs/x.md", "changed", "::error file=docs/x.md,title=maintainer-review::changed"),
    ("docs/a:b,c%.md", "50% done\r\nnext",
     "::error file=docs/a%3Ab%2Cc%25.md,title=maintainer-review::50%25 done%0D%0Anext"),
])
def test_github_annotations_are_escaped(path: str, message: str, line: str) -> None:
    assert pr_scope.github_line(path, message) == line


def test_the_listing_is_capped() -> None:
    changes = [Change("A", f"docs/{i:03}.md") for i in range(pr_scope.MAX_LISTED + 7)]
    problems = pr_scope.problems(changes)
    assert len(problems) == pr_scope.MAX_LISTED + 1
    more = "and 7 more file(s) outside articles/ and annotations/"
    assert problems[-1] == (f"docs/{pr_scope.MAX_LISTED:03}.md", more)


# --- end to end, on a real repository: GitHub's merge of a pull request into main ---------------------------


def git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    return subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True,
                          text=True).stdout


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main with one of each kind of file, and a branch ``pr`` started from it; the working directory."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, {"articles/a.md": "a\n", "annotations/a.yml": "article: a\n", "docs/x.md": "x\n",
                     "docs/y.md": "y\n", "mkdocs.yml": "site_name: t\n"})
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "main")
    git(tmp_path, "checkout", "-q", "-b", "pr")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PR_LABELS", raising=False)
    monkeypatch.delenv("GITHUB_OUTPUT", raising=False)
    return tmp_path


def merge_into_main(repo: Path, main_change: dict[str, str] | None = None) -> None:
    """Commit the branch, move main on (optionally), and check out the merge, like refs/pull/N/merge."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pull request")
    git(repo, "checkout", "-q", "main")
    if main_change:
        write(repo, main_change)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "main moved on")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "pr")


def test_a_contributor_pull_request_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(repo, {"annotations/a.yml": "article: a\nannotations: []\n", "annotations/sub/b.yml": "x\n",
                 "articles/raw/a.html": "<p>a</p>\n"})
    merge_into_main(repo, {"docs/z.md": "main's own change\n"})  # main's changes are not the pull request's
    assert pr_scope.main([]) == 0
    assert capsys.readouterr().out == "pr-scope: OK: all 3 changed file(s) are in articles/ or annotations/\n"


def test_the_red_team_pull_request_is_flagged(repo: Path, capsys: pytest.CaptureFixture[str],
                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    write(repo, {"docs/x.md": "---\ntemplate: redirect.html\nlocation: javascript:alert(1)\n---\n",
                 "annotations/a.yml": "article: a\nannotations: []\n"})
    git(repo, "mv", "docs/y.md", "articles/y.md")
    git(repo, "rm", "-q", "mkdocs.yml")
    merge_into_main(repo)
    output = tmp_path_factory.mktemp("out") / "github_output"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("GITHUB_OUTPUT", str(output))
        assert pr_scope.main(["--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "::error file=articles/y.md,title=maintainer-review::renamed from docs/y.md, outside articles/ and "
        "annotations/: maintainer territory (a maintainer reviews it, then adds the label "
        "'maintainer-approved'; see CONTRIBUTING.md)",
        "::error file=docs/x.md,title=maintainer-review::changed outside articles/ and annotations/: "
        f"maintainer territory {HINT}",
        "::error file=mkdocs.yml,title=maintainer-review::deleted outside articles/ and annotations/: "
        f"maintainer territory {HINT}",
        "articles/y.md: renamed from docs/y.md, outside articles/ and annotations/: maintainer territory "
        f"{HINT}",
        f"docs/x.md: changed outside articles/ and annotations/: maintainer territory {HINT}",
        f"mkdocs.yml: deleted outside articles/ and annotations/: maintainer territory {HINT}",
        "pr-scope: 3 file(s) outside articles/ and annotations/ need a maintainer; one adds the label "
        "'maintainer-approved' once they have reviewed them",
    ]
    assert output.read_text(encoding="utf-8") == "review=true\n"


@pytest.mark.parametrize("labels, code", [
    ('["maintainer-approved"]', 0),
    ('["typo", "maintainer-approved"]', 0),
    ('["needs-maintainer-review"]', 1),
    ('["not-maintainer-approved"]', 1),
    ("[]", 1),
    ('"maintainer-approved"', 2),  # not a list: no substring match
    ("maintainer-approved", 2),
])
def test_the_approval_label(repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                            labels: str, code: int) -> None:
    write(repo, {"docs/x.md": "changed\n"})
    merge_into_main(repo)
    monkeypatch.setenv("PR_LABELS", labels)
    assert pr_scope.main([]) == code
    out, err = capsys.readouterr()
    if code == 0:
        assert out == "pr-scope: OK: 1 file(s) outside them, approved by the label 'maintainer-approved'\n"
    elif code == 2:
        assert out == "" and err.startswith("pr-scope: cannot list the changes: PR_LABELS is not a JSON list")


def test_a_git_failure_is_reported_not_passed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert pr_scope.main(["--base", "no-such-branch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pr-scope: cannot list the changes: git diff exited with 128: fatal: ")
