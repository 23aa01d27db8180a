"""Speakers' roles over time: ``role`` or dated ``roles`` in the registry, the role a briefing shows on its
date (real pages built from tests/fixtures/roles, where Lea Morel is harbour commissioner in 2019 and minister
in 2021), and the warning for a briefing dated outside every dated role."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import extruct
import pytest
from conftest import copy_site, mkdocs_build

from build_scripts.diagnostics import Location
from build_scripts.model import Role, Speaker
from build_scripts.schema import read_speakers
from build_scripts.yamlsource import parse_yaml

SITE_URL = "https://example.org/roles-site/"
FEES, FERRY = "2019-05-02-harbour-fees", "2021-06-10-ferry-subsidy"
HEAD = "speakers:\n  - id: x\n    name: X\n"
AT = "annotations/speakers.yml"
ROLE_HINT = ("write 'role:' for a role held at every date, or 'roles:', a list of roles with dates, each a "
             "'role' with 'from' or 'until' or both")
DATES_HINT = ("add its first day as 'from: YYYY-MM-DD', its last as 'until:', or both; a role held at every "
              "date is the speaker's 'role:'")
TWO_ROLES = ("    roles:\n      - {role: Mayor, from: 2019-01-01}\n"
             "      - {role: Senator, affiliation: Senate, from: 2020-01-01, until: 2021-12-31}\n")


@pytest.mark.parametrize("text, problems, roles", [
    (HEAD + "    role: Mayor\n", [], ()),
    (HEAD + TWO_ROLES, [],
     (Role("Mayor", "", "2019-01-01", ""), Role("Senator", "Senate", "2020-01-01", "2021-12-31"))),
    (HEAD + "    affiliation: City\n    roles:\n      - {role: Mayor, until: 2019-01-01}\n", [],
     (Role("Mayor", "City", "", "2019-01-01"),)),  # the speaker's affiliation, for a role that names none
    (HEAD + "    roles:\n      - {role: Mayor, from: 2019-01-01, until: 2019-01-01}\n", [],
     (Role("Mayor", "", "2019-01-01", "2019-01-01"),)),  # a role of one day
    (HEAD, [f"{AT}:2:5: speakers[0]: missing required field 'role' in speaker ({ROLE_HINT})"], None),
    (HEAD + "    role: Mayor\n    roles:\n      - {role: Mayor, from: 2019-01-01}\n",
     [f"{AT}:5:5: speakers[0].roles: 'role' and 'roles' are both given ({ROLE_HINT})"],
     (Role("Mayor", "", "2019-01-01", ""),)),
    (HEAD + "    roles: []\n", [f"{AT}:4:12: speakers[0].roles: is empty (fill it in; {ROLE_HINT})"], None),
    (HEAD + "    roles:\n      - role: Mayor\n",
     [f"{AT}:5:9: speakers[0].roles[0]: a role in 'roles' needs 'from' or 'until' ({DATES_HINT})"], ()),
    (HEAD + "    roles:\n      - {role: Mayor, from: 2020-01-01, until: 2019-12-31}\n",
     [f"{AT}:5:48: speakers[0].roles[0].until: 2019-12-31 is before the role's 'from' date (2020-01-01) "
      "(write the role's last day, on or after its first)"],
     (Role("Mayor", "", "2020-01-01", "2019-12-31"),)),
    (HEAD + "    roles:\n      - {role: Mayor, from: 2019-02-30}\n",
     [f"{AT}:5:29: speakers[0].roles[0].from: '2019-02-30' is not a valid date in YYYY-MM-DD form "
      "(write e.g. 2018-07-08)"], (Role("Mayor", "", "", ""),)),
    (HEAD + "    roles:\n      - {from: 2019-01-01}\n",
     [f"{AT}:5:9: speakers[0].roles[0]: missing required field 'role' in role (add a 'role:' line: what the "
      "speaker was, e.g. US Secretary of State)"], ()),
    (HEAD + "    roles:\n      - {role: Mayor, since: 2019-01-01}\n",
     [f"{AT}:5:23: speakers[0].roles[0].since: unknown field 'since' in role (allowed fields: role, "
      "affiliation, from, until)",
      f"{AT}:5:9: speakers[0].roles[0]: a role in 'roles' needs 'from' or 'until' ({DATES_HINT})"],
     ()),
], ids=["one-role", "dated-roles", "affiliation-default", "one-day", "neither", "both", "empty-list",
        "no-dates", "until-before-from", "bad-date", "no-role", "unknown-field"])
def test_registry_roles(text: str, problems: list[str], roles) -> None:
    speakers, found = read_speakers(parse_yaml(text, "annotations/speakers.yml"))
    assert [str(d) for d in found] == problems
    if roles is None:
        assert speakers == []
    else:
        assert speakers[0].roles == roles


MOREL = Speaker("lea-morel", "Lea Morel", "", Location("s.yml"), roles=(
    Role("Harbour commissioner", "", "2016-01-11", "2020-02-28"), Role("Minister", "", "2020-02-28", ""),
    Role("Party chair", "", "", "2017-12-31")))


@pytest.mark.parametrize("date, expected", [
    ("2015-06-01", ["Party chair"]),
    ("2016-01-11", ["Harbour commissioner", "Party chair"]),  # both days of a role included
    ("2018-01-01", ["Harbour commissioner"]),
    ("2020-02-28", ["Harbour commissioner", "Minister"]),  # the day of a handover: both
    ("2020-02-29", ["Minister"]),
    ("2031-01-01", ["Minister"]),
])
def test_roles_on_a_date(date: str, expected: list[str]) -> None:
    assert [r.role for r in MOREL.roles_on(date)] == expected


def test_latest_role_and_single_role() -> None:
    assert MOREL.latest_role.role == "Minister"  # open-ended: held last
    single = Speaker("ana", "Ana", "Mayor", Location("s.yml"), "City")
    assert single.roles_on("1900-01-01") == (Role("Mayor", "City"),) == single.all_roles
    assert single.latest_role == Role("Mayor", "City")


# --- pages built by MkDocs -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_site("roles", tmp_path_factory.mktemp("roles") / "site-src")
    out = root.parent / "out"
    done = mkdocs_build(root, out)
    assert done.returncode == 0, done.stderr
    return out


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _cards(built: Path, slug: str) -> dict[str, str]:
    html = (built / "briefings" / slug / "index.html").read_text(encoding="utf-8")
    return {m.group(1): _text(m.group(2)) for m in re.finditer(
        r'<p class="ab-card__speaker" id="([^"]+)--by">(.*?)</p>', html, re.DOTALL)}


@pytest.mark.slow
def test_each_briefing_shows_the_role_held_on_its_date(built: Path) -> None:
    assert _cards(built, FEES) == {
        "fees-rise-a-tenth": "Lea Morel , Harbour commissioner as reported",
        "harbour-pays-for-dredging": "Lea Morel , Harbour commissioner direct quote",
        "union-says-ships-will-leave": "Rui Pinto , Secretary of the dockers' union direct quote",
        "rival-port-fees-lower": "The article the article's framing"}
    assert _cards(built, FERRY) == {
        "state-pays-half-the-ferry": "Lea Morel , Minister of Transport as reported",
        "islanders-must-not-pay-twice": "Lea Morel , Minister of Transport direct quote",
        "subsidy-cost-forty-million": "The article the article's framing"}
    for slug, role in ((FEES, "Harbour commissioner"), (FERRY, "Minister of Transport")):
        html = (built / "briefings" / slug / "index.html").read_text(encoding="utf-8")
        people = _text(html.split('<ul class="ab-people">', 1)[1].split("</ul>", 1)[0])
        assert people.startswith(f"Lea Morel , {role} (2 claims)")


@pytest.mark.slow
def test_the_speaker_page_lists_every_role_with_its_dates(built: Path) -> None:
    html = (built / "speakers" / "lea-morel" / "index.html").read_text(encoding="utf-8")
    roles = html.split('<ul class="ab-roles">', 1)[1].split("</ul>", 1)[0]
    assert [_text(li) for li in roles.split("</li>")[:-1]] == [
        "Harbour commissioner · Porto Verde harbour commission (2016-01-11 to 2020-02-28)",
        "Minister of Transport · Porto Verde (from 2020-03-01)"]
    index = (built / "speakers" / "index.html").read_text(encoding="utf-8")
    assert "Minister of Transport (from 2020-03-01)" in index


@pytest.mark.slow
def test_claim_markup_gives_the_role_on_the_date(built: Path) -> None:
    for slug, role in ((FEES, "Harbour commissioner"), (FERRY, "Minister of Transport")):
        html = (built / "briefings" / slug / "index.html").read_text(encoding="utf-8")
        data = extruct.extract(html, base_url=SITE_URL + f"briefings/{slug}/", syntaxes=["json-ld"],
                               uniform=True)
        graph = [item for doc in data["json-ld"] for item in doc["@graph"]]
        morel = next(n for n in graph if n.get("@id") == SITE_URL + "speakers/lea-morel/")
        assert morel["description"] == role
        kinds = {n["@id"].rsplit("#", 1)[1]: n["attribution"] for n in graph if n["@type"] == "Claim"}
        assert set(kinds.values()) == {"direct", "reported", "framing"}


# --- the warning --------------------------------------------------------------------------------------------

WARNING = ("annotations/2019-05-02-harbour-fees.yml:5:14: {level}annotations[0].speaker: no role of "
           "'lea-morel' in the registry covers 2015-05-02, the article's date (Harbour commissioner, "
           "2016-01-11 to 2020-02-28; Minister of Transport, from 2020-03-01); the same at 2 more lines of "
           "this file (add the role held then "
           "to the speaker's 'roles', or correct the article's 'published' date{strict})")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(root), *args],
                          check=False, capture_output=True, text=True)


def test_a_briefing_dated_outside_every_role_is_a_warning(tmp_path: Path) -> None:
    root = copy_site("roles", tmp_path / "site")
    article = root / "articles" / f"{FEES}.md"
    _replace(article, '"2019-05-02"', '"2015-05-02"')
    annotations = root / "annotations" / f"{FEES}.yml"  # an inline counterclaim names her too
    topics = "    topics: [harbour-fees, jobs]\n"
    _replace(annotations, topics, "    counterclaims:\n      - speaker: lea-morel\n"
             "        claim: Morel says no ship has left.\n" + topics)
    done = _run(root, "check")
    assert done.returncode == 0
    assert done.stdout.splitlines() == [WARNING.format(
        level="warning: ", strict="; check --strict and build fail while it is there")]
    assert done.stderr.rstrip().endswith("; 1 warning(s)")
    strict = _run(root, "check", "--strict")
    assert strict.returncode == 1 and strict.stdout.splitlines() == [WARNING.format(level="", strict="")]
    build = _run(root, "build", "--site-dir", "out")
    assert build.returncode == 1 and not (root / "out").exists()
    assert WARNING.format(level="", strict="") in build.stdout


def test_the_warning_comes_with_the_errors(tmp_path: Path) -> None:
    root = copy_site("roles", tmp_path / "site")
    article = root / "articles" / f"{FEES}.md"
    _replace(article, '"2019-05-02"', '"2015-05-02"')
    ferry = root / "annotations" / f"{FERRY}.yml"
    _replace(ferry, "speaker: lea-morel", "speaker: lea-morell")
    lines = _run(root, "check").stdout.splitlines()
    assert [line.split(": ", 2)[1] for line in lines] == ["warning", "annotations[0].speaker"]
    assert "unknown speaker 'lea-morell'" in lines[1]
