"""The header search (Pagefind's index, docs/javascripts/search.js), typed key by key: it finds speakers, claims,
quotes, counterclaims and topics and lands on them; accents and letters without decomposition fold; the site's
own pages never outrank the content; Material's keys work; a ?q= address opens it; the index loads lazily.

Queries are computed from the fixture data: a phrase is a run of consecutive words from one annotation's claim
(or quote, or inline counterclaim) that occurs in no other annotation's claim or quote, so it should single out
that annotation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, expect
from rapidfuzz.distance import OSA

from build_scripts.model import Annotation, Site
from build_scripts.render.links import briefing_page, page_url, speaker_page, topic_page
from build_scripts.search_records import MONTHS, fold_pairs
from conftest import ROOT, copy_site, mkdocs_build
from pagefind_files import fragments, hidden_word
from served import serve

from .conftest import DESKTOP, MOBILE, fixture_data
from .test_accessibility import violations

TOP = 3
SAMPLES = 3
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
STOPWORDS = {"a", "an", "the", "of", "to", "in", "on", "and", "or", "is", "are", "was", "that", "it", "its",
             "by", "for", "as", "at", "be", "with", "says", "said", "this", "their", "from", "will", "has"}
RESULT = "#ab-search-results a.md-search-result__link[data-kind]"


@dataclass(frozen=True)
class Query:
    text: str
    page: str  # expected page source path
    fragment: str  # expected annotation id ('' = the page itself)


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


def _others(site: Site, ann: Annotation) -> list[str]:
    return [t for other in site.annotations.values() if other.id != ann.id for t in (other.claim, other.quote)]


def claim_queries(site: Site) -> list[Query]:
    return [Query(distinctive_phrase(ann.claim, _others(site, ann)), briefing_page(site.briefing_of[ann.id]), ann.id)
            for ann, _c, _q in _sample(_annotation_texts(site), SAMPLES)]


def quote_queries(site: Site) -> list[Query]:
    texts = _annotation_texts(site)
    return [Query(distinctive_phrase(ann.quote, _others(site, ann)), briefing_page(site.briefing_of[ann.id]), ann.id)
            for ann, _c, _q in _sample(texts[1:] + texts[:1], SAMPLES)]  # a different sample from the claims'


def counterclaim_queries(site: Site) -> list[Query]:
    """An inline counterclaim's words find the annotation it disputes (it has no record of its own)."""
    found = []
    for ann in site.annotations.values():
        for counter in ann.counterclaims:
            if counter.claim:
                others = [t for o in site.annotations.values() for t in (o.claim, o.quote)] + [
                    c.claim for o in site.annotations.values() for c in o.counterclaims if c is not counter]
                found.append(Query(distinctive_phrase(counter.claim, others), briefing_page(site.briefing_of[ann.id]),
                                   ann.id))
    return _sample(found, SAMPLES)


def speaker_queries(site: Site) -> list[Query]:
    return [Query(s.name, speaker_page(s.id), "") for s in site.speakers.values()]


def topic_queries(site: Site) -> list[Query]:
    return [Query(t.name, topic_page(t.id), "") for t in _sample(list(site.topics.values()), SAMPLES + 1)]


SITE = fixture_data()
CASES = ([pytest.param(q, id=f"speaker:{q.text}") for q in speaker_queries(SITE)]
         + [pytest.param(q, id=f"claim:{q.text}") for q in claim_queries(SITE)]
         + [pytest.param(q, id=f"quote:{q.text}") for q in quote_queries(SITE)]
         + [pytest.param(q, id=f"counterclaim:{q.text}") for q in counterclaim_queries(SITE)]
         + [pytest.param(q, id=f"topic:{q.text}") for q in topic_queries(SITE)])


def open_search(page: Page, key: str = "/") -> None:
    page.keyboard.press(key)
    expect(page.locator("#ab-search-input")).to_be_focused()
    assert page.evaluate("document.getElementById('__search').checked")


def search(page: Page, query: str) -> list[tuple[str, str, str]]:
    """Type ``query`` into the header search; (path, fragment, kind) of the results in display order, without
    the briefings shown only as the heading of their matching claims."""
    open_search(page)
    return typed(page, query)


def typed(page: Page, query: str) -> list[tuple[str, str, str]]:
    """``search`` in a search already open."""
    page.locator("#ab-search-input").press_sequentially(query, delay=20)
    meta = re.compile(r"^(\d+ matching results?|No matching results( for .+)?)$")
    expect(page.locator("#ab-search-meta")).to_have_text(meta)
    page.wait_for_timeout(300)  # let the last keystroke's results settle
    ranked = []
    for href, kind in page.locator(RESULT).evaluate_all("els => els.map(a => [a.href, a.dataset.kind])"):
        if kind != "context":
            parts = urlsplit(href)
            ranked.append((parts.path, parts.fragment, kind))
    return ranked


def click_result(page: Page, index: int) -> None:
    link = page.locator(f"{RESULT}:not([data-kind=context])").nth(index)
    if not link.is_visible():  # a claim folded under "n more in this briefing"
        link.locator("xpath=ancestor::details").locator("summary").click()
    link.click()


@pytest.mark.parametrize("query", CASES)
def test_search_finds_and_lands(page: Page, site_url: str, query: Query) -> None:
    page.goto(site_url)
    expected = (urlsplit(site_url + page_url(query.page)).path, query.fragment)
    ranked = search(page, query.text)
    places = [(path, fragment) for path, fragment, _ in ranked]
    if query.fragment:  # an annotation: among the first results shown
        assert expected in places[:TOP], f"{query.text!r}: expected {expected} in the top {TOP} of {places[:8]}"
    else:  # a speaker or topic page: among the first pages shown (a briefing's matching claims follow it)
        pages = list(dict.fromkeys((path, "") for path, _ in places))
        assert expected in pages[:TOP], f"{query.text!r}: expected {expected} in the top {TOP} pages of {pages}"
    click_result(page, places.index(expected))
    page.wait_for_url(lambda url: urlsplit(url).path == expected[0] and urlsplit(url).fragment == query.fragment)
    expect(page.locator("#__search")).not_to_be_checked()
    target = page.locator(f"[id='{query.fragment}']") if query.fragment else page.locator("article h1")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()


def test_results_group_claims_under_their_briefing_with_marked_words(page: Page, site_url: str) -> None:
    """A speaker's name finds their claims: each under its briefing's title and date, with the speaker, who
    disputes it, and the matched words marked."""
    speaker = max(SITE.speakers.values(), key=lambda s: len(SITE.by_speaker.get(s.id, ())))
    page.goto(site_url)
    ranked = search(page, speaker.name)
    claims = {fragment for _path, fragment, kind in ranked if kind == "annotation"}
    assert set(SITE.by_speaker[speaker.id]) <= claims
    item = page.locator("#ab-search-results > li").filter(has=page.locator("a[data-kind=annotation]")).first
    head = item.locator("a.md-search-result__link").first
    slug = SITE.briefing_of[item.locator("a[data-kind=annotation]").first.get_attribute("href").split("#")[1]]
    b = SITE.briefing(slug)
    expect(head.locator("h1")).to_have_text(b.article.title)
    expect(head).to_contain_text(b.article.published)
    claim = item.locator("a[data-kind=annotation]").first
    ann = SITE.annotations[claim.get_attribute("href").split("#")[1]]
    expect(claim.locator("h2")).to_have_text(ann.claim)
    expect(claim.locator(".ab-search__who")).to_contain_text(speaker.name)
    assert [m.lower() for m in claim.locator("mark").all_text_contents()], "matched words are marked"


@pytest.mark.parametrize("query", [q for q in CASES if q.id.split(":")[0] in ("speaker", "claim")])
def test_the_words_under_a_claim_hold_a_matched_word(page: Page, site_url: str, query: Query) -> None:
    """Under a claim, the excerpt's words after it are shown when they hold a matched word: a match in the claim
    itself leaves a fragment of what follows it ("Our three"), which is not shown."""
    page.goto(site_url)
    search(page, query.text)
    claims = page.locator(f"{RESULT}[data-kind=annotation]")
    assert claims.count(), query
    shown = page.locator(f"{RESULT}[data-kind=annotation] .ab-search__excerpt")
    assert shown.evaluate_all("els => els.filter(p => !p.querySelector('mark')).map(p => p.textContent)") == []
    unmarked = claims.evaluate_all("els => els.filter(a => !a.querySelector('mark')).map(a => a.textContent)")
    assert unmarked == [], unmarked  # and each claim shows a matched word, in it or after it


def _filed_under_only(site: Site) -> list[tuple[str, str]]:
    """(topic name, annotation id): annotations filed under a topic whose name is in none of the words that find
    them otherwise: their own, their counterclaims' (and the cited claims'), and their speakers' names and roles."""
    def who(speaker_id: str) -> list[str]:
        s = site.speakers.get(speaker_id)
        return [s.name, *s.aliases, *(r.role for r in s.all_roles), s.affiliation or ""] if s else []

    found = []
    for ann in site.annotations.values():
        cited = [site.annotations[c.ref] for c in ann.counterclaims if c.ref]
        own = " ".join([ann.claim, ann.quote, ann.note or "", *who(ann.speaker)]
                       + [t for c in ann.counterclaims for t in (c.claim, c.quote, *who(c.speaker))]
                       + [t for a in cited for t in (a.claim, *who(a.speaker))]).lower()
        found += [(site.topics[t].name, ann.id) for t in ann.topics
                  if not any(w.lower() in own for w in _words(site.topics[t].name))]
    return found


@pytest.mark.parametrize("topic, ann_id", _sample(_filed_under_only(SITE), SAMPLES))
def test_a_topic_s_name_finds_the_claims_filed_under_it(page: Page, site_url: str, topic: str, ann_id: str) -> None:
    page.goto(site_url)
    assert ann_id in [fragment for _path, fragment, _kind in search(page, topic)]


