"""Data exports written at build time: ``claims.json``, ``claims.csv`` and ``annotations.jsonld``.

Schema version 1.1 (documented for readers in ``docs/data.md``; 1.1 added the ``attribution`` column):

* ``claims.json``: ``{"schema_version", "columns", "claims": [row, ...]}``; one row per
  annotation with the :data:`COLUMNS` keys; ``topics`` and ``counterclaim_ids`` are lists.
* ``claims.csv``: the same :data:`COLUMNS` as a header row, UTF-8 *with* a BOM (so that
  spreadsheet programs detect UTF-8), CRLF line ends, every cell in double quotes, lists joined
  with ``"; "``. As OWASP's CSV-injection guidance says, a cell that starts with ``= + - @``, a
  tab, CR, LF or NUL, or with one of these after white space or invisible characters, or with a
  full-width or small form of one (``＝ ＋ － ＠``, ``﹦``...), gets a leading ``'`` so that a
  spreadsheet never evaluates contributor text as a formula.
* ``annotations.jsonld``: a W3C Web Annotation ``AnnotationCollection``. Offsets of the
  ``TextPositionSelector`` count characters of the article body as stored (see
  :mod:`.articles`). Extension terms live in the ``ab:`` namespace (:data:`NAMESPACE`).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator
from functools import partial

import regex

from .model import Annotation, Briefing, Counterclaim, Site
from .render import jsontext, links
from .render.context import NAMESPACE, DataFile, RenderOptions, absolute_url, claim_row, site_base
from .render.pagecache import PageCache, briefing_parts
from .render.safe import plain

SCHEMA_VERSION = "1.1"
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix/suffix length of the TextQuoteSelector
COLUMNS = (
    "id",
    "briefing",
    "briefing_title",
    "speaker",
    "speaker_name",
    "claim",
    "quote",
    "topics",
    "counterclaim_ids",
    "url",
    "attribution",
)
DATA_DIR = "data"
FORMULA_START = frozenset("=+-@\t\r\n\0")  # compared after NFKC, which maps ＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫ onto them
_LEADING_BLANKS = regex.compile(r"[\s\p{Zs}\p{Cf}\p{Default_Ignorable_Code_Point}]*")
_ENCODE = jsontext.encoder()

# Our extension terms, added as a second @context entry after the W3C one.
EXTENSION_CONTEXT = {
    "ab": NAMESPACE,
    "speaker": {"@id": "ab:speaker", "@type": "@id"},
    "speakerName": "ab:speakerName",
    "counterclaims": {"@id": "ab:counterclaims", "@container": "@list"},
    "claimText": "ab:claimText",
    "attribution": "ab:attribution",
    "topics": {"@id": "ab:topic", "@container": "@set"},
}


def annotation_url(site: Site, options: RenderOptions, ann_id: str) -> str:
    return absolute_url(options, links.briefing_page(site.briefing_of[ann_id]), ann_id)


def counterclaim_ids(ann: Annotation) -> list[str]:
    """Referenced annotation ids, and ``<id>--counter-<n>`` anchors for inline counterclaims."""
    return [c.ref or c.anchor for c in ann.counterclaims]


def claim_rows(site: Site, b: Briefing, options: RenderOptions) -> Iterator[dict[str, object]]:
    for ann in b.annotations:
        row = claim_row(site, b, ann, annotation_url(site, options, ann.id))
        row["counterclaim_ids"] = counterclaim_ids(ann)
        yield {key: row[key] for key in COLUMNS}


def _claims_json_part(site: Site, b: Briefing, options: RenderOptions) -> str:
    return ",\n".join(map(_ENCODE, claim_rows(site, b, options)))


def claims_json(site: Site, options: RenderOptions, cache: PageCache | None = None) -> Iterator[str]:
    doc = {"schema_version": SCHEMA_VERSION, "columns": list(COLUMNS), "claims": []}
    path = f"{DATA_DIR}/claims.json"
    return jsontext.chunks(
        doc, ("claims",), briefing_parts(site, site.briefings, path, _claims_json_part, options, cache)
    )


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula: its first character, or its first after white
    space and invisible characters, is one of :data:`FORMULA_START` or a compatibility form of one."""
    first = text[:1]
    if first.isascii() and first.isalnum():  # not blank, not a formula's start, and NFKC leaves it alone
        return False
    blanks = _LEADING_BLANKS.match(text)  # matches, maybe empty
    after = text[blanks.end() :] if blanks else text
    return any(unicodedata.normalize("NFKC", c[:1]) in FORMULA_START for c in (text, after) if c)


