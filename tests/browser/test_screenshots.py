"""Desktop and mobile screenshots of every page type, light and dark, saved under test-artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import DESKTOP, MOBILE

VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_screenshots(new_page, page_types: dict[str, str], artifact_dir: Path, device: str, scheme: str) -> None:
    out = artifact_dir / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page, _log = new_page(viewport=VIEWPORTS[device], color_scheme=scheme)
    too_wide = []
    for name, url in page_types.items():
        page.goto(url, wait_until="networkidle")
        path = out / f"{name.replace('/*', '-page')}-{device}-{scheme}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5_000, f"{path} looks empty"
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > VIEWPORTS[device]["width"]:  # the page itself must not scroll sideways
            too_wide.append(f"{name}: {width}px")
    assert not too_wide, f"pages wider than the {device} viewport: {too_wide}"
