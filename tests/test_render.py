"""Renderers: golden Markdown for the small fixture, in-page anchors, back-links and relative links.

The goldens in tests/golden/small/ are the Markdown pages of
``python -m build_scripts --root tests/fixtures/small render --out DIR``. After an intended
change to the output, regenerate them and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render.py -k golden
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from build_scripts.model import Site
from build_scripts.pipeline import Project, load_site
from build_scripts.render import RenderOptions, render_site
from build_scripts.render.context import Page
from build_scripts.render.links import Linker, page_url
from conftest import anchors_in  # noqa: E402  (tests/ is on sys.path)

TESTS = Path(__file__).resolve().parent
SMALL = TESTS / "fixtures" / "small"
GOLDEN = TESTS / "golden" / "small"
VOTE, REVIEW = "2020-03-01-harbour-bridge-vote", "2020-03-05-bridge-budget-review"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(Project(SMALL))


@pytest.fixture(scope="module")
def pages(site: Site) -> dict[str, Page]:
    return render_site(site, RenderOptions())


def markdown_pages(pages: dict[str, Page]) -> dict[str, str]:
    return {path: page.markdown for path, page in pages.items() if path.endswith(".md")}


def test_golden(pages: dict[str, Page]) -> None:
    rendered = markdown_pages(pages)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in rendered.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8", newline="\n")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(rendered) == sorted(golden), "pages added or removed: UPDATE_GOLDEN=1 regenerates the goldens"
    for path, text in rendered.items():
        assert text == golden[path], f"{path} differs from its golden (UPDATE_GOLDEN=1 regenerates)"


def test_render_is_deterministic(site: Site, pages: dict[str, Page]) -> None:
    again = render_site(site, RenderOptions())
    assert list(again) == list(pages) and all(again[p].markdown == pages[p].markdown for p in pages)


@pytest.mark.parametrize("slug", [VOTE, REVIEW])
def test_every_highlight_links_to_an_anchor_on_the_page(site: Site, pages: dict[str, Page], slug: str) -> None:
    text = pages[f"briefings/{slug}.md"].markdown
    ids = anchors_in(text)
    targets = re.findall(r'<mark class="ab-hl[^"]*" data-ab-for="[^"]+"><a href="#([^"]+)"', text)
    assert targets, "no highlight rendered"
    assert set(targets) <= ids
    briefing = site.briefing(slug)
    anchored = {a.id for a in briefing.annotations if a.span}
    anchored |= {c.anchor for a in briefing.annotations for c in a.counterclaims if c.span}
    assert set(targets) == anchored  # every anchored quote is highlighted, and links to its own card or note
    for target in anchored:  # the card or note links back to the highlight, which has an anchor where it starts
        assert f'id="q-{target}"' in text
        assert f'<a class="ab-back" href="#q-{target}">↑ in the text</a>' in text
    for ann in briefing.annotations:
        assert re.search(rf'<h3 id="{ann.id}"[ >]', text)  # each card's heading carries the annotation's id
    for described in re.findall(r'aria-describedby="([^"]+)"', text):  # and names its speaker and claim
        assert set(described.split()) <= ids


def test_every_section_id_of_a_briefing_is_reserved(site: Site, pages: dict[str, Page]) -> None:
    """An annotation id that took a section's anchor would clash with it: validate reserves each one."""
    from build_scripts.validate import RESERVED_IDS

    for b in site.briefings:
        sections = {entry["id"] for entry in pages[f"briefings/{b.slug}.md"].toc if entry["level"] == 2}
        assert sections and sections <= RESERVED_IDS, sections - RESERVED_IDS


def test_highlight_markup(site: Site, pages: dict[str, Page]) -> None:
    # "pay for itself" occurs twice; only the occurrence after the prefix "it will " is highlighted for it.
    text = pages[f"briefings/{VOTE}.md"].markdown
    assert text.count('id="q-bridge-pays-for-itself"') == 1
    assert text.count('id="q-lind-bridge-will-not-pay"') == 1
    assert ('<mark class="ab-hl ab-hl--claim ab-c1 ab-hl--start ab-hl--end" data-ab-for="lind-bridge-will-not-pay">'
            '<a href="#lind-bridge-will-not-pay" aria-describedby="lind-bridge-will-not-pay--by lind-bridge-will-not-pay--claim">'
            'the bridge will not pay for itself</a></mark>') in text


