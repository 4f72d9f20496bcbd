"""Words of figures: scale words, number phrases, qualifiers, units, currency signs, and the
words of counts that grow as news develops."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from summarizer.knowledge._data import load, string_map, strings

__all__ = [
    "QUALIFIERS",
    "Bases",
    "CountStage",
    "RateDimension",
    "Rates",
    "ScaledUnit",
    "Unit",
    "cased_units",
    "count_stage",
    "currency_signs",
    "exchange_rates",
    "figure_bases",
    "final_cues",
    "growth_cues",
    "level_dimensions",
    "number_phrases",
    "partial_cues",
    "period_spread",
    "qualifier_suffixes",
    "qualifier_words",
    "rate_dimensions",
    "running_count_words",
    "scaled_units",
    "scales",
    "unit_plural",
    "units",
]

# The qualifiers a figure may carry (`records.Quantity.qualifier`).
QUALIFIERS = frozenset(("exact", "about", "more_than", "at_least", "less_than", "at_most"))


class Unit(NamedTuple):
    """A unit: its dimension, its factor to the dimension's base unit, its other spellings."""

    dimension: str
    factor: float
    spellings: tuple[str, ...]


class Rates(NamedTuple):
    """US dollars per unit of each currency as of a month, and how far a sum converted at those
    rates may stray (a share either way)."""

    as_of: str
    spread: float
    usd_per_unit: Mapping[str, float]


class RateDimension(NamedTuple):
    """A flow as an amount per period: one of its base unit is `factor` `unit` per `per`."""

    unit: str
    per: str
    factor: float


class ScaledUnit(NamedTuple):
    """A unit written with its own scale ("mb/d"): the scale's factor and the unit."""

    factor: float
    unit: str


class CountStage(NamedTuple):
    """How far a count has gone ("with 60% of ballots counted"): what is counted, and the verbs
    saying so."""

    nouns: tuple[str, ...]
    verbs: tuple[str, ...]
    bare_verbs: tuple[str, ...]  # verbs that say it without a noun: "60% counted"


class Bases(NamedTuple):
    """Words telling a percentage change ("rose 5%") from a level ("rose to 5%")."""

    change_before: tuple[str, ...]
    change_after: tuple[str, ...]
    level_before: tuple[str, ...]


def _section(name: str) -> Any:
    return load("figures")[name]


def _number(value: object, where: str) -> float:
    """A number, or a fraction written "1/3600"."""
    if isinstance(value, bool):
        raise TypeError(f"knowledge data {where} must be a number")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and "/" in value:
        return float(Fraction(value))
    raise TypeError(f"knowledge data {where} must be a number or a fraction such as '1/60'")


def _qualifiers(name: str) -> Mapping[str, str]:
    table = string_map(_section(name), f"figures.{name}")
    unknown = sorted(set(table.values()) - QUALIFIERS)
    if unknown:
        raise ValueError(f"knowledge data figures.{name} names unknown qualifiers {unknown}")
    return MappingProxyType(table)


@cache
def scales() -> Mapping[str, float]:
    """Scale words written after a figure and their factor: "million" → 1e6, "bn" → 1e9."""
    raw = _section("scales")
    if not isinstance(raw, dict):
        raise TypeError("knowledge data figures.scales must be an object")
    return MappingProxyType({k: _number(v, f"figures.scales.{k}") for k, v in raw.items()})


@cache
def number_phrases() -> Mapping[str, str]:
    """Number words the number-word reader leaves alone, as digits: "a dozen" → "12"."""
    return MappingProxyType(string_map(_section("number_phrases"), "figures.number_phrases"))


@cache
def qualifier_words() -> Mapping[str, str]:
    """Words before a figure and the qualifier each makes: "more than" → "more_than"."""
    return _qualifiers("qualifier_words")


@cache
def qualifier_suffixes() -> Mapping[str, str]:
    """Words after a figure and the qualifier each makes: "or more" → "at_least"."""
    return _qualifiers("qualifier_suffixes")


@cache
def units() -> Mapping[str, Unit]:
    """Units by canonical name: "hour" → Unit("duration", 1.0, ("hours", "hr", ...))."""
    raw = _section("units")
    if not isinstance(raw, dict):
        raise TypeError("knowledge data figures.units must be an object")
    table: dict[str, Unit] = {}
    for name, unit in raw.items():
        where = f"figures.units.{name}"
        if not isinstance(unit, dict) or not isinstance(unit.get("dimension"), str):
            raise TypeError(f"knowledge data {where} must give a dimension, factor, spellings")
        table[name] = Unit(
            unit["dimension"],
            _number(unit.get("factor"), where),
            strings(unit.get("spellings", []), where),
        )
    return MappingProxyType(table)


@cache
def scaled_units() -> Mapping[str, ScaledUnit]:
    """Units written with their own scale: "mb/d" → ScaledUnit(1e6, "barrel per day")."""
    raw = _section("scaled_units")
    if not isinstance(raw, dict):
        raise TypeError("knowledge data figures.scaled_units must be an object")
    table: dict[str, ScaledUnit] = {}
    for word, scaled in raw.items():
        where = f"figures.scaled_units.{word}"
        if not isinstance(scaled, dict) or not isinstance(scaled.get("unit"), str):
            raise TypeError(f"knowledge data {where} must give a factor and a unit")
        table[word] = ScaledUnit(_number(scaled.get("factor"), where), scaled["unit"])
    return MappingProxyType(table)


