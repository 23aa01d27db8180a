"""Who said a quote, as the article itself attributes it: the speaker ``new`` suggests, or none.

Only what the text states counts: a reporting verb written outside quotation marks ("said", "told",
"added", "according to", ...) with its subject next to it, which is a registry name or alias ("Stone
said", "said Stone", "Stone, the mayor, said", "according to the ministry") or a pronoun ("she said").
A pronoun stands for the last speaker named, outside quotation marks, before it and the quote in the
same paragraph, or else in the previous paragraph.

The quote's own sentence decides: its reporting verb nearest the quote gives the speaker, or no speaker
when its subject is not registered ("critics said"). A direct quote (inside quotation marks) whose
sentence has no reporting verb takes the nearest one of its paragraph; a paragraph that opens with a
quotation and has none continues the last attribution of the previous paragraph (the wire-story
convention for a quote running over paragraphs). Nothing after the quote's paragraph is ever read, and a
name written inside quotation marks is someone's words, never an attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .articles import paragraphs
from .model import Speaker
from .quotation import quotations

MASK = "\x00"  # stands for every character of a quotation: nothing in it is attribution
BOUNDARY = MASK + ",;:()[]—–"  # what ends the subject of a reporting verb
FINITE = (
    "said says say told tells added adds stated noted explained explains wrote writes asked asks "
    "replied warned warns argued argues insisted insists declared declares announced stressed urged "
    "urges acknowledged admitted conceded maintained cautioned suggested hinted pledged promised vowed "
    "emphasised emphasized reiterated repeated confirmed denied predicted recalled continued concluded "
    "complained countered responded agreed called described tweeted"
).split()
INVERTING = frozenset(  # '"...," said Stone'
    "said says added adds asked replied wrote writes continued explained noted recalled "
    "warned countered responded".split()
)
PARTICIPLES = "saying adding noting stressing arguing warning insisting calling describing".split()
VERB_RE = re.compile(
    r"(?<![\w'’-])(?:([Aa]ccording to)|(" + "|".join(PARTICIPLES) + r")|"
    r"(pointed out|went on|" + "|".join(FINITE) + r"))(?![\w'’-])"
)
PASSIVE_RE = re.compile(r"(?<![\w'’-])(?:is|are|was|were|be|been|being)\s+$")
PRONOUN_RE = re.compile(r"(?<![\w'’-])(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)(?![\w'’-])")
CLAUSE_RE = re.compile(r"\s*(?:who|whose|whom|which|where|when)\b")  # a relative clause: never the subject
APPOSITIVE_RE = re.compile(r"\s*(?:a|an|the|its|his|her|their)\b", re.I)  # "Stone, the mayor, said"
SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"“„'‘(\[]?[A-Z0-9])")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen sen rep gov lt col capt sgt st jr sr no jan feb mar apr jun "
    "jul aug sep sept oct nov dec vs etc inc corp co ltd".split()
)
AFTER_STOP_RE = re.compile(  # an inverted subject comes first: "said Stone on Monday"
    r"(?<!\S)(?:that|on|in|at|after|before|during|when|while|as|to|from|for|with|by|and|but)(?!\S)"
)
AFTER_WORDS = 6  # an inverted subject ("said Mayor Ada Stone") starts within this many words of the verb
EVIDENCE_MAX = 60


@dataclass(frozen=True)
class Guess:
    """A suggested speaker and the words of the article that suggest it; ``speaker`` is '' for no guess."""

    speaker: str = ""
    evidence: str = ""  # e.g. 'Stone said', 'she said', 'critics said' (then unregistered), or ''
    pronoun_for: str = ""  # the name a pronoun in the evidence stands for
    where: str = ""  # 'same paragraph' or 'previous paragraph' when not in the quote's own sentence


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    speaker: str | None  # a speaker id; '' for a pronoun; None for words naming no registered speaker


def sentences(text: str, start: int, end: int, quoted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``; never split inside a quotation or after an abbreviation."""
    found, first = [], start
    for m in SENTENCE_END_RE.finditer(text, start, end):
        last_word = re.search(r"([\w.]*)\W*$", text[first : m.start() + 1])  # matches, maybe empty
        word = last_word.group(1).rstrip(".").lower() if last_word else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or "." in word:
            continue  # "Mr.", "Dec.", an initial, "U.S."
        if any(s < m.end() < e for s, e in quoted):
            continue
        found.append((first, m.end()))
        first = m.end()
    found.append((first, end))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in found if text[s:e].strip()]


