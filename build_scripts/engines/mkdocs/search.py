"""Material's search plugin and the generated pages: their entries, made here, go into its index.

Material's plugin would parse each page's HTML; a generated page gives the
entries that parse would make (:mod:`.search_entries`) and is marked excluded
while the plugin runs, so that the plugin adds none of its own. In a one-off
build the entries wait on disk and are merged into the index file at the end
(:mod:`.search_spill`); under ``mkdocs serve`` they go into the plugin's index,
which the next rebuild may merge with its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .pages import Prepared
from .search_spill import SearchIndex, SpilledEntries


def material_search(config) -> Any:
    """Material's search plugin, when it is on: generated pages add their entries to its index."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if type(index).__module__.startswith("material.") and isinstance(entries, list):
            return plugin if plugin.config.get("enabled", True) else None
    return None


class MaterialSearch:
    """One build's hooks into Material's search plugin (``plugin``). ``spill_dir``: where the generated
    pages' entries wait until the end of the build (None: they go into the plugin's index at once)."""

    def __init__(self, plugin: Any, spill_dir: Path | None) -> None:
        self.plugin = plugin
        self.spill = SpilledEntries(spill_dir) if spill_dir is not None else None
        self.entries = 0  # the generated pages' entries given to the index
        self._meta: dict[str, dict | None] = {}  # a page's own "search" settings, while its entries are ours

    @property
    def index(self) -> SearchIndex:
        return self.plugin.search_index

    def add(self, page, prepared: Prepared) -> None:
        """Before the plugin indexes ``page``: its entries (none if its front matter excludes it), and the
        page marked excluded, so that the plugin adds nothing more."""
        search = page.meta.get("search") or {}
        if not search.get("exclude"):  # the entries its parser would make from the view, without parsing it
            entries = prepared.entries(page.url, str(page.meta.get("title", page.title)), search.get("boost"))
            if self.spill is not None:  # kept on disk, in their place among the plugin's own
                self.spill.add(len(self.index.entries), entries)
            else:
                self.index.entries.extend(entries)
            self.entries += len(entries)
        self._meta[page.file.src_uri] = page.meta.get("search")
        page.meta["search"] = {**search, "exclude": True}

    def restore(self, page) -> None:
        """After the plugin indexed ``page``: its own search settings back."""
        src = page.file.src_uri
        if src in self._meta:
            page.meta["search"] = self._meta.pop(src)
            if page.meta["search"] is None:
                del page.meta["search"]

    def keep_previous(self, urls: set[str]) -> None:
        """Under ``serve --dirty``: the previous rebuild's index, which the plugin merges into this one, keeps
        only the entries of these pages (the plugin itself drops one page's: it expects a single change)."""
        previous = getattr(self.plugin, "search_index_prev", None)
        if previous is not None:
            previous.entries = [e for e in previous.entries if e["location"].split("#", 1)[0] in urls]

    def write(self, site_dir: str) -> None:
        """After the plugin wrote its index file: the file again, with the spilled entries in their places."""
        if self.spill is not None:
            self.spill.write(Path(site_dir, "search", "search_index.json"), self.index)

    def close(self) -> None:
        if self.spill is not None:
            self.spill.close()
