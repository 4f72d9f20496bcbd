"""Office words: the offices people hold, their ranks, and the words of titles, unnamed
officials and bodies (in the canonical forms of the phrase aliases: "secretary_general")."""

from __future__ import annotations

from functools import cache

from summarizer.knowledge._data import load, string_map, strings

__all__ = [
    "body_heads",
    "body_words",
    "chambers",
    "function_offices",
    "generic_bodies",
    "government_offices",
    "individual_words",
    "not_now_words",
    "office_synonyms",
    "offices",
    "one_holder_posts",
    "outside_bodies",
    "presiding_offices",
    "rank_order",
    "rank_phrases",
    "rank_synonyms",
    "ranks",
    "service_offices",
    "service_words",
    "stand_in_words",
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
def rank_synonyms() -> dict[str, str]:
    """Ranks written in other words and the rank of `rank_order` each is ("vice" ->
    "deputy": a vice-chair is the deputy chair)."""
    return string_map(load("offices")["rank_synonyms"], "offices.rank_synonyms")


@cache
def tenure_words() -> frozenset[str]:
    """Words that say when or how an office is held ("acting", "former"), not which office."""
    return _words("tenure_words")


@cache
def office_synonyms() -> dict[str, str]:
    """Each spelling of an office and its canonical form ("chairman" -> "chair")."""
    return string_map(load("offices")["office_synonyms"], "offices.office_synonyms")


@cache
def rank_phrases() -> dict[str, str]:
    """Wordings that give an office at a rank after the office word, and the same with the
    rank before it ("minister of state" -> "junior minister")."""
    return string_map(load("offices")["rank_phrases"], "offices.rank_phrases")


@cache
def function_offices() -> frozenset[str]:
    """Offices that describe a function any office holder may perform (a negotiator)."""
    return _words("function_offices")


@cache
def presiding_offices() -> frozenset[str]:
    """Offices that preside over a chamber ("speaker", "marshal"): one person presides over
    one chamber."""
    return _words("presiding_offices")


@cache
def chambers() -> dict[str, str]:
    """Names of a legislature's chambers and which one each is ("senate" -> "upper")."""
    return string_map(load("offices")["chambers"], "offices.chambers")


@cache
def one_holder_posts() -> tuple[frozenset[str], ...]:
    """Groups of offices of one body a person holds only one of at a time (a union's
    president is not its secretary)."""
    groups = load("offices")["one_holder_posts"]
    return tuple(frozenset(strings(g, "offices.one_holder_posts")) for g in groups)


@cache
def generic_bodies() -> frozenset[str]:
    """Words of a body's name that say what kind of body it is ("union"), not which one."""
    return _words("generic_bodies")


@cache
def body_heads() -> frozenset[str]:
    """Offices whose holder heads a body ("director", "head"): the same office of a unit within
    the body (its emergency director) is another post than the body's own (its director)."""
    return _words("body_heads")


@cache
def stand_in_words() -> frozenset[str]:
    """Tenure words of one standing in for an office's holder ("acting", "interim")."""
    return _words("stand_in_words")


@cache
def not_now_words() -> frozenset[str]:
    """Tenure words of a post not held now ("former", "elect")."""
    return _words("not_now_words")


@cache
def government_offices() -> frozenset[str]:
    """Offices of the members of a government ("minister", "commissioner")."""
    return _words("government_offices")


@cache
def service_offices() -> frozenset[str]:
    """Offices of the civil servants who run a government's departments ("director")."""
    return _words("service_offices")


@cache
def outside_bodies() -> frozenset[str]:
    """Words of bodies outside government whose director a minister may be ("campaign")."""
    return _words("outside_bodies")


@cache
def service_words() -> frozenset[str]:
    """Words making an office word a post of the civil or uniformed service ("police")."""
    return _words("service_words")
