"""axe-core on every page type, on desktop and on a phone: no violations in our content area, only listed ones
in Material's chrome.

The light palette gets the full rule set; the dark palette (emulated prefers-color-scheme)
is checked for colour contrast, which is what changes between palettes.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from build_scripts.render.links import page_n, page_url

from .conftest import DESKTOP, MOBILE

CONTENT = ".md-content"

# Violations in Material's own chrome (outside .md-content) that our overrides cannot fix,
# each with the reason. Any other rule firing there fails the test.
CHROME_ALLOWED: dict[str, str] = {}  # none: overrides/partials/search.html and briefings.css fix the rest


# axe's target-size rule (WCAG 2.2's 2.5.8, 24 px targets) is off by default: on here, for phone readers.
SCHEMES = {"light": {"rules": {"target-size": {"enabled": True}}},
           "dark": {"runOnly": {"type": "rule", "values": ["color-contrast"]}}}
AXE = Axe()

# For each violating node: is it inside our content area?
_IN_CONTENT = """targets => targets.map(t => {
  const el = document.querySelector(Array.isArray(t) ? t[t.length - 1] : t);
  return !!(el && el.closest('.md-content'));
})"""


def _shape(target: str) -> str:
    """A selector without positions, so repeated cards collapse into one line of the report."""
    return re.sub(r":nth-child\(\d+\)|\[href[^\]]*\]", "", str(target))


def violations(page: Page, options: dict | None) -> tuple[list[str], dict[str, list[str]]]:
    """(distinct readable violations inside .md-content, {rule: nodes} outside it)."""
    opts = {"resultTypes": ["violations"], **(options or {})}
    inside: list[str] = []
    outside: dict[str, list[str]] = {}
    for v in AXE.run(page, options=opts).response["violations"]:
        targets = [n["target"][0] for n in v["nodes"]]
        flags = page.evaluate(_IN_CONTENT, targets)
        for node, target, here in zip(v["nodes"], targets, flags, strict=True):
            if here:
                summary = re.sub(r"\(foreground.*", "", node.get("failureSummary", "").splitlines()[-1].strip())
                line = f"{v['id']} at {_shape(target)}: {summary}"
                if line not in inside:
                    inside.append(line)
            else:
                outside.setdefault(v["id"], []).append(str(target))
    return inside, outside


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_axe_on_every_page_type(new_page, page_types: dict[str, str], paged_site: str, paged_lists: list[str],
                                device: str, scheme: str) -> None:
    page, _log = new_page(viewport=DESKTOP if device == "desktop" else MOBILE, color_scheme=scheme)
    content: list[str] = []
    chrome: list[str] = []
    # and the second page of a year's claims, with its pagers, on the site paged at two rows
    paged = {"claims/* page 2": paged_site + page_url(page_n(paged_lists[0], 2))}
    for name, url in {**page_types, **paged}.items():
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, url
        inside, outside = violations(page, SCHEMES[scheme])
        content += [f"{name}: {line}" for line in inside]
        chrome += [f"{name}: {rule} at {nodes[:3]}" for rule, nodes in outside.items() if rule not in CHROME_ALLOWED]
    assert not content, "axe violations inside our content area:\n" + "\n".join(content)
    assert not chrome, "axe violations in Material's chrome, not in CHROME_ALLOWED:\n" + "\n".join(chrome)


def test_chrome_allowances_have_reasons() -> None:
    assert all(len(reason) > 20 for reason in CHROME_ALLOWED.values())  # if one is ever needed again


# Where the keyboard is, as a reader sees it: the focused element (or, for a visually hidden radio such as
# the palette switch, the label shown beside it); whether it can be seen at all (a box on the screen, no
# transparent ancestor); its focus ring's WCAG contrast at the middle of each side against the background of
# what is under it there, blended up the tree to an opaque one (a text field marks focus with its caret, not a
# ring); and its text's contrast on its own background while focused (Material fills some buttons then).
_FOCUS = r"""async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));  // the page has answered
  const shown = node => { const box = node.getBoundingClientRect();
    for (let up = node; up; up = up.parentElement) if (getComputedStyle(up).opacity === "0") return false;
    return box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < innerWidth
      && box.top < innerHeight; };
  const focused = document.activeElement;
  if (focused === document.body || focused.dataset.abStop) return null;  // the walk has left the page, or come round
  focused.dataset.abStop = "1";
  const el = shown(focused) || focused.type !== "radio" ? focused
    : [...focused.parentElement.querySelectorAll(":scope > label")].find(shown) || focused;
  const classes = [...el.classList].filter(c => c !== "focus-visible").map(c => "." + c).join("");
  const stop = {what: el.tagName.toLowerCase() + classes, footer: !!focused.closest(".md-footer"),
                fault: null,
                text: (focused.textContent || focused.getAttribute("aria-label") || "").trim().slice(0, 30)};
  if (!shown(el)) return {...stop, fault: "cannot be seen"};
  const style = getComputedStyle(el);
  const rgba = c => { const v = c.match(/[\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const over = ([r, g, b, a], back) => [r * a + back[0] * (1 - a), g * a + back[1] * (1 - a), b * a + back[2] * (1 - a)];
  const lum = c => c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (colour, from) => {  // of a colour drawn over the background from this node up
    const layers = [];
    for (let node = from; node; node = node.parentElement) {
      const bg = rgba(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    const back = layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255]);
    const [hi, lo] = [lum(over(rgba(colour), back)), lum(back)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {acceptNode: node => node.data.trim()
    && node.parentElement.checkVisibility() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
  const words = walker.nextNode();  // the first words shown, in the colour of the element that holds them
  if (words) {
    const ratio = contrast(getComputedStyle(words.parentElement).color, words.parentElement);
    if (ratio < 4.5) return {...stop, ratio, fault: "has faint text while focused"};
  }
  if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0)
    return {...stop, fault: el.matches("input[type=text], input[type=search]") ? null : "shows no ring"};
  // the ring against what is drawn under the middle of each of its sides: outside the element, or inside it
  // with a negative offset (on the element's parent, or on the element, where the point is off the screen)
  const box = el.getBoundingClientRect();
  const d = parseFloat(style.outlineOffset) + Math.max(parseFloat(style.outlineWidth), 2) / 2;
  const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
  const sides = [[x, box.top - d], [x, box.bottom + d], [box.left - d, y], [box.right + d, y]];
  const under = ([px, py]) => document.elementFromPoint(px, py)
    || (parseFloat(style.outlineOffset) < 0 ? el : el.parentElement);
  const ratio = Math.min(...sides.map(point => contrast(style.outlineColor, under(point))));
  return {...stop, ratio, ring: true, fault: ratio < 3 ? "has a faint ring" : null};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("device", "names"), [
    ("desktop", ["briefings/*", "claims/*", "speakers/*", "topics", "explorer"]),
    ("mobile", ["briefings/*", "explorer"])])
def test_every_keyboard_stop_shows_where_the_keyboard_is(new_page, page_types: dict[str, str], device: str,
                                                          names: list[str], scheme: str) -> None:
    """Tabbing through a briefing, a list, a speaker page, a short index and the explorer, from the header to the
    footer: each stop can be seen (WCAG 2.4.7), its focus ring stands at least 3:1 against the colour behind it
    (1.4.11), and its text stays readable while focused (1.4.3)."""
    page, _log = new_page(viewport=DESKTOP if device == "desktop" else MOBILE, color_scheme=scheme)
    faults: dict[str, str] = {}  # one line for each kind of element, each fault, on each page type
    for name in names:
        page.goto(page_types[name], wait_until="networkidle")
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")  # each stop at rest
        stops: list[dict] = []
        for _ in range(500):
            page.keyboard.press("Tab")
            stop = page.evaluate(_FOCUS)
            if stop is None:
                break
            stops.append(stop)
            if stop["fault"]:  # the first of each kind: its ratio, if it has one, and its text
                ratio = f" ({stop['ratio']:.2f}:1)" if "ratio" in stop else ""
                faults.setdefault(f"{name} {stop['what']} {stop['fault']}",
                                  f"{name}: {stop['what']} {stop['fault']}{ratio} ({stop['text']!r})")
        else:
            pytest.fail(f"{name}: 500 Tab stops and the walk has not left the page")
        # the walk went from the header to the footer, with rings on the way (not a focus lost half-way)
        assert stops and stops[-1]["footer"], f"{name}: the walk ended before the footer, at {stops[-1:]}"
        rings = sum("ring" in stop for stop in stops)
        assert rings > 10, f"{name}: {len(stops)} stops, hardly any with a ring"
    assert not faults, "keyboard stops a reader cannot follow:\n" + "\n".join(faults.values())


@pytest.mark.parametrize("opened", ["by Tab", "by the menu", "by the menu, under the search"])
def test_escape_closes_the_drawer(new_page, page_types: dict[str, str], opened: str) -> None:
    """On a phone, Esc closes the drawer however it was opened; from inside it, the keyboard goes on from the
    page's content: the next Tab stop is in the content, seen, and the drawer stays shut, and a click on the
    text later focuses nothing. With the search open over the drawer, Esc closes the search alone, and the
    next the drawer."""
    page, _log = new_page(viewport=MOBILE)
    page.goto(page_types["briefings/*"], wait_until="networkidle")
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    drawer = ".md-sidebar--primary"
    in_drawer = f"!!document.activeElement.closest('{drawer}')"
    on_screen = f"document.querySelector('{drawer}').getBoundingClientRect().right > 0"
    if opened == "by Tab":
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate(in_drawer):
                break
        else:
            pytest.fail("40 Tab stops and none is in the drawer")
    else:
        page.locator('label.md-header__button[for="__drawer"]').click()
    if opened.endswith("search"):
        page.keyboard.press("/")
        expect(page.locator("#__search")).to_be_checked()
        page.keyboard.press("Escape")
        expect(page.locator("#__search")).not_to_be_checked()
        assert page.is_checked("#__drawer"), "one Esc closed the search and the drawer"
    assert page.evaluate(on_screen), "the drawer should be open"
    scrolled = page.evaluate("scrollY")
    page.keyboard.press("Escape")
    assert not page.evaluate(on_screen), "Esc left the drawer open"
    assert not page.is_checked("#__drawer")
    assert page.evaluate("scrollY") == scrolled
    if opened != "by Tab":
        return
    page.keyboard.press("Tab")
    assert not page.evaluate(in_drawer) and not page.evaluate(on_screen)
    assert page.evaluate("document.activeElement.closest('.md-content') !== null")
    assert page.evaluate("document.activeElement.checkVisibility()")
    page.locator(".md-content h1").first.click()
    assert page.evaluate("document.activeElement === document.body")
