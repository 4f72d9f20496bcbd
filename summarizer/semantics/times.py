"""Times of day: clock readings with or without a zone, and parts of the day as ranges.

"morning" and "08.55" are compatible (08:55 lies in the morning); "08.55 local" and "about 11:00
Moscow time" are compared only when both convert to one zone (a named zone always converts;
"local" converts when the place is known, from the town and country tables or an IANA city name),
and conflict only when they then differ. Readings of two zones that cannot both be converted are
never compared. A time-of-day difference is a value difference, never a date difference.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from summarizer.knowledge.clock import (
    country_zones,
    day_parts,
    iana_not_towns,
    time_zones,
    town_zones,
)
from summarizer.knowledge.countries import countries
from summarizer.knowledge.folding import fold_for_comparison, words

__all__ = [
    "DayPart",
    "Reading",
    "TimeOfDay",
    "TimeRelation",
    "compare_times",
    "is_known_town",
    "parse_time",
    "time_precision",
    "zone_of_place",
]

TimeRelation = Literal["same", "compatible", "conflict", "undecided"]
Zone = str | int | None  # an IANA name, a fixed offset in minutes, or None: local / unsaid

_DAY = 24 * 60
# How far apart two readings of one moment may be: exact clocks, and approximate ones.
EXACT_SLACK = 5
APPROX_SLACK = 30
# How far outside a part of the day a clock reading may fall and still belong to it.
PART_SLACK = 30


@dataclass(frozen=True, slots=True)
class Reading:
    """A clock reading: minutes after midnight on the clock of `zone`."""

    minutes: int
    zone: Zone  # None: local time, or no zone written
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class DayPart:
    """A part of the day on the local clock, [start, end) in minutes; may wrap midnight."""

    name: str
    start: int
    end: int

    def contains(self, minutes: int, slack: int = 0) -> bool:
        start, end = (self.start - slack) % _DAY, (self.end + slack) % _DAY
        if start <= end:
            return start <= minutes <= end
        return minutes >= start or minutes <= end

    def overlaps(self, other: DayPart) -> bool:
        return any(
            self.contains(m) and other.contains(m) for m in range(0, _DAY, 15)
        ) or self.contains(other.start)


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    """Everything a value says about the time of day."""

    readings: tuple[Reading, ...]
    parts: tuple[DayPart, ...]


_CLOCK = re.compile(r"(?<![\d.:])(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?)?(?![\d:])")
# A four-digit clock reading needs a zone or "hours" after it: "1630 GMT", "0900 hours".
_MILITARY = re.compile(
    r"(?<![\d.:,])([01]\d|2[0-3])([0-5]\d)(?=\s*(?:hours|hrs|h\b|local|gmt|utc|z\b|[a-z]+ time))"
)
_APPROX = re.compile(
    r"\b(?:about|around|approximately|roughly|some|circa|ca|shortly|just|soon)"
    r"(?:\s+(?:after|before|past))?\s*(?:at\s*)?$"
)


@cache
def _zone_after_pattern() -> re.Pattern[str]:
    """A written zone at the start of a text (the zone table is read on first use)."""
    names = sorted(time_zones(), key=len, reverse=True)
    return re.compile(r"^\s*\(?\s*(" + "|".join(re.escape(n) for n in names) + r")\b")


_PLACE_TIME = re.compile(r"^\s*\(?\s*([a-z][a-z' -]{1,30}?) time\b")
_LOCAL = re.compile(r"^\s*\(?\s*local(?: time)?\b")
# "GMT+3", "UTC-05:00", "UTC +5:30": a fixed offset from UTC.
_OFFSET = re.compile(r"^\s*\(?\s*(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?([0-5]\d))?(?!\d)")
# A town right after a clock reading: "3.30pm London", "noon in Brussels", "16:30 (Kyiv)".
_TOWN_AFTER = re.compile(r"^\s*[(,]?\s*(?:in\s+)?([a-z][a-z'-]*(?: [a-z][a-z'-]*){0,2})")
# Noon and midnight are clock readings as well as parts of the day.
_NAMED_HOURS = {"noon": 12 * 60, "midnight": 0}
_NAMED_HOUR = re.compile(r"\b(noon|midnight)\b")


@lru_cache(maxsize=1 << 12)
def parse_time(value: str) -> TimeOfDay | None:
    """The clock readings and parts of the day written in `value`, or None when it has none.

    "10:00 local time (08:00 Moscow time)" -> two readings, local and Europe/Moscow;
    "in the early morning" -> the part 03:00-09:00; "08.55" -> one reading, no zone.
    A bare number is not a time: a reading needs minutes or am/pm.
    """
    text = fold_for_comparison(value)
    readings: list[Reading] = []
    for match in _CLOCK.finditer(text):
        hour, minute, suffix = match.groups()
        if minute is None and suffix is None:
            continue
        h, m = int(hour), int(minute or 0)
        if suffix and suffix[0] in "ap":
            if not 1 <= h <= 12:
                continue
            h = h % 12 + (12 if suffix[0] == "p" else 0)
        if h > 24 or m > 59:
            continue
        rest = text[match.end() :]
        approximate = _APPROX.search(text[: match.start()]) is not None
        readings.append(Reading((h * 60 + m) % _DAY, _zone_after(rest), approximate))
    for match in _MILITARY.finditer(text):
        rest = text[match.end() :]
        approximate = _APPROX.search(text[: match.start()]) is not None
        minutes = int(match.group(1)) * 60 + int(match.group(2))
        readings.append(Reading(minutes, _zone_after(rest.replace("hours", "", 1)), approximate))
    for match in _NAMED_HOUR.finditer(text):
        approximate = _APPROX.search(text[: match.start()]) is not None
        zone = _zone_after(text[match.end() :])
        readings.append(Reading(_NAMED_HOURS[match.group(1)], zone, approximate))
    parts = tuple(_parts(text))
    if not readings and not parts:
        return None
    return TimeOfDay(tuple(readings), parts)


def time_precision(value: str) -> int:
    """2 for a clock reading, 1 for an "about" one, 0 for a part of the day or no time: a vague
    time joins the precise ones it fits, never bridges two that conflict."""
    parsed = parse_time(value)
    if parsed is None or not parsed.readings:
        return 0
    return 1 if all(r.approximate for r in parsed.readings) else 2


def _zone_after(rest: str) -> Zone:
    if _LOCAL.match(rest):
        return None
    if (offset := _OFFSET.match(rest)) is not None:
        sign = 1 if offset.group(1) == "+" else -1
        return sign * (int(offset.group(2)) * 60 + int(offset.group(3) or 0))
    if (named := _zone_after_pattern().match(rest)) is not None:
        return time_zones()[named.group(1)]
    if (place := _PLACE_TIME.match(rest)) is not None:
        return zone_of_place(place.group(1))
    if (town := _TOWN_AFTER.match(rest)) is not None:
        return _town_zone(town.group(1))
    return None


def _town_zone(text: str) -> str | None:
    """The zone of the town that `text` starts with ("london on tuesday" -> Europe/London)."""
    tokens = words(text)
    for size in (3, 2, 1):
        name = " ".join(tokens[:size])
        if len(tokens) >= size and (zone := town_zones().get(name) or _iana_cities().get(name)):
            return zone
    return None


def _parts(text: str) -> Iterable[DayPart]:
    taken: list[tuple[int, int]] = []
    parts = day_parts()
    for name in sorted(parts, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            start, end = parts[name]
            yield DayPart(name, start, end)


_REGIONS = frozenset(
    "Africa America Asia Atlantic Australia Europe Indian Pacific".split()  # noqa: SIM905
)  # Antarctica's zones are named after research stations and people, not towns


@cache
def _iana_cities() -> dict[str, str]:
    """IANA zone names by their city, folded ("almaty" -> "Asia/Almaty")."""
    cities: dict[str, str] = {}
    for name in sorted(zoneinfo.available_timezones()):
        parts = name.split("/")
        if len(parts) != 2 or parts[0] not in _REGIONS:
            continue  # "US/Pacific", "Etc/GMT+5", "America/Indiana/Knox": not a region's city
        town = fold_for_comparison(parts[1].replace("_", " ").replace("-", " "))
        if town not in iana_not_towns():
            cities.setdefault(town, name)
    return cities


@cache
def _one_zone_countries() -> dict[str, str]:
    """Countries with a single time zone, by their folded name ("peru" -> "America/Lima"), read
    from the tz database's own tables (iso3166.tab, zone.tab in the `tzdata` package)."""
    try:
        names = resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab").read_text("utf-8")
        zones = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    by_code: dict[str, list[str]] = {}
    for line in zones.splitlines():
        if line and not line.startswith("#"):
            code, _, zone, *_ = line.split("\t")
            by_code.setdefault(code, []).append(zone)
    found: dict[str, str] = {}
    for line in names.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            folded = " ".join(words(name.split(" (")[0]))
            if len(by_code.get(code, [])) == 1 and folded not in iana_not_towns():
                found[folded] = by_code[code][0]  # not "Jersey", a word of "New Jersey"
    for country in countries():
        # a country's other names and demonyms tell its clock too ("Nigerian time")
        clock = found.get(" ".join(words(country.name)))
        for spelling in (*country.other_names, *country.demonyms):
            folded = " ".join(words(spelling))
            if clock is not None and folded and folded not in iana_not_towns():
                found.setdefault(folded, clock)
    return found


