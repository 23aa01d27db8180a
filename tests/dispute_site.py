"""Small in-memory sites for the dispute view and explorer tests: every kind of counterclaim, mutual disputes."""

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


def make_mutual_site() -> Site:
    """Two briefings whose claims dispute each other in every way the dispute view tells apart.

    In "first": m-one and m-two dispute each other, and so do m-one and m-six (m-six has no other
    counterclaim), m-two and m-three, and m-three and n-one, of "second"; m-one is also disputed inline, and
    by m-five, which it does not dispute; m-four is disputed by nobody, but cited by n-one; m-five cites n-one
    too, one way. Speaker "dan" speaks only in "first"."""
    speakers = {sid: Speaker(sid, name, f"Role of {name}", _loc()) for sid, name in
                (("ann", "Ann <Lee>"), ("bob", "Bob"), ("cat", "Cat"), ("dan", "Dan"), ("eve", "Eve"))}

    def ann(ann_id: str, slug: str, speaker: str, claim: str, *counters: dict) -> Annotation:
        return Annotation(ann_id, slug, speaker, f"quote of {ann_id}", claim, _loc(),
                          counterclaims=tuple(Counterclaim(ann_id, i, _loc(), **c) for i, c in enumerate(counters)))

    first = (
        ann("m-one", "first", "ann", "Ann says one.", {"ref": "m-two"}, {"speaker": "bob", "claim": "Bob: *no*."},
            {"ref": "m-six"}),
        ann("m-two", "first", "bob", HOSTILE + " two.", {"ref": "m-one"}, {"ref": "m-three"}),
        ann("m-three", "first", "eve", "Eve says three.", {"ref": "m-two"}, {"ref": "n-one"}),
        ann("m-four", "first", "ann", "Ann says four, undisputed."),
        ann("m-five", "first", "dan", "Dan says five.", {"ref": "m-one"}, {"ref": "n-one"}),
        ann("m-six", "first", "dan", "Dan says six.", {"ref": "m-one"}),
    )
    second = (ann("n-one", "second", "cat", "Cat says n-one.", {"ref": "m-four"}, {"ref": "m-three"},
                  {"speaker": "ann", "claim": HOSTILE}),)
    briefings = [Briefing(_article("first", "2020-01-02"), first, "annotations/first.yml"),
                 Briefing(_article("second", "2020-01-01"), second, "annotations/second.yml")]
    return build_site(briefings, speakers)


def make_chain_site(n: int) -> Site:
    """One briefing of ``n`` annotations, each disputing the next and disputed back by it, plus an inline
    counterclaim, and ``n`` annotations of a second briefing each citing one of them: growth tests."""
    speakers = {f"s{i}": Speaker(f"s{i}", f"Speaker {i}", "Role", _loc()) for i in range(8)}
    ids = [f"c{i}" for i in range(n)]
    annotations = tuple(
        Annotation(ann_id, "big", f"s{i % 8}", f"q{i}", f"Claim {i}.", _loc(),
                   counterclaims=(Counterclaim(ann_id, 0, _loc(), speaker=f"s{(i + 1) % 8}", claim=f"Reply {i}."),
                                  *(Counterclaim(ann_id, k + 1, _loc(), ref=ids[j])
                                    for k, j in enumerate(j for j in (i - 1, i + 1) if 0 <= j < n))))
        for i, ann_id in enumerate(ids))
    others = tuple(Annotation(f"o{i}", "other", "s0", f"r{i}", f"Other {i}.", _loc(),
                              counterclaims=(Counterclaim(f"o{i}", 0, _loc(), ref=ids[i]),)) for i in range(n))
    return build_site([Briefing(_article("big", "2020-01-03"), annotations, "annotations/big.yml"),
                       Briefing(_article("other", "2020-01-02"), others, "annotations/other.yml")], speakers)
