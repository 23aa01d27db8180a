"""Issue 17, cases 5, 6, 11, 12, 14 and 17 (a, b): what validation and the message formatters stop.

5: ``ref`` amplification (caps on counterclaims and citations, repeated counterclaims), 6: error floods
(at most MAX_PER_FILE messages per file and a summary line, in every format), 11: link spoofing (plain
source titles, URLs a browser could read otherwise, the host shown), 12: look-alike and invisible names,
17a: a file name breaking out of the step summary's table, 17b: bidi and invisible characters echoed raw.
Case 14 (the CSV formula guard) is a table in tests/test_exports.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import cmarkgfm
import lxml.html
import pytest
from cmarkgfm.cmark import Options

from build_scripts.diagnostics import (
    MAX_PER_FILE,
    Diagnostic,
    Location,
    PipelineError,
    capped,
    format_github,
    format_human,
    format_json,
    format_step_summary,
    omitted,
)
from build_scripts.pipeline import Project, load_site
from build_scripts.render import RenderOptions
from build_scripts.render import briefing as briefing_page
from build_scripts.render.safe import source_link
from build_scripts.schema import MAX_COUNTERCLAIMS, url_problem
from build_scripts.validate import MAX_CITATIONS
from build_scripts.visible import has_letters, lookalike_key, shown

from .growth import growth

SLUG = "2020-01-01-talks"
BODY = (  # the quotes are the speakers' own words, inside quotation marks (direct, as the default says)
    "Mike Pompeo said “the talks went well.” Kang Kyung-wha said “more work is needed.” "
    "The minister said sanctions stay in place.\n"
)
SPEAKERS = [("mike-pompeo", "Mike Pompeo"), ("kang-kyung-wha", "Kang Kyung-wha")]
ANNOTATION = """  - id: {id}
    speaker: mike-pompeo
    quote: "the talks went well"
    claim: Pompeo says the talks went well.
"""


def speakers_yaml(speakers: list[tuple[str, str]]) -> str:
    return "speakers:\n" + "".join(
        f"  - id: {sid}\n    name: {quoted(name)}\n    role: Minister\n" for sid, name in speakers
    )


def quoted(text: str) -> str:
    """A YAML double-quoted scalar, astral characters as themselves (YAML does not join surrogates)."""
    return json.dumps(text, ensure_ascii=False)


def write_project(
    root: Path,
    annotations: str = ANNOTATION.format(id="a"),
    *,
    body: str = BODY,
    speakers: list[tuple[str, str]] = SPEAKERS,
) -> Path:
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    (root / "articles" / f"{SLUG}.md").write_text(
        "---\ntitle: Talks\npublisher: P\nauthor: A\npublished: 2020-01-01\n---\n\n" + body, encoding="utf-8"
    )
    (root / "annotations" / "speakers.yml").write_text(speakers_yaml(speakers), encoding="utf-8")
    (root / "annotations" / f"{SLUG}.yml").write_text(
        f"article: {SLUG}\nannotations:\n{annotations}", encoding="utf-8"
    )
    return root


def problems_of(root: Path) -> list[str]:
    with pytest.raises(PipelineError) as info:
        load_site(Project(root))
    return [str(d) for d in info.value.diagnostics]


def run_check(root: Path, *args: str, summary: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    if summary:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    return subprocess.run(
        [sys.executable, "-m", "build_scripts", "--root", str(root), "check", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


FILE = f"annotations/{SLUG}.yml"


# --- case 5: ref amplification ------------------------------------------------------------------------------


def amplification(refs: int) -> str:
    """The issue's input: one annotation with a 2,000-character claim, another citing it ``refs`` times."""
    long_claim = ("Long claim words here. " * 87)[:2000]
    return (
        f'  - id: l\n    speaker: mike-pompeo\n    quote: "the talks went well"\n    claim: {long_claim}\n'
        '  - id: amp\n    speaker: kang-kyung-wha\n    quote: "more work is needed"\n    claim: x y\n'
        "    counterclaims:\n" + "    - ref: l\n" * refs
    )


def test_forty_thousand_refs_to_one_long_claim_give_one_message(tmp_path: Path) -> None:
    root = write_project(tmp_path, amplification(40_000))
    assert problems_of(root) == [
        f"{FILE}:12:5: annotations[1].counterclaims: 40,000 items, over the limit of {MAX_COUNTERCLAIMS} "
        f"(keep the {MAX_COUNTERCLAIMS} that matter most)"
    ]


