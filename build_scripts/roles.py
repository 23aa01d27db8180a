"""Speakers' roles over time: a role's dates in words, and the warning for a briefing dated outside every
dated role of a speaker it uses.

A speaker has one ``role`` held at every date, or dated ``roles`` (:class:`.model.Role`). A briefing
shows the roles held on its published date (:meth:`.model.Speaker.roles_on`); when there is none, it shows
no role, and ``check`` warns, once per briefing and speaker, at the first line that uses the speaker (an
annotation's ``speaker`` or an inline counterclaim's). ``check --strict`` and ``build`` fail on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from .diagnostics import Diagnostic, Location
from .model import Briefing, Role, Speaker
from .stubs import STRICT_HINT


def dates(role: Role) -> str:
    """``2017-01-23 to 2018-04-26``, ``from 2018-04-26``, ``until 2021-01-20``, or "" for an undated role."""
    if role.start and role.end:
        return f"{role.start} to {role.end}"
    return f"from {role.start}" if role.start else f"until {role.end}" if role.end else ""


def described(role: Role, with_dates: bool = True) -> str:
    """The role in words: ``US Secretary of State (2018-04-26 to 2021-01-20)``."""
    when = dates(role) if with_dates else ""
    return f"{role.role} ({when})" if when else role.role


def _uses(b: Briefing) -> Iterator[tuple[str, Location, str]]:
    """(speaker id, location, field) of each line of the briefing's file that names a speaker, in order."""
    for ann in b.annotations:
        if ann.speaker:
            yield ann.speaker, ann.loc("speaker"), f"{ann.field_path}.speaker"
        for c in ann.counterclaims:
            if c.speaker:
                yield c.speaker, c.loc("speaker"), f"{c.field_path}.speaker"


def out_of_role(briefings: Iterable[Briefing], speakers: Mapping[str, Speaker]) -> list[Diagnostic]:
    """A warning for each briefing and speaker with dated roles none of which includes the briefing's date."""
    found = []
    for b in briefings:
        date = b.article.published
        uses: dict[str, list[tuple[Location, str]]] = {}
        for sid, where, field in _uses(b):
            speaker = speakers.get(sid)
            if speaker is not None and speaker.roles and not speaker.roles_on(date):
                uses.setdefault(sid, []).append((where, field))
        for sid, places in uses.items():
            speaker = speakers[sid]
            where, field = places[0]
            more = len(places) - 1
            also = f"; the same at {more} more line{'s' if more > 1 else ''} of this file" if more else ""
            held = "; ".join(f"{r.role}, {dates(r)}" for r in speaker.roles)
            found.append(
                Diagnostic(
                    where,
                    f"{field}: no role of '{sid}' in the registry covers {date}, the article's date "
                    f"({held}){also}",
                    "add the role held then to the speaker's 'roles', or correct the article's "
                    f"'published' date{STRICT_HINT}",
                    level="warning",
                    code="role",
                )
            )
    return found
