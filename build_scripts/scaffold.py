"""``new ARTICLE_SLUG "QUOTE" [--append]``: a ready-to-fill annotation stub for a quote.

The quote is located in the article the way ``check`` anchors it. When it
occurs more than once, the stub gets the shortest ``prefix`` or ``suffix``
that singles out the chosen occurrence. The speaker is suggested from the
quote's own attribution ("Stone said", "she said", "according to the
ministry": see :mod:`.speaker_guess`), or left blank; either way its line
carries a ``# TODO`` comment that ``check`` reports until it is deleted. A quote
outside quotation marks gets ``attribution: reported`` with a ``# TODO`` to check
it (``framing`` for the article's own words): ``check`` refuses the default,
``direct``, there (:mod:`.quotation`).
The id is ``speaker-keyword``, unique site-wide. ``--append`` adds the stub to
``annotations/<slug>.yml`` with a round-trip YAML dump that keeps every
comment and line of the file as it was.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# The authoring extra. Without it these names stay undefined: `new`, their only user, stops first at
# extras.require with a one-line message.
with contextlib.suppress(ModuleNotFoundError):
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .anchoring import anchor_quote, shortest_context
from .articles import normalize_with_offsets, offset_to_location, read_article
from .diagnostics import PipelineError, did_you_mean
from .extras import require
from .model import REPORTED, Speaker
from .quotation import Quotations
from .schema import ID_MAX, read_speakers, suggest_id
from .speaker_guess import Guess, attribute
from .yamlsource import load_yaml_bytes

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/annotations.schema.json"
KEYWORDS = 2  # content words of the quote in a suggested id
STOP_WORDS = frozenset(  # left out of suggested ids
    "a about above after again against all also am an and any anybody anyone anything are as at be because "
    "been before being everybody everyone everything nobody nothing somebody someone something "
    "below between both but by can could did do does doing done down during each even ever every few for "
    "from further get gets go goes going gone got had has have having he her here hers herself him "
    "himself his how i if in into is it its itself just let lets like made make makes many may me might "
    "more most much must my myself never no nor not now of off on once one only or other our ours "
    "ourselves out over own per put said same say says see she should so some still such than that the "
    "their theirs them themselves then there these they this those through thus to too under until up "
    "upon us very was we well were what when where which while who whom whose why will with within "
    "without would yet you your yours yourself s t ll re ve d m".split()
)


class ScaffoldError(Exception):
    """A problem the user must fix; the message says what and how."""


@dataclass(frozen=True)
class Stub:
    id: str
    quote: str
    # The suggested speaker and the words of the article that suggest it.
    guess: Guess = field(default_factory=Guess)
    prefix: str = ""
    suffix: str = ""
    where: str = ""  # path:line:col of the chosen occurrence
    occurrences: int = 1
    quoted: bool = True  # inside quotation marks in the article: a direct quote, the default attribution


def existing_ids(folder: Path) -> set[str]:
    """Every annotation id already written in ``folder`` (a plain text scan: works on invalid files too)."""
    ids: set[str] = set()
    for path in folder.glob("*.y*ml"):
        if path.name != "speakers.yml":
            text = path.read_text(encoding="utf-8", errors="replace")
            ids.update(re.findall(r"^\s*(?:-\s+)?id:\s*[\"']?([a-z0-9-]+)", text, re.MULTILINE))
    return ids


def short_name(speaker: Speaker) -> str:
    """The word a speaker's ids start with: the shortest one-word name or alias ("Pompeo", "the ministry"),
    or else the last part of the speaker's id."""
    words = [w for term in (speaker.name, *speaker.aliases) if len(w := _content_words(term, ())) == 1]
    return min(words, key=lambda w: len(w[0]))[0] if words else speaker.id.rsplit("-", 1)[-1]


def _content_words(text: str, skip: Iterable[str]) -> list[str]:
    skipped = set(skip) | STOP_WORDS
    return [w for w in re.findall(r"[a-z0-9]+", suggest_id(text).replace("-", " ")) if w not in skipped]


