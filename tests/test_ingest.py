"""Tests for the plain-text ``ingest`` command (build_scripts/ingest.py)."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts import ingest
from build_scripts.articles import read_article
from build_scripts.diagnostics import PipelineError
from build_scripts.visible import shown

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
# A copy of the seed briefing's raw scrape and the article ingest made of it (the repository's own files may be
# edited by contributors; these stay as they are).
SEED_RAW = FIXTURES / "seed" / "korea-herald-scrape.txt"
SEED_MD = FIXTURES / "seed" / "2018-07-08-pompeo-sanctions.md"
SEED_ARGS = ["--slug", "2018-07-08-pompeo-sanctions", "--published", "2018-07-08",
             "--publisher", "The Korea Herald"]


def call(argv: list[str]) -> int:
    """Run ``ingest`` through argparse exactly as cli.py wires it (register + func)."""
    parser = argparse.ArgumentParser(prog="build_scripts")
    ingest.register(parser.add_subparsers())
    args = parser.parse_args(["ingest", *argv])
    return args.func(args)


def words(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- the seed

def test_seed_parse() -> None:
    scrape = ingest.read_plain_text(SEED_RAW.read_bytes())
    assert scrape.title == "Sanctions remain in place until NK achieves ‘final denuclearization’: Pompeo"
    assert scrape.subtitle == ("US State Secretary push back against North Korea’s “gangster-like” "
                               "rebuke of complete denuclearization")
    assert scrape.author == "Yeo Jun-suk"
    assert scrape.published is None and scrape.url is None
    assert len(scrape.paragraphs) == 17
    assert scrape.paragraphs[0].startswith("Economic sanctions on North Korea will remain in place")
    assert scrape.paragraphs[0].endswith("rebuke of the demand as “gangster-like” was unfounded.")
    assert scrape.paragraphs[-1] == (
        "“North Korea’s response falls short of expectation from the international community… "
        "if they continue to refuse to talk about a detailed roadmap for denuclearization, doubts "
        "will grow more on their denuclearization pledge,” said Chung Seong-jang, a senior "
        "researcher at the Sejong Institute.")
    caption = "US Secretary of State Mike Pompeo. Yonhap"
    assert scrape.dropped == (ingest.Dropped(1, "Back To Top", "site furniture"),
                              ingest.Dropped(17, caption, "photo caption (it occurs 2 times)"),
                              ingest.Dropped(18, caption, "photo caption (it occurs 2 times)"),
                              ingest.Dropped(43, "By Yeo Jun-suk (", "byline"))


def test_seed_text_is_unchanged() -> None:
    raw = SEED_RAW.read_text(encoding="utf-8")
    paragraphs = ingest.read_plain_text(SEED_RAW.read_bytes()).paragraphs
    for paragraph in paragraphs:  # every paragraph is one raw line, minus trailing (NBSP) spaces
        assert paragraph in raw
    body = "\n".join(paragraphs)
    assert "compete, verifiable and irreversible" in body  # original typo kept
    assert "“utterly regretful.”" in body and "needs to be “verifiable and complete,”" in body
    for junk in ("Back To Top", "Yonhap", "By Yeo Jun-suk", "\u00a0"):
        assert junk not in body


def test_committed_seed_article_matches_fresh_ingest(tmp_path: Path) -> None:
    assert call([str(SEED_RAW), *SEED_ARGS, "--out-dir", str(tmp_path)]) == 0
    assert (tmp_path / SEED_MD.name).read_bytes() == SEED_MD.read_bytes()


def test_seed_front_matter_format() -> None:
    head, body = SEED_MD.read_text(encoding="utf-8").split("\n---\n\n", 1)
    assert head.split("\n") == [
        "---",
        'title: "Sanctions remain in place until NK achieves ‘final denuclearization’: Pompeo"',
        'subtitle: "US State Secretary push back against North Korea’s “gangster-like” rebuke of '
        'complete denuclearization"',
        'publisher: "The Korea Herald"',
        'author: "Yeo Jun-suk"',
        'published: "2018-07-08"',
        'language: "en"',
    ]
    assert body.endswith(".\n") and not body.endswith("\n\n")
    assert all(p and p == p.strip() and "\n" not in p for p in body[:-1].split("\n\n"))
    assert len(body[:-1].split("\n\n")) == 17


# ---------------------------------------------------------------- other scrapes

FIXTURE_CASES = [
    ("byline-top-ap.txt", "Protesters fill Seoul streets for third weekend",
     "Organisers say turnout topped last year’s rallies", "Kim Min-ji and Lee Ji-hye",
     "2021-03-04", None, 3,
     "Tens of thousands of people marched through central Seoul on Saturday, the third weekend "
     "of protests against the new housing rules, organisers said.",
     "Police estimated the crowd at 18,000, roughly half the organisers’ figure.",
     ["World", "(AP)", "Advertisement", "Share", "Published", "minji@example.com"]),
    ("reuters-no-deck.txt", "EU agrees price cap on Russian seaborne oil", None, "Maria Lopez",
     None, None, 3,
     "The European Union agreed on Friday to cap the price of Russian seaborne oil, diplomats "
     "said, after weeks of talks between member states.",
     "Hungary, which had resisted the plan, won an exemption for pipeline deliveries.",
     ["Photo: Reuters", "By Maria Lopez", "Share this article", "©"]),
    ("crlf-bom.txt", "North Korea fires two short-range missiles, Seoul says",
     "Launch comes days after leader inspected strike drill", "Choi Soo-hyang", None,
     "https://www.example.com/news/2019/05/10/launch", 2,
     "North Korea fired two short-range missiles on Thursday, South Korea’s Joint Chiefs of "
     "Staff said, the second launch in five days.",
     "The missiles flew about 420 and 270 kilometers before falling into the East Sea, officials said.",
     ["Back to top", "Rodong Sinmun", "Photo: Yonhap", "By Choi", "\r", "\ufeff", "\u00a0"]),
    ("no-title-no-byline.txt", None, None, None, None, None, 2,
     "The city council voted 7-2 on Tuesday to extend the night bus pilot for another year.",
     "Council member Ana Ruiz, who proposed the extension, said ridership had “beaten every forecast.”",
     ["Back To Top"]),
]


@pytest.mark.parametrize(
    "name, title, subtitle, author, published, url, count, first, last, junk", FIXTURE_CASES,
    ids=[case[0] for case in FIXTURE_CASES])
def test_fixture_parse(name: str, title: str | None, subtitle: str | None, author: str | None,
                       published: str | None, url: str | None, count: int, first: str, last: str,
                       junk: list[str]) -> None:
    raw = (FIXTURES / name).read_bytes()
    scrape = ingest.read_plain_text(raw)
    assert (scrape.title, scrape.subtitle, scrape.author) == (title, subtitle, author)
    assert (scrape.published, scrape.url) == (published, url)
    assert len(scrape.paragraphs) == count
    assert (scrape.paragraphs[0], scrape.paragraphs[-1]) == (first, last)
    body = "\n".join(scrape.paragraphs)
    for text in junk:
        assert text not in body
    flat = words(raw.decode("utf-8-sig"))
    for paragraph in scrape.paragraphs:  # wording unchanged; only line breaks became spaces
        assert words(paragraph) in flat


def test_crlf_bom_fixture_really_has_crlf_and_bom() -> None:
    raw = (FIXTURES / "crlf-bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n") > 5


def test_fixture_ingest_writes_article(tmp_path: Path) -> None:
    argv = [str(FIXTURES / "crlf-bom.txt"), "--slug", "missiles", "--out-dir", str(tmp_path),
            "--published", "2019-05-09", "--publisher", "Example News", "--author", "Staff"]
    assert call(argv) == 0
    assert (tmp_path / "missiles.md").read_bytes().decode("utf-8") == (
        "---\n"
        'title: "North Korea fires two short-range missiles, Seoul says"\n'
        'subtitle: "Launch comes days after leader inspected strike drill"\n'
        'publisher: "Example News"\n'
        'author: "Staff"\n'
        'published: "2019-05-09"\n'
        'language: "en"\n'
        'url: "https://www.example.com/news/2019/05/10/launch"\n'
        "---\n\n"
        "North Korea fired two short-range missiles on Thursday, South Korea’s Joint Chiefs of "
        "Staff said, the second launch in five days.\n\n"
        "The missiles flew about 420 and 270 kilometers before falling into the East Sea, "
        "officials said.\n")


# ---------------------------------------------------------------- shapes

@pytest.mark.parametrize("line, author", [
    ("By Yeo Jun-suk (", "Yeo Jun-suk"),
    ("By Yeo Jun-suk", "Yeo Jun-suk"),
    ("By Yeo Jun-suk (jasonyeo@heraldcorp.com)", "Yeo Jun-suk"),
    ("BY KIM MIN-JI", "KIM MIN-JI"),
    ("By Kim Min-ji and Lee Ji-hye", "Kim Min-ji and Lee Ji-hye"),
    ("By Sunday, the talks had ended.", None),
    ("By the end of the year, sanctions will stay.", None),
    ("By Kim Jong-un’s own account, the talks went well.", None),
    ("Byron Kim said so.", None),
])
def test_parse_byline(line: str, author: str | None) -> None:
    assert ingest.parse_byline(line) == author


@pytest.mark.parametrize("line, repeats, caption", [
    ("US Secretary of State Mike Pompeo. Yonhap", 1, True),
    ("Protesters march in Seoul on Saturday. (AP)", 1, True),
    ("Officials meet in Brussels. Photo: Reuters", 1, True),
    ("A TV screen shows the launch (Photo: Yonhap)", 1, True),
    ("Moon Jae-in speaks in Seoul. (AP Photo/Ahn Young-joon)", 1, True),
    ("President Macron arrives in Berlin - AFP", 1, True),
    ("Kim Jong-un watches a strike drill. Rodong Sinmun", 2, True),
    ("Kim Jong-un watches a strike drill. Rodong Sinmun", 1, False),
    ("The minister said so in an interview with Reuters.", 1, False),
    ("Sanctions remain in place until NK achieves ‘final denuclearization’: Pompeo", 2, False),
    ("Pompeo downplayed the criticism. He said talks went well.", 2, False),
])
def test_is_caption(line: str, repeats: int, caption: bool) -> None:
    assert ingest.is_caption(line, repeats) is caption


@pytest.mark.parametrize("line, chrome", [
    ("Back To Top", True), ("↑ Back to top", True), ("Share this article", True),
    ("Advertisement", True), ("© 2022 Example News. All rights reserved.", True),
    ("Home > World > Asia", True), ("(jasonyeo@heraldcorp.com)", True), ("***", True),
    ("Top officials met on Sunday.", False), ("Share prices fell 3 percent.", False),
    ("Copyright lawyers said the case was weak.", False), ("Copyright 2018 Herald Corp", True),
])
def test_is_chrome(line: str, chrome: bool) -> None:
    assert ingest.is_chrome(line) is chrome


@pytest.mark.parametrize("text, expected", [
    ("Line one\r\nLine two\r\n", "Line one\nLine two\n"),
    ("\ufeffBOM first\rold Mac", "BOM first\nold Mac"),
])
def test_decode_text(text: str, expected: str) -> None:
    assert ingest.decode_text(text.encode("utf-8")) == expected


@pytest.mark.parametrize("data, message", [
    (b"abc\xffdef", "not valid UTF-8: byte 0xFF at offset 3"),
    (b"\xef\xbb\xbfab\xc3", "not valid UTF-8: byte 0xC3 at offset 5"),
])
def test_decode_text_rejects_invalid_utf8(data: bytes, message: str) -> None:
    with pytest.raises(ingest.IngestError) as info:
        ingest.decode_text(data)
    assert str(info.value) == message


def test_hard_wrapped_lines_are_joined_but_titles_are_not() -> None:
    scrape = ingest.parse_scrape("Title here now\n\nFirst line of a\nwrapped paragraph.\nNext one.\n")
    assert scrape.title == "Title here now" and scrape.subtitle is None
    assert scrape.paragraphs == ("First line of a wrapped paragraph.", "Next one.")


# ---------------------------------------------------------------- format_article

def test_format_article_key_order_and_quoting() -> None:
    meta = {"url": "https://example.com/a", "language": "ko", "published": "2020-01-02",
            "author": "Ann \"A\" Lee", "publisher": "P\\Q", "title": "T: ‘x’", "subtitle": None}
    assert ingest.format_article(meta, ["One.", "Two\nlines."]) == (
        '---\ntitle: "T: ‘x’"\npublisher: "P\\\\Q"\nauthor: "Ann \\"A\\" Lee"\n'
        'published: "2020-01-02"\nlanguage: "ko"\nurl: "https://example.com/a"\n---\n\n'
        "One.\n\nTwo lines.\n")


@pytest.mark.parametrize("meta, paragraphs, message", [
    ({"title": "T"}, ["x"], "bad article metadata: unknown [], missing "
                            "['publisher', 'author', 'published', 'language']"),
    ({"title": "T", "publisher": "P", "author": "A", "published": "2020-01-02", "language": "en",
      "tags": "x"}, ["x"], "bad article metadata: unknown ['tags'], missing []"),
    ({"title": "T", "publisher": "P", "author": "A", "published": "2020-01-02", "language": "en"},
     [], "an article needs non-empty paragraphs"),
])
def test_format_article_rejects(meta: dict, paragraphs: list[str], message: str) -> None:
    with pytest.raises(ValueError) as info:
        ingest.format_article(meta, paragraphs)
    assert str(info.value) == message


# ---------------------------------------------------------------- command errors

REUTERS = str(FIXTURES / "reuters-no-deck.txt")
OK = ["--published", "2022-12-02", "--publisher", "Example News"]


@pytest.mark.parametrize("argv, message", [
    ([REUTERS, "--slug", "eu-oil", "--publisher", "Example News"],
     "ingest: the scrape has no publication date; pass --published YYYY-MM-DD\n"),
    ([REUTERS, "--slug", "eu-oil", "--published", "2022-12-02"],
     "ingest: the scrape names no publisher; pass --publisher NAME\n"),
    ([str(FIXTURES / "no-title-no-byline.txt"), "--slug", "buses", *OK],
     "ingest: the scrape has no recognisable title; pass --title TEXT\n"
     "ingest: the scrape has no byline; pass --author NAME\n"),
    ([REUTERS, "--slug", "../etc", *OK],
     "ingest: invalid slug '../etc': use lowercase letters, digits and single hyphens, "
     "at most 80 characters\n"),
    ([REUTERS, "--slug", "EU-oil", *OK],
     "ingest: invalid slug 'EU-oil': use lowercase letters, digits and single hyphens, "
     "at most 80 characters\n"),
    ([REUTERS, "--slug", "eu--oil", *OK],
     "ingest: invalid slug 'eu--oil': use lowercase letters, digits and single hyphens, "
     "at most 80 characters\n"),
    ([REUTERS, "--slug", "a" * 81, *OK],
     f"ingest: invalid slug '{'a' * 81}': use lowercase letters, digits and single hyphens, "
     "at most 80 characters\n"),
    ([REUTERS, "--slug", "eu-oil", "--published", "2022-02-30", "--publisher", "X"],
     "ingest: --published '2022-02-30' is not a real date in YYYY-MM-DD form\n"),
    ([REUTERS, "--slug", "eu-oil", "--published", "2/12/2022", "--publisher", "X"],
     "ingest: --published '2/12/2022' is not a real date in YYYY-MM-DD form\n"),
    ([REUTERS, "--slug", "eu-oil", *OK, "--url", "www.example.com/a"],
     "ingest: --url 'www.example.com/a' is not an absolute http(s) URL\n"),
    ([REUTERS, "--slug", "eu-oil", *OK, "--url", "ftp://example.com/a"],
     "ingest: --url 'ftp://example.com/a' is not an absolute http(s) URL\n"),
    ([REUTERS, "--slug", "eu-oil", *OK, "--url", "http://[::1/a"],
     "ingest: --url 'http://[::1/a' is not an absolute http(s) URL\n"),
    ([REUTERS, "--slug", "eu-oil", *OK, "--url", "https:///a b"],
     "ingest: --url 'https:///a b' is not an absolute http(s) URL\n"),
    ([REUTERS, "--slug", "eu-oil", *OK, "--language", "English"],
     "ingest: --language 'English' is not a language tag such as 'en'\n"),
])
def test_command_refuses(argv: list[str], message: str, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    assert call([*argv, "--out-dir", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", message)
    assert list(tmp_path.iterdir()) == []


def test_missing_values_can_come_from_options(tmp_path: Path) -> None:
    argv = [str(FIXTURES / "no-title-no-byline.txt"), "--slug", "buses", *OK, "--out-dir",
            str(tmp_path), "--title", "Night buses stay", "--author", "Desk", "--language", "en-GB"]
    assert call(argv) == 0
    text = (tmp_path / "buses.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Night buses stay"\npublisher: "Example News"\n'
                           'author: "Desk"\npublished: "2022-12-02"\nlanguage: "en-GB"\n---\n\n'
                           "The city council voted 7-2")


def test_existing_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "eu-oil.md"
    target.write_text("keep me\n", encoding="utf-8")
    argv = [REUTERS, "--slug", "eu-oil", *OK, "--out-dir", str(tmp_path)]
    assert call(argv) == 2
    assert capsys.readouterr().err == f"ingest: {target} already exists; pass --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert call([*argv, "--force", "--author", "Desk"]) == 0
    assert capsys.readouterr().out == f"ingest: wrote {target}\n"
    assert 'author: "Desk"' in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eu-oil.md"]  # no temp file left


@pytest.mark.parametrize("name, data, message", [
    ("bad.txt", b"Title line here\n\nBody \xe2\x80 text.\n",
     "ingest: {raw}: not valid UTF-8: byte 0xE2 at offset 22\n"),
    ("page.pdf", b"%PDF-1.4", "ingest: no reader for page.pdf; supported suffixes: .htm, .html, .text, .txt\n"),
])
def test_unreadable_input(name: str, data: bytes, message: str, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / name
    raw.write_bytes(data)
    assert call([str(raw), "--slug", "x", *OK, "--out-dir", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == message.format(raw=raw)


def test_missing_raw_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "nope.txt"
    assert call([str(raw), "--slug", "x", *OK, "--out-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"ingest: cannot read {raw}: No such file or directory\n"


def test_python_m_build_scripts_reproduces_seed(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "ingest", str(SEED_RAW), *SEED_ARGS,
         "--out-dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (0, f"ingest: wrote {tmp_path / SEED_MD.name}\n")
    assert result.stderr == "".join(f"ingest: {SEED_RAW}:{line}\n" for line in DROPPED["seed"]) + SEED_SUMMARY
    assert (tmp_path / SEED_MD.name).read_bytes() == SEED_MD.read_bytes()


# ---------------------------------------------------------------- what ingest left out, listed

CAPTION_TWICE = "removed photo caption (it occurs 2 times)"
DROPPED = {  # each line left out, as 'line: removed <why>: <text>' after the scrape's path
    "seed": ["1: removed site furniture: Back To Top",
             f"17: {CAPTION_TWICE}: US Secretary of State Mike Pompeo. Yonhap",
             f"18: {CAPTION_TWICE}: US Secretary of State Mike Pompeo. Yonhap",
             "43: removed byline: By Yeo Jun-suk ("],
    "byline-top-ap.txt": [
        "1: removed section label before the title: World",
        "7: removed byline: By Kim Min-ji and Lee Ji-hye (minji@example.com)",
        "8: removed dateline: Published : Mar 4, 2021 - 10:15 Updated : Mar 4, 2021 - 18:09",
        "14: removed photo caption: Protesters march near Gwanghwamun Square in Seoul on Saturday. (AP)",
        "19: removed site furniture: Advertisement",
        "23: removed site furniture: Share"],
    "crlf-bom.txt": [  # the BOM and CRLF line ends do not shift the line numbers
        "1: removed link: https://www.example.com/news/2019/05/10/launch",
        "2: removed site furniture: Back to top",
        f"7: {CAPTION_TWICE}: Kim Jong-un watches a strike drill. Rodong Sinmun",
        f"8: {CAPTION_TWICE}: Kim Jong-un watches a strike drill. Rodong Sinmun",
        "11: removed photo caption: A TV screen at Seoul Station shows the launch (Photo: Yonhap)",
        "15: removed byline: By Choi Soo-hyang ("],
    "no-date-no-publisher.txt": [
        "1: removed site furniture: News > Region",
        "7: removed byline: By Lena Marsh",
        "9: removed site furniture: Share this article",
        "15: removed photo caption: Passengers wait for the morning ferry at Lakeside pier. "
        "Photo: Lena Marsh",
        "19: removed site furniture: Advertisement",
        "25: removed site furniture: © 2023 Lakeside Examiner Online. All rights reserved."],
    "no-title-no-byline.txt": ["1: removed site furniture: Back To Top"],
    "invisible-characters.txt": [  # a line left out keeps its invisible characters, shown
        "3: removed byline: By Lena Marsh",
        "4: removed site furniture: Share\\u200b"],
    "reuters-no-deck.txt": [
        "3: removed photo caption: Officials meet in Brussels on Friday. Photo: Reuters",
        "6: removed byline: By Maria Lopez",
        "7: removed site furniture: Share this article",
        "8: removed site furniture: © 2022 Example News. All rights reserved."],
}
SUMMARY = ("ingest: {} line(s) of the scrape left out of the article, listed above: check that none is "
           "article text\n")
SEED_SUMMARY = SUMMARY.format(len(DROPPED["seed"]))
INVISIBLE_SUMMARY = {  # the line after, for a scrape whose article text held invisible characters
    "invisible-characters.txt": "ingest: removed 8 invisible characters (U+00AD SOFT HYPHEN ×4, U+200B ZERO "
                                "WIDTH SPACE ×2, U+2060 WORD JOINER ×1, U+FEFF ZERO WIDTH NO-BREAK SPACE ×1)\n"}


def test_every_fixture_scrape_has_its_dropped_lines_listed() -> None:
    assert sorted(DROPPED) == sorted(["seed", *(p.name for p in FIXTURES.glob("*.txt"))])


@pytest.mark.parametrize("name", sorted(DROPPED))
def test_ingest_lists_each_line_it_left_out(name: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Each line is named by its number in the raw scrape, so it can be checked against it."""
    raw = SEED_RAW if name == "seed" else FIXTURES / name
    argv = [str(raw), "--slug", "x", *OK, "--author", "A", "--title", "T", "--out-dir", str(tmp_path)]
    assert call(argv) == 0
    out, err = capsys.readouterr()
    assert out == f"ingest: wrote {tmp_path / 'x.md'}\n"
    listed = "".join(f"ingest: {raw}:{line}\n" for line in DROPPED[name])
    assert err == listed + SUMMARY.format(len(DROPPED[name])) + INVISIBLE_SUMMARY.get(name, "")
    lines = raw.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    for entry in DROPPED[name]:  # the line named holds the text shown
        number, text = entry.split(": ", 1)[0], entry.split(": ", 2)[2]
        assert shown(lines[int(number) - 1].strip()) == text


