"""Words of meeting names: those that say "a meeting" without saying which one or what kind."""

from __future__ import annotations

from functools import cache

from summarizer.knowledge._data import load, strings

__all__ = ["generic_meeting_words"]


@cache
def generic_meeting_words() -> frozenset[str]:
    """Folded words that say "a meeting" without saying which: "meeting", "talks", "session",
    ... (not "summit" or "ministerial": they say who meets)."""
    return frozenset(strings(load("meetings")["generic_words"], "meetings.generic_words"))
