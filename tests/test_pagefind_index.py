"""The search index on disk (build_scripts/pagefind_index.py, pagefind_stable.py): Pagefind's own output orders its
filters differently from run to run; the index the build writes is byte-identical, holds every record, loses its
working folder, and a real ``mkdocs build --strict`` writes it the same way twice. Pagefind runs while MkDocs
builds the pages, and stops when a build fails."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site, mkdocs_build
from pagefind_files import fragments, stand_in

from build_scripts import pagefind_index, pagefind_stable
from build_scripts.pipeline import Project, load_site
from build_scripts.search_records import records


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def full_records():
    return list(records(load_site(Project(FIXTURES / "full"))))


def test_the_index_is_byte_identical_and_holds_every_record(tmp_path: Path, full_records) -> None:
    built = []
    for name in ("one", "two"):
        indexed = pagefind_index.build(full_records, tmp_path / name, tmp_path / f"work-{name}")
        assert indexed.records == len(full_records) and indexed.bytes > 0
        assert list((tmp_path / f"work-{name}").iterdir()) == []  # the record files are gone
        built.append(_files(tmp_path / name / "pagefind"))
    assert built[0] == built[1]
    assert {f["meta"]["url"] for f in fragments(tmp_path / "one")} == {r.url for r in full_records}
    claims = {f["meta"]["url"]: f.get("claims") for f in fragments(tmp_path / "one")}  # each briefing's claims file
    assert claims == {r.url: ([s.meta for s in r.sections] if r.sections else None) for r in full_records}
    assert len([name for name in built[0] if name.startswith("claims/")]) == sum(1 for r in full_records if r.sections)
    assert not [name for name in built[0] if name.startswith("pagefind-ui") or name.endswith("-ui.js")]
    assert [name for name in built[0] if name.startswith("wasm.")] == ["wasm.en.pagefind"]


def test_pagefind_alone_orders_its_filters_differently(tmp_path: Path, full_records, monkeypatch) -> None:
    """Why pagefind_stable exists: without it, runs differ (in the filter and metadata files only)."""
    monkeypatch.setattr(pagefind_stable, "stabilise", lambda bundle: None)
    runs = []
    for i in range(3):
        pagefind_index.build(full_records, tmp_path / str(i), tmp_path / "work")
        runs.append(_files(tmp_path / str(i) / "pagefind"))
    differing = {name for run in runs[1:] for name in set(run) ^ set(runs[0])}
    assert differing, "Pagefind's output is now stable: pagefind_stable can go"
    assert {name.split("/")[0].split(".")[0] for name in differing} <= {"filter", "pagefind"}


def test_stabilised_filters_are_in_value_order(tmp_path: Path, full_records) -> None:
    pagefind_index.build(full_records, tmp_path, tmp_path / "work")
    for path in sorted((tmp_path / "pagefind" / "filter").iterdir()):
        name, values = pagefind_stable.read(path)
        assert [v[0] for v in values] == sorted(v[0] for v in values), name
    meta = pagefind_stable.read(next((tmp_path / "pagefind").glob("*.pf_meta")))
    assert [f[0] for f in meta[pagefind_stable.FILTERS]] == ["briefing", "disputed", "speaker", "topic", "year"]


@pytest.mark.parametrize("data, message", [
    (b"not pagefind", "no pagefind_dcd signature"),
    (b"pagefind_dcd\x9f\x01\xff", "does not read back as written"),  # indefinite length: Pagefind writes definite
    (b"pagefind_dcd\x18\x01", "does not read back as written"),  # 1 written in two bytes: not as Pagefind writes
    (b"pagefind_dcd\x82\x01", "x: premature end of stream"),  # an array of two that holds one
])
def test_an_unknown_format_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(pagefind_stable.FormatChanged, match=message):
        pagefind_stable.loads(gzip.compress(data), "x")


@pytest.mark.slow
def test_mkdocs_build_writes_the_same_index_twice(tmp_path: Path) -> None:
    root = copy_site("full", tmp_path / "src", repo_config=True)
    sites = []
    for name in ("a", "b"):
        result = mkdocs_build(root, tmp_path / name)
        assert result.returncode == 0, result.stderr
        sites.append(_files(tmp_path / name))
    assert sites[0] == sites[1]
    assert "pagefind/pagefind-entry.json" in sites[0] and "pagefind/pagefind.js" in sites[0]
    assert not [name for name in sites[0] if name.startswith("search/") or name == "claims/explorer.json"]


def test_a_cancelled_index_stops_pagefind_and_leaves_no_files(tmp_path: Path, full_records, monkeypatch) -> None:
    """A build that fails while Pagefind runs stops it at once, and its record files go."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path / "pagefind", "exec sleep 60\n")))
    (tmp_path / "work").mkdir()
    indexing = pagefind_index.start(full_records, tmp_path / "out", tmp_path / "work")
    assert indexing.process.poll() is None and any((tmp_path / "work" / "search-records").rglob("*.html"))
    indexing.cancel()
    assert indexing.process.returncode == -9  # killed, not waited for 60 s
    assert list((tmp_path / "work").iterdir()) == []


