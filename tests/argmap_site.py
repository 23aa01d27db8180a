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


LONG = "a claim long enough to fill both lines of its box in the argument map, and then some more words " * 3


def make_big_site(n: int = 20) -> Site:
    """One briefing of ``n`` annotations, each disputed by an inline counterclaim and by the next annotation
    (``ref``), every claim long enough to fill its node: the map's size at the top of the usual range."""
    speakers = {f"s{i}": Speaker(f"s{i}", f"Speaker Number {i}", "Role", _loc()) for i in range(8)}
    ids = [f"big-claim-{i:02d}" for i in range(n)]
    annotations = tuple(
        Annotation(ann_id, "big", f"s{i % 8}", f"q{i}", f"Claim {i}: {LONG}", _loc(),
                   counterclaims=(Counterclaim(ann_id, 0, _loc(), speaker=f"s{(i + 1) % 8}",
                                               claim=f"Reply {i}: {LONG}"),
                                  *((Counterclaim(ann_id, 1, _loc(), ref=ids[i + 1]),) if i + 1 < n else ())))
        for i, ann_id in enumerate(ids))
    return build_site([Briefing(_article("big", "2020-01-03"), annotations, "annotations/big.yml")], speakers)
