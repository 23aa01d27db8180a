"""Our pages as MkDocs files and pages.

A generated page made of raw blocks reaches MkDocs as its front matter alone.
A deferred one (briefing, speaker, topic) is rendered only when MkDocs builds
it (``on_page_context``): its raw HTML blocks are joined, never parsed by
Markdown, its table of contents and ids are those its renderer recorded
(``Page.toc``, ``Page.ids``), and it is let go once written. Data files
are written in pieces into the build's temporary folder, never held whole, and
copied by MkDocs from there. The contributing guide is plain Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.structure.files import File, Files

from ...render import DataFile, Deferred, Page
from ...render.context import front_matter
from ...render.headings import TocEntry
from ...render.links import path_url
from .headings import TocSettings

if TYPE_CHECKING:
    from markdown.extensions.toc import _FlatTocToken, _TocToken


def page_toc(entries: Iterable[TocEntry], toc: TocSettings) -> list[_TocToken]:
    """The table of contents of a generated page, of the levels ``toc_depth`` lists (as Markdown's nested
    tokens), from the entries its renderer recorded (``Page.toc``)."""
    top, bottom = toc.depth
    flat: list[_FlatTocToken] = [
        {"level": e["level"], "id": e["id"], "name": e["name"]}
        for e in entries
        if toc.lists_every_level() or top <= e["level"] <= bottom
    ]
    return nest_toc_tokens(flat)


def join(blocks: Iterable[str]) -> str:
    """Blocks as one page of HTML, as Markdown would join them."""
    return "\n\n".join(blocks)


@dataclass
class Prepared:
    """What MkDocs needs of a page built of raw blocks: its HTML, table of contents and the ids it defines."""

    page: Page
    html: str
    toc: list[_TocToken]
    ids: set[str]

    @classmethod
    def of(cls, page: Page, toc: TocSettings) -> Prepared:
        return cls(page, join(page.blocks), page_toc(page.toc, toc), set(page.ids))


class GeneratedPages:
    """One build's generated pages: the files MkDocs lists, and each page's content when MkDocs builds it."""

    def __init__(self, data_dir: Path, bypass_markdown: bool) -> None:
        self.data_dir = data_dir  # data files wait here until MkDocs copies them
        self.bypass_markdown = bypass_markdown  # off: generated raw HTML goes through Markdown (comparisons)
        self.pending: dict[str, Callable[[], Page]] = {}  # pages still to render, by path
        self.heads: dict[str, str] = {}  # a page's extra <head> HTML, until it is written
        self.tocs: dict[str, tuple[TocEntry, ...]] = {}  # without the bypass: a page's recorded toc entries

    def add(
        self,
        files: Files,
        config,
        pages: Iterable[Page | Deferred | DataFile],
        kept: Callable[[Page | Deferred], bool],
    ) -> list[str]:
        """A file for each page, in path order (a data file is made and written now); ``kept(page)``: under
        ``serve --dirty``, the page the last rebuild wrote is still right. Gives the paths added."""
        # (path, its content or the file holding it, whether on disk, edit path, kept)
        generated: list[tuple[str, str, bool, str, bool]] = []
        for page in pages:
            if page.path.endswith(".md") and not isinstance(page, DataFile):
                is_kept = kept(page)  # before the page is rendered (and the page cache holds it)
                generated.append((page.path, self._content(page), False, page.edit_path, is_kept))
            else:  # made and written now in pieces, on disk until MkDocs copies it: never held whole
                target = Path(self.data_dir, page.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("w", encoding="utf-8", newline="") as out:
                    out.writelines(page.chunks())
                generated.append((page.path, str(target), True, page.edit_path, False))
        for path, source, on_disk, edit_path, is_kept in sorted(generated, key=lambda item: item[0]):
            kind = Kept if is_kept else File
            file = (
                kind.generated(config, path, abs_src_path=source)
                if on_disk
                else kind.generated(config, path, content=source)
            )
            file.edit_uri = path_url(edit_path) if edit_path else None
            files.append(file)
        return [path for path, *_ in generated]

    def _content(self, page: Page | Deferred) -> str:
        """What MkDocs reads for a generated page: one built from raw blocks, only its front matter (the page
        is rendered in on_page_context); any other page, as it is."""
        if isinstance(page, Deferred):
            if self.bypass_markdown:
                self.pending[page.path] = page.render
                return front_matter(**page.meta)
            page = page.render()
        if page.path.endswith(".md") and page.raw_blocks and self.bypass_markdown:
            self.pending[page.path] = lambda: page
            return front_matter(**page.meta)
        if page.raw_blocks:  # through Markdown: the table of contents is still the one recorded (see tocs)
            self.tocs[page.path] = page.toc
        if page.head:
            self.heads[page.path] = page.head
        return page.markdown


class Kept(File):
    """A generated page whose output from the last rebuild is still right (``mkdocs serve --dirty``): MkDocs
    builds it only when that output is gone."""

    def is_modified(self) -> bool:
        return not Path(self.abs_dest_path).is_file()
