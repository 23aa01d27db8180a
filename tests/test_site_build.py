"""A real ``mkdocs build --strict`` of two fixture sites, checked on the HTML and the search index.

Both fixtures (``small``: two briefings; ``full``: three, with topics.yml and six speakers) are built with the
repository's own site configuration and pages, so they differ only in content. Each is built once per module.
The bad fixture sites must fail the same build with the same diagnostics that ``check`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from build_scripts.model import Site
from build_scripts.pipeline import Project, load_site

from conftest import FIXTURES, copy_site, mkdocs_build  # noqa: E402  (tests/ is on sys.path)
from pagefind_files import entries, fragments

# Every test builds a fixture site for real (mkdocs build --strict).
pytestmark = pytest.mark.slow

SMALL = FIXTURES / "small"
BAD = FIXTURES / "bad"


@dataclass
class Built:
    root: Path
    out: Path
    site: Site
    config: dict
    docs_before: list[str]
    docs_after: list[str]
    index: list[dict] = field(default_factory=list)

    def html(self, url: str) -> str:
        return (self.out / url / "index.html").read_text(encoding="utf-8")


def _docs_listing(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "docs").rglob("*"))


def _config(root: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name tags of the theme
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def _build(root: Path, out: Path) -> Built:
    before = _docs_listing(root)
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    built = Built(root, out, load_site(Project(root)), _config(root), before, _docs_listing(root))
    built.index = entries(fragments(out))  # the Pagefind records, and their annotations' sections
    return built


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The small fixture's articles and annotations, with the repository's own site configuration and pages."""
    root = copy_site("small", tmp_path_factory.mktemp("small-src"), repo_config=True)
    return _build(root, tmp_path_factory.mktemp("small-site"))


def test_small_fixture_builds_with_its_own_config(tmp_path: Path) -> None:
    before = _docs_listing(SMALL)
    result = mkdocs_build(SMALL, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "briefings" / "2020-03-01-harbour-bridge-vote" / "index.html").is_file()
    assert _docs_listing(SMALL) == before and not (SMALL / "site").exists()


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The full fixture's articles and annotations, with the repository's own site configuration and pages."""
    root = copy_site("full", tmp_path_factory.mktemp("full-src"), repo_config=True)
    return _build(root, tmp_path_factory.mktemp("full-site"))


@pytest.fixture(params=["small", "full"])
def built(request: pytest.FixtureRequest) -> Built:
    return request.getfixturevalue(request.param)


class Elements(HTMLParser):
    """Collects every id, every in-page highlight link, every <a href>, and the tab links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.highlight_targets: list[str] = []
        self.tabs: list[str] = []
        self.nav_links: list[str] = []
        self.headings: dict[str, str] = {}  # id -> tag of headings
        self._in_mark = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
            if tag in ("h1", "h2", "h3", "h4"):
                self.headings[a["id"]] = tag
        if tag == "mark" and "ab-hl" in (a.get("class") or ""):
            self._in_mark += 1
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"])
            if self._in_mark:
                self.highlight_targets.append(a["href"])
            if "md-tabs__link" in (a.get("class") or ""):
                self.tabs.append(a["href"])
            if "md-nav__link" in (a.get("class") or ""):
                self.nav_links.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._in_mark:
            self._in_mark -= 1


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def test_every_highlight_points_at_an_element_on_its_page(built: Built) -> None:
    for b in built.site.briefings:
        page = parse(built.html(f"briefings/{b.slug}"))
        assert len(page.ids) == len(set(page.ids)), "duplicate ids"
        assert page.highlight_targets, b.slug
        for href in page.highlight_targets:
            assert href.startswith("#") and href[1:] in page.ids, href
        anchored = {a.id for a in b.annotations if a.span} | {
            c.anchor for a in b.annotations for c in a.counterclaims if c.span}
        assert {h[1:] for h in page.highlight_targets} == anchored


def test_each_annotation_heading_has_the_annotation_id(built: Built) -> None:
    for b in built.site.briefings:
        page = parse(built.html(f"briefings/{b.slug}"))
        for ann in b.annotations:
            assert page.headings.get(ann.id) == "h3", ann.id
            assert f"q-{ann.id}" in page.ids  # the highlight's own anchor, for the card's link back


def test_table_of_contents_lists_each_annotation(built: Built) -> None:
    """The headings bypass Markdown, yet the page's table of contents (Material's secondary nav) lists the
    briefing's sections and, under "Article", every annotation's card in the order of its highlight in the
    text (those not found in it last), then who is involved."""
    for b in built.site.briefings:
        html = built.html(f"briefings/{b.slug}")
        toc = html[html.rindex('<nav class="md-nav md-nav--secondary"'):]  # the sidebar's (the drawer has one too)
        toc = toc[:toc.index('<div class="md-content"')]  # the whole table, its nested lists too
        hrefs = [h for h in parse(toc).hrefs if h.startswith("#")]
        far = len(b.article.body)
        cards = sorted(range(len(b.annotations)), key=lambda i: (b.annotations[i].span.start
                                                                if b.annotations[i].span else far, i))
        expected = ["#article"] + ([f"#{b.annotations[i].id}" for i in cards] + ["#who-is-involved"]
                                   if b.annotations else [])
        assert [h for h in hrefs if h != "#disputes"] == expected, b.slug


