"""A briefing's cards: the note beside each highlight. An annotation's card says who (in the speaker's
colour, with the role held on the briefing's date and whose words the quote is), gives the claim once as its
heading, every counterclaim in full with its speaker, a link back to the highlight, and folds the rest (quote,
topics, citations, note, sources, contributor, edit link) in ``<details>``. An inline counterclaim with its
own quote has a note of its own beside its own highlight, naming the claim it disputes."""

from __future__ import annotations

from ..model import FRAMING, REPORTED, Annotation, Briefing, Counterclaim
from .colours import colour_class
from .context import Ctx, card_title, counter_speaker, kind_label, plural, role_on, said, ul
from .safe import esc, plain, rich, rich_inline, source_link

BACK = "↑ in the text"  # the link from a card or a counterclaim back to its highlight


def _sources(sources) -> str:
    items = [source_link(s.title, s.url) for s in sources]
    return ul(items, "ab-sources")


def _back(target: str) -> str:
    """The link from a card, note or counterclaim back to its highlight."""
    return f'<a class="ab-back" href="#q-{target}">{BACK}</a>'


def counterclaim_html(ctx: Ctx, b: Briefing, c: Counterclaim, colours: dict[str, str]) -> str:
    """A counterclaim in a card: its speaker and its claim in full. A ``ref`` links to the annotation it
    cites, and says which briefing only when it is another; a counterclaim with its own highlight links to
    it (the note beside that highlight carries the counterclaim's id)."""
    site = ctx.site
    speaker = counter_speaker(site, c)
    attrs = f' class="ab-counter {colour_class(colours, speaker)}"'
    links_to = []
    if c.ref:
        target = site.annotations[c.ref]
        slug = site.briefing_of[c.ref]
        claim = (
            f'<p class="ab-counter__claim">'
            f'<a href="{esc(ctx.annotation_href(c.ref))}">{esc(plain(target.claim))}</a></p>'
        )
        if slug != b.slug:
            links_to.append(f"In “{esc(site.briefing(slug).article.title)}”")
        elif target.span:
            links_to.append(_back(c.ref))
        attrs += f' id="{c.anchor}"'
        ctx.ids.add(c.anchor)
    else:
        claim = f'<div class="ab-counter__claim">{rich(c.claim)}</div>'
        if c.span:
            links_to.append(_back(c.anchor))
        else:
            attrs += f' id="{c.anchor}"'
            ctx.ids.add(c.anchor)
    extra = f'<p class="ab-counter__links ab-in">· {" · ".join(links_to)}</p>' if links_to else ""
    return f'<li{attrs}><p class="ab-counter__by">{ctx.speaker_a(speaker)}</p>{claim}{extra}</li>'


def who(ctx: Ctx, speaker_id: str, b: Briefing) -> str:
    """The speaker, and the role held on the briefing's date ("The article" for its own framing)."""
    role = role_on(ctx.site, speaker_id, b.article.published)
    return ctx.speaker_a(speaker_id) + (f'<span class="ab-role">, {esc(role)}</span>' if role else "")


QUOTE_LEADS = {REPORTED: "As the article reports it:", FRAMING: "The article says:"}
OPENING_MARKS = '“"„«‘\u201a'  # the last: a single low-9 quotation mark
CLOSING_MARKS = '”"»'


def quoted(text: str) -> str:
    """``text`` in quotation marks, escaped; a mark it already opens or closes with is not doubled."""
    opening = "" if text[:1] in OPENING_MARKS else "“"
    closing = "" if text[-1:] in CLOSING_MARKS or (text[-1:] == "’" and "‘" in text) else "”"
    return f"{opening}{esc(text)}{closing}"


def quote_html(ann: Annotation) -> str:
    """The quote: in quotation marks when they are the speaker's own words; else the article's words, said so
    (quotation marks round a paraphrase would make it look like the speaker's own words)."""
    lead = QUOTE_LEADS.get(ann.attribution)
    words = (
        f'<p><span class="ab-quote__lead">{lead}</span> {esc(ann.quote)}</p>'
        if lead
        else f"<p>{quoted(ann.quote)}</p>"
    )
    return f'<blockquote class="ab-quote">{words}</blockquote>'


