"""The claims explorer in the browser, on the site's search index (docs/javascripts/explorer.js): every claim
newest first a page at a time, filters whose options count the briefings they would leave, only the claims they
ask for listed, free text, the state in the address; no data file of its own; axe and screenshots in both
palettes and viewports.

Expected numbers come from the fixture data (``site_data``, parsed from the YAML), never constants.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, quote_plus, urlsplit

import pytest
from playwright.sync_api import expect

from build_scripts.pipeline import Project, load_site
from build_scripts.render.context import disputers, newest_first, speaker_name
from build_scripts.render.links import EXPLORER

from conftest import ROOT, mkdocs_build
from pagefind_files import hidden_word
from served import serve

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


def _briefings(site_data) -> list:
    """The briefings with claims, newest first (the order of every list)."""
    order = newest_first(site_data, site_data.annotations)
    return list(dict.fromkeys(site_data.briefing(site_data.briefing_of[a]) for a in order))


def _matched(claims: int, briefings: int) -> str:
    return f"{claims} claim{'s' if claims != 1 else ''} match{'es' if claims == 1 else ''}, in " \
        f"{briefings} briefing{'s' if briefings != 1 else ''}"


def _briefing_counts(names) -> dict[str, str]:
    return {name: f"{name} ({n})" for name, n in sorted(Counter(names).items())}


def test_an_empty_query_lists_every_claim_newest_first(page, page_log, url_for, site_data) -> None:
    """The page itself lists the newest claims (no fragment fetched); the index lists them the same way, from one
    record per briefing."""
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
    briefings = _briefings(site_data)
    assert _count(page) == _matched(total, len(briefings))
    assert page.locator(ROWS).evaluate_all("els => els.map(e => e.innerText)") == written
    assert len(fragments) == len(briefings)
    assert not page_log.errors


def test_claims_come_a_page_at_a_time(page, url_for, site_data) -> None:
    """Briefing records are fetched a few at a time (here one) until a page of claims (here 5) is listed; "More
    claims" adds the next page."""
    size = 5

    def smaller_pages(route) -> None:
        body = route.fetch().text().replace('data-page-size="25"', f'data-page-size="{size}"')
        body = body.replace('data-briefings-per-fetch="10"', 'data-briefings-per-fetch="1"')
        route.fulfill(body=body, content_type="text/html")

    page.route(url_for(EXPLORER) + "?sort=newest", smaller_pages)
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if r.url.endswith(".pf_fragment") else None)
    _open(page, url_for, "?sort=newest")
    briefings = _briefings(site_data)
    pages, fetched, shown = [], 0, []
    while fetched < len(briefings):  # what each page lists: whole briefings until it holds `size` claims
        added = []
        while len(added) < size and fetched < len(briefings):
            added += [a.id for a in briefings[fetched].annotations]
            fetched += 1
        shown = shown + added
        pages.append((list(shown), fetched))
    assert len(pages) >= 2, "the fixture needs briefings enough for two pages"
    assert _shown(page) == pages[0][0] and len(fragments) == pages[0][1]
    more = page.locator("#ab-explorer-more")
    left = len(briefings) - pages[0][1]
    assert more.text_content() == f"More claims ({left} briefing{'s' if left != 1 else ''} left)"
    more.click()
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {len(pages[1][0])}")
    assert _shown(page) == pages[1][0] and len(fragments) == pages[1][1]


def test_filters_count_what_they_leave(page, page_log, url_for, site_data) -> None:
    """Each option counts the briefings it leaves; the list holds only the claims the filters ask for."""
    anns = list(site_data.annotations.values())
    briefings = _briefings(site_data)
    _open(page, url_for)

    def speakers(b) -> set[str]:
        return {speaker_name(site_data, a.speaker) for a in b.annotations}

    by_speaker = _briefing_counts(name for b in briefings for name in speakers(b))
    assert _options(page, "speaker") == by_speaker
    assert _options(page, "year") == _briefing_counts(b.article.published[:4] for b in briefings)
    assert _options(page, "disputed") == _briefing_counts(
        [*("Disputed" for b in briefings if any(disputers(site_data, a.id) for a in b.annotations)),
         *("Not disputed" for b in briefings if not all(disputers(site_data, a.id) for a in b.annotations))])

    speaker = Counter(speaker_name(site_data, a.speaker) for a in anns).most_common(1)[0][0]
    mine = [a for a in anns if speaker_name(site_data, a.speaker) == speaker]
    theirs = [b for b in briefings if speaker in speakers(b)]
    page.select_option("#ab-explorer-speaker", speaker)
    _settle(page, _matched(len(mine), len(theirs)))
    assert sorted(_shown(page)) == sorted(a.id for a in mine)
    # the other filters count within the speaker's briefings; the speaker filter still offers every speaker
    assert _options(page, "topic") == _briefing_counts(
        t for b in theirs for t in {site_data.topics[t].name for a in b.annotations for t in a.topics})
    assert _options(page, "speaker") == by_speaker

    page.select_option("#ab-explorer-disputed", "Disputed")
    left = [a for a in mine if disputers(site_data, a.id)]
    _settle(page, _matched(len(left), len({site_data.briefing_of[a.id] for a in left})))
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
    # the words shown under the claim are the header search's, ellipses where the text goes on included
    shown = page.locator(f"{ROWS}[data-id='{ann.id}'] .ab-explorer__excerpt").text_content()
    page.goto(url_for("index.md") + "?q=" + quote_plus(words))
    header = page.locator(f"#ab-search-results a[href$='#{ann.id}'] .ab-search__excerpt")
    expect(header).to_have_text(shown or "")
    assert shown and "\u2026" in shown, shown


