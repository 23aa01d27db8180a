"""The claims explorer in the browser, on the site's search index (docs/javascripts/explorer.js): every claim
newest first a page at a time, filters whose options count what they would leave, free text, the state in the
address; no data file of its own; axe and screenshots in both palettes and viewports.

Expected numbers come from the fixture data (``site_data``, parsed from the YAML), never constants.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from build_scripts.render.context import disputers, newest_first, speaker_name
from build_scripts.render.links import EXPLORER

from .conftest import DESKTOP, MOBILE
from .test_accessibility import violations

ROWS = "#ab-explorer-list > li"


def _open(page, url_for, query: str = "") -> None:
    page.goto(url_for(EXPLORER) + query)
    page.wait_for_selector("#ab-explorer[data-ready=true]")


def _shown(page) -> list[str]:
    return page.locator(f"{ROWS} .ab-explorer__claim a").evaluate_all(
        "els => els.map(a => decodeURIComponent(new URL(a.href).hash.slice(1)))")


def _count(page) -> str:
    return page.text_content("#ab-explorer-count")


def _settle(page, count: str) -> None:
    page.wait_for_function("c => document.getElementById('ab-explorer-count').textContent === c", arg=count)
    page.wait_for_timeout(100)


def _options(page, name: str) -> dict[str, str]:
    """{value: label} of a filter's options, "All" left out."""
    return dict(page.locator(f"#ab-explorer-{name} option").evaluate_all(
        "els => els.filter(o => o.value).map(o => [o.value, o.textContent])"))


def test_an_empty_query_lists_every_claim_newest_first(page, page_log, url_for, site_data) -> None:
    """The page itself lists the newest claims (no fragment fetched); the index lists them the same way."""
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if r.url.endswith(".pf_fragment") else None)
    _open(page, url_for)
    total = len(site_data.annotations)
    assert _count(page) == f"{total} claims"
    assert _shown(page) == newest_first(site_data, site_data.annotations)
    assert page.locator("#ab-explorer-more").is_hidden()  # every claim shown: no more to load
    assert fragments == []
    written = page.locator(ROWS).evaluate_all("els => els.map(e => e.innerText)")
    _open(page, url_for, "?sort=newest")  # the same list, from the index
    assert _count(page) == f"{total} claims"
    assert page.locator(ROWS).evaluate_all("els => els.map(e => e.innerText)") == written
    assert len(fragments) == total
    assert not page_log.errors


def test_claims_come_a_page_at_a_time(page, url_for, site_data) -> None:
    """Only a page of claims is fetched (one index fragment each); "More claims" adds the next page."""
    size = 5

    def smaller_pages(route) -> None:
        body = route.fetch().text().replace('data-page-size="25"', f'data-page-size="{size}"')
        route.fulfill(body=body, content_type="text/html")

    page.route(url_for(EXPLORER) + "?sort=newest", smaller_pages)
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if r.url.endswith(".pf_fragment") else None)
    _open(page, url_for, "?sort=newest")
    order = newest_first(site_data, site_data.annotations)
    assert _shown(page) == order[:size] and len(fragments) == size
    more = page.locator("#ab-explorer-more")
    assert more.text_content() == f"More claims ({len(order) - size} left)"
    more.click()
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {2 * size}")
    assert _shown(page) == order[:2 * size] and len(fragments) == 2 * size


def test_filters_count_what_they_leave(page, page_log, url_for, site_data) -> None:
    anns = list(site_data.annotations.values())
    _open(page, url_for)
    by_speaker = Counter(speaker_name(site_data, a.speaker) for a in anns)
    assert _options(page, "speaker") == {name: f"{name} ({n})" for name, n in sorted(by_speaker.items())}
    by_year = Counter(site_data.briefing(site_data.briefing_of[a.id]).article.published[:4] for a in anns)
    assert _options(page, "year") == {y: f"{y} ({n})" for y, n in by_year.items()}
    disputed = sum(1 for a in anns if disputers(site_data, a.id))
    assert _options(page, "disputed") == {"Disputed": f"Disputed ({disputed})",
                                          "Not disputed": f"Not disputed ({len(anns) - disputed})"}

    speaker, n = by_speaker.most_common(1)[0]
    page.select_option("#ab-explorer-speaker", speaker)
    _settle(page, f"{n} claims match")
    mine = [a for a in anns if speaker_name(site_data, a.speaker) == speaker]
    assert sorted(_shown(page)) == sorted(a.id for a in mine)
    # the other filters count within the speaker's claims; the speaker filter still offers every speaker
    topics = Counter(site_data.topics[t].name for a in mine for t in a.topics)
    assert _options(page, "topic") == {t: f"{t} ({k})" for t, k in sorted(topics.items())}
    assert _options(page, "speaker") == {name: f"{name} ({k})" for name, k in sorted(by_speaker.items())}

    page.select_option("#ab-explorer-disputed", "Disputed")
    left = [a for a in mine if disputers(site_data, a.id)]
    _settle(page, f"{len(left)} claim{'' if len(left) == 1 else 's'} match{'es' if len(left) == 1 else ''}")
    assert sorted(_shown(page)) == sorted(a.id for a in left)
    page.click("#ab-explorer button[type=reset]")
    _settle(page, f"{len(anns)} claims")
    assert not page_log.errors


