"""Press furniture: the words that name an outlet, label a page's date, open page-chrome lines,
and report speech, as ingest reads them to find a report's publication date and outlet."""

from __future__ import annotations

from functools import cache

from summarizer.knowledge._data import load, strings

__all__ = [
    "byline_openers",
    "chrome_openers",
    "copyright_marks",
    "date_labels",
    "future_year_words",
    "outlet_description_words",
    "outlet_words",
    "reporting_verbs",
]


def _words(key: str) -> tuple[str, ...]:
    return strings(load("press")[key], f"press.{key}")


@cache
def outlet_words() -> frozenset[str]:
    """Lower-case words that mark a name as an outlet's: "radio", "daily", "journal", ..."""
    return frozenset(w.lower() for w in _words("outlet_words"))


@cache
def outlet_description_words() -> frozenset[str]:
    """Lower-case words of the tagline after a site's name ("Business news from East Africa")."""
    return frozenset(w.lower() for w in _words("outlet_description_words"))


@cache
def date_labels() -> tuple[str, ...]:
    """Lower-case labels of a page's own date ("updated at", "published on"), longest first."""
    return tuple(sorted((w.lower() for w in _words("date_labels")), key=lambda w: (-len(w), w)))


@cache
def chrome_openers() -> tuple[str, ...]:
    """Lower-case first words of page-chrome lines ("home", "share", "related")."""
    return tuple(w.lower() for w in _words("chrome_openers"))


@cache
def byline_openers() -> tuple[str, ...]:
    """Lower-case words opening a byline ("by")."""
    return tuple(w.lower() for w in _words("byline_openers"))


@cache
def copyright_marks() -> tuple[str, ...]:
    """Lower-case marks opening a copyright line ("\u00a9", "(c)", "copyright")."""
    return tuple(w.lower() for w in _words("copyright_marks"))


@cache
def reporting_verbs() -> tuple[str, ...]:
    """Lower-case verbs that report speech or publication ("said", "reported", "told")."""
    return tuple(w.lower() for w in _words("reporting_verbs"))


@cache
def future_year_words() -> frozenset[str]:
    """Lower-case words before a year that point ahead ("by 2030", "until 2030")."""
    return frozenset(w.lower() for w in _words("future_year_words"))
