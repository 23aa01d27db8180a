"""Hypothesis fuzzing: the loader fails only with our own error; the renderer never emits executable markup."""

from __future__ import annotations

import re

import lxml.html
import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.diagnostics import PipelineError
from build_scripts.render.safe import esc, heading_text, plain, rich, rich_inline
from build_scripts.yamlsource import load_yaml_bytes, parse_yaml

from .htmlcheck import SAFE_SCHEMES, scheme_of

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_BITS = ["a", "b", ":", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", "&x", "*x", "!!python/object", "!t",
             "'", '"', "\\", "#", "|", ">", "?", "---", "...", "%YAML 1.1", "%TAG", "<<", "\t", "\r\n", "\ufeff",
             "\x00", "\x85", "\u2028", "\ud800", "NO", "1.10", "12:30", "2018-07-08", "~", "@", "`", "é"]
MARKUP_BITS = ["<", ">", "/", "script", "img", "svg", "iframe", " src=x", " onerror=alert(1)", "onclick", "=", '"',
               "'", "[", "]", "(", ")", "![", "](", "javascript:", "JaVaScRiPt:", "jav&#x61;script:", "&#106;",
               "&colon;", "data:", "vbscript:", "http://", "https://x.example", "mailto:", "//", "{:", "}", "{#",
               ".c", "#id", " markdown=\"1\"", "--8<-- ", "mkdocs.yml", "\n", "\n\n", "    ", "`", "*", "_", "&",
               "&lt;", ";", ":", "<!--", "-->", "<![CDATA[", "\u0000", "\t", "a", " ", "x", "style", "url(", "\\"]

yaml_text = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(YAML_BITS), max_size=40).map("".join))
markup_text = st.one_of(st.text(max_size=200), st.lists(st.sampled_from(MARKUP_BITS), max_size=50).map("".join))


def _html_problems(fragment: str) -> list[str]:
    if not fragment.strip():
        return []
    if re.search(r"<\s*script", fragment, re.IGNORECASE):
        return ["<script"]
    problems = []
    xml_safe = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]", "", fragment)
    for el in lxml.html.fragment_fromstring(xml_safe, create_parent="div").iter():
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"{name} attribute")
            if name.lower() in ("href", "src", "action", "formaction") and scheme_of(value) not in SAFE_SCHEMES | {""}:
                problems.append(f"{name}={value!r}")
            if name.lower() == "href" and not re.match(r"(?i)^(https?://|mailto:)", value):
                problems.append(f"non-absolute href {value!r}")
    return problems


@FUZZ
@given(yaml_text)
def test_parse_yaml_raises_only_pipeline_error(text: str) -> None:
    try:
        parse_yaml(text, "fuzz.yml")
    except PipelineError as exc:
        assert exc.diagnostics and all(str(d).startswith("fuzz.yml") for d in exc.diagnostics)


@FUZZ
@given(st.binary(max_size=300) | yaml_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_load_yaml_bytes_raises_only_pipeline_error(raw: bytes) -> None:
    try:
        load_yaml_bytes(raw, "fuzz.yml")
    except PipelineError as exc:
        assert exc.diagnostics


@FUZZ
@given(markup_text)
def test_rich_output_is_inert(text: str) -> None:
    for out in (rich(text), rich_inline(text)):
        assert _html_problems(out) == [], out


@FUZZ
@given(markup_text)
def test_plain_output_escaped_has_no_markup(text: str) -> None:
    out = esc(plain(text))
    assert "<" not in out and ">" not in out and '"' not in out


@FUZZ
@given(markup_text)
def test_heading_text_stays_text_in_the_site_markdown(text: str) -> None:
    """A heading built from contributor text, run through the site's own Markdown (attr_list, toc)."""
    encoded = heading_text(text)
    assert re.fullmatch(r"[\w .,'’&#;-]*", encoded), encoded
    html = markdown.markdown(f"### {encoded} {{#anchor}}", extensions=["attr_list", "toc"])
    assert _html_problems(html) == [], html
    doc = lxml.html.fragment_fromstring(re.sub(r"[\x00-\x1f\ud800-\udfff]", "", html), create_parent="div")
    assert [el.tag for el in doc.iter()][1:] in (["h3"], []), html
