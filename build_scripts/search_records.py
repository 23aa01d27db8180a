"""A site's search records: one per briefing, with a section per annotation; one per speaker and topic.

Engine-neutral: a record is plain data (the words a search matches, what a
result shows, the filters it can be narrowed by, the key it sorts by), and
``pagefind_index`` turns records into a chunked index. A briefing's record
holds its title and byline, then one section per annotation: the claim as the
section's heading (its anchor is the annotation's id on the briefing page),
then its quote, speaker, note and every counterclaim with its speaker, so a
counterclaim's words find the annotation it disputes. A search engine that
makes a sub-result of each heading (Pagefind does) thus answers with the
briefing and, under it, each annotation that matched, linking to its card.
The filters (speaker, topic, briefing, year, disputed) are the briefing's: the
values of its annotations; each section also carries its own (:func:`claim_meta`),
so a page can list just the annotations a filter asks for. One record a
briefing, not one an annotation: Pagefind holds about 60 KB of memory and
0.7 ms of build time for every record, whatever its size (1.27 GB and 18.5 s for
the 21,000 records of 1,000 briefings of 20 annotations).

Words with letters that have no Unicode decomposition (``Ł``, ``ø``, ``ß``)
also get an ASCII form (:func:`fold_pairs`), just before the field they are in:
"Lukasik" finds "Łukasik", as "Zoe" finds "Zoë". A record, and each section,
names its forms with the words they stand for (``folds``: "Lodz Łódź"), so
that a result marks the word where it stands and does not show the form.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex
from anyascii import anyascii

from .model import Annotation, Briefing, Site
from .render import links
from .render.context import KIND_LABELS, disputers, role_on, speaker_name
from .render.safe import plain

# What a record is: the search UI groups and orders results by it (pages last, whatever their score).
BRIEFING, SPEAKER, TOPIC, PAGE = "briefing", "speaker", "topic", "page"
DISPUTED, NOT_DISPUTED = "Disputed", "Not disputed"
FILTERS = ("speaker", "topic", "briefing", "year", "disputed")  # a briefing's filters, in display order
CLAIM_WEIGHT = 7.0  # a claim's words count most
# A word every record with sections (a briefing with claims) holds, under a heading of its own, so that asking
# for all of them by filters alone is a search of one word, which loads the one index chunk that holds it (a
# search without words loads every chunk: 3.7 MB at 1,000 briefings). No reader types it; not a slug, its
# heading's id is no annotation's.
EVERY, EVERY_ID = "zqxallbriefings", "ab:every"


@dataclass(frozen=True)
class Field:
    """A part of a record's searchable text and its weight: how much a word found there counts (the claim
    counts most; a copy of another annotation's claim, cited as a counterclaim, least)."""

    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class Section:
    """An annotation within its briefing's record: the heading (its claim) a search result names it by, its
    searchable text, and what a result shows of it (:func:`claim_meta`)."""

    id: str  # the annotation's id: its anchor on the briefing page
    heading: Field
    fields: tuple[Field, ...]
    meta: dict[str, Any]

    @property
    def content(self) -> str:
        return "\n".join(f.text for f in (self.heading, *self.fields) if f.text)


@dataclass(frozen=True)
class Record:
    url: str  # relative to the site root: "briefings/<slug>/"
    kind: str  # BRIEFING, SPEAKER, TOPIC or PAGE
    title: str  # what a result shows as its link text
    fields: tuple[Field, ...]  # the searchable text before the first section, in order
    meta: dict[str, str] = field(default_factory=dict)  # what a result shows besides its title
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # filter name -> values
    sort: dict[str, str] = field(default_factory=dict)  # sort key -> value (dates as YYYY-MM-DD)
    sections: tuple[Section, ...] = ()  # a briefing's annotations, in its order

    @property
    def content(self) -> str:
        """The searchable text as one string, sections included (for tests and engines without weights)."""
        return "\n".join([*(f.text for f in self.fields if f.text), *(s.content for s in self.sections)])


_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
# Words joined by punctuation ("O’Brien", "Karl-Marx-Straße", "U.S.–EU"): search.js's JOINED is the same.
_JOINED = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:\p{P}+[\p{L}\p{M}\p{N}]+)*")
_PARTS = regex.compile(r"(\p{P}+)")
_APOSTROPHE = regex.compile(r"[\u2018\u2019\u2032']")
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


