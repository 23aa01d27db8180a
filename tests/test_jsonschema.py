"""The JSON Schemas: generated from build_scripts/schema.py, committed, and in agreement with the validator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from build_scripts import jsonschema_export
from build_scripts.schema import ANNOTATION_FILE, SPEAKERS_FILE, TOPICS_FILE, Validator
from build_scripts.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))

ANN = "article: some-article\nannotations:\n"
ITEM = "  - id: a-claim\n    speaker: someone\n    quote: the words\n    claim: Someone says so.\n"
SPK = "speakers:\n  - id: someone\n    name: Some One\n    role: Minister\n"

# One table for both: (case, "annotations" or "speakers", YAML text, valid?). Structural cases only:
# cross-file rules (unknown speaker, duplicate id, quote not in the article) are not JSON Schema's job.
CASES = [
    ("empty annotation list", "annotations", ANN + "  []\n", True),
    ("minimal annotation", "annotations", ANN + ITEM, True),
    ("every field", "annotations", ANN + ITEM + (
        "    prefix: 'before '\n    suffix: ' after'\n    topics: [sanctions, north-korea]\n"
        "    note: \"Some *Markdown*\\n\\ton two lines.\"\n"
        "    sources:\n      - title: UN\n        url: https://www.un.org/x?y=1#z\n"
        "    contributor: some-handle\n"
        "    counterclaims:\n      - ref: other-claim\n"
        "      - speaker: other\n        claim: Other says not.\n        quote: the other words\n"
        "        sources: [{title: T, url: 'http://example.org'}]\n"), True),
    ("optional fields left blank", "annotations", ANN + ITEM + "    prefix: ''\n    note:\n    counterclaims:\n"
     "    topics: '  '\n", True),
    ("id with surrounding spaces", "annotations", ANN + ITEM.replace("id: a-claim", "id: '  a-claim '"), True),
    ("id that looks like a number", "annotations", ANN + ITEM.replace("id: a-claim", "id: 2018"), True),
    ("quote of exactly 300 characters", "annotations", ANN + ITEM.replace("the words", "w" * 300), True),
    ("counterclaim with a blank speaker key is inline", "annotations",
     ANN + ITEM + "    counterclaims:\n      - speaker: ''\n        ref: other\n", False),
    ("counterclaim with speaker and ref", "annotations",
     ANN + ITEM + "    counterclaims:\n      - speaker: other\n        claim: No.\n        ref: other\n", False),
    ("counterclaim with neither", "annotations", ANN + ITEM + "    counterclaims:\n      - claim: No.\n", False),
    ("counterclaim ref with a quote", "annotations",
     ANN + ITEM + "    counterclaims:\n      - ref: other\n        quote: words\n", False),
    ("counterclaim that is text", "annotations", ANN + ITEM + "    counterclaims: [other]\n", False),
    ("missing article", "annotations", "annotations: []\n", False),
    ("article not kebab-case", "annotations", "article: Some_Article\nannotations: []\n", False),
    ("annotations not a list", "annotations", ANN + "  id: x\n", False),
    ("annotation that is text", "annotations", ANN + "  - a-claim\n", False),
    ("document that is a list", "annotations", "- article: x\n", False),
    ("empty document", "annotations", "", False),
    ("unknown field", "annotations", ANN + ITEM + "    speeker: x\n", False),
    ("missing claim", "annotations", ANN + ITEM.replace("    claim: Someone says so.\n", ""), False),
    ("blank claim", "annotations", ANN + ITEM.replace("claim: Someone says so.", "claim: '   '"), False),
    ("claim that is a list", "annotations", ANN + ITEM.replace("claim: Someone says so.", "claim: [a]"), False),
    ("id not kebab-case", "annotations", ANN + ITEM.replace("id: a-claim", "id: A_Claim"), False),
    ("id of 81 characters", "annotations", ANN + ITEM.replace("id: a-claim", "id: " + "a" * 81), False),
    ("quote of 301 characters", "annotations", ANN + ITEM.replace("the words", "w" * 301), False),
    ("zero-width space in a claim", "annotations",
     ANN + ITEM.replace("claim: Someone says so.", 'claim: "Someone says\\u200Bso."'), False),
    ("control character in an optional prefix", "annotations", ANN + ITEM + '    prefix: "a\\x07b"\n', False),
    # a joiner is allowed between letters; one out of place is refused by check alone (charclass.joins)
    ("non-joiner inside a Persian word", "annotations",
     ANN + ITEM.replace("claim: Someone says so.", 'claim: "\u0645\u06cc\\u200c\u062e\u0648\u0627\u0647"'), True),
    ("contributor of 101 characters", "annotations", ANN + ITEM + "    contributor: " + "c" * 101 + "\n", False),
    ("topic not kebab-case", "annotations", ANN + ITEM + "    topics: [North Korea]\n", False),
    ("blank topic", "annotations", ANN + ITEM + "    topics: [sanctions, '']\n", False),
    ("topic of 81 characters", "annotations", ANN + ITEM + "    topics: [" + "t" * 81 + "]\n", False),
    ("topics as text", "annotations", ANN + ITEM + "    topics: sanctions\n", False),
    ("source without url", "annotations", ANN + ITEM + "    sources: [{title: UN}]\n", False),
    ("ftp url", "annotations", ANN + ITEM + "    sources: [{title: UN, url: 'ftp://un.org'}]\n", False),
    ("url without host", "annotations", ANN + ITEM + "    sources: [{title: UN, url: 'https:///x'}]\n", False),
    ("url with a space", "annotations", ANN + ITEM + "    sources: [{title: UN, url: 'https://un.org/a b'}]\n", False),
    ("upper-case scheme", "annotations", ANN + ITEM + "    sources: [{title: UN, url: 'HTTPS://un.org'}]\n", False),
    # issue 17, cases 5 and 11: at most 50 counterclaims; no user info, backslash or '%' before the path
    ("50 counterclaims", "annotations",
     ANN + ITEM + "    counterclaims:\n" + "".join(f"      - ref: c{n}\n" for n in range(50)), True),
    ("51 counterclaims", "annotations",
     ANN + ITEM + "    counterclaims:\n" + "".join(f"      - ref: c{n}\n" for n in range(51)), False),
    ("20 topics", "annotations", ANN + ITEM + f"    topics: [{', '.join(f't{n}' for n in range(20))}]\n", True),
    ("21 topics", "annotations", ANN + ITEM + f"    topics: [{', '.join(f't{n}' for n in range(21))}]\n", False),
    ("101 sources", "annotations", ANN + ITEM + "    sources:\n" + "      - {title: T, url: 'https://un.org/'}\n" * 101,
     False),
    ("url with user info", "annotations",
     ANN + ITEM + "    sources: [{title: UN, url: 'https://www.un.org@evil.example/'}]\n", False),
    ("url with a backslash", "annotations",
     ANN + ITEM + "    sources: [{title: UN, url: 'https://evil.example\\@un.org'}]\n", False),
    ("url with a percent-encoded host", "annotations",
     ANN + ITEM + "    sources: [{title: UN, url: 'https://un.org%40evil.example/'}]\n", False),
    ("url with a port, a query and @ in the fragment", "annotations",
     ANN + ITEM + "    sources: [{title: UN, url: 'https://un.org:8080/a%20b?q=1#x@y'}]\n", True),
    ("registry", "speakers", SPK + "    affiliation: Somewhere\n    aliases: [One, 'Mr One']\n", True),
    ("blank alias", "speakers", SPK + "    aliases: ['']\n", True),
    ("empty registry", "speakers", "speakers: []\n", True),
    ("alias of 200 characters", "speakers", SPK + "    aliases: [" + "a" * 200 + "]\n", True),
    ("alias of 201 characters", "speakers", SPK + "    aliases: [" + "a" * 201 + "]\n", False),
    ("source url that does not parse", "annotations", ANN + ITEM + "    sources: [{title: t, url: 'http://[x'}]\n", False),
    ("missing role", "speakers", SPK.replace("    role: Minister\n", ""), False),
    ("aliases as text", "speakers", SPK + "    aliases: One\n", False),
    ("speaker id with a space", "speakers", SPK.replace("id: someone", "id: some one"), False),
    ("missing registry", "speakers", "people: []\n", False),
    # issue 16: whose words the quote is; speakers' roles over time
    ("attribution reported", "annotations", ANN + ITEM + "    attribution: reported\n", True),
    ("attribution left blank", "annotations", ANN + ITEM + "    attribution: ''\n", True),
    ("attribution not a kind", "annotations", ANN + ITEM + "    attribution: quoted\n", False),
    ("attribution in capitals", "annotations", ANN + ITEM + "    attribution: Direct\n", False),
    ("framing without a speaker", "annotations",
     ANN + ITEM.replace("    speaker: someone\n", "") + "    attribution: framing\n", True),
    ("framing with a blank speaker", "annotations",
     ANN + ITEM.replace("speaker: someone", "speaker: ''") + "    attribution: framing\n", True),
    ("framing with a speaker", "annotations", ANN + ITEM + "    attribution: framing\n", False),
    ("reported without a speaker", "annotations",
     ANN + ITEM.replace("    speaker: someone\n", "") + "    attribution: reported\n", False),
    ("no speaker and no attribution", "annotations", ANN + ITEM.replace("    speaker: someone\n", ""), False),
    ("dated roles", "speakers", SPK.replace("    role: Minister\n", "    roles:\n      - {role: Minister, "
     "affiliation: Gov, from: 2019-01-01, until: 2020-12-31}\n      - {role: Envoy, from: 2021-01-01}\n"), True),
    ("a role with an end date only", "speakers",
     SPK.replace("    role: Minister\n", "    roles:\n      - {role: Minister, until: 2019-01-01}\n"), True),
    ("role and roles", "speakers", SPK + "    roles:\n      - {role: Envoy, from: 2021-01-01}\n", False),
    ("roles empty beside a role", "speakers", SPK + "    roles: []\n", True),
    ("roles empty and no role", "speakers", SPK.replace("    role: Minister\n", "    roles: []\n"), False),
    ("blank role beside roles", "speakers", SPK.replace("role: Minister", "role: ''")
     + "    roles:\n      - {role: Envoy, from: 2021-01-01}\n", True),
    ("a role without dates", "speakers", SPK.replace("    role: Minister\n", "    roles:\n      - {role: Envoy}\n"),
     False),
    ("a role without its name", "speakers",
     SPK.replace("    role: Minister\n", "    roles:\n      - {from: 2021-01-01}\n"), False),
    ("a role's bad date", "speakers",
     SPK.replace("    role: Minister\n", "    roles:\n      - {role: Envoy, from: 2021-1-1}\n"), False),
    ("a role's unknown field", "speakers",
     SPK.replace("    role: Minister\n", "    roles:\n      - {role: Envoy, from: 2021-01-01, to: 2022-01-01}\n"),
     False),
    ("topic registry", "topics", "topics:\n  - id: un-security-council\n    name: UN Security Council\n", True),
    ("topic with a description", "topics", "topics:\n  - id: a\n    name: A\n    description: '*Markdown*'\n", True),
    ("topic without a name", "topics", "topics:\n  - id: a\n", False),
    ("topic with a bad id", "topics", "topics:\n  - id: UN Council\n    name: UN\n", False),
    ("topic with an unknown field", "topics", "topics:\n  - id: a\n    name: A\n    colour: red\n", False),
]
RECORDS = {"annotations": ANNOTATION_FILE, "speakers": SPEAKERS_FILE, "topics": TOPICS_FILE}


def _schema(kind: str) -> dict:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case, kind, text, valid", CASES, ids=[c[0] for c in CASES])
def test_validator_and_json_schema_agree(case: str, kind: str, text: str, valid: bool) -> None:
    doc = parse_yaml(text, "case.yml")  # the same strings for both
    validator = Validator(doc)
    validator.record(doc.data, (), RECORDS[kind])
    assert (not validator.problems) == valid, [str(p) for p in validator.problems]
    errors = list(jsonschema.Draft202012Validator(_schema(kind)).iter_errors(doc.data))
    assert (not errors) == valid, [e.message for e in errors]


def test_committed_schemas_are_generated_from_the_declarations() -> None:
    assert jsonschema_export.stale(SCHEMAS) == []
    result = subprocess.run([sys.executable, "-m", "build_scripts", "schemas", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_schemas_check_reports_a_stale_file(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "speakers.schema.json").write_text("{}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(tmp_path), "schemas", "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"schemas/{name}: out of date with build_scripts/schema.py (run: python -m build_scripts schemas)"
        for name in ("annotations.schema.json", "speakers.schema.json", "topics.schema.json")]
    written = subprocess.run([sys.executable, "-m", "build_scripts", "--root", str(tmp_path), "schemas"],
                             capture_output=True, text=True)
    assert written.returncode == 0 and jsonschema_export.stale(tmp_path / "schemas") == []


@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_schemas_are_valid_draft_2020_12(kind: str) -> None:
    schema = _schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_schema_line_new_writes_names_the_committed_schema() -> None:
    """``new --append`` starts a new annotation file with this line; editors resolve it from annotations/."""
    from build_scripts.scaffold import SCHEMA_LINE

    prefix = "# yaml-language-server: $schema="
    assert SCHEMA_LINE.startswith(prefix)
    target = (ROOT / "annotations" / SCHEMA_LINE.removeprefix(prefix)).resolve()
    assert target == SCHEMAS / "annotations.schema.json" and target.is_file()


def test_vscode_maps_the_schemas_onto_the_annotation_files() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping["./schemas/speakers.schema.json"] == ["annotations/speakers.yml"]
    assert "annotations/*.yml" in mapping["./schemas/annotations.schema.json"]
    assert "!annotations/speakers.yml" in mapping["./schemas/annotations.schema.json"]
    assert "!annotations/topics.yml" in mapping["./schemas/annotations.schema.json"]
    assert mapping["./schemas/topics.schema.json"] == ["annotations/topics.yml"]


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHECK_JSONSCHEMA, "--schemafile", str(SCHEMAS / schema), *map(str, files)],
                          capture_output=True, text=True)


def test_check_jsonschema_accepts_the_full_fixture() -> None:
    """Files that pass ``check`` (tests/fixtures/full uses every field) pass the schemas too."""
    folder = ROOT / "tests" / "fixtures" / "full" / "annotations"
    files = [p for p in sorted(folder.glob("*.yml")) if p.name not in ("speakers.yml", "topics.yml")]
    assert files
    result = _check_jsonschema("annotations.schema.json", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    result = _check_jsonschema("speakers.schema.json", folder / "speakers.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    result = _check_jsonschema("topics.schema.json", folder / "topics.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_flags_a_zero_width_space_and_a_bad_id(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(ANN + ITEM.replace("id: a-claim", "id: A_Claim") + '    note: "a\\u200Bb"\n', encoding="utf-8")
    result = _check_jsonschema("annotations.schema.json", bad)
    assert result.returncode == 1
    assert "$.annotations[0].id" in result.stdout and "$.annotations[0].note" in result.stdout


def test_schemas_check_tolerates_another_unicode_version_only(tmp_path: Path) -> None:
    """A schema generated on a Python with other Unicode tables differs only in its control class."""
    import unicodedata
    version = unicodedata.unidata_version
    for name, text in jsonschema_export.render_all().items():
        assert f"Control characters as in Unicode {version}." in text
        text = text.replace(f"Unicode {version}.", "Unicode 99.0.0.").replace("\\\\u00AD", "")
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert jsonschema_export.stale(tmp_path) == []
    path = tmp_path / "speakers.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"maxLength": 200', '"maxLength": 201'), encoding="utf-8")
    assert jsonschema_export.stale(tmp_path) == ["speakers.schema.json"]
