"""``ingest``: turn a raw article scrape into ``articles/<slug>.md``.

A reader (picked by file suffix from :data:`READERS`: plain text, or HTML via :mod:`.ingest_html`) turns
raw bytes into a pure :class:`Scrape`. Article text is never reworded: lines are
only stripped, dropped (chrome, captions, byline, dateline) or joined. Each line dropped
is listed on stderr with its line number in the scrape, to be checked against it.

Scrapes often carry invisible characters that ``check`` would refuse in an article: soft hyphens, zero-width
spaces, byte order marks, word joiners (:data:`INVISIBLE`). They change no word a reader sees, so they are
removed from what goes into the article, and counted on stderr. Any other control or format character (a
bidi override, U+200E, a NUL...) is kept: ``check`` then names it at its place, for a person to decide.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from .charclass import describe
from .extras import require
from .visible import shown

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX = 80
FIELDS = ("title", "subtitle", "publisher", "author", "published", "language", "url")
REQUIRED = ("title", "publisher", "author", "published", "language")
MISSING_HINTS = {
    "title": "has no recognisable title; pass --title TEXT",
    "author": "has no byline; pass --author NAME",
    "published": "has no publication date; pass --published YYYY-MM-DD",
    "publisher": "names no publisher; pass --publisher NAME",
}

CHROME = frozenset(  # whole lines, compared lower-cased with punctuation removed
    "back to top|top|share|share this article|print|email|e mail|advertisement|subscribe|"
    "read more|related articles|most popular|skip to content|skip to main content|font size|"
    "a a|facebook|twitter|kakaotalk|linkedin|close|menu|search|comments|list|prev|next|"
    "sign in|log in".split("|")
)
CHROME_RE = re.compile(
    r"^(?:©|copyright\s*(?:©|\(c\)|\d{4})|all rights reserved)"  # legal
    r"|^\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?$",  # a lone e-mail
    re.I,
)
CRUMB_SEPARATOR_RE = re.compile(r"\s[>»]\s")  # breadcrumbs: "Home > World > Asia" (see is_breadcrumb)
CRUMB_MAX = 40
URL_RE = re.compile(r"^https?://\S+$")
NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|bin|al))*"
BYLINE_RE = re.compile(  # "By NAME", "By NAME (", "By NAME (email)", "By A and B"
    rf"^(?:By|BY|by)\s+({NAME}(?:(?:,\s*|\s+and\s+){NAME})*)\s*(?:\([^()]*\)?)?$"
)
AGENCY = (
    r"Yonhap(?: News)?|AP|AFP|Reuters|EPA(?:-EFE)?|EFE|Getty Images|Xinhua|Kyodo"
    r"|KCNA|Newsis|News1|Bloomberg|Associated Press|Pool|Joint Press Corps|Shutterstock"
)
CREDIT = rf"(?:{AGENCY})(?:\s+Photos?)?(?:\s*/\s*[^/()\[\]]{{1,60}})?"
CAPTION_RES = (
    re.compile(rf"(?:^|[.,;:!?]\s*|\s[-–—|]\s*){CREDIT}$"),  # "... Seoul. Yonhap"
    re.compile(rf"[(\[]{CREDIT}[)\]]\.?$"),  # "... Seoul (AP)"
    re.compile(  # "Photo: Reuters"
        r"(?:^|[\s(\[])(?:photo(?:graph)?|image|picture|credit)s?(?:\s+by|\s*:)\s*"
        r"[^.]{1,60}[)\]]?$",
        re.I,
    ),
)
CAPTION_SHAPE_RE = re.compile(r"^.{3,200}?[.!?]\s+[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}$")
CAPTION_MAX = 200
TERMINAL_RE = re.compile(r"[.!?:…][\"'”’)\]]*$")
SENTENCE_END_RE = re.compile(r"[.…][\"'”’)\]]*$")
DATELINE_RE = re.compile(r"^(published|posted|date|updated|modified)(?:\s+on)?\s*:?\s*(.*)$", re.I)
# Removed from the article text: U+00AD SOFT HYPHEN, U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+FEFF BOM.
INVISIBLE = "\u00ad\u200b\u2060\ufeff"
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
DATE_FORMATS = (
    ("%Y %m %d", re.compile(r"(\d{4})-(\d{2})-(\d{2})")),  # 2018-07-08
    ("%b %d %Y", re.compile(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})")),
    ("%d %b %Y", re.compile(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})")),
)


class IngestError(Exception):
    """A problem the user can fix; ``run`` prints it and exits with 2."""


@dataclass(frozen=True)
class Dropped:
    """A line of the scrape left out of the article: its number in the raw scrape, its text, and why."""

    line: int
    text: str
    reason: str  # "byline", "dateline", "link", "site furniture", "photo caption", ...


@dataclass(frozen=True)
class Scrape:
    """What a reader recovered from a raw scrape; ``None`` means not found."""

    title: str | None
    subtitle: str | None
    author: str | None
    paragraphs: tuple[str, ...]
    published: str | None = None
    url: str | None = None
    dropped: tuple[Dropped, ...] = ()
    publisher: str | None = None
    invisible: tuple[tuple[str, int], ...] = ()  # (character, how many) removed by drop_invisible


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (optional BOM) and normalise line endings to ``\\n``."""
    skip = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = exc.start + skip
        raise IngestError(f"not valid UTF-8: byte 0x{data[at]:02X} at offset {at}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(text: str) -> str | None:
    """The real calendar date ``text`` starts with, as ``YYYY-MM-DD``, else ``None``."""
    for fmt, pattern in DATE_FORMATS:
        if m := pattern.match(text):
            try:
                return dt.datetime.strptime(" ".join(m.groups()), fmt).date().isoformat()
            except ValueError:
                return None
    return None


def is_chrome(line: str) -> bool:
    """Site furniture: navigation, share buttons, copyright, breadcrumbs, emails."""
    words = re.sub(r"[\W_]+", " ", line).strip().casefold()
    return not words or words in CHROME or bool(CHROME_RE.search(line)) or is_breadcrumb(line)


def is_breadcrumb(line: str) -> bool:
    """Two or more parts of 1 to 40 characters, joined by ' > ' or ' » ', and no sentence punctuation.

    A split, not one regex: ``^[^.!?]{1,40}(?:\\s[>»]\\s[^.!?]{1,40})+$`` backtracked exponentially, since
    a part may itself hold ' > ' (``'a > ' * 26 + 'b.'`` took 8 s; a 143-character line, over 120 s)."""
    if "." in line or "!" in line or "?" in line:
        return False
    parts = CRUMB_SEPARATOR_RE.split(line)
    return len(parts) > 1 and all(0 < len(part) <= CRUMB_MAX for part in parts)


def is_caption(line: str, repeats: int = 1) -> bool:
    """A short photo caption: ends in a credit, or is a repeated ``<text>. <Credit>``."""
    return len(line) <= CAPTION_MAX and (
        any(p.search(line) for p in CAPTION_RES) or (repeats > 1 and bool(CAPTION_SHAPE_RE.match(line)))
    )


def parse_byline(line: str) -> str | None:
    """The author named by ``By NAME``, ``By NAME (`` or ``By NAME (email)``."""
    m = BYLINE_RE.match(line)
    return m.group(1) if m else None


def left_out(line: str, byline: str | None, date: str | None, repeats: int) -> str:
    """Why a scrape line is not article text, or '' when it is (see :func:`parse_scrape`)."""
    if byline:
        return "byline"
    if date:
        return "dateline"
    if URL_RE.match(line):
        return "link"
    if is_chrome(line):
        return "site furniture"  # navigation, share buttons, copyright, breadcrumbs, e-mail
    if is_caption(line, repeats):
        return "photo caption" + (f" (it occurs {repeats} times)" if repeats > 1 else "")
    return ""


def parse_scrape(text: str) -> Scrape:
    """Split a plain-text scrape into title, deck, byline and clean paragraphs."""
    lines = [line.strip() for line in text.split("\n")]
    counts = Counter(line for line in lines if line)
    author = published = url = previous = None
    dropped: list[Dropped] = []
    blocks: list[list[str]] = [[]]  # runs of content lines; blank or dropped lines end a run
    for number, line in enumerate(lines, start=1):
        if not line:
            blocks.append([])
            continue
        name = parse_byline(line)
        dateline = DATELINE_RE.match(line)
        date = parse_date(dateline.group(2)) if dateline else None
        if reason := left_out(line, name, date, counts[line]):
            author = author or name
            if date and dateline and dateline.group(1).lower() != "updated":
                published = published or date
            url = url or (line if URL_RE.match(line) else None)
            dropped.append(Dropped(number, line, reason))
            blocks.append([])
        elif line == previous:
            dropped.append(Dropped(number, line, "the line before, repeated"))
        elif previous is None and len(line) < 20 and len(line.split()) < 3:
            dropped.append(Dropped(number, line, "section label before the title"))
        else:
            blocks[-1].append(line)
            previous = line
    blocks = [b for b in blocks if b]
    title = subtitle = None
    if blocks and len(blocks[0][0]) <= CAPTION_MAX and not SENTENCE_END_RE.search(blocks[0][0]):
        title = blocks[0].pop(0)
        blocks = [b for b in blocks if b]
        deck = blocks[0] if len(blocks) > 1 and len(blocks[0]) == 1 else [""]  # a line of its own
        if 0 < len(deck[0]) <= 300 and not TERMINAL_RE.search(deck[0]):
            subtitle = blocks.pop(0)[0]
    paragraphs: list[str] = []
    for block in blocks:  # hard-wrapped lines are joined until one ends a sentence
        joined = "".join(line + ("\n" if TERMINAL_RE.search(line) else " ") for line in block)
        paragraphs += [p.strip() for p in joined.split("\n") if p.strip()]
    return Scrape(title, subtitle, author, tuple(paragraphs), published, url, tuple(dropped))


def drop_invisible(scrape: Scrape) -> Scrape:
    """``scrape`` without the :data:`INVISIBLE` characters of what goes into the article (title, deck,
    byline, publisher, URL, paragraphs), and how many of each were removed in ``invisible``, by code point.
    The lines left out keep theirs, as in the raw scrape; a value left empty is not found (``None``)."""
    removed: Counter[str] = Counter()

    def clean(text: str | None) -> str | None:
        if not text or not INVISIBLE_RE.search(text):
            return text
        removed.update(INVISIBLE_RE.findall(text))
        return INVISIBLE_RE.sub("", text).strip() or None

    paragraphs = tuple(p for p in map(clean, scrape.paragraphs) if p)
    return replace(
        scrape,
        title=clean(scrape.title),
        subtitle=clean(scrape.subtitle),
        author=clean(scrape.author),
        publisher=clean(scrape.publisher),
        url=clean(scrape.url),
        paragraphs=paragraphs,
        invisible=tuple(sorted(removed.items())),
    )


def read_plain_text(data: bytes) -> Scrape:
    """The plain-text reader: UTF-8 bytes -> :class:`Scrape`."""
    return parse_scrape(decode_text(data))


Reader = Callable[[bytes], Scrape]


def read_html(data: bytes) -> Scrape:
    """The HTML reader (trafilatura), see :mod:`.ingest_html`."""
    require("ingest", "`ingest` of an HTML page")
    from .ingest_html import read_html as read  # late: ingest_html imports this module

    return read(data)


READERS: dict[str, Reader] = {
    ".txt": read_plain_text,
    ".text": read_plain_text,
    ".html": read_html,
    ".htm": read_html,
}


def format_article(meta: dict[str, str | None], paragraphs: list[str]) -> str:
    """Front matter (JSON-quoted values, fixed key order) plus one-line paragraphs."""
    unknown = set(meta) - set(FIELDS)
    missing = [key for key in REQUIRED if not meta.get(key)]
    if unknown or missing:
        raise ValueError(f"bad article metadata: unknown {sorted(unknown)}, missing {missing}")
    body = [" ".join(p.split("\n")).strip() for p in paragraphs]
    if not body or not all(body):
        raise ValueError("an article needs non-empty paragraphs")
    front = [f"{key}: {json.dumps(meta[key], ensure_ascii=False)}" for key in FIELDS if meta.get(key)]
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(body) + "\n"


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and not re.search(r"\s", url)


def check_options(args: argparse.Namespace) -> None:
    """Validate slug, date, URL and language before any file is read."""
    if len(args.slug) > SLUG_MAX or not SLUG_RE.match(args.slug):
        raise IngestError(
            f"invalid slug {args.slug!r}: use lowercase letters, digits and "
            f"single hyphens, at most {SLUG_MAX} characters"
        )
    if args.published is not None and parse_date(args.published) != args.published:
        raise IngestError(f"--published {args.published!r} is not a real date in YYYY-MM-DD form")
    if args.url is not None and not _is_web_url(args.url):
        raise IngestError(f"--url {args.url!r} is not an absolute http(s) URL")
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", args.language):
        raise IngestError(f"--language {args.language!r} is not a language tag such as 'en'")


def build_meta(args: argparse.Namespace, scrape: Scrape) -> dict[str, str | None]:
    """Options override the scrape; raise naming the option for each missing value."""
    meta = {
        "title": args.title or scrape.title,
        "subtitle": scrape.subtitle,
        "publisher": args.publisher or scrape.publisher,
        "author": args.author or scrape.author,
        "published": args.published or scrape.published,
        "language": args.language,
        "url": args.url or scrape.url,
    }
    missing = [f"the scrape {hint}" for key, hint in MISSING_HINTS.items() if not meta[key]]
    if not scrape.paragraphs:
        missing.append("the scrape has no article paragraphs")
    if missing:
        raise IngestError("\ningest: ".join(missing))
    return meta


def ingest(args: argparse.Namespace) -> Path:
    """Read, parse and write one article; raise :class:`IngestError` on any problem."""
    check_options(args)
    out = Path(args.out_dir) / f"{args.slug}.md"
    if out.exists() and not args.force:
        raise IngestError(f"{out} already exists; pass --force to overwrite it")
    raw = Path(args.raw)
    reader = READERS.get(raw.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise IngestError(f"no reader for {raw.name}; supported suffixes: {known}")
    try:
        data = raw.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {raw}: {exc.strerror}") from None
    try:
        scrape = drop_invisible(reader(data))
    except IngestError as exc:
        raise IngestError(f"{raw}: {exc}") from None
    text = format_article(build_meta(args, scrape), list(scrape.paragraphs))
    if out.exists():  # --force: say first which annotations the new text would orphan
        from .reanchor import ingest_drift  # late: reanchor imports the pipeline

        for line in ingest_drift(out, text, out.parent.parent / "annotations"):
            print(f"ingest: --force: {line}", file=sys.stderr)
    tmp = out.with_name(f".{out.name}.tmp")
    try:  # write then rename: never leave a half-written article behind
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(text.encode("utf-8"))
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise IngestError(f"cannot write {out}: {exc.strerror}") from None
    report_dropped(args.raw, scrape.dropped)
    report_invisible(scrape.invisible)
    return out


def report_dropped(raw: str, dropped: tuple[Dropped, ...], limit: int = 100) -> None:
    """List on stderr each line left out of the article, as ``raw:line``, so that it can be checked against
    the scrape (its text with hidden characters shown, cut at ``limit`` characters)."""
    for d in dropped:
        text = shown(d.text if len(d.text) <= limit else d.text[: limit - 1] + "…")
        print(f"ingest: {raw}:{d.line}: removed {d.reason}: {text}", file=sys.stderr)
    if dropped:
        print(
            f"ingest: {len(dropped)} line(s) of the scrape left out of the article, listed above: check "
            "that none is article text",
            file=sys.stderr,
        )


def report_invisible(removed: tuple[tuple[str, int], ...]) -> None:
    """One line on stderr: how many invisible characters :func:`drop_invisible` removed, of each kind."""
    total = sum(count for _, count in removed)
    if total:
        kinds = ", ".join(f"{describe(char)} ×{count}" for char, count in removed)
        print(
            f"ingest: removed {total} invisible character{'s' if total > 1 else ''} ({kinds})",
            file=sys.stderr,
        )


def run(args: argparse.Namespace) -> int:
    """Entry point for ``ingest``: 0 on success, 2 with a message on stderr otherwise."""
    try:
        out = ingest(args)
    except IngestError as exc:
        print(f"ingest: {exc}", file=sys.stderr)
        return 2
    print(f"ingest: wrote {out}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ingest`` subcommand to the CLI's subparsers."""
    p = subparsers.add_parser(
        "ingest",
        help="turn a raw scrape into articles/<slug>.md",
        description="Turn a raw plain-text scrape into <out-dir>/<slug>.md.",
    )
    p.add_argument("raw", metavar="RAW", help="the raw scrape (.txt) or a saved news page (.html)")
    p.add_argument("--slug", required=True, help="article slug, e.g. 2018-07-08-pompeo-sanctions")
    p.add_argument(
        "--out-dir", default="articles", metavar="DIR", help="output directory (default: articles)"
    )
    for flag, metavar, text in (
        ("--published", "YYYY-MM-DD", "publication date"),
        ("--publisher", "NAME", "publisher, e.g. 'The Korea Herald'"),
        ("--author", "NAME", "author (overrides the byline)"),
        ("--title", "TEXT", "title (overrides the scrape's headline)"),
        ("--url", "URL", "absolute http(s) URL of the original"),
    ):
        p.add_argument(flag, metavar=metavar, help=text)
    p.add_argument("--language", default="en", metavar="TAG", help="language tag (default: en)")
    p.add_argument("--force", action="store_true", help="overwrite an existing article file")
    p.set_defaults(func=run)
