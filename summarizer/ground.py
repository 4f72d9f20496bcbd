"""Grounding: find each extracted passage in its article as character offsets."""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal, NamedTuple

from rapidfuzz import fuzz

from summarizer.records import (
    Article,
    ArticleExtraction,
    GroundedExtraction,
    GroundedRecord,
    MatchKind,
    Span,
    Statement,
)

__all__ = ["align", "fold", "ground", "untrusted_regions"]

# Text in an article that addresses the model rather than the reader: instructions, chat
# markup, tool calls, answer-shaped JSON. Such passages are never evidence for a record.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*"
    r"(?:previous|prior|above|earlier|preceding|system|original)\s+"
    r"(?:instructions?|prompts?|directions?|rules|messages?|context)\b"
    r"|\b(?:system|developer)\s+(?:prompt|message|instructions?)\b"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chatbot|llm)\b"
    r"|\bnew\s+instructions?\s*:"
    r"|<\|?(?:im_start|im_end|system|assistant|user)\|?>|</?(?:system|assistant|tool)>"
    r"|\b(?:tool_calls?|function_call|ArticleExtraction)\b"
    r"|\{\s*\"(?:role|name|arguments|meetings|statements|proposals|status|content)\"\s*:",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")

# Quote marks of every style (and primes, often typed for them) carry no words: folding drops
# them, so straight, curly, guillemet and low-9 quotes all compare equal, as do passages that
# keep or lose the quote marks around or inside them.
_QUOTES = frozenset(
    "'\"`\u00b4\u02b9\u02ba\u02bb\u02bc\u02bd\u02ee\u2018\u2019\u201a\u201b\u201c\u201d\u201e"
    "\u201f\u2032\u2033\u2034\u2035\u2036\u2037\u00ab\u00bb\u2039\u203a\u275b\u275c\u275d"
    "\u275e\u275f\u2760\u301d\u301e\u301f\uff02\uff07\u300c\u300d\u300e\u300f"
)
# Hyphens, dashes and minus signs all fold to "-".
_DASHES = frozenset(
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
)
# Characters stripped from both ends of a passage before normalized matching.
_EDGE = " .,;:!?"
# Passages whose folded form is shorter than this are never matched fuzzily.
_FUZZY_MIN_CHARS = 12
# How far a fuzzy span may grow on each side to reach a word boundary.
_MAX_WORD_GROWTH = 40

_PIECES: dict[str, str] = {}
_PIECES_CAP = 1 << 16


class _Folded(NamedTuple):
    """A folded text and, for each of its characters, the offset of the original character."""

    text: str
    offsets: array[int]


def _simple(char: str) -> str:
    if char.isspace():
        return " "
    if char in _QUOTES:
        return ""
    if char in _DASHES:
        return "-"
    if unicodedata.category(char) == "Cf":  # soft hyphen, zero-width spaces and joiners, BOM
        return ""
    return char


def _decompose(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c) != "Mn"
    )


def _piece(char: str) -> str:
    """Fold one character on its own: it may become nothing, itself, or several characters."""
    piece = _PIECES.get(char)
    if piece is None:
        simple = _simple(char)
        if simple != char:
            piece = simple
        else:
            piece = "".join(_simple(c) for c in _decompose(_decompose(char).casefold()))
        if len(_PIECES) < _PIECES_CAP:
            _PIECES[char] = piece
    return piece


def _fold(text: str) -> _Folded:
    """Fold `text`, keeping the original offset of every folded character.

    Per character: compatibility decomposition without combining marks, case folding, quote
    marks and invisible format characters (soft hyphens included) removed, dashes as "-",
    whitespace as " ". Then in sequence: whitespace runs collapse to one space, spaces next to a
    hyphen go, and a hyphen between two letters goes (`NA-TO`, `issu- es` -> `nato`, `issues`).
    """
    chars: list[str] = []
    offsets: array[int] = array("q")
    push = chars.append
    mark = offsets.append
    last = ""
    for index, original in enumerate(text):
        for char in _piece(original):
            if char == " ":
                if last in ("", " ", "-"):
                    continue
            elif char == "-":
                if last == " ":
                    chars.pop()
                    offsets.pop()
            elif last == "-" and len(chars) > 1 and chars[-2].isalpha() and char.isalpha():
                chars.pop()
                offsets.pop()
            push(char)
            mark(index)
            last = char
    return _Folded("".join(chars), offsets)


