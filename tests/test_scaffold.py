"""``new ARTICLE_SLUG "QUOTE" [--append]``: locating, disambiguating, suggesting, appending."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.anchoring import Occurrence
from build_scripts.diagnostics import Location
from build_scripts.model import Speaker
from build_scripts.scaffold import SCHEMA_LINE, suggest_speaker, unique_id

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


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(root), "check"],
                          capture_output=True, text=True)


# (quote, extra args, stdout stub, stderr)
STUBS = [
    ("We will build the dam", [],
     '  - id: we-will-build-the-dam\n'
     '    speaker: ada-stone  # TODO: check it; suggested because "Stone" is named near the quote\n'
     '    quote: "We will build the dam"\n' + STUB_TAIL,
     f"new: found at articles/{SLUG}.md:8:79\n"),
    ("river plan will cost more than", [],
     '  - id: river-plan-will-cost-more-than\n'
     '    speaker: ada-stone  # TODO: check it; suggested because "Ada Stone" is named near the quote\n'
     '    quote: "river plan will cost more than"\n    prefix: "The "\n' + STUB_TAIL,
     f'new: the quote occurs 2 times; picked occurrence 1 at articles/{SLUG}.md:8:5 with prefix "The "\n'),
    ("the dam is safe", ["--occurrence", "2"],  # the id is taken: a number is added
     '  - id: the-dam-is-safe-2\n'
     '    speaker: bo-lind  # TODO: check it; suggested because "Lind" is named near the quote\n'
     '    quote: "the dam is safe"\n    prefix: "and "\n' + STUB_TAIL,
     f'new: the quote occurs 2 times; picked occurrence 2 at articles/{SLUG}.md:12:76 with prefix "and "\n'),
    ("  “We   will build the dam,” ", [],  # curly quotes, extra spaces: matched after normalisation
     '  - id: we-will-build-the-dam\n'
     '    speaker: ada-stone  # TODO: check it; suggested because "Stone" is named near the quote\n'
     '    quote: "“We   will build the dam,”"\n' + STUB_TAIL,
     f"new: found at articles/{SLUG}.md:8:78\n"),
]


@pytest.mark.parametrize("quote, extra, stub, stderr", STUBS, ids=[s[0].strip() for s in STUBS])
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


def test_append_keeps_every_existing_line_and_comment(site: Path) -> None:
    path = site / "annotations" / f"{SLUG}.yml"
    original = path.read_text(encoding="utf-8")
    stub = new(site, SLUG, "We will build the dam").stdout
    result = new(site, SLUG, "We will build the dam", "--append")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr.endswith(f"new: appended 'we-will-build-the-dam' to annotations/{SLUG}.yml; fill in the "
                                  "TODO lines, then run: python -m build_scripts check\n")
    assert path.read_text(encoding="utf-8") == original + "\n" + stub
    # Until the claim is written, check says exactly that, at the new annotation's line.
    line = original.count("\n") + 2
    assert check(site).stdout == (f"annotations/{SLUG}.yml:{line}:5: annotations[1]: missing required field "
                                  "'claim' in annotation (add a 'claim:' line: plain-words paraphrase of what "
                                  "the speaker asserts)\n")


def test_append_creates_a_missing_file_with_the_schema_line(site: Path) -> None:
    result = new(site, "2021-01-05-quiet-day", "Nothing of note was said", "--append")
    assert result.returncode == 0, result.stderr
    text = (site / "annotations" / "2021-01-05-quiet-day.yml").read_text(encoding="utf-8")
    assert text == (f"{SCHEMA_LINE}\narticle: 2021-01-05-quiet-day\nannotations:\n"
                    "  - id: nothing-of-note-was-said\n"
                    "    speaker:  # TODO: a speaker id from annotations/speakers.yml\n"
                    '    quote: "Nothing of note was said"\n' + STUB_TAIL)


def test_append_to_an_empty_list(site: Path) -> None:
    path = site / "annotations" / "2021-01-05-quiet-day.yml"
    path.write_text(f"{SCHEMA_LINE}\n# nothing yet\narticle: 2021-01-05-quiet-day\nannotations: []\n",
                    encoding="utf-8")
    assert new(site, "2021-01-05-quiet-day", "of note", "--append").returncode == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"{SCHEMA_LINE}\n# nothing yet\narticle: 2021-01-05-quiet-day\nannotations:\n"
                           "  - id: of-note\n")


def test_append_refuses_to_reformat(site: Path) -> None:
    path = site / "annotations" / f"{SLUG}.yml"
    moved = path.read_text(encoding="utf-8").replace(f"article: {SLUG}\n", "") + f"article: {SLUG}\n"
    path.write_text(moved, encoding="utf-8")
    result = new(site, SLUG, "We will build the dam", "--append")
    assert result.returncode == 1
    assert result.stderr.endswith(f"new: cannot append to {SLUG}.yml without changing its other lines (is "
                                  "'annotations:' the last key?); paste the stub by hand\n")
    assert path.read_text(encoding="utf-8") == moved


def _speaker(sid: str, name: str, *aliases: str) -> Speaker:
    return Speaker(sid, name, "role", Location("speakers.yml"), aliases=aliases)


SPEAKERS = [_speaker("ada", "Ada Stone", "Stone"), _speaker("bo", "Bo Lind", "Lind", "the engineer")]


@pytest.mark.parametrize("text, quote, expected", [
    ("Stone said: we build, and then Lind agreed.", "we build", ("ada", "Stone")),
    ("Lind said it. Later Stone said: we build.", "we build", ("ada", "Stone")),
    ("we build, said the Engineer", "we build", ("bo", "the Engineer")),
    ("Stoneware is nice: we build it.", "we build", ("", "")),  # whole words only
    ("Lind" + " x" * 200 + " we build", "we build", ("", "")),  # too far away
    ("Bo Lind said we build", "we build", ("bo", "Bo Lind")),  # the longer name wins a tie
])
def test_suggest_speaker(text: str, quote: str, expected: tuple[str, str]) -> None:
    start = text.index(quote)
    assert suggest_speaker(text, Occurrence(start, start + len(quote)), SPEAKERS) == expected


@pytest.mark.parametrize("quote, taken, expected", [
    ("Remain in place until the country achieves “final, verified”", set(), "remain-in-place-until-the-country"),
    ("the dam", {"the-dam", "the-dam-2"}, "the-dam-3"),
    ("“…”", set(), "annotation"),
    ("Déjà vu", set(), "deja-vu"),
])
def test_unique_id(quote: str, taken: set[str], expected: str) -> None:
    assert unique_id(quote, taken) == expected
