"""Live-editing latency: from saving one annotation file to the rebuilt page under ``mkdocs serve``.

``python benchmarks/serve_latency.py --articles N --per-article M [--no-cache | --both] [--dirty]``

Generates the corpus, starts ``mkdocs serve`` on 127.0.0.1, waits for the first
build, rewrites one claim in one annotation file and polls that briefing's page
until the new claim appears. ``--no-cache`` disables the pipeline's memo of
parsed and anchored files and the page cache (monkeypatched in the child only), for comparison.
``--dirty`` serves with ``--dirty --no-strict``: only the pages an edit touches are built again.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import annotated_project  # noqa: E402

SERVE = """
import sys
if sys.argv[1] == "no-cache":
    import build_scripts.engines.mkdocs.serve as serve
    serve.Memo = serve.PageCache = lambda: None
sys.argv = ["mkdocs", "serve", "-a", sys.argv[2], *sys.argv[3:]]
from mkdocs.__main__ import cli
cli()
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float) -> float:
    """Poll ``url`` until its body contains ``text``; returns the moment it did."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {text!r} at {url}")


def measure(project: Path, slug: str, cache: bool, dirty: bool = False,
            timeout: float = float(os.environ.get("AB_SERVE_TIMEOUT", 900))) -> dict:
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = open(project / "serve.log", "w")
    started = time.perf_counter()
    extra = ["--dirty", "--no-strict"] if dirty else []
    proc = subprocess.Popen([sys.executable, "-c", SERVE, "cache" if cache else "no-cache", f"127.0.0.1:{port}", *extra],
                            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        mount = urllib.parse.urlsplit(config.get("site_url") or "/").path.rstrip("/")  # serve mounts here
        url = f"http://127.0.0.1:{port}{mount}/briefings/{slug}/"
        first = _wait_for(url, "<html", timeout) - started
        time.sleep(2)  # let the watcher settle
        path = project / "annotations" / f"{slug}.yml"
        marker = f"Edited claim {time.time_ns()}"
        text = path.read_text(encoding="utf-8")
        start = text.index("    claim: ")
        end = text.index("\n", start)
        saved = time.perf_counter()
        path.write_text(text[:start] + f'    claim: "{marker}"' + text[end:], encoding="utf-8")
        rebuilt = _wait_for(url, marker, timeout) - saved
    except SystemExit:
        log.flush()
        sys.stderr.write((project / "serve.log").read_text(encoding="utf-8")[-3000:])
        raise
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    return {"cache": cache, "dirty": dirty, "first_build_s": round(first, 2), "edit_to_page_s": round(rebuilt, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--both", action="store_true", help="measure with and then without the cache")
    parser.add_argument("--dirty", action="store_true", help="serve with --dirty --no-strict")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ab-serve-") as tmp:
        slugs = generate(Path(tmp) / "corpus", args.articles, args.per_article)
        project = annotated_project(Path(tmp) / "corpus", Path(tmp) / "project")
        modes = [True, False] if args.both else [not args.no_cache]
        for cache in modes:
            result = measure(project, slugs[len(slugs) // 2], cache, args.dirty)
            print(json.dumps({"articles": args.articles, "per_article": args.per_article, **result}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