def test_rows_say_who_disputes_each_claim(page, url_for, site_data) -> None:
    _open(page, url_for)
    for row in page.locator(ROWS).all():
        ann_id = row.locator(".ab-explorer__claim a").get_attribute("href").split("#")[1]
        ann = site_data.annotations[ann_id]
        b = site_data.briefing(site_data.briefing_of[ann_id])
        names = disputers(site_data, ann_id)
        meta = row.locator(".ab-explorer__meta").text_content()
        assert row.locator(".ab-explorer__claim").text_content() == ann.claim
        assert meta.startswith(speaker_name(site_data, ann.speaker) + " · ")
        assert ("disputed by " + ", ".join(names) if names else "undisputed") in meta
        assert f"{b.article.title} · {b.article.published}" in meta
        topics = ", ".join(site_data.topics[t].name for t in ann.topics)
        assert meta.endswith(topics)


def test_text_search_finds_counterclaims_and_marks_words(page, url_for, site_data) -> None:
    ann = next(a for a in site_data.annotations.values() if any(c.claim for c in a.counterclaims))
    counter = next(c for c in ann.counterclaims if c.claim)
    words = " ".join(re.findall(r"[A-Za-z]{5,}", counter.claim)[:2])
    _open(page, url_for)
    page.locator("#ab-explorer-q").press_sequentially(words, delay=20)
    page.wait_for_url(re.compile(re.escape(f"q={quote_plus(words)}") + "$"))
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length > 0")
    page.wait_for_timeout(300)
    assert ann.id in _shown(page)[:3]
    assert page.locator(f"{ROWS} .ab-explorer__excerpt mark").count() > 0


def test_the_state_survives_a_reload_and_a_shared_address(page, url_for, site_data) -> None:
    ann = next(a for a in site_data.annotations.values() if a.counterclaims and a.speaker)
    speaker = speaker_name(site_data, ann.speaker)
    _open(page, url_for)
    page.select_option("#ab-explorer-speaker", speaker)
    page.select_option("#ab-explorer-disputed", "Disputed")
    page.select_option("#ab-explorer-sort", "oldest")
    page.wait_for_url(re.compile(r"speaker=.*disputed=Disputed.*sort=oldest"))
    page.wait_for_timeout(300)
    before = (_count(page), _shown(page))
    page.goto(page.url)  # the address as shared
    page.wait_for_selector("#ab-explorer[data-ready=true]")
    assert page.input_value("#ab-explorer-speaker") == speaker
    assert page.input_value("#ab-explorer-disputed") == "Disputed"
    assert page.input_value("#ab-explorer-sort") == "oldest"
    assert (_count(page), _shown(page)) == before
    expected = [a for a in reversed(newest_first(site_data, site_data.annotations))
                if speaker_name(site_data, site_data.annotations[a].speaker) == speaker
                and disputers(site_data, a)]
    assert before[1] == expected  # oldest first: the reverse of every list's order
    page.locator(f"{ROWS} .ab-explorer__claim a").first.click()
    page.wait_for_url(f"**#{before[1][0]}")
    assert page.locator(f"[id='{before[1][0]}']").is_visible()


def test_the_header_search_leads_to_the_explorer(page, site_url, url_for, site_data) -> None:
    speaker = next(iter(site_data.speakers.values()))
    page.goto(site_url)
    page.keyboard.press("/")
    page.locator("#ab-search-input").press_sequentially(speaker.name, delay=20)
    link = page.locator("a.ab-search__explore-link")
    link.wait_for()
    link.click()
    page.wait_for_selector("#ab-explorer[data-ready=true]")
    assert page.input_value("#ab-explorer-q") == speaker.name
    assert not page.evaluate("document.getElementById('__search').checked")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_explorer_axe_and_screenshot(new_page, url_for, artifact_dir: Path, device: str, scheme: str) -> None:
    page, log = new_page(viewport=DESKTOP if device == "desktop" else MOBILE, color_scheme=scheme)
    _open(page, url_for, "?q=reservoir")
    inside, outside = violations(page, None if scheme == "light" else
                                 {"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    assert not inside and not outside, (inside, outside)
    page.screenshot(path=str(artifact_dir / f"explorer-{device}-{scheme}.png"))
    assert not log.errors
