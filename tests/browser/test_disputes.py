"""The dispute view in chromium (render/disputes.py), on every briefing of the fixture site, at 1280 x 900 and
390 x 844, in the light and dark palettes: nothing wider than the viewport, no text cut or clipped, every claim
and counterclaim in full, each link named by its full text, axe finds nothing; a link to a claim's place in
the view lands on it, even inside the folded "Not disputed" list. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from build_scripts.render.links import briefing_page
from build_scripts.render.safe import plain

from .conftest import DESKTOP, MOBILE, fixture_data

DATA = fixture_data()
BRIEFINGS = [b.slug for b in DATA.briefings if b.annotations]
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}
SCHEMES = {"light": "default", "dark": "slate"}


def _texts(site, slug: str) -> set[str]:
    """Every claim of the briefing and every text that disputes one, as the view shows it."""
    b = site.briefing(slug)
    texts = {plain(a.claim) for a in b.annotations}
    texts |= {plain(site.annotations[c.ref].claim if c.ref else c.claim) for a in b.annotations
              for c in a.counterclaims}
    texts |= {plain(site.annotations[d.target].claim) for a in b.annotations for d in site.cited_by.get(a.id, ())
              if site.briefing_of[d.target] != slug}
    return texts


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _open(new_page, url_for, slug: str, viewport: str, scheme: str):
    page, log = new_page(viewport=VIEWPORTS[viewport], color_scheme="dark" if scheme == "dark" else "light")
    page.goto(url_for(briefing_page(slug)))
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{SCHEMES[scheme]}')")
    quiet = page.locator(".ab-disputes__quiet > summary")
    if quiet.count():
        quiet.click()  # as a reader unfolds "Not disputed (N)"
    return page, log


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("slug", BRIEFINGS)
def test_the_view_reads_in_full_at_every_width(new_page, url_for, site_data, artifact_dir, slug, viewport, scheme):
    page, log = _open(new_page, url_for, slug, viewport, scheme)
    view = page.locator(".ab-disputes")
    assert page.locator("h2#disputes").is_visible() and view.is_visible()
    problems = view.evaluate("""(root) => {
        const out = [];
        for (const e of [root, ...root.querySelectorAll('*')]) {
            const r = e.getBoundingClientRect(), s = getComputedStyle(e);
            const name = e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40);
            if (r.width && (r.left < -0.5 || r.right > innerWidth + 0.5)) out.push('wider: ' + name);
            if (s.textOverflow === 'ellipsis') out.push('ellipsis: ' + name);
            if (e.clientWidth && e.scrollWidth > e.clientWidth + 1) out.push('clipped: ' + name);
            if (r.width && parseFloat(s.fontSize) < 12) out.push('small: ' + name + ' ' + s.fontSize);
        }
        return out;
    }""")
    assert problems == []
    shown = _squash(view.inner_text())
    assert "…" not in shown
    for text in _texts(site_data, slug):
        assert _squash(text) in shown, text
        link = view.get_by_role("link", name=_squash(text), exact=True)  # the accessible name: the full text
        assert link.count() >= 1, text
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    view.scroll_into_view_if_needed()
    page.locator("h2#disputes").evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(artifact_dir / f"disputes-{slug}-{viewport}-{scheme}.png"))
    result = Axe().run(page, context=".ab-disputes", options={"resultTypes": ["violations"]}).response
    assert result["violations"] == [], [(v["id"], [n["target"] for n in v["nodes"]][:3])
                                        for v in result["violations"]]
    assert not log.errors


@pytest.mark.parametrize("slug", BRIEFINGS)
def test_every_claim_has_a_place_to_land_on(new_page, url_for, site_data, slug):
    """``#dispute-<id>`` of every claim, the folded "Not disputed" ones too: in view after the jump."""
    page, log = new_page(viewport=MOBILE)
    b = site_data.briefing(slug)
    for a in b.annotations:
        page.goto(url_for(briefing_page(slug), f"dispute-{a.id}"))
        target = page.locator(f"[id='dispute-{a.id}']")
        assert target.count() == 1
        target.wait_for(state="visible")
        assert page.evaluate("id => { const r = document.getElementById(id).getBoundingClientRect();"
                             " return r.top >= 0 && r.top < innerHeight; }", f"dispute-{a.id}"), a.id
        assert plain(a.claim) in _squash(target.inner_text())
    assert not log.errors


def test_selecting_a_text_opens_its_card(page, url_for, site_data):
    b = next(b for b in site_data.briefings if any(a.counterclaims for a in b.annotations))
    a = next(a for a in b.annotations if a.counterclaims)
    page.goto(url_for(briefing_page(b.slug)))
    page.locator(f"[id='dispute-{a.id}'] > .ab-dispute__claim a").click()
    page.wait_for_function(f"location.hash === '#{a.id}'")
    assert page.locator(f"[id='{a.id}']").is_visible()