def test_a_build_that_fails_while_pagefind_runs_stops_it(tmp_path: Path, full_records, monkeypatch) -> None:
    """The plugin's side: MkDocs' on_build_error ends the build, which stops Pagefind and removes its folder."""
    from build_scripts.engines.mkdocs.plugin import AnnotatedBriefingsPlugin, Build

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path / "pagefind", "exec sleep 60\n")))
    plugin = AnnotatedBriefingsPlugin()
    plugin.build = build = Build(True)
    build.indexing = indexing = pagefind_index.start(full_records, tmp_path / "out", Path(build.folder.name))
    plugin.on_build_error(error=RuntimeError())
    assert indexing.process.returncode == -9 and not Path(build.folder.name).exists()


def test_mkdocs_ending_mid_build_stops_pagefind(tmp_path: Path, full_records, monkeypatch) -> None:
    """MkDocs calls on_shutdown as it ends, also when Ctrl+C stopped a build: Pagefind must not outlive it."""
    from build_scripts.engines.mkdocs.plugin import AnnotatedBriefingsPlugin, Build

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path / "pagefind", "exec sleep 60\n")))
    plugin = AnnotatedBriefingsPlugin()
    plugin.build = build = Build(True)
    build.indexing = indexing = pagefind_index.start(full_records, tmp_path / "out", Path(build.folder.name))
    plugin.on_shutdown()
    assert indexing.process.returncode == -9 and not Path(build.folder.name).exists() and plugin.build is None


