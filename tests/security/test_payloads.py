"""Every vector of the payload table, in every contributor field, built for real: nothing executable survives."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from .conftest import BuiltSite
from .htmlcheck import Baseline, fragment_problems, page_problems, url_problem
from .payloads import LEGIT_CLAIM, VECTORS

from pagefind_files import fragments

IDS = [name for name, _ in VECTORS]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def baseline(payload_site: BuiltSite) -> Baseline:
    return Baseline.of((payload_site.site / "about" / "index.html").read_text(encoding="utf-8"))


def _doc(site: Path, page: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring((site / page).read_text(encoding="utf-8"))


def _text(doc: lxml.html.HtmlElement, css_class: str) -> list[str]:
    return [_flat(el.text_content()) for el in doc.find_class(css_class)]


def test_table_has_at_least_30_distinct_vectors() -> None:
    assert len(VECTORS) >= 30
    assert len(set(IDS)) == len(IDS)
    assert len({text for _, text in VECTORS}) == len(VECTORS)
    assert all(len(text) <= 100 for _, text in VECTORS)  # fits every field, so none is rejected


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(VECTORS)), ids=IDS)
def test_briefing_and_speaker_pages_have_no_executable_markup(payload_site: BuiltSite, baseline: Baseline,
                                                              index: int) -> None:
    for page in (f"briefings/v{index:02d}/index.html", f"speakers/s{index:02d}/index.html"):
        html = (payload_site.site / page).read_text(encoding="utf-8")
        assert page_problems(html, baseline) == [], page


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(VECTORS)), ids=IDS)
def test_plain_fields_show_the_vector_as_text(payload_site: BuiltSite, index: int) -> None:
    """Markup is rendered inert, not dropped: escaped fields show exactly what the contributor wrote."""
    text = _flat(VECTORS[index][1])
    briefing = _doc(payload_site.site, f"briefings/v{index:02d}/index.html")
    assert _text(briefing, "ab-publisher") == [text]
    assert _text(briefing, "ab-deck") == [text]
    assert _text(briefing, "ab-contributor") == [text]
    assert _flat(f"“qm{index}z {VECTORS[index][1]} end{index}”") in _text(briefing, "ab-quote")[0]
    assert briefing.find(".//title").text_content() == f"{VECTORS[index][1]} - Annotated Briefings"
    speaker = _doc(payload_site.site, f"speakers/s{index:02d}/index.html")
    assert _text(speaker, "ab-role") == [f"{text} · {text}"]
    assert _flat(speaker.find(".//article//h1").text_content()).startswith(text)
    assert speaker.find(".//title").text_content() == f"{VECTORS[index][1]} - Annotated Briefings"


@pytest.mark.slow
def test_index_pages_have_no_executable_markup(payload_site: BuiltSite, baseline: Baseline) -> None:
    hand_written = {p.relative_to(payload_site.project / "docs").with_suffix("").as_posix()
                    for p in (payload_site.project / "docs").rglob("*.md")}
    pages = [p for p in sorted(payload_site.site.rglob("*.html"))
             if not p.relative_to(payload_site.site).as_posix().startswith(("briefings/v", "speakers/s"))
             and p.relative_to(payload_site.site).parent.as_posix() not in hand_written]
    assert len(pages) >= 6
    for page in pages:
        assert page_problems(page.read_text(encoding="utf-8"), baseline) == [], page


@pytest.mark.slow
def test_search_records_hold_contributor_text_as_text(payload_site: BuiltSite) -> None:
    """The search index (Pagefind's records) holds each vector as the text it is, never as markup the record
    files let Pagefind parse: a speaker's record is titled with the name as written; every URL is well formed
    and relative to the site root. (search.js and explorer.js insert it with textContent.)"""
    records = {f["meta"]["url"]: f for f in fragments(payload_site.site)}
    assert len(records) > 2 * len(VECTORS)
    for url, record in records.items():
        assert url_problem("location", url) == "" and not url.startswith(("/", "http", "javascript")), url
    for i, (name, text) in enumerate(VECTORS):
        record = records[f"speakers/s{i:02d}/"]
        assert " ".join(record["meta"]["title"].split()) == " ".join(text.split()), name
        assert " ".join(text.split()) in " ".join(record["content"].split()), name
        briefing = records[f"briefings/v{i:02d}/"]  # what results show of its claims: JSON, read back as written
        assert {" ".join(c["speaker"].split()) for c in briefing["claims"]} == {" ".join(text.split())}, name


@pytest.mark.slow
def test_snippet_lines_stay_text(payload_site: BuiltSite) -> None:
    for name in ("snippet-mkdocs", "snippet-passwd"):
        index = IDS.index(name)
        doc = _doc(payload_site.site, f"briefings/v{index:02d}/index.html")
        assert _text(doc, "ab-claim") == [_flat(VECTORS[index][1])]
        assert _text(doc, "ab-note")[0].endswith(_flat(VECTORS[index][1]))


@pytest.mark.slow
def test_attribute_lists_and_markdown_blocks_stay_text(payload_site: BuiltSite) -> None:
    for name in ("attr-list-inline", "attr-list-block", "md-in-html"):
        index = IDS.index(name)
        doc = _doc(payload_site.site, f"briefings/v{index:02d}/index.html")
        claim = doc.find_class("ab-claim")[0]
        assert "onclick" not in {a for el in claim.iter() for a in el.attrib}
        assert not claim.xpath(".//*[@markdown]")


@pytest.mark.slow
def test_legitimate_formatting_still_works(payload_site: BuiltSite) -> None:
    doc = _doc(payload_site.site, "briefings/v00/index.html")
    claim = [el for el in doc.find_class("ab-claim") if "safe link" in el.text_content()]
    assert len(claim) == 1
    assert [e.text for e in claim[0].iter("em")] == ["emphasis"]
    assert [e.text for e in claim[0].iter("code")] == ["inline code"]
    links = [(a.get("href"), a.get("rel"), a.text) for a in claim[0].iter("a")]
    assert links == [("https://example.org/page", "nofollow noopener noreferrer", "safe link")]
    assert _flat(claim[0].text_content()) == "Plain emphasis, inline code and a safe link."
    sources = doc.xpath('//a[@href="https://example.org/legit"]')
    # A source title is plain text (issue 17, case 11: Markdown in it could nest a link to another site).
    assert [(a.get("rel"), a.text_content(), len(a)) for a in sources] == [
        ("nofollow noopener noreferrer", "Plain *title*", 0)]
    assert _flat(sources[0].getparent().text_content()) == "Plain *title* (example.org)"
    assert LEGIT_CLAIM.startswith("Plain *emphasis*")


@pytest.mark.slow
def test_dropped_links_keep_their_text(payload_site: BuiltSite) -> None:
    """A link with a forbidden scheme loses its href but not its words."""
    for name in ("md-javascript", "md-mixed-case", "md-entity-hex", "md-data", "md-vbscript"):
        index = IDS.index(name)
        claim = _doc(payload_site.site, f"briefings/v{index:02d}/index.html").find_class("ab-claim")[0]
        assert [(a.get("href"), a.text_content()) for a in claim.iter("a")] in ([(None, "x")], []), name
        assert "x" in claim.text_content()
