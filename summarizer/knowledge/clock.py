"""Words of the clock: parts of the day as ranges, written time zones, and the zones of towns
and countries."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from summarizer.knowledge._data import load, string_map, strings

__all__ = ["country_zones", "day_parts", "iana_not_towns", "time_zones", "town_zones"]

_HH_MM = re.compile(r"(\d{2}):(\d{2})")


def _minutes(value: object, where: str) -> int:
    """Minutes after midnight of "HH:MM" ("24:00" is the end of the day)."""
    found = _HH_MM.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        raise TypeError(f"knowledge data {where} must be a time written HH:MM")
    hours, minutes = int(found[1]), int(found[2])
    if hours * 60 + minutes > 24 * 60 or minutes > 59:
        raise ValueError(f"knowledge data {where}: {value} is not a time of day")
    return hours * 60 + minutes


@cache
def day_parts() -> Mapping[str, tuple[int, int]]:
    """Parts of the day as local clock ranges [start, end) in minutes; a range may wrap
    midnight: "morning" → (240, 750), "night" → (1200, 360)."""
    raw = load("clock")["day_parts"]
    if not isinstance(raw, dict):
        raise TypeError("knowledge data clock.day_parts must be an object")
    table: dict[str, tuple[int, int]] = {}
    for name, span in raw.items():
        where = f"clock.day_parts.{name}"
        if not isinstance(span, list) or len(span) != 2:
            raise TypeError(f"knowledge data {where} must be [start, end]")
        table[name] = (_minutes(span[0], where), _minutes(span[1], where))
    return MappingProxyType(table)


@cache
def time_zones() -> Mapping[str, str | int]:
    """Written zones and what they stand for: an IANA zone name, or a fixed offset east of UTC
    in minutes: "gmt" → 0, "cet" → 60, "moscow time" → "Europe/Moscow"."""
    raw = load("clock")["time_zones"]
    if not isinstance(raw, dict) or not all(
        isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool)) for v in raw.values()
    ):
        raise TypeError("knowledge data clock.time_zones must map names to zones or minutes")
    return MappingProxyType(dict(raw))


@cache
def town_zones() -> Mapping[str, str]:
    """Towns and regions whose clock no IANA zone is named after: "orenburg" →
    "Asia/Yekaterinburg"."""
    return MappingProxyType(string_map(load("clock")["town_zones"], "clock.town_zones"))


@cache
def country_zones() -> Mapping[str, str]:
    """Countries with one clock, by name and adjective: "kazakh" → "Asia/Almaty"."""
    return MappingProxyType(string_map(load("clock")["country_zones"], "clock.country_zones"))


@cache
def iana_not_towns() -> frozenset[str]:
    """Last parts of IANA zone names that are not read as towns, being ordinary words, names or
    other places as well ("christmas", "north", "jersey")."""
    return frozenset(strings(load("clock")["iana_not_towns"], "clock.iana_not_towns"))