def test_a_word_of_the_hidden_metadata_alone_matches_no_claim(page, url_for, built_site) -> None:
    """A word that only a briefing record's hidden metadata holds (its claims file's name; Pagefind 1.5 matches
    metadata too) lists no claim and gives every option no count, as a word nothing holds does."""
    word = hidden_word(built_site)
    _open(page, url_for, "?q=" + word)
    expect(page.locator("#ab-explorer-count")).to_have_text(f"No claims match \u201c{word}\u201d")
    assert _shown(page) == []
    options = page.locator("#ab-explorer-speaker option").all_text_contents()
    assert options == ["All"], options


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


def _misspelt(name: str) -> str:
    """A value as a reader types it into the address: in capitals, with an accent on its first vowel, and a
    space after it."""
    vowel = next(i for i, c in enumerate(name) if c.lower() in "aeiou")
    return (name[:vowel] + name[vowel] + "\u0301" + name[vowel + 1:]).upper() + " "


def test_a_hand_typed_value_is_the_value_it_names(page, url_for, site_data) -> None:
    """?topic=agriculture lists the claims of the topic "Agriculture": the value is the index's own but for
    case, accents and spaces, in the select and in the address; a value the index lacks stays, and matches
    nothing."""
    topic = max(site_data.topics.values(), key=lambda t: len(t.annotations))
    ann = next(a for a in site_data.annotations.values() if a.speaker and topic.id in a.topics)
    speaker = speaker_name(site_data, ann.speaker)
    mine = [a.id for a in site_data.annotations.values()
            if topic.id in a.topics and speaker_name(site_data, a.speaker) == speaker]
    typed = {"topic": _misspelt(topic.name), "speaker": _misspelt(speaker)}
    _open(page, url_for, "?" + "&".join(f"{name}={quote_plus(value)}" for name, value in typed.items()))
    assert page.input_value("#ab-explorer-topic") == topic.name
    assert page.input_value("#ab-explorer-speaker") == speaker
    assert f"topic={quote_plus(topic.name)}" in page.url and f"speaker={quote_plus(speaker)}" in page.url
    page.wait_for_timeout(300)
    assert sorted(_shown(page)) == sorted(mine)
    _open(page, url_for, "?topic=" + quote_plus(topic.name + "x"))
    assert page.input_value("#ab-explorer-topic") == topic.name + "x"
    assert _count(page) == "No claims match" and _shown(page) == []


def test_a_filter_chosen_while_the_index_loads_is_kept(page, url_for, site_data) -> None:
    """A reader who opens ?topic=… and picks "All" before the index has loaded gets every claim: the
    hand-typed value's option is renamed to the index's value, not chosen again."""
    topic = max(site_data.topics.values(), key=lambda t: len(t.annotations))
    held: list = []
    page.route(lambda url: "/pagefind/pagefind-entry.json" in url, lambda route: held.append(route))
    page.goto(url_for(EXPLORER) + "?topic=" + quote_plus(topic.name.lower()))
    for _ in range(50):  # until the index is asked for, and held
        if held:
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the index was not asked for")
    page.select_option("#ab-explorer-topic", "")
    for route in held:
        route.continue_()
    page.wait_for_selector("#ab-explorer[data-ready=true]")
    assert page.input_value("#ab-explorer-topic") == ""
    assert "topic=" not in page.url
    assert _count(page) == f"{len(site_data.annotations)} claims"  # every claim, as with nothing asked
    assert _shown(page) == newest_first(site_data, site_data.annotations)


