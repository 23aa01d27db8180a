"""The pipeline, as one short function per step: load, validate, anchor, model, render.

Everything is gathered and checked before anything is rendered; every problem
in every file is collected and raised together as one :class:`PipelineError`.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .articles import read_article
from .diagnostics import Diagnostic, Location, PipelineError
from .model import AnnotationFile, Article, Site, Speaker, TopicInfo, build_site
from .render import DataFile, Deferred, Page, PageCache, RenderOptions, guide, plan_pages, render_site
from .roles import out_of_role
from .schema import read_annotation_file, read_speakers, read_topics, refused_ids, suggest_id
from .sourcefiles import ANNOTATION, ARTICLE, Listing, check_tree, list_folder, read_file
from .validate import anchor_briefing, check_references, unique_ids
from .yamlsource import load_yaml_bytes

SPEAKERS_FILE = "speakers.yml"
TOPICS_FILE = "topics.yml"  # optional: topic display names and descriptions


@dataclass(frozen=True)
class Project:
    """Where a project's inputs live. Paths in messages are relative to ``root``. ``docs`` (the engine's own
    pages) is only checked for links and special files (:mod:`.sourcefiles`)."""

    root: Path
    articles: str = "articles"
    annotations: str = "annotations"
    docs: str = "docs"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def article_listing(self) -> Listing:
        return list_folder(self.root, self.articles, ARTICLE)

    def annotation_listing(self) -> Listing:
        """The annotation files (the speaker and topic registries apart), and the problems of the folder."""
        listing = list_folder(self.root, self.annotations, ANNOTATION)
        listing.paths = [p for p in listing.paths if p.name not in (SPEAKERS_FILE, TOPICS_FILE)]
        return listing

    def article_paths(self) -> list[Path]:
        """The article files that may be read (see :func:`.sourcefiles.list_folder`)."""
        return self.article_listing().paths

    def annotation_paths(self) -> list[Path]:
        return self.annotation_listing().paths

    @property
    def topics_path(self) -> Path:
        return self.root / self.annotations / TOPICS_FILE

    @property
    def speakers_path(self) -> Path:
        return self.root / self.annotations / SPEAKERS_FILE


def _collect(problems: list[Diagnostic], call, *args):
    """Run one loader; record its diagnostics instead of stopping."""
    try:
        result, found = call(*args)
    except PipelineError as exc:
        problems.extend(exc.diagnostics)
        return None
    problems.extend(found)
    return result


class Memo:
    """Results of unchanged inputs between a live preview's rebuilds, keyed by path and content hash.

    Every cached value is a pure function of its key. Each :func:`load_site`
    keeps only the entries it used, so the memo never outgrows one project. A
    one-off build uses a fresh one and drops it: it would hold every parsed
    file for the whole build.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple, Any] = {}
        self.used: dict[tuple, Any] = {}
        self.digests: dict[str, str] = {}  # relative path -> sha256 of the bytes read in this load

    def read(self, kind: str, project: Project, path: Path, compute: Callable[[bytes, str], Any]) -> Any:
        raw, rel = read_file(project.root, path), project.rel(path)
        self.digests[rel] = hashlib.sha256(raw).hexdigest()
        return self.get((kind, rel, self.digests[rel]), lambda: compute(raw, rel))

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        value = self.entries[key] if key in self.entries else compute()
        self.used[key] = value
        return value

    def sweep(self) -> None:
        self.entries, self.used, self.digests = self.used, {}, {}


Registry = tuple[list[Speaker], frozenset[str]]  # the speakers, and the ids of those left out


def _speaker_registry(raw: bytes, rel: str) -> tuple[Registry, list[Diagnostic]]:
    """The registry's speakers and the ids of those left out for their own errors (:func:`refused_ids`)."""
    doc = load_yaml_bytes(raw, rel)
    speakers, problems = read_speakers(doc)
    return (speakers, refused_ids(doc, "speakers", (s.id for s in speakers))), problems


def _read_speakers(memo: Memo, project: Project) -> tuple[Registry, list[Diagnostic]]:
    path = project.speakers_path
    if not os.path.lexists(path):  # a dangling link is refused by the read, not reported missing
        raise PipelineError(
            [
                Diagnostic(
                    Location(project.rel(path)),
                    "the speaker registry is missing",
                    "create it with a 'speakers:' list",
                )
            ]
        )
    return memo.read("speakers", project, path, _speaker_registry)


def _read_topics(memo: Memo, project: Project) -> tuple[list[TopicInfo], list[Diagnostic]]:
    if not os.path.lexists(project.topics_path):
        return [], []
    return memo.read(
        "topics", project, project.topics_path, lambda raw, rel: read_topics(load_yaml_bytes(raw, rel))
    )


def _read_annotations(
    memo: Memo, project: Project, path: Path
) -> tuple[AnnotationFile | None, list[Diagnostic]]:
    return memo.read(
        "annotations", project, path, lambda raw, rel: read_annotation_file(load_yaml_bytes(raw, rel))
    )


