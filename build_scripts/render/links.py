"""Page paths, URLs and relative links between generated pages.

Generated pages link to each other from inside raw HTML blocks, which the
site engine does not rewrite, so relative URLs are computed here, the same
way the engine computes them (with or without directory URLs).
"""

from __future__ import annotations

from functools import cache
from urllib.parse import quote

HOME = "index.md"
BRIEFINGS = "briefings/index.md"
SPEAKERS = "speakers/index.md"
TOPICS = "topics/index.md"
CLAIMS = "claims/index.md"
EXPLORER = "claims/explorer.md"


def page_n(first: str, number: int) -> str:
    """Page ``number`` (from 1) of a list whose first page is ``first``: ``speakers/x.md``, then
    ``speakers/x/page-2.md``... (a URL of its own, under the first page's, whatever the URL style)."""
    return first if number == 1 else f"{first.removesuffix('.md')}/page-{number}.md"


def claims_year(year: str) -> str:
    """The first page of a year of the claims index."""
    return f"claims/{year}.md"


def briefing_page(slug: str) -> str:
    return f"briefings/{slug}.md"


def speaker_page(speaker_id: str) -> str:
    return f"speakers/{speaker_id}.md"


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def path_url(path: str) -> str:
    """A repository path as a URL path (an edit or source link): every character but letters, digits, ``/``
    and ``_.-~`` percent-quoted, so that no file name can end the URL or the attribute that holds it."""
    return quote(path, safe="/")


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL path of a page, relative to the site root ('' for the home page)."""
    stem = src.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index").removesuffix("index") + "/"


@cache  # one entry per page linked to: bounded by the site's pages
def _url_parts(src: str, use_directory_urls: bool) -> tuple[tuple[str, ...], bool]:
    """A page's URL as path segments, and whether it names a folder (ends in '/')."""
    url = page_url(src, use_directory_urls)
    return tuple(p for p in url.split("/") if p and p != "."), url.endswith("/") or not url


class Linker:
    """Relative links from one page to others, as the engine computes them (``posixpath.relpath`` of URLs).

    Nothing is cached across pages: a site of thousands of pages has millions of (page, target) pairs, and
    a shared cache of them grew to tens of MB for a hit rate under one half."""

    __slots__ = ("_base", "_seen", "page", "use_directory_urls")

    def __init__(self, page: str, use_directory_urls: bool = True):
        self.page, self.use_directory_urls = page, use_directory_urls
        segments, is_folder = _url_parts(page, use_directory_urls)
        self._base = segments if is_folder else segments[:-1]  # the folder links are relative to
        self._seen: dict[str, str] = {}  # target -> relative URL, for this page only

    def to(self, target: str, fragment: str = "") -> str:
        suffix = f"#{fragment}" if fragment else ""
        if target == self.page:
            return suffix or "./"
        rel = self._seen.get(target)
        if rel is None:
            rel = self._seen[target] = self._relative(target)
        return rel + suffix

    def _relative(self, target: str) -> str:
        there, is_folder = _url_parts(target, self.use_directory_urls)
        here, common = self._base, 0
        while common < len(there) and common < len(here) and there[common] == here[common]:
            common += 1
        rel = "/".join([".."] * (len(here) - common) + list(there[common:])) or "."
        if is_folder:
            rel = "./" if rel == "." else rel + "/"
        return rel
