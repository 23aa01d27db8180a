"""Strict YAML: every scalar a string, every problem a located diagnostic with an exact message."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts import yamlsource
from build_scripts.diagnostics import PipelineError
from build_scripts.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, load_yaml_bytes, parse_yaml

SYNTAX_HINT = "(check the indentation and quoting on this line and the one before)"
DOUBLE_HINT = ('(add the closing " where the text ends; if the text itself contains ", '
               'put it in single quotes instead, or write \\" for each)')
SINGLE_HINT = ("(add the closing ' where the text ends; to write ' inside single quotes, double it (''), "
               "or put the text in double quotes instead)")
COLON = "': ' inside a value that is not in quotes, which YAML reads as the start of another key"
LIST_HINT = "(add the closing ] after its last item, or write the items as '- item' lines)"
UNCLOSED = ('article: x\nannotations:\n  - id: a\n    speaker: s\n    quote: "the talks went well\n'
            '    claim: c\n    topics: [x]\n  - id: b\n    speaker: s\n    quote: "other words"\n'
            '    claim: d\n')


def errors(raw: bytes | str) -> list[str]:
    with pytest.raises(PipelineError) as info:
        if isinstance(raw, str):
            parse_yaml(raw, "f.yml")
        else:
            load_yaml_bytes(raw, "f.yml")
    return [str(d) for d in info.value.diagnostics]


@pytest.mark.parametrize("text, expected", [
    ("a: 1\nb: [1, 2\nc: 3\n", f"f.yml:2:4: this list in [ ] is never closed {LIST_HINT}"),
    ("a: b: c\n", f"f.yml:1:5: {COLON} (put the whole value after 'a:' in double quotes)"),
    ("a:\n  - claim: Lind says: no\n", f"f.yml:2:21: {COLON} (put the whole value after 'claim:' in double quotes)"),
    ("a:\n  b: 1\n   c: 2\n", f"f.yml:3:5: YAML syntax error: mapping values are not allowed here {SYNTAX_HINT}"),
    ('a: "x\n', f"f.yml:1:4: this quoted text is never closed {DOUBLE_HINT}"),
    ("a: 'it's'\n", "f.yml:1:8: text right after the closing ' of a quoted value "
     "(to write ' inside single quotes, double it (it''s); or put the whole value in double quotes)"),
    ("a: 1\nb: 2\na: 3\n",
     "f.yml:3:1: duplicate key 'a' (first defined at line 1) (remove one of them; YAML would silently keep only the last)"),
    ("x:\n  k: 1\n  j: 2\n  k: 3\n",
     "f.yml:4:3: duplicate key 'k' (first defined at line 2) (remove one of them; YAML would silently keep only the last)"),
    ("a: &x 1\nb: 2\n", "f.yml:1:4: YAML anchor '&x' is not allowed (remove the anchor; anchors and aliases are disabled)"),
    ("a: 1\nb: *x\n",
     "f.yml:2:4: YAML alias '*x' is not allowed (write the value out in full; anchors and aliases are disabled)"),
    ("a: &lol [x, x]\nb: [*lol, *lol]\n",
     "f.yml:1:4: YAML anchor '&lol' is not allowed (remove the anchor; anchors and aliases are disabled)"),
    ("a: !!int 1\n", "f.yml:1:4: YAML tag 'tag:yaml.org,2002:int' is not allowed "
     "(remove the tag; every value is plain text and the schema decides its type)"),
    ("a: !custom 1\n", "f.yml:1:4: YAML tag '!custom' is not allowed "
     "(remove the tag; every value is plain text and the schema decides its type)"),
    ("a:\n\tb: 1\n", "f.yml:2:1: tab character in indentation (YAML indentation must use spaces)"),
    ("a:\n  \tb: 1\n", "f.yml:2:3: tab character in indentation (YAML indentation must use spaces)"),
    ("a: b\x07\n", "f.yml:1:5: character U+0007 is not allowed in YAML (remove the control character)"),
    ("[a]: 1\n", "f.yml:1:1: mapping keys must be plain words"),
    ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
     f"f.yml:1:{3 + MAX_DEPTH}: nesting is deeper than {MAX_DEPTH} levels "
     "(flatten the structure; annotations need at most 4 levels)"),
    # An unclosed quote or bracket swallows the lines after it: reported where it opens, not where PyYAML
    # stops (at the next quotation mark, lines below: "expected <block end>, but found '<scalar>'").
    (UNCLOSED, f"f.yml:5:12: this quoted text is never closed {DOUBLE_HINT}"),
    (UNCLOSED.replace('"', "'"), f"f.yml:5:12: this quoted text is never closed {SINGLE_HINT}"),
    (UNCLOSED.replace('"the talks went well', '"the talks went well"').replace('"other words"', '"other'),
     f"f.yml:10:12: this quoted text is never closed {DOUBLE_HINT}"),
    ("x: 'it\ny: it's done\n", f"f.yml:1:4: this quoted text is never closed {SINGLE_HINT}"),
    ("a:\n  - 'x\n  - y\n  - 'z'\n", f"f.yml:2:5: this quoted text is never closed {SINGLE_HINT}"),
    ('---\na: "x\n---\nb: 1\n', f"f.yml:2:4: this quoted text is never closed {DOUBLE_HINT}"),
    ("a: [x, 'y\nb: 2\n", f"f.yml:1:8: this quoted text is never closed {SINGLE_HINT}"),
    (UNCLOSED.replace("went well", 'went well"').replace("topics: [x]", "topics: [x, y"),
     f"f.yml:7:13: this list in [ ] is never closed {LIST_HINT}"),
    ("a: [x, y\n", f"f.yml:1:4: this list in [ ] is never closed {LIST_HINT}"),
    ("a:\n  b: {c: 1, d: 2\n  e: 3\n",
     "f.yml:2:6: this mapping in { } is never closed (add the closing } after its last entry)"),
    # Quoted text and brackets may run over lines indented deeper: a later mistake is its own.
    ('k: "long text\n  continued"\nj: x: y\n', f"f.yml:3:5: {COLON} (put the whole value after 'j:' in double quotes)"),
    ("k: [a,\n  b]\nj: x: y\n", f"f.yml:3:5: {COLON} (put the whole value after 'j:' in double quotes)"),
    ('a: "abc"def\n', 'f.yml:1:9: text right after the closing " of a quoted value '
     '(to write " inside double quotes, write \\"; or put the whole value in single quotes)'),
    ('quote: "C:\\path"\n', 'f.yml:1:11: "\\p" is not an escape sequence in double quotes '
     "(write \\\\ for a backslash, or put the value in single quotes, where \\ is an ordinary character)"),
    ("a:\n  - b\n c\n", "f.yml:3:2: YAML syntax error: expected <block end>, but found '<scalar>' "
     f"while parsing a block mapping started at line 1 {SYNTAX_HINT}"),
], ids=["flow-unclosed", "mapping-in-value", "mapping-in-list-item-value", "mapping-misindented", "unclosed-quote", "quote-in-quote", "duplicate-top", "duplicate-nested",
        "anchor", "alias", "billion-laughs", "tag-core", "tag-local", "tab", "tab-after-spaces", "control-char",
        "non-scalar-key", "too-deep", "unclosed-double-below", "unclosed-single-below",
        "unclosed-second-value", "apostrophe-closes", "unclosed-list-item", "document-separator",
        "unclosed-in-flow", "list-unclosed-below",
        "list-at-end", "braces-unclosed", "multiline-quote-then-mistake", "multiline-list-then-mistake",
        "text-after-quote", "bad-escape", "bad-indentation"])
def test_refused(text: str, expected: str) -> None:
    assert errors(text) == [expected]


def test_nesting_at_the_limit_is_accepted() -> None:
    # The top-level mapping is the first level.
    value = parse_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", "f.yml").data["a"]
    depth = 1
    while value:
        value, depth = value[0], depth + 1
    assert depth == MAX_DEPTH - 1


def test_all_duplicates_reported_together() -> None:
    assert errors("a: 1\na: 2\nb: 1\nb: 2\n") == [
        "f.yml:2:1: duplicate key 'a' (first defined at line 1) (remove one of them; YAML would silently keep only the last)",
        "f.yml:4:1: duplicate key 'b' (first defined at line 3) (remove one of them; YAML would silently keep only the last)",
    ]


@pytest.mark.parametrize("written, value", [
    ("NO", "NO"), ("yes", "yes"), ("true", "true"), ("1.10", "1.10"), ("12:30", "12:30"), ("2018-07-08", "2018-07-08"),
    ("0x1F", "0x1F"), ("010", "010"), ("1e3", "1e3"), ("~", "~"), ("null", "null"), (".inf", ".inf"),
    ('"quoted"', "quoted"), ("''", ""), ("", ""),
])
def test_plain_scalars_stay_strings(written: str, value: str) -> None:
    assert parse_yaml(f"k: {written}\n", "f.yml").data == {"k": value}


@pytest.mark.parametrize("load", [lambda text: parse_yaml(text, "f.yml"),
                                  lambda text: yamlsource._strict_doc(text, "f.yml", 0)], ids=["fast", "strict"])
def test_values_written_as_nothing(load) -> None:
    """A key with nothing after it (a null) is told apart from an empty quoted value, by either loader."""
    doc = load("a:\n  b:\n  c: ''\n  d: \"\"\n  e: x\n  f: {g: , h: ''}\n  i: [x, '']\n")
    assert doc.nulls == {("a", "b"), ("a", "f", "g")}


def test_locations_of_values_and_keys() -> None:
    doc = parse_yaml("top:\n  - id: one\n    tags: [a, b]\n", "f.yml")
    assert str(doc.loc(("top", 0, "id"))) == "f.yml:2:9"
    assert str(doc.key_loc(("top", 0, "id"))) == "f.yml:2:5"
    assert str(doc.loc(("top", 0, "tags", 1))) == "f.yml:3:15"
    assert str(doc.loc(("top", 0, "missing"))) == "f.yml:2:5"  # the nearest written parent


def test_line_offset_shifts_every_location() -> None:
    assert str(parse_yaml("a: 1\nb: 2\n", "a.md", line_offset=1).loc(("b",))) == "a.md:3:4"
    with pytest.raises(PipelineError) as info:
        parse_yaml("a: 1\na: 2\n", "a.md", line_offset=1)
    assert str(info.value.diagnostics[0]).startswith("a.md:3:1: duplicate key 'a' (first defined at line 2)")


@pytest.mark.parametrize("raw", [
    b"a: x\nb: y\nb: z\n",
    b"\xef\xbb\xbfa: x\nb: y\nb: z\n",
    b"a: x\r\nb: y\r\nb: z\r\n",
    b"\xef\xbb\xbfa: x\r\nb: y\r\nb: z\r\n",
], ids=["plain", "bom", "crlf", "bom-crlf"])
def test_bom_and_crlf_keep_line_numbers(raw: bytes) -> None:
    assert errors(raw) == ["f.yml:3:1: duplicate key 'b' (first defined at line 2) "
                           "(remove one of them; YAML would silently keep only the last)"]
    ok = load_yaml_bytes(raw.replace(b"b: z", b"c: z"), "f.yml")
    assert ok.data == {"a": "x", "b": "y", "c": "z"}
    assert str(ok.loc(("c",))) == "f.yml:3:4"


@pytest.mark.parametrize("raw, expected", [
    (b"a: 1\n\xff\n", "f.yml:2:1: invalid UTF-8 byte 0xff (save the file as UTF-8)"),
    (b"a: 1\nname: Jos\xe9 \n", "f.yml:2:10: invalid UTF-8 byte 0xe9 (save the file as UTF-8)"),
    (b"a: \xc3\xa9\xc3\xa9\xff\n", "f.yml:1:6: invalid UTF-8 byte 0xff (save the file as UTF-8)"),
])
def test_invalid_utf8_location(raw: bytes, expected: str) -> None:
    assert errors(raw) == [expected]


def test_size_limit() -> None:
    assert errors(b"#" * (MAX_FILE_BYTES + 1)) == [
        f"f.yml:1:1: file is {MAX_FILE_BYTES + 1:,} bytes, over the limit of {MAX_FILE_BYTES:,} "
        "(split it into smaller files)"]
    assert load_yaml_bytes(b"#" * MAX_FILE_BYTES, "f.yml").data is None


def test_empty_document() -> None:
    assert parse_yaml("", "f.yml").data is None


def _node_path(text: str, path: str = "f.yml"):
    """The strict, composed-node path that the one-pass event path must agree with."""
    from build_scripts.yamlsource import _strict_doc

    doc = _strict_doc(text, path, 0)
    return doc.data, doc.value_marks, doc.key_marks


_scalars = st.text(alphabet="ab: -#'\"é\n", max_size=6)
_trees = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(alphabet="abk-", min_size=1, max_size=3), inner, max_size=3),
                      max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(_trees, st.booleans())
def test_one_pass_event_path_equals_the_node_path(tree, flow: bool) -> None:
    from build_scripts.yamlsource import _fast_doc

    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=True)
    doc = _fast_doc(text, "f.yml", 0)
    assert doc is not None
    assert (doc.data, doc.value_marks, doc.key_marks) == _node_path(text)


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "? [x]\n: 1\n", "a: &x 1\nb: *x\n", "a: !!str 1\n",
                                  "--- 1\n--- 2\n", "a: [\n"])
def test_one_pass_event_path_leaves_the_unusual_to_the_strict_paths(text: str) -> None:
    from build_scripts.yamlsource import _fast_doc

    assert _fast_doc(text, "f.yml", 0) is None


@pytest.mark.parametrize("text, expected", [
    ("[\x85''", "f.yml:1:1: this list in [ ] is never closed"),
    ("k: [1,\u2028 'x", "f.yml:2:2: this quoted text is never closed"),
    ("a: 'x\r\nb: 2\r\n", "f.yml:1:4: this quoted text is never closed"),
], ids=["next-line", "line-separator", "crlf"])
def test_syntax_errors_count_lines_as_yaml_does(text: str, expected: str) -> None:
    """NEL, U+2028 and CRLF end lines for PyYAML: its marks index the file's lines the same way (a fuzz find)."""
    with pytest.raises(PipelineError) as info:
        parse_yaml(text, "f.yml")
    assert [str(d).split(" (")[0] for d in info.value.diagnostics] == [expected]
