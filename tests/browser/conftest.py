"""Browser fixtures: a fixture site built once, served on 127.0.0.1, driven by Debian's chromium.

The site is ``tests/fixtures/full`` (three invented briefings that use every feature: topics.yml, inline and
cross-briefing counterclaims, a prefix, notes, sources, contributors) with the repository's own mkdocs.yml,
hand-written pages and theme overrides, so the browser sees the repository's site with known content.

Every page made here routes all requests; any request to a host other than
127.0.0.1 is aborted, recorded, and fails the test at teardown (the site must
work offline). Console errors and uncaught page errors are collected on a
:class:`PageLog` for tests that assert on them (``page_log`` fixture).
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_site, mkdocs_build
from playwright.sync_api import Browser, Page
from served import is_local, serve

from build_scripts.model import Site
from build_scripts.pipeline import Project, load_site
from build_scripts.render.links import claims_year, page_url, speaker_page, topic_page

SITE = "full"  # tests/fixtures/full
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


@dataclass
class PageLog:
    """What one page did that a test may want to fail on."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [f"console: {m}" for m in self.console_errors] + [f"pageerror: {m}" for m in self.page_errors]


def fixture_data() -> Site:
    """The fixture site's data, read in place (for test parameters, computed before any fixture runs)."""
    return load_site(Project(FIXTURES / SITE))


@pytest.fixture(scope="session")
def site_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with the repository's configuration, copied once into a temporary folder."""
    return copy_site(SITE, tmp_path_factory.mktemp("browser-source") / SITE, repo_config=True)


@pytest.fixture(scope="session")
def site_data(site_source: Path) -> Site:
    """The parsed fixture data, so tests compute expectations instead of hard-coding them."""
    return load_site(Project(site_source))


@pytest.fixture(scope="session")
def built_site(site_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built once with ``mkdocs build --strict`` into a temporary folder."""
    out = tmp_path_factory.mktemp("browser-site") / "site"
    result = mkdocs_build(site_source, out)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (with trailing slash) of the built site served on 127.0.0.1 at an ephemeral port."""
    with serve(built_site) as url:
        yield url


def build_variant(site_source: Path, out: Path, edit: Callable[[str], str]) -> None:
    """Build a copy of the fixture site, its ``mkdocs.yml`` changed by ``edit``, into ``out`` (strict)."""
    root = out.parent / "full"
    shutil.copytree(site_source, root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text, "the edit changed nothing in mkdocs.yml"
    config.write_text(changed, encoding="utf-8")
    result = mkdocs_build(root, out)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed ({result.returncode}):\n{result.stderr}")


@pytest.fixture(scope="session")
def instant_site(site_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with Material's instant navigation on (the repository's site has it off; a site may
    turn it on), built with its ``site_url`` at the address it is served from: instant navigation matches links
    against the sitemap by host and path (not port), so it only runs there."""
    out = tmp_path_factory.mktemp("instant") / "site"
    out.mkdir()
    with serve(out) as url:  # its port is bound before the build: no other process can take it

        def edit(text: str) -> str:
            text = re.sub(r"(?m)^site_url: .*$", f"site_url: {url}", text)
            assert "\n  features:\n" in text
            return text.replace("\n  features:\n", "\n  features:\n    - navigation.instant\n", 1)

        build_variant(site_source, out, edit)
        yield url


PAGED_ROWS = 2  # rows a page of the paged site: every list of more claims than this has a pager


@pytest.fixture(scope="session")
def paged_site(site_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture site with the plugin's ``rows_per_page`` at :data:`PAGED_ROWS`, served: its lists of claims,
    of a year, a topic or a speaker, come in pages, with pagers."""
    out = tmp_path_factory.mktemp("paged") / "site"
    option = f"  - annotated-briefings:\n      rows_per_page: {PAGED_ROWS}"
    build_variant(site_source, out, lambda text: re.sub(r"(?m)^  - annotated-briefings\b.*$", option, text, 1))
    with serve(out) as url:
        yield url


@pytest.fixture(scope="session")
def paged_lists(site_data: Site) -> list[str]:
    """The first pages of the longest lists of the paged site (:func:`paged_site`): the year with the most
    claims, the topic with the most, the speaker with the most; each has a second page there."""
    years: dict[str, int] = {}
    for briefing in site_data.briefings:
        year = briefing.article.published[:4]
        years[year] = years.get(year, 0) + len(briefing.annotations)
    topic = max(site_data.topics.values(), key=lambda t: len(t.annotations))
    speaker = max(site_data.speakers.values(), key=lambda s: len(site_data.by_speaker.get(s.id, ())))
    year = max(years, key=years.__getitem__)
    lengths = [years[year], len(topic.annotations), len(site_data.by_speaker.get(speaker.id, ()))]
    assert min(lengths) > PAGED_ROWS, lengths
    return [claims_year(year), topic_page(topic.id), speaker_page(speaker.id)]


@pytest.fixture(scope="session")
def url_for(site_url: str) -> Callable[..., str]:
    """``url_for("speakers/x.md", "fragment")`` -> absolute URL of that page on the served site."""

    def build(src: str, fragment: str = "") -> str:
        return site_url + page_url(src) + (f"#{fragment}" if fragment else "")

    return build


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., tuple[Page, PageLog]]]:
    """Factory: ``new_page(viewport=..., color_scheme="dark")`` -> (page, log), each in its own context.

    Non-local requests are aborted and fail the test at teardown.
    """
    contexts = []
    logs: list[PageLog] = []

    def make(**context_options: object) -> tuple[Page, PageLog]:
        context_options.setdefault("viewport", DESKTOP)
        context = browser.new_context(service_workers="block", **context_options)
        contexts.append(context)
        log = PageLog()
        logs.append(log)

        def route(route_obj) -> None:
            url = route_obj.request.url
            if is_local(url):
                route_obj.continue_()
            else:
                log.external_requests.append(url)
                route_obj.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", lambda msg: log.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")
                if msg.type == "error" else None)
        page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
        return page, log

    yield make
    for context in contexts:
        context.close()
    external = sorted({url for log in logs for url in log.external_requests})
    if external:
        pytest.fail("the site requested hosts other than 127.0.0.1 (it must work offline):\n  "
                    + "\n  ".join(external))


