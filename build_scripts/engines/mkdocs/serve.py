"""What ``mkdocs serve`` keeps from one rebuild to the next: pages, loaded files, ``--dirty`` bookkeeping.

A page cache keeps rendered pages and a memo the loaded results of unchanged
files (:mod:`build_scripts.render.pagecache`, :class:`build_scripts.pipeline.Memo`).
Under ``--dirty`` a generated page the page cache still holds is not built again,
and search keeps the records of the hand-written pages not built again.
While the input has problems, every page shows them instead of the site.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from ...diagnostics import PipelineError
from ...pipeline import Memo
from ...render import Deferred, Page, PageCache, problems
from ...search_records import Record
from .headings import TocSettings
from .pages import Prepared


def converted(serving: bool) -> Callable[[InclusionLevel], bool]:
    """Which pages MkDocs converts, as ``mkdocs.commands.build`` chooses them: under serve, drafts too."""
    return InclusionLevel.is_in_serve if serving else InclusionLevel.is_included


class Serve:
    """The state ``mkdocs serve`` keeps between rebuilds (``dirty``: it was given ``--dirty``)."""

    def __init__(self, dirty: bool) -> None:
        self.dirty = dirty  # pages the page cache still holds are not built again
        self.cache: PageCache | None = PageCache()  # rendered pages (None: a benchmark measures without)
        self.memo: Memo | None = Memo()  # the loaded results of unchanged files (None: likewise)
        self.prepared: dict[str, Prepared] = {}  # what was made of each page, while the cache gives it again
        self.shown: set[str] = set()  # the pages of the last rebuild that had no problems
        self.problems = ""  # while the input has problems: their list as HTML (see show_problems)
        self.search_pages: dict[str, Record] = {}  # the hand-written pages' search records, by Page.url

    def kept(self, page: Page | Deferred) -> bool:
        """Under ``--dirty``: whether the page the last rebuild wrote is still right (never held: not)."""
        return (
            self.dirty
            and self.cache is not None
            and isinstance(page, Deferred)
            and self.cache.unchanged(page.path, page.inputs, page.site)
        )

    def prepare(self, src: str, page: Page, toc: TocSettings) -> Prepared:
        """What is made of a page; a page the cache gave again keeps what was made of it."""
        prepared = self.prepared.get(src)
        if prepared is None or prepared.page is not page:
            prepared = Prepared.of(page, toc)
            if self.cache is not None:
                self.prepared[src] = prepared
        return prepared

    def rebuilt(self, files: Files, generated: list[str], pending: dict, recovering: bool) -> None:
        """After a rebuild's files are listed: forget the pages that are gone (a deleted or renamed page) and
        their search records, and under ``--dirty`` after problems pages, have every page built again."""
        served = files.documentation_pages(inclusion=converted(True))  # drafts too: search indexes them
        urls = {"" if f.url in (".", "./") else f.url for f in served}  # as Page.url gives them
        for url in set(self.search_pages) - urls:  # in place: this rebuild's search holds the same dict
            del self.search_pages[url]
        if self.cache is not None:
            self.cache.keep(set(generated))
        self.prepared = {path: p for path, p in self.prepared.items() if path in pending}
        self.shown = {f.src_uri for f in files.documentation_pages()}
        if recovering and self.dirty:  # every page written last is the problems page: serve --dirty rebuilds
            for file in files.documentation_pages():  # a page only when its output is older or gone
                Path(file.abs_dest_path).unlink(missing_ok=True)

    def recovering(self) -> bool:
        """A rebuild without problems: whether the last one's pages were problems pages."""
        recovering, self.problems = bool(self.problems), ""
        return recovering

    def show_problems(self, files: Files, config, exc: PipelineError) -> Files:
        """A rebuild whose input has problems: each page of the last good rebuild, each page of the nav and
        the home page become a page that lists the problems (404.html too, see :meth:`not_found`). A failed
        rebuild would leave every request waiting; this one succeeds, so the browser reloads to the
        problems, and to the site again once they are fixed."""
        # Printed, not logged: a logged warning would fail a strict build.
        print(
            f"{exc.total:,} problem(s) in the annotations, shown in the browser until they are fixed:\n{exc}",
            file=sys.stderr,
        )
        self.problems = problems.body(exc.diagnostics)
        content = problems.page(exc.diagnostics)
        paths = self.shown | {f.src_uri for f in files.documentation_pages()} | set(_nav_pages(config.nav))
        for file in list(files.documentation_pages()):
            files.remove(file)
        for path in sorted(paths | {"index.md"}):
            files.append(File.generated(config, path, content=content))
        return files

    def not_found(self, output: str) -> str:
        """404.html: while the input has problems, the page served for any other URL lists them too."""
        if self.problems:
            return output.replace("<h1>404 - Not found</h1>", self.problems, 1)
        return output


def _nav_pages(nav) -> Iterator[str]:
    """The Markdown pages the nav names, at any depth (not its links to other sites)."""
    for item in nav or []:
        value = next(iter(item.values()), None) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
            yield value
