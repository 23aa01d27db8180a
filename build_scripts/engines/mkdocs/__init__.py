"""The MkDocs engine (MkDocs 1.6 and ProperDocs, with Material for MkDocs): all the core needs of them.

- :mod:`.plugin`: the ``annotated-briefings`` plugin enabled in ``mkdocs.yml``; its events delegate to:
- :mod:`.pages`: our pages as MkDocs files, and each generated page's HTML, table of contents and ids;
- :mod:`.headings`: the ``toc`` settings of ``markdown_extensions``, as the headings the core writes;
- :mod:`.serve`: what ``mkdocs serve`` keeps between rebuilds, ``--dirty`` and the problems page;
- :mod:`.search`: Material's search plugin given the generated pages' entries;
- :mod:`.search_entries`: those entries, as Material's parser would make them, without it;
- :mod:`.search_spill`: the entries kept on disk and merged into Material's index file at the end.
"""
