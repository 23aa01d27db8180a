"""What every renderer shares: options, the Page, Deferred and DataFile records, URLs and HTML builders."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..model import DIRECT, FRAMING, REPORTED, Annotation, Briefing, Counterclaim, Site
from . import links
from .headings import Headings, TocEntry
from .safe import esc, plain, truncate

if TYPE_CHECKING:
    from .pagecache import PageCache


@dataclass(frozen=True)
class RenderOptions:
    use_directory_urls: bool = True
    repo_url: str = ""  # e.g. https://github.com/owner/repo; enables "Edit" links
    branch: str = "main"
    site_url: str = ""  # absolute site URL (the engine's site_url); makes export URLs absolute
    headings: Headings = field(default_factory=Headings)  # how the site engine writes headings
    rows_per_page: int = 500  # rows of one list of claims (or briefings) on one page; see render.rows


@dataclass(frozen=True)
class Page:
    """A generated page as data: its front matter, its raw HTML blocks (see :func:`block`), and what was
    recorded as they were written: the table of contents and the ids. A file that is not such a page (a data
    file, hand-written Markdown) has ``text`` instead. Markdown text is made only by :attr:`markdown`."""

    path: str  # e.g. "briefings/<slug>.md"
    meta: dict = field(default_factory=dict)  # the front matter (see front_matter)
    blocks: tuple[str, ...] = ()  # the raw HTML blocks, in order, each without a trailing newline
    edit_path: str = ""  # repository path of the YAML (or article) that produced it
    head: str = ""  # extra, already safe HTML for the page's <head> (e.g. JSON-LD)
    toc: tuple[TocEntry, ...] = ()  # the headings' toc entries, flat, in page order (level, id, name)
    ids: frozenset[str] = frozenset()  # every element id the blocks define
    text: str | None = None  # a file kept as it is: a data file's text, or hand-written Markdown

    @property
    def raw_blocks(self) -> bool:
        """Whether the page is made of raw blocks (else its ``text`` is kept as it is)."""
        return self.text is None

    @property
    def markdown(self) -> str:
        """The page as a Markdown file (front matter, then the blocks), as ``render --out`` writes it."""
        if self.text is not None:
            return self.text
        return front_matter(**self.meta) + "\n" + "".join(b + "\n\n" for b in self.blocks)[:-1]

    def chunks(self) -> Iterable[str]:
        """The content in pieces, as a data file is written (see :class:`DataFile`)."""
        return (self.markdown,)


class MakeChunks(Protocol):
    """A data file's text in pieces, from a site; with a page cache, the pieces of unchanged briefings are
    kept between rebuilds (see :func:`.briefing_parts`)."""

    def __call__(self, site: Any, /, *, cache: PageCache | None = None) -> Iterable[str]: ...


@dataclass(frozen=True)
class Deferred:
    """A page known by its path, front matter and edit path, rendered only when asked: ``render()`` gives the
    Page, with that same front matter (``meta``)."""

    path: str
    meta: dict  # the front matter (see page_meta)
    edit_path: str
    make: Callable[[Any], Page]  # the page, from a site (the site below, or a view of it: see .pagecache)
    site: Any
    inputs: object = None  # when set, all that make() depends on besides the site (its item, the options)

    def render(self) -> Page:
        return self.make(self.site)

    def chunks(self) -> Iterable[str]:
        return self.render().chunks()


@dataclass(frozen=True)
class DataFile:
    """A data file (not a page) made in pieces when asked: ``chunks()`` yields its text a briefing at a time,
    so that a build writes a file of every annotation without ever holding all of it."""

    path: str
    make: MakeChunks
    site: Any
    edit_path: str = ""

    def chunks(self) -> Iterable[str]:
        return self.make(self.site)

    def render(self) -> Page:
        return Page(self.path, text="".join(self.chunks()))


def site_base(options: RenderOptions) -> str:
    """``site_url`` with one trailing slash, or "" (URLs then relative to the site root)."""
    return options.site_url.rstrip("/") + "/" if options.site_url else ""


def absolute_url(options: RenderOptions, page: str, fragment: str = "") -> str:
    """The URL of a generated page: absolute when ``site_url`` is set, else relative to the site root."""
    return (
        site_base(options)
        + links.page_url(page, options.use_directory_urls)
        + (f"#{fragment}" if fragment else "")
    )


class Ctx:
    """Rendering one page: links relative to it, and the shared snippets."""

    def __init__(self, site: Site, options: RenderOptions, page: str):
        self.site = site
        self.options = options
        self.page = page
        self.link = links.Linker(page, options.use_directory_urls)
        self._speaker_links: dict[tuple[str, str], str] = {}
        self._links: dict[tuple[str, str], str] = {}  # (kind, id) -> a topic's or briefing's link
        self._sources: dict[str, str] = {}  # repository path -> its forge URL (without a line)
        self.toc: list[TocEntry] = []  # the headings' toc entries, in page order, as they are written
        self.ids: set[str] = set()  # the element ids the page defines, recorded as they are written

    def h1(self, title: str) -> str:
        """The page title as a heading (see :meth:`.Headings.h1`), first in the table of contents: its id is
        made unique among the ids written so far (write it last to keep clear of all of them)."""
        headings = self.options.headings
        anchor = headings.h1_id(title, self.ids)
        self.ids.add(anchor)
        self.toc.insert(0, headings.toc_entry(1, title, anchor))
        return headings.heading(1, title, anchor)

    def heading(self, level: int, text: str, anchor: str, toc_label: str = "", html: str = "") -> str:
        """A heading with a fixed id (see :meth:`.Headings.heading`), recorded in the table of contents."""
        self.ids.add(anchor)
        self.toc.append(self.options.headings.toc_entry(level, text, anchor, toc_label))
        return self.options.headings.heading(level, text, anchor, toc_label, html)

    def finish(self, meta: dict, parts: Iterable[str], edit_path: str = "", head: str = "") -> Page:
        """The page of the raw blocks ``parts`` (empty ones left out), with what was recorded writing them."""
        blocks = tuple(part.rstrip("\n") for part in parts if part)
        return Page(self.page, meta, blocks, edit_path, head, tuple(self.toc), frozenset(self.ids))

    def annotation_href(self, ann_id: str, fragment: str = "") -> str:
        return self.link.to(links.briefing_page(self.site.briefing_of[ann_id]), fragment or ann_id)

    def speaker_a(self, speaker_id: str, fragment: str = "") -> str:
        """A link to the speaker's page; "The article", unlinked, for the article's own framing."""
        if not speaker_id:
            return f'<span class="ab-speaker ab-speaker--article">{THE_ARTICLE}</span>'
        key = (speaker_id, fragment)
        if key not in self._speaker_links:  # a page names the same speakers many times
            href = self.link.to(links.speaker_page(speaker_id), fragment)
            name = self.site.speakers[speaker_id].name
            self._speaker_links[key] = f'<a class="ab-speaker" href="{esc(href)}">{esc(name)}</a>'
        return self._speaker_links[key]

    def topic_a(self, topic_id: str) -> str:
        key = ("topic", topic_id)
        if key not in self._links:  # a page names the same topics many times
            href = self.link.to(links.topic_page(topic_id))
            name = self.site.topics[topic_id].name
            self._links[key] = f'<a class="ab-topic" href="{esc(href)}">{esc(name)}</a>'
        return self._links[key]

    def briefing_a(self, slug: str) -> str:
        key = ("briefing", slug)
        if key not in self._links:
            article = self.site.briefing(slug).article
            href = self.link.to(links.briefing_page(slug))
            self._links[key] = f'<a href="{esc(href)}">{esc(article.title)}</a>'
        return self._links[key]

    def claim_a(self, ann: Annotation) -> str:
        return f'<a href="{esc(self.annotation_href(ann.id))}">{esc(plain(ann.claim))}</a>'

    def source_url(self, path: str, line: int = 0) -> str:
        """Forge URL of a repository file, at a line ("" when no repo_url is set)."""
        if not self.options.repo_url or not path:
            return ""
        anchor = f"#L{line}" if line else ""
        url = self._sources.get(path)
        if url is None:  # the cards of a briefing all link to the same file
            base = f"{self.options.repo_url.rstrip('/')}/blob/{self.options.branch}"
            url = self._sources[path] = f"{base}/{links.path_url(path)}"
        return url + anchor

    def edit_a(self, path: str, line: int, label: str) -> str:
        url = self.source_url(path, line)
        if not url:
            return ""
        return (
            f'<a class="ab-edit" href="{esc(url)}" rel="nofollow noopener" '
            f'title="{esc(path)}, line {line}">{esc(label)}</a>'
        )


def page_meta(title: str, **extra: object) -> dict:
    """A page's front matter as data (written by :func:`front_matter`)."""
    return {"title": title, **extra}


