"""The dispute view of a briefing: every claim and what disputes it, in full text, as lists that wrap.

It replaces a two-column drawing whose boxes cut claims short. Each disputed claim of the briefing, in article
order, is a group (``id="dispute-<annotation id>"``): who (in the speaker's colour, with the role held on the
briefing's date and whose words the quote is), the full claim linked to its card, then what disputes it, each
with its speaker's name and full text, linked to its card (a ``ref``) or to its entry in the card (inline).

A mutual dispute (A disputes B and B disputes A) is shown once, under whichever of the two comes first in the
article, marked "↔ mutual dispute"; the later claim's group leaves it out and, when it has other
counterclaims, says it is listed above. A claim every counterclaim of which is such a mutual dispute already
shown has no group of its own: its ``dispute-<id>`` is its entry under the first claim it disputes back.
Claims nobody disputes are listed at the end, folded ("Not disputed (N)"), so that every claim appears.
Where a claim of this briefing is cited as a counterclaim by an annotation of another briefing, its entry says
so, with that claim in full (unless the claim disputes it back: a mutual dispute, listed and marked under it).
No graph: none fits a phone without cutting claims short.

Search indexes annotations from the model (search_records.py), not this block. One pass over the
counterclaims and the citations: linear in the annotations of a briefing (tests/test_disputes.py measures it).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Annotation, Briefing, Counterclaim, Site
from .colours import colour_class
from .context import Ctx, block, kind_label, plural, role_on, speaker_name
from .safe import esc, plain

PREFIX = "dispute-"  # a group's id: PREFIX + the annotation id (validate.py reserves the prefix)
MUTUAL = '<span class="ab-dispute__mutual"><span aria-hidden="true">↔</span> mutual dispute</span>'


@dataclass(frozen=True)
class Entry:
    """One counterclaim under a disputed claim, as the view shows it."""

    counter: Counterclaim
    mutual: bool  # the ref'd claim disputes this one back (shown once: here)
    above: bool  # a mutual dispute already shown under the other claim, earlier in the article


def _groups(site: Site, b: Briefing) -> tuple[dict[str, list[Entry]], dict[str, tuple[str, int]]]:
    """The counterclaims of each disputed claim, as entries; and for each claim of the briefing that has no
    group of its own (all its disputes are mutual ones shown above), where it is listed: (claim id, index of
    the entry) of the first claim it disputes back. A ``ref`` is mutual when the annotation it names cites
    this one back (``site.cited_by``: at most 50 per annotation), in this briefing or another."""
    order = {a.id: i for i, a in enumerate(b.annotations)}
    groups: dict[str, list[Entry]] = {}
    listed_at: dict[str, tuple[str, int]] = {}
    for ann in b.annotations:
        back = {d.target for d in site.cited_by.get(ann.id, ())}
        entries = []
        for c in ann.counterclaims:
            mutual = bool(c.ref) and c.ref in back
            above = mutual and c.ref in order and order[c.ref] < order[ann.id]
            entries.append(Entry(c, mutual, above))
            if mutual and not above and c.ref in order:
                listed_at.setdefault(c.ref, (ann.id, len(entries) - 1))
        if entries:
            groups[ann.id] = entries
    for ann_id, entries in list(groups.items()):
        if all(e.above for e in entries):
            del groups[ann_id]
        else:
            listed_at.pop(ann_id, None)
    return groups, listed_at


class _View:
    """Writing one briefing's view: links relative to its page, colours, citations from elsewhere."""

    def __init__(self, ctx: Ctx, b: Briefing, colours: dict[str, str]):
        self.ctx, self.b, self.colours = ctx, b, colours
        self.site = ctx.site

    def colour(self, speaker: str) -> str:
        """The speaker's colour class; none for a speaker the page does not colour (a claim elsewhere)."""
        return f" {colour_class(self.colours, speaker)}" if speaker in self.colours else ""

    def who(self, speaker: str) -> str:
        cls = "ab-dispute__who" + (" ab-speaker--article" if not speaker else "")
        return f'<span class="{cls}">{esc(speaker_name(self.site, speaker))}</span>'

    def item(self, speaker: str, rest: str, listed_id: str = "") -> str:
        """An entry: the speaker's name, then ``rest``; ``listed_id``: the claim whose place it is."""
        attrs = f' id="{PREFIX}{esc(listed_id)}"' if listed_id else ""
        return f'<li class="ab-dispute__item{self.colour(speaker)}"{attrs}>{self.who(speaker)}{rest}</li>'

    def link(self, href: str, text: str) -> str:
        return f'<a class="ab-dispute__text" href="{esc(href)}">{esc(plain(text))}</a>'

    def elsewhere(self, ann_id: str) -> str:
        """Where annotations of other briefings cite this claim as a counterclaim: each, in full, but those
        this claim disputes back (listed under it, marked mutual)."""
        here = self.b.slug
        back = {c.ref for c in self.site.annotations[ann_id].counterclaims}
        items = []
        for d in self.site.cited_by.get(ann_id, ()):
            slug = self.site.briefing_of[d.target]
            if slug == here or d.target in back:
                continue
            target = self.site.annotations[d.target]
            text = self.link(self.ctx.annotation_href(target.id), target.claim)
            items.append(self.item(target.speaker, f": {text} {self.in_briefing(slug)}"))
        if not items:
            return ""
        return (
            '<p class="ab-dispute__note">Disputes, in another briefing:</p>'
            f'<ul class="ab-dispute__items ab-dispute__items--elsewhere">{"".join(items)}</ul>'
        )

    def in_briefing(self, slug: str) -> str:
        return f'<span class="ab-in">In “{esc(self.site.briefing(slug).article.title)}”</span>'

    def counter(self, e: Entry, listed_id: str) -> str:
        c = e.counter
        if e.above:
            target = self.site.annotations[c.ref]
            text = self.link(f"#{PREFIX}{c.ref}", target.claim)
            return self.item(target.speaker, f" {MUTUAL}, listed above: {text}", listed_id)
        if c.ref:
            target = self.site.annotations[c.ref]
            slug = self.site.briefing_of[c.ref]
            speaker, text = target.speaker, target.claim
            href = self.ctx.annotation_href(c.ref)
            where = f" {self.in_briefing(slug)}" if slug != self.b.slug else ""
        else:
            speaker, text, href, where = c.speaker, c.claim, f"#{c.anchor}", ""
        mutual = f" {MUTUAL}" if e.mutual else ""
        more = self.elsewhere(c.ref) if listed_id else ""
        return self.item(speaker, f"{mutual}: {self.link(href, text)}{where}{more}", listed_id)

    def group(self, ann: Annotation, entries: list[Entry], listed: dict[tuple[str, int], str]) -> str:
        role = role_on(self.site, ann.speaker, self.b.article.published)
        by = self.who(ann.speaker) + (f'<span class="ab-role">, {esc(role)}</span>' if role else "")
        items = "".join(self.counter(e, listed.get((ann.id, i), "")) for i, e in enumerate(entries))
        return (
            f'<li class="ab-dispute{self.colour(ann.speaker)}" id="{PREFIX}{esc(ann.id)}">'
            f'<p class="ab-dispute__by">{by} {kind_label(ann)}</p>'
            f'<p class="ab-dispute__claim">{self.link("#" + ann.id, ann.claim)}</p>'
            f"{self.elsewhere(ann.id)}"
            f'<p class="ab-dispute__note">Disputed by</p><ul class="ab-dispute__items">{items}</ul></li>'
        )

    def quiet(self, ann: Annotation) -> str:
        return self.item(
            ann.speaker, f": {self.link('#' + ann.id, ann.claim)}{self.elsewhere(ann.id)}", ann.id
        )


