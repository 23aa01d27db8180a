"""The dispute view (render/disputes.py): every claim and what disputes it, in full text, grouped; mutual
disputes shown once; ids to land on; escaped; linear in the annotations of a briefing.

Expectations are computed from the data (the fixture site ``tests/fixtures/full``, read in place, and the small
sites of ``tests/dispute_site.py``); the browser side is in tests/browser/test_disputes.py.
"""

from __future__ import annotations

import dataclasses
import re

import lxml.html
import pytest

from build_scripts.model import Site
from build_scripts.pipeline import Project, load_site
from build_scripts.render import briefing
from build_scripts.render.colours import colour_class, speaker_colours
from build_scripts.render.context import Ctx, RenderOptions, speaker_name
from build_scripts.render.disputes import dispute_view
from build_scripts.render.links import briefing_page
from build_scripts.render.safe import plain
from conftest import FIXTURES
from dispute_site import HOSTILE, make_chain_site, make_mutual_site, make_site
from security.growth import growth

MUTUAL = "↔ mutual dispute"


def _view(site: Site, slug: str) -> tuple[list[str], Ctx]:
    ctx = Ctx(site, RenderOptions(), briefing_page(slug))
    b = site.briefing(slug)
    return dispute_view(ctx, b, speaker_colours(site, b)), ctx


def _entry(li) -> dict:
    """An entry of a list: its id, speaker, mark, text, link, briefing note and colour class."""
    link = li.find("a")
    note = li.find("span[@class='ab-in']")
    return {
        "id": li.get("id"),
        "who": li.find("span").text_content(),
        "mutual": li.find("span[@class='ab-dispute__mutual']") is not None,
        "text": link.text_content(),
        "href": link.get("href"),
        "in": note.text_content() if note is not None else "",
        "colour": li.get("class").removeprefix("ab-dispute__item").strip(),
    }


def _parse(block: str) -> dict:
    root = lxml.html.fragment_fromstring(block)
    groups = []
    for g in root.xpath("./ol[@class='ab-disputes__list']/li"):
        claim = g.find("p[@class='ab-dispute__claim']/a")
        elsewhere = g.xpath("./ul[contains(@class, 'ab-dispute__items--elsewhere')]/li")
        groups.append({
            "id": g.get("id"), "class": g.get("class"),
            "by": g.find("p[@class='ab-dispute__by']").text_content(),
            "text": claim.text_content(), "href": claim.get("href"),
            "elsewhere": [_entry(li) for li in elsewhere],
            "counters": [_entry(li) for li in g.xpath("./ul[@class='ab-dispute__items']/li")],
        })
    quiet = root.xpath("./details[@class='ab-disputes__quiet']")
    return {
        "groups": groups,
        "summary": quiet[0].find("summary").text_content() if quiet else None,
        "quiet": [_entry(li) for li in quiet[0].xpath("./ul/li")] if quiet else [],
        "ids": root.xpath("//@id"),
        "root": root,
    }


@pytest.fixture(scope="module")
def full() -> Site:
    return load_site(Project(FIXTURES / "full"))


def test_every_disputed_claim_of_the_fixture_is_a_group_with_its_counterclaims_in_full(full: Site) -> None:
    assert not any((c.ref, a.id) in {(x.id, d.ref) for x in full.annotations.values() for d in x.counterclaims}
                   for a in full.annotations.values() for c in a.counterclaims), "no mutual disputes here"
    seen_outside = seen_inline = 0
    for b in full.briefings:
        (heading, block), ctx = _view(full, b.slug)
        assert 'id="disputes"' in heading and ">Disputes<" in heading
        view = _parse(block)
        colours = speaker_colours(full, b)
        disputed = [a for a in b.annotations if a.counterclaims]
        assert [g["id"] for g in view["groups"]] == [f"dispute-{a.id}" for a in disputed]
        for g, a in zip(view["groups"], disputed, strict=True):
            assert (g["text"], g["href"]) == (plain(a.claim), f"#{a.id}")
            assert g["class"] == f"ab-dispute {colour_class(colours, a.speaker)}"
            assert g["by"].startswith(speaker_name(full, a.speaker))
            expected = []
            for c in a.counterclaims:
                if c.ref:
                    target, there = full.annotations[c.ref], full.briefing_of[c.ref]
                    title = full.briefing(there).article.title
                    expected.append((speaker_name(full, target.speaker), plain(target.claim),
                                     ctx.annotation_href(c.ref), f"In “{title}”" if there != b.slug else ""))
                    seen_outside += there != b.slug
                else:
                    expected.append((speaker_name(full, c.speaker), plain(c.claim), f"#{c.anchor}", ""))
                    seen_inline += 1
            assert [(e["who"], e["text"], e["href"], e["in"]) for e in g["counters"]] == expected
        quiet = [a for a in b.annotations if not a.counterclaims]
        assert view["summary"] == (f"Not disputed ({len(quiet)})" if quiet else None)
        assert [(e["id"], e["text"], e["href"]) for e in view["quiet"]] == [
            (f"dispute-{a.id}", plain(a.claim), f"#{a.id}") for a in quiet]
        assert sorted(view["ids"]) == sorted(f"dispute-{a.id}" for a in b.annotations)
        assert {f"dispute-{a.id}" for a in b.annotations} | {"disputes"} <= ctx.ids
    assert seen_outside and seen_inline, "the fixture has both kinds of counterclaim"


