"""The search records of a site: one per annotation, and lighter ones for briefings, speakers and topics.

Engine-neutral: a record is plain data (the words a search matches, what a
result shows, the filters it can be narrowed by, the key it sorts by), and
``pagefind_index`` turns records into a chunked index. An annotation's record
holds its claim, quote, speaker, note and every counterclaim with its speaker,
so a counterclaim's words find the annotation it disputes; its URL is the
annotation's place on its briefing page. Words with letters that have no
Unicode decomposition (``Ł``, ``ø``, ``ß``) also get an ASCII form
(:func:`folded`): "Lukasik" finds "Łukasik", as "Zoe" finds "Zoë".
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from anyascii import anyascii

from .model import Annotation, Briefing, Site
from .render import links
from .render.context import KIND_LABELS, disputers, role_on, speaker_name
from .render.safe import plain

# What a record is: the search UI groups and orders results by it (pages last, whatever their score).
ANNOTATION, BRIEFING, SPEAKER, TOPIC, PAGE = "annotation", "briefing", "speaker", "topic", "page"
DISPUTED, NOT_DISPUTED = "Disputed", "Not disputed"
FILTERS = ("speaker", "topic", "briefing", "year", "disputed")  # an annotation's filters, in display order


@dataclass(frozen=True)
class Field:
    """A part of a record's searchable text and its weight: how much a word found there counts (the claim
    counts most; a copy of another annotation's claim, cited as a counterclaim, least)."""

    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class Record:
    url: str  # relative to the site root, with the fragment: "briefings/<slug>/#<annotation id>"
    kind: str  # ANNOTATION, BRIEFING, SPEAKER, TOPIC or PAGE
    title: str  # what a result shows as its link text
    fields: tuple[Field, ...]  # the searchable text, in order
    meta: dict[str, str] = field(default_factory=dict)  # what a result shows besides its title
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # filter name -> values
    sort: dict[str, str] = field(default_factory=dict)  # sort key -> value (dates as YYYY-MM-DD)

    @property
    def content(self) -> str:
        """The searchable text as one string (for tests and engines without weights)."""
        return "\n".join(f.text for f in self.fields if f.text)


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_LATIN = regex.compile(r"\p{Script=Latin}")