def fold_pairs(text: str) -> dict[str, str]:
    """The ASCII form of each word of ``text`` that a reader could not otherwise find, to the word (the first
    it was found for):

    - a word that stripping accents alone leaves non-ASCII, in Latin script: "Łukasik" gives "Lukasik",
      "Søren" "Soren", "Straße" "Strasse". Other scripts are searched as written;
    - words joined by punctuation that is not ASCII: "O’Brien" gives "O'Brien", "Seoul–Washington"
      "Seoul-Washington", "talks—which" "talks-which", "Москва–Пекин" "Москва-Пекин". Pagefind splits a
      word into its parts at ASCII punctuation only, so "Brien" and "Washington" would find nothing. A part
      after an apostrophe counts from three letters ("Kim’s", "they’re" need no form: "Kim" finds "kims" as
      its beginning)."""
    pairs: dict[str, str] = {}
    if not text.isascii():
        for joined in _JOINED.findall(text):
            if joined.isascii():
                continue
            if _split_by_form(joined):
                pairs.setdefault(_joined_form(joined), joined)
                continue
            for word in _WORD.findall(joined):
                if word.isascii():
                    continue
                for form in (_fold_word(word), _spelt_out(word)):
                    if form:
                        pairs.setdefault(form, word)
    return pairs


# Letters that English writes out as two: "Müller" as "Mueller", "Søren" as "Soeren", "Ålborg" as "Aalborg".
_WRITTEN_OUT = "ae oe ue oe aa ae Ae Oe Ue Oe Aa Ae".split()
_SPELT_OUT = str.maketrans(dict(zip("äöüøåæÄÖÜØÅÆ", _WRITTEN_OUT, strict=True)))


@lru_cache(maxsize=65536)
def _spelt_out(word: str) -> str:
    """A word's ASCII form with such letters written out as two, when it has one; else ""."""
    spelt = word.translate(_SPELT_OUT)
    return anyascii(spelt) if spelt != word and anyascii(spelt).isascii() else ""


# An abbreviation: ASCII letters each followed by a full stop ("U.S.", "U.S", "e.g."), or two or three ASCII
# capitals ("US", "UN", "EU"), not within a longer word. search.js's ABBREVIATION is the same, for a query's
# word. Other scripts' are searched as written.
_ABBREVIATION = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])(?:(?:[A-Za-z]\.)+[A-Za-z](?![\p{L}\p{M}\p{N}])\.?|[A-Z]{2,3}(?![\p{L}\p{M}\p{N}]))"
)
# An abbreviation's form: its letters between two runs no word holds. search.js's abbreviated() is the same.
_ABBREVIATION_FORM = "zqx{}zqx"


# Text as one byte a character: "A" an ASCII capital, "a" another letter or digit, "." itself, else a space.
_SHAPES = bytes(
    ord("A") if chr(i).isupper() else ord("a") if chr(i).isalnum() else i if i == ord(".") else ord(" ")
    for i in range(128)
) + bytes(128)


def _may_abbreviate(text: str) -> bool:
    """Whether ``text`` may hold an abbreviation: two capitals, or a full stop between letters. Most text
    holds none, and this is some ten times as fast as looking."""
    shape = text.encode("ascii", "replace").translate(_SHAPES)
    return b"AA" in shape or b"a.a" in shape or b"A.A" in shape or b"a.A" in shape or b"A.a" in shape


def abbreviation_pairs(text: str) -> dict[str, str]:
    """A form of each abbreviation of ``text`` that only the abbreviation finds, to the abbreviation (the
    first written so): "U.S." and "US" give "zqxuszqx". Pagefind finds every word that begins a query's word,
    so that "US" or "U.S." (which it reads as "us") found "use" and "usual", and "UN" "until"; a query's
    abbreviation is searched as its form instead (search.js), which finds "U.S.-led" and "the U.S.’s" too."""
    pairs: dict[str, str] = {}
    if not _may_abbreviate(text):
        return pairs
    for found in _ABBREVIATION.finditer(text):
        word = found.group()
        pairs.setdefault(_ABBREVIATION_FORM.format("".join(_WORD.findall(word)).lower()), word)
    return pairs


# A date as the records write it (search_records' byline; YYYY-MM-DD, as the schema's dates are), not within a
# longer run of digits or hyphens.
_ISO_DATE = regex.compile(r"(?<![\p{N}-])(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\p{N}-])")
MONTHS = "January February March April May June July August September October November December".split()


