"""The only module that imports MkDocs: runs the pipeline and adds its pages in memory.

Enable it in ``mkdocs.yml`` with ``plugins: [annotated-briefings]``. The event
handlers only delegate: the pipeline (:mod:`build_scripts.pipeline`) knows
nothing about MkDocs, and pages are never written into ``docs/``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from .diagnostics import PipelineError
from .pipeline import Project, iter_project
from .render import RenderOptions, rawblocks


class PluginConfig(Config):
    articles = c.Type(str, default="articles")
    annotations = c.Type(str, default="annotations")
    branch = c.Type(str, default="main")
    bypass_markdown = c.Type(bool, default=True)  # generated raw HTML skips Markdown (off: for comparisons)


class AnnotatedBriefingsPlugin(BasePlugin[PluginConfig]):
    _heads: dict[str, str] = {}
    _tocs: dict[str, list[dict]] = {}  # a generated page's table of contents (its headings are raw HTML)
    _converted: dict[str, str] = {}  # a generated page's HTML from Markdown, with its blocks' placeholders
    _blocks: dict[str, list[bytes]] = {}  # a generated page's raw HTML blocks, kept out of Markdown (see rawblocks)

    def _project(self, config) -> Project:
        root = Path(config.config_file_path).resolve().parent
        return Project(root, self.config.articles, self.config.annotations)

    def on_files(self, files: Files, *, config) -> Files:
        options = RenderOptions(config.use_directory_urls, config.repo_url or "", self.config.branch,
                                config.site_url or "")
        try:
            pages = iter_project(self._project(config), options)
        except PipelineError as exc:
            raise PluginError(f"{len(exc.diagnostics)} problem(s) in the annotations:\n{exc}") from None
        docs_prefix = Path(config.docs_dir).resolve().relative_to(self._project(config).root).as_posix()
        for file in files:
            if file.generated_by is None and file.is_documentation_page():
                file.edit_uri = f"{docs_prefix}/{file.src_uri}"
        self._blocks, self._heads, self._tocs, self._converted = {}, {}, {}, {}
        generated: dict[str, tuple[str | bytes, str]] = {}
        self._keep(pages, generated)
        for path in sorted(generated):
            content, edit_path = generated.pop(path)
            file = File.generated(config, path, content=content)
            file.edit_uri = edit_path or None
            files.append(file)
        return files

    def _keep(self, pages, generated: dict[str, tuple[str | bytes, str]]) -> None:
        """Each page, as it is rendered, in a smaller form: its Markdown without the raw blocks; blocks and
        data files as UTF-8 bytes (about half the size of a str with any non-Latin-1 character)."""
        for page in pages:
            content: str | bytes = page.markdown
            if not page.path.endswith(".md"):
                content = page.markdown.encode("utf-8")
            elif page.raw_blocks:
                rest, blocks = rawblocks.split(page.markdown)
                self._tocs[page.path] = rawblocks.toc(blocks)
                if self.config.bypass_markdown:
                    content = rest
                    self._blocks[page.path] = [block.encode("utf-8") for block in blocks]
            if page.head:
                self._heads[page.path] = page.head
            generated[page.path] = (content, page.edit_path)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """Give search a generated page's blocks reduced to what it indexes (rawblocks.search_view); the whole
        blocks go in after it has read them (on_page_context). Markdown never parsed them either."""
        src = page.file.src_uri
        if src in self._tocs:
            page.toc = get_toc(self._tocs.pop(src))
        if src not in self._blocks:
            return html
        texts = [block.decode("utf-8") for block in self._blocks[src]]
        if page.present_anchor_ids is not None:  # for MkDocs' anchor validation, as if Markdown had seen them
            page.present_anchor_ids |= rawblocks.ids(texts)
        self._converted[src] = html
        return rawblocks.fill(html, [rawblocks.search_view(text) for text in texts])

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, *, page, config, nav):
        """The page's whole blocks, in place of what search read."""
        src = page.file.src_uri
        if src in self._converted:
            texts = [block.decode("utf-8") for block in self._blocks.pop(src)]
            page.content = rawblocks.fill(self._converted.pop(src), texts)
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        """Add a generated page's extra head HTML (a briefing's schema.org JSON-LD)."""
        head = self._heads.get(page.file.src_uri)
        return output.replace("</head>", head + "\n</head>", 1) if head else output

    def on_serve(self, server, *, config, builder):
        project = self._project(config)
        for folder in (project.articles, project.annotations):
            server.watch(str(project.root / folder))
        return server
