"""``python -m build_scripts.pr_scope``: does a pull request change anything a maintainer must review?

Contributors change ``articles/`` and ``annotations/`` (any depth, ``articles/raw/`` included). Everything
else is maintainer territory: ``docs/`` (raw HTML and templates run there), ``overrides/``, the site's config,
``.github/``, the build scripts, even a deletion. This lists the pull request's changes with
``git diff --name-status base...head`` and exits 1, naming every file outside, unless the pull request
carries the label ``maintainer-approved`` (which only people with triage rights can add). A rename is
judged by both of its paths, so moving ``docs/x.md`` into ``articles/`` needs a maintainer too.

In the pull request workflow the checkout is GitHub's merge of the pull request into main, so the default
``--base HEAD^1`` (main) and ``--head HEAD`` give exactly what merging would change. The labels come from
``$PR_LABELS`` (a JSON list); with ``$GITHUB_OUTPUT`` set, ``review=true`` is written there when a
maintainer must look, for the step that adds the label ``needs-maintainer-review``.

This check is a flag for reviewers; the lock is ``.github/CODEOWNERS`` with "Require review from Code
Owners" (MAINTAINERS.md), which GitHub reads from main, while a pull request could edit this file.
Standard library only (so not :mod:`.diagnostics`, which needs ``regex``): the workflow runs it with
the runner's ``python3`` and nothing installed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

CONTRIBUTOR_DIRS = ("articles", "annotations")
APPROVED = "maintainer-approved"
NEEDS_REVIEW = "needs-maintainer-review"  # added by the workflow (pull-request-scope.yml) when this fails
MAX_LISTED = 50
HINT = f"(a maintainer reviews it, then adds the label '{APPROVED}'; see CONTRIBUTING.md)"
_STATUS = {"A": "added", "C": "copied", "D": "deleted", "M": "changed", "R": "renamed", "T": "type changed"}


@dataclass(frozen=True)
class Change:
    status: str  # git's letter: A, C, D, M, R, T, ...
    path: str
    old_path: str = ""  # renames and copies: where it came from


def is_contributor_path(path: str) -> bool:
    """Whether ``path`` (repository-relative, ``/``-separated) is a file in ``articles/`` or ``annotations/``.

    Only a clean path counts: no ``.`` or ``..`` part, no empty part, no backslash. Anything else is
    maintainer territory, so ``articles/../docs/x`` is outside.
    """
    parts = path.split("/")
    return (
        len(parts) >= 2
        and parts[0] in CONTRIBUTOR_DIRS
        and "\\" not in path
        and all(part not in ("", ".", "..") for part in parts)
    )


def outside(changes: Sequence[Change]) -> list[Change]:
    """The changes that touch a path outside the contributor folders (either path of a rename)."""
    return [
        c
        for c in changes
        if not is_contributor_path(c.path) or (c.status == "R" and not is_contributor_path(c.old_path))
    ]


def parse_name_status(raw: bytes) -> list[Change]:
    """``git diff --name-status -z`` output: ``status NUL path NUL``, or ``Rnnn NUL old NUL new NUL``."""
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    if fields and fields[-1] == "":
        fields.pop()
    changes, i = [], 0
    while i < len(fields):
        status = fields[i][:1]
        if status in ("R", "C"):
            changes.append(Change(status, fields[i + 2], fields[i + 1]))
            i += 3
        else:
            changes.append(Change(status, fields[i + 1]))
            i += 2
    return changes


def changed_files(base: str, head: str) -> list[Change]:
    """The changes between the merge base of ``base`` and ``head``, and ``head`` (tree data only: no diff
    drivers or text conversions run)."""
    done = subprocess.run(
        [
            "git",
            "diff",
            "--name-status",
            "-z",
            "--find-renames",
            "--no-ext-diff",
            "--no-textconv",
            f"{base}...{head}",
            "--",
        ],
        capture_output=True,
        check=True,
    )
    return parse_name_status(done.stdout)


def shown(path: str) -> str:
    """``path`` as written, or as a JSON string when it has anything but printable ASCII."""
    return path if path.isascii() and path.isprintable() else json.dumps(path)


def problems(flagged: Sequence[Change]) -> list[tuple[str, str]]:
    """(shown path, message) per flagged change: at most ``MAX_LISTED``, then one line for the rest."""
    out = []
    for c in flagged[:MAX_LISTED]:
        what = _STATUS.get(c.status, f"changed ({c.status})")
        if c.old_path:
            what += f" from {shown(c.old_path)},"
        out.append((shown(c.path), f"{what} outside articles/ and annotations/: maintainer territory {HINT}"))
    if len(flagged) > MAX_LISTED:
        more = f"and {len(flagged) - MAX_LISTED} more file(s) outside articles/ and annotations/"
        out.append((shown(flagged[MAX_LISTED].path), more))
    return out


def github_line(path: str, message: str) -> str:
    """A GitHub workflow command that annotates ``path`` (escaped as design-notes.md says)."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    prop = data(path).replace(":", "%3A").replace(",", "%2C")
    return f"::error file={prop},title=maintainer-review::{data(message)}"


def read_labels(text: str) -> list[str]:
    """The pull request's label names, from ``toJSON(github.event.pull_request.labels.*.name)``."""
    try:
        labels = json.loads(text)
    except ValueError:
        labels = None
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise ValueError(f"PR_LABELS is not a JSON list of names: {shown(text)}")
    return labels


def verdict(changes: Sequence[Change], labels: Sequence[str]) -> tuple[int, str]:
    """(exit code, last line): 1 when a file is outside the contributor folders and not approved."""
    flagged = outside(changes)
    if not flagged:
        return 0, f"pr-scope: OK: all {len(changes)} changed file(s) are in articles/ or annotations/"
    if APPROVED in labels:
        return 0, f"pr-scope: OK: {len(flagged)} file(s) outside them, approved by the label '{APPROVED}'"
    return 1, (
        f"pr-scope: {len(flagged)} file(s) outside articles/ and annotations/ need a maintainer; "
        f"one adds the label '{APPROVED}' once they have reviewed them"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.pr_scope", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--base", default="HEAD^1", help="the branch merged into (default: HEAD^1, main)")
    parser.add_argument("--head", default="HEAD", help="the merge result or the pull request's head")
    parser.add_argument("--format", choices=("human", "github"), default="human")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        labels = read_labels(os.environ.get("PR_LABELS") or "[]")
        changes = changed_files(args.base, args.head)
    except subprocess.CalledProcessError as exc:
        detail = exc.stderr.decode("utf-8", "replace").strip()
        print(
            f"pr-scope: cannot list the changes: git diff exited with {exc.returncode}: {detail}",
            file=sys.stderr,
        )
        return 2
    except (ValueError, OSError) as exc:
        print(f"pr-scope: cannot list the changes: {exc}", file=sys.stderr)
        return 2
    code, summary = verdict(changes, labels)
    if code:
        found = problems(outside(changes))
        if args.format == "github":  # annotations on the pull request's files, then the plain list
            print("\n".join(github_line(path, message) for path, message in found))
        print("\n".join(f"{path}: {message}" for path, message in found))
        if os.environ.get("GITHUB_OUTPUT"):
            with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as out:
                out.write("review=true\n")  # for the step that adds the label needs-maintainer-review
    print(summary)
    return code


if __name__ == "__main__":
    sys.exit(main())
