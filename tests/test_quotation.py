"""Quotations of an article body, and whether a quote lies inside one (build_scripts/quotation.py)."""

from __future__ import annotations

import pytest

from build_scripts.quotation import Quotations, quotations

PARA = "\n\n"
FRAGMENT = "until the country achieves “final, verified” denuclearization"


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


# (case, article body, quote, expected: inside one quotation). The quote is the first occurrence.
CASES = [
    ("inside a closed quotation", "“We will build it,” she said.", "We will build it", True),
    ("the whole quotation, marks included", "“We will build it,” she said.", "“We will build it,”", True),
    ("runs on past the closing mark", "“We will build it,” she said.", "We will build it,” she said", False),
    ("starts before the opening mark", "She said “we will build it” today.", "said “we will build it", False),
    ("outside any quotation", "She said the dam is safe.", "the dam is safe", False),
    # A fragment quote inside reported speech: only the fragment is in quotation marks.
    ("fragment in reported speech: the fragment", FRAGMENT, "final, verified", True),
    ("fragment in reported speech: the sentence", FRAGMENT,
     "the country achieves “final, verified” denuclearization", False),
    ("fragment in reported speech: from its opening mark on", FRAGMENT, "“final, verified” denuclearization",
     False),
    ("ends with ',”'", "the attitude was “utterly regretful,” the ministry said", "utterly regretful,”",
     True),
    ("ends with ',”' but starts outside", "understands it needs to be “verifiable and complete,” he said",
     "needs to be “verifiable and complete,”", False),
    ("nested single quotes", "“He told me ‘we will go’ and left,” she said.", "‘we will go’ and left", True),
    ("apostrophe inside", "“It’s safe, and it’ll last,” she said.", "It’s safe, and it’ll last", True),
    ("apostrophe outside opens nothing", "She said it’s safe and it’ll last.", "it’s safe", False),
    ("two quotations and the words between", "“A,” she said, “B.”", "A,” she said, “B", False),
    ("the second of two quotations", "“A,” she said, “B and C.”", "B and C", True),
    ("straight quotes: first", 'He said "we will go" and "we will stay".', "we will go", True),
    ("straight quotes: between", 'He said "we will go" and "we will stay".', '" and "', False),
    ("straight quotes: second", 'He said "we will go" and "we will stay".', "we will stay", True),
    ("a stray closing mark opens nothing", "as the quickest way of realizing peace.” Then", "quickest way",
     False),
    ("„ closed by “ (German)", "Er sagte „wir gehen“ und ging.", "wir gehen", True),
    ("after „…“", "Er sagte „wir gehen“ und ging.", "und ging", False),
    ("„ closed by ” (Polish)", "Powiedział „idziemy” i poszedł.", "idziemy", True),
    ("guillemets", "Il a dit « nous partons » hier.", "nous partons", True),
    ("after guillemets", "Il a dit « nous partons » hier.", "hier", False),
    ("an opening mark inside a quotation does not nest", "“We said “no” twice,” he said.", "We said “no",
     True),
    # A quotation still open at its paragraph's end runs to that end.
    ("unclosed: runs to the paragraph's end", "He said: “We will go." + PARA + "The dam was built.",
     "We will go.", True),
    ("unclosed: the next paragraph is not quoted", "He said: “We will go." + PARA + "The dam was built.",
     "The dam was built", False),
    # The journalistic convention: no closing mark at a paragraph's end, an opening one at the next's start.
    ("continued: first paragraph", "“We will go." + PARA + "“We will stay,” he said.", "We will go.", True),
    ("continued: second paragraph", "“We will go." + PARA + "“We will stay,” he said.", "We will stay", True),
    ("continued: after its closing mark", "“We will go." + PARA + "“We will stay,” he said.", "he said",
     False),
    ("continued, straight quotes", '"We will go.' + PARA + '"We will stay," he said.', "We will stay", True),
    ("continued over three paragraphs", "“A." + PARA + "“B." + PARA + "“C,” he said.", "C", True),
    ("a closed paragraph is not continued", "“A,” he said." + PARA + "Then “B.”", "he said", False),
]


@pytest.mark.parametrize("case, body, quote, inside", CASES, ids=[c[0] for c in CASES])
def test_inside_a_quotation(case: str, body: str, quote: str, inside: bool) -> None:
    assert Quotations(body).inside(*_span(body, quote)) is inside


@pytest.mark.parametrize("body, first, last, inside", [
    ("“We will go." + PARA + "“We will stay,” he said.", "We will go", "We will stay", True),
    ("“We will go.”" + PARA + "“We will stay,” he said.", "We will go", "We will stay", False),
    ("He said: “We will go." + PARA + "The dam was built.", "We will go", "The dam", False),
], ids=["continued quotation", "two quotations", "unclosed, not continued"])
def test_a_quote_across_paragraphs(body: str, first: str, last: str, inside: bool) -> None:
    """Anchoring collapses white space, so a quote can run over a paragraph break."""
    assert Quotations(body).inside(body.index(first), body.index(last) + len(last)) is inside


def test_spans_of_a_body() -> None:
    body = "“A,” she said." + PARA + "“B." + PARA + "“C,” he said. “D"
    assert [body[s:e] for s, e in Quotations(body).spans] == ["“A,”", "“B.\n\n“C,”", "“D"]


@pytest.mark.parametrize("text, expected", [
    ("“A,” she said, “B.”", [(0, 4), (15, 19)]),
    ('He said "A" and "B', [(8, 11), (16, 18)]),  # straight quotes; an unclosed one runs to the end
    ("“A” x”", [(0, 3)]),  # a closing mark with no opening one
    ("„A“ b", [(0, 3)]),
])
def test_quotations_of_a_paragraph(text: str, expected: list[tuple[int, int]]) -> None:
    assert quotations(text, 0, len(text)) == expected
