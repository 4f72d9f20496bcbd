"""Words of meeting names: those that say "a meeting" without saying which one or what kind."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from summarizer.knowledge._data import load, strings
from summarizer.knowledge.calendar import month_name, seasons, weekdays

__all__ = [
    "again_words",
    "generic_meeting_words",
    "meeting_kind_words",
    "meeting_nouns",
    "relative_meeting_words",
    "undistinctive_meeting_words",
]


@cache
def again_words() -> frozenset[str]:
    """Folded words saying that a body met once more ("again", "reconvened"): a passage telling
    that it met again on another day tells of another session."""
    return frozenset(strings(load("meetings")["again_words"], "meetings.again_words"))


@cache
def meeting_nouns() -> frozenset[str]:
    """Folded nouns that name a meeting without saying which: "meeting", "talks", "round", ..."""
    return frozenset(strings(load("meetings")["nouns"], "meetings.nouns"))


@cache
def generic_meeting_words() -> frozenset[str]:
    """Folded words that say "a meeting" without saying which: the meeting nouns and the words
    that say only how or which of a series ("virtual", "first"); not "summit" or "ministerial",
    which say who meets."""
    modifiers = strings(load("meetings")["modifiers"], "meetings.modifiers")
    return meeting_nouns() | frozenset(modifiers)


@cache
def meeting_kind_words() -> frozenset[str]:
    """Folded words that say who meets or at what level ("summit", "ministerial"): they tell one
    kind of meeting from another, never on their own which meeting."""
    return frozenset(strings(load("meetings")["kind_words"], "meetings.kind_words"))


@cache
def undistinctive_meeting_words() -> frozenset[str]:
    """The generic words and the calendar words (months, weekdays, seasons) that date a meeting:
    what is left of a name without them tells which meeting it is."""
    calendar = [*(month_name(n) for n in range(1, 13)), *weekdays(), *seasons()]
    return generic_meeting_words() | frozenset(w.lower() for w in calendar)


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
