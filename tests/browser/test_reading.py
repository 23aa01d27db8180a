"""Reading a briefing in the browser (render/briefing.py, javascripts/reader.js): the article first, each
card beside (desktop) or under (phone) its paragraph, highlights in their speakers' colours with a cue for
disputed claims, and every highlight reaching its card and back, with and without JavaScript.

Desktop 1280 x 900 and mobile 390 x 844; every highlight of every briefing of the fixture site. Expected texts
come from the fixture data (``site_data``), never constants.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from build_scripts.model import Briefing, Site
from build_scripts.render.context import disputers, speaker_name
from build_scripts.render.links import BRIEFINGS, briefing_page, page_url
from build_scripts.render.safe import plain

from .conftest import DESKTOP, MOBILE, fixture_data
from .test_accessibility import violations

DEVICES = {"desktop": DESKTOP, "mobile": MOBILE}
SLUGS = [b.slug for b in fixture_data().briefings if b.annotations]


def _words(text: str) -> str:
    return " ".join(text.split())


def highlights(site: Site, b: Briefing) -> dict[str, list[str]]:
    """Every highlight of the briefing (the id of its card or note) -> what its card must show: the full claim,
    the speaker's name and the name of everyone who disputes it (for a counterclaim: its text and speaker)."""
    shown: dict[str, list[str]] = {}
    for a in b.annotations:
        if a.span:
            shown[a.id] = [plain(a.claim), speaker_name(site, a.speaker), *disputers(site, a.id)]
        for c in a.counterclaims:
            if c.span and not c.ref:
                shown[c.anchor] = [plain(c.claim), speaker_name(site, c.speaker), plain(a.claim)]
    return {key: [_words(t) for t in texts] for key, texts in shown.items()}


# Below the header, and below Material's "Back to top" button where it is above the element (an upward scroll
# shows it over the page).
_IN_VIEW = """el => {
  const b = document.querySelector('.md-top').getBoundingClientRect();
  const covers = [...el.getClientRects()].some(r => r.left < b.right && r.right > b.left);
  const header = Math.max(document.querySelector('.md-header').getBoundingClientRect().bottom, covers ? b.bottom : 0);
  const rects = [...el.getClientRects()];
  return rects.length > 0 && rects.every(r => r.top >= header - 1 && r.bottom <= innerHeight + 1);
}"""
_CARD = "id => document.getElementById(id).closest('.ab-notes > .ab-card')"


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".ab-reader.ab-js")


@pytest.mark.parametrize("device", list(DEVICES))
def test_the_article_starts_near_the_top(new_page, url_for, device: str) -> None:
    page, _ = new_page(viewport=DEVICES[device])
    limit = DEVICES[device]["height"] * (1 if device == "desktop" else 1.5)
    for slug in SLUGS:
        page.goto(url_for(briefing_page(slug)))
        top = page.evaluate("document.querySelector('.ab-row > p').getBoundingClientRect().top + scrollY")
        assert top < limit, f"{slug}: the first paragraph starts at {top}px ({device})"


@pytest.mark.parametrize("device", list(DEVICES))
@pytest.mark.parametrize("slug", SLUGS)
def test_selecting_every_highlight_shows_its_whole_card(new_page, url_for, site_data, page_log, device, slug):
    page, log = new_page(viewport=DEVICES[device])
    b = site_data.briefing(slug)
    expected = highlights(site_data, b)
    _open(page, url_for(briefing_page(slug)))
    shown = page.eval_on_selector_all("mark.ab-hl[data-ab-for]", "ms => [...new Set(ms.map(m => m.dataset.abFor))]")
    assert sorted(shown) == sorted(expected), "every highlight shows at least one piece of itself"
    for target, texts in expected.items():
        link = page.locator(f'mark.ab-hl[data-ab-for="{target}"] > a').first
        link.click()
        card = page.evaluate_handle(_CARD, target).as_element()
        assert card is not None
        assert "ab-card--selected" in (card.get_attribute("class") or "")
        assert page.evaluate("location.hash") == f"#{target}", "the URL names the selection"
        assert card.evaluate(_IN_VIEW), f"{target}: its card is not wholly in the viewport ({device})"
        text = _words(card.inner_text())
        missing = [t for t in texts if t not in text]
        assert not missing, f"{target}: the card does not show {missing}"
        marks = page.locator(f'mark.ab-hl[data-ab-for="{target}"]')
        assert all("ab-hl--selected" in (m.get_attribute("class") or "") for m in marks.all())
        if device == "desktop":
            assert marks.first.evaluate(_IN_VIEW), f"{target}: the highlight left the viewport"
    assert not log.errors


