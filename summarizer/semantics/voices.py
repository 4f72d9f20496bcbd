"""Voices: whether two sources a report credits ("police said", "a NATO official") can be one.

A person and their office or press service speak with one voice ("Jens Stoltenberg", "the
NATO press service", "a NATO official"); two differently named people, or two bodies of
different organisations ("police", "the railway"), do not. No voice (the report's own) is
compatible with any.
"""

from __future__ import annotations

from typing import Literal

from summarizer.knowledge.folding import fold_for_comparison
from summarizer.normalize import (
    descriptive_key,
    name_key,
    name_keys_compatible,
    org_key,
    speaker_kind,
)

__all__ = ["VoiceRelation", "compare_voices"]

VoiceRelation = Literal["same", "compatible", "different"]

# Words of a voice that say what kind of speaker it is, not whose: dropped before comparing
# the organisations two voices speak for.
_GENERIC = frozenset(
    [
        "official",
        "officials",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "press",
        "service",
        "statement",
        "source",
        "sources",
        "representative",
        "office",
        "agency",
        "the",
        "a",
        "an",
        "said",
        "says",
        "told",
        "according",
        "to",
        "chief",
        "head",
        "senior",
        "department",
        "ministry",
    ]
)


def _orgs(voice: str) -> frozenset[str]:
    return frozenset(w for w in org_key(voice) if w not in _GENERIC)


def compare_voices(a: str | None, b: str | None) -> VoiceRelation:
    """How two credited voices relate: "same", "compatible" (one may speak for the other, or
    either is the report's own voice) or "different"."""
    if not a or not b:
        return "compatible"
    if fold_for_comparison(a) == fold_for_comparison(b):
        return "same"
    ka, kb = name_key(a), name_key(b)
    if ka is not None and kb is not None:
        return "same" if name_keys_compatible(ka, kb) else "different"
    if ka is not None or kb is not None:
        person, other = (a, b) if ka is not None else (b, a)
        words_person = _orgs(person)
        words_other = _orgs(other)
        if words_person and words_other and words_person & words_other:
            return "compatible"
        return "different" if speaker_kind(other) == "body" and words_other else "compatible"
    oa, ob = _orgs(a), _orgs(b)
    if descriptive_key(a) == descriptive_key(b):
        return "same"
    if oa and ob:
        return "compatible" if oa <= ob or ob <= oa else "different"
    return "compatible"