def unique_id(quote: str, taken: set[str], speaker: Speaker | None = None) -> str:
    """``speaker-keyword``: the speaker's short name and the one or two longest content words of the quote
    (in the quote's order); a number is added when the id is taken."""
    name = short_name(speaker) if speaker else ""
    own = _content_words(" ".join((speaker.name, *speaker.aliases)), ()) if speaker else []
    words = [w for w in _content_words(quote, own) if len(w) > 1]
    chosen = sorted(sorted(set(words), key=lambda w: (-len(w), words.index(w)))[:KEYWORDS], key=words.index)
    if not chosen:  # only common words: the first few of the quote
        chosen = suggest_id(quote).split("-")[:3] if suggest_id(quote) else []
    base = "-".join(w for w in (name, *chosen) if w)[: ID_MAX - 4].strip("-") or "annotation"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _closest(article, norm, quote: str) -> str:
    found = anchor_quote(norm, quote).closest
    if not found:
        return ""
    start, end, ratio = found
    first, last = norm.original_span(start, max(end, start + 1))
    passage = " ".join(article.body[first:last].split())
    return f"closest passage ({ratio:.0%} similar) at {offset_to_location(article, first)}: {passage}"


def make_stub(
    root: Path, articles: str, annotations: str, slug: str, quote: str, occurrence: int = 1
) -> Stub:
    """Locate ``quote`` in ``articles/<slug>.md`` and build its stub. Raises :class:`ScaffoldError`."""
    quote = quote.strip()
    if not quote:
        raise ScaffoldError("the quote is empty; copy the speaker's words from the article")
    path = root / articles / f"{slug}.md"
    if not path.exists():
        slugs = [p.stem for p in (root / articles).glob("*.md")]
        raise ScaffoldError(
            f"no article '{slug}' in {articles}/ "
            f"({did_you_mean(slug, slugs) or 'the slug is the file name without .md'})"
        )
    rel = path.relative_to(root).as_posix()
    article = read_article(path.read_bytes(), rel, slug)
    norm = normalize_with_offsets(article.body)
    result = anchor_quote(norm, quote)
    if not result.occurrences:
        raise ScaffoldError(f"quote not found in {rel}\n{_closest(article, norm, quote)}".rstrip())
    if not 1 <= occurrence <= len(result.occurrences):
        raise ScaffoldError(
            f"--occurrence {occurrence}: the quote occurs {len(result.occurrences)} time(s) in {rel}"
        )
    target = result.occurrences[occurrence - 1]
    prefix = suffix = ""
    if len(result.occurrences) > 1:
        before, after = shortest_context(norm.text, result.occurrences, target)
        options = sorted(((len(c), i, c) for i, c in enumerate((before, after)) if c))
        for _, which, context in options:  # the shorter context that really picks this occurrence
            p, s = (context, "") if which == 0 else ("", context)
            if anchor_quote(norm, quote, p, s).remaining == (target,):
                prefix, suffix = p, s
                break
        else:
            raise ScaffoldError(
                f"the quote occurs {len(result.occurrences)} times in {rel} and no prefix or "
                "suffix singles out this one; quote a longer passage"
            )
    speakers: list[Speaker] = []
    registry = root / annotations / "speakers.yml"
    if registry.exists():
        try:
            speakers = read_speakers(load_yaml_bytes(registry.read_bytes(), registry.name))[0]
        except PipelineError:
            speakers = []  # check reports the registry's problems; the stub just has no suggestion
    start, end = norm.original_span(target.start, target.end)
    guess = attribute(article.body, start, end, speakers)
    speaker = next((s for s in speakers if s.id == guess.speaker), None)
    where = offset_to_location(article, start)
    return Stub(
        unique_id(quote, existing_ids(root / annotations), speaker),
        quote,
        guess,
        prefix,
        suffix,
        str(where),
        len(result.occurrences),
        Quotations(article.body).inside(start, end),
    )


def speaker_comment(guess: Guess) -> str:
    """The TODO comment on the stub's speaker line: what suggested the speaker, or why there is none."""
    if guess.speaker:
        notes = [f"{guess.pronoun_for}, named before" if guess.pronoun_for else "", guess.where]
        note = "; ".join(n for n in notes if n)
        return f'TODO: check it, then delete this comment; suggested by "{guess.evidence}"' + (
            f" ({note})" if note else ""
        )
    if not guess.evidence:
        why = "nothing next to the quote says who said it"
    elif guess.evidence.split()[0].lower() in ("he", "she", "they", "it"):
        why = f'"{guess.evidence}": no registered speaker is named before it'
    else:
        why = f'"{guess.evidence}": not a registered name or alias'
    return f"TODO: a speaker id from annotations/speakers.yml ({why})"


