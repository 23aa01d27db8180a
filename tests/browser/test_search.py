"""Material's search, typed key by key, finds speakers, claims, quotes and topics, and lands on them.

Queries are computed from the fixture data: a phrase is a run of consecutive words
from one annotation's claim (or quote) that occurs in no other annotation's claim
or quote, so it should single out that annotation's section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from build_scripts.model import Annotation, Site
from build_scripts.render.links import briefing_page, page_url, speaker_page, topic_page

from .conftest import fixture_data

TOP = 3
SAMPLES = 3
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
STOPWORDS = {"a", "an", "the", "of", "to", "in", "on", "and", "or", "is", "are", "was", "that", "it", "its",
             "by", "for", "as", "at", "be", "with", "says", "said", "this", "their", "from", "will", "has"}


@dataclass(frozen=True)
class Query:
    text: str
    page: str  # expected page source path
    fragment: str  # expected heading id ('' = the page itself)


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in _words(text))


def distinctive_phrase(text: str, others: list[str], sizes: tuple[int, ...] = (4, 3, 5)) -> str:
    """A run of consecutive words of ``text`` found in none of ``others``; prefers rare, long words."""
    words = _words(text)
    other_norm = [_norm(o) for o in others]
    other_words = {w for o in other_norm for w in o.split()}
    for size in sizes:
        candidates = []
        for i in range(len(words) - size + 1):
            window = words[i:i + size]
            phrase = " ".join(w.lower() for w in window)
            if any(f" {phrase} " in f" {o} " for o in other_norm):
                continue
            content = [w.lower() for w in window if w.lower() not in STOPWORDS]
            rare = sum(w not in other_words for w in content)
            candidates.append((-rare, -len(content), i, " ".join(window)))
        if candidates:
            return min(candidates)[3]
    raise AssertionError(f"no distinctive phrase in {text!r}")


def _sample(items: list, count: int) -> list:
    """``count`` items spread evenly over ``items`` (deterministic)."""
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def _annotation_texts(site: Site) -> list[tuple[Annotation, str, str]]:
    return [(a, a.claim, a.quote) for a in site.annotations.values()]


def claim_queries(site: Site) -> list[Query]:
    texts = _annotation_texts(site)
    queries = []
    for ann, claim, _quote in _sample(texts, SAMPLES):
        others = [t for other, c, q in texts if other.id != ann.id for t in (c, q)]
        queries.append(Query(distinctive_phrase(claim, others), briefing_page(site.briefing_of[ann.id]), ann.id))
    return queries


def quote_queries(site: Site) -> list[Query]:
    texts = _annotation_texts(site)
    queries = []
    for ann, _claim, quote in _sample(texts[1:] + texts[:1], SAMPLES):  # a different sample from the claims'
        others = [t for other, c, q in texts if other.id != ann.id for t in (c, q)]
        queries.append(Query(distinctive_phrase(quote, others), briefing_page(site.briefing_of[ann.id]), ann.id))
    return queries


def speaker_queries(site: Site) -> list[Query]:
    return [Query(s.name, speaker_page(s.id), "") for s in site.speakers.values()]


def topic_queries(site: Site) -> list[Query]:
    return [Query(t.name, topic_page(t.id), "") for t in _sample(list(site.topics.values()), SAMPLES + 1)]


SITE = fixture_data()
CASES = ([pytest.param(q, id=f"speaker:{q.text}") for q in speaker_queries(SITE)]
         + [pytest.param(q, id=f"claim:{q.text}") for q in claim_queries(SITE)]
         + [pytest.param(q, id=f"quote:{q.text}") for q in quote_queries(SITE)]
         + [pytest.param(q, id=f"topic:{q.text}") for q in topic_queries(SITE)])


def search(page: Page, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into Material's search; return (path, fragment) of the scored results.

    Results are read in Material's display order: matching pages, best first, each followed by
    its matching sections. Entries scored 0 are page titles Material shows only as context above
    a page's matching sections; they are skipped.
    """
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially(query, delay=20)
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile(r"^(Type to start searching|Initializing search)"))
    page.wait_for_timeout(300)  # let the last keystroke's results settle
    links = page.locator(".md-search-result a.md-search-result__link")
    ranked = []
    for href, score in links.evaluate_all(
            "els => els.map(a => [a.href, a.querySelector('article').dataset.mdScore])"):
        if float(score) > 0:
            parts = urlsplit(href)
            ranked.append((parts.path, parts.fragment))
    return ranked


@pytest.mark.parametrize("query", CASES)
def test_search_finds_and_lands(page: Page, site_url: str, query: Query) -> None:
    page.goto(site_url)
    expected = (urlsplit(site_url + page_url(query.page)).path, query.fragment)
    ranked = search(page, query.text)
    if query.fragment:  # an annotation: its section among the first results shown
        assert expected in ranked[:TOP], f"{query.text!r}: expected {expected} in the top {TOP} of {ranked[:8]}"
    else:  # a speaker or topic page: among the first pages shown (each page's sections follow it)
        pages = list(dict.fromkeys((path, "") for path, _ in ranked))
        assert expected in pages[:TOP], f"{query.text!r}: expected {expected} in the top {TOP} pages of {pages}"

    index = ranked.index(expected)
    link = page.locator(".md-search-result a.md-search-result__link").filter(
        has=page.locator("article:not([data-md-score='0.00'])")).nth(index)
    if not link.is_visible():  # a section folded under "n more on this page"
        link.locator("xpath=ancestor::details").locator("summary").click()
    link.click()
    page.wait_for_url(lambda url: urlsplit(url).path == expected[0] and urlsplit(url).fragment == query.fragment)
    heading = page.locator(f"[id='{query.fragment}']") if query.fragment else page.locator("article h1")
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()