def is_known_town(name: str) -> bool:
    """Whether `name` (folded words joined by spaces) is a town the clock tables know: a city
    IANA names a zone after, or a town of the town table ("almaty", "orenburg")."""
    return name in _iana_cities() or name in town_zones()


def zone_of_place(text: str) -> str | None:
    """The IANA zone of the place `text` names, or None.

    A town or city is preferred to a country ("Tajik-Kyrgyz talks in Almaty" is in Almaty); a
    country gives its zone when the table of countries names it or it has a single zone;
    among towns, the last named, and of names ending at one word the longest ("St Petersburg"
    before "Petersburg").
    """
    tokens = words(text)
    cities = _iana_cities()
    tables_in_order: tuple[tuple[Mapping[str, str], ...], ...] = (
        (town_zones(), cities),
        (country_zones(), _one_zone_countries()),
    )
    for tables in tables_in_order:
        found: tuple[int, int, str] | None = None
        for size in (3, 2, 1):
            for i in range(len(tokens) - size + 1):
                name = " ".join(tokens[i : i + size])
                zone = next((t[name] for t in tables if name in t), None)
                if zone is not None and (found is None or (i + size, size) > found[:2]):
                    found = (i + size, size, zone)
        if found is not None:
            return found[2]
    return None


def _offset(zone: Zone, day: dt.date | None) -> int | None:
    """Minutes east of UTC for `zone` on `day` (noon), or None when it is unknown."""
    if zone is None:
        return None
    if isinstance(zone, int):
        return zone
    try:
        info = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    moment = dt.datetime.combine(day or dt.date(2000, 1, 15), dt.time(12), tzinfo=info)
    delta = moment.utcoffset()
    return None if delta is None else int(delta.total_seconds() // 60)


def _distance(a: int, b: int) -> int:
    d = abs(a - b) % _DAY
    return min(d, _DAY - d)


def _utc(reading: Reading, local: str | None, day: dt.date | None) -> int | None:
    offset = _offset(reading.zone if reading.zone is not None else local, day)
    return None if offset is None else (reading.minutes - offset) % _DAY


def _local_clock(reading: Reading, local: str | None, day: dt.date | None) -> int | None:
    """The reading on the local clock: itself when it has no zone, else converted."""
    if reading.zone is None:
        return reading.minutes
    utc = _utc(reading, None, day)
    offset = _offset(local, day)
    if utc is None or offset is None:
        return None
    return (utc + offset) % _DAY


def _readings_relation(
    a: Reading, b: Reading, local: str | None, day: dt.date | None
) -> TimeRelation:
    slack = APPROX_SLACK if a.approximate or b.approximate else EXACT_SLACK
    if a.zone == b.zone:  # one clock (both local or unsaid, or one named zone)
        d = _distance(a.minutes, b.minutes)
    else:
        ua, ub = _utc(a, local, day), _utc(b, local, day)
        if ua is None or ub is None:
            return "undecided"
        d = _distance(ua, ub)
    if d == 0 and a.approximate == b.approximate:
        return "same"
    return "compatible" if d <= slack else "conflict"


def compare_times(
    a: str, b: str, *, local: str | None = None, day: dt.date | None = None
) -> TimeRelation:
    """How two written times of day of one event relate.

    Args:
        a, b: The times as written ("08.55", "about 11:00 Moscow time", "in the morning").
        local: The IANA zone of the place of the event, when known: "local" readings and parts
            of the day are on its clock.
        day: The day of the event, for daylight saving time.

    Returns "same" or "compatible" when they can name one moment, "conflict" when they cannot,
    and "undecided" when they cannot be compared (two zones of which one does not convert, or
    words that are not times).
    """
    ta, tb = parse_time(a), parse_time(b)
    if ta is None or tb is None:
        return "same" if fold_for_comparison(a) == fold_for_comparison(b) else "undecided"
    verdicts: list[TimeRelation] = []
    for ra in ta.readings:
        for rb in tb.readings:
            verdicts.append(_readings_relation(ra, rb, local, day))
    for readings, parts in ((ta.readings, tb.parts), (tb.readings, ta.parts)):
        for reading in readings:
            clock = _local_clock(reading, local, day)
            for part in parts:
                if clock is None:
                    verdicts.append("undecided")
                else:
                    inside = part.contains(clock, PART_SLACK)
                    verdicts.append("compatible" if inside else "conflict")
    if not ta.readings and not tb.readings:
        for pa in ta.parts:
            for pb in tb.parts:
                verdicts.append("compatible" if pa.overlaps(pb) else "conflict")
    for verdict in ("same", "compatible"):
        if verdict in verdicts:
            return verdict
    return "conflict" if "conflict" in verdicts else "undecided"