def test_the_site_pages_never_outrank_the_content(page: Page, site_url: str) -> None:
    """A word of CONTRIBUTING.md that is also in annotations: every annotation found comes before the Contribute
    page, which is found (the guide is searchable, last)."""
    guide = Counter(w.lower() for w in _words((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
                    if len(w) > 4 and w.lower() not in STOPWORDS)
    in_claims = Counter(w.lower() for a in SITE.annotations.values() for w in _words(a.claim + " " + a.quote))
    word = max((w for w in guide if in_claims[w] >= 2), key=lambda w: (in_claims[w], guide[w], w))
    page.goto(site_url)
    ranked = search(page, word)
    kinds = [kind for _path, _fragment, kind in ranked]
    contribute = urlsplit(site_url + page_url("contribute.md")).path
    assert "annotation" in kinds and contribute in [path for path, _f, _k in ranked], (word, ranked)
    last_content = max(i for i, kind in enumerate(kinds) if kind != "page")
    first_page = min(i for i, kind in enumerate(kinds) if kind == "page")
    assert last_content < first_page, (word, ranked)


def _claim_words(site: Site) -> Counter[str]:
    return Counter(w.lower() for a in site.annotations.values() for w in _words(a.claim) if w.isalpha())


def _holding(site: Site, word: str) -> set[str]:
    """The annotations whose claim holds ``word``."""
    return {a.id for a in site.annotations.values() if word in [w.lower() for w in _words(a.claim)]}


def word_queries(site: Site) -> list[tuple[str, str, str]]:
    """(case, query, word): queries of words the index does not hold, which find nothing and name ``word``
    (Pagefind itself would match the longest indexed word that begins them), and of words it holds in another
    form, which find the claims that hold ``word``."""
    words = _claim_words(site)
    common = max((w for w in words if len(w) >= 3), key=lambda w: (words[w], w))
    longer = max((w for w in words if len(w) >= 4), key=lambda w: (words[w], w))
    rare = min((w for w in words if len(w) >= 6), key=lambda w: (words[w], -len(w), w))
    singular = max((w for w in words if len(w) >= 5 and w[-1] not in "aeiousy" and w + "s" not in words
                    and re.search("[aeiou]", w[:-1])), key=lambda w: (len(w), w))
    plural = max((w for w in words if len(w) >= 7 and w.endswith("s") and not w.endswith("ss")),
                 key=lambda w: (len(w), w))
    typing = max((w for w in words if len(w) >= 8), key=lambda w: (len(w), w))
    other = typing[:6] + ("a" if typing[6] == "e" else "e")  # Pagefind's stem of it may begin ``typing``
    return [("unknown", common + "qzx", common + "qzx"),
            ("unknown beside a held word", f"{rare} {common}qzx", common + "qzx"),
            ("unknown, in quotes", f'"{common}qzx"', common + "qzx"),
            ("unknown, in curly quotes and twice", f"\u201c{common}qzx {common.upper()}QZX\u201d", common + "qzx"),
            ("unknown, though a held word begins with all but its last letter", other, other),
            ("unknown, an indexed word and one letter more", longer + "q", longer + "q"),
            ("a stem the index holds", singular + "s", singular),
            ("a word still being typed", typing[:5], typing),
            ("a long word with its last letter mistyped", plural[:-1] + "z", plural)]


@pytest.mark.parametrize("case, query, word", word_queries(SITE), ids=[c[0] for c in word_queries(SITE)])
def test_a_word_the_index_does_not_hold_finds_nothing(page: Page, site_url: str, case: str, query: str,
                                                      word: str) -> None:
    """Pagefind, when no indexed word begins a query word, matches the longest indexed word that begins it:
    "Thessaloniki" would find every "the". Such a word finds nothing, and the search says which; a word held
    in another form (by its stem, still being typed, a last letter mistyped) still finds its claims."""
    page.goto(site_url)
    found = {fragment for _path, fragment, kind in search(page, query) if kind == "annotation"}
    if case.startswith("unknown"):
        expect(page.locator("#ab-search-meta")).to_have_text(f"No matching results for \u201c{word}\u201d")
        assert not found and page.locator(RESULT).count() == 0
    else:
        assert found & _holding(SITE, word), (query, word, found)


@pytest.mark.parametrize("matched, query, held", [
    ("sanctions", "sanc", True), ("sanctions", "sanctions", True),  # being typed; the word itself
    ("sanctions", "sanctionz", True), ("analysis", "analyses", True), ("crisis", "crises", True),
    ("thesis", "theses", True), ("sanctioned", "sanctions", True),  # the last letters of each differ
    # Pagefind's match for a word it does not hold: a shorter word that begins it
    ("these", "theses", False), ("the", "thessaloniki", False), ("a", "amoxicilin", False),
    # words that begin alike, and no more alike
    ("denuclearization", "denucla", False), ("politics", "polite", False), ("mouse", "mice", False),
    ("war", "wars", False),  # a short word: found by the index's stem itself (an exact search), not here
])
def test_a_word_pagefind_matched_holds_the_query_s_word(page: Page, site_url: str, matched: str, query: str,
                                                        held: bool) -> None:
    page.goto(site_url)
    assert page.evaluate("([w, q]) => window.abSearch.holds(w, q)", [matched, query]) is held


def _apart(site: Path) -> tuple[str, str]:
    """Two words of the index that no record holds together, nor a word that begins as either does."""
    records = [set(re.findall(r"[a-z]{7,}", f["content"].lower())) for f in fragments(site)]
    def alone(word: str, record: set[str]) -> bool:
        return all(not any(w.startswith(word[:5]) for w in other) for other in records if other is not record)
    for at, one in enumerate(records):
        for other in records[at + 1:]:
            x = next((w for w in sorted(one - other) if alone(w, one)), None)
            y = next((w for w in sorted(other - one) if alone(w, other)), None)
            if x and y and not any(w.startswith(x[:5]) for w in other) \
                    and not any(w.startswith(y[:5]) for w in one):
                return x, y
    raise AssertionError("no two words apart")


@pytest.mark.parametrize("case", ["unknown", "apart", "phrase"])
def test_a_search_that_finds_nothing_says_what_to_try(page: Page, site_url: str, built_site: Path,
                                                      case: str) -> None:
    """A word the index does not hold may be the articles' own text, which search does not look through; words
    it holds each but no result holds together gave a bare "No matching results"."""
    x, y = _apart(built_site)
    query = {"unknown": f"{x} qzxunheard", "apart": f"{x} {y}", "phrase": f'"{y} {x}"'}[case]
    page.goto(site_url)
    search(page, query)
    expect(page.locator(RESULT)).to_have_count(0)
    expect(page.locator("#ab-search-results .ab-search__hint")).to_have_text({
        "unknown": "Search looks through the annotations (claims, quotes, notes, speakers and topics), "
                   "not the articles’ own text.",
        "apart": "No result holds all of these words: try fewer.",
        "phrase": "No result holds these words together in this order.",
    }[case])


def _words_of(record: dict) -> list[str]:
    return re.findall(r"[a-z]+", record["content"].lower())


def _reversed_pair(site: Path) -> tuple[str, str]:
    """Two words of seven letters or more that stand side by side in a record's text, and in the other order
    in none: ("a", "b") where "a b" stands and "b a" does not."""
    pairs = [set(pairwise(words)) for words in map(_words_of, fragments(site))]
    every = set().union(*pairs)
    return next((a, b) for a, b in sorted(every) if len(a) >= 7 and len(b) >= 7 and a != b
                and (b, a) not in every)


def _small_word(site: Path) -> str:
    """A word of three letters that a record's text holds, and no abbreviation: typed in capitals, it is asked
    for as one (search.js searchable), and finds nothing."""
    words = {w for r in fragments(site) for w in _words_of(r)}
    return next(w for w in sorted(words) if len(w) == 3 and f"zqx{w}zqx" not in words)


def _misspelt(site: Path) -> tuple[str, str]:
    """A word of eight letters or more of an annotation, and the same with its fifth and sixth letters
    swapped: no other word of the index is within two steps of that, nor begins with the word's first four
    letters."""
    every = {w for r in fragments(site) for w in re.findall(r"[a-z0-9]+", r["content"].lower())}
    ours = {w for r in fragments(site) if r["meta"]["kind"] != "page" for w in _words_of(r)}
    for word in sorted(w for w in ours if len(w) >= 8 and w[4] != w[5]):
        wrong = word[:4] + word[5] + word[4] + word[6:]
        if all(w == word or (OSA.distance(w, wrong) > 2 and not w.startswith(word[:4])) for w in every):
            return wrong, word
    raise AssertionError("no word to misspell")


@pytest.mark.parametrize("case, how", [("unknown", "click"), ("apart", "enter"), ("phrase", "click"),
                                       ("capitals", "enter"), ("misspelt", "click")])
def test_a_search_that_finds_nothing_offers_fewer_words(page: Page, site_url: str, built_site: Path,
                                                        case: str, how: str) -> None:
    """A search that found nothing offers the query's words that find something: without the word no
    annotation holds, with fewer of the words, without the quotes, an abbreviation in capitals as a word, a
    misspelt word as an annotation spells it.
    Chosen by a click, or by Enter in the box, it is searched for there."""
    x, y = _apart(built_site)
    a, b = _reversed_pair(built_site)
    small = _small_word(built_site)
    wrong, right = _misspelt(built_site)
    query, offered, hint = {
        "unknown": (f"{x} qzxunheard", {x}, ("Search looks through the annotations (claims, quotes, notes, "
                                             "speakers and topics), not the articles’ own text.")),
        "apart": (f"{x} {y}", {x, y}, "No result holds all of these words: try fewer."),
        "phrase": (f'"{b} {a}"', {f"{b} {a}"}, "No result holds these words together in this order."),
        "capitals": (small.upper(), {small}, ("Two or three capitals are searched for as an abbreviation, "
                                              "which no annotation has.")),
        "misspelt": (wrong, {right}, ("Search looks through the annotations (claims, quotes, notes, speakers "
                                      "and topics), not the articles’ own text.")),
    }[case]
    page.goto(site_url)
    search(page, query)
    expect(page.locator(RESULT)).to_have_count(0)
    link = page.locator("#ab-search-results a.ab-search__instead-link")
    expect(link).to_have_text(re.compile(r"^Search for .+ instead: [\d,]+ results?$"))
    expect(page.locator("#ab-search-results .ab-search__hint")).to_have_text(hint)
    found = re.fullmatch(r"Search for (.+) instead: ([\d,]+) results?", link.inner_text())
    assert found and found[1] in offered, (query, found and found[1])
    assert urlsplit(link.get_attribute("href")).query == "q=" + quote(found[1])
    if how == "click":
        link.click()
    else:
        page.locator("#ab-search-input").press("Enter")
    expect(page.locator("#ab-search-input")).to_have_value(found[1])
    expect(page.locator("#ab-search-input")).to_be_focused()
    count = int(found[2].replace(",", ""))
    results = f"{count} matching result" + ("s" if count > 1 else "")
    expect(page.locator("#ab-search-meta")).to_have_text(results)
    expect(page.locator(RESULT).first).to_be_visible()
    assert urlsplit(page.url).path == urlsplit(site_url).path


def test_enter_does_not_choose_an_offer_made_for_the_words_before(page: Page, site_url: str,
                                                                  built_site: Path) -> None:
    """Words typed after an offer, and Enter pressed at once, before their search is done: the offer was for
    the words before, and must not replace what the reader typed."""
    small = _small_word(built_site)
    x, _y = _apart(built_site)
    page.goto(site_url)
    search(page, small.upper())
    expect(page.locator("#ab-search-results a.ab-search__instead-link")).to_be_visible()
    box = page.locator("#ab-search-input")
    box.press_sequentially(" " + x, delay=10)
    box.press("Enter")
    page.wait_for_timeout(1000)
    expect(box).to_have_value(f"{small.upper()} {x}")


def test_a_word_then_its_capitals_finds_nothing_the_second_time(page: Page, site_url: str,
                                                                 built_site: Path) -> None:
    """A word, then the same in capitals, which is asked for as an abbreviation: the second finds nothing, and
    says so, though the index held the word (it was kept as held for either)."""
    small = _small_word(built_site)
    page.goto(site_url)
    assert search(page, small)
    page.locator("#ab-search-input").fill("")
    assert typed(page, small.upper()) == []
    expect(page.locator("#ab-search-meta")).to_have_text(f"No matching results for “{small.upper()}”")


# A stand-in for Pagefind's index: its records' words (a record "page: ..." is one of the site's own pages;
# after " || ", its forms, as `folds`). As Pagefind, a word asked for finds the words that begin with it, or
# else the longest word that begins it; in double quotes, the word itself; a record is found when it holds
# each word, and gives the places of the words it matched. Unlike Pagefind, it does not stem.
FAKE_INDEX = r"""([records, query, lang]) => {
  document.documentElement.lang = lang;
  const words = (q) => q.replace(/[^\p{L}\p{N}\s"]+/gu, " ").toLowerCase().match(/"[^"]*"|[^\s"]+/g) || [];
  const parts = (w) => w.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const held = records.flatMap((r) => r.split(" || ")[0].split(" ").flatMap(parts));
  const matches = (term, word) => {
    if (term.startsWith('"')) return parts(word).includes(term.slice(1, -1));
    const begun = held.some((w) => w.startsWith(term));
    const longest = held.filter((w) => term.startsWith(w)).sort((a, b) => b.length - a.length)[0];
    return parts(word).some((p) => begun ? p.startsWith(term) : p === longest);
  };
  window.searches = [];
  const found = (q) => window.searches.push(q) && records.flatMap((record) => {
    const [r, folds] = record.split(" || ");
    const content = r.replace(/^page: /, "");
    const places = words(q).map((t) => content.split(" ").flatMap((w, at) => matches(t, w) ? [at] : []));
    if (!places.length || places.some((p) => !p.length)) return [];
    const kind = r.startsWith("page: ") ? "page" : "briefing";
    return [{ words: places.flat(), data: () => Promise.resolve({ content, locations: places.flat(),
                                                                   meta: { kind, folds } }) }];
  });
  const pf = { search: (q) => Promise.resolve({ results: found(q) }) };
  return window.abSearch.fewer(pf, query, {});
}"""


@pytest.mark.parametrize("records, query, offered, lang", [
    # a question: its words no annotation holds left out ("did"), then the commonest, of equals the first
    (["fed raised rates", "the what say about", "the say about", "the about what", "the say", "fed the"],
     "what did the Fed say about rates", {"query": "Fed rates", "count": 1}, "en"),
    # stop words before any other, though "Fed" is the commonest; not in a site in another language
    (["fed raised rates", "fed cut", "fed held", "the fed", "what next"], "what did the Fed say about rates",
     {"query": "Fed rates", "count": 1}, "en"),
    (["fed raised rates", "fed cut", "fed held", "the fed", "what next"], "what the Fed rates",
     {"query": "rates", "count": 1}, "de"),
    (["fed raised rates", "the fed", "the news", "the rain"], "the Fed rates",
     {"query": "Fed rates", "count": 1}, "en"),
    (["vaccine trial", "vaccine"], "amoxicilin vaccine", {"query": "vaccine", "count": 2}, "en"),
    (["rates fed"], '"fed rates"', {"query": "fed rates", "count": 1}, "en"),  # a phrase's words apart
    (["rates fed"], "\u201cfed rates\u201d", {"query": "fed rates", "count": 1}, "en"),
    (["the war ended"], "WAR", {"query": "war", "count": 1}, "en"),  # capitals, as a word
    (["the war ended"], "WAR ended", {"query": "war ended", "count": 1}, "en"),
    (["the war ended"], "war WAR", {"query": "war", "count": 1}, "en"),
    (["the vaccine"], "U.S. vaccine", {"query": "vaccine", "count": 1}, "en"),  # with stops, an abbreviation
    (["the war ended"], "qzx", None, "en"),  # nothing to offer
    (["the war ended"], "war", None, "en"),  # the query itself
    (["the war", "peace"], "war peace", {"query": "peace", "count": 1}, "en"),  # of equals, the first goes
    (["what about it"], "what about it xyzzy", None, "en"),  # stop words alone
    (["the 2 talks", "2 sides"], "2 billion", None, "en"),  # nor a number of one or two digits alone
    (["the 2 talks", "2 sides"], "2 sides billion", {"query": "2 sides", "count": 1}, "en"),
    (["talks in 2019"], "2019 billion", {"query": "2019", "count": 1}, "en"),  # a year is no small word
    # "May" goes before a commoner word: it is a small word too ("May 2023" offered the verb on About)
    (["may be typed", "talks in 2023", "2023 vote"], "May 2023", {"query": "2023", "count": 2}, "en"),
    (["sanctions"], "sanctions & xyzzy", {"query": "sanctions", "count": 1}, "en"),  # not a word
    (["sanctions"], "sanctions sanctions? xyzzy", {"query": "sanctions", "count": 1}, "en"),  # once
    (["zqxuszqx vaccine"], "U.S. vaccine xyzzy", {"query": "U.S. vaccine", "count": 1}, "en"),  # as written
    # a word the index does not hold, as the nearest it holds: a letter changed, swapped, left out, put in
    (["Pompeo said", "Pompeo went", "pompidou"], "pompio", {"query": "pompeo", "count": 2}, "en"),
    (["sanctions remain"], "sanctoins", {"query": "sanctions", "count": 1}, "en"),
    (["the gangster"], "gangstr", {"query": "gangster", "count": 1}, "en"),
    (["Verification"], "verrification", {"query": "verification", "count": 1}, "en"),
    # two steps for a word of over seven letters, one for a shorter; of equals, the commonest
    (["denuclearization talks"], "denuclearisasion talks",
     {"query": "denuclearization talks", "count": 1}, "en"),
    (["talking"], "talkemg", None, "en"),
    (["pompey", "pompeo", "pompeo said"], "pompeu", {"query": "pompeo", "count": 2}, "en"),
    (["the gangsters", "a gangster"], "gangsetr", {"query": "gangster", "count": 2}, "en"),
    # in the records' commonest form for a word not typed in lower case; a part of a joined word counts
    (["Pompeo said", "mike-pompeo", "Pompeo's visit"], "Pompio", {"query": "Pompeo", "count": 3}, "en"),
    (["mike-pompeo"], "pompio", {"query": "pompeo", "count": 1}, "en"),
    # not the site's own pages, nor a word of digits, nor a short word, nor a slip in the first three letters
    (["page: gangstr", "the gangster"], "gangstre", {"query": "gangster", "count": 1}, "en"),
    (["talks in 2018"], "2019 talks", {"query": "talks", "count": 1}, "en"),
    (["the war"], "wor", None, "en"),
    (["pompeo"], "pmpeo", None, "en"),
    (["pompeo sanctions"], "pompio sanctions", {"query": "pompeo sanctions", "count": 1}, "en"),
    # a word of parts, each the index does not hold spelt; a form as the word it stands for
    (["gangster-like demands"], "gangster-likr", {"query": "gangster-like", "count": 1}, "en"),
    (["Pompeo's visit"], "Pompio's", {"query": "Pompeo's", "count": 1}, "en"),
    (["the gangster"], "gangstr-qzxv", None, "en"),
    (["Łódź Lodz || Lodz Łódź"], "Lodzz", {"query": "Łódź", "count": 1}, "en"),
    (["negotiations"], "negotiatoins", {"query": "negotiations", "count": 1}, "en"),
    # a date's form in words (search_records.date_pairs): its month is a word of its own, not the date's "07"
    (["8-July-2018 talks || 8-July-2018 2018-07-08"], "Jully 2018", {"query": "July 2018", "count": 1}, "en"),
])
def test_fewer_words_leave_out_stop_words_then_the_commonest(page: Page, site_url: str, records: list[str],
                                                             query: str, offered: dict | None,
                                                             lang: str) -> None:
    page.goto(site_url)
    page.wait_for_function("window.abSearch")
    assert page.evaluate(FAKE_INDEX, [records, query, lang]) == offered


def test_a_word_of_over_twenty_letters_is_not_spelt(page: Page, site_url: str) -> None:
    """Words run together are not spelt: each letter less would be a search of its own."""
    page.goto(site_url)
    page.wait_for_function("window.abSearch")
    assert page.evaluate(FAKE_INDEX, [["negotiation"], "negotiationinvestigations", "en"]) is None
    assert page.evaluate("window.searches") == ['"negotiationinvestigations"', "negotiationinvestigations"]


@pytest.mark.parametrize("first, then", [("pompio", "Pompio"), ("Pompio", "pompio")])
def test_a_spelling_takes_the_case_of_each_query(page: Page, site_url: str, first: str, then: str) -> None:
    """A word spelt once in a page is kept, but in the case of the query that asks for it again."""
    page.goto(site_url)
    page.wait_for_function("window.abSearch")
    records = ["Pompeo said", "Pompeo went"]
    found = [page.evaluate(FAKE_INDEX, [records, query, "en"]) for query in (first, then)]
    assert found == [{"query": "pompeo" if q.islower() else "Pompeo", "count": 2} for q in (first, then)]


def test_the_edit_distance_counts_a_swap_as_one_step(page: Page, site_url: str) -> None:
    """The distance a misspelt word is offered within: letters put in, left out, changed, or two side by side
    swapped, one step each (as rapidfuzz's OSA distance)."""
    pairs = [("pompio", "pompeo"), ("sanctoins", "sanctions"), ("gangstr", "gangster"), ("ca", "abc"),
             ("", "war"), ("kitten", "sitting"), ("denuclearisation", "denuclearization"), ("abcd", "badc")]
    page.goto(site_url)
    page.wait_for_function("window.abSearch")
    found = page.evaluate("(pairs) => pairs.map(([a, b]) => window.abSearch.distance(a, b))", pairs)
    assert found == [OSA.distance(a, b) for a, b in pairs] == [1, 1, 1, 3, 3, 3, 1, 2]


def test_a_word_of_a_record_s_hidden_metadata_alone_finds_nothing(page: Page, site_url: str,
                                                                   built_site: Path) -> None:
    """Pagefind 1.5 matches the words of a record's metadata too, which a reader never sees: the name of a
    briefing's claims file found every briefing, with nothing marked. Such a word finds nothing, and is named."""
    word = hidden_word(built_site)
    page.goto(site_url)
    assert search(page, word) == []
    expect(page.locator("#ab-search-meta")).to_have_text(f"No matching results for \u201c{word}\u201d")


def test_material_keys(page: Page, site_url: str) -> None:
    """'/' and 's' open the search, Esc closes it; the arrow keys move through the results and Enter opens
    one; typing on a result goes on in the box."""
    page.goto(site_url)
    open_search(page, "s")
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator("#ab-search-input")).not_to_be_focused()
    ann = next(iter(SITE.annotations.values()))
    search(page, distinctive_phrase(ann.claim, _others(SITE, ann)))
    links = page.locator(f"{RESULT}")
    page.keyboard.press("ArrowDown")
    expect(links.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#ab-search-input")).to_be_focused()
    page.keyboard.press("ArrowDown")
    target = links.first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    expect(page.locator("#__search")).not_to_be_checked()


@pytest.mark.parametrize("on", ["a result", "share"])
def test_escape_leaves_no_focus_in_the_closed_search(page: Page, site_url: str, on: str) -> None:
    """Esc from a result reached by the arrows, or after the share button: the closed search keeps no focus,
    so the next Tab goes on to a stop the reader can see."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url)
    ann = next(iter(SITE.annotations.values()))
    search(page, distinctive_phrase(ann.claim, _others(SITE, ann)))
    if on == "share":
        page.locator("#ab-search-share").click()
        expect(page.locator("#ab-search-meta")).to_contain_text("Link copied")
        expect(page.locator("#ab-search-share")).to_be_focused()
    else:
        page.keyboard.press("ArrowDown")
        expect(page.locator(RESULT).first).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    assert page.evaluate("!document.activeElement.closest('#ab-search')")
    page.keyboard.press("Tab")
    assert page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
      return !e.closest('#ab-search') && r.width > 0 && getComputedStyle(e).visibility === 'visible'; }""")


@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_tabbing_into_the_box_opens_the_search_and_out_of_it_closes_it(new_page, site_url: str, device: str) -> None:
    """As in Material: the box opens the search when it takes the focus, by Tab too (on a phone the box is hidden
    until then), and the search closes when Tab leaves it, so the next stop is not under its shade."""
    page, _log = new_page(viewport=DESKTOP if device == "desktop" else MOBILE)
    page.goto(site_url)
    box = page.locator("#ab-search-input")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id === 'ab-search-input'"):
            break
    else:
        pytest.fail("20 Tab stops and none is the search box")
    expect(page.locator("#__search")).to_be_checked()
    expect(box).to_be_visible()
    box.press_sequentially(_words(next(iter(SITE.annotations.values())).claim)[1], delay=20)
    expect(page.locator(RESULT).first).to_be_visible()
    for _ in range(100):
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('#ab-search')"):
            break
    else:
        pytest.fail("100 Tab stops and the focus is still in the search")
    expect(page.locator("#__search")).not_to_be_checked()
    assert page.evaluate("document.activeElement.closest('.md-header, .md-container') !== null")
    page.keyboard.press("Shift+Tab")  # back: to the box, which opens the search, not to its hidden results
    expect(box).to_be_focused()
    expect(page.locator("#__search")).to_be_checked()


def test_clicking_the_box_opens_the_search(page: Page, site_url: str) -> None:
    """A click in the header's box opens the search, with its shade and its results panel, as in Material."""
    page.goto(site_url)
    page.locator("#ab-search-input").click()
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.type(_words(next(iter(SITE.annotations.values())).claim)[1], delay=20)
    expect(page.locator(RESULT).first).to_be_visible()


def test_a_q_address_opens_the_search_and_the_share_button_gives_it(page: Page, site_url: str) -> None:
    speaker = next(iter(SITE.speakers.values()))
    page.goto(site_url + "?q=" + quote(speaker.name))
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator("#ab-search-input")).to_have_value(speaker.name)
    expect(page.locator(f"{RESULT}[href$='{page_url(speaker_page(speaker.id))}']")).to_have_count(1)
    share = page.locator("#ab-search-share").get_attribute("href")
    assert share == site_url + "?q=" + quote(speaker.name, safe="")


