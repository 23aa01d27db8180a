"""The annotation contract: each schema problem is one located diagnostic with an exact message and hint."""

from __future__ import annotations

import pytest

from build_scripts.articles import read_article
from build_scripts.diagnostics import PipelineError
from build_scripts.schema import read_annotation_file, read_speakers, suggest_id
from build_scripts.yamlsource import parse_yaml

HEAD = "article: x\nannotations:\n  - id: a\n    speaker: s\n    quote: q\n"
URL_HINT = "(write it as https://...)"
CLAIM_HINT = "(fill it in: plain-words paraphrase of what the speaker asserts)"
CLIAM = "unknown field 'cliam' in annotation (did you mean 'claim'?)"


def annotation_problems(text: str) -> list[str]:
    _, problems = read_annotation_file(parse_yaml(text, "annotations/x.yml"))
    return [str(d) for d in problems]


@pytest.mark.parametrize("text, expected", [
    (HEAD, ["annotations/x.yml:3:5: annotations[0]: missing required field 'claim' in annotation "
            "(add a 'claim:' line: plain-words paraphrase of what the speaker asserts)"]),
    (HEAD + "    claim: c\n    topic: [x]\n",
     ["annotations/x.yml:7:5: annotations[0].topic: unknown field 'topic' in annotation (did you mean 'topics'?)"]),
    (HEAD + "    claim: c\n    counterclaims:\n      - ref: other\n        speaker: someone\n",
     ["annotations/x.yml:9:9: annotations[0].counterclaims[0].speaker: unknown field 'speaker' in "
      "counterclaim reference (allowed fields: ref)"]),
    (HEAD + "    claim: c\n    colour: red\n",
     ["annotations/x.yml:7:5: annotations[0].colour: unknown field 'colour' in annotation (allowed fields: id, "
      "speaker, attribution, quote, prefix, suffix, claim, counterclaims, topics, note, sources, contributor)"]),
    ("articel: x\nannotations: []\n",
     ["annotations/x.yml:1:1: articel: unknown field 'articel' in annotation file "
      "(did you mean 'article'?)"]),
    ("article: x\nannotations:\n  - id: A b\n    speaker: s\n    quote: q\n    claim: c\n",
     ["annotations/x.yml:3:9: annotations[0].id: 'A b' is not a kebab-case id (use 'a-b')"]),
    ("article: x\nannotations:\n  - id: --\n    speaker: s\n    quote: q\n    claim: c\n",
     ["annotations/x.yml:3:9: annotations[0].id: '--' is not a kebab-case id (use lower-case words joined by '-')"]),
    ("article: Sanctions_2018\nannotations: []\n",
     ["annotations/x.yml:1:10: article: 'Sanctions_2018' is not a kebab-case id (use 'sanctions-2018')"]),
    (HEAD + "    claim: c\n    topics: [Foo Bar]\n",
     ["annotations/x.yml:7:14: annotations[0].topics[0]: 'Foo Bar' is not a kebab-case id (use 'foo-bar')"]),
    (HEAD + "    claim: c\n    sources: [{title: t, url: 'ftp://x'}]\n",
     [f"annotations/x.yml:7:31: annotations[0].sources[0].url: 'ftp://x' is not an absolute http(s) URL {URL_HINT}"]),
    (HEAD + "    claim: c\n    sources:\n      - {title: t, url: 'https://ex ample.org'}\n"
            "      - {title: t, url: /rel}\n      - {title: t, url: 'javascript:alert(1)'}\n",
     [f"annotations/x.yml:8:25: annotations[0].sources[0].url: 'https://ex ample.org' is not an absolute http(s) URL {URL_HINT}",
      f"annotations/x.yml:9:25: annotations[0].sources[1].url: '/rel' is not an absolute http(s) URL {URL_HINT}",
      f"annotations/x.yml:10:25: annotations[0].sources[2].url: 'javascript:alert(1)' is not an absolute http(s) URL {URL_HINT}"]),
    (HEAD + "    claim: c\n    sources: [{title: t}]\n",
     ["annotations/x.yml:7:15: annotations[0].sources[0]: missing required field 'url' in source "
      "(add a 'url:' line: absolute http(s) URL)"]),
    (HEAD + "    claim: [c]\n",
     ["annotations/x.yml:6:12: annotations[0].claim: expected text, found a list (quote the value)"]),
    (HEAD + "    claim: c\n    contributor: " + "x" * 101 + "\n",
     ["annotations/x.yml:7:18: annotations[0].contributor: is 101 characters, over the limit of 100 (shorten it)"]),
    (HEAD + "    claim: \"c\\u200b\"\n",
     ["annotations/x.yml:6:12: annotations[0].claim: contains the control character U+200B (remove it)"]),
    ("article: x\nannotations: foo\n",
     ["annotations/x.yml:2:14: annotations: expected a list, found text (write '[a, b]' or '- item' lines)"]),
    ("- a\n", ["annotations/x.yml:1:1: document: expected a mapping (annotation file), found a list "
               "(write 'key: value' lines)"]),
    (HEAD + "    claim: c\n    counterclaims:\n      - ref: b\n        claim: x\n      - speaker: t\n",
     ["annotations/x.yml:9:9: annotations[0].counterclaims[0].claim: unknown field 'claim' in counterclaim "
      "reference (allowed fields: ref)",
      "annotations/x.yml:10:9: annotations[0].counterclaims[1]: missing required field 'claim' in counterclaim "
      "(add a 'claim:' line: plain-words paraphrase of the opposing assertion)"]),
    # An empty required field: at its value, or at its key when nothing follows it; said once.
    (HEAD + "    claim:\n", [f"annotations/x.yml:6:5: annotations[0].claim: is empty {CLAIM_HINT}"]),
    (HEAD + "    claim:   # later\n    note: n\n",
     [f"annotations/x.yml:6:5: annotations[0].claim: is empty {CLAIM_HINT}"]),
    (HEAD + '    claim: ""\n', [f"annotations/x.yml:6:12: annotations[0].claim: is empty {CLAIM_HINT}"]),
    (HEAD + "    claim: '  '\n", [f"annotations/x.yml:6:12: annotations[0].claim: is empty {CLAIM_HINT}"]),
    (HEAD + '    claim: "\\t\u3000"\n',
     [f"annotations/x.yml:6:12: annotations[0].claim: is empty {CLAIM_HINT}"]),
    ("article: x\nannotations:\n  - {id: a, speaker: , quote: q, claim: c}\n",
     ["annotations/x.yml:3:13: annotations[0].speaker: is empty "
      "(fill it in: a speaker id from annotations/speakers.yml, or 'attribution: framing' for the article's "
      "own words)"]),
    ("article: ''\nannotations:\n",
     ["annotations/x.yml:1:10: article: is empty (fill it in: slug of articles/<slug>.md)",
      "annotations/x.yml:2:1: annotations: is empty (fill it in)"]),
    (HEAD + "    claim: c\n    counterclaims:\n      - speaker: t\n        claim:\n",
     ["annotations/x.yml:9:9: annotations[0].counterclaims[0].claim: is empty "
      "(fill it in: plain-words paraphrase of the opposing assertion)"]),
    (HEAD + "    claim: c\n    note: ''\n    prefix:\n", []),  # an empty optional field is no field
    # A misspelt required field is its misspelling's problem, not also a missing field.
    (HEAD + "    cliam: c\n", [f"annotations/x.yml:6:5: annotations[0].cliam: {CLIAM}"]),
    (HEAD + "    claim: c\n    cliam: d\n", [f"annotations/x.yml:7:5: annotations[0].cliam: {CLIAM}"]),
], ids=["missing-claim", "unknown-did-you-mean", "ref-with-speaker", "unknown-allowed-list", "top-level-typo", "bad-id", "bad-id-no-words",
        "bad-article-slug", "bad-topic", "url-scheme", "bad-urls", "source-missing-url", "claim-not-text", "too-long",
        "format-character", "annotations-not-list", "document-not-mapping", "counterclaim-variants",
        "empty-claim", "empty-claim-comment", "empty-quotes", "blank-quotes", "whitespace-escapes",
        "empty-in-flow", "empty-file-fields", "empty-counterclaim-claim", "empty-optional",
        "misspelt-required", "misspelt-beside-present"])