@pytest.mark.slow
def test_refusing_many_refs_grows_linearly(tmp_path: Path) -> None:
    def work(root: Path) -> None:
        assert len(problems_of(root)) == 1

    project = lambda refs: write_project(tmp_path / str(refs), amplification(refs))  # noqa: E731
    assert growth(project, work, 20_000, below=3.0) < 3.0


COUNTER = "    counterclaims:\n"
INLINE = "      - speaker: kang-kyung-wha\n        claim: {claim}\n"


@pytest.mark.parametrize(
    "annotations, expected",
    [
        (
            ANNOTATION.format(id="a")
            + ANNOTATION.format(id="b")
            + COUNTER
            + "      - ref: a\n      - ref: a\n",
            [
                f"{FILE}:13:14: annotations[1].counterclaims[1].ref: 'a' is already "
                "annotations[1].counterclaims[0] "
                f"(remove the repeated counterclaim (the first is at {FILE}:12:9))"
            ],
        ),
        (
            ANNOTATION.format(id="a")
            + COUNTER
            + INLINE.format(claim="Kang says no.")
            + INLINE.format(claim="  kang SAYS   no. "),
            [
                f"{FILE}:10:9: annotations[0].counterclaims[1]: repeats annotations[0].counterclaims[0] "
                "(same speaker and "
                f"claim) (remove the repeated counterclaim (the first is at {FILE}:8:9))"
            ],
        ),
        (
            ANNOTATION.format(id="a")
            + COUNTER
            + INLINE.format(claim="Kang says no.")
            + INLINE.format(claim="Kang says yes."),
            [],
        ),
        (
            ANNOTATION.format(id="a")
            + COUNTER
            + "".join(INLINE.format(claim=f"Claim {n}.") for n in range(51)),
            [
                f"{FILE}:8:7: annotations[0].counterclaims: 51 items, over the limit of 50 "
                "(keep the 50 that matter most)"
            ],
        ),
    ],
    ids=["duplicate-ref", "repeated-inline", "distinct-inline", "over-the-cap"],
)
def test_repeated_and_too_many_counterclaims(tmp_path: Path, annotations: str, expected: list[str]) -> None:
    root = write_project(tmp_path, annotations)
    if expected:
        assert problems_of(root) == expected
    else:
        load_site(Project(root))


