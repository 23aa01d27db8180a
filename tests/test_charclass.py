"""The character classes of contributor text (build_scripts/charclass.py), checked over every code point."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from build_scripts import charclass
from build_scripts.charclass import (
    BODY_WHITESPACE,
    FIELD_WHITESPACE,
    JOINERS,
    STREAM_SAFE_MAX,
    control_ranges,
    controls,
    describe,
    first_control,
    long_mark_runs,
)

ALL = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]


def non_starters(char: str) -> tuple[int, int]:
    """Non-starters at the start and at the end of the canonical decomposition (all of it for a mark)."""
    decomposed = unicodedata.normalize("NFD", char)
    marks = "".join(c for c in decomposed if unicodedata.combining(c))
    return len(decomposed) - len(decomposed.lstrip(marks)), len(decomposed) - len(decomposed.rstrip(marks))


@pytest.mark.slow
def test_the_prefilter_misses_no_control_and_no_mark() -> None:
    """The scans look only at what the regex finds: every control and every character whose decomposition
    starts with a combining mark must be found."""
    missed = [f"U+{ord(c):04X}" for c in ALL
              if (unicodedata.category(c) in charclass.CONTROL_CATEGORIES or non_starters(c)[0])
              and not charclass._SUSPECT.fullmatch(c)]
    assert missed == []


@pytest.mark.slow
def test_short_runs_cannot_pass_the_limit() -> None:
    """Runs shorter than _MARK_RUN_MIN are not counted: even the longest decompositions cannot reach 31."""
    lead = max(non_starters(c)[0] for c in ALL)
    trail = max(non_starters(c)[1] for c in ALL)
    assert (lead, trail) == (2, 3)  # U+0F73 (two marks), U+1F82 (three after its letter), as of Unicode 14
    assert (charclass._MARK_RUN_MIN - 1) * lead + trail <= STREAM_SAFE_MAX


def test_control_ranges_are_the_control_characters() -> None:
    expected = {c for c in ALL if unicodedata.category(c) in charclass.CONTROL_CATEGORIES}
    expected -= set(FIELD_WHITESPACE + JOINERS)  # a joiner is refused by where it is, not by what it is
    expected |= {chr(c) for c in range(0xD800, 0xE000)}
    assert {chr(c) for first, last in control_ranges() for c in range(first, last + 1)} == expected
    assert control_ranges(BODY_WHITESPACE)[:3] == ((0, 8), (11, 12), (14, 31))


@pytest.mark.parametrize("char, allowed_in_fields, allowed_in_bodies", [
    ("\n", True, True), ("\t", True, True), ("\r", False, True), ("\x00", False, False),
    ("\x7f", False, False), ("\x85", False, False), ("\u00a0", True, True), ("\u202e", False, False),
    ("\u200d", True, True), ("\u200c", True, True), ("\u2060", False, False), ("\ufe0f", True, True),
    ("\U000f0000", False, False), ("é", True, True),
])
def test_whitespace_allowed(char: str, allowed_in_fields: bool, allowed_in_bodies: bool) -> None:
    assert (first_control(f"a{char}b") is None) is allowed_in_fields
    assert (list(controls(f"a{char}b", BODY_WHITESPACE)) == []) is allowed_in_bodies


@pytest.mark.parametrize("char, text", [
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\x00", "U+0000 (a control code)"), ("\x9b", "U+009B (a control code)"),
    ("\ue000", "U+E000 (a private-use character)"), ("\U000e0001", "U+E0001 LANGUAGE TAG"),
])
def test_describe(char: str, text: str) -> None:
    assert describe(char) == text


@pytest.mark.parametrize("text, runs", [
    ("a" + "\u0301" * 30, []),
    ("a" + "\u0301" * 31, [(1, 31)]),
    ("a" + "\u0301" * 20 + "\u0316" * 11 + " b", [(1, 31)]),
    ("\u1ec7" + "\u0301" * 28, []),  # ệ ends in two marks of its own: 30
    ("\u1ec7" + "\u0301" * 29, [(0, 31)]),
    ("x" + "\u0f73" * 15, []),  # each decomposes to two marks: 30
    ("x" + "\u0f73" * 16, [(1, 32)]),
    ("a" + "\u0301" * 31 + "b" + "\u0301" * 30 + "c" + "\u0301" * 40, [(1, 31), (64, 40)]),
    ("★" * 40 + "\u0301" * 31, [(40, 31)]),
    ("\uff9e" * 40, []),  # halfwidth voiced marks decompose only by compatibility: NFC leaves them
])
def test_long_mark_runs(text: str, runs: list[tuple[int, int]]) -> None:
    assert list(long_mark_runs(text)) == runs


ZWNJ, ZWJ = "\u200c", "\u200d"


@pytest.mark.parametrize("text, refused", [
    ("می\u200cخواهم", []),  # Persian: the non-joiner inside a word, between two letters
    ("\u0915\u094d\u200d\u0937", []),  # Hindi क्‍ष: ka, virama (a mark), joiner, ssa
    ("\u0d7b\u200c\u0d2e", []),  # Malayalam, a non-joiner between letters
    ("\U0001f468\u200d\U0001f469\u200d\U0001f467", []),  # family: man, woman, girl
    ("\U0001f469\U0001f3fd\u200d\U0001f4bb", []),  # woman, skin tone (Sk), laptop
    ("\U0001f3f3\ufe0f\u200d\U0001f308", []),  # rainbow flag: the presentation selector before the joiner
    ("\u2764\ufe0f\u200d\U0001f525", []),  # heart on fire: U+2764 is So
    ("\u200cword", [0]),  # leading
    ("word\u200d", [4]),  # trailing
    ("\u200d", [0]),  # alone
    ("می\u200c\u200cخواهم", [2, 3]),  # doubled: neither stands between two letters
    ("a\u200d\u200cb", [1, 2]),
    ("word \u200cword", [5]), ("word\u200c word", [4]),  # next to a space
    ("Mike\u00a0\u200dPompeo", [5]),  # next to another kind of space
    ("a\u200c.b", [1]), ("a-\u200db", [2]), ("(\u200dx)", [1]),  # next to ASCII punctuation
    ("1\u200c2", [1]),  # between digits
    ("\U0001f468\u200c\U0001f469", [1]),  # a non-joiner does not join emoji
    ("a\u200d\U0001f469", [1]), ("\U0001f468\u200db", [1]),  # a letter and an emoji
    ("\U0001f468\u200d", [1]),  # an emoji sequence cut short
    ("\u200b\u200db", [0, 1]),  # a zero width space is never allowed, and does not make a joiner legitimate
])
def test_joiners_where_they_join(text: str, refused: list[int]) -> None:
    assert list(controls(text)) == [(i, text[i]) for i in refused]
    assert list(controls(text, BODY_WHITESPACE)) == [(i, text[i]) for i in refused]


def test_a_joiner_is_judged_by_its_two_neighbours_only() -> None:
    """Joined words and stray joiners, many of each (time: tests/security/test_article_text.py)."""
    text = ("می" + ZWNJ + "خواهم " + ZWJ + " ") * 20_000
    assert [i for i, _ in controls(text)] == [i for i, c in enumerate(text) if c == ZWJ]