def test_enter_selects_and_the_selected_card_is_raised_level_with_its_paragraph(new_page, url_for, site_data):
    """Keyboard: Enter on a highlight selects it without jumping; a card that is not the first of its column goes
    to the top of it, level with its paragraph."""
    page, log = new_page(viewport=DESKTOP)
    for slug in SLUGS:
        _open(page, url_for(briefing_page(slug)))
        lower = page.evaluate("""() => [...document.querySelectorAll('.ab-notes')]
          .map(n => n.children[n.children.length - 1]).filter(c => c !== c.parentElement.children[0])
          .map(c => (c.querySelector('h3') || c).id)""")
        for target in lower[:2]:
            link = page.locator(f'mark.ab-hl[data-ab-for="{target}"] > a').first
            link.focus()
            row = page.evaluate_handle(f"document.getElementById({target!r}).closest('.ab-row')").as_element()
            card = page.evaluate_handle(_CARD, target).as_element()
            assert row is not None and card is not None
            page.evaluate("r => scrollTo(0, r.getBoundingClientRect().top + scrollY - innerHeight + 200)", row)
            assert not card.evaluate(_IN_VIEW)  # the paragraph's first lines show, its lower cards do not
            link.press("Enter")
            row_top = row.bounding_box()["y"]
            assert abs(card.bounding_box()["y"] - row_top) < 2, f"{slug} {target}: not level with its paragraph"
            assert card.evaluate(_IN_VIEW) and link.evaluate(_IN_VIEW)
            assert page.evaluate("document.activeElement") == link.evaluate("e => e"), "focus stays"
    assert not log.errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_speakers_differ_in_colour_and_disputed_claims_have_a_second_cue(new_page, url_for, site_data, scheme):
    page, _ = new_page(viewport=DESKTOP, color_scheme=scheme)
    for slug in SLUGS:
        b = site_data.briefing(slug)
        _open(page, url_for(briefing_page(slug)))
        segments = page.eval_on_selector_all("mark.ab-hl", """ms => ms.map(m => ({
            target: m.dataset.abFor, cls: [...m.classList].find(c => /^ab-c[0-9a]$/.test(c)),
            bg: getComputedStyle(m).backgroundColor,
            style: getComputedStyle(m.querySelector('a')).textDecorationStyle,
            badge: (m.querySelector('.ab-badge') || {}).textContent || '',
            start: m.classList.contains('ab-hl--start'),
            bar: getComputedStyle(m).boxShadow, gap: parseFloat(getComputedStyle(m).marginLeft)}))""")
        colours: dict[str, set[str]] = {}
        for s in segments:
            colours.setdefault(s["cls"], set()).add(s["bg"])
        assert all(len(bg) == 1 for bg in colours.values()), "one speaker, one colour"
        assert len({next(iter(bg)) for bg in colours.values()}) == len(colours), f"{slug}: speakers share a colour"
        assert len(colours) > 1
        # Where a highlight starts, a bar in its speaker's colour and a gap set it apart from the one before.
        starts = [s for s in segments if s["start"]]
        assert starts and all("inset" in s["bar"] and s["gap"] > 0 for s in starts), slug
        counts = {a.id: len(a.counterclaims) for a in b.annotations}
        for s in segments:
            n = counts.get(s["target"], 0)
            assert (s["style"] == "wavy") == bool(n), f"{s['target']}: underline {s['style']}"
        for target, n in counts.items():
            badges = [s["badge"] for s in segments if s["target"] == target and s["badge"]]
            assert badges == ([f", disputed by {n}"] if n else []), target


_TRUNCATED = """root => [...root.querySelectorAll('*')].filter(el => {
  if (el.closest('.ab-sr') || !el.getClientRects().length) return false;
  const cs = getComputedStyle(el);
  if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) return true;
  const clips = v => v === 'hidden' || v === 'clip';
  return (clips(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
         (clips(cs.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map(el => el.className || el.tagName)"""


@pytest.mark.parametrize(("device", "script"), [("desktop", True), ("mobile", False), ("mobile", True)])
def test_nothing_is_truncated_and_nothing_is_wider_than_the_screen(new_page, url_for, device, script) -> None:
    page, _ = new_page(viewport=DEVICES[device], java_script_enabled=script)
    for slug in SLUGS:
        page.goto(url_for(briefing_page(slug)))
        assert page.eval_on_selector(".md-content", _TRUNCATED) == [], slug
        width = page.evaluate("document.documentElement.scrollWidth")  # the header too, with or without script
        assert width <= DEVICES[device]["width"], f"{slug}: {width}px wide"
        if script and device == "mobile":  # an open card fits the phone too
            page.locator("mark.ab-hl > a").first.click()
            assert page.evaluate("document.documentElement.scrollWidth") <= DEVICES[device]["width"]
            assert page.eval_on_selector(".md-content", _TRUNCATED) == [], slug


