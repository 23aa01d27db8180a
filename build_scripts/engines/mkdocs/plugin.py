"""The ``annotated-briefings`` plugin: runs the pipeline and adds its pages (in memory) and data files.

Enable it in ``mkdocs.yml`` with ``plugins: [annotated-briefings]``. The event
handlers only delegate: the pipeline (:mod:`build_scripts.pipeline`) knows
nothing about MkDocs, and nothing is ever written into ``docs/``. A one-off
build holds the model and the few index pages, not the whole rendered site
(:mod:`.pages`); its search index goes into ``pagefind/`` (:mod:`.site_search`:
Pagefind indexes in a process of its own while MkDocs builds the pages); under
``mkdocs serve`` pages and loaded files are kept between rebuilds (:mod:`.serve`).
Generated headings follow the ``toc`` settings of ``markdown_extensions``
(:mod:`.headings`). Each build's temporary folder is the plugin's and goes when
the build ends, built or failed (Pagefind, if still at work, is stopped). With
``-v``, the plugin logs what it reused and the time of each phase.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _populate_page  # MkDocs' conversion of a page, events included
from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from ... import stubs
from ...diagnostics import PipelineError
from ...pagefind_index import Indexing, PagefindError
from ...pipeline import Project, plan_site
from ...render import RenderOptions
from ...render.headings import Headings
from ...render.links import path_url
from ...sourcefiles import check_tree
from .headings import TocSettings, given_settings, same_settings, toc_settings
from .pages import GeneratedPages, Prepared, page_toc
from .serve import Serve, converted
from .site_search import SiteSearch, indexed_page

log = get_plugin_logger(__name__)


class _Rows(c.OptionallyRequired[int]):
    """A number of rows a page: a whole number, at least 1."""

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValidationError(f"Expected a whole number of rows, at least 1, but received: {value!r}")
        return value


class PluginConfig(Config):
    articles = c.Type(str, default="articles")
    annotations = c.Type(str, default="annotations")
    branch = c.Type(str, default="main")
    rows_per_page = _Rows(default=RenderOptions.rows_per_page)  # a longer list is paged
    bypass_markdown = c.Type(bool, default=True)  # generated raw HTML skips Markdown (off: for comparisons)


class Build:
    """One build under way: its temporary folder, its generated pages and its search records."""

    def __init__(self, bypass_markdown: bool) -> None:
        self.folder = tempfile.TemporaryDirectory(prefix="annotated-briefings-")  # data files, search records
        self.pages = GeneratedPages(Path(self.folder.name), bypass_markdown)
        self.search: SiteSearch | None = None  # set once the pipeline has loaded the site
        self.indexing: Indexing | None = None  # Pagefind at work, from on_env to on_post_build
        self.search_digest = ""  # the digest of its records: the plugin's once the index is written
        self.rendered, self.render_s = 0, 0.0  # the generated pages MkDocs built, and the time they took
        self.cache_counts = (0, 0)  # under serve: the page cache's counts (reused, rendered) before it

    def close(self) -> None:
        if self.indexing is not None:  # the build failed while Pagefind ran
            self.indexing.cancel()
        self.folder.cleanup()


class AnnotatedBriefingsPlugin(BasePlugin[PluginConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.serve: Serve | None = None  # under mkdocs serve: what one rebuild keeps for the next
        self.toc = TocSettings(Headings())  # how the site's Markdown writes headings (read in on_config)
        self._toc_given: dict[str, Any] | None = None  # the toc settings self.toc was read from
        self.build: Build | None = None  # the build under way, from on_files to on_post_build
        self._search_digest = ""  # under serve: the records of the search index last written

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serve = Serve(dirty) if command == "serve" else None

    def _project(self, config) -> Project:
        root = Path(config.config_file_path).resolve().parent
        docs = Path(os.path.relpath(Path(config.docs_dir).resolve(), root)).as_posix()
        return Project(root, self.config.articles, self.config.annotations, docs)

    def on_config(self, config):
        """Refuse links and special files in docs/ before MkDocs lists it (it follows links as it walks); read
        how the site's Markdown writes headings."""
        project = self._project(config)
        problems = check_tree(project.root, project.docs)
        if problems:
            raise PluginError(f"{len(problems)} problem(s) in {project.docs}/:\n{PipelineError(problems)}")
        given = given_settings(config.mdx_configs)
        if self._toc_given is None or not same_settings(given, self._toc_given):  # else kept: pages too
            self.toc, self._toc_given = toc_settings(given), given
            if self.serve is not None:
                self.serve.prepared = {}
        return config

    def on_files(self, files: Files, *, config) -> Files:
        self._end_build()  # what a build stopped half-way left
        started = time.perf_counter()
        project, serve = self._project(config), self.serve
        self.build = build = Build(self.config.bypass_markdown)
        options = RenderOptions(
            config.use_directory_urls,
            config.repo_url or "",
            self.config.branch,
            config.site_url or "",
            headings=self.toc.headings,
            rows_per_page=self.config.rows_per_page,
        )
        memo, cache = (serve.memo, serve.cache) if serve is not None else (None, None)
        known = set(memo.entries) if memo is not None else set()
        if cache is not None:
            build.cache_counts = (cache.reused, cache.rendered)
        warnings: list = []  # the site's (roles out of date): logged below, with the TODO comments
        try:
            site, pages = plan_site(project, options, cache, memo, warnings)
        except PipelineError as exc:
            if serve is not None:
                return serve.show_problems(files, config, exc)
            raise PluginError(f"{exc.total:,} problem(s) in the annotations:\n{exc}") from None
        loaded = time.perf_counter()
        language = str(config.theme.get("language") or "en")  # MkDocs' own theme has none
        search_pages = serve.search_pages if serve is not None else {}
        build.search = SiteSearch(site, config.use_directory_urls, language, search_pages)
        if memo is not None:
            log.debug(
                "files loaded: %d of %d results reused", len(known & set(memo.entries)), len(memo.entries)
            )
        recovering = serve.recovering() if serve is not None else False
        for todo in [*stubs.scan(project), *warnings]:  # fails mkdocs build --strict, not serve
            (log.info if serve is not None else log.warning)(str(todo))
        for file in files:  # edit paths are URLs: MkDocs and Material write them into pages as they are
            if file.generated_by is None and file.is_documentation_page():
                file.edit_uri = path_url(f"{project.docs}/{file.src_uri}")
        generated = build.pages.add(files, config, pages, serve.kept if serve is not None else _never)
        if serve is not None:
            serve.rebuilt(files, generated, build.pages.pending, recovering)
        log.debug(
            "files: %d generated; load and check %.3f s, index pages and data files %.3f s",
            len(generated),
            loaded - started,
            time.perf_counter() - loaded,
        )
        return files

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        """Under serve, while the input has problems, the page served for any other URL lists them too."""
        if self.serve is not None and template_name == "404.html":
            return self.serve.not_found(output_content)
        return output_content

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """A hand-written page's text (and the Contribute page's) for its search record."""
        if self.build is not None and self.build.search is not None and indexed_page(page):
            self.build.search.add_page(page, html)
        return html

    @event_priority(50)  # before a search plugin (Material's, MkDocs') reads the page
    def on_page_context(self, context, *, page, config, nav):
        """Render a generated page: its HTML, table of contents and ids as its renderer recorded them."""
        src, build, serve = page.file.src_uri, self.build, self.serve
        if build is None:
            return context
        if src not in build.pages.pending:
            if not self.config.bypass_markdown and page.file.generated_by:  # Markdown made the HTML, not TOC
                toc = page_toc(build.pages.tocs.get(src, ()), self.toc)
                if toc:
                    page.toc = get_toc(toc)
            return context
        started = time.perf_counter()
        rendered = build.pages.pending.pop(src)()
        prepared = (
            serve.prepare(src, rendered, self.toc) if serve is not None else Prepared.of(rendered, self.toc)
        )
        if prepared.toc:
            page.toc = get_toc(prepared.toc)
        if page.present_anchor_ids is not None:  # for MkDocs' anchor validation, as if Markdown had seen them
            page.present_anchor_ids |= prepared.ids
        if rendered.head:
            build.pages.heads[src] = rendered.head
        page.content = prepared.html
        build.rendered, build.render_s = build.rendered + 1, build.render_s + time.perf_counter() - started
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        """Add a generated page's extra head HTML (a briefing's schema.org JSON-LD); let its content go."""
        head = self.build.pages.heads.pop(page.file.src_uri, "") if self.build is not None else ""
        if page.file.generated_by is not None:
            page.content = None  # written: nothing reads it again, and a build must not hold every page
        return output.replace("</head>", head + "\n</head>", 1) if head else output

    def on_env(self, env, *, config, files):
        """Start the search index: every page's Markdown is converted by now (the hand-written pages' records
        are known), and Pagefind indexes in a process of its own while MkDocs builds the pages."""
        build = self.build
        if build is not None and build.search is not None:
            _convert_skipped_pages(build.search, config, files, converted(self.serve is not None))
            last, self._search_digest = self._search_digest, ""  # the index is replaced: none is known
            try:
                build.indexing, build.search_digest = build.search.start(
                    config.site_dir, Path(build.folder.name), last if self.serve is not None else None
                )
            except PagefindError as exc:
                self._end_build()
                raise PluginError(f"search index: {exc}") from None
            if build.indexing is None:
                log.debug("search: the records are unchanged, the index is kept")
        return env

    @event_priority(-50)  # before the offline plugin, if any, copies the site
    def on_post_build(self, *, config) -> None:
        """Finish the search index of the site just written; then clean up."""
        build = self.build
        if build is None:
            return
        if build.indexing is not None:
            indexing, build.indexing = build.indexing, None
            try:
                indexed = indexing.finish()
            except PagefindError as exc:
                self._end_build()
                raise PluginError(f"search index: {exc}") from None
            log.debug(
                "search: %d records indexed in %.3f s (%s bytes)",
                indexed.records,
                indexed.seconds,
                f"{indexed.bytes:,}",
            )
        cache = self.serve.cache if self.serve is not None else None
        reused = (
            f"; page cache: {cache.reused - build.cache_counts[0]} reused, "
            f"{cache.rendered - build.cache_counts[1]} rendered"
            if cache is not None
            else ""
        )
        log.debug("pages: %d generated pages built in %.3f s%s", build.rendered, build.render_s, reused)
        self._search_digest = build.search_digest  # the index of these records is complete
        self._end_build()

    def on_build_error(self, *, error: Exception) -> None:
        self._end_build()

    def on_shutdown(self) -> None:
        """MkDocs is ending, perhaps interrupted mid-build (Ctrl+C): stop Pagefind and remove the folder."""
        self._end_build()

    def _end_build(self) -> None:
        """Remove the build's temporary folder."""
        if self.build is not None:
            self.build.close()
            self.build = None

    def on_serve(self, server, *, config, builder):
        project = self._project(config)
        for folder in (project.articles, project.annotations):
            server.watch(str(project.root / folder))
        return server


def _never(page: object) -> bool:
    return False


def _convert_skipped_pages(
    search: SiteSearch, config, files: Files, inclusion: Callable[[InclusionLevel], bool]
) -> None:
    """Under ``--dirty``, MkDocs converts only the pages changed since the last build, and the index is made
    anew: convert the others the index has no record of, as MkDocs would (its events included: the plugin's
    ``on_page_content`` adds the record). MkDocs still leaves them unwritten. Under serve, the last rebuild's
    records are kept, so this converts nothing after the first. ``inclusion``: the pages MkDocs converts
    (under serve, drafts too)."""
    for file in files.documentation_pages(inclusion=inclusion):
        page = file.page
        if page is not None and page.content is None and indexed_page(page) and page.url not in search.pages:
            _populate_page(page, config, files)
