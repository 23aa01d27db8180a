"""The search records (build_scripts/search_records.py) of the full fixture: what each annotation's record holds
(counterclaim text, the names), what it shows and how it is filtered and sorted; folding of letters that do not
decompose; and the record files Pagefind reads (build_scripts/pagefind_index.py), every value escaped."""

from __future__ import annotations

import html
import re

import pytest

from build_scripts.model import Site
from build_scripts.pagefind_index import record_html
from build_scripts.pipeline import Project, load_site
from build_scripts.search_records import (
    ANNOTATION,
    BRIEFING,
    PAGE,
    SPEAKER,
    TOPIC,
    Field,
    Record,
    folded,
    page_record,
    records,
)

from conftest import FIXTURES

RATIONING = "briefings/2022-05-14-arden-water-rationing/"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(Project(FIXTURES / "full"))


@pytest.fixture(scope="module")
def by_url(site: Site) -> dict[str, Record]:
    return {r.url: r for r in records(site)}


def test_one_record_per_annotation_briefing_speaker_and_topic(site: Site, by_url: dict[str, Record]) -> None:
    kinds = [r.kind for r in records(site)]
    assert kinds.count(ANNOTATION) == len(site.annotations)
    assert kinds.count(BRIEFING) == len(site.briefings)
    assert kinds.count(SPEAKER) == len(site.speakers) and kinds.count(TOPIC) == len(site.topics)
    assert len(by_url) == len(kinds)  # every URL once
    for ann_id, slug in site.briefing_of.items():
        assert by_url[f"briefings/{slug}/#{ann_id}"].kind == ANNOTATION


def test_an_annotation_record_holds_its_counterclaims_and_their_speakers(by_url: dict[str, Record]) -> None:
    record = by_url[f"{RATIONING}#marsh-rationing-only-way"]
    content = record.content
    for text in ("Marsh argues that limiting household use is the sole option for keeping supplies flowing",
                 "Rationing is the only way to get through the summer without the taps running dry",
                 "Helena Marsh",
                 # the inline counterclaim, with its speaker, claim and quote
                 "Paolo Brandt: Brandt says restrictions only manage the shortage and calls for more storage. "
                 "Rationing manages a shortage; it does not end one",
                 # the cited annotation's claim, with its speaker
                 "Samuel Okafor: Okafor says pipe losses exceed all agricultural consumption in the valley."):
        assert text in content, text
    weights = {f.text: f.weight for f in record.fields}
    assert weights[record.title] == 7.0 and weights["Helena Marsh"] == 3.0
    assert weights["Samuel Okafor: Okafor says pipe losses exceed all agricultural consumption in the valley."] < 1


@pytest.mark.parametrize("ann_id, meta, filters", [
    ("marsh-rationing-only-way",
     {"speaker": "Helena Marsh", "attribution": "direct quote",
      "briefing": "Arden Valley orders first water rationing in twenty years", "briefing_url": RATIONING,
      "date": "2022-05-14", "disputers": "Samuel Okafor, Paolo Brandt", "topics": "Water rationing, Drought"},
     {"speaker": ("Helena Marsh",), "topic": ("Water rationing", "Drought"),
      "briefing": ("Arden Valley orders first water rationing in twenty years",), "year": ("2022",),
      "disputed": ("Disputed",)}),
    ("board-reviews-cap",
     {"speaker": "The article", "attribution": "the article's framing",
      "briefing": "Arden Valley orders first water rationing in twenty years", "briefing_url": RATIONING,
      "date": "2022-05-14", "disputers": "", "topics": "Water rationing"},
     {"speaker": ("The article",), "topic": ("Water rationing",),
      "briefing": ("Arden Valley orders first water rationing in twenty years",), "year": ("2022",),
      "disputed": ("Not disputed",)}),
])
def test_meta_and_filters_of_annotations(by_url: dict[str, Record], ann_id: str, meta: dict, filters: dict) -> None:
    record = by_url[f"{RATIONING}#{ann_id}"]
    assert record.meta == meta
    assert record.filters == filters


def test_a_note_is_searchable_as_plain_text(by_url: dict[str, Record]) -> None:
    content = by_url[f"{RATIONING}#reservoir-at-31-percent"].content
    assert "The board publishes reservoir levels weekly; this figure is from the Monday before the vote." in content


def test_sort_keys_follow_the_site_order(site: Site, by_url: dict[str, Record]) -> None:
    """Newest first by the sort key ``date`` is the order of every list of claims (ties: the briefing's order)."""
    annotations = [r for r in records(site) if r.kind == ANNOTATION]
    keys = [r.sort["date"] for r in annotations]
    assert sorted(keys, reverse=True) == keys and len(set(keys)) == len(keys)
    assert [r.url.rsplit("#", 1)[1] for r in annotations] == list(site.annotations)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d{6}", key) for key in keys)


def test_briefing_speaker_and_topic_records(by_url: dict[str, Record]) -> None:
    briefing = by_url[RATIONING]
    assert briefing.title == "Arden Valley orders first water rationing in twenty years"
    assert "Water board caps household use as the Harlow reservoir falls to 31 per cent" in briefing.content
    assert "The Arden Courier · Lena Hartmann · 2022-05-14" in briefing.content
    speaker = by_url["speakers/ines-varga/"]
    assert speaker.title == "Ines Varga" and "Hydrologist at Northfield University" in speaker.content
    topic = by_url["topics/river-flows/"]
    assert topic.title == "River flows" and "as measured by surveys" in topic.content
    assert not (briefing.filters or speaker.filters or topic.filters)  # the explorer lists annotations only


def test_urls_without_directory_urls(site: Site) -> None:
    urls = {r.url for r in records(site, use_directory_urls=False)}
    assert "briefings/2022-05-14-arden-water-rationing.html#board-reviews-cap" in urls
    assert "speakers/ines-varga.html" in urls


@pytest.mark.parametrize("text, expected", [
    ("Zoë Łukasik", "Lukasik"),  # ë folds by itself (Pagefind strips the accent); Ł has no decomposition
    ("Søren Kierkegaard", "Soren"),
    ("Straße", "Strasse"),
    ("Łódź and Łódź", "Lodz"),  # each once
    ("Café résumé", ""),  # accents alone: nothing to add
    ("Путин", ""),  # another script is searched as written
    ("plain words", ""),
])
def test_folded(text: str, expected: str) -> None:
    assert folded(text) == expected


def test_folded_names_are_indexed_at_the_names_weight() -> None:
    record = page_record("x/", "Zoë Łukasik", "About Michał")
    assert [(f.text, f.weight) for f in record.fields] == [
        ("Zoë Łukasik", 0.5), ("About Michał", 0.1), ("Lukasik", 0.5), ("Michal", 0.1)]
    assert record.kind == PAGE


def test_record_html_escapes_every_value() -> None:
    evil = '<script>alert(1)</script>"&'
    record = Record(f"briefings/x/#{evil}", ANNOTATION, evil, (Field(evil, 2.0),), meta={"speaker": evil},
                    filters={"topic": (evil,)}, sort={"date": "2022-01-01"})
    page = record_html(record)
    assert "<script>" not in page and page.count(html.escape(evil)) == 6
    assert '<p data-pagefind-weight="2">' in page
    assert f'<span data-pagefind-filter="topic">{html.escape(evil)}</span>' in page
    assert '<span data-pagefind-sort="date">2022-01-01</span>' in page

