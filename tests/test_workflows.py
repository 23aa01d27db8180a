"""GitHub workflows, pre-commit and yamllint configuration: valid, safe, and naming only things that exist."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_scripts import pr_scope
from build_scripts.cli import build_parser

from conftest import tracked_copy  # tests/ is on sys.path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@([0-9a-f]{40}|v\d+\.\d+\.\d+)$")
SYSTEM_TOOLS = {"git", "gh", "echo"}
WORKFLOW = ROOT / ".github" / "workflows"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["check-main.yml", "pages.yml", "pull-request-scope.yml",
                                           "pull-request.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(path: Path) -> None:
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target_and_every_action_pinned(path: Path) -> None:
    code = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
    workflow = load(path)
    assert "pull_request_target" not in triggers(workflow)
    assert not [line for line in code if "pull_request_target" in line]
    assert workflow["permissions"] == {"contents": "read"}
    uses = [s["uses"] for s in steps(workflow) if "uses" in s]
    assert uses
    for action in uses:
        assert PINNED.match(action), f"{action}: pin to a full commit SHA or an exact tag"


def test_pull_request_workflow_checks_tests_builds_and_uploads_a_preview() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert list(triggers(workflow)) == ["pull_request", "merge_group"]
    runs = [s.get("run", "").strip() for s in steps(workflow)]
    # --strict: a TODO comment left by `new` fails the check, as it fails the build
    check = ".venv/bin/python -m build_scripts check --format github --strict"
    assert runs.index(check) < runs.index("make test")
    assert runs.index("make test") < runs.index(".venv/bin/python -m mkdocs build --strict --site-dir preview")
    upload = steps(workflow)[-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "preview/"


def test_pull_requests_are_checked_merged_into_the_current_main() -> None:
    """Issue 17 case 15: two pull requests that each add the annotation id x each pass on their own branch.
    The check runs on refs/pull/N/merge merged again with main as the job fetched it, and in the merge
    queue."""
    workflow = load(WORKFLOW / "pull-request.yml")
    assert triggers(workflow)["pull_request"] == {"branches": ["main"]}
    assert "merge_group" in triggers(workflow)
    # one merge queue run must not cancel another's: the group falls back to the ref without a number
    group = "pull-request-${{ github.event.pull_request.number || github.ref }}"
    assert workflow["concurrency"]["group"] == group
    checkout, merge, *rest = workflow["jobs"]["check"]["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    merge_ref = "format('refs/pull/{0}/merge', github.event.number)"
    assert " ".join(checkout["with"]["ref"].split()) == (
        f"${{{{ github.event_name == 'pull_request' && {merge_ref} || '' }}}}")
    assert checkout["with"]["fetch-depth"] == 0  # every branch as the job runs, origin/main included
    assert checkout["with"]["persist-credentials"] is False
    assert merge["if"] == "github.event_name == 'pull_request'"
    assert merge["run"].splitlines() == [
        'git config --global --add safe.directory "$GITHUB_WORKSPACE"',
        "git -c user.name=ci -c user.email=ci@localhost merge --no-edit origin/main"]
    assert rest[0]["run"] == "make setup"
    assert rest[1]["run"] == ".venv/bin/python -m build_scripts check --format github --strict"


def test_main_is_checked_on_every_push_and_every_night() -> None:
    workflow = load(WORKFLOW / "check-main.yml")
    on = triggers(workflow)
    assert on["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in on
    [schedule] = on["schedule"]
    minute, hour, *every = schedule["cron"].split()
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24 and every == ["*", "*", "*"]
    runs = [s.get("run") for s in steps(workflow) if "run" in s]
    assert runs == ["make setup", ".venv/bin/python -m build_scripts check --format github --strict",
                    ".venv/bin/python -m build_scripts schemas --check",
                    ".venv/bin/python -m mkdocs build --strict --site-dir site-check"]


def test_scope_workflow_flags_changes_outside_the_contributor_folders() -> None:
    """Issue 17 case 10: a change outside articles/ and annotations/ fails the Scope check and is labelled."""
    workflow = load(WORKFLOW / "pull-request-scope.yml")
    on = triggers(workflow)
    assert on["pull_request"] == {"branches": ["main"],
                                  "types": ["opened", "synchronize", "reopened", "labeled", "unlabeled"]}
    assert "merge_group" in on  # the check is required: the queue must get it too
    job = workflow["jobs"]["scope"]
    assert job["name"] == "Scope"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkout, scope, label, queue = job["steps"]
    assert checkout["with"] == {"fetch-depth": 2, "persist-credentials": False}  # the merge and its parents
    assert scope["id"] == "scope"
    assert scope["run"] == "python3 -m build_scripts.pr_scope --base HEAD^1 --head HEAD --format github"
    assert scope["env"] == {"PR_LABELS": "${{ toJSON(github.event.pull_request.labels.*.name) }}"}
    assert checkout["if"] == scope["if"] == "github.event_name == 'pull_request'"
    assert label["if"] == "failure() && steps.scope.outputs.review == 'true'"
    assert label["continue-on-error"] is True
    assert label["run"].strip() == ('gh api -X POST "repos/$GITHUB_REPOSITORY/issues/$PR/labels" '
                                    f'-f "labels[]={pr_scope.NEEDS_REVIEW}"')
    assert label["env"]["PR"] == "${{ github.event.number }}"
    assert queue["if"] == "github.event_name == 'merge_group'"
    assert not [s for s in job["steps"] if "make" in s.get("run", "") or "pip" in s.get("run", "")]


def test_the_scope_script_needs_only_the_standard_library() -> None:
    """The Scope job runs the runner's python3 with nothing installed: -S hides site-packages."""
    done = subprocess.run([sys.executable, "-S", "-c", "import build_scripts.pr_scope"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_expanded_inside_a_script(path: Path) -> None:
    """${{ }} in run: is pasted into the script before it runs (script injection): pass values in env."""
    for step in steps(load(path)):
        assert "${{" not in step.get("run", ""), step


def test_only_the_scope_and_deploy_jobs_have_more_than_read_rights() -> None:
    extra = {(path.name, name): job["permissions"] for path in WORKFLOWS
             for name, job in load(path)["jobs"].items() if "permissions" in job}
    assert extra == {("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
                     ("pull-request-scope.yml", "scope"): {"contents": "read", "pull-requests": "write"}}


# --- code owners and the maintainers' settings ------------------------------------------------------------


def codeowners() -> list[tuple[str, list[str]]]:
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(words[0], words[1:]) for words in rules]


def owners(path: str) -> list[str]:
    """The owners of ``path``: the last matching rule wins. Only the two pattern forms the file uses."""
    found: list[str] = []
    for pattern, names in codeowners():
        folder = pattern.startswith("/") and pattern.endswith("/")
        if pattern == "*" or (folder and path.startswith(pattern[1:])):
            found = names
    return found


def test_codeowners_uses_only_the_patterns_the_test_understands() -> None:
    team = "@annotated-briefings/maintainers"
    assert codeowners() == [("*", [team]), ("/articles/", []), ("/annotations/", [])]
    assert f"`{team}`" in (ROOT / "MAINTAINERS.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [
    "articles/a.md", "articles/raw/a.html", "annotations/a.yml", "annotations/speakers.yml",
    "annotations/sub/x.yml", "docs/x.md", "docs/index.md", "overrides/main.html", "mkdocs.yml",
    ".github/CODEOWNERS", ".github/workflows/pull-request.yml", "build_scripts/pr_scope.py", "Makefile",
    "articles", "docs/articles/x.md", "Articles/x.md", "articles-old/x.md"])
def test_codeowners_and_the_scope_check_agree(path: str) -> None:
    assert bool(owners(path)) is not pr_scope.is_contributor_path(path)


def test_maintainers_guide_names_the_real_checks_labels_and_settings() -> None:
    text = " ".join((ROOT / "MAINTAINERS.md").read_text(encoding="utf-8").split())
    names = {path.name: [job["name"] for job in load(path)["jobs"].values()] for path in WORKFLOWS}
    for workflow, job in [("pull-request.yml", "Check, test and build a preview"),
                          ("pull-request-scope.yml", "Scope"), ("check-main.yml", "Check main")]:
        assert job in names[workflow]
        assert f"`{job}` (`.github/workflows/{workflow}`)" in text, job
    for words in ("Require review from Code Owners", "Dismiss stale pull request approvals",
                  "Require branches to be up to date before merging", "Require merge queue", "merge_group",
                  f"gh label create {pr_scope.NEEDS_REVIEW}", f"gh label create {pr_scope.APPROVED}"):
        assert words in text, words


def test_contributing_says_what_a_pull_request_may_change() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide[guide.index("### What a pull request may change"):]
    section = " ".join(section[:section.index("\n## ")].split())
    assert "Change only files in `articles/` and `annotations/`." in section
    for words in (f"`{pr_scope.NEEDS_REVIEW}`", f"`{pr_scope.APPROVED}`", "`Scope` check fails", "`docs/`"):
        assert words in section, words


def test_push_to_main_deploys_to_pages() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pages.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert [s.get("run") for s in build["steps"] if "run" in s] == ["make site"]
    assert build["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert build["steps"][-1]["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*):", text, re.MULTILINE))


def check_command(command: str) -> None:
    """Fail unless ``command`` runs a make target, module or script that exists, with options it accepts."""
    words = shlex.split(command)
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):  # leading VAR=value
        words = words[1:]
    program, args = words[0], words[1:]
    if program == "make":
        assert args and set(args) <= make_targets(), f"{command}: no such make target"
    elif program in (".venv/bin/python", "python", "python3"):
        assert args[0] == "-m", command
        module, rest = args[1], args[2:]
        assert importlib.util.find_spec(module), f"{command}: no module {module}"
        if module == "build_scripts":
            build_parser().parse_args(rest)  # exits (SystemExit) on an unknown command or option
        elif module == "build_scripts.pr_scope":
            pr_scope.build_parser().parse_args(rest)
        elif module == "mkdocs":
            from mkdocs.__main__ import cli
            sub = cli.commands[rest[0]]
            sub.make_context(rest[0], rest[1:])  # raises on an unknown option
    elif program in SYSTEM_TOOLS:
        pass
    else:
        script = ROOT / program
        assert script.is_file() and script.stat().st_mode & 0o111, f"{command}: no executable {program}"


