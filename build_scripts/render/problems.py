"""The page a live preview shows in place of the site while the articles or annotations have problems.

Each problem is written as ``check`` prints it (``path:line:col: message (hint)``), HTML-escaped: the
messages quote contributor text. The page is one raw HTML block, which Markdown passes through as it is.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..diagnostics import Diagnostic

TITLE = "Problems to fix"


def body(diagnostics: Sequence[Diagnostic]) -> str:
    """The problems as an HTML fragment, without blank lines (it stays one raw HTML block)."""
    items = []
    for d in diagnostics:
        text = str(d)  # exactly what check prints, with any invisible character shown
        where = str(Diagnostic(d.location, ""))  # its "path:line:col: ", written the same way
        items.append(f"<li><code>{html.escape(where[:-2])}</code>: {html.escape(text[len(where) :])}</li>")
    return "\n".join(
        [
            '<div class="ab-problems" role="alert">',
            f"<h1>{TITLE}</h1>",
            (
                "<p>The site is not built while the articles or annotations have these problems (python -m "
                "build_scripts check lists the same). Fix them and save: this page turns back into the site "
                "by itself.</p>"
            ),
            "<ol>",
            *items,
            "</ol>",
            "</div>",
        ]
    )


def page(diagnostics: Sequence[Diagnostic]) -> str:
    """A whole Markdown page: front matter (kept out of search, without navigation) and :func:`body`."""
    return (
        "---\n"
        f"title: {TITLE}\n"
        "search:\n  exclude: true\n"
        "hide:\n  - navigation\n  - toc\n"
        "---\n\n" + body(diagnostics) + "\n"
    )
