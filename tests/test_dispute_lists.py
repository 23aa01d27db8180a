"""Lists of claims (speaker and topic pages, the claims index, the explorer) name who disputes each claim and
go newest first: by briefing date, latest first, then in the briefing's order."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_scripts.diagnostics import Location
from build_scripts.model import FRAMING, Annotation, Article, Briefing, Counterclaim, Speaker, build_site
from build_scripts.pipeline import Project, load_site
from build_scripts.render import RenderOptions, render_site
from build_scripts.render.context import disputers, newest_first
from build_scripts.search_records import records

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


# The full fixture's briefings: (title, date).
BRIEFINGS = {
    "2022-06-03-arden-river-survey": ("River survey finds Arden flows at record low", "2022-06-03"),
    "2022-05-21-kestrel-reservoir-plan": ("Kestrel Bay mayor unveils €90 million reservoir plan", "2022-05-21"),
    "2022-05-14-arden-water-rationing": ("Arden Valley orders first water rationing in twenty years", "2022-05-14"),
}


class _Rows(HTMLParser):
    """The body rows of the first table of a page: each cell's text, the first link in it, and the rows it
    spans; and the number of rows in each of its row groups (``<tbody>``)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str, int]]] = []
        self.groups: list[int] = []
        self.heads: list[bool] = []  # for each body cell: whether it heads its row group
        self._in_body = self._done = False
        self._cell: list[str] | None = None
        self._href, self._span = "", 1

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        if tag == "tbody":
            self._in_body = True
            self.groups.append(0)
        elif tag == "tr" and self._in_body:
            self.rows.append([])
            self.groups[-1] += 1
        elif tag in ("td", "th") and self._in_body:
            self._cell, self._href, self._span = [], "", int(dict(attrs).get("rowspan", 1))
            self.heads.append(tag == "th" and dict(attrs).get("scope") == "rowgroup")
        elif tag == "a" and self._cell is not None and not self._href:
            self._href = dict(attrs)["href"]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(("".join(self._cell), self._href, self._span))
            self._cell = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._done = True

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str) -> list[list[tuple[str, str]]]:
    """Each body row's cells (text, first link), a cell that spans rows repeated in each row it spans, as a
    reader sees the table."""
    parser = _Rows()
    parser.feed(html)
    rows, carried = [], {}  # column -> [cell, rows left]
    for raw in parser.rows:
        row, cells, column = [], iter(raw), 0
        while True:
            if carried.get(column, [None, 0])[1] > 0:
                carried[column][1] -= 1
                row.append(carried[column][0])
            else:
                cell = next(cells, None)
                if cell is None:
                    break
                text, href, span = cell
                row.append((text, href))
                if span > 1:
                    carried[column] = [(text, href), span - 1]
            column += 1
        rows.append(row)
    assert all(left == 0 for _, left in carried.values()), "a cell spans rows past the table's end"
    return rows


def test_rows_of_one_briefing_name_it_once_spanning_them(pages):
    """A year's claims come several to a briefing: the briefing and date cells are written once, spanning the
    rows of that briefing; a reader (and table_rows) sees them in each row."""
    text = pages["claims/2022.md"].markdown
    assert text.count('" rowspan="') == 2 * 3  # the three briefings, two cells each
    assert ('<th scope="rowgroup" data-label="Briefing" rowspan="3"><a href="../../briefings/2022-06-03-arden-river-'
            'survey/">') in text
    assert '<td data-label="Date" rowspan="10"><time>2022-05-14</time></td>' in text
    assert len(table_rows(text)) == 19 and {len(row) for row in table_rows(text)} == {5}
    parser = _Rows()
    parser.feed(text)
    # Each briefing's run is a row group of its own (on a phone, one block headed by the briefing), whose first
    # row begins with the briefing and date cells, spanning every row of the group; the briefing heads it, and
    # no other cell heads anything.
    assert parser.groups == [3, 6, 10]
    starts = [sum(parser.groups[:i]) for i in range(len(parser.groups))]
    assert [[span for _, _, span in parser.rows[start][:2]] for start in starts] == [[3, 3], [6, 6], [10, 10]]
    firsts = [sum(len(row) for row in parser.rows[:start]) for start in starts]
    assert [n for n, heads in enumerate(parser.heads) if heads] == firsts


def expected_row(site, ann_id: str, by: str, prefix: str, speaker: bool = True) -> list[tuple[str, str]]:
    """A compact row: the briefing (linked), its date, the claim (linked to its annotation), the speaker
    (linked, or "The article"), who disputes it."""
    ann = site.annotations[ann_id]
    slug = site.briefing_of[ann_id]
    title, date = BRIEFINGS[slug]
    who = [(site.speakers[ann.speaker].name, f"{prefix}speakers/{ann.speaker}/") if ann.speaker else
           ("The article", "")]
    return [(title, f"{prefix}briefings/{slug}/"), (date, ""), (ann.claim, f"{prefix}briefings/{slug}/#{ann_id}"),
            *(who if speaker else []), (by, "")]


def test_claims_year_rows_are_exact_newest_first(site, pages):
    text = pages["claims/2022.md"].markdown
    assert ('<thead><tr><th scope="col">Briefing</th><th scope="col">Date</th><th scope="col">Claim</th>'
            '<th scope="col">Speaker</th><th scope="col">Disputed by</th></tr></thead>') in text
    assert table_rows(text) == [expected_row(site, a, by, "../../") for a, by in NEWEST_FIRST]


