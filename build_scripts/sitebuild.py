"""``build``: check, then an atomic, deterministic strict build by the site engine.

The engine (:data:`build_scripts.engines.builder`) may write the whole site
before its strict mode fails, so the site is built into a fresh folder beside
``site/`` and swapped in only on success; a failed build leaves the previous
``site/`` byte-for-byte intact. ``SOURCE_DATE_EPOCH`` is taken from the last
commit (when not already set), so two builds of one commit are identical.

A build holds a lock on the folder that holds ``site/`` until it and the
engine's process end, so a build that finds another's folder while holding the
lock knows that build was killed (a CI timeout) and removes what it left.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .engines import builder


def source_date_epoch(root: Path) -> str:
    """The last commit's time, or 0 outside a git checkout."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    return out or "0"


def remove_leftovers(dest: Path) -> None:
    """What killed builds left beside ``dest``: their half-built folders and the previous site they set aside.
    Only under the lock (no other build is running). A link is removed, never followed."""
    for path in [*sorted(dest.parent.glob(f".{dest.name}.building-*")), dest.with_name(f".{dest.name}.old")]:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def build_site(root: Path, config: Path, dest: Path) -> int:
    """Run the engine's strict build into a temporary folder and swap it into ``dest`` on success."""
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(dest.parent, os.O_RDONLY)  # the folder itself: no lock file to leave behind
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"build: waiting for another build in {dest.parent} to finish", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        remove_leftovers(dest)
        return _build_locked(root, config, dest, lock)
    finally:
        os.close(lock)


def _build_locked(root: Path, config: Path, dest: Path, lock: int) -> int:
    env = builder.environment(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.building-", dir=dest.parent))
    try:
        # The lock goes with it: if this process is killed, the engine still holds it until it ends.
        result = subprocess.run(
            builder.command(config, staging), cwd=root, env=env, pass_fds=(lock,), check=False
        )
        if result.returncode != 0:
            print(f"build: failed; {dest.name}/ was left as it was", file=sys.stderr)
            return result.returncode or 1
        old = dest.with_name(f".{dest.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if dest.exists():
            dest.rename(old)
        staging.rename(dest)
        shutil.rmtree(old, ignore_errors=True)
        print(f"build: site written to {dest}")
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
