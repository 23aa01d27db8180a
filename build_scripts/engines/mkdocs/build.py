"""``mkdocs build --strict``, as the ``build`` command runs it (:mod:`build_scripts.sitebuild`)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

CONFIG = "mkdocs.yml"  # the site's configuration, relative to the project's root


def command(config: Path, dest: Path) -> list[str]:
    """The strict build of ``config`` into ``dest``. No ``--quiet``: it silences warnings before ``--strict``
    can count them, so the build would pass."""
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)]


def environment(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` for the build: without MkDocs' notice about its version 2, and not verbose."""
    out = dict(env)
    out.setdefault("NO_MKDOCS_2_WARNING", "1")
    out.pop("MKDOCS_VERBOSE", None)
    return out
