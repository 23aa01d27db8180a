"""Issue 17, case 13 (and the article side of case 3): control characters, invisible format characters and
runs of combining marks in an article body were copied raw into the HTML. ``check`` now refuses each one
with its own located error, by the same classification as annotation fields (build_scripts/charclass.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.articles import body_problems
from build_scripts.cli import main
from build_scripts.schema import Validator
from build_scripts.yamlsource import parse_yaml

from .growth import growth
from .payloads import SMALL_ARTICLE, write_small_project

ART = "articles/small.md"
HINT = ("(delete it: control, format and private-use characters are not allowed in articles, as they can "
        "hide or reorder what readers see)")


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--root", str(project), "check"])
    return code, [line for line in capsys.readouterr().out.splitlines() if line.strip()]


def with_body_line(line: str) -> str:
    """The small article with ``line`` as a paragraph of its own, on line 10 (the second paragraph's line)."""
    return SMALL_ARTICLE.replace("The opposition said", f"{line}\n\nThe opposition said")


def test_issue_input_is_refused_where_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's characters (U+202E, U+200B, NUL, BEL, ESC): one error each, at its line and column."""
    write_small_project(tmp_path)
    line = "Officials \u202eenil-on\u202c said\u200b it was\x00 fine\x07 and\x1b[31m red."
    (tmp_path / ART).write_text(with_body_line(line), encoding="utf-8")
    code, lines = check(tmp_path, capsys)
    assert code == 1
    assert lines == [
        f"{ART}:10:11: article text contains U+202E RIGHT-TO-LEFT OVERRIDE {HINT}",
        f"{ART}:10:19: article text contains U+202C POP DIRECTIONAL FORMATTING {HINT}",
        f"{ART}:10:25: article text contains U+200B ZERO WIDTH SPACE {HINT}",
        f"{ART}:10:33: article text contains U+0000 (a control code) {HINT}",
        f"{ART}:10:39: article text contains U+0007 (a control code) {HINT}",
        f"{ART}:10:44: article text contains U+001B (a control code) {HINT}",
    ]


@pytest.mark.parametrize("char, name", [
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"), ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ("\u2068", "U+2068 FIRST STRONG ISOLATE"), ("\u2069", "U+2069 POP DIRECTIONAL ISOLATE"),
    ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"), ("\u202d", "U+202D LEFT-TO-RIGHT OVERRIDE"),
    ("\u200e", "U+200E LEFT-TO-RIGHT MARK"), ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ("\u061c", "U+061C ARABIC LETTER MARK"), ("\u2060", "U+2060 WORD JOINER"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"), ("\u00ad", "U+00AD SOFT HYPHEN"),
    *((char, f"U+{ord(char):04X} (a control code)") for char in "\x7f\x80\x9b\x0b\x1f\x85"),
    ("\ue000", "U+E000 (a private-use character)"), ("\U000f0000", "U+F0000 (a private-use character)"),
    ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
])
def test_every_kind_of_control_is_refused(char: str, name: str) -> None:
    expected = f"{ART}:8:2: article text contains {name} {HINT}"
    assert [str(d) for d in body_problems(ART, f"x{char}y", 8)] == [expected]


JOINER_HINT = ("(a zero-width joiner or non-joiner belongs only between two letters or marks, and a joiner "
               "also between two emoji: delete this one)")
ZWNJ_NAME, ZWJ_NAME = "U+200C ZERO WIDTH NON-JOINER", "U+200D ZERO WIDTH JOINER"


@pytest.mark.parametrize("text, refused", [
    ("Persian می\u200cخواهم and Hindi \u0915\u094d\u200d\u0937.", []),
    ("A family 👨\u200d👩\u200d👧 and a flag 🏳\ufe0f\u200d🌈.", []),
    ("\u200cLeading", [(1, ZWNJ_NAME)]),
    ("trailing\u200d", [(9, ZWJ_NAME)]),
    ("doubled می\u200c\u200cخواهم", [(11, ZWNJ_NAME), (12, ZWNJ_NAME)]),
    ("before \u200da space", [(8, ZWJ_NAME)]),
    ("after\u200c a word", [(6, ZWNJ_NAME)]),
    ("punctuation,\u200d next", [(13, ZWJ_NAME)]),
    ("Pompeo\u200d👨 said", [(7, ZWJ_NAME)]),
])
def test_joiners_only_where_they_join(text: str, refused: list[tuple[int, str]]) -> None:
    """Persian, Indic scripts and emoji sequences need U+200C and U+200D; anywhere else each is an error at
    its column, with a hint that says where one belongs."""
    assert [str(d) for d in body_problems(ART, text, 8)] == [
        f"{ART}:8:{column}: article text contains {name} {JOINER_HINT}" for column, name in refused]


@pytest.mark.parametrize("text", [
    "tab\tbetween", "a\rcarriage return", "no\u00a0break", "thin\u2009space", "“quoted” — dash",
    "emoji ❤\ufe0f", "می\u200cخواهم", "\u0915\u094d\u200d\u0937", "👨\u200d👩\u200d👧",
    "Café e\u0301 ệ", "日本語の記事", "עברית ومعها العربية", "x" + "\u0301" * 30,
])
def test_ordinary_text_passes(text: str) -> None:
    assert body_problems(ART, text, 8) == []


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\x00", "\x1b", "\x9b", "\ue000", "\r", "\t", "\u00a0",
                                  "\u2028", "\ufe0f", "\u200c", "\u200d", "\u200c\u200c", " \u200d"])
def test_articles_and_annotation_fields_share_one_classification(char: str) -> None:
    """A character is refused in an article exactly when it is refused in a claim (carriage return apart:
    an article may hold one as a line break)."""
    validator = Validator(parse_yaml("x: y\n", "annotations/x.yml"))
    in_field = validator.text(f"a{char}b", ("claim",), "text", 300) is None
    in_body = bool(body_problems(ART, f"a{char}b", 8))
    assert in_body == (in_field and char != "\r")


def test_combining_marks_over_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_small_project(tmp_path)
    stacked = "Zalgo" + "\u0336\u0301" * 20 + " and ok" + "\u0301" * 30 + "."
    (tmp_path / ART).write_text(with_body_line(stacked), encoding="utf-8")
    assert check(tmp_path, capsys) == (1, [
        f"{ART}:10:6: article text has 40 combining marks in a row, over the limit of 30 (remove the extra "
        "marks: Unicode's Stream-Safe Text Format (UAX #15) allows at most 30 after one base character)"])


@pytest.mark.slow
def test_one_error_per_character_in_linear_time() -> None:
    """A body full of U+200B: one error each (the diagnostics cap what is shown per file), in linear time."""
    assert len(body_problems(ART, "a\u200b" * 10_000, 8)) == 10_000
    assert growth(lambda n: "word\u200b\n" * n, lambda body: body_problems(ART, body, 8), 20_000, below=3) < 3
    assert growth(lambda n: "word\u00a0" * n, lambda body: body_problems(ART, body, 8), 50_000, below=3) < 3
    # a joiner is judged by its two neighbours
    assert growth(lambda n: "می\u200cخواهم \u0915\u094d\u200d\u0937 " * n,
                  lambda body: body_problems(ART, body, 8), 50_000, below=3) < 3