def test_a_row_in_full(pages):
    """The first row of a briefing's run: its briefing and date cells span the run (ten claims of that
    briefing in 2022, three on the topic's page)."""
    row = ('<tr><th scope="rowgroup" data-label="Briefing" rowspan="{n}"><a href="../../briefings/2022-05-14-arden-'
           'water-rationing/">Arden Valley orders first water rationing in twenty years</a></th><td data-label="Date" '
           'rowspan="{n}"><time>2022-05-14</time></td><td data-label="Claim"><a href="../../briefings/2022-05-14-arden-'
           'water-rationing/#marsh-rationing-only-way">Marsh argues that limiting household use is the sole option for '
           'keeping supplies flowing until autumn.</a></td><td data-label="Speaker"><a class="ab-speaker" href="../../'
           'speakers/helena-marsh/">Helena Marsh</a></td><td data-label="Disputed by">Samuel Okafor, Paolo Brandt</td>'
           '</tr>')
    assert row.format(n=10) in pages["claims/2022.md"].markdown
    assert row.format(n=3) in pages["topics/rationing.md"].markdown


@pytest.mark.parametrize("speaker", ["helena-marsh", "samuel-okafor", "paolo-brandt", "ines-varga"])
def test_speaker_page_claims_name_disputers_newest_first(site, pages, speaker):
    text = pages[f"speakers/{speaker}.md"].markdown
    claims = text.split('id="claims"', 1)[1].split('id="counterclaims"', 1)[0]
    rows = [expected_row(site, a, by, "../../", speaker=False) for a, by in NEWEST_FIRST
            if site.annotations[a].speaker == speaker]
    assert table_rows(claims) == rows and rows


def test_speaker_page_counterclaims_made(pages):
    """One row per counterclaim, newest first: the briefing and the date of the counterclaim, the counterclaim
    (linked to it), whose claim it disputes (the name, linked to that claim's annotation)."""
    text = pages["speakers/samuel-okafor.md"].markdown.split('id="counterclaims"', 1)[1]
    kestrel = "../../briefings/2022-05-21-kestrel-reservoir-plan/"
    rationing = "../../briefings/2022-05-14-arden-water-rationing/"
    assert ('<th scope="col">Briefing</th><th scope="col">Date</th><th scope="col">Counterclaim</th>'
            '<th scope="col">Disputes a claim of</th>') in text
    assert table_rows(text) == [
        [(BRIEFINGS["2022-05-21-kestrel-reservoir-plan"][0], kestrel), ("2022-05-21", ""),
         ("Okafor says growers have lobbied for the Fenwick dam for three decades.",
          f"{kestrel}#okafor-farmers-asked"),
         ("Helena Marsh", f"{kestrel}#marsh-fenwick-ten-years")],
        [(BRIEFINGS["2022-05-14-arden-water-rationing"][0], rationing), ("2022-05-14", ""),
         ("Okafor says pipe losses exceed all agricultural consumption in the valley.",
          f"{rationing}#okafor-fix-leaks-first"),
         ("Helena Marsh", f"{rationing}#marsh-rationing-only-way")],
    ]


@pytest.mark.parametrize("topic", ["rationing", "reservoir", "wildlife", "agriculture"])
def test_topic_page_rows_name_disputers_newest_first(site, pages, topic):
    rows = [expected_row(site, a, by, "../../") for a, by in NEWEST_FIRST if topic in site.annotations[a].topics]
    assert table_rows(pages[f"topics/{topic}.md"].markdown) == rows and rows


def test_lists_show_no_annotation_in_full(site, pages):
    """Quotes and notes are on the briefing page only; an inline counterclaim's text also on the page of the
    speaker who made it (their counterclaims made), on no other list."""
    lists = [p for p in pages if p.startswith(("speakers/", "topics/", "claims/")) and p.endswith(".md")
             and p != "claims/explorer.md"]
    checked = 0
    for ann in site.annotations.values():
        for text, allowed in [(ann.quote, set()), (ann.note, set()),
                              *((c.claim, {f"speakers/{c.speaker}.md"}) for c in ann.counterclaims if c.claim)]:
            if len(text) >= 25:
                checked += 1
                assert {p for p in lists if text in pages[p].markdown} == allowed, (ann.id, text)
    assert checked > 20


def test_explorer_rows_name_disputers_and_topics_newest_first(site, pages):
    """The explorer lists the annotations of the briefings' search records, newest briefing first."""
    briefings = sorted(records(site), key=lambda r: r.sort.get("date", ""), reverse=True)
    rows = [s.meta for r in briefings for s in r.sections]
    assert [(m["id"], m["disputers"]) for m in rows] == NEWEST_FIRST
    for meta in rows:
        assert meta["topics"] == [site.topics[t].name for t in site.annotations[meta["id"]].topics]
    assert next(m for m in rows if m["id"] == "trust-trout-died")["topics"] == ["Wildlife and habitats", "River flows"]


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
    assert '</a></td><td data-label="Disputed by">Bob &lt;B&gt;, The article, Cat</td></tr>' in page
