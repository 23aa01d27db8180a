"""A speaker page: their claims, the counterclaims they made, and who disputes them."""

from __future__ import annotations

from functools import partial

from ..model import Role, Site, Speaker
from ..roles import dates
from . import links
from .context import (
    SEARCH_BOOST,
    Ctx,
    Deferred,
    Page,
    RenderOptions,
    block,
    disputed_by,
    kind_label,
    page_meta,
    plural,
    ul,
)
from .safe import esc, plain


def _claim_item(ctx: Ctx, ann_id: str) -> str:
    ann = ctx.site.annotations[ann_id]
    return (
        f'{ctx.claim_a(ann)} {kind_label(ann)} <span class="ab-in">in '
        f"{ctx.briefing_a(ctx.site.briefing_of[ann_id])}</span>{disputed_by(ctx.site, ann_id)}"
    )


def _role(role: Role) -> str:
    return esc(role.role) + (f" · {esc(role.affiliation)}" if role.affiliation else "")


def roles_html(speaker: Speaker) -> str:
    """The speaker's role; or every dated role, with its dates, in the registry's order."""
    if not speaker.roles:
        return f'<p class="ab-role">{_role(speaker.all_roles[0])}</p>'
    items = [
        f'<span class="ab-role">{_role(r)}</span> <span class="ab-date">({esc(dates(r))})</span>'
        for r in speaker.roles
    ]
    return '<p class="ab-label">Roles</p>' + ul(items, "ab-roles")


def plan(site: Site, speaker: Speaker, options: RenderOptions) -> Deferred:
    return Deferred(
        links.speaker_page(speaker.id),
        page_meta(speaker.name, search=SEARCH_BOOST),
        speaker.location.path,
        partial(render, speaker=speaker, options=options),
        site,
        (speaker, options),
    )


def render(site: Site, speaker: Speaker, options: RenderOptions) -> Page:
    path = links.speaker_page(speaker.id)
    ctx = Ctx(site, options, path)
    own = site.by_speaker.get(speaker.id, ())  # newest first, as the site orders every list
    made = site.disputes_by.get(speaker.id, ())
    disputed = [a for a in own if site.disputes_of.get(a)]
    profile = [roles_html(speaker)]
    if speaker.aliases:
        profile.append(f'<p class="ab-aliases">Also referred to as: {esc(", ".join(speaker.aliases))}</p>')
    profile.append(
        f'<p class="ab-totals">{plural(len(own), "claim")} · {plural(len(made), "counterclaim")} made · '
        f"{plural(len(disputed), 'claim')} disputed</p>"
    )
    edit = ctx.edit_a(speaker.location.path, speaker.location.line, "Edit this speaker")
    if edit:
        profile.append(f'<p class="ab-card__foot">{edit}</p>')
    parts = [block(*profile, cls="ab-profile")]

    parts.append(ctx.heading(2, "Claims", "claims"))
    parts.append(
        block(ul([_claim_item(ctx, a) for a in own], "ab-list") or "<p>No claims yet.</p>", search=False)
    )

    parts.append(ctx.heading(2, "Counterclaims made", "counterclaims"))
    items = []
    for d in made:
        target = site.annotations[d.target]
        text = site.annotations[d.ref].claim if d.ref else d.counterclaim.claim
        href = ctx.annotation_href(d.ref) if d.ref else ctx.annotation_href(d.target, d.counterclaim.anchor)
        items.append(
            f'<a href="{esc(href)}">{esc(plain(text))}</a> <span class="ab-in">against '
            f"{ctx.speaker_a(target.speaker)}: {ctx.claim_a(target)}</span>"
        )
    parts.append(block(ul(items, "ab-list") or "<p>No counterclaims yet.</p>", search=False))

    parts.append(ctx.heading(2, "Claims disputed by others", "disputed"))
    items = []
    for ann_id in disputed:
        by = []
        for d in site.disputes_of[ann_id]:
            href = (
                ctx.annotation_href(d.ref) if d.ref else ctx.annotation_href(d.target, d.counterclaim.anchor)
            )
            by.append(f'{ctx.speaker_a(d.by)} (<a href="{esc(href)}">their counterclaim</a>)')
        items.append(
            f'{ctx.claim_a(site.annotations[ann_id])} <span class="ab-in">disputed by {", ".join(by)}</span>'
        )
    parts.append(block(ul(items, "ab-list") or "<p>None of their claims is disputed yet.</p>", search=False))
    title = [ctx.h1(speaker.name)]
    return ctx.finish(page_meta(speaker.name, search=SEARCH_BOOST), title + parts, speaker.location.path)