def _read_article(memo: Memo, project: Project, path: Path) -> tuple[Article, list[Diagnostic]]:
    return memo.read("article", project, path, lambda raw, rel: (read_article(raw, rel, path.stem), []))


def _anchor(memo: Memo, article: Article, file: AnnotationFile):
    """:func:`anchor_briefing`, memoized on both files' content hashes."""
    key = ("anchor", article.path, memo.digests.get(article.path), file.path, memo.digests.get(file.path))
    if key[2] is None or (file.path and key[4] is None):
        return anchor_briefing(article, file)
    return memo.get(key, lambda: anchor_briefing(article, file))


def _unreadable(listing: Listing, articles: dict[str, Article], files: list[AnnotationFile]) -> set[str]:
    """Slugs an annotation file may name whose article exists but was not read (its own error is reported):
    files that did not load, refused names (as their hint renames them), or all when the folder was
    refused."""
    if not listing.usable:
        return {f.article for f in files}
    refused = {suggest_id(Path(name).stem) for name in listing.refused}
    return ({p.stem for p in listing.paths} - set(articles)) | refused


def load_site(project: Project, memo: Memo | None = None) -> Site:
    """Load, validate and anchor everything, then link the model. Raises with every problem found.
    ``memo``: results of unchanged files, kept between calls (a live preview's rebuilds)."""
    memo = memo if memo is not None else Memo()
    article_list, annotation_list = project.article_listing(), project.annotation_listing()
    problems = article_list.problems + annotation_list.problems + check_tree(project.root, project.docs)
    # A registry refused by the listing (a link, a folder...) is reported once, there, and not read.
    registry = (
        _collect(problems, _read_speakers, memo, project) if annotation_list.readable(SPEAKERS_FILE) else None
    )
    speaker_list, refused_speakers = registry or (None, frozenset())
    files = [
        f for p in annotation_list.paths if (f := _collect(problems, _read_annotations, memo, project, p))
    ]
    articles = {
        a.slug: a for p in article_list.paths if (a := _collect(problems, _read_article, memo, project, p))
    }
    speakers, found = unique_ids(speaker_list or [], "speaker")
    problems += found
    topics, found = unique_ids(
        (_collect(problems, _read_topics, memo, project) if annotation_list.readable(TOPICS_FILE) else None)
        or [],
        "topic",
    )
    problems += found
    problems += check_references(
        files,
        articles,
        speakers if speaker_list is not None else None,
        _unreadable(article_list, articles, files),
        partial=not annotation_list.complete or len(files) < len(annotation_list.paths),
        refused_speakers=refused_speakers,
    )
    briefings, anchored = [], set[str]()
    for f in files:  # a second file naming an article is an error already (check_references): not anchored,
        if f.article in articles and f.article not in anchored:  # so copies cannot multiply the search
            anchored.add(f.article)
            briefing, found = _anchor(memo, articles[f.article], f)
            briefings.append(briefing)
            problems += found
    warnings = out_of_role(briefings, speakers)  # shown with the errors; else kept in the site
    if problems:
        memo.sweep()
        raise PipelineError(problems + warnings)
    covered = {b.slug for b in briefings}
    briefings += [
        _anchor(memo, a, AnnotationFile("", a.slug, a.location))[0]
        for slug, a in articles.items()
        if slug not in covered
    ]
    memo.sweep()
    return build_site(briefings, speakers, topics, warnings)


def plan_project(
    project: Project,
    options: RenderOptions,
    cache: PageCache | None = None,
    memo: Memo | None = None,
    warnings: list | None = None,
) -> Iterator[Page | Deferred | DataFile]:
    """The whole pipeline, for a site engine: loads and checks everything first (raising like
    :func:`render_project`), then gives every page, the many per-item ones deferred until the engine
    renders them (see :func:`.render.plan_pages`); the contributing guide last. Between rebuilds,
    ``cache`` keeps pages and ``memo`` the results of unchanged files."""
    return plan_site(project, options, cache, memo, warnings)[1]


def plan_site(
    project: Project,
    options: RenderOptions,
    cache: PageCache | None = None,
    memo: Memo | None = None,
    warnings: list | None = None,
) -> tuple[Site, Iterator[Page | Deferred | DataFile]]:
    """:func:`plan_project`, with the site it plans (an engine makes the search records from it)."""
    site = load_site(project, memo)
    if warnings is not None:  # the site's warnings (see :attr:`.model.Site.warnings`), for the engine to log
        warnings += site.warnings
    guide_page = guide.page(project.root, options.repo_url, options.branch)
    return site, itertools.chain(plan_pages(site, options, cache), [guide_page])


def render_project(project: Project, options: RenderOptions) -> dict:
    """The whole pipeline: ``{page path: Page}`` ready to hand to a site engine (the guide included)."""
    pages = render_site(load_site(project), options)
    pages[guide.PATH] = guide.page(project.root, options.repo_url, options.branch)
    return pages
