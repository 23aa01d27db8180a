"""The optional topic registry, annotations/topics.yml: display names and descriptions."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.diagnostics import PipelineError
from build_scripts.pipeline import Project, load_site, render_project
from build_scripts.render import RenderOptions

REGISTRY = """\
topics:
  - id: harbour-bridge
    name: Harbour Bridge (HB-1)
    description: The *crossing* the council approved. <script>alert(1)</script>
"""


def _write(root: Path, text: str) -> None:
    (root / "annotations" / "topics.yml").write_text(text, encoding="utf-8")


def test_without_a_registry_names_come_from_ids(fixture_site) -> None:
    site = load_site(Project(fixture_site("small")))
    assert site.topics["harbour-bridge"].name == "Harbour bridge"
    assert site.topics["harbour-bridge"].description == ""


def test_registry_names_and_describes_topics(fixture_site) -> None:
    root = fixture_site("small")
    _write(root, REGISTRY)
    site = load_site(Project(root))
    assert site.topics["harbour-bridge"].name == "Harbour Bridge (HB-1)"
    assert site.topics["costs"].name == "Costs"  # not in the registry: derived from the id
    page = render_project(Project(root), RenderOptions()).get("topics/harbour-bridge.md").markdown
    assert '<div class="ab-topic-description">\n<p>The <em>crossing</em> the council approved.' in page
    assert "<script>" not in page  # contributor Markdown, sanitized like every other field
    index = render_project(Project(root), RenderOptions())["topics/index.md"].markdown
    assert ">Harbour Bridge (HB-1)</a>" in index


@pytest.mark.parametrize("text, expected", [
    ("topics:\n  - id: costs\n    name: Costs\n  - id: costs\n    name: Money\n",
     ["annotations/topics.yml:4:5: topics: duplicate topic id 'costs' "
      "(first defined at annotations/topics.yml:2:5; give one of them another id)"]),
    ("topics:\n  - id: Costs\n    name: Costs\n",
     ["annotations/topics.yml:2:9: topics[0].id: 'Costs' is not a kebab-case id (use 'costs')"]),
    ("topics:\n  - id: costs\n", [
     "annotations/topics.yml:2:5: topics[0]: missing required field 'name' in topic "
     "(add a 'name:' line: display name, e.g. UN Security Council)"]),
], ids=["duplicate", "bad-id", "missing-name"])
def test_registry_problems(fixture_site, text: str, expected: list[str]) -> None:
    root = fixture_site("small")
    _write(root, text)
    with pytest.raises(PipelineError) as info:
        load_site(Project(root))
    assert [str(d) for d in info.value.diagnostics] == expected
