"""What ``check --format github`` writes to ``$GITHUB_STEP_SUMMARY``, the run's summary page.

With problems, their table (:func:`.diagnostics.format_step_summary`). On success, what was checked (the
counts of briefings, annotations, counterclaims, speakers and topics), the warnings if any, and what changed
against ``origin/main``: the briefings, annotations and speakers added, edited and removed. The changes are
found by git (``git diff`` names the changed files; those files are read at ``origin/main`` and in the
working tree, and their entries compared by id); where git or the ref is not there (a shallow checkout, no
git), the summary says so and gives the counts alone.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .diagnostics import Diagnostic, PipelineError, cell, step_table
from .model import Site
from .pipeline import SPEAKERS_FILE, TOPICS_FILE, Project
from .sourcefiles import read_file
from .yamlsource import MAX_FILE_BYTES, load_yaml_bytes

BASE = "origin/main"
TITLE = "## Annotated Briefings check"
LISTED = 10  # ids named per line; the rest are counted
GIT_TIMEOUT = 60  # seconds, for each git command


def append(text: str) -> None:
    """Add ``text`` to the step summary, when the run has one (GitHub Actions sets the variable)."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)


def counts(site: Site) -> dict[str, int]:
    """What a check covered, by kind, in the order it is reported."""
    counters = sum(len(a.counterclaims) for a in site.annotations.values())
    return {
        "briefing": len(site.briefings),
        "annotation": len(site.annotations),
        "counterclaim": counters,
        "speaker": len(site.speakers),
        "topic": len(site.topics),
    }


def format_ok(numbers: dict[str, int], changes: list[str] | str, warnings: Sequence[Diagnostic] = ()) -> str:
    """The summary of a check that passed: ``changes`` are lines from :func:`changes_since`, or why there
    are none."""
    found = "No problems found." + (f" {len(warnings)} warning(s), listed below." if warnings else "")
    rows = [TITLE, "", found, "", "| Checked | Count |", "|---|---|"]
    rows += [f"| {kind.capitalize()}s | {number:,} |" for kind, number in numbers.items()]
    rows += ["", f"### Changes against {BASE}", ""]
    rows += [f"- {line}" for line in changes] if isinstance(changes, list) else [changes]
    if isinstance(changes, list) and not changes:
        rows.append("No briefing, annotation or speaker was added, edited or removed.")
    if warnings:
        rows += ["", "### Warnings", "", *step_table(warnings)]
    return "\n".join(rows) + "\n"


# --- what changed against the base ---------------------------------------------------------------------


@dataclass
class _Entries:
    """Entries by id on each side (a file's annotations, the registry's speakers); article slugs."""

    base: dict[str, Any] = field(default_factory=dict)
    head: dict[str, Any] = field(default_factory=dict)


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    result = subprocess.run(
        ["git", "-C", str(root), *args], input=data, capture_output=True, timeout=GIT_TIMEOUT, check=False
    )
    if result.returncode != 0:
        raise OSError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout


def _changed_files(root: Path, folders: Sequence[str]) -> list[tuple[str, str]]:
    """(status, path) of the files under ``folders`` that differ from the base: A, M or D; untracked = A."""
    out = _git(root, "diff", "--relative", "--no-renames", "--name-status", "-z", BASE, "--", *folders).split(
        b"\0"
    )
    changed = [(out[i].decode(), out[i + 1].decode()) for i in range(0, len(out) - 1, 2)]
    others = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", *folders).split(b"\0")
    return changed + [("A", p.decode()) for p in others if p]


def _base_blobs(root: Path, paths: list[str]) -> dict[str, bytes]:
    """The contents of ``paths`` at the base, in one ``git cat-file --batch`` (files absent there are left
    out; one over the size limit is an error)."""
    if not paths:
        return {}
    out = _git(root, "cat-file", "--batch", data="".join(f"{BASE}:./{p}\n" for p in paths).encode())
    blobs, at = {}, 0
    for path in paths:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        if size > MAX_FILE_BYTES:
            raise OSError(f"{path} at {BASE} is over the size limit")
        blobs[path] = out[at : at + size]
        at += size + 1
    return blobs


def _entries(data: bytes | None, key: str, path: str) -> dict[str, Any]:
    """Entries of the list ``key`` by their id (as written); none for a file that is absent or unreadable
    (the check itself reports the working tree's files; the base's passed it)."""
    if data is None:
        return {}
    try:
        doc = load_yaml_bytes(data, path)
    except PipelineError:
        return {}
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return {}
    return {item["id"]: item for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _line(kind: str, entries: _Entries) -> str:
    """'Annotations: 1 added (`x`), 1 edited (`y`)' or '' when none changed."""
    base, head = entries.base, entries.head
    groups = (
        ("added", sorted(head.keys() - base.keys())),
        ("edited", sorted(k for k in head.keys() & base.keys() if head[k] != base[k])),
        ("removed", sorted(base.keys() - head.keys())),
    )
    parts = []
    for name, ids in groups:
        if ids:
            shown = ", ".join(f"<code>{cell(i)}</code>" for i in ids[:LISTED])
            more = f" and {len(ids) - LISTED:,} more" if len(ids) > LISTED else ""
            parts.append(f"{len(ids):,} {name} ({shown}{more})")
    return f"{kind}: {', '.join(parts)}" if parts else ""


def changes_since(project: Project) -> list[str] | str:
    """What the working tree adds, edits and removes against the base, as summary lines; a sentence saying
    why not when git or the base cannot tell."""
    root, articles, annotations = project.root, project.articles, project.annotations
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{BASE}^{{commit}}")
    except (OSError, subprocess.SubprocessError):
        return f"Not compared: git or {BASE} is not available here (a checkout needs fetch-depth: 0)."
    try:
        changed = _changed_files(root, (articles, annotations))
        yml = [
            p
            for _, p in changed
            if PurePosixPath(p).parent == PurePosixPath(annotations)
            and p.endswith((".yml", ".yaml"))
            and PurePosixPath(p).name != TOPICS_FILE
        ]
        base = _base_blobs(root, yml)
    except (OSError, ValueError, IndexError, subprocess.SubprocessError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"Not compared with {BASE}: {cell(reason)}."
    briefings, annotated, speakers = _Entries(), _Entries(), _Entries()
    for status, path in changed:  # an article's text: added, removed or edited (M)
        if PurePosixPath(path).parent == PurePosixPath(articles) and path.endswith(".md"):
            slug = PurePosixPath(path).stem
            if status != "A":
                briefings.base[slug] = "before"
            if status != "D":
                briefings.head[slug] = "after"
    for path in yml:  # entries by id, wherever they moved between files
        target, key = (
            (speakers, "speakers")
            if PurePosixPath(path).name == SPEAKERS_FILE
            else (annotated, "annotations")
        )
        target.base.update(_entries(base.get(path), key, path))
        target.head.update(_entries(_read(root, path), key, path))
    lines = [_line("Briefings", briefings), _line("Annotations", annotated), _line("Speakers", speakers)]
    return [line for line in lines if line]


def _read(root: Path, path: str) -> bytes | None:
    """A working-tree file as the check reads it; None when it is not there (removed) or not readable."""
    if not os.path.lexists(root / path):
        return None
    try:
        return read_file(root, root / path)
    except PipelineError:
        return None


def write_ok(project: Project, site: Site, warnings: Sequence[Diagnostic] = ()) -> None:
    """The summary of a check that passed, when the run has a step summary (git runs only then)."""
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        append(format_ok(counts(site), changes_since(project), warnings))
