"""Characters contributor text may not contain: control and format characters, and over-long runs of
combining marks. One classification serves annotation fields (:mod:`.schema`, :mod:`.jsonschema_export`)
and article bodies (:mod:`.articles`).

* A *control character* is one of the general categories Cc (C0 and C1 controls: NUL, BEL, ESC, ...),
  Cf (format: the bidi controls such as U+202E, zero-width characters such as U+200B, U+FEFF), Co
  (private use) and Cs (surrogates), except the white space a field or a body may hold, and except a
  *joiner* where it joins (:func:`joins`).
* The *joiners* U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER are part of the spelling of
  Persian ('می‌خواهم'), of Indic conjuncts ('क्‍ष') and of emoji sequences (👨‍👩‍👧). Either is allowed
  between two letters or marks (categories L* and M*); U+200D also between two emoji. An emoji is
  approximated as a character of category So or at U+1F000 or above (Extended_Pictographic and the skin
  tone modifiers, which are Sk, lie there), and on the left also U+FE0F VARIATION SELECTOR-16, which
  ends an emoji before the joiner in sequences such as 🏳️‍🌈. Anywhere else (first or last, doubled, next
  to a space, a digit or punctuation) a joiner only hides something and is refused like any control.
* A *run of non-starters* is a sequence of characters of non-zero canonical combining class in the
  canonical decomposition (what NFC works on). Unicode's Stream-Safe Text Format (UAX #15, section 13)
  allows at most 30 in a row; no writing system needs more. Longer runs are refused because NFC sorts
  each run by insertion (its canonical reordering): a run of n marks out of order costs n² steps, so
  ``'a' + '\\u0301' * n + '\\u0316' * n`` alone held ``check`` for 18 s at 240 KB.

Both scans are linear: a compiled regex finds the only characters that can matter (everything but word
characters, printable ASCII and ordinary white space: never a letter, a digit, a control or a mark), and
only those are looked at one by one.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})
ZWNJ, ZWJ = "\u200c", "\u200d"
JOINERS = ZWNJ + ZWJ
JOINER_HINT = (
    "a zero-width joiner or non-joiner belongs only between two letters or marks, and a joiner "
    "also between two emoji: delete this one"
)
FIELD_WHITESPACE = "\n\t"  # allowed in annotation fields
BODY_WHITESPACE = "\n\t\r"  # allowed in article bodies
STREAM_SAFE_MAX = 30  # UAX #15: at most 30 non-starters in a row

# Runs of the characters worth a look: a control or a combining mark is never a word character (letters,
# digits, '_'), the space, or printable ASCII.
_SUSPECT = re.compile(r"[^\w !-~]+")
# No character decomposes to more than 2 non-starters, nor ends in more than 3 (tests/test_charclass.py checks
# every code point), so a run of over 30 needs at least 14 suspect characters: shorter runs are not counted.
_MARK_RUN_MIN = 8


def is_control(char: str, allowed: str = FIELD_WHITESPACE) -> bool:
    return unicodedata.category(char) in CONTROL_CATEGORIES and char not in allowed


def _letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def _emoji(char: str) -> bool:
    return ord(char) >= 0x1F000 or unicodedata.category(char) == "So"


def joins(text: str, i: int) -> bool:
    """Whether the joiner ``text[i]`` stands where a writing system or an emoji sequence needs it (see the
    module notes); it looks at the two characters beside it only."""
    if i == 0 or i + 1 >= len(text):
        return False
    before, after = text[i - 1], text[i + 1]
    if _letter(before) and _letter(after):
        return True
    return text[i] == ZWJ and (_emoji(before) or before == "\ufe0f") and _emoji(after)


def first_control(text: str, allowed: str = FIELD_WHITESPACE) -> str | None:
    """The first control character of ``text`` (see the module notes), or None."""
    return next((char for _, char in controls(text, allowed)), None)


def controls(text: str, allowed: str = FIELD_WHITESPACE) -> Iterator[tuple[int, str]]:
    """``(offset, character)`` of every control character of ``text``."""
    for m in _SUSPECT.finditer(text):
        if m.group().isprintable():  # False for every control (and for spaces such as U+00A0)
            continue
        for i in range(m.start(), m.end()):
            if is_control(text[i], allowed) and not (text[i] in JOINERS and joins(text, i)):
                yield i, text[i]


def control_ranges(allowed: str = FIELD_WHITESPACE) -> tuple[tuple[int, int], ...]:
    """The control characters as ``(first, last)`` code point ranges, for patterns (JSON Schema). The joiners
    are left out: whether one joins depends on its neighbours, which a character class cannot see, so
    ``check`` alone refuses a joiner out of place."""
    allowed += JOINERS
    ranges: list[tuple[int, int]] = []
    for first, last in _category_ranges():
        for char in sorted(c for c in allowed if first <= ord(c) <= last):
            if ord(char) > first:
                ranges.append((first, ord(char) - 1))
            first = ord(char) + 1
        if first <= last:
            ranges.append((first, last))
    return tuple(ranges)


@lru_cache(maxsize=1)
def _category_ranges() -> tuple[tuple[int, int], ...]:
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) in CONTROL_CATEGORIES:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return tuple((first, last) for first, last in ranges)


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``; controls without a name say which kind they are."""
    code = ord(char)
    name = unicodedata.name(char, "")
    if not name:
        kind = {"Cc": "control code", "Co": "private-use character", "Cs": "surrogate"}
        name = f"(a {kind.get(unicodedata.category(char), 'character without a name')})"
    return f"U+{code:04X} {name}"


@lru_cache(maxsize=4096)
def _non_starters(char: str) -> tuple[int, int, bool]:
    """Non-starters at the start and at the end of ``char``'s canonical decomposition, and whether that is all
    it has (a combining mark, or e.g. U+0F73 TIBETAN VOWEL SIGN II, which decomposes to two)."""
    decomposed = unicodedata.normalize("NFD", char)
    lead = next((i for i, c in enumerate(decomposed) if not unicodedata.combining(c)), len(decomposed))
    if lead == len(decomposed):
        return lead, lead, True
    trail = next(i for i, c in enumerate(reversed(decomposed)) if not unicodedata.combining(c))
    return lead, trail, False


def long_mark_runs(text: str, limit: int = STREAM_SAFE_MAX) -> Iterator[tuple[int, int]]:
    """``(offset, count)`` of every run of more than ``limit`` non-starters; ``offset`` is the run's first
    character (a mark, or the letter whose decomposition ends in the run's first marks)."""
    for m in _SUSPECT.finditer(text):
        start, end = m.span()
        if end - start < _MARK_RUN_MIN:
            continue
        run = _non_starters(text[start - 1])[1] if start else 0  # marks that end the character before
        first = start - 1 if run else start
        for i in range(start, end):
            lead, trail, only = _non_starters(text[i])
            run += lead
            if only:
                continue
            if run > limit:
                yield first, run
            run, first = trail, (i if trail else i + 1)
        if run > limit:
            yield first, run
