"""Words of place names: generic place nouns, abbreviations, transcription rules and the
other names of places that no spelling rule joins."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from summarizer.knowledge._data import load, string_map, strings
from summarizer.knowledge.folding import words

__all__ = [
    "generic_place_words",
    "institution_words",
    "place_abbreviations",
    "place_spellings",
    "place_variants",
    "seat_words",
    "settlement_words",
    "water_words",
]


@cache
def generic_place_words() -> frozenset[str]:
    """Folded words that say what kind of place a place is ("town", "hall", "bridge"), not
    which one."""
    return frozenset(strings(load("places")["generic"], "places.generic"))


@cache
def place_abbreviations() -> Mapping[str, str]:
    """Short forms of words inside place names: "st" → "saint"."""
    return MappingProxyType(string_map(load("places")["abbreviations"], "places.abbreviations"))


@cache
def place_spellings() -> tuple[tuple[str, str], ...]:
    """Rewrites of a place-name word, in order; an old part starting with "^" applies at the
    start of the word only ("^ie" → "e": Yekaterinburg / Ekaterinburg)."""
    rules = load("places")["transliteration"]
    if not isinstance(rules, list) or not all(
        isinstance(r, list) and len(r) == 2 and all(isinstance(x, str) for x in r) for r in rules
    ):
        raise TypeError("knowledge data places.transliteration must be [old, new] pairs")
    return tuple((str(old), str(new)) for old, new in rules)


@cache
def place_variants() -> Mapping[tuple[str, ...], str]:
    """Each other name of a place, as its folded words, → the place's key (the folded words of
    the group's first name, joined by spaces): ("kiev",) → "kyiv"."""
    groups = load("places")["variants"]
    if not isinstance(groups, list):
        raise TypeError("knowledge data places.variants must be a list of lists")
    table: dict[tuple[str, ...], str] = {}
    for group in groups:
        names = strings(group, "places.variants")
        key = " ".join(words(names[0]))
        for name in names:
            table.setdefault(tuple(words(name)), key)
    return MappingProxyType(table)


@cache
def water_words() -> frozenset[str]:
    """Folded nouns of a body of water ("sea", "bay"): one may lie in another."""
    return frozenset(strings(load("places")["waters"], "places.waters"))


@cache
def institution_words() -> frozenset[str]:
    """Folded nouns of a body whose seat is a venue ("ministry", "secretariat")."""
    return frozenset(strings(load("places")["institutions"], "places.institutions"))


@cache
def seat_words() -> frozenset[str]:
    """Folded words saying a place is a body's seat ("headquarters", "based", "seat")."""
    return frozenset(strings(load("places")["seats"], "places.seats"))


@cache
def settlement_words() -> tuple[str, ...]:
    """Folded nouns of a settlement ("town", "village"), longest first."""
    found = strings(load("places")["settlements"], "places.settlements")
    return tuple(sorted(found, key=len, reverse=True))
