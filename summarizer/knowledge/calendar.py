"""Calendar words: month names and abbreviations, weekdays, seasons, relative days."""

from __future__ import annotations

import datetime as dt
from functools import cache

from summarizer.knowledge._data import load, strings

__all__ = [
    "date_or_none",
    "month_name",
    "month_number",
    "month_pattern",
    "month_spellings",
    "relative_days",
    "seasons",
    "weekday_directions",
    "weekday_index",
    "weekdays",
]


@cache
def _months() -> tuple[tuple[str, tuple[str, ...]], ...]:
    months = load("calendar")["months"]
    out = []
    for month in months:
        name = month["name"]
        out.append((str(name), strings(month["abbreviations"], "calendar.months")))
    if len(out) != 12:
        raise ValueError("calendar.json must list twelve months")
    return tuple(out)


def month_name(number: int) -> str:
    """The English name of month `number` (1-12), capitalised: 1 → "January"."""
    return _months()[number - 1][0]


def month_spellings(number: int) -> tuple[str, ...]:
    """Every lower-case spelling of month `number`: its name, then its abbreviations."""
    name, abbreviations = _months()[number - 1]
    return (name.lower(), *abbreviations)


@cache
def _numbers() -> dict[str, int]:
    return {spelling: number for number in range(1, 13) for spelling in month_spellings(number)}


def month_number(word: str) -> int | None:
    """The number of the month a word names ("January", "jan", "Sept." → 1, 1, 9), or None."""
    return _numbers().get(word.lower().rstrip("."))


@cache
def month_pattern() -> str:
    """A regular-expression alternation of every month spelling, longest first (no group, no
    flags: wrap it as `(?i:...)` where case does not matter)."""
    spellings = sorted(_numbers(), key=lambda s: (-len(s), s))
    return "|".join(spellings)


@cache
def weekdays() -> tuple[str, ...]:
    """The lower-case weekday names, Monday first (index = `datetime.date.weekday()`)."""
    return tuple(d.lower() for d in strings(load("calendar")["weekdays"], "calendar.weekdays"))


def weekday_index(word: str) -> int | None:
    """0 for "Monday" to 6 for "Sunday" (any case), or None for any other word."""
    try:
        return weekdays().index(word.lower())
    except ValueError:
        return None


@cache
def weekday_directions() -> dict[str, int]:
    """Words before a weekday that say which one: {"last": -1, "next": 1, ...}."""
    table = load("calendar")["weekday_directions"]
    return {str(k): int(v) for k, v in table.items()}


@cache
def seasons() -> tuple[str, ...]:
    """The seasons' names, lower case."""
    return strings(load("calendar")["seasons"], "calendar.seasons")


@cache
def relative_days() -> dict[str, int]:
    """Words naming a day by its distance from today: {"today": 0, "yesterday": -1, ...}."""
    table = load("calendar")["relative_days"]
    return {str(k): int(v) for k, v in table.items()}


@cache
def day_shifts() -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int]]:
    """Words that count days from the day last told ("two days later", "the next day"): the
    counts, the units in days, the directions and the whole phrases."""
    table = load("calendar")
    return (
        {str(k): int(v) for k, v in table["shift_counts"].items()},
        {str(k): int(v) for k, v in table["shift_units"].items()},
        {str(k): int(v) for k, v in table["shift_directions"].items()},
        {str(k): int(v) for k, v in table["shift_phrases"].items()},
    )


def date_or_none(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when no such day exists (31 April, 29 February of a common year)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
