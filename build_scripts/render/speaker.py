"""A speaker page: their claims (who disputes each) and the counterclaims they made, as compact rows."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from ..model import Dispute, Role, Site, Speaker
from ..roles import dates
from . import links
from .context import (
    Ctx,
    Deferred,
    Page,
    RenderOptions,
    block,
    page_meta,
    plural,
    speaker_name,
    table,
    ul,
)
from .rows import claims_table, explorer_a, grouped, page_rows, page_title, paged, pager, shown
from .safe import esc, plain


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


def plan(site: Site, speaker: Speaker, options: RenderOptions) -> list[Deferred]:
    """The speaker's page; more pages when their claims or counterclaims pass ``options.rows_per_page``."""
    first = links.speaker_page(speaker.id)
    rows = max(len(site.by_speaker.get(speaker.id, ())), len(site.disputes_by.get(speaker.id, ())))
    make = partial(render, speaker=speaker)
    return paged(first, speaker.name, speaker.location.path, rows, make, speaker, site, options)


def _counterclaims_table(ctx: Ctx, made: Sequence[Dispute]) -> str:
    """The counterclaims a speaker made, one row each: the counterclaim's briefing and date (once for a run of
    one briefing), the counterclaim (linked), whose claim it disputes (the name, linked to that claim's
    annotation, which shows both)."""
    site = ctx.site
    rows = []
    for d in made:
        target = site.annotations[d.target]
        who = esc(speaker_name(site, target.speaker))
        if d.ref:
            text, href, slug = (
                site.annotations[d.ref].claim,
                ctx.annotation_href(d.ref),
                site.briefing_of[d.ref],
            )
        else:
            text = d.counterclaim.claim
            href, slug = ctx.annotation_href(d.target, d.counterclaim.anchor), site.briefing_of[d.target]
        rows.append(
            (
                [
                    f'<a href="{esc(href)}">{esc(plain(text))}</a>',
                    f'<a href="{esc(ctx.annotation_href(target.id))}">{who}</a>',
                ],
                slug,
            )
        )
    headers = ["Briefing", "Date", "Counterclaim", "Disputes a claim of"]
    return table(headers, grouped(ctx, rows), "ab-table ab-rows")


def render(site: Site, speaker: Speaker, options: RenderOptions, number: int = 1, count: int = 1) -> Page:
    first = links.speaker_page(speaker.id)
    ctx = Ctx(site, options, links.page_n(first, number))
    per_page = options.rows_per_page
    own = site.by_speaker.get(speaker.id, ())  # newest first, as the site orders every list
    made = site.disputes_by.get(speaker.id, ())
    disputed = sum(1 for a in own if site.disputes_of.get(a))
    profile = [roles_html(speaker)] if number == 1 else []
    if speaker.aliases and number == 1:
        profile.append(f'<p class="ab-aliases">Also referred to as: {esc(", ".join(speaker.aliases))}</p>')
    profile.append(
        f'<p class="ab-totals">{plural(len(own), "claim")} · {plural(len(made), "counterclaim")} made · '
        f"{plural(disputed, 'claim')} disputed{shown(number, count, max(len(own), len(made)), per_page)}</p>"
    )
    edit = ctx.edit_a(speaker.location.path, speaker.location.line, "Edit this speaker")
    if edit and number == 1:
        profile.append(f'<p class="ab-card__foot">{edit}</p>')
    above, below = pager(ctx, first, number, count, f"Pages of {speaker.name}")
    parts = [block(*profile, above, cls="ab-profile")]

    parts.append(ctx.heading(2, "Claims", "claims"))
    claims = page_rows(own, number, per_page)
    parts.append(
        block(
            f"<p>{explorer_a(ctx, speaker=speaker.name)}</p>" if own else "",
            claims_table(ctx, claims, speaker=False)
            if claims
            else f"<p>No {'more ' if own else ''}claims.</p>",
        )
    )

    parts.append(ctx.heading(2, "Counterclaims made", "counterclaims"))
    counters = page_rows(made, number, per_page)
    parts.append(
        block(
            _counterclaims_table(ctx, counters)
            if counters
            else f"<p>No {'more ' if made else ''}counterclaims.</p>",
            below,
        )
    )
    return ctx.finish(
        page_meta(page_title(speaker.name, number)),
        [ctx.h1(page_title(speaker.name, number)), *parts],
        speaker.location.path,
    )
