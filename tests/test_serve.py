"""``mkdocs serve`` rebuilds when a file in articles/ or annotations/ changes, as a contributor previews an edit.

The small fixture site is served for real on 127.0.0.1; the test edits an annotation's claim, a speaker's name
and the article text, and polls the served pages until each change appears on every page that shows it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import copy_site
from pagefind_files import entries, fragments_over_http, stand_in

from build_scripts import pagefind_index

BRIEFING = "briefings/2020-03-01-harbour-bridge-vote/"
ANNOTATIONS = "annotations/2020-03-01-harbour-bridge-vote.yml"
ARTICLE = "articles/2020-03-01-harbour-bridge-vote.md"
TIMEOUT = 90  # seconds for one rebuild, on a busy 2-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def _wait_for(url: str, text: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve exited with {server.returncode}"
        if text in _page(url):
            return
        time.sleep(0.25)
    pytest.fail(f"{text!r} did not appear at {url} within {TIMEOUT} s")


def _serve(tmp_path: Path, *extra: str, draft: bool = False, pagefind: Path | None = None):
    """``mkdocs serve`` of a copy of the small fixture, with its temporary folder in ``tmp_path / "tmp"``;
    ``pagefind``: a stand-in for the binary."""
    root = copy_site("small", tmp_path / "site")
    if draft:  # a hand-written draft: MkDocs builds it under serve only
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text + "\ndraft_docs: |\n  drafts/\n", encoding="utf-8")
        (root / "docs" / "drafts").mkdir()
        (root / "docs" / "drafts" / "ferry.md").write_text(
            "# Ferry timetable\n\nA draft on the winter ferry timetable.\n", encoding="utf-8")
    port = _free_port()
    temporary = tmp_path / "tmp"  # MkDocs' served site and the plugin's build folder
    temporary.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temporary))
    if pagefind is not None:
        env["PAGEFIND_BINARY_PATH"] = str(pagefind)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *extra],  # (--no-livereload stops watching)
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=_default_sigint)
    try:
        # mkdocs serve mounts the site at the path of site_url
        path = urlsplit(yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path
        yield root, f"http://127.0.0.1:{port}{path}", server
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C, as a contributor stops it, perhaps mid-rebuild
        try:
            server.wait(timeout=30)
        finally:
            server.kill()
    assert server.returncode == 0
    assert sorted(p.name for p in temporary.iterdir()) == [], "Ctrl+C left temporary folders"


def _default_sigint() -> None:
    """In the server: Ctrl+C's signal raises KeyboardInterrupt, even when the tests run where it is ignored
    (a shell's background job), which Python would inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def served(tmp_path: Path):
    yield from _serve(tmp_path)


@pytest.fixture
def served_dirty(tmp_path: Path):
    yield from _serve(tmp_path, "--dirty", "--no-strict")


@pytest.fixture
def served_dirty_with_a_draft(tmp_path: Path):
    yield from _serve(tmp_path, "--dirty", "--no-strict", draft=True)


def _edit_a_claim(root: Path, base: str, server: subprocess.Popen) -> None:
    """Edit one claim; wait for it on its briefing page, then check every other page that shows it."""
    _wait_for(base + BRIEFING, "Rivera promises the crossing carries its first traffic", server)
    annotations = root / ANNOTATIONS
    annotations.write_text(annotations.read_text(encoding="utf-8").replace(
        "Rivera promises the crossing carries its first traffic within three years.",
        "Rivera promises the crossing opens to traffic by 2023, an edited claim."), encoding="utf-8")
    _wait_for(base + BRIEFING, "an edited claim", server)
    # Pages are kept between rebuilds (render/pagecache.py): the other pages that show the claim change too
    # (lists show it as a row; Tomas Lind's page names whose claim his counterclaim disputes, not its text).
    for other in ("speakers/ana-rivera/", "topics/schedule/", "claims/2020/"):
        assert "an edited claim" in _page(base + other), other


@pytest.fixture
def served_with_a_stalling_pagefind(tmp_path: Path):
    """Served with a Pagefind that, once ``tmp_path / "stall"`` exists, writes its process id to
    ``tmp_path / "pagefind.pid"`` and sleeps for a minute instead of indexing."""
    real = pagefind_index.executable()
    stall, pid = tmp_path / "stall", tmp_path / "pagefind.pid"
    script = f'if [ -e "{stall}" ]; then echo $$ > "{pid}"; exec sleep 60; fi\nexec "{real}" "$@"\n'
    yield from _serve(tmp_path, pagefind=stand_in(tmp_path / "pagefind", script))


@pytest.mark.slow
def test_ctrl_c_during_a_rebuild_stops_pagefind_and_leaves_no_folder(served_with_a_stalling_pagefind,
                                                                     tmp_path: Path) -> None:
    """A contributor stops the preview (Ctrl+C) while it rebuilds after an edit, with Pagefind at work (here a
    stand-in that would run for a minute): Pagefind is stopped, and the temporary folders go."""
    root, base, server = served_with_a_stalling_pagefind
    _wait_for(base + BRIEFING, "Rivera promises the crossing carries its first traffic", server)
    (tmp_path / "stall").touch()
    annotations, pid = root / ANNOTATIONS, tmp_path / "pagefind.pid"
    annotations.write_text(annotations.read_text(encoding="utf-8").replace(
        "within three years.", "within three years, edited."), encoding="utf-8")
    deadline = time.monotonic() + TIMEOUT
    while not (pid.is_file() and pid.read_text().strip()):
        assert time.monotonic() < deadline and server.poll() is None, "the edit started no Pagefind"
        time.sleep(0.05)
    pagefind = int(pid.read_text())
    server.send_signal(signal.SIGINT)
    assert server.wait(timeout=30) == 0
    state = Path(f"/proc/{pagefind}/stat")
    assert not state.exists() or state.read_text().split(") ")[1][0] == "Z"  # gone (or dead, not yet reaped)
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.slow
def test_serve_rebuilds_on_annotation_and_article_changes(served) -> None:
    root, base, server = served
    url = base + BRIEFING
    _edit_a_claim(root, base, server)

    speakers = root / "annotations" / "speakers.yml"
    speakers.write_text(speakers.read_text(encoding="utf-8").replace(
        "name: Tomas Lind", "name: Tomas Lind-Edited"), encoding="utf-8")
    _wait_for(url, "Tomas Lind-Edited", server)
    for other in ("speakers/tomas-lind/", "speakers/ana-rivera/", "topics/costs/"):
        assert "Tomas Lind-Edited" in _page(base + other), other

    article = root / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace(
        "ending a decade of debate.", "ending a decade of debate, the edited article says."), encoding="utf-8")
    _wait_for(url, "the edited article says", server)