def dispute_view(ctx: Ctx, b: Briefing, colours: dict[str, str]) -> list[str]:
    """The "Disputes" heading and the view as one raw block; nothing for a briefing
    without annotations. ``colours``: :func:`.colours.speaker_colours` of the briefing."""
    if not b.annotations:
        return []
    view = _View(ctx, b, colours)
    groups, listed_at = _groups(ctx.site, b)
    listed = {where: ann_id for ann_id, where in listed_at.items()}
    for ann_id in listed_at:
        ctx.ids.add(PREFIX + ann_id)
    disputed = [a for a in b.annotations if a.counterclaims]
    quiet = [a for a in b.annotations if not a.counterclaims]
    mutual = any(e.mutual for entries in groups.values() for e in entries)
    if not disputed:
        intro = "No claim of this briefing is disputed. "
    else:
        each = "each " if len(disputed) > 1 else ""
        intro = f"{plural(len(disputed), 'disputed claim')}, {each}followed by what disputes it. " + (
            "Two claims that dispute each other (↔ mutual dispute) are shown once. " if mutual else ""
        )
    intro += "Select a text to read its annotation."
    parts = [f'<p class="ab-disputes__intro">{intro}</p>']
    if groups:
        parts.append(
            '<ol class="ab-disputes__list">'
            + "".join(view.group(a, groups[a.id], listed) for a in b.annotations if a.id in groups)
            + "</ol>"
        )
    if quiet:
        parts.append(
            f'<details class="ab-disputes__quiet"><summary>Not disputed ({len(quiet)})</summary>'
            f'<ul class="ab-dispute__items">{"".join(view.quiet(a) for a in quiet)}</ul></details>'
        )
    ctx.ids.update(PREFIX + a.id for a in b.annotations if a.id in groups or not a.counterclaims)
    return [ctx.heading(2, "Disputes", "disputes"), block(*parts, cls="ab-disputes")]