def front_matter(title: str, **extra: object) -> str:
    """Front matter with JSON-quoted, ASCII-only values: valid YAML that contributor text cannot break
    out of (ASCII, so that no U+2028 or other character is read by YAML as a line break).

    Text values are HTML-escaped too: site themes insert ``page.title`` and ``page.meta``
    into ``<title>``, the header and attributes without autoescaping.
    """
    lines = ["---", f"title: {json.dumps(esc(title))}"]
    lines += [
        f"{key}: {json.dumps(esc(value) if isinstance(value, str) else value)}"
        for key, value in extra.items()
    ]
    return "\n".join([*lines, "---", ""])


_BLANK_LINES = re.compile(r"\n\s*\n")


def block(*parts: str, cls: str = "", tag: str = "div", attrs: str = "") -> str:
    """One raw HTML block: no blank line inside, so the page's Markdown never reaches into it. ``attrs``:
    more attributes, already escaped (e.g. ``' id="x"'``)."""
    attrs = (f' class="{cls}"' if cls else "") + attrs
    inner = "\n".join(_BLANK_LINES.sub("\n", p).strip() for p in parts if p)
    return f"<{tag}{attrs}>\n{inner}\n</{tag}>\n"


def ul(items: list[str], cls: str = "") -> str:
    if not items:
        return ""
    attrs = f' class="{cls}"' if cls else ""
    return f"<ul{attrs}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


