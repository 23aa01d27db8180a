"""Rendered pages kept between a live preview's rebuilds, each reused while all it read is unchanged.

A page is rendered against a :class:`TrackedSite`, a view of the site that
records every value the renderer looks up: a key of one of its mappings (or
the key's absence), or a whole collection when the renderer iterates it. On
the next rebuild the page is reused only if its item and options are equal and
the new site gives an equal value for every one of those reads. The
dependencies are whatever the renderer touched, so none can be left out; an
edit re-renders the pages that read what it changed.

Model records are frozen dataclasses compared by value (their field
``locations``, which no renderer reads, is left out of comparisons); unchanged
files give the very same objects (the pipeline's memo), so most comparisons are
identity checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..model import Site

_MISSING = object()  # a key that was looked up and absent
_ALL = object()  # the whole collection was read
MAPPINGS = (
    "speakers",
    "annotations",
    "topics",
    "by_speaker",
    "disputes_of",
    "disputes_by",
    "cited_by",
    "briefing_of",
    "by_slug",
)

Reads = dict[tuple[str, object], object]  # (attribute of the site, key or _ALL) -> the value read (once each)


class _TrackedMapping(Mapping):
    def __init__(self, name: str, mapping: Mapping, reads: Reads):
        self._name, self._mapping, self._reads = name, mapping, reads

    def __getitem__(self, key: object) -> Any:
        value = self._mapping.get(key, _MISSING)
        self._reads[self._name, key] = value
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator:
        self._reads[self._name, _ALL] = self._mapping
        return iter(self._mapping)

    def __len__(self) -> int:
        self._reads[self._name, _ALL] = self._mapping
        return len(self._mapping)


class TrackedSite:
    """A :class:`Site` for renderers, recording what they read (same attributes, same answers)."""

    def __init__(self, site: Site):
        self._site = site
        self.reads: Reads = {}
        for name in MAPPINGS:
            setattr(self, name, _TrackedMapping(name, getattr(site, name), self.reads))

    @property
    def briefings(self) -> tuple:
        self.reads["briefings", _ALL] = self._site.briefings
        return self._site.briefings

    briefing = Site.briefing  # by slug: reads by_slug (and briefings, for a slug it lacks) through this view


def _unchanged(site: Site, reads: Reads) -> bool:
    for (name, key), value in reads.items():
        collection = getattr(site, name)
        now = collection if key is _ALL else collection.get(key, _MISSING)
        if now is not value and (now is _MISSING or value is _MISSING or now != value):
            return False
    return True


@dataclass(frozen=True)
class _Entry:
    inputs: object
    reads: Reads
    value: Any  # a Page, or the text of a part of a data file


class PageCache:
    """Pages by path (and parts of data files by ``path#part``), from one rebuild to the next."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self.rendered = self.reused = 0

    def keep(self, paths) -> None:
        """Forget every page but these (the others left the site); ``path#part`` is a part of ``path``."""
        self._entries = {key: entry for key, entry in self._entries.items() if key.split("#", 1)[0] in paths}

    def unchanged(self, path: str, inputs: object, site: Site) -> bool:
        """Whether the page kept for ``path`` is still right: same inputs, and nothing it read has changed."""
        entry = self._entries.get(path)
        return entry is not None and entry.inputs == inputs and _unchanged(site, entry.reads)

    def render(self, path: str, inputs: object, make: Callable[[Any], Any], site: Site) -> Any:
        """``make(site)``, or what it gave last time when nothing it read has changed."""
        if self.unchanged(path, inputs, site):
            self.reused += 1
            return self._entries[path].value
        tracked = TrackedSite(site)
        value = make(tracked)
        self._entries[path] = _Entry(inputs, tracked.reads, value)
        self.rendered += 1
        return value


def briefing_parts(
    site: Site,
    briefings: Iterable,
    path: str,
    make: Callable[..., str],
    options: object,
    cache: PageCache | None = None,
) -> Iterator[str]:
    """A file made of one part per briefing: ``make(site, b, options)`` for each one. With a ``cache`` (kept
    between rebuilds), a part is made again only when its briefing, the options or anything it read changed:
    after one edit, a data file of every annotation is mostly reused."""
    for b in briefings:
        if cache is None:
            yield make(site, b=b, options=options)
        else:
            yield cache.render(f"{path}#{b.slug}", (b, options), partial(make, b=b, options=options), site)
