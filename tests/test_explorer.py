"""The claims explorer's page: a form over the search index (no data file of its own), its records' rows.

What the explorer lists are the annotations of the briefings' search records, one section each
(tests/test_search_records.py has their fields); the browser tests (tests/browser/test_explorer.py) drive it on a
built site."""

from __future__ import annotations

import pytest

from build_scripts.render import RenderOptions, render_site
from build_scripts.search_records import BRIEFING, FILTERS, records

from dispute_site import make_site


@pytest.fixture(scope="module")
def pages():
    return render_site(make_site(), RenderOptions())


@pytest.fixture(scope="module")
def briefings():
    return [r for r in records(make_site()) if r.kind == BRIEFING]


def test_no_monolithic_data_file(pages):
    assert not [path for path in pages if path.startswith("claims/") and not path.endswith(".md")]


def test_one_section_per_annotation_newest_first(briefings):
    assert [s.id for r in briefings for s in r.sections] == ["a-one", "a-two", "a-three", "b-one"]
    keys = [r.sort["date"] for r in briefings]
    assert keys == sorted(keys, reverse=True)


def test_a_briefing_record_carries_its_claims_and_their_filters(briefings):
    first = briefings[0]
    assert first.url == "briefings/first/" and first.title == "Title of first"
    assert first.sections[0].meta == {"id": "a-one", "claim": "Ann claims the first thing.", "speaker": "Ann <Lee>",
                                      "attribution": "direct quote", "disputers": "Bob, Cat", "topics": ["Money", "War"]}
    assert first.filters["speaker"][0] == "Ann <Lee>" and first.filters["briefing"] == ("Title of first",)
    assert first.filters["year"] == ("2020",) and "Disputed" in first.filters["disputed"]


def test_page_has_labelled_controls(pages):
    page = pages["claims/explorer.md"].markdown
    for name in ("q", *FILTERS, "sort"):
        assert f'<label for="ab-explorer-{name}">' in page and f'id="ab-explorer-{name}"' in page
    assert 'role="status" aria-live="polite">4 claims</p>' in page
    assert ('<div class="ab-explorer" id="ab-explorer" data-page-size="25" data-briefings-per-fetch="10" '
            'data-briefings-per-look="50" data-claims="4" data-every="zqxallbriefings">') in page
    assert 'id="ab-explorer-more" hidden>' in page
    assert "<noscript>" in page and 'href="../"' in page  # all claims without JavaScript
    assert pages["claims/explorer.md"].ids >= {"ab-explorer", "ab-explorer-q", "ab-explorer-list", "ab-explorer-year"}


def test_linked_from_home_and_all_claims(pages):
    assert 'href="claims/explorer/"' in pages["index.md"].markdown
    assert 'href="explorer/"' in pages["claims/index.md"].markdown
