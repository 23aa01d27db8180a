"""Cross-file checks: ids unique, speakers and refs known, articles present, quotes anchored.

Each check takes the records of the whole project and returns diagnostics;
nothing stops at the first problem.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping

from .anchoring import SUGGEST_MAX, Anchor, anchor_quote, closest_searches, shortest_context
from .articles import NormalizedText, normalize, normalize_with_offsets, offset_to_location
from .diagnostics import Diagnostic, Location, did_you_mean
from .drift import best_candidate, word_diff
from .model import Annotation, AnnotationFile, Article, Briefing, Speaker
from .quotation import unquoted_direct
from .schema import suggest_id
from .visible import first_difference, lookalike_key

# Briefing-page anchors an annotation id must not take: section headings, "q-<id>" for highlights and
# "dispute-<id>" for the dispute view's entries (render/disputes.py).
RESERVED_IDS = frozenset({"article", "annotations", "disputes", "who-is-involved"})
RESERVED_PREFIXES = ("q-", "dispute-")
INDEX = "index"  # a speaker id, topic id or article slug 'index' would take the place of an index page
MAX_CITATIONS = 50  # refs to one annotation, site-wide: each copies its claim onto the citing page


def _error(location: Location, message: str, hint: str = "", code: str = "reference") -> Diagnostic:
    return Diagnostic(location, message, hint, code=code)


def unique_ids(items: Iterable, kind: str) -> tuple[dict, list[Diagnostic]]:
    """A registry's entries by id (speakers, topics): duplicates, the reserved id 'index', and names that a
    reader could not tell from an earlier entry's (:func:`lookalike_name`) are errors."""
    registry: dict = {}
    names: dict[str, object] = {}
    problems = []
    for item in items:
        first = registry.get(item.id)
        if item.id == INDEX:
            problems.append(
                _error(
                    item.location,
                    f"{kind}s: {kind} id 'index' is reserved",
                    f"it would replace the {kind.capitalize()}s index page; pick another id",
                )
            )
        if first:
            problems.append(
                _error(
                    item.location,
                    f"{kind}s: duplicate {kind} id '{item.id}'",
                    f"first defined at {first.location}; give one of them another id",
                )
            )
            continue
        registry[item.id] = item
        original = names.setdefault(lookalike_key(item.name), item)
        if original is not item:
            problems.append(lookalike_name(kind, item, original))
    return registry, problems


def lookalike_name(kind: str, item, original) -> Diagnostic:
    """An entry whose name looks like an earlier entry's: the same name, or one a reader cannot tell apart."""
    where = f"first defined at {original.location}"
    if item.name == original.name:
        return _error(
            item.location,
            f"{kind}s: {kind} '{item.name}' ({item.id}) has the same name as '{original.id}'",
            f"{where}; use the id '{original.id}' for the same one, or tell the two apart in the name",
        )
    return _error(
        item.location,
        f"{kind}s: {kind} '{item.name}' ({item.id}) looks like '{original.name}' ({original.id})",
        f"{where}; it differs by {first_difference(item.name, original.name)}, "
        f"which readers cannot tell apart: use the id '{original.id}' for the same one, or a name "
        "that differs in letters",
    )


def lookalike_contributors(files: list[AnnotationFile]) -> list[Diagnostic]:
    """A contributor handle a reader could not tell from one used earlier (reported once per handle)."""
    first: dict[str, tuple[str, Location]] = {}
    reported: set[str] = set()
    problems = []
    for f in files:
        for ann in f.annotations:
            handle = ann.contributor
            if not handle:
                continue
            original, where = first.setdefault(lookalike_key(handle), (handle, ann.loc("contributor")))
            if original != handle and handle not in reported:
                reported.add(handle)
                differs = first_difference(handle, original)
                problems.append(
                    _error(
                        ann.loc("contributor"),
                        f"{ann.field_path}.contributor: '{handle}' looks like the contributor '{original}'",
                        f"first used at {where}; "
                        f"it differs by {differs}: write the handle exactly as on GitHub",
                    )
                )
    return problems


def _speaker_hint(value: str, speakers: Mapping[str, Speaker]) -> str:
    for speaker in speakers.values():
        if suggest_id(value) in {suggest_id(n) for n in (speaker.name, *speaker.aliases)}:
            return f"did you mean '{speaker.id}' ({speaker.name})?"
    return did_you_mean(value, speakers) or "add the speaker to annotations/speakers.yml first"


