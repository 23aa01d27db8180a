"""Raw HTML blocks set aside from Markdown (render/rawblocks.py): the same HTML, with or without the bypass."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from build_scripts.pipeline import Project, load_site
from build_scripts.render import RenderOptions, render_site
from build_scripts.render.rawblocks import fill, ids, split

SMALL = Path(__file__).resolve().parent / "fixtures" / "small"


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
