"""Folding text for comparison: the lower-case, accent-free form keys are built from."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from summarizer.knowledge.characters import apostrophes, dashes, latin_letters

__all__ = ["fold_for_comparison", "words"]

_WORD = re.compile(r"[a-z0-9]+")
_POSSESSIVE = re.compile(r"'s\b")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _without_marks(found: re.Match[str]) -> str:
    return "" if unicodedata.combining(found[0]) else found[0]


@cache
def _tables() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    return (
        str.maketrans(latin_letters()),
        str.maketrans(dict.fromkeys(apostrophes() - {"'"}, "'")),
        str.maketrans(dict.fromkeys(dashes() - {"-"}, "-")),
    )


@cache
def _replacements() -> tuple[frozenset[str], dict[str, str], bool]:
    """The three tables of `_tables` as one: what each character becomes through all three in
    turn (translation is character by character, so this is the same), the characters it
    changes, and whether no character becomes text holding another it changes (then each can
    be replaced on its own, in any order)."""
    letters, quotes, hyphens = _tables()
    keys = {chr(n) for table in (letters, quotes, hyphens) for n in table}
    combined = {c: c.translate(letters).translate(quotes).translate(hyphens) for c in keys}
    combined = {c: folded for c, folded in combined.items() if folded != c}
    changed = frozenset(combined)
    chainless = not any(c in folded for folded in combined.values() for c in changed)
    return changed, combined, chainless


@lru_cache(maxsize=1 << 16)
def fold_for_comparison(text: str) -> str:
    """Lower-case ASCII-like form: diacritics dropped, dashes and apostrophes unified, runs of
    whitespace made one space ("Zürich\u2019s  NATO\u2013Russia" → "zurich's nato-russia")."""
    changed, combined, chainless = _replacements()
    present = changed.intersection(text)
    if present and chainless:
        # a few characters of a long text: one fast replacement each
        for char in present:
            text = text.replace(char, combined[char])
    elif present:
        letters, quotes, hyphens = _tables()
        text = text.translate(letters).translate(quotes).translate(hyphens)
    if not text.isascii():  # ASCII has nothing to decompose and no combining marks
        text = _NON_ASCII.sub(_without_marks, unicodedata.normalize("NFKD", text))
    return " ".join(text.casefold().split())


# Texts up to this long (names, values, quotes: asked about again and again, by every rule and
# in every copy of a story) have their words remembered; longer ones (whole articles, asked
# about once) are split afresh.
_REMEMBERED_CHARS = 1000


def words(text: str) -> list[str]:
    """The folded words of `text`, a possessive 's removed ("Russia's" → "russia")."""
    if len(text) > _REMEMBERED_CHARS:
        return _split(text)
    return list(_remembered_words(text))


def _split(text: str) -> list[str]:
    return _WORD.findall(_POSSESSIVE.sub("", fold_for_comparison(text)))


@lru_cache(maxsize=1 << 15)
def _remembered_words(text: str) -> tuple[str, ...]:
    return tuple(_split(text))
