"""Pages that would grow with the whole corpus do not: the claims index is paginated, big contributor lists are grouped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.pipeline import Project, load_site
from build_scripts.render import RenderOptions, indexes, render_site

SMALL = Path(__file__).resolve().parent / "fixtures" / "small"


@pytest.fixture(scope="module")
def site():
    return load_site(Project(SMALL))


def claims_pages(site, per_page: int, monkeypatch) -> dict[str, str]:
    monkeypatch.setattr(indexes, "CLAIMS_PER_PAGE", per_page)
    pages = render_site(site, RenderOptions())
    return {p: pages[p].markdown for p in pages if p == "claims/index.md" or p.startswith("claims/page-")}


def rows(text: str) -> list[str]:
    return re.findall(r"<tr><td>(.*?)</td>", text)


def test_one_page_when_everything_fits(site, monkeypatch) -> None:
    pages = claims_pages(site, 500, monkeypatch)
    assert list(pages) == ["claims/index.md"]
    assert "ab-pager" not in pages["claims/index.md"]
    assert len(rows(pages["claims/index.md"])) == len(site.annotations)


def test_pages_split_every_claim_once_in_order(site, monkeypatch) -> None:
    per_page = 2
    pages = claims_pages(site, per_page, monkeypatch)
    count = -(-len(site.annotations) // per_page)
    assert count > 1
    order = ["claims/index.md"] + [f"claims/page-{n}.md" for n in range(2, count + 1)]
    assert sorted(pages) == sorted(order)
    every = [row for path in order for row in rows(pages[path])]
    expected = [a.id for b in site.briefings for a in b.annotations]
    assert [re.search(r'href="[^"]*#([^"]+)"', r).group(1) for r in every] == expected
    assert all(len(rows(pages[p])) <= per_page for p in order)


def test_pager_links(site, monkeypatch) -> None:
    pages = claims_pages(site, 2, monkeypatch)
    first, second = pages["claims/index.md"], pages["claims/page-2.md"]
    assert 'rel="prev"' not in first and '<a href="page-2/" rel="next">Next</a>' in first
    assert '<span aria-current="page">1</span>' in first
    assert '<a href="../" rel="prev">Previous</a>' in second and '<span aria-current="page">2</span>' in second
    assert 'title: "All claims, page 2"' in second and ">All claims, page 2<a class=\"headerlink\"" in second


def test_contributor_past_the_limit_is_listed_per_briefing(site, monkeypatch) -> None:
    from build_scripts.render import contributors

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
