"""The MkDocs plugin's promises that no page content shows: anchor validation of generated pages, the temporary
data folder, the search index it writes (and Material's search beside it), the page cache only under serve."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from build_scripts.engines.mkdocs.plugin import AnnotatedBriefingsPlugin, Build
from build_scripts.render import PageCache, Page
from build_scripts.render.headings import Headings

from conftest import ROOT, copy_site  # noqa: E402  (tests/ is on sys.path)
from pagefind_files import by_url, entries, fragments

VOTE = "briefings/2020-03-01-harbour-bridge-vote"
CLAIM = "Rivera promises the crossing carries its first traffic within three years."


def build(root: Path, tmp: Path) -> subprocess.CompletedProcess:
    """A strict build, with the temporary folder it may use set to ``tmp``."""
    tmp.mkdir(exist_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(tmp))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
                          cwd=root, env=env, capture_output=True, text=True)


def with_config(root: Path, change) -> Path:
    path = root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(config)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


@pytest.mark.slow
def test_a_docs_link_to_an_annotation_is_checked(tmp_path: Path) -> None:
    """The fixture's about page links to an annotation's anchor: the strict build accepts it, and refuses a
    link to an anchor no generated page has, as MkDocs does for its own pages."""
    root = copy_site("small", tmp_path / "site-src")
    about = root / "docs" / "about.md"
    assert f"{VOTE}.md#bridge-opens-2023" in about.read_text(encoding="utf-8")
    assert build(root, tmp_path / "tmp").returncode == 0
    about.write_text(about.read_text(encoding="utf-8").replace("#bridge-opens-2023", "#no-such-claim"),
                     encoding="utf-8")
    result = build(root, tmp_path / "tmp")
    assert result.returncode == 1
    assert f"does not contain an anchor '#no-such-claim'" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("broken", [False, True], ids=["built", "aborted after the data files were made"])
def test_the_temporary_data_folder_is_removed(tmp_path: Path, broken: bool) -> None:
    root = copy_site("small", tmp_path / "site-src")
    if broken:  # a strict-mode failure found only after on_files wrote the data files
        about = root / "docs" / "about.md"
        about.write_text(about.read_text(encoding="utf-8") + "\n[gone](missing-page.md)\n", encoding="utf-8")
    result = build(root, tmp_path / "tmp")
    assert result.returncode == (1 if broken else 0), result.stderr
    assert (root / "site" / "data" / "claims.json").exists()  # made and copied, also before the abort
    assert list((tmp_path / "tmp").glob("annotated-briefings-*")) == []


@pytest.mark.slow
def test_pages_are_whole_and_the_site_gets_its_search_index(tmp_path: Path) -> None:
    """The plugin writes the Pagefind index (pagefind/); no search plugin is needed, and none wrote an index."""
    root = copy_site("small", tmp_path / "site-src")
    assert "search" not in yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
    assert build(root, tmp_path / "tmp").returncode == 0
    html = (root / "site" / VOTE / "index.html").read_text(encoding="utf-8")
    assert CLAIM in html and 'class="ab-card' in html and "<!--ab-block" not in html
    assert not (root / "site" / "search").exists()
    found = {e["location"]: e for e in entries(fragments(root / "site"))}
    assert found[f"{VOTE}/#bridge-opens-2023"]["title"] == CLAIM == found[f"{VOTE}/#bridge-opens-2023"]["claim"]["claim"]
    assert {"about/", "briefings/2020-03-01-harbour-bridge-vote/", "speakers/ana-rivera/"} <= set(found)


@pytest.mark.slow
@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_another_search_plugin_still_works_beside_it(tmp_path: Path, theme: str) -> None:
    """Material's, or MkDocs' own theme and search: it indexes the pages as MkDocs wrote them, and the
    site's own index is written too."""
    root = with_config(copy_site("small", tmp_path / "site-src"),
                       lambda c: c.update(theme={"name": theme}, plugins=["search", "annotated-briefings"]))
    assert build(root, tmp_path / "tmp").returncode == 0
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(CLAIM in doc["text"] for doc in index["docs"] if doc["location"].startswith(f"{VOTE}/"))
    assert (root / "site" / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.parametrize("command, cached", [("build", False), ("gh-deploy", False), ("serve", True)])
def test_the_page_cache_lives_only_under_serve(command: str, cached: bool) -> None:
    plugin = AnnotatedBriefingsPlugin()
    plugin.on_startup(command=command, dirty=False)
    assert isinstance(plugin.serve.cache if plugin.serve else None, PageCache) is cached


@pytest.mark.parametrize("given, rows, error", [
    (None, 500, ""),
    (2, 2, ""),
    (0, None, "Expected a whole number of rows, at least 1, but received: 0"),
    (-3, None, "Expected a whole number of rows, at least 1, but received: -3"),
    (True, None, "Expected a whole number of rows, at least 1, but received: True"),
    (2.5, None, "Expected a whole number of rows, at least 1, but received: 2.5"),
    ("ten", None, "Expected a whole number of rows, at least 1, but received: 'ten'"),
])
def test_rows_per_page_is_a_whole_number_of_at_least_one(given: object, rows: int | None, error: str) -> None:
    plugin = AnnotatedBriefingsPlugin()
    errors, warnings = plugin.load_config({} if given is None else {"rows_per_page": given})
    assert [(key, str(e)) for key, e in errors] == ([("rows_per_page", error)] if error else [])
    assert not warnings
    if rows is not None:
        assert plugin.config.rows_per_page == rows


def test_the_readme_lists_each_option_with_its_default() -> None:
    """Site owners learn the options from the README's "Site settings": each one, at its default."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Site settings", 1)[1]
    listed = yaml.safe_load(readme.split("```yaml\n", 1)[1].split("```", 1)[0])["plugins"][0]["annotated-briefings"]
    plugin = AnnotatedBriefingsPlugin()
    assert plugin.load_config({}) == ([], [])
    internal = {"bypass_markdown"}  # for the benchmarks' comparisons, not for sites
    assert listed == {key: value for key, value in plugin.config.items() if key not in internal}


def test_a_generated_page_is_rendered_whole_with_its_toc_and_ids() -> None:
    """The adapter renders a deferred page when MkDocs builds it: its HTML whole, its recorded table of contents
    and ids; the build's temporary folder goes when the build fails."""
    plugin = AnnotatedBriefingsPlugin()
    plugin.build = Build(True)
    blocks = (Headings().heading(1, "T", "t").rstrip("\n"), '<div class="x">\n<p>words</p>\n</div>')
    toc = ({"level": 1, "id": "t", "name": "T"},)
    page_data = Page("p.md", {"title": "T"}, blocks, toc=toc, ids=frozenset("t"))
    plugin.build.pages.pending = {"p.md": lambda: page_data}
    page = SimpleNamespace(file=SimpleNamespace(src_uri="p.md", generated_by="annotated-briefings"),
                           meta={"title": "T"}, url="p/", title="T", toc=None, present_anchor_ids=set(), content="")
    plugin.on_page_context({}, page=page, config=None, nav=None)
    assert page.content == "\n\n".join(blocks)
    assert page.present_anchor_ids == {"t"} and [item.id for item in page.toc] == ["t"]
    assert "p.md" not in plugin.build.pages.pending
    folder = plugin.build.folder.name
    plugin.on_build_error(error=RuntimeError())
    assert plugin.build is None and not os.path.exists(folder)


@pytest.mark.slow
def test_verbose_builds_log_what_was_reused_and_the_time_of_each_phase(tmp_path: Path) -> None:
    root = copy_site("small", tmp_path / "site-src")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-d", str(root / "site")],
                            cwd=root, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("DEBUG   -  build_scripts: ")]
    patterns = [r"files: \d+ generated; load and check \d+\.\d{3} s, index pages and data files \d+\.\d{3} s",
                r"search: \d+ records indexed in \d+\.\d{3} s \([\d,]+ bytes\)",
                r"pages: \d+ generated pages built in \d+\.\d{3} s"]
    assert [p for p in patterns if not any(re.fullmatch(f"DEBUG   -  build_scripts: {p}", l) for l in lines)] == []
    quiet = build(root, tmp_path / "tmp")
    assert quiet.returncode == 0 and "build_scripts: files:" not in quiet.stderr


