"""Search entries made by build_scripts.engines.mkdocs.search_entries equal those of Material's own search parser,
on every generated page of the fixture sites and of the payload project (hostile text in every field)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

from build_scripts.engines.mkdocs.headings import toc_settings
from build_scripts.engines.mkdocs.search_entries import entries, search_view
from build_scripts.pipeline import Project, load_site
from build_scripts.engines.mkdocs.pages import join, page_toc
from build_scripts.render import RenderOptions, render_site
from build_scripts.render.context import front_matter
from build_scripts.render.links import page_url

from conftest import ROOT  # noqa: E402  (tests/ is on sys.path)
from security.payloads import write_payload_project


def material_entries(html: str, url: str, meta: dict, toc) -> list[dict]:
    index = SearchIndex(lang=["en"], separator="", pipeline=[], fields={})
    index.add_entry_from_context(SimpleNamespace(meta=meta, content=html, toc=toc, url=url, title="Fallback"))
    return index.entries


# toc settings of mkdocs.yml: the permalinks Material's parser must leave out of titles (class headerlink), or not
TOC_SETTINGS = [{"permalink": True}, {"permalink": "#", "permalink_leading": True}, {},
                {"permalink": "¶", "permalink_class": "anchor", "permalink_title": ""}]


def generated_pages(root: Path, toc: dict | None = None):
    options = RenderOptions(headings=toc_settings(toc).headings) if toc is not None else RenderOptions()
    for path, page in render_site(load_site(Project(root)), options).items():
        if path.endswith(".md") and page.raw_blocks:
            meta = yaml.safe_load(front_matter(**page.meta).strip("-\n"))  # as MkDocs reads it
            view = join(search_view(b) for b in page.blocks)
            yield path, meta, view, get_toc(page_toc(page.toc, toc_settings({})))


@pytest.fixture(scope="module")
def payload_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("payload-search")
    write_payload_project(root)
    return root


@pytest.mark.parametrize("toc", TOC_SETTINGS, ids=["permalink", "leading #", "none", "other class"])
@pytest.mark.parametrize("fixture", ["small", "exports"])
def test_same_entries_as_material_on_fixture_sites(fixture: str, toc: dict) -> None:
    checked = 0
    for path, meta, html, page_toc_ in generated_pages(ROOT / "tests" / "fixtures" / fixture, toc):
        url = page_url(path)
        boost = (meta.get("search") or {}).get("boost")
        ours = entries(html, url, meta["title"], boost)
        assert ours == material_entries(html, url, meta, page_toc_), path
        checked += len(ours)
    assert checked > 20


def test_same_entries_as_material_on_hostile_text(payload_project: Path) -> None:
    pages = list(generated_pages(payload_project))
    assert len(pages) > 50
    for path, meta, html, page_toc_ in pages:
        url = page_url(path)
        ours = entries(html, url, meta["title"], (meta.get("search") or {}).get("boost"))
        assert ours == material_entries(html, url, meta, page_toc_), path


@pytest.mark.parametrize("html", [
    "<p>before any heading</p><h2 id=\"a\">A &amp; <code>b</code></h2><p>text</p><p> </p><ul><li>x</li></ul>",
    "<h1 id=\"t\">Title</h1>\n\n<p>one\ntwo</p>\n<h3 id=\"x\"></h3><pre>a\n  b</pre><p>&quot;q&#x27;</p>",
    "plain text<br>more<h4>no id</h4><p><sub>1</sub><sup>2</sup></p></div></p>",
    "",
])
def test_same_entries_as_material_on_edge_cases(html: str) -> None:
    meta = {"title": "Page &amp; title", "search": {"boost": 2}}
    assert entries(html, "p/", meta["title"], 2) == material_entries(html, "p/", meta, get_toc([]))


@pytest.mark.parametrize(("block", "view"), [
    ('<div class="ab-map" data-search-exclude>\n<p>x</p>\n</div>', ""),  # excluded as a whole: nothing to read
    ('<div class="ab-card">\n<p data-search-exclude>x</p>\n</div>', "\n\n"),
    ('<div class="a"><div data-search-exclude><div><p>no</p></div><p>no</p></div><p>yes</p></div>', "<p>yes</p>"),
    ('<h3 id="c">A&#58; b<a class="headerlink" href="#c" title="Permanent link">&para;</a></h3>', '<h3 id="c">A&#58; b</h3>'),
    ('<p class="s"><a href="https://x.org/?a=1>2" rel="nofollow">Sp</a><span>, r&amp;d</span></p>', '<p class="s">Sp, r&amp;d</p>'),
    ('<div><p>says data-search-exclude or class="headerlink"</p><p data-search-exclude>x</p></div>',
     '<p>says data-search-exclude or class="headerlink"</p>'),
    ('<blockquote class="q"><p>“q”<br>two</p><ul><li><code>c</code></li></ul></blockquote>',
     "<p>“q”two</p><ul><li><code>c</code></li></ul>"),
])
def test_search_view_keeps_what_search_keeps(block: str, view: str) -> None:
    assert search_view(block) == view