def citing(n: int, per_citer: int = MAX_COUNTERCLAIMS, claim_chars: int = 2000) -> tuple[str, str]:
    """``n`` annotations with long claims and ``n`` citing ones, each citing ``per_citer`` of them (so each is
    cited ``per_citer`` times): within the caps, the most a page can copy. Returns (annotations, body)."""
    claim = ("Words of a long claim. " * (claim_chars // 20))[:claim_chars]
    body = " ".join(f"“Sentence {k} is here.”" for k in range(2 * n)) + "\n"
    lines = [
        f'  - id: t{k}\n    speaker: mike-pompeo\n    quote: "Sentence {k} is"\n    claim: {claim}\n'
        for k in range(n)
    ]
    for k in range(n):
        refs = "".join(f"      - ref: t{(k + j) % n}\n" for j in range(per_citer))
        lines.append(
            f'  - id: c{k}\n    speaker: kang-kyung-wha\n    quote: "Sentence {n + k} is"\n'
            f"    claim: Cites.\n    counterclaims:\n{refs}"
        )
    return "".join(lines), body


def test_an_annotation_cited_too_often_is_one_message(tmp_path: Path) -> None:
    annotations, body = citing(MAX_CITATIONS + 3, per_citer=1, claim_chars=20)
    annotations = re.sub(r"ref: t\d+", "ref: t0", annotations)  # every citer cites t0
    root = write_project(tmp_path, annotations, body=body)
    lines = (root / FILE).read_text(encoding="utf-8").splitlines()
    line = [n for n, text in enumerate(lines, 1) if text.endswith("- ref: t0")][MAX_CITATIONS]
    assert problems_of(root) == [
        f"{FILE}:{line}:14: annotations[{MAX_CITATIONS + 3 + MAX_CITATIONS}].counterclaims[0].ref: "
        f"annotation 't0' is cited as a counterclaim {MAX_CITATIONS + 3} times, over the limit of "
        f"{MAX_CITATIONS} (each citation "
        f"copies its claim onto the page; cite it at most {MAX_CITATIONS} times)"
    ]
    annotations, body = citing(MAX_CITATIONS, per_citer=1, claim_chars=20)
    load_site(
        Project(
            write_project(tmp_path / "at-the-limit", re.sub(r"ref: t\d+", "ref: t0", annotations), body=body)
        )
    )


def render_page(root: Path) -> str:
    site = load_site(Project(root))
    return briefing_page.render(site, site.briefing(SLUG), RenderOptions()).markdown


@pytest.mark.slow
def test_the_largest_accepted_page_grows_linearly(tmp_path: Path) -> None:
    """Within the caps, a briefing page's size and time grow linearly in the input, by a bounded factor."""

    def prepare(n: int) -> tuple[Path, int, int]:
        annotations, body = citing(n)
        root = write_project(tmp_path / str(n), annotations, body=body)
        return root, len((root / FILE).read_bytes()) + len(body), len(render_page(root).encode())

    def work(prepared: tuple[Path, int, int]) -> None:
        render_page(prepared[0])

    (_, in_n, out_n), (_, in_2n, out_2n) = prepare(MAX_COUNTERCLAIMS), prepare(2 * MAX_COUNTERCLAIMS)
    assert 1.8 < out_2n / out_n < 2.2 and 1.8 < in_2n / in_n < 2.2
    # Each reference copies at most one claim twice (into the citing card and into the dispute view, both in
    # full), and each claim is cited at most 50 times: about 40 times the input for the cards, 75 with the view.
    assert out_2n / in_2n < 100
    assert growth(prepare, work, MAX_COUNTERCLAIMS, below=3.0) < 3.0


def many_annotations(n: int) -> tuple[str, str]:
    """``n`` annotations quoting one paragraph, each with an inline counterclaim and a ref to the next."""
    body = " ".join(f"“Sentence {k} is here.”" for k in range(n)) + "\n"
    return "".join(
        f'  - id: a{k}\n    speaker: mike-pompeo\n    quote: "Sentence {k} is"\n    claim: C{k}.\n'
        f"    counterclaims:\n      - speaker: kang-kyung-wha\n        claim: No {k}.\n"
        f"      - ref: a{(k + 1) % n}\n"
        for k in range(n)
    ), body


@pytest.mark.slow
def test_a_page_of_many_highlights_renders_in_linear_time(tmp_path: Path) -> None:
    """The highlights of one paragraph and the argument map (since replaced by the dispute view, whose own
    growth tests/test_disputes.py measures) were quadratic in the annotations of a briefing (8,000 highlights
    in one paragraph: 10.5 s; 2,000 annotations in the map: 6.8 s). The page, dispute view included, is not."""

    def prepare(n: int):
        annotations, body = many_annotations(n)
        site = load_site(Project(write_project(tmp_path / str(n), annotations, body=body)))
        return site, site.briefing(SLUG)

    assert growth(prepare, lambda sb: briefing_page.render(*sb, RenderOptions()), 1_500, below=3.0) < 3.0


# --- case 6: error flood ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def flood(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The issue's input: a 1 MiB annotation file of empty list items."""
    root = write_project(tmp_path_factory.mktemp("flood"))
    (root / FILE).write_text(FLOOD_HEAD + "-\n" * FLOOD_TOTAL, encoding="utf-8")
    assert 1024 * 1024 - 2 < (root / FILE).stat().st_size <= 1024 * 1024
    return root


FLOOD_HEAD = f"article: {SLUG}\nannotations:\n"
FLOOD_TOTAL = (1024 * 1024 - len(FLOOD_HEAD)) // 2  # one problem per item
FLOOD_SUMMARY = (
    f"… and {FLOOD_TOTAL - MAX_PER_FILE:,} more problems in this file (fix the problems above and "
    "run check again to see the rest)"
)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["human", "github", "json"])
def test_a_mebibyte_of_empty_items_gives_a_bounded_report(flood: Path, tmp_path: Path, fmt: str) -> None:
    summary = tmp_path / "summary.md"
    result = run_check(flood, "--format", fmt, summary=summary)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"check: {FLOOD_TOTAL:,} problem(s) found"
    assert len(result.stdout.encode()) < 8_000  # 524,268 lines and 78 MB before the cap
    if fmt == "json":
        items = json.loads(result.stdout)
        assert len(items) == MAX_PER_FILE + 1
        assert items[-1] == {
            "location": {"path": FILE, "line": 3 + MAX_PER_FILE, "col": 2},
            "message": FLOOD_SUMMARY.split(" (")[0],
            "hint": FLOOD_SUMMARY.split(" (")[1][:-1],
            "level": "error",
            "code": "more",
            "count": FLOOD_TOTAL - MAX_PER_FILE,
        }
        return
    lines = result.stdout.splitlines()
    assert len(lines) == MAX_PER_FILE + 1
    if fmt == "human":
        assert lines[0] == (
            f"{FILE}:3:2: annotations[0]: expected a mapping (annotation), found text "
            "(write 'key: value' lines)"
        )
        assert lines[-1] == f"{FILE}:{3 + MAX_PER_FILE}:2: {FLOOD_SUMMARY}"
        assert not summary.exists()
    else:
        assert lines[-1].endswith("::" + FLOOD_SUMMARY.replace(",", ",")) and lines[-1].startswith("::error ")
        table = summary.read_text(encoding="utf-8")
        assert len(table.encode()) < 6_000 and len(table.splitlines()) == 6 + MAX_PER_FILE + 1
        assert f"{FLOOD_TOTAL} problem(s) found." in table


def test_the_cap_counts_what_every_stage_left_out() -> None:
    """Lines already counted by a stage (the validator keeps messages up to the cap) add up with the rest."""
    a = [Diagnostic(Location("a.yml", n, 1), f"m{n}") for n in range(30, 0, -1)]
    merged = capped([*a, omitted(Location("a.yml", 40, 2), 1000), Diagnostic(Location("b.yml", 2, 1), "b")])
    assert [str(d) for d in merged[MAX_PER_FILE - 1 :]] == [
        "a.yml:20:1: m20",
        "a.yml:21:1: … and 1,010 more problems in this file (fix the problems above and run check again "
        "to see "
        "the rest)",
        "b.yml:2:1: b",
    ]
    assert capped(merged) == merged  # a second cap changes nothing
    assert PipelineError(merged).total == 1031


# --- case 11: link spoofing ---------------------------------------------------------------------------------

USER_INFO = (
    "has user info before '@': the link would go to the host after it, not the one a reader sees first",
    "remove everything between '://' and '@'",
)
BACKSLASH = ("contains a backslash, which browsers read as '/'", "write '/' or leave it out")
NOT_PLAIN = ("does not have a plain host name", "write the site's name, e.g. https://www.un.org/...")
NOT_URL = ("is not an absolute http(s) URL", "write it as https://...")
MIXED = (
    "mixes Latin and Cyrillic letters in its host name, so it can imitate another site",
    "write the host in one script (a real site of mixed scripts in its 'xn--' form)",
)


@pytest.mark.parametrize(
    "url, problem",
    [
        ("https://www.un.org@evil.example/", USER_INFO),
        ("https://www.un.org:443@evil.example/", USER_INFO),
        ("https://user:pass@un.org/", USER_INFO),
        ("https://evil.example\\@un.org", BACKSLASH),
        ("https://evil.example\\un.org/", BACKSLASH),
        ("https://un.org/a\\b", BACKSLASH),
        ("https://www.un.org%40evil.example/", NOT_PLAIN),
        ("https://www.un.org\uff20evil.example/", NOT_URL),  # full-width @: urlsplit refuses it after NFKC
        ("https://un.org\u2215evil.example/", NOT_PLAIN),  # division slash
        ("https://un.org:99999/", NOT_URL),
        ("https://un.org:0/", NOT_PLAIN),
        ("https://:80/", NOT_PLAIN),
        ("https://[::1]/", NOT_PLAIN),
        ("https://un.org /x", NOT_URL),
        ("https://un.org\u3000/x", NOT_URL),
        ("javascript:alert(1)", NOT_URL),
        ("ftp://un.org/", NOT_URL),
        ("data:text/html,x", NOT_URL),
        ("//un.org/x", NOT_URL),
        ("https:/\\evil.example", NOT_URL),
        ("https://un.org:x/", NOT_URL),
        ("https://un.\u043erg/", MIXED),  # Cyrillic о
        ("https://www.\u0443n.org/", MIXED),  # Cyrillic у
        ("https://www.un.org/en/x?y=1#@z", None),
        ("https://\u043e\u043e.org/", None),  # one script per label
        ("https://\u5317\u4eac.cn/", None),
        ("https://xn--n-0ta.org/", None),
        ("https://\u00fan.org/", None),
        ("http://UN.org:8080/x", None),
    ],
)
def test_url_problems(url: str, problem: tuple[str, str] | None) -> None:
    assert url_problem(url) == problem


@pytest.mark.parametrize(
    "title, url, html",
    [
        (
            "[UN report](https://evil.example/)",
            "https://www.un.org/x",
            '<a href="https://www.un.org/x" rel="nofollow noopener noreferrer">'
            "[UN report](https://evil.example/)</a> "
            '<span class="ab-host">(www.un.org)</span>',
        ),
        (
            "<b>*Bold*</b> &amp;",
            "https://un.org/",
            '<a href="https://un.org/" rel="nofollow noopener noreferrer">'
            "&lt;b&gt;*Bold*&lt;/b&gt; &amp;amp;</a> "
            '<span class="ab-host">(un.org)</span>',
        ),
        (
            "IDN",
            "https://\u00daN.Org:443/x",
            '<a href="https://\u00daN.Org:443/x" rel="nofollow noopener noreferrer">'
            'IDN</a> <span class="ab-host">(\u00fan.org)</span>',
        ),
        (
            "Punycode",
            "https://xn--n-0ta.org/",
            '<a href="https://xn--n-0ta.org/" rel="nofollow noopener noreferrer">'
            'Punycode</a> <span class="ab-host">(xn--n-0ta.org)</span>',
        ),
    ],
)
def test_a_source_is_a_plain_title_and_its_host(title: str, url: str, html: str) -> None:
    assert source_link(title, url) == html


SPOOF_SOURCE = ANNOTATION.format(id="a") + "    sources:\n      - title: '{title}'\n        url: '{url}'\n"


def test_a_markdown_link_in_a_source_title_is_text_on_the_page(tmp_path: Path) -> None:
    root = write_project(
        tmp_path, SPOOF_SOURCE.format(title="[UN](https://evil.example/)", url="https://www.un.org/")
    )
    site = load_site(Project(root))
    doc = lxml.html.fragment_fromstring(
        briefing_page.render(site, site.briefing(SLUG), RenderOptions()).markdown, create_parent="div"
    )
    (item,) = doc.find_class("ab-sources")[0].iter("li")
    assert [(a.get("href"), a.text_content()) for a in item.iter("a")] == [
        ("https://www.un.org/", "[UN](https://evil.example/)")
    ]
    assert item.text_content() == "[UN](https://evil.example/) (www.un.org)"


def test_a_url_with_user_info_is_a_located_error(tmp_path: Path) -> None:
    root = write_project(tmp_path, SPOOF_SOURCE.format(title="UN", url="https://www.un.org@evil.example/"))
    assert problems_of(root) == [
        f"{FILE}:9:14: annotations[0].sources[0].url: 'https://www.un.org@evil.example/' {USER_INFO[0]} "
        f"({USER_INFO[1]})"
    ]


# --- case 12: look-alike and invisible names ----------------------------------------------------------------


def lookalike(name: str, differs: str) -> str:
    return (
        f"annotations/speakers.yml:5:5: speakers: speaker '{shown(name)}' (fake) looks like 'Mike Pompeo' "
        f"(mike-pompeo) (first defined at annotations/speakers.yml:2:5; it differs by {differs}, "
        "which readers "
        "cannot tell apart: use the id 'mike-pompeo' for the same one, or a name that differs in letters)"
    )


@pytest.mark.parametrize(
    "name, expected",
    [
        (
            "Mike Pompeo",
            "annotations/speakers.yml:5:5: speakers: speaker 'Mike Pompeo' (fake) has the same name as "
            "'mike-pompeo' (first defined at annotations/speakers.yml:2:5; use the id 'mike-pompeo' "
            "for the same one, or "
            "tell the two apart in the name)",
        ),
        (
            "M\u0456ke Pompeo",
            lookalike("M\u0456ke Pompeo", "U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I"),
        ),
        ("\u041cike Pompe\u043e", lookalike("\u041cike Pompe\u043e", "U+041C CYRILLIC CAPITAL LETTER EM")),
        ("Mike\u3164Pompeo", lookalike("Mike\u3164Pompeo", "U+3164 HANGUL FILLER")),
        ("Mike\u2800Pompeo", lookalike("Mike\u2800Pompeo", "U+2800 BRAILLE PATTERN BLANK")),
        ("Mike\u00a0Pompeo", lookalike("Mike\u00a0Pompeo", "U+00A0 NO-BREAK SPACE")),
        ("Mike\u2003Pompeo", lookalike("Mike\u2003Pompeo", "U+2003 EM SPACE")),
        ("Mike  Pompeo", lookalike("Mike  Pompeo", "U+0020 SPACE")),
        ("Mi\u0307ke Pompeo", lookalike("Mi\u0307ke Pompeo", "U+0307 COMBINING DOT ABOVE")),
        ("Mike Pompeo\u0331\u0331", lookalike("Mike Pompeo\u0331\u0331", "U+0331 COMBINING MACRON BELOW")),
        (
            "Mike\ufe0f Pompeo\U000e0100",
            lookalike("Mike\ufe0f Pompeo\U000e0100", "U+FE0F VARIATION SELECTOR-16"),
        ),
        (
            "Mike\u034fPompeo\u034f",
            "annotations/speakers.yml:5:5: speakers: speaker 'Mike\\u034fPompeo\\u034f' (fake) "
            "looks like 'MikePompeo' (mike-pompeo-2) (first defined at annotations/speakers.yml:8:5; "
            "it differs by U+034F COMBINING GRAPHEME JOINER, which readers cannot tell apart: use the id "
            "'mike-pompeo-2' for the same one, or "
            "a name that differs in letters)",
        ),
        ("\uff2dike Pompeo", lookalike("\uff2dike Pompeo", "U+FF2D FULLWIDTH LATIN CAPITAL LETTER M")),
        ("\U0001d40cike Pompeo", lookalike("\U0001d40cike Pompeo", "U+1D40C MATHEMATICAL BOLD CAPITAL M")),
        ("Mike Pornpeo", lookalike("Mike Pornpeo", "U+0072 LATIN SMALL LETTER R")),
        ("Mi\u200dke Pompeo", lookalike("Mi\u200dke Pompeo", "U+200D ZERO WIDTH JOINER")),
        ("Mike Pom\u200cpeo", lookalike("Mike Pom\u200cpeo", "U+200C ZERO WIDTH NON-JOINER")),
        ("Mike Pence", None),
        ("Mike Pompeo Jr", None),
    ],
    ids=[
        "duplicate",
        "cyrillic-i",
        "cyrillic-em-o",
        "hangul-filler",
        "braille-blank",
        "nbsp",
        "em-space",
        "double-space",
        "combining-dot",
        "combining-marks",
        "variation-selectors",
        "grapheme-joiner",
        "fullwidth",
        "math-bold",
        "rn-for-m",
        "zero-width-joiner",  # allowed between two letters (charclass.joins), so the key must drop it
        "zero-width-non-joiner",
        "different",
        "longer",
    ],
)
def test_lookalike_speakers(tmp_path: Path, name: str, expected: str | None) -> None:
    speakers = [("mike-pompeo", "Mike Pompeo"), ("fake", name), ("mike-pompeo-2", "MikePompeo")]
    if name.replace("\u034f", "") == "MikePompeo":
        speakers = [("mike-pompeo", "Mike Pompeo"), ("mike-pompeo-2", "MikePompeo"), ("fake", name)]
        expected = expected.replace("speakers.yml:5:5", "speakers.yml:8:5").replace(
            "speakers.yml:8:5;", "speakers.yml:5:5;"
        )
    root = write_project(tmp_path, speakers=speakers)
    if expected is None:
        load_site(Project(root))
    else:
        assert problems_of(root) == [expected]


def test_eleven_speakers_named_like_one_are_eleven_errors(tmp_path: Path) -> None:
    """The issue's input: eleven extra speakers whose names render as 'Mike Pompeo'."""
    names = [
        "Mike Pompeo",
        "M\u0456ke Pompeo",
        "Mike\u3164Pompeo",
        "Mike\u2800Pompeo",
        "Mi\u0307ke Pompeo",
        "Mike\ufe0f Pompeo",
        "Mike\u00a0Pompeo",
        "Mike\u2003Pompeo",
        "Mike Pomp\u0435o",
        "\uff2dike Pompeo",
        "Mike Pompeo\u0300",
    ]
    root = write_project(
        tmp_path,
        speakers=[("mike-pompeo", "Mike Pompeo")] + [(f"fake-{n}", name) for n, name in enumerate(names)],
    )
    problems = problems_of(root)
    assert len(problems) == 11
    assert all("(mike-pompeo)" in p or "as 'mike-pompeo'" in p for p in problems)


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", "\u3164"),
        ("name", "\u2800\u2800"),
        ("role", "\ufe0f"),
        ("name", "\u0301\u0301"),
        ("role", "\u115f"),
        ("role", "\U000e0100"),
        ("name", "\u034f"),
        ("role", "- . -"),
    ],
)
def test_required_text_needs_visible_letters(tmp_path: Path, field: str, value: str) -> None:
    root = write_project(tmp_path)
    fields = {"name": "Mike Pompeo", "role": "Minister", field: value}
    (root / "annotations" / "speakers.yml").write_text(
        f"speakers:\n  - id: mike-pompeo\n    name: {quoted(fields['name'])}\n"
        f"    role: {quoted(fields['role'])}\n",
        encoding="utf-8",
    )
    assert [p for p in problems_of(root) if p.startswith("annotations/speakers.yml")] == [
        f"annotations/speakers.yml:{3 if field == 'name' else 4}:11: speakers[0].{field}: "
        f"'{shown(value)}' has no "
        "visible letters (write it in words: blank and invisible characters alone show nothing)"
    ]


