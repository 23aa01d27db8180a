"""Pages that would grow with the whole corpus do not: the claims index is split by year, and every list of
claims (a year, a speaker, a topic) and the briefings index are paginated at ``RenderOptions.rows_per_page``
rows; the home page lists the newest briefings only; big contributor lists are grouped."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from build_scripts.diagnostics import Location
from build_scripts.model import Annotation, Article, Briefing, Counterclaim, Speaker, build_site
from build_scripts.pipeline import Project, load_site
from build_scripts.render import RenderOptions, indexes, render_site
from build_scripts.render.links import page_url

SMALL = Path(__file__).resolve().parent / "fixtures" / "small"
FULL = Path(__file__).resolve().parent / "fixtures" / "full"

# A synthetic site over three years: (year, briefings, annotations each); every annotation by "ann", with the
# topic "t"; in each briefing the second annotation is disputed by "bob" (a counterclaim citing the first).
YEARS = [("2021", 2, 3), ("2020", 3, 3), ("2019", 1, 2)]


def _loc() -> Location:
    return Location("annotations/x.yml", 1, 1)


def synthetic_site():
    briefings = []
    for year, count, per in YEARS:
        for n in range(count):
            slug = f"{year}-b{n}"
            article = Article(slug, f"articles/{slug}.md", f"Title {slug}", "P", "A", f"{year}-0{n + 1}-15",
                              "Body.", 5, _loc())
            anns = [Annotation(f"{slug}-a{i}", slug, "bob" if i == 0 else "ann", f"q{i}", f"Claim {i} of {slug}.",
                               _loc(), topics=("t",),
                               counterclaims=(Counterclaim(f"{slug}-a{i}", 0, _loc(), ref=f"{slug}-a0"),)
                               if i == 1 else ())
                    for i in range(per)]
            briefings.append(Briefing(article, tuple(anns), f"annotations/{slug}.yml"))
    speakers = {s: Speaker(s, s.title(), "Role", _loc()) for s in ("ann", "bob")}
    return build_site(briefings, speakers)


def claim_ids(text: str) -> list[str]:
    """The annotation each table row's claim (or counterclaim) links to, in order."""
    return re.findall(r'<td data-label="(?:Claim|Counterclaim)"><a href="[^"]*#([^"]+)">', text)


def resolves(pages: dict, page: str, href: str) -> bool:
    """Whether a relative link on ``page`` (directory URLs) names a generated page."""
    base = page_url(page)
    if not base.endswith("/"):
        base = posixpath.dirname(base) + "/"
    target = posixpath.normpath(posixpath.join(base, href.split("#")[0].split("?")[0])) + "/"
    return target.lstrip("./") in {page_url(p) for p in pages if p.endswith(".md")} or target == "./"


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_site()


def test_claims_index_lists_the_years_newest_first_with_counts_and_links(synthetic) -> None:
    pages = render_site(synthetic, RenderOptions())
    text = pages["claims/index.md"].markdown
    rows = re.findall(r'<tr><td[^>]*><a href="([^"]+)">(\d+)</a></td><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td></tr>', text)
    assert rows == [("2021/", "2021", "6", "2"), ("2020/", "2020", "9", "3"), ("2019/", "2019", "2", "1")]
    assert all(resolves(pages, "claims/index.md", href) for href, *_ in rows)
    assert '<p class="ab-totals">17 claims · <a href="explorer/">' in text
    assert sorted(p for p in pages if p.startswith("claims/") and p.endswith(".md")) == [
        "claims/2019.md", "claims/2020.md", "claims/2021.md", "claims/explorer.md", "claims/index.md"]


def test_a_year_lists_its_claims_newest_first_on_one_page_when_they_fit(synthetic) -> None:
    pages = render_site(synthetic, RenderOptions())
    text = pages["claims/2020.md"].markdown
    assert claim_ids(text) == [f"2020-b{n}-a{i}" for n in (2, 1, 0) for i in range(3)]
    assert "ab-pager" not in text
    assert 'title: "Claims of 2020"' in text
    assert '<p class="ab-totals">9 claims in 2020 · <a href="../">All years</a> · ' in text