def test_an_interrupted_wait_stops_pagefind(tmp_path: Path, full_records, monkeypatch) -> None:
    """Ctrl+C while the build waits for Pagefind: it is stopped, and its record files go."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path / "pagefind", "exec sleep 60\n")))
    (tmp_path / "work").mkdir()
    indexing = pagefind_index.start(full_records, tmp_path / "out", tmp_path / "work")
    wait, calls = indexing.process.wait, []

    def interrupted(timeout=None):
        calls.append(timeout)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return wait(timeout)

    monkeypatch.setattr(indexing.process, "wait", interrupted)
    with pytest.raises(KeyboardInterrupt):
        indexing.finish()
    assert indexing.process.returncode == -9 and list((tmp_path / "work").iterdir()) == []


def test_a_forgotten_run_stops_pagefind(tmp_path: Path, full_records, monkeypatch) -> None:
    """A run neither finished nor cancelled (the interpreter ends on an error no handler saw) stops Pagefind when
    it goes."""
    import gc

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path / "pagefind", "exec sleep 60\n")))
    (tmp_path / "work").mkdir()
    indexing = pagefind_index.start(full_records, tmp_path / "out", tmp_path / "work")
    process = indexing.process
    del indexing
    gc.collect()
    assert process.returncode == -9


def test_under_serve_an_index_is_kept_only_once_it_was_written(tmp_path: Path) -> None:
    """A live preview keeps the last index while the records are unchanged, but only an index that was finished:
    after a rebuild whose Pagefind ran to its end but whose pages failed, the bundle on disk is Pagefind's raw
    output, and the next rebuild of the same records indexes again."""
    from types import SimpleNamespace

    from mkdocs.structure.files import Files

    from build_scripts.engines.mkdocs.plugin import AnnotatedBriefingsPlugin, Build
    from build_scripts.engines.mkdocs.site_search import SiteSearch

    config = SimpleNamespace(site_dir=str(tmp_path / "site"))
    bundle = tmp_path / "site" / pagefind_index.OUTPUT
    plugin = AnnotatedBriefingsPlugin()
    plugin.on_startup(command="serve", dirty=True)

    started: list[bool] = []  # whether each rebuild ran Pagefind (False: the index was kept)

    def rebuild(fixture: str, pages_fail: bool = False) -> Build:
        plugin.build = build = Build(True)
        build.search = SiteSearch(load_site(Project(FIXTURES / fixture)), True, "en", {})
        plugin.on_env(None, config=config, files=Files([]))
        started.append(build.indexing is not None)
        if pages_fail:  # Pagefind ends, then a page fails: MkDocs never reaches on_post_build
            assert build.indexing is not None and build.indexing.process.wait() == 0
            plugin.on_build_error(error=RuntimeError())
        else:
            plugin.on_post_build(config=config)
        return build

    rebuild("small")
    assert rebuild("small").search_digest == plugin._search_digest != ""  # unchanged: kept
    rebuild("full", pages_fail=True)
    assert (bundle / "pagefind-ui.js").is_file()  # Pagefind's raw output
    assert plugin._search_digest == ""
    rebuild("full")
    assert not (bundle / "pagefind-ui.js").exists()  # indexed again and finished
    assert started == [True, False, True, True]  # the second rebuild kept the index; the fourth did not


def test_a_failed_pagefind_is_reported_with_its_output(tmp_path: Path, full_records, monkeypatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path / "pagefind", "echo 'Error: disk full' >&2\nexit 3\n")))
    (tmp_path / "work").mkdir()
    with pytest.raises(pagefind_index.PagefindError, match="^pagefind exited with status 3:\nError: disk full$"):
        pagefind_index.build(full_records, tmp_path / "site", tmp_path / "work")
    assert list((tmp_path / "work").iterdir()) == []


@pytest.mark.slow
def test_pagefind_indexes_while_mkdocs_builds_the_pages(tmp_path: Path, monkeypatch) -> None:
    """The plugin starts Pagefind before MkDocs writes any page (so it runs on the other core), with every
    page's record, the hand-written pages' too; the finished index is the site's."""
    real = pagefind_index.executable()
    seen = tmp_path / "seen.txt"  # the site's pages, and Pagefind's records, as Pagefind started
    site = tmp_path / "site"
    script = f'find "{site}" -name index.html > "{seen}"\necho RECORDS >> "{seen}"\n'
    script += f'grep -rhoE \'data-pagefind-meta="url">[^<]*\' "$2" >> "{seen}"\nexec "{real}" "$@"\n'
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path / "pagefind", script)))
    root = copy_site("small", tmp_path / "src")
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    pages, urls = seen.read_text(encoding="utf-8").split("RECORDS\n")
    assert pages == ""  # no page was written yet
    assert {"about/", "briefings/2020-03-01-harbour-bridge-vote/"} <= {u.split(">", 1)[1] for u in urls.split()}
    assert {f["meta"]["url"] for f in fragments(site)} >= {"about/", "briefings/2020-03-01-harbour-bridge-vote/"}


@pytest.mark.slow
def test_a_dirty_build_keeps_every_page_in_the_index(tmp_path: Path) -> None:
    """``mkdocs build --dirty`` converts only the pages changed since the last build, yet the index it makes anew
    still holds the others: the same records as a full build."""
    root, site = copy_site("small", tmp_path / "src"), tmp_path / "site"
    assert mkdocs_build(root, site).returncode == 0
    full = {f["meta"]["url"]: f["content"] for f in fragments(site)}
    assert "about/" in full
    about = site / "about" / "index.html"
    written = about.stat().st_mtime_ns
    result = mkdocs_build(root, site, "--dirty", "--no-strict")  # (MkDocs warns of any dirty build)
    assert result.returncode == 0, result.stderr
    assert {f["meta"]["url"]: f["content"] for f in fragments(site)} == full
    assert about.stat().st_mtime_ns == written  # converted for its record, not written again


