"""``check --format github``: workflow commands with escaped text, and the step-summary table."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.diagnostics import Diagnostic, Location, format_github, format_step_summary
from build_scripts.visible import shown

FIXTURE = Path(__file__).parent / "fixtures" / "scaffold"
SLUG = "2021-01-04-river-dam"
COMMAND = re.compile(r"^::(error|warning) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command back into (level, properties, message), the way the runner reads it."""
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: unescape(v) for k, v in props.items()}, unescape(m.group(3))


@pytest.mark.parametrize("diagnostic, expected", [
    (Diagnostic(Location("annotations/a.yml", 12, 5), "plain message"),
     "::error file=annotations/a.yml,line=12,col=5,title=annotated-briefings::plain message"),
    (Diagnostic(Location("annotations/a.yml", 3, 7), "100% sure,\nreally: yes\r", "fix: it, now", code="schema"),
     "::error file=annotations/a.yml,line=3,col=7,title=schema::100%25 sure,\\u000areally: yes\\u000d "
     "(fix: it, now)"),
    (Diagnostic(Location("annotations/\u202ea.yml", 3, 7), "key 'x\u202ey'", "\u200b"),  # shown escaped
     "::error file=annotations/\\u202ea.yml,line=3,col=7,title=annotated-briefings::key 'x\\u202ey' "
     "(\\u200b)"),
    (Diagnostic(Location("odd dir:x,y/50%.yml", 1, 1), "m", level="warning", code="a:b,c"),
     "::warning file=odd dir%3Ax%2Cy/50%25.yml,line=1,col=1,title=a%3Ab%2Cc::m"),
])
def test_format_github_escapes(diagnostic: Diagnostic, expected: str) -> None:
    out = format_github([diagnostic])
    assert out == expected + "\n"
    level, props, message = parse(out.rstrip("\n"))
    assert props == {"file": shown(diagnostic.location.path), "line": str(diagnostic.location.line),
                     "col": str(diagnostic.location.col), "title": diagnostic.code or "annotated-briefings"}
    body = f"{diagnostic.message} ({diagnostic.hint})" if diagnostic.hint else diagnostic.message
    assert message == shown(body)


def test_step_summary_table_escapes_pipes_and_newlines() -> None:
    """Every ASCII punctuation character is backslash-escaped (none can start markup or end the cell), a line
    break is shown as \\u000a (tests/security/test_validation_limits.py renders such tables with cmark-gfm)."""
    table = format_step_summary([Diagnostic(Location("a`b.yml", 2, 3), "x | y\nz", "use a\\b")])
    assert table == ("## Annotated Briefings check\n\n1 problem(s) found.\n\n| Location | Problem | Hint |\n"
                     "|---|---|---|\n| <code>a\\`b\\.yml\\:2\\:3</code> | x \\| y\\\\u000az | use a\\\\b |\n")


BAD = """\
# yaml-language-server: $schema=../schemas/annotations.schema.json
article: 2021-01-04-river-dam
annotations:
  - id: "50% off,\\nnow: yes"
    speaker: bo-lind
    quote: "the dam is safe"
    suffix: "."
    claim: Lind says the dam is safe.
{more}"""
MORE = """
  - id: safe-{n}
    speaker: "no one, really: 100%"
    quote: "We will build the dam"
    claim: Someone says so.
"""


@pytest.fixture()
def bad_site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    more = "".join(MORE.format(n=n) for n in range(11))  # 12 problems: more than GitHub shows per step
    (root / "annotations" / f"{SLUG}.yml").write_text(BAD.format(more=more), encoding="utf-8")
    return root


def run_check(root: Path, *args: str, summary: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    if summary:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    return subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(root), "check", *args],
                          capture_output=True, text=True, env=env)