def date_pairs(text: str) -> dict[str, str]:
    """A form of each date of ``text`` written YYYY-MM-DD that holds its day, month name and year as words, to
    the date: "2018-07-08" gives "8-July-2018". Pagefind indexes each part of a word joined by a hyphen, so
    that a reader's "July 2018", "8 July 2018", "July 8, 2018" and "Jul 2018" find it, as "2018-07" did.
    The month's name is English, as the site's own words are."""
    if "-" not in text:
        return {}
    return {
        f"{int(day)}-{MONTHS[int(month) - 1]}-{year}": found.group()
        for found in _ISO_DATE.finditer(text)
        for year, month, day in [found.groups()]
    }


# A figure with a currency sign before it or a unit after it ("£2bn", "$4.5bn", "€90", "3.7%", "$3m"), not
# within a word. A unit of its own is a sign's word's ("2m" may be metres).
_FIGURE = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<sign>[£€$¥])?(?P<number>\d+(?:[.,]\d+)*)(?P<unit>%|bn|tn|mn|m)?(?![\p{L}\p{N}])"
)
_MAY_BE_FIGURE = regex.compile(r"\d(?:%|bn|tn|mn?)(?![\p{L}\p{N}])|[£€$¥]\d")
_CURRENCIES = {"£": "pounds", "€": "euros", "$": "dollars", "¥": "yen"}
_UNITS = {"%": "percent-per-cent", "bn": "billion", "m": "million", "mn": "million", "tn": "trillion"}


def figure_pairs(text: str) -> dict[str, str]:
    """A form of each figure of ``text`` with a currency sign or a unit that holds them in words, to the
    figure as a word (its digits, and its unit's letters): "£2bn" gives "2-billion-pounds" for "2bn", "3.7%"
    "3.7-percent-per-cent" for "3.7", "€90" "90-euros" for "90". Pagefind indexes each part of a word joined
    by a hyphen, so that "2 billion", "£2 billion", "3.7 per cent" and "90 euros" find them; without the form,
    no word of the figure holds "billion" ("bn" is no word of it). In English, as the site's own words are."""
    if not _MAY_BE_FIGURE.search(text):  # most text holds none
        return {}
    pairs: dict[str, str] = {}
    for found in _FIGURE.finditer(text):
        sign, number, unit = found.group("sign"), found.group("number"), found.group("unit")
        if not sign and unit in (None, "m", "mn"):
            continue
        words = [_UNITS[unit]] if unit else []
        word = number + (unit if unit and unit != "%" else "")
        pairs.setdefault("-".join([number, *words, *([_CURRENCIES[sign]] if sign else [])]), word)
    return pairs


def _joined_form(joined: str) -> str:
    """Words joined by punctuation that is not ASCII, joined by ASCII punctuation instead (an apostrophe for
    an apostrophe, else a hyphen: "Москва–Пекин" gives "Москва-Пекин"), each Latin word in its ASCII form."""
    out = []
    for piece in _PARTS.split(joined):
        if _WORD.fullmatch(piece):
            out.append(_fold_word(piece) or piece)
        elif piece.isascii():
            out.append(piece)
        else:
            out.append("".join(c if c.isascii() else "'" if _APOSTROPHE.match(c) else "-" for c in piece))
    return "".join(out)


def _split_by_form(joined: str) -> bool:
    """Whether ``joined`` has a part, after punctuation that is not ASCII, that its ASCII form lets Pagefind
    index on its own: two letters or more (three after an apostrophe)."""
    parts = _PARTS.split(joined)  # word, punctuation, word, ...
    for at in range(1, len(parts) - 1, 2):
        mark, part = parts[at], parts[at + 1]
        if not mark.isascii() and len(part) >= (3 if _APOSTROPHE.search(mark) else 2):
            return True
    return False


