"""``new ARTICLE_SLUG "QUOTE" [--append]``: a ready-to-fill annotation stub for a quote.

The quote is located in the article the way ``check`` anchors it. When it
occurs more than once, the stub gets the shortest ``prefix`` or ``suffix``
that singles out the chosen occurrence. The speaker is suggested from the
registry names and aliases written nearest the quote, and the id is derived
from the quote and unique site-wide. ``--append`` adds the stub to
``annotations/<slug>.yml`` with a round-trip YAML dump that keeps every
comment and line of the file as it was.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

try:  # the authoring extra: without it `new` stops at extras.require with a one-line message
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString
except ModuleNotFoundError:
    YAML = CommentedMap = CommentedSeq = DoubleQuotedScalarString = None

from .anchoring import Occurrence, anchor_quote, shortest_context
from .articles import normalize, normalize_with_offsets, offset_to_location, read_article
from .diagnostics import PipelineError, did_you_mean
from .extras import require
from .model import Speaker
from .schema import ID_MAX, read_speakers, suggest_id
from .yamlsource import load_yaml_bytes

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/annotations.schema.json"
NEAR = 300  # characters either side of the quote searched for a speaker's name
ID_WORDS = 6


class ScaffoldError(Exception):
    """A problem the user must fix; the message says what and how."""


@dataclass(frozen=True)
class Stub:
    id: str
    quote: str
    speaker: str = ""
    speaker_hint: str = ""  # which name or alias suggested the speaker
    prefix: str = ""
    suffix: str = ""
    where: str = ""  # path:line:col of the chosen occurrence
    occurrences: int = 1


def suggest_speaker(text: str, target: Occurrence, speakers: list[Speaker]) -> tuple[str, str]:
    """(speaker id, the name found) of the registry name or alias written nearest the quote, or ('', '')."""
    best: tuple[int, int, str, str] | None = None
    lo, hi = max(0, target.start - NEAR), min(len(text), target.end + NEAR)
    for speaker in speakers:
        for term in (speaker.name, *speaker.aliases):
            needle = normalize(term).strip()
            if not needle:
                continue
            for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text[lo:hi], re.IGNORECASE):
                start, end = m.start() + lo, m.end() + lo
                distance = max(0, target.start - end, start - target.end)
                key = (distance, -len(needle), speaker.id, m.group())
                best = key if best is None or key < best else best
    return (best[2], best[3]) if best else ("", "")


def existing_ids(folder: Path) -> set[str]:
    """Every annotation id already written in ``folder`` (a plain text scan: works on invalid files too)."""
    ids: set[str] = set()
    for path in folder.glob("*.y*ml"):
        if path.name != "speakers.yml":
            text = path.read_text(encoding="utf-8", errors="replace")
            ids.update(re.findall(r"^\s*(?:-\s+)?id:\s*[\"']?([a-z0-9-]+)", text, re.MULTILINE))
    return ids


def unique_id(quote: str, taken: set[str]) -> str:
    words = suggest_id(quote).split("-")[:ID_WORDS]
    base = "-".join(w for w in words if w)[: ID_MAX - 4].strip("-") or "annotation"
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


def make_stub(root: Path, articles: str, annotations: str, slug: str, quote: str, occurrence: int = 1) -> Stub:
    """Locate ``quote`` in ``articles/<slug>.md`` and build its stub. Raises :class:`ScaffoldError`."""
    quote = quote.strip()
    if not quote:
        raise ScaffoldError("the quote is empty; copy the speaker's words from the article")
    path = root / articles / f"{slug}.md"
    if not path.exists():
        slugs = [p.stem for p in (root / articles).glob("*.md")]
        raise ScaffoldError(f"no article '{slug}' in {articles}/ "
                            f"({did_you_mean(slug, slugs) or 'the slug is the file name without .md'})")
    rel = path.relative_to(root).as_posix()
    article = read_article(path.read_bytes(), rel, slug)
    norm = normalize_with_offsets(article.body)
    result = anchor_quote(norm, quote)
    if not result.occurrences:
        raise ScaffoldError(f"quote not found in {rel}\n{_closest(article, norm, quote)}".rstrip())
    if not 1 <= occurrence <= len(result.occurrences):
        raise ScaffoldError(f"--occurrence {occurrence}: the quote occurs {len(result.occurrences)} time(s) in {rel}")
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
            raise ScaffoldError(f"the quote occurs {len(result.occurrences)} times in {rel} and no prefix or "
                                "suffix singles out this one; quote a longer passage")
    speakers: list[Speaker] = []
    registry = root / annotations / "speakers.yml"
    if registry.exists():
        try:
            speakers = read_speakers(load_yaml_bytes(registry.read_bytes(), registry.name))[0]
        except PipelineError:
            speakers = []  # check reports the registry's problems; the stub just has no suggestion
    speaker, found = suggest_speaker(norm.text, target, speakers)
    where = offset_to_location(article, norm.starts[target.start])
    return Stub(unique_id(quote, existing_ids(root / annotations)), quote, speaker, found, prefix, suffix,
                str(where), len(result.occurrences))


def stub_map(stub: Stub) -> CommentedMap:
    m = CommentedMap()
    m["id"] = stub.id
    m["speaker"] = stub.speaker or None
    m.yaml_add_eol_comment(f'TODO: check it; suggested because "{stub.speaker_hint}" is named near the quote'
                           if stub.speaker else "TODO: a speaker id from annotations/speakers.yml", "speaker")
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
    original = (path.read_text(encoding="utf-8") if path.exists()
                else f"{SCHEMA_LINE}\narticle: {slug}\nannotations:\n")
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
            raise ScaffoldError(f"cannot append to {path.name} without changing its other lines "
                                "(is 'annotations:' the last key?); paste the stub by hand")
        gap = "" if original.endswith("\n\n") else ("\n" if original.endswith("\n") else "\n\n")
        text = original + gap + text[len(original):]
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
            print(f"new: the quote occurs {stub.occurrences} times; picked occurrence {args.occurrence} "
                  f"at {stub.where} with {context}", file=sys.stderr)
        else:
            print(f"new: found at {stub.where}", file=sys.stderr)
        if args.append:
            target = root / args.annotations / f"{args.slug}.yml"
            append_stub(target, args.slug, stub)
            print(f"new: appended '{stub.id}' to {target.relative_to(root).as_posix()}; "
                  "fill in the TODO lines, then run: python -m build_scripts check", file=sys.stderr)
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
