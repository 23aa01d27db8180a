"""Speaker colours on a briefing page: one colour per speaker, the same on highlights, cards, the legend
and the dispute view.

The hues are Okabe and Ito's colour-blind-safe palette, in the order that keeps the first five furthest
apart as highlight tints (blue, orange, bluish green, reddish purple, yellow, then vermillion and sky blue,
which come close to orange and blue), with grey kept for the article's own framing. The stylesheet
(``docs/stylesheets/briefings.css``) defines each as a strong colour (text and borders, at least 4.5:1 on the
page) and a tint (highlight backgrounds, at least 4.5:1 under the text), in both palettes. Speakers take the
hues in the order they first appear in the article; past seven speakers the hues repeat, and the speaker's
name, always printed beside the colour, tells them apart."""

from __future__ import annotations

from ..model import Briefing, Site
from .context import counter_speaker

HUES = 7  # colours for speakers; the article's own framing is grey
ARTICLE = "a"  # the colour key of the article's own framing (speaker "")


def speaker_colours(site: Site, b: Briefing) -> dict[str, str]:
    """Speaker id → colour key ("0" to "6", or "a" for the article's framing), for every speaker of the
    briefing's claims and counterclaims (a ``ref`` counterclaim's speaker is its annotation's), in the order
    their words first appear in the article, then those not anchored in it, in annotation order."""
    far = len(b.article.body) + 1  # where words not anchored in the article sort
    seen: list[tuple[int, int, str]] = []  # (where the words start, order met, speaker)
    for ann in b.annotations:
        seen.append((ann.span.start if ann.span else far, len(seen), ann.speaker))
        for c in ann.counterclaims:
            seen.append((c.span.start if c.span else far, len(seen), counter_speaker(site, c)))
    keys: dict[str, str] = {}
    hues = 0  # speakers given a hue so far
    for _, _, speaker in sorted(seen):
        if speaker in keys:
            continue
        if speaker:
            keys[speaker], hues = str(hues % HUES), hues + 1
        else:
            keys[speaker] = ARTICLE
    return keys


def colour_class(keys: dict[str, str], speaker: str) -> str:
    """The CSS class that gives an element the speaker's colour: ``--ab-c`` (strong) and ``--ab-c-tint``."""
    return f"ab-c{keys[speaker]}"
