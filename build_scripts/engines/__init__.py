"""Site engines: each subpackage runs the core (:mod:`build_scripts.pipeline`, :mod:`build_scripts.render`)
on one engine.

The core knows no engine. An engine package holds all that is particular to its engine: how it is called, its
plugin or hooks, how its Markdown writes headings, its search index. :mod:`.mkdocs` serves MkDocs 1.6 with
Material and its drop-in fork ProperDocs.
"""

# The engine the ``build`` command runs: its command(), environment() and CONFIG.
from .mkdocs import build as builder

__all__ = ["builder"]