@pytest.mark.parametrize("claim", ["\u3164", "\u2800", "\u0301", "\ufe0f\ufe0f"])
def test_a_claim_of_invisible_characters_is_refused(tmp_path: Path, claim: str) -> None:
    root = write_project(
        tmp_path, ANNOTATION.format(id="a").replace("Pompeo says the talks went well.", quoted(claim))
    )
    assert problems_of(root) == [
        f"{FILE}:6:12: annotations[0].claim: '{shown(claim)}' has no visible letters "
        "(write it in words: blank and invisible characters alone show nothing)"
    ]


def test_a_lookalike_contributor_is_an_error_naming_the_original(tmp_path: Path) -> None:
    """The issue's input: a contributor 'seed‐editor' (U+2010) beside 'seed-editor'."""
    annotations = (
        ANNOTATION.format(id="a")
        + "    contributor: seed-editor\n"
        + ANNOTATION.format(id="b")
        + "    contributor: seed\u2010editor\n"
        + ANNOTATION.format(id="c")
        + "    contributor: seed\u2010editor\n"
        + ANNOTATION.format(id="d")
        + "    contributor: seed-editor\n"
    )
    root = write_project(
        tmp_path,
        annotations.replace('quote: "the talks went well"', 'quote: "talks"'),
        body=BODY.replace("the talks went well", "talks talks talks talks"),
    )
    problems = [p for p in problems_of(root) if "contributor" in p]
    assert problems == [
        f"{FILE}:12:18: annotations[1].contributor: 'seed\u2010editor' looks like the contributor "
        "'seed-editor' "
        f"(first used at {FILE}:7:18; it differs by U+2010 HYPHEN: write the handle exactly as on GitHub)"
    ]


