"""Hostile annotation files, checked end to end (``python -m build_scripts check``) with exact messages."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from build_scripts.cli import main

from .payloads import SMALL_ANNOTATIONS, write_small_project

ANN = "annotations/small.yml"
BOMB = """article: small
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""
ANCHOR = "YAML anchor '&a' is not allowed (remove the anchor; anchors and aliases are disabled)"
TAG_HINT = "(remove the tag; every value is plain text and the schema decides its type)"
OVER = "over the limit of"


def _check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--root", str(project), "check"])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if line.strip()]


def _annotation_with(**fields: str) -> str:
    text = SMALL_ANNOTATIONS
    for key, value in fields.items():
        text = text.replace(f"    {key}: ", f"    {key}: {value}\n    x-old-{key}: ", 1)
    return "\n".join(line for line in text.splitlines() if "x-old-" not in line) + "\n"


CASES: list[tuple[str, bytes, list[str]]] = [
    ("billion-laughs", BOMB.encode(), [f"{ANN}:2:4: {ANCHOR}"]),
    ("alias-only", b"article: small\nannotations: *x\n",
     [f"{ANN}:2:14: YAML alias '*x' is not allowed (write the value out in full; anchors and aliases are disabled)"]),
    ("duplicate-keys", SMALL_ANNOTATIONS.replace("    speaker: the-minister\n", "    speaker: the-minister\n"
                                                 "    speaker: the-opposition\n", 1).encode(),
     [f"{ANN}:5:5: duplicate key 'speaker' (first defined at line 4) "
      "(remove one of them; YAML would silently keep only the last)"]),
    ("python-object", b"article: !!python/object/apply:os.system ['touch /tmp/pwned']\nannotations: []\n",
     [f"{ANN}:1:10: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed {TAG_HINT}"]),
    ("python-name", b"article: !!python/name:os.system ''\nannotations: []\n",
     [f"{ANN}:1:10: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed {TAG_HINT}"]),
    ("local-tag", b"article: !include /etc/passwd\nannotations: []\n",
     [f"{ANN}:1:10: YAML tag '!include' is not allowed {TAG_HINT}"]),
    ("deep-nesting", b"article: small\nannotations: " + b"[" * 5000 + b"]" * 5000 + b"\n",
     [f"{ANN}:2:25: nesting is deeper than 12 levels (flatten the structure; annotations need at most 4 levels)"]),
    ("oversized", b"article: small\nannotations: []\n# " + b"x" * (1024 * 1024) + b"\n",
     [f"{ANN}:1:1: file is 1,048,610 bytes, over the limit of 1,048,576 (split it into smaller files)"]),
    ("invalid-utf8", b"article: small\nannotations:\n  - id: caf\xe9\n",
     [f"{ANN}:3:12: invalid UTF-8 byte 0xe9 (save the file as UTF-8)"]),
    ("tab-indent", b"article: small\nannotations:\n\t- id: x\n",
     [f"{ANN}:3:1: tab character in indentation (YAML indentation must use spaces)"]),
    ("claim-too-long", _annotation_with(claim="'" + "c" * 2001 + "'").encode(),
     [f"{ANN}:6:12: annotations[0].claim: is 2,001 characters, {OVER} 2,000 (shorten it)"]),
    ("note-too-long", _annotation_with(topics="[budget]\n    note: " + "n" * 2001).encode(),
     [f"{ANN}:12:11: annotations[0].note: is 2,001 characters, {OVER} 2,000 (shorten it)"]),
    ("quote-too-long", _annotation_with(quote="'" + "q" * 301 + "'").encode(),
     [f"{ANN}:5:12: annotations[0].quote: is 301 characters, {OVER} 300 (shorten it)"]),
    ("slug-traversal", SMALL_ANNOTATIONS.replace("article: small", "article: ../../etc/passwd").encode(),
     [f"{ANN}:1:10: article: '../../etc/passwd' is not a kebab-case id (use 'etc-passwd')"]),
    ("slug-absolute", SMALL_ANNOTATIONS.replace("article: small", "article: /etc/passwd").encode(),
     [f"{ANN}:1:10: article: '/etc/passwd' is not a kebab-case id (use 'etc-passwd')"]),
    ("id-too-long", SMALL_ANNOTATIONS.replace("id: budget-balanced", "id: " + "a" * 81).encode(),
     [f"{ANN}:3:9: annotations[0].id: is 81 characters, {OVER} 80 (shorten it)"]),
    ("id-not-kebab", SMALL_ANNOTATIONS.replace("id: budget-balanced", "id: Budget_Balanced").encode(),
     [f"{ANN}:3:9: annotations[0].id: 'Budget_Balanced' is not a kebab-case id (use 'budget-balanced')"]),
    ("javascript-source", SMALL_ANNOTATIONS.replace("https://example.org/budget", "javascript:alert(1)").encode(),
     [f"{ANN}:12:38: annotations[0].sources[0].url: 'javascript:alert(1)' is not an absolute http(s) URL "
      "(write it as https://...)"]),
    ("relative-source", SMALL_ANNOTATIONS.replace("https://example.org/budget", "//evil.example/x").encode(),
     [f"{ANN}:12:38: annotations[0].sources[0].url: '//evil.example/x' is not an absolute http(s) URL "
      "(write it as https://...)"]),
]


