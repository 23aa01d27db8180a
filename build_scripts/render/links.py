"""Page paths, URLs and relative links between generated pages.

Generated pages link to each other from inside raw HTML blocks, which the
site engine does not rewrite, so relative URLs are computed here, the same
way MkDocs computes them (with or without directory URLs).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from dataclasses import dataclass

HOME = "index.md"
BRIEFINGS = "briefings/index.md"
SPEAKERS = "speakers/index.md"
TOPICS = "topics/index.md"
CLAIMS = "claims/index.md"
EXPLORER = "claims/explorer.md"


def claims_page(number: int) -> str:
    """Page ``number`` (from 1) of the claims index: the first is the index itself."""
    return CLAIMS if number == 1 else f"claims/page-{number}.md"


def briefing_page(slug: str) -> str:
    return f"briefings/{slug}.md"


def speaker_page(speaker_id: str) -> str:
    return f"speakers/{speaker_id}.md"


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL path of a page, relative to the site root ('' for the home page)."""
    stem = src.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index").removesuffix("index") + "/"


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the normalised relative paths used here, without its two getcwd() calls."""
    there = [p for p in path.split("/") if p and p != "."]
    here = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(there), len(here)) and there[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


@dataclass(frozen=True)
class Linker:
    """Relative links from one page to others."""

    page: str
    use_directory_urls: bool = True

    def to(self, target: str, fragment: str = "") -> str:
        suffix = f"#{fragment}" if fragment else ""
        if target == self.page:
            return suffix or "./"
        return _relative(self.page, target, self.use_directory_urls) + suffix


@lru_cache(maxsize=1 << 18)
def _relative(page: str, target: str, use_directory_urls: bool) -> str:
    """The relative URL from one page to another (memoized: a page links to the same pages many times)."""
    here = page_url(page, use_directory_urls)
    there = page_url(target, use_directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    rel = _relpath(there.rstrip("/") or ".", base or ".")
    if there.endswith("/") or not there:
        rel = "./" if rel == "." else rel + "/"
    return rel
