"""Cross-links, clicked as a reader would: quote -> annotation -> speaker page -> back to the annotation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from build_scripts.model import Site
from build_scripts.render.links import briefing_page, speaker_page


def _hash(page: Page) -> str:
    return urlsplit(page.url).fragment


def _path(page: Page) -> str:
    return urlsplit(page.url).path


@pytest.fixture(scope="module")
def sample_ids(site_data: Site) -> list[str]:
    """The first, middle and last annotations with a speaker (the walk goes to the speaker's page) of the first
    briefing, in article order."""
    anns = [a for a in site_data.briefings[0].annotations if a.speaker]
    ids = [anns[0].id, anns[len(anns) // 2].id, anns[-1].id]
    return list(dict.fromkeys(ids))


@pytest.mark.parametrize("position", [0, 1, 2])
def test_quote_to_annotation_to_speaker_and_back(page: Page, site_data: Site, url_for, sample_ids: list[str],
                                                  position: int) -> None:
    ann_id = sample_ids[min(position, len(sample_ids) - 1)]
    ann = site_data.annotations[ann_id]
    page.goto(url_for(briefing_page(site_data.briefing_of[ann_id])))

    # 1. The highlighted quote in the article reaches its annotation.
    page.locator(f"mark.ab-hl a[href$='#{ann_id}']").first.click()
    page.wait_for_url(lambda url: urlsplit(url).fragment == ann_id)
    heading = page.locator(f"[id='{ann_id}']")
    expect(heading).to_be_in_viewport()

    # 2. From the annotation, the speaker link reaches the speaker page.
    speaker_link = heading.locator("xpath=ancestor::div[contains(@class,'ab-card')][1]") \
        .locator(".ab-card__speaker a.ab-speaker").first
    expect(speaker_link).to_have_text(site_data.speakers[ann.speaker].name)
    speaker_link.click()
    speaker_path = urlsplit(url_for(speaker_page(ann.speaker))).path
    page.wait_for_url(lambda url: urlsplit(url).path == speaker_path)
    expect(page.locator("article h1")).to_contain_text(site_data.speakers[ann.speaker].name)

    # 3. From the speaker page, the claim link leads back to the same annotation.
    briefing_path = urlsplit(url_for(briefing_page(site_data.briefing_of[ann_id]))).path
    back = page.locator(f".md-content a[href$='#{ann_id}']").first
    expect(back).to_have_text(ann.claim)
    back.click()
    page.wait_for_url(lambda url: urlsplit(url).path == briefing_path and urlsplit(url).fragment == ann_id)
    expect(page.locator(f"[id='{ann_id}']")).to_be_in_viewport()
