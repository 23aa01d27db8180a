"""Revision drift: an annotated article edited in realistic ways; check explains, reanchor proposes or writes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts import reanchor
from build_scripts.cli import main
from build_scripts.drift import best_candidate, word_diff

ROOT = Path(__file__).resolve().parents[1]
SLUG = "2021-03-04-budget-plan"
ARTICLE = f"articles/{SLUG}.md"
ANNOTATIONS = f"annotations/{SLUG}.yml"

TYPO_FIX = ("optimistc growth", "optimistic growth")
REPHRASE = ("inflation could stay above target for another year",
            "inflation could remain above its target for more than a year")
DELETE = ("The finance minister said on Tuesday that the government will balance the budget by 2026, "
          "despite rising costs.\n\n", "")
MOVE = ("Economists at the institute said unemployment would fall to four percent.",)


def edit(root: Path, change: tuple[str, ...]) -> None:
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    if len(change) == 1:  # move that paragraph to the top of the body
        text = text.replace("\n\n" + change[0], "").replace("---\n\nThe finance", f"---\n\n{change[0]}\n\nThe finance")
    else:
        assert change[0] in text
        text = text.replace(*change)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "tests" / "fixtures" / "reanchor", tmp_path / "site"))


def statuses(root: Path) -> dict[str, tuple[str, float]]:
    project = reanchor.Project(root)
    findings = reanchor.review_file(project, root / ANNOTATIONS)
    return {f.field: (f.status, round(f.score, 2)) for f in findings}


@pytest.mark.parametrize("change, field, status, low, high", [
    (MOVE, "annotations[3].quote", "exact", 0.0, 0.0),
    (TYPO_FIX, "annotations[1].quote", "update", 0.95, 0.99),
    (REPHRASE, "annotations[2].quote", "rephrased", 0.70, 0.89),
    (DELETE, "annotations[0].quote", "orphan", 0.0, 0.69),
])
def test_each_edit_has_its_outcome(site: Path, change, field: str, status: str, low: float, high: float) -> None:
    edit(site, change)
    found = statuses(site)
    assert found[field][0] == status
    assert low <= found[field][1] <= high
    others = {k: v[0] for k, v in found.items() if k != field}
    assert set(others.values()) == {"exact"}, others


def test_all_edits_at_once_without_write_changes_nothing(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (site / ANNOTATIONS).read_bytes()
    for change in (MOVE, TYPO_FIX, REPHRASE, DELETE):
        edit(site, change)
    assert main(["--root", str(site), "reanchor"]) == 1
    out, err = capsys.readouterr()
    assert (site / ANNOTATIONS).read_bytes() == before
    assert "annotations[1].quote: quote no longer matches; best candidate 99% similar: will update with --write" in out
    assert "diff:      relies on [-optimistc-] {+optimistic+} growth forecasts" in out
    assert "annotations[2].quote: quote no longer matches; best candidate" in out and "below the 90% threshold" in out
    assert "annotations[0].quote: orphan: the quoted words are no longer in the article" in out
    assert "annotations[3]" not in out
    assert err.strip() == "reanchor: 1 exact, 1 to update, 1 rephrased, 1 orphaned, 0 for a human"


def test_write_applies_only_the_confident_update_and_keeps_comments(site: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    before = (site / ANNOTATIONS).read_text(encoding="utf-8")
    for change in (MOVE, TYPO_FIX, REPHRASE, DELETE):
        edit(site, change)
    assert main(["--root", str(site), "reanchor", "--write"]) == 1  # the rephrase and the orphan remain
    out, err = capsys.readouterr()
    assert "best candidate 99% similar: updated" in out
    after = (site / ANNOTATIONS).read_text(encoding="utf-8")
    expected = before.replace("quote: 'relies on optimistc growth forecasts'   # the article's own typo",
                              "quote: 'relies on optimistic growth forecasts'   # the article's own typo")
    assert after == expected != before
    assert "1 updated" in err
    again = statuses(site)
    assert again["annotations[1].quote"][0] == "exact"


def test_check_never_reattaches_and_shows_candidate_score_and_diff(site: Path) -> None:
    edit(site, TYPO_FIX)
    done = subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(site), "check"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert done.stdout.strip() == (
        f"{ANNOTATIONS}:15:12: annotations[1].quote: quote not found in {ARTICLE} (closest passage (99% similar) "
        f'at {ARTICLE}:10:46: "relies on optimistic growth forecasts"; '
        "diff: relies on [-optimistc-] {+optimistic+} growth forecasts)")


# yaml_scalar's styles and the round trip of tricky quotes: tests/security/test_reanchor_quoting.py


def test_replace_scalar_touches_only_that_scalar() -> None:
    text = 'a:\n  - quote: "old words"  # keep me\n    other: "old words"\n'
    assert reanchor.replace_scalar(text, 2, 12, "new words") == \
        'a:\n  - quote: "new words"  # keep me\n    other: "old words"\n'


@pytest.mark.parametrize("old, new, diff", [
    ("a b c", "a b c", "a b c"),
    ("a b c", "a x c", "a [-b-] {+x+} c"),
    ("one two three four five six seven eight nine", "one two three four five six seven eight ten",
     "… six seven eight [-nine-] {+ten+}"),
    ("a b", "a b c", "a b {+c+}"),
])
def test_word_diff(old: str, new: str, diff: str) -> None:
    assert word_diff(old, new) == diff


def test_best_candidate_lands_on_word_boundaries() -> None:
    text = 'he said the plan "relies on optimistic growth forecasts" and would fail.'
    cand = best_candidate(text, "relies on optimistc growth forecasts")
    assert cand is not None and text[cand.start:cand.end] == "relies on optimistic growth forecasts"
