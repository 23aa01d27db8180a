"""The contributors' files: which files under articles/ and annotations/ are read, and reading one safely.

A pull request controls every name and every kind of file in those folders (and can touch docs/), so none
is trusted. Each problem below is one located error (``path:1:1``), and the file is never read:

* a name that is not a kebab-case slug with the folder's extension (``<slug>.md``; ``<slug>.yml`` or
  ``.yaml``): names reach URLs and pages; hidden files that would not be read anyway (``.gitkeep``) are
  left alone, and ``articles/raw/`` (raw scrapes) is the one subfolder;
* a symbolic link, wherever it points: a link inside the repository can still publish what is not meant
  to be (``../.git/config`` holds the checkout's token in CI), and a link is resolved on the machine that
  builds, not in the review;
* anything but a regular file (a named pipe would block the read, a device never ends);
* a file over :data:`.yamlsource.MAX_FILE_BYTES`, by its size before any byte is read.

docs/ is read by the site engine itself: :func:`check_tree` refuses links and special files anywhere in it.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Location, PipelineError
from .schema import ID_MAX, ID_PATTERN, suggest_id
from .yamlsource import MAX_FILE_BYTES, too_large

_SLUG = re.compile(ID_PATTERN)
RAW = "raw"  # articles/raw/: the raw scrapes `ingest` reads; never read by the build
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
)


def _error(path: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(Location(path), message, hint, code="file")


def link_error(path: str) -> Diagnostic:
    return _error(
        path,
        "symbolic link: links are not followed",
        "commit the file itself; a link could publish any file on the machine that builds the site",
    )


def special_error(path: str) -> Diagnostic:
    return _error(path, "not a regular file (a named pipe, device or socket)", "commit a plain text file")


@dataclass(frozen=True)
class Kind:
    """What one content folder holds: ``article`` files ``<slug>.md`` (and the ``raw`` folder)..."""

    name: str
    suffixes: tuple[str, ...]
    folders: frozenset[str] = frozenset()  # subfolders allowed (checked for links only)

    def name_problem(self, folder: str, name: str) -> Diagnostic | None:
        """Why ``name`` may not be read in ``folder``; None for ``<slug><suffix>``."""
        path = f"{folder}/{name}"
        suffix = next((s for s in self.suffixes if name.endswith(s)), None)
        if suffix is None:
            stem = name.lstrip(".").split(".", 1)[0]
            listed = " and ".join(f"<slug>{s}" for s in self.suffixes)
            return _error(
                path,
                f"{name!a} is not an {self.name} file: only {listed} files are read in {folder}/",
                f"rename it to {self._suggest(folder, stem, self.suffixes[0])}, or move it out of {folder}/",
            )
        stem = name[: -len(suffix)]
        if len(stem) > ID_MAX:
            return _error(
                path,
                f"{self.name} file name is {len(stem)} characters long, over the limit of {ID_MAX}",
                f"rename it to {self._suggest(folder, stem, suffix)}",
            )
        if not _SLUG.fullmatch(stem):
            return _error(
                path,
                f"{self.name} file name {stem!a} is not a kebab-case slug",
                f"rename it to {self._suggest(folder, stem, suffix)}",
            )
        return None

    def _suggest(self, folder: str, stem: str, suffix: str) -> str:
        return f"{folder}/{suggest_id(stem) or 'yyyy-mm-dd-short-title'}{suffix}"


ARTICLE = Kind("article", (".md",), frozenset({RAW}))
ANNOTATION = Kind("annotation", (".yml", ".yaml"))


@dataclass
class Listing:
    """The files of one content folder that may be read, and why the others may not."""

    paths: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # names refused (not read)
    usable: bool = True  # False: the folder itself was refused, so nothing in it is read

    def readable(self, name: str) -> bool:
        """Whether the file ``name`` of this folder may be read (if it exists)."""
        return self.usable and name not in self.refused

    @property
    def complete(self) -> bool:
        """Nothing in the folder was refused."""
        return self.usable and not self.refused


def _folder_problem(root: Path, folder: str, label: str) -> Diagnostic | None:
    """The folder itself: inside the repository, and not a link."""
    path = root / folder
    if os.path.islink(path):
        return link_error(folder)
    if not path.resolve().is_relative_to(root.resolve()):
        return _error(
            folder,
            f"the {label} folder is outside the repository",
            "keep articles, annotations and docs inside the repository",
        )
    return None


def list_folder(root: Path, folder: str, kind: Kind) -> Listing:
    """The files of ``root/folder`` that may be read, sorted; every other entry's problem, once."""
    listing = Listing()
    problem = _folder_problem(root, folder, f"{kind.name}s")
    if problem is not None:
        return Listing(problems=[problem], usable=False)
    path = root / folder
    if not path.is_dir():
        return listing
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        rel = f"{folder}/{entry.name}"
        hidden = entry.name.startswith(".") and not entry.name.lower().endswith(kind.suffixes)
        if entry.is_symlink():
            problem = link_error(rel)
        elif hidden:
            continue  # .gitkeep, .DS_Store: never read, never published
        elif entry.is_dir(follow_symlinks=False):
            if entry.name in kind.folders:
                listing.problems += check_tree(root, rel)
                continue
            problem = _error(
                rel,
                f"{entry.name!a} is a folder: only files directly in {folder}/ are read",
                f"move its files up into {folder}/, or the folder out of it",
            )
        elif not entry.is_file(follow_symlinks=False):
            problem = special_error(rel)
        else:
            problem = kind.name_problem(folder, entry.name)
            if problem is None:
                listing.paths.append(Path(entry.path))
                continue
        listing.problems.append(problem)
        listing.refused.append(entry.name)
    return listing


def check_tree(root: Path, folder: str) -> list[Diagnostic]:
    """Links and special files anywhere under ``root/folder`` (docs/, articles/raw/), and the folder
    itself."""
    problem = _folder_problem(root, folder, Path(folder).name)
    if problem is not None:
        return [problem]
    problems = []
    for parent, dirs, files in os.walk(root / folder):  # never follows links: each is reported instead
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(parent, name)
            rel = path.relative_to(root).as_posix()
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                problems.append(link_error(rel))
            elif not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                problems.append(special_error(rel))
    return problems


def read_file(root: Path, path: Path) -> bytes:
    """The bytes of a regular file under ``root``, at most :data:`MAX_FILE_BYTES`, checked before reading.
    Raises :class:`PipelineError` with one located error otherwise (a link, a pipe, a device, too large)."""
    rel = path.relative_to(root).as_posix()
    try:
        fd = os.open(path, _OPEN_FLAGS)  # O_NOFOLLOW: a link fails here; O_NONBLOCK: a pipe does not block
    except OSError as exc:
        if os.path.islink(path):
            raise PipelineError([link_error(rel)]) from None
        raise PipelineError(
            [_error(rel, f"cannot read the file: {exc.strerror}", "check that it exists")]
        ) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PipelineError([special_error(rel)])
        if info.st_size > MAX_FILE_BYTES:
            raise PipelineError([too_large(rel, info.st_size)])
        data = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since
    if len(data) > MAX_FILE_BYTES:
        raise PipelineError([too_large(rel, len(data))])  # at least this many bytes
    return data
