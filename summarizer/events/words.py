"""Words the event clustering ignores or reads specially: data, declared once."""

from __future__ import annotations

from summarizer.knowledge.calendar import month_spellings, weekdays


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Frequent in any news report, so they say nothing about which event a report is about.
NEWS_WORDS = _wordset(
    """
    news report reports reported reporting reporter reporters correspondent agency press
    updated update edition page read more share comment comments photo video image file
    today yesterday tomorrow week weeks month months year years day days time times
    morning afternoon evening night later earlier first second third last next new
    one two three four five six seven eight nine ten hundred thousand million billion
    mr mrs ms told added noted stated adding saying asked spoke speaking statement
    people official officials government minister ministers country countries state states
    would could also however while after before since during until still even already
    """
) | frozenset(  # the calendar: month names and abbreviations, weekdays
    [*(s for n in range(1, 13) for s in month_spellings(n)), *weekdays()]
)

# Capitalised words that start sentences or headlines without naming anything.
NOT_NAMES = _wordset(
    """
    the a an in on at for from by with and or but as of to it its this that these those
    he she they we i you his her their our my after before when while during since until
    if though although however meanwhile also updated all more read share
    """
)

# Words before a weekday in its clause that put it ahead of the report ("will meet on Friday",
# "are expected to sign on Wednesday", "next Monday"): the coming day, not the last one.
AHEAD_WORDS = _wordset(
    """
    will shall 'll would due scheduled expected planned upcoming next coming forthcoming
    """
)

# Verbs of saying and publishing: a day named just after one ("the ministry said on Tuesday",
# "told reporters Friday", "minutes released on Thursday") is when a source spoke, not when what
# it reports happened.
SAYING_WORDS = _wordset(
    """
    said says told tells stated states added adds noted notes wrote writes tweeted reported
    released published issued
    """
)

__all__ = ["AHEAD_WORDS", "NEWS_WORDS", "NOT_NAMES", "SAYING_WORDS"]