def check_references(
    files: list[AnnotationFile],
    articles: Mapping[str, Article],
    speakers: Mapping[str, Speaker] | None,
    unreadable: Collection[str] = (),
    partial: bool = False,
    refused_speakers: Collection[str] = (),
) -> list[Diagnostic]:
    """``unreadable``: slugs whose article file exists but did not load (its own errors are reported).
    ``speakers`` is None when the registry itself did not load: speaker ids are then not checked, since
    every one would be reported as unknown. ``partial``: some annotation file was not read (its own error is
    reported), so a ref to an unknown id may be to one of its annotations and is not reported.
    A ref to an annotation left out for its own errors (``AnnotationFile.refused``), or a use of a speaker
    left out of the registry for its own (``refused_speakers``, see :func:`.schema.refused_ids`), is not
    reported either: the root cause is, once.
    Article file names are checked before the files are read (:mod:`.sourcefiles`)."""
    problems: list[Diagnostic] = []
    if INDEX in articles:
        problems.append(
            _error(
                articles[INDEX].location,
                "article file name 'index' is reserved",
                "it would replace the Briefings index page; rename the file to its slug",
            )
        )
    seen_articles: dict[str, AnnotationFile] = {}
    seen_ids: dict[str, Annotation] = {}
    for f in files:
        if f.article in unreadable:
            pass
        elif f.article not in articles:
            hint = did_you_mean(f.article, articles) or f"create articles/{f.article}.md first"
            problems.append(
                _error(f.location, f"article: no article '{f.article}' in the articles folder", hint)
            )
        elif f.article in seen_articles:
            problems.append(
                _error(
                    f.location,
                    f"article: '{f.article}' already has an annotation file",
                    f"merge this file into {seen_articles[f.article].path}",
                )
            )
        else:
            seen_articles[f.article] = f
        for ann in f.annotations:
            if ann.id.startswith(RESERVED_PREFIXES) or ann.id in RESERVED_IDS:
                problems.append(
                    _error(
                        ann.loc("id"),
                        f"{ann.field_path}.id: '{ann.id}' is reserved for the page's own anchors",
                        "pick an id that does not start with 'q-' or 'dispute-' and is not one of "
                        + ", ".join(sorted(RESERVED_IDS)),
                    )
                )
            if ann.id in seen_ids:
                problems.append(
                    _error(
                        ann.loc("id"),
                        f"{ann.field_path}.id: duplicate annotation id '{ann.id}'",
                        f"first defined at {seen_ids[ann.id].loc('id')}; ids are unique site-wide",
                    )
                )
            else:
                seen_ids[ann.id] = ann
    citations = Counter(c.ref for f in files for ann in f.annotations for c in ann.counterclaims if c.ref)
    cited: Counter[str] = Counter()
    refused = {i for f in files for i in f.refused}

    def unknown_speaker(sid: str) -> str | None:
        """The hint for a speaker id the registry lacks; None for one it has, or when there is no registry."""
        if speakers is None or sid in speakers or sid in refused_speakers:
            return None
        return _speaker_hint(sid, speakers)

    for f in files:
        for ann in f.annotations:
            if INDEX in ann.topics:
                problems.append(
                    _error(
                        ann.loc("topics"),
                        f"{ann.field_path}.topics: topic id 'index' is reserved",
                        "it would replace the Topics index page; pick another id",
                    )
                )
            # The article's own framing has no speaker.
            if ann.speaker and (speaker_hint := unknown_speaker(ann.speaker)):
                problems.append(
                    _error(
                        ann.loc("speaker"),
                        f"{ann.field_path}.speaker: unknown speaker '{ann.speaker}'",
                        speaker_hint,
                    )
                )
            for c in ann.counterclaims:
                if c.ref and c.ref not in seen_ids:
                    if partial or c.ref in refused:
                        continue
                    problems.append(
                        _error(
                            c.loc("ref"),
                            f"{c.field_path}.ref: no annotation with id '{c.ref}'",
                            did_you_mean(c.ref, seen_ids) or "refer to the id of an existing annotation",
                        )
                    )
                elif c.ref == ann.id:
                    problems.append(
                        _error(
                            c.loc("ref"),
                            f"{c.field_path}.ref: an annotation cannot counter itself",
                            "refer to another annotation",
                        )
                    )
                elif c.ref:
                    cited[c.ref] += 1
                    if cited[c.ref] == MAX_CITATIONS + 1:  # one message, at the first reference too many
                        problems.append(
                            _error(
                                c.loc("ref"),
                                f"{c.field_path}.ref: annotation '{c.ref}' is cited as a "
                                f"counterclaim {citations[c.ref]:,} times, over the limit of {MAX_CITATIONS}",
                                "each citation copies its claim onto the page; cite it at most "
                                f"{MAX_CITATIONS} times",
                            )
                        )
                elif c.speaker and (speaker_hint := unknown_speaker(c.speaker)):
                    problems.append(
                        _error(
                            c.loc("speaker"),
                            f"{c.field_path}.speaker: unknown speaker '{c.speaker}'",
                            speaker_hint,
                        )
                    )
    return problems + lookalike_contributors(files)


