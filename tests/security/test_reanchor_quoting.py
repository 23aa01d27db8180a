"""Issue 17 case 16: ``reanchor --write`` must write each new quote so that YAML reads back exactly that text.

It used to write a quote plain in a flow mapping (``{quote: a, b}``) when the new text had a comma, and
``check`` then failed. Now PyYAML's emitter chooses the scalar style for the context (flow or block); these
tests write tricky values into files of each shape, then read them with the project's strict loader (both
of its paths).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts import reanchor
from build_scripts.cli import main
from build_scripts.yamlsource import _strict_doc, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
SLUG = "2021-03-04-budget-plan"

# The red team's file: the annotation written as a flow mapping, and a correction that adds a comma.
BLOCK_ANNOTATION = """  - id: plan-relies-on-optimistic-forecasts
    speaker: maria-lopez
    quote: 'relies on optimistc growth forecasts'   # the article's own typo, copied exactly
    claim: Lopez says the plan depends on growth forecasts that are too optimistic.
    counterclaims:
      - ref: budget-balanced-by-2026
    topics: [budget, growth]"""
FLOW_ANNOTATION = """  - {id: plan-relies-on-optimistic-forecasts, speaker: maria-lopez,
     quote: relies on optimistc growth forecasts, topics: [budget, growth],
     claim: Lopez says the plan depends on growth forecasts that are too optimistic.}"""
CORRECTION = ("relies on optimistc growth forecasts", "relies on optimistic, growth forecasts")


def test_issue_flow_quote_with_a_comma_is_written_quoted_and_check_passes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = Path(shutil.copytree(ROOT / "tests" / "fixtures" / "reanchor", tmp_path / "site"))
    annotations, article = site / "annotations" / f"{SLUG}.yml", site / "articles" / f"{SLUG}.md"
    text = annotations.read_text(encoding="utf-8")
    assert BLOCK_ANNOTATION in text
    annotations.write_text(text.replace(BLOCK_ANNOTATION, FLOW_ANNOTATION), encoding="utf-8")
    article.write_text(article.read_text(encoding="utf-8").replace(*CORRECTION), encoding="utf-8")

    assert main(["--root", str(site), "reanchor", "--write"]) == 0
    written = annotations.read_text(encoding="utf-8")
    assert "\n     quote: 'relies on optimistic, growth forecasts', topics: [budget, growth],\n" in written
    capsys.readouterr()
    assert main(["--root", str(site), "check"]) == 0, capsys.readouterr().out


# A quote value in every shape a contributor may have written it; ORIG is replaced by the old quote.
SHAPES = {
    "block": "article: x\nannotations:\n  - id: a\n    quote: ORIG   # keep me\n    claim: after\n",
    "flow": "article: x\nannotations:\n  - {id: a, quote: ORIG, claim: after}   # keep me\n",
    "flow-last": "article: x\nannotations:\n  - {id: a, claim: after, quote: ORIG}   # keep me\n",
    "flow-lines": "article: x\nannotations:\n  - {id: a,\n     quote: ORIG,\n     claim: after}  # keep me\n",
    "flow-sequence": "article: x\nannotations: [{id: a, quote: ORIG, claim: after}]   # keep me\n",
}
OLD = {"plain": "old words", "single": "'old words'", "double": '"old words"'}
BLOCK_SCALARS = {  # written over the whole "quote: ORIG   # keep me" line of the block shape
    "folded": "quote: >-   # keep me\n      old\n      words\n",
    "literal": "quote: |   # keep me\n      old words\n\n",
    "keep, at the end of the file": "claim: after\n    quote: |+  # keep me\n      old words",
}

TRICKY = [
    "relies on optimistic, growth forecasts", "a,b", ",lead", "trail,", "he said: no", "he said:", ":colon",
    "a:b", "x # not a comment", "#hash", "hash#inside", "'single' first", '"double" first', "it's", 'say "x"',
    "- dash", "-dash", "? question", "?q", "[bracket", "a]b", "{brace", "a}b", "*star", "&amp", "!bang",
    "| pipe", "> gt", "%percent", "@at", "`tick`", "yes", "no", "No", "on", "off", "null", "~", "true",
    "1.10", "12:30", "2021-03-04", "0x1F", "1e3", ".inf", "“curly” words", "‘curly’", "«guillemets»",
    "trailing space ", " leading space", "", "a  b", "...", "---", "--- dashes", "tab\there", "back\\slash",
    "a\nb", "a\u2028b", "zero\u200bwidth", "\ufeffbom", "nul\x00", "ünïcödé", "日本語のテキスト", "emoji 🙂",
]


def round_trip(text: str, value: str) -> str:
    """Write ``value`` over the quote of ``text``; assert both loaders read it back; return the file."""
    line, col = parse_yaml(text, "a.yml").value_marks[("annotations", 0, "quote")]
    written = reanchor.replace_scalar(text, line, col, value)
    for doc in (parse_yaml(written, "a.yml"), _strict_doc(written, "a.yml", 0)):
        expected = {"article": "x", "annotations": [{"id": "a", "quote": value, "claim": "after"}]}
        assert doc.data == expected, written
    assert yaml.safe_load(written)["annotations"][0]["quote"] == value, written  # YAML 1.1 types: still text
    assert written.count("# keep me") == 1
    return written


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("old", OLD)
@pytest.mark.parametrize("value", TRICKY)
def test_tricky_quotes_round_trip(shape: str, old: str, value: str) -> None:
    round_trip(SHAPES[shape].replace("ORIG", OLD[old]), value)


@pytest.mark.parametrize("old", BLOCK_SCALARS)
@pytest.mark.parametrize("value, line", [
    ("new, words: here", '"new, words: here"'),
    ("yes", '"yes"'),
    ("a\nb", '"a\\nb"'),
    ("# not a comment", '"# not a comment"'),
])
def test_a_block_scalar_is_replaced_on_one_line_keeping_its_comment(old: str, value: str, line: str) -> None:
    text = SHAPES["block"].replace("quote: ORIG   # keep me\n    claim: after\n", BLOCK_SCALARS[old])
    if "claim" not in text:
        text += "    claim: after\n"
    written = round_trip(text, value)
    comment = "  # keep me" if "end" in old else "   # keep me"
    assert [x for x in written.splitlines() if x.startswith("    quote: ")] == [f"    quote: {line}{comment}"]


@pytest.mark.parametrize("value, style, flow, written", [
    ("plain words", None, False, "plain words"),
    ("plain words", None, True, "plain words"),
    ("a, b", None, False, "a, b"),  # a comma is fine in block context...
    ("a, b", None, True, "'a, b'"),  # ...but ends a flow value
    ("needs: quoting", None, False, "'needs: quoting'"),
    ("ends with:", None, False, "'ends with:'"),
    ("“curly” words", None, True, "“curly” words"),
    ("- dash first", None, False, "'- dash first'"),
    ("yes", None, False, "'yes'"),
    ("1.10", None, False, "'1.10'"),
    ("it's", "'", False, "'it''s'"),
    ("it's", None, False, "it's"),
    ('say "x"', '"', False, '"say \\"x\\""'),
    ("plain words", '"', True, '"plain words"'),
    ("trailing # hash", None, False, "'trailing # hash'"),
    ("two\nlines", "'", False, '"two\\nlines"'),
    ("folded", ">", False, '"folded"'),
])
def test_yaml_scalar_keeps_the_style_when_yaml_allows_it(value: str, style: str | None, flow: bool,
                                                          written: str) -> None:
    assert reanchor.yaml_scalar(value, style, flow) == written


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=40), shape=st.sampled_from(sorted(SHAPES)), old=st.sampled_from(sorted(OLD)))
def test_any_text_round_trips(value: str, shape: str, old: str) -> None:
    round_trip(SHAPES[shape].replace("ORIG", OLD[old]), value)
