"""The reader's navigation (mkdocs.yml ``nav``) holds reader pages only; developer docs stay in the repo."""

from __future__ import annotations

import yaml
from conftest import ROOT

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

# Every tab a reader sees, and the page behind it: generated pages (plugin) or hand-written ones in docs/.
READER_NAV = [
    ("Home", "index.md"),
    ("Briefings", "briefings/index.md"),
    ("Speakers", "speakers/index.md"),
    ("Topics", "topics/index.md"),
    ("Claims", "claims/index.md"),
    ("Explorer", "claims/explorer.md"),
    ("Data", "data.md"),
    ("About", "about.md"),
    ("Contribute", "contribute.md"),
]
# Repository documents for developers: never a page of the site.
DEVELOPER_DOCS = ["README.md", "ARCHITECTURE.md", "ENGINES.md", "BENCHMARKS.md", "benchmarks/README.md"]


def test_the_nav_lists_reader_pages_only() -> None:
    assert [tuple(next(iter(item.items()))) for item in CONFIG["nav"]] == READER_NAV


def test_developer_docs_stay_in_the_repository() -> None:
    docs = ROOT / CONFIG["docs_dir"]
    for name in DEVELOPER_DOCS:
        assert (ROOT / name).is_file(), f"{name} is missing from the repository"
        assert not (docs / name.lower()).exists(), f"{name} is published as {docs.name}/{name.lower()}"
    assert not [p for p in docs.rglob("*.md") if "benchmark" in p.name.lower()]
