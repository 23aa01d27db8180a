"""``new`` suggests the speaker the article itself attributes a quote to, and a ``speaker-keyword`` id.

The fixture articles (tests/fixtures/speaker_guess) are wire-style stories with two or more speakers each:
direct quotes with "she said" after them while the next paragraph names someone else, reported speech,
"according to", inverted "said Varga", a subject with a relative clause, quotes running over paragraphs,
and registry aliases written only inside someone else's quotation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.diagnostics import Location
from build_scripts.model import Speaker
from build_scripts.quotation import quotations
from build_scripts.scaffold import make_stub, short_name, speaker_comment, unique_id
from build_scripts.speaker_guess import Guess, attribute, sentences

FIXTURE = Path(__file__).parent / "fixtures" / "speaker_guess"
PORT, AID, HOSPITAL = "2022-03-14-port-strike", "2022-06-02-drought-aid", "2022-09-20-hospital-budget"

# (article, quote, speaker, evidence, the name a pronoun stands for, where the attribution is)
CASES = [
    # "she said" after the quote; the next paragraph names Okafor: the pronoun is Méndez, named before
    (PORT, "We are not going back for promises", "rosa-mendez", "she said", "Rosa Méndez", ""),
    (PORT, "the strike would continue until wages kept pace with inflation", "rosa-mendez",
     "Rosa Méndez, who heads the Dockworkers’ Union, told", "", ""),
    (PORT, "halting container traffic for the first time", "", "union leaders said", "", ""),
    (PORT, "the authority would seek a court order", "daniel-okafor",
     "Daniel Okafor called the walkout illegal and said", "", ""),
    (PORT, "Every day the cranes stand still costs the region millions", "daniel-okafor", "he told",
     "Daniel Okafor", ""),
    (PORT, "Nobody wants a long dispute", "daniel-okafor", "Okafor added", "", ""),
    (PORT, "But the contract they signed runs until next year", "daniel-okafor", "Okafor added", "",
     "same paragraph"),
    (PORT, "so they can find money for the people who run them", "rosa-mendez", "she said", "Rosa Méndez",
     ""),
    (PORT, "about 1,200 workers have joined the strike", "", "The union says", "", ""),
    (AID, "up to 40 percent of their lost harvest", "lena-varga", "Lena Varga said", "", ""),
    # "the ministry" inside Varga's own words is not an attribution
    (AID, "This is the largest aid package the ministry has ever offered", "lena-varga", "said Varga", "",
     ""),
    (AID, "The money would reach farms before the autumn sowing", "agriculture-ministry",
     "according to the ministry", "", ""),
    (AID, "the offer fell short", "farmers-federation",
     "Farmers’ Federation … said", "", ""),
    (AID, "Forty percent does not pay a single loan", "tomas-ribeiro", "Tomás Ribeiro, said", "", ""),
    # "the federation" is written only inside the ministry's quoted words
    (AID, "the federation’s figures ignore the subsidies already paid this spring", "agriculture-ministry",
     "the ministry said", "", ""),
    (AID, "talks would resume next week", "agriculture-ministry", "the ministry said", "", ""),
    (AID, "If they reject it, the tractors come back to the capital", "tomas-ribeiro", "he said",
     "Tomás Ribeiro", ""),
    # the pronoun's paragraph names no one: the previous paragraph does; the next one names Osei
    (HOSPITAL, "We have hired more staff this year than in any year before", "amal-haddad", "she said",
     "Amal Haddad", ""),
    (HOSPITAL, "The waiting lists are falling", "amal-haddad", "she said", "Amal Haddad", "same paragraph"),
    (HOSPITAL, "The union counted 800 unfilled posts in the capital alone", "grace-osei", "she said",
     "Grace Osei", ""),
    # a quotation running over paragraphs that starts with Haddad's alias "The secretary": Osei's words
    (HOSPITAL, "The secretary is counting contracts, not people on the wards", "grace-osei", "she said",
     "Grace Osei", "previous paragraph"),
    (HOSPITAL, "Ask any nurse on a night shift how many colleagues she has", "grace-osei", "Osei said", "",
     ""),
    (HOSPITAL, "defended the hospital budget", "", "", "", ""),  # no reporting verb
    (HOSPITAL, "did not respond to a request for comment", "", "", "", ""),
]


@pytest.mark.parametrize("slug, quote, speaker, evidence, pronoun_for, where", CASES,
                         ids=[f"{c[0][11:]}: {c[1][:40]}" for c in CASES])
def test_new_suggests_the_attributed_speaker(slug: str, quote: str, speaker: str, evidence: str,
                                             pronoun_for: str, where: str) -> None:
    stub = make_stub(FIXTURE, "articles", "annotations", slug, quote)
    assert stub.guess == Guess(speaker, evidence, pronoun_for, where)


def _speaker(sid: str, name: str, *aliases: str) -> Speaker:
    return Speaker(sid, name, "role", Location("speakers.yml"), aliases=aliases)


SPEAKERS = [_speaker("ada", "Ada Stone", "Stone", "the mayor"), _speaker("bo", "Bo Lind", "Lind")]


@pytest.mark.parametrize("text, quote, expected", [
    ("Stone, who leads the council, said on Monday that Lind was wrong.", "Lind was wrong",
     Guess("ada", "Stone, who leads the council, said")),
    ("“I told Lind we would build it,” Stone said.", "we would build it", Guess("ada", "Stone said")),
    ("“We will build it,” said the mayor on Monday.", "We will build it", Guess("ada", "said the mayor")),
    ("The mayor said the dam is safe.", "the dam is safe", Guess("ada", "The mayor said")),
    ("“We will build it,” Mr. Lind said.", "We will build it", Guess("bo", "Lind said")),
    ("Lind spoke first.\n\n“We will build it,” she said.\n\nStone later disagreed.", "We will build it",
     Guess("bo", "she said", "Bo Lind")),
    ("Stone defended the plan, saying the dam is safe.", "the dam is safe", Guess("ada", "Stone defended the "
                                                                                        "plan, saying")),
    ("Stoneware is nice: we build it.", "we build it", Guess()),  # whole names only
    ("stone said we build it.", "we build it", Guess("", "stone said")),  # names keep their capital
    ("Nothing of note was said about the dam.", "the dam", Guess()),  # a passive verb attributes nothing
    ("“We will build it,” she said.", "We will build it", Guess("", "she said")),  # no one named before
    ("Lind spoke.\n\nThe dam was built.\n\n“It is safe,” he said.", "It is safe", Guess("", "he said")),
    ("“It is safe.”\n\nLind said so.", "It is safe", Guess()),  # never a later paragraph
    ("Lind said it.\n\nThe dam is safe.", "The dam is safe", Guess()),  # reported, nothing in its sentence
    ("“It is safe,” Lind said.\n\n“It will last,” Stone said.", "It will last", Guess("ada", "Stone said")),
    # issue 16: an alias written only inside another speaker's words ("the mayor", inside Lind's quotation)
    # never suggests that speaker, for the quotation or for the sentence that reports it
    ("“The mayor insisted on the dam,” Lind said.", "The mayor insisted on the dam", Guess("bo", "Lind said")),
    ("Lind said the mayor will stick to the dam.", "the mayor will stick to the dam", Guess("bo", "Lind said")),
])
def test_attribute(text: str, quote: str, expected: Guess) -> None:
    start = text.index(quote)
    assert attribute(text, start, start + len(quote), SPEAKERS) == expected


@pytest.mark.parametrize("text, expected", [
    ("“A,” she said, “B.”", [(0, 4), (15, 19)]),
    ('He said "A" and "B', [(8, 11), (16, 18)]),  # straight quotes; an unclosed one runs to the end
    ("“A” x”", [(0, 3)]),  # a closing mark with no opening one
])
def test_quotations(text: str, expected: list[tuple[int, int]]) -> None:
    assert quotations(text, 0, len(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("“A. B,” she said. He left.", ["“A. B,” she said.", "He left."]),
    ("Mr. Lind met the U.S. team on Dec. 5. It rained.",
     ["Mr. Lind met the U.S. team on Dec. 5.", "It rained."]),
    ("“It is safe.” Lind said so.", ["“It is safe.”", "Lind said so."]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    spans = sentences(text, 0, len(text), quotations(text, 0, len(text)))
    assert [text[s:e] for s, e in spans] == expected


POMPEO = _speaker("mike-pompeo", "Mike Pompeo", "Pompeo")
MINISTRY = _speaker("dprk-foreign-ministry", "North Korean Foreign Ministry", "Foreign Ministry",
                    "the ministry")
STONE = _speaker("ada-stone", "Ada Stone")


@pytest.mark.parametrize("speaker, expected", [
    (POMPEO, "pompeo"), (MINISTRY, "ministry"), (STONE, "stone"), (_speaker("experts", "Experts"), "experts"),
])
def test_short_name(speaker: Speaker, expected: str) -> None:
    assert short_name(speaker) == expected


@pytest.mark.parametrize("quote, speaker, taken, expected", [
    ("remain in place until the country achieves “final, verified” denuclearization", POMPEO, set(),
     "pompeo-achieves-denuclearization"),
    ("there was progress made on denuclearization", POMPEO, set(), "pompeo-progress-denuclearization"),
    ("We will build the dam", STONE, {"stone-build-dam", "stone-build-dam-2"}, "stone-build-dam-3"),
    ("utterly regretful", MINISTRY, set(), "ministry-utterly-regretful"),
    ("the ministry will not", MINISTRY, set(), "ministry-the-ministry-will"),  # only common words: the first
    ("Every day the cranes stand still costs the region millions", None, set(), "cranes-millions"),
    ("Déjà vu", None, set(), "deja-vu"),
    ("“…”", None, set(), "annotation"),
])
def test_unique_id(quote: str, speaker: Speaker | None, taken: set[str], expected: str) -> None:
    assert unique_id(quote, taken, speaker) == expected


@pytest.mark.parametrize("guess, expected", [
    (Guess("ada", "Stone said"), 'TODO: check it, then delete this comment; suggested by "Stone said"'),
    (Guess("ada", "she said", "Ada Stone"),
     'TODO: check it, then delete this comment; suggested by "she said" (Ada Stone, named before)'),
    (Guess("bo", "he said", "Bo Lind", "previous paragraph"),
     'TODO: check it, then delete this comment; suggested by "he said" (Bo Lind, named before; previous '
     'paragraph)'),
    (Guess(),
     "TODO: a speaker id from annotations/speakers.yml (nothing next to the quote says who said it)"),
    (Guess("", "critics said"),
     'TODO: a speaker id from annotations/speakers.yml ("critics said": not a registered name or alias)'),
    (Guess("", "she said"),
     'TODO: a speaker id from annotations/speakers.yml ("she said": no registered speaker is named '
     'before it)'),
])
def test_speaker_comment(guess: Guess, expected: str) -> None:
    assert speaker_comment(guess) == expected
