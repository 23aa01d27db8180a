"""Files that are not what they seem (issue 17: items 1, 8 and 9, and the stale build folder of 17c).

A pull request controls every name and every kind of file under articles/ and annotations/ (and can touch
docs/). A file is read only if its name is a kebab-case slug with the folder's extension and it is a regular
file, not a link; its size is checked before it is read. Anything else gets one located error and is never
read. Paths that reach URLs (edit links) are percent-quoted.
"""

from __future__ import annotations

import fcntl
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_scripts.cli import main as cli_main
from build_scripts.diagnostics import PipelineError
from build_scripts.pipeline import Project, load_site
from build_scripts.render.context import Ctx, RenderOptions
from build_scripts.render.links import path_url
from build_scripts.yamlsource import MAX_FILE_BYTES

from .conftest import run_build
from .payloads import write_small_project

REPO_ROOT = Path(__file__).resolve().parents[2]
VOTE = "2020-03-01-harbour-bridge-vote"
BUDGET = "2020-03-05-bridge-budget-review"
HOSTILE = 'x" autofocus onfocus="alert(document.domain)" a='  # issue 17, item 1: the file name, less ".yml"
LINK = ("symbolic link: links are not followed "
        "(commit the file itself; a link could publish any file on the machine that builds the site)")
SPECIAL = "not a regular file (a named pipe, device or socket) (commit a plain text file)"


def check(root: Path, capsys: pytest.CaptureFixture) -> tuple[int, str]:
    """``check`` in this process: its exit code and its report."""
    code = cli_main(["--root", str(root), "check"])
    return code, capsys.readouterr().out


def problems(root: Path) -> list[str]:
    """The diagnostics of loading ``root``, as ``path:line:col: message (hint)`` before any output formatting
    (which shows invisible characters escaped)."""
    with pytest.raises(PipelineError) as caught:
        load_site(Project(root))
    return [f"{d.location}: {d.message} ({d.hint})" for d in caught.value.diagnostics]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 ** 30, 2 ** 30))


