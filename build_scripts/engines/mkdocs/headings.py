"""How the site's Markdown writes headings, read from the ``toc`` settings of ``markdown_extensions``.

Generated headings bypass Python-Markdown, so the core writes them as its
``toc`` extension would (:class:`build_scripts.render.headings.Headings`): the
same ``slugify`` and ``separator``, the same permalink (on or off, its symbol,
``permalink_class``, ``permalink_title``, ``permalink_leading``). The permalink
is written by the extension itself and Markdown's serializer, around a
stand-in id. ``toc_depth`` limits a generated page's table of contents as it
does a hand-written one's. ``baselevel`` and ``anchorlink`` are refused: the
generated headings would differ from the hand-written ones.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markdown import Markdown
from markdown.extensions.toc import TocExtension, TocTreeprocessor, unique
from markdown.serializers import to_html_string
from markdown.util import AMP_SUBSTITUTE
from mkdocs.exceptions import PluginError

from ...render.headings import Headings

NAMES = ("toc", "markdown.extensions.toc")  # the extension, as mkdocs.yml may name it
_ID, _TEXT = "\x01", "\x04"  # stand for a heading's id and text while its permalink is serialized


@dataclass(frozen=True)
class TocSettings:
    """The headings the generated pages get, and the levels their tables of contents list."""

    headings: Headings
    depth: tuple[int, int] = (1, 6)  # the first and last heading level the table of contents lists

    def lists_every_level(self) -> bool:
        return self.depth[0] <= 1 and self.depth[1] >= 6


def given_settings(mdx_configs: Mapping[str, Any]) -> dict[str, Any]:
    """The ``toc`` settings mkdocs.yml gives (empty when it gives none)."""
    given: dict[str, Any] = {}
    for name in NAMES:
        given.update(mdx_configs.get(name) or {})
    return given


def toc_settings(given: Mapping[str, Any]) -> TocSettings:
    """The settings as the ``toc`` extension reads them (its own defaults for the others)."""
    processor = TocTreeprocessor(Markdown(), TocExtension(**given).getConfigs())
    refused = [
        name
        for name, on in (("baselevel", processor.base_level != 0), ("anchorlink", processor.use_anchors))
        if on
    ]
    if refused:
        raise PluginError(
            f"markdown_extensions: toc: {', '.join(refused)} is not supported with the annotated-briefings "
            "plugin: its generated pages would have other headings than the hand-written ones (remove it)"
        )
    permalink, leading = None, False
    if processor.use_permalinks not in (False, None):
        heading = etree.Element("h2")
        heading.text = _TEXT
        processor.add_permalink(heading, _ID)
        inner = to_html_string(heading).replace(AMP_SUBSTITUTE, "&")[len("<h2>") : -len("</h2>")]
        leading = not inner.startswith(_TEXT)
        before, after = inner.replace(_TEXT, "").split(_ID)
        permalink = (before, after)
    headings = Headings(
        slugify=processor.slugify,
        separator=processor.sep,
        unique=unique,
        permalink=permalink,
        permalink_leading=leading,
    )
    return TocSettings(headings, (processor.toc_top, processor.toc_bottom))


def same_settings(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two readings of the settings are the same: a ``slugify`` made again by the same call in
    mkdocs.yml (a function returned by a factory) counts as the same function."""
    return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)


def _same(a: object, b: object) -> bool:
    if a is b or (not callable(a) and a == b):
        return True
    code = getattr(a, "__code__", None)
    return (
        code is not None
        and code is getattr(b, "__code__", None)
        and getattr(a, "__defaults__", None) == getattr(b, "__defaults__", None)
        and _cells(a) == _cells(b)
    )


def _cells(function: object) -> list[object]:
    return [cell.cell_contents for cell in getattr(function, "__closure__", None) or ()]