@cache
def currency_signs() -> Mapping[str, str]:
    """The unit a sign written before a figure stands for: "$" → "USD"."""
    return MappingProxyType(string_map(_section("currency_signs"), "figures.currency_signs"))


@cache
def running_count_words() -> frozenset[str]:
    """Words of an attribute that counts something still being counted: "toll", "missing"."""
    return frozenset(strings(_section("running_count_words"), "figures.running_count_words"))


@cache
def level_dimensions() -> frozenset[str]:
    """Dimensions of a level that rises and falls ("length": a column of ash, a flood)."""
    return frozenset(strings(_section("level_dimensions"), "figures.level_dimensions"))


@cache
def growth_cues() -> tuple[str, ...]:
    """Words of a value saying the figure is provisional or has grown: "so far", "rose to"."""
    return strings(_section("growth_cues"), "figures.growth_cues")


@cache
def cased_units() -> Mapping[str, str]:
    """Unit abbreviations whose case tells them apart, as plain words: "Mt" → "million tonnes"
    (read before the text is folded to lower case, where "mt" is a metric ton)."""
    return MappingProxyType(string_map(_section("cased_units"), "figures.cased_units"))


@cache
def partial_cues() -> tuple[str, ...]:
    """Words of a value saying the figure is a snapshot of a count still under way, which a
    later figure replaces whether higher or lower: "preliminary", "partial results"."""
    return strings(_section("partial_cues"), "figures.partial_cues")


@cache
def final_cues() -> tuple[str, ...]:
    """Words of a value saying the count is complete: "final results", "all ballots counted"."""
    return strings(_section("final_cues"), "figures.final_cues")


@cache
def count_stage() -> CountStage:
    """What a count's progress is stated in: "with 60% of ballots counted"."""
    raw = _section("count_stage")
    if not isinstance(raw, dict):
        raise TypeError("knowledge data figures.count_stage must be an object")
    where = "figures.count_stage"
    return CountStage(*(strings(raw.get(k), f"{where}.{k}") for k in CountStage._fields))


@cache
def figure_bases() -> Bases:
    """Words before and after a percentage telling a change from a level."""
    raw = _section("bases")
    if not isinstance(raw, dict):
        raise TypeError("knowledge data figures.bases must be an object")
    return Bases(*(strings(raw.get(k), f"figures.bases.{k}") for k in Bases._fields))


@cache
def _plurals() -> tuple[Mapping[str, str], frozenset[str]]:
    raw = _section("plurals")
    if not isinstance(raw, dict):
        raise TypeError("knowledge data figures.plurals must be an object")
    irregular = string_map(raw.get("irregular"), "figures.plurals.irregular")
    return irregular, frozenset(strings(raw.get("invariant"), "figures.plurals.invariant"))


def _plural_word(word: str) -> str:
    irregular, invariant = _plurals()
    if word in irregular:
        return irregular[word]
    if word in invariant or word.endswith("s") or not word.isalpha() or len(word) < 3:
        return word
    if word.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@lru_cache(maxsize=1024)
def unit_plural(unit: str) -> str:
    """How a unit reads after a figure other than one: its head noun (the word before "per",
    else the last word) in the plural; codes, abbreviations and invariant nouns unchanged.

    >>> [unit_plural(u) for u in ("hour", "barrel per day", "person", "percent", "USD", "km/h")]
    ['hours', 'barrels per day', 'people', 'percent', 'USD', 'km/h']
    """
    irregular, invariant = _plurals()
    if unit in irregular:
        return irregular[unit]
    words = unit.split(" ")
    if unit in invariant or unit != unit.lower():
        return unit
    head = words.index("per") - 1 if "per" in words[1:] else len(words) - 1
    words[head] = _plural_word(words[head])
    return " ".join(words)


@cache
def period_spread() -> Mapping[str, float]:
    """How much a period's length varies, as a share of it ("month" -> 0.05: 28-31 days)."""
    table = _section("period_spread")
    return MappingProxyType(
        {str(k): _number(v, f"figures.period_spread.{k}") for k, v in table.items()}
    )


@cache
def exchange_rates() -> Rates:
    """The dated exchange rates sums in two currencies are compared at, and their spread."""
    raw = _section("exchange_rates")
    if not isinstance(raw, dict) or not isinstance(raw.get("usd_per_unit"), dict):
        raise TypeError("knowledge data figures.exchange_rates must give as_of, spread, rates")
    rates = {
        str(code): _number(rate, f"figures.exchange_rates.{code}")
        for code, rate in raw["usd_per_unit"].items()
    }
    spread = _number(raw.get("spread"), "figures.exchange_rates.spread")
    return Rates(str(raw.get("as_of", "")), spread, MappingProxyType(rates))


@cache
def rate_dimensions() -> Mapping[str, RateDimension]:
    """Dimensions that are flows, as an amount of a unit per period ("volume_rate" ->
    0.159 cubic metre per day)."""
    table = _section("rate_dimensions")
    if not isinstance(table, dict):
        raise TypeError("knowledge data figures.rate_dimensions must be an object")
    return MappingProxyType(
        {
            str(name): RateDimension(
                str(spec["unit"]),
                str(spec["per"]),
                _number(spec["factor"], f"figures.rate_dimensions.{name}"),
            )
            for name, spec in table.items()
        }
    )
