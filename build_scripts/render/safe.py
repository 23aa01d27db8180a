"""Contributor text made safe to publish.

Contributor text (claims, notes, counterclaims, source titles, names) arrives
from strangers' pull requests. It is rendered with its own minimal Markdown
instance (no raw HTML, no ``attr_list``, no ``md_in_html``, no snippets), then
cleaned by the ``nh3`` allowlist sanitizer. Only http, https and mailto links
survive, and they get ``rel="nofollow noopener noreferrer"``.

Every fragment returned here is HTML, meant to be emitted inside a raw HTML
block of the page, where the site's own Markdown never processes it again.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

import markdown
import nh3

ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "br", "ul", "ol", "li", "blockquote"}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"
_SAFE_URL = re.compile(r"^(?:https?://[^\s/?#]+|mailto:[^\s]+)", re.IGNORECASE)


def _keep_url(tag: str, attr: str, value: str) -> str | None:
    if attr == "href" and not _SAFE_URL.match(value):
        return None  # relative links and every other scheme are dropped
    return value


_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}},
    url_schemes=ALLOWED_SCHEMES,
    attribute_filter=_keep_url,
    link_rel=LINK_REL,
    strip_comments=True,
)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    # No raw HTML at all: markup in contributor text is shown as text, not parsed.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("image_link")
    md.inlinePatterns.deregister("image_reference")
    md.inlinePatterns.deregister("short_image_ref")
    return md


# One line of words and plain punctuation, no leading or trailing or double space: Markdown and the sanitizer
# would give it back unchanged in one paragraph (a property test checks this against the full path). Words are
# letters and digits, not "_" (emphasis): one character class, which takes "_" in with \w, and a test for "_";
# an alternation of two classes, tried at each character, took four times as long.
_CHAR = r"[\w.,;:'\"’‘“”!?%$@/()\u2013\u2014\u2026+=-]"
_PLAIN_LINE = re.compile(rf"{_CHAR}+(?: {_CHAR}+)*\Z")
_LINE_START_MARKUP = re.compile(r"[-+=]|\d+\.")  # a list item or rule, when the line starts with it


def is_plain_line(text: str) -> bool:
    """Whether Markdown and the sanitizer would leave ``text`` as it is (one paragraph of plain words)."""
    return "_" not in text and bool(_PLAIN_LINE.match(text)) and not _LINE_START_MARKUP.match(text)


@lru_cache(maxsize=65536)  # pure; the same claim is rendered on many pages
def rich(text: str) -> str:
    """Contributor Markdown to sanitized HTML (block level: paragraphs, lists)."""
    if is_plain_line(text):  # most claims: skip Markdown and the sanitizer, with the same result
        return f"<p>{text}</p>"
    return sanitized_markdown(text)


def sanitized_markdown(text: str) -> str:
    """The full path of :func:`rich`: Markdown, then the allowlist sanitizer."""
    md = _markdown()
    md.reset()
    rendered = md.convert(text.replace("\x00", ""))
    return _CLEANER.clean(rendered).strip()


_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p>")


def rich_inline(text: str) -> str:
    """Like :func:`rich`, for one line: paragraph tags removed."""
    out = rich(text)
    return _PARAGRAPH_BREAK.sub("<br>", out.removeprefix("<p>").removesuffix("</p>"))


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Contributor Markdown as plain text (formatting and links dropped). Not escaped: pass it to esc()."""
    if is_plain_line(text):
        return text
    return html.unescape(nh3.clean(rich(text), tags=set())).strip()


def esc(text: str) -> str:
    """Escape plain text for HTML text or a double-quoted attribute."""
    # Most text has nothing to escape: five searches cost half of html.escape's five replacements.
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text, quote=True)
    return text


def url_host(url: str) -> str:
    """The host a link goes to, as written in the URL, lower-cased (validated URLs have no user info or port
    a reader could mistake for it): shown next to a link whose words a contributor chose."""
    return urlsplit(url).hostname or ""


def source_link(title: str, url: str) -> str:
    """A source: its title as plain text (never Markdown: no nested link can hide where it goes) linking to
    its URL, then the host in brackets."""
    return (
        f'<a href="{esc(url)}" rel="{LINK_REL}">{esc(title)}</a> '
        f'<span class="ab-host">({esc(url_host(url))})</span>'
    )


_NOT_HEADING_SAFE = re.compile(r"[^\w .,'’-]|_")  # \w is str.isalnum() plus "_"


def heading_text(text: str) -> str:
    """Text for a heading: every character Markdown or HTML could act on becomes an entity (all but letters,
    digits and `` .,'’-``), so it is safe in HTML and in Markdown alike."""
    return _NOT_HEADING_SAFE.sub(lambda m: f"&#{ord(m.group())};", text).strip()


def truncate(text: str, limit: int = 90) -> str:
    raw = " ".join(text.split())
    if len(raw) <= limit:
        return raw
    cut = raw[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
