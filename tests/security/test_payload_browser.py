"""Every page of the payload site in real Chromium: no dialog opens, no request leaves 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from served import is_local, serve

from .conftest import BuiltSite

if TYPE_CHECKING:  # annotations only: a run without browser tests never imports Playwright
    from playwright.sync_api import Browser, Page, Route

HIGHLIGHTS = ".ab-hl a"
OTHER_TARGETS = ".ab-claim a, .ab-note a, .ab-sources a, .ab-counter__claim a, .ab-speaker, .ab-contributor, .ab-quote"
_DISPATCH = """sel => { for (const el of document.querySelectorAll(sel)) {
  for (const type of ["mouseover", "mouseenter", "mousemove", "focus", "focusin", "pointerover"]) {
    el.dispatchEvent(new Event(type, {bubbles: true}));
  } } }"""


@pytest.fixture(scope="module")
def server(payload_site: BuiltSite) -> Iterator[str]:
    with serve(payload_site.site) as url:
        yield url


def _interact(page: Page) -> None:
    """Really hover, focus and click every highlight; fire hover and focus events at every contributor link."""
    for el in page.locator(HIGHLIGHTS).all():
        if el.is_visible():
            el.hover(timeout=2000)
            el.focus(timeout=2000)
            el.click(timeout=2000)  # a fragment link: stays on the page
    page.evaluate(_DISPATCH, OTHER_TARGETS)


def test_no_dialog_and_no_request_leaves_localhost(payload_site: BuiltSite, server: str, browser: Browser) -> None:
    pages = sorted(p.relative_to(payload_site.site).as_posix() for p in payload_site.site.rglob("*.html"))
    assert len(pages) > 90
    dialogs: list[str] = []
    external: list[str] = []
    visited = 0

    def route(r: Route) -> None:
        if is_local(r.request.url):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    context = browser.new_context(service_workers="block")
    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.type} {d.message!r}"), d.dismiss()))
        page.on("popup", lambda p: external.append(f"popup {p.url}"))
        for rel in pages:
            page.goto(server + rel, wait_until="load")
            if rel.startswith("briefings/v"):
                _interact(page)
            page.wait_for_timeout(20)
            assert urlsplit(page.url).hostname == "127.0.0.1", f"{rel} navigated to {page.url}"
            visited += 1
    finally:
        context.close()
    assert visited == len(pages)
    assert dialogs == []
    assert external == []
