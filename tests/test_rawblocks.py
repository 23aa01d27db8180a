"""Raw HTML blocks set aside from Markdown (render/rawblocks.py): the same HTML, with or without the bypass."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest

from build_scripts.pipeline import Project, load_site
from build_scripts.render import RenderOptions, render_site
from build_scripts.render.headings import Headings
from build_scripts.render.rawblocks import ids, join, split, split_page, toc

SMALL = Path(__file__).resolve().parent / "fixtures" / "small"


def fill(html: str, blocks: list[str]) -> str:
    """The inverse of split on converted HTML: each placeholder replaced by its block."""
    return re.sub(r"<!--ab-block-(\d+)-->", lambda m: blocks[int(m.group(1))], html)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    rendered = render_site(load_site(Project(SMALL)), RenderOptions(repo_url="https://github.com/o/r"))
    return {path: page.markdown for path, page in rendered.items() if path.endswith(".md")}


def convert(text: str) -> str:
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text  # MkDocs strips front matter
    return markdown.Markdown(extensions=["attr_list", "fenced_code", "toc"]).convert(body)


def test_every_page_sets_blocks_aside(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        rest, blocks = split(text)
        assert blocks, path
        assert "<div" not in rest and "<table" not in rest, path
        same = split_page(text)  # nothing but blocks: the page needs no Markdown
        assert same == blocks and join(blocks) == convert(text), path


def test_split_page_refuses_markdown_outside_blocks() -> None:
    with pytest.raises(ValueError, match="not a page of raw blocks only"):
        split_page('---\ntitle: "x"\n---\n\n<div>\n<p>a</p>\n</div>\n\nSome *Markdown*.\n')


def test_converted_html_is_unchanged(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        rest, blocks = split(text)
        assert fill(convert(rest), blocks) == convert(text), path


def test_ids_of_the_blocks_are_reported(pages: dict[str, str]) -> None:
    _, blocks = split(pages["briefings/2020-03-01-harbour-bridge-vote.md"])
    found = ids(blocks)
    assert any(i.startswith("q-") for i in found)  # highlight anchors live in raw HTML only


@pytest.mark.parametrize(("text", "kept"), [
    ("# Title\n\nA paragraph <div>x</div>\n", True),  # not a chunk that starts with a block tag
    ("<span>inline</span>\n", True),  # inline tag: Markdown wraps it in a paragraph
    ("<div>\nno closing tag\n", True),
    ("<div class=\"x\">\n<p>y</p>\n</div>\n", False),
])
def test_only_complete_block_chunks_are_set_aside(text: str, kept: bool) -> None:
    rest, blocks = split(text)
    assert (rest == text and not blocks) is kept
    assert fill(rest, blocks) == text


@pytest.mark.slow
def test_site_and_search_index_identical_without_the_bypass(tmp_path: Path) -> None:
    """A real build of the small fixture, with and without the bypass: the same HTML, and the same search index
    (where search read the blocks' search views instead of the whole blocks: the same entries and words)."""
    from conftest import copy_site, mkdocs_build

    built = {}
    for bypass in (True, False):
        root = copy_site("small", tmp_path / f"src-{bypass}")
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        assert "  - annotated-briefings\n" in config
        (root / "mkdocs.yml").write_text(config.replace(
            "  - annotated-briefings\n", f"  - annotated-briefings:\n      bypass_markdown: {str(bypass).lower()}\n"),
            encoding="utf-8")
        result = mkdocs_build(root, tmp_path / f"site-{bypass}")
        assert result.returncode == 0, result.stderr
        out = tmp_path / f"site-{bypass}"
        built[bypass] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
                         if p.is_file() and p.suffix in (".html", ".json")}
    assert sorted(built[True]) == sorted(built[False])
    assert any(p.startswith("briefings/") for p in built[True])
    for path, content in built[True].items():
        if path != "search/search_index.json":
            assert content == built[False][path], path
    bypassed, parsed = (json.loads(built[key]["search/search_index.json"]) for key in (True, False))
    assert bypassed["config"] == parsed["config"]
    assert len(bypassed["docs"]) == len(parsed["docs"]) > 20
    for ours, theirs in zip(bypassed["docs"], parsed["docs"]):
        assert ours.pop("text").split() == theirs.pop("text").split(), ours["location"]
        assert ours == theirs


@pytest.mark.parametrize("headings", [
    Headings(), Headings(permalink=None), Headings(permalink_leading=True),
    Headings(permalink=('<a class="x" href="#', '" title="a &quot;b&quot;">&lt;/a&gt;</a>'), permalink_leading=True),
], ids=["default", "no permalink", "leading", "odd permalink"])
def test_toc_nests_the_headings_of_the_blocks(headings: Headings) -> None:
    """Whatever the permalink, and wherever it goes, the table of contents names the heading's text."""
    page = "\n".join([headings.h1("Title", taken=["title"]), headings.heading(2, "Annotations", "annotations"),
                      headings.heading(3, "A: <b>one</b>", "one", toc_label="A: <b>one</b>"),
                      headings.heading(3, "B", "two"), headings.heading(2, "Article", "article")])
    _, blocks = split(page)
    assert toc(blocks) == [{"level": 1, "id": "title_1", "name": "Title", "children": [
        {"level": 2, "id": "annotations", "name": "Annotations", "children": [
            {"level": 3, "id": "one", "name": "A: b one b", "children": []},
            {"level": 3, "id": "two", "name": "B", "children": []}]},
        {"level": 2, "id": "article", "name": "Article", "children": []}]}]
