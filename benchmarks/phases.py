"""Where one annotated build's time goes: our event handlers, and MkDocs and Material around them.

``python benchmarks/phases.py --articles N --per-article M [--json]``

Generates the corpus, then runs one build of the real config in a child
process whose plugin event handlers are wrapped in timers, and one build of
the plain baseline (as in :mod:`run`), each timed from MkDocs' ``build()`` call
(start-up and imports excluded). ``mkdocs_s`` is the annotated build less our
handlers: what MkDocs and Material cost with our work at zero, so
``floor_ratio`` (``mkdocs_s`` over ``baseline_build_s``) is the least ratio
any work of ours could reach. Also timed: stepping through the libyaml events
of every annotation file, the least any YAML loading can cost.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import annotated_project, baseline_project  # noqa: E402

# Runs in the child: time each handler of the plugin, then the whole build.
CHILD = """
import json, sys, time
from collections import Counter
from mkdocs.plugins import CombinedEvent
import build_scripts.engines.mkdocs.plugin as adapter
spent = Counter()
def timed(name, handler):
    def run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
    run.__dict__.update(handler.__dict__)  # keeps its event priority
    return run
plugin = adapter.AnnotatedBriefingsPlugin
for name, handler in list(vars(plugin).items()):
    if name.startswith("on_") and isinstance(handler, CombinedEvent):
        setattr(plugin, name, CombinedEvent(*(timed(name, part) for part in handler.methods)))
    elif name.startswith("on_") and callable(handler):
        setattr(plugin, name, timed(name, handler))
from mkdocs.commands.build import build
from mkdocs.config import load_config
start = time.perf_counter()
build(load_config(config_file="mkdocs.yml", site_dir=sys.argv[1]))
total = time.perf_counter() - start
print(json.dumps({"build_s": total, **{name: seconds for name, seconds in spent.items()}}))
"""


def yaml_events_seconds(folder: Path) -> float:
    """Seconds to step through the libyaml events of every annotation file (no data built)."""
    import time

    import yaml

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yml"))]
    start = time.perf_counter()
    for text in texts:
        parser = yaml.CSafeLoader(text)
        while parser.get_event() is not None:
            pass
        parser.dispose()
    return time.perf_counter() - start


def _build(project: Path, site: Path) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    out = subprocess.run([sys.executable, "-c", CHILD, str(site)], cwd=project, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(articles: int, per_article: int, work: Path, seed: int = 1) -> dict:
    corpus = work / "corpus"
    generate(corpus, articles, per_article, seed)
    spent = _build(annotated_project(corpus, work / "annotated"), work / "site")
    baseline_s = _build(baseline_project(corpus, work / "baseline"), work / "site-baseline")["build_s"]
    build_s = spent.pop("build_s")
    render = spent.pop("on_page_context", 0.0)
    files = spent.pop("on_files", 0.0)
    other = sum(spent.values())
    return {
        "articles": articles, "annotations": articles * per_article, "build_s": round(build_s, 3),
        "on_files_s": round(files, 3), "on_page_context_s": round(render, 3), "other_ours_s": round(other, 3),
        "mkdocs_s": round(build_s - files - render - other, 3), "baseline_build_s": round(baseline_s, 3),
        "floor_ratio": round((build_s - files - render - other) / baseline_s, 3),
        "yaml_events_s": round(yaml_events_seconds(corpus / "annotations"), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of lines")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ab-phases-") as tmp:
        result = measure(args.articles, args.per_article, Path(tmp), args.seed)
    if args.json:
        print(json.dumps(result))
    else:
        print("\n".join(f"{key:20}{value}" for key, value in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