def test_annotation_file_problems(text: str, expected: list[str]) -> None:
    assert annotation_problems(text) == expected


def test_every_problem_in_a_file_is_reported() -> None:
    text = ("article: x\nannotations:\n  - id: Bad Id\n    speaker: s\n    quote: q\n"
            "  - id: b\n    speaker: s\n    claim: c\n    quote: q\n    tpoics: [t]\n")
    assert sorted(annotation_problems(text)) == [
        "annotations/x.yml:10:5: annotations[1].tpoics: unknown field 'tpoics' in annotation (did you mean 'topics'?)",
        "annotations/x.yml:3:5: annotations[0]: missing required field 'claim' in annotation "
        "(add a 'claim:' line: plain-words paraphrase of what the speaker asserts)",
        "annotations/x.yml:3:9: annotations[0].id: 'Bad Id' is not a kebab-case id (use 'bad-id')",
    ]


def test_valid_file_becomes_records_with_locations() -> None:
    text = (HEAD + "    claim: c\n    prefix: 'it will '\n    counterclaims:\n      - ref: b\n"
            "      - {speaker: t, claim: d, quote: e}\n    topics: [x, y]\n")
    f, problems = read_annotation_file(parse_yaml(text, "annotations/x.yml"))
    assert problems == [] and f is not None
    (ann,) = f.annotations
    assert (ann.id, ann.article, ann.prefix, ann.topics) == ("a", "x", "it will ", ("x", "y"))
    assert [(c.ref, c.speaker, c.quote, c.anchor) for c in ann.counterclaims] == [
        ("b", "", "", "a--counter-1"), ("", "t", "e", "a--counter-2")]
    assert str(ann.loc("quote")) == "annotations/x.yml:5:12"
    assert str(ann.counterclaims[0].loc("ref")) == "annotations/x.yml:9:14"
    assert ann.counterclaims[1].field_path == "annotations[0].counterclaims[1]"


