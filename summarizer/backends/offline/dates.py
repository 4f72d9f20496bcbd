"""Dates: find date expressions and resolve them against the article's date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from summarizer.knowledge.calendar import (
    day_shifts,
    month_number,
    month_pattern,
    relative_days,
    seasons,
    weekday_directions,
    weekdays,
)

_MONTH = rf"({month_pattern()})\.?"
_DASH = r"\s*[-\u2013\u2014]\s*"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    (
        "md",
        re.compile(
            rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:{_DASH}(\d{{1,2}})(?:st|nd|rd|th)?)?"
            r"(?:,?\s+(\d{4}))?\b",
            re.I,
        ),
    ),
    (
        "dm",
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:{_DASH}(\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
            rf"{_MONTH}(?:,?\s+(\d{{4}}))?\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:({'|'.join(weekday_directions())})\s+)?({'|'.join(weekdays())})\b", re.I
        ),
    ),
    ("relative", re.compile(rf"\b({'|'.join(relative_days())})\b", re.I)),
    (
        "season",
        re.compile(rf"\b({'|'.join(seasons())})\s+(?:of\s+)?((?:19|20)\d{{2}})\b", re.I),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:in|early|late|mid-?|since|by|until)\s+(?:of\s+)?{_MONTH}"
            r"(?:\s+(\d{4}))?\b",
            re.I,
        ),
    ),
    ("year", re.compile(r"\b(?:in|of|early|late|since|mid-?)\s+((?:19|20)\d{2})\b", re.I)),
)
TIME_PATTERN = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*"
    r"(?:GMT|UTC|CET|CEST|EST|EDT|MSK|[A-Z][a-z]+ time|local time|[ap]\.?m\.?)?",
    re.I,
)


def _month(word: str) -> int:
    number = month_number(word)
    if number is None:
        raise KeyError(word)
    return number


def _nearest(month: int, day: int, ref: dt.date, direction: int) -> dt.date | None:
    options: list[dt.date] = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if direction < 0:
        past = [d for d in options if d <= ref + dt.timedelta(days=1)]
        options = past or options
    elif direction > 0:
        future = [d for d in options if d >= ref - dt.timedelta(days=1)]
        options = future or options
    return min(options, key=lambda d: abs((d - ref).days))


_TENSE_SLACK = dt.timedelta(days=45)


def _told_way(near: dt.date, told: dt.date | None, ref: dt.date, direction: int) -> dt.date:
    """A day and month without a year: the nearest such day, unless it lies well on the other
    side of the report's date from the one the clause speaks of ("will be held on December 11"
    in May is this December, not last)."""
    if told is None or direction == 0:
        return near
    wrong_side = (near - ref) * direction < dt.timedelta(0)
    return told if wrong_side and abs(near - ref) > _TENSE_SLACK else near


@dataclass
class DateMatch:
    """A date expression found in text, resolved to ISO."""

    start: int
    end: int
    value: str
    end_value: str | None = None
    precise: bool = True


def resolve_dates(text: str, ref: dt.date | None, direction: int = 0) -> list[DateMatch]:
    """Find the date expressions of `text` and resolve them against the reference date.

    Args:
        text: the passage to search.
        ref: the article's publication date; relative dates stay unresolved without it.
        direction: +1 when the passage speaks of the future, -1 of the past, 0 unknown;
            decides which "Tuesday" is meant.
    """
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            match = _resolve_match(kind, m, ref, direction)
            if match is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(match)
    return sorted(found, key=lambda d: d.start)


def _resolve_match(
    kind: str, m: re.Match[str], ref: dt.date | None, direction: int
) -> DateMatch | None:
    try:
        if kind == "iso":
            return DateMatch(
                m.start(), m.end(), dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            )
        if kind in {"md", "dm"}:
            if kind == "md":
                month, day, day2, year = _month(m[1]), int(m[2]), m[3], m[4]
            else:
                day, day2, month, year = int(m[1]), m[2], _month(m[3]), m[4]
            if year:
                start = dt.date(int(year), month, day)
            elif ref is not None:
                near = _nearest(month, day, ref, 0)
                if near is None:
                    return None
                start = _told_way(near, _nearest(month, day, ref, direction), ref, direction)
            else:
                return None
            end = None
            if day2 and int(day2) > day:
                end = dt.date(start.year, month, int(day2)).isoformat()
            return DateMatch(m.start(), m.end(), start.isoformat(), end)
        if kind == "season":
            return DateMatch(m.start(1), m.end(), m[2], precise=False)
        if ref is None:
            if kind == "year":
                return DateMatch(m.start(1), m.end(), m[1], precise=False)
            if kind == "month" and m[2]:
                month = _month(m[1])
                return DateMatch(m.start(1), m.end(), f"{m[2]}-{month:02d}", precise=False)
            return None
        if kind == "weekday":
            target = weekdays().index(m[2].lower())
            delta = target - ref.weekday()
            # "last Friday", "next Thursday": the word says which, even against the tense
            said = weekday_directions()[m[1].lower()] if m[1] else 0
            direction = said or direction
            if said and delta == 0:
                day_ = ref + dt.timedelta(days=7 * said)
            elif delta == 0:
                day_ = ref
            elif direction > 0:
                day_ = ref + dt.timedelta(days=delta % 7)
            elif direction < 0:
                day_ = ref - dt.timedelta(days=(-delta) % 7)
            else:
                back = ref - dt.timedelta(days=(-delta) % 7)
                fwd = ref + dt.timedelta(days=delta % 7)
                day_ = back if (ref - back) <= (fwd - ref) else fwd
            return DateMatch(m.start(), m.end(), day_.isoformat())
        if kind == "relative":
            shift = relative_days()[m[1].lower()]
            return DateMatch(m.start(), m.end(), (ref + dt.timedelta(days=shift)).isoformat())
        if kind == "month":
            month = _month(m[1])
            if m[2]:
                year_ = int(m[2])
            else:
                near = _nearest(month, 1, ref, direction or -1)
                if near is None:
                    return None
                year_ = near.year
            return DateMatch(m.start(1), m.end(), f"{year_:04d}-{month:02d}", precise=False)
        if kind == "year":
            return DateMatch(m.start(1), m.end(), m[1], precise=False)
    except (ValueError, KeyError):
        return None
    return None


def latest_stated_day(text: str) -> dt.date | None:
    """The latest full date a text states with its year ("on 10 March 2025"), or None."""
    days = [
        dt.date.fromisoformat(d.value)
        for d in resolve_dates(text, None)
        if d.precise and len(d.value) == 10
    ]
    return max(days, default=None)


def _shift_pattern() -> re.Pattern[str]:
    counts, units, directions, phrases = day_shifts()
    counted = (
        rf"(?:({'|'.join(map(re.escape, counts))}|\d{{1,2}})\s+"
        rf"({'|'.join(map(re.escape, units))})\s+({'|'.join(map(re.escape, directions))}))"
    )
    return re.compile(rf"\b(?:{counted}|({'|'.join(map(re.escape, phrases))}))\b", re.I)


_SHIFT = _shift_pattern()


def day_shift(text: str) -> tuple[int, int, int] | None:
    """The first span of `text` that counts days from the day last told, and the count:
    "Two days later" -> 2, "a week earlier" -> -7, "the next day" -> 1."""
    m = _SHIFT.search(text)
    if m is None:
        return None
    counts, units, directions, phrases = day_shifts()
    if m[4]:
        return m.start(), m.end(), phrases[m[4].lower()]
    count = int(m[1]) if m[1].isdigit() else counts[m[1].lower()]
    return m.start(), m.end(), count * units[m[2].lower()] * directions[m[3].lower()]
