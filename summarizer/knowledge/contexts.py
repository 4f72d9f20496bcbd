"""Words of the context a report gives for a remark: those that place it in the course of an
event ("ahead of the talks", "as he opened the meeting")."""

from __future__ import annotations

import re
from functools import cache

from summarizer.knowledge._data import load, strings
from summarizer.knowledge.folding import fold_for_comparison

__all__ = ["timed", "timing_words"]


@cache
def timing_words() -> tuple[str, ...]:
    """Folded words and phrases that place a remark in the course of an event: "ahead of",
    "as", "opening", "after", ..."""
    return strings(load("contexts")["timing_words"], "contexts.timing_words")


@cache
def _timing_pattern() -> re.Pattern[str]:
    ordered = sorted(timing_words(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w-])")


def timed(context: str) -> bool:
    """Whether a context places the remark in the course of an event ("as he opened the
    meeting": yes; "told reporters": no)."""
    return _timing_pattern().search(fold_for_comparison(context)) is not None
