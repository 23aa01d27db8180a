"""Reading a built site's Pagefind index in tests: its records (fragments), as the browser would get them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def fragments(site: Path) -> list[dict]:
    """Every record of ``site/pagefind``: its content, meta (with the URL) and filters, sorted by URL."""
    found = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        found.append(json.loads(data[len(SIGNATURE):]))
    return sorted(found, key=lambda f: f["meta"]["url"])


def by_url(site: Path) -> dict[str, dict]:
    return {f["meta"]["url"]: f for f in fragments(site)}


def fragments_over_http(base: str, get) -> list[dict]:
    """Every record of the index served at ``base`` (``get(url) -> bytes``), as the browser finds them: the
    entry file names the metadata file, which lists each record's fragment file."""
    from build_scripts.pagefind_stable import loads

    entry = json.loads(get(base + "pagefind/pagefind-entry.json"))
    found = []
    for info in entry["languages"].values():
        meta = loads(get(base + f"pagefind/pagefind.{info['hash']}.pf_meta"))
        for fragment_hash, _words in meta[1]:
            data = gzip.decompress(get(base + f"pagefind/fragment/{fragment_hash}.pf_fragment"))
            found.append(json.loads(data[len(SIGNATURE):]))
    return sorted(found, key=lambda f: f["meta"]["url"])
