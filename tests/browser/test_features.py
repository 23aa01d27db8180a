"""Reader features in the browser: the claims explorer (the dispute view: test_disputes.py; highlights and
their cards: test_reading.py).

Expected numbers come from the fixture data (``site_data``, parsed from the YAML), never constants.
"""

from __future__ import annotations

from collections import Counter

import pytest

from build_scripts.render.context import disputers, newest_first, speaker_name
from build_scripts.render.links import EXPLORER


def _rows(site):
    return [(b, a) for b in site.briefings for a in b.annotations]


def _haystack(site, b, a) -> str:
    topics = [site.topics[t].name for t in a.topics]
    return " ".join([a.claim, a.quote, speaker_name(site, a.speaker), b.article.title, *topics,
                     *disputers(site, a.id)]).lower()


def _open_explorer(page, url_for, query: str = ""):
    page.goto(url_for(EXPLORER) + query)
    page.wait_for_selector("#ab-explorer[data-ready=true]")


def _count(page) -> str:
    return page.text_content("#ab-explorer-count")


def test_explorer_filters_give_expected_counts(page, page_log, url_for, site_data):
    rows = _rows(site_data)
    total = len(rows)
    _open_explorer(page, url_for)
    assert _count(page) == f"{total} of {total} claims"
    speaker, _ = Counter(a.speaker for _, a in rows).most_common(1)[0]
    page.select_option("#ab-explorer-speaker", speaker)
    n = sum(1 for _, a in rows if a.speaker == speaker)
    assert _count(page) == f"{n} of {total} claims"
    assert page.locator("#ab-explorer-list > li").count() == n
    page.select_option("#ab-explorer-disputed", "yes")
    n = sum(1 for _, a in rows if a.speaker == speaker and a.counterclaims)
    assert _count(page) == f"{n} of {total} claims"
    topic = sorted(site_data.topics)[0]
    page.select_option("#ab-explorer-topic", topic)
    n = sum(1 for _, a in rows if a.speaker == speaker and a.counterclaims and topic in a.topics)
    assert _count(page) == f"{n} of {total} claims"
    page.click("#ab-explorer button[type=reset]")
    page.wait_for_function(f"document.getElementById('ab-explorer-count').textContent === '{total} of {total} claims'")
    page.select_option("#ab-explorer-disputed", "no")
    assert _count(page) == f"{sum(1 for _, a in rows if not a.counterclaims)} of {total} claims"
    assert not page_log.errors


@pytest.mark.parametrize("words", ["reservoir", "trout", "marsh rationing"])
def test_explorer_text_search(page, url_for, site_data, words):
    rows = _rows(site_data)
    expected = sorted(a.id for b, a in rows if all(w in _haystack(site_data, b, a) for w in words.split()))
    assert expected, "pick words that occur in the fixture data"
    _open_explorer(page, url_for)
    page.locator("#ab-explorer-q").press_sequentially(words)
    assert _count(page) == f"{len(expected)} of {len(rows)} claims"
    shown = page.locator("#ab-explorer-list > li").evaluate_all("els => els.map(e => e.dataset.id)")
    assert sorted(shown) == expected


def test_explorer_rows_show_disputers_and_topic_names_newest_first(page, page_log, url_for, site_data):
    _open_explorer(page, url_for)
    items = page.locator("#ab-explorer-list > li").evaluate_all(
        "els => els.map(e => [e.dataset.id, e.querySelector('.ab-explorer__meta').textContent])")
    assert [ann_id for ann_id, _ in items] == newest_first(site_data, site_data.annotations)
    for ann_id, meta in items:
        a = site_data.annotations[ann_id]
        names = disputers(site_data, ann_id)
        topics = [site_data.topics[t].name for t in a.topics]
        tail = "disputed by " + ", ".join(names) if names else "undisputed"
        tail += " · " + ", ".join(topics) if topics else ""
        assert meta.endswith(tail), (ann_id, meta)
    options = page.locator("#ab-explorer-topic option").all_text_contents()
    assert options == ["All", *(t.name for t in site_data.topics.values())]
    assert any(disputers(site_data, ann_id) for ann_id, _ in items), "the fixture has disputed claims"
    assert any(site_data.topics[t].name != t for a in site_data.annotations.values() for t in a.topics)
    assert not page_log.errors


def test_explorer_state_survives_reload_and_links_work(page, url_for, site_data):
    rows = _rows(site_data)
    speaker = sorted({a.speaker for _, a in rows if a.counterclaims})[0]  # one with a disputed claim to follow
    _open_explorer(page, url_for)
    page.select_option("#ab-explorer-speaker", speaker)
    page.select_option("#ab-explorer-disputed", "yes")
    assert f"speaker={speaker}" in page.url and "disputed=yes" in page.url
    before = _count(page)
    page.reload()
    page.wait_for_selector("#ab-explorer[data-ready=true]")
    assert page.input_value("#ab-explorer-speaker") == speaker
    assert page.input_value("#ab-explorer-disputed") == "yes"
    assert _count(page) == before
    first = page.locator("#ab-explorer-list > li").first
    ann_id = first.get_attribute("data-id")
    first.locator("a").click()
    page.wait_for_url(f"**#{ann_id}")
    assert page.locator(f"[id='{ann_id}']").is_visible()