def _dirty_serve_build(root: Path, site: Path, started: list) -> None:
    """One rebuild as ``mkdocs serve --dirty --no-strict`` does it: the plugins are kept, the config reloaded."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.chdir(root)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site), strict=False)
    if not started:
        config.plugins.on_startup(command="serve", dirty=True)
    started.append(config.plugins["annotated-briefings"])
    mkdocs_build(config, dirty=True)


def _html(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.mark.slow
def test_serve_dirty_builds_only_the_pages_an_edit_touches(tmp_path: Path, monkeypatch, caplog) -> None:
    """Under ``mkdocs serve --dirty``, a generated page the page cache still holds is not built again. After a
    claim edit the site is what a clean build of the edited project gives, page for page, and its search index
    is the same, byte for byte (the records of the pages not built again are the last rebuild's). The plugin's
    debug log says what it reused."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins")
    monkeypatch.chdir(tmp_path)
    root = copy_site("small", tmp_path / "site-src")
    extra = root / "articles" / "2020-04-01-extra-briefing.md"  # a briefing that goes before the edit
    extra.write_text((root / "articles" / "2020-03-01-harbour-bridge-vote.md").read_text(encoding="utf-8")
                     .replace("Porto Verde council approves harbour bridge", "An extra briefing"), encoding="utf-8")
    site, started = tmp_path / "served", []
    _dirty_serve_build(root, site, started)
    assert "briefings/2020-04-01-extra-briefing/" in by_url(site)
    before = {path: (site / path).stat().st_mtime_ns for path in _html(site)}
    vote = root / "annotations" / "2020-03-01-harbour-bridge-vote.yml"
    vote.write_text(vote.read_text(encoding="utf-8").replace(CLAIM, "Rivera promises traffic by 2023, edited."),
                    encoding="utf-8")
    extra.unlink()
    caplog.clear()
    _dirty_serve_build(root, site, started)
    reused = [re.fullmatch(r"build_scripts: (?:files loaded: (\d+) of \d+ results reused|pages: .*page cache: "
                           r"(\d+) reused, \d+ rendered)", r.getMessage()) for r in caplog.records]
    assert sorted(int(m.group(1) or m.group(2)) > 0 for m in reused if m) == [True, True]
    assert len({id(plugin) for plugin in started}) == 1  # as under serve: one plugin for every rebuild
    rewritten = {path for path, mtime in before.items() if (site / path).stat().st_mtime_ns != mtime}
    assert f"{VOTE}/index.html" in rewritten
    kept = {path for path in before if path.startswith(("briefings/", "speakers/", "topics/"))} - rewritten
    assert kept, "every generated page was built again"
    assert "Rivera promises traffic by 2023, edited." not in "".join(
        (site / path).read_text(encoding="utf-8") for path in kept)  # the kept pages never showed the claim

    clean = tmp_path / "clean"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(clean)], cwd=root,
                            env=dict(os.environ), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    gone = "briefings/2020-04-01-extra-briefing/index.html"
    assert gone in _html(site)  # MkDocs never deletes under --dirty: the page stays, unlinked...
    assert "2020-04-01-extra-briefing" not in "".join(page.decode() for path, page in _html(site).items()
                                                       if path != gone)
    assert {path: page for path, page in _html(site).items() if path != gone} == _html(clean)
    index = [{p.relative_to(folder).as_posix(): p.read_bytes() for p in (folder / "pagefind").rglob("*")
              if p.is_file()} for folder in (site, clean)]
    assert index[0] == index[1] and "briefings/2020-04-01-extra-briefing/" not in by_url(site)  # ...and unsearched
