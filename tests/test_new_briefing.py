"""CONTRIBUTING's "Add a new briefing", followed command by command on a scrape no other test reads, in a
copy of the full fixture site with the repository's configuration.

The commands are the guide's own code blocks, run by bash as a contributor would paste them (only the
example's slug, date, publisher and quote are swapped for this scrape's), so the guide cannot drift from
what works.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, copy_site

SECTION = "Add a new briefing"
SCRAPE = FIXTURES / "ingest" / "no-date-no-publisher.txt"  # no date, no publisher: the guide says what to do
SLUG = "2023-05-16-ferry-contract-on-hold"
PUBLISHED, PUBLISHER = "2023-05-16", "Lakeside Examiner"
QUOTE = "We will not sign anything until the engineers have checked every hull"
PARAGRAPHS = [
    "The Lakeside council on Tuesday postponed its decision on the new ferry contract until an independent "
    "safety review is finished, Mayor Hanna Berg said.",
    "“We will not sign anything until the engineers have checked every hull,” she told reporters after the "
    "vote.",
    "Piotr Nowak, chief executive of the operator Bluewater Lines, called the delay unnecessary. “Our boats "
    "passed their last inspection in March,” Nowak said. “Every week of waiting costs the town visitors.”",
    "The review should take about six weeks, according to the council.",
    "Berg said the vote was unanimous.",
]
SPEAKERS = """
  - id: hanna-berg
    name: Hanna Berg
    role: Mayor of Lakeside
    aliases: [Berg, the mayor]

  - id: piotr-nowak
    name: Piotr Nowak
    role: Chief executive of Bluewater Lines
    aliases: [Nowak]
"""


def guide_blocks() -> list[str]:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = re.search(rf"^## \d+\. {SECTION}\n(.*?)(?=^## )", guide, re.MULTILINE | re.DOTALL).group(1)
    return re.findall(r"^```sh\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)


def block_with(blocks: list[str], text: str) -> str:
    found = [b for b in blocks if text in b]
    assert len(found) == 1, f"one block of the guide's '{SECTION}' has {text!r}: {blocks}"
    return found[0]


def bash(root: Path, home: Path, script: str) -> subprocess.CompletedProcess:
    """The script as a contributor runs it: in the repository, with the venv activated (section 1)."""
    env = {**os.environ, "HOME": str(home), "NO_MKDOCS_2_WARNING": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["bash", "-c", script], cwd=root, env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_the_new_briefing_walkthrough_on_an_unseen_scrape(tmp_path: Path) -> None:
    root = copy_site("full", tmp_path / "repo", repo_config=True)
    (root / "articles" / "raw").mkdir()  # as in the repository
    home = tmp_path / "home"
    blocks = guide_blocks()

    # Ingest, as the guide writes it: the scrape has no date and no publisher, so nothing is written.
    ingest = block_with(blocks, "SLUG=")
    assert re.search(r"^python -m build_scripts ingest ", ingest, re.MULTILINE)
    download = re.search(r"^cp (\S+) articles/raw/\$SLUG\.txt$", ingest, re.MULTILINE).group(1)
    target = home / download.removeprefix("~/")
    target.parent.mkdir(parents=True)
    target.write_bytes(SCRAPE.read_bytes())
    slug_line = f"SLUG={SLUG}\n"
    result = bash(root, home, re.sub(r"^SLUG=.*\n", slug_line, ingest, flags=re.MULTILINE))
    assert result.returncode == 2, result.stderr
    assert result.stderr == ("ingest: the scrape has no publication date; pass --published YYYY-MM-DD\n"
                             "ingest: the scrape names no publisher; pass --publisher NAME\n")
    assert (root / "articles" / "raw" / f"{SLUG}.txt").read_bytes() == SCRAPE.read_bytes()
    article = root / "articles" / f"{SLUG}.md"
    assert not article.exists()

    # The guide's command with the date and the publisher.
    again = block_with(blocks, "--published")
    assert re.search(r'--published \S+', again) and re.search(r'--publisher "[^"]*"', again)
    again = re.sub(r"--published \S+", f"--published {PUBLISHED}", again)
    again = re.sub(r'--publisher "[^"]*"', f'--publisher "{PUBLISHER}"', again)
    result = bash(root, home, slug_line + again)
    assert result.returncode == 0, result.stderr

    # Review the ingested text: the article's paragraphs, and nothing of the page around them.
    text = article.read_text(encoding="utf-8")
    front, body = text.split("\n---\n\n", 1)
    assert front.splitlines()[1:] == [
        'title: "Ferry contract on hold as council demands safety review"',
        'subtitle: "Operator says the delay will cost the town a summer season"',
        f'publisher: "{PUBLISHER}"', 'author: "Lena Marsh"', f'published: "{PUBLISHED}"', 'language: "en"']
    assert body.rstrip("\n").split("\n\n") == PARAGRAPHS

    # Register the speakers, then annotate with the guide's commands.
    registry = root / "annotations" / "speakers.yml"
    registry.write_text(registry.read_text(encoding="utf-8").rstrip("\n") + "\n" + SPEAKERS, encoding="utf-8")
    annotate = block_with(blocks, " new $SLUG ")
    placeholder = re.search(r' new \$SLUG "([^"]+)" --append', annotate).group(1)
    result = bash(root, home, slug_line + annotate.replace(placeholder, QUOTE))
    assert f"new: appended 'berg-engineers-checked' to annotations/{SLUG}.yml" in result.stderr
    assert result.returncode == 1  # check: the claim is still to write, and the TODO comments are left
    assert ".claim: is empty" in result.stdout and result.stdout.count(": warning: a TODO comment is left: ") >= 2
    path = root / "annotations" / f"{SLUG}.yml"
    stub = path.read_text(encoding="utf-8")
    # "she told", and the next paragraph names Nowak: the speaker is Berg, named before.
    assert ('    speaker: hanna-berg  # TODO: check it, then delete this comment; suggested by "she told" '
            '(Hanna Berg, named before)\n') in stub

    # Fill in each TODO line and delete its comment, until check prints check: OK with no warning.
    filled = re.sub(r" *# TODO.*", "", stub)
    filled = filled.replace("claim:\n", "claim: Berg says the council signs nothing before the hulls are "
                                         "checked.\n")
    filled = filled.replace("topics: []", "topics: [ferries]")
    path.write_text(filled, encoding="utf-8")
    check = next(line for line in annotate.splitlines() if line.endswith(" check"))
    result = bash(root, home, check)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.startswith("check: OK: 4 briefing(s), ")
    assert bash(root, home, check + " --strict").returncode == 0