def test_a_year_past_the_page_size_is_paginated_every_claim_once(synthetic) -> None:
    pages = render_site(synthetic, RenderOptions(rows_per_page=2))
    year = ["claims/2020.md"] + [f"claims/2020/page-{n}.md" for n in range(2, 6)]
    assert sorted(p for p in pages if p.startswith("claims/2020")) == sorted(year)
    every = [claim_ids(pages[p].markdown) for p in year]
    assert all(len(ids) <= 2 for ids in every)
    assert [i for ids in every for i in ids] == [f"2020-b{n}-a{i}" for n in (2, 1, 0) for i in range(3)]
    third = pages["claims/2020/page-3.md"].markdown
    assert 'title: "Claims of 2020, page 3"' in third
    assert "9 claims in 2020 · page 3 of 5, 5–6 · " in third
    for path in year:
        hrefs = re.findall(r'<a href="([^"]+)"', pages[path].markdown)
        assert all(resolves(pages, path, h) for h in hrefs), path


def test_pager_links_and_bounded_window(synthetic) -> None:
    pages = render_site(synthetic, RenderOptions(rows_per_page=1))  # 2020: nine pages of one claim
    first, fifth, last = (pages[p].markdown for p in ("claims/2020.md", "claims/2020/page-5.md",
                                                        "claims/2020/page-9.md"))
    pager = re.compile(r'<nav class="ab-pager" aria-label="Pages of the claims of 2020">(.*?)</nav>')
    assert pager.search(first).group(1) == (
        '<span aria-current="page">1</span> <a href="page-2/">2</a> <a href="page-3/">3</a> '
        '<span aria-hidden="true">…</span> <a href="page-9/">9</a> <a href="page-2/" rel="next">Next</a>')
    assert pager.search(fifth).group(1) == (
        '<a href="../page-4/" rel="prev">Previous</a> <a href="../">1</a> <span aria-hidden="true">…</span> '
        '<a href="../page-3/">3</a> <a href="../page-4/">4</a> <span aria-current="page">5</span> '
        '<a href="../page-6/">6</a> <a href="../page-7/">7</a> <span aria-hidden="true">…</span> '
        '<a href="../page-9/">9</a> <a href="../page-6/" rel="next">Next</a>')
    assert 'rel="next"' not in last and '<span aria-current="page">9</span>' in last
    below = re.compile(r'<nav class="ab-pager" aria-label="Pages of the claims of 2020, at the end">(.*?)</nav>')
    assert pager.findall(fifth) == below.findall(fifth) == [pager.search(fifth).group(1)]  # above and below the table


@pytest.mark.parametrize("first, title, expected", [
    ("speakers/ann.md", "Ann", ["speakers/ann.md"] + [f"speakers/ann/page-{n}.md" for n in range(2, 7)]),
    ("topics/t.md", "T", ["topics/t.md"] + [f"topics/t/page-{n}.md" for n in range(2, 10)]),
    ("briefings/index.md", "Briefings", ["briefings/index.md", "briefings/index/page-2.md",
                                         "briefings/index/page-3.md"]),
])
def test_speaker_topic_and_briefings_pages_are_paginated(synthetic, first, title, expected) -> None:
    pages = render_site(synthetic, RenderOptions(rows_per_page=2))
    stem = first.removesuffix(".md")
    assert sorted(p for p in pages if p == first or p.startswith(stem + "/page-")) == sorted(expected)
    rows = [claim_ids(pages[p].markdown) if not first.startswith("briefings/") else
            re.findall(r'<tr><td[^>]*><a href="[^"]*?([^/"]+)/">', pages[p].markdown) for p in expected]
    assert all(0 < len(r) <= 2 for r in rows)
    assert pages[expected[1]].meta["title"] == f"{title}, page 2"
    for path in expected:
        hrefs = re.findall(r'<a href="([^"]+)"', pages[path].markdown)
        assert all(resolves(pages, path, h) for h in hrefs), path


@pytest.mark.parametrize("path, totals", [
    ("topics/t/page-9.md", '<p class="ab-totals">17 annotations in 6 briefings · page 9 of 9, 17–17 · '),
    ("briefings/index/page-3.md",
     '<p class="ab-totals">6 briefings · 17 annotations · 6 counterclaims · 2 speakers · 1 topic</p>'),
])
def test_a_later_page_counts_the_whole_list(synthetic, path, totals) -> None:
    """The totals on the last page of a topic or of the briefings index are the whole list's, not the page's."""
    assert totals in render_site(synthetic, RenderOptions(rows_per_page=2))[path].markdown