def test_check_format_github_end_to_end(bad_site: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run_check(bad_site, "--format", "github", summary=summary)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 12
    level, props, message = parse(lines[0])
    assert (level, props) == ("error", {"file": f"annotations/{SLUG}.yml", "line": "4", "col": "9", "title": "schema"})
    assert message == ("annotations[0].id: '50% off,\\u000anow: yes' is not a kebab-case id "
                       "(use '50-off-now-yes')")
    assert lines[0].endswith("::annotations[0].id: '50%25 off,\\u000anow: yes' is not a kebab-case id "
                             "(use '50-off-now-yes')")
    for n, line in enumerate(lines[1:]):
        level, props, message = parse(line)
        assert props["line"] == str(11 + 5 * n) and props["col"] == "14", line
        assert message == (f"annotations[{n + 1}].speaker: 'no one, really: 100%' is not a kebab-case id "
                           "(use 'no-one-really-100')")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Annotated Briefings check\n\n12 problem(s) found.\n")
    rows = [r for r in text.splitlines() if r.startswith("| <code>")]
    assert len(rows) == 12
    slug = SLUG.replace("-", "\\-")
    assert rows[0] == (f"| <code>annotations\\/{slug}\\.yml\\:4\\:9</code> | annotations\\[0\\]\\.id\\: "
                       "\\'50\\% off\\,\\\\u000anow\\: yes\\' is not a kebab\\-case id | "
                       "use \\'50\\-off\\-now\\-yes\\' |")


def test_human_format_is_the_default_and_writes_no_summary(bad_site: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run_check(bad_site, summary=summary)
    assert result.returncode == 1
    lines = result.stdout.splitlines()  # a line break in an echoed value is shown as \\u000a
    assert lines[0] == (f"annotations/{SLUG}.yml:4:9: annotations[0].id: '50% off,\\u000anow: yes' is not a "
                        "kebab-case id (use '50-off-now-yes')")
    assert lines[1] == (f"annotations/{SLUG}.yml:11:14: annotations[1].speaker: 'no one, really: 100%' is not "
                        "a kebab-case id (use 'no-one-really-100')")
    assert not summary.exists()


COUNTS = "| Checked | Count |\n|---|---|\n| Briefings | {} |\n| Annotations | {} |\n| Counterclaims | 0 |\n" \
         "| Speakers | {} |\n| Topics | 1 |\n"


def test_a_clean_check_prints_no_commands_and_summarises_the_counts(tmp_path: Path) -> None:
    """Outside a git checkout with origin/main, the summary has the counts and says why it has no changes."""
    shutil.copytree(FIXTURE, tmp_path / "site")
    result = run_check(tmp_path / "site", "--format", "github", summary=tmp_path / "summary.md")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == ("check: OK: 2 briefing(s), 1 annotation(s), 0 counterclaim(s), 2 speaker(s), "
                             "1 topic(s)\n")
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == (
        "## Annotated Briefings check\n\nNo problems found.\n\n" + COUNTS.format(2, 1, 2)
        + "\n### Changes against origin/main\n\n"
        "Not compared: git or origin/main is not available here (a checkout needs fetch-depth: 0).\n")
    assert not (tmp_path / "human.md").exists()
    assert run_check(tmp_path / "site", summary=tmp_path / "human.md").returncode == 0
    assert not (tmp_path / "human.md").exists()  # only --format github writes a summary


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@localhost", *args],
                   check=True, capture_output=True)


NEW_ANNOTATION = """
  - id: stone-build-dam
    speaker: ada-stone
    quote: "We will build the dam"
    claim: Stone promises the dam will be built.
"""
NEW_ARTICLE = """---
title: "Budget vote delayed"
publisher: "The Valley Courier"
author: "Iris Moll"
published: "2021-01-06"
---

The council delayed its budget vote by a week.
"""


def test_a_passing_check_summarises_what_changed_against_origin_main(tmp_path: Path) -> None:
    """As in the pull request workflow: origin/main is the base, the working tree the merge being checked.
    An annotation added and one edited, a speaker added, an article added (untracked) and one removed."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    notes = root / "annotations" / f"{SLUG}.yml"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("claim: Lind says the dam is safe.", "claim: Lind insists the dam is safe.")
                     + NEW_ANNOTATION, encoding="utf-8")
    registry = root / "annotations" / "speakers.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n  - id: cal-reyes\n    name: Cal Reyes\n"
                        "    role: Treasurer\n", encoding="utf-8")
    (root / "articles" / "2021-01-06-budget-vote.md").write_text(NEW_ARTICLE, encoding="utf-8")
    git(root, "rm", "-q", "articles/2021-01-05-quiet-day.md")
    summary = tmp_path / "summary.md"
    result = run_check(root, "--format", "github", summary=summary)
    assert (result.returncode, result.stdout) == (0, "")
    assert summary.read_text(encoding="utf-8") == (
        "## Annotated Briefings check\n\nNo problems found.\n\n" + COUNTS.format(2, 2, 3)
        + "\n### Changes against origin/main\n\n"
        "- Briefings: 1 added (<code>2021\\-01\\-06\\-budget\\-vote</code>), "
        "1 removed (<code>2021\\-01\\-05\\-quiet\\-day</code>)\n"
        "- Annotations: 1 added (<code>stone\\-build\\-dam</code>), "
        "1 edited (<code>the\\-dam\\-is\\-safe</code>)\n"
        "- Speakers: 1 added (<code>cal\\-reyes</code>)\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the pull request")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")  # merged: nothing left to compare
    summary.unlink()
    assert run_check(root, "--format", "github", summary=summary).returncode == 0
    assert summary.read_text(encoding="utf-8").endswith(
        "### Changes against origin/main\n\n"
        "No briefing, annotation or speaker was added, edited or removed.\n")


def test_the_summary_of_a_pass_lists_warnings_and_counts_long_lists() -> None:
    from build_scripts import step_summary

    ids = step_summary._Entries(base={}, head={f"a-{n:02}": {} for n in range(12)})
    line = step_summary._line("Annotations", ids)
    assert line == ("Annotations: 12 added (" + ", ".join(f"<code>a\\-{n:02}</code>" for n in range(10))
                    + " and 2 more)")
    todo = Diagnostic(Location("annotations/a.yml", 4, 13), "a TODO comment is left: # TODO: x", "delete it",
                      level="warning")
    text = step_summary.format_ok({"briefing": 1, "annotation": 12}, [line], [todo])
    assert text == ("## Annotated Briefings check\n\nNo problems found. 1 warning(s), listed below.\n\n"
                    "| Checked | Count |\n|---|---|\n| Briefings | 1 |\n| Annotations | 12 |\n\n"
                    f"### Changes against origin/main\n\n- {line}\n\n### Warnings\n\n"
                    "| Location | Problem | Hint |\n|---|---|---|\n"
                    "| <code>annotations\\/a\\.yml\\:4\\:13</code> | "
                    "a TODO comment is left\\: \\# TODO\\: x | delete it |\n")
