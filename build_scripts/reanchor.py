"""reanchor [--write]: propose updates for quotes that no longer match their edited article.

Every quote (annotations and inline counterclaims) is anchored again. One that matches
exactly is left alone. For one that is no longer found, the best candidate passage is
searched (:func:`drift.best_candidate`) and classified by its similarity score:

* ``>= THRESHOLD`` (0.90): a confident update (a typo fixed, punctuation changed);
  ``--write`` replaces the quote scalar in the YAML file, and only that scalar, so comments,
  key order and formatting stay as they were; every change is printed;
* ``>= ORPHAN_BELOW`` (0.70): probably rephrased; reported for a human, never written;
* below: an orphan (the quoted words were probably deleted); reported, never written.

Ambiguous quotes, and quotes excluded by their prefix/suffix, are reported for a human too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from .anchoring import anchor_quote
from .articles import normalize, normalize_with_offsets, read_article
from .diagnostics import Location, PipelineError
from .drift import best_candidate, word_diff
from .model import Annotation, AnnotationFile, Counterclaim
from .pipeline import Project
from .schema import read_annotation_file
from .yamlsource import load_yaml_bytes

THRESHOLD = 0.90
ORPHAN_BELOW = 0.70
_STR = "tag:yaml.org,2002:str"
_LINE_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")
_FLOW_LEVEL = {
    yaml.FlowMappingStartToken: 1,
    yaml.FlowSequenceStartToken: 1,
    yaml.FlowMappingEndToken: -1,
    yaml.FlowSequenceEndToken: -1,
}
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*([ \t]*(?:#[^\r\n]*)?)")
_BLOCK_END = re.compile(r"(\r?\n[\r\n ]*)?$")


@dataclass(frozen=True)
class Finding:
    location: Location  # of the quote value in the YAML file
    field: str  # e.g. "annotations[2].quote"
    quote: str
    status: str  # "exact", "update", "rephrased", "orphan", "manual"
    candidate: str = ""
    score: float = 0.0
    detail: str = ""


def review_file(project: Project, path: Path) -> list[Finding]:
    """Anchor every quote of one annotation file against its article as it is now."""
    file, problems = read_annotation_file(load_yaml_bytes(path.read_bytes(), project.rel(path)))
    if problems or file is None:
        raise PipelineError(problems)
    article_path = project.root / project.articles / f"{file.article}.md"
    article = read_article(article_path.read_bytes(), project.rel(article_path), file.article)
    return review_quotes(article.body, _quoted(file))


def _quoted(file: AnnotationFile) -> list[Annotation | Counterclaim]:
    """The annotations and counterclaims of ``file`` that quote the article (a ``ref`` quotes nothing)."""
    quoted: list[Annotation | Counterclaim] = []
    for ann in file.annotations:
        if ann.quote:
            quoted.append(ann)
        quoted.extend(c for c in ann.counterclaims if c.quote)
    return quoted


def review_quotes(body: str, items: list) -> list[Finding]:
    """Findings for items with ``quote``, ``prefix``, ``suffix``, ``field_path`` and ``loc()``."""
    norm = normalize_with_offsets(body)
    findings = []
    for item in items:
        where, field = item.loc("quote"), f"{item.field_path}.quote"
        result = anchor_quote(norm, item.quote, item.prefix, item.suffix)
        if result.span is not None:
            findings.append(Finding(where, field, item.quote, "exact"))
            continue
        if result.occurrences:
            findings.append(
                Finding(
                    where,
                    field,
                    item.quote,
                    "manual",
                    detail="ambiguous or excluded by its prefix/suffix; run check for details",
                )
            )
            continue
        cand = best_candidate(norm.text, normalize(item.quote))
        if cand is None:
            findings.append(Finding(where, field, item.quote, "orphan"))
            continue
        start, end = norm.original_span(cand.start, cand.end)
        text = " ".join(body[start:end].split())
        status = (
            "update" if cand.score >= THRESHOLD else "rephrased" if cand.score >= ORPHAN_BELOW else "orphan"
        )
        if status == "update" and anchor_quote(norm, text, item.prefix, item.suffix).span is None:
            status, detail = "manual", "the candidate is not unique with this prefix/suffix"
        else:
            detail = ""
        findings.append(Finding(where, field, item.quote, status, text, cand.score, detail))
    return findings


def yaml_scalar(value: str, style: str | None, flow: bool = False) -> str:
    """``value`` as a one-line YAML scalar, for a mapping value in flow (``{...}``) or block context.

    The original ``style`` (``None`` plain, ``'`` or ``"``) is kept when YAML allows it there, else the
    next safer one (plain, then single-quoted, then double-quoted). PyYAML's own emitter decides and
    writes it, so the text reads back as exactly ``value``, and never as another type (``yes``, ``1.10``).
    """
    if style not in (None, "'") or _LINE_BREAKS.search(value):
        style = '"'  # a block scalar or a line break: one line, escaped
    resolve = yaml.resolver.Resolver().resolve
    implicit = tuple(resolve(yaml.ScalarNode, value, both) == _STR for both in ((True, False), (False, True)))
    mapping = MappingStartEvent(None, None, True, flow_style=flow)
    key = ScalarEvent(None, None, (True, False), "q")
    scalar = ScalarEvent(None, _STR, implicit, value, style=style)
    events = [
        StreamStartEvent(),
        DocumentStartEvent(explicit=False),
        mapping,
        key,
        scalar,
        MappingEndEvent(),
        DocumentEndEvent(explicit=False),
        StreamEndEvent(),
    ]
    written = yaml.emit(events, width=sys.maxsize, allow_unicode=True)
    head, tail = ("{q: ", "}\n") if flow else ("q: ", "\n")
    assert written.startswith(head) and written.endswith(tail) and "\n" not in written[:-1], written
    return written[len(head) : -len(tail)]


def replace_scalar(text: str, line: int, col: int, value: str) -> str:
    """Replace the YAML scalar that starts at 1-based ``line``:``col`` of ``text``, nothing else."""
    flow = 0
    for token in yaml.scan(text):
        flow += _FLOW_LEVEL.get(type(token), 0)
        mark = token.start_mark
        if isinstance(token, yaml.ScalarToken) and (mark.line + 1, mark.column + 1) == (line, col):
            new = yaml_scalar(value, token.style, flow > 0)
            if token.style in ("|", ">"):  # a block scalar: keep its header's comment and its line breaks
                old = text[mark.index : token.end_mark.index]
                header, end = _BLOCK_HEADER.match(old), _BLOCK_END.search(old)  # both match, maybe empty
                new += (header.group(1) if header else "") + (end.group() if end else "")
            return text[: mark.index] + new + text[token.end_mark.index :]
    raise ValueError(f"no scalar at line {line}, column {col}")


def write_updates(path: Path, findings: list[Finding]) -> int:
    """Apply the confident updates to one YAML file; bottom-up so earlier positions stay valid."""
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3 if bom else 0 :].decode("utf-8")
    updates = sorted(
        (f for f in findings if f.status == "update"), key=lambda f: (f.location.line, f.location.col)
    )
    for f in reversed(updates):
        text = replace_scalar(text, f.location.line, f.location.col, f.candidate)
    if updates:
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return len(updates)


def describe(f: Finding, write: bool) -> str:
    head = f"{f.location}: {f.field}"
    if f.status == "orphan":
        best = f'; best candidate only {f.score:.0%} similar: "{f.candidate}"' if f.candidate else ""
        return f"{head}: orphan: the quoted words are no longer in the article{best} (fix or remove by hand)"
    if f.status == "manual":
        extra = f' ({f.score:.0%} similar: "{f.candidate}")' if f.candidate else ""
        return f"{head}: needs a human: {f.detail}{extra}"
    verdict = {
        "update": "updated" if write else f"will update with --write (>= {THRESHOLD:.0%})",
        "rephrased": f"not updated: below the {THRESHOLD:.0%} threshold, review by hand",
    }[f.status]
    return (
        f"{head}: quote no longer matches; best candidate {f.score:.0%} similar: {verdict}\n"
        f"    quote:     {json.dumps(f.quote, ensure_ascii=False)}\n"
        f"    candidate: {json.dumps(f.candidate, ensure_ascii=False)}\n"
        f"    diff:      {word_diff(f.quote, f.candidate)}"
    )


def run(args: argparse.Namespace) -> int:
    project = Project(Path(args.root).resolve(), args.articles, args.annotations)
    counts = dict.fromkeys(("exact", "update", "rephrased", "orphan", "manual"), 0)
    try:
        for path in project.annotation_paths():
            findings = review_file(project, path)
            for f in findings:
                counts[f.status] += 1
                if f.status != "exact":
                    print(describe(f, args.write))
            if args.write:
                write_updates(path, findings)
    except (PipelineError, OSError) as exc:
        print(f"reanchor: cannot review: {exc}", file=sys.stderr)
        return 2
    done = "updated" if args.write else "to update"
    print(
        f"reanchor: {counts['exact']} exact, {counts['update']} {done}, {counts['rephrased']} rephrased, "
        f"{counts['orphan']} orphaned, {counts['manual']} for a human",
        file=sys.stderr,
    )
    left = counts["rephrased"] + counts["orphan"] + counts["manual"] + (0 if args.write else counts["update"])
    return 1 if left else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "reanchor",
        help="propose (or --write) updates for quotes an article edit broke",
        description=__doc__.split("\n\n")[0],
    )
    p.add_argument(
        "--write",
        action="store_true",
        help=f"update quotes whose best candidate is at least {THRESHOLD * 100:.0f}%% similar",
    )
    p.set_defaults(func=run)


def ingest_drift(article_path: Path, new_text: str, annotations_dir: Path) -> list[str]:
    """For ``ingest --force``: one line per quote of this article that ``new_text`` would no longer anchor."""
    slug = article_path.stem
    path = annotations_dir / f"{slug}.yml"
    if not path.exists():
        return []
    file, problems = read_annotation_file(load_yaml_bytes(path.read_bytes(), path.as_posix()))
    if file is None or problems:
        return [f"{path}: cannot check the annotations: {len(problems)} problem(s); run check"]
    body = read_article(new_text.encode("utf-8"), article_path.as_posix(), slug).body
    findings = review_quotes(body, _quoted(file))
    lines = []
    for f in findings:
        if f.status != "exact":
            best = f'; best candidate {f.score:.0%} similar: "{f.candidate}"' if f.candidate else ""
            lines.append(f"{f.location}: {f.field} would stop anchoring ({f.status}){best}")
    lost = len(lines)
    lines.append(
        f"{lost} of {len(findings)} quote(s) in {path} would stop anchoring"
        if lost
        else f"all {len(findings)} quote(s) in {path} still anchor"
    )
    return lines
