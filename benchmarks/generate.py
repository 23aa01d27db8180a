"""A deterministic, seeded benchmark corpus in the real contract format.

``python benchmarks/generate.py OUT --articles N --per-article M [--seed S]``
writes ``OUT/articles/<slug>.md`` (front matter + about 900 words of
plain-text paragraphs), ``OUT/annotations/<slug>.yml`` (M annotations each)
and ``OUT/annotations/speakers.yml`` (about N/3 speakers). Annotations use
about 50 topics, inline counterclaims (some with a quote) and ``ref``
counterclaims to annotations in other briefings. Every quote is checked with
the project's own anchoring while generating; a quote that is not unique gets
a ``prefix`` (and articles repeat a stock phrase on purpose so that some do).
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_scripts.anchoring import anchor_quote  # noqa: E402
from build_scripts.articles import normalize_with_offsets  # noqa: E402

WORDS_PER_ARTICLE = 900
TOPICS = [
    "sanctions", "denuclearization", "diplomacy", "trade", "tariffs", "climate", "energy", "elections",
    "migration", "health", "vaccines", "housing", "inflation", "interest-rates", "employment", "education",
    "defence", "cyber-security", "privacy", "artificial-intelligence", "telecoms", "transport", "aviation",
    "shipping", "agriculture", "fisheries", "water", "forests", "biodiversity", "oceans", "space",
    "science-funding", "pensions", "taxation", "budget", "corruption", "courts", "policing", "prisons",
    "human-rights", "press-freedom", "refugees", "humanitarian-aid", "ceasefire", "peace-talks",
    "nuclear-energy", "oil-and-gas", "mining", "tourism", "culture",
]
FIRST = ["Ana", "Ben", "Chen", "Dara", "Emil", "Fatma", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mina",
         "Nils", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Vera", "Wen", "Yusuf", "Zora"]
LAST = ["Abe", "Brandt", "Costa", "Diallo", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kim",
        "Lopez", "Mensah", "Novak", "Okafor", "Park", "Quispe", "Rossi", "Sato", "Tanaka", "Usman", "Varga"]
ROLES = ["minister of finance", "opposition leader", "central bank governor", "union spokesperson",
         "senior analyst", "foreign minister", "mayor", "economist", "trade envoy", "health commissioner"]
ORGS = ["the Ministry", "the Institute", "the Council", "the Federation", "the Agency", "the Parliament"]
NOUNS = ["government", "committee", "proposal", "budget", "agreement", "deadline", "report", "market", "plan",
         "reform", "coalition", "investigation", "sector", "region", "programme", "policy", "negotiation",
         "ministry", "court", "union", "summit", "tariff", "subsidy", "shortfall", "mandate", "inquiry"]
VERBS = ["supports", "rejects", "delays", "expands", "reviews", "questions", "funds", "blocks", "revises",
         "announces", "defends", "criticises", "approves", "postpones", "challenges", "welcomes"]
ADJS = ["new", "final", "annual", "regional", "national", "temporary", "controversial", "modest", "sweeping",
        "long-awaited", "binding", "voluntary", "costly", "limited", "broad", "urgent", "fragile", "revised"]
ADVS = ["quickly", "carefully", "openly", "quietly", "firmly", "reluctantly", "again", "publicly", "jointly"]
STOCK = "officials said on Monday"  # repeated in every article: quotes of it need a prefix


def _gerund(verb: str) -> str:
    stem = verb[:-1]
    return (stem[:-1] if stem.endswith("e") else stem) + "ing"


def _sentence(rng: random.Random) -> str:
    n1, n2 = rng.sample(NOUNS, 2)
    parts = [f"The {rng.choice(ADJS)} {n1} {rng.choice(VERBS)} the {rng.choice(ADJS)} {n2}"]
    if rng.random() < 0.6:
        parts.append(f"{rng.choice(ADVS)}, with {rng.randint(2, 98)} percent of the {rng.choice(NOUNS)} "
                     f"{_gerund(rng.choice(VERBS))} the {rng.choice(NOUNS)}")
    if rng.random() < 0.3:
        parts.append(f"and “{rng.choice(ADJS)} {rng.choice(NOUNS)}” remains the {rng.choice(ADJS)} question")
    return " ".join(parts) + "."


def _article(rng: random.Random, speakers: list[dict]) -> tuple[list[str], int]:
    paragraphs, words = [], 0
    while words < WORDS_PER_ARTICLE:
        sentences = [_sentence(rng) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.5:
            who = rng.choice(speakers)
            sentences.insert(1, f"“{_sentence(rng)[:-1]},” {who['name']} said, adding that the "
                                f"{rng.choice(NOUNS)} was {rng.choice(ADJS)}.")
        if len(paragraphs) % 4 == 1:
            sentences.append(f"The {rng.choice(ADJS)} {rng.choice(NOUNS)} is expected to continue, {STOCK}.")
        text = " ".join(sentences)
        paragraphs.append(text)
        words += len(text.split())
    return paragraphs, words


def _quote(rng: random.Random, norm, body: str) -> dict:
    """A quote of 5-12 words from the body; adds a prefix until it anchors uniquely."""
    sentences = [s.split() for s in re.split(r"(?<=[.”])\s+", body) if len(s.split()) >= 6]
    for _ in range(50):
        if rng.random() < 0.1:
            quote = STOCK
        else:
            words = rng.choice(sentences)
            length = rng.randint(5, min(12, len(words)))
            start = rng.randrange(0, len(words) - length + 1)
            quote = " ".join(words[start:start + length]).strip("“”,.")
        result = anchor_quote(norm, quote)
        if result.span is not None:
            return {"quote": quote}
        for occ in result.occurrences:  # pick one occurrence; grow a prefix of whole words
            before = norm.text[:occ.start].split()
            for k in range(1, min(len(before), 8) + 1):
                prefix = " ".join(before[-k:]) + " "
                if anchor_quote(norm, quote, prefix).span is not None:
                    return {"quote": quote, "prefix": prefix}
            break
    raise RuntimeError("could not find a unique quote")  # pragma: no cover


def _yaml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def generate(out: Path, articles: int, per_article: int, seed: int = 1) -> list[str]:
    """Write the corpus under ``out``; returns the article slugs."""
    rng = random.Random(seed)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "annotations").mkdir(parents=True, exist_ok=True)
    speakers = []
    for i in range(max(2, articles // 3)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        speakers.append({"id": f"{first}-{last}-{i:04d}".lower(), "name": f"{first} {last} {i}",
                         "role": rng.choice(ROLES), "affiliation": rng.choice(ORGS)})
    lines = ["speakers:"]
    for s in speakers:
        lines += [f"  - id: {s['id']}", f"    name: {_yaml(s['name'])}", f"    role: {_yaml(s['role'])}",
                  f"    affiliation: {_yaml(s['affiliation'])}", ""]
    (out / "annotations" / "speakers.yml").write_text("\n".join(lines), encoding="utf-8")
    day0 = datetime.date(2020, 1, 1)
    slugs: list[str] = []
    earlier_ids: list[str] = []
    for i in range(articles):
        slug = f"{day0 + datetime.timedelta(days=i):%Y-%m-%d}-briefing-{i:05d}"
        slugs.append(slug)
        paragraphs, _ = _article(rng, speakers)
        title = f"The {rng.choice(ADJS)} {rng.choice(NOUNS)}: {rng.choice(NOUNS)} {rng.choice(VERBS)} plan"
        body = "\n\n".join(paragraphs)
        front = [f"title: {_yaml(title)}", f"publisher: {_yaml('The Benchmark Gazette')}",
                 f"author: {_yaml(rng.choice(FIRST) + ' ' + rng.choice(LAST))}",
                 f'published: "{day0 + datetime.timedelta(days=i):%Y-%m-%d}"', 'language: "en"']
        (out / "articles" / f"{slug}.md").write_text("---\n" + "\n".join(front) + "\n---\n\n" + body + "\n",
                                                     encoding="utf-8")
        norm = normalize_with_offsets(body)
        lines = [f"article: {slug}", "annotations:"]
        ids = []
        for j in range(per_article):
            ann_id = f"b{i:05d}-claim-{j:02d}"
            q = _quote(rng, norm, body)
            lines += [f"  - id: {ann_id}", f"    speaker: {rng.choice(speakers)['id']}"]
            lines += [f"    {k}: {_yaml(v)}" for k, v in q.items()]
            lines.append("    attribution: reported")  # random words of the body, not inside quotation marks
            lines.append(f"    claim: {_yaml('The speaker says ' + _sentence(rng).lower())}")
            counters = []
            if rng.random() < 0.4:
                counter = [f"      - speaker: {rng.choice(speakers)['id']}",
                           f"        claim: {_yaml('In reply, ' + _sentence(rng).lower())}"]
                if rng.random() < 0.5:
                    counter += [f"        {k}: {_yaml(v)}" for k, v in _quote(rng, norm, body).items()]
                counters.append(counter)
            pool = earlier_ids if rng.random() < 0.6 else ids  # mostly cross-briefing refs
            if pool and rng.random() < 0.5:
                counters.append([f"      - ref: {rng.choice(pool)}"])
            if counters:
                lines.append("    counterclaims:")
                lines += [line for c in counters for line in c]
            topics = sorted(set(rng.sample(TOPICS, rng.randint(1, 3))))
            lines.append(f"    topics: [{', '.join(topics)}]")
            if rng.random() < 0.3:
                lines.append(f"    note: {_yaml('Context: the *' + rng.choice(NOUNS) + '* was ' + rng.choice(ADJS) + '.')}")
            if rng.random() < 0.2:
                lines += ["    sources:", f"      - title: {_yaml('Report on the ' + rng.choice(NOUNS))}",
                          f"        url: https://example.org/reports/{i}/{j}"]
            lines.append("    contributor: bench-bot")
            ids.append(ann_id)
        earlier_ids += ids
        (out / "annotations" / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return slugs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.out, args.articles, args.per_article, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