ROLE_HINT = ("write 'role:' for a role held at every date, or 'roles:', a list of roles with dates, each a 'role' "
             "with 'from' or 'until' or both")


@pytest.mark.parametrize("text, expected", [
    ("speakers:\n  - id: x\n    name: X\n    rol: r\n",
     ["annotations/speakers.yml:4:5: speakers[0].rol: unknown field 'rol' in speaker "
      "(did you mean 'role'?)"]),
    ("speakers:\n  - id: x\n    name: X\n    affiliation: a\n",
     ["annotations/speakers.yml:2:5: speakers[0]: missing required field 'role' in speaker "
      f"({ROLE_HINT})"]),
    ("speakers:\n  - id: x\n    name: X\n    role:\n",
     [f"annotations/speakers.yml:4:5: speakers[0].role: is empty (fill it in; {ROLE_HINT})"]),
    ("speakers:\n  - id: Mike Pompeo\n    name: Mike Pompeo\n    role: r\n    aliases: Pompeo\n",
     ["annotations/speakers.yml:2:9: speakers[0].id: 'Mike Pompeo' is not a kebab-case id (use 'mike-pompeo')",
      "annotations/speakers.yml:5:14: speakers[0].aliases: expected a list, found text "
      "(write '[a, b]' or '- item' lines)"]),
])
def test_speaker_problems(text: str, expected: list[str]) -> None:
    _, problems = read_speakers(parse_yaml(text, "annotations/speakers.yml"))
    assert sorted(map(str, problems)) == expected


