"""The annotation contract: raw YAML data to typed records, every error at once.

The contract is declared once, as :data:`SPEAKERS_FILE`, :data:`TOPICS_FILE`, :data:`ANNOTATION_FILE`
and :data:`FRONT_MATTER`; the validator below walks those declarations, and
the JSON Schema exporter (:mod:`jsonschema_export`) is generated from them.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from .charclass import first_control
from .diagnostics import MAX_PER_FILE, Diagnostic, Location, LocationMap, closest, did_you_mean, omitted
from .model import (
    ATTRIBUTIONS,
    DIRECT,
    FRAMING,
    Annotation,
    AnnotationFile,
    Counterclaim,
    Role,
    Source,
    Speaker,
    TopicInfo,
)
from .visible import folded, has_letters, mixed_scripts
from .yamlsource import KeyPath, YamlDoc

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 80
_ID_RE = re.compile(ID_PATTERN)
MAX_COUNTERCLAIMS = 50  # per annotation: each reference copies a claim onto the page
MAX_ITEMS = 100  # any other list in a record (sources, aliases); files have no limit but their size
MAX_TOPICS = 20  # per annotation: each topic page copies the claim


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "text" | "id" | "url" | "date" | "choice" | "list" | "record"
    required: bool = False
    max_len: int = 300
    item: Any = None  # for lists: a kind name or a Record; for records: the Record
    doc: str = ""
    letters: bool = True  # text: must have a visible letter or digit (not a prefix or suffix: ", " is one)
    max_items: int = MAX_ITEMS  # lists: at most this many items; 0: none (top-level lists: the file size)
    choices: tuple[str, ...] = ()  # choice: the values allowed, written exactly


@dataclass(frozen=True)
class Group:
    """Fields of a record of which at least one is given (not blank, not an empty list); with ``only``,
    exactly one. ``missing`` and ``both`` are the messages when none or more than one is given."""

    names: tuple[str, ...]
    only: bool
    missing: str
    both: str
    hint: str


@dataclass(frozen=True)
class When:
    """When field ``name`` is ``value``, the fields ``without`` are left out (a required one is then not
    required): ``message`` and ``hint`` when one is given; ``otherwise`` ends the hint of a missing one."""

    name: str
    value: str
    without: tuple[str, ...]
    message: str
    hint: str
    otherwise: str


@dataclass(frozen=True)
class Record:
    name: str
    fields: tuple[Field, ...]
    doc: str = ""
    groups: tuple[Group, ...] = ()
    rules: tuple[When, ...] = ()

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def required(self) -> tuple[str, ...]:
        """The names of the required fields, in order."""
        return tuple(f.name for f in self.fields if f.required)


SOURCE = Record(
    "source",
    (
        Field("title", "text", True, 300, doc="Title of the source"),
        Field("url", "url", True, 2000, doc="Absolute http(s) URL"),
    ),
)
ROLE = Record(
    "role",
    (
        Field("role", "text", True, 300, doc="What the speaker was, e.g. US Secretary of State"),
        Field("affiliation", "text", False, 300, doc="Organisation or country"),
        Field("from", "date", False, 40, doc="First day in the role, YYYY-MM-DD"),
        Field("until", "date", False, 40, doc="Last day in the role, YYYY-MM-DD"),
    ),
    doc="A role held between two dates (both days included)",
    groups=(
        Group(
            ("from", "until"),
            False,
            "a role in 'roles' needs 'from' or 'until'",
            "",
            "add its first day as 'from: YYYY-MM-DD', its last as 'until:', or both; a role held at every "
            "date is the speaker's 'role:'",
        ),
    ),
)
SPEAKER = Record(
    "speaker",
    (
        Field("id", "id", True, ID_MAX, doc="kebab-case id, unique"),
        Field("name", "text", True, 200, doc="Display name"),
        Field("role", "text", False, 300, doc="Role, for a speaker whose role does not change"),
        Field("roles", "list", False, 0, item=ROLE, doc="Roles with dates, for a speaker whose role changes"),
        Field(
            "affiliation", "text", False, 300, doc="Organisation or country (of every role that names none)"
        ),
        Field("aliases", "list", False, 200, item="text", doc="Other names the articles use"),
    ),
    groups=(
        Group(
            ("role", "roles"),
            True,
            "missing required field 'role' in speaker",
            "'role' and 'roles' are both given",
            "write 'role:' for a role held at every date, or 'roles:', a list "
            "of roles with dates, each a 'role' with 'from' or 'until' or both",
        ),
    ),
)
COUNTER_INLINE = Record(
    "counterclaim",
    (
        Field("speaker", "id", True, ID_MAX, doc="Speaker id of who makes the opposing assertion"),
        Field("claim", "text", True, 2000, doc="Plain-words paraphrase of the opposing assertion"),
        Field("quote", "text", False, 300, doc="Exact words, anchored in the same article"),
        Field("prefix", "text", False, 300, doc="Text just before the quote", letters=False),
        Field("suffix", "text", False, 300, doc="Text just after the quote", letters=False),
        Field("sources", "list", False, 0, item=SOURCE),
    ),
    doc="An inline counterclaim",
)
COUNTER_REF = Record(
    "counterclaim reference",
    (Field("ref", "id", True, ID_MAX, doc="Id of an existing annotation, in any briefing"),),
    doc=(
        "A counterclaim that is another annotation: 'ref' alone (its speaker and claim are that annotation's)"
    ),
)
ANNOTATION = Record(
    "annotation",
    (
        Field("id", "id", True, ID_MAX, doc="kebab-case id, unique across the whole site"),
        Field("speaker", "id", True, ID_MAX, doc="A speaker id from annotations/speakers.yml"),
        Field(
            "attribution",
            "choice",
            False,
            choices=ATTRIBUTIONS,
            doc=(
                "Whose words the quote is: direct (the speaker's own, in quotation marks; the default), "
                "reported (the reporter paraphrases the speaker) or framing (the article's own words, with "
                "no speaker)"
            ),
        ),
        Field("quote", "text", True, 300, doc="The exact words of the article"),
        Field(
            "prefix",
            "text",
            False,
            300,
            doc="Text just before the quote, to pick one occurrence",
            letters=False,
        ),
        Field("suffix", "text", False, 300, doc="Text just after the quote", letters=False),
        Field("claim", "text", True, 2000, doc="Plain-words paraphrase of what the speaker asserts"),
        Field(
            "counterclaims", "list", False, 0, item=(COUNTER_REF, COUNTER_INLINE), max_items=MAX_COUNTERCLAIMS
        ),
        Field("topics", "list", False, ID_MAX, item="id", doc="kebab-case topic ids", max_items=MAX_TOPICS),
        Field("note", "text", False, 2000, doc="Optional Markdown context from the annotator"),
        Field("sources", "list", False, 0, item=SOURCE),
        Field("contributor", "text", False, 100, doc="GitHub handle of the annotator"),
    ),
    rules=(
        When(
            "attribution",
            FRAMING,
            ("speaker",),
            "the article's own framing has no speaker",
            "remove the 'speaker:' line, or write 'attribution: reported' if the article gives these words "
            "to the speaker",
            "or 'attribution: framing' for the article's own words",
        ),
    ),
)
ANNOTATION_FILE = Record(
    "annotation file",
    (
        Field("article", "id", True, ID_MAX, doc="Slug of articles/<slug>.md"),
        Field("annotations", "list", True, 0, item=ANNOTATION, max_items=0),
    ),
)
TOPIC = Record(
    "topic",
    (
        Field("id", "id", True, ID_MAX, doc="kebab-case topic id, as used in annotations"),
        Field("name", "text", True, 200, doc="Display name, e.g. UN Security Council"),
        Field("description", "text", False, 2000, doc="Optional Markdown: what the topic covers"),
    ),
)
TOPICS_FILE = Record(
    "topics file",
    (Field("topics", "list", True, 0, item=TOPIC, max_items=0),),
    doc="Optional: display names and descriptions of topics",
)
SPEAKERS_FILE = Record("speakers file", (Field("speakers", "list", True, 0, item=SPEAKER, max_items=0),))
FRONT_MATTER = Record(
    "front matter",
    (
        Field("title", "text", True, 300),
        Field("subtitle", "text", False, 500),
        Field("publisher", "text", True, 200),
        Field("author", "text", True, 200),
        Field("published", "date", True, 40, doc="Publication date, e.g. 2018-07-08"),
        Field("language", "text", False, 20),
        Field("url", "url", False, 2000),
    ),
)


def field_path(keypath: KeyPath) -> str:
    out = ""
    for part in keypath:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "document"


def suggest_id(value: str) -> str:
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", text))[:ID_MAX].strip("-")


class Validator:
    """Checks one loaded document against a :class:`Record`, collecting diagnostics: the first
    :data:`MAX_PER_FILE`, and a count of the rest (a million bad items cost no million messages)."""

    def __init__(self, doc: YamlDoc):
        self.doc = doc
        self._problems: list[Diagnostic] = []
        self._more = 0
        self._more_at: Location | None = None

    @property
    def problems(self) -> list[Diagnostic]:
        more = [omitted(self._more_at, self._more)] if self._more_at else []
        return self._problems + more

    def error(self, keypath: KeyPath, message: str, hint: str = "", *, at_key: bool = False) -> None:
        if len(self._problems) >= MAX_PER_FILE:
            self._more += 1
            self._more_at = self._more_at or self.doc.loc(keypath)
            return
        loc = self.doc.key_loc(keypath) if at_key else self.doc.loc(keypath)
        self._problems.append(Diagnostic(loc, f"{field_path(keypath)}: {message}", hint, code="schema"))

    def record(self, value: Any, keypath: KeyPath, record: Record) -> dict | None:
        if not isinstance(value, dict):
            self.error(
                keypath,
                f"expected a mapping ({record.name}), found {_kind(value)}",
                "write 'key: value' lines",
            )
            return None
        out: dict[str, Any] = {}
        misspelt = set()  # required fields an unknown key is a misspelling of: that key's message names them
        by_name = record._by_name
        for key in value:
            if key not in by_name:
                names = [f.name for f in record.fields]
                misspelt.add(closest(key, names))
                hint = did_you_mean(key, names) or f"allowed fields: {', '.join(names)}"
                self.error((*keypath, key), f"unknown field '{key}' in {record.name}", hint, at_key=True)
        rule = next((r for r in record.rules if value.get(r.name) == r.value), None) if record.rules else None
        excused = set(rule.without) if rule else set()  # left out by the rule that applies
        for f in record.fields:
            if f.name not in value:
                if f.required and f.name not in misspelt | excused:
                    self.error(
                        keypath,
                        f"missing required field '{f.name}' in {record.name}",
                        f"add a '{f.name}:' line: {_sentence_part(f.doc or f.kind)}"
                        + _otherwise(record, f.name),
                    )
                continue
            if _blank(value[f.name]):
                if f.required and f.name not in excused:  # at the value, or at its key when nothing follows
                    where = (*keypath, f.name)
                    hint = (
                        "fill it in"
                        + (f": {_sentence_part(f.doc)}" if f.doc else "")
                        + _otherwise(record, f.name)
                    )
                    self.error(where, "is empty", hint, at_key=where in self.doc.nulls)
                continue
            if rule and f.name in excused:
                self.error((*keypath, f.name), rule.message, rule.hint)
                continue
            checked = self.value(value[f.name], (*keypath, f.name), f.kind, f)
            if checked is not None:
                out[f.name] = checked
        # Every group is checked, so each reports its problem: all() over a generator would stop at the first.
        groups_given = [self.group(value, keypath, g, misspelt) for g in record.groups]
        grouped = all(groups_given)
        # Invalid optional fields are left out; a record missing a required field (or group) is dropped.
        needed = [name for name in record.required if name not in excused] if excused else record.required
        return out if grouped and all(name in out for name in needed) else None

    def group(self, value: dict, keypath: KeyPath, group: Group, misspelt: set) -> bool:
        """Whether ``value`` gives enough of the group's fields (and, for ``only``, not more than one). None
        given is reported at the first one written empty, or else at the record, unless an unknown key is a
        misspelling of one (that key's message names it)."""
        given = [name for name in group.names if name in value and not _blank(value[name], empty_list=True)]
        empty = [name for name in group.names if name in value]
        if not given and empty:
            where = (*keypath, empty[0])
            self.error(where, "is empty", f"fill it in; {group.hint}", at_key=where in self.doc.nulls)
        elif not given and not misspelt & set(group.names):
            self.error(keypath, group.missing, group.hint)
        elif group.only and len(given) > 1:
            self.error((*keypath, given[1]), group.both, group.hint, at_key=True)
        return bool(given)

    def value(self, value: Any, keypath: KeyPath, kind: Any, f: Field | None = None) -> Any:
        if isinstance(kind, Record):
            return self.record(value, keypath, kind)
        if isinstance(kind, tuple):  # variants: the first whose first field is present, else the last
            chosen = next(
                (r for r in kind[:-1] if isinstance(value, dict) and r.fields[0].name in value), kind[-1]
            )
            return self.record(value, keypath, chosen)
        if kind == "list":
            assert f is not None, "a list is a field's kind, never a list item's"
            if not isinstance(value, list):
                self.error(
                    keypath, f"expected a list, found {_kind(value)}", "write '[a, b]' or '- item' lines"
                )
                return None
            if f.max_items and len(value) > f.max_items:
                self.error(
                    keypath,
                    f"{len(value):,} items, over the limit of {f.max_items:,}",
                    f"keep the {f.max_items:,} that matter most",
                )
                return None
            # Invalid items stay as None, so that indexes keep matching source locations.
            # A list of scalars: its field's max_len applies to each item.
            item = Field(f.name, f.item, max_len=f.max_len) if isinstance(f.item, str) else None
            return [self.value(v, (*keypath, i), f.item, item) for i, v in enumerate(value)]
        if not isinstance(value, str):
            self.error(keypath, f"expected text, found {_kind(value)}", "quote the value")
            return None
        if kind == "choice":
            assert f is not None, "a choice is a field's kind, never a list item's"
            if value in f.choices:
                return value
            self.error(
                keypath,
                f"'{_excerpt(value)}' is not one of: {', '.join(f.choices)}",
                did_you_mean(value, f.choices) or "write one of them, as written here",
            )
            return None
        return self.text(value, keypath, kind, f.max_len if f else ID_MAX, f.letters if f else True)

    def text(self, value: str, keypath: KeyPath, kind: str, max_len: int, letters: bool = True) -> str | None:
        # Free text is kept as written: whitespace at a prefix/suffix junction counts.
        if kind != "text":
            value = value.strip()
        if len(value) > max_len:
            self.error(keypath, f"is {len(value):,} characters, over the limit of {max_len:,}", "shorten it")
            return None
        bad = None if value.isprintable() else first_control(value)  # isprintable() is False for any control
        if bad is not None:
            self.error(keypath, f"contains the control character U+{ord(bad):04X}", "remove it")
            return None
        # Most text starts with an ASCII letter or digit, so has one: no lookup (blank list items pass).
        first = value[:1]
        visible = first.isascii() and first.isalnum()
        if kind == "text" and letters and not visible and value.strip() and not has_letters(value):
            self.error(
                keypath,
                f"'{_excerpt(value)}' has no visible letters",
                "write it in words: blank and invisible characters alone show nothing",
            )
            return None
        if kind == "id" and not _ID_RE.match(value):
            hint = f"use '{suggest_id(value)}'" if suggest_id(value) else "use lower-case words joined by '-'"
            self.error(keypath, f"'{value}' is not a kebab-case id", hint)
            return None
        if kind == "url" and (problem := url_problem(value)):
            self.error(keypath, f"'{value}' {problem[0]}", problem[1])
            return None
        if kind == "date" and not _is_date(value):
            self.error(keypath, f"'{value}' is not a valid date in YYYY-MM-DD form", "write e.g. 2018-07-08")
            return None
        return value


def _blank(value: Any, empty_list: bool = False) -> bool:
    """Nothing written, or only white space (an optional field left so is ignored); or ``[]``."""
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (empty_list and isinstance(value, list) and not value)
    )