@pytest.mark.parametrize("text, expected", [
    ("Title of the piece\n\nBody text here, a sentence.\nBody text here, a sentence.\n",
     ["ingest: raw.txt:4: removed the line before, repeated: Body text here, a sentence."]),
    ("Title of the piece\n\nA real sentence here.\n\nShare\u200b\u202e\n\n" + "x" * 150 + "\n"
     + "x" * 150 + "\n",
     ["ingest: raw.txt:5: removed site furniture: Share\\u200b\\u202e",
      "ingest: raw.txt:8: removed the line before, repeated: " + "x" * 99 + "…"]),
    ("Title of the piece\n\nA real sentence here.\n", []),
])
def test_report_dropped_shows_hidden_characters_and_cuts_long_lines(
        text: str, expected: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    ingest.report_dropped("raw.txt", ingest.parse_scrape(text).dropped)
    err = capsys.readouterr().err
    summary = SUMMARY.format(len(expected)) if expected else ""
    assert err == "".join(f"{line}\n" for line in expected) + summary


# ---------------------------------------------------------------- invisible characters

INVISIBLE_RAW = FIXTURES / "invisible-characters.txt"
PERSIAN = "\u201c\u062e\u0648\u0634\u200c\u0622\u0645\u062f\u06cc\u062f\u201d"  # “خوش‌آمدید”, with its ZWNJ


def test_invisible_characters_fixture_really_has_them() -> None:
    text = INVISIBLE_RAW.read_text(encoding="utf-8")
    assert [text.count(c) for c in "\u00ad\u200b\u2060\ufeff\u200c\u202e\u202c"] == [4, 3, 1, 1, 1, 1, 1]


def test_ingest_removes_invisible_characters_and_keeps_other_controls_for_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Soft hyphens, zero-width spaces, a BOM inside the text and a word joiner are removed and counted; the
    Persian word keeps its non-joiner; the bidi override stays, for check to name at its place."""
    argv = [str(INVISIBLE_RAW), "--slug", "x", *OK, "--out-dir", str(tmp_path)]
    assert call(argv) == 0
    assert capsys.readouterr().err.splitlines()[-1] + "\n" == INVISIBLE_SUMMARY[INVISIBLE_RAW.name]
    written = (tmp_path / "x.md").read_bytes()
    assert written.decode() == (
        '---\ntitle: "Lakeside ferry service resumes"\npublisher: "Example News"\nauthor: "Lena Marsh"\n'
        'published: "2022-12-02"\nlanguage: "en"\n---\n\n'
        "The lakeside ferry returned to service on Monday after a two-week repair.\n\n"
        "Timetables are posted at the pier and on the operator's site, lakesideferries.example.\n\n"
        "The Lakeside Examiner counted 40 passengers on the first crossing.\n\n"
        f"Signs at the pier also welcome travellers in Persian, {PERSIAN}.\n\n"
        "One notice had a stray \u202eright-to-left override\u202c in its text.\n")
    with pytest.raises(PipelineError) as caught:
        read_article(written, "articles/x.md", "x")
    assert [d.message for d in caught.value.diagnostics] == [
        "article text contains U+202E RIGHT-TO-LEFT OVERRIDE",
        "article text contains U+202C POP DIRECTIONAL FORMATTING"]


TITLE = "Ferry service resumes on the lake"


@pytest.mark.parametrize("text, title, paragraphs, removed", [
    ("Ferry ser\u00advice resumes on the lake\n\nOne\u00ad two\u200b three\u2060 four\ufeff.\n", TITLE,
     ["One two three four."], [("\u00ad", 2), ("\u200b", 1), ("\u2060", 1), ("\ufeff", 1)]),
    (f"{TITLE}\n\nA para.\n\n\u200b\u00ad\n\nAnother.\n", TITLE, ["A para.", "Another."],
     []),  # a line of invisible characters alone is left out (site furniture), and listed as such
    (f"{TITLE}\n\nShare\u200b\n\nA para.\n", TITLE, ["A para."], []),  # a line left out: not counted
    (f"{TITLE}\n\nKept \u202e\u200e\u200f\u2066\u2069\x00\x07 for check.\n", TITLE,
     ["Kept \u202e\u200e\u200f\u2066\u2069\x00\x07 for check."], []),  # other controls are kept
    (f"{TITLE}\n\nمی\u200cخواهم \u0915\u094d\u200d\u0937 \U0001f468\u200d\U0001f469.\n", TITLE,
     ["می\u200cخواهم \u0915\u094d\u200d\u0937 \U0001f468\u200d\U0001f469."], []),  # joiners are spelling
])
def test_drop_invisible(text: str, title: str | None, paragraphs: list[str],
                        removed: list[tuple[str, int]]) -> None:
    scrape = ingest.drop_invisible(ingest.parse_scrape(text))
    assert (scrape.title, list(scrape.paragraphs), list(scrape.invisible)) == (title, paragraphs, removed)


def test_drop_invisible_cleans_every_value_of_the_article() -> None:
    """Front matter too (an HTML page's metadata may carry them); a value of invisible characters alone is
    not found, so ingest asks for it as for any missing value, and such a paragraph is no paragraph."""
    scrape = ingest.Scrape(title="\u200b", subtitle="A\u00addeck", author="\ufeffLena Marsh",
                           paragraphs=("Text.\u2060", "\u200b"), url="https://example.com/a\u200b",
                           publisher="\u00ad")
    assert ingest.drop_invisible(scrape) == ingest.Scrape(
        title=None, subtitle="Adeck", author="Lena Marsh", paragraphs=("Text.",), url="https://example.com/a",
        publisher=None, invisible=(("\u00ad", 2), ("\u200b", 3), ("\u2060", 1), ("\ufeff", 1)))


@pytest.mark.parametrize("removed, line", [
    ((), ""),
    ((("\u200b", 1),), "ingest: removed 1 invisible character (U+200B ZERO WIDTH SPACE ×1)\n"),
    ((("\u00ad", 2), ("\u200b", 1)),
     "ingest: removed 3 invisible characters (U+00AD SOFT HYPHEN ×2, U+200B ZERO WIDTH SPACE ×1)\n"),
])
def test_report_invisible(removed: tuple[tuple[str, int], ...], line: str,
                          capsys: pytest.CaptureFixture[str]) -> None:
    ingest.report_invisible(removed)
    assert capsys.readouterr() == ("", line)