def test_rows_put_each_card_beside_the_paragraph_its_highlight_starts_in(site: Site, pages: dict[str, Page]) -> None:
    """The article is one row per paragraph: the paragraph, then the cards and notes of the highlights that start
    in it, in the order they start; nothing is left after the article (no "Annotations" section)."""
    from build_scripts.articles import paragraphs

    for slug in (VOTE, REVIEW):
        b = site.briefing(slug)
        text = pages[f"briefings/{slug}.md"].markdown
        rows = re.findall(r'<div class="ab-row"><p>(.*?)</p>(?:<div class="ab-notes">(.*?)</div>)?</div>\n', text)
        assert len(rows) == len(paragraphs(b.article.body))
        for (start, end), (_, notes) in zip(paragraphs(b.article.body), rows, strict=True):
            starts = sorted((a.span.start, i, a.id) for i, a in enumerate(b.annotations) if a.span and start <= a.span.start < end)
            assert re.findall(r'<h3 id="([^"]+)"', notes) == [ann_id for _, _, ann_id in starts]
        assert 'id="annotations"' not in text


def test_a_disputed_highlight_carries_a_count(site: Site, pages: dict[str, Page]) -> None:
    """Besides its colour, a disputed claim's highlight has its own class (a wavy underline) and a count."""
    text = pages[f"briefings/{VOTE}.md"].markdown
    for ann in site.briefing(VOTE).annotations:
        if not ann.span:
            continue
        mark = re.search(rf'<mark class="([^"]*)" data-ab-for="{ann.id}"><a [^>]*>(.*?)</a></mark>', text)
        assert mark, ann.id
        n = len(ann.counterclaims)
        assert ("ab-hl--disputed" in mark.group(1)) == bool(n), ann.id
        badge = f'<span class="ab-badge"><span class="ab-sr">, disputed by </span>{n}</span>'
        assert (badge in mark.group(2)) == bool(n), ann.id


def test_counterclaims_appear_in_full_and_name_another_briefing_only(site: Site, pages: dict[str, Page]) -> None:
    """A card names each counterclaim's speaker and gives its claim in full; "In <briefing>" only for a ref to an
    annotation of another briefing; the claim is printed once (its heading), the quote opens on demand."""
    text = pages[f"briefings/{VOTE}.md"].markdown
    assert "See this annotation" not in text
    shown = re.sub(r' data-toc-label="[^"]*"', "", text)  # the table of contents' label is not on the page
    pieces = [piece.split("</details></div>")[0] for piece in shown.split('<div class="ab-card ')[1:]]
    cards = {re.search(r'<h3 id="([^"]+)"', card).group(1): card for card in pieces if "<h3 " in card}
    for ann in site.briefing(VOTE).annotations:
        assert cards[ann.id].count(ann.claim) == 1, ann.id  # in its heading only (the fixture's claims are plain)
        assert re.search(rf'<h3 id="{ann.id}"[^>]*><span class="ab-claim" id="{ann.id}--claim">{re.escape(ann.claim)}</span>', cards[ann.id])
        for c in ann.counterclaims:
            target = site.annotations[c.ref] if c.ref else c
            other = c.ref and site.briefing_of[c.ref] != VOTE
            assert target.claim in text
            title = site.briefing(site.briefing_of[c.ref]).article.title if c.ref else ""
            assert (f"In “{title}”" in text) == bool(other), c.anchor


def test_a_quote_that_has_its_own_quotation_marks_gets_no_more() -> None:
    from build_scripts.render.cards import quoted

    assert quoted("phased in") == "“phased in”"
    assert quoted("“phased in over three years") == "“phased in over three years”"
    assert quoted("“phased in,” he said") == "“phased in,” he said”"
    assert quoted('"done"') == "&quot;done&quot;"
    assert quoted("the farmers’") == "“the farmers’”"