@pytest.mark.parametrize(
    "a, b, same",
    [
        (
            "Jos\u00e9 Mart\u00ed",
            "Jose Marti",
            True,
        ),  # Latin: diacritics dropped, as browsers compare host names
        (
            "\u0915\u0941\u092e\u093e\u0930",
            "\u0915\u092e\u093e\u0930",
            False,
        ),  # Devanagari keeps its vowel signs
        (
            "\u0391\u03bb\u03ad\u03be\u03b7\u03c2",
            "\u0391\u03bb\u03b5\u03be\u03b7\u03c2",
            False,
        ),  # so does Greek
        ("Anna Berg 1", "Anna Berg l", True),  # TR 39: digit one and small L
        ("Anna Berg 10", "Anna Berg 11", False),
        ("seed-editor", "seed\u2010editor", True),
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645", True),
        ("\u0915\u094d\u200d\u0937", "\u0915\u094d\u0937", True),  # ZWJ
        ("Mike Pompeo", "mike pompeo", False),
    ],
)
def test_lookalike_key(a: str, b: str, same: bool) -> None:
    assert (lookalike_key(a) == lookalike_key(b)) is same


@pytest.mark.parametrize(
    "text, letters",
    [
        ("x", True),
        ("42", True),
        ("\u3164", False),
        ("\u2800", False),
        ("\u0301", False),
        ("\ufe0f", False),
        ("\u00a0", False),
        ("\u115f\u1160\uffa0", False),
        ("- . …", False),
        ("\u5317", True),
        ("\U0001d40c", True),
    ],
)
def test_has_letters(text: str, letters: bool) -> None:
    assert has_letters(text) is letters


