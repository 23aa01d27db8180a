"""The only module that imports MkDocs: runs the pipeline and adds its pages (in memory) and data files.

Enable it in ``mkdocs.yml`` with ``plugins: [annotated-briefings]``. The event
handlers only delegate: the pipeline (:mod:`build_scripts.pipeline`) knows
nothing about MkDocs, and nothing is ever written into ``docs/``.

A generated page made of raw blocks reaches MkDocs as its front matter alone. A
deferred one (briefing, speaker, topic) is rendered when MkDocs builds it
(``on_page_context``); its raw HTML is never parsed by Markdown
(:mod:`.render.rawblocks`), its search entries are made without parsing it
(:mod:`.search_entries`), and it is let go once written. A one-off build holds
the model and the few index pages, not the whole rendered site: data files are
written in pieces into a temporary folder, and the generated pages' search
entries wait there too, to be merged into Material's index file at the end
(:mod:`.search_spill`). Under ``mkdocs serve`` a page cache keeps pages, and a
memo the loaded files, between rebuilds. The contributing guide is plain Markdown.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from ... import stubs
from ...diagnostics import PipelineError
from ...pipeline import Memo, Project, plan_project
from .search_spill import SpilledEntries
from ...sourcefiles import check_tree
from ...render import Deferred, Page, PageCache, RenderOptions, problems, rawblocks
from ...render.links import path_url

log = get_plugin_logger(__name__)


class PluginConfig(Config):
    articles = c.Type(str, default="articles")
    annotations = c.Type(str, default="annotations")
    branch = c.Type(str, default="main")
    bypass_markdown = c.Type(bool, default=True)  # generated raw HTML skips Markdown (off: for comparisons)


class AnnotatedBriefingsPlugin(BasePlugin[PluginConfig]):
    _pending: dict[str, Callable[[], Page]] = {}  # generated pages still to render, by path
    _full: dict[str, str] = {}  # a page being built: its HTML, while search reads its search view
    _heads: dict[str, str] = {}
    _search_meta: dict[str, dict | None] = {}  # a page's own "search" front matter, while its entries are ours
    _data_dir = ""  # the build's data files (exports), written once and copied by MkDocs
    _cache: PageCache | None = None  # under mkdocs serve: pages kept from one rebuild to the next
    _memo: Memo | None = None  # under mkdocs serve: the loaded results of unchanged files
    _spill: SpilledEntries | None = None  # a one-off build: the generated pages' search entries, on disk
    _serving = False  # the command is mkdocs serve
    _dirty = False  # mkdocs serve --dirty: pages the page cache still holds are not built again
    _search_plugin = None  # Material's search plugin, when it is on: its index takes the generated pages' entries
    _built: set[str] = set()  # under serve --dirty: the URLs of the pages built in this rebuild
    _urls: set[str] = set()  # under serve --dirty: the URLs of every page of the site, in this rebuild
    _prepared: dict[str, rawblocks.Prepared] = {}  # under mkdocs serve: what was made of each page, while it is reused
    _shown: set[str] = set()  # under mkdocs serve: the pages of the last rebuild that had no problems
    _problems = ""  # under mkdocs serve, while the input has problems: their list as HTML (_show_problems)

    def on_startup(self, *, command, dirty) -> None:
        self._cache, self._memo = (PageCache(), Memo()) if command == "serve" else (None, None)
        self._serving = command == "serve"
        self._dirty = dirty and self._serving
        self._prepared = {}

    @property
    def _search_index(self):
        return self._search_plugin.search_index if self._search_plugin is not None else None

    def _project(self, config) -> Project:
        root = Path(config.config_file_path).resolve().parent
        docs = Path(os.path.relpath(Path(config.docs_dir).resolve(), root)).as_posix()
        return Project(root, self.config.articles, self.config.annotations, docs)

    def on_config(self, config):
        """Refuse links and special files in docs/ before MkDocs lists it (it follows links as it walks)."""
        project = self._project(config)
        problems = check_tree(project.root, project.docs)
        if problems:
            raise PluginError(f"{len(problems)} problem(s) in {project.docs}/:\n{PipelineError(problems)}")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        options = RenderOptions(config.use_directory_urls, config.repo_url or "", self.config.branch,
                                config.site_url or "")
        try:
            pages = plan_project(self._project(config), options, self._cache, self._memo)
        except PipelineError as exc:
            if self._serving:
                return self._show_problems(files, config, exc)
            raise PluginError(f"{exc.total:,} problem(s) in the annotations:\n{exc}") from None
        recovering, self._problems = bool(self._problems), ""  # the last rebuild's pages were problems pages
        for todo in stubs.scan(self._project(config)):  # a warning: fails mkdocs build --strict, not serve
            (log.info if self._serving else log.warning)(str(todo))
        docs_prefix = self._project(config).docs
        for file in files:  # edit paths are URLs: MkDocs and Material write them into pages as they are
            if file.generated_by is None and file.is_documentation_page():
                file.edit_uri = path_url(f"{docs_prefix}/{file.src_uri}")
        self._pending, self._full, self._heads, self._search_meta, self._built = {}, {}, {}, {}, set()
        self._search_plugin = _material_search(config)  # its index is made in its on_config, before on_files
        self._cleanup()
        self._data_dir = tempfile.mkdtemp(prefix="annotated-briefings-")
        atexit.unregister(self._cleanup)  # once per plugin, however many rebuilds:
        atexit.register(self._cleanup)  # the data folder also goes when a build stops half-way
        if self._search_index is not None and not self._serving:  # serve may merge with the previous index
            self._spill = SpilledEntries(self._data_dir)
        generated = []
        for page in pages:
            kept = False  # under serve --dirty: the page the last rebuild wrote is still right
            if page.path.endswith(".md"):
                kept = (self._dirty and self._cache is not None and isinstance(page, Deferred)
                        and self._cache.unchanged(page.path, page.inputs, page.site))  # never held: not unchanged
                source = {"content": self._content(page)}
            else:  # a data file, made and written now in pieces, on disk until MkDocs copies it: never held whole
                target = Path(self._data_dir, page.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("w", encoding="utf-8", newline="") as out:
                    out.writelines(page.chunks())
                source = {"abs_src_path": str(target)}
            generated.append((page.path, source, page.edit_path, kept))
        for path, source, edit_path, kept in sorted(generated, key=lambda item: item[0]):
            file = (_Kept if kept else File).generated(config, path, **source)
            file.edit_uri = path_url(edit_path) if edit_path else None
            files.append(file)
        if self._dirty:  # which pages the previous search index may keep (see _forget_rebuilt)
            self._urls = {"" if f.url in (".", "./") else f.url for f in files.documentation_pages()}  # as Page.url
        if self._cache is not None:  # under serve: forget pages that are gone (a deleted or renamed briefing)
            self._cache.keep({path for path, *_ in generated})
            self._prepared = {path: p for path, p in self._prepared.items() if path in self._pending}
            self._shown = {f.src_uri for f in files.documentation_pages()}
        if recovering and self._dirty:  # every page written last is the problems page: serve --dirty rebuilds
            for file in files.documentation_pages():  # a page only when its output is older or gone
                Path(file.abs_dest_path).unlink(missing_ok=True)
        return files

    def _show_problems(self, files: Files, config, exc: PipelineError) -> Files:
        """Under serve, a rebuild whose input has problems: each page of the last good rebuild, each page of
        the nav and the home page become a page that lists the problems (404.html too, see on_post_template).
        A failed rebuild would leave every request waiting; this one succeeds, so the browser reloads to the
        problems, and to the site again once they are fixed."""
        print(f"{exc.total:,} problem(s) in the annotations, shown in the browser until they are "
              f"fixed:\n{exc}", file=sys.stderr)  # not logged: a logged warning would fail a strict build
        self._pending, self._full, self._heads, self._search_meta, self._built = {}, {}, {}, {}, set()
        self._cleanup()
        self._problems = problems.body(exc.diagnostics)
        content = problems.page(exc.diagnostics)
        paths = self._shown | {f.src_uri for f in files.documentation_pages()} | set(_nav_pages(config.nav))
        for file in list(files.documentation_pages()):
            files.remove(file)
        for path in sorted(paths | {"index.md"}):
            files.append(File.generated(config, path, content=content))
        return files

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str:
        """Under serve, while the input has problems, the page served for any other URL lists them too."""
        if self._problems and template_name == "404.html":
            return output_content.replace("<h1>404 - Not found</h1>", self._problems, 1)
        return output_content

    def _cleanup(self, **_) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None
        if self._data_dir:
            shutil.rmtree(self._data_dir, ignore_errors=True)
            self._data_dir = ""

    on_build_error = _cleanup

    @event_priority(50)  # before the search plugin merges this rebuild's entries with the last one's
    def _forget_rebuilt(self, *, config) -> None:
        """Under serve --dirty, the previous search index without the pages built again or gone from the site
        (the plugin itself drops only one page's entries: it expects a single changed page)."""
        previous = getattr(self._search_plugin, "search_index_prev", None)
        if self._dirty and previous is not None:
            kept = self._urls - self._built
            previous.entries = [e for e in previous.entries if e["location"].split("#", 1)[0] in kept]

    @event_priority(-50)  # after the search plugin wrote its index (0), before the offline plugin copies it (-100)
    def _finish(self, *, config) -> None:
        """The search index file again, with the generated pages' entries in their places; then clean up."""
        if self._spill is not None:
            self._spill.write(Path(config.site_dir, "search", "search_index.json"), self._search_index)
        self._cleanup()

    on_post_build = CombinedEvent(_forget_rebuilt, _finish)

    def _content(self, page: Page | Deferred) -> str:
        """What MkDocs reads for a generated page: one built from raw blocks, only its front matter (the page is
        rendered in on_page_context); any other page, as it is."""
        if isinstance(page, Deferred):
            if self.config.bypass_markdown:
                self._pending[page.path] = page.render
                return page.front_matter
            page = page.render()
        if page.path.endswith(".md") and page.raw_blocks and self.config.bypass_markdown:
            self._pending[page.path] = lambda: page
            return rawblocks.split_front_matter(page.markdown)[0]
        if page.head:
            self._heads[page.path] = page.head
        return page.markdown

    @event_priority(50)  # before the search plugin indexes the page
    def _render(self, context, *, page, config, nav):
        """Render a generated page and give search its entries (another search plugin: its search view)."""
        src = page.file.src_uri
        if self._dirty:
            self._built.add(page.url)
        if src not in self._pending:
            if not self.config.bypass_markdown and page.file.generated_by:  # Markdown made the HTML, not the TOC
                toc = rawblocks.toc(rawblocks.split(page.markdown)[1])
                if toc:
                    page.toc = get_toc(toc)
            return context
        rendered = self._pending.pop(src)()
        prepared = self._prepared.get(src)
        if prepared is None or prepared.page is not rendered:  # a page the cache gave again keeps its preparation
            prepared = rawblocks.Prepared.of(rendered)
            if self._cache is not None:
                self._prepared[src] = prepared
        if prepared.toc:
            page.toc = get_toc(prepared.toc)
        if page.present_anchor_ids is not None:  # for MkDocs' anchor validation, as if Markdown had seen them
            page.present_anchor_ids |= prepared.ids
        if rendered.head:
            self._heads[src] = rendered.head
        self._full[src] = prepared.html
        index = self._search_index
        if index is None:  # another search plugin: it parses the search view
            page.content = prepared.view
            return context
        search = page.meta.get("search") or {}
        if not search.get("exclude"):  # the entries its parser would make from the view, without parsing it
            entries = prepared.entries(page.url, str(page.meta.get("title", page.title)), search.get("boost"))
            if self._spill is not None:  # kept on disk, in their place among the plugin's own
                self._spill.add(len(index.entries), entries)
            else:
                index.entries.extend(entries)
        self._search_meta[src] = page.meta.get("search")
        page.meta["search"] = {**search, "exclude": True}  # so that the plugin adds nothing more
        return context

    @event_priority(-100)  # after the search plugin has indexed the page
    def _fill(self, context, *, page, config, nav):
        """The page's whole HTML, in place of the search view, and its own search settings back."""
        src = page.file.src_uri
        if src in self._full:
            page.content = self._full.pop(src)
        if src in self._search_meta:
            page.meta["search"] = self._search_meta.pop(src)
            if page.meta["search"] is None:
                del page.meta["search"]
        return context

    on_page_context = CombinedEvent(_render, _fill)

    def on_post_page(self, output: str, *, page, config) -> str:
        """Add a generated page's extra head HTML (a briefing's schema.org JSON-LD); let its content go."""
        head = self._heads.pop(page.file.src_uri, "")
        if page.file.generated_by is not None:
            page.content = None  # written: nothing reads it again, and a build must not hold every page
        return output.replace("</head>", head + "\n</head>", 1) if head else output

    def on_serve(self, server, *, config, builder):
        project = self._project(config)
        for folder in (project.articles, project.annotations):
            server.watch(str(project.root / folder))
        return server


def _nav_pages(nav) -> Iterator[str]:
    """The Markdown pages the nav names, at any depth (not its links to other sites)."""
    for item in nav or []:
        value = next(iter(item.values()), None) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
            yield value


def _material_search(config):
    """Material's search plugin, when it is on: generated pages add their entries to its index."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if type(index).__module__.startswith("material.") and isinstance(getattr(index, "entries", None), list):
            return plugin if plugin.config.get("enabled", True) else None
    return None


class _Kept(File):
    """A generated page whose output from the last rebuild is still right (``mkdocs serve --dirty``): MkDocs
    builds it only when that output is gone."""

    def is_modified(self) -> bool:
        return not os.path.isfile(self.abs_dest_path)
