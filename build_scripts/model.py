"""The frozen model: briefings, speakers, topics, annotations, counterclaims.

Records are created by :mod:`schema` (with their source locations) and
:mod:`articles`; :func:`build_site` links them once, computing every
cross-link and back-link that the renderers list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .diagnostics import Diagnostic, Location


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` in an article's original body text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str
    location: Location


@dataclass(frozen=True, slots=True)
class Role:
    """A role a speaker held; ``start`` and ``end`` are YYYY-MM-DD dates, both included ("" for open)."""

    role: str
    affiliation: str = ""
    start: str = ""
    end: str = ""

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    def held_on(self, date: str) -> bool:
        return (not self.start or self.start <= date) and (not self.end or date <= self.end)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A registered speaker: one ``role`` (and ``affiliation``) for every date, or dated ``roles``."""

    id: str
    name: str
    role: str
    location: Location
    affiliation: str = ""
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()  # dated roles, in the registry's order; then ``role`` is ""

    @property
    def all_roles(self) -> tuple[Role, ...]:
        return self.roles or (Role(self.role, self.affiliation),)

    def roles_on(self, date: str) -> tuple[Role, ...]:
        """The roles held on ``date`` (YYYY-MM-DD): the single role, or the dated ones that include it."""
        return tuple(r for r in self.all_roles if r.held_on(date))

    @property
    def latest_role(self) -> Role:
        """The role held last (the single role, or the dated one that ends last, then starts last)."""
        return max(reversed(self.all_roles), key=lambda r: (r.end or "9999-99-99", r.start))


@dataclass(frozen=True, slots=True)
class Counterclaim:
    """An opposing assertion: inline (speaker + claim) or a ``ref`` to another annotation."""

    annotation_id: str
    index: int
    location: Location
    ref: str = ""
    speaker: str = ""
    claim: str = ""
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    sources: tuple[Source, ...] = ()
    span: Span | None = None
    field_path: str = ""  # e.g. "annotations[2].counterclaims[0]"
    locations: Mapping[str, Location] = field(default_factory=dict, compare=False)

    def loc(self, name: str) -> Location:
        return self.locations.get(name, self.location)

    @property
    def anchor(self) -> str:
        return f"{self.annotation_id}--counter-{self.index + 1}"


DIRECT, REPORTED, FRAMING = "direct", "reported", "framing"
ATTRIBUTIONS = (DIRECT, REPORTED, FRAMING)  # the speaker's quoted words; paraphrased; the reporter's own


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    article: str
    speaker: str  # "" for the article's own framing
    quote: str
    claim: str
    location: Location
    prefix: str = ""
    suffix: str = ""
    counterclaims: tuple[Counterclaim, ...] = ()
    topics: tuple[str, ...] = ()
    note: str = ""
    sources: tuple[Source, ...] = ()
    contributor: str = ""
    span: Span | None = None
    field_path: str = ""  # e.g. "annotations[2]"
    locations: Mapping[str, Location] = field(default_factory=dict, compare=False)
    attribution: str = DIRECT
    attribution_inferred: bool = False  # not written in the file: the default, checked against the article

    def loc(self, name: str) -> Location:
        return self.locations.get(name, self.location)


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    path: str
    title: str
    publisher: str
    author: str
    published: str
    body: str
    body_line: int
    location: Location
    subtitle: str = ""
    language: str = "en"
    url: str = ""


@dataclass(frozen=True, slots=True)
class AnnotationFile:
    path: str
    article: str
    location: Location
    annotations: tuple[Annotation, ...] = ()
    refused: frozenset[str] = frozenset()  # ids of annotations left out for their own (reported) errors


@dataclass(frozen=True, slots=True)
class Briefing:
    article: Article
    annotations: tuple[Annotation, ...]
    source_path: str  # the annotation file that produced this briefing's annotations

    @property
    def slug(self) -> str:
        return self.article.slug


