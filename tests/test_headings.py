"""Generated headings are the HTML the site's Markdown writes for a Markdown heading, under the ``toc``
settings mkdocs.yml gives (build_scripts/render/headings.py, build_scripts/engines/mkdocs/headings.py)."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from markdown.extensions.toc import slugify as toc_slugify, slugify_unicode, unique as toc_unique
from mkdocs.exceptions import PluginError

from build_scripts.engines.mkdocs.headings import given_settings, same_settings, toc_settings
from build_scripts.engines.mkdocs.pages import page_toc
from build_scripts.render.context import Ctx, RenderOptions
from build_scripts.render.headings import Headings, slugify, unique
from build_scripts.render.safe import heading_text

from conftest import copy_site, mkdocs_build  # noqa: E402  (tests/ is on sys.path)

TITLES = ["A title: with ‘quotes’", "Żółć & <b>bold</b> «x»", "  spaces   inside\tand tab ",
          "x &amp; y &#58;", "C'est l'été", "日本語 title", "---", "", "2023", "a_1", "under_score and-dash",
          "\\*not* `code`"]
CLAIM = "Speaker: a <b>claim</b> & more"

# toc settings as mkdocs.yml gives them; each must give the very headings Python-Markdown writes
SETTINGS = [
    {"permalink": True},
    {"permalink": "#"},
    {},
    {"permalink": False, "permalink_title": "ignored"},
    {"permalink": "¶", "permalink_title": ""},
    {"permalink": "<&> &para; &#35;", "permalink_title": 'a "b" & <c>', "permalink_class": "anchor x"},
    {"permalink": True, "permalink_leading": True},
    {"permalink": "yes", "separator": "_"},
    {"permalink": "#", "slugify": slugify_unicode},
    {"permalink": True, "toc_depth": 2},
]
SETTING_IDS = ["permalink", "#", "none", "off", "pilcrow untitled", "odd text title class", "leading",
               "separator", "unicode slugify", "toc depth"]


@pytest.mark.parametrize("text", TITLES)
@pytest.mark.parametrize("separator", ["-", "_"])
def test_the_default_ids_are_markdowns(text: str, separator: str) -> None:
    assert slugify(text, separator) == toc_slugify(text, separator)


@pytest.mark.parametrize(("anchor", "taken"), [
    ("a", set()), ("a", {"a"}), ("a", {"a", "a_1", "a_2"}), ("a_1", {"a_1"}), ("a_1", {"a_1", "a_2"}),
    ("a_9", {"a_9", "a_10"}), ("", set()), ("", {"_1"}), ("a_09", {"a_09"}), ("a_", {"a_"}),
])
def test_unique_ids_are_markdowns(anchor: str, taken: set[str]) -> None:
    ours, theirs = set(taken), set(taken)
    assert unique(anchor, ours) == toc_unique(anchor, theirs)
    assert ours == theirs


def markdown_headings(settings: dict, title: str, taken: list[str]) -> str:
    """What Python-Markdown writes for the page title and a claim heading with an id, after other ids."""
    text = "".join(f"x\n{{: #{i} }}\n\n" for i in taken)  # other ids on the page
    text += f"# {heading_text(title)}\n\n### {heading_text(CLAIM)} {{#claim-1}}\n"
    md = markdown.Markdown(extensions=["attr_list", "toc"], extension_configs={"toc": settings})
    html = md.convert(text)
    return html[html.index("<h1"):] + "\n"


@pytest.mark.parametrize("settings", SETTINGS, ids=SETTING_IDS)
@pytest.mark.parametrize("title", TITLES)
def test_headings_are_what_markdown_writes(settings: dict, title: str) -> None:
    headings = toc_settings(settings).headings
    taken = ["a-title-with-quotes", "2023", "2023_1"]
    ours = headings.h1(title, taken) + headings.heading(3, CLAIM, "claim-1")
    assert ours == markdown_headings(settings, title, taken)


@pytest.mark.parametrize("settings", SETTINGS, ids=SETTING_IDS)
@pytest.mark.parametrize("title", TITLES)
def test_the_toc_entries_recorded_are_markdowns(settings: dict, title: str) -> None:
    """A page's table of contents is recorded as its headings are written: the same entries (level, id, name)
    as Python-Markdown's toc gives for the same headings, a label given included, nested by the engine as
    Markdown nests them, to the levels ``toc_depth`` lists."""
    taken = ["a-title-with-quotes", "2023", "2023_1"]
    ctx = Ctx(None, RenderOptions(headings=toc_settings(settings).headings), "p.md")
    ctx.ids.update(taken)
    ctx.h1(title)
    ctx.heading(3, CLAIM, "claim-1")
    ctx.heading(2, CLAIM, "labelled", toc_label="Speaker: a <b>claim</b> & more")
    text = "".join(f"x\n{{: #{i} }}\n\n" for i in taken)
    text += (f"# {heading_text(title)}\n\n### {heading_text(CLAIM)} {{#claim-1}}\n\n"
             f'## {heading_text(CLAIM)} {{#labelled data-toc-label="Speaker: a b claim b more"}}\n')
    md = markdown.Markdown(extensions=["attr_list", "toc"], extension_configs={"toc": settings})
    md.convert(text)

    def shape(tokens: list) -> list:
        return [(t["level"], t["id"], t["name"], shape(t["children"])) for t in tokens]

    page = ctx.finish({"title": title}, [])
    assert shape(page_toc(page.toc, toc_settings(settings))) == shape(md.toc_tokens)
    assert [entry["id"] for entry in page.toc] == [ctx.toc[0]["id"], "claim-1", "labelled"]
    assert ctx.ids == {*taken, ctx.toc[0]["id"], "claim-1", "labelled"}


def test_the_toc_label_stays_on_the_heading() -> None:
    """Markdown drops ``data-toc-label`` from the heading; a generated one keeps it (the rest is the same)."""
    headings = toc_settings({"permalink": "#"}).headings
    ours = headings.heading(3, CLAIM, "claim-1", toc_label="Speaker: a <b>claim</b>")
    assert ' data-toc-label="Speaker: a b claim b"' in ours
    assert ours.replace(' data-toc-label="Speaker: a b claim b"', "") == headings.heading(3, CLAIM, "claim-1")


@pytest.mark.parametrize("title", TITLES)
def test_the_default_is_a_sites_with_permalinks(title: str) -> None:
    """``render --out`` and the tests get the headings of ``toc: {permalink: true}``, as before."""
    site = toc_settings({"permalink": True}).headings
    assert Headings().h1(title, ["x"]) == site.h1(title, ["x"])
    assert Headings().heading(3, CLAIM, "c", "label") == site.heading(3, CLAIM, "c", "label")
    today = ('<h2 id="article">Article<a class="headerlink" href="#article" title="Permanent link">&para;</a>'
             "</h2>\n")
    assert Headings().heading(2, "Article", "article") == today


@pytest.mark.parametrize(("settings", "refused"), [
    ({"baselevel": 2}, "baselevel"), ({"anchorlink": True}, "anchorlink"),
    ({"baselevel": "3", "anchorlink": True, "permalink": True}, "baselevel, anchorlink"),
])
def test_settings_the_generated_headings_cannot_follow_are_refused(settings: dict, refused: str) -> None:
    with pytest.raises(PluginError, match=f"^markdown_extensions: toc: {refused} is not supported with the "
                                          "annotated-briefings plugin: .* \\(remove it\\)$"):
        toc_settings(settings)


@pytest.mark.parametrize("depth", [6, 2, "2-3", "3-6", 1])
def test_toc_depth_limits_the_table_of_contents_as_markdown_does(depth: int | str) -> None:
    ctx = Ctx(None, RenderOptions(), "p.md")
    ctx.heading(2, "Annotations", "annotations")
    ctx.heading(3, "A", "one")
    ctx.heading(3, "B", "two")
    ctx.heading(2, "Article", "article")
    ctx.heading(4, "Deep", "deep")
    ctx.h1("Title")  # written last, first on the page
    page = ctx.finish({"title": "Title"}, [])
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"toc_depth": depth}})
    md.convert("# Title\n\n## Annotations\n\n### A\n\n### B\n\n## Article\n\n#### Deep\n")

    def shape(tokens: list) -> list:
        return [(t["level"], t["name"], shape(t["children"])) for t in tokens]

    assert shape(page_toc(page.toc, toc_settings({"toc_depth": depth}))) == shape(md.toc_tokens)


def test_the_same_settings_read_again_are_the_same() -> None:
    """mkdocs serve reads mkdocs.yml at each rebuild: a slugify made again by the same factory call is the
    same, so that the headings (and every page kept between rebuilds) stay equal."""
    def factory(case: str):
        def slug(text: str, separator: str) -> str:
            return toc_slugify(text, separator) if case == "lower" else text
        return slug

    assert same_settings({"permalink": True, "slugify": factory("lower")},
                         {"permalink": True, "slugify": factory("lower")})
    assert not same_settings({"slugify": factory("lower")}, {"slugify": factory("upper")})
    assert not same_settings({"permalink": True}, {"permalink": "#"})
    assert not same_settings({"permalink": True}, {"permalink": True, "toc_depth": 2})
    assert given_settings({"toc": {"permalink": "#"}, "markdown.extensions.toc": {"toc_depth": 2}}) == {
        "permalink": "#", "toc_depth": 2}


HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)</h\1>')


@pytest.mark.slow
@pytest.mark.parametrize("permalink", ["#", False])
def test_a_site_gets_the_headings_its_toc_settings_give(tmp_path: Path, permalink: str | bool) -> None:
    """A real build of the small fixture with ``toc: {permalink: "#", toc_depth: 2}`` or ``permalink: false``:
    the generated pages' headings are written as its hand-written page's are, and the table of contents of
    a briefing lists its sections, not its annotations."""
    root = copy_site("small", tmp_path / "src")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = ["attr_list", {"toc": {"permalink": permalink, "toc_depth": 2}}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = {p.relative_to(tmp_path / "site").as_posix(): p.read_text(encoding="utf-8")
             for p in (tmp_path / "site").rglob("*.html")}
    link = '<a class="headerlink" href="#{}" title="Permanent link">#</a>' if permalink else ""
    about = HEADING.findall(pages["about/index.html"])
    section = "how-to-read-a-briefing"
    assert ("2", section, "How to read a briefing" + link.format(section)) in about
    generated = [(path, heading) for path, html in pages.items()
                 if path.startswith(("briefings/", "speakers/")) for heading in HEADING.findall(html)]
    assert len(generated) > 10
    for path, (_, anchor, inner) in generated:
        text = inner.removesuffix(link.format(anchor))
        assert inner.endswith(link.format(anchor)) and "headerlink" not in text, path
    assert not any("&para;" in html for html in pages.values())
    vote = pages["briefings/2020-03-01-harbour-bridge-vote/index.html"]
    toc = vote[vote.index('<nav class="md-nav md-nav--secondary"'):]
    toc = toc[:toc.index("</nav>")]
    assert 'href="#article"' in toc and 'href="#bridge-opens-2023"' not in toc  # h3: beyond toc_depth 2
    assert 'id="bridge-opens-2023"' in vote
