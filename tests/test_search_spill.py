"""The generated pages' search entries, kept on disk during a build and merged into Material's index file at
the end: the file is byte for byte the one Material writes when it holds every entry itself."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from material.plugins.search.plugin import SearchIndex

from build_scripts.engines.mkdocs.search_spill import SpilledEntries

from conftest import copy_site  # noqa: E402  (tests/ is on sys.path)

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"], "fields": {"title": {"boost": 1e3}}}


def entry(name: str, **extra) -> dict:
    return {"location": f"{name}/", "title": name, "text": f"<p>{name} “quoted” </script> \u2028</p>", **extra}


# Each case: the order in which pages were built, as (who, entries): "theirs" pages are indexed by the plugin,
# "ours" are spilled with the number of entries the plugin held at that moment.
CASES = {
    "interleaved": [("theirs", 2), ("ours", 3), ("theirs", 1), ("ours", 1), ("ours", 2), ("theirs", 2)],
    "ours only": [("ours", 2), ("ours", 1)],
    "theirs only": [("theirs", 3)],
    "nothing": [],
    "pages without entries": [("ours", 0), ("theirs", 1), ("ours", 0), ("ours", 2)],
    "ours first and last": [("ours", 1), ("theirs", 2), ("ours", 1)],
}


@pytest.mark.parametrize("order", list(CASES.values()), ids=list(CASES))
def test_the_merged_file_is_the_one_the_plugin_writes(tmp_path: Path, order: list[tuple[str, int]]) -> None:
    spilled, plugin, everything = SpilledEntries(tmp_path), SearchIndex(**CONFIG), []
    for page, (who, count) in enumerate(order):
        entries = [entry(f"p{page}-{i}", boost=2, when=date(2020, 1, 2)) for i in range(count)]  # str() default
        everything += entries
        if who == "theirs":
            plugin.entries.extend(entries)
        else:
            spilled.add(len(plugin.entries), iter(entries))
    target = tmp_path / "search_index.json"
    spilled.write(target, plugin)

    whole = SearchIndex(**CONFIG)
    whole.entries = everything
    assert target.read_text(encoding="utf-8") == whole.generate_search_index(None)
    assert len(plugin.entries) == sum(n for who, n in order if who == "theirs")  # the plugin's own are left as they were
    assert not Path(f"{target}.partial").exists()


def test_an_unknown_index_format_is_refused(tmp_path: Path) -> None:
    class Other:
        entries: list = []

        def generate_search_index(self, prev) -> str:
            return '{"docs":[],"config":{}}'

    spilled = SpilledEntries(tmp_path)
    spilled.add(0, [entry("a")])
    with pytest.raises(RuntimeError, match="unexpected search index format"):
        spilled.write(tmp_path / "search_index.json", Other())


def _build(root: Path, out: str, spill: bool) -> Path:
    code = ("import build_scripts.engines.mkdocs.search as search\n"
            + ("" if spill else "search.SpilledEntries = lambda folder: None\n")
            + f"import sys; sys.argv = ['mkdocs', 'build', '--strict', '-d', {out!r}]\n"
            "from mkdocs.__main__ import cli\ncli()\n")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True, capture_output=True)
    return root / out


@pytest.mark.slow
def test_a_real_build_writes_the_same_site_with_the_entries_spilled(tmp_path: Path) -> None:
    """The small fixture site (hand-written pages among the generated ones), built with the entries spilled and
    with Material holding them: every file of the two sites is the same, the search index included."""
    root = copy_site("small", tmp_path / "site-src")
    spilled, held = _build(root, "site-spilled", True), _build(root, "site-held", False)
    files = sorted(p.relative_to(spilled) for p in spilled.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(held) for p in held.rglob("*") if p.is_file())
    index = spilled / "search" / "search_index.json"
    assert index.read_bytes() == (held / "search" / "search_index.json").read_bytes()
    text = index.read_text(encoding="utf-8")
    assert '"location":"about/' in text and '"location":"briefings/2020-03-01-harbour-bridge-vote/' in text
    for name in files:
        assert (spilled / name).read_bytes() == (held / name).read_bytes(), name


@pytest.mark.slow
def test_the_offline_plugin_inlines_the_whole_index(tmp_path: Path) -> None:
    """Material's offline plugin copies search_index.json into a script at the end of the build: it gets the
    merged index, generated pages' entries included, even when it is listed before this plugin."""
    import yaml

    root = copy_site("small", tmp_path / "site-src")
    config_path = root / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["plugins"] = ["search", "offline", *[p for p in config["plugins"] if p != "search"]]
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    site = _build(root, "site", True)
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"briefings/2020-03-01-harbour-bridge-vote.html' in index  # offline: no directory URLs
    assert (site / "search" / "search_index.js").read_text(encoding="utf-8") == f"var __index = {index}"