@dataclass(frozen=True, slots=True)
class TopicInfo:
    """An entry of the optional topic registry (``annotations/topics.yml``)."""

    id: str
    name: str
    location: Location
    description: str = ""


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    annotations: tuple[str, ...]
    title: str = ""  # from the registry; else derived from the id
    description: str = ""
    briefings: tuple[str, ...] = ()  # the slugs of the briefings its annotations are in, in the site's order

    @property
    def name(self) -> str:
        return self.title or self.id.replace("-", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Dispute:
    """``by`` disputes ``target``: through an inline counterclaim, or a ref to annotation ``ref``."""

    target: str
    counterclaim: Counterclaim
    by: str  # speaker id ("" for the article's own framing, cited by ref)
    ref: str = ""


@dataclass(frozen=True, slots=True)
class Site:
    briefings: tuple[Briefing, ...]
    speakers: Mapping[str, Speaker]
    annotations: Mapping[str, Annotation]
    topics: Mapping[str, Topic]
    by_speaker: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    disputes_of: Mapping[str, tuple[Dispute, ...]] = field(default_factory=dict)
    disputes_by: Mapping[str, tuple[Dispute, ...]] = field(default_factory=dict)  # newest first, where said
    cited_by: Mapping[str, tuple[Dispute, ...]] = field(default_factory=dict)  # ref target -> disputes
    briefing_of: Mapping[str, str] = field(default_factory=dict)
    by_slug: Mapping[str, Briefing] = field(default_factory=dict)
    # Diagnostics of level "warning" found while loading (check --strict fails on them).
    warnings: tuple[Diagnostic, ...] = ()

    def briefing(self, slug: str) -> Briefing:
        found = self.by_slug.get(slug)  # a dict lookup: a linear scan here made rendering quadratic
        return found if found is not None else next(b for b in self.briefings if b.slug == slug)


def _freeze(groups: Mapping[str, list]) -> Mapping[str, tuple]:
    return MappingProxyType({key: tuple(values) for key, values in sorted(groups.items())})


def _topic(topic_id: str, ids: list[str], info: TopicInfo | None, briefing_of: Mapping[str, str]) -> Topic:
    slugs = tuple(dict.fromkeys(briefing_of[a] for a in ids))
    return Topic(topic_id, tuple(ids), info.name if info else "", info.description if info else "", slugs)


def build_site(
    briefings: list[Briefing],
    speakers: Mapping[str, Speaker],
    topic_info: Mapping[str, TopicInfo] | None = None,
    warnings: Iterable[Diagnostic] = (),
) -> Site:
    """Link validated, anchored records. Orders are fixed: nothing depends on dict or file order."""
    ordered = tuple(
        sorted(briefings, key=lambda b: (b.article.published, b.slug), reverse=True)
    )  # newest first
    annotations = {a.id: a for b in ordered for a in b.annotations}
    by_speaker: dict[str, list[str]] = defaultdict(list)
    by_topic: dict[str, list[str]] = defaultdict(list)
    disputes_of: dict[str, list[Dispute]] = defaultdict(list)
    disputes_by: dict[str, list[Dispute]] = defaultdict(list)
    cited_by: dict[str, list[Dispute]] = defaultdict(list)
    for ann in annotations.values():
        if ann.speaker:  # the article's own framing is on no speaker's page
            by_speaker[ann.speaker].append(ann.id)
        for topic in ann.topics:
            by_topic[topic].append(ann.id)
        for counter in ann.counterclaims:
            by = annotations[counter.ref].speaker if counter.ref else counter.speaker
            dispute = Dispute(ann.id, counter, by, counter.ref)
            disputes_of[ann.id].append(dispute)
            if by:
                disputes_by[by].append(dispute)
            if counter.ref:
                cited_by[counter.ref].append(dispute)
    place = {ann_id: n for n, ann_id in enumerate(annotations)}  # the site's order
    for made in disputes_by.values():  # newest first by where said (a cited claim: at its place)
        made.sort(key=lambda d: place[d.ref or d.target])
    briefing_of = {a.id: b.slug for b in ordered for a in b.annotations}
    return Site(
        briefings=ordered,
        speakers=MappingProxyType(dict(sorted(speakers.items(), key=lambda kv: (kv[1].name.lower(), kv[0])))),
        annotations=MappingProxyType(annotations),
        topics=MappingProxyType(
            {t: _topic(t, ids, (topic_info or {}).get(t), briefing_of) for t, ids in sorted(by_topic.items())}
        ),
        by_speaker=_freeze(by_speaker),
        disputes_of=_freeze(disputes_of),
        disputes_by=_freeze(disputes_by),
        cited_by=_freeze(cited_by),
        briefing_of=MappingProxyType(briefing_of),
        by_slug=MappingProxyType({b.slug: b for b in ordered}),
        warnings=tuple(warnings),
    )
