"""Cross-file checks: every problem of every file, located, in one pipeline run."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.diagnostics import Location, PipelineError
from build_scripts.model import Annotation, AnnotationFile, Counterclaim, Speaker
from build_scripts.pipeline import Project, load_site
from build_scripts.validate import check_references, unique_ids

FIXTURES = Path(__file__).resolve().parent / "fixtures"

BAD_CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def problems_of(root: Path) -> list[str]:
    with pytest.raises(PipelineError) as info:
        load_site(Project(root))
    return [str(d) for d in info.value.diagnostics]


def test_every_documented_bad_case_exists() -> None:
    assert BAD_CASES == ["ambiguous-quote", "duplicate-id", "many-files", "missing-article", "missing-published",
                         "missing-ref", "quote-not-found", "unknown-field", "unknown-speaker", "yaml-syntax"]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_fixture_diagnostics(case: str) -> None:
    expected = (FIXTURES / "bad" / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problems_of(FIXTURES / "bad" / case) == expected


def test_many_files_reports_each_file_once() -> None:
    problems = problems_of(FIXTURES / "bad" / "many-files")
    assert sorted({p.split(":", 1)[0] for p in problems}) == [
        "annotations/2021-01-10-ferry-strike.yml", "annotations/speakers.yml", "articles/2021-01-10-ferry-strike.md"]
    assert len(problems) == 3  # a broken article is not also reported as missing


def test_small_fixture_is_clean() -> None:
    site = load_site(Project(FIXTURES / "small"))
    assert len(site.annotations) == 7


# --- unit checks of the reference rules ------------------------------------------------------------


def speaker(sid: str, name: str, line: int, aliases: tuple[str, ...] = ()) -> Speaker:
    return Speaker(sid, name, "role", Location("annotations/speakers.yml", line, 5), aliases=aliases)


SPEAKERS = {"mike-pompeo": speaker("mike-pompeo", "Mike Pompeo", 2, ("Pompeo",)),
            "kang-kyung-wha": speaker("kang-kyung-wha", "Kang Kyung-wha", 8)}


def annotation(aid: str, speaker_id: str, line: int, counters: tuple[dict, ...] = (), path: str = "annotations/a.yml",
               index: int = 0) -> Annotation:
    def loc(col: int) -> Location:
        return Location(path, line, col)

    cs = tuple(Counterclaim(aid, j, loc(9), field_path=f"annotations[{index}].counterclaims[{j}]",
                            locations={k: loc(14) for k in c}, **c) for j, c in enumerate(counters))
    return Annotation(aid, "a", speaker_id, "q", "c", loc(5), counterclaims=cs, field_path=f"annotations[{index}]",
                      locations={"id": loc(9), "speaker": loc(14)})


def references(*anns: Annotation, article: str = "a") -> list[str]:
    files = [AnnotationFile("annotations/a.yml", article, Location("annotations/a.yml", 1, 10), anns)]
    return [str(d) for d in check_references(files, {"a": object()}, SPEAKERS)]  # type: ignore[dict-item]


@pytest.mark.parametrize("anns, expected", [
    ((annotation("x", "mike-pompeo", 3),), []),
    ((annotation("x", "mike-pompeo", 3, ({"speaker": "kang-kyung-wha", "claim": "d"},)),), []),
    ((annotation("x", "pompeo", 3),),
     ["annotations/a.yml:3:14: annotations[0].speaker: unknown speaker 'pompeo' (did you mean 'mike-pompeo' (Mike Pompeo)?)"]),
    ((annotation("x", "Kang Kyung-wha", 3),),
     ["annotations/a.yml:3:14: annotations[0].speaker: unknown speaker 'Kang Kyung-wha' "
      "(did you mean 'kang-kyung-wha' (Kang Kyung-wha)?)"]),
    ((annotation("x", "mike-pompe", 3),),
     ["annotations/a.yml:3:14: annotations[0].speaker: unknown speaker 'mike-pompe' (did you mean 'mike-pompeo'?)"]),
    ((annotation("x", "nobody-known", 3),),
     ["annotations/a.yml:3:14: annotations[0].speaker: unknown speaker 'nobody-known' "
      "(add the speaker to annotations/speakers.yml first)"]),
    ((annotation("x", "mike-pompeo", 3, ({"ref": "y"},)),),
     ["annotations/a.yml:3:14: annotations[0].counterclaims[0].ref: no annotation with id 'y' "
      "(refer to the id of an existing annotation)"]),
    ((annotation("x", "mike-pompeo", 3, ({"ref": "x"},)),),
     ["annotations/a.yml:3:14: annotations[0].counterclaims[0].ref: an annotation cannot counter itself "
      "(refer to another annotation)"]),
    ((annotation("x", "mike-pompeo", 3, ({"speaker": "kang", "claim": "d"},)),),
     ["annotations/a.yml:3:14: annotations[0].counterclaims[0].speaker: unknown speaker 'kang' "
      "(add the speaker to annotations/speakers.yml first)"]),
    ((annotation("x", "mike-pompeo", 3), annotation("x", "mike-pompeo", 9, index=1)),
     ["annotations/a.yml:9:9: annotations[1].id: duplicate annotation id 'x' "
      "(first defined at annotations/a.yml:3:9; ids are unique site-wide)"]),
    ((annotation("q-x", "mike-pompeo", 3),),
     ["annotations/a.yml:3:9: annotations[0].id: 'q-x' is reserved for the page's own anchors "
      "(pick an id that does not start with 'q-' or 'dispute-' and is not one of annotations, article, disputes, who-is-involved)"]),
    ((annotation("article", "mike-pompeo", 3),),
     ["annotations/a.yml:3:9: annotations[0].id: 'article' is reserved for the page's own anchors "
      "(pick an id that does not start with 'q-' or 'dispute-' and is not one of annotations, article, disputes, who-is-involved)"]),
    ((annotation("dispute-x", "mike-pompeo", 3), annotation("x", "mike-pompeo", 9, index=1)),
     ["annotations/a.yml:3:9: annotations[0].id: 'dispute-x' is reserved for the page's own anchors "
      "(pick an id that does not start with 'q-' or 'dispute-' and is not one of annotations, article, disputes, who-is-involved)"]),
    ((annotation("disputes", "mike-pompeo", 3),),
     ["annotations/a.yml:3:9: annotations[0].id: 'disputes' is reserved for the page's own anchors "
      "(pick an id that does not start with 'q-' or 'dispute-' and is not one of annotations, article, disputes, who-is-involved)"]),
    ((annotation("who-is-involved", "mike-pompeo", 3),),
     ["annotations/a.yml:3:9: annotations[0].id: 'who-is-involved' is reserved for the page's own anchors "
      "(pick an id that does not start with 'q-' or 'dispute-' and is not one of annotations, article, disputes, "
      "who-is-involved)"]),
], ids=["ok", "ok-inline", "alias-hint", "name-hint", "close-id", "no-hint", "missing-ref", "self-ref",
        "counter-speaker", "duplicate-id", "reserved-prefix", "reserved-section", "reserved-dispute-prefix",
        "reserved-dispute-section", "reserved-who-section"])
def test_reference_rules(anns: tuple[Annotation, ...], expected: list[str]) -> None:
    assert references(*anns) == expected


def test_missing_article_and_second_file_for_one_article() -> None:
    files = [AnnotationFile("annotations/a.yml", "a", Location("annotations/a.yml", 1, 10)),
             AnnotationFile("annotations/b.yml", "a", Location("annotations/b.yml", 1, 10)),
             AnnotationFile("annotations/c.yml", "zz-top", Location("annotations/c.yml", 1, 10)),
             AnnotationFile("annotations/d.yml", "broken", Location("annotations/d.yml", 1, 10))]
    found = check_references(files, {"a": object()}, SPEAKERS, unreadable={"broken"})  # type: ignore[dict-item]
    assert [str(d) for d in found] == [
        "annotations/b.yml:1:10: article: 'a' already has an annotation file (merge this file into annotations/a.yml)",
        "annotations/c.yml:1:10: article: no article 'zz-top' in the articles folder "
        "(create articles/zz-top.md first)",
    ]


def test_duplicate_speaker_ids() -> None:
    registry, problems = unique_ids([speaker("a", "A", 2), speaker("b", "B", 6), speaker("a", "A2", 10)], "speaker")
    assert list(registry) == ["a", "b"] and registry["a"].name == "A"
    assert [str(d) for d in problems] == [
        "annotations/speakers.yml:10:5: speakers: duplicate speaker id 'a' "
        "(first defined at annotations/speakers.yml:2:5; give one of them another id)"]


def test_missing_speaker_registry(fixture_site) -> None:
    root = fixture_site("small")
    (root / "annotations" / "speakers.yml").unlink()
    problems = problems_of(root)
    assert ("annotations/speakers.yml:1:1: the speaker registry is missing "
            "(create it with a 'speakers:' list)") in problems
    assert len(problems) == 1  # not also every speaker reference as "unknown"


def test_broken_speaker_registry_is_reported_alone(fixture_site) -> None:
    root = fixture_site("small")
    registry = root / "annotations" / "speakers.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "speakers: []\n", encoding="utf-8")
    problems = problems_of(root)
    assert len(problems) == 1 and "duplicate key 'speakers'" in problems[0]


def test_article_without_annotations_is_still_a_briefing(fixture_site) -> None:
    root = fixture_site("small")
    (root / "annotations" / "2020-03-05-bridge-budget-review.yml").unlink()
    text = (root / "annotations" / "2020-03-01-harbour-bridge-vote.yml").read_text(encoding="utf-8")
    (root / "annotations" / "2020-03-01-harbour-bridge-vote.yml").write_text(
        text.replace("      - ref: sousa-tolls-needed\n", ""), encoding="utf-8")
    site = load_site(Project(root))
    assert [(b.slug, len(b.annotations)) for b in site.briefings] == [
        ("2020-03-05-bridge-budget-review", 0), ("2020-03-01-harbour-bridge-vote", 4)]


@pytest.mark.parametrize("edit, expected", [
    (("annotations/2020-03-01-harbour-bridge-vote.yml", "topics: [shipping]", "topics: [index]"),
     "annotations/2020-03-01-harbour-bridge-vote.yml:37:13: annotations[3].topics: topic id 'index' is reserved "
     "(it would replace the Topics index page; pick another id)"),
    (("annotations/speakers.yml", "id: harbour-authority", "id: index"),
     "annotations/speakers.yml:13:5: speakers: speaker id 'index' is reserved "
     "(it would replace the Speakers index page; pick another id)"),
    (("articles/2020-03-05-bridge-budget-review.md", None, "articles/index.md"),
     "articles/index.md:1:1: article file name 'index' is reserved "
     "(it would replace the Briefings index page; rename the file to its slug)"),
    (("articles/2020-03-05-bridge-budget-review.md", None, "articles/Bridge Review.md"),
     "articles/Bridge Review.md:1:1: article file name 'Bridge Review' is not a kebab-case slug "
     "(rename it to articles/bridge-review.md)"),
], ids=["topic", "speaker", "article", "article-not-kebab"])
def test_reserved_and_invalid_names(fixture_site, edit: tuple, expected: str) -> None:
    root = fixture_site("small")
    path, old, new = edit
    if old is None:
        (root / path).rename(root / new)
    else:
        (root / path).write_text((root / path).read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert expected in problems_of(root)



# --- a record left out for its own errors is reported once: no cascade into what refers to it ---------------

VOTE, REVIEW = "annotations/2020-03-01-harbour-bridge-vote.yml", "annotations/2020-03-05-bridge-budget-review.yml"
SPEAKER_FILE, TOPIC_FILE = "annotations/speakers.yml", "annotations/topics.yml"
LIND_CLAIM = "    claim: Lind argues the crossing will be a permanent drain on municipal finances."


@pytest.mark.parametrize("edits, expected", [
    # 'lind-bridge-will-not-pay' is ref'd from annotations[1] of the same file
    ([(VOTE, LIND_CLAIM, LIND_CLAIM.replace("claim", "cliam"))],
     [f"{VOTE}:29:5: annotations[2].cliam: unknown field 'cliam' in annotation (did you mean 'claim'?)"]),
    ([(VOTE, "  - id: lind-bridge-will-not-pay", "  - id: Lind bridge will not pay")],
     [f"{VOTE}:25:9: annotations[2].id: 'Lind bridge will not pay' is not a kebab-case id "
      "(use 'lind-bridge-will-not-pay')"]),
    # 'review-cost-above-estimate' is ref'd from annotations[2] of its file
    ([(REVIEW, "    claim: Sousa's review finds the price tag far exceeds what councillors were told.",
       "    claim:")],
     [f"{REVIEW}:6:5: annotations[0].claim: is empty "
      "(fill it in: plain-words paraphrase of what the speaker asserts)"]),
    # tomas-lind speaks annotations[2] and an inline counterclaim of annotations[0]
    ([(SPEAKER_FILE, "    name: Tomas Lind", "    name:")],
     [f"{SPEAKER_FILE}:9:5: speakers[1].name: is empty (fill it in: display name)"]),
    ([(SPEAKER_FILE, "  - id: tomas-lind", "  - id: Tomas Lind")],
     [f"{SPEAKER_FILE}:8:9: speakers[1].id: 'Tomas Lind' is not a kebab-case id (use 'tomas-lind')"]),
    ([(TOPIC_FILE, None, "topics:\n  - id: costs\n  - id: Tolls\n    name: Tolls\n")],
     [f"{TOPIC_FILE}:2:5: topics[0]: missing required field 'name' in topic "
      "(add a 'name:' line: display name, e.g. UN Security Council)",
      f"{TOPIC_FILE}:3:9: topics[1].id: 'Tolls' is not a kebab-case id (use 'tolls')"]),
    # a ref to an id that was never written is still reported, beside a refused annotation
    ([(VOTE, LIND_CLAIM, LIND_CLAIM.replace("claim", "cliam")),
      (REVIEW, "      - ref: review-cost-above-estimate", "      - ref: review-cost-over-estimate")],
     [f"{VOTE}:29:5: annotations[2].cliam: unknown field 'cliam' in annotation (did you mean 'claim'?)",
      f"{REVIEW}:25:14: annotations[2].counterclaims[0].ref: no annotation with id 'review-cost-over-estimate' "
      "(did you mean 'review-cost-above-estimate'?)"]),
    ([(SPEAKER_FILE, "    name: Tomas Lind", "    name:"),
      (VOTE, "    speaker: harbour-authority", "    speaker: harbor-authority")],
     [f"{VOTE}:33:14: annotations[3].speaker: unknown speaker 'harbor-authority' "
      "(did you mean 'harbour-authority'?)",
      f"{SPEAKER_FILE}:9:5: speakers[1].name: is empty (fill it in: display name)"]),
], ids=["misspelt-claim", "bad-id", "empty-claim", "speaker-empty-name", "speaker-bad-id", "topics",
        "unknown-ref-still-reported", "unknown-speaker-still-reported"])
def test_a_refused_record_is_reported_once(fixture_site, edits: list, expected: list[str]) -> None:
    root = fixture_site("small")
    for name, old, new in edits:
        path = root / name
        text = new if old is None else path.read_text(encoding="utf-8")
        assert old is None or text.count(old) == 1
        path.write_text(text if old is None else text.replace(old, new), encoding="utf-8")
    assert problems_of(root) == expected