def _order(page) -> tuple[str, list[str]]:
    """The Order select: what it reads, and the labels of the options a reader can pick."""
    shown = page.eval_on_selector("#ab-explorer-sort", "s => s.options[s.selectedIndex].textContent")
    return shown, page.locator("#ab-explorer-sort option").evaluate_all(
        "els => els.filter(o => !o.hidden && !o.disabled).map(o => o.textContent)")


@pytest.mark.parametrize("query", ["", "?speaker=x", "?q=bridge"], ids=["fresh", "filtered", "with words"])
def test_the_order_says_what_the_list_is_in(page, url_for, query: str) -> None:
    """Without words the default order is newest first, and says so; with words it is the best match."""
    _open(page, url_for, query)
    best, newest = ["Best match", "Newest first", "Oldest first"], ["Newest first", "Oldest first"]
    assert _order(page) == (("Best match", best) if "q=" in query else ("Newest first", newest))
    page.fill("#ab-explorer-q", "bridge")
    assert _order(page) == ("Best match", best)
    page.fill("#ab-explorer-q", "")
    assert _order(page) == ("Newest first", newest)
    page.fill("#ab-explorer-q", "bridge")
    page.select_option("#ab-explorer-sort", "newest")
    page.fill("#ab-explorer-q", "")  # a chosen order stays as chosen, for the next words too
    assert page.input_value("#ab-explorer-sort") == "newest" and _order(page)[0] == "Newest first"


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


def test_more_claims_after_the_page_s_own_rows(page, url_for, site_data) -> None:
    """With nothing asked, "More claims" goes on from the page's own rows (here cut to 5) through every briefing,
    newest first, listing no claim twice."""
    def fewer_rows(route) -> None:
        body = route.fetch().text()
        start = body.index('<ol class="ab-explorer__list"')
        rows = re.findall(r'<li class="ab-explorer__item".*?</li>', body[start:], flags=re.S)
        for extra in rows[5:]:
            body = body.replace(extra, "", 1)
        route.fulfill(body=body, content_type="text/html")

    page.route(url_for(EXPLORER), fewer_rows)
    _open(page, url_for)
    order = newest_first(site_data, site_data.annotations)
    assert _shown(page) == order[:5]
    more = page.locator("#ab-explorer-more")
    expect_count = f"{len(order)} claims"
    assert _count(page) == expect_count and more.is_visible()
    more.click()
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {len(order)}")
    assert _shown(page) == order and _count(page) == expect_count
    assert more.is_hidden()


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory):
    """A generated corpus big enough for an index of several chunks (benchmarks/generate.py), built with the
    repository's configuration and served: (base URL, the site's model)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate
    from run import annotated_project

    corpus = tmp_path_factory.mktemp("generated-corpus")
    generate(corpus, 60, 8, seed=3)
    root = annotated_project(corpus, tmp_path_factory.mktemp("generated") / "project")
    out = tmp_path_factory.mktemp("generated-site") / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    assert len(list((out / "pagefind" / "index").iterdir())) >= 3, "the index needs several chunks"
    with serve(out) as base:
        yield base, load_site(Project(root))


def test_filters_alone_load_one_chunk_of_the_index(page, generated_site) -> None:
    """A speaker's claims asked for by the address (as a speaker page links them): the search is of the one word
    every briefing holds, so Pagefind loads one chunk of its word index, not all of them."""
    base, site = generated_site
    speaker = next(a.speaker for a in site.annotations.values() if a.speaker)
    chunks: list[str] = []
    page.on("request", lambda r: chunks.append(r.url) if r.url.endswith(".pf_index") else None)
    page.goto(base + "claims/explorer/?speaker=" + quote_plus(speaker_name(site, speaker)))
    page.wait_for_selector("#ab-explorer[data-ready=true]")
    mine = [a.id for a in site.annotations.values() if a.speaker == speaker]
    if page.locator("#ab-explorer-more").is_visible():
        page.locator("#ab-explorer-more").click()
        page.wait_for_function(f"document.querySelectorAll('{ROWS}').length === {len(mine)}")
    assert sorted(_shown(page)) == sorted(mine)
    assert len(chunks) == 1, chunks


def _looking_through(page, base: str, look: int) -> None:
    """The explorer's page as served, looking through ``look`` briefings a step."""
    def rewrite(route) -> None:
        body = re.sub(r'data-briefings-per-look="\d+"', f'data-briefings-per-look="{look}"',
                      route.fetch().text())
        route.fulfill(body=body, content_type="text/html")
    page.route(re.compile(re.escape(base + "claims/explorer/") + r"(\?.*)?$"), rewrite)


