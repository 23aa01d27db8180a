"""Command line: ``python -m build_scripts {check,build,render,ingest,...}``."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from . import (
    engines,
    ingest,
    jsonschema_export,
    pagefind_index,
    reanchor,
    scaffold,
    sitebuild,
    step_summary,
    stubs,
)
from .diagnostics import FORMATTERS, PipelineError, format_step_summary, sort_key
from .extras import EXIT_STATUS, MissingExtra
from .pipeline import Project, load_site, render_project
from .render import RenderOptions
from .search_records import records


def _project(args: argparse.Namespace) -> Project:
    return Project(Path(args.root).resolve(), args.articles, args.annotations)


def _report(exc: PipelineError, fmt: str) -> int:
    sys.stdout.write(FORMATTERS[fmt](exc.diagnostics))
    if fmt == "github":
        step_summary.append(format_step_summary(exc.diagnostics))
    print(f"check: {exc.total:,} problem(s) found", file=sys.stderr)
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    project = _project(args)
    todo = stubs.scan(project, strict=args.strict)  # TODO comments: warnings, or errors under --strict
    try:
        site = load_site(project)
    except PipelineError as exc:
        return _report(PipelineError(stubs.merge(exc.diagnostics, todo)), args.format)
    warned = stubs.strictly(site.warnings) if args.strict else list(site.warnings)  # roles out of date
    todo = sorted(todo + warned, key=sort_key)
    if todo and args.strict:
        return _report(PipelineError(todo), args.format)
    sys.stdout.write(FORMATTERS[args.format](todo) if todo else "")
    if args.format == "github":  # the counts and what changed against origin/main, on the run's page
        step_summary.write_ok(project, site, todo)
    print(
        "check: OK: "
        + ", ".join(f"{n} {kind}(s)" for kind, n in step_summary.counts(site).items())
        + (f"; {len(todo)} warning(s)" if todo else ""),
        file=sys.stderr,
    )
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    project = _project(args)
    try:
        pages = render_project(
            project, RenderOptions(not args.no_directory_urls, args.repo_url, site_url=args.site_url)
        )
    except PipelineError as exc:
        return _report(exc, "human")
    out = Path(args.out)
    for page in pages.values():
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8", newline="\n")
    print(f"render: {len(pages)} page(s) written to {out}", file=sys.stderr)
    if args.search:  # for an engine that runs no plugin: the index the explorer and search.js read
        with tempfile.TemporaryDirectory(prefix="annotated-briefings-") as work:
            site = load_site(project)
            indexed = pagefind_index.build(records(site, not args.no_directory_urls), out, Path(work))
        print(f"render: {indexed.records} search record(s) indexed in {out / 'pagefind'}", file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    if cmd_check(args) != 0:
        print(f"build: not built; {args.site_dir} was left as it was", file=sys.stderr)
        return 1
    root = Path(args.root).resolve()
    return sitebuild.build_site(root, root / args.config, root / args.site_dir)


COMMANDS = [ingest, jsonschema_export, scaffold, reanchor]
DESCRIPTION = "Check, build and author an Annotated Briefings site: articles/ and annotations/ into site/."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=DESCRIPTION)
    parser.add_argument("--root", default=".", help="project folder (default: current folder)")
    parser.add_argument("--articles", default="articles", help="articles folder, relative to the root")
    parser.add_argument(
        "--annotations", default="annotations", help="annotations folder, relative to the root"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate articles and annotations without building")
    p.add_argument("--format", choices=sorted(FORMATTERS), default="human", help="output format")
    p.add_argument(
        "--strict", action="store_true", help="also fail on warnings: TODO comments left in annotation files"
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("render", help="write the generated pages as Markdown files, for inspection")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--repo-url", default="", help="forge URL for edit links")
    p.add_argument(
        "--site-url",
        default="",
        help="absolute site URL (the site_url of the site's config), for export URLs",
    )
    p.add_argument("--no-directory-urls", action="store_true", help="link pages as name.html")
    p.add_argument(
        "--search", action="store_true", help="also write the search index (pagefind/) of the annotations"
    )
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("build", help="check, then build the site atomically into site/")
    p.add_argument("--config", default=engines.builder.CONFIG, help="the site's config, relative to the root")
    p.add_argument("--site-dir", default="site", help="output folder, relative to the root")
    p.set_defaults(func=cmd_build, format="human", strict=True)  # a TODO comment left stops the build

    for module in COMMANDS:  # commands that live in their own module register themselves
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except MissingExtra as exc:  # a command whose optional packages are not installed (extras.py)
        print(exc, file=sys.stderr)
        return EXIT_STATUS