@pytest.mark.parametrize("device", list(DEVICES))
def test_without_javascript_every_highlight_reaches_its_card_and_back(new_page, url_for, site_data, device):
    page, _ = new_page(viewport=DEVICES[device], java_script_enabled=False)
    for slug in SLUGS:
        page.goto(url_for(briefing_page(slug)))
        for target in highlights(site_data, site_data.briefing(slug)):
            page.locator(f'mark.ab-hl[data-ab-for="{target}"] > a').first.click()
            assert page.evaluate("location.hash") == f"#{target}"
            expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
            back = page.evaluate_handle(
                f"({_CARD})({target!r}).querySelector(':scope > .ab-card__back a.ab-back')").as_element()
            assert back is not None, f"{target}: its card has no link back"
            back.click()
            assert page.evaluate("location.hash") == f"#q-{target}"
            expect(page.locator(f'mark.ab-hl[data-ab-for="{target}"]').first).to_be_in_viewport()


def test_a_counterclaim_in_a_card_links_to_its_own_highlight(new_page, url_for, site_data) -> None:
    page, log = new_page(viewport=DESKTOP)
    checked = 0
    for slug in SLUGS:
        _open(page, url_for(briefing_page(slug)))
        for a in site_data.briefing(slug).annotations:
            for c in a.counterclaims:
                if c.span and not c.ref:
                    card = page.evaluate_handle(_CARD, a.id).as_element()
                    assert card is not None
                    card.query_selector(f'.ab-counter a.ab-back[href$="#q-{c.anchor}"]').click()
                    mark = page.locator(f'mark.ab-hl[data-ab-for="{c.anchor}"]').first
                    assert "ab-hl--selected" in (mark.get_attribute("class") or "")
                    assert mark.evaluate(_IN_VIEW)
                    assert page.evaluate("document.activeElement.closest('mark') && "
                                         "document.activeElement.closest('mark').dataset.abFor") == c.anchor
                    checked += 1
    assert checked and not log.errors


def _outlined(page: Page, selector: str) -> bool:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).outlineStyle !== 'none'")


@pytest.mark.parametrize("script", [True, False])
def test_landing_on_a_highlight_a_card_or_a_dispute_marks_it(new_page, url_for, site_data, script) -> None:
    page, _ = new_page(viewport=DESKTOP, java_script_enabled=script)
    b = site_data.briefing(SLUGS[0])
    ann = next(a for a in b.annotations if a.span and a.counterclaims)
    url = url_for(briefing_page(b.slug))
    page.goto(f"{url}#{ann.id}")
    card = f".ab-notes > .ab-card:has(> h3[id='{ann.id}'])"
    assert _outlined(page, card)
    if script:
        assert page.evaluate("document.activeElement.id") == ann.id
        expect(page.locator(card)).to_be_in_viewport()
    page.goto(f"{url}#q-{ann.id}")
    page.reload()
    if script:
        assert _outlined(page, f'mark.ab-hl[data-ab-for="{ann.id}"]')
        assert page.evaluate("document.activeElement.closest('mark').dataset.abFor") == ann.id
    else:
        assert _outlined(page, f"[id='q-{ann.id}'] + mark.ab-hl")
    if page.locator(f"[id='dispute-{ann.id}']").count():
        page.goto(f"{url}#dispute-{ann.id}")
        page.reload()
        assert _outlined(page, f"[id='dispute-{ann.id}']")
        if script:
            assert page.evaluate("document.activeElement.id") == f"dispute-{ann.id}"


