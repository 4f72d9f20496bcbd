"""Office words: the offices people hold, their ranks, and the words of titles, unnamed
officials and bodies (in the canonical forms of the phrase aliases: "secretary_general")."""

from __future__ import annotations

from functools import cache

from summarizer.knowledge._data import load, string_map, strings

__all__ = [
    "body_words",
    "function_offices",
    "individual_words",
    "office_synonyms",
    "offices",
    "rank_order",
    "ranks",
    "tenure_words",
    "title_words",
]


def _words(name: str) -> frozenset[str]:
    return frozenset(strings(load("offices")[name], f"offices.{name}"))


@cache
def offices() -> frozenset[str]:
    """Offices a person holds: "minister", "secretary_general", "ambassador", ..."""
    return _words("offices")


@cache
def ranks() -> frozenset[str]:
    """Words that rank an office: "deputy", "vice", "acting", "former", ..."""
    return _words("ranks")


@cache
def individual_words() -> frozenset[str]:
    """Words that make a name an unnamed individual: "official", "spokesperson", ..."""
    return _words("individual_words")


@cache
def body_words() -> frozenset[str]:
    """Words that make a name a body: "ministry", "press service", "council", ..."""
    return _words("body_words")


@cache
def title_words() -> frozenset[str]:
    """Every word of a title or office written before a name ("Russian Deputy Foreign
    Minister ..."): individuals' and bodies' words, ranks, portfolios, offices."""
    return individual_words() | body_words() | _words("title_words")


@cache
def rank_order() -> tuple[str, ...]:
    """Ranks of one office, lowest first ("assistant", ..., "deputy", "first deputy"): two
    ranks of one office in one body cannot be held at once."""
    return strings(load("offices")["rank_order"], "offices.rank_order")


@cache
def tenure_words() -> frozenset[str]:
    """Words that say when or how an office is held ("acting", "former"), not which office."""
    return _words("tenure_words")


@cache
def office_synonyms() -> dict[str, str]:
    """Each spelling of an office and its canonical form ("chairman" -> "chair")."""
    return string_map(load("offices")["office_synonyms"], "offices.office_synonyms")


@cache
def function_offices() -> frozenset[str]:
    """Offices that describe a function any office holder may perform (a negotiator)."""
    return _words("function_offices")
