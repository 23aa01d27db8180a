"""Smoke test of the benchmark harness: deterministic corpus, valid contract, runner prints every key.

No timings are asserted: they are noisy on shared machines; the targets are
checked by running ``benchmarks/run.py`` itself (see BENCHMARKS.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate  # noqa: E402
from reader import transferred, unseen  # noqa: E402

from build_scripts.pipeline import Project, load_site  # noqa: E402

KEYS = ["articles", "annotations", "annotated_s", "baseline_s", "ratio", "pipeline_s", "peak_mib_annotated",
        "peak_mib_baseline", "mem_ratio", "site_bytes", "html_bytes", "html_bytes_baseline", "html_ratio",
        "search_bytes", "pages", "per_article_ms"]
READER_KEYS = ["first_search_bytes_annotated", "first_search_bytes_baseline", "first_search_s_annotated",
               "first_search_s_baseline", "first_search_phone_s_annotated", "first_search_phone_s_baseline",
               "explorer_bytes_annotated", "explorer_bytes_baseline"]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(root, 12, 6, seed=7)
    return root


def test_same_seed_gives_identical_files(corpus: Path, tmp_path: Path) -> None:
    generate(tmp_path, 12, 6, seed=7)
    assert _files(tmp_path) == _files(corpus)


def test_another_seed_gives_other_files(corpus: Path, tmp_path: Path) -> None:
    generate(tmp_path, 12, 6, seed=8)
    assert _files(tmp_path) != _files(corpus)


def test_corpus_shape(corpus: Path) -> None:
    site = load_site(Project(corpus))  # raises PipelineError on any problem
    assert len(site.briefings) == 12
    assert len(site.annotations) == 12 * 6
    assert len(site.speakers) == 4  # about N/3
    refs = [c for a in site.annotations.values() for c in a.counterclaims if c.ref]
    assert any(site.briefing_of[c.ref] != site.briefing_of[c.annotation_id] for c in refs)
    assert any(a.prefix for a in site.annotations.values())
    words = [len(b.article.body.split()) for b in site.briefings]
    assert min(words) >= 900


def test_generated_corpus_passes_check(corpus: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "build_scripts", "check"], cwd=corpus,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "12 briefing(s), 72 annotation(s)" in result.stdout + result.stderr


def test_transferred_sums_each_finished_request_once() -> None:
    events = [
        ("Network.requestWillBeSent", {"requestId": "1", "request": {"url": "http://127.0.0.1/"}}),
        ("Network.loadingFinished", {"requestId": "1", "encodedDataLength": 1200.0}),
        ("Network.dataReceived", {"requestId": "2", "dataLength": 999, "encodedDataLength": 999}),
        ("Network.loadingFinished", {"requestId": "2", "encodedDataLength": 30}),
        ("Network.loadingFinished", {"requestId": "2", "encodedDataLength": 35}),  # the last report counts
        ("Network.loadingFailed", {"requestId": "3"}),
    ]
    assert transferred(events) == 1235
    assert transferred([]) == 0


def test_unseen_counts_what_the_browser_session_did_not_see_path_by_path() -> None:
    sent = [("/", 100), ("/worker.js", 40), ("/a.css", 7), ("/a.css", 7), ("/index.json", 500)]
    assert unseen(sent, ["/", "/a.css", "/index.json"]) == 47  # the worker's script, and the second a.css
    assert unseen(sent, ["/", "/worker.js", "/a.css", "/a.css", "/index.json"]) == 0
    assert unseen([], ["/"]) == 0


@pytest.mark.slow
def test_runner_prints_every_key() -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--articles", "20",
                             "--per-article", "5", "--repeats", "1", "--json", "--no-browser"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [k for k in KEYS if k not in data] == []
    assert [k for k in READER_KEYS if k in data] == []  # --no-browser
    assert (data["articles"], data["annotations"]) == (20, 100)
    assert data["pages"] > data["baseline_pages"] >= 21  # 20 articles + home + index
    assert 0 < data["search_bytes"] < data["site_bytes"]
    assert 0 < data["html_bytes_baseline"] and 0 < data["html_bytes"] < data["site_bytes"]
    assert data["html_ratio"] == round(data["html_bytes"] / data["html_bytes_baseline"], 3)


@pytest.mark.slow
@pytest.mark.browser
def test_runner_measures_the_reader_on_both_sites() -> None:
    """The reader's figures come from Chromium: the bytes the page's DevTools session counted, plus a worker's
    own requests, equal what the server sent; the baseline has no explorer. No time is asserted."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--articles", "6",
                             "--per-article", "4", "--repeats", "1", "--json", "--browser-repeats", "1"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [k for k in KEYS + READER_KEYS if k not in data] == []
    for site in ("annotated", "baseline"):
        assert data[f"first_search_bytes_{site}"] == data[f"first_search_server_bytes_{site}"] > 100_000
        assert data[f"first_search_s_{site}"] >= 0 and data[f"first_search_phone_s_{site}"] >= 0
    assert data["explorer_bytes_annotated"] == data["explorer_server_bytes_annotated"] > 0
    assert data["explorer_bytes_baseline"] is None


@pytest.mark.slow
def test_phases_split_one_build_between_our_handlers_and_mkdocs() -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "phases.py"), "--articles", "20",
                             "--per-article", "5", "--json"], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    parts = ["on_files_s", "on_page_context_s", "other_ours_s", "mkdocs_s"]
    assert (data["articles"], data["annotations"]) == (20, 100)
    assert all(data[key] > 0 for key in [*parts, "baseline_build_s", "yaml_events_s"]), data
    assert abs(sum(data[key] for key in parts) - data["build_s"]) < 0.01
    assert abs(data["floor_ratio"] - data["mkdocs_s"] / data["baseline_build_s"]) < 0.01