def _term_pattern(term: str) -> str:
    out = []
    for i, ch in enumerate(" ".join(term.split())):
        if ch == " ":
            out.append(r"\s+")
        elif ch in "'’‘":
            out.append("['’‘]")
        elif ch in '"“”':
            out.append('["“”]')
        elif ch in "-–—":
            out.append("[-–—]")
        elif i == 0 and ch.islower():  # "the ministry" also begins a sentence
            out.append(f"[{ch}{ch.upper()}]")
        else:
            out.append(re.escape(ch))
    return r"(?<!\w)" + "".join(out) + r"(?!\w)"


def mentions(masked: str, speakers: Iterable[Speaker]) -> list[_Mention]:
    """Every registry name, alias and subject pronoun written outside quotation marks; the longest name wins
    where two overlap."""
    found = []
    for speaker in speakers:
        for term in (speaker.name, *speaker.aliases):
            if term.strip():
                pattern = _term_pattern(term)
                found += [_Mention(m.start(), m.end(), speaker.id) for m in re.finditer(pattern, masked)]
    found += [_Mention(m.start(), m.end(), "") for m in PRONOUN_RE.finditer(masked)]
    kept: list[_Mention] = []
    for m in sorted(found, key=lambda m: (m.start, m.start - m.end, m.speaker)):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


