"""The engine matrix (issue 15, item 4): the fixture sites built by MkDocs, ProperDocs and Zensical.

- **ProperDocs** runs our plugin (it maps ``mkdocs.*`` imports to its own modules): a strict build of each
  fixture gives the MkDocs build's files, differing only as ``benchmarks/engines.py`` lists and explains
  (``EXPECTED_DIFFERENCES``: Material's generator meta tag), and bad input fails both alike.
- **Zensical** ignores the plugin: it builds the ``render --out`` output laid out by
  ``benchmarks/engines.py``'s ``zensical_project``; every briefing, speaker and topic page is there with its
  annotations, search finds every claim, and in chromium the dispute view lists each claim, a highlight selects
  its card and the search dialog finds a claim.

The engines are installed by requirements-dev.txt (they live beside MkDocs in .venv: each has its own
package, and no file of one belongs to another). A missing engine fails, naming the install; it never skips.
See ENGINES.md.
"""

from __future__ import annotations

import html
import json
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

from build_scripts.model import Site
from build_scripts.pipeline import Project, load_site

from conftest import ROOT, copy_site  # noqa: E402  (tests/ is on sys.path)
from served import is_local, serve

sys.path.insert(0, str(ROOT / "benchmarks"))
from engines import (  # noqa: E402
    EXPECTED_DIFFERENCES, INSTALL, run_engine, site_differences, zensical_build, zensical_project,
)

pytestmark = pytest.mark.slow

ID_RE = re.compile(r'\bid="([^"]+)"')
HREF_RE = re.compile(r'\bhref="([^"]+)"')


def require(distribution: str) -> str:
    """The installed version of an engine; a missing one fails the test (CI installs it)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        pytest.fail(f"{distribution} is not installed: {INSTALL}. The engine tests never skip.")


# --- ProperDocs: the same site as MkDocs ------------------------------------------------------------------

# fixture name -> built with the repository's own mkdocs.yml, docs/ and overrides/ (else the fixture's own)
SITES = {"small": False, "full": True}


@pytest.fixture(scope="module", params=sorted(SITES))
def both(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A fixture site built with --strict by MkDocs and by ProperDocs: the two site folders."""
    require("properdocs")
    name = request.param
    root = copy_site(name, tmp_path_factory.mktemp(f"{name}-src"), repo_config=SITES[name])
    out = tmp_path_factory.mktemp(f"{name}-sites")
    for engine in ("mkdocs", "properdocs"):
        result = run_engine(engine, root, out / engine)
        assert result.returncode == 0, f"{engine} build of {name} failed:\n{result.stderr}"
    return out / "mkdocs", out / "properdocs"


