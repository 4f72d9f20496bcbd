"""Personal-name knowledge: transliteration variants, short given names, honorifics, particles."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from summarizer.knowledge._data import load, string_map, strings
from summarizer.knowledge.folding import words

__all__ = ["honorifics", "nickname_keys", "particles", "transliteration_key"]

_DOUBLED = re.compile(r"(.)\1+")


@cache
def _rules() -> tuple[tuple[str, str], ...]:
    pairs = load("names")["transliteration"]
    return tuple((str(old), str(new)) for old, new in pairs)


@lru_cache(maxsize=1 << 16)
def transliteration_key(word: str) -> str:
    """Fold transliteration variants of a name word: Yury / Yuri / Iurii → "iuri".

    The word is folded (accents dropped, lower case) and its letters and digits joined; then
    each rule of the data (kh → h, ph → f, w → v, x → ks, j and y → i) applies in order and
    doubled letters collapse. A comparison key only, never shown.
    """
    key = "".join(words(word))
    for old, new in _rules():
        key = key.replace(old, new)
    return _DOUBLED.sub(r"\1", key)


@cache
def nickname_keys() -> dict[str, str]:
    """Short given names as the transliteration key of the full one ("bill" → "viliam")."""
    table = string_map(load("names")["nicknames"], "names.nicknames")
    return {transliteration_key(k): transliteration_key(v) for k, v in table.items()}


@cache
def honorifics() -> frozenset[str]:
    """Folded honorifics written before a name: "mr", "dr", "gen", ..."""
    return frozenset(strings(load("names")["honorifics"], "names.honorifics"))


@cache
def particles() -> frozenset[str]:
    """Folded particles that belong to a surname: "von", "van", "de", "bin", ..."""
    return frozenset(strings(load("names")["particles"], "names.particles"))