def test_the_ref_to_another_briefing_links_to_its_page(full: Site) -> None:
    b = next(b for b in full.briefings for a in b.annotations for c in a.counterclaims
             if c.ref and full.briefing_of[c.ref] != b.slug)
    c = next(c for a in b.annotations for c in a.counterclaims if c.ref and full.briefing_of[c.ref] != b.slug)
    (_, block), _ = _view(full, b.slug)
    there = full.briefing_of[c.ref]
    assert f'href="../{there}/#{c.ref}"' in block
    assert block.count("ab-in") == sum(1 for a in b.annotations for c in a.counterclaims
                                       if c.ref and full.briefing_of[c.ref] != b.slug) + sum(
        1 for a in b.annotations for d in full.cited_by.get(a.id, ()) if full.briefing_of[d.target] != b.slug)


def test_a_claim_cited_from_another_briefing_says_what_it_disputes_there(full: Site) -> None:
    cited = [(a, d) for b in full.briefings for a in b.annotations for d in full.cited_by.get(a.id, ())
             if full.briefing_of[d.target] != b.slug]
    assert cited
    for a, d in cited:
        (_, block), ctx = _view(full, full.briefing_of[a.id])
        root = lxml.html.fragment_fromstring(block)
        (place,) = root.xpath(f"//li[@id='dispute-{a.id}']")
        (note,) = place.xpath("./p[@class='ab-dispute__note']")
        assert note.text_content() == "Disputes, in another briefing:"
        target = full.annotations[d.target]
        entries = [_entry(li) for li in place.xpath("./ul[contains(@class, 'elsewhere')]/li")]
        title = full.briefing(full.briefing_of[d.target]).article.title
        assert {"who": speaker_name(full, target.speaker), "text": plain(target.claim),
                "href": ctx.annotation_href(target.id), "in": f"In “{title}”"}.items() <= entries[0].items()


def test_mutual_disputes_are_shown_once_under_the_earlier_claim() -> None:
    site = make_mutual_site()
    (_, block), ctx = _view(site, "first")
    view = _parse(block)
    a = site.annotations
    assert [g["id"] for g in view["groups"]] == ["dispute-m-one", "dispute-m-two", "dispute-m-three",
                                                 "dispute-m-five"]
    one, two, three, five = view["groups"]
    assert [(e["id"], e["who"], e["mutual"], e["text"], e["href"]) for e in one["counters"]] == [
        (None, "Bob", True, plain(a["m-two"].claim), "#m-two"),  # m-two has a group of its own
        (None, "Bob", False, "Bob: no.", "#m-one--counter-2"),  # inline, Markdown as plain text
        ("dispute-m-six", "Dan", True, "Dan says six.", "#m-six"),  # m-six's only place
    ]
    assert [(e["who"], e["mutual"], e["text"], e["href"]) for e in two["counters"]] == [
        ("Ann <Lee>", True, "Ann says one.", "#dispute-m-one"),  # listed above: a link to that group
        ("Eve", True, "Eve says three.", "#m-three"),
    ]
    above = view["root"].xpath("//li[@id='dispute-m-two']/ul/li")[0]
    assert above.text_content() == f"Ann <Lee> {MUTUAL}, listed above: Ann says one."
    # Mutual with a claim of another briefing too: marked, and not repeated as a citation from there.
    assert [(e["who"], e["mutual"], e["href"], e["in"]) for e in three["counters"]] == [
        ("Bob", True, "#dispute-m-two", ""), ("Cat", True, "../second/#n-one", "In “Title of second”")]
    assert three["elsewhere"] == []
    assert [(e["who"], e["mutual"], e["href"]) for e in five["counters"]] == [
        ("Ann <Lee>", False, "#m-one"), ("Cat", False, "../second/#n-one")]
    assert [e["id"] for e in view["quiet"]] == ["dispute-m-four"]
    four = view["root"].xpath("//li[@id='dispute-m-four']/ul/li")
    assert [_entry(li)["text"] for li in four] == ["Cat says n-one."]  # cited from "second", one way
    assert sorted(view["ids"]) == sorted(f"dispute-{i}" for i in a if i.startswith("m-"))
    assert {f"dispute-{i}" for i in a if i.startswith("m-")} <= ctx.ids
    intro = view["root"].find("p").text_content()
    assert intro.startswith("5 disputed claims, each followed by what disputes it.")
    # Every claim of the briefing appears in full, somewhere in the view.
    text = view["root"].text_content()
    assert all(plain(a[i].claim) in text for i in a if i.startswith("m-"))


