"""Offices: whether two role wordings for one person can both be true at once.

A role may name several posts ("Deputy Prime Minister and Foreign Minister"). Two wordings are
compatible when some post of one is a post of the other in other words ("NATO Secretary
General" / "Secretary-General of NATO", "CIS Secretary General" / "Secretary-General of the
Commonwealth of Independent States"), or when they name different offices a person can hold
together ("NATO Secretary General" / "Chair of the NATO-Russia Council"). They are
incompatible when they give one office at two ranks of its hierarchy ("Deputy Foreign
Minister" / "Foreign Minister") or two posts of one kind in one body ("chairman-in-office of
the OSCE" / "chairman of the Permanent Council"). The words are data:
`summarizer/knowledge/data/offices.json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from summarizer.knowledge.countries import countries
from summarizer.knowledge.folding import fold_for_comparison
from summarizer.knowledge.offices import (
    body_heads,
    chambers,
    function_offices,
    generic_bodies,
    government_offices,
    not_now_words,
    office_synonyms,
    one_holder_posts,
    outside_bodies,
    presiding_offices,
    rank_order,
    rank_phrases,
    rank_synonyms,
    service_offices,
    service_words,
    stand_in_words,
    tenure_words,
)
from summarizer.normalize import STOPWORDS, org_key, stem

__all__ = ["Post", "RoleRelation", "compare_roles", "posts", "with_rank_first"]

RoleRelation = Literal["same", "compatible", "different", "incompatible"]

_SPLIT = re.compile(r"\s+and\s+|\s*/\s*|\s*;\s*|\s*&\s*")
_OFFICE_HEADS = frozenset(
    [
        "minister",
        "secretary",
        "secretary_general",
        "prime_minister",
        "president",
        "chancellor",
        "adviser",
        "spokesperson",
        "chair",
        "chair_in_office",
        "head",
        "director",
        "director_general",
        "ambassador",
        "envoy",
        "special_representative",
        "representative",
        "commander",
        "governor",
        "mayor",
        "senator",
        "official",
        "diplomat",
        "negotiator",
        "delegate",
        "coordinator",
        "commissioner",
        "speaker",
        "attache",
        "aide",
        "mediator",
        "member",
        "chief_of_staff",
        "chief_executive",
        "general",
        "admiral",
        "judge",
        "prosecutor",
        "marshal",
        "treasurer",
    ]
)
_OF_WORDS = frozenset({"of", "for", "to", "at", "in", "on", "the"})


@dataclass(frozen=True, slots=True)
class Post:
    """One post: its office, its rank in that office's hierarchy and what it is of."""

    office: str  # canonical head word(s), e.g. "minister", "chair_in_office"
    rank: str  # "" for the office itself, else one of the ranks
    portfolio: frozenset[str]  # stemmed words saying which one: {"foreign"}, {"permanent"}
    bodies: frozenset[str]  # canonical organisation words: {"nato"}, {"osce"}
    acronyms: frozenset[str]  # initials of the portfolio's and bodies' phrases
    only_initials: bool = False  # its body is named only by letters ("INDECI", "BTB")
    # the words naming which one, stemmed, but for letters and countries: {"region", "africa"}
    words: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()  # those of them written before the office word
    tenure: frozenset[str] = frozenset()  # how it is held: {"acting"}, {"former"}
    # the naming words of a body written as the owner of what follows ("Eurocontrol's Network
    # Manager" -> {"eurocontrol"}): the post is of a unit of that body
    owners: frozenset[str] = frozenset()


_POSSESSIVE = re.compile(r"['\u2019]s\b")
_OWNER = re.compile(r"([^\W\d_][\w-]*)['\u2019]s\b")
_INITIALS = re.compile(r"\b[A-Z][A-Z0-9&]{1,9}\b")


@cache
def _rank_phrase_pattern() -> re.Pattern[str]:
    """A rank written after its office ("minister of state"), where it ends the post's name
    or what follows says whose it is ("for foreign affairs", "at the ministry", a comma): not
    "minister of state security", a portfolio."""
    phrases = sorted(rank_phrases(), key=len, reverse=True)
    return re.compile(
        r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b"
        r"(?=\s*(?:$|,|;|/|\)|(?:for|at|in|and|of the|with)\b))"
    )