# --- case 17a: a file name in the step summary --------------------------------------------------------------


def summary_rows(markdown: str) -> list[list[lxml.html.HtmlElement]]:
    """The step summary as GitHub renders it (cmark-gfm), as table rows of cells."""
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    doc = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not doc.xpath("//a | //img | //script | //*[@onerror]"), html
    return [row.findall("td") for row in doc.iter("tr") if row.findall("td")]


@pytest.mark.parametrize(
    "path",
    [
        "annotations/x`</code><img src=x onerror=alert(1)>`.yml",
        "annotations/a``` | [click](https://evil.example) ```.yml",
        "annotations/x\\`|y\n<script>alert(1)</script>.yml",
        "annotations/![t](https://evil.example/t.png) www.evil.example.yml",
    ],
)
def test_step_summary_keeps_a_file_name_in_its_cell(path: str) -> None:
    d = Diagnostic(
        Location(path, 2, 3),
        "unknown field '`x`' | **y** <b>z</b> https://evil.example",
        "see [docs](https://evil.example)",
    )
    (row,) = summary_rows(format_step_summary([d]))
    assert [cell.text_content() for cell in row] == [
        f"{shown(path)}:2:3",
        "unknown field '`x`' | **y** <b>z</b> https://evil.example",
        "see [docs](https://evil.example)",
    ]
    assert [el.tag for el in row[0]] == ["code"]


