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


def test_a_clean_check_prints_no_commands(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "site")
    result = run_check(tmp_path / "site", "--format", "github", summary=tmp_path / "summary.md")
    assert (result.returncode, result.stdout) == (0, "")
    assert not (tmp_path / "summary.md").exists()