# A table cell's HTML; or, for a cell that spans the rows of its group, its HTML and the number of rows.
Cell = str | tuple[str, int]


def _cell(cell: Cell, label: str, heads: bool) -> str:
    """A cell, with its column's name in ``data-label`` for phones, where rows are stacked. ``heads``: the
    cell heads its row group (``<th scope="rowgroup">``)."""
    html, span = (cell, 1) if isinstance(cell, str) else cell
    rowspan = f' rowspan="{span}"' if span > 1 else ""
    tag, scope = ("th", ' scope="rowgroup"') if heads else ("td", "")
    return f'<{tag}{scope} data-label="{label}"{rowspan}>{html}</{tag}>'


def _group(rows: Sequence[Sequence[Cell]], labels: list[str]) -> str:
    """The rows of one row group. Its first row may begin with cells that span the group (``(html, rows)``):
    the rows after it leave them out, and the first of them heads the group."""
    spanned = sum(1 for cell in rows[0] if not isinstance(cell, str)) if rows else 0
    lines = []
    for n, row in enumerate(rows):
        names = labels if n == 0 else labels[spanned:]
        heads = n == 0 and spanned > 0  # the row's first cell heads the group
        cells = (
            _cell(c, name, heads and k == 0) for k, (c, name) in enumerate(zip(row, names, strict=False))
        )
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(lines)