class _Article:
    """One article body, read for attribution: paragraphs, quotations masked, names found."""

    def __init__(self, body: str, speakers: Sequence[Speaker]):
        self.body = body
        self.paragraphs = paragraphs(body)
        self.quoted = {p: quotations(body, *p) for p in self.paragraphs}
        chars = list(body)
        for spans in self.quoted.values():
            for s, e in spans:
                chars[s:e] = MASK * (e - s)
        self.masked = re.sub(r"(?<=\d),(?=\d)", ".", "".join(chars))  # "30,000" is one word
        self.names = {s.id: s.name for s in speakers}
        self.mentions = mentions(self.masked, speakers)

    def paragraph_of(self, offset: int) -> int:
        return max([i for i, (s, _) in enumerate(self.paragraphs) if s <= offset] or [0])

    def within(self, start: int, end: int) -> list[_Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def verbs(self, start: int, end: int) -> list[re.Match]:
        """Reporting verbs, but not passive ones ("nothing was said", "is called")."""
        return [
            v
            for v in VERB_RE.finditer(self.masked, start, end)
            if not PASSIVE_RE.search(self.masked, max(0, v.start() - 8), v.start())
        ]

    def text(self, start: int, end: int) -> str:
        return " ".join(self.body[start:end].split())

    def evidence(self, subject: _Mention, verb: re.Match) -> str:
        start, end = min(subject.start, verb.start()), max(subject.end, verb.end())
        if end - start <= EVIDENCE_MAX:
            return self.text(start, end)
        first, second = sorted([(subject.start, subject.end), verb.span()])
        return f"{self.text(*first)} … {self.text(*second)}"

    def resolve(self, before: int, paragraph: int) -> str | None:
        """The id of the last speaker named before ``before`` in the paragraph, else in the previous one."""
        for i in (paragraph, paragraph - 1):
            if i >= 0:
                start, end = self.paragraphs[i]
                named = [m.speaker for m in self.within(start, min(end, before)) if m.speaker]
                if named:
                    return named[-1]
        return None

    def _cut(self, lo: int, hi: int) -> int:
        """Where the clause that ends at ``hi`` starts: after the last boundary character from ``lo`` on."""
        return max(self.masked.rfind(c, lo, hi) for c in BOUNDARY) + 1 or lo

    def _words(self, start: int, end: int, last: bool) -> _Mention | None:
        """Up to four words (the last or the first ones) of a subject the registry does not know."""
        words = list(re.finditer(r"[^\s\x00]+", self.masked[start:end]))
        words = words[-4:] if last else words[:4]
        return _Mention(start + words[0].start(), start + words[-1].end(), None) if words else None

    def subject(self, verb: re.Match, sentence: tuple[int, int]) -> _Mention | None:
        """The subject of a reporting verb: a name, a pronoun or unregistered words; None when it has none."""
        according, participle, finite = verb.groups()
        if participle:  # "Stone defended the plan, saying ...": the sentence's subject
            found = self.within(*sentence)
            return found[0] if found else None
        start = self._cut(sentence[0], verb.start())
        joined = self.masked[start - 1] if start > sentence[0] else ""  # what ends the clause before
        if not according and self.masked[start : verb.start()].strip(MASK + " \n"):  # "Stone said"
            found = self.within(start, verb.start())
            return found[-1] if found else self._words(start, verb.start(), last=True)
        if according or (finite in INVERTING and joined in ("", MASK, ",")):  # "said Stone", "according to X"
            after = self.masked[verb.end() : sentence[1]]
            stop = min([after.find(c) for c in BOUNDARY if c in after] + [len(after)])
            if not according and (m := AFTER_STOP_RE.search(after, 0, stop)):  # "said on Monday that Lind..."
                stop = m.start()
            words = list(re.finditer(r"\S+", after[:stop]))[:AFTER_WORDS]
            end = verb.end() + (words[-1].end() if words else 0)
            found = self.within(verb.end(), end)
            if found or according:
                return found[0] if found else self._words(verb.end(), end, last=False)
        for _ in range(3):  # "Stone, who leads the council, said", "its president, Tomás Ribeiro, said"
            if joined != ",":
                break
            end = start - 1
            start = self._cut(sentence[0], end)
            joined = self.masked[start - 1] if start > sentence[0] else ""
            segment, found = self.masked[start:end], self.within(start, end)
            if not (CLAUSE_RE.match(segment) or (not found and APPOSITIVE_RE.match(segment))):
                return found[-1] if found else self._words(start, end, last=True)
        return None

    def attribution(self, verb: re.Match, sentence: tuple[int, int], before: int, where: str) -> Guess | None:
        """The guess a reporting verb gives, or None when it has no subject."""
        subject = self.subject(verb, sentence)
        if subject is None:
            return None
        evidence = self.evidence(subject, verb)
        if subject.speaker is None:  # someone the registry does not know: no guess
            return Guess("", evidence, "", where)
        if subject.speaker:
            return Guess(subject.speaker, evidence, "", where)
        named = self.resolve(min(subject.start, before), self.paragraph_of(subject.start))
        return Guess(named, evidence, self.names[named], where) if named else Guess("", evidence, "", where)


def _nearest(verbs: list[re.Match], start: int, end: int) -> list[re.Match]:
    return sorted(verbs, key=lambda v: (max(0, start - v.end(), v.start() - end), v.start()))


def attribute(body: str, start: int, end: int, speakers: Sequence[Speaker]) -> Guess:
    """The speaker the article gives the quote at ``body[start:end]`` (original offsets), or ``Guess()``."""
    article = _Article(body, speakers)
    index = article.paragraph_of(start)
    paragraph = article.paragraphs[index]
    quoted = article.quoted[paragraph]
    spans = sentences(body, *paragraph, quoted)
    own = [s for s in spans if s[0] < max(end, start + 1) and start < s[1]] or spans[:1]
    sentence = (own[0][0], own[-1][1])
    for verb in _nearest(article.verbs(*sentence), start, end):  # the quote's own sentence decides
        guess = article.attribution(verb, sentence, start, "")
        if guess is not None:
            return guess
    direct = any(s <= start < e for s, e in quoted)
    if not direct:
        return Guess()
    for verb in _nearest(article.verbs(*paragraph), start, end):
        guess = article.attribution(
            verb, next(s for s in spans if s[0] <= verb.start() < s[1]), start, "same paragraph"
        )
        if guess is not None:
            return guess
    if index == 0 or not quoted or quoted[0][0] != paragraph[0]:
        return Guess()
    previous = article.paragraphs[index - 1]
    before = sentences(body, *previous, article.quoted[previous])
    for verb in reversed(article.verbs(*previous)):  # a quotation running on from the previous paragraph
        guess = article.attribution(
            verb, next(s for s in before if s[0] <= verb.start() < s[1]), start, "previous paragraph"
        )
        if guess is not None:
            return guess
    return Guess()