def test_step_summary_of_a_real_file_with_backticks(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    name = "x``` [click](javascript:alert(1)) `.yml"
    (root / "annotations" / name).write_text("article: x\nannotations: []\nbogus: 1\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run_check(root, "--format", "github", summary=summary)
    assert result.returncode == 1
    rows = summary_rows(summary.read_text(encoding="utf-8"))
    assert rows and all(len(row) == 3 for row in rows)
    assert any(row[0].text_content().startswith(f"annotations/{name}:") for row in rows)


# --- case 17b: hidden characters echoed in messages ---------------------------------------------------------

HIDDEN = "\u202e\u2066\u200b\x1b[31m\x07\x00\u3164\u2800\ufeff"


@pytest.mark.parametrize("fmt", ["human", "github", "json"])
def test_a_key_with_a_bidi_override_is_shown_escaped(tmp_path: Path, fmt: str) -> None:
    """The issue's input: a key containing U+202E, echoed by `check` (in every output format)."""
    root = write_project(tmp_path, ANNOTATION.format(id="a") + "    evil\u202egnp.exe: x\n")
    result = run_check(root, "--format", fmt)
    assert result.returncode == 1
    assert "\u202e" not in result.stdout
    assert "evil\\u202egnp.exe" in (
        json.loads(result.stdout)[0]["message"] if fmt == "json" else result.stdout
    )


@pytest.mark.parametrize("formatter", [format_human, format_github, format_json, format_step_summary])
def test_every_format_escapes_hidden_characters(formatter) -> None:
    d = Diagnostic(Location(f"annotations/{HIDDEN}.yml", 1, 2), f"'{HIDDEN}' is odd", f"hint {HIDDEN}")
    out = formatter([d])
    assert not re.search(r"[\u202e\u2066\u200b\x1b\x07\x00\u3164\u2800\ufeff]", out), repr(out)
    assert "\\u202e" in out and "\\u001b" in out and "\\u3164" in out


def test_shown() -> None:
    assert shown(f"a{HIDDEN}\n\tb \u00a0c\U000e0041") == (
        "a\\u202e\\u2066\\u200b\\u001b[31m\\u0007\\u0000\\u3164\\u2800\\ufeff"
        "\\u000a\\u0009b \\u00a0c\\U000e0041"
    )
    assert shown("Caf\u00e9 \u5317 Mi\u0307ke \U0001d40c") == "Caf\u00e9 \u5317 Mi\u0307ke \U0001d40c"
