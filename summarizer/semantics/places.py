"""Places: whether two wordings of where something happened can name one place.

A place is read as its names (the words that say which place: "Komarno", "Hofburg") and the
countries or regions it names ("Hungarian", "in Slovakia"); words that only say what kind of
place it is ("the town hall", "the bridge") tell nothing either way. Two names are one name
when they differ only by diacritics, case, a transcription variant (Yekaterinburg /
Ekaterinburg, Nizhny / Nizhniy, Zuerich / Zurich), an abbreviation (St / Saint) or a known
other name of the place (Kyiv / Kiev, Bombay / Mumbai); otherwise they are two places, however
alike they look (Komarno in Slovakia, Komarom in Hungary). The words are data:
`summarizer/knowledge/data/places.json`, and the country table for countries and capitals.

Where one wording gives only a venue ("the Hofburg") and the other only a known town
("Vienna"), or one only a country and the other a town, nothing says whether the venue lies in
the town: the pair is left undecided, not called a conflict. So are two wordings of a venue in
one town ("the Labour Ministry, Brussels" / "the Federal Public Service Employment in
Brussels": a building, a body or a translated name) and two bodies of water (a bay lies in an
ocean): they are questions for the judge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from summarizer.knowledge.aliases import entities
from summarizer.knowledge.countries import capitals
from summarizer.knowledge.folding import fold_for_comparison, words
from summarizer.knowledge.gazetteer import gazetteer_towns
from summarizer.knowledge.names import transliteration_key
from summarizer.knowledge.places import (
    generic_place_words,
    institution_words,
    place_abbreviations,
    place_spellings,
    place_variants,
    seat_words,
    settlement_words,
    water_words,
)
from summarizer.normalize import STOPWORDS
from summarizer.semantics.times import is_known_town, zone_of_place

__all__ = [
    "PlaceRelation",
    "PlaceWords",
    "compare_places",
    "compare_seats",
    "place_name_key",
    "place_words",
    "towns_named",
]

PlaceRelation = Literal["same", "compatible", "conflict", "undecided"]


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """What a wording of a place says: its names (comparison keys, in order) and the countries
    or regions it names."""

    names: tuple[str, ...]
    regions: frozenset[str]
    towns: frozenset[str]  # the names that are known towns (capitals, cities of the clock)
    # the names of the place itself, before what it lies in ("the Kyzyl-Bel crossing in the
    # Batken region" -> the crossing's); all its names when it says nothing it lies in
    heads: tuple[str, ...] = ()


@cache
def _regions() -> dict[tuple[str, ...], str]:
    """The folded words of every country's and region's name, other names and demonyms."""
    table: dict[tuple[str, ...], str] = {}
    for entity in entities():
        if entity.kind in ("country", "region"):
            for spelling in (entity.name, *entity.spellings):
                key = tuple(words(spelling))
                if key:
                    table.setdefault(key, entity.name)
    return table


@cache
def _longest() -> int:
    return max(len(k) for k in (*_regions(), *place_variants()))


@lru_cache(maxsize=1 << 14)
def place_name_key(word: str) -> str:
    """The comparison key of one word of a place name: folded, transcribed (kh → h, y → i,
    doubled letters one, ...), then the place rules ("^ie" → "e", "ue" → "u")."""
    key = transliteration_key(word)
    for old, new in place_spellings():
        if old.startswith("^"):
            if key.startswith(old[1:]):
                key = new + key[len(old) - 1 :]
        else:
            key = key.replace(old, new)
    return key


_ABBREVIATION_DOT = re.compile(r"\b([A-Za-z]{1,3})\.")


_CONTAINER = re.compile(r",|\s(?:in|inside|within)\s", re.IGNORECASE)


@lru_cache(maxsize=1 << 14)
def place_words(text: str) -> PlaceWords:
    """The names, countries and regions a wording of a place gives."""
    found = _place_words(text)
    split = _CONTAINER.search(text)
    if split is None or split.start() == 0:
        return found
    heads = _place_words(text[: split.start()]).names
    return PlaceWords(found.names, found.regions, found.towns, heads or found.names)


def _place_words(text: str) -> PlaceWords:
    tokens = [place_abbreviations().get(t, t) for t in words(_ABBREVIATION_DOT.sub(r"\1", text))]
    names: list[str] = []
    regions: set[str] = set()
    towns: set[str] = set()
    generic = generic_place_words()
    i = 0
    while i < len(tokens):
        for size in range(min(_longest(), len(tokens) - i), 0, -1):
            span = tuple(tokens[i : i + size])
            variant = place_variants().get(span)
            if variant is not None:
                key = place_name_key(variant.replace(" ", ""))
                names.append(key)
                if variant in capitals() or is_known_town(variant):
                    towns.add(key)
                i += size
                break
            region = _regions().get(span)
            if region is not None:
                regions.add(region)
                i += size
                break
            joined = " ".join(span)
            if size > 1 and (joined in capitals() or is_known_town(joined)):
                key = place_name_key("".join(span))
                names.append(key)
                towns.add(key)
                i += size
                break
        else:
            token = tokens[i]
            if token not in STOPWORDS and token not in generic and not token.isdigit():
                key = place_name_key(token)
                names.append(key)
                if token in capitals() or is_known_town(token):
                    towns.add(key)
            i += 1
    return PlaceWords(tuple(names), frozenset(regions), frozenset(towns), tuple(names))


def _names_relation(
    a: PlaceWords, b: PlaceWords, text_a: str = "", text_b: str = ""
) -> PlaceRelation:
    if a.regions and b.regions and not a.regions & b.regions:
        return "conflict"  # in two countries: "Almaty, Kazakhstan" / "Almaty, Kyrgyzstan"
    na, nb = set(a.names), set(b.names)
    if na == nb or "".join(a.names) == "".join(b.names):
        # "Hanoi" / "Ha Noi": one name written in one word or two
        return "same" if a.regions == b.regions else "compatible"
    if na <= nb or nb <= na:
        return "compatible"
    if a.heads and set(a.heads) == set(b.heads) and not _two_towns(a, b):
        # one place said to lie in two areas ("in the Batken region", "in the Fergana
        # Valley"): a place lies in a region and a valley at once; not in two towns
        ca, cb = _container(text_a), _container(text_b)
        if not (_gazetteer_town(ca) and _gazetteer_town(cb)):
            return "compatible"
    if na & nb:
        return "conflict"
    if bool(a.towns) != bool(b.towns):
        # a venue and a town: the venue may lie in the town ("the Hofburg" / "Vienna"), unless
        # the gazetteer knows the venue's name for a town of its own ("Beira" / "Maputo")
        return "conflict" if _gazetteer_town(text_b if a.towns else text_a) else "undecided"
    head_a, head_b = _head(text_a), _head(text_b)
    if not a.towns and _gazetteer_town(head_a) != _gazetteer_town(head_b):
        return "undecided"  # "the Ponte Palace" / "Nampula": a venue, and a town it may be in
    return "conflict"


def _head(text: str) -> str:
    """A wording of a place up to what it says the place lies in ("the Kyzyl-Bel crossing in
    the Fergana Valley" -> "the Kyzyl-Bel crossing")."""
    split = _CONTAINER.search(text)
    return text if split is None or split.start() == 0 else text[: split.start()]


def _container(text: str) -> str:
    """What a wording of a place says it lies in ("... in the Fergana Valley"), or ""."""
    split = _CONTAINER.search(text)
    return "" if split is None or split.start() == 0 else text[split.end() :]


def _gazetteer_town(text: str) -> bool:
    """Whether a wording names a town the gazetteer knows (`knowledge.gazetteer`). A name
    written with hyphens is one name: all of it must be the town's ("Kyzyl-Bel" is not
    Kyzyl)."""
    skip = STOPWORDS | seat_words()
    chunks = [
        part for chunk in text.split() if (part := tuple(w for w in words(chunk) if w not in skip))
    ]
    towns = gazetteer_towns()
    return any(
        sum(chunks[i : i + size], ()) in towns
        for size in (3, 2, 1)
        for i in range(len(chunks) - size + 1)
    )


def _seat_of_a_body(a: str, b: str) -> bool:
    """Whether two wordings may name one venue as the seat of a body: they share a town or a
    name, and one names a body ("the Labour Ministry, Brussels" / "the Federal Public Service
    Employment in Brussels"; "the SADC headquarters" / "the SADC secretariat"), which is named
    by its building, its name or in translation. "Hotel Rixos, Astana" / "Hotel Hilton, Astana"
    name two buildings."""
    pa, pb = place_words(a), place_words(b)
    if not set(pa.names) & set(pb.names):
        return False
    return bool((set(words(a)) | set(words(b))) & institution_words())


def _in_two_gazetteer_towns(a: str, b: str) -> bool:
    """Whether two wordings say their places lie in two towns the gazetteer knows ("the
    regional government's offices, Lyon" / "the Government Office, Paris"): two seats of
    bodies in two towns are two places."""
    ca, cb = _container(a), _container(b)
    if not (_gazetteer_town(ca) and _gazetteer_town(cb)):
        return False
    return not set(place_words(ca).names) & set(place_words(cb).names)


def _two_towns(a: PlaceWords, b: PlaceWords) -> bool:
    return bool(a.towns) and bool(b.towns) and not a.towns & b.towns


def _names_water(text: str) -> bool:
    return bool(set(words(text)) & water_words())


@cache
def _settlement_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    kinds = "|".join(re.escape(k) for k in settlement_words())
    name = r"([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+){0,2})"
    return (
        # "Hella, the town closest to the volcano", "Vik, a small fishing village"
        re.compile(name + rf",\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{kinds})\b"),
        # "the town of Hella", "in the village of Vik"
        re.compile(rf"\b(?:{kinds})\s+of\s+" + name),
    )


def towns_named(passages: Iterable[str]) -> frozenset[str]:
    """The names that passages call a town or a village ("Hella, the town closest to the
    volcano", "the village of Vik"), as place-name keys."""
    found: set[str] = set()
    for passage in passages:
        for pattern in _settlement_patterns():
            for match in pattern.finditer(passage):
                found.update(_place_words(match.group(1)).names)
    return frozenset(found)


def _with_towns(p: PlaceWords, towns: frozenset[str]) -> PlaceWords:
    known = frozenset(n for n in p.names if n in towns)
    if not known - p.towns:
        return p
    return PlaceWords(p.names, p.regions, p.towns | known, p.heads)


def compare_places(a: str, b: str, towns: frozenset[str] = frozenset()) -> PlaceRelation:
    """How two wordings of one event's place relate.

    "same": the same names (in any spelling the rules join); "compatible": one is more precise
    than the other ("Vienna" / "the Hofburg in Vienna", "Almaty" / "Almaty, Kazakhstan");
    "conflict": two different places; "undecided": nothing says whether one lies in the other.
    `towns`: names the reports' own passages call towns (`towns_named`), read as towns only
    where the wordings alone leave the pair undecided.
    """
    relation = _compare_places(a, b, frozenset())
    if relation == "undecided" and towns:
        return _compare_places(a, b, towns)
    return relation


def _compare_places(a: str, b: str, towns: frozenset[str]) -> PlaceRelation:
    if _names_water(a) or _names_water(b):
        # a bay lies in an ocean, a strait between two seas: only the same name decides
        return "same" if place_words(a).names == place_words(b).names else "undecided"
    pa, pb = _with_towns(place_words(a), towns), _with_towns(place_words(b), towns)
    if pa.names and pb.names:
        relation = _names_relation(pa, pb, a, b)
        if (
            relation == "conflict"
            and _seat_of_a_body(a, b)
            and not _two_towns(pa, pb)
            and not _in_two_gazetteer_towns(a, b)
        ):
            return "undecided"
        return relation
    if pa.names or pb.names:
        named, other = (pa, pb) if pa.names else (pb, pa)
        if not other.regions:
            return "undecided"  # "the town hall": no name to compare
        if named.regions:
            return "compatible" if other.regions <= named.regions else "conflict"
        za, zb = zone_of_place(a), zone_of_place(b)
        if za is not None and zb is not None and za != zb:
            return "conflict"  # their clocks show they lie apart
        return "undecided"
    if pa.regions and pb.regions:
        if pa.regions == pb.regions:
            return "same"
        return "compatible" if pa.regions <= pb.regions or pb.regions <= pa.regions else "conflict"
    return "same" if fold_for_comparison(a) == fold_for_comparison(b) else "undecided"


def compare_seats(a: str, b: str, towns: frozenset[str] = frozenset()) -> PlaceRelation:
    """How two wordings of a body's seat relate ("Ostrava-based" / "Opava-headquartered").

    A seat is a town, so two bare names that no rule makes one ("Opava" / "Ostrava",
    "Copenhagen" / "Aarhus") are two towns: a conflict, where the place of an event would be
    left undecided (a venue may lie in a town). A wording that names a venue or a district
    ("the Hofburg", "offices in the old town") is compared as any place.
    """
    relation = compare_places(a, b, towns)
    if relation == "undecided" and _bare_name(a) and _bare_name(b):
        return "conflict"
    return relation


def _bare_name(text: str) -> bool:
    """Whether a wording gives only a name (and words saying it is a seat): "Opava-based",
    "headquartered in Ostrava"; not "the town hall", "the ministry in Opava"."""
    tokens = [t for t in words(text) if t not in STOPWORDS and t not in seat_words()]
    kinds = generic_place_words() | institution_words() | water_words()
    return bool(tokens) and not any(t in kinds or t.isdigit() for t in tokens)
