"""GitHub workflows, pre-commit and yamllint configuration: valid, safe, and naming only things that exist."""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_scripts.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@([0-9a-f]{40}|v\d+\.\d+\.\d+)$")
SYSTEM_TOOLS = {"git"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_there_are_two_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["pages.yml", "pull-request.yml"]


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
    assert list(triggers(workflow)) == ["pull_request"]
    runs = [s.get("run", "") for s in steps(workflow)]
    assert runs.index(".venv/bin/python -m build_scripts check --format github") < runs.index("make test")
    assert runs.index("make test") < runs.index(".venv/bin/python -m mkdocs build --strict --site-dir preview")
    upload = steps(workflow)[-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "preview/"


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


def test_pre_commit_hooks_name_existing_commands_and_schemas() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    local = next(r for r in config["repos"] if r["repo"] == "local")
    for hook in local["hooks"]:
        check_command(hook["entry"])
    assert "python -m build_scripts check" in [h["entry"] for h in local["hooks"]]
    schema_hooks = [h for r in config["repos"] for h in r["hooks"] if h["id"] == "check-jsonschema"]
    assert sorted(h["args"][1] for h in schema_hooks) == ["schemas/annotations.schema.json",
                                                         "schemas/speakers.schema.json", "schemas/topics.schema.json"]
    for hook in schema_hooks:
        assert (ROOT / hook["args"][1]).is_file()
        matched = [p for p in (ROOT / "annotations").glob("*.yml")
                   if re.search(hook["files"], f"annotations/{p.name}")
                   and not re.search(hook.get("exclude", "^$"), f"annotations/{p.name}")]
        assert matched
    yamllint = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "yamllint")
    assert yamllint["args"][-1] == ".yamllint"
    for repo in config["repos"]:
        assert repo["repo"] == "local" or re.fullmatch(r"v?\d+\.\d+\.\d+", repo["rev"]), repo


def yamllint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "yamllint"), "--strict", "-c", str(ROOT / ".yamllint"), *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def test_yamllint_passes_on_the_repository_yaml() -> None:
    files = [*(ROOT / "annotations").glob("*.yml"), *WORKFLOWS, ROOT / ".pre-commit-config.yaml", ROOT / ".yamllint"]
    result = yamllint(*files)
    assert result.returncode == 0, result.stdout


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
    assert "`python -m build_scripts check` prints `check: OK`" in items