@lru_cache(maxsize=4)
def _fold_text(text: str) -> _Folded:
    """The folded article text; cached because every passage of an article searches it."""
    return _fold(text)


def fold(text: str) -> str:
    """Return the form in which normalized matching compares a passage with the text.

    Folding ignores differences of whitespace, quote marks and apostrophes, dash styles,
    hyphenation breaks inside words (`NA-TO`, `secu-\\nrity`, soft hyphens), case, accents,
    compatibility forms (ligatures, full-width letters) and `.,;:!?` at either end.
    """
    return _fold(text).text.strip(_EDGE)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char) in ("Mn", "Mc", "Cf")


def _inside_word(text: str, at: int) -> bool:
    """True when offset `at` falls between two characters of one word."""
    return 0 < at < len(text) and _is_word_char(text[at - 1]) and _is_word_char(text[at])


def _word_start(text: str, start: int) -> int:
    """Move `start` back to the beginning of its word, unless the word is implausibly long."""
    at = start
    while start - at < _MAX_WORD_GROWTH and _inside_word(text, at):
        at -= 1
    return start if _inside_word(text, at) else at


def _word_end(text: str, end: int) -> int:
    """Move `end` on to the end of its word, unless the word is implausibly long."""
    at = end
    while at - end < _MAX_WORD_GROWTH and _inside_word(text, at):
        at += 1
    return end if _inside_word(text, at) else at


def _span(text: str, source: str, start: int, end: int, match: MatchKind) -> Span:
    return Span(source=source, start=start, end=end, text=text[start:end], match=match)


def _end_of_character(text: str, end: int) -> int:
    """Move `end` past combining marks, which folding drops, so no accent is cut off."""
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1
    return end


def _find_normalized(text: str, folded: _Folded, key: str) -> tuple[int, int] | None:
    """Original [start, end) of the first occurrence of `key` that covers whole characters."""
    haystack, offsets = folded
    size = len(key)
    at = haystack.find(key)
    while at >= 0:
        stop = at + size
        whole_start = at == 0 or offsets[at - 1] != offsets[at]
        whole_end = stop == len(haystack) or offsets[stop] != offsets[stop - 1]
        if whole_start and whole_end:
            return offsets[at], _end_of_character(text, offsets[stop - 1] + 1)
        at = haystack.find(key, at + 1)
    return None


def _find_fuzzy(text: str, folded: _Folded, key: str, threshold: float) -> tuple[int, int] | None:
    """Original [start, end) of the best fuzzy match of `key`, grown to word boundaries."""
    haystack, offsets = folded
    if len(key) < _FUZZY_MIN_CHARS or len(key) > len(haystack):
        return None
    found = fuzz.partial_ratio_alignment(key, haystack, score_cutoff=threshold)
    if found is None or found.score < threshold or found.dest_end <= found.dest_start:
        return None
    start = _word_start(text, offsets[found.dest_start])
    end = _word_end(text, _end_of_character(text, offsets[found.dest_end - 1] + 1))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return start, end


def align(text: str, passage: str, source: str, *, fuzzy_threshold: float = 90.0) -> Span | None:
    """Find `passage` in `text` and return where, or None when it is not there.

    Tries, in order: the first exact occurrence (ignoring whitespace around the passage); the
    first occurrence after folding both sides (see `fold`); the best fuzzy match of the folded
    passage (rapidfuzz partial ratio at least `fuzzy_threshold`, for passages of 12 or more
    folded characters), grown to word boundaries. The span always satisfies
    `text[span.start:span.end] == span.text`.

    Args:
        text: The original article text; offsets point into it.
        passage: The words to find, as the extraction gave them.
        source: The article's id, copied into the span.
        fuzzy_threshold: The lowest rapidfuzz score (0-100) a fuzzy match may have.

    Raises:
        ValueError: If `fuzzy_threshold` is not between 0 and 100.
    """
    if not 0.0 <= fuzzy_threshold <= 100.0:
        raise ValueError(f"fuzzy_threshold must be between 0 and 100, not {fuzzy_threshold}")
    stripped = passage.strip()
    if not stripped:
        return None
    at = text.find(stripped)
    if at >= 0:
        return _span(text, source, at, at + len(stripped), "exact")
    key = fold(stripped)
    if not key:
        return None
    folded = _fold_text(text)
    found = _find_normalized(text, folded, key)
    if found is not None:
        return _span(text, source, *found, "normalized")
    found = _find_fuzzy(text, folded, key, fuzzy_threshold)
    if found is not None:
        return _span(text, source, *found, "fuzzy")
    return None