def test_on_a_phone_a_card_opens_under_its_paragraph_and_closes(new_page, url_for, site_data) -> None:
    page, log = new_page(viewport=MOBILE)
    slug = SLUGS[0]
    _open(page, url_for(briefing_page(slug)))
    target = next(iter(highlights(site_data, site_data.briefing(slug))))
    card = page.evaluate_handle(_CARD, target).as_element()
    assert card is not None and not card.is_visible(), "cards wait for their highlight on a phone"
    link = page.locator(f'mark.ab-hl[data-ab-for="{target}"] > a').first
    for close in ("Escape", "button"):
        link.focus()
        link.press("Enter")
        assert card.is_visible() and card.evaluate(_IN_VIEW)
        row = card.evaluate_handle("c => c.closest('.ab-row')").as_element()
        assert row is not None and row.evaluate("(r, t) => r.contains(document.querySelector(`[data-ab-for='${t}']`))",
                                                target)
        button = card.query_selector(":scope > button.ab-close")
        assert button is not None and button.is_visible() and button.inner_text() == "Close"
        if close == "Escape":
            page.keyboard.press("Escape")
        else:
            button.click()
        assert not card.is_visible()
        assert page.evaluate("document.activeElement") == link.evaluate("e => e"), "focus returns to the highlight"
    assert not log.errors


def test_the_reader_works_after_instant_navigation(new_page, instant_site, site_data) -> None:
    """Material's instant navigation swaps the page without loading it; the reader starts again on the new page,
    and answers clicks on highlights before the theme (which handles links to anchors itself)."""
    page, log = new_page(viewport=DESKTOP)
    # instant navigation takes over links once it has sitemap.xml: a click before then loads the page
    page.goto(instant_site + page_url(BRIEFINGS), wait_until="networkidle")
    page.evaluate("window.__same_document = true")
    for slug in (SLUGS[0], SLUGS[-1]):
        page.locator(f".md-content a[href*='{slug}']").first.click()
        page.wait_for_function(f"location.pathname.includes({slug!r}) && document.querySelector('.ab-reader.ab-js')")
        assert page.evaluate("window.__same_document === true"), "the page was loaded, not swapped"
        target = next(iter(highlights(site_data, site_data.briefing(slug))))
        page.locator(f'mark.ab-hl[data-ab-for="{target}"] > a').first.click()
        card = page.evaluate_handle(_CARD, target).as_element()
        assert card is not None and "ab-card--selected" in (card.get_attribute("class") or "")
        assert page.evaluate("location.hash") == f"#{target}"
        page.go_back()  # to the list of briefings, by instant navigation
        page.wait_for_selector(".md-content a[href*='briefings/']")
    assert not log.errors


def test_wide_briefing_pages_give_up_the_sidebars_but_phones_keep_the_table_of_contents(new_page, url_for) -> None:
    page, _ = new_page(viewport=DESKTOP)
    page.goto(url_for(briefing_page(SLUGS[0])))
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    page.goto(url_for(BRIEFINGS))
    assert page.locator(".md-sidebar--primary").is_visible()
    phone, _ = new_page(viewport=MOBILE)
    phone.goto(url_for(briefing_page(SLUGS[0])))
    phone.locator("label.md-header__button[for='__drawer']").click()
    toc = phone.locator(".md-sidebar--primary .ab-nav-toc")
    toc.locator("label[for='__toc']").first.click()
    expect(toc.locator("nav.md-nav--secondary a[href$='#article']").first).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", list(DEVICES))
def test_axe_with_a_card_selected(new_page, url_for, site_data, device, scheme) -> None:
    page, _ = new_page(viewport=DEVICES[device], color_scheme=scheme)
    _open(page, url_for(briefing_page(SLUGS[0])))
    page.locator("mark.ab-hl.ab-hl--disputed > a").first.click()
    inside, _outside = violations(page, None)
    assert not inside, "\n".join(inside)


@pytest.mark.parametrize("device", DEVICES)
def test_a_card_shown_from_the_dispute_list_is_not_under_back_to_top(new_page, url_for, site_data, device) -> None:
    """Selecting a claim in the dispute list, below the article, scrolls up to its card; an upward scroll shows
    Material's "Back to top" button over the top of the page, so the card is shown below it."""
    page, log = new_page(viewport=DEVICES[device])
    b = next(b for b in site_data.briefings if any(a.span and disputers(site_data, a.id) for a in b.annotations))
    ann = next(a for a in b.annotations if a.span and disputers(site_data, a.id))
    _open(page, url_for(briefing_page(b.slug)))
    link = page.locator(f"[id='dispute-{ann.id}'] > .ab-dispute__claim a")
    link.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    link.click()
    page.wait_for_function(f"location.hash === '#{ann.id}'")
    expect(page.locator(".md-top")).not_to_have_attribute("hidden", "")  # Material showed it, on the way up
    page.wait_for_timeout(300)  # its transition
    card = page.evaluate_handle(_CARD, ann.id).as_element()
    assert card is not None and card.evaluate(_IN_VIEW), card.evaluate(
        "c => [c.getBoundingClientRect().top, document.querySelector('.md-top').getBoundingClientRect().bottom]")
    assert not log.errors