def check_isolated(root: Path) -> subprocess.CompletedProcess:
    """``check`` in its own process with 1 GiB of address space and 60 s: a reader that reads a device or a
    sparse file whole dies of MemoryError, one that opens a named pipe times out (both fail the test)."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    return subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(root), "check"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=60,
                          preexec_fn=_limits)


# --- item 1: file names -------------------------------------------------------------------------------------


def test_issue_annotation_file_name_with_attributes_is_refused(fixture_site, capsys) -> None:
    """The exact input of the issue: one located error, the file is not read (so nothing cascades)."""
    root = fixture_site("small")
    folder = root / "annotations"
    (folder / f"{VOTE}.yml").rename(folder / f"{HOSTILE}.yml")
    code, out = check(root, capsys)
    assert code == 1
    assert out == (f"annotations/{HOSTILE}.yml:1:1: annotation file name '{HOSTILE}' is not a kebab-case "
                   "slug (rename it to annotations/x-autofocus-onfocus-alert-document-domain-a.yml)\n")


def test_rejected_annotation_file_does_not_cascade_into_unknown_refs(fixture_site, capsys) -> None:
    """The vote briefing refers to an annotation of the budget file: its ref is not reported as unknown."""
    root = fixture_site("small")
    folder = root / "annotations"
    (folder / f"{BUDGET}.yml").rename(folder / "Budget.yml")
    code, out = check(root, capsys)
    assert (code, out) == (1, "annotations/Budget.yml:1:1: annotation file name 'Budget' is not a kebab-case "
                              "slug (rename it to annotations/budget.yml)\n")


ANNOTATION_NAMES = [  # (file name, the message after "annotations/<name>:1:1: ")
    ("X.yml", "annotation file name 'X' is not a kebab-case slug (rename it to annotations/x.yml)"),
    ("a b.yml", "annotation file name 'a b' is not a kebab-case slug (rename it to annotations/a-b.yml)"),
    ("a`b.yml", "annotation file name 'a`b' is not a kebab-case slug (rename it to annotations/a-b.yml)"),
    ("a'b.yaml", "annotation file name \"a'b\" is not a kebab-case slug (rename it to annotations/a-b.yaml)"),
    ("<b>.yml", "annotation file name '<b>' is not a kebab-case slug (rename it to annotations/b.yml)"),
    (".x.yml", "annotation file name '.x' is not a kebab-case slug (rename it to annotations/x.yml)"),
    ("x\u202e.yml", "annotation file name 'x\\u202e' is not a kebab-case slug "
                    "(rename it to annotations/x.yml)"),
    ("\uff58.yml", "annotation file name '\\uff58' is not a kebab-case slug "
                   "(rename it to annotations/x.yml)"),
    ("caf\u00e9.yaml", "annotation file name 'caf\\xe9' is not a kebab-case slug "
                       "(rename it to annotations/cafe.yaml)"),
    ("x\n.yml", "annotation file name 'x\\n' is not a kebab-case slug (rename it to annotations/x.yml)"),
    ("a--b.yml", "annotation file name 'a--b' is not a kebab-case slug (rename it to annotations/a-b.yml)"),
    ("-a.yml", "annotation file name '-a' is not a kebab-case slug (rename it to annotations/a.yml)"),
    ("a.b.yml", "annotation file name 'a.b' is not a kebab-case slug (rename it to annotations/a-b.yml)"),
    ("a" * 81 + ".yml", "annotation file name is 81 characters long, over the limit of 80 "
                        f"(rename it to annotations/{'a' * 80}.yml)"),
    ("x.YML", "'x.YML' is not an annotation file: only <slug>.yml and <slug>.yaml files are read in "
              "annotations/ (rename it to annotations/x.yml, or move it out of annotations/)"),
    ("x.yml.bak", "'x.yml.bak' is not an annotation file: only <slug>.yml and <slug>.yaml files are read in "
                  "annotations/ (rename it to annotations/x.yml, or move it out of annotations/)"),
    ("notes.md", "'notes.md' is not an annotation file: only <slug>.yml and <slug>.yaml files are read in "
                 "annotations/ (rename it to annotations/notes.yml, or move it out of annotations/)"),
]


@pytest.mark.parametrize("name, message", ANNOTATION_NAMES, ids=[ascii(n)[:40] for n, _ in ANNOTATION_NAMES])
def test_annotation_file_names_outside_the_slug_pattern_are_refused(fixture_site, name: str,
                                                                     message: str) -> None:
    """Each file is a copy of a valid annotation file: read, it would add duplicate ids and a second file for
    the article, so a single error also proves it was not read."""
    root = fixture_site("small")
    shutil.copy(root / "annotations" / f"{VOTE}.yml", root / "annotations" / name)
    assert problems(root) == [f"annotations/{name}:1:1: {message}"]


ARTICLE_NAMES = [
    ("Bridge Review.md", "article file name 'Bridge Review' is not a kebab-case slug "
                         "(rename it to articles/bridge-review.md)"),
    ('a" onmouseover="alert(1).md', "article file name 'a\" onmouseover=\"alert(1)' is not a kebab-case slug "
                                    "(rename it to articles/a-onmouseover-alert-1.md)"),
    (".hidden.md", "article file name '.hidden' is not a kebab-case slug (rename it to articles/hidden.md)"),
    ("x.MD", "'x.MD' is not an article file: only <slug>.md files are read in articles/ "
             "(rename it to articles/x.md, or move it out of articles/)"),
    ("notes.txt", "'notes.txt' is not an article file: only <slug>.md files are read in articles/ "
                  "(rename it to articles/notes.md, or move it out of articles/)"),
]


@pytest.mark.parametrize("name, message", ARTICLE_NAMES, ids=[n for n, _ in ARTICLE_NAMES])
def test_article_file_names_outside_the_slug_pattern_are_refused(fixture_site, name: str,
                                                                  message: str) -> None:
    root = fixture_site("small")
    shutil.copy(root / "articles" / f"{BUDGET}.md", root / "articles" / name)
    assert problems(root) == [f"articles/{name}:1:1: {message}"]


def test_rejected_article_name_does_not_cascade_into_a_missing_article(fixture_site, capsys) -> None:
    """An annotation file written for the slug the hint proposes is not also reported."""
    root = fixture_site("small")
    shutil.copy(root / "articles" / f"{BUDGET}.md", root / "articles" / "My Article.md")
    (root / "annotations" / "my-article.yml").write_text("article: my-article\nannotations: []\n",
                                                         encoding="utf-8")
    assert check(root, capsys) == (1, "articles/My Article.md:1:1: article file name 'My Article' is not a "
                                      "kebab-case slug (rename it to articles/my-article.md)\n")


def test_subfolders_are_refused_except_articles_raw(fixture_site, capsys) -> None:
    root = fixture_site("small")
    for folder in ("articles/sub", "annotations/sub", "articles/raw"):
        (root / folder).mkdir()
    shutil.copy(root / "articles" / f"{BUDGET}.md", root / "articles" / "sub" / f"{BUDGET}.md")
    shutil.copy(root / "annotations" / f"{VOTE}.yml", root / "annotations" / "sub" / f"{VOTE}.yml")
    (root / "articles" / "raw" / "Scrape 1.txt").write_text("raw scrape\n", encoding="utf-8")
    (root / "annotations" / "not-an-article.yml").mkdir()  # a folder with a file's name
    assert check(root, capsys) == (1, "".join([
        "annotations/not-an-article.yml:1:1: 'not-an-article.yml' is a folder: only files directly in "
        "annotations/ are read (move its files up into annotations/, or the folder out of it)\n",
        "annotations/sub:1:1: 'sub' is a folder: only files directly in annotations/ are read "
        "(move its files up into annotations/, or the folder out of it)\n",
        "articles/sub:1:1: 'sub' is a folder: only files directly in articles/ are read "
        "(move its files up into articles/, or the folder out of it)\n"]))


def test_accepted_names_hidden_leftovers_and_yaml_extension(fixture_site, capsys) -> None:
    """``.yaml`` is read like ``.yml``; hidden files that would not be read anyway (.gitkeep) are ignored."""
    root = fixture_site("small")
    (root / "annotations" / f"{VOTE}.yml").rename(root / "annotations" / f"{VOTE}.yaml")
    for junk in ("articles/.gitkeep", "annotations/.DS_Store", "articles/.notes.txt"):
        (root / junk).write_text("junk\n", encoding="utf-8")
    (root / "articles" / "raw").mkdir()
    (root / "articles" / "raw" / "scrape.txt").write_text("raw\n", encoding="utf-8")
    code, _ = check(root, capsys)
    assert code == 0


# --- item 1: every URL built from a path is quoted ----------------------------------------------------------


QUOTED = [  # (repository path, its URL path)
    (f"annotations/{HOSTILE}.yml",
     "annotations/x%22%20autofocus%20onfocus%3D%22alert%28document.domain%29%22%20a%3D.yml"),
    ("docs/a b/c#d?e.md", "docs/a%20b/c%23d%3Fe.md"),
    ("docs/<script>.md", "docs/%3Cscript%3E.md"),
    ("docs/it's`x`.md", "docs/it%27s%60x%60.md"),
    ("docs/caf\u00e9\u202e.md", "docs/caf%C3%A9%E2%80%AE.md"),
    ("docs/x\n\ty.md", "docs/x%0A%09y.md"),
    ("docs/100%.md", "docs/100%25.md"),
    ("docs/javascript:alert(1).md", "docs/javascript%3Aalert%281%29.md"),
    ("annotations/2020-03-01-harbour-bridge-vote.yml", "annotations/2020-03-01-harbour-bridge-vote.yml"),
]


@pytest.mark.parametrize("path, expected", QUOTED)
def test_path_url_percent_quotes_every_segment(path: str, expected: str) -> None:
    assert path_url(path) == expected
    assert well_formed(path_url(path))


@pytest.mark.parametrize("path, expected", QUOTED)
def test_source_links_quote_the_path(path: str, expected: str) -> None:
    ctx = Ctx(None, RenderOptions(repo_url="https://github.com/o/r/", branch="main"), "briefings/x.md")
    assert ctx.source_url(path, 7) == f"https://github.com/o/r/blob/main/{expected}#L7"
    tags = _Tags.of(ctx.edit_a(path, 7, "Edit"))
    assert [(tag, sorted(dict(attrs))) for tag, attrs in tags] == [("a", ["class", "href", "rel", "title"])]


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, entities decoded (as a browser sees them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag

    @classmethod
    def of(cls, html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser.tags


_URL_CHARS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")


def well_formed(url: str) -> bool:
    """Only RFC 3986 characters and whole percent escapes, and a scheme a page may link to."""
    return bool(_URL_CHARS.fullmatch(url)) and urlsplit(url).scheme in ("", "http", "https", "mailto")


# What the theme itself writes: Material's search-share button (overrides/partials/search.html keeps it).
THEME_URLS = {("search-share", "javascript:void(0)")}


def injection_problems(html: str) -> list[str]:
    """Attributes a file name could have added to any element: event handlers, autofocus, a form action, a
    repeated attribute, or a link or source that is not a well-formed URL."""
    problems = []
    for tag, attrs in _Tags.of(html):
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            problems.append(f"<{tag}> repeats an attribute: {names}")
        component = dict(attrs).get("data-md-component")
        for name, value in attrs:
            if name.startswith("on") or name in ("autofocus", "formaction", "srcdoc"):
                problems.append(f"<{tag} {name}={value!r}>")
            theirs = (component, value) in THEME_URLS
            if name in ("href", "src") and not well_formed(value or "") and not theirs:
                problems.append(f"<{tag} {name}={value!r}> is not a well-formed URL")
    return problems


@pytest.fixture(scope="module")
def hostile_docs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture with a docs page whose name is the issue's payload: docs/ is maintainer territory and
    its names are not checked, so the name reaches the site as the page's edit link."""
    root = tmp_path_factory.mktemp("hostile-docs")
    shutil.copytree(REPO_ROOT / "tests" / "fixtures" / "small", root, dirs_exist_ok=True)
    (root / "docs" / f"{HOSTILE}.md").write_text("# A page\n\nText.\n", encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_no_page_of_the_site_carries_an_injected_attribute(hostile_docs_site: Path) -> None:
    pages = sorted(hostile_docs_site.rglob("*.html"))
    assert len(pages) > 10 and any(HOSTILE in str(p) for p in pages)
    problems = {p.relative_to(hostile_docs_site).as_posix(): injection_problems(p.read_text(encoding="utf-8"))
                for p in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_hostile_page_edit_link_is_quoted_and_like_any_other(hostile_docs_site: Path) -> None:
    def edit_buttons(page: Path) -> list[dict]:
        return [dict(attrs) for tag, attrs in _Tags.of(page.read_text(encoding="utf-8"))
                if tag == "a" and "md-content__button" in (dict(attrs).get("class") or "")]
    hostile = next(p for p in hostile_docs_site.rglob("index.html") if HOSTILE in str(p))
    about = edit_buttons(hostile_docs_site / "about" / "index.html")
    buttons = edit_buttons(hostile)
    assert [sorted(b) for b in buttons] == [sorted(b) for b in about] and buttons
    edit = "https://github.com/annotated-briefings/annotated-briefings/edit/main/"
    assert buttons[0]["href"] == edit + "docs/" + path_url(f"{HOSTILE}.md")


# --- item 8: devices, pipes and size -----------------------------------------------------------------------


def test_issue_symlink_to_dev_zero_is_refused_without_reading(fixture_site) -> None:
    root = fixture_site("small")
    (root / "annotations" / "x.yml").symlink_to("/dev/zero")
    result = check_isolated(root)
    assert (result.returncode, result.stdout) == (1, f"annotations/x.yml:1:1: {LINK}\n"), result.stderr


@pytest.mark.parametrize("folder, name", [("articles", "x.md"), ("annotations", "speakers.yml"),
                                          ("annotations", "topics.yml")])
def test_symlinked_device_in_every_place_a_file_is_read(fixture_site, folder: str, name: str) -> None:
    root = fixture_site("small")
    target = root / folder / name
    target.unlink(missing_ok=True)
    target.symlink_to("/dev/zero")
    result = check_isolated(root)
    assert (result.returncode, result.stdout) == (1, f"{folder}/{name}:1:1: {LINK}\n"), result.stderr


def test_named_pipe_is_refused_without_opening_it(fixture_site) -> None:
    root = fixture_site("small")
    os.mkfifo(root / "annotations" / "x.yml")
    result = check_isolated(root)
    assert (result.returncode, result.stdout) == (1, f"annotations/x.yml:1:1: {SPECIAL}\n"), result.stderr


def test_sparse_huge_file_is_refused_by_its_size_before_reading(fixture_site) -> None:
    root = fixture_site("small")
    with open(root / "annotations" / "x.yml", "wb") as fh:
        fh.truncate(3 * 2 ** 30)  # 3 GiB that take no disk, but would take memory if read
    result = check_isolated(root)
    assert (result.returncode, result.stdout) == (
        1, "annotations/x.yml:1:1: file is 3,221,225,472 bytes, over the limit of 1,048,576 "
           "(split it into smaller files)\n"), result.stderr


def test_size_limit_boundary(fixture_site, capsys) -> None:
    root = fixture_site("small")
    path = root / "annotations" / f"{VOTE}.yml"
    text = path.read_text(encoding="utf-8")
    text += "#" + "a" * (MAX_FILE_BYTES - len(text.encode("utf-8")) - 2) + "\n"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size == MAX_FILE_BYTES
    assert check(root, capsys)[0] == 0
    path.write_text(text + "\n", encoding="utf-8")
    assert check(root, capsys) == (1, f"annotations/{VOTE}.yml:1:1: file is 1,048,577 bytes, over the limit "
                                      "of 1,048,576 (split it into smaller files)\n")


# --- item 9: symbolic links ---------------------------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A valid article outside the repository, holding a secret."""
    folder = tmp_path / "outside"
    folder.mkdir()
    article = (REPO_ROOT / "tests" / "fixtures" / "small" / "articles" / f"{BUDGET}.md").read_text(
        encoding="utf-8")
    (folder / "secret.md").write_text(article + "\nTOP SECRET 7f3a of the build machine.\n", encoding="utf-8")
    return folder


def test_issue_symlinked_article_outside_the_repository_is_refused(fixture_site, outside, capsys) -> None:
    root = fixture_site("small")
    (root / "articles" / "leak.md").symlink_to(outside / "secret.md")
    assert check(root, capsys) == (1, f"articles/leak.md:1:1: {LINK}\n")


@pytest.mark.slow
def test_symlinked_article_fails_the_plugin_build_too(fixture_site, outside, tmp_path) -> None:
    """``mkdocs build`` on its own (no ``check`` first): the plugin refuses the link; nothing is published."""
    from conftest import mkdocs_build  # tests/conftest.py (tests/ is on sys.path)
    root = fixture_site("small")
    (root / "articles" / "leak.md").symlink_to(outside / "secret.md")
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode != 0
    assert f"articles/leak.md:1:1: {LINK}" in result.stderr.splitlines()
    assert not any("TOP SECRET" in p.read_text(encoding="utf-8", errors="replace")
                   for p in (tmp_path / "out").rglob("*") if p.is_file())


LINKS = [  # (link, target relative to the copied project or "OUT/..." for the outside folder, reported path)
    ("articles/copy.md", f"articles/{BUDGET}.md", "articles/copy.md"),  # inside the repository: refused too
    ("articles/git.md", ".git/config", "articles/git.md"),  # a dangling link is still a link
    ("annotations/leak.yml", "OUT/secret.md", "annotations/leak.yml"),
    ("annotations/.hidden.yml", "OUT/secret.md", "annotations/.hidden.yml"),
    ("articles/raw", "OUT", "articles/raw"),  # the one allowed subfolder, as a link
    ("articles/raw/scrape.txt", "OUT/secret.md", "articles/raw/scrape.txt"),
    ("docs/leak.md", "OUT/secret.md", "docs/leak.md"),
    ("docs/more", "OUT", "docs/more"),  # a folder of docs
    ("docs/sub/deep.md", "/etc/hostname", "docs/sub/deep.md"),
]


@pytest.mark.parametrize("link, target, reported", LINKS, ids=[link for link, *_ in LINKS])
def test_symlinks_are_refused_wherever_they_point(fixture_site, outside, capsys, link: str, target: str,
                                                  reported: str) -> None:
    root = fixture_site("small")
    path = root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    if target.startswith("OUT"):
        destination = outside / target.removeprefix("OUT").lstrip("/")
    else:
        destination = Path(target) if target.startswith("/") else root / target
    path.symlink_to(destination)
    assert check(root, capsys) == (1, f"{reported}:1:1: {LINK}\n")


@pytest.mark.parametrize("folder", ["articles", "annotations", "docs"])
def test_a_symlinked_content_folder_is_refused_even_inside_the_repository(fixture_site, capsys,
                                                                          folder: str) -> None:
    """The folder is moved within the repository and linked back: one error, no cascade (no speaker registry
    reported missing, no article reported unknown)."""
    root = fixture_site("small")
    (root / folder).rename(root / f"real-{folder}")
    (root / folder).symlink_to(f"real-{folder}")
    assert check(root, capsys) == (1, f"{folder}:1:1: {LINK}\n")


def test_a_content_folder_outside_the_repository_is_refused(fixture_site, tmp_path, capsys) -> None:
    root = fixture_site("small")
    shutil.move(root / "articles", tmp_path / "elsewhere")
    code = cli_main(["--root", str(root), "--articles", "../elsewhere", "check"])
    assert (code, capsys.readouterr().out) == (
        1, "../elsewhere:1:1: the articles folder is outside the repository "
           "(keep articles, annotations and docs inside the repository)\n")


def test_a_hardlink_is_an_ordinary_file(fixture_site, outside, capsys) -> None:
    """Git stores no hard links: a hard-linked file is its content, committed like any other."""
    root = fixture_site("small")
    os.link(outside / "secret.md", root / "articles" / "hard.md")
    assert check(root, capsys)[0] == 0


@pytest.mark.slow
def test_symlink_in_docs_fails_the_plugin_build(fixture_site, outside, tmp_path) -> None:
    """MkDocs reads docs/ itself (and follows links while listing it): the plugin refuses the link first."""
    from conftest import mkdocs_build
    root = fixture_site("small")
    (root / "docs" / "more").symlink_to(outside)
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/more:1:1: {LINK}" in result.stderr.splitlines()
    assert not (tmp_path / "out" / "more").exists()


@pytest.mark.slow
def test_symlink_in_docs_fails_the_build_command(fixture_site, outside) -> None:
    root = fixture_site("small")
    (root / "docs" / "leak.md").symlink_to(outside / "secret.md")
    result = run_build(root)
    assert result.returncode == 1
    assert result.stdout == f"docs/leak.md:1:1: {LINK}\n"
    assert not (root / "site").exists()


# --- item 17c: a build killed half-way ---------------------------------------------------------------------


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


@pytest.mark.slow
def test_stale_building_folders_are_removed_by_the_next_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    write_small_project(project)
    stale = project / ".site.building-k1ll3d"
    (stale / "briefings").mkdir(parents=True)
    (stale / "briefings" / "index.html").write_text("half a site", encoding="utf-8")
    (project / ".site.old").mkdir()
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "precious.txt").write_text("not ours", encoding="utf-8")
    (project / ".site.building-link").symlink_to(keep)  # removed as a link; what it points at is left alone
    (project / ".other.building-x").mkdir()  # another folder's leftovers are not ours
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert _leftovers(project) == []
    assert (keep / "precious.txt").read_text(encoding="utf-8") == "not ours"
    assert (project / ".other.building-x").is_dir()


@pytest.mark.slow
def test_a_build_killed_half_way_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    write_small_project(project)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["TMPDIR"] = str(tmp_path)  # the killed build's temporary folder, which nothing can remove, stays here
    build = subprocess.Popen([sys.executable, "-m", "build_scripts", "build"], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not [p for p in project.glob(".site.building-*") if any(p.iterdir())]:
            assert build.poll() is None, "the build ended before it wrote anything"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.killpg(build.pid, signal.SIGKILL)  # as a CI timeout does: the build and its mkdocs process
        build.wait()
    assert _leftovers(project)  # what the issue saw
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert _leftovers(project) == []
    assert (project / "site" / "index.html").is_file()


@pytest.mark.slow
def test_a_running_build_is_not_cleaned_up_by_a_second_one(tmp_path: Path) -> None:
    """The cleanup is safe: while another build holds the lock (here, this test), a build waits instead of
    taking that build's folder for a killed one's; once the lock is free, the folder is stale and removed."""
    project = tmp_path / "project"
    project.mkdir()
    write_small_project(project)
    running = project / ".site.building-running"
    running.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    lock = os.open(project, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        build = subprocess.Popen([sys.executable, "-m", "build_scripts", "build"], cwd=project, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert build.stderr is not None
        lines = [build.stderr.readline(), build.stderr.readline()]
        assert lines[1] == f"build: waiting for another build in {project} to finish\n", lines
        time.sleep(0.5)
        assert running.is_dir() and build.poll() is None
    finally:
        os.close(lock)  # releases the lock
    _, err = build.communicate(timeout=600)
    assert build.returncode == 0, err
    assert _leftovers(project) == []


@pytest.mark.parametrize("target", ["/etc/hostname", "annotations/speakers.yml", "/dev/zero"])
def test_a_symlinked_contributing_guide_is_refused(tmp_path: Path, target: str) -> None:
    """CONTRIBUTING.md becomes the site's Contribute page: a link in its place would publish its target."""
    from build_scripts.render import guide

    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "speakers.yml").write_text("speakers: []\n", encoding="utf-8")
    (tmp_path / "CONTRIBUTING.md").symlink_to(target if target.startswith("/") else tmp_path / target)
    with pytest.raises(PipelineError) as info:
        guide.page(tmp_path)
    assert [str(d) for d in info.value.diagnostics] == [
        "CONTRIBUTING.md:1:1: symbolic link: links are not followed (commit the file itself; a link could "
        "publish any file on the machine that builds the site)"]


def test_the_contributing_guide_is_read_as_it_is(tmp_path: Path) -> None:
    from build_scripts.render import guide

    (tmp_path / "CONTRIBUTING.md").write_text("# Contributing\n\nHello.\n", encoding="utf-8")
    assert guide.page(tmp_path).text.endswith("# Contributing\n\nHello.\n")
