"""Data exports: claims.json, claims.csv and the W3C Web Annotation collection (expanded with pyld, offline)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pyld import jsonld

from build_scripts import exports
from build_scripts.articles import normalize
from build_scripts.pipeline import Project, load_site, render_project
from build_scripts.render import RenderOptions

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "tests" / "fixtures" / "exports"
ANNO_CONTEXT = json.loads((ROOT / "tests" / "fixtures" / "jsonld" / "anno.jsonld").read_text(encoding="utf-8"))
SITE_URL = "https://example.org/briefings-site/"
OA, AS, AB = "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/activitystreams#", exports.NAMESPACE
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"


def local_loader(url: str, options: dict | None = None) -> dict:
    """Serve the bundled W3C anno context; refuse everything else (no network)."""
    if url != exports.ANNO_CONTEXT:
        raise jsonld.JsonLdError(f"refusing to fetch {url}", "loading document failed")
    return {"contextUrl": None, "documentUrl": url, "document": ANNO_CONTEXT, "contentType": "application/ld+json"}


@pytest.fixture(scope="module")
def pages() -> dict:
    return render_project(Project(SITE), RenderOptions(site_url=SITE_URL))


@pytest.fixture(scope="module")
def site():
    return load_site(Project(SITE))


@pytest.fixture(scope="module")
def expanded(pages) -> dict:
    result = jsonld.expand(json.loads(pages["data/annotations.jsonld"].markdown), {"documentLoader": local_loader})
    assert len(result) == 1
    return result[0]


def values(node: dict, key: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(key, [])]


def items(expanded: dict) -> dict[str, dict]:
    page = expanded[AS + "first"][0]
    return {item["@id"].rsplit("#", 1)[1]: item for item in page[AS + "items"][0]["@list"]}


def test_loader_never_fetches() -> None:
    with pytest.raises(jsonld.JsonLdError):
        local_loader("https://example.org/other.jsonld")


def test_collection_structure(expanded: dict) -> None:
    assert expanded["@type"] == [AS + "OrderedCollection"]
    assert expanded["@id"] == SITE_URL + "data/annotations.jsonld"
    assert values(expanded, AS + "totalItems") == [4]
    page = expanded[AS + "first"][0]
    assert page["@type"] == [AS + "OrderedCollectionPage"]
    assert sorted(items(expanded)) == ["bridge-halves-commutes", "budget-rises-five-percent",
                                       "hospitals-not-the-problem", "raise-does-not-cover-inflation"]


@pytest.mark.parametrize("ann_id, source, creator", [
    ("budget-rises-five-percent", "https://news.example.com/2020/01/02/clinic-budget", "ann-editor"),
    ("raise-does-not-cover-inflation", "https://news.example.com/2020/01/02/clinic-budget", "@union-watch"),
    ("hospitals-not-the-problem", "https://news.example.com/2020/01/02/clinic-budget", None),
    ("bridge-halves-commutes", SITE_URL + "briefings/2020-02-03-river-bridge/", "bridge-fan"),
])
def test_annotation_target_body_creator(expanded: dict, site, ann_id: str, source: str, creator: str | None) -> None:
    item = items(expanded)[ann_id]
    ann = site.annotations[ann_id]
    assert item["@type"] == [OA + "Annotation"]
    assert values(item, OA + "motivatedBy") == [OA + "describing"]
    [body] = item[OA + "hasBody"]
    assert body["@type"] == [OA + "TextualBody"]
    assert values(body, RDF_VALUE) == [exports.plain(ann.claim)]
    [target] = item[OA + "hasTarget"]
    assert values(target, OA + "hasSource") == [source]
    kinds = sorted(s["@type"][0] for s in target[OA + "hasSelector"])
    assert kinds == [OA + "TextPositionSelector", OA + "TextQuoteSelector"]
    assert values(item, AB + "speaker") == [SITE_URL + f"speakers/{ann.speaker}/"]
    if creator is None:
        assert OA + "creator" not in item and "http://purl.org/dc/terms/creator" not in item
    else:
        [who] = item["http://purl.org/dc/terms/creator"]
        assert who["@type"] == ["http://xmlns.com/foaf/0.1/Person"]
        assert values(who, "http://xmlns.com/foaf/0.1/nick") == [creator]


def test_every_exact_quote_is_at_its_stated_position(expanded: dict, site) -> None:
    bodies = {b.slug: b.article.body for b in site.briefings}
    checked = 0
    for ann_id, item in items(expanded).items():
        body = bodies[site.briefing_of[ann_id]]
        selectors = {s["@type"][0]: s for s in item[OA + "hasTarget"][0][OA + "hasSelector"]}
        quote, position = selectors[OA + "TextQuoteSelector"], selectors[OA + "TextPositionSelector"]
        [start], [end] = values(position, OA + "start"), values(position, OA + "end")
        [exact] = values(quote, OA + "exact")
        assert body[start:end] == exact
        assert values(quote, OA + "prefix") == [body[max(0, start - 32):start]]
        assert values(quote, OA + "suffix") == [body[end:end + 32]]
        assert normalize(exact) == normalize(site.annotations[ann_id].quote)
        checked += 1
    assert checked == 4


def test_prefix_picks_the_first_of_two_occurrences(expanded: dict, site) -> None:
    selectors = items(expanded)["budget-rises-five-percent"][OA + "hasTarget"][0][OA + "hasSelector"]
    position = next(s for s in selectors if s["@type"] == [OA + "TextPositionSelector"])
    body = site.briefing("2020-01-02-clinic-budget").article.body
    assert body.count("will rise by five percent") == 2
    assert values(position, OA + "start") == [body.index("will rise by five percent")]


def test_counterclaims_extension(expanded: dict) -> None:
    counters = items(expanded)["budget-rises-five-percent"][AB + "counterclaims"][0]["@list"]
    assert [c["@id"] for c in counters] == [
        SITE_URL + "briefings/2020-01-02-clinic-budget/#raise-does-not-cover-inflation",
        SITE_URL + "briefings/2020-01-02-clinic-budget/#budget-rises-five-percent--counter-2"]
    assert values(counters[1], AB + "speaker") == [SITE_URL + "speakers/example-institute/"]
    assert values(counters[1], AB + "claimText") == ['=HYPERLINK("http://evil.example") clinics need ten percent.']


def test_claims_json(pages) -> None:
    doc = json.loads(pages["data/claims.json"].markdown)
    assert doc["schema_version"] == "1.1"  # 1.1 added the column 'attribution', at the end
    assert doc["columns"] == list(exports.COLUMNS) == [
        "id", "briefing", "briefing_title", "speaker", "speaker_name", "claim", "quote", "topics", "counterclaim_ids",
        "url", "attribution"]
    row = next(r for r in doc["claims"] if r["id"] == "budget-rises-five-percent")
    assert row == {
        "id": "budget-rises-five-percent", "briefing": "2020-01-02-clinic-budget",
        "briefing_title": "Clinic budget rises by 5% as ministry & union spar",
        "speaker": "health-ministry", "speaker_name": "Ministry of Health",
        "claim": "The ministry says the clinic budget </script><script>alert(1)</script> rises by five percent & more.",
        "quote": "will rise by five percent", "topics": ["budget", "health"],
        "counterclaim_ids": ["raise-does-not-cover-inflation", "budget-rises-five-percent--counter-2"],
        "url": SITE_URL + "briefings/2020-01-02-clinic-budget/#budget-rises-five-percent", "attribution": "direct"}
    assert len(doc["claims"]) == 4


def test_claims_csv_opens_as_a_spreadsheet_table(pages) -> None:
    text = pages["data/claims.csv"].markdown
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows[0] == list(exports.COLUMNS)
    by_id = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert len(by_id) == 4
    assert by_id["raise-does-not-cover-inflation"]["claim"] == "'-5% in real terms: the union says the raise does not cover inflation."
    assert by_id["hospitals-not-the-problem"]["claim"] == "'+Doe says hospitals are not the problem."
    assert by_id["budget-rises-five-percent"]["topics"] == "budget; health"
    assert by_id["budget-rises-five-percent"]["counterclaim_ids"] == \
        "raise-does-not-cover-inflation; budget-rises-five-percent--counter-2"


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+31 20", "'+31 20"), ("-5%", "'-5%"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain = text", "plain = text"), (["a", "=b"], "a; =b"), ([], ""), ("", ""),
    # issue 17, case 14: after white space, after a line feed, full-width (OWASP: also NUL; the other forms)
    (" =1+1", "' =1+1"), ("\n=1+1", "'\n=1+1"), ("\uff1d1+1", "'\uff1d1+1"), ("\uff0b1", "'\uff0b1"),
    ("\uff0d1", "'\uff0d1"), ("\uff20SUM(A1)", "'\uff20SUM(A1)"), ("\ufe661+1", "'\ufe661+1"),
    ("\x00=1", "'\x00=1"),
    ("\u3000\u00a0 \t=1", "'\u3000\u00a0 \t=1"), ("\r\n@x", "'\r\n@x"), ("\u200b=1", "'\u200b=1"),
    (" plain", " plain"), ("\uff21", "\uff21"), ("a\n=1", "a\n=1"),
])
def test_csv_cell(value, cell: str) -> None:
    assert exports.csv_cell(value) == cell


def test_without_site_url_urls_are_site_relative() -> None:
    pages = render_project(Project(SITE), RenderOptions())
    doc = json.loads(pages["data/claims.json"].markdown)
    row = next(r for r in doc["claims"] if r["id"] == "bridge-halves-commutes")
    assert row["url"] == "briefings/2020-02-03-river-bridge/#bridge-halves-commutes"
    anno = json.loads(pages["data/annotations.jsonld"].markdown)
    assert anno["id"] == "data/annotations.jsonld"


def test_data_files_are_written_a_briefing_at_a_time(site, pages) -> None:
    """A build writes each data file piece by piece (a file of every annotation is never held whole): each piece
    holds the records of one briefing, and the pieces join to exactly the file render_project gives."""
    from build_scripts.render import DataFile, plan_pages

    files = [p for p in plan_pages(site, RenderOptions(site_url=SITE_URL)) if isinstance(p, DataFile)]
    assert sorted(f.path for f in files) == ["data/annotations.jsonld", "data/claims.csv", "data/claims.json"]
    per_briefing = sorted(len(b.annotations) for b in site.briefings if b.annotations)
    assert len(per_briefing) > 1
    for data in files:
        pieces = list(data.chunks())
        assert "".join(pieces) == pages[data.path].markdown
        if data.path.endswith(".csv"):  # a row per line, after the header
            per_piece = [len(piece.splitlines()) - piece.startswith("\ufeff") for piece in pieces]
        else:  # a compact record per line, after the indented head
            per_piece = [sum(line.startswith('{"') for line in piece.splitlines()) for piece in pieces]
        assert sorted(n for n in per_piece if n) == per_briefing, data.path
