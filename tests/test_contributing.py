"""CONTRIBUTING.md followed step by step, and the pages it promises.

The walkthrough runs on the full fixture with the repository's site configuration, not on its briefings.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from build_scripts.anchoring import anchor_quote
from build_scripts.articles import normalize_with_offsets
from build_scripts.pipeline import Project, load_site
from build_scripts.schema import ANNOTATION_FILE, SPEAKERS_FILE, Validator
from build_scripts.yamlsource import parse_yaml

from conftest import copy_site  # tests/ is on sys.path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "!python"))
REPO = CONFIG["repo_url"].rstrip("/")
NEW_ID_CLAIM = "The speaker says the walkthrough works."
TOPIC = "walkthrough-topic"
HANDLE = "walkthrough-tester"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, env=env)


def unannotated_quote(root: Path) -> tuple[str, str]:
    """(slug, quote): six words of an article that no annotation covers and that occur once."""
    site = load_site(Project(root))
    for b in site.briefings:
        spans = [s for a in b.annotations for s in (a.span, *(c.span for c in a.counterclaims)) if s]
        norm = normalize_with_offsets(b.article.body)
        words = list(re.finditer(r"[A-Za-z][\w’'-]*", b.article.body))
        for i in range(len(words) - 6):
            start, end = words[i].start(), words[i + 5].end()
            quote = b.article.body[start:end]
            if "\n" in quote or any(s.start < end and start < s.end for s in spans):
                continue
            if anchor_quote(norm, quote).span is not None:
                return b.slug, quote
    raise AssertionError("every passage of every article is annotated")


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = copy_site("full", tmp_path_factory.mktemp("walkthrough"), repo_config=True)
    slug, quote = unannotated_quote(root)
    registered = next(iter(load_site(Project(root)).speakers))  # read before the stub makes the files invalid
    path = root / "annotations" / f"{slug}.yml"
    before = path.read_text(encoding="utf-8")

    # 1. Scaffold, as in section 3 of the guide.
    scaffold = run(root, "build_scripts", "new", slug, quote, "--append")
    assert scaffold.returncode == 0, scaffold.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before)
    stub = text[len(before):]
    new_id = re.search(r"- id: (\S+)", stub).group(1)
    suggested = re.search(r"speaker: (\S*)", stub).group(1)
    speaker = suggested if suggested and suggested != "#" else registered

    # 2. Fill in the TODO lines by editing the text, as a contributor would.
    filled = re.sub(r"speaker: .*", f"speaker: {speaker}", stub, count=1)
    filled = re.sub(r"claim: .*", f"claim: {NEW_ID_CLAIM}", filled, count=1)
    filled = re.sub(r"attribution: reported .*", "attribution: reported", filled, count=1)  # words outside "…"
    filled = re.sub(r"topics: .*", f"topics: [{TOPIC}]", filled, count=1)
    filled = re.sub(r"contributor: .*", f"contributor: {HANDLE}", filled, count=1)
    path.write_text(before + filled, encoding="utf-8")

    # 3. check passes.
    check = run(root, "build_scripts", "check")
    # 4. The site builds.
    build = run(root, "mkdocs", "build", "--strict", "--quiet", "-d", str(root / "site"))
    return {"root": root, "slug": slug, "quote": quote, "id": new_id, "speaker": speaker, "check": check,
            "build": build, "site": root / "site", "stub": stub}


def page(walkthrough: dict, url: str) -> str:
    return (walkthrough["site"] / url / "index.html").read_text(encoding="utf-8")


def test_scaffolded_stub_has_the_quote_and_todo_lines(walkthrough: dict) -> None:
    stub = walkthrough["stub"]
    assert stub.startswith("\n  - id: ")
    assert f'quote: "{walkthrough["quote"]}"' in stub
    unquoted = "\n    attribution: reported # TODO: not in quotation marks" in stub  # then, a fourth TODO
    assert stub.count("# TODO") == 3 + unquoted


def test_check_passes_after_filling_in_the_stub(walkthrough: dict) -> None:
    assert walkthrough["check"].returncode == 0, walkthrough["check"].stdout
    assert walkthrough["check"].stdout == ""


def test_the_site_builds_strict(walkthrough: dict) -> None:
    assert walkthrough["build"].returncode == 0, walkthrough["build"].stderr


def test_new_annotation_on_its_briefing_speaker_and_topic_pages(walkthrough: dict) -> None:
    ann, slug = walkthrough["id"], walkthrough["slug"]
    briefing = page(walkthrough, f"briefings/{slug}")
    assert f'id="{ann}"' in briefing and f'id="q-{ann}"' in briefing
    assert NEW_ID_CLAIM in briefing and html.escape(walkthrough["quote"], quote=False) in briefing
    link = f'href="../../briefings/{slug}/#{ann}">{NEW_ID_CLAIM}</a>'
    assert link in page(walkthrough, f"speakers/{walkthrough['speaker']}")
    assert link in page(walkthrough, f"topics/{TOPIC}")
    contributors = page(walkthrough, "contributors")
    assert f'id="contributor-{HANDLE}"' in contributors
    assert f'href="../briefings/{slug}/#{ann}">{NEW_ID_CLAIM}</a>' in contributors


def _edit_button(text: str) -> str:
    return re.search(r'<a href="([^"]+)" title="Edit this page" class="md-content__button', text).group(1)


def _line_of(path: Path, item_id: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if re.fullmatch(rf"\s*- id: {re.escape(item_id)}\s*(#.*)?", line))


def test_every_annotation_and_speaker_has_an_edit_link_at_its_line(walkthrough: dict) -> None:
    root = walkthrough["root"]
    site = load_site(Project(root))
    for b in site.briefings:
        text = page(walkthrough, f"briefings/{b.slug}")
        if b.annotations:
            assert _edit_button(text) == f"{REPO}/edit/main/{b.source_path}"
        for ann in b.annotations:
            line = _line_of(root / b.source_path, ann.id)
            href = f"{REPO}/blob/main/{b.source_path}#L{line}"
            card = text[text.index(f'<h3 id="{ann.id}"'):]
            card = card[:card.find("<h3", 1)]  # this annotation's section, up to the next one
            assert f'<a class="ab-edit" href="{href}"' in card, ann.id
    for sid in site.speakers:
        text = page(walkthrough, f"speakers/{sid}")
        line = _line_of(root / "annotations" / "speakers.yml", sid)
        assert f'<a class="ab-edit" href="{REPO}/blob/main/annotations/speakers.yml#L{line}"' in text
        assert _edit_button(text) == f"{REPO}/edit/main/annotations/speakers.yml"


def test_contribute_page_is_contributing_md(walkthrough: dict) -> None:
    text = page(walkthrough, "contribute")
    assert _edit_button(text) == f"{REPO}/edit/main/CONTRIBUTING.md"
    for title in re.findall(r"^## (.+)$", GUIDE, re.MULTILINE):
        assert f">{html.escape(title, quote=False)}<" in text, title
    assert text.count("<pre") == GUIDE.count("\n```") // 2


def test_about_page_links_to_contributors_and_contribute(walkthrough: dict) -> None:
    about = page(walkthrough, "about")
    assert 'href="../contributors/"' in about and 'href="../contribute/"' in about


def test_nav_has_contribute_once() -> None:
    assert [entry for entry in CONFIG["nav"] if "Contribute" in entry] == [{"Contribute": "contribute.md"}]


# --- the guide itself ----------------------------------------------------------------------------


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", GUIDE, re.MULTILINE | re.DOTALL)


def test_guide_covers_every_topic() -> None:
    headings = re.findall(r"^## \d+\. (.+)$", GUIDE, re.MULTILINE)
    assert headings == ["Fork, clone and set up", "The format, with one full example",
                        "Scaffold an annotation from a quote", "How quotes are matched",
                        "Writing a neutral paraphrase", "Adding a speaker", "Add a new briefing",
                        "Check and preview locally",
                        "Open the pull request", "What reviewers look for"]


def test_guide_commands_are_the_ones_the_walkthrough_runs() -> None:
    commands = [line.strip() for block in _blocks("sh") for line in block.splitlines()]
    assert any(c.startswith("python -m build_scripts new ") and c.endswith(" --append") for c in commands)
    assert "python -m build_scripts check" in commands
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^make (\S+)$", "\n".join(commands), re.MULTILINE):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_guide_full_example_is_valid_for_validator_and_schema() -> None:
    import json
    example = next(b for b in _blocks("yaml") if b.startswith("# yaml-language-server"))
    doc = parse_yaml(example, "example.yml")
    validator = Validator(doc)
    record = validator.record(doc.data, (), ANNOTATION_FILE)
    assert validator.problems == []
    every = {f.name for f in ANNOTATION_FILE.field("annotations").item.fields}
    assert set(record["annotations"][0]) == every - {"suffix"}  # prefix and suffix are alternatives
    schema = json.loads((ROOT / "schemas" / "annotations.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc.data, schema)


def test_guide_speaker_example_is_valid() -> None:
    block = next(b for b in _blocks("yaml") if "  - id: " in b and "role:" in b)
    doc = parse_yaml("speakers:\n" + block, "speakers.yml")
    validator = Validator(doc)
    validator.record(doc.data, (), SPEAKERS_FILE)
    assert validator.problems == []


# --- the contributors page, on a small fixture ---------------------------------------------------


def test_contributors_page_credits_each_handle_with_links(tmp_path: Path) -> None:
    from build_scripts.render import RenderOptions, render_site
    from build_scripts.render.contributors import PATH

    root = tmp_path / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "scaffold", root)
    path = root / "annotations" / "2021-01-04-river-dam.yml"
    path.write_text(path.read_text(encoding="utf-8") + (
        '\n  - id: build-the-dam\n    speaker: ada-stone\n    quote: "We will build the dam"\n'
        '    claim: Stone says the dam will be built.\n    contributor: "<b>x</b>\\n# y"\n'
        '\n  - id: cost-more\n    speaker: ada-stone\n    attribution: reported\n    quote: "cost more than expected"\n'
        '    claim: Stone says it costs more.\n'), encoding="utf-8")
    text = render_site(load_site(Project(root)), RenderOptions(repo_url="https://github.com/o/r"))[PATH].markdown
    assert '<p class="ab-totals">2 contributors · 2 annotations credited · 1 without a contributor</p>' in text
    # One annotation each: ordered by handle, case-insensitively; the handle is text, never markup.
    first = text.index('<h2 id="contributor-b-x-b-y">&#60;b&#62;x&#60;&#47;b&#62;&#10;&#35; y<a ')
    second = text.index('<h2 id="contributor-fixture-editor">fixture-editor<a ')
    assert first < second
    assert "<b>" not in text
    assert 'href="../briefings/2021-01-04-river-dam/#build-the-dam">Stone says the dam will be built.</a>' in text
    assert 'href="../briefings/2021-01-04-river-dam/#the-dam-is-safe">Lind says the dam is safe.</a>' in text
    assert '<a href="https://github.com/fixture-editor" rel="nofollow noopener">fixture-editor on GitHub</a>' in text
    assert "github.com/&lt;b" not in text and "cost-more" not in text