@pytest.mark.parametrize("raw, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rejected_with_exact_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes,
                                     expected: list[str]) -> None:
    write_small_project(tmp_path)
    (tmp_path / ANN).write_bytes(raw)
    code, lines = _check(tmp_path, capsys)
    assert code == 1
    assert lines == expected


def test_bomb_fails_fast_and_small(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_small_project(tmp_path)
    (tmp_path / ANN).write_text(BOMB, encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    code, lines = _check(tmp_path, capsys)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert code == 1 and lines == [f"{ANN}:2:4: {ANCHOR}"]
    assert elapsed < 1.0
    assert peak < 20 * 1024 * 1024  # 9**9 "lol"s would need gigabytes


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: "\ufeff".encode() + t.encode(), id="bom"),
    pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
    pytest.param(lambda t: "\ufeff".encode() + t.replace("\n", "\r\n").encode(), id="bom-crlf"),
])
def test_bom_and_crlf_accepted_with_right_line_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      encode) -> None:
    write_small_project(tmp_path)
    (tmp_path / ANN).write_bytes(encode(SMALL_ANNOTATIONS))
    assert _check(tmp_path, capsys) == (0, [])
    broken = SMALL_ANNOTATIONS.replace("speaker: the-opposition", "speaker: nobody")
    (tmp_path / ANN).write_bytes(encode(broken))
    code, lines = _check(tmp_path, capsys)
    assert code == 1
    assert lines[0] == (f"{ANN}:8:18: annotations[0].counterclaims[0].speaker: unknown speaker 'nobody' "
                        "(add the speaker to annotations/speakers.yml first)")


def test_slug_never_reaches_outside_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Even a kebab-case slug only ever names a file inside articles/: a missing one is reported, not read."""
    write_small_project(tmp_path)
    (tmp_path / "secret.md").write_text((tmp_path / "articles" / "small.md").read_text(), encoding="utf-8")
    (tmp_path / ANN).write_text(SMALL_ANNOTATIONS.replace("article: small", "article: secret"), encoding="utf-8")
    code, lines = _check(tmp_path, capsys)
    assert code == 1
    assert lines == [f"{ANN}:1:10: article: no article 'secret' in the articles folder "
                     "(create articles/secret.md first)"]


def test_errors_in_several_files_reported_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_small_project(tmp_path)
    (tmp_path / ANN).write_text(BOMB, encoding="utf-8")
    (tmp_path / "annotations" / "speakers.yml").write_text(
        "speakers:\n  - id: x\n    id: y\n", encoding="utf-8")
    (tmp_path / "articles" / "other.md").write_bytes(b"---\ntitle: caf\xe9\n---\n\nBody.\n")
    code, lines = _check(tmp_path, capsys)
    assert code == 1
    assert lines == [
        f"{ANN}:2:4: {ANCHOR}",
        "annotations/speakers.yml:3:5: duplicate key 'id' (first defined at line 2) "
        "(remove one of them; YAML would silently keep only the last)",
        "articles/other.md:2:11: invalid UTF-8 byte 0xe9 (save the file as UTF-8)",
    ]
