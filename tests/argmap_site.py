"""A small in-memory site for the argument map and explorer tests: two briefings, every kind of counterclaim."""

from __future__ import annotations

from build_scripts.diagnostics import Location
from build_scripts.model import Annotation, Article, Briefing, Counterclaim, Site, Speaker, build_site

HOSTILE = 'Says <script>alert("x")</script> & "quotes" </svg><a href=javascript:1>'


def _loc() -> Location:
    return Location("annotations/x.yml", 1, 1)


def _article(slug: str, published: str) -> Article:
    return Article(slug=slug, path=f"articles/{slug}.md", title=f"Title of {slug}", publisher="P", author="A",
                   published=published, body="Some text.", body_line=5, location=_loc())


def make_site() -> Site:
    speakers = {sid: Speaker(sid, name, "Role", _loc()) for sid, name in
                (("ann", "Ann <Lee>"), ("bob", "Bob"), ("cat", "Cat"))}
    a1 = Annotation("a-one", "first", "ann", "q1", "Ann claims the first thing.", _loc(),
                    counterclaims=(Counterclaim("a-one", 0, _loc(), speaker="bob", claim="Bob disagrees."),
                                   Counterclaim("a-one", 1, _loc(), ref="a-two"),
                                   Counterclaim("a-one", 2, _loc(), ref="b-one")),
                    topics=("money", "war"))
    a2 = Annotation("a-two", "first", "bob", "q2", HOSTILE + " " + "very long claim " * 20, _loc(),
                    counterclaims=(Counterclaim("a-two", 0, _loc(), ref="b-one"),), topics=("war",))
    a3 = Annotation("a-three", "first", "cat", "q3", "Cat states a third thing.", _loc(), topics=("money",))
    b1 = Annotation("b-one", "second", "cat", "q4", "Cat in the second briefing.", _loc(),
                    counterclaims=(Counterclaim("b-one", 0, _loc(), speaker="ann", claim=HOSTILE),))
    briefings = [Briefing(_article("first", "2020-01-02"), (a1, a2, a3), "annotations/first.yml"),
                 Briefing(_article("second", "2020-01-01"), (b1,), "annotations/second.yml")]
    return build_site(briefings, speakers)
