"""The claims explorer's page: a form over the search index (no data file of its own), its records' rows.

What the explorer lists are the annotations' search records (tests/test_search_records.py has their fields); the
browser tests (tests/browser/test_explorer.py) drive it on a built site."""

from __future__ import annotations

import pytest

from build_scripts.render import RenderOptions, render_site
from build_scripts.search_records import ANNOTATION, FILTERS, records

from dispute_site import make_site


@pytest.fixture(scope="module")
def pages():
    return render_site(make_site(), RenderOptions())


@pytest.fixture(scope="module")
def rows():
    return [r for r in records(make_site()) if r.kind == ANNOTATION]


def test_no_monolithic_data_file(pages):
    assert not [path for path in pages if path.startswith("claims/") and not path.endswith(".md")]


def test_one_row_per_annotation_newest_first(rows):
    assert [r.url.rsplit("#", 1)[1] for r in rows] == ["a-one", "a-two", "a-three", "b-one"]
    keys = [r.sort["date"] for r in rows]
    assert keys == sorted(keys, reverse=True)


def test_row_fields(rows):
    row = next(r for r in rows if r.url.endswith("#a-one"))
    assert row.url == "briefings/first/#a-one" and row.title == "Ann claims the first thing."
    assert row.meta == {"speaker": "Ann <Lee>", "attribution": "direct quote", "briefing": "Title of first",
                        "briefing_url": "briefings/first/", "date": "2020-01-02", "disputers": "Bob, Cat",
                        "topics": "Money, War"}
    assert row.filters == {"speaker": ("Ann <Lee>",), "topic": ("Money", "War"), "briefing": ("Title of first",),
                           "year": ("2020",), "disputed": ("Disputed",)}


def test_page_has_labelled_controls(pages):
    page = pages["claims/explorer.md"].markdown
    for name in ("q", *FILTERS, "sort"):
        assert f'<label for="ab-explorer-{name}">' in page and f'id="ab-explorer-{name}"' in page
    assert 'role="status" aria-live="polite">4 claims</p>' in page
    assert '<div class="ab-explorer" id="ab-explorer" data-page-size="25">' in page
    assert 'id="ab-explorer-more" hidden>' in page
    assert "<noscript>" in page and 'href="../"' in page  # all claims without JavaScript
    assert pages["claims/explorer.md"].ids >= {"ab-explorer", "ab-explorer-q", "ab-explorer-list", "ab-explorer-year"}


def test_linked_from_home_and_all_claims(pages):
    assert 'href="claims/explorer/"' in pages["index.md"].markdown
    assert 'href="explorer/"' in pages["claims/index.md"].markdown
