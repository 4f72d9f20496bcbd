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

from summarizer.knowledge.folding import fold_for_comparison
from summarizer.knowledge.offices import (
    function_offices,
    office_synonyms,
    rank_order,
    tenure_words,
)
from summarizer.normalize import STOPWORDS, org_key, stem

__all__ = ["Post", "RoleRelation", "compare_roles", "posts"]

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
        "general",
        "admiral",
        "judge",
        "prosecutor",
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


def _canonical_phrases(text: str) -> str:
    folded = " " + re.sub(r"[^a-z0-9' -]", " ", fold_for_comparison(text)).replace("-", " ") + " "
    synonyms = office_synonyms()
    for spelling in sorted(synonyms, key=len, reverse=True):
        key = " " + spelling.replace("-", " ") + " "
        if key in folded:
            folded = folded.replace(key, " " + synonyms[spelling].replace(" ", "~") + " ")
    return " ".join(folded.split())


def _rank_of(tokens: list[str], at: int) -> tuple[str, int]:
    """The rank written just before position `at`, and where it starts."""
    for size in (2, 1):
        start = at - size
        if start >= 0:
            phrase = " ".join(tokens[start:at])
            if phrase in rank_order():
                return phrase, start
    return "", at


@lru_cache(maxsize=1 << 12)
def posts(text: str) -> tuple[Post, ...]:
    """The posts a role wording names, each with its rank, portfolio and bodies."""
    found: list[Post] = []
    for piece in _SPLIT.split(_canonical_phrases(text)):
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
        rank, start = _rank_of(tokens, at)
        rest = [t for i, t in enumerate(tokens) if not start <= i <= at]
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
            )
        )
    return tuple(found)


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
    return bool(a.acronyms & b.acronyms) or (bool(initials_a) and initials_a == initials_b)


def _post_relation(a: Post, b: Post) -> RoleRelation:
    if a == b:
        return "same"
    if a.office != b.office:
        if {a.office, b.office} <= _CHAIRS:
            return "incompatible"  # two kinds of chair (of a body, in office): two posts
        return "different"
    if a.office in function_offices():
        return "compatible"
    same_body = _same_body(a, b)
    if a.rank != b.rank:
        if same_body is False and a.portfolio and b.portfolio:
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
    relations = [_post_relation(x, y) for x in pa for y in pb]
    for relation in ("same", "compatible"):
        if relation in relations:
            return relation
    if len(pa) == 1 and len(pb) == 1:
        return relations[0]
    # several posts on one side: incompatible only when every pairing of one post is
    return "incompatible" if any(_all_clash(x, pb) for x in pa) else "different"


def _all_clash(post: Post, others: tuple[Post, ...]) -> bool:
    return all(_post_relation(post, o) == "incompatible" for o in others)
