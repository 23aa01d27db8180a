"""The plain-text fast path of render.safe gives exactly what Markdown and the sanitizer give."""

from __future__ import annotations

import html

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.render.safe import is_plain_line, plain, rich, sanitized_markdown

# Letters and punctuation of the fast path, plus every character that could make Markdown act.
ALPHABET = "aZé5 .,;:'\"’“”!?%$@/()–—…+=-_*`[]<>&#|~{}\\\t\n\xa0\u2028\u200b"


def full_plain(text: str) -> str:
    return html.unescape(nh3.clean(sanitized_markdown(text), tags=set())).strip()


@pytest.mark.parametrize("text, fast", [
    ("The minister said 8 percent (of $3m) was “enough” — twice!", True),
    ("é ü 中文 résumé", True),
    ("1990. A year", False),
    ("1990 was a year.", True),
    ("- a list", False),
    ("+ a list", False),
    ("= a rule", False),
    ("a *word*", False),
    ("a_b", False),
    ("[link](http://x.org)", False),
    ("a & b", False),
    ("<b>x</b>", False),
    (" lead", False),
    ("trail ", False),
    ("two  spaces", False),
    ("x\xa0y", False),
    ("two\nlines", False),
    ("", False),
])
def test_fast_path_table(text, fast):
    assert is_plain_line(text) is fast
    assert rich(text) == sanitized_markdown(text)
    assert plain(text) == full_plain(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_fast_path_equals_full_path(text):
    if is_plain_line(text):
        assert f"<p>{text}</p>" == sanitized_markdown(text)
        assert text == full_plain(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZé5 .,;:'\"’“”!?%$@/()–—…+=-", min_size=1, max_size=40))
def test_fast_path_equals_full_path_on_plain_words(text):
    if is_plain_line(text):
        assert f"<p>{text}</p>" == sanitized_markdown(text)
        assert text == full_plain(text)