def csv_cell(value: object) -> str:
    """A CSV cell: lists joined with '; ', and formula-like text defused with a leading quote."""
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if formula_like(text) else text


def _csv_rows(rows: Iterable[Iterable[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL).writerows(rows)
    return out.getvalue()


def _claims_csv_part(site: Site, b: Briefing, options: RenderOptions) -> str:
    return _csv_rows([csv_cell(row[c]) for c in COLUMNS] for row in claim_rows(site, b, options))


def claims_csv(site: Site, options: RenderOptions, cache: PageCache | None = None) -> Iterator[str]:
    yield "\ufeff" + _csv_rows([COLUMNS])
    yield from briefing_parts(
        site, site.briefings, f"{DATA_DIR}/claims.csv", _claims_csv_part, options, cache
    )


def target_source(b: Briefing, options: RenderOptions) -> str:
    """The article's own URL when known, else the briefing page."""
    return b.article.url or absolute_url(options, links.briefing_page(b.slug))


def selectors(body: str, start: int, end: int) -> list[dict[str, object]]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": body[start:end],
            "prefix": body[max(0, start - CONTEXT_CHARS) : start],
            "suffix": body[end : end + CONTEXT_CHARS],
        },
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def _counterclaim(site: Site, options: RenderOptions, c: Counterclaim) -> dict[str, object]:
    if c.ref:
        return {"id": annotation_url(site, options, c.ref)}
    return {
        "id": annotation_url(site, options, c.annotation_id).rsplit("#", 1)[0] + f"#{c.anchor}",
        "speaker": absolute_url(options, links.speaker_page(c.speaker)),
        "speakerName": site.speakers[c.speaker].name,
        "claimText": plain(c.claim),
    }


def web_annotation(site: Site, options: RenderOptions, b: Briefing, ann: Annotation) -> dict[str, object]:
    item: dict[str, object] = {
        "id": annotation_url(site, options, ann.id),
        "type": "Annotation",
        "motivation": "describing",
        "body": {
            "type": "TextualBody",
            "value": plain(ann.claim),
            "format": "text/plain",
            "language": b.article.language,
            "purpose": "describing",
        },
        "target": {"source": target_source(b, options)},
        "attribution": ann.attribution,
    }
    if ann.speaker:  # none for the article's own framing
        item["speaker"] = absolute_url(options, links.speaker_page(ann.speaker))
        item["speakerName"] = site.speakers[ann.speaker].name
    if ann.span:
        item["target"]["selector"] = selectors(b.article.body, ann.span.start, ann.span.end)  # type: ignore[index]
    if ann.contributor:
        item["creator"] = {"type": "Person", "nickname": ann.contributor}
    if ann.topics:
        item["topics"] = list(ann.topics)
    if ann.counterclaims:
        item["counterclaims"] = [_counterclaim(site, options, c) for c in ann.counterclaims]
    return item


def _annotations_part(site: Site, b: Briefing, options: RenderOptions) -> str:
    return ",\n".join(_ENCODE(web_annotation(site, options, b, ann)) for ann in b.annotations)


def annotations_jsonld(site: Site, options: RenderOptions, cache: PageCache | None = None) -> Iterator[str]:
    path = f"{DATA_DIR}/annotations.jsonld"
    doc = {
        "@context": [ANNO_CONTEXT, EXTENSION_CONTEXT],
        "id": site_base(options) + path,
        "type": "AnnotationCollection",
        "label": "Annotated Briefings: claims in news articles",
        "total": len(site.annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": []},
    }
    return jsontext.chunks(
        doc, ("first", "items"), briefing_parts(site, site.briefings, path, _annotations_part, options, cache)
    )


def render(site: Site, options: RenderOptions) -> list[DataFile]:
    """The producer: the three data files under ``data/`` (non-.md pages are copied as they are), each made
    only when asked for and a briefing at a time: they hold every annotation, and a build need not hold any of
    them whole (between a live preview's rebuilds, the parts of unchanged briefings are kept: see
    :func:`.briefing_parts`)."""
    files = {"claims.json": claims_json, "claims.csv": claims_csv, "annotations.jsonld": annotations_jsonld}
    return [
        DataFile(f"{DATA_DIR}/{name}", partial(make, options=options), site) for name, make in files.items()
    ]