def with_rank_first(text: str) -> str:
    """A role wording with a rank written after its office put before it: "Minister of
    State for Foreign Affairs" -> "junior minister for Foreign Affairs"."""
    folded = fold_for_comparison(text)
    return _rank_phrase_pattern().sub(lambda m: rank_phrases()[m.group(1)], folded)


def _canonical_phrases(text: str) -> str:
    text = with_rank_first(_POSSESSIVE.sub("", text))
    folded = " " + re.sub(r"[^a-z0-9' -]", " ", fold_for_comparison(text)).replace("-", " ") + " "
    synonyms = office_synonyms()
    for spelling in sorted(synonyms, key=len, reverse=True):
        key = " " + spelling.replace("-", " ") + " "
        if key in folded:
            folded = folded.replace(key, " " + synonyms[spelling].replace(" ", "~") + " ")
    return " ".join(folded.split())


def _rank_of(tokens: list[str], at: int) -> tuple[str, range]:
    """The rank written before the office at position `at`, and where it is: just before it
    ("deputy minister") or before the words saying which one ("deputy trade minister")."""
    for end in range(at, max(at - 4, 0) - 1, -1):
        if end < at and (tokens[end] in _OF_WORDS or tokens[end] in _all_offices()):
            break
        for size in (2, 1):
            start = end - size
            if start >= 0:
                phrase = " ".join(tokens[start:end])
                if phrase in rank_order():
                    return rank_synonyms().get(phrase, phrase), range(start, end)
    return "", range(at, at)


@lru_cache(maxsize=1 << 12)
def posts(text: str) -> tuple[Post, ...]:
    """The posts a role wording names, each with its rank, portfolio and bodies. A comma
    starts another post only when what follows names an office ("Deputy Prime Minister, head
    of the commission"; not "Minister of Trade, Industry and Energy")."""
    pieces: list[str] = []
    for piece in text.split(","):
        if pieces and not _posts_of(piece):
            pieces[-1] += "," + piece
        else:
            pieces.append(piece)
    return tuple(p for piece in pieces for p in _posts_of(piece))


def _posts_of(text: str) -> tuple[Post, ...]:
    found: list[Post] = []
    initials = {w.lower() for w in _INITIALS.findall(_POSSESSIVE.sub("", text))}
    owners = _naming([fold_for_comparison(w) for w in _OWNER.findall(text)], initials)
    held = tenure_words() | stand_in_words() | not_now_words()
    for piece in _office_pieces(_canonical_phrases(text)):
        tokens = [t for t in piece.split() if t]
        heads = [i for i, t in enumerate(tokens) if t.replace("~", " ") in _all_offices()]
        if not heads:
            continue
        at = heads[-1] if not any("~" in tokens[i] for i in heads) else heads[0]
        # "head of the delegation of X": the first office word is the post
        at = heads[0] if _OF_WORDS & set(tokens[heads[0] + 1 : heads[0] + 2]) else at
        office_token = tokens[at]
        office_words = office_token.split("~")
        office = office_words[-1]
        portfolio = set(office_words[:-1])
        rank, where = _rank_of(tokens, at)
        rest = [t for i, t in enumerate(tokens) if i not in where and i != at]
        rest = [t for t in rest if t not in tenure_words() and t not in _rank_words()]
        bodies = set(org_key(" ".join(rest)))
        content = [t for t in rest if t not in STOPWORDS and t not in _OF_WORDS]
        portfolio |= {stem(t) for t in content if t not in bodies and stem(t) not in bodies}
        portfolio -= {"russian", "american", "us", "state_owned"}
        found.append(
            Post(
                office=office,
                rank=rank,
                portfolio=frozenset(portfolio),
                bodies=frozenset(bodies),
                acronyms=_acronyms(rest),
                only_initials=bool(bodies) and bodies <= initials,
                words=_naming(content, initials),
                before=_naming(tokens[:at], initials),
                tenure=frozenset(t for t in tokens if t in held),
                owners=owners & _naming(content, initials),
            )
        )
    return tuple(found)