CLOSEST_MIN_RATIO = 0.5  # below this, the "closest passage" is noise and is not shown


def _excerpt(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def anchor_error(
    article: Article,
    norm: NormalizedText,
    result: Anchor,
    where: Location,
    field: str,
    prefix: str,
    suffix: str,
    quote: str = "",
) -> Diagnostic:
    """Why a quote did not anchor: not found (best candidate, score, word diff), ambiguous, or excluded."""
    text = norm.text

    def at(offset: int) -> Location:
        return offset_to_location(article, norm.starts[min(offset, len(norm.starts) - 1)])

    if not result.occurrences:
        message = f"{field}: quote not found in {article.path}"
        if not result.searched:
            shown = closest_searches(text)
            return _error(
                where,
                message,
                "copy the words exactly from the article (in an article this long, "
                f"the closest passage is shown for the first {shown} only)",
                code="anchor",
            )
        if not result.closest or result.closest[2] < CLOSEST_MIN_RATIO:
            return _error(where, message, "copy the words exactly from the article", code="anchor")
        start, end, ratio = result.closest
        candidate = best_candidate(text, normalize(quote)) if quote else None
        if candidate:
            start, end, ratio = candidate.start, candidate.end, candidate.score
        diff = f"; diff: {word_diff(normalize(quote), text[start:end])}" if quote else ""
        return _error(
            where,
            message,
            f'closest passage ({ratio:.0%} similar) at {at(start)}: "{_excerpt(text[start:end])}"{diff}',
            code="anchor",
        )
    if not result.remaining:
        # Blame the prefix only when no occurrence has it; otherwise the suffix excluded those that do.
        with_prefix = [
            o for o in result.occurrences if text[max(0, o.start - len(prefix)) : o.start] == prefix
        ]
        blame_prefix = bool(prefix) and not with_prefix
        context = "prefix" if blame_prefix else "suffix"
        first = result.occurrences[0] if blame_prefix else with_prefix[0]
        actual = (
            text[max(0, first.start - len(prefix) - 10) : first.start]
            if blame_prefix
            else text[first.end : first.end + len(suffix) + 10]
        )
        return _error(
            where,
            f"{field}: quote found {len(result.occurrences)} time(s) in {article.path}, "
            f"but never with this {context}",
            f'at {at(first.start)} the text {"before" if blame_prefix else "after"} it is "{actual}"',
            code="anchor",
        )
    listed = result.remaining[:SUGGEST_MAX]
    more = len(result.remaining) - len(listed)
    places = ", ".join(f"{at(o.start).line}:{at(o.start).col}" for o in listed)
    picks = []
    if more:  # each suggestion compares its occurrence with every other one: only for a few
        places += f" and {more:,} more"
        picks.append(
            f"quote a longer passage: a prefix or suffix is suggested for {SUGGEST_MAX} places at most"
        )
    for o in () if more else listed:
        before, after = shortest_context(text, result.remaining, o)
        options = " or ".join(
            f"{name}: {json.dumps(value, ensure_ascii=False)}"  # pasteable YAML
            for name, value in (("prefix", before), ("suffix", after))
            if value
        )
        picks.append(
            f"for {at(o.start).line}:{at(o.start).col} add {options}"
            if options
            else f"for {at(o.start).line}:{at(o.start).col} no prefix or suffix can single it out"
        )
    return _error(
        where,
        f"{field}: quote is ambiguous: it occurs {len(result.remaining)} times in "
        f"{article.path} (at {places})",
        "; ".join(picks),
        code="anchor",
    )


def anchor_briefing(article: Article, file: AnnotationFile) -> tuple[Briefing, list[Diagnostic]]:
    """Anchor every quote of one annotation file in its article."""
    norm = normalize_with_offsets(article.body)
    problems: list[Diagnostic] = []
    searches, allowed = 0, closest_searches(norm.text)  # each closest-passage search reads the whole article

    def place(item):
        nonlocal searches
        result = anchor_quote(norm, item.quote, item.prefix, item.suffix, closest=searches < allowed)
        searches += result.searched
        if result.span is None:
            problems.append(
                anchor_error(
                    article,
                    norm,
                    result,
                    item.loc("quote"),
                    f"{item.field_path}.quote",
                    normalize(item.prefix),
                    normalize(item.suffix),
                    item.quote,
                )
            )
        return result.span

    anchored = []
    for ann in file.annotations:
        counters = tuple(dataclasses.replace(c, span=place(c)) if c.quote else c for c in ann.counterclaims)
        anchored.append(dataclasses.replace(ann, span=place(ann), counterclaims=counters))
    problems += unquoted_direct(article.body, anchored)
    return Briefing(article, tuple(anchored), file.path), problems