def _records_until(base: str, server: subprocess.Popen, done) -> list[dict]:
    """The records of the index served at ``base``, read again until ``done(records)`` holds or TIMEOUT
    passes: the index is written once a rebuild's pages are."""
    deadline, records = time.monotonic() + TIMEOUT, []
    while not done(records) and time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve exited with {server.returncode}"
        time.sleep(0.2)
        try:
            records = fragments_over_http(base, _bytes)
        except OSError:  # between two files of a rebuild's index
            records = []
    return records


def _edited(records: list[dict]) -> list[str]:
    """Where search finds the claim :func:`_edit_a_claim` wrote."""
    return [e["location"] for e in entries(records) if "an edited claim" in e["title"] + e["text"]]


def _urls(records: list[dict]) -> set[str]:
    return {r["meta"]["url"] for r in records}


@pytest.mark.slow
def test_serve_dirty_shows_an_edit_on_every_page_and_in_search(served_dirty) -> None:
    """``mkdocs serve --dirty --no-strict`` (the README's quick preview): pages the edit did not touch are not
    built again, yet every page that shows the claim shows the edit, and search finds it once."""
    root, base, server = served_dirty
    _edit_a_claim(root, base, server)
    records = _records_until(base, server, _edited)
    # one section: the dirty rebuild left no stale copy
    assert _edited(records) == [BRIEFING + "#bridge-opens-2023"]
    assert not any("carries its first traffic within three years" in e["title"] + e["text"] for e in entries(records))


@pytest.mark.slow
def test_serve_drops_a_renamed_page_from_search(served) -> None:
    """A hand-written page added, then renamed, while the site is served: search finds it under its new address
    only."""
    root, base, server = served

    def index_becomes(present: str, absent: str) -> set[str]:
        return _urls(_records_until(base, server, lambda r: present in _urls(r) and absent not in _urls(r)))

    _wait_for(base + "about/", "About", server)
    (root / "docs" / "history.md").write_text("# History\n\nThe harbour bridge debate, year by year.\n",
                                              encoding="utf-8")
    urls = index_becomes("history/", "past/")
    assert "history/" in urls, sorted(urls)
    (root / "docs" / "history.md").rename(root / "docs" / "past.md")
    urls = index_becomes("past/", "history/")
    assert "past/" in urls and "history/" not in urls and "about/" in urls, sorted(urls)


