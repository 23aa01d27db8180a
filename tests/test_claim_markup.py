"""schema.org Claim JSON-LD on briefing pages, extracted from a real MkDocs build with extruct."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import extruct
import pytest

from build_scripts.model import Speaker
from build_scripts.diagnostics import Location
from build_scripts.render.jsonld import script_json, speaker_type

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://example.org/briefings-site/"
CLINIC = SITE_URL + "briefings/2020-01-02-clinic-budget/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("claim-markup") / "site-src"
    shutil.copytree(ROOT / "tests" / "fixtures" / "exports", root)
    out = root.parent / "out"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
                           "-d", str(out)], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def claims(built: Path, slug: str) -> tuple[str, list[dict]]:
    html = (built / "briefings" / slug / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=SITE_URL + f"briefings/{slug}/", syntaxes=["json-ld"], uniform=True)
    graph = [item for doc in data["json-ld"] for item in doc.get("@graph", [doc])]
    nodes = {item["@id"]: item for item in graph if item.get("@type") != "Claim"}
    claims = [dict(item) for item in graph if item.get("@type") == "Claim"]
    assert len(nodes) + len(claims) == len(graph)  # each speaker and the article written once
    for claim in claims:  # the article and the speakers are graph nodes, referred to by @id
        for key in ("author", "appearance"):
            assert set(claim[key]) == {"@id"}, claim[key]
            claim[key] = {k: v for k, v in nodes[claim[key]["@id"]].items() if k != "@id"}
    return html, claims


@pytest.mark.slow
def test_clinic_page_claims(built: Path) -> None:
    _, items = claims(built, "2020-01-02-clinic-budget")
    assert [c["@id"] for c in items] == [CLINIC + "#budget-rises-five-percent", CLINIC + "#raise-does-not-cover-inflation",
                                         CLINIC + "#hospitals-not-the-problem"]
    first = items[0]
    assert first["text"] == "The ministry says the clinic budget </script><script>alert(1)</script> rises by five percent & more."
    assert first["author"] == {"@type": "Organization", "name": "Ministry of Health",
                               "url": SITE_URL + "speakers/health-ministry/", "description": "Government ministry"}
    assert items[1]["author"]["@type"] == "Person" and items[1]["author"]["name"] == "Jane Doe"
    assert first["appearance"] == {
        "@type": "NewsArticle", "headline": "Clinic budget rises by 5% as ministry & union spar",
        "url": "https://news.example.com/2020/01/02/clinic-budget", "datePublished": "2020-01-02", "inLanguage": "en",
        "author": {"@type": "Person", "name": "Ana Writer"},
        "publisher": {"@type": "Organization", "name": "The Example Times"}}


@pytest.mark.slow
def test_article_without_url_appears_on_its_briefing_page(built: Path) -> None:
    _, items = claims(built, "2020-02-03-river-bridge")
    [claim] = items
    assert claim["appearance"]["url"] == SITE_URL + "briefings/2020-02-03-river-bridge/"
    assert claim["appearance"]["headline"] == "Council approves <river> bridge"


@pytest.mark.slow
def test_contributor_text_cannot_close_the_script(built: Path) -> None:
    html, _ = claims(built, "2020-01-02-clinic-budget")
    assert "<script>alert(1)" not in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in html
    assert html.count('<script type="application/ld+json">') == 1


@pytest.mark.parametrize("data, text", [
    ({"a": "</script><script>alert(1)</script>"},
     '{"a":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}'),
    ({"a": "Tom & Jerry <!--"}, '{"a":"Tom \\u0026 Jerry \\u003c!--"}'),
    ({"a": "“curly” é"}, '{"a":"“curly” é"}'),
])
def test_script_json(data: dict, text: str) -> None:
    assert script_json(data) == text


@pytest.mark.parametrize("speaker_id, name, kind", [
    ("health-ministry", "Ministry of Health", "Organization"),
    ("us-government", "United States government (Washington)", "Organization"),
    ("unnamed-experts", "Unnamed experts", "Organization"),
    ("chung-seong-jang", "Chung Seong-jang", "Person"),
    ("sejong", "Sejong Institute", "Organization"),
    ("mike-pompeo", "Mike Pompeo", "Person"),
    ("officer-jones", "Officer Jones", "Person"),
])
def test_speaker_type(speaker_id: str, name: str, kind: str) -> None:
    assert speaker_type(Speaker(speaker_id, name, "role", Location("x"))) == kind


@pytest.mark.slow
def test_the_json_ld_is_in_the_page_head(built: Path) -> None:
    """In <head>: in the content, Material's instant navigation would re-create the script and run it as JavaScript."""
    import lxml.html

    html, items = claims(built, "2020-01-02-clinic-budget")
    doc = lxml.html.document_fromstring(html)
    assert len(doc.xpath('/html/head/script[@type="application/ld+json"]')) == 1
    assert doc.xpath('/html/body//script[@type="application/ld+json"]') == [] and items
