"""The MkDocs engine (MkDocs 1.6 and ProperDocs, with Material for MkDocs): all the core needs of them.

- :mod:`.plugin`: the ``annotated-briefings`` plugin, enabled in ``mkdocs.yml``.
- :mod:`.search_entries`: a generated page's entries in Material's search index, made without its parser.
- :mod:`.search_spill`: those entries kept on disk and merged into Material's index file at the end.
"""