def run_commands() -> list[tuple[str, str]]:
    out = []
    for path in WORKFLOWS:
        for step in steps(load(path)):
            for line in step.get("run", "").splitlines():
                for command in re.split(r"&&|\|\||;", line):
                    if command.strip() and not command.strip().startswith("#"):
                        out.append((path.name, command.strip()))
    return out


@pytest.mark.parametrize("workflow, command", run_commands())
def test_run_commands_exist(workflow: str, command: str) -> None:
    check_command(command)


@pytest.mark.parametrize("command", ["make deploy", ".venv/bin/python -m build_scripts chek",
                                     ".venv/bin/python -m build_scripts check --format gh",
                                     ".venv/bin/python -m mkdocs build --strcit", "scripts/missing.sh"])
def test_the_command_checker_catches_mistakes(command: str) -> None:
    import click
    with pytest.raises((AssertionError, SystemExit, click.UsageError)):
        check_command(command)


# --- pre-commit and yamllint --------------------------------------------------------------------


PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
FULL = ROOT / "tests" / "fixtures" / "full"


def hooks() -> list[dict]:
    return [hook for repo in load(PRE_COMMIT)["repos"] for hook in repo["hooks"]]


def test_pre_commit_hooks_are_local_and_run_the_venvs_programs() -> None:
    """Nothing is fetched from the network, and nothing needs an activated venv: each hook runs a program that
    `make setup` installs into .venv/bin (here: the venv running the tests)."""
    assert [repo["repo"] for repo in load(PRE_COMMIT)["repos"]] == ["local"]
    for hook in hooks():
        assert hook["language"] == "system", hook["id"]
        program = shlex.split(hook["entry"])[0]
        assert program.startswith(".venv/bin/") and (BIN / program.removeprefix(".venv/bin/")).is_file(), hook
        if program == ".venv/bin/python":
            check_command(hook["entry"])
    assert ".venv/bin/python -m build_scripts check --strict" in [h["entry"] for h in hooks()]