@pytest.mark.parametrize("directory_urls, prefix, suffix", [(True, "../../briefings/", "/#"), (False, "../briefings/", ".html#")])
def test_speaker_pages_link_back_to_every_claim(site: Site, directory_urls: bool, prefix: str, suffix: str) -> None:
    pages = render_site(site, RenderOptions(use_directory_urls=directory_urls))
    for speaker_id in site.speakers:
        text = pages[f"speakers/{speaker_id}.md"].markdown
        for ann_id in site.by_speaker.get(speaker_id, ()):
            assert f'href="{prefix}{site.briefing_of[ann_id]}{suffix}{ann_id}"' in text
        for dispute in site.disputes_by.get(speaker_id, ()):
            fragment = dispute.ref or dispute.counterclaim.anchor
            slug = site.briefing_of[dispute.ref or dispute.target]
            assert f'href="{prefix}{slug}{suffix}{fragment}"' in text


def test_cross_briefing_ref_links_to_the_other_briefing(pages: dict[str, Page]) -> None:
    text = pages[f"briefings/{VOTE}.md"].markdown
    assert '<a href="../2020-03-05-bridge-budget-review/#sousa-tolls-needed">' in text
    assert "In “Budget review puts harbour bridge 40% over estimate”" in text
    review = pages[f"briefings/{REVIEW}.md"].markdown
    assert 'href="../2020-03-01-harbour-bridge-vote/#bridge-pays-for-itself"' in review  # "cited as a counterclaim to"


def test_edit_paths(pages: dict[str, Page]) -> None:
    assert pages[f"briefings/{VOTE}.md"].edit_path == f"annotations/{VOTE}.yml"
    assert pages["speakers/tomas-lind.md"].edit_path == "annotations/speakers.yml"


def test_a_topic_page_edits_the_file_of_its_first_annotation(site: Site, pages: dict[str, Page]) -> None:
    """As docs/about.md says: a topic page's Edit link goes to the annotation file of its first annotation."""
    for topic in site.topics.values():
        first = site.annotations[topic.annotations[0]]
        assert pages[f"topics/{topic.id}.md"].edit_path == first.location.path == f"annotations/{first.article}.yml"


def test_edit_links_need_a_repo_url(site: Site) -> None:
    plain = render_site(site, RenderOptions())[f"briefings/{VOTE}.md"].markdown
    assert "ab-edit" not in plain
    forge = render_site(site, RenderOptions(repo_url="https://example.org/o/r/", branch="dev"))
    assert ('<a class="ab-edit" href="https://example.org/o/r/blob/dev/annotations/2020-03-01-harbour-bridge-vote.yml#L3"'
            in forge[f"briefings/{VOTE}.md"].markdown)