def test_speaker_pages_split_claims_and_counterclaims_alike(synthetic) -> None:
    pages = render_site(synthetic, RenderOptions(rows_per_page=4))
    # bob: 6 claims (each briefing's first) and 6 counterclaims made (by citing them): two pages of each.
    first, second = pages["speakers/bob.md"].markdown, pages["speakers/bob/page-2.md"].markdown
    assert "speakers/bob/page-3.md" not in pages
    assert claim_ids(first.split('id="counterclaims"')[0]) == ["2021-b1-a0", "2021-b0-a0", "2020-b2-a0",
                                                               "2020-b1-a0"]
    assert claim_ids(second.split('id="counterclaims"')[0]) == ["2020-b0-a0", "2019-b0-a0"]
    assert len(claim_ids(first.split('id="counterclaims"')[1])) == 4
    assert len(claim_ids(second.split('id="counterclaims"')[1])) == 2
    assert "6 claims · 6 counterclaims made · 0 claims disputed · page 2 of 2, 5–6</p>" in second
    assert 'class="ab-role"' in first and 'class="ab-role"' not in second


def test_home_lists_the_newest_briefings_and_links_to_all(synthetic, monkeypatch) -> None:
    monkeypatch.setattr(indexes, "HOME_BRIEFINGS", 4)
    home = render_site(synthetic, RenderOptions())["index.md"].markdown
    assert re.findall(r'<tr><td[^>]*><a href="briefings/([^/"]+)/">', home) == ["2021-b1", "2021-b0", "2020-b2",
                                                                          "2020-b1"]
    assert '<p><a href="briefings/">All 6 briefings</a></p>' in home
    monkeypatch.setattr(indexes, "HOME_BRIEFINGS", 6)
    assert "All 6 briefings" not in render_site(synthetic, RenderOptions())["index.md"].markdown


def test_full_fixture_claims_index_has_its_one_year() -> None:
    pages = render_site(load_site(Project(FULL)), RenderOptions())
    assert re.findall(r'<tr><td[^>]*><a href="([^"]+)">', pages["claims/index.md"].markdown) == ["2022/"]
    assert len(claim_ids(pages["claims/2022.md"].markdown)) == 19


def test_contributor_past_the_limit_is_listed_per_briefing(monkeypatch) -> None:
    from build_scripts.render import contributors

    site = load_site(Project(SMALL))
    pages = render_site(site, RenderOptions())
    full = pages[contributors.PATH].markdown
    monkeypatch.setattr(contributors, "LIST_LIMIT", 1)
    grouped = render_site(site, RenderOptions())[contributors.PATH].markdown
    people = contributors.contributors(site)
    many = [h for h, ids in people.items() if len(ids) > 1]
    assert many, "the fixture needs a contributor with two annotations"
    for handle in many:
        slugs = list(dict.fromkeys(site.briefing_of[a] for a in people[handle]))
        for slug in slugs:
            n = sum(site.briefing_of[a] == slug for a in people[handle])
            title = site.briefing(slug).article.title
            assert re.search(rf'>{re.escape(title)}</a> <span class="ab-in">\({n} annotations?\)</span>', grouped)
    assert len(grouped) < len(full)


def test_lists_link_to_the_explorer_with_their_filter_set() -> None:
    """Each list links to the claims explorer filtered as the list is (the explorer's address keeps its
    filters as names): a speaker's claims, a topic's, a year's; the claims index to the whole explorer."""
    pages = render_site(load_site(Project(FULL)), RenderOptions())

    def explorer_hrefs(path: str) -> list[str]:
        return re.findall(r'<a href="([^"]*explorer/[^"]*)">Filter and search them', pages[path].markdown)

    assert explorer_hrefs("speakers/helena-marsh.md") == ["../../claims/explorer/?speaker=Helena%20Marsh"]
    assert explorer_hrefs("topics/rationing.md") == ["../../claims/explorer/?topic=Water%20rationing"]
    assert explorer_hrefs("claims/2022.md") == ["../explorer/?year=2022"]
    assert explorer_hrefs("claims/index.md") == ["explorer/"]


def test_counts_are_written_with_thousands_separated() -> None:
    from build_scripts.render.context import plural
    from build_scripts.render.rows import shown

    assert [plural(1, "claim"), plural(7300, "claim"), plural(0, "claim")] == ["1 claim", "7,300 claims", "0 claims"]
    assert shown(5, 15, 7300, 500) == " · page 5 of 15, 2,001–2,500"
    assert shown(1, 1, 12, 500) == ""
