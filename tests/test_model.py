"""The linked model of the small fixture: back-links, disputes, topics, and orders that never depend on input order."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.diagnostics import Location
from build_scripts.model import Annotation, Article, Briefing, Counterclaim, Site, Speaker, build_site
from build_scripts.pipeline import Project, load_site

SMALL = Path(__file__).resolve().parent / "fixtures" / "small"
VOTE, REVIEW = "2020-03-01-harbour-bridge-vote", "2020-03-05-bridge-budget-review"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(Project(SMALL))


def disputes(groups) -> dict:
    return {key: [(d.target, d.by, d.ref, d.counterclaim.anchor) for d in ds] for key, ds in groups.items()}


def test_briefings_newest_first(site: Site) -> None:
    assert [b.slug for b in site.briefings] == [REVIEW, VOTE]
    assert [a.id for a in site.briefing(VOTE).annotations] == [
        "bridge-opens-2023", "bridge-pays-for-itself", "lind-bridge-will-not-pay", "shipping-not-disrupted"]


def test_speakers_sorted_by_name(site: Site) -> None:
    assert list(site.speakers) == ["ana-rivera", "joana-sousa", "harbour-authority", "tomas-lind"]


def test_by_speaker(site: Site) -> None:
    assert dict(site.by_speaker) == {
        "ana-rivera": ("rivera-review-confirms-project", "bridge-opens-2023", "bridge-pays-for-itself"),
        "harbour-authority": ("shipping-not-disrupted",),
        "joana-sousa": ("review-cost-above-estimate", "sousa-tolls-needed"),
        "tomas-lind": ("lind-bridge-will-not-pay",),
    }


def test_disputes_of(site: Site) -> None:
    assert disputes(site.disputes_of) == {
        "bridge-opens-2023": [("bridge-opens-2023", "tomas-lind", "", "bridge-opens-2023--counter-1")],
        "bridge-pays-for-itself": [
            ("bridge-pays-for-itself", "tomas-lind", "lind-bridge-will-not-pay", "bridge-pays-for-itself--counter-1"),
            ("bridge-pays-for-itself", "joana-sousa", "sousa-tolls-needed", "bridge-pays-for-itself--counter-2")],
        "rivera-review-confirms-project": [("rivera-review-confirms-project", "joana-sousa",
                                            "review-cost-above-estimate", "rivera-review-confirms-project--counter-1")],
        "sousa-tolls-needed": [("sousa-tolls-needed", "ana-rivera", "", "sousa-tolls-needed--counter-1")],
    }


def test_disputes_by(site: Site) -> None:
    assert {k: [(t, r) for t, _, r, _ in v] for k, v in disputes(site.disputes_by).items()} == {
        "ana-rivera": [("sousa-tolls-needed", "")],
        "joana-sousa": [("rivera-review-confirms-project", "review-cost-above-estimate"),
                        ("bridge-pays-for-itself", "sousa-tolls-needed")],
        "tomas-lind": [("bridge-opens-2023", ""), ("bridge-pays-for-itself", "lind-bridge-will-not-pay")],
    }


def test_counterclaims_made_are_newest_first_by_where_they_were_said() -> None:
    """A speaker's counterclaims made are listed (on their page) by where each was said, newest first: a
    cited claim at its own place, which may be in a briefing older than the claim it disputes."""
    loc = Location("annotations/x.yml", 1, 1)

    def briefing(slug: str, published: str, *annotations: Annotation) -> Briefing:
        article = Article(slug, f"articles/{slug}.md", slug, "P", "A", published, "Text.", 5, loc)
        return Briefing(article, annotations, f"annotations/{slug}.yml")

    speakers = {s: Speaker(s, s.title(), "Role", loc) for s in ("ann", "dan")}
    new = briefing("new", "2020-03-01", Annotation("new-claim", "new", "ann", "q", "Ann's claim.", loc,
                                                   counterclaims=(Counterclaim("new-claim", 0, loc, ref="old-claim"),)))
    mid = briefing("mid", "2020-02-01", Annotation("mid-claim", "mid", "ann", "q", "Ann's other claim.", loc,
                                                   counterclaims=(Counterclaim("mid-claim", 0, loc, speaker="dan",
                                                                               claim="Dan disagrees."),)))
    old = briefing("old", "2020-01-01", Annotation("old-claim", "old", "dan", "q", "Dan's claim.", loc))
    site = build_site([old, new, mid], speakers)
    assert [(d.target, d.ref) for d in site.disputes_by["dan"]] == [("mid-claim", ""), ("new-claim", "old-claim")]


def test_cited_by_crosses_briefings(site: Site) -> None:
    assert {k: [t for t, *_ in v] for k, v in disputes(site.cited_by).items()} == {
        "lind-bridge-will-not-pay": ["bridge-pays-for-itself"],
        "review-cost-above-estimate": ["rivera-review-confirms-project"],
        "sousa-tolls-needed": ["bridge-pays-for-itself"],
    }
    # the ref from the vote briefing points into the review briefing
    assert site.briefing_of["bridge-pays-for-itself"] == VOTE and site.briefing_of["sousa-tolls-needed"] == REVIEW


def test_topics(site: Site) -> None:
    assert {t.id: (t.name, t.annotations) for t in site.topics.values()} == {
        "costs": ("Costs", ("review-cost-above-estimate", "sousa-tolls-needed", "bridge-pays-for-itself",
                            "lind-bridge-will-not-pay")),
        "harbour-bridge": ("Harbour bridge", ("rivera-review-confirms-project", "bridge-opens-2023",
                                              "bridge-pays-for-itself")),
        "schedule": ("Schedule", ("bridge-opens-2023",)),
        "shipping": ("Shipping", ("shipping-not-disrupted",)),
        "tolls": ("Tolls", ("sousa-tolls-needed",)),
    }
    # each topic's briefings, once each, newest first (the review is the newer): a topic page counts them
    assert {t.id: t.briefings for t in site.topics.values()} == {
        "costs": (REVIEW, VOTE), "harbour-bridge": (REVIEW, VOTE), "schedule": (VOTE,), "shipping": (VOTE,),
        "tolls": (REVIEW,),
    }


def test_spans_are_in_the_original_body(site: Site) -> None:
    body = site.briefing(VOTE).article.body
    ann = site.annotations["bridge-pays-for-itself"]  # the second of two occurrences needs the prefix
    assert body[ann.span.start:ann.span.end] == "pay for itself"
    assert body[:ann.span.start].endswith("it will ")
    counter = site.annotations["bridge-opens-2023"].counterclaims[0]
    assert body[counter.span.start:counter.span.end] == "far too optimistic"
    review = site.briefing(REVIEW).article.body
    cost = site.annotations["review-cost-above-estimate"]
    assert review[cost.span.start:cost.span.end] == "about 40 per cent above the council’s estimate"


def test_build_site_is_independent_of_input_order(site: Site) -> None:
    shuffled = build_site(list(reversed(site.briefings)), dict(reversed(list(site.speakers.items()))))
    assert shuffled == site
    for name in ("annotations", "speakers", "topics", "by_speaker", "disputes_of", "disputes_by", "cited_by",
                 "briefing_of"):
        assert list(getattr(shuffled, name).items()) == list(getattr(site, name).items()), name


def test_model_is_frozen(site: Site) -> None:
    with pytest.raises(TypeError):
        site.annotations["x"] = site.annotations["bridge-opens-2023"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        site.briefings = ()  # type: ignore[misc]
