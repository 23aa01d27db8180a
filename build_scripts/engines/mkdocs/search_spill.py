"""Search entries of generated pages kept on disk, then merged into the search index file in build order.

Material's search plugin holds every entry of every page as a Python dict until
the end of the build, then encodes them all at once into one string and writes
it: at thousands of briefings that is the largest thing a build holds (at 1,000
articles, about 90 MiB for a 23 MB index). Here a generated page's entries are
encoded as they are made, one JSON text per line of a file, with the number of
entries the plugin already held (so hand-written pages keep their places). At
the end, :meth:`SpilledEntries.write` writes the index file piece by piece: the
plugin's own head (its ``config``), then every entry in build order. The text is
byte for byte what the plugin would have written (a test builds a site both
ways). Nothing here imports the site engine.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

# As the plugin encodes its index: compact separators, ASCII only, str() for anything else.
_ENCODE = json.JSONEncoder(separators=(",", ":"), default=str).encode
_EMPTY_DOCS = '"docs":[]}'


class SearchIndex(Protocol):
    """What is used of Material's search index."""

    entries: list

    def generate_search_index(self, prev) -> str: ...


class SpilledEntries:
    """Entries of generated pages, encoded into ``folder`` as they come; merged into the index file at the
    end."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.path = Path(folder, "search-entries.jsonl")
        self._out = self.path.open("w", encoding="utf-8", newline="\n")
        self._places: list[tuple[int, int]] = []  # (entries the plugin held then, entries of this page)

    def add(self, place: int, entries: Iterable[dict]) -> None:
        """A page's entries, which go after the plugin's first ``place`` entries (and any added before)."""
        count = 0
        for entry in entries:
            self._out.write(_ENCODE(entry) + "\n")
            count += 1
        self._places.append((place, count))

    def write(self, target: str | os.PathLike, index: SearchIndex) -> None:
        """Write the index file ``target``: the plugin's entries and ours, in the order the pages were
        built."""
        self._out.close()
        theirs, index.entries = index.entries, []
        try:  # the plugin's own text for no entries gives its head, whatever its configuration
            empty = index.generate_search_index(None)
        finally:
            index.entries = theirs
        if not empty.endswith(_EMPTY_DOCS):
            raise RuntimeError(f"unexpected search index format: {empty[-80:]!r}")
        partial = Path(f"{target}.partial")
        with self.path.open(encoding="utf-8") as ours, partial.open("w", encoding="utf-8", newline="") as out:
            out.write(empty[: -len("]}")])
            first, done = True, 0
            for place, count in [*self._places, (len(theirs), 0)]:
                pieces = [_ENCODE(entry) for entry in theirs[done:place]] + [
                    next(ours)[:-1] for _ in range(count)
                ]
                done = max(done, place)
                if pieces:
                    out.write(("" if first else ",") + ",".join(pieces))
                    first = False
            out.write("]}")
        os.replace(partial, target)

    def close(self) -> None:
        self._out.close()