ATTRIBUTION_TODO = (
    "TODO: not in quotation marks in the article: 'reported' if the reporter paraphrases the "
    "speaker, 'framing' for the article's own words (then delete the speaker line)"
)


def stub_map(stub: Stub) -> CommentedMap:
    m = CommentedMap()
    m["id"] = stub.id
    m["speaker"] = stub.guess.speaker or None
    m.yaml_add_eol_comment(speaker_comment(stub.guess), "speaker")
    if not stub.quoted:  # not the speaker's own words: check refuses the default, direct
        m["attribution"] = REPORTED
        m.yaml_add_eol_comment(ATTRIBUTION_TODO, "attribution")
    m["quote"] = DoubleQuotedScalarString(stub.quote)
    if stub.prefix:
        m["prefix"] = DoubleQuotedScalarString(stub.prefix)
    if stub.suffix:
        m["suffix"] = DoubleQuotedScalarString(stub.suffix)
    m["claim"] = None
    m.yaml_add_eol_comment("TODO: what the speaker asserts, in plain and neutral words", "claim")
    m["topics"] = CommentedSeq()
    m["topics"].fa.set_flow_style()
    m.yaml_add_eol_comment("TODO: kebab-case topic ids, e.g. [sanctions]", "topics")
    m["contributor"] = None
    m.yaml_add_eol_comment("your GitHub handle", "contributor")
    return m


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _dump(data) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def render_stub(stub: Stub) -> str:
    return _dump(CommentedSeq([stub_map(stub)]))


def append_stub(path: Path, slug: str, stub: Stub) -> None:
    """Add the stub at the end of the file's ``annotations`` list, keeping every existing line as it was."""
    original = (
        path.read_text(encoding="utf-8")
        if path.exists()
        else f"{SCHEMA_LINE}\narticle: {slug}\nannotations:\n"
    )
    data = _yaml().load(original)
    if not isinstance(data, dict):
        raise ScaffoldError(f"{path.name} is not a mapping with 'article:' and 'annotations:'; fix it first")
    items = data.get("annotations")
    if items is None or (isinstance(items, list) and not items):
        data["annotations"] = CommentedSeq([stub_map(stub)])
        text = _dump(data)
    elif isinstance(items, list):
        items.append(stub_map(stub))
        text = _dump(data)
        if not text.startswith(original):
            raise ScaffoldError(
                f"cannot append to {path.name} without changing its other lines "
                "(is 'annotations:' the last key?); paste the stub by hand"
            )
        gap = "" if original.endswith("\n\n") else ("\n" if original.endswith("\n") else "\n\n")
        text = original + gap + text[len(original) :]
    else:
        raise ScaffoldError(f"{path.name}: 'annotations' is not a list; fix it first")
    path.write_text(text, encoding="utf-8", newline="\n")


def run(args: argparse.Namespace) -> int:
    require("authoring", "`new`")
    root = Path(args.root).resolve()
    try:
        stub = make_stub(root, args.articles, args.annotations, args.slug, args.quote, args.occurrence)
        if stub.occurrences > 1:
            context = f'prefix "{stub.prefix}"' if stub.prefix else f'suffix "{stub.suffix}"'
            print(
                f"new: the quote occurs {stub.occurrences} times; picked occurrence {args.occurrence} "
                f"at {stub.where} with {context}",
                file=sys.stderr,
            )
        else:
            print(f"new: found at {stub.where}", file=sys.stderr)
        if args.append:
            target = root / args.annotations / f"{args.slug}.yml"
            append_stub(target, args.slug, stub)
            print(
                f"new: appended '{stub.id}' to {target.relative_to(root).as_posix()}; "
                "fill in each TODO line and delete its comment, then run: python -m build_scripts check",
                file=sys.stderr,
            )
        else:
            sys.stdout.write(render_stub(stub))
    except (ScaffoldError, PipelineError) as exc:
        print(f"new: {exc}", file=sys.stderr)
        return 1
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("new", help="print (or --append) an annotation stub for a quote in an article")
    p.add_argument("slug", metavar="ARTICLE_SLUG", help="the article, e.g. 2018-07-08-pompeo-sanctions")
    p.add_argument("quote", metavar="QUOTE", help="the speaker's exact words, copied from the article")
    p.add_argument("--append", action="store_true", help="add the stub to annotations/ARTICLE_SLUG.yml")
    p.add_argument("--occurrence", type=int, default=1, help="which occurrence, when the quote is repeated")
    p.set_defaults(func=run)
