"""schema.org ``Claim`` markup for a briefing page, as JSON-LD for a ``<script>`` in the page head.

Each annotation becomes a ``Claim``: ``text`` is the claim as plain text, ``author``
the speaker, ``appearance`` the article (a ``NewsArticle``); the article and the speakers are nodes of
the same ``@graph``, referred to by ``@id``. A speaker's ``description`` is the role held on the article's
date. The article's own framing has no speaker: its ``author`` is the article's author (a ``Person`` node,
which the ``NewsArticle`` refers to as well), since schema.org's ``author`` is a Person or an Organization,
never a CreativeWork. Whose words the quote is (``direct``, ``reported``, ``framing``) has no schema.org
term: it is ``attribution``, the term of the data exports' namespace (:data:`ATTRIBUTION_CONTEXT`). The
speaker is an
``Organization`` when its id or name contains one of :data:`ORGANIZATION_WORDS`
(a ministry, a government, an institute, a group of experts...), else a ``Person``.

Contributor text ends up inside ``<script>``, so ``<``, ``>`` and ``&`` are written as
``\\u003c``, ``\\u003e`` and ``\\u0026``: still the same JSON, but no ``</script>``.
"""

from __future__ import annotations

import re

from ..model import Briefing, Site, Speaker
from . import jsontext, links
from .context import NAMESPACE, RenderOptions, absolute_url, role_on
from .safe import plain

_ENCODE = jsontext.encoder()

ORGANIZATION_WORDS = frozenset(
    (
        "ministry",
        "government",
        "institute",
        "experts",
        "agency",
        "council",
        "committee",
        "department",
        "office",
        "party",
        "administration",
        "organization",
        "organisation",
        "association",
        "union",
        "commission",
        "bank",
        "corporation",
        "company",
        "news",
        "officials",
        "military",
        "army",
        "nations",
        "embassy",
        "university",
    )
)
_WORD = re.compile(r"[a-z]+")
ATTRIBUTION_CONTEXT = {"ab": NAMESPACE, "attribution": "ab:attribution"}  # as in the W3C annotations export


def speaker_type(speaker: Speaker) -> str:
    words = set(_WORD.findall(f"{speaker.id} {speaker.name}".lower()))
    return "Organization" if words & ORGANIZATION_WORDS else "Person"


def _url(options: RenderOptions, here: links.Linker, page: str, fragment: str = "") -> str:
    """Absolute with ``site_url``; else relative to the briefing page (``here`` links from it)."""
    if not options.site_url:
        return here.to(page, fragment)
    return absolute_url(options, page, fragment)


def claims_graph(site: Site, b: Briefing, options: RenderOptions) -> dict[str, object]:
    """The page's Claims, with the article and each speaker as one node of the graph that the Claims
    refer to by ``@id`` (written once, not once per claim)."""
    a = b.article
    page = links.briefing_page(b.slug)
    here = links.Linker(page, options.use_directory_urls)
    article_id = _url(options, here, page, "article")
    nodes: list[dict[str, object]] = [
        {
            "@type": "NewsArticle",
            "@id": article_id,
            "headline": a.title,
            "url": a.url or _url(options, here, page),
            "datePublished": a.published,
            "inLanguage": a.language,
            "author": {"@type": "Person", "name": a.author},
            "publisher": {"@type": "Organization", "name": a.publisher},
        }
    ]
    authors: dict[str, str] = {}
    if any(not ann.speaker for ann in b.annotations):  # the article's framing: by the article's author
        authors[""] = _url(options, here, page, "article-author")
        nodes[0]["author"] = {"@id": authors[""]}
        nodes.append({"@type": "Person", "@id": authors[""], "name": a.author})
    for ann in b.annotations:
        if ann.speaker not in authors:
            speaker = site.speakers[ann.speaker]
            authors[ann.speaker] = url = _url(options, here, links.speaker_page(speaker.id))
            node: dict[str, object] = {
                "@type": speaker_type(speaker),
                "@id": url,
                "name": speaker.name,
                "url": url,
            }
            role = role_on(site, ann.speaker, a.published)
            nodes.append({**node, "description": role} if role else node)
    claims = []
    for ann in b.annotations:
        url = _url(options, here, page, ann.id)
        claims.append(
            {
                "@type": "Claim",
                "@id": url,
                "url": url,
                "text": plain(ann.claim),
                "author": {"@id": authors[ann.speaker]},
                "appearance": {"@id": article_id},
                "attribution": ann.attribution,
            }
        )
    return {"@context": ["https://schema.org", ATTRIBUTION_CONTEXT], "@graph": claims + nodes}


def script_json(data: object) -> str:
    """JSON safe to embed in a ``<script>`` element of an HTML page."""
    text = _ENCODE(data)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def claims_json(site: Site, b: Briefing, options: RenderOptions) -> str:
    """The page's Claim items as script-safe JSON."""
    return script_json(claims_graph(site, b, options))


def script_tag(json_text: str) -> str:
    return f'<script type="application/ld+json">{json_text}</script>'
