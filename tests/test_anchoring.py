"""Anchoring: quote (+ prefix/suffix) to a span of the ORIGINAL article text, or an explained failure."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.anchoring import Occurrence, _whole_words, anchor_quote, find_all, shortest_context
from build_scripts.articles import normalize, normalize_with_offsets, read_article
from build_scripts.schema import read_annotation_file
from build_scripts.validate import anchor_briefing
from build_scripts.yamlsource import parse_yaml

NFD_E = "e\u0301"  # e + combining acute accent

# (article text, quote, prefix, suffix, expected): expected is the original passage (text[start:end])
# or one of the error kinds "not-found", "ambiguous", "excluded" (found, but never with this prefix/suffix).
CASES = [
    ("He said “final, verified” denuclearization.", 'said "final, verified"', "", "", "said “final, verified”"),
    ("He said \"final\" again.", "“final”", "", "", "\"final\""),
    ("It’s over, he said.", "It's over", "", "", "It’s over"),
    ("The council voted 7–2 on Saturday.", "7-2", "", "", "7–2"),
    ("The council voted 7—2 on Saturday.", "7–2", "", "", "7—2"),
    ("one\u00a0two three", "one two", "", "", "one\u00a0two"),
    ("one\n  two three", "one two", "", "", "one\n  two"),
    ("one two three", "one\n two", "", "", "one two"),
    ("one  two three", "one two", "", "", "one  two"),
    (f"Caf{NFD_E} noir", "Café", "", "", f"Caf{NFD_E}"),
    (f"Caf{NFD_E} noir et caf{NFD_E}", "noir", "", "", "noir"),
    ("Café noir", f"Caf{NFD_E}", "", "", "Café"),
    (f"Le caf{NFD_E}\u00a0— noir", "café - noir", "", "", f"caf{NFD_E}\u00a0— noir"),
    ("Hello world", "hello world", "", "", "not-found"),
    ("Hello world", "Hello world", "", "", "Hello world"),
    ("aaa", "aa", "", "", "ambiguous"),
    ("x aaa", "aa", "x ", "", "aa"),
    ("x aaa", "aa", "x a", "", "aa"),
    ("x aaa", "aa", "", "a", "aa"),
    ("it will pay. he will pay.", "pay", "it will ", "", "pay"),
    ("it will pay. he will pay.", "pay", "will ", "", "ambiguous"),
    ("it will pay. he will pay.", "pay", "will", "", "excluded"),  # the junction space counts as written
    ("it will pay now. he will pay.", "pay", "", " now", "pay"),
    ("it will pay now. he will pay.", "pay", "", "now", "excluded"),
    ("it will\npay now. he will pay.", "pay", "it will ", "", "pay"),  # a line break is a space
    ("it will pay now. he will pay.", "pay", "it   will ", "", "pay"),  # whitespace runs collapse in a prefix too
    ("it will pay. he will pay.", "pay", "he will ", ".", "pay"),
    ("start here", "start", "", "", "start"),
    ("the quick brown fox", "quick brwn", "", "", "not-found"),
]


@pytest.mark.parametrize("text, quote, prefix, suffix, expected", CASES)
def test_anchor_table(text: str, quote: str, prefix: str, suffix: str, expected: str) -> None:
    result = anchor_quote(normalize_with_offsets(text), quote, prefix, suffix)
    if expected == "not-found":
        assert (result.span, result.occurrences) == (None, ())
    elif expected == "ambiguous":
        assert result.span is None and len(result.remaining) > 1
    elif expected == "excluded":
        assert result.span is None and result.occurrences and not result.remaining
    else:
        assert result.span is not None
        assert text[result.span.start:result.span.end] == expected
        assert normalize(text[result.span.start:result.span.end]) == normalize(quote)


def test_span_offsets_are_original_offsets() -> None:
    text = f"A caf{NFD_E}\n\n“Quoted”  text — here"
    result = anchor_quote(normalize_with_offsets(text), '"Quoted" text - here')
    assert (result.span.start, result.span.end) == (text.index("“"), len(text))


@pytest.mark.parametrize("text, needle, starts", [
    ("aaa", "aa", [0, 1]), ("aaaa", "aa", [0, 1, 2]), ("abab", "ab", [0, 2]), ("abc", "d", []), ("abc", "", []),
])
def test_find_all_counts_overlaps(text: str, needle: str, starts: list[int]) -> None:
    assert find_all(text, needle) == starts


def test_offset_map_round_trip() -> None:
    text = f"  Caf{NFD_E}\u00a0\n“x” — y  z\t"
    norm = normalize_with_offsets(text)
    assert norm.text == normalize(text) == ' Café "x" - y z '
    for i, c in enumerate(norm.text):
        original = text[norm.starts[i]:norm.ends[i]]
        assert normalize(original) == c


# --- the diagnostics, through anchor_briefing ------------------------------------------------------

HEAD = "---\ntitle: T\npublisher: P\nauthor: A\npublished: 2018-07-08\n---\n\n"  # the body starts on line 8
AT = "annotations/x.yml:6:12: annotations[0].quote:"


def diagnose(body: str, quote: str, prefix: str | None = None, suffix: str | None = None) -> list[str]:
    article = read_article((HEAD + body + "\n").encode(), "articles/x.md", "x")
    text = ("article: x\nannotations:\n  - id: a\n    speaker: s\n    claim: c\n"
            f"    quote: {json.dumps(quote, ensure_ascii=False)}\n")
    text += f"    prefix: {json.dumps(prefix)}\n" if prefix is not None else ""
    text += f"    suffix: {json.dumps(suffix)}\n" if suffix is not None else ""
    text += "    attribution: reported\n"  # these bodies hold no quotation marks: anchoring alone is tested
    file, problems = read_annotation_file(parse_yaml(text, "annotations/x.yml"))
    assert problems == []
    _, problems = anchor_briefing(article, file)
    return [str(d) for d in problems]


@pytest.mark.parametrize("body, quote, prefix, suffix, expected", [
    ("The bridge will pay for itself. The tunnel will pay for itself.", "will pay for itself", None, None,
     f"{AT} quote is ambiguous: it occurs 2 times in articles/x.md (at 8:12, 8:44) "
     '(for 8:12 add prefix: "bridge " or suffix: ". The"; for 8:44 add prefix: "tunnel ")'),
    ("The bridge will pay for itself.\n\nThe tunnel will pay for itself.", "will pay for itself", None, None,
     f"{AT} quote is ambiguous: it occurs 2 times in articles/x.md (at 8:12, 10:12) "
     '(for 8:12 add prefix: "bridge " or suffix: ". The"; for 10:12 add prefix: "tunnel ")'),
    ("aaa", "aa", None, None,
     f'{AT} quote is ambiguous: it occurs 2 times in articles/x.md (at 8:1, 8:2) '
     '(for 8:1 add suffix: "a"; for 8:2 add prefix: "a")'),
    ("It will pay now. He will pay later. She will pay now.", "pay", None, " now",
     f"{AT} quote is ambiguous: it occurs 2 times in articles/x.md (at 8:9, 8:46) "
     '(for 8:9 add prefix: "It will " or suffix: " now. He"; for 8:46 add prefix: "She will ")'),
    ("The bridge will pay for itself.", "the bridge will pay", None, None,
     f'{AT} quote not found in articles/x.md (closest passage (95% similar) at articles/x.md:8:1: '
     '"The bridge will pay"; diff: [-the-] {+The+} bridge will pay)'),
    ("Porto Verde voted on Saturday.\n\nThe bridge will pay for itself, she said.", "bridge will pays for itself",
     None, None,
     f'{AT} quote not found in articles/x.md (closest passage (98% similar) at articles/x.md:10:5: '
     '"bridge will pay for itself"; diff: bridge will [-pays-] {+pay+} for itself)'),
    ("abc def", "zzzz", None, None, f"{AT} quote not found in articles/x.md (copy the words exactly from the article)"),
    ("It will pay. It will pay.", "pay", "will", None,
     f'{AT} quote found 2 time(s) in articles/x.md, but never with this prefix '
     '(at articles/x.md:8:9 the text before it is "It will ")'),
    ("It will pay. It will pay.", "pay", None, "now",
     f'{AT} quote found 2 time(s) in articles/x.md, but never with this suffix '
     '(at articles/x.md:8:9 the text after it is ". It will pay")'),
    ("It will pay now. He will pay later.", "pay", "It will ", " later",
     f'{AT} quote found 2 time(s) in articles/x.md, but never with this suffix '
     '(at articles/x.md:8:9 the text after it is " now. He will pa")'),
    ("It will pay now. He will pay later.", "pay", "She will ", " later",
     f'{AT} quote found 2 time(s) in articles/x.md, but never with this prefix '
     '(at articles/x.md:8:9 the text before it is "It will ")'),
], ids=["ambiguous", "ambiguous-two-paragraphs", "overlapping", "still-ambiguous-with-suffix", "case-differs",
        "not-found-closest", "not-found-nothing-close", "prefix-excludes-all", "suffix-excludes-all",
        "prefix-fits-suffix-excludes", "prefix-excludes-suffix-fits"])
def test_anchor_diagnostics(body: str, quote: str, prefix: str | None, suffix: str | None, expected: str) -> None:
    assert diagnose(body, quote, prefix, suffix) == [expected]


def test_suggested_prefix_anchors_the_quote() -> None:
    body = "The bridge will pay for itself. The tunnel will pay for itself."
    assert diagnose(body, "will pay for itself", prefix="tunnel ") == []
    assert diagnose(body, "will pay for itself", suffix=". The") == []


def test_counterclaim_quotes_are_anchored_too() -> None:
    article = read_article((HEAD + "Yes, she said. No, he said.\n").encode(), "articles/x.md", "x")
    text = ("article: x\nannotations:\n  - id: a\n    speaker: s\n    claim: c\n    quote: 'Yes'\n"
            "    counterclaims:\n      - {speaker: t, claim: d, quote: 'said'}\n      - {speaker: t, claim: d, quote: 'No'}\n"
            "    attribution: reported\n")
    file, _ = read_annotation_file(parse_yaml(text, "annotations/x.yml"))
    briefing, problems = anchor_briefing(article, file)
    assert [str(d).split(" (")[0] for d in problems] == [
        "annotations/x.yml:8:39: annotations[0].counterclaims[0].quote: quote is ambiguous: it occurs 2 times in "
        "articles/x.md"]
    counters = briefing.annotations[0].counterclaims
    assert counters[0].span is None
    assert article.body[counters[1].span.start:counters[1].span.end] == "No"


def _collapse_per_character(folded: str) -> tuple[str, list[int], list[int]]:
    """The offset map of collapsed whitespace, one entry per character (what the run-based map must equal)."""
    import re

    chars, starts, ends, pos = [], [], [], 0
    for m in re.finditer(r"\s+", folded):
        chars += [folded[pos:m.start()], " "]
        starts += range(pos, m.start() + 1)
        ends += [*range(pos + 1, m.start() + 1), m.end()]
        pos = m.end()
    chars.append(folded[pos:])
    starts += range(pos, len(folded))
    ends += range(pos + 1, len(folded) + 1)
    return "".join(chars), starts, ends


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\t\u00a0.", max_size=30))
def test_run_based_offsets_equal_per_character_offsets(text: str) -> None:
    from build_scripts.articles import normalize_with_offsets

    norm = normalize_with_offsets(text)
    expected_text, starts, ends = _collapse_per_character(text)
    assert norm.text == expected_text
    assert list(norm.starts) == starts and list(norm.ends) == ends
    assert len(norm.starts) == len(starts)
    if starts:
        assert norm.starts[-1] == starts[-1] and norm.ends[-1] == ends[-1]


def test_fold_equals_the_translation_table() -> None:
    from build_scripts.articles import _FOLD, _fold

    text = "".join(chr(i) for i in range(0x2100)) * 2
    assert _fold(text) == text.translate(_FOLD)


# --- shortest_context: the same suggestions as the plain definition, in near-linear time -------------------


def _reference_context(text: str, occurrences: tuple[Occurrence, ...], target: Occurrence) -> tuple[str, str]:
    """The definition, as first written (cubic): grow k until no other occurrence has the same k around it."""
    others = [o for o in occurrences if o != target]

    def grow(before: bool) -> str:
        for k in range(1, (target.start if before else len(text) - target.end) + 1):
            if before:
                ctx = text[target.start - k:target.start]
                clash = any(text[max(0, o.start - k):o.start] == ctx for o in others)
            else:
                ctx = text[target.end:target.end + k]
                clash = any(text[o.end:o.end + k] == ctx for o in others)
            if not clash:
                return _whole_words(text, target, k, before)
        return ""

    return grow(True), grow(False)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab .é", min_size=1, max_size=60), st.text(alphabet="ab", min_size=1, max_size=3),
       st.randoms(use_true_random=False))
def test_shortest_context_equals_the_definition(text: str, quote: str, rng) -> None:
    occurrences = tuple(Occurrence(i, i + len(quote)) for i in find_all(text, quote))
    kept = tuple(o for o in occurrences if rng.random() < 0.7)  # as after a prefix/suffix: a subset remains
    for group in (occurrences, kept):
        for target in group:
            assert shortest_context(text, group, target) == _reference_context(text, group, target)
