"""The world's countries: their names, other names, demonyms and capitals, in one table; and
the seats of government that speak for some of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from summarizer.knowledge._data import rows
from summarizer.knowledge.folding import words

__all__ = ["Country", "capitals", "countries", "seats"]


@dataclass(frozen=True, slots=True)
class Country:
    """A country and the words that name it. Its name, other names and demonyms stand for the
    country; its capitals are towns of their own."""

    name: str  # as shown: "Kyrgyzstan", "US"
    other_names: tuple[str, ...]  # "Kyrgyz Republic", "United States of America"
    demonyms: tuple[str, ...]  # "Kyrgyz", "American"
    capitals: tuple[str, ...]  # "Bishkek"; some countries have two, a few none listed


def _cells(row: tuple[str, ...], index: int) -> tuple[str, ...]:
    cell = row[index] if index < len(row) else ""
    return tuple(part.strip() for part in cell.split(",") if part.strip())


@cache
def countries() -> tuple[Country, ...]:
    """Every country of `data/countries.txt`, in its order."""
    found: list[Country] = []
    for row in rows("countries"):
        if len(row) != 4 or not row[0]:
            raise TypeError(
                f"knowledge data countries.txt: {'|'.join(row)!r} must be "
                "name | other names | demonyms | capitals"
            )
        found.append(Country(row[0], _cells(row, 1), _cells(row, 2), _cells(row, 3)))
    return tuple(found)


@cache
def capitals() -> Mapping[str, str]:
    """Each capital's folded words, joined by spaces, and its country's name ("bishkek" →
    "Kyrgyzstan")."""
    table: dict[str, str] = {}
    for country in countries():
        for capital in country.capitals:
            table.setdefault(" ".join(words(capital)), country.name)
    return MappingProxyType(table)


@cache
def seats() -> Mapping[str, str]:
    """Seats of government by their folded words, and their country's name ("kremlin" →
    "Russia", "downing street" → "UK")."""
    table: dict[str, str] = {}
    for row in rows("seats"):
        if len(row) != 2 or not all(row):
            raise TypeError(f"knowledge data seats.txt: {'|'.join(row)!r} must be seat | country")
        table.setdefault(" ".join(words(row[0])), row[1])
    return MappingProxyType(table)