def test_words_every_byline_holds_are_looked_for_a_step_at_a_time(page, generated_site) -> None:
    """A word every briefing's byline holds and no claim does (the publisher's) matches every briefing: they are
    looked through a step of briefings at a time, the reader choosing to go on, not fetched all at once."""
    base, site = generated_site
    publishers = {b.article.publisher for b in site.briefings}
    word = next(iter(publishers)).split()[-1]
    assert len(publishers) == 1 and not any(word.lower() in f"{a.claim} {a.quote} {a.note}".lower()
                                            for a in site.annotations.values())
    every, look = len(site.briefings), 20
    assert every == 3 * look
    _looking_through(page, base, look)
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if r.url.endswith(".pf_fragment") else None)
    page.goto(base + "claims/explorer/?q=" + quote_plus(word))
    page.wait_for_selector("#ab-explorer[data-ready=true]")
    more = page.locator("#ab-explorer-more")
    for seen in (look, 2 * look):
        _settle(page, f"No claims so far ({seen} of {every} briefings looked through)")
        assert len(fragments) == seen
        expect(more).to_have_text("Look through 20 more briefings")  # what a click does
        more.click()
    _settle(page, "No claims match")
    assert len(fragments) == every and more.is_hidden() and _shown(page) == []
    # the briefings that hold the words, where the header search lists them
    link = page.locator("#ab-explorer .ab-explorer__briefings a")
    expect(link).to_have_text(f"See the {every} briefings that hold this word")
    href = urlsplit(link.get_attribute("href"))
    assert href.path == urlsplit(base).path and parse_qs(href.query) == {"q": [word]}
    link.click()
    expect(page.locator("#ab-search-meta")).to_have_text(f"{every} matching results")


def test_a_new_search_hides_the_last_one_s_button_at_once(page, generated_site) -> None:
    """Until a new search's briefings come, the button is hidden: a click then went on through the last
    search's briefings, and listed their claims as the new search's."""
    base, site = generated_site
    word = next(iter({b.article.publisher for b in site.briefings})).split()[-1]
    _looking_through(page, base, 20)
    page.goto(base + "claims/explorer/?q=" + quote_plus(word))
    page.wait_for_selector("#ab-explorer[data-ready=true]")
    _settle(page, f"No claims so far (20 of {len(site.briefings)} briefings looked through)")
    claim = next(iter(site.annotations.values())).claim
    hidden = page.evaluate("""(q) => {
      const form = document.querySelector("#ab-explorer form");
      form.elements.q.value = q;
      form.requestSubmit();
      return document.getElementById("ab-explorer-more").hidden;
    }""", claim)
    assert hidden
    page.wait_for_function(f"document.querySelectorAll('{ROWS}').length > 0")


@pytest.mark.parametrize("begins", [False, True], ids=["no indexed word begins it", "one begins it"])
def test_words_the_index_does_not_hold_say_so(page, url_for, site_data, begins: bool) -> None:
    """A word no record holds finds nothing, and the count names it. Pagefind would match an indexed word that
    begins it ("Thessaloniki", "the"), and list and count that word's claims."""
    words = Counter(w.lower() for a in site_data.annotations.values()
                    for w in re.findall(r"[A-Za-z]+", a.claim))
    common = max((w for w in words if len(w) >= 3), key=lambda w: (words[w], w))
    word = common + "qzx" if begins else "xylophonequartz"
    _open(page, url_for, "?q=" + quote_plus(word))
    assert _count(page) == f"No claims match \u201c{word}\u201d"
    assert _shown(page) == [] and page.locator("#ab-explorer-more").is_hidden()
    for name in ("speaker", "topic", "briefing", "year", "disputed"):
        assert _options(page, name) == {}, name


def test_words_that_match_no_claim_offer_fewer_that_do(page, url_for, site_data) -> None:
    """Beside a word no record holds, the words that find claims are offered, with the filters kept; chosen,
    they are searched for, and the offer goes."""
    counts = Counter((speaker_name(site_data, a.speaker), w.lower()) for a in site_data.annotations.values()
                     for w in set(re.findall(r"[A-Za-z]{6,}", a.claim)))
    (speaker, word), _n = max(counts.items(), key=lambda item: (item[1], item[0]))
    _open(page, url_for, f"?q={quote_plus(word + ' xylophonequartz')}&speaker={quote_plus(speaker)}")
    _settle(page, "No claims match \u201cxylophonequartz\u201d")
    offer = page.locator("#ab-explorer .ab-explorer__instead a")
    expect(offer).to_have_text(f"Search for {word} instead")  # no number: Pagefind's is of briefings
    href = urlsplit(offer.get_attribute("href"))  # to open in a new tab, or share
    assert parse_qs(href.query) == {"q": [word], "speaker": [speaker]}, href
    offer.click()
    expect(page.locator("#ab-explorer-q")).to_have_value(word)
    expect(page.locator(ROWS).first).to_be_visible()
    expect(page.locator("#ab-explorer .ab-explorer__instead")).to_be_hidden()
    page.wait_for_function("w => new URLSearchParams(location.search).get('q') === w", arg=word)
    assert dict(re.findall(r"([a-z]+)=([^&]*)", page.url.split("?", 1)[1])) == {
        "q": word, "speaker": quote_plus(speaker)}
    rows = page.locator(f"{ROWS} .ab-explorer__speaker").all_inner_texts()
    assert rows and set(rows) == {speaker}, rows


