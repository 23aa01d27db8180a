"""Optional packages: the extra of ``pyproject.toml`` that installs each, and a message when one is missing.

A plain ``pip install annotated-briefings`` runs ``check``, ``build``, ``render``, ``schemas``, ``reanchor``
and ``ingest`` of a plain-text scrape. ``new`` needs the ``authoring`` extra (ruamel.yaml, whose round-trip
dump keeps the comments of the file it appends to); ``ingest`` of a saved HTML page needs the ``ingest`` extra
(trafilatura). A command calls :func:`require` before its first import of such a package; the command line
prints the :class:`MissingExtra` message and exits with status 2.
"""

from __future__ import annotations

import importlib.util

DISTRIBUTION = "annotated-briefings"
EXIT_STATUS = 2

# extra -> the modules it provides (each one is also the name of its distribution in pyproject.toml)
EXTRAS: dict[str, tuple[str, ...]] = {
    "authoring": ("ruamel.yaml",),
    "ingest": ("trafilatura",),
}


class MissingExtra(Exception):
    """``what`` needs ``extra``, which is not installed; ``str(exc)`` is the message for the user."""

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f"{what} needs the {extra} extra: pip install '{DISTRIBUTION}[{extra}]'")
        self.extra = extra


def installed(module: str) -> bool:
    """Whether ``module`` can be imported, without importing it (False when a parent package is missing)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def require(extra: str, what: str) -> None:
    """Raise :class:`MissingExtra` unless every module of ``extra`` is installed."""
    if not all(installed(module) for module in EXTRAS[extra]):
        raise MissingExtra(what, extra)
