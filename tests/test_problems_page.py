"""The page ``mkdocs serve`` shows while the input has problems: each as check prints it, HTML-escaped."""

from __future__ import annotations

from build_scripts.diagnostics import Diagnostic, Location
from build_scripts.render.problems import body, page


def test_each_problem_is_escaped_text() -> None:
    problems = [Diagnostic(Location("annotations/a<b>.yml", 3, 5), "unknown field '<script>x</script>'",
                           "did you mean 'claim'? & more"),
                Diagnostic(Location("annotations/b.yml", 1, 7), "a TODO comment is left: # TODO",
                           level="warning")]
    assert body(problems) == (
        '<div class="ab-problems" role="alert">\n'
        "<h1>Problems to fix</h1>\n"
        "<p>The site is not built while the articles or annotations have these problems (python -m "
        "build_scripts check lists the same). Fix them and save: this page turns back into the site by "
        "itself.</p>\n"
        "<ol>\n"
        "<li><code>annotations/a&lt;b&gt;.yml:3:5</code>: unknown field "
        "&#x27;&lt;script&gt;x&lt;/script&gt;&#x27; (did you mean &#x27;claim&#x27;? &amp; more)</li>\n"
        "<li><code>annotations/b.yml:1:7</code>: warning: a TODO comment is left: # TODO</li>\n"
        "</ol>\n"
        "</div>")


def test_one_problem_and_the_front_matter() -> None:
    text = page([Diagnostic(Location("x.yml"), "bad")])
    assert text.startswith("---\ntitle: Problems to fix\nsearch:\n  exclude: true\nhide:\n  - navigation\n"
                           "  - toc\n---\n\n<div")
    assert "<h1>Problems to fix</h1>" in text and "\n\n" not in text.split("---\n\n", 1)[1]
