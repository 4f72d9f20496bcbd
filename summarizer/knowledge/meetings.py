"""Words of meeting names: those that say "a meeting" without saying which one or what kind."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from summarizer.knowledge._data import load, strings

__all__ = ["generic_meeting_words", "relative_meeting_words"]


@cache
def generic_meeting_words() -> frozenset[str]:
    """Folded words that say "a meeting" without saying which: "meeting", "talks", "session",
    ... (not "summit" or "ministerial": they say who meets)."""
    return frozenset(strings(load("meetings")["generic_words"], "meetings.generic_words"))


@cache
def relative_meeting_words() -> Mapping[str, str]:
    """Folded word → "past" or "next": where it places a meeting against the report naming it
    ("the previous round" was held before the report, "the next meeting" comes after it)."""
    table = load("meetings")["relative_words"]
    if not isinstance(table, dict):
        raise TypeError("knowledge data meetings.relative_words must map a side to its words")
    return MappingProxyType(
        {
            word: side
            for side in ("past", "next")
            for word in strings(table[side], f"meetings.relative_words.{side}")
        }
    )
