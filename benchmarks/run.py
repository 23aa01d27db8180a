"""Benchmark runner: the annotated site against a plain Material baseline, side by side.

``python benchmarks/run.py --articles N --per-article M [--repeats K] [--json]``

Generates the corpus (:mod:`generate`), then alternates K times (a) ``mkdocs
build`` of the project's real ``mkdocs.yml`` and ``docs/`` over the corpus and
(b) the same article texts as plain Markdown pages in a stock Material site with
the same theme settings, a small nav and search on. Each build is a child
process; its wall time and peak RSS come from ``os.wait4`` (the child's own
rusage). ``pipeline_s`` is our own load, validate, anchor, model and render
(:func:`build_scripts.pipeline.render_project`), timed in a fresh child process
so that no cache is warm. Medians are reported.

Then, unless ``--no-browser``, what a reader pays on each of the two sites, side by side in one headless
Chromium (:mod:`reader`): bytes and seconds to the first search result from the home page (desktop, and a
CPU throttled 4x as a phone), bytes of a cold visit to the claims explorer, and the sites' HTML bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from reader import QUERY, html_bytes, side_by_side  # noqa: E402

KEYS = ["articles", "annotations", "annotated_s", "baseline_s", "ratio", "pipeline_s", "peak_mib_annotated",
        "peak_mib_baseline", "mem_ratio", "site_bytes", "html_bytes", "html_bytes_baseline", "html_ratio",
        "search_bytes", "pages", "per_article_ms"]
READER_KEYS = ["first_search_bytes_annotated", "first_search_bytes_baseline", "first_search_s_annotated",
               "first_search_s_baseline", "first_search_phone_s_annotated", "first_search_phone_s_baseline",
               "explorer_bytes_annotated", "explorer_bytes_baseline"]
PIPELINE = """
import sys, time
from pathlib import Path
from build_scripts.pipeline import Project, render_project
from build_scripts.render import RenderOptions
t = time.perf_counter()
pages = render_project(Project(Path(sys.argv[1])), RenderOptions())
print(time.perf_counter() - t, len(pages))
"""


def annotated_project(corpus: Path, root: Path) -> Path:
    """The real config and hand-written docs, next to the generated articles/ and annotations/."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    real = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    for folder in {"docs", real.get("docs_dir", "docs"), real["theme"].get("custom_dir")} - {None}:
        shutil.copytree(REPO / folder, root / folder)
    for folder in ("articles", "annotations"):
        shutil.copytree(corpus / folder, root / folder)
    return root


def baseline_project(corpus: Path, root: Path) -> Path:
    """The same article texts as plain pages of a stock Material site (same theme, small nav, search)."""
    real = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = root / "docs"
    (docs / "articles").mkdir(parents=True)
    rows = []
    for path in sorted((corpus / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        end = text.find("\n---\n", 3)
        meta = yaml.safe_load(text[4:end])
        body = text[end + 5:].strip()
        (docs / "articles" / path.name).write_text(f"# {meta['title']}\n\n{body}\n", encoding="utf-8")
        rows.append(f"- [{meta['title']}]({path.name})")
    (docs / "articles" / "index.md").write_text("# Articles\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nThe articles, as plain pages.\n", encoding="utf-8")
    config = {
        "site_name": "Baseline", "site_url": real.get("site_url"),
        "theme": {k: v for k, v in real["theme"].items() if k != "custom_dir"},  # stock Material
        "plugins": ["search"], "markdown_extensions": real.get("markdown_extensions", []),
        "nav": [{"Home": "index.md"}, {"Articles": "articles/index.md"}],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Run one child; its wall seconds and peak resident memory in MiB (ru_maxrss of that child only)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} failed in {cwd}:\n{stderr.decode(errors='replace')[-4000:]}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def mkdocs_build(project: Path, out: Path) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    return timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)], project)


def pipeline_seconds(project: Path) -> float:
    result = subprocess.run([sys.executable, "-c", PIPELINE, str(project)], cwd=REPO, check=True,
                            capture_output=True, text=True)
    return float(result.stdout.split()[0])


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search_bytes(site: Path) -> int:
    """The bytes of the site's search index: Material's ``search/`` folder, or Pagefind's ``pagefind/``."""
    return sum(tree_bytes(site / name) for name in ("search", "pagefind") if (site / name).is_dir())


def run(articles: int, per_article: int, repeats: int, work: Path, seed: int = 1, browser: bool = True,
        query: str = QUERY, browser_repeats: int = 3, corpus: Path | None = None) -> dict:
    if corpus is None:  # else one generate.py wrote, with the same sizes and seed (a large one takes minutes)
        corpus = work / "corpus"
        generate(corpus, articles, per_article, seed)
    annotated = annotated_project(corpus, work / "annotated")
    baseline = baseline_project(corpus, work / "baseline")
    a_times, b_times, a_mem, b_mem, p_times = [], [], [], [], []
    for _ in range(repeats):  # alternate, so that drifting load hits both alike
        t, m = mkdocs_build(annotated, work / "site-annotated")
        a_times.append(t)
        a_mem.append(m)
        t, m = mkdocs_build(baseline, work / "site-baseline")
        b_times.append(t)
        b_mem.append(m)
        p_times.append(pipeline_seconds(annotated))
    site, base = work / "site-annotated", work / "site-baseline"
    annotated_s, baseline_s = statistics.median(a_times), statistics.median(b_times)
    peak_a, peak_b = statistics.median(a_mem), statistics.median(b_mem)
    result = {
        "articles": articles,
        "annotations": articles * per_article,
        "annotated_s": round(annotated_s, 3),
        "baseline_s": round(baseline_s, 3),
        "ratio": round(annotated_s / baseline_s, 3),
        "pipeline_s": round(statistics.median(p_times), 3),
        "peak_mib_annotated": round(peak_a, 1),
        "peak_mib_baseline": round(peak_b, 1),
        "mem_ratio": round(peak_a / peak_b, 3),
        "site_bytes": tree_bytes(site),
        "html_bytes": html_bytes(site),
        "html_bytes_baseline": html_bytes(base),
        "html_ratio": round(html_bytes(site) / html_bytes(base), 3),
        "search_bytes": search_bytes(site),
        "pages": sum(1 for _ in site.rglob("*.html")),
        "baseline_pages": sum(1 for _ in base.rglob("*.html")),
        "per_article_ms": round(annotated_s / articles * 1000, 2),
        "repeats": repeats,
    }
    if browser:
        reader = side_by_side(site, base, query, browser_repeats)
        result.update({key: value for key, value in reader.items() if not key.startswith("html_")})
    return result


def table(result: dict) -> str:
    width = max(len(k) for k in result)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in result.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it, instead of a temp dir")
    parser.add_argument("--no-browser", action="store_true", help="leave out the reader's figures (Chromium)")
    parser.add_argument("--query", default=QUERY, help="the word searched for from the home page")
    parser.add_argument("--browser-repeats", type=int, default=3, help="cold visits per figure (medians)")
    parser.add_argument("--corpus", type=Path, help="a corpus generate.py wrote with these sizes and seed")
    args = parser.parse_args(argv)
    options = {"browser": not args.no_browser, "query": args.query, "browser_repeats": args.browser_repeats,
               "corpus": args.corpus}
    if args.keep:
        args.keep.mkdir(parents=True)
        result = run(args.articles, args.per_article, args.repeats, args.keep, args.seed, **options)
    else:
        with tempfile.TemporaryDirectory(prefix="ab-bench-") as tmp:
            result = run(args.articles, args.per_article, args.repeats, Path(tmp), args.seed, **options)
    print(json.dumps(result) if args.json else table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