def _office_pieces(text: str) -> list[str]:
    """The pieces of a role wording that each name a post: split at "and", "/", ";", but a
    piece naming no office belongs with its neighbour ("minister of industry and trade",
    "deputy industry and trade minister" are one post each; "deputy prime minister and
    foreign minister" is two)."""
    pieces: list[str] = []
    waiting = ""
    for piece in _SPLIT.split(text):
        if not any(t.replace("~", " ") in _all_offices() for t in piece.split()):
            if pieces and not waiting:
                pieces[-1] += " and " + piece
            else:
                waiting += piece + " and "
            continue
        pieces.append(waiting + piece)
        waiting = ""
    if waiting and pieces:
        pieces[-1] += " and " + waiting.removesuffix(" and ")
    return pieces


@cache
def _all_offices() -> frozenset[str]:
    return _OFFICE_HEADS | {v.replace("~", " ") for v in office_synonyms().values()}


@cache
def _rank_words() -> frozenset[str]:
    return frozenset(w for r in rank_order() for w in r.split())


def _acronyms(tokens: list[str]) -> frozenset[str]:
    """Initials of the runs of content words ("commonwealth of independent states" -> "cis")."""
    content = [t for t in tokens if t not in _OF_WORDS]
    out = {t for t in content if 2 <= len(t) <= 5}
    if len(content) >= 2:
        out.add("".join(t[0] for t in content))
    return frozenset(out)


def _same_body(a: Post, b: Post) -> bool | None:
    """Whether two posts are of one body; None when either does not say."""
    ka = a.bodies | a.portfolio
    kb = b.bodies | b.portfolio
    if not ka or not kb:
        return None
    if ka & kb:
        return True
    initials_a = "".join(sorted(a.acronyms))
    initials_b = "".join(sorted(b.acronyms))
    if bool(a.acronyms & b.acronyms) or (bool(initials_a) and initials_a == initials_b):
        return True
    if a.only_initials != b.only_initials:
        return None  # letters that spell no words of the other: perhaps its name in another tongue
    return False


def _one_named_body(a: Post, b: Post) -> bool:
    """Whether two posts name one body by a word that says which ("BTB", "miners"), not
    merely what kind of body ("union")."""
    shared = (a.bodies | a.acronyms) & (b.bodies | b.acronyms)
    return bool({w.strip("'") for w in shared} - generic_bodies())


def _chamber(p: Post) -> str | None:
    """Which chamber of a legislature a post is of ("upper", "lower"), when its words say."""
    words = p.bodies | p.portfolio
    kinds = {
        kind
        for name, kind in chambers().items()
        if set(name.split()) <= words or _stems(name) <= words
    }
    return next(iter(kinds)) if len(kinds) == 1 else None


@lru_cache(maxsize=256)
def _stems(name: str) -> frozenset[str]:
    return frozenset(stem(w) for w in name.split())


def _post_relation(a: Post, b: Post) -> RoleRelation:
    if a == b:
        return "same"
    if a.rank == b.rank and (_head_of_unit(a, b) or _head_of_unit(b, a)):
        return "incompatible"  # the head of a body is not the head of a unit of it
    if _member_and_servant(a, b) or _member_and_servant(b, a):
        return "incompatible"  # a member of a government is not one of its civil servants
    presiding = presiding_offices()
    if a.office in presiding and b.office in presiding and a.rank == b.rank:
        ca, cb = _chamber(a), _chamber(b)
        if ca is not None and cb is not None and ca != cb:
            return "incompatible"  # one person presides over one chamber, not both
    if a.office != b.office:
        if {a.office, b.office} <= _CHAIRS:
            return "incompatible"  # two kinds of chair (of a body, in office): two posts
        one_holder = any({a.office, b.office} <= group for group in one_holder_posts())
        if one_holder and a.rank == b.rank and _one_named_body(a, b):
            return "incompatible"  # a body's president is not also its secretary
        return "different"
    if a.office in function_offices():
        return "compatible"
    same_body = _same_body(a, b)
    if a.rank == b.rank and same_body and _unit_and_body(a, b):
        return "incompatible"  # the head of a unit of a body is not the body's own head
    if a.rank != b.rank:
        if _stands_in(a, b) or _stands_in(b, a):
            return "compatible"  # a deputy acting for the holder holds both at once
        if same_body is False:
            return "different"  # deputy minister of one thing, minister of another
        return "incompatible"
    if same_body is False:
        # two portfolios of one office at one rank (foreign vs defence minister), or one
        # office of two bodies (chair of a council vs chair of another)
        return "incompatible" if a.portfolio and b.portfolio else "different"
    if same_body is None or a.portfolio <= b.portfolio or b.portfolio <= a.portfolio:
        return "compatible" if a.portfolio != b.portfolio or a.bodies != b.bodies else "same"
    return "compatible"