def _with_folds(fields: list[Field]) -> tuple[tuple[Field, ...], dict[str, str]]:
    """The fields, each after a field of the forms of its words that no earlier field had (ASCII forms,
    :func:`fold_pairs`, dates' and figures' in words, :func:`date_pairs` and :func:`figure_pairs`, and
    abbreviations', :func:`abbreviation_pairs`; at its
    weight, so a folded name counts as the name; just before it, so that an excerpt around a form shows the
    start of its field, where a name stands), and what a result needs to leave the forms out: ``{"folds":
    "form word form word"}`` ("Lodz Łódź Soren Søren"), or ``{}`` when there are none."""
    out: list[Field] = []
    pairs: dict[str, str] = {}
    whole = "\n".join(f.text for f in fields)  # most sections hold no abbreviation, and no figure
    abbreviated, figures = _may_abbreviate(whole), _MAY_BE_FIGURE.search(whole) is not None
    for f in fields:
        found = fold_pairs(f.text) | date_pairs(f.text)
        if figures:
            found |= figure_pairs(f.text)
        if abbreviated:
            found |= abbreviation_pairs(f.text)
        extra = {form: word for form, word in found.items() if form not in pairs}
        pairs.update(extra)
        if extra:
            out.append(Field(" ".join(extra), f.weight))
        out.append(f)
    text = " ".join(f"{form} {word}" for form, word in pairs.items())
    return tuple(out), ({"folds": text} if text else {})


def _url(page: str, use_directory_urls: bool) -> str:
    return links.page_url(page, use_directory_urls)


def claim_meta(site: Site, ann: Annotation) -> dict[str, Any]:
    """What a search result or a list of claims shows of an annotation, and the values it is narrowed by: its
    id, claim, speaker, attribution, disputers and topics."""
    return {
        "id": ann.id,
        "claim": plain(ann.claim),
        "speaker": speaker_name(site, ann.speaker),
        "attribution": KIND_LABELS[ann.attribution],
        "disputers": ", ".join(disputers(site, ann.id)),
        "topics": [site.topics[t].name for t in ann.topics],
    }


def claim_section(site: Site, b: Briefing, ann: Annotation) -> Section:
    """An annotation as a section of its briefing's record: its claim as the heading, then its quote, note,
    every counterclaim with its speaker, its speaker and role, and its topics; its meta is
    :func:`claim_meta`'s and, when its text has ASCII forms, their ``folds`` (:func:`_with_folds`)."""
    meta = claim_meta(site, ann)
    # The quote first, then the note and the counterclaims: a result shows, under the claim, an excerpt around
    # the words that matched, which runs on into what follows them. The speaker's name and role come last: a
    # result names the speaker already.
    fields = [Field(ann.quote, 2.0)]
    if ann.note:
        fields.append(Field(plain(ann.note)))
    for counter in ann.counterclaims:
        if counter.ref:  # the cited annotation's own words: its own section ranks first on them
            cited = site.annotations[counter.ref]
            fields.append(Field(f"{speaker_name(site, cited.speaker)}: {plain(cited.claim)}", 0.5))
        else:
            speaker = speaker_name(site, counter.speaker)
            fields.append(Field(f"{speaker}: {plain(counter.claim)} {counter.quote}".strip(), 1.5))
    fields.append(Field(meta["speaker"], 1.0))  # a name finds its speaker's page first (at 10)
    fields += [Field(a, 0.5) for a in other_names(site, ann.speaker)]  # "Pyongyang": North Korea's claims
    role = role_on(site, ann.speaker, b.article.published)
    if role:
        fields.append(Field(role, 0.5))
    if meta["topics"]:  # a topic's name finds the claims filed under it, after its page (at 10)
        fields.append(Field(", ".join(meta["topics"]), 0.5))
    heading = Field(meta["claim"], CLAIM_WEIGHT)
    with_folds, folds = _with_folds([heading, *fields])  # the claim's forms, then the first field's
    meta.update(folds)
    return Section(ann.id, heading, tuple(f for f in with_folds if f is not heading), meta)


def other_names(site: Site, speaker_id: str) -> list[str]:
    """A speaker's aliases (the other names the articles use) that hold a word their name does not:
    "Pyongyang" for North Korea, not "Pompeo" for Mike Pompeo."""
    s = site.speakers[speaker_id] if speaker_id else None
    if not (s and s.aliases):  # most speakers, and the article's own framing: no other name
        return []
    return [a for a in s.aliases if _says_more(a, s.name)]


def _says_more(text: str, than: str) -> bool:
    """Whether ``text`` holds a word (case aside) that ``than`` does not."""
    known = {w.casefold() for w in _WORD.findall(than)}
    return any(w.casefold() not in known for w in _WORD.findall(text))