@pytest.mark.slow
def test_ctrl_c_during_mkdocs_build_stops_pagefind(tmp_path: Path, monkeypatch) -> None:
    """SIGINT to MkDocs alone (as Ctrl+C in a terminal, were Pagefind not in its group) while Pagefind runs:
    MkDocs ends, and so does Pagefind, and the build's temporary folder goes."""
    import os
    import signal
    import subprocess
    import sys
    import time

    pid = tmp_path / "pagefind.pid"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path / "pagefind", f'echo $$ > "{pid}"\nexec sleep 60\n')))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    root = copy_site("small", tmp_path / "src")
    mkdocs = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"),
                               "-d", str(tmp_path / "site")], cwd=root, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (pid.is_file() and pid.read_text().strip()) and mkdocs.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    pagefind = int(pid.read_text())
    mkdocs.send_signal(signal.SIGINT)
    assert mkdocs.wait(timeout=30) != 0
    state = Path(f"/proc/{pagefind}/stat")
    assert not state.exists() or state.read_text().split(") ")[1][0] == "Z"  # gone (or dead, not yet reaped)
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize("given, passed", [(None, "dirty_decay_ms:0,muzzy_decay_ms:0"), ("narenas:1", "narenas:1")])
def test_pagefind_returns_freed_memory_at_once_unless_told_otherwise(tmp_path: Path, full_records, monkeypatch,
                                                                      given, passed) -> None:
    """Pagefind's allocator setting (its peak at 1,000 briefings: 269 MB, not 303); one the user sets wins."""
    real = pagefind_index.executable()
    script = f'printf %s "$_RJEM_MALLOC_CONF" > "{tmp_path / "conf"}"\nexec "{real}" "$@"\n'
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in(tmp_path / "pagefind", script)))
    if given is None:
        monkeypatch.delenv("_RJEM_MALLOC_CONF", raising=False)
    else:
        monkeypatch.setenv("_RJEM_MALLOC_CONF", given)
    pagefind_index.build(full_records, tmp_path / "site", tmp_path / "work")
    assert (tmp_path / "conf").read_text(encoding="utf-8") == passed


def test_serve_knows_every_page_it_builds_by_its_page_url(tmp_path: Path) -> None:
    """Under serve, a hand-written page keeps its search record while the site has it: the URLs are those
    ``Page.url`` gives (the home page's is ""), and a draft, which serve builds, counts; an excluded page does not."""
    from mkdocs.structure.files import File, Files, InclusionLevel

    from build_scripts.engines.mkdocs.serve import Serve, converted

    def page(name: str, inclusion: InclusionLevel = InclusionLevel.INCLUDED) -> File:
        return File(name, str(tmp_path), str(tmp_path / "site"), True, inclusion=inclusion)

    files = Files([page("index.md"), page("about.md"), page("plans.md", InclusionLevel.DRAFT),
                   page("notes.md", InclusionLevel.EXCLUDED), File("style.css", str(tmp_path), "site", True)])
    for dirty in (False, True):
        serve = Serve(dirty)
        records = serve.search_pages  # as the plugin hands them to this rebuild's search
        records.update((url, object()) for url in ("", "about/", "plans/", "notes/", "gone/"))
        serve.rebuilt(files, [], {}, recovering=False)
        assert set(serve.search_pages) == {"", "about/", "plans/"}
        assert serve.search_pages is records
    built = files.documentation_pages(inclusion=converted(False))  # a one-off build converts no draft
    assert [f.src_uri for f in built] == ["index.md", "about.md"]


@pytest.mark.parametrize("content, blocks", [
    # a heading is a block of its own, without toc's permalink: it does not run on into the paragraph after it
    ('<h2 id="how">How to read<a class="headerlink" href="#how" title="Permanent link">¶</a></h2><p>Select a '
     "<em>highlight</em>.</p>", ("How to read", "Select a highlight.")),
    ("<ul><li>one</li><li>two <code>x</code></li></ul>", ("one", "two x")),  # an item each; inline tags join
    ("<p>a<br>b</p><script>var t = '<p>no</p>';</script><style>p{}</style>", ("a", "b")),
    ("<p>&lt;b&gt; &amp;  \n spaced</p>", ("<b> & spaced",)),  # entities decoded, white space collapsed
    ('<table><tr><th>Field</th><td>claim <a href="#x">text</a></td></tr></table>', ("Field", "claim text")),
])
def test_a_page_s_text_is_read_a_block_at_a_time(content: str, blocks: tuple[str, ...]) -> None:
    from build_scripts.engines.mkdocs.site_search import page_text

    assert page_text(content) == blocks


@pytest.mark.parametrize("text, indexed", [
    ("Inflation rose to 4%", "Inflation rose to 4%."),  # Pagefind adds no stop after "%", "…", "”", "]", "—"
    ("needs to be “verifiable and complete,”", "needs to be “verifiable and complete,”."),
    ("the talks stalled…", "the talks stalled…."),
    ("Rates rise.", "Rates rise."),  # a stop already
    ("Rates rise", "Rates rise"),  # Pagefind adds its own after a letter, a digit, ' " ) $ *
    ('he said "no"', 'he said "no"'),
])
def test_every_field_ends_in_a_stop_in_the_index(text: str, indexed: str) -> None:
    """search.js tells where a record's field begins by the stop before it (an excerpt's ellipsis, a field of
    ASCII forms left out): a field Pagefind would leave without one gets it in the record's HTML."""
    from build_scripts.pagefind_index import ended

    assert ended(text) == indexed
