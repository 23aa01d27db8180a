"""The page cache of mkdocs serve: after any edit, every page it gives equals a page rendered from scratch,
and pages whose inputs did not change are reused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.pipeline import Project, load_site
from build_scripts.render import DataFile, Deferred, PageCache, RenderOptions, plan_pages, render_site

from conftest import ROOT  # noqa: E402  (tests/ is on sys.path)

VOTE = "annotations/2020-03-01-harbour-bridge-vote.yml"
REVIEW = "annotations/2020-03-05-bridge-budget-review.yml"
OPTIONS = RenderOptions(repo_url="https://github.com/o/r", site_url="https://example.org/s/")


def _edit(path: str, old: str, new: str):
    def apply(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


# Each edit touches something that other pages show: a claim (its briefing, its speaker, the pages of whoever
# disputes or cites it, its topics), a speaker's name (every page naming them), an article title, a new
# cross-briefing counterclaim, a topic, a line shift (edit links), and the first annotation's removal.
EDITS = {
    "claim text": _edit(VOTE, "Lind argues the crossing will be a permanent drain",
                        "Lind argues the crossing will be a lasting drain"),
    "speaker name": _edit("annotations/speakers.yml", "name: Joana Sousa", "name: Joana M. Sousa"),
    "speaker role": _edit("annotations/speakers.yml", "role: Port operator", "role: Port operator and owner"),
    "article title": _edit("articles/2020-03-05-bridge-budget-review.md", 'title: "Budget', 'title: "Revised budget'),
    "new cross-briefing ref": _edit(VOTE, "    topics: [costs]\n",
                                    "    topics: [costs]\n    counterclaims:\n      - ref: sousa-tolls-needed\n"),
    "topic added": _edit(VOTE, "topics: [harbour-bridge, schedule]", "topics: [harbour-bridge, schedule, delays]"),
    "lines shift": _edit(VOTE, "annotations:\n", "annotations:\n\n\n"),
}


LOCAL = {"claim text", "speaker role", "article title"}


def _render_all(root: Path, cache: PageCache) -> dict[str, str]:
    site = load_site(Project(root))
    return {p.path: p.render().markdown for p in plan_pages(site, OPTIONS, cache)
            if isinstance(p, Deferred) and p.inputs is not None}  # briefing, speaker and topic pages


def _fresh(root: Path) -> dict[str, str]:
    return {path: page.markdown for path, page in render_site(load_site(Project(root)), OPTIONS).items()}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_cached_pages_equal_fresh_pages_after_an_edit(tmp_path: Path, edit: str) -> None:
    root = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", root)
    cache = PageCache()
    first = _render_all(root, cache)
    assert cache.rendered == len(first) > 10 and cache.reused == 0

    again = _render_all(root, cache)  # nothing changed: every page reused
    assert again == first and cache.reused == len(first)

    EDITS[edit](root)
    before = cache.rendered
    cached = _render_all(root, cache)
    fresh = _fresh(root)
    assert cached == {path: fresh[path] for path in cached}  # never a stale page
    assert cached != first  # the edit shows
    assert cache.rendered > before
    if edit in LOCAL:  # most pages did not read what changed
        assert cache.rendered - before < len(cached), cache.rendered - before


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_cached_data_files_equal_fresh_ones_after_an_edit(tmp_path: Path, edit: str) -> None:
    """Under serve the data files are made a briefing at a time and each part is kept while what it read is
    unchanged: after every kind of edit, the files equal freshly made ones."""
    root = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", root)
    cache = PageCache()

    def data_files() -> dict[str, str]:
        site = load_site(Project(root))
        return {p.path: "".join(p.chunks()) for p in plan_pages(site, OPTIONS, cache) if isinstance(p, DataFile)}

    first = data_files()
    parts = cache.rendered
    assert len(first) == 3 and parts == 3 * 2  # three files (claims.json, .csv, annotations.jsonld), two briefings
    assert data_files() == first and cache.rendered == parts  # nothing changed: every part reused
    EDITS[edit](root)
    cached = data_files()
    fresh = {path: page.markdown for path, page in render_site(load_site(Project(root)), OPTIONS).items()}
    assert cached == {path: fresh[path] for path in cached}
    assert cache.rendered > parts


def test_a_page_is_rerendered_when_something_it_read_is_gone(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", root)
    cache = PageCache()
    _render_all(root, cache)
    _edit(VOTE, "      - ref: sousa-tolls-needed\n", "")(root)  # a briefing stops citing the other one
    cached = _render_all(root, cache)
    assert cached == {path: page for path, page in _fresh(root).items() if path in cached}


def test_pages_gone_from_the_site_are_forgotten(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", root)
    cache = PageCache()
    pages = _render_all(root, cache)
    kept = {path for path in pages if not path.startswith("topics/")}
    cache.keep(kept)
    _render_all(root, cache)
    assert cache.reused == len(kept) and cache.rendered == len(pages) + len(pages) - len(kept)


def test_the_memo_parses_only_changed_files_and_a_one_off_load_keeps_nothing(tmp_path: Path, monkeypatch) -> None:
    """With a memo (mkdocs serve), a second load parses and anchors only the files whose bytes changed, and
    gives the same site as a fresh load; without one (a build), every load parses everything and nothing is
    kept once it returns."""
    import gc

    from build_scripts import pipeline
    from build_scripts.model import Briefing

    root = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "small", root)
    parsed, anchored = [], []
    read, anchor = pipeline.read_annotation_file, pipeline.anchor_briefing
    monkeypatch.setattr(pipeline, "read_annotation_file", lambda doc: parsed.append(doc.path) or read(doc))
    monkeypatch.setattr(pipeline, "anchor_briefing", lambda a, f: anchored.append(a.path) or anchor(a, f))
    files = len(Project(root).annotation_paths())
    articles = len(Project(root).article_paths())

    memo = pipeline.Memo()
    first = load_site(Project(root), memo)
    assert len(parsed) == files and len(anchored) == articles
    parsed.clear(), anchored.clear()
    assert load_site(Project(root), memo) == first and parsed == anchored == []
    EDITS["claim text"](root)
    edited = load_site(Project(root), memo)
    assert parsed == [VOTE] and anchored == ["articles/2020-03-01-harbour-bridge-vote.md"]
    assert edited == load_site(Project(root)) != first

    def briefings_alive() -> int:
        gc.collect()
        return sum(isinstance(o, Briefing) for o in gc.get_objects())

    parsed.clear()
    before = briefings_alive()
    site = load_site(Project(root))
    assert len(parsed) == files and briefings_alive() == before + articles
    del site
    assert briefings_alive() == before  # a one-off load holds nothing once it returns
