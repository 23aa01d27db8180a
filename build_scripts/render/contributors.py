"""The contributors page: each ``contributor`` credited with links to the annotations they wrote."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Site
from ..schema import suggest_id
from .context import Ctx, Page, RenderOptions, block, page_meta, plural, ul
from .safe import esc

PATH = "contributors.md"
LIST_LIMIT = 100  # a contributor with more annotations is listed per briefing
_GITHUB_HANDLE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")


def contributors(site: Site) -> dict[str, list[str]]:
    """``{handle: [annotation ids]}``, most annotations first, then by handle; article order within."""
    found: dict[str, list[str]] = {}
    for b in site.briefings:
        for ann in b.annotations:
            if ann.contributor.strip():
                found.setdefault(ann.contributor.strip(), []).append(ann.id)
    return dict(sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0].lower(), kv[0])))


def anchor(handle: str, taken: set[str]) -> str:
    base = f"contributor-{suggest_id(handle) or 'x'}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def _items(ctx: Ctx, ids: list[str]) -> list[str]:
    """One item per annotation; past LIST_LIMIT, one per briefing, so that the page grows with briefings, not
    with claims."""
    site = ctx.site
    if len(ids) <= LIST_LIMIT:
        return [
            f'{ctx.claim_a(site.annotations[a])} <span class="ab-in">'
            f"by {ctx.speaker_a(site.annotations[a].speaker)} in {ctx.briefing_a(site.briefing_of[a])}</span>"
            for a in ids
        ]
    per_briefing = Counter(site.briefing_of[a] for a in ids)  # in article order: ids are
    return [
        f'{ctx.briefing_a(slug)} <span class="ab-in">({plural(n, "annotation")})</span>'
        for slug, n in per_briefing.items()
    ]


def render(site: Site, options: RenderOptions) -> list[Page]:
    ctx = Ctx(site, options, PATH)
    people = contributors(site)
    total = sum(len(ids) for ids in people.values())
    unattributed = len(site.annotations) - total
    intro = (
        f'<p class="ab-totals">{plural(len(people), "contributor")} · {plural(total, "annotation")} credited'
        + (f" · {unattributed} without a contributor" if unattributed else "")
        + "</p>"
    )
    parts = [
        ctx.h1("Contributors"),
        block(
            "<p>The people who wrote the annotations on this site, each with the annotations they wrote. "
            "Add yourself by writing a <code>contributor:</code> line in your annotations.</p>",
            intro,
            cls="ab-intro",
        ),
    ]
    github = options.repo_url.startswith("https://github.com/")
    taken: set[str] = set()
    for handle, ids in people.items():
        parts.append(ctx.heading(2, handle, anchor(handle, taken)))
        profile = (
            f'<p><a href="https://github.com/{esc(handle)}" rel="nofollow noopener">'
            f"{esc(handle)} on GitHub</a></p>"
            if github and _GITHUB_HANDLE.match(handle)
            else ""
        )
        items = _items(ctx, ids)
        parts.append(
            block(
                f'<p class="ab-totals">{plural(len(ids), "annotation")}</p>',
                profile,
                ul(items, "ab-list"),
                cls="ab-contributor",
            )
        )
    if not people:
        parts.append(block("<p>No annotation names its contributor yet.</p>"))
    return [ctx.finish(page_meta("Contributors"), parts)]