@pytest.mark.slow
def test_serve_dirty_keeps_a_draft_in_search(served_dirty_with_a_draft) -> None:
    """Under ``mkdocs serve --dirty``, MkDocs builds draft pages too and search finds them; a rebuild that
    does not touch the draft keeps its record beside the edit it made."""
    root, base, server = served_dirty_with_a_draft
    _wait_for(base + "drafts/ferry/", "winter ferry timetable", server)
    urls = _urls(_records_until(base, server, lambda r: "drafts/ferry/" in _urls(r)))
    assert "drafts/ferry/" in urls, sorted(urls)
    _edit_a_claim(root, base, server)
    records = _records_until(base, server, _edited)
    assert _edited(records) == [BRIEFING + "#bridge-opens-2023"]
    assert "drafts/ferry/" in _urls(records), sorted(_urls(records))


XSS_KEY = "claim<script>window.__xss=1</script><img src=x onerror=window.__xss=2>"


@pytest.mark.browser
def test_serve_shows_problems_in_the_browser_and_reloads_to_the_site(served, browser) -> None:
    """A broken edit does not leave requests hanging: the open page reloads to a page listing each problem
    (HTML-escaped: contributor text), every other page and any unknown URL show it too, and once the mistake
    is fixed the open page reloads to the site by itself."""
    root, base, server = served
    _wait_for(base + BRIEFING, "Porto Verde council approves harbour bridge", server)
    page = browser.new_page()
    try:
        page.goto(base + BRIEFING)
        assert page.locator(".ab-problems").count() == 0
        path = root / ANNOTATIONS
        good = path.read_text(encoding="utf-8")
        line = good.splitlines().index(
            "    claim: Rivera promises the crossing carries its first traffic within three years.") + 1
        path.write_text(good.replace("    claim: Rivera promises", f"    {XSS_KEY}: Rivera promises", 1),
                        encoding="utf-8")
        page.wait_for_selector(".ab-problems", timeout=TIMEOUT * 1000)  # live reload, no navigation
        items = page.locator(".ab-problems li").all_inner_texts()
        assert items == [
            f"{ANNOTATIONS}:{line - 3}:5: annotations[0]: missing required field 'claim' in annotation "
            "(add a 'claim:' line: plain-words paraphrase of what the speaker asserts)",
            f"{ANNOTATIONS}:{line}:5: annotations[0].{XSS_KEY}: unknown field '{XSS_KEY}' in annotation "
            "(allowed fields: id, speaker, attribution, quote, prefix, suffix, claim, counterclaims, topics, note, "
            "sources, contributor)"]
        assert page.locator(".ab-problems h1").inner_text() == "Problems to fix"
        assert page.evaluate("window.__xss") is None
        assert page.locator(".ab-problems script, .ab-problems img").count() == 0
        # Any other page answers at once with the same list; so does a URL the site never had (404).
        started = time.monotonic()
        for other in ("", "speakers/ana-rivera/", "about/"):
            escaped = XSS_KEY.replace("<", "&lt;").replace(">", "&gt;")
            assert f"annotations[0].{escaped}" in _page(base + other)
        assert time.monotonic() - started < 10
        try:
            urllib.request.urlopen(base + "no-such-page/", timeout=10)
        except urllib.error.HTTPError as error:
            assert error.code == 404 and "Problems to fix" in error.read().decode("utf-8")
        else:
            pytest.fail("an unknown URL answered 200")
        path.write_text(good, encoding="utf-8")
        page.wait_for_selector(".ab-problems", state="detached", timeout=TIMEOUT * 1000)
        page.wait_for_load_state()
        assert "Rivera promises the crossing carries its first traffic" in page.content()
        assert page.title() == "Porto Verde council approves harbour bridge - Annotated Briefings"
    finally:
        page.close()


@pytest.mark.slow
def test_serve_dirty_builds_every_page_again_after_the_problems_page(served_dirty) -> None:
    """Under serve --dirty, pages an edit does not touch are kept from the last rebuild: after a rebuild that
    showed the problems page in their place, they are built again."""
    root, base, server = served_dirty
    _wait_for(base + "speakers/ana-rivera/", "Ana Rivera", server)
    path = root / ANNOTATIONS
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("    claim: Rivera promises", "    claimm: Rivera promises", 1),
                    encoding="utf-8")
    _wait_for(base + "speakers/ana-rivera/", "Problems to fix", server)
    path.write_text(good, encoding="utf-8")
    _wait_for(base + BRIEFING, "Rivera promises the crossing carries its first traffic", server)
    for other in ("speakers/ana-rivera/", "speakers/tomas-lind/", "topics/schedule/", "about/", ""):
        text = _page(base + other)
        assert text and "ab-problems" not in text, other
