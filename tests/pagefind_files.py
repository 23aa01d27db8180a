"""Reading a built site's Pagefind index in tests: its records (fragments), as the browser would get them."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def fragments(site: Path) -> list[dict]:
    """Every record of ``site/pagefind``: its content, meta (with the URL) and filters, and the list of its claims
    file as ``claims`` (if it names one), sorted by URL."""
    found = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        record = json.loads(data[len(SIGNATURE):])
        if "claims_file" in record["meta"]:
            record["claims"] = json.loads((site / "pagefind" / record["meta"]["claims_file"]).read_text("utf-8"))
        found.append(record)
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
            record = json.loads(data[len(SIGNATURE):])
            if "claims_file" in record["meta"]:
                record["claims"] = json.loads(get(base + "pagefind/" + record["meta"]["claims_file"]))
            found.append(record)
    return sorted(found, key=lambda f: f["meta"]["url"])


def entries(records: list[dict]) -> list[dict]:
    """What a search can answer with, from records as :func:`fragments` gives them: each record (its ``location``
    its URL, its text the words before its first heading), and each annotation section of a briefing's record
    (Pagefind's sub-result: its location the URL with the heading's id, its title the heading, its text the words
    up to the next heading), with the ``claim`` the record's claims file holds for it."""
    found = []
    for record in records:
        words = record["content"].split()
        anchors = [a for a in record["anchors"] if a["element"] in ("h1", "h2", "h3", "h4", "h5", "h6")]
        ends = [a["location"] for a in anchors[1:]] + [len(words)]
        first = anchors[0]["location"] if anchors else len(words)
        found.append({"location": record["meta"]["url"], "title": record["meta"]["title"],
                      "text": " ".join(words[:first]), "meta": record["meta"], "filters": record["filters"]})
        claims = {c["id"]: c for c in record.get("claims", [])}
        for anchor, end in zip(anchors, ends):
            found.append({"location": f"{record['meta']['url']}#{anchor['id']}", "title": anchor["text"],
                          "text": " ".join(words[anchor["location"]:end]), "claim": claims.get(anchor["id"])})
    return found


def stand_in(path: Path, script: str) -> Path:
    """A stand-in for the Pagefind binary (``PAGEFIND_BINARY_PATH``): a shell script."""
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path


def hidden_word(site: Path) -> str:
    """A word that only the hidden metadata of a record of ``site`` holds (its number of claims, its kind, the
    name of its claims file), which no word of any record's text begins with: Pagefind 1.5 matches metadata
    too."""
    records = fragments(site)
    words = [w.lower() for r in records for w in r["content"].split()]  # indexed whole, and each part apart
    text = {"".join(c for c in w if c.isalnum()) for w in words}
    text |= {part for w in words for part in re.split(r"\W+", w)}
    hidden = sorted({w for r in records for key in ("claims", "kind", "claims_file")
                     for w in re.split(r"[^0-9a-z]+", r["meta"].get(key, "").lower()) if w})
    word = next((w for w in hidden if not any(t.startswith(w) for t in text)), None)
    assert word, "every word of the metadata begins a word of some record's text"
    return word