FRONT = "title: T\npublisher: P\nauthor: A\npublished: 2018-07-08\n"


@pytest.mark.parametrize("raw, expected", [
    ("---\ntitle: T\npublisher: P\nauthor: A\n---\n\nBody.\n",
     ["articles/x.md:2:1: document: missing required field 'published' in front matter "
      "(add a 'published:' line: publication date, e.g. 2018-07-08)"]),
    ("---\n" + FRONT.replace("2018-07-08", "2018-13-01") + "url: www.x.org\nauthr: x\n---\n\nBody.\n",
     ["articles/x.md:5:12: published: '2018-13-01' is not a valid date in YYYY-MM-DD form (write e.g. 2018-07-08)",
      f"articles/x.md:6:6: url: 'www.x.org' is not an absolute http(s) URL {URL_HINT}",
      "articles/x.md:7:1: authr: unknown field 'authr' in front matter (did you mean 'author'?)"]),
    ("---\n" + FRONT.replace("2018-07-08", "8 July 2018") + "---\n\nBody.\n",
     ["articles/x.md:5:12: published: '8 July 2018' is not a valid date in YYYY-MM-DD form (write e.g. 2018-07-08)"]),
    ("No front matter.\n", ["articles/x.md:1:1: article has no front matter "
                            "(start the file with a '---' line, the metadata, then '---')"]),
    ("---\ntitle: T\n", ["articles/x.md:1:1: front matter is not closed (add a '---' line after the metadata)"]),
    ("---\n" + FRONT + "---\n\n\n", ["articles/x.md:9:1: article body is empty "
                                     "(add the article text after the front matter)"]),
    ("---\n" + FRONT.replace("title: T", 'title: "T') + "---\n\nBody.\n",
     ['articles/x.md:2:8: this quoted text is never closed (add the closing " where the text ends; if the text '
      'itself contains ", put it in single quotes instead, or write \\" for each)']),
], ids=["missing-published", "bad-values", "date-in-words", "no-front-matter", "unclosed", "empty-body",
        "unclosed-quote"])
def test_article_problems(raw: str, expected: list[str]) -> None:
    with pytest.raises(PipelineError) as info:
        read_article(raw.encode(), "articles/x.md", "x")
    assert [str(d) for d in info.value.diagnostics] == expected


def test_article_body_and_line() -> None:
    article = read_article(("---\n" + FRONT + "---\n\n\nFirst para.\n\nSecond.\n\n").encode(), "articles/x.md", "x")
    assert (article.body, article.body_line, article.published, article.language) == (
        "First para.\n\nSecond.", 9, "2018-07-08", "en")


@pytest.mark.parametrize("value, expected", [
    ("Mike Pompeo", "mike-pompeo"), ("Kim Jong-un", "kim-jong-un"), ("Émile Zola", "emile-zola"),
    ("  --UN  Security--Council  ", "un-security-council"), ("北", ""),
])
def test_suggest_id(value: str, expected: str) -> None:
    assert suggest_id(value) == expected


def test_location_map_is_a_mapping_of_locations_with_shared_field_names() -> None:
    from build_scripts.diagnostics import Location, LocationMap

    marks = {"id": (3, 5), "speaker": (4, 14), "claim": (70000, 1)}
    first, second = LocationMap("a.yml", dict(marks)), LocationMap("b.yml", {"id": (9, 5), "speaker": (10, 7), "claim": (11, 2)})
    assert dict(first) == {name: Location("a.yml", *mark) for name, mark in marks.items()}
    assert list(first) == ["id", "speaker", "claim"] and len(first) == 3
    assert first["claim"] == Location("a.yml", 70000, 1) and "quote" not in first
    with pytest.raises(KeyError, match="quote"):
        first["quote"]
    assert first.get("quote") is None
    assert first == LocationMap("a.yml", dict(marks)) != second
    assert first._names is second._names  # one tuple of names for every record of the same shape
    assert LocationMap("c.yml", {}) == {}