def test_on_a_wide_screen_a_card_clear_of_back_to_top_stays_where_it_is(new_page, url_for, site_data) -> None:
    """The "Back to top" button is centred, over the article: a card just below the header, in the cards' column
    beside it, is in view and is not raised when its highlight is selected."""
    page, log = new_page(viewport=DESKTOP)
    slug = SLUGS[0]
    _open(page, url_for(briefing_page(slug)))
    target = next(iter(highlights(site_data, site_data.briefing(slug))))
    card = page.evaluate_handle(_CARD, target).as_element()
    assert card is not None
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    page.evaluate("([c, y]) => window.scrollBy(0, c.getBoundingClientRect().top - y)", [card, header + 30])
    button = page.evaluate("(() => { const b = document.querySelector('.md-top').getBoundingClientRect(); "
                           "return [b.left, b.right, b.bottom]; })()")
    box = card.bounding_box()
    assert box and box["x"] >= button[1] and box["y"] < button[2], "the card is beside the button, above its bottom"
    page.locator(f'mark.ab-hl[data-ab-for="{target}"] > a').first.click()
    assert "ab-card--raised" not in (card.get_attribute("class") or "")
    assert card.evaluate(_IN_VIEW)
    assert not log.errors


def _opened_at(page: Page, url: str) -> None:
    """``url`` (with a hash) loaded, after the browser's own jump to its target, which follows the page's scripts."""
    _open(page, url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("device", DEVICES)
def test_a_page_opened_at_a_claim_shows_its_card_from_the_top(new_page, url_for, site_data, device) -> None:
    """A search result or a shared link opens a briefing at a claim: the browser's own jump to it, after the page's
    scripts, leaves the card's first line (who said it) below the header, not under it."""
    page, log = new_page(viewport=DEVICES[device])

    def first_line(a) -> int:  # the longer, the more lines the card's first line takes on a phone
        s = site_data.speakers.get(a.speaker)
        return len(speaker_name(site_data, a.speaker)) + (len(" ".join(r.role for r in s.all_roles)) if s else 0)

    ann = max((a for a in site_data.annotations.values() if a.span), key=lambda a: (first_line(a), a.id))
    b = site_data.briefing(site_data.briefing_of[ann.id])
    _opened_at(page, url_for(briefing_page(b.slug), ann.id))
    assert page.evaluate("window.scrollY") > 0
    card = page.evaluate_handle(_CARD, ann.id).as_element()
    assert card is not None
    speaker = card.query_selector(".ab-card__speaker")
    expect(page.locator(".md-top")).to_have_attribute("hidden", "")  # no upward scroll: Back to top stays hidden
    assert speaker is not None and speaker.evaluate(
        "s => s.getBoundingClientRect().top >= document.querySelector('.md-header').getBoundingClientRect().bottom - 1"
    ), speaker.evaluate(
        "s => [s.getBoundingClientRect().top, document.querySelector('.md-header').getBoundingClientRect().bottom]")
    assert not log.errors


# Pushes everything under a card's first line 700 px down: a counterclaim far down a tall card.
_TALL_CARDS = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '.ab-card__speaker { padding-bottom: 700px }';
  document.head.appendChild(style);
})"""


@pytest.mark.parametrize("tall", [False, True])
def test_a_page_opened_at_a_counterclaim_in_a_card_shows_it(new_page, url_for, site_data, tall) -> None:
    """A link to a counterclaim listed in a card: the counterclaim is shown whole, and the top of its card too
    where both fit on the screen; in a card too tall for both, the counterclaim comes first."""
    page, log = new_page(viewport=MOBILE)
    if tall:
        page.add_init_script(_TALL_CARDS)
    ann = max((a for a in site_data.annotations.values() if a.span and any(c.ref for c in a.counterclaims)),
              key=lambda a: (len(a.counterclaims), a.id))
    target = f"{ann.id}--counter-{max(i for i, c in enumerate(ann.counterclaims, 1) if c.ref)}"
    _opened_at(page, url_for(briefing_page(site_data.briefing_of[ann.id]), target))
    counter = page.locator(f".ab-notes > .ab-card li.ab-counter[id='{target}']")
    expect(counter).to_be_in_viewport(ratio=1)
    top, header = page.evaluate("""t => [document.getElementById(t).closest('.ab-card').getBoundingClientRect().top,
                                         document.querySelector('.md-header').getBoundingClientRect().bottom]""", target)
    assert (top < header) if tall else (top >= header - 1), (top, header)
    assert not log.errors
