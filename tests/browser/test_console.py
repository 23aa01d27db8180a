"""Every page type loads without console errors or uncaught page errors."""

from __future__ import annotations

from playwright.sync_api import Page

from .conftest import PageLog


def test_every_page_type_is_error_free(page: Page, page_log: PageLog, page_types: dict[str, str]) -> None:
    found = {}
    for name, url in page_types.items():
        before = len(page_log.errors)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(200)  # late errors from deferred scripts
        if len(page_log.errors) > before:
            found[name] = page_log.errors[before:]
    assert found == {}


def test_page_types_cover_the_site(page_types: dict[str, str]) -> None:
    """The discovered page types include every kind the site is known to produce."""
    assert {"home", "briefings", "briefings/*", "speakers", "speakers/*", "topics", "topics/*",
            "claims", "about"} <= set(page_types)
