"""The "Contribute" page: CONTRIBUTING.md, the one source of the guide, added to the site as it is."""

from __future__ import annotations

from pathlib import Path

from ..sourcefiles import read_file
from .context import Page

PATH = "contribute.md"
SOURCE = "CONTRIBUTING.md"


def page(root: Path, repo_url: str = "", branch: str = "main") -> Page:
    """The guide as a generated page whose edit link is CONTRIBUTING.md (a pointer page when it is absent).
    It is read as the articles are: a link or a special file in its place is an error, never followed."""
    source = root / SOURCE
    if source.is_symlink() or source.exists():
        return Page(PATH, edit_path=SOURCE, text=read_file(root, source).decode("utf-8"))
    where = (
        f"<{repo_url.rstrip('/')}/blob/{branch}/{SOURCE}>" if repo_url else f"`{SOURCE}` in the repository"
    )
    return Page(PATH, text=f"# Contribute\n\nThe contributing guide is {where}.\n")
