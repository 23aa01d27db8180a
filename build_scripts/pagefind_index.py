"""A site's search records as a Pagefind index: a chunked index the browser loads a piece at a time.

Each record (:mod:`.search_records`) becomes a small HTML file in a working
folder: its searchable text in ``data-pagefind-body`` (each part with its
``data-pagefind-weight``; each section under a heading with the annotation's
id, which Pagefind makes a sub-result), its meta, filters and sort key as
Pagefind's attributes, its URL as the ``url`` meta (the file's own path means
nothing). What a result shows of each annotation (its speaker, attribution,
disputers, topics) is a small JSON file per briefing beside the index
(``pagefind/claims/``), fetched only for the briefings a page shows.
The Pagefind binary that ``pagefind[bin]`` installs indexes the folder into the
site's ``pagefind/`` folder (its command line: Pagefind's Python API answers
one call per 0.1 s, which is half an hour for 20,000 records), in a process of
its own while the caller goes on (:class:`Indexing`: the site engine's adapter
starts it before the engine builds the pages, which use one core, and Pagefind
the other);
:mod:`.pagefind_stable` then makes the output byte-identical from build to build.
Pagefind's own ready-made interfaces are left out: the site has its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import pagefind_stable
from .render.safe import esc
from .search_records import EVERY, EVERY_ID, Field, Record, Section

OUTPUT = "pagefind"  # the bundle's folder in the site
UNUSED = (  # Pagefind's ready-made interfaces, which the site does not use
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


class PagefindError(Exception):
    """Pagefind could not index the records (its output says why)."""


@dataclass(frozen=True)
class Indexed:
    records: int
    seconds: float
    bytes: int  # of the bundle on disk


# Pagefind ends a block's text with "." when its last character is one of these (fossick/parser.rs,
# SENTENCE_CHARS), and leaves any other as it is: a field ending "4%", "…" or "complete,”" ran on.
_PAGEFIND_ENDS = re.compile(r"[\w'\"\)\$\*.!?]\Z")


def ended(text: str) -> str:
    """A field's text, with the stop Pagefind would not add: every field of a record then ends in one, which
    is how search.js tells where a field begins (an excerpt's ellipsis, a field of forms)."""
    text = text.rstrip()
    return text if not text or _PAGEFIND_ENDS.search(text) else text + "."


def _paragraphs(fields: Iterable[Field]) -> str:
    return "".join(
        f'<p data-pagefind-weight="{f.weight:g}">{esc(ended(f.text))}</p>' for f in fields if f.text
    )


def _section(section: Section) -> str:
    """An annotation as a heading with its id (Pagefind makes it a sub-result linking there) and its text."""
    h = section.heading
    return (
        f'<section><h2 id="{esc(section.id)}" data-pagefind-weight="{h.weight:g}">{esc(ended(h.text))}</h2>'
        f"{_paragraphs(section.fields)}</section>"
    )


CLAIMS = "claims"  # in the bundle: one JSON file per briefing record, what results show of its annotations


def claims_json(record: Record) -> str:
    """The data of a record's sections (:func:`..search_records.claim_meta`, and the ``folds`` of those with
    ASCII forms), in the record's order. Kept out of Pagefind's meta: Pagefind holds about 20 bytes of memory
    for each byte of meta (226 MB for these lists at 1,000 briefings of 20 annotations)."""
    return json.dumps([s.meta for s in record.sections], ensure_ascii=False, separators=(",", ":")) + "\n"


def claims_file(record: Record, text: str | None = None) -> str:
    """Where a record's claims file (``text``, else :func:`claims_json`) is, relative to the bundle: named by
    a hash of what it holds, so a browser never pairs a cached list with a newer index, and a record whose
    list changed is not the same record (a live preview keeps its index only while its records are
    unchanged)."""
    text = claims_json(record) if text is None else text
    return f"{CLAIMS}/{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.json"


def record_html(record: Record, language: str = "en") -> str:
    """One record as the HTML page Pagefind reads: every value escaped (contributor text stays text). A record
    with sections names its claims file (:func:`claims_file`) in the ``claims_file`` meta."""
    body = _paragraphs(record.fields) + "".join(_section(s) for s in record.sections)
    meta = dict(record.meta)
    if record.sections:  # EVERY last, so that no excerpt of the record or of a section shows it
        body += f'<section><h2 id="{EVERY_ID}" data-pagefind-weight="0.1">{EVERY}</h2></section>'
        meta["claims_file"] = claims_file(record)
    tags = [("meta", "title", record.title), ("meta", "url", record.url), ("meta", "kind", record.kind)]
    tags += [("meta", key, value) for key, value in meta.items() if value]
    tags += [("filter", key, value) for key, values in record.filters.items() for value in values]
    tags += [("sort", key, value) for key, value in record.sort.items()]
    data = "".join(
        f'<span data-pagefind-{kind}="{esc(key)}">{esc(value)}</span>' for kind, key, value in tags
    )
    return (
        f'<!DOCTYPE html><html lang="{esc(language)}"><head><meta charset="utf-8">'
        f"<title>{esc(record.title)}</title></head><body>"
        f"<main data-pagefind-body>{body}</main><footer>{data}</footer></body></html>\n"
    )


def write_records(records: Iterable[Record], folder: Path, language: str = "en") -> int:
    """Each record as a file in ``folder``, named by its place in the order given; gives their number."""
    count = 0
    for count, record in enumerate(records, 1):
        sub = folder / f"{count // 1000:04d}"
        if count % 1000 == 0 or count == 1:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{count:07d}.html").write_text(record_html(record, language), encoding="utf-8")
    return count


def executable() -> Path:
    """The Pagefind binary: the one ``pagefind[bin]`` ships in its wheel (nothing is downloaded), or the one
    ``PAGEFIND_BINARY_PATH`` names."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise PagefindError("no Pagefind binary: install pagefind[bin] (pip install 'pagefind[bin]')")
    return found


class Indexing:
    """A Pagefind run under way (:func:`start`): the binary indexes the record files in a process of its own
    while the caller goes on (the site engine builds the pages meanwhile). :meth:`finish` waits for it and
    completes the bundle; :meth:`cancel` stops it. Either removes the record files."""

    def __init__(self, records: list[Record], folder: Path, output: Path, language: str) -> None:
        self.folder, self.output = folder, output
        self.started = time.perf_counter()
        command = [str(executable()), "--site", str(folder), "--output-path", str(output)]
        command += ["--force-language", language, "--quiet"]
        if output.exists():
            shutil.rmtree(output)
        self.count = write_records(records, folder, language)
        self.log = folder.with_name("pagefind.log")  # Pagefind's output
        try:
            with self.log.open("wb") as log:  # the process writes to its own copy
                self.process = subprocess.Popen(
                    command, stdout=log, stderr=subprocess.STDOUT, env=_environment()
                )
        except OSError as error:
            self._close()
            raise PagefindError(f"pagefind could not be started: {error}") from None
        # if the caller never finishes nor cancels (an interpreter ending on an interruption), Pagefind stops
        self._finalizer = weakref.finalize(self, _stop, self.process)
        try:  # while Pagefind runs (it leaves the files of its output folder that are not its own)
            write_claims(records, output)
        except BaseException:
            self.cancel()
            raise

    def finish(self) -> Indexed:
        """Wait for Pagefind; drop the files the site does not use and make the bundle byte-identical from
        build to build (:mod:`.pagefind_stable`)."""
        try:
            status = self.process.wait()
            if status != 0 or not (self.output / "pagefind-entry.json").is_file():
                output = self.log.read_text(encoding="utf-8", errors="replace")
                raise PagefindError(f"pagefind exited with status {status}:\n{output}".strip())
            for name in UNUSED:
                (self.output / name).unlink(missing_ok=True)
            wanted = {f"wasm.{info['wasm']}.pagefind" for info in _languages(self.output).values()}
            for wasm in self.output.glob("wasm.*.pagefind"):
                if wasm.name not in wanted:  # the other languages' stemmers: never loaded
                    wasm.unlink()
            pagefind_stable.stabilise(self.output)
        finally:  # also when the wait is interrupted: Pagefind must not outlive the build
            self.cancel()
        size = sum(p.stat().st_size for p in self.output.rglob("*") if p.is_file())
        return Indexed(self.count, time.perf_counter() - self.started, size)

    def cancel(self) -> None:
        """Stop Pagefind if it still runs (a build failed before it was needed); remove the record files."""
        self._finalizer()
        self._close()

    def _close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.log.unlink(missing_ok=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()


# The binary's allocator (jemalloc, as Rust's tikv-jemallocator builds it: hence the prefix) keeps freed
# memory for 10 s by default, longer than the run: returned at once, the peak at 1,000 briefings of 20 is
# 269 MB, not 303 (and the run takes the same time).
ALLOCATOR = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")


def _environment() -> dict[str, str]:
    """Pagefind's environment: this one, with :data:`ALLOCATOR` unless it is set."""
    name, value = ALLOCATOR
    return {name: value, **os.environ}


def start(records: Iterable[Record], output: Path, work: Path, language: str = "en") -> Indexing:
    """Start indexing ``records`` into ``output`` (replaced), through the folder ``work/search-records``."""
    return Indexing(list(records), work / "search-records", output, language)


def _languages(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]


def write_claims(records: Iterable[Record], bundle: Path) -> None:
    """Each record's claims file (:func:`claims_json`) into the bundle."""
    (bundle / CLAIMS).mkdir(parents=True, exist_ok=True)
    for record in records:
        if record.sections:
            text = claims_json(record)
            (bundle / claims_file(record, text)).write_text(text, encoding="utf-8")


def build(records: Iterable[Record], site_dir: Path, work: Path, language: str = "en") -> Indexed:
    """Index ``records`` into ``site_dir/pagefind``, through the working folder ``work``, and write their
    claims files beside the index; wait for it all."""
    return start(records, site_dir / OUTPUT, work, language).finish()
