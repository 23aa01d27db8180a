"""Pagefind's index made byte-identical from build to build.

Pagefind 1.5 writes its words and fragments the same way every time, but not
its filters: each filter file lists its values, and the metadata file lists the
filters and sort keys, in hash-map order, which changes from run to run (and
with it the files' hashed names). Here each filter file's values and the
metadata's filter and sort lists are put in name order, and the files are named
again by a hash of what they hold; ``pagefind-entry.json`` names the new
metadata file. The files are gzip-compressed CBOR (read and written with
``cbor2``) after a ``pagefind_dcd`` signature; a file that does not encode back
byte for byte as it was read is a :class:`FormatChanged` error, never guessed at.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
FILTERS, SORTS = 3, 4  # the metadata's lists of filters [name, file hash] and of sort keys [name, pages]


class FormatChanged(Exception):
    """Pagefind's files are not as this module knows them (another Pagefind version)."""


def loads(compressed: bytes, name: str = "") -> Any:
    """A Pagefind data file's content (from its gzip-compressed bytes), checked to encode back to the same
    bytes."""
    data = gzip.decompress(compressed)
    if not data.startswith(SIGNATURE):
        raise FormatChanged(f"{name}: no {SIGNATURE.decode()} signature")
    try:
        value = cbor2.loads(data[len(SIGNATURE) :])
    except cbor2.CBORDecodeError as error:
        raise FormatChanged(f"{name}: {error}") from error
    if cbor2.dumps(value) != data[len(SIGNATURE) :]:
        raise FormatChanged(f"{name}: does not read back as written")
    return value


def read(path: Path) -> Any:
    return loads(path.read_bytes(), path.name)


def _write(folder: Path, prefix: str, lang: str, digits: int, suffix: str, value: Any) -> str:
    """``value`` written as ``<prefix><lang>_<hash><suffix>`` (the same bytes for the same value); gives the
    hash as Pagefind's files name it (``<lang>_<hash>``)."""
    data = gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
    name = f"{lang}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(data)
    return name


def stabilise(bundle: Path) -> None:
    """Rewrite the filter and metadata files of the Pagefind bundle in ``bundle`` in a fixed order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read(meta_path)
        if not (isinstance(meta, list) and len(meta) > SORTS and isinstance(meta[FILTERS], list)):
            raise FormatChanged(f"{meta_path.name}: not the metadata layout of Pagefind 1.5")
        filters = []
        for name, old in sorted(meta[FILTERS]):
            old_path = bundle / "filter" / f"{old}.pf_filter"
            filter_name, values = read(old_path)
            old_path.unlink()
            new = _write(bundle / "filter", "", lang, 7, ".pf_filter", [filter_name, sorted(values)])
            filters.append([name, new])
        meta[FILTERS], meta[SORTS] = filters, sorted(meta[SORTS])
        meta_path.unlink()
        info["hash"] = _write(bundle, "pagefind.", lang, 10, ".pf_meta", meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
