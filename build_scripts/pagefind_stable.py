"""Pagefind's index made byte-identical from build to build.

Pagefind 1.5 writes its words and fragments the same way every time, but not
its filters: each filter file lists its values, and the metadata file lists the
filters and sort keys, in hash-map order, which changes from run to run (and
with it the files' hashed names). Here each filter file's values and the
metadata's filter and sort lists are put in name order, and the files are named
again by a hash of what they hold; ``pagefind-entry.json`` names the new
metadata file. The files are gzip-compressed CBOR after a ``pagefind_dcd``
signature; only definite-length CBOR is read, and a file that does not read
back byte for byte as written is a :class:`FormatChanged` error, never guessed at.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
FILTERS, SORTS = 3, 4  # the metadata's lists of filters [name, file hash] and of sort keys [name, pages]


class FormatChanged(Exception):
    """Pagefind's files are not as this module knows them (another Pagefind version)."""


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    head = data[at]
    major, info, at = head >> 5, head & 31, at + 1
    if info < 24:
        value = info
    elif 24 <= info <= 27:
        size = 1 << (info - 24)
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise FormatChanged(f"CBOR item 0x{head:02x} at {at - 1} (indefinite length or reserved)")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at : at + value]
        return (bytes(raw) if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(value):
            key, at = _decode(data, at)
            pairs[key], at = _decode(data, at)
        return pairs, at
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], at
    raise FormatChanged(f"CBOR item 0x{head:02x} at {at - 1}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, value)
    raise ValueError(value)


def _encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(map(_encode, value))
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(type(value))


def loads(compressed: bytes, name: str = "") -> Any:
    """A Pagefind data file's content (from its gzip-compressed bytes), checked to encode back to the same
    bytes."""
    data = gzip.decompress(compressed)
    if not data.startswith(SIGNATURE):
        raise FormatChanged(f"{name}: no {SIGNATURE.decode()} signature")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data) or _encode(value) != data[len(SIGNATURE) :]:
        raise FormatChanged(f"{name}: does not read back as written")
    return value


def read(path: Path) -> Any:
    return loads(path.read_bytes(), path.name)


def _write(folder: Path, prefix: str, lang: str, digits: int, suffix: str, value: Any) -> str:
    """``value`` written as ``<prefix><lang>_<hash><suffix>`` (the same bytes for the same value); gives the
    hash as Pagefind's files name it (``<lang>_<hash>``)."""
    data = gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0)
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
