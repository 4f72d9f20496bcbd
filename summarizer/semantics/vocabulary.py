"""The value-semantics tables under their earlier names, read from `summarizer.knowledge`.

The words are data (`summarizer/knowledge/data/figures.json` and `clock.json`) behind the typed
accessors of `summarizer.knowledge.figures` and `summarizer.knowledge.clock`, which new code
calls. This module only keeps the table names that callers import (`UNITS`, `DAY_PARTS`, ...),
each resolved on first access: importing it reads no data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from summarizer.knowledge import clock, figures

_TABLES: dict[str, Callable[[], Any]] = {
    "SCALES": figures.scales,
    "NUMBER_PHRASES": figures.number_phrases,
    "QUALIFIER_WORDS": figures.qualifier_words,
    "QUALIFIER_SUFFIXES": figures.qualifier_suffixes,
    "UNITS": figures.units,
    "SCALED_UNITS": figures.scaled_units,
    "CURRENCY_SIGNS": figures.currency_signs,
    "RUNNING_COUNT_WORDS": figures.running_count_words,
    "GROWTH_CUES": figures.growth_cues,
    "DAY_PARTS": clock.day_parts,
    "TIME_ZONES": clock.time_zones,
    "TOWN_ZONES": clock.town_zones,
    "COUNTRY_ZONES": clock.country_zones,
}


def __dir__() -> list[str]:
    return sorted(_TABLES)


def __getattr__(name: str) -> Any:
    table = _TABLES.get(name)
    if table is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return table()