def test_the_index_is_fetched_only_when_searching(page: Page, site_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url, wait_until="networkidle")
    assert not [u for u in requests if "/pagefind/" in u]
    page.keyboard.press("/")
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind/'))")
    assert all(u.startswith(site_url) for u in requests)


def test_a_first_view_fetches_no_sitemap(page: Page, site_url: str) -> None:
    """The site leaves Material's instant navigation off: it fetches sitemap.xml, which grows with the site (about
    250 bytes a page), on every first page view."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url, wait_until="networkidle")
    page.locator(".md-tabs__link", has_text="About").click()
    page.wait_for_url("**/about/")
    page.wait_for_load_state("networkidle")
    assert requests and not [u for u in requests if "sitemap" in u]


# Material closes the drawer and the search 125 ms after every instant navigation (bundle.ts, "Always close
# drawer and search on navigation": merge(location$, target$).pipe(delay(125))), by clicking the search
# toggle if it is checked. This timer, set on the same emission after Material's, fires after it.
MATERIAL_CLOSED_SEARCH = """() => {
  window.__material_closed_search = false;
  window.location$.subscribe(() => setTimeout(() => { window.__material_closed_search = true; }, 125));
}"""


@pytest.mark.parametrize("navigation", ["full", "instant"])
def test_search_works_after_navigation(page: Page, site_url: str, request: pytest.FixtureRequest,
                                       navigation: str) -> None:
    """After a page load, and after Material's instant navigation (which a site may turn on) swapped the page."""
    base = request.getfixturevalue("instant_site") if navigation == "instant" else site_url
    page.goto(base, wait_until="networkidle")  # instant navigation takes over links once it has the sitemap
    page.evaluate("window.__same_document = true")
    if navigation == "instant":
        page.evaluate(MATERIAL_CLOSED_SEARCH)
    page.locator(".md-tabs__link", has_text="About").click()
    page.wait_for_url("**/about/")
    expect(page).to_have_title(re.compile(r"^About"))
    assert page.evaluate("window.__same_document === true") == (navigation == "instant")
    if navigation == "instant":  # a reader's "/" within Material's 125 ms would be undone by it, by design
        page.wait_for_function("window.__material_closed_search === true")
    speaker = next(iter(SITE.speakers.values()))
    ranked = search(page, speaker.name)
    assert (urlsplit(base + page_url(speaker_page(speaker.id))).path, "", "speaker") in ranked


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_search_panel_axe_and_screenshot(new_page, site_url: str, artifact_dir: Path, device: str,
                                         scheme: str) -> None:
    page, log = new_page(viewport=DESKTOP if device == "desktop" else MOBILE, color_scheme=scheme)
    page.goto(site_url)
    speaker = max(SITE.speakers.values(), key=lambda s: len(SITE.by_speaker.get(s.id, ())))
    search(page, speaker.name.split()[-1])
    inside, outside = violations(page, None if scheme == "light" else
                                 {"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    assert not inside and not outside, (inside, outside)
    page.screenshot(path=str(artifact_dir / f"search-{device}-{scheme}.png"))
    assert not log.errors


FOLDED_CLAIM = ("Marsh reports the Harlow reservoir",
                ("Marsh reports to O’Dwyer that the $4.5bn Łódź reservoir by Karl-Marx-Straße on the Arden–Pellworth"
                 " line of the U.S.-led plan stalled—again, by an analysis of a 31% share for Müller"))


ALIAS = "the Pellbridge board"  # another name for Helena Marsh, a word of which no claim holds


@pytest.fixture(scope="module")
def folding_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, str]:
    """The full fixture with one speaker renamed with letters that do not decompose or do (Ł, è), a town in a
    claim renamed so (FOLDED_CLAIM), and an alias added (ALIAS), built and served: (base URL, the new name, the
    speaker's page)."""
    root = copy_site("full", tmp_path_factory.mktemp("folding-src") / "full", repo_config=True)
    speakers = root / "annotations" / "speakers.yml"
    name = "Inès Łukasik"
    text = speakers.read_text(encoding="utf-8")
    assert "name: Ines Varga" in text and "aliases: [Marsh, the chair]" in text
    text = text.replace("aliases: [Marsh, the chair]", f"aliases: [Marsh, the chair, {ALIAS}]")
    speakers.write_text(text.replace("name: Ines Varga", f"name: {name}"), encoding="utf-8")
    annotations = root / "annotations" / "2022-05-14-arden-water-rationing.yml"
    text = annotations.read_text(encoding="utf-8")
    assert text.count(f"claim: {FOLDED_CLAIM[0]}") == 1
    annotations.write_text(text.replace(f"claim: {FOLDED_CLAIM[0]}", f"claim: {FOLDED_CLAIM[1]}"), encoding="utf-8")
    out = tmp_path_factory.mktemp("folding-site") / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    with serve(out) as url:
        yield url, name, page_url(speaker_page("ines-varga"))


@pytest.mark.parametrize("typed", ["Lukasik", "lukasik", "Ines Lukasik", "Łukasik", "Inès"])
def test_accents_and_letters_without_decomposition_fold(page: Page, folding_site, typed: str) -> None:
    base, name, speaker_url = folding_site
    page.goto(base)
    ranked = search(page, typed)
    pages = list(dict.fromkeys((path, "") for path, _f, _k in ranked))
    assert (urlsplit(base + speaker_url).path, "") in pages[:TOP], ranked
    expect(page.locator(f"{RESULT}[data-kind=speaker] h1")).to_have_text(name)
    claims = {fragment for _p, fragment, kind in ranked if kind == "annotation"}
    assert set(SITE.by_speaker["ines-varga"]) <= claims


@pytest.mark.parametrize("typed, word", [
    ("Lodz", "Łódź"), ("lodz", "Łódź"), ("Lukasik", "Łukasik"), ("Strasse", "Straße"),
    ("Karl-Marx-Strasse", "Straße"),
    # words joined by punctuation that is not ASCII, which Pagefind does not split: found by a part
    ("Dwyer", "O’Dwyer"), ("O'Dwyer", "O’Dwyer"), ("O’Dwyer", "O’Dwyer"), ("Pellworth", "Arden–Pellworth"),
    # letters English writes out as two
    ("Mueller", "Müller"), ("Muller", "Müller"),
])
def test_a_word_found_by_its_ascii_form_is_marked_where_it_stands(page: Page, folding_site, typed: str,
                                                                   word: str) -> None:
    """The index adds an ASCII form of a word whose letters do not decompose, or of words joined by punctuation
    that is not ASCII, before the field that holds it; a result found by it (a claim, or a speaker) marks the
    word where it stands, part of a word joined by hyphens too, and does not show the form. A name of parts
    typed in ASCII is found."""
    base, _name, _speaker_url = folding_site
    page.goto(base)
    found = [f for _p, f, kind in search(page, typed) if kind == "annotation"]
    assert found
    # the site's own pages may hold a form as a word of their text (About's example, "Mueller")
    texts = page.locator(f"{RESULT}:not([data-kind=page])").evaluate_all("els => els.map(a => a.textContent)")
    forms = list(fold_pairs(word))
    assert forms
    assert not [t for t in texts for f in forms if re.search(rf"\b{f}\b", t, re.IGNORECASE)], texts
    marks = page.locator(f"{RESULT}[data-kind=annotation] mark").all_text_contents()
    assert [m for m in marks if word in m], marks  # the word, or the word of parts that holds it
    claims = page.locator(f"{RESULT}[data-kind=annotation]")
    for i in range(claims.count()):  # each claim shows why it matched: the word marked where it stands
        claim = claims.nth(i)
        assert claim.locator("mark").count(), claim.text_content()
        if word in claim.locator("h2").text_content():
            expect(claim.locator("h2 mark").filter(has_text=word)).not_to_have_count(0)


def test_a_claims_file_that_fails_leaves_the_briefing_and_is_asked_for_again(page: Page, site_url: str) -> None:
    """A briefing's claims file (what its claims' results show) that cannot be fetched: the briefing is still a
    result, search goes on, and the next search asks for the file again."""
    speaker = max(SITE.speakers.values(), key=lambda s: len(SITE.by_speaker.get(s.id, ())))
    failing = {"on": True}
    asked: list[str] = []

    def claims_file(route) -> None:
        asked.append(route.request.url)
        if failing["on"]:
            route.fulfill(status=503, body="")
        else:
            route.continue_()

    page.route("**/pagefind/claims/*.json", claims_file)
    page.goto(site_url)
    ranked = search(page, speaker.name)
    assert ranked and not [k for _p, _f, k in ranked if k == "annotation"]  # briefings shown, without claims
    assert asked
    expect(page.locator("#ab-search-meta")).not_to_have_text("Search is not available.")
    failing["on"] = False
    page.locator("#ab-search-input").fill("")
    ranked = search(page, speaker.name)
    assert set(SITE.by_speaker[speaker.id]) <= {f for _p, f, k in ranked if k == "annotation"}


@pytest.mark.parametrize("claim, excerpt, title, rest", [
    # the excerpt begins with the claim: the claim is the title, its matched words marked; the rest follows
    ("Rates rise.", "<mark>Rates</mark> rise. The board said so", "[Rates] rise.", "The board said so"),
    ("Rates  rise\nagain", "<mark>Rates</mark> rise again. Later words", "[Rates] rise again", "Later words"),
    # a claim longer than the excerpt: the excerpt marks its first words, the claim goes on unmarked
    ("Rates rise again next year.", "<mark>Rates</mark> rise", "[Rates] rise again next year.", ""),
    # an excerpt that begins within the claim, and goes on past it or ends within it
    ("Marsh reports the reservoir holds a third.", "the <mark>reservoir</mark> holds a third. had fallen",
     "Marsh reports the [reservoir] holds a third.", "had fallen"),
    ("Marsh reports the reservoir holds a third.", "the <mark>reservoir</mark> holds",
     "Marsh reports the [reservoir] holds a third.", ""),
    ("Rates rise.", "ates rise. More", None, "ates rise. More"),  # not at a word's start: as it is
    # the claim's last word, ending the next field too: not the claim's end ("needs.”" ends a quote)
    ("Ten Hag says United needs.", "<mark>needs</mark>.”. Gary O’Brien: more", None,
     "[needs].” Gary O’Brien: more"),
    # an excerpt elsewhere: the claim as it is, the excerpt as it is
    ("Rates rise.", "the <mark>board</mark> said", None, "the [board] said"),
    ("<b>x</b>", "&lt;b&gt;<mark>x</mark>", "<b>[x]</b>", ""),  # text stays text
    # a mark takes in the word, not the punctuation Pagefind's word runs into; punctuation alone is not marked
    ("Rates rise.", "<mark>Rates</mark> <mark>rise.</mark> Müller said", "[Rates] [rise].", "Müller said"),
    ("Rates rise.", "the <mark>(board),</mark> <mark>O’Brien:</mark> said", None,
     "the ([board]), [O’Brien]: said"),
    ("Rates rise.", "a <mark>—</mark> b <mark>€4bn”;</mark>", None, "a — b €[4bn]”;"),
])
def test_a_claim_s_excerpt_is_split_where_the_claim_ends(page: Page, site_url: str, claim: str, excerpt: str,
                                                          title: str | None, rest: str) -> None:
    page.goto(site_url)
    got = page.evaluate("""([claim, excerpt]) => {
        const show = (node) => { const div = document.createElement("div"); div.appendChild(node);
          div.querySelectorAll("mark").forEach(m => m.replaceWith("[" + m.textContent + "]"));
          return div.children.length ? "markup" : div.textContent; };
        const split = window.abSearch.claimExcerpt(claim, excerpt);
        return [split.title ? show(split.title) : null, show(split.rest)];
    }""", [claim, excerpt])
    assert got == [title, rest]


@pytest.mark.parametrize("query, excerpt, folds, title, rest", [
    # Pagefind takes words joined by a clause's punctuation for one word (it splits at spaces and ASCII
    # punctuation only), and marks them all: the mark is narrowed to the word the query asked for
    ("stalled", "the talks <mark>stalled—again—over</mark> terms", "", None,
     "the talks [stalled]—again—over terms"),
    ("again", "the talks <mark>stalled—again—over</mark> terms", "", None,
     "the talks stalled—[again]—over terms"),
    ("stalled over", "<mark>stalled—again—over.</mark> More", "", None, "[stalled]—again—[over]. More"),
    ("naive", "a <mark>“naïve”—rested</mark> plan", "", None, "a “[naïve]”—rested plan"),
    ("talks", "the <mark>talks…later</mark> on", "", None, "the [talks]…later on"),
    # a form found: its word marked where it stands, narrowed alike
    ("again", "the board. <mark>stalled-again</mark>. Marsh says talks stalled—again",
     "stalled-again stalled—again", "Marsh says talks stalled—[again]",
     "the board. Marsh says talks stalled—[again]"),
    # words an apostrophe, a hyphen or an en dash joins are one word: marked whole
    ("Brien", "the <mark>O’Brien</mark> plan", "", None, "the [O’Brien] plan"),
    ("Seoul", "the <mark>Seoul–Washington</mark> talks", "", None, "the [Seoul–Washington] talks"),
    # a word matched only as beginning with a query word of one to three letters is not marked
    ("the of and", "<mark>Officials</mark> said <mark>they</mark> <mark>and</mark> <mark>the</mark> board", "",
     None, "Officials said they [and] [the] board"),
    ("of officials", "<mark>Officials</mark> said <mark>of</mark>", "", None, "[Officials] said [of]"),
    # but an inflection of it is: "says" for "say", "cutting" for "cut"; not "there" for "the"
    ("say", "Pompeo <mark>says</mark> the", "", None, "Pompeo [says] the"),
    ("cut act", "<mark>cutting</mark> and <mark>acted</mark>, <mark>actually</mark>", "", None,
     "[cutting] and [acted], actually"),
    ("act own", "<mark>actions</mark> of the <mark>owner</mark>, <mark>actor</mark>", "", None,
     "[actions] of the [owner], actor"),
    ("the", "<mark>there</mark> and <mark>the</mark> way", "", None, "there and [the] way"),
    # a mark none of whose words answers the query (a stem Pagefind matched) stays whole; no query, no change
    ("mice", "the <mark>mouse—again</mark> said", "", None, "the [mouse—again] said"),
    ("", "the <mark>stalled—again</mark> talks", "", None, "the [stalled—again] talks"),
    # an abbreviation, searched as its form: marked however it is written or joined, the forms left out
    ("US", "the board. <mark>zqxuszqx</mark>. Marsh says U.S.-led talks and the U.S.’s terms",
     "zqxuszqx U.S.", None, "the board. Marsh says [U.S.]-led talks and the [U.S.]’s terms"),
    ("U.S.", "in the US. <mark>zqxuszqx</mark> zqxunzqx. Marsh says", "zqxuszqx US zqxunzqx UN", None,
     "in the [US]. Marsh says"),
    # the words out of sight: the form marked gives way to its word, another form is left out, its stop kept
    ("UN", "short of water. zqxuszqx <mark>zqxunzqx</mark>. Samuel", "zqxuszqx US zqxunzqx UN", None,
     "short of water. [UN]. Samuel"),
    ("US", "short of water. <mark>zqxuszqx</mark> zqxunzqx. Samuel", "zqxuszqx US zqxunzqx UN", None,
     "short of water. [US]. Samuel"),
    # a figure: marked when the query asks for it, not for the number its digits make ("4.5" is indexed "45")
    ("3.7%", "to rise to <mark>3.7%</mark> in", "", None, "to rise to [3.7]% in"),
    ("4.5", "a <mark>4.5%</mark> rate", "", None, "a [4.5]% rate"),
    ("45", "a <mark>4.5%</mark> rate and <mark>45</mark> more", "", None, "a 4.5% rate and [45] more"),
    ("75", "at <mark>0.75%</mark>", "", None, "at 0.75%"),
    # a figure found by its form: marked where it stands, whether or not the query has a figure
    ("percent", "spent. <mark>3.7-percent-per-cent</mark>. at 3.7%. The", "3.7-percent-per-cent 3.7", None,
     "spent. at [3.7]%. The"),
    # a field that ends in a figure with a sign: the forms after it are left out, the sentence's end seen
    ("3.7", "at <mark>3.7%.</mark> Lodz. Rainfall over", "Lodz Łódź", None, "at [3.7]%. Rainfall over"),
    # a word of parts joined by hyphens, one of three letters: Pagefind's mark stays ("old" is asked for)
    ("old-growth", "of <mark>old-growth</mark> forest", "", None, "of [old-growth] forest"),
])
def test_a_mark_takes_the_words_the_query_asked_for(page: Page, site_url: str, query: str, excerpt: str,
                                                    folds: str, title: str | None, rest: str) -> None:
    page.goto(site_url)
    got = page.evaluate("""([query, excerpt, folds, claim]) => {
        const show = (node) => { const div = document.createElement("div"); div.appendChild(node);
          div.querySelectorAll("mark").forEach(m => m.replaceWith("[" + m.textContent + "]"));
          return div.textContent; };
        const S = window.abSearch, asked = S.terms(query);
        const split = S.claimExcerpt(claim, excerpt, folds, null, asked);
        return [split.title ? show(split.title) : null, show(split.rest),
          show(S.excerpt(excerpt, folds, null, asked))];
    }""", [query, excerpt, folds, "Marsh says talks stalled—again" if title else "Rates rise."])
    assert got[:2] == [title, rest]
    if title is None:  # a record's excerpt is the same
        assert got[2] == rest


# A function for a test's script: a node's text, each mark's text in brackets ("[Rates] rise.").
BRACKETED = """
        const bracketed = (node) => { const div = document.createElement("div"); div.appendChild(node);
          div.querySelectorAll("mark").forEach(m => m.replaceWith("[" + m.textContent + "]"));
          return div.textContent; };"""


@pytest.mark.parametrize("query, claim, excerpt, title", [
    # the excerpt elsewhere (the quote): the claim still marks the words the query asked for
    ("US sanctions", "Pompeo says the US will keep sanctions.", "the <mark>sanctions</mark> regime",
     "Pompeo says the [US] will keep [sanctions]."),
    ("U.S. sanctions", "Pompeo says U.S.-led sanctions stay.", "the <mark>sanctions</mark> regime",
     "Pompeo says [U.S.]-led [sanctions] stay."),
    ("sanc wars", "The war on sanctions goes on.", "<mark>sanctions</mark> and <mark>wars</mark>",
     "The [war] on [sanctions] goes on."),  # a word being typed, a stem
    ("the talks", "These talks, then the end.", "<mark>talks</mark>", "These [talks], then [the] end."),
    ("analysis Brien", "A plan by O’Brien.", "an <mark>analysis</mark>", "A plan by O’[Brien]."),
    ("again", "Talks stalled—again.", "<mark>again</mark>", "Talks stalled—[again]."),
    ("US", "Household use rises.", "<mark>US</mark> side", None),  # "use" does not answer "US"
    ("say", "Pompeo says talks end.", "a note <mark>says</mark> so", "Pompeo [says] talks end."),
    ("there", "Officials say the way is there.", "<mark>there</mark> now",
     "Officials say the way is [there]."),
    ("foreign", "A demand for the foreign ministry.", "<mark>foreign</mark>",
     "A demand for the [foreign] ministry."),
    # a word that begins alike and ends otherwise than in an inflection is another word; with one, the same
    ("parliamentary arithmetic", "The largest party lacks the arithmetic.", "<mark>arithmetic</mark>",
     "The largest party lacks the [arithmetic]."),
    ("party", "A partner of the party.", "<mark>party</mark>", "A partner of the [party]."),
    ("officials", "The office says officials agree.", "<mark>officials</mark>",
     "The office says [officials] agree."),
    ("families", "One family, many families.", "<mark>families</mark>", "One [family], many [families]."),
    ("studied crises", "Studies of the crisis.", "<mark>crisis</mark>", "[Studies] of the [crisis]."),
    # a figure, as it was asked for: with its point, its sign, its separators, or going on with letters
    ("3.7%", "Inflation to rise to 3.7% in May.", "a <mark>3.7</mark> rise",
     "Inflation to rise to [3.7]% in May."),
    ("45", "A 4.5% rate, 45 votes.", "<mark>45</mark> votes", "A 4.5% rate, [45] votes."),
    ("£2bn 42200", "A £2bn plan for 42,200 homes.", "<mark>2bn</mark>",
     "A £[2bn] plan for [42,200] homes."),
    ("2 billion", "A £2bn plan, 2 years, 20 homes.", "<mark>2bn</mark>",
     "A £[2bn] plan, [2] years, 20 homes."),
    ("covid 2018", "COVID-19 in 2018-19.", "<mark>COVID-19</mark>", "[COVID-19] in [2018]-19."),
    # the excerpt within the claim: its marks, and the others
    ("rates board", "Rates rise, the board says.", "<mark>Rates</mark> rise, the board says. More",
     "[Rates] rise, the [board] says."),
])
def test_a_claim_marks_every_word_the_query_asked_for(page: Page, site_url: str, query: str, claim: str,
                                                      excerpt: str, title: str | None) -> None:
    page.goto(site_url)
    got = page.evaluate("""([query, claim, excerpt]) => {
        const S = window.abSearch, split = S.claimExcerpt(claim, excerpt, "", null, S.terms(query));
        return split.title ? bracketed(split.title) : null;
    }""".replace("{", "{" + BRACKETED, 1), [query, claim, excerpt])
    assert got == title


LONG = " ".join(f"w{i}" for i in range(40))  # words of a quote, longer than an excerpt


@pytest.mark.parametrize("content, html, folds, shown", [
    # the mark on a form whose word stands beyond the window: the excerpt moves to the word, in its section
    (f"Pompeo says the allies act. zqxuszqx. {LONG} the US and its allies. Next claim. the US too.",
     "Pompeo says the allies act. <mark>zqxuszqx.</mark> w0 w1", "zqxuszqx US",
     " ".join(f"w{i}" for i in range(21, 40)) + " the [US] and its allies."),
    (f"A claim. O'Brien. {LONG} said “O’Brien’s” plan.", "A claim. <mark>O'Brien.</mark> w0",
     "O'Brien O’Brien",  # the word marked whole, as Pagefind marks a word
     " ".join(f"w{i}" for i in range(19, 40)) + " said “[O’Brien’s]” plan."),
    # the word in sight, or nowhere after the form in its section: the excerpt as it was
    ("A claim by the US. zqxuszqx. the allies.", "A claim by the US. <mark>zqxuszqx.</mark> the allies.",
     "zqxuszqx US", "A claim by the [US]. the allies."),
    ("A claim. zqxuszqx. the allies. Next claim. the US too.", "A claim. <mark>zqxuszqx.</mark> the allies.",
     "zqxuszqx US", "A claim. [US]. the allies."),
])
def test_an_excerpt_marked_on_a_form_alone_moves_to_its_word(page: Page, site_url: str, content: str,
                                                             html: str, folds: str, shown: str) -> None:
    """Pagefind's window around a form (before its field) may end before the word it stands for: "US" showed a
    claim's excerpt as "US. the", the form in the word's place. The excerpt moves to where the word stands."""
    page.goto(site_url)
    got = page.evaluate("""([content, html, folds]) => {
        const S = window.abSearch, words = content.split(" ");
        const form = words.findIndex(w => w.startsWith("zqx") || w === "O'Brien.");
        const data = { content: content, anchors: [{ id: "a", location: 0 }, { id: "b", location:
          words.indexOf("Next") }], locations: [form] };
        const div = document.createElement("div");
        div.appendChild(S.excerpt(S.besideForms(data, html, folds, 0), folds));
        div.querySelectorAll("mark").forEach(m => m.replaceWith("[" + m.textContent + "]"));
        return div.textContent;
    }""", [content, html, folds])
    assert got == shown


@pytest.mark.parametrize("excerpt, shown", [
    # the full stop that ends each field in the index (pagefind_index.ended) after a stop behind closing
    # quotes or after punctuation that ends none; after a comma, colon or semicolon an ellipsis shows the end
    ("this club needs.”. <mark>Gary</mark> O’Brien", "this club needs.” [Gary] O’Brien"),
    ('he said "<mark>no</mark>.". Marsh', 'he said "[no]." Marsh'),
    ("it was “<mark>complete</mark>,”. Marsh", "it was “[complete],” … Marsh"),
    ("every field can have:. <mark>US</mark> side", "every field can have: … [US] side"),
    ("the talks stalled…. <mark>Rates</mark> rise", "the talks stalled… [Rates] rise"),
    ("the talks—. <mark>Rates</mark>; and.", "the talks— [Rates]; and."),
    # a stop of the text's own stays
    ("rose 4%. <mark>Rates</mark> rise. “Yes.” U.S. e.g., a.m.",
     "rose 4%. [Rates] rise. “Yes.” U.S. e.g., a.m."),
])
def test_an_excerpt_shows_no_stop_the_index_added(page: Page, site_url: str, excerpt: str,
                                                  shown: str) -> None:
    page.goto(site_url)
    got = page.evaluate("""(excerpt) => {
        const div = document.createElement("div"); div.appendChild(window.abSearch.excerpt(excerpt, ""));
        div.querySelectorAll("mark").forEach(m => m.replaceWith("[" + m.textContent + "]"));
        return div.textContent;
    }""", excerpt)
    assert got == shown


def _cited_later(site: Site) -> tuple[Annotation, Annotation]:
    """A claim whose counterclaim cites a later claim of its briefing, and the claim it cites."""
    return next((ann, site.annotations[c.ref]) for b in site.briefings for at, ann in enumerate(b.annotations)
                for c in ann.counterclaims if c.ref in [a.id for a in b.annotations[at + 1:]])


@pytest.mark.parametrize("quotes", ['""', "“”"])  # a phone's keyboard types curly ones
@pytest.mark.parametrize("where", ["header", "explorer"])
def test_a_phrase_lists_every_claim_that_holds_it_its_own_first(page: Page, site_url: str,
                                                                 where: str, quotes: str) -> None:
    """Pagefind's exact search gives a phrase's first place in a record alone. A briefing is one record, and a
    claim that cites a later one holds a copy of it, so a phrase of the later claim listed the earlier claim
    alone. Each claim that holds the phrase is listed, the one whose own words they are first."""
    citing, cited = _cited_later(SITE)
    others = _others(SITE, cited) + [c.claim for c in citing.counterclaims]
    phrase = quotes[0] + distinctive_phrase(cited.claim, others) + quotes[1]
    if where == "header":
        page.goto(site_url)
        claims = [f for _p, f, kind in search(page, phrase) if kind == "annotation"]
        marks = page.locator(f"{RESULT}[href$='#{cited.id}'] h2 mark").all_text_contents()
    else:
        page.goto(site_url + "claims/explorer/?q=" + quote(phrase))
        page.wait_for_selector("#ab-explorer[data-ready=true]")  # not its rows: the newest claims come first
        claims = page.locator("#ab-explorer-list > li").evaluate_all("els => els.map(e => e.dataset.id)")
        row = page.locator(f"#ab-explorer-list > li[data-id='{cited.id}']")
        marks = row.locator(".ab-explorer__claim mark").all_text_contents()
    assert claims[:2] == [cited.id, citing.id], (phrase, claims)
    assert " ".join(marks) == phrase[1:-1], marks


@pytest.mark.parametrize("query, claims, order", [
    # one query word: a claim whose text holds the word itself, scored higher, comes before one where the word
    # matched only as the beginning of other words ("un" in "unilateral", "unfounded"), however many they are
    ("un", {"a": [("unilateral", 1.0), ("unfounded", 1.0), ("unpaid", 1.0)], "b": [("UN", 9.0)]}, ["b", "a"]),
    ("Kim’s", {"a": [("Kim’s", 1.0), ("Kim", 1.0)], "b": [("Kim’s", 20.0)]}, ["b", "a"]),
    # more of the query's words first, whatever the scores: a stem or a word being typed counts for its word
    ("water boards", {"a": [("water", 1.0), ("board", 1.0)], "b": [("water", 30.0), ("waters", 30.0)]}, ["a", "b"]),
    ("studies wat", {"a": [("studied", 1.0), ("watershed", 1.0)], "b": [("studios", 9.0)]}, ["a", "b"]),
    ("Karl-Marx-Strasse rent", {"a": [("Strasse", 1.0), ("rents", 1.0)], "b": [("rent", 9.0)]}, ["a", "b"]),
    # a word of parts matches each query word it holds ("quantitative-easing": two)
    ("quantitative easing", {"a": [("easing", 9.0)], "b": [("quantitative-easing", 1.0)]}, ["b", "a"]),
    # a claim that matched only small words of a query that has others is none ("of" of "rule of law")
    ("rule of law", {"a": [("of", 9.0), ("of", 1.0)], "b": [("law", 1.0)],
                     "c": [("rules", 1.0), ("of", 1.0)]}, ["c", "b"]),
    # a word Pagefind matched by its stem that answers no query word is no small word ("regretful")
    ("regretted the", {"a": [("the", 9.0)], "b": [("regretful", 1.0), ("the", 1.0)]}, ["b"]),
    ("low May", {"a": [("May", 9.0)], "b": [("low", 1.0)]}, ["a", "b"]),  # a month's name, no small word
    ("have-lobbied", {"a": [("have", 9.0)], "b": [("lobbied", 1.0)]}, ["b"]),  # a word of parts' small part
    # a query word of parts is one word ("gangster-like"): a claim holding another query word comes first
    ("gangster-like demands", {"a": [("gangster-like", 9.0), ("gangster", 9.0)],
                               "b": [("gangster", 1.0), ("demand", 1.0)]}, ["b", "a"]),
    ("negotiate talks", {"a": [("talks", 9.0)], "b": [("negotiators", 1.0), ("talks", 1.0)]}, ["b", "a"]),
    ("what about it", {"a": [("about", 1.0)], "b": [("what", 2.0)]}, ["b", "a"]),  # small words alone: kept
    ("US of", {"a": [("zqxuszqx", 1.0)], "b": [("of", 9.0)]}, ["a"]),  # an abbreviation is no small word
    # nor a claim that matched only figures the query did not ask for (Pagefind finds "231" and "4.5" for "2"
    # and "45")
    ("2 billion", {"a": [("231", 9.0)], "b": [("2bn", 1.0)], "c": [("35-billion-euros", 1.0)]}, ["b", "c"]),
    ("45", {"a": [("4.5%", 9.0)], "b": [("45", 1.0)]}, ["b"]),
])
def test_a_briefing_s_claims_come_best_first(page: Page, site_url: str, query: str,
                                             claims: dict[str, list[tuple[str, float]]], order: list[str]) -> None:
    """Under a briefing, its claims come in the order of how many of the query's words each matched, then of
    Pagefind's scores: the words of the record that one query word matched count once."""
    words, subs = [], []
    for claim_id, hits in claims.items():
        subs.append({"anchor": {"id": claim_id, "location": len(words)}, "excerpt": "", "weighted_locations": [
            {"location": len(words) + i, "balanced_score": score} for i, (_w, score) in enumerate(hits)]})
        words += [w for w, _s in hits]
    data = {"content": " ".join(words), "sub_results": subs, "claims": [{"id": c} for c in claims]}
    page.goto(site_url)
    got = page.evaluate("([data, query]) => window.abSearch.matched(data, query).map(f => f.claim.id)", [data, query])
    assert got == order


@pytest.mark.parametrize("claim, excerpt, cut, title, rest", [
    # the excerpt begins with the claim, shown whole: no ellipsis before what follows it, one after it
    ("Rates rise.", "<mark>Rates</mark> rise. The board said", [True, True], "[Rates] rise.", "The board said …"),
    ("Rates rise again.", "<mark>Rates</mark> rise", [False, True], "[Rates] rise again.", ""),  # nothing after
    # an excerpt elsewhere, cut within a sentence before it, after it, or both
    ("Rates rise.", "the <mark>board</mark> said", [True, False], None, "… the [board] said"),
    ("Rates rise.", "the <mark>board</mark> said", [False, True], None, "the [board] said …"),
    ("Rates rise.", "the <mark>board</mark> said", [True, True], None, "… the [board] said …"),
    ("Rates rise.", "The <mark>board</mark> said so.", [False, False], None, "The [board] said so."),
])
def test_an_excerpt_cut_within_a_sentence_shows_an_ellipsis(page: Page, site_url: str, claim: str, excerpt: str,
                                                            cut: list[bool], title: str | None, rest: str) -> None:
    page.goto(site_url)
    got = page.evaluate("""([claim, excerpt, cut]) => {
        const show = (node) => { const div = document.createElement("div"); div.appendChild(node);
          div.querySelectorAll("mark").forEach(m => m.replaceWith("[" + m.textContent + "]"));
          return div.textContent; };
        const split = window.abSearch.claimExcerpt(claim, excerpt, "", { before: cut[0], after: cut[1] });
        return [split.title ? show(split.title) : null, show(split.rest)];
    }""", [claim, excerpt, cut])
    assert got == [title, rest]


@pytest.mark.parametrize("query, claim, hit, title", [
    ("negotiate", "Pompeo says the negotiators agreed.", "negotiators",
     "Pompeo says the [negotiators] agreed."),
    ("un", "A unilateral demand by the UN.", "unilateral",
     "A unilateral demand by the UN."),  # "un" only begins it
    ("of", "Officials of the board.", "Officials", "Officials of the board."),
    # a word of parts matched whole: not its part where it stands alone
    ("like", "A gangster, a gangster-like one.", "gangster-like", "A gangster, a [gangster-like] one."),
])
def test_a_claim_marks_the_words_pagefind_matched_in_its_section(page: Page, site_url: str, query: str,
                                                                  claim: str, hit: str, title: str) -> None:
    """A claim's heading marks the words Pagefind matched in its section ("negotiators" for "negotiate", by
    its stem, which no rule of the script's would take), but not those a short query word only begins."""
    page.goto(site_url)
    got = page.evaluate("""([query, claim, hit]) => {
        const S = window.abSearch, words = claim.split(" ");
        const key = (w) => w.replace(/[^A-Za-z]/g, ""), at = words.findIndex(w => key(w) === key(hit));
        const data = { content: claim, claims: [{ id: "a", claim: claim }], sub_results: [{ anchor: { id: "a",
          location: 0 }, excerpt: "", weighted_locations: [{ location: at, balanced_score: 1 }] }] };
        const split = S.claimExcerpt(claim, "", "", null, S.matched(data, query)[0].asked);
        return split.title ? bracketed(split.title) : claim;
    }""".replace("{", "{" + BRACKETED, 1), [query, claim, hit])
    assert got == title


@pytest.mark.parametrize("claim, excerpt, cut, title, rest", [
    # the words asked for marked in the claim, the excerpt elsewhere: it shows where it was cut all the same
    ("Rates rise as the board meets.", "the <mark>board</mark> said", [True, True],
     "Rates rise as the [board] meets.", "… the [board] said …"),
    ("Rates rise as the board meets.", "The <mark>board</mark> said", [False, True],
     "Rates rise as the [board] meets.", "The [board] said …"),
    ("The board meets.", "<mark>board</mark> meets. It said", [True, True],
     "The [board] meets.", "It said …"),
])
def test_a_claim_marked_for_the_query_leaves_its_excerpt_s_ellipses(page: Page, site_url: str, claim: str,
                                                                    excerpt: str, cut: list[bool],
                                                                    title: str, rest: str) -> None:
    """A claim shows the words the query asked for marked; that did not make an excerpt from elsewhere in
    its record begin within the claim: "Organization’s regional office. The World…" lost its leading
    ellipsis."""
    page.goto(site_url)
    got = page.evaluate("""([claim, excerpt, cut]) => {
        const show = (node) => { const div = document.createElement("div"); div.appendChild(node);
          div.querySelectorAll("mark").forEach(m => m.replaceWith("[" + m.textContent + "]"));
          return div.textContent; };
        const split = window.abSearch.claimExcerpt(claim, excerpt, "", { before: cut[0], after: cut[1] },
          window.abSearch.terms("board"));
        return [split.title ? show(split.title) : null, show(split.rest)];
    }""", [claim, excerpt, cut])
    assert got == [title, rest]


STOP = re.compile(r"[.!?…][\"'”’»)\]]*$")  # a sentence's end; every field of a record ends in one
ADDED = re.compile(r"([,:;…–—]|[.!?](?=[\"'”’»)\]]))([\"'”’»)\]]*)\.$")  # a stop the index added (search.js)


def test_the_excerpts_shown_say_where_their_text_goes_on(page: Page, site_url: str, built_site: Path) -> None:
    """Each excerpt a search shows (of a claim, a speaker, a topic, a page) begins with an ellipsis when the
    record's text before it does not end a sentence, and ends with one when it ends within a sentence and the
    record goes on: the reader sees that it is a window onto more."""
    words = {f["meta"]["url"]: f["content"].split() for f in fragments(built_site)}
    seen: Counter[tuple[bool, bool]] = Counter()
    queries = [q.values[0].text for q in CASES if q.id.split(":")[0] in ("quote", "counterclaim", "topic")]
    for text in [*queries, "normalisations"]:  # and a word of the About page
        page.goto(site_url + "?q=" + quote(text))
        expect(page.locator("#ab-search-meta")).to_have_text(re.compile(r"^\d+ matching results?$"))
        shown = page.locator(f"{RESULT} .ab-search__excerpt").evaluate_all(
            "els => els.map(p => [p.closest('a').href, p.textContent])")
        for href, excerpt in shown:
            record = words[href.split("#")[0].removeprefix(site_url)]
            before, after = excerpt.startswith("… "), excerpt.endswith(" …")
            core = excerpt.removeprefix("… ").removesuffix(" …").split()
            core = [w for i, w in enumerate(core)  # less the ellipsis shown for a stop after a comma
                    if not (w == "…" and i and re.search(r"[,:;][\"'”’»)\]]*$", core[i - 1]))]
            as_shown = [ADDED.sub(r"\1\2", w) for w in record]  # without the stops the index added
            at = next(i for i in range(len(record)) if as_shown[i:i + len(core)] == core)
            end = at + len(core)
            assert before == (at > 0 and not STOP.search(record[at - 1])), (text, excerpt)
            assert after == (end < len(record) and not STOP.search(record[end - 1])), (text, excerpt)
            seen[before, after] += 1
    assert seen[True, False] and seen[False, True] and seen[False, False] and seen[True, True], seen


@pytest.mark.parametrize("claim, excerpt, title, rest", [
    # a run of forms standing as a field of its own (after a stop, ending in one) is left out, its word marked
    ("Marsh reports the Łódź reservoir.",
     "Marsh reports the Łódź reservoir. <mark>Lodz</mark>. had fallen", "Marsh reports the [Łódź] reservoir.",
     "had fallen"),
    ("Rates rise.", "the board. <mark>Lukasik</mark>. Inès Łukasik: the gauge", None,
     "the board. Inès [Łukasik]: the gauge"),
    # after a stop behind closing quotes, where a mark ends before them ("sanctions"). in About's text)
    ("Rates rise.", 'as the board said ("<mark>May</mark>"). Lukasik. Inès Łukasik: the gauge', None,
     'as the board said ("[May]"). Inès Łukasik: the gauge'),
    # after an ellipsis, which ends a sentence as a stop does (search.js STOP, cutOf's too)
    ("Rates rise.", "the talks stalled\u2026 <mark>Lukasik</mark>. Inès Łukasik: the gauge", None,
     "the talks stalled\u2026 Inès [Łukasik]: the gauge"),
    # a form within a sentence is the text's own word: it stays, marked if it was
    ("Rates rise.", "spell the town <mark>Lodz</mark>, as the atlas does", None,
     "spell the town [Lodz], as the atlas does"),
    ("Gross farm income fell.", "<mark>Gross</mark> farm income fell. Anna Groß",
     "[Gross] farm income fell.", "Anna Groß"),
    # a form whose word is out of sight gives way to the word, marked: a mark stays in sight
    ("Rates rise.", "short of water this year. <mark>Lukasik</mark>. Samuel Okafor", None,
     "short of water this year. [Łukasik]. Samuel Okafor"),
    # words joined by punctuation that is not ASCII: the form (ASCII punctuation) is left out, the words marked
    ("Rates rise.", "the board. <mark>O'Dwyer</mark> Arden-Pellworth. Ada O’Dwyer on the Arden–Pellworth line",
     None, "the board. Ada [O’Dwyer] on the Arden–Pellworth line"),
    ("Rates rise.", "the board. O'Dwyer <mark>Arden-Pellworth.</mark> Ada O’Dwyer’s Arden–Pellworth line", None,
     "the board. Ada O’Dwyer’s [Arden–Pellworth] line"),
    ("Rates rise.",  # the first words of joined words
     "the board. <mark>O'Dwyer</mark> Arden-Pellworth. Ada O’Dwyer’s Arden–Pellworth line", None,
     "the board. Ada [O’Dwyer]’s Arden–Pellworth line"),
])
def test_an_excerpt_leaves_out_the_ascii_forms(page: Page, site_url: str, claim: str, excerpt: str,
                                               title: str | None, rest: str) -> None:
    page.goto(site_url)
    got = page.evaluate("""([claim, excerpt, folds]) => {
        const show = (node) => { const div = document.createElement("div"); div.appendChild(node);
          div.querySelectorAll("mark").forEach(m => m.replaceWith("[" + m.textContent + "]"));
          return div.textContent; };
        const split = window.abSearch.claimExcerpt(claim, excerpt, folds);
        return [split.title ? show(split.title) : null, show(split.rest)];
    }""", [claim, excerpt, "Lodz Łódź Lukasik Łukasik Gross Groß O'Dwyer O’Dwyer Arden-Pellworth Arden–Pellworth"])
    assert got == [title, rest]


@pytest.mark.parametrize("typed, word", [
    ("$4.5bn", "4.5bn"), ("4.5bn", "4.5bn"), ("€90", "90"),
    # in words: its unit and its currency ("bn" is no word of "billion")
    ("4.5 billion", "4.5bn"), ("$4.5 billion", "4.5bn"), ("4.5 billion dollars", "4.5bn"), ("90 euros", "90"),
    ("31 per cent", "31"), ("31 percent", "31"), ("31%", "31"),
])
def test_an_amount_is_found_with_its_currency_sign(page: Page, folding_site, typed: str, word: str) -> None:
    """Pagefind keeps a currency sign in a query word but indexes "$4.5bn" without it ("$" is ASCII punctuation),
    so "$4.5bn" found nothing and was named unknown; the search leaves the signs out of what it asks. An
    amount or a share typed in words finds it written with its sign ("4.5 billion dollars", "31 per cent")."""
    base, _name, _speaker_url = folding_site
    page.goto(base)
    assert search(page, typed), typed
    marks = page.locator(f"{RESULT} mark").all_text_contents()
    assert [m for m in marks if word in m], marks
    if word in FOLDED_CLAIM[1]:  # the explorer lists claims: a title's "€90" is none
        page.goto(base + "claims/explorer/?q=" + quote(typed))
        page.wait_for_selector("#ab-explorer[data-ready=true]")
        expect(page.locator("#ab-explorer-list > li mark").filter(has_text=word)).not_to_have_count(0)


def test_a_speaker_who_only_disputes_is_counted_by_their_counterclaims(page: Page, site_url: str) -> None:
    """A speaker with no claim of their own but counterclaims made read "0 claims"; their result counts what
    their page lists."""
    speaker = next(s for s in SITE.speakers.values()
                   if not SITE.by_speaker.get(s.id) and SITE.disputes_by.get(s.id))
    made = len(SITE.disputes_by[speaker.id])
    page.goto(site_url)
    search(page, speaker.name)
    result = page.locator(f"{RESULT}[data-kind=speaker]").filter(has_text=speaker.name)
    who = result.locator(".ab-search__who")
    expect(who).to_have_text(re.compile(rf" · {made} counterclaim{'s' if made > 1 else ''}$"))
    expect(who).not_to_contain_text("0 claims")


def _adjacent_pairs(site: Site) -> list[tuple[str, str]]:
    """Two words side by side in a claim, of four letters or more each, and no stop word."""
    pairs = []
    for ann in site.annotations.values():
        words = re.findall(r"[A-Za-z]+", ann.claim)
        pairs += [(a, b) for a, b in pairwise(words) if min(len(a), len(b)) >= 4 and not {a, b} & STOPWORDS]
    return _sample(sorted(set(pairs)), SAMPLES)


@pytest.mark.parametrize("first, second", _adjacent_pairs(SITE))
def test_words_joined_by_a_hyphen_find_them_apart(page: Page, site_url: str, first: str, second: str) -> None:
    """Pagefind asks for "rule-of-law" as one word, "ruleoflaw", which found no "rule of law"; and for
    "water-board", as no word begins "waterboard", the longest that begins it, "water". Joined by a hyphen,
    two words find what they find apart."""
    page.goto(site_url)
    apart = {f for _p, f, kind in search(page, f"{first} {second}") if kind == "annotation"}
    page.goto(site_url)
    joined = {f for _p, f, kind in search(page, f"{first}-{second}".lower()) if kind == "annotation"}
    assert apart and joined == apart, (first, second)


@pytest.mark.parametrize("query, asked", [
    ("water-board", "water board"), ("rule-of-law", "rule of law"),
    ("state-run u.s.-led", "state run u.s.-led"),
    # a name, a word with a part of under three letters or digits, a phrase: whole
    ("Kang Kyung-wha", "Kang Kyung-wha"), ("U.S.-led", "U.S.-led"), ("jong-un", "jong-un"),
    ("covid-19", "covid-19"), ("2018-07-08", "2018-07-08"), ('"water-board"', '"water-board"'),
])
def test_a_word_of_parts_in_small_letters_is_asked_for_as_its_parts(page: Page, site_url: str, query: str,
                                                                     asked: str) -> None:
    page.goto(site_url)
    assert page.evaluate("q => window.abSearch.searchable(q)", query) == asked


@pytest.mark.parametrize("form", ["{day} {month} {year}", "{month} {day}, {year}", "{month} {year}",
                                  "{mon} {year}", "{year} {mon}", "{mon}"])
def test_a_date_in_words_finds_the_briefings_of_that_date(page: Page, site_url: str, form: str) -> None:
    """Dates are written YYYY-MM-DD, and a reader types them in words: "July 2018", "8 July", "Jul 2018" found
    nothing ("Jul": the index holds it as a part of the date's form, "8-July-2018", which it did not count as
    held). The briefing of that date is found, its date marked in its result, and the form is not shown."""
    for b in SITE.briefings:
        year, month, day = b.article.published.split("-")
        name = MONTHS[int(month) - 1]
        query = form.format(day=int(day), month=name, mon=name[:3], year=year)
        page.goto(site_url)
        found = {path for path, _f, _k in search(page, query)}
        assert urlsplit(site_url + page_url(briefing_page(b.slug))).path in found, (query, found)
        texts = page.locator(RESULT).evaluate_all("els => els.map(a => a.textContent)")
        assert not [t for t in texts if f"-{name}-" in t], texts
        briefing = page.locator(f"{RESULT}[data-kind=briefing]").filter(has_text=b.article.title)
        expect(briefing).to_have_count(1)  # alone, or over its claims that hold a word of the query
        expect(briefing.locator("mark").filter(has_text=b.article.published)).not_to_have_count(0)


def test_a_briefing_listed_alone_shows_no_form_of_its_claims(page: Page, site_url: str) -> None:
    """A briefing listed without its claims (none of them matched more than small words) shows Pagefind's
    excerpt, which may be of a claim's text: the forms there are the claim's (its claims file names them), and
    they were shown ("zqxuszqx zqxunzqx", "4.5-percent-per-cent")."""
    page.goto(site_url)
    got = page.evaluate("""() => {
        const S = window.abSearch, words = "Marsh held. Lodz. Marsh says Łódź talks stalled.";
        const data = { meta: { kind: "briefing", title: "T", url: "b/", date: "2022-05-14", claims: "1" },
          content: words, locations: [3], excerpt: "Marsh held. <mark>Lodz</mark>. Marsh says Łódź talks",
          claims: [{ id: "a", folds: "Lodz Łódź" }] };
        const a = S.single(data, S.terms("lodz"));
        a.querySelectorAll("mark").forEach(m => m.replaceWith("[" + m.textContent + "]"));
        return a.querySelector(".ab-search__excerpt").textContent;
    }""")
    assert got == "Marsh held. Marsh says [Łódź] talks …"


def test_a_date_is_marked_for_its_own_words_alone(page: Page, site_url: str) -> None:
    """A query that begins the year ("20") matches the date's form as it matches every word it begins; the
    date is not marked for it, as no other figure is ("2018" for "20")."""
    page.goto(site_url)
    assert search(page, SITE.briefings[0].article.published[:2])
    expect(page.locator(f"{RESULT}[data-kind=briefing]")).not_to_have_count(0)
    expect(page.locator(f"{RESULT} .ab-search__who mark")).to_have_count(0)


@pytest.mark.parametrize("typed", ["US", "U.S.", "U.S", "u.s.", "US’s", "U.S.'s"])
def test_an_abbreviation_finds_itself_not_the_words_it_begins(page: Page, folding_site, typed: str) -> None:
    """Pagefind finds every word that begins a query's word: "US" and "U.S." (which it reads as "us") found
    and marked the fixture's "use" and "uses". An abbreviation finds itself alone, however written or
    joined."""
    base, _name, _speaker_url = folding_site
    page.goto(base)
    search(page, typed)
    claims = page.locator(f"{RESULT}[data-kind=annotation]")
    expect(claims).to_have_count(1)
    expect(claims.locator("h2 mark")).to_have_text(["U.S."])  # in "U.S.-led"
    marks = page.locator(f"{RESULT} mark").all_text_contents()
    assert {re.sub(r"\W", "", m).lower() for m in marks} == {"us"}, marks


@pytest.mark.parametrize("typed, marked", [("stalled", "stalled"), ("again", "again")])
def test_a_mark_leaves_out_the_words_a_dash_joins(page: Page, folding_site, typed: str, marked: str) -> None:
    """Pagefind takes "stalled—again" for one word, and marked it whole; the mark takes the word asked for."""
    base, _name, _speaker_url = folding_site
    page.goto(base)
    search(page, typed)
    claim = page.locator(f"{RESULT}[data-kind=annotation]").filter(has_text="U.S.-led")
    expect(claim.locator("h2 mark")).to_have_text([marked])


def test_a_plural_that_changes_its_last_letters_finds_the_singular(page: Page, folding_site) -> None:
    """Pagefind finds "analysis" for "analyses" (by its stem), which the search took for its match of a word
    the index does not hold, and said "No matching results for “analyses”"."""
    base, _name, _speaker_url = folding_site
    page.goto(base)
    search(page, "analyses")
    claim = page.locator(f"{RESULT}[data-kind=annotation]").filter(has_text="U.S.-led")
    expect(claim.locator("h2 mark")).to_have_text(["analysis"])


def test_a_speaker_s_other_name_finds_their_claims(page: Page, folding_site) -> None:
    """An alias (another name the articles use) finds the speaker's page and every claim of theirs, the word
    marked in each: "Pyongyang" finds North Korea's claims."""
    base, _name, _speaker_url = folding_site
    page.goto(base)
    ranked = search(page, "Pellbridge")
    assert ranked[0] == (urlsplit(base + page_url(speaker_page("helena-marsh"))).path, "", "speaker"), ranked[:3]
    assert {f for _p, f, kind in ranked if kind == "annotation"} == set(SITE.by_speaker["helena-marsh"])
    claims = page.locator(f"{RESULT}[data-kind=annotation]")
    for i in range(claims.count()):
        expect(claims.nth(i).locator("mark").filter(has_text="Pellbridge")).not_to_have_count(0)


def test_a_name_puts_its_speaker_first(page: Page, folding_site) -> None:
    """A speaker's name as typed lists the speaker's page first, before the briefings that quote them most (the
    page weighs the name at 10, a briefing's sections at 1 each)."""
    base, name, speaker_url = folding_site
    page.goto(base)
    ranked = search(page, name.split()[-1])
    assert ranked[0] == (urlsplit(base + speaker_url).path, "", "speaker"), ranked[:3]


# On a phone, Material pins the page under an open search (body[data-md-scrolllock], 400 ms after it opens) and
# frees it where the reader was (100 ms after it closes), on the toggle's change event.
LOCKED = "document.body.hasAttribute('data-md-scrolllock')"
WIDE = "document.documentElement.scrollWidth > window.innerWidth"


@pytest.mark.parametrize("how", ["address", "key", "tap"])
def test_a_phone_search_fits_the_screen_however_it_opens(new_page, site_url: str, how: str) -> None:
    """Opened from a ?q= address, by '/', or by tapping the icon: the page behind is pinned as Material pins it,
    and nothing (Material's overlay, the share and clear buttons) runs past the screen's right edge."""
    page, log = new_page(viewport=MOBILE)
    speaker = next(iter(SITE.speakers.values()))
    page.goto(site_url + ("?q=" + quote(speaker.name) if how == "address" else ""))
    if how == "key":
        open_search(page)
    elif how == "tap":
        page.locator("label.md-header__button[for=__search]").click()
    expect(page.locator("#__search")).to_be_checked()
    page.wait_for_function(LOCKED)
    assert not page.evaluate(WIDE), page.evaluate("document.documentElement.scrollWidth")
    expect(page.locator("#ab-search-share")).to_be_in_viewport()
    assert not log.errors


@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_a_long_query_ends_before_the_share_and_clear_buttons(new_page, site_url: str, device: str) -> None:
    """Material's box leaves room for one button at its end; the share button stands there too, and a long
    query ran under it."""
    page, _log = new_page(viewport=DESKTOP if device == "desktop" else MOBILE)
    page.goto(site_url + "?q=" + quote(" ".join(["sanctions"] * 12)))
    share = page.locator("#ab-search-share")
    expect(share).to_be_visible()
    page.wait_for_timeout(300)  # the buttons grow in (Material's .15 s)
    text_end = page.locator("#ab-search-input").evaluate(
        "el => el.getBoundingClientRect().right - parseFloat(getComputedStyle(el).paddingRight)")
    assert text_end <= share.bounding_box()["x"], (text_end, share.bounding_box())


def _down_a_briefing_with_the_search_open(page: Page, site_url: str, ann: Annotation) -> int:
    """On a phone: ``ann``'s briefing, scrolled down, and the search opened by a tap; where the page was."""
    page.goto(site_url + page_url(briefing_page(SITE.briefing_of[ann.id])))
    page.mouse.wheel(0, 1500)
    page.wait_for_function("window.scrollY > 1000")
    where = page.evaluate("window.scrollY")
    page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_function(LOCKED)
    return where


@pytest.mark.parametrize("how", ["result", "escape"])
def test_a_phone_page_scrolls_again_after_the_search(new_page, site_url: str, how: str) -> None:
    """Down a briefing on a phone: tapping a result on the same page lands on its claim, and Esc leaves the reader
    where they were; either way the page is no longer pinned and scrolls."""
    page, log = new_page(viewport=MOBILE)
    ann = list(SITE.annotations.values())[-1]  # a claim far down its page
    where = _down_a_briefing_with_the_search_open(page, site_url, ann)
    if how == "result":
        ranked = typed(page, distinctive_phrase(ann.claim, _others(SITE, ann)))
        click_result(page, [fragment for _path, fragment, _kind in ranked].index(ann.id))
        page.wait_for_url(f"**#{ann.id}")
    else:
        page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    page.wait_for_function(f"!{LOCKED}")
    if how == "result":
        expect(page.locator(f"[id='{ann.id}']")).to_be_in_viewport()
    else:
        page.wait_for_function(f"window.scrollY === {where}")
    before = page.evaluate("window.scrollY")
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"window.scrollY < {before}")
    assert not log.errors


def test_a_result_given_up_on_a_phone_is_not_followed_later(new_page, site_url: str) -> None:
    """A result on the same page, tapped, then the search opened again before Material freed the page: the
    result is given up, and closing the search later leaves the reader where they were."""
    page, log = new_page(viewport=MOBILE)
    ann = list(SITE.annotations.values())[-1]
    where = _down_a_briefing_with_the_search_open(page, site_url, ann)
    ranked = typed(page, distinctive_phrase(ann.claim, _others(SITE, ann)))
    link = page.locator(f"{RESULT}:not([data-kind=context])").nth([f for _p, f, _k in ranked].index(ann.id))
    link.evaluate("a => { a.click(); document.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true})); }")
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Escape")
    page.wait_for_function(f"!{LOCKED}")
    page.wait_for_timeout(1200)
    assert page.evaluate("location.hash") != f"#{ann.id}"
    assert page.evaluate("window.scrollY") == where
    assert not log.errors
