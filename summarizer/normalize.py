"""Deterministic value normalisation: dates, times, names, aliases, roles, places and topics."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from rapidfuzz import fuzz

from summarizer.knowledge.aliases import Entity, entities, phrases
from summarizer.knowledge.calendar import month_spellings
from summarizer.knowledge.clock import country_zones
from summarizer.knowledge.countries import capitals, seats
from summarizer.knowledge.folding import fold_for_comparison, words
from summarizer.knowledge.meetings import undistinctive_meeting_words
from summarizer.knowledge.names import honorifics, nickname_keys, particles, transliteration_key
from summarizer.knowledge.offices import individual_words, offices, ranks, title_words

__all__ = [
    "STOPWORDS",
    "TIME_ZONES",
    "NameKey",
    "RoleRelation",
    "SpeakerKind",
    "canonical_tokens",
    "countries_named",
    "date_distance_days",
    "date_mentioned",
    "date_precision",
    "dates_compatible",
    "descriptive_key",
    "given_names_compatible",
    "idf_weights",
    "known_organizations",
    "meeting_name_words",
    "name_key",
    "name_keys_compatible",
    "name_other_countries",
    "names_compatible",
    "org_key",
    "orgs_compatible",
    "personal_name",
    "place_key",
    "places_compatible",
    "region_only",
    "role_key",
    "role_relation",
    "speaker_kind",
    "stem",
    "surnames_similar",
    "text_key",
    "time_key",
    "times_compatible",
    "topic_key",
    "topics_similar",
    "undistinctive_meeting_keys",
    "weighted_similarity",
    "year_hint",
]


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- words ----------------------------------------------------------------------------------


def stem(word: str) -> str:
    """A light English stem for similarity keys (never shown): plural, -ed, -ing, final e."""
    if word.isdigit() or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


# --- aliases ----------------------------------------------------------------------------------

_Table = dict[tuple[str, ...], tuple[str, ...]]


# For each table `_replace` has been given (tables are built once and never change): the
# length of its longest key by the key's first word, with the table itself, so that an id is
# never taken for another table's. A word that starts no key is passed over at once.
_LONGEST: dict[int, tuple[Mapping[tuple[str, ...], tuple[str, ...]], dict[str, int]]] = {}


def _longest(table: Mapping[tuple[str, ...], tuple[str, ...]]) -> dict[str, int]:
    found = _LONGEST.get(id(table))
    if found is None or found[0] is not table:
        longest: dict[str, int] = {}
        for key in table:
            if key and len(key) > longest.get(key[0], 0):
                longest[key[0]] = len(key)
        found = _LONGEST[id(table)] = (table, longest)
    return found[1]


def _replace(tokens: Sequence[str], table: Mapping[tuple[str, ...], tuple[str, ...]]) -> list[str]:
    longest = _longest(table)
    out: list[str] = []
    i = 0
    count = len(tokens)
    while i < count:
        reach = longest.get(tokens[i], 0)
        for size in range(min(reach, count - i), 0, -1):
            target = table.get(tuple(tokens[i : i + size]))
            if target is not None:
                out.extend(target)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _compile(table: Mapping[str, tuple[str, ...]], before: _Table | None) -> _Table:
    compiled: _Table = {}
    for canonical, spellings in table.items():
        target = (canonical,) if "_" in canonical else tuple(canonical.split())
        for spelling in (*spellings, canonical.replace("_", " ")):
            key = tuple(words(spelling))
            if before is not None:
                key = tuple(_replace(key, before))
            if key and key != target and key not in compiled:
                compiled[key] = target
    return compiled


def _canonical(entity: Entity) -> str:
    """The canonical form of an alias entity: the folded words of its name ("nato russia
    council" for "NATO-Russia Council")."""
    return " ".join(words(entity.name))


@cache
def _tables() -> tuple[_Table, _Table]:
    """The phrase table, then the alias table (its spellings read after phrase replacement)."""
    phrase_table = _compile(phrases(), None)
    aliases = {_canonical(e): e.spellings for e in entities()}
    return phrase_table, _compile(aliases, phrase_table)


@lru_cache(maxsize=1 << 16)
def canonical_tokens(text: str) -> tuple[str, ...]:
    """Folded words with phrase synonyms, then aliases, replaced by their canonical words."""
    phrase_table, alias_table = _tables()
    return tuple(_replace(_replace(words(text), phrase_table), alias_table))


@cache
def _org_words() -> frozenset[str]:
    """Canonical words that name an organisation or a country."""
    named = frozenset(w for e in entities() for w in _canonical(e).split())
    return named | _wordset("kremlin ministry council committee government")


@cache
def known_organizations() -> frozenset[str]:
    """The canonical one-word names of the alias data's organisations, countries and regions
    ("nato", "us", "russia", ...)."""
    return frozenset(
        _canonical(e) for e in entities() if e.kind != "body" and " " not in _canonical(e)
    )


STOPWORDS = _wordset(
    "a an the of on in at to for from by with and or but as about into over under between "
    "among its it their his her this that these those is are was were be been being will would "
    "should could can may might must shall has have had do does did not no nor so than then too "
    "very also just only any all both each more most other some such own same there here when "
    "where which who whom whose what why how up down out off again further once s t via per "
    "says said say told tells according"
)


@lru_cache(maxsize=1 << 16)
def text_key(text: str) -> tuple[str, ...]:
    """Canonical stemmed content words, in order, stopwords removed."""
    return tuple(stem(w) for w in canonical_tokens(text) if w not in STOPWORDS)


# --- organisations ------------------------------------------------------------------------------


@cache
def _capital_table() -> _Table:
    """Each capital's and seat of government's words → its country's canonical words."""
    names = {e.name: _canonical(e) for e in entities() if e.kind == "country"}
    grouped: dict[str, list[str]] = defaultdict(list)
    for place, country in (*capitals().items(), *seats().items()):
        if country in names:
            grouped[names[country]].append(place)
    return _compile({k: tuple(v) for k, v in grouped.items()}, None)


@lru_cache(maxsize=1 << 14)
def org_key(text: str) -> frozenset[str]:
    """The canonical words naming an organisation ("the alliance" → {"nato"}). A capital
    speaking or proposing stands for its country's government ("Moscow" → {"russia"}); as a
    place it stays a town (`place_key`)."""
    tokens = _replace(canonical_tokens(text), _capital_table())
    return frozenset(w for w in tokens if w not in STOPWORDS)


def orgs_compatible(a: str, b: str) -> bool:
    """Same organisation, or one is part of the other ("Russia" / "Russian Foreign Ministry");
    never two countries whose names contain one another ("Sudan" / "South Sudan")."""
    ka, kb = org_key(a), org_key(b)
    return bool(ka and kb) and (ka <= kb or kb <= ka) and not name_other_countries(a, b)


@cache
def _country_table() -> _Table:
    """Each spelling of a country (name, other names, demonyms) → a marked token of its name."""
    table: _Table = {}
    for entity in entities():
        if entity.kind == "country":
            for spelling in (entity.name, *entity.spellings):
                key = tuple(words(spelling))
                if key:
                    table.setdefault(key, (_COUNTRY + entity.name,))
    return table


_COUNTRY = "\x00"


@lru_cache(maxsize=1 << 14)
@lru_cache(maxsize=1 << 14)
def countries_named(text: str) -> frozenset[str]:
    """The countries a wording names, by name, other name or demonym ("Ghana's share" →
    {"Ghana"}, "Slovak-Hungarian session" → {"Slovakia", "Hungary"}); capitals are towns."""
    tokens = _replace(words(text), _country_table())
    return frozenset(t[1:] for t in tokens if t.startswith(_COUNTRY))


def name_other_countries(a: str, b: str) -> bool:
    """Whether two wordings of a subject are about different countries: each names a country
    the other does not ("Ghana's share of the cut" / "Nigeria's share of the cut"). A wording
    naming none, or only some of the other's, may be the same subject."""
    ca, cb = countries_named(a), countries_named(b)
    return bool(ca - cb) and bool(cb - ca)


# --- dates and times -------------------------------------------------------------------------


@lru_cache(maxsize=1 << 12)
def _parts(iso: str) -> tuple[int, ...]:
    return tuple(int(p) for p in iso.split("-")[:3])


def date_precision(iso: str) -> int:
    """1 for a year, 2 for a month, 3 for a day."""
    return len(_parts(iso))


@lru_cache(maxsize=1 << 16)
def dates_compatible(a: str, b: str) -> bool:
    """True when two ISO dates can name the same day (2022-01 and 2022-01-12 can)."""
    pa, pb = _parts(a), _parts(b)
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


def _first_day(iso: str) -> dt.date:
    parts = _parts(iso)
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@lru_cache(maxsize=1 << 16)
def date_distance_days(a: str, b: str) -> int:
    """Days between the first days the two dates can name; 0 when they are compatible."""
    if dates_compatible(a, b):
        return 0
    return abs((_first_day(a) - _first_day(b)).days)


_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def year_hint(text: str) -> str | None:
    """The one year written in a name ("RNC meeting (summer 2019)" → "2019"), or None."""
    years = sorted(set(_YEAR.findall(text)))
    return years[0] if len(years) == 1 else None


@lru_cache(maxsize=1 << 12)
def _date_pattern(iso: str) -> re.Pattern[str]:
    parts = _parts(iso)
    year = f"{parts[0]:04d}"
    if len(parts) == 1:
        return re.compile(rf"\b{year}\b")
    month_re = "(?:" + "|".join(month_spellings(parts[1])) + r")\.?"
    if len(parts) == 2:
        return re.compile(rf"\b{month_re}\b|\b{year}-{parts[1]:02d}\b")
    day = parts[2]
    return re.compile(
        rf"\b{month_re}\s+{day}(?:st|nd|rd|th)?\b"
        rf"|\b{day}(?:st|nd|rd|th)?\s+(?:of\s+)?{month_re}\b"
        rf"|\b{year}-{parts[1]:02d}-{day:02d}\b"
        rf"|\b{day:02d}\.{parts[1]:02d}\.{year}\b"
    )


def date_mentioned(iso: str, text: str) -> bool:
    """Whether `text` writes the date out ("January 12", "12 January", "2022-01-12")."""
    try:
        pattern = _date_pattern(iso)
    except (ValueError, IndexError):
        return False
    return pattern.search(fold_for_comparison(text)) is not None


_TIME = re.compile(r"\b(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*([a-z]{2,4})\b)?")
# Offsets in minutes of the time zones wire reports commonly name.
TIME_ZONES: dict[str, int] = {
    "gmt": 0,
    "utc": 0,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "eet": 120,
    "eest": 180,
    "msk": 180,
    "ist": 330,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "pst": -480,
    "pdt": -420,
    "jst": 540,
}


def _parse_time(text: str) -> tuple[int, int | None] | None:
    """The first time written: minutes after midnight on its clock and its zone's offset."""
    for match in _TIME.finditer(fold_for_comparison(text)):
        hour, minute, half, zone = match.groups()
        if minute is None and half is None:
            continue  # a bare number is not a time
        h, m = int(hour), int(minute or 0)
        if half:
            if not 1 <= h <= 12:
                continue
            h = h % 12 + (12 if half.startswith("p") else 0)
        if h > 23 or m > 59:
            continue
        return h * 60 + m, TIME_ZONES.get(zone or "")
    return None


def time_key(text: str) -> tuple[int, bool] | None:
    """Minutes after midnight, in UTC when a known time zone is written, and whether it is UTC.

    Only the first time written counts: "09:00 GMT (2:30 pm IST)" → (540, True).
    """
    parsed = _parse_time(text)
    if parsed is None:
        return None
    clock, offset = parsed
    if offset is None:
        return clock, False
    return (clock - offset) % (24 * 60), True


def times_compatible(a: str, b: str) -> bool:
    """The same moment: equal in UTC when both name a zone, else the same clock reading."""
    pa, pb = _parse_time(a), _parse_time(b)
    if pa is None or pb is None:
        return (pa is None and pb is None) or fold_for_comparison(a) == fold_for_comparison(b)
    if pa[1] is not None and pb[1] is not None:
        return (pa[0] - pa[1]) % 1440 == (pb[0] - pb[1]) % 1440
    return pa[0] == pb[0]


# --- personal names -----------------------------------------------------------------------------

SpeakerKind = Literal["person", "individual", "body"]


@dataclass(frozen=True, slots=True)
class NameKey:
    """A personal name reduced for comparison: transliteration keys of given name and surname."""

    given: str | None
    surname: str


def _is_title(token: str) -> bool:
    # a capital or seat stands for its government ("Washington"): no personal name
    canonical = _replace(canonical_tokens(token), _capital_table())
    return bool(canonical) and all(
        t in title_words() or t in honorifics() or t in _org_words() or t in STOPWORDS
        for t in canonical
    )


# Words that join the parts of a body's name; a person's name never follows one directly.
_CONNECTORS = _wordset("of and for &")


@lru_cache(maxsize=1 << 14)
def personal_name(name: str) -> str | None:
    """The personal name inside a written name, titles dropped, or None when there is none.

    "NATO Secretary General Jens Stoltenberg" → "Jens Stoltenberg"; "NATO official" → None;
    "Washington" → None (a capital standing for its government).
    """
    tokens = [t.strip(".,;:()[]\"'") for t in name.replace(",", " ").split()]
    tokens = [t for t in tokens if t]
    run: list[str] = []
    for token in reversed(tokens):
        if fold_for_comparison(token) in particles() and run:
            run.insert(0, token)
            continue
        lead = token[:1]
        if _glued_particle(token):
            lead = token.split("-", 1)[1][:1]  # "al-Kuwari", "el-Sisi": a surname
        if not lead.isalpha() or lead.islower() or _is_title(token):
            break
        run.insert(0, token)
    if all(fold_for_comparison(t) in particles() for t in run):
        return None
    before = len(tokens) - len(run) - 1
    if len(run) == 1 and before >= 0 and fold_for_comparison(tokens[before]) in _CONNECTORS:
        return None  # the end of a body's name: "Ministry of Economy and Development"
    if len(run) == 1 and len(run[0]) <= 5 and run[0].isupper():
        return None  # an acronym
    return " ".join(run)


def _glued_particle(token: str) -> bool:
    """Whether a word is a surname written with its particle glued on in lower case
    ("al-Kuwari", "el-Sisi"; not "al-Qaeda-linked", not "anti-Western")."""
    head, _, rest = token.partition("-")
    return bool(rest) and head in particles() and rest[:1].isupper() and "-" not in rest


@lru_cache(maxsize=1 << 14)
def speaker_kind(name: str) -> SpeakerKind:
    """Whether a name is a person's name, an unnamed individual ("NATO official") or a body."""
    if personal_name(name) is not None:
        return "person"
    if any(t in individual_words() for t in canonical_tokens(name)):
        return "individual"
    return "body"


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> NameKey | None:
    """The comparison key of a personal name, or None when it is an office or a body."""
    written = personal_name(name)
    if written is None:
        return None
    raw = [fold_for_comparison(t).rstrip(".") for t in written.split()]
    raw = [t for t in raw if t and t not in honorifics()]
    if not raw:
        return None
    surname_words = [raw[-1]]
    i = len(raw) - 2
    while i >= 0 and raw[i] in particles():
        surname_words.insert(0, raw[i])
        i -= 1
    surname = transliteration_key("".join(surname_words))
    given: str | None = None
    if i >= 0:
        given = transliteration_key(raw[0])
        given = nickname_keys().get(given, given)
    return NameKey(given=given or None, surname=surname)


def surnames_similar(a: str, b: str) -> bool:
    """Transliteration keys equal, or close enough to be one name (Stoltenberg / Stoltenburg).

    Gendered forms stay apart: Ivanov is not Ivanova.
    """
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[0] != b[0]:
        return False
    if a + "a" == b or b + "a" == a:
        return False
    return fuzz.ratio(a, b) >= 85.0


def given_names_compatible(a: str | None, b: str | None) -> bool:
    """Missing, an initial of the other, the same key, or a close spelling."""
    if a is None or b is None:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b or (a[0] == b[0] and fuzz.ratio(a, b) >= 80.0)


def name_keys_compatible(a: NameKey, b: NameKey) -> bool:
    """Whether two name keys can be one person. At most one part may differ in spelling:
    "Jens Stoltenburg" and "Aleksandr Grushko" match, two near-misses at once do not."""
    if not surnames_similar(a.surname, b.surname):
        return False
    if not given_names_compatible(a.given, b.given):
        return False
    both_full = a.given is not None and b.given is not None and min(len(a.given), len(b.given)) > 1
    return a.surname == b.surname or not both_full or a.given == b.given


def names_compatible(a: str, b: str) -> bool:
    """Whether two written names can be one person (spelling, transliteration, surname only)."""
    ka, kb = name_key(a), name_key(b)
    if ka is None or kb is None:
        return ka is None and kb is None and descriptive_key(a) == descriptive_key(b)
    return name_keys_compatible(ka, kb)


def descriptive_key(name: str, organization: str | None = None) -> frozenset[str]:
    """The key of an unnamed speaker: its canonical words plus its organisation's."""
    key = {stem(w) for w in canonical_tokens(name) if w not in STOPWORDS}
    if organization:
        key |= org_key(organization)
    return frozenset(key)


# --- roles --------------------------------------------------------------------------------------


@cache
def _role_noise() -> frozenset[str]:
    """Words dropped from roles: organisation words ("NATO Secretary General" is a Secretary
    General), and stopwords."""
    return STOPWORDS | (_org_words() - {"council", "committee", "ministry"})


RoleRelation = Literal["same", "compatible", "different", "incompatible"]


@dataclass(frozen=True, slots=True)
class _Role:
    offices: frozenset[str]
    ranks: frozenset[str]
    qualifiers: frozenset[str]


@lru_cache(maxsize=1 << 12)
def _role(text: str) -> _Role:
    tokens = list(canonical_tokens(text))
    if "to" in tokens[1:]:
        # "Aide to the Russian leader": the office is what comes before "to"
        tokens = tokens[: tokens.index("to", 1)]
    noise = _role_noise()
    kept = [t for t in tokens if t not in noise]
    return _Role(
        offices=frozenset(t for t in kept if t in offices()),
        ranks=frozenset(t for t in kept if t in ranks()),
        qualifiers=frozenset(stem(t) for t in kept if t not in offices() and t not in ranks()),
    )


def role_key(text: str) -> tuple[str, ...]:
    """The wording-free key of a role: "NATO Secretary-General" → ("secretary_general",)."""
    role = _role(text)
    return tuple(sorted(role.offices | role.ranks | role.qualifiers))


def role_relation(a: str, b: str) -> RoleRelation:
    """How two role wordings for one person relate.

    "same": one role in two spellings ("Secretary General" / "Secretary-General");
    "compatible": one is a fuller wording of the other ("Kremlin Aide" / "Aide to the Russian
    leader"); "different": two offices a person may hold at once ("Secretary General" / "Chair
    of the NATO-Russia Council"); "incompatible": the same office at another rank or portfolio
    ("Deputy Foreign Minister" / "Foreign Minister", "Foreign Minister" / "Defense Minister").
    """
    if role_key(a) == role_key(b):
        return "same"
    ra, rb = _role(a), _role(b)
    if ra.offices and rb.offices:
        if not ra.offices & rb.offices:
            return "different"
        if ra.ranks != rb.ranks:
            return "incompatible"
        if ra.qualifiers and rb.qualifiers and not ra.qualifiers & rb.qualifiers:
            return "incompatible"
        return "compatible"
    ka, kb = set(role_key(a)), set(role_key(b))
    if (ka <= kb or kb <= ka) and ra.ranks == rb.ranks:
        return "compatible"
    return "different"


# --- places -------------------------------------------------------------------------------------

_PLACE_NOISE = STOPWORDS | _wordset(
    "headquarters hq building city capital venue offices office center palace hall room premises"
)


@lru_cache(maxsize=1 << 12)
def place_key(text: str) -> frozenset[str]:
    """The words that locate a place ("NATO headquarters in Brussels" → {"nato", "brussels"})."""
    return frozenset(w for w in words(text) if w not in _PLACE_NOISE)


_PLACE_PARTS = re.compile(r",|;|\(|\)|\s+(?:in|at|near|outside)\s+", re.IGNORECASE)


def _place_parts(text: str) -> list[frozenset[str]]:
    """The place words of each part of a place, most specific first ("Hotel X, Geneva")."""
    parts = (place_key(part) for part in _PLACE_PARTS.split(text))
    return [part for part in parts if part]


def places_compatible(a: str, b: str) -> bool:
    """Whether two places can be one venue: one lies inside the other, or they are the same.

    A part of one place ("Brussels" of "NATO headquarters in Brussels", parts split at commas
    and "in" / "at") must be found whole in a part of the other, and no two parts may merely
    share a word: "San Francisco" and "San Diego", or "Hotel X, Geneva" and "Hotel Y, Vienna",
    are different places; "Brussels" and "NATO headquarters in Brussels" are compatible.
    """
    ka, kb = place_key(a), place_key(b)
    if not ka or not kb:
        return fold_for_comparison(a) == fold_for_comparison(b)
    related = False
    for pa in _place_parts(a):
        for pb in _place_parts(b):
            if pa <= pb or pb <= pa:
                related = True
            elif pa & pb:
                return False  # two places that only share a word: San Francisco / San Diego
    return related


@cache
def _region_words() -> frozenset[str]:
    # names and adjectives only: an entity's other spellings include its capital
    found: set[str] = {w for name in country_zones() for w in words(name)}
    for entity in entities():
        if entity.kind in ("country", "region"):
            found.update(words(entity.name))
    return frozenset(found)


def region_only(text: str) -> bool:
    """Whether a place is named only by countries or regions ("Kazakh city", "in Russia"):
    it holds many venues, so it neither confirms nor denies a town."""
    key = place_key(text)
    return bool(key) and key <= _region_words()


# --- topics (agenda items, demands) ---------------------------------------------------------


@cache
def undistinctive_meeting_keys() -> frozenset[str]:
    """Stemmed words that do not tell one meeting from another: meeting nouns, format words
    ("virtual", "first") and the calendar words that date a meeting."""
    return frozenset(text_key(" ".join(undistinctive_meeting_words())))


def meeting_name_words(name: str) -> frozenset[str]:
    """The stemmed words of a meeting's name that tell which meeting it is ("OSCE summit" →
    {"osce", "summit"}; "Talks on Friday" → nothing)."""
    filler = undistinctive_meeting_keys()
    return frozenset(t for t in text_key(name) if t not in filler and not t.isdigit())


@lru_cache(maxsize=1 << 14)
def topic_key(text: str) -> str:
    """Sorted canonical stemmed content words of a short topic, as one string."""
    return " ".join(sorted(set(text_key(text))))


def topics_similar(a: str, b: str) -> bool:
    """Whether two short topics say the same thing.

    Their word keys must overlap by half (Jaccard) and read alike (rapidfuzz token-set ratio of
    at least 80): "situation in and around Ukraine" is "situation in Ukraine", but neither is
    just "Ukraine", and "security guarantees" is not "European security".
    """
    ka, kb = topic_key(a), topic_key(b)
    if ka == kb:
        return True
    sa, sb = set(ka.split()), set(kb.split())
    if not sa or not sb or len(sa & sb) / len(sa | sb) < 0.5:
        return False
    return fuzz.token_set_ratio(ka, kb) >= 80.0


# --- weighted word-set similarity --------------------------------------------------------------


def weighted_similarity(
    a: Iterable[str], b: Iterable[str], weights: Mapping[str, float], default: float = 1.0
) -> float:
    """Mean of the weighted Jaccard and weighted overlap coefficients of two word sets."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    # fsum: exactly rounded, so the result does not depend on set iteration order
    wa = math.fsum(map(weights.get, sa, itertools.repeat(default)))
    wb = math.fsum(map(weights.get, sb, itertools.repeat(default)))
    inter = math.fsum(map(weights.get, sa & sb, itertools.repeat(default)))
    union = wa + wb - inter
    jaccard = inter / union if union else 0.0
    smaller = min(wa, wb)
    overlap = inter / smaller if smaller else 0.0
    return (jaccard + overlap) / 2


def idf_weights(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each word over a collection of word sets."""
    df: dict[str, int] = {}
    n = 0
    for doc in documents:
        n += 1
        for token in set(doc):
            df[token] = df.get(token, 0) + 1
    return {t: math.log(1.0 + n / count) for t, count in sorted(df.items())}