def _align_all(
    quotes: Sequence[str], locate: Callable[[str], Span | None]
) -> tuple[list[Span], list[str]]:
    """The spans of the quotes that align and the quotes that do not, each once, in order."""
    spans: list[Span] = []
    unaligned: list[str] = []
    seen: set[tuple[int, int]] = set()
    for quote in quotes:
        span = locate(quote)
        if span is None:
            if quote not in unaligned:
                unaligned.append(quote)
        elif (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            spans.append(span)
    return spans, unaligned


def _ground_record(
    kind: Literal["meeting", "proposal"],
    index: int,
    quotes: Sequence[str],
    locate: Callable[[str], Span | None],
) -> GroundedRecord:
    spans, unaligned = _align_all(quotes, locate)
    return GroundedRecord(
        kind=kind, index=index, spans=spans, unaligned=unaligned, grounded=bool(spans)
    )


def _ground_statement(
    index: int, statement: Statement, locate: Callable[[str], Span | None]
) -> GroundedRecord:
    spans, unaligned = _align_all(statement.quotes, locate)
    content_span = locate(statement.content)
    return GroundedRecord(
        kind="statement",
        index=index,
        spans=spans,
        unaligned=unaligned,
        content_span=content_span,
        grounded=bool(spans) or content_span is not None,
        direct=statement.direct and content_span is not None and content_span.match != "fuzzy",
    )


def untrusted_regions(text: str) -> list[tuple[int, int]]:
    """Half-open intervals of `text` that address a model instead of a reader.

    Each hit of an instruction, chat-markup, tool-call or answer-shaped JSON pattern marks its
    whole sentence (or line, for markup and JSON); overlapping regions are merged.
    """
    regions: list[tuple[int, int]] = []
    for hit in _INSTRUCTION.finditer(text):
        start = max(
            text.rfind("\n", 0, hit.start()) + 1,
            max((m.end() for m in _SENTENCE_END.finditer(text, 0, hit.start())), default=0),
        )
        after = _SENTENCE_END.search(text, hit.end())
        end = after.end() if after else len(text)
        if hit.group().lstrip().startswith(("{", "<")):
            newline = text.find("\n", hit.end())
            start = text.rfind("\n", 0, hit.start()) + 1
            end = newline if newline != -1 else len(text)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(end, regions[-1][1]))
        else:
            regions.append((start, end))
    return regions


def ground(
    article: Article, extraction: ArticleExtraction, *, fuzzy_threshold: float = 90.0
) -> GroundedExtraction:
    """Align every quote of every record of `extraction` to offsets in `article.text`.

    A record is grounded when at least one of its passages aligns; for statements the content
    counts as a passage too. A statement keeps `direct=True` only when its content is found
    exactly or normalized. Quotes that cannot be found, or that fall inside text addressed to
    the model (see `untrusted_regions`), are listed in `unaligned`.

    Args:
        article: The article the extraction was made from.
        extraction: The records extracted from it.
        fuzzy_threshold: The lowest rapidfuzz score (0-100) a fuzzy match may have.

    Raises:
        ValueError: If `fuzzy_threshold` is not between 0 and 100.
    """
    found: dict[str, Span | None] = {}
    untrusted = untrusted_regions(article.text)

    def locate(passage: str) -> Span | None:
        if passage not in found:
            span = align(article.text, passage, article.id, fuzzy_threshold=fuzzy_threshold)
            if span is not None and any(
                span.start < end and start < span.end for start, end in untrusted
            ):
                span = None  # words addressed to the model are not evidence
            found[passage] = span
        return found[passage]

    if not 0.0 <= fuzzy_threshold <= 100.0:
        raise ValueError(f"fuzzy_threshold must be between 0 and 100, not {fuzzy_threshold}")
    return GroundedExtraction(
        article=article,
        extraction=extraction,
        meetings=[
            _ground_record("meeting", i, meeting.quotes, locate)
            for i, meeting in enumerate(extraction.meetings)
        ],
        proposals=[
            _ground_record("proposal", i, proposal.quotes, locate)
            for i, proposal in enumerate(extraction.proposals)
        ],
        statements=[
            _ground_statement(i, statement, locate)
            for i, statement in enumerate(extraction.statements)
        ],
    )