def _filters(b: Briefing, sections: tuple[Section, ...]) -> dict[str, tuple[str, ...]]:
    """A briefing's filter values: those of its annotations, each once (none without annotations)."""
    if not sections:
        return {}
    metas = [s.meta for s in sections]
    disputed = [bool(m["disputers"]) for m in metas]  # "Disputed": any of them is; "Not disputed": any is not
    return {
        "speaker": tuple(dict.fromkeys(m["speaker"] for m in metas)),
        "topic": tuple(dict.fromkeys(t for m in metas for t in m["topics"])),
        "briefing": (b.article.title,),
        "year": (b.article.published[:4],),
        "disputed": tuple(
            v for v, some in ((DISPUTED, any(disputed)), (NOT_DISPUTED, not all(disputed))) if some
        ),
    }


def briefing_record(site: Site, b: Briefing, use_directory_urls: bool = True, rank: int = 0) -> Record:
    """A briefing, and each of its annotations as a section. ``rank``: among the briefings of the same date,
    the higher the earlier in the site's order (newest first); the sort key ``date`` ends with it, so that
    briefings of one date sort newest first in the order of every list of claims."""
    a = b.article
    byline = " · ".join(p for p in (a.publisher, a.author, a.published) if p)
    fields = [Field(a.title, 7.0), Field(a.subtitle, 2.0), Field(byline)]
    sections = tuple(claim_section(site, b, ann) for ann in b.annotations)
    with_folds, folds = _with_folds(fields)
    return Record(
        url=_url(links.briefing_page(b.slug), use_directory_urls),
        kind=BRIEFING,
        title=a.title,
        fields=with_folds,
        meta={"date": a.published, "byline": byline, "claims": str(len(b.annotations)), **folds},
        filters=_filters(b, sections),
        sort={"date": f"{a.published} {rank:06d}"},
        sections=sections,
    )


def speaker_record(site: Site, speaker_id: str, use_directory_urls: bool = True) -> Record:
    s = site.speakers[speaker_id]
    roles = "; ".join(dict.fromkeys(r.role for r in s.all_roles if r.role))
    # A name finds its speaker's page first, then the claims (whose sections hold the name at 1).
    # Nothing the excerpt would say twice: not "Brandt" for Paolo Brandt, nor an affiliation its role names
    # ("Senior researcher at the Sejong Institute. Sejong Institute.").
    others = other_names(site, speaker_id)
    counters = len(site.disputes_by.get(speaker_id, ()))  # as their page counts them: "1 counterclaim made"
    made = {"counterclaims": str(counters)} if counters else {}
    affiliation = s.affiliation if _says_more(s.affiliation, roles) else ""
    fields = [Field(s.name, 10.0), *(Field(a, 5.0) for a in others), Field(roles), Field(affiliation)]
    with_folds, folds = _with_folds(fields)
    return Record(
        url=_url(links.speaker_page(speaker_id), use_directory_urls),
        kind=SPEAKER,
        title=s.name,
        fields=with_folds,
        meta={"role": roles, "claims": str(len(site.by_speaker.get(speaker_id, ()))), **made, **folds},
    )


def topic_record(site: Site, topic_id: str, use_directory_urls: bool = True) -> Record:
    t = site.topics[topic_id]
    with_folds, folds = _with_folds(
        [Field(t.name, 10.0), Field(plain(t.description) if t.description else "")]
    )
    return Record(
        url=_url(links.topic_page(topic_id), use_directory_urls),
        kind=TOPIC,
        title=t.name,
        fields=with_folds,
        meta={"claims": str(len(t.annotations)), **folds},
    )


def page_record(url: str, title: str, blocks: Iterable[str]) -> Record:
    """A hand-written page (About, Data, Contribute): found by its words, always shown after the content,
    and weighed at a tenth of it. ``blocks``: its text, a field a heading, paragraph or item, so that each
    ends in a stop in the index, as a briefing's fields do."""
    with_folds, folds = _with_folds([Field(title, 0.5), *(Field(b, 0.1) for b in blocks)])
    return Record(url, PAGE, title, with_folds, folds)


def records(site: Site, use_directory_urls: bool = True) -> Iterator[Record]:
    """Every record of the site's content, in the site's order: briefings newest first (each with its
    annotations as sections, in its own order), then speakers and topics."""
    on_date = Counter(b.article.published for b in site.briefings)
    for b in site.briefings:
        on_date[b.article.published] -= 1
        yield briefing_record(site, b, use_directory_urls, on_date[b.article.published])
    for speaker_id in site.speakers:
        yield speaker_record(site, speaker_id, use_directory_urls)
    for topic_id in site.topics:
        yield topic_record(site, topic_id, use_directory_urls)