def test_speaker_pages_link_back_to_their_claims(built: Built) -> None:
    for speaker_id in built.site.speakers:
        hrefs = parse(built.html(f"speakers/{speaker_id}")).hrefs
        for ann_id in built.site.by_speaker.get(speaker_id, ()):
            assert f"../../briefings/{built.site.briefing_of[ann_id]}/#{ann_id}" in hrefs, (speaker_id, ann_id)


def test_links_between_generated_pages_resolve(built: Built) -> None:
    for b in built.site.briefings:
        base = f"briefings/{b.slug}/"
        for href in parse(built.html(base)).hrefs:
            if href.startswith(("#", "http:", "https:", "mailto:", "javascript:")):
                continue
            path = href.split("#")[0]
            target = (built.out / base / path).resolve()
            assert (target / "index.html").exists() or target.is_file(), href


def _entries(built: Built, suffix: str) -> list[dict]:
    return [e for e in built.index if e["location"].endswith(suffix)]


def test_each_annotation_is_indexed_once(built: Built) -> None:
    for ann_id in built.site.annotations:
        found = _entries(built, f"#{ann_id}")
        assert len(found) == 1, ann_id
        slug = built.site.briefing_of[ann_id]
        assert found[0]["location"] == f"briefings/{slug}/#{ann_id}"


@pytest.mark.parametrize("ann_id, phrase", [
    ("bridge-opens-2023", "carries its first traffic within three years"),
    ("lind-bridge-will-not-pay", "permanent drain on municipal finances"),
    ("shipping-not-disrupted", "container vessels keep sailing"),
    ("sousa-tolls-needed", "balance its books"),  # also a counterclaim by reference in the other briefing
    ("review-cost-above-estimate", "far exceeds what councillors were told"),  # cited by reference
])
def test_claim_phrase_is_only_in_its_annotation_entry(small: Built, ann_id: str, phrase: str) -> None:
    """A claim's words are its own record's title; besides, only the records of the annotations it disputes (by
    reference) hold them, as counterclaim text (weighed low: tests/browser/test_search.py ranks them)."""
    own = f"briefings/{small.site.briefing_of[ann_id]}/#{ann_id}"
    titled = [e["location"] for e in small.index if phrase in e["title"]]
    citing = {f"briefings/{small.site.briefing_of[d.target]}/#{d.target}" for d in small.site.cited_by.get(ann_id, ())}
    assert titled == [own]
    assert {e["location"] for e in small.index if phrase in e["text"]} == {own} | citing


def test_speaker_name_finds_the_speaker_page(built: Built) -> None:
    for speaker in built.site.speakers.values():
        titles = [e["title"] for e in built.index if e["location"] == f"speakers/{speaker.id}/"]
        assert titles == [speaker.name]


def test_topic_pages_are_indexed_with_titles(built: Built) -> None:
    for topic in built.site.topics.values():
        titles = [e["title"] for e in built.index if e["location"] == f"topics/{topic.id}/"]
        assert titles == [topic.name]


def _nav_links(built: Built) -> tuple[list[str], int]:
    page = parse((built.out / "index.html").read_text(encoding="utf-8"))
    return page.tabs, len(page.nav_links)


def test_nav_is_fixed(small: Built, full: Built) -> None:
    entries = [next(iter(item)) for item in full.config["nav"]]
    assert {"Home", "Briefings", "Speakers", "Topics", "Claims", "About"} <= set(entries)
    small_tabs, small_links = _nav_links(small)
    full_tabs, full_links = _nav_links(full)
    assert len(small_tabs) == len(entries) and small_tabs == full_tabs
    # Different numbers of briefings, speakers and topics, yet the same navigation.
    assert len(small.site.briefings) != len(full.site.briefings)
    assert len(small.site.speakers) != len(full.site.speakers)
    assert small_links == full_links
    nav_hrefs = parse((small.out / "index.html").read_text(encoding="utf-8")).nav_links
    assert nav_hrefs and not any(b.slug in href for b in small.site.briefings for href in nav_hrefs)


def test_briefing_edit_link_points_at_its_annotation_file(built: Built) -> None:
    base = built.config["repo_url"].rstrip("/") + "/" + built.config["edit_uri"]
    for b in built.site.briefings:
        hrefs = parse(built.html(f"briefings/{b.slug}")).hrefs
        assert f"{base}annotations/{b.slug}.yml" in hrefs


def test_no_generated_page_written_into_docs(built: Built) -> None:
    assert built.docs_after == built.docs_before
    assert not any(p.startswith(("docs/briefings", "docs/speakers", "docs/topics", "docs/claims"))
                   for p in built.docs_after)
    assert "docs/index.md" not in built.docs_after


BAD_CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_fixture_fails_the_strict_build(case: str, tmp_path: Path) -> None:
    result = mkdocs_build(BAD / case, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    expected = (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected
    assert f"{len(expected)} problem(s) in the annotations:" in output
    for line in expected:
        assert line in output.splitlines(), line
    assert not (BAD / case / "site").exists()
