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
        self._blocks, self._heads, self._tocs = {}, {}, {}
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
        """Put a generated page's raw HTML blocks back, after Markdown (which never parsed them)."""
        if page.file.src_uri in self._tocs:
            page.toc = get_toc(self._tocs.pop(page.file.src_uri))
        blocks = self._blocks.get(page.file.src_uri)
        if not blocks:
            return html
        texts = [block.decode("utf-8") for block in blocks]
        if page.present_anchor_ids is not None:  # for MkDocs' anchor validation, as if Markdown had seen them
            page.present_anchor_ids |= rawblocks.ids(texts)
        html = rawblocks.fill(html, texts, unsearched=False)
        for i, text in enumerate(texts):  # in the page now: do not hold a second copy until the build ends
            if not rawblocks.excluded_from_search(text):
                blocks[i] = b""
        return html

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, *, page, config, nav):
        """Put back the blocks that search skips anyway (maps, index tables): search need not parse them."""
        blocks = self._blocks.pop(page.file.src_uri, None)
        if blocks:
            page.content = rawblocks.fill(page.content, [block.decode("utf-8") for block in blocks], unsearched=True)
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
