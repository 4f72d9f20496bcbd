"""Words of claim attributes: verbs that say the same thing of what an attribute counts, and
nouns that name the same thing counted."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from summarizer.knowledge._data import load, strings

__all__ = ["noun_groups", "verb_groups"]


@cache
def verb_groups() -> Mapping[str, str]:
    """Folded verb → the first word of its group: "settled" → "agreed", "hurt" → "injured"."""
    groups = load("attributes")["verb_groups"]
    if not isinstance(groups, list):
        raise TypeError("knowledge data attributes.verb_groups must be a list of lists")
    found: dict[str, str] = {}
    for group in groups:
        words = strings(group, "attributes.verb_groups")
        for word in words:
            found.setdefault(word, words[0])
    return MappingProxyType(found)


@cache
def noun_groups() -> Mapping[str, str]:
    """Folded noun → the first word of its group: "frontier" → "border"."""
    groups = load("attributes")["noun_groups"]
    if not isinstance(groups, list):
        raise TypeError("knowledge data attributes.noun_groups must be a list of lists")
    found: dict[str, str] = {}
    for group in groups:
        words = strings(group, "attributes.noun_groups")
        for word in words:
            found.setdefault(word, words[0])
    return MappingProxyType(found)
