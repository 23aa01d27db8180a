"""Finds executable or remote-loading markup in built HTML (parsed with lxml, entities decoded)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml.html import HtmlElement

REPO_ROOT = Path(__file__).resolve().parents[2]
SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
             "cite", "codebase", "srcset", "ping", "manifest", "icon", "lowsrc", "dynsrc"}
FORBIDDEN_IN_CONTENT = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
                        "link", "style", "img",
                        "picture", "video", "audio", "source", "xmp", "template", "details",
                        "marquee", "portal"}
# Form controls are allowed in content (the claims explorer is a form), but never with an action.
# Links the site itself makes to its own repository (edit links, the contributing guide) are not contributor links.
OWN_URLS = tuple(re.findall(r"(?m)^repo_url:\s*(\S+)", (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
REL_REQUIRED = {"nofollow", "noopener", "noreferrer"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
LEAK_MARKERS = ("site_description:", "markdown_extensions:", "root:x:0:0", "/bin/sh", "plugins:\n")


def scheme_of(value: str) -> str:
    """The scheme a browser would see: whitespace and control characters gone, lower case ('' if none)."""
    cleaned = _INVISIBLE.sub("", value).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else ""


def url_problem(attr: str, value: str) -> str:
    scheme = scheme_of(value)
    if scheme and scheme not in SAFE_SCHEMES:
        return f"{attr}={value!r} has the scheme {scheme!r}"
    if "&" in value and re.search(r"&#|&colon|&tab|&newline", value, re.IGNORECASE):
        return f"{attr}={value!r} still holds an entity after decoding"
    return ""


def _is_structured_data(el: HtmlElement) -> bool:
    """Our own schema.org block (its JSON is checked by :func:`page_problems`)."""
    return el.tag == "script" and el.get("type") == "application/ld+json" and not el.get("src")


def _is_own_disclosure(el: HtmlElement) -> bool:
    """A ``<details>`` the renderer writes (the dispute view's "Not disputed", a card's notes): it carries one
    of our ``ab-`` classes, which contributor text cannot give (the sanitizer keeps no class attribute)."""
    return el.tag == "details" and el.get("class", "").startswith("ab-")


def element_problems(root: HtmlElement, *, content: bool) -> list[str]:
    """Problems in ``root`` and its descendants; ``content`` adds the rules for our content area."""
    problems = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        for attr, value in el.attrib.items():
            name = attr.lower()
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...> event handler")
            if name in URL_ATTRS or name.endswith(":href") or name.endswith("}href"):
                if problem := url_problem(name, value):
                    problems.append(f"<{tag}> {problem}")
            if content and name in ("markdown", "style", "srcdoc", "action", "formaction", "http-equiv"):
                problems.append(f"<{tag} {name}=...> attribute in content")
        if content and tag in FORBIDDEN_IN_CONTENT and not _is_structured_data(el) and not _is_own_disclosure(el):
            problems.append(f"<{tag}> in content")
        if content:
            for name in ("src", "data", "poster", "srcset"):
                if el.get(name):
                    problems.append(f"<{tag} {name}={el.get(name)!r}> loads a resource from content")
            href = el.get("href", "")
            if tag == "a" and href.startswith("//"):
                problems.append(f"<a href={href!r}> protocol-relative link")
            if tag == "a" and urlsplit(href).scheme in ("http", "https") and not href.startswith(OWN_URLS):
                missing = REL_REQUIRED - set(el.get("rel", "").split())
                if missing:
                    problems.append(f"<a href={href!r}> lacks rel {sorted(missing)}")
    text = root.text_content()
    problems += [f"repository text {m!r} leaked" for m in LEAK_MARKERS if m in text]
    return problems


def script_signature(el: HtmlElement) -> tuple[str, str, str]:
    src = el.get("src", "")
    return (src.rsplit("/", 1)[-1], el.get("type", ""), el.get("id", ""))


def _script_problems(doc: HtmlElement, baseline: set[tuple[str, str, str]]) -> list[str]:
    problems = []
    for script in doc.iter("script"):
        text = script.text or ""
        if script.get("type") == "application/ld+json" and not script.get("src"):
            try:  # structured data: inert if it is JSON and cannot close its element
                json.loads(text)
            except ValueError:
                problems.append("ld+json script is not JSON (broken out of?)")
            if "<" in text:
                problems.append("ld+json script holds a raw '<'")
            continue
        if script_signature(script) not in baseline:
            problems.append(f"unexpected <script> {script_signature(script)}")
        elif "alert" in text:
            problems.append("inline script holds contributor text")
    return problems


def content_areas(doc: HtmlElement) -> list[HtmlElement]:
    """Our content: the page's article in ``.md-content``, without Material's edit button."""
    areas = doc.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " md-content ")]//article')
    for area in areas:
        for button in area.xpath('.//a[contains(@class, "md-content__button")]'):
            button.drop_tree()
    return areas


def page_problems(html: str, baseline: Baseline) -> list[str]:
    """Problems in one built page: the chrome compared with a hand-written page, our content strictly."""
    doc = lxml.html.document_fromstring(html)
    problems = [p for p in element_problems(doc, content=False) if p not in baseline.chrome_problems]
    problems += _script_problems(doc, baseline.scripts)
    metas = [lxml.html.tostring(m, encoding="unicode", with_tail=False) for m in doc.xpath("//base | //meta")]
    problems += [f"unexpected {m}" for m in metas if m not in baseline.metas]
    title = doc.find(".//title")
    if title is not None and len(title):
        problems.append("<title> holds elements")
    areas = content_areas(doc)
    if not areas:
        problems.append("no content area (.md-content article)")
    for area in areas:
        problems += element_problems(area, content=True)
    return problems


def fragment_problems(html: str) -> list[str]:
    """Problems in an HTML fragment such as a search-index title or text (treated as content)."""
    if not html.strip():
        return []
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    return element_problems(wrapper, content=True)


@dataclass(frozen=True)
class Baseline:
    """What Material itself puts on a hand-written page: its scripts, metas and chrome quirks."""

    scripts: frozenset
    metas: frozenset
    chrome_problems: frozenset

    @classmethod
    def of(cls, html: str) -> "Baseline":
        doc = lxml.html.document_fromstring(html)
        for area in content_areas(doc):
            area.drop_tree()
        metas = {lxml.html.tostring(m, encoding="unicode", with_tail=False) for m in doc.xpath("//base | //meta")}
        return cls(frozenset(script_signature(s) for s in doc.iter("script")), frozenset(metas),
                   frozenset(element_problems(doc, content=False)))
