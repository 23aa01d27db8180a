"""Whose words a quote is: ``attribution: direct | reported | framing`` in the schema, the check, the pages
and every export (tests/fixtures/roles has one annotation of the article's own framing in each briefing)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.pipeline import Project, load_site
from build_scripts.render import RenderOptions, render_site
from build_scripts.render.jsonld import claims_graph
from build_scripts.schema import read_annotation_file
from build_scripts.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://example.org/roles-site/"
FEES, FERRY = "2019-05-02-harbour-fees", "2021-06-10-ferry-subsidy"
HEAD = "article: x\nannotations:\n  - id: a\n"
ITEM = "    quote: q\n    claim: c\n"
FRAMING_SPEAKER = ("annotations/x.yml:5:14: annotations[0].speaker: the article's own framing has no speaker "
                   "(remove the 'speaker:' line, or write 'attribution: reported' if the article gives these "
                   "words to the speaker)")
NOT_DIRECT = ("quote is not inside quotation marks in the article, so it is not a direct quote (add "
              "'attribution: reported' if the reporter paraphrases the speaker, 'attribution: framing' for "
              "the article's own words, or 'attribution: direct' if they are the speaker's words all the "
              "same)")
NOT_ONE = "is not one of: direct, reported, framing"


def _read(text: str):
    return read_annotation_file(parse_yaml(text, "annotations/x.yml"))


@pytest.mark.parametrize("fields, problems, kind, inferred, speaker", [
    ("    speaker: s\n", [], "direct", True, "s"),
    ("    speaker: s\n    attribution: direct\n", [], "direct", False, "s"),
    ("    speaker: s\n    attribution: reported\n", [], "reported", False, "s"),
    ("    attribution: framing\n", [], "framing", False, ""),
    ("    attribution: framing\n    speaker: ''\n", [], "framing", False, ""),  # blank: left out
    ("    speaker: s\n    attribution:\n", [], "direct", True, "s"),  # blank: the default
    ("    speaker: s\n    attribution: quoted\n",
     [f"annotations/x.yml:5:18: annotations[0].attribution: 'quoted' {NOT_ONE} "
      "(write one of them, as written here)"], "direct", False, "s"),  # in error, not inferred: no cascade
    ("    speaker: s\n    attribution: report\n",
     [f"annotations/x.yml:5:18: annotations[0].attribution: 'report' {NOT_ONE} (did you mean 'reported'?)"],
     "direct", False, "s"),
    ("    speaker: s\n    attribution: Framing\n",
     [f"annotations/x.yml:5:18: annotations[0].attribution: 'Framing' {NOT_ONE} (did you mean 'framing'?)"],
     "direct", False, "s"),
    ("    attribution: framing\n    speaker: s\n", [FRAMING_SPEAKER], "framing", False, ""),
    ("    speaker: s\n    attribution: [direct]\n",
     ["annotations/x.yml:5:18: annotations[0].attribution: expected text, found a list (quote the value)"],
     "direct", False, "s"),
], ids=["omitted", "direct", "reported", "framing", "framing-blank-speaker", "blank", "unknown", "misspelt",
        "capitalised", "framing-with-speaker", "list"])
def test_attribution_field(fields: str, problems: list[str], kind: str, inferred: bool, speaker: str) -> None:
    parsed, found = _read(HEAD + fields + ITEM)
    assert [str(d) for d in found] == problems
    ann = parsed.annotations[0]
    assert (ann.attribution, ann.attribution_inferred, ann.speaker) == (kind, inferred, speaker)


def test_a_missing_speaker_names_the_framing_kind() -> None:
    parsed, found = _read(HEAD + ITEM)
    assert [str(d) for d in found] == [
        "annotations/x.yml:3:5: annotations[0]: missing required field 'speaker' in annotation (add a "
        "'speaker:' line: a speaker id from annotations/speakers.yml, or 'attribution: framing' for the "
        "article's own words)"]
    assert parsed.annotations == ()  # dropped, as for any missing required field


# --- check: an inferred direct quote must be inside quotation marks ------------------------------------

VOTE = "annotations/2020-03-01-harbour-bridge-vote.yml"


def _check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(root), "check", *args],
                          check=False, capture_output=True, text=True)


LIND = '    quote: "the bridge will not pay'


@pytest.mark.parametrize("old, new, out", [
    # Lind's "the bridge will not pay for itself" is reported speech: without its attribution it is an error.
    ("    attribution: reported\n" + LIND, LIND, f"{VOTE}:27:12: annotations[2].quote: {NOT_DIRECT}\n"),
    # Written by the contributor, a kind is never second-guessed: direct outside quotation marks...
    ("    attribution: reported\n" + LIND, "    attribution: direct\n" + LIND, ""),
    # ... or reported inside them.
    ("    speaker: ana-rivera\n    quote: \"The bridge will open in 2023\"",
     "    speaker: ana-rivera\n    attribution: reported\n    quote: \"The bridge will open in 2023\"", ""),
], ids=["inferred-direct-outside-quotation-marks", "explicit-direct", "explicit-reported"])
def test_check_flags_only_an_inferred_direct_quote_outside_marks(fixture_site, old, new, out) -> None:
    root = fixture_site("small")
    path = root / VOTE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    done = _check(root)
    assert done.stdout == out
    assert done.returncode == (1 if out else 0)


def test_a_quote_that_does_not_anchor_is_not_also_flagged(fixture_site) -> None:
    root = fixture_site("small")
    path = root / VOTE
    text = path.read_text(encoding="utf-8")
    shall = '    quote: "the bridge shall not pay'
    path.write_text(text.replace("    attribution: reported\n" + LIND, shall), encoding="utf-8")
    lines = _check(root).stdout.splitlines()
    assert len(lines) == 1 and "annotations[2].quote: quote not found" in lines[0]


# --- pages and exports -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site():
    return load_site(Project(ROOT / "tests" / "fixtures" / "roles"))


@pytest.fixture(scope="module")
def pages(site):
    return {path: page.markdown for path, page in render_site(site, RenderOptions(site_url=SITE_URL)).items()}


def test_the_card_says_whose_words_the_quote_is(pages) -> None:
    page = pages[f"briefings/{FEES}.md"]
    role = '<span class="ab-role">, Harbour commissioner</span>'
    assert ('<p class="ab-card__speaker" id="fees-rise-a-tenth--by">'
            '<a class="ab-speaker" href="../../speakers/lea-morel/">Lea Morel</a>'
            f'{role} <span class="ab-kind ab-kind--reported">as reported</span></p>') in page
    assert f'{role} <span class="ab-kind ab-kind--direct">direct quote</span></p>' in page
    assert ('--by"><span class="ab-speaker ab-speaker--article">The article</span> '
            '<span class="ab-kind ab-kind--framing">the article\'s framing</span></p>') in page
    # Quotation marks only round the speaker's own words; the others say they are the article's.
    assert "<p>“The harbour has to pay for its own dredging”</p>" in page
    lead = '<p><span class="ab-quote__lead">'
    assert f"{lead}As the article reports it:</span> will raise berthing fees by ten per cent from July" in page
    assert f"{lead}The article says:</span> Fees at the rival port of Vila Alta are about a fifth lower" in page
    # The claim says it is the article's: the heading does not say it twice ("The article: The article says").
    assert '<h3 id="rival-port-fees-lower" data-toc-label="The article says fees at the rival port' in page
    # Its highlight is described by its card's speaker line and claim (what used to be its tooltip).
    assert 'aria-describedby="rival-port-fees-lower--by rival-port-fees-lower--claim">' in page


def test_the_article_is_no_speaker(site, pages) -> None:
    assert set(site.by_speaker) == {"lea-morel", "rui-pinto"}
    assert "rival-port-fees-lower" not in site.by_speaker["lea-morel"] + site.by_speaker["rui-pinto"]
    assert not any(path.startswith("speakers/") and "rival-port-fees-lower" in text.split('id="counterclaims"')[0]
                   for path, text in pages.items())  # only as the claim a counterclaim disputes
    assert sorted(p for p in pages if p.startswith("speakers/")) == [
        "speakers/index.md", "speakers/lea-morel.md", "speakers/rui-pinto.md"]
    summary = pages[f"briefings/{FEES}.md"]
    article = '<span class="ab-speaker ab-speaker--article">The article</span>'
    # Who is involved: the article's framing in its own colour (grey), with its count
    assert f'<li class="ab-ca"><span class="ab-swatch" aria-hidden="true"></span>{article} <span class="ab-count">(1 claim)</span></li>' in summary


def test_lists_name_the_article_unlinked(pages) -> None:
    article = '<span class="ab-speaker ab-speaker--article">The article</span>'
    claims = pages["claims/2019.md"]
    assert ('<a href="../../briefings/2019-05-02-harbour-fees/#rival-port-fees-lower">The article says fees at the '
            f'rival port of Vila Alta are about a fifth lower.</a></td><td data-label="Speaker">{article}</td>'
            '<td data-label="Disputed by">Lea Morel</td>') in claims
    topic = pages["topics/ferry.md"]
    assert re.search(f'<td data-label="Claim"><a href="../../briefings/{FERRY}/#subsidy-cost-forty-million">[^<]*'
                     f'</a></td><td data-label="Speaker">{re.escape(article)}</td>', topic)
    # Disputed by the article's framing: its counterclaim, and Morel's page, name "The article".
    ferry = pages[f"briefings/{FERRY}.md"]
    assert f'<p class="ab-counter__by">{article}</p>' in ferry
    assert re.search(f'<th scope="rowgroup" data-label="Briefing"( rowspan="[0-9]+")?><a href="../../briefings/'
                     f'{FERRY}/">(?:(?!</tr>).)*<td data-label="Disputed by">The article</td></tr>',
                     pages["speakers/lea-morel.md"])


def test_the_dispute_view_names_the_article(pages) -> None:
    page = pages[f"briefings/{FEES}.md"]
    view = page.split('<div class="ab-disputes">', 1)[1].split("\n</div>", 1)[0]
    names = re.findall(r'<span class="ab-dispute__who[^"]*">([^<]*)</span>', view)
    assert sorted(set(names)) == ["Lea Morel", "Rui Pinto", "The article"]
    assert '<span class="ab-dispute__who ab-speaker--article">The article</span>' in view  # in italics


def test_explorer_rows(site) -> None:
    """The explorer lists the annotations of the briefings' search records: the framing's speaker is "The article"."""
    from build_scripts.search_records import records

    rows = {s.id: s.meta for r in records(site) for s in r.sections}
    assert {k: rows["rival-port-fees-lower"][k] for k in ("speaker", "attribution")} == {
        "speaker": "The article", "attribution": "the article's framing"}
    briefing = next(r for r in records(site) if any(s.id == "rival-port-fees-lower" for s in r.sections))
    assert "The article" in briefing.filters["speaker"]
    assert [rows[i]["attribution"] for i in ("fees-rise-a-tenth", "harbour-pays-for-dredging")] == [
        "as reported", "direct quote"]


def test_claims_json_and_csv_carry_the_kind(pages) -> None:
    rows = {r["id"]: r for r in json.loads(pages["data/claims.json"])["claims"]}
    assert {i: (r["speaker"], r["speaker_name"], r["attribution"]) for i, r in rows.items()} == {
        "fees-rise-a-tenth": ("lea-morel", "Lea Morel", "reported"),
        "harbour-pays-for-dredging": ("lea-morel", "Lea Morel", "direct"),
        "union-says-ships-will-leave": ("rui-pinto", "Rui Pinto", "direct"),
        "rival-port-fees-lower": ("", "The article", "framing"),
        "state-pays-half-the-ferry": ("lea-morel", "Lea Morel", "reported"),
        "islanders-must-not-pay-twice": ("lea-morel", "Lea Morel", "direct"),
        "subsidy-cost-forty-million": ("", "The article", "framing")}
    table = list(csv.DictReader(io.StringIO(pages["data/claims.csv"].removeprefix("\ufeff"), newline="")))
    row = next(r for r in table if r["id"] == "rival-port-fees-lower")
    assert (row["speaker"], row["speaker_name"], row["attribution"]) == ("", "The article", "framing")


def test_web_annotations_carry_the_kind(pages) -> None:
    doc = json.loads(pages["data/annotations.jsonld"])
    assert doc["@context"][1]["attribution"] == "ab:attribution"
    items = {i["id"].rsplit("#", 1)[1]: i for i in doc["first"]["items"]}
    framing = items["rival-port-fees-lower"]
    assert framing["attribution"] == "framing" and "speaker" not in framing and "speakerName" not in framing
    reported = items["fees-rise-a-tenth"]
    assert (reported["attribution"], reported["speaker"], reported["speakerName"]) == (
        "reported", SITE_URL + "speakers/lea-morel/", "Lea Morel")


def test_claim_markup_for_the_articles_framing(site) -> None:
    graph = claims_graph(site, site.briefing(FEES), RenderOptions(site_url=SITE_URL))
    namespace = "https://annotated-briefings.github.io/ns/annotations#"
    assert graph["@context"] == ["https://schema.org", {"ab": namespace, "attribution": "ab:attribution"}]
    nodes = {n["@id"]: n for n in graph["@graph"]}
    page = SITE_URL + f"briefings/{FEES}/"
    claim = nodes[page + "#rival-port-fees-lower"]
    assert (claim["attribution"], claim["author"]) == ("framing", {"@id": page + "#article-author"})
    assert nodes[page + "#article-author"] == {"@type": "Person", "@id": page + "#article-author",
                                               "name": "Maria Costa"}
    assert nodes[page + "#article"]["author"] == {"@id": page + "#article-author"}  # the reporter, once
    assert nodes[page + "#fees-rise-a-tenth"]["author"] == {"@id": SITE_URL + "speakers/lea-morel/"}
    assert nodes[SITE_URL + "speakers/lea-morel/"]["description"] == "Harbour commissioner"  # on its date


@pytest.mark.parametrize("speaker, claim, expected", [
    ("lea-morel", "Morel says so.", "Lea Morel: Morel says so."),
    ("", "The article says fees are lower.", "The article says fees are lower."),
    ("", "Fees are lower at Vila Alta.", "The article: Fees are lower at Vila Alta."),  # still named
])
def test_headings_name_who_says_it_once(site, speaker: str, claim: str, expected: str) -> None:
    from build_scripts.render.context import said
    assert said(site, speaker, claim) == expected