def _otherwise(record: Record, name: str) -> str:
    """How a missing field may be left out (by a rule of the record), to end its hint; or ""."""
    return "".join(f", {rule.otherwise}" for rule in record.rules if name in rule.without)


def _sentence_part(doc: str) -> str:
    """``doc`` to follow a colon: its first letter lower-cased, unless its first word is a name (GitHub)."""
    first = doc.split(" ", 1)[0]
    return doc[0].lower() + doc[1:] if first[1:] == first[1:].lower() else doc


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(type(value), "a value")


def _excerpt(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


_NOT_URL = ("is not an absolute http(s) URL", "write it as https://...")


def url_problem(value: str) -> tuple[str, str] | None:
    """Why ``value`` is not a link a reader can trust, as (message, hint); None when it is one.

    Browsers and Python's ``urlsplit`` read some URLs differently (a backslash is '/' to a browser, and
    ``https://evil.example\\@un.org`` goes to evil.example), so anything they could disagree on is refused:
    user info before '@', backslashes, percent signs or other punctuation in the host, a bad port."""
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # an unclosed IPv6 bracket ("http://[x"), a port that is not a number
        return _NOT_URL
    if not (
        parts.scheme in ("http", "https")
        and parts.netloc
        and value.startswith(parts.scheme + "://")
        and not any(c.isspace() or c in "<>\"'`" for c in value)
    ):
        return _NOT_URL
    if "\\" in value:
        return "contains a backslash, which browsers read as '/'", "write '/' or leave it out"
    if "@" in parts.netloc:
        return (
            (
                "has user info before '@': the link would go to the host after it, not the one a reader "
                "sees first"
            ),
            "remove everything between '://' and '@'",
        )
    host = unicodedata.normalize("NFKC", parts.hostname or "")
    if (
        parts.netloc.startswith("[")
        or not port_ok
        or not host
        or not all(c.isalnum() or c in ".-_" or unicodedata.category(c) in ("Mn", "Mc") for c in host)
    ):
        return "does not have a plain host name", "write the site's name, e.g. https://www.un.org/..."
    mixed = next((scripts for label in host.split(".") if (scripts := mixed_scripts(label))), None)
    if mixed:
        return (
            f"mixes {' and '.join(mixed)} letters in its host name, so it can imitate another site",
            "write the host in one script (a real site of mixed scripts in its 'xn--' form)",
        )
    return None


def _is_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# --- documents to records -----------------------------------------------------


def _locations(doc: YamlDoc, keypath: KeyPath, item: dict) -> Mapping[str, Location]:
    marks = doc.value_marks
    return LocationMap(
        doc.path, {name: mark for name in item if (mark := marks.get((*keypath, name))) is not None}
    )


def _sources(doc: YamlDoc, items: list, keypath: KeyPath) -> tuple[Source, ...]:
    if not items:
        return ()
    return tuple(Source(s["title"], s["url"], doc.loc((*keypath, i))) for i, s in enumerate(items) if s)


def refused_ids(doc: YamlDoc, key: str, kept: Iterable[str]) -> frozenset[str]:
    """The ids written in the list ``key`` of ``doc`` whose entries were left out for their own errors (each
    reported), with the ids their hints suggest: a reference to one is not reported again (no cascade)."""
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return frozenset()
    ids = (item.get("id") for item in items if isinstance(item, dict))
    written = {i.strip() for i in ids if isinstance(i, str)}
    return frozenset((written | {suggest_id(i) for i in written}) - set(kept) - {""})


def read_speakers(doc: YamlDoc) -> tuple[list[Speaker], list[Diagnostic]]:
    v = Validator(doc)
    data = v.record(doc.data, (), SPEAKERS_FILE) or {}
    speakers = [
        Speaker(
            id=s["id"],
            name=s["name"],
            role=s.get("role", ""),
            location=doc.loc(("speakers", i)),
            affiliation=s.get("affiliation", ""),
            aliases=tuple(a for a in s.get("aliases", ()) if a),
            roles=_roles(v, ("speakers", i, "roles"), s),
        )
        for i, s in enumerate(data.get("speakers", []))
        if s
    ]
    return speakers, v.problems


def _roles(v: Validator, keypath: KeyPath, speaker: dict) -> tuple[Role, ...]:
    """A speaker's dated roles (a role without an affiliation takes the speaker's); 'until' before 'from' is
    an error."""
    roles = []
    for j, r in enumerate(speaker.get("roles", ())):
        if not r:
            continue
        start, end = r.get("from", ""), r.get("until", "")
        if start and end and end < start:
            v.error(
                (*keypath, j, "until"),
                f"{end} is before the role's 'from' date ({start})",
                "write the role's last day, on or after its first",
            )
        roles.append(Role(r["role"], r.get("affiliation") or speaker.get("affiliation", ""), start, end))
    return tuple(roles)


def read_topics(doc: YamlDoc) -> tuple[list[TopicInfo], list[Diagnostic]]:
    v = Validator(doc)
    data = v.record(doc.data, (), TOPICS_FILE) or {}
    topics = [
        TopicInfo(t["id"], t["name"], doc.loc(("topics", i)), t.get("description", ""))
        for i, t in enumerate(data.get("topics", []))
        if t
    ]
    return topics, v.problems


def _counterclaim(doc: YamlDoc, annotation_id: str, keypath: KeyPath, index: int, c: dict) -> Counterclaim:
    return Counterclaim(
        annotation_id=annotation_id,
        index=index,
        location=doc.loc(keypath),
        ref=c.get("ref", ""),
        speaker=c.get("speaker", ""),
        claim=c.get("claim", ""),
        quote=c.get("quote", ""),
        prefix=c.get("prefix", ""),
        suffix=c.get("suffix", ""),
        sources=_sources(doc, c.get("sources", []), (*keypath, "sources")),
        field_path=field_path(keypath),
        locations=_locations(doc, keypath, c),
    )


def _annotation(doc: YamlDoc, article: str, keypath: KeyPath, item: dict, written: dict) -> Annotation:
    """``item``: the checked fields of an annotation; ``written``: the same annotation as written."""
    counters = tuple(
        _counterclaim(doc, item["id"], (*keypath, "counterclaims", j), j, c)
        for j, c in enumerate(item.get("counterclaims", []))
        if c
    )
    stated = not _blank(written.get("attribution"))  # a value in error is not inferred either: no cascade
    return Annotation(
        id=item["id"],
        article=article,
        speaker=item.get("speaker", ""),
        quote=item["quote"],
        claim=item["claim"],
        attribution=item.get("attribution", DIRECT),
        attribution_inferred=not stated,
        location=doc.loc(keypath),
        prefix=item.get("prefix", ""),
        suffix=item.get("suffix", ""),
        counterclaims=counters,
        topics=tuple(dict.fromkeys(t for t in item.get("topics", ()) if t)),
        note=item.get("note", ""),
        sources=_sources(doc, item.get("sources", []), (*keypath, "sources")),
        contributor=item.get("contributor", ""),
        field_path=field_path(keypath),
        locations=_locations(doc, keypath, item),
    )


def _repeated_counterclaims(v: Validator, keypath: KeyPath, counters: list) -> None:
    """The same ``ref`` twice, or an inline counterclaim with the speaker and claim of an earlier one."""
    seen: dict[tuple, int] = {}
    for j, c in enumerate(counters):
        if not c:
            continue
        key = ("ref", c["ref"]) if "ref" in c else ("inline", c["speaker"], folded(c["claim"]).casefold())
        first = seen.setdefault(key, j)
        if first == j:
            continue
        where = (*keypath, "counterclaims", first)
        hint = f"remove the repeated counterclaim (the first is at {v.doc.loc(where)})"
        if "ref" in c:
            v.error(
                (*keypath, "counterclaims", j, "ref"), f"'{c['ref']}' is already {field_path(where)}", hint
            )
        else:
            v.error(
                (*keypath, "counterclaims", j), f"repeats {field_path(where)} (same speaker and claim)", hint
            )


def read_annotation_file(doc: YamlDoc) -> tuple[AnnotationFile | None, list[Diagnostic]]:
    v = Validator(doc)
    data = v.record(doc.data, (), ANNOTATION_FILE)
    for i, item in enumerate(data.get("annotations") or [] if data else []):
        if item and item.get("counterclaims"):
            _repeated_counterclaims(v, ("annotations", i), item["counterclaims"])
    if not data:
        return None, v.problems
    annotations = tuple(
        _annotation(doc, data["article"], ("annotations", i), item, doc.data["annotations"][i])
        for i, item in enumerate(data["annotations"])
        if item
    )
    refused = refused_ids(doc, "annotations", (a.id for a in annotations))
    return AnnotationFile(doc.path, data["article"], doc.loc(("article",)), annotations, refused), v.problems