def test_properdocs_builds_the_mkdocs_site_but_for_the_listed_differences(both: tuple[Path, Path]) -> None:
    mkdocs_site, properdocs_site = both
    pages = sorted(p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*.html"))
    assert "404.html" in pages and any(p.startswith("briefings/") for p in pages)
    # Every HTML page differs in its generator tag alone; every other file (search index, data files,
    # sitemap, assets) is byte for byte the same.
    expected = {page: ["explained: generator"] for page in pages}
    assert site_differences(mkdocs_site, properdocs_site) == expected


GENERATOR_MK = '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">'
GENERATOR_PD = '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">'


# (files of the first site, files of the second, the differences found): site_differences reports all.
DIFFERENCES = [
    ({"a.html": f"<head>\n  {GENERATOR_MK}\n</head>"}, {"a.html": f"<head>\n  {GENERATOR_PD}\n</head>"},
     {"a.html": ["explained: generator"]}),
    ({"a.html": f"{GENERATOR_MK}\n<p>x</p>"}, {"a.html": f"{GENERATOR_PD}\n<p>y</p>"},
     {"a.html": ["explained: generator", "- <p>x</p>", "+ <p>y</p>"]}),
    ({"a.html": GENERATOR_MK}, {"a.html": GENERATOR_MK.replace("mkdocs-1", "mkdocs-2")},  # not ProperDocs
     {"a.html": [f"- {GENERATOR_MK}", f"+ {GENERATOR_MK.replace('mkdocs-1', 'mkdocs-2')}"]}),
    ({"x.json": "{}", "old.txt": ""}, {"x.json": "{}", "search/new.txt": ""},
     {"old.txt": ["only in first"], "search/new.txt": ["only in second"]}),
]


@pytest.mark.parametrize(("first", "second", "found"), DIFFERENCES)
def test_site_differences_explains_only_the_listed_ones(tmp_path: Path, first: dict, second: dict,
                                                        found: dict) -> None:
    for name, files in (("a", first), ("b", second)):
        for path, text in files.items():
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_text(text, encoding="utf-8")
    assert site_differences(tmp_path / "a", tmp_path / "b") == found
    assert list(EXPECTED_DIFFERENCES) == ["generator"]  # ENGINES.md lists each, with its reason
    assert all(why for *_, why in EXPECTED_DIFFERENCES.values())


def test_the_generator_tag_names_each_engine(both: tuple[Path, Path]) -> None:
    material = metadata.version("mkdocs-material")
    tag = re.compile(r'<meta name="generator" content="([^"]+)">')
    tags = [tag.search((site / "index.html").read_text("utf-8"))[1] for site in both]
    assert tags == [f"mkdocs-{metadata.version('mkdocs')}, mkdocs-material-{material}",
                    f"mkdocs-ProperDocs {metadata.version('properdocs')}, mkdocs-material-{material}"]


# (fixture, text put at the start of a file of the copy, what both engines print): bad input stops both
# builds with the same report (an error at once; a warning when the build ends, as --strict counts it).
FAILURES = [
    ("bad/unknown-speaker", None,
     ["ERROR   -  1 problem(s) in the annotations:",
      ("annotations/2021-01-10-ferry-strike.yml:4:14: annotations[0].speaker: unknown speaker 'marta-ries' "
       "(did you mean 'marta-reis'?)")]),
    ("small", ("annotations/2020-03-01-harbour-bridge-vote.yml", "# TODO check this\n"),
     [("WARNING -  build_scripts: annotations/2020-03-01-harbour-bridge-vote.yml:1:1: warning: a TODO "
       "comment is left: # TODO check this (do what it says, then delete the comment; check --strict and "
       "build fail while it is there)")]),
]


@pytest.mark.parametrize(("fixture", "prepend", "expected"), FAILURES, ids=[f[0] for f in FAILURES])
def test_bad_input_fails_both_engines_alike(tmp_path: Path, fixture: str,
                                            prepend: tuple[str, str] | None, expected: list[str]) -> None:
    require("properdocs")
    root = copy_site(fixture, tmp_path / "src")
    if prepend:
        path = root / prepend[0]
        path.write_text(prepend[1] + path.read_text(encoding="utf-8"), encoding="utf-8")
    reports = []
    for engine in ("mkdocs", "properdocs"):
        result = run_engine(engine, root, tmp_path / engine)
        assert result.returncode == 1, result.stderr
        reports.append([line for line in result.stderr.splitlines() if line.strip() and
                        not line.startswith("INFO ")])  # the folders, the time taken
    assert reports[0] == reports[1]
    assert reports[0][:len(expected)] == expected


# --- Zensical: a complete site from render --out ----------------------------------------------------------


class Zensical:
    def __init__(self, root: Path, site_dir: Path) -> None:
        self.site: Site = load_site(Project(root))
        self.dir = site_dir
        self.search = json.loads((site_dir / "search.json").read_text(encoding="utf-8"))["items"]

    def page(self, url: str) -> str:
        path = self.dir / url / "index.html"
        assert path.is_file(), f"Zensical made no page {url}"
        return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def zensical(tmp_path_factory: pytest.TempPathFactory) -> Zensical:
    """The full fixture (with the repository's configuration) built by Zensical from render --out output."""
    require("zensical")
    root = copy_site("full", tmp_path_factory.mktemp("zensical-src"), repo_config=True)
    config = zensical_project(root, tmp_path_factory.mktemp("zensical") / "project")
    result = zensical_build(config)
    assert result.returncode == 0, f"zensical build failed:\n{result.stdout}\n{result.stderr}"
    return Zensical(root, config.parent / "site")


def test_zensical_makes_every_briefing_with_its_annotations(zensical: Zensical) -> None:
    assert zensical.site.briefings
    for briefing in zensical.site.briefings:
        ids = set(ID_RE.findall(zensical.page(f"briefings/{briefing.slug}")))
        missing = [a.id for a in briefing.annotations if a.id not in ids or f"q-{a.id}" not in ids]
        assert not missing, f"briefings/{briefing.slug}: annotations without their card or quote: {missing}"


def _links_to(page: str) -> set[str]:
    return {href.rsplit("#", 1)[1] for href in HREF_RE.findall(page) if "#" in href}


@pytest.mark.parametrize("kind", ["speakers", "topics"])
def test_zensical_makes_every_speaker_and_topic_page_linking_its_annotations(zensical: Zensical,
                                                                               kind: str) -> None:
    groups = ({s: zensical.site.by_speaker.get(s, ()) for s in zensical.site.speakers} if kind == "speakers"
              else {t: topic.annotations for t, topic in zensical.site.topics.items()})
    assert groups and any(groups.values())
    for key, annotation_ids in groups.items():
        missing = set(annotation_ids) - _links_to(zensical.page(f"{kind}/{key}"))
        assert not missing, f"{kind}/{key}: no link to {sorted(missing)}"


def test_zensical_makes_the_index_and_hand_written_pages_and_data_files(zensical: Zensical) -> None:
    for url in ("", "briefings", "speakers", "topics", "claims", "claims/explorer", "about", "data",
                "contribute"):
        zensical.page(url)
    for name in ("data/claims.json", "data/claims.csv", "data/annotations.jsonld",
                 "stylesheets/briefings.css", "javascripts/reader.js"):
        assert (zensical.dir / name).is_file(), name


def test_zensical_search_finds_every_claim_on_its_card(zensical: Zensical) -> None:
    # The claim is the card's heading: the entry's title (its text is the rest of the card).
    entries = {item["location"]: html.unescape(re.sub(r"<[^>]+>", "", item.get("title", "")) + " " + item["text"])
               for item in zensical.search}
    for annotation in zensical.site.annotations.values():
        location = f"briefings/{zensical.site.briefing_of[annotation.id]}/#{annotation.id}"
        assert annotation.claim in entries.get(location, ""), location


def test_zensical_site_lists_the_disputes_selects_cards_and_searches(zensical: Zensical, browser) -> None:
    """At 1280 x 900 in chromium (marked ``browser`` by conftest), on the newest briefing."""
    briefing = zensical.site.briefings[0]
    claim = briefing.annotations[0]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    external: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("request", lambda request: is_local(request.url) or external.append(request.url))
    with serve(zensical.dir) as base:
        page.goto(f"{base}briefings/{briefing.slug}/")
        assert page.locator(f".ab-disputes [id='dispute-{claim.id}']").count() == 1  # the dispute view, no script
        link = page.locator(f'mark.ab-hl a[href$="#{claim.id}"]').first  # Zensical makes links absolute
        link.click()  # reader.js: the card beside the highlight is selected, the URL names it
        card = page.locator(".ab-card--selected")
        card.wait_for(state="visible")
        assert claim.claim in card.inner_text() and page.evaluate("location.hash") == f"#{claim.id}"
        page.keyboard.press("/")  # Zensical's own search dialog (in a shadow root, which locators enter)
        page.get_by_role("combobox", name="Search").fill(claim.claim)
        results = page.get_by_role("listbox", name="Search results")
        results.locator(f'a[href$="#{claim.id}"]').first.wait_for(state="visible")
    page.close()
    assert not errors
    assert not external  # the site works offline: Zensical's own partials make no request elsewhere


def test_zensical_site_has_the_explorer_on_the_search_index(zensical: Zensical, browser) -> None:
    """``render --search`` writes the Pagefind index the plugin would: the claims explorer lists every claim."""
    assert (zensical.dir / "pagefind" / "pagefind-entry.json").is_file()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    with serve(zensical.dir) as base:
        page.goto(f"{base}claims/explorer/")
        page.wait_for_selector("#ab-explorer[data-ready=true]")
        total = len(zensical.site.annotations)
        assert page.text_content("#ab-explorer-count") == f"{total} claims"
        assert page.locator("#ab-explorer-list > li").count() == total
    page.close()
    assert not errors