def test_mutual_marks_are_worded_for_every_reader() -> None:
    (_, block), _ = _view(make_mutual_site(), "first")
    root = lxml.html.fragment_fromstring(block)
    marks = root.xpath("//span[@class='ab-dispute__mutual']")
    assert {m.text_content() for m in marks} == {MUTUAL}
    assert all(m.find("span").get("aria-hidden") == "true" for m in marks)  # the arrow; the words are read


def test_colours_of_speakers_not_on_the_page_are_left_out() -> None:
    site = make_mutual_site()
    (_, block), _ = _view(site, "second")
    view = _parse(block)
    (group,) = view["groups"]
    assert [(e["who"], e["colour"], e["in"]) for e in group["elsewhere"]] == [("Dan", "", "In “Title of first”")]
    colours = speaker_colours(site, site.briefing("second"))
    assert "dan" not in colours
    assert [(e["who"], e["colour"], e["mutual"]) for e in group["counters"]] == [
        ("Ann <Lee>", colour_class(colours, "ann"), False), ("Eve", colour_class(colours, "eve"), True),
        ("Ann <Lee>", colour_class(colours, "ann"), False)]


def test_text_is_escaped_and_never_cut() -> None:
    site = make_mutual_site()
    for slug in ("first", "second"):
        (_, block), _ = _view(site, slug)
        assert "<script" not in block and "javascript:1" not in block.replace("javascript:1&gt;", "")
        assert "Ann &lt;Lee&gt;" in block and "…" not in block
        root = lxml.html.fragment_fromstring(block)
        assert not root.xpath("//script | //svg | //img | //*[@onclick]")
        assert HOSTILE in root.text_content()


@pytest.mark.parametrize(("make", "keep", "intro", "summary"), [
    (make_mutual_site, ("m-four",), "No claim of this briefing is disputed. Select a text to read its annotation.",
     "Not disputed (1)"),
    (make_mutual_site, ("m-four", "m-five"),
     "1 disputed claim, followed by what disputes it. Select a text to read its annotation.", "Not disputed (1)"),
    (make_site, ("a-one", "a-two", "a-three"), "2 disputed claims, each followed by what disputes it. Select a "
     "text to read its annotation.", "Not disputed (1)"),  # no mutual dispute: nothing said of them
], ids=["none", "one", "two"])
def test_the_intro_counts_what_is_disputed(make, keep: tuple[str, ...], intro: str, summary: str | None) -> None:
    site = make()
    b = site.briefing("first")
    part = dataclasses.replace(b, annotations=tuple(a for a in b.annotations if a.id in keep))
    (_, block) = dispute_view(Ctx(site, RenderOptions(), briefing_page("first")), part, speaker_colours(site, part))
    view = _parse(block)
    assert view["root"].find("p").text_content() == intro
    assert view["summary"] == summary
    assert sorted(view["ids"]) == sorted(f"dispute-{i}" for i in keep)


def test_a_briefing_without_annotations_has_no_view() -> None:
    site = make_mutual_site()
    bare = dataclasses.replace(site.briefing("first"), annotations=())
    assert dispute_view(Ctx(site, RenderOptions(), briefing_page("first")), bare, {}) == []


def test_deterministic() -> None:
    assert _view(make_mutual_site(), "first")[0] == _view(make_mutual_site(), "first")[0]


def test_the_briefing_page_has_the_view_after_the_article_and_no_map(full: Site) -> None:
    for b in full.briefings:
        page = briefing.render(full, b, RenderOptions())
        markdown = page.markdown
        assert markdown.index('id="article"') < markdown.index('id="disputes"')
        assert '<div class="ab-disputes">' in markdown
        assert not re.search(r"ab-map|argument-map|data-ab-map", markdown)
        assert "disputes" in page.ids and all(f"dispute-{a.id}" in page.ids for a in b.annotations)
        ids = re.findall(r' id="([^"]*)"', markdown)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_the_view_grows_linearly_with_the_annotations_of_a_briefing() -> None:
    """One pass over counterclaims and citations: a quadratic lookup (for each claim, scanning the others for
    the ref back) would take 4 times as long at twice the size."""

    def prepare(n: int):
        site = make_chain_site(n)
        return site, site.briefing("big")

    def work(sb) -> None:
        site, b = sb
        dispute_view(Ctx(site, RenderOptions(), briefing_page("big")), b, speaker_colours(site, b))

    assert growth(prepare, work, 2_000, below=3.0) < 3.0