_CHAIRS = frozenset({"chair", "chair_in_office"})


def _stands_in(acting: Post, deputy: Post) -> bool:
    """Whether one wording gives an office as held by one standing in ("acting president")
    and the other a deputy rank of that office ("first vice-president"): the deputy acts for
    the holder, so both are true at once."""
    return (
        acting.rank == ""
        and bool(acting.tenure & stand_in_words())
        and deputy.rank != ""
        and not deputy.tenure
    )


def _head_of_unit(whole: Post, unit: Post) -> bool:
    """Whether of two heads' posts, one names a body alone ("Eurocontrol Director General")
    and the other a unit the body owns ("director of Eurocontrol's Network Manager")."""
    if whole.office not in body_heads() or unit.office not in body_heads():
        return False
    named = whole.words - generic_bodies()
    own = unit.words - unit.owners - generic_bodies()
    return bool(named) and bool(unit.owners) and named <= unit.owners and bool(own)


def _member_and_servant(member: Post, servant: Post) -> bool:
    """Whether one post is of a member of a government (a minister, a commissioner) and the
    other of a civil servant heading a department (a director, a director-general), both held
    now, the director's of no body outside government."""
    said = member.words | member.portfolio | member.bodies | member.before
    return (
        member.office in government_offices()
        and servant.office in service_offices()
        and not said & _service_stems()  # a police commissioner is a service post
        and not (member.tenure | servant.tenure) & not_now_words()
        and not (servant.words | servant.portfolio | servant.bodies) & outside_bodies()
    )


@cache
def _service_stems() -> frozenset[str]:
    return service_words() | frozenset(stem(w) for w in service_words())


def _unit_and_body(a: Post, b: Post) -> bool:
    """Whether of two posts heading one body, one says which unit of it ("regional emergency
    director for Africa") and the other names the body with no unit ("Regional Director for
    Africa"): the head of a unit and the head of the body. Letters and countries added to a
    wording say whose post it is ("WHO Regional Director"), not which unit."""
    if a.office not in body_heads():
        return False
    for unit, whole in ((a, b), (b, a)):
        extra = unit.words - whole.words
        if whole.words - generic_bodies() and whole.words < unit.words and extra <= unit.before:
            return True
    return False


def _naming(tokens: list[str], initials: set[str]) -> frozenset[str]:
    """The stems of the words that say which post, but for letters and countries."""
    skip = _country_words() | initials | STOPWORDS | _OF_WORDS | tenure_words() | _rank_words()
    return frozenset(stem(t) for t in tokens if t not in skip and "~" not in t)


@cache
def _country_words() -> frozenset[str]:
    """Countries and their people in one word ("Kenya", "Kenyan")."""
    return frozenset(
        fold_for_comparison(name)
        for c in countries()
        for name in (c.name, *c.other_names, *c.demonyms)
        if " " not in name
    )


def compare_roles(a: str, b: str) -> RoleRelation:
    """How two role wordings for one person relate.

    "same": one office in other words; "compatible": one is a fuller or partial wording of the
    other, or one post is shared; "different": offices a person may hold together;
    "incompatible": they cannot both be true at once.
    """
    if fold_for_comparison(a) == fold_for_comparison(b):
        return "same"
    pa, pb = posts(a), posts(b)
    if not pa or not pb:
        return "different" if pa or pb else "compatible"
    relations = {(i, j): _post_relation(x, y) for i, x in enumerate(pa) for j, y in enumerate(pb)}
    if _clash(relations, len(pa), len(pb)):
        return "incompatible"
    for relation in ("same", "compatible"):
        if relation in relations.values():
            return relation
    return "different"


def _clash(relations: dict[tuple[int, int], RoleRelation], na: int, nb: int) -> bool:
    """Whether some post of one wording clashes with a post of the other and fits none of its
    posts: "Deputy Prime Minister, head of the commission" / "First Deputy Prime Minister,
    head of the commission" share a post but give the other at two ranks."""
    rows = [[relations[i, j] for j in range(nb)] for i in range(na)]
    columns = [[relations[i, j] for i in range(na)] for j in range(nb)]
    return any(
        "incompatible" in line and not {"same", "compatible"} & set(line)
        for line in (*rows, *columns)
    )
