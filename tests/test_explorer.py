"""The claims explorer's JSON and page: one sorted row per annotation, with working links and filter options."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from build_scripts.render import RenderOptions, render_site
from build_scripts.render.explorer import JSON_PATH, data_url

from argmap_site import make_site


@pytest.fixture(scope="module")
def pages():
    return render_site(make_site(), RenderOptions())


@pytest.fixture(scope="module")
def rows(pages):
    return json.loads(pages[JSON_PATH].markdown)["claims"]


def test_one_row_per_annotation_newest_first(rows):
    assert [r["id"] for r in rows] == ["a-one", "a-two", "a-three", "b-one"]


def test_counts_by_speaker_topic_and_dispute(rows):
    assert Counter(r["speaker"] for r in rows) == {"ann": 1, "bob": 1, "cat": 2}
    assert Counter(t for r in rows for t in r["topics"]) == {"money": 2, "war": 2}
    assert {r["id"]: r["counterclaims"] for r in rows} == {"a-one": 3, "a-two": 1, "a-three": 0, "b-one": 1}


def test_row_fields(rows):
    row = next(r for r in rows if r["id"] == "a-one")
    assert row == {"id": "a-one", "url": "../../briefings/first/#a-one", "claim": "Ann claims the first thing.",
                   "quote": "q1", "speaker": "ann", "speaker_name": "Ann <Lee>", "topics": ["money", "war"],
                   "briefing": "first", "briefing_title": "Title of first", "published": "2020-01-02",
                   "counterclaims": 3, "attribution": "direct", "attribution_label": "direct quote",
                   "disputed_by": ["Bob", "Cat"], "topic_names": ["Money", "War"]}


@pytest.mark.parametrize("directory_urls, expected", [(True, "../explorer.json"), (False, "explorer.json")])
def test_data_url_is_relative_to_the_page(directory_urls, expected):
    assert data_url(RenderOptions(use_directory_urls=directory_urls)) == expected


def test_page_has_labelled_controls_and_escaped_options(pages):
    page = pages["claims/explorer.md"].markdown
    for name in ("q", "speaker", "topic", "briefing", "disputed"):
        assert f'<label for="ab-explorer-{name}">' in page and f'id="ab-explorer-{name}"' in page
    assert '<option value="ann">Ann &lt;Lee&gt;</option>' in page
    assert 'role="status" aria-live="polite">4 of 4 claims</p>' in page
    assert 'data-src="../explorer.json"' in page


def test_linked_from_home_and_all_claims(pages):
    assert 'href="claims/explorer/"' in pages["index.md"].markdown
    assert 'href="explorer/"' in pages["claims/index.md"].markdown
