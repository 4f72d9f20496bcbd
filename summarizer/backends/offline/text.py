"""Small text helpers: name folding, whitespace, list splitting, passage edges."""

from __future__ import annotations

import re

from summarizer.knowledge.names import transliteration_key


def fold_name(text: str) -> str:
    """Fold a name for comparison, word by word: transliteration variants merged
    ("Yury" and "Yuri"), accents and case dropped."""
    return " ".join(filter(None, (transliteration_key(w) for w in text.split())))


def squash(text: str) -> str:
    return " ".join(text.split())


_TRAILING_ATTRIBUTION = re.compile(
    r",\s+[^,]*\b(?:said|says|wrote|writes|told|tells|added|stated|reported|noted)\b[^,]*$"
)


def split_list(text: str) -> list[str]:
    """Split "a, b as well as c" into short clauses; "and" inside a clause is kept."""
    text = re.split(
        r"[.;:](?:\s|$)|,\s+(?:and|but|while)\s+(?=[A-Z]|\w+\s+(?:said|says))",
        text.strip(),
        maxsplit=1,
    )[0]
    text = _TRAILING_ATTRIBUTION.sub("", text)
    parts = re.split(r",\s*(?:and\s+|as well as\s+)?|\s+as well as\s+", text)
    out = []
    for part in parts:
        part = re.sub(r"^(?:the|a|an)\s+", "", part.strip(" “”\"'"), flags=re.I)
        if 2 <= len(part.split()) <= 24:
            out.append(part)
    return out


def clean_passage(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past blanks and orphan quote marks at either edge."""
    while start < end and (
        text[start].isspace()
        or text[start] in "”»"
        or (text[start] == '"' and text[start:end].count('"') % 2 == 1)
    ):
        start += 1
    while end > start and (
        text[end - 1].isspace()
        or text[end - 1] in "“«„"
        or (text[end - 1] == '"' and text[start:end].count('"') % 2 == 1)
    ):
        end -= 1
    return start, end


TRIM = " \t\r\n,;:\u2013\u2014-"