def test_briefings_without_a_claim_that_matches_every_filter_say_so(page, url_for, site_data) -> None:
    """The counts are of briefings: a speaker's briefings may hold disputed claims that are not theirs. Asked for
    both, the explorer lists no claim and says why, in place of a bare "No claims match"."""
    cases = []
    for speaker in {speaker_name(site_data, a.speaker) for a in site_data.annotations.values()}:
        theirs = [b for b in _briefings(site_data) if speaker in {speaker_name(site_data, a.speaker) for a in b.annotations}]
        for value, disputed in (("Disputed", True), ("Not disputed", False)):
            mine = [a for b in theirs for a in b.annotations if speaker_name(site_data, a.speaker) == speaker
                    and bool(disputers(site_data, a.id)) == disputed]
            held = [b for b in theirs if any(bool(disputers(site_data, a.id)) == disputed for a in b.annotations)]
            if held and not mine:
                cases.append((speaker, value, len(held)))
    assert cases, "the fixture has a speaker whose briefings hold disputed claims, none of them theirs"
    speaker, value, held = sorted(cases)[0]
    _open(page, url_for, f"?speaker={quote_plus(speaker)}&disputed={quote_plus(value)}")
    has = "1 briefing has" if held == 1 else f"{held} briefings have"
    _settle(page, f"No claim matches all of these; {has} claims that match each of them")
    assert _shown(page) == []


def test_filters_no_briefing_holds_together_keep_each_one_s_counts(page, url_for, site_data) -> None:
    """A speaker and a topic that no briefing holds together list nothing; the speaker's options still count
    the briefings the topic alone leaves, so the reader can choose another speaker."""
    def speakers(b) -> set[str]:
        return {speaker_name(site_data, a.speaker) for a in b.annotations}

    def topics(b) -> set[str]:
        return {site_data.topics[t].name for a in b.annotations for t in a.topics}

    briefings = _briefings(site_data)
    cases = sorted((s, t) for s in set().union(*map(speakers, briefings)) for t in set().union(*map(topics, briefings))
                   if not [b for b in briefings if s in speakers(b) and t in topics(b)])
    assert cases, "the fixture has a speaker and a topic that no briefing holds together"
    speaker, topic = cases[0]
    _open(page, url_for, f"?speaker={quote_plus(speaker)}&topic={quote_plus(topic)}")
    _settle(page, "No claims match")
    leaves = {s: sum(1 for b in briefings if s in speakers(b) and topic in topics(b))
              for s in set().union(*map(speakers, briefings))}
    expected = {s for s, n in leaves.items() if n} | {speaker}
    assert set(_options(page, "speaker")) == expected


def test_words_that_find_a_briefing_but_none_of_its_claims_say_no_claims_match(page, url_for, site_data) -> None:
    """A briefing's title or byline holds words its claims do not: the briefing is found, no claim is listed,
    and the count says so plainly (not that the briefing has claims matching each filter)."""
    claims = " ".join(a.claim + " " + a.quote + " " + (a.note or "") + " " + " ".join(c.claim for c in a.counterclaims)
                      for a in site_data.annotations.values()).lower()
    names = " ".join(s.name + " " + " ".join(s.aliases) + " " + " ".join(r.role for r in s.all_roles)
                     for s in site_data.speakers.values()).lower()
    topics = " ".join(t.name for t in site_data.topics.values()).lower()
    words = [w for b in _briefings(site_data) for w in re.findall(r"[A-Za-z]{5,}", b.article.title)
             if w.lower() not in claims and w.lower() not in names and w.lower() not in topics]
    assert words, "a word of a briefing's title that no claim holds"
    _open(page, url_for, "?q=" + quote_plus(words[0]))
    _settle(page, "No claims match")
    assert _shown(page) == []