def table(headers: list[str], groups: Sequence[Sequence[Sequence[Cell]]], cls: str = "ab-table") -> str:
    """A table; ``headers`` are plain text. Each group of rows is a ``<tbody>`` of its own (see
    :func:`_group`): the run of claims of one briefing, say, headed by the briefing. On a phone, where rows
    are stacked, the stylesheet shows such a group as one block under its heading."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    labels = [esc(h) for h in headers]  # once for the table, not for every cell
    body = "\n</tbody>\n<tbody>\n".join(_group(rows, labels) for rows in groups)
    return f'<table class="{cls}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'


def plural(n: int, word: str) -> str:
    """``1 claim``, ``7,300 claims``: the count with thousands separated, and the word in the plural."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


NAMESPACE = "https://annotated-briefings.github.io/ns/annotations#"  # our terms in JSON-LD (prefix ab:)
THE_ARTICLE = "The article"  # who an annotation of the article's own framing is shown as
KIND_LABELS = {DIRECT: "direct quote", REPORTED: "as reported", FRAMING: "the article's framing"}


def speaker_name(site: Site, speaker_id: str) -> str:
    """A speaker's display name; "The article" for the article's own framing (no speaker)."""
    return site.speakers[speaker_id].name if speaker_id else THE_ARTICLE


def counter_speaker(site: Site, c: Counterclaim) -> str:
    """Who made a counterclaim: its own speaker, or the cited annotation's."""
    return site.annotations[c.ref].speaker if c.ref else c.speaker


def disputers(site: Site, ann_id: str) -> list[str]:
    """Who disputes an annotation, by display name, in the order of its counterclaims, each name once: the
    speaker of an inline counterclaim or of a cited annotation; "The article" for the article's framing."""
    return list(dict.fromkeys(speaker_name(site, d.by) for d in site.disputes_of.get(ann_id, ())))


def newest_first(site: Site, ann_ids: Iterable[str]) -> list[str]:
    """Annotations in the order of every list of claims: newest briefing first, then in the briefing's own
    order. It is the site's own order (:func:`..model.build_site`), which ``site.by_speaker``, a topic's
    annotations and ``site.briefings`` already have; this puts any other set of ids in it."""
    wanted = set(ann_ids)
    return [ann_id for ann_id in site.annotations if ann_id in wanted]


def kind_label(ann: Annotation) -> str:
    """The small label that says whose words the quote is: "direct quote", "as reported", "the article's
    framing"."""
    return f'<span class="ab-kind ab-kind--{ann.attribution}">{KIND_LABELS[ann.attribution]}</span>'


def role_on(site: Site, speaker_id: str, date: str) -> str:
    """The role (or roles, joined by "; ") the speaker held on ``date``; "" for none or no speaker."""
    if not speaker_id:
        return ""
    speaker = site.speakers[speaker_id]
    if not speaker.roles:  # one role at every date (Speaker.all_roles)
        return speaker.role
    return "; ".join(r.role for r in speaker.roles_on(date))


def claim_row(site: Site, b: Briefing, ann: Annotation, url: str) -> dict[str, object]:
    """One annotation as a plain data row (the data exports and the explorer's JSON share it)."""
    return {
        "id": ann.id,
        "briefing": b.slug,
        "briefing_title": b.article.title,
        "speaker": ann.speaker,
        "speaker_name": speaker_name(site, ann.speaker),
        "claim": plain(ann.claim),
        "quote": ann.quote,
        "topics": list(ann.topics),
        "url": url,
        "attribution": ann.attribution,
    }


def said(site: Site, speaker_id: str, claim: str) -> str:
    """``Speaker: claim`` in plain text; for the article's own framing, the claim alone when it already says
    so ("The article says ..."), not "The article: The article says ..."."""
    name = speaker_name(site, speaker_id)
    return claim if not speaker_id and claim.startswith(name) else f"{name}: {claim}"


def card_title(site: Site, ann: Annotation, limit: int = 300) -> str:
    """The heading of an annotation: the speaker and the claim. The full claim is in the heading, so that
    search weighs all of its words as a title; the table of contents shows it shortened (limit 90)."""
    return said(site, ann.speaker, truncate(plain(ann.claim), limit))