def test_pre_commit_schema_hooks_cover_each_annotation_file_once() -> None:
    schema_hooks = [h for h in hooks() if "--schemafile" in h["entry"]]
    schemas = [shlex.split(h["entry"])[-1] for h in schema_hooks]
    assert sorted(schemas) == ["schemas/annotations.schema.json", "schemas/speakers.schema.json",
                               "schemas/topics.schema.json"]
    assert all((ROOT / schema).is_file() for schema in schemas)
    for path in sorted((FULL / "annotations").glob("*.yml")):  # a fixture with every kind of file
        name = f"annotations/{path.name}"
        matched = [s for h, s in zip(schema_hooks, schemas, strict=True)
                   if re.search(h["files"], name) and not re.search(h.get("exclude", "^$"), name)]
        kind = path.stem if path.name in ("speakers.yml", "topics.yml") else "annotations"
        assert matched == [f"schemas/{kind}.schema.json"], name
    workflows = next(h for h in hooks() if h["id"] == "check-github-workflows")
    assert all(re.search(workflows["files"], p.relative_to(ROOT).as_posix()) for p in WORKFLOWS)
    yamllint_hook = next(h for h in hooks() if h["id"] == "yamllint")
    assert shlex.split(yamllint_hook["entry"])[-2:] == ["--config-file", ".yamllint"]