@lru_cache(maxsize=65536)  # names and words recur across thousands of records
def _fold_word(word: str) -> str:
    """A word's ASCII form, when stripping its accents (NFD, combining marks dropped: what a search engine
    that folds accents does) does not give ASCII and the word is in Latin script; else ""."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    if stripped.isascii() or not _LATIN.search(word):
        return ""
    ascii_word = anyascii(word)
    return ascii_word if ascii_word.isascii() else ""


def folded(text: str) -> str:
    """The ASCII forms of the words of ``text`` that stripping accents alone leaves non-ASCII (Latin script
    only: "Łukasik" gives "Lukasik", "Søren" "Soren", "Straße" "Strasse"), each once, space-separated; ""
    when there are none. Other scripts are searched as written."""
    if text.isascii():
        return ""
    words = {_fold_word(word): None for word in _WORD.findall(text) if not word.isascii()}
    words.pop("", None)
    return " ".join(words)


def _with_folds(fields: list[Field]) -> tuple[Field, ...]:
    """The fields, and one more with the folded forms of their words (at the weight of the field each word
    was found in first, so a folded name counts as the name)."""
    out = list(fields)
    seen: set[str] = set()
    for f in fields:
        extra = [w for w in folded(f.text).split() if w not in seen]
        seen.update(extra)
        if extra:
            out.append(Field(" ".join(extra), f.weight))
    return tuple(out)


def _url(page: str, use_directory_urls: bool, fragment: str = "") -> str:
    return links.page_url(page, use_directory_urls) + (f"#{fragment}" if fragment else "")


def annotation_record(
    site: Site, b: Briefing, ann: Annotation, use_directory_urls: bool = True, rank: int = 0
) -> Record:
    """``rank``: among the annotations of the same date, the higher the earlier in the site's order (newest
    briefing first, then the briefing's own order); the sort key ``date`` ends with it, so that claims of one
    date sort newest first in the order of every list of claims."""
    date = b.article.published
    claim = plain(ann.claim)
    name = speaker_name(site, ann.speaker)
    # The quote first: a result shows the claim as its title, and an excerpt of the first words that match.
    fields = [Field(ann.quote, 2.0), Field(name, 3.0), Field(claim, 7.0)]
    role = role_on(site, ann.speaker, date)
    if role:
        fields.append(Field(role, 0.5))
    if ann.note:
        fields.append(Field(plain(ann.note)))
    for counter in ann.counterclaims:
        if counter.ref:  # the cited annotation's own words: its own record ranks first on them
            cited = site.annotations[counter.ref]
            fields.append(Field(f"{speaker_name(site, cited.speaker)}: {plain(cited.claim)}", 0.5))
        else:
            speaker = speaker_name(site, counter.speaker)
            fields.append(Field(f"{speaker}: {plain(counter.claim)} {counter.quote}".strip(), 1.5))
    by = disputers(site, ann.id)
    topics = tuple(site.topics[t].name for t in ann.topics)
    return Record(
        url=_url(links.briefing_page(b.slug), use_directory_urls, ann.id),
        kind=ANNOTATION,
        title=claim,
        fields=_with_folds(fields),
        meta={
            "speaker": name,
            "attribution": KIND_LABELS[ann.attribution],
            "briefing": b.article.title,
            "briefing_url": _url(links.briefing_page(b.slug), use_directory_urls),
            "date": date,
            "disputers": ", ".join(by),
            "topics": ", ".join(topics),
        },
        filters={
            "speaker": (name,),
            "topic": topics,
            "briefing": (b.article.title,),
            "year": (date[:4],),
            "disputed": (DISPUTED if by else NOT_DISPUTED,),
        },
        sort={"date": f"{date} {rank:06d}"},
    )


def briefing_record(site: Site, b: Briefing, use_directory_urls: bool = True) -> Record:
    a = b.article
    byline = " · ".join(p for p in (a.publisher, a.author, a.published) if p)
    fields = [Field(a.title, 7.0), Field(a.subtitle, 2.0), Field(byline)]
    return Record(
        url=_url(links.briefing_page(b.slug), use_directory_urls),
        kind=BRIEFING,
        title=a.title,
        fields=_with_folds(fields),
        meta={"date": a.published, "byline": byline, "claims": str(len(b.annotations))},
        sort={"date": a.published},
    )


def speaker_record(site: Site, speaker_id: str, use_directory_urls: bool = True) -> Record:
    s = site.speakers[speaker_id]
    roles = "; ".join(dict.fromkeys(r.role for r in s.all_roles if r.role))
    # A name finds its speaker's page first, then the claims (whose records hold the name at 3).
    fields = [Field(s.name, 10.0), Field(" ".join(s.aliases), 5.0), Field(roles), Field(s.affiliation)]
    return Record(
        url=_url(links.speaker_page(speaker_id), use_directory_urls),
        kind=SPEAKER,
        title=s.name,
        fields=_with_folds(fields),
        meta={"role": roles, "claims": str(len(site.by_speaker.get(speaker_id, ())))},
    )


def topic_record(site: Site, topic_id: str, use_directory_urls: bool = True) -> Record:
    t = site.topics[topic_id]
    return Record(
        url=_url(links.topic_page(topic_id), use_directory_urls),
        kind=TOPIC,
        title=t.name,
        fields=_with_folds([Field(t.name, 10.0), Field(plain(t.description) if t.description else "")]),
        meta={"claims": str(len(t.annotations))},
    )


def page_record(url: str, title: str, text: str) -> Record:
    """A hand-written page (About, Data, Contribute): found by its words, always shown after the content,
    and weighed at a tenth of it."""
    return Record(url, PAGE, title, _with_folds([Field(title, 0.5), Field(text, 0.1)]))


def records(site: Site, use_directory_urls: bool = True) -> Iterator[Record]:
    """Every record of the site's content, in the site's order: briefings newest first, each followed by its
    annotations in its own order; then speakers and topics."""
    on_date = Counter(b.article.published for b in site.briefings for _ in b.annotations)
    for b in site.briefings:
        yield briefing_record(site, b, use_directory_urls)
        for ann in b.annotations:
            on_date[b.article.published] -= 1
            yield annotation_record(site, b, ann, use_directory_urls, on_date[b.article.published])
    for speaker_id in site.speakers:
        yield speaker_record(site, speaker_id, use_directory_urls)
    for topic_id in site.topics:
        yield topic_record(site, topic_id, use_directory_urls)