@pytest.mark.parametrize("src, directory_urls, url", [
    ("index.md", True, ""), ("index.md", False, "index.html"),
    ("briefings/index.md", True, "briefings/"), ("briefings/index.md", False, "briefings/index.html"),
    ("briefings/a.md", True, "briefings/a/"), ("briefings/a.md", False, "briefings/a.html"),
    ("about.md", True, "about/"), ("about.md", False, "about.html"),
])
def test_page_url(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize("here, there, fragment, directory_urls, href", [
    ("briefings/a.md", "briefings/b.md", "x", True, "../b/#x"),
    ("briefings/a.md", "briefings/b.md", "x", False, "b.html#x"),
    ("briefings/a.md", "briefings/a.md", "x", True, "#x"),
    ("briefings/a.md", "briefings/a.md", "", False, "./"),
    ("speakers/s.md", "briefings/a.md", "id", True, "../../briefings/a/#id"),
    ("speakers/s.md", "briefings/a.md", "id", False, "../briefings/a.html#id"),
    ("speakers/s.md", "speakers/index.md", "", True, "../"),
    ("speakers/s.md", "speakers/index.md", "", False, "index.html"),
    ("index.md", "briefings/index.md", "", True, "briefings/"),
    ("index.md", "briefings/index.md", "", False, "briefings/index.html"),
    ("index.md", "speakers/s.md", "", True, "speakers/s/"),
    ("briefings/index.md", "index.md", "", True, "../"),
    ("briefings/index.md", "index.md", "", False, "../index.html"),
    ("briefings/index.md", "briefings/a.md", "", True, "a/"),
    ("topics/t.md", "index.md", "", True, "../../"),
    ("topics/t.md", "claims/index.md", "", False, "../claims/index.html"),
])
def test_relative_links(here: str, there: str, fragment: str, directory_urls: bool, href: str) -> None:
    assert Linker(here, directory_urls).to(there, fragment) == href


def test_render_refuses_two_pages_on_one_path(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_scripts import render

    monkeypatch.setattr(render, "PRODUCERS", [*render.PRODUCERS, lambda s, o: [Page("topics/costs.md", "x")]])
    with pytest.raises(ValueError, match="^two generated pages share a path: topics/costs.md$"):
        render.render_site(site, RenderOptions())


def test_deferred_pages_render_what_they_announce(site: Site) -> None:
    """A site engine gets a deferred page's path, front matter and edit path before rendering it: the rendered
    page must agree with all three, and be the page render_site gives."""
    from build_scripts.render import DataFile, Deferred, plan_pages

    eager = render_site(site, RenderOptions())
    planned_pages = list(plan_pages(site, RenderOptions()))
    deferred = [p for p in planned_pages if isinstance(p, Deferred)]
    data_files = [p for p in planned_pages if isinstance(p, DataFile)]
    assert {p.path.split("/")[0] for p in deferred} == {"briefings", "speakers", "topics", "claims"}
    assert {p.path for p in data_files} == {"data/claims.json", "data/claims.csv", "data/annotations.jsonld"}
    for planned in data_files:
        assert "".join(planned.chunks()) == eager[planned.path].markdown
    for planned in deferred:
        page = planned.render()
        assert page.path == planned.path and page.edit_path == planned.edit_path
        assert page.meta == planned.meta
        assert page == eager[planned.path]


@pytest.mark.slow
def test_heading_and_label_filters_keep_exactly_letters_digits_and_plain_punctuation() -> None:
    """The regular expressions behind heading_text and the TOC label agree with str.isalnum() on every
    character (``\\w`` is isalnum() plus "_")."""
    from build_scripts.render.headings import _NOT_LABEL_SAFE
    from build_scripts.render.safe import heading_text

    text = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)
    expected = "".join(c if c.isalnum() or c in " .,'’-" else f"&#{ord(c)};" for c in text).strip()
    assert heading_text(text) == expected
    assert _NOT_LABEL_SAFE.sub(" ", text) == "".join(c if c.isalnum() or c in ".,'’-:…" else " " for c in text)


PAGES = ["index.md", "about.md", "briefings/index.md", "briefings/index/page-2.md", "briefings/a.md",
         "speakers/s.md", "speakers/s/page-2.md", "claims/2020.md", "claims/2020/page-2.md", "claims/explorer.md",
         "topics/t.md", "guide/deep/index.md", "guide/deep/x.md"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_relative_links_agree_with_mkdocs_for_every_pair(directory_urls: bool) -> None:
    """Linker gives, between every two pages (from the home page down to nested folders), the URL MkDocs itself
    computes from the one page's URL to the other's."""
    from mkdocs.utils import get_relative_url

    for here in PAGES:
        linker = Linker(here, directory_urls)
        for there in PAGES:
            if there != here:
                expected = get_relative_url(page_url(there, directory_urls) or "./", page_url(here, directory_urls) or "./")
                assert linker.to(there) == expected, (here, there)
                assert linker.to(there, "x") == expected + "#x"  # and again, from the page's own memo


@pytest.mark.parametrize(("kind", "title", "expected"), [
    ("briefing", "Article", "article_1"), ("briefing", "Who is involved", "who-is-involved_1"),
    ("briefing", "Disputes", "disputes_1"), ("briefing", "Bridge opens 2023", "bridge-opens-2023_1"),
    ("briefing", "A plain title", "a-plain-title"), ("speaker", "Claims", "claims_1"),
    ("speaker", "Counterclaims", "counterclaims_1"), ("speaker", "Ana Rivera", "ana-rivera"),
])
def test_the_page_title_id_is_unique_on_its_page(site: Site, kind: str, title: str, expected: str) -> None:
    """A title that slugifies to an id the page already has (a section, an annotation) gets Markdown's
    ``_1`` suffix, so that every anchor on the page is unique and the title's permalink works."""
    from dataclasses import replace

    from build_scripts.render import briefing, speaker

    if kind == "briefing":
        b = site.briefing("2020-03-01-harbour-bridge-vote")
        page = briefing.render(site, replace(b, article=replace(b.article, title=title)), RenderOptions())
    else:
        page = speaker.render(site, replace(site.speakers["ana-rivera"], name=title), RenderOptions())
    ids = re.findall(r' id="([^"]*)"', page.markdown)
    assert f'<h1 id="{expected}">' in page.markdown
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