@pytest.mark.slow
def test_pre_commit_passes_on_a_clean_copy_and_fails_on_a_broken_annotation(tmp_path: Path) -> None:
    """``pre-commit run --all-files`` on the working tree's files, as a fresh clone, with the full fixture as
    the content (the repository's own content is tests/test_repository_content.py's), then with a mistake."""
    copy = tracked_copy(tmp_path / "clone")
    for folder in ("articles", "annotations"):
        shutil.rmtree(copy / folder, ignore_errors=True)
        shutil.copytree(FULL / folder, copy / folder)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run([*git, *args], cwd=copy, check=True)
    (copy / ".venv").symlink_to(BIN.parent, target_is_directory=True)  # what `make setup` made
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = "/usr/bin:/bin"  # no activated venv: the hooks name .venv/bin themselves

    def pre_commit(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "pre-commit"), "run", *args], cwd=copy, env=env, capture_output=True,
                              text=True, timeout=600)

    clean = pre_commit("--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    ran = re.findall(r"^(.+?)\.{3,}(Passed|Skipped)$", clean.stdout, re.MULTILINE)
    assert sorted(name for name, _ in ran) == sorted(h["name"] for h in hooks())
    assert all(status == "Passed" for _, status in ran), clean.stdout
    broken = copy / "annotations" / "2022-06-03-arden-river-survey.yml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("    claim: Varga reports", "    cliam: Varga reports", 1), encoding="utf-8")
    failed = pre_commit("--files", str(broken.relative_to(copy)))
    assert failed.returncode == 1
    assert "annotations/2022-06-03-arden-river-survey.yml:" in failed.stdout and "cliam" in failed.stdout


def yamllint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "yamllint"), "--strict", "-c", str(ROOT / ".yamllint"), *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def test_yamllint_passes_on_the_configuration_and_a_fixture() -> None:
    files = [*(FULL / "annotations").glob("*.yml"), *WORKFLOWS, PRE_COMMIT, ROOT / ".yamllint",
             ROOT / "mkdocs.yml"]
    result = yamllint(*files)
    assert result.returncode == 0, result.stdout


def test_yamllint_ignores_the_intentionally_broken_fixtures() -> None:
    broken = Path("tests/fixtures/bad/yaml-syntax/annotations/2021-01-10-ferry-strike.yml")
    assert yamllint(broken).stdout == ""  # as pre-commit passes it: relative to the root
    shown = subprocess.run([str(BIN / "yamllint"), "--strict", "-c", str(ROOT / ".yamllint"), "-"],
                           input=(ROOT / broken).read_text(encoding="utf-8"), capture_output=True, text=True, cwd=ROOT)
    assert shown.returncode == 1 and "syntax error" in shown.stdout  # broken indeed: from stdin, not ignored


def test_yamllint_forbids_duplicate_keys(tmp_path: Path) -> None:
    bad = tmp_path / "dup.yml"
    bad.write_text("article: x\nannotations:\n  - id: a\n    claim: one\n    claim: two\n", encoding="utf-8")
    result = yamllint(bad)
    assert result.returncode == 1
    assert re.search(r'5:5\s+error\s+duplication of key "claim" in mapping\s+\(key-duplicates\)', result.stdout)


def test_pull_request_template_is_a_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert 5 <= len(items) <= 10
    assert "`python -m build_scripts check --strict` prints `check: OK` (no TODO left)" in items
