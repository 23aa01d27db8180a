"""ingest from saved HTML pages (trafilatura), the seed's plain text still, and --force drift reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.ingest_html import read_html
from build_scripts.pipeline import Project, load_site

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "tests" / "fixtures" / "ingest_html"

HARBOR_BODY = (
    "Dock workers at the city’s port voted on Tuesday to end a two-week strike after the operator agreed to raise "
    "wages by 7 percent over two years.",
    "“This deal shows that standing together works,” said union leader Tomas Berg, adding that members had "
    "accepted the offer by a large majority.",
    "The port operator said the agreement would “restore normal operations by the end of the week” and that no "
    "ships had been diverted permanently.",
    "Economists had warned that a longer strike could cost the regional economy as much as 40 million euros a week.",
)
VALLEY_BODY = (
    "The town council voted 7 to 4 on Thursday evening to close the Elm Street and Riverside libraries next spring "
    "to save money.",
    "Council member Priya Shah, who voted against the plan, said closing the branches “will hurt the families who "
    "rely on them most”.",
    "The mayor’s office said the closures would save about 600,000 dollars a year and that mobile library services "
    "would visit both neighbourhoods.",
    "A petition against the closures has gathered more than 3,000 signatures since September.",
)


@pytest.mark.parametrize("name, title, author, published, url, publisher, body", [
    ("harbor-times-article.html", "Port strike ends after pay deal", "Lena Fischer", "2022-05-17",
     "https://harbortimes.example.com/news/2022/05/17/port-strike-ends", "The Harbor Times", HARBOR_BODY),
    ("valley-post-story.html", "Council votes to close two libraries", "Sam O'Neill", "2023-11-02",
     None, "The Valley Post", VALLEY_BODY),
])
def test_read_html(name: str, title: str, author: str, published: str, url: str | None, publisher: str,
                   body: tuple[str, ...]) -> None:
    scrape = read_html((HTML / name).read_bytes())
    assert (scrape.title, scrape.author, scrape.published, scrape.url, scrape.publisher) == \
        (title, author, published, url, publisher)
    assert scrape.paragraphs == body  # no nav, share links, caption, related links, comments or footer


def test_page_without_text_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/b'>Sport</a></li></ul></nav>"
                    "<footer>(c) 2020</footer></body></html>", encoding="utf-8")
    assert main(["ingest", str(page), "--slug", "x", "--out-dir", str(tmp_path / "articles")]) == 2
    assert capsys.readouterr().err == f"ingest: {page}: no article text found in the HTML page\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "tests" / "fixtures" / "reanchor", tmp_path / "site"))


def test_ingested_html_article_loads_in_the_pipeline(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = project / "articles"
    assert main(["ingest", str(HTML / "harbor-times-article.html"), "--slug", "2022-05-17-port-strike",
                 "--out-dir", str(out)]) == 0
    text = (out / "2022-05-17-port-strike.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Port strike ends after pay deal"\npublisher: "The Harbor Times"\n'
                           'author: "Lena Fischer"\npublished: "2022-05-17"\nlanguage: "en"\n'
                           'url: "https://harbortimes.example.com/news/2022/05/17/port-strike-ends"\n---\n\n')
    assert text.endswith("\n\n".join(HARBOR_BODY) + "\n")
    site = load_site(Project(project))
    assert site.briefing("2022-05-17-port-strike").article.author == "Lena Fischer"


def test_never_overwrites_without_force(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = project / "articles" / "2021-03-04-budget-plan.md"
    before = article.read_bytes()
    assert main(["ingest", str(HTML / "valley-post-story.html"), "--slug", "2021-03-04-budget-plan",
                 "--out-dir", str(project / "articles")]) == 2
    assert article.read_bytes() == before
    assert "already exists; pass --force to overwrite it" in capsys.readouterr().err


def test_force_reports_quotes_that_would_stop_anchoring(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A corrected version of the annotated article, saved as HTML: the typo is fixed, one sentence removed.
    page = project / "corrected.html"
    page.write_text(
        "<html><head><title>Government promises a balanced budget</title>"
        '<meta name="author" content="Kim Writer"><meta property="article:published_time" content="2021-03-04">'
        "</head><body><article><h1>Government promises a balanced budget</h1>"
        "<p>Opposition leader Maria Lopez said the plan “relies on optimistic growth forecasts” and would fail.</p>"
        "<p>The central bank warned that inflation could stay above target for another year.</p>"
        "<p>Economists at the institute said unemployment would fall to four percent.</p>"
        "</article></body></html>", encoding="utf-8")
    out = project / "articles"
    assert main(["ingest", str(page), "--slug", "2021-03-04-budget-plan", "--out-dir", str(out),
                 "--publisher", "Example Gazette", "--force"]) == 0
    err = capsys.readouterr().err.splitlines()
    yml = f"{project}/annotations/2021-03-04-budget-plan.yml"
    assert err[0].startswith(f"ingest: --force: {yml}:8:12: annotations[0].quote would stop anchoring (orphan)")
    assert err[1] == (f"ingest: --force: {yml}:15:12: annotations[1].quote would stop anchoring (update); "
                      'best candidate 99% similar: "relies on optimistic growth forecasts"')
    assert err[2] == f"ingest: --force: 2 of 4 quote(s) in {yml} would stop anchoring"
    assert len(err) == 3
    assert "relies on optimistic growth" in (out / "2021-03-04-budget-plan.md").read_text(encoding="utf-8")


def test_seed_plain_text_still_ingests(tmp_path: Path) -> None:
    raw = ROOT / "tests" / "fixtures" / "ingest" / "seed" / "korea-herald-scrape.txt"
    committed = raw.with_name("2018-07-08-pompeo-sanctions.md")
    assert main(["ingest", str(raw), "--slug", "2018-07-08-pompeo-sanctions", "--out-dir", str(tmp_path),
                 "--published", "2018-07-08", "--publisher", "The Korea Herald"]) == 0
    assert (tmp_path / "2018-07-08-pompeo-sanctions.md").read_bytes() == committed.read_bytes()
