"""Pages as data (render/context.py ``Page``): the raw HTML blocks a renderer wrote, and the table of
contents and ids recorded as it wrote them, are what Markdown makes of the page ``render --out`` writes;
the same HTML with or without the bypass."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from build_scripts.engines.mkdocs.headings import toc_settings
from build_scripts.engines.mkdocs.pages import join, page_toc
from build_scripts.pipeline import Project, load_site
from build_scripts.render import Page, RenderOptions, render_site
from build_scripts.render.context import Ctx
from build_scripts.render.headings import Headings

SMALL = Path(__file__).resolve().parent / "fixtures" / "small"


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    rendered = render_site(load_site(Project(SMALL)), RenderOptions(repo_url="https://github.com/o/r"))
    return {path: page for path, page in rendered.items() if path.endswith(".md") and page.raw_blocks}


def convert(text: str) -> str:
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text  # MkDocs strips front matter
    return markdown.Markdown(extensions=["attr_list", "fenced_code", "toc"]).convert(body)


class _Ids(HTMLParser):
    """The id attributes of an HTML text, in order, as a browser reads them (entities decoded), and those of
    its headings."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.headings: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = [value for name, value in attrs if name == "id" and value is not None]
        self.ids += found
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings += found


def test_the_blocks_are_what_markdown_makes_of_the_page(pages: dict[str, Page]) -> None:
    """The page's HTML without Markdown (its blocks joined) is what Markdown makes of its ``render --out``
    text, and the front matter written is the page's meta."""
    assert len(pages) > 10
    for path, page in pages.items():
        assert page.blocks and all(block.startswith("<") for block in page.blocks), path
        assert join(page.blocks) == convert(page.markdown), path
        assert page.markdown.startswith(f'---\ntitle: {json.dumps(page.meta["title"])}\n'), path


def test_the_ids_recorded_are_every_id_of_the_page(pages: dict[str, Page]) -> None:
    """The ids recorded as the page was written are those an HTML parser finds in it (the engine's own anchor
    list misses them): highlight anchors and counterclaims too, not only headings."""
    for path, page in pages.items():
        assert set(page.ids) == set(_Ids(join(page.blocks)).ids), path
    vote = pages["briefings/2020-03-01-harbour-bridge-vote.md"].ids
    assert any(i.startswith("q-") for i in vote)  # highlight anchors live in raw HTML only


def test_the_toc_recorded_lists_every_heading_in_page_order(pages: dict[str, Page]) -> None:
    for path, page in pages.items():
        assert [entry["id"] for entry in page.toc] == _Ids(join(page.blocks)).headings, path
        assert page.toc[0]["level"] == 1 and page.toc[0]["id"] in page.ids, path


@pytest.mark.slow
def test_site_and_search_index_identical_without_the_bypass(tmp_path: Path) -> None:
    """A real build of the small fixture, with and without the bypass: the same HTML, data files and search
    index (Pagefind's files, byte for byte)."""
    from conftest import copy_site, mkdocs_build

    built = {}
    for bypass in (True, False):
        root = copy_site("small", tmp_path / f"src-{bypass}")
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        assert "  - annotated-briefings" in config
        (root / "mkdocs.yml").write_text(re.sub(
            r"  - annotated-briefings.*\n", f"  - annotated-briefings:\n      bypass_markdown: {str(bypass).lower()}\n",
            config), encoding="utf-8")
        result = mkdocs_build(root, tmp_path / f"site-{bypass}")
        assert result.returncode == 0, result.stderr
        out = tmp_path / f"site-{bypass}"
        built[bypass] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
                         if p.is_file() and (p.suffix in (".html", ".json") or "pagefind" in p.parts)}
    assert sorted(built[True]) == sorted(built[False])
    assert any(p.startswith("briefings/") for p in built[True])
    assert any(p.startswith("pagefind/fragment/") for p in built[True])
    for path, content in built[True].items():
        assert content == built[False][path], path


@pytest.mark.parametrize("headings", [
    Headings(), Headings(permalink=None), Headings(permalink_leading=True),
    Headings(permalink=('<a class="x" href="#', '" title="a &quot;b&quot;">&lt;/a&gt;</a>'), permalink_leading=True),
], ids=["default", "no permalink", "leading", "odd permalink"])
def test_toc_nests_the_headings_written(headings: Headings) -> None:
    """Whatever the permalink, and wherever it goes, the table of contents names the heading's text; the
    title, written last, comes first, with an id clear of those written before it."""
    ctx = Ctx(None, RenderOptions(headings=headings), "p.md")
    ctx.ids.add("title")
    parts = [ctx.heading(2, "Annotations", "annotations"),
             ctx.heading(3, "A: <b>one</b>", "one", toc_label="A: <b>one</b>"),
             ctx.heading(3, "B", "two"), ctx.heading(2, "Article", "article")]
    page = ctx.finish({"title": "Title"}, [ctx.h1("Title"), *parts])
    assert page_toc(page.toc, toc_settings({})) == [{"level": 1, "id": "title_1", "name": "Title", "children": [
        {"level": 2, "id": "annotations", "name": "Annotations", "children": [
            {"level": 3, "id": "one", "name": "A: b one b", "children": []},
            {"level": 3, "id": "two", "name": "B", "children": []}]},
        {"level": 2, "id": "article", "name": "Article", "children": []}]}]
    assert page.ids == {"title", "title_1", "annotations", "one", "two", "article"}
