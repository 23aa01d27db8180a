"""``new ARTICLE_SLUG "QUOTE" [--append]``: locating, disambiguating, suggesting, appending."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.scaffold import SCHEMA_LINE

FIXTURE = Path(__file__).parent / "fixtures" / "scaffold"
SLUG = "2021-01-04-river-dam"
STUB_TAIL = ('    claim:  # TODO: what the speaker asserts, in plain and neutral words\n'
             '    topics: [] # TODO: kebab-case topic ids, e.g. [sanctions]\n'
             '    contributor: # your GitHub handle\n')


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site"


def new(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(root), "new", *args],
                          capture_output=True, text=True)


def check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(root), "check", *args],
                          capture_output=True, text=True)


SPEAKER_TODO = "  # TODO: check it, then delete this comment; suggested by "
REPORTED = ("    attribution: reported # TODO: not in quotation marks in the article: 'reported' if the reporter "
            "paraphrases the speaker, 'framing' for the article's own words (then delete the speaker line)\n")

# (quote, extra args, stdout stub, stderr)
STUBS = [
    ("We will build the dam", [],
     '  - id: stone-build-dam\n'
     f'    speaker: ada-stone{SPEAKER_TODO}"Stone said"\n'
     '    quote: "We will build the dam"\n' + STUB_TAIL,
     f"new: found at articles/{SLUG}.md:8:79\n"),
    ("river plan will cost more than", [],
     '  - id: stone-river-plan\n'
     f'    speaker: ada-stone{SPEAKER_TODO}"Ada Stone said"\n' + REPORTED +
     '    quote: "river plan will cost more than"\n    prefix: "The "\n' + STUB_TAIL,
     f'new: the quote occurs 2 times; picked occurrence 1 at articles/{SLUG}.md:8:5 with prefix "The "\n'),
    ("river plan will cost more than", ["--occurrence", "2"],  # "Critics said": no registered speaker
     '  - id: river-plan\n'
     '    speaker:  # TODO: a speaker id from annotations/speakers.yml ("Critics said": not a registered '
     'name or alias)\n' + REPORTED +
     '    quote: "river plan will cost more than"\n    prefix: "the "\n' + STUB_TAIL,
     f'new: the quote occurs 2 times; picked occurrence 2 at articles/{SLUG}.md:10:18 with prefix "the "\n'),
    ("the dam is safe", ["--occurrence", "2"],
     '  - id: lind-dam-safe\n'
     f'    speaker: bo-lind{SPEAKER_TODO}"Lind repeated"\n' + REPORTED +
     '    quote: "the dam is safe"\n    prefix: "and "\n' + STUB_TAIL,
     f'new: the quote occurs 2 times; picked occurrence 2 at articles/{SLUG}.md:12:76 with prefix "and "\n'),
    ("  “We   will build the dam,” ", [],  # curly quotes, extra spaces: matched after normalisation
     '  - id: stone-build-dam\n'
     f'    speaker: ada-stone{SPEAKER_TODO}"Stone said"\n'
     '    quote: "“We   will build the dam,”"\n' + STUB_TAIL,
     f"new: found at articles/{SLUG}.md:8:78\n"),
]


@pytest.mark.parametrize("quote, extra, stub, stderr", STUBS,
                         ids=[" ".join([s[0].strip(), *s[1]]) for s in STUBS])
def test_stub_printed(site: Path, quote: str, extra: list[str], stub: str, stderr: str) -> None:
    result = new(site, SLUG, quote, *extra)
    assert (result.returncode, result.stdout, result.stderr) == (0, stub, stderr)


# (slug, quote, extra args, stderr)
FAILURES = [
    (SLUG, "We will built the dam", [],
     f"new: quote not found in articles/{SLUG}.md\n"
     f'closest passage (93% similar) at articles/{SLUG}.md:8:78: “We will build the dam\n'),
    ("2021-01-04-river-dams", "the dam", [],
     "new: no article '2021-01-04-river-dams' in articles/ (did you mean '2021-01-04-river-dam'?)\n"),
    (SLUG, "   ", [], "new: the quote is empty; copy the speaker's words from the article\n"),
    (SLUG, "the dam is safe", ["--occurrence", "3"],
     f"new: --occurrence 3: the quote occurs 2 time(s) in articles/{SLUG}.md\n"),
]


@pytest.mark.parametrize("slug, quote, extra, stderr", FAILURES, ids=[f[1].strip() or "blank" for f in FAILURES])
def test_failures_say_why_and_exit_1(site: Path, slug: str, quote: str, extra: list[str], stderr: str) -> None:
    before = {p: p.read_bytes() for p in (site / "annotations").iterdir()}
    result = new(site, slug, quote, *extra, "--append")
    assert (result.returncode, result.stdout, result.stderr) == (1, "", stderr)
    assert {p: p.read_bytes() for p in (site / "annotations").iterdir()} == before


@pytest.mark.slow
def test_the_printed_prefix_or_suffix_anchors_the_chosen_occurrence(site: Path) -> None:
    for occurrence in ("1", "2"):
        assert new(site, SLUG, "the dam is safe", "--occurrence", occurrence, "--append").returncode == 0
    path = site / "annotations" / f"{SLUG}.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count("claim:  # TODO") == 2
    path.write_text(text.replace("claim:  # TODO", "claim: Lind says so. # TODO"), encoding="utf-8")
    result = check(site)  # three more quotes, each anchored exactly once: the only errors would be ambiguity
    assert result.returncode == 0, result.stdout
    assert "3 annotation(s)" in result.stderr
    assert result.stdout.count(": warning: a TODO comment is left: # TODO") == 8  # until they are deleted
    assert check(site, "--strict").returncode == 1
    path.write_text(re.sub(r" *# TODO.*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert (check(site, "--strict").returncode, check(site, "--strict").stdout) == (0, "")


@pytest.mark.slow
def test_append_keeps_every_existing_line_and_comment(site: Path) -> None:
    path = site / "annotations" / f"{SLUG}.yml"
    original = path.read_text(encoding="utf-8")
    stub = new(site, SLUG, "We will build the dam").stdout
    result = new(site, SLUG, "We will build the dam", "--append")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.endswith(f"new: appended 'stone-build-dam' to annotations/{SLUG}.yml; fill in "
                                  "each TODO line and delete its comment, then run: python -m build_scripts "
                                  "check\n")
    assert path.read_text(encoding="utf-8") == original + "\n" + stub
    # Until the claim is written, check says exactly that, at the claim's line (its TODO comment is not
    # reported again there); each other TODO comment is a warning, at its '#'.
    line = original.count("\n") + 2
    todo = ("do what it says, then delete the comment; check --strict and build fail while it is there")
    assert check(site).stdout == (
        f"annotations/{SLUG}.yml:{line + 1}:25: warning: a TODO comment is left: # TODO: check it, then "
        f'delete this comment; suggested by "Stone said" ({todo})\n'
        f"annotations/{SLUG}.yml:{line + 3}:5: annotations[1].claim: is empty "
        "(fill it in: plain-words paraphrase of what the speaker asserts)\n"
        f"annotations/{SLUG}.yml:{line + 4}:16: warning: a TODO comment is left: # TODO: kebab-case topic "
        f"ids, e.g. [sanctions] ({todo})\n")


def test_append_creates_a_missing_file_with_the_schema_line(site: Path) -> None:
    result = new(site, "2021-01-05-quiet-day", "Nothing of note was said", "--append")
    assert result.returncode == 0, result.stderr
    text = (site / "annotations" / "2021-01-05-quiet-day.yml").read_text(encoding="utf-8")
    assert text == (f"{SCHEMA_LINE}\narticle: 2021-01-05-quiet-day\nannotations:\n"
                    "  - id: note\n"
                    "    speaker:  # TODO: a speaker id from annotations/speakers.yml (nothing next to the "
                    "quote says who said it)\n" + REPORTED +
                    '    quote: "Nothing of note was said"\n' + STUB_TAIL)


def test_append_to_an_empty_list(site: Path) -> None:
    path = site / "annotations" / "2021-01-05-quiet-day.yml"
    path.write_text(f"{SCHEMA_LINE}\n# nothing yet\narticle: 2021-01-05-quiet-day\nannotations: []\n",
                    encoding="utf-8")
    assert new(site, "2021-01-05-quiet-day", "of note", "--append").returncode == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"{SCHEMA_LINE}\n# nothing yet\narticle: 2021-01-05-quiet-day\nannotations:\n"
                           "  - id: note\n")


def test_append_refuses_to_reformat(site: Path) -> None:
    path = site / "annotations" / f"{SLUG}.yml"
    moved = path.read_text(encoding="utf-8").replace(f"article: {SLUG}\n", "") + f"article: {SLUG}\n"
    path.write_text(moved, encoding="utf-8")
    result = new(site, SLUG, "We will build the dam", "--append")
    assert result.returncode == 1
    assert result.stderr.endswith(f"new: cannot append to {SLUG}.yml without changing its other lines (is "
                                  "'annotations:' the last key?); paste the stub by hand\n")
    assert path.read_text(encoding="utf-8") == moved