def _more(ctx: Ctx, ann: Annotation) -> str:
    """What a reader opens on demand: the quote, topics, what cites it, the note, sources, who annotated it
    and the edit link, folded in ``<details>``."""
    site = ctx.site
    parts, names = [quote_html(ann)], ["quote"]
    if ann.topics:
        names.append("topics")
        parts.append(
            '<p class="ab-topics"><span class="ab-label">Topics:</span> '
            + ", ".join(ctx.topic_a(t) for t in ann.topics)
            + "</p>"
        )
    cited = site.cited_by.get(ann.id, ())
    if cited:
        names.append("where it is cited")
        items = [
            f'<a href="{esc(ctx.annotation_href(d.target))}">'
            f"{esc(said(site, site.annotations[d.target].speaker, plain(site.annotations[d.target].claim)))}"
            "</a>"
            for d in cited
        ]
        parts.append(
            '<div class="ab-cited"><p class="ab-label">Cited as a counterclaim to</p>'
            + ul(items, "ab-backlinks")
            + "</div>"
        )
    if ann.note:
        names.append("note")
        parts.append(f'<div class="ab-note"><p class="ab-label">Note</p>{rich(ann.note)}</div>')
    if ann.sources:
        names.append(plural(len(ann.sources), "source"))
        parts.append('<p class="ab-label">Sources</p>' + _sources(ann.sources))
    foot = []
    if ann.contributor:
        foot.append(f'Annotated by <span class="ab-contributor">{esc(ann.contributor)}</span>')
    edit = ctx.edit_a(ann.location.path, ann.location.line, "Edit this annotation")
    if edit:
        foot.append(edit)
    if foot:
        parts.append(f'<p class="ab-card__foot">{" · ".join(foot)}</p>')
    label = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    summary = f"<summary>{label[:1].upper()}{label[1:]}</summary>"
    return f'<details class="ab-more">{summary}{"".join(parts)}</details>'


def annotation_html(ctx: Ctx, b: Briefing, ann: Annotation, colours: dict[str, str]) -> str:
    """An annotation's card: who (in their colour, with the role held and whose words the quote is), the
    claim as its heading, every counterclaim in full, a link back to the highlight, and the rest folded."""
    site = ctx.site
    by = f'<p class="ab-card__speaker" id="{ann.id}--by">{who(ctx, ann.speaker, b)} {kind_label(ann)}</p>'
    ctx.ids.add(f"{ann.id}--by")
    # The heading shows the claim with its formatting (emphasis, code, safe links), as contributors wrote it.
    shown = f'<span class="ab-claim" id="{ann.id}--claim">{rich_inline(ann.claim)}</span>'
    toc_label = card_title(site, ann, 90)
    title = ctx.heading(3, plain(ann.claim), ann.id, toc_label, shown).rstrip("\n")
    ctx.ids.add(f"{ann.id}--claim")
    parts = [by, title]
    if ann.counterclaims:
        parts.append(
            f'<p class="ab-label">Disputed by {len(ann.counterclaims)}</p><ul class="ab-counters">'
            + "".join(counterclaim_html(ctx, b, c, colours) for c in ann.counterclaims)
            + "</ul>"
        )
    if ann.span:
        parts.append(f'<p class="ab-card__back">{_back(ann.id)}</p>')
    parts.append(_more(ctx, ann))
    return f'<div class="ab-card {colour_class(colours, ann.speaker)}">{"".join(parts)}</div>'


def counter_note_html(
    ctx: Ctx, b: Briefing, ann: Annotation, c: Counterclaim, colours: dict[str, str]
) -> str:
    """The note beside an inline counterclaim's own highlight: who, the counterclaim in full, and the claim
    it disputes, linked to its card."""
    site = ctx.site
    disputed = said(site, ann.speaker, plain(ann.claim))
    sources = (
        f'<details class="ab-more"><summary>Sources</summary>{_sources(c.sources)}</details>'
        if c.sources
        else ""
    )
    ctx.ids.update((c.anchor, f"{c.anchor}--by", f"{c.anchor}--claim"))
    return (
        f'<div class="ab-card ab-card--counter {colour_class(colours, c.speaker)}" id="{c.anchor}">'
        f'<p class="ab-card__speaker" id="{c.anchor}--by">{who(ctx, c.speaker, b)} '
        '<span class="ab-kind ab-kind--counter">counterclaim</span></p>'
        f'<div class="ab-card__claim" id="{c.anchor}--claim">{rich(c.claim)}</div>'
        f'<p class="ab-card__disputes">Disputes <a href="#{ann.id}">{esc(disputed)}</a></p>'
        f'<p class="ab-card__back">{_back(c.anchor)}</p>{sources}</div>'
    )
