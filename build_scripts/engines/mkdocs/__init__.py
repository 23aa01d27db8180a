"""The MkDocs engine (MkDocs 1.6 and ProperDocs, with Material for MkDocs): all the core needs of them.

- :mod:`.plugin`: the ``annotated-briefings`` plugin enabled in ``mkdocs.yml``; its events delegate to:
- :mod:`.pages`: our pages as MkDocs files, and each generated page's HTML, table of contents and ids;
- :mod:`.headings`: the ``toc`` settings of ``markdown_extensions``, as the headings the core writes;
- :mod:`.serve`: what ``mkdocs serve`` keeps between rebuilds, ``--dirty`` and the problems page;
- :mod:`.site_search`: the site's search index (Pagefind), written once MkDocs has built the site.
"""
