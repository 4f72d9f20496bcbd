"""Aliases: organisations, countries (from the country table) and bodies under their
spellings, phrase synonyms, and the news agencies an article may re-tell."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from summarizer.knowledge._data import load, strings
from summarizer.knowledge.countries import countries

__all__ = ["Entity", "EntityKind", "entities", "news_agencies", "phrases"]

EntityKind = Literal["organization", "country", "region", "body"]
_KINDS: frozenset[str] = frozenset({"organization", "country", "region", "body"})


@dataclass(frozen=True, slots=True)
class Entity:
    """An organisation, country, region or body, and the other spellings that name it."""

    name: str  # as shown: "NATO", "US", "NATO-Russia Council"
    kind: EntityKind
    spellings: tuple[str, ...]  # acronyms, full names, adjectives, capitals, other word orders


def _kind(value: object) -> EntityKind:
    if value == "organization":
        return "organization"
    if value == "country":
        return "country"
    if value == "region":
        return "region"
    if value == "body":
        return "body"
    raise TypeError(f"aliases.json: kind must be one of {sorted(_KINDS)}, not {value!r}")


@cache
def entities() -> tuple[Entity, ...]:
    """Every entity of the alias data, in its order (the first to give a spelling owns it),
    then every country of the country table under its other names and demonyms. A capital is
    not among its country's spellings: it is a town of its own."""
    listed = tuple(
        Entity(
            name=str(item["name"]),
            kind=_kind(item["kind"]),
            spellings=strings(item["spellings"], "aliases.entities"),
        )
        for item in load("aliases")["entities"]
    )
    return listed + tuple(
        Entity(name=c.name, kind="country", spellings=(*c.other_names, *c.demonyms))
        for c in countries()
    )


@cache
def phrases() -> dict[str, tuple[str, ...]]:
    """Canonical word → words or phrases meaning the same in names of meetings, roles and
    topics, and British spellings. A canonical form with "_" is one word ("secretary_general")."""
    return {
        str(canonical): strings(spellings, "aliases.phrases")
        for canonical, spellings in load("aliases")["phrases"].items()
    }


@cache
def news_agencies() -> tuple[str, ...]:
    """News agencies whose reports other outlets re-tell ("as per Sputnik", "Reuters reported")."""
    return strings(load("aliases")["news_agencies"], "aliases.news_agencies")
