"""The rules' words, loaded once from data/: verbs, offices, outlets, cues, parties."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from summarizer.backends.offline.text import squash


def _load(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


_REPORTING = _load("reporting_verbs.json")
_OFFICES = _load("offices.json")
_MEDIA = _load("media.json")
_MEETINGS = _load("meetings.json")
_PROPOSALS = _load("proposals.json")

# Reporting verbs: every inflected form mapped to its base.
REPORTING_VERBS: dict[str, str] = {
    form: base for base, forms in _REPORTING["verbs"].items() for form in forms
}
# Verbs that report speech only with a following particle or preposition.
NEEDS_PARTICLE: dict[str, str] = _REPORTING["needs_particle"]
# Verbs whose noun object, not only a clause, can be what was said ("confirmed its intention").
OBJECT_REPORTING = frozenset(_REPORTING["object_reporting"])
DOCUMENT_NOUNS = frozenset(_REPORTING["document_nouns"])
# Verbs that put words in someone's mouth without reporting speech: 'described it as "…"'.
CHARACTERISING_VERBS = frozenset(_REPORTING["characterising_verbs"])
# Plural nouns that are not people speaking ("figures showed", "reports said").
NOT_SPEAKERS = frozenset(_REPORTING["not_speakers"])

TITLE_WORDS = frozenset(_OFFICES["title_words"])
PERSON_HEADS = frozenset(_OFFICES["person_heads"])
SOURCE_HEADS = frozenset(_OFFICES["source_heads"])
NAME_PARTICLES = frozenset(_OFFICES["name_particles"])
LEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in _OFFICES["leader_synonyms"].items()
}

OUTLETS = frozenset(_MEDIA["outlets"])
SOCIAL_NETWORKS: dict[str, str] = _MEDIA["social_networks"]

EVENT_KINDS: dict[str, str] = _MEETINGS["event_kinds"]
MEETING_VERBS = frozenset(_MEETINGS["meeting_verbs"])
MEET_VERBS = frozenset(_MEETINGS["meet_verbs"])
HOLD_VERBS = frozenset(_MEETINGS["hold_verbs"])
BODY_WORDS = frozenset(_MEETINGS["body_words"])
PROPOSE_CUES = frozenset(_MEETINGS["propose_cues"])
FUTURE_CUES = frozenset(_MEETINGS["future_cues"])
AGENDA_VERBS = frozenset(_MEETINGS["agenda_verbs"])

PROPOSAL_NOUNS = frozenset(_PROPOSALS["nouns"])
PRESENT_VERBS = frozenset(_PROPOSALS["present_verbs"])
DEMAND_VERBS = frozenset(_PROPOSALS["demand_verbs"])
DEMAND_CUES = tuple(re.compile(p, re.I) for p in _PROPOSALS["demand_cues"])
TITLE_RANK: dict[str, int] = _PROPOSALS["title_rank"]

# Countries and organisations under the spellings news uses for them.
PARTIES: dict[str, str] = _load("parties.json")["parties"]
PARTY_PATTERN = re.compile(
    r"(?<= )("
    + "|".join(
        re.escape(k)
        for k in sorted(PARTIES, key=len, reverse=True)
        if k not in {"alliance", "european", "europe"}
    )
    + r")(?= )"
)
# Short names of bodies that news writes in several ways; folded before comparison.
BODY_ALIASES = (
    (re.compile(r"\b(?:nrc|rnc)\b"), "nato russia council"),
    (re.compile(r"\brussia\W+nato council\b"), "nato russia council"),
    (re.compile(r"\bnac\b"), "north atlantic council"),
    (re.compile(r"\bpermanent council of the osce\b"), "osce permanent council"),
)


def party_of(text: str) -> str | None:
    key = re.sub(r"[\u2019']s$", "", squash(text).lower().strip(" ,"))
    key = re.sub(r"^the\s+", "", key).rstrip(".") if key not in {"u.s.", "u.s"} else "u.s."
    return PARTIES.get(key)


def parties_in(text: str) -> list[str]:
    """Every country or organisation named in a phrase, in order, once each."""
    found: list[str] = []
    lowered = " " + re.sub(r"[^a-z.]+", " ", text.lower()) + " "
    for m in PARTY_PATTERN.finditer(lowered):
        value = PARTIES[m[1]]
        if value not in found:
            found.append(value)
    return found
