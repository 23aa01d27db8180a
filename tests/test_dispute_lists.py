"""Lists of claims (speaker and topic pages, the claims index, the explorer) name who disputes each claim and
go newest first: by briefing date, latest first, then in the briefing's order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_scripts.diagnostics import Location
from build_scripts.model import FRAMING, Annotation, Article, Briefing, Counterclaim, Speaker, build_site
from build_scripts.pipeline import Project, load_site
from build_scripts.render import RenderOptions, render_site
from build_scripts.render.context import disputers, newest_first
from build_scripts.render.explorer import JSON_PATH

FULL = Path(__file__).resolve().parent / "fixtures" / "full"

# The full fixture's claims newest first, each with who disputes it (by name, in counterclaim order).
NEWEST_FIRST = [
    ("river-lowest-in-sixty-years", ""),
    ("survey-counts-fewer-trout", ""),
    ("marsh-cap-working", "Green Valley Trust"),
    ("brandt-no-more-rationing", "Helena Marsh, Ines Varga"),
    ("region-pays-half", "Arden Regional Government"),
    ("trust-woodland-flooded", ""),
    ("trust-salmon-run", ""),
    ("marsh-fenwick-ten-years", "Samuel Okafor"),
    ("okafor-farmers-asked", ""),
    ("marsh-rationing-only-way", "Samuel Okafor, Paolo Brandt"),
    ("reservoir-at-31-percent", ""),
    ("cap-lifted-when-half-full", ""),
    ("okafor-board-neglect", "Ines Varga"),
    ("okafor-harvest-third", ""),
    ("okafor-fix-leaks-first", "Ines Varga"),
    ("varga-four-dry-winters", ""),
    ("trust-trout-died", ""),
    ("brandt-calls-for-reservoir", "Green Valley Trust"),
    ("board-reviews-cap", ""),
]


@pytest.fixture(scope="module")
def site():
    return load_site(Project(FULL))


@pytest.fixture(scope="module")
def pages(site):
    return render_site(site, RenderOptions())


def list_rows(html: str) -> list[tuple[str, str]]:
    """(annotation id, "disputed by" names) of each claim row of a list: the first claim link of an item."""
    found = []
    for item in re.findall(r"<li>(.*?)</li>", html):
        ann_id = re.search(r'href="[^"]*/#([^"]+)">', item.split("ab-speaker", 1)[-1] if "ab-speaker" in item
                           else item)
        by = re.search(r'<span class="ab-in ab-disputed-by">disputed by (.*?)</span>', item)
        found.append((ann_id.group(1) if ann_id else "", by.group(1) if by else ""))
    return found


def test_claims_index_rows_name_disputers_newest_first(pages):
    text = pages["claims/index.md"].markdown
    assert '<th scope="col">Disputed by</th>' in text
    rows = re.findall(r'<tr><td><a href="[^"]*#([^"]+)">.*?</td><td>([^<]*)</td></tr>', text)
    assert rows == [(ann_id, by or "undisputed") for ann_id, by in NEWEST_FIRST]


@pytest.mark.parametrize("speaker", ["helena-marsh", "samuel-okafor", "paolo-brandt", "ines-varga"])
def test_speaker_page_claims_name_disputers_newest_first(site, pages, speaker):
    text = pages[f"speakers/{speaker}.md"].markdown
    claims = text.split('id="claims"', 1)[1].split('id="counterclaims"', 1)[0]
    rows = [row for row in NEWEST_FIRST if site.annotations[row[0]].speaker == speaker]
    assert list_rows(claims) == rows and rows


@pytest.mark.parametrize("topic", ["rationing", "reservoir", "wildlife", "agriculture"])
def test_topic_page_rows_name_disputers_newest_first(site, pages, topic):
    rows = [row for row in NEWEST_FIRST if topic in site.annotations[row[0]].topics]
    assert list_rows(pages[f"topics/{topic}.md"].markdown) == rows and rows


def test_explorer_rows_name_disputers_and_topics_newest_first(site, pages):
    rows = json.loads(pages[JSON_PATH].markdown)["claims"]
    assert [(r["id"], ", ".join(r["disputed_by"])) for r in rows] == NEWEST_FIRST
    for row in rows:
        assert row["topic_names"] == [site.topics[t].name for t in row["topics"]]
    assert next(r for r in rows if r["id"] == "trust-trout-died")["topic_names"] == [
        "Wildlife and habitats", "River flows"]


def test_one_order_for_every_list(site):
    assert newest_first(site, reversed(list(site.annotations))) == [ann_id for ann_id, _ in NEWEST_FIRST]


def _loc() -> Location:
    return Location("annotations/x.yml", 1, 1)


def test_disputers_are_named_once_in_order_with_the_article_for_its_framing():
    article = Article("s", "articles/s.md", "T", "P", "A", "2020-01-01", "Body.", 5, _loc())
    framing = Annotation("framing", "s", "", "q0", "The article frames it.", _loc(), attribution=FRAMING)
    bob = Annotation("by-bob", "s", "bob", "q1", "Bob's claim.", _loc())
    target = Annotation("target", "s", "ann", "q2", "Ann's claim.", _loc(), counterclaims=(
        Counterclaim("target", 0, _loc(), speaker="bob", claim="Bob replies <b>."),
        Counterclaim("target", 1, _loc(), ref="framing"),
        Counterclaim("target", 2, _loc(), ref="by-bob"),
        Counterclaim("target", 3, _loc(), speaker="cat", claim="Cat replies."),
    ))
    speakers = {s: Speaker(s, name, "Role", _loc()) for s, name in (("ann", "Ann"), ("bob", "Bob <B>"), ("cat", "Cat"))}
    site = build_site([Briefing(article, (target, framing, bob), "annotations/s.yml")], speakers)
    assert disputers(site, "target") == ["Bob <B>", "The article", "Cat"]
    assert disputers(site, "framing") == []
    page = render_site(site, RenderOptions())["speakers/ann.md"].markdown
    assert "disputed by Bob &lt;B&gt;, The article, Cat</span>" in page
