"""The claims explorer: a page of filter controls over the site's search index (no data file of its own).

The page (``claims/explorer.md``) carries a form: a text box, one select per
filter of the search records (:data:`..search_records.FILTERS`) and an order.
``docs/javascripts/explorer.js`` asks the Pagefind index the build writes
(``pagefind/``, the header search's) for the briefings that match, fills each
select with its values and the number of briefings each leaves, lists the
matching claims of those briefings a few briefings at a time (newest first
when no words are given: each briefing's claims file, beside the index, holds
its claims' speakers, topics and disputers, so only the claims a filter asks
for are listed) and keeps the state in the address
(``?q=&speaker=&topic=&briefing=&year=&disputed=&sort=``), so a view can be
bookmarked or shared.
"""

from __future__ import annotations

from itertools import islice

from ..model import Site
from ..search_records import EVERY, FILTERS, claim_meta
from . import links
from .context import Ctx, Page, RenderOptions, block, page_meta
from .safe import esc

LABELS = {
    "speaker": "Speaker",
    "topic": "Topic",
    "briefing": "Briefing",
    "year": "Year",
    "disputed": "Disputed",
}
ORDERS = [
    ("", "Best match"),
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
]


def _field(name: str, label: str, control: str) -> str:
    return f'<p class="ab-explorer__field"><label for="ab-explorer-{name}">{esc(label)}</label>{control}</p>'


def _select(name: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in options)
    return f'<select id="ab-explorer-{name}" name="{name}">{opts}</select>'


def form_html() -> str:
    """The form: its filters' options are the index's values, which the script adds with their counts."""
    text = (
        '<input type="search" id="ab-explorer-q" name="q" autocomplete="off" '
        'placeholder="Words from a claim, a quote, a counterclaim, a name…">'
    )
    return (
        '<form class="ab-explorer__form" role="search" aria-label="Filter claims">'
        '<p class="ab-explorer__field ab-explorer__field--text">'
        f'<label for="ab-explorer-q">Search the claims</label>{text}</p>'
        + "".join(_field(name, LABELS[name], _select(name, [("", "All")])) for name in FILTERS)
        + _field("sort", "Order", _select("sort", ORDERS))
        + '<p class="ab-explorer__field"><button type="reset" class="md-button">Clear filters</button></p>'
        "</form>"
    )


PAGE_SIZE = 25  # claims shown at a time (at least: whole briefings' claims are added; at most PER_LOOK's)
PER_FETCH = 10  # briefing records fetched at once, until a page of claims is shown
# Briefing records looked through at most for one page of claims: words every byline holds ("Gazette") match
# every briefing and no claim, and were looked for in all of them at once (9.5 MB at 1,000 briefings).
PER_LOOK = 50
IDS = ["ab-explorer", "ab-explorer-q", "ab-explorer-count", "ab-explorer-list", "ab-explorer-more"]


def rows_html(ctx: Ctx, ann_ids: list[str]) -> str:
    """The newest claims as the script shows rows (docs/javascripts/explorer.js, ``row``), from what their
    search records hold (:func:`..search_records.claim_meta`): an empty query's first page is in the page, so
    it shows at once."""
    items = []
    for ann_id in ann_ids:
        b = ctx.site.briefing(ctx.site.briefing_of[ann_id])
        m = claim_meta(ctx.site, ctx.site.annotations[ann_id])
        disputed = f"disputed by {m['disputers']}" if m["disputers"] else "undisputed"
        topics = f" · {esc(', '.join(m['topics']))}" if m["topics"] else ""
        date = b.article.published
        items.append(
            f'<li class="ab-explorer__item" data-id="{esc(ann_id)}"><p class="ab-explorer__claim">'
            f'<a href="{esc(ctx.annotation_href(ann_id))}">{esc(m["claim"])}</a></p>'
            f'<p class="ab-explorer__meta"><span class="ab-explorer__speaker">{esc(m["speaker"])}</span>'
            f' · {esc(m["attribution"])} · <span class="ab-explorer__disputers">{esc(disputed)}</span> · '
            f'<a class="ab-explorer__briefing" href="{esc(ctx.link.to(links.briefing_page(b.slug)))}">'
            f'{esc(b.article.title)}</a> · <time datetime="{esc(date)}">{esc(date)}</time>'
            f"{topics}</p></li>"
        )
    return "".join(items)


def page(site: Site, options: RenderOptions) -> Page:
    ctx = Ctx(site, options, links.EXPLORER)
    total = len(site.annotations)
    intro = (
        "<p>Every claim, newest first. Search their words or narrow them by speaker, topic, briefing, year "
        "and dispute: each choice shows how many briefings it leaves. The address keeps the view, to "
        "bookmark or share.</p>"
    )
    fallback = (
        f"<noscript><p>The explorer needs JavaScript. "
        f'<a href="{esc(ctx.link.to(links.CLAIMS))}">All claims</a> lists every claim without it.'
        "</p></noscript>"
    )
    body = block(
        intro,
        form_html(),
        f'<p class="ab-explorer__count" id="ab-explorer-count" role="status" aria-live="polite">'
        f"{total:,} claims</p>",
        '<ol class="ab-explorer__list" id="ab-explorer-list" aria-labelledby="ab-explorer-count">'
        f"{rows_html(ctx, list(islice(site.annotations, PAGE_SIZE)))}</ol>",  # site order: newest first
        '<p><button type="button" class="md-button" id="ab-explorer-more" hidden>More claims</button></p>',
        fallback,
        cls="ab-explorer",
        attrs=f' id="ab-explorer" data-page-size="{PAGE_SIZE}" '
        f'data-briefings-per-fetch="{PER_FETCH}" data-briefings-per-look="{PER_LOOK}" data-claims="{total}" '
        f'data-every="{EVERY}"',
    )
    ctx.ids.update([*IDS, *(f"ab-explorer-{name}" for name in [*FILTERS, "sort"])])
    return ctx.finish(page_meta("Claims explorer"), [ctx.h1("Claims explorer"), body])


def render(site: Site, options: RenderOptions) -> list[Page]:
    return [page(site, options)]