@pytest.fixture
def page_and_log(new_page: Callable[..., tuple[Page, PageLog]]) -> tuple[Page, PageLog]:
    return new_page()


@pytest.fixture
def page(page_and_log: tuple[Page, PageLog]) -> Page:
    """A fresh desktop page in light mode, offline-checked."""
    return page_and_log[0]


@pytest.fixture
def page_log(page_and_log: tuple[Page, PageLog]) -> PageLog:
    """Console errors, page errors and blocked external requests of ``page``."""
    return page_and_log[1]


@pytest.fixture(scope="session")
def artifact_dir() -> Path:
    """test-artifacts/ under the repo root (gitignored), for screenshots and reports."""
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def sitemap_pages(built_site: Path, site_url: str) -> list[str]:
    """Every page URL listed in the built sitemap, rewritten onto the served origin."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    locs = [loc.text or "" for loc in root.findall("s:url/s:loc", ns)]
    base = min(locs, key=len)  # the home page: every other page's URL starts with it
    return [site_url + loc.removeprefix(base) for loc in locs]


@pytest.fixture(scope="session")
def page_types(sitemap_pages: list[str], site_url: str) -> dict[str, str]:
    """One URL per page type, discovered from the sitemap: ``home``, ``speakers`` (index), ``speakers/*`` ...

    A section's index is named by its folder; the first (sorted) page inside it by ``<folder>/*``,
    so new page kinds (an explorer, a contribute page) are covered without editing the tests.
    """
    types: dict[str, str] = {}
    for url in sorted(sitemap_pages):
        parts = [p for p in url.removeprefix(site_url).split("/") if p]
        name = "home" if not parts else parts[0] if len(parts) == 1 else f"{parts[0]}/*"
        if parts[-1:] == ["explorer"]:  # a page of its own kind beside the years of claims
            name = "explorer"
        types.setdefault(name, url)
    return types
