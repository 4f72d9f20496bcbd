"""Dates with their precision: a year, a month or a day is an interval of days.

Two dates are compatible when one interval contains the other ("January 2022" and
"2022-01-12"); they conflict when the intervals are disjoint ("April 2020" vs "May 2020").
Two days next to each other may be one moment in two time zones (a Tuesday 21:40 GMT is
Wednesday in Jakarta): `adjacent` says so, the caller decides with what it knows of the zones.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache, lru_cache
from typing import Literal

from summarizer.knowledge.calendar import (
    month_name,
    month_number,
    month_pattern,
    weekday_index,
    weekdays,
)
from summarizer.knowledge.folding import fold_for_comparison
from summarizer.records import normalize_date

__all__ = [
    "DateRelation",
    "adjacent",
    "announced_then_made",
    "compare_dates",
    "date_in_words",
    "day_span",
    "name_date",
    "plan_and_outcome",
    "weekday_on_or_after",
]

DateRelation = Literal["same", "compatible", "conflict"]

_YEAR = r"(1[89]\d\d|20\d\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The shapes of a written date, most precise first (built on first use: the month names
    are data)."""
    month = r"(" + month_pattern() + r")\.?"
    return (
        (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
        (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{month},?\s+{_YEAR}\b"), "dmy"),
        (re.compile(rf"\b{month}\s+{_DAY},?\s+{_YEAR}\b"), "mdy"),
        (re.compile(rf"\b{month},?\s+{_YEAR}\b"), "my"),
        (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{month}\b"), "dm"),
        (re.compile(rf"\b{month}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)"), "md"),
        (re.compile(rf"\b(?:in|since|during|until|by|from|early|late|mid|of)\s+{month}\b"), "m"),
        (re.compile(rf"\b{_YEAR}\b"), "y"),
    )


@lru_cache(maxsize=1 << 14)
def day_span(iso: str) -> tuple[dt.date, dt.date]:
    """The first and last day an ISO date, month or year covers."""
    parts = [int(p) for p in iso.split("-")[:3]]
    if len(parts) == 3:
        day = dt.date(parts[0], parts[1], parts[2])
        return day, day
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def compare_dates(a: str, b: str) -> DateRelation:
    """ "same" for equal dates, "compatible" when one contains the other, else "conflict"."""
    if a == b:
        return "same"
    (a0, a1), (b0, b1) = day_span(a), day_span(b)
    if (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1):
        return "compatible"
    return "conflict"


def plan_and_outcome(a: str, a_published: str | None, b: str, b_published: str | None) -> bool:
    """Whether of two days one was a plan and the other what came of it: one report, written
    before the day it gives, said when something was to happen ("is scheduled to end on
    Friday"); a later report, written on or after the day it gives, says when it happened
    ("closed on Saturday"). Where plans change (the end of talks that run over), the outcome
    updates the plan. Two plans, or two outcomes, that differ are no update."""
    for plan, plan_day, outcome, outcome_day in (
        (a_published, a, b_published, b),
        (b_published, b, a_published, a),
    ):
        if not plan or not outcome or plan_day.count("-") != 2 or outcome_day.count("-") != 2:
            continue
        if plan[:10] < plan_day and outcome[:10] >= outcome_day and outcome[:10] > plan[:10]:
            return True
    return False


def announced_then_made(a: str, a_published: str | None, b: str, b_published: str | None) -> bool:
    """Whether of two days of a proposal one is the day it was announced and the other the
    day it was made: one report dates it to the very day the report was written ("said it
    would ask for a re-examination"), a later report, written on or after the later day it
    gives, dates it to that day ("filed its request on Monday"). A day before the first
    report, or two reports of one day, are no such pair."""
    for first, first_day, then, then_day in (
        (a_published, a, b_published, b),
        (b_published, b, a_published, a),
    ):
        if not first or not then or first_day.count("-") != 2 or then_day.count("-") != 2:
            continue
        if first[:10] == first_day < then_day <= then[:10]:
            return True
    return False


def adjacent(a: str, b: str) -> bool:
    """Two single days one day apart."""
    if a.count("-") != 2 or b.count("-") != 2:
        return False
    return abs((day_span(a)[0] - day_span(b)[0]).days) == 1


def date_in_words(value: str, published: str | None = None) -> str | None:
    """The first date written in `value` as ISO, no more precise than written, or None.

    A day or month without a year takes the year of `published` (the article's date), or the
    year before when that would put it more than a month after the article ("in December"
    written in January). Weekdays and relative words are left to the extractor.
    """
    text = fold_for_comparison(value)
    base = _published_day(published)
    for pattern, shape in _patterns():
        match = pattern.search(text)
        if match is None:
            continue
        g = match.groups()
        try:
            if shape == "iso":
                return normalize_date(f"{g[0]}-{g[1]}-{g[2]}")
            if shape == "dmy":
                return normalize_date(f"{g[2]}-{_month(g[1])}-{g[0]}")
            if shape == "mdy":
                return normalize_date(f"{g[2]}-{_month(g[0])}-{g[1]}")
            if shape == "my":
                return normalize_date(f"{g[1]}-{_month(g[0])}")
            if shape == "y":
                return g[0]
            if base is None:
                continue
            month = _month(g[1] if shape == "dm" else g[0])
            year = base.year - 1 if month > base.month + 1 else base.year
            if shape == "m":
                return normalize_date(f"{year}-{month}")
            day = int(g[0] if shape == "dm" else g[1])
            return normalize_date(f"{year}-{month}-{day}")
        except ValueError:
            continue
    return None


@cache
def _month_names() -> re.Pattern[str]:
    """A month's full name, capitalised, as a word of a name ("the committee's October
    meeting"): not "may", not an abbreviation."""
    names = "|".join(month_name(n) for n in range(1, 13))
    return re.compile(rf"(?<![\w-])({names})(?![\w-])(?!\s+(?:Day|\d))")


def name_date(name: str, published: str | None = None) -> str | None:
    """The date a name gives ("meeting of 22-25 February 2027" → "2027-02-22", "the
    committee's October meeting" → "2026-10" in a report of 16 October 2026), or None.

    A month named alone takes the year that puts it nearest the report (`date_in_words`);
    "May Day" and a name with no month give none.
    """
    found = date_in_words(name, published)
    if found is not None:
        return found
    match = _month_names().search(name)
    base = _published_day(published)
    if match is None or base is None:
        return None
    month = _month(match.group(1))
    year = base.year - 1 if month > base.month + 1 else base.year
    return normalize_date(f"{year}-{month}")


def weekday_on_or_after(text: str, anchor: dt.date | None) -> str | None:
    """The day a weekday named in `text` stands for, seen from `anchor` (the day of the
    event it tells of): the first such weekday on or after it ("the commission said on
    Thursday", of a clash on Saturday 14 November → "2026-11-19"). None when the text names
    no weekday, or two, or there is no anchor."""
    if anchor is None:
        return None
    named = {
        i
        for w in fold_for_comparison(text).split()
        if (i := weekday_index(w.strip(".,;:"))) is not None
    }
    if len(named) != 1:
        return None
    ahead = (named.pop() - anchor.weekday()) % len(weekdays())
    return (anchor + dt.timedelta(days=ahead)).isoformat()


def _month(word: str) -> int:
    number = month_number(word)
    if number is None:
        raise ValueError(f"{word!r} is not a month")
    return number


def _published_day(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return day_span(published)[0]
    except ValueError:
        return None
