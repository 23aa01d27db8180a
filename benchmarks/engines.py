"""The engine matrix: one corpus built by MkDocs, ProperDocs and Zensical, side by side.

``python benchmarks/engines.py [--articles N] [--per-article M] [--repeats K] [--json]``
measures each engine on the same generated corpus (:mod:`generate`, default 100 x 20);
``python benchmarks/engines.py zensical-project ROOT DEST`` only lays out the Zensical project of
the site at ROOT in DEST (see ENGINES.md), for ``zensical build -f DEST/mkdocs.yml``.

- **MkDocs 1.6** and **ProperDocs 1.6** build the project's own ``mkdocs.yml`` with ``--strict``;
  our plugin runs on both (ProperDocs maps every ``mkdocs.*`` import to its own modules).
  :func:`site_differences` lists what differs between their outputs.
- **Zensical** ignores our plugin, so the generated pages are written first as files
  (``python -m build_scripts render --out``) into a copy of ``docs/``; :func:`zensical_project`
  lays out that project and its config, and :func:`zensical_build` builds it.

Each build step is a child process; its wall time and peak RSS come from ``os.wait4`` (as in
:mod:`run`). Zensical's figures are its two steps together: the seconds added, the larger peak.
Medians over the repeats are reported.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from importlib import metadata
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import annotated_project, timed, tree_bytes  # noqa: E402

ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}
INSTALL = "pip install -r requirements-dev.txt (make setup)"

# The one difference between a MkDocs and a ProperDocs build of the same project: Material writes
# "mkdocs-{{ mkdocs_version }}" into every HTML page, and ProperDocs gives "ProperDocs <version>" as that
# version. Each entry: the line in the MkDocs page, the line in the ProperDocs page (regexes), and why.
EXPECTED_DIFFERENCES = {
    "generator": (
        r'\s*<meta name="generator" content="mkdocs-[\d.]+, mkdocs-material-[\d.]+">',
        r'\s*<meta name="generator" content="mkdocs-ProperDocs [\d.]+, mkdocs-material-[\d.]+">',
        "Material names the engine and its version in every HTML page's generator meta tag",
    ),
}

# The Zensical project: what changes from the repository's mkdocs.yml, and why.
ZENSICAL_PLUGINS = {"search"}  # Zensical's own search, on; any other (annotated-briefings) it would drop silently
ZENSICAL_FEATURES_OFF = {
    # Zensical makes each page's edit button from edit_uri + the file's path under docs_dir (front matter
    # cannot change it); a generated page has no file there, so the button would lead nowhere. The
    # "Edit this annotation" / "Edit this speaker" links inside the pages are right and stay.
    "content.action.edit",
}
ZENSICAL_DROPPED_OVERRIDES = {
    # Material 9's search box (given an accessible name): Zensical's own already has one, and Material's
    # markup shows unstyled in Zensical's header.
    "partials/search.html",
    # Material 9's header with the site's search box in place of Material's search plugin's: under Zensical
    # there is no annotated-briefings plugin, so it would show no search box at all.
    "partials/header.html",
}


def engine_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        raise SystemExit(f"{distribution} is not installed: {INSTALL}") from None


def engine_command(engine: str, config: Path, site_dir: Path) -> list[str]:
    """``mkdocs`` or ``properdocs build --strict`` of ``config`` into ``site_dir`` (run in its folder). No
    --quiet: it silences warnings before --strict counts them, and the build would pass."""
    return [sys.executable, "-m", engine, "build", "--strict", "-f", str(config), "-d", str(site_dir)]


def run_engine(engine: str, root: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """One strict build of ``root/mkdocs.yml`` by MkDocs or ProperDocs (deterministic, not raising)."""
    env = dict(os.environ, **ENV)
    env.pop("MKDOCS_VERBOSE", None)
    return subprocess.run(engine_command(engine, root / "mkdocs.yml", site_dir), cwd=root, env=env,
                          capture_output=True, text=True, check=False)


def site_differences(a: Path, b: Path) -> dict[str, list[str]]:
    """Every difference between two built sites, by file: ``["only in first"]``, ``["only in second"]``, or
    the changed lines that no entry of :data:`EXPECTED_DIFFERENCES` explains (with ``explained: NAME``
    lines for those it does). Files equal byte for byte are left out."""
    files = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    other = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    found: dict[str, list[str]] = {}
    for name in sorted(files | other):
        if name not in other or name not in files:
            found[name] = ["only in first" if name in files else "only in second"]
            continue
        left, right = (a / name).read_bytes(), (b / name).read_bytes()
        if left != right:
            found[name] = _changed_lines(left.decode("utf-8", "replace"), right.decode("utf-8", "replace"))
    return found


def _changed_lines(left: str, right: str) -> list[str]:
    """The changed lines, ``- old`` / ``+ new``; a line changed into one that an expected difference explains
    (a changed block's lines are paired in order when both sides have as many) is ``explained: NAME``."""
    old_lines, new_lines = left.splitlines(), right.splitlines()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = old_lines[i1:i2], new_lines[j1:j2]
        if tag == "equal":
            continue
        if len(old) != len(new):
            out.extend([f"- {line}" for line in old] + [f"+ {line}" for line in new])
            continue
        for before, after in zip(old, new):
            name = _explained(before, after)
            out.extend([f"explained: {name}"] if name else [f"- {before}", f"+ {after}"])
    return out


def _explained(old: str, new: str) -> str | None:
    return next((name for name, (x, y, _) in EXPECTED_DIFFERENCES.items()
                 if re.fullmatch(x, old) and re.fullmatch(y, new)), None)


def render_command(root: Path, out: Path) -> list[str]:
    """``render --out`` of the site at ``root``, with the repo and site URLs of its config (as the plugin)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return [sys.executable, "-m", "build_scripts", "--root", str(root), "render", "--out", str(out),
            "--repo-url", config.get("repo_url") or "", "--site-url", config.get("site_url") or "",
            "--search"]  # the claims explorer's index (pagefind/), which the plugin would write


def _render(command: list[str]) -> None:
    subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True)


def zensical_project(root: Path, dest: Path, render: Callable[[list[str]], object] = _render) -> Path:
    """Lay out in ``dest`` (new) the Zensical project of the site at ``root``: its hand-written ``docs/`` with
    the generated pages and data files written into it (``render`` runs :func:`render_command`; by default
    raising ``CalledProcessError``, with the output, if it fails), its theme overrides less
    :data:`ZENSICAL_DROPPED_OVERRIDES`, and a ``mkdocs.yml`` that is the site's own with docs_dir and site_dir
    inside ``dest``, only :data:`ZENSICAL_PLUGINS`, no :data:`ZENSICAL_FEATURES_OFF`, and Zensical's
    "classic" variant (Material's look). Returns ``dest/mkdocs.yml``."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    dest.mkdir(parents=True)
    shutil.copytree(root / config.get("docs_dir", "docs"), dest / "docs")
    render(render_command(root, dest / "docs"))
    theme = dict(config["theme"])
    if theme.get("custom_dir"):
        shutil.copytree(root / theme["custom_dir"], dest / "overrides")
        for name in ZENSICAL_DROPPED_OVERRIDES:
            (dest / "overrides" / name).unlink(missing_ok=True)
        theme["custom_dir"] = "overrides"
    theme["variant"] = "classic"  # Zensical's default is its "modern" look
    theme["features"] = [f for f in theme.get("features", []) if f not in ZENSICAL_FEATURES_OFF]
    plugins = [p for p in config.get("plugins", []) if _plugin_name(p) in ZENSICAL_PLUGINS]
    plugins += sorted(ZENSICAL_PLUGINS - {_plugin_name(p) for p in plugins})
    config.update(docs_dir="docs", site_dir="site", theme=theme, plugins=plugins)
    target = dest / "mkdocs.yml"
    target.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def _plugin_name(entry: str | dict) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def zensical_command(config: Path) -> list[str]:
    return [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config)]


def zensical_build(config: Path) -> subprocess.CompletedProcess:
    """``zensical build --strict --clean`` of a :func:`zensical_project` (not raising); the site is in
    ``site/`` beside the config."""
    return subprocess.run(zensical_command(config), cwd=config.parent, env=dict(os.environ, **ENV),
                          capture_output=True, text=True, check=False)


def _timed_zensical(project: Path, dest: Path) -> list[tuple[float, float]]:
    """Render (a child), then Zensical (another child): each step's seconds and peak MiB."""
    shutil.rmtree(dest, ignore_errors=True)
    steps = []
    config = zensical_project(project, dest, render=lambda command: steps.append(timed(command, REPO)))
    steps.append(timed(zensical_command(config), dest))
    return steps


def measure(articles: int, per_article: int, repeats: int, work: Path, seed: int = 1) -> dict:
    os.environ.update(ENV)  # every child: no MkDocs 2 notice, dates (sitemap.xml.gz) fixed
    generate(work / "corpus", articles, per_article, seed)
    project = annotated_project(work / "corpus", work / "project")
    runs: dict[str, list[list[tuple[float, float]]]] = {"mkdocs": [], "properdocs": [], "zensical": []}
    for _ in range(repeats):  # alternate, so that drifting load hits every engine alike
        for engine in ("mkdocs", "properdocs"):
            shutil.rmtree(work / engine, ignore_errors=True)
            command = engine_command(engine, project / "mkdocs.yml", work / engine)
            runs[engine].append([timed(command, project)])
        runs["zensical"].append(_timed_zensical(project, work / "zensical"))
    differences = site_differences(work / "mkdocs", work / "properdocs")
    unexplained = {k: v for k, v in differences.items() if any(not x.startswith("explained:") for x in v)}
    sites = {"mkdocs": work / "mkdocs", "properdocs": work / "properdocs",
             "zensical": work / "zensical" / "site"}
    result: dict = {"articles": articles, "annotations": articles * per_article, "repeats": repeats}
    for engine, samples in runs.items():  # a sample: its steps; their seconds added up, the larger peak
        result[engine] = {
            "version": engine_version(engine),
            "build_s": round(statistics.median(sum(s for s, _ in steps) for steps in samples), 2),
            "peak_mib": round(statistics.median(max(m for _, m in steps) for steps in samples), 1),
            "pages": sum(1 for _ in sites[engine].rglob("*.html")),
            "site_bytes": tree_bytes(sites[engine]),
        }
    render, build = zip(*runs["zensical"])
    result["zensical"].update(render_s=round(statistics.median(s for s, _ in render), 2),
                              render_peak_mib=round(statistics.median(m for _, m in render), 1),
                              zensical_s=round(statistics.median(s for s, _ in build), 2),
                              zensical_peak_mib=round(statistics.median(m for _, m in build), 1))
    result["properdocs_vs_mkdocs"] = {"files_differing": len(differences), "unexplained": unexplained}
    return result


def table(result: dict) -> str:
    per_article = result["annotations"] // result["articles"]
    rows = [f"{result['articles']} articles x {per_article} annotations, median of {result['repeats']}"]
    rows.append(f"{'engine':<11} {'version':<8} {'build s':>8} {'peak MiB':>9} {'pages':>6} {'site MB':>8}")
    for engine in ("mkdocs", "properdocs", "zensical"):
        r = result[engine]
        rows.append(f"{engine:<11} {r['version']:<8} {r['build_s']:>8} {r['peak_mib']:>9} {r['pages']:>6} "
                    f"{r['site_bytes'] / 1e6:>8.1f}")
    z = result["zensical"]
    rows.append(f"zensical = render {z['render_s']} s ({z['render_peak_mib']} MiB) "
                f"+ zensical build {z['zensical_s']} s ({z['zensical_peak_mib']} MiB)")
    diff = result["properdocs_vs_mkdocs"]
    rows.append(f"ProperDocs vs MkDocs: {diff['files_differing']} file(s) differ, "
                f"{len(diff['unexplained'])} with unexplained differences")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    lay = sub.add_parser("zensical-project", help="lay out the Zensical project of a site (see ENGINES.md)")
    lay.add_argument("root", type=Path, help="the site's folder (mkdocs.yml, docs/, articles/, annotations/)")
    lay.add_argument("dest", type=Path, help="a new folder for the Zensical project")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    if args.command == "zensical-project":
        config = zensical_project(args.root.resolve(), args.dest.resolve())
        print(f"zensical build --strict -f {config}", file=sys.stderr)
        return 0
    for engine in ("mkdocs", "properdocs", "zensical"):
        engine_version(engine)
    with tempfile.TemporaryDirectory(prefix="ab-engines-") as tmp:
        result = measure(args.articles, args.per_article, args.repeats, Path(tmp), args.seed)
    print(json.dumps(result) if args.json else table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
