"""Words of claim attributes: verbs that say the same thing of what an attribute counts, and
nouns that name the same thing counted."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from summarizer.knowledge._data import load, strings

__all__ = ["DIGIT_ORDINAL", "noun_groups", "ordinal_value", "ordinals", "verb_groups"]


def _groups(name: str) -> Mapping[str, str]:
    """Each word of the groups in `attributes.<name>` → the first word of its group."""
    groups = load("attributes")[name]
    if not isinstance(groups, list):
        raise TypeError(f"knowledge data attributes.{name} must be a list of lists")
    found: dict[str, str] = {}
    for group in groups:
        words = strings(group, f"attributes.{name}")
        for word in words:
            found.setdefault(word, words[0])
    return MappingProxyType(found)


@cache
def verb_groups() -> Mapping[str, str]:
    """Folded verb → the first word of its group: "settled" → "agreed", "hurt" → "injured"."""
    return _groups("verb_groups")


@cache
def noun_groups() -> Mapping[str, str]:
    """Folded noun → the first word of its group: "frontier" → "border"."""
    return _groups("noun_groups")


@cache
def ordinals() -> Mapping[str, int]:
    """Folded ordinal word → its number: "second" → 2."""
    table = load("attributes")["ordinals"]
    if not isinstance(table, dict) or not all(
        isinstance(k, str) and isinstance(v, int) for k, v in table.items()
    ):
        raise TypeError("knowledge data attributes.ordinals must map words to numbers")
    return MappingProxyType(dict(table))


# "3rd", "21st": an ordinal written in digits.
DIGIT_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\b")


def ordinal_value(word: str) -> int | None:
    """The number of one ordinal word, spelt or in digits ("third", "3rd" → 3), else None."""
    folded = word.casefold()
    spelt = ordinals().get(folded)
    if spelt is not None:
        return spelt
    numbered = DIGIT_ORDINAL.fullmatch(folded)
    return int(numbered[1]) if numbered else None
