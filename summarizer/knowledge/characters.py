"""Characters that carry no words or stand for one another: quote marks, apostrophes, dashes,
and letters that Unicode decomposition leaves alone but readers take for plain Latin ones."""

from __future__ import annotations

from functools import cache

from summarizer.knowledge._data import load, string_map, strings

__all__ = [
    "apostrophes",
    "closing_marks",
    "dashes",
    "latin_letters",
    "opening_marks",
    "quotation_marks",
    "quote_like_marks",
]


@cache
def quotation_marks() -> dict[str, str]:
    """Every quotation mark and its kind ("double", "single", "guillemet", ...): a closing mark
    closes a quotation opened by a mark of its kind."""
    table = load("characters")["quotation_marks"]
    return {
        mark: str(kind)
        for kind, marks in table.items()
        for mark in strings(marks, "characters.quotation_marks")
    }


@cache
def opening_marks() -> frozenset[str]:
    """Quotation marks that open a quotation when their neighbours do not tell."""
    return frozenset(strings(load("characters")["opening_marks"], "characters.opening_marks"))


@cache
def closing_marks() -> frozenset[str]:
    """Quotation marks that close a quotation when their neighbours do not tell."""
    return frozenset(strings(load("characters")["closing_marks"], "characters.closing_marks"))


@cache
def quote_like_marks() -> frozenset[str]:
    """Every quotation mark, and the primes, accents and ornaments often typed for one."""
    extra = strings(load("characters")["quote_like_marks"], "characters.quote_like_marks")
    return frozenset(quotation_marks()) | frozenset(extra)


@cache
def apostrophes() -> frozenset[str]:
    """Characters written for an apostrophe (curly quotes, primes, modifier letters)."""
    return frozenset(strings(load("characters")["apostrophes"], "characters.apostrophes"))


@cache
def dashes() -> frozenset[str]:
    """Hyphens, dashes and minus signs, the ASCII hyphen-minus included."""
    return frozenset(strings(load("characters")["dashes"], "characters.dashes"))


@cache
def latin_letters() -> dict[str, str]:
    """Letters decomposition leaves alone, as the plain Latin letters readers take them for
    ("ß" → "ss", "ø" → "o", "ł" → "l")."""
    return string_map(load("characters")["letters"], "characters.letters")
