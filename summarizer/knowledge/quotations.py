"""Quotation marks: which open and which close a quotation, how quotations nest, and whether a
stretch of text is quoted. Paragraphs are the unit: a quotation never runs past its paragraph."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from functools import cache
from typing import Literal

from summarizer.knowledge.characters import (
    closing_marks,
    dashes,
    opening_marks,
    quotation_marks,
)

__all__ = ["QuoteEvents", "inside_quotation", "paragraph_of", "quote_depths", "quoted_spans"]

# What a quote mark follows when it opens a quotation, and what follows one that closes it.
_BEFORE_OPENING = "([{<\u2014\u2013-/"
_AFTER_CLOSING = ".,;:!?)]}>\u2014\u2013-\u2026"
# Punctuation that may stand between quoted words and their quote marks.
_EDGE = " .,;:!?"


def _paragraph_break(text: str, newline: int) -> bool:
    """True unless the newline at `newline` only wraps a sentence that the next line goes on.

    A line that ends mid-sentence (a letter, digit, comma or hyphen last) followed by a line
    that starts with a lower-case letter is one paragraph; every other newline ends one.
    """
    before = newline - 1
    while before >= 0 and text[before] in " \t\r":
        before -= 1
    after = newline + 1
    while after < len(text) and text[after] in " \t\r":
        after += 1
    if before < 0 or after >= len(text) or "\n" in (text[before], text[after]):
        return True
    last = text[before]
    mid_sentence = last.isalnum() or last in ",\u00ad" or last in dashes()
    return not (mid_sentence and text[after].islower())


def paragraph_of(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The paragraph holding [start, end), or None when the interval crosses a paragraph."""
    if any(_paragraph_break(text, i) for i in range(start, end) if text[i] == "\n"):
        return None
    first = start
    while True:
        first = text.rfind("\n", 0, first)
        if first < 0 or _paragraph_break(text, first):
            break
    last = end
    while True:
        last = text.find("\n", last)
        if last < 0 or _paragraph_break(text, last):
            break
        last += 1
    return first + 1, len(text) if last < 0 else last


def _quote_direction(text: str, at: int, lower: int, upper: int) -> Literal["open", "close"] | None:
    """Whether the quote mark at `at` opens or closes a quotation, or None for an apostrophe.

    Its neighbours decide (space before and a word after opens; a word before and space or
    punctuation after closes); when they do not, curly and angle marks keep their usual
    direction and a straight double quote is left to the caller (None means: toggle).
    """
    mark = text[at]
    kinds = quotation_marks()
    before = text[at - 1] if at > lower else ""
    after = text[at + 1] if at + 1 < upper else ""
    if kinds[mark] == "single" and before.isalnum() and after.isalnum():
        return None  # an apostrophe: Russia's, I've
    opens = (
        not before or before.isspace() or before in _BEFORE_OPENING or before in kinds
    ) and bool(after and not after.isspace())
    closes = bool(before and not before.isspace()) and (
        not after or after.isspace() or after in _AFTER_CLOSING or after in kinds
    )
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if mark in opening_marks():
        return "open"
    if mark in closing_marks():
        return "close"
    return None


@cache
def _any_mark() -> re.Pattern[str]:
    """Any one quotation mark: the paragraph's marks are found by the expression engine, not
    by looking at each of its characters."""
    marks = sorted(mark for mark in quotation_marks() if len(mark) == 1)
    return re.compile("[" + "".join(map(re.escape, marks)) + "]")


def quote_depths(text: str, lower: int, upper: int) -> Iterator[tuple[int, int]]:
    """For each quote mark in [lower, upper): its offset and the quotations open after it.

    Quotations nest; a closing mark closes the innermost open quotation of its kind (and any
    left open inside it); a closing mark with no open quotation of its kind is an apostrophe.
    """
    kinds = quotation_marks()
    stack: list[str] = []
    for found in _any_mark().finditer(text, lower, upper):
        at = found.start()
        kind = kinds[found.group()]
        direction = _quote_direction(text, at, lower, upper)
        if direction is None:
            if text[at] not in '"\uff02':
                continue
            direction = "close" if kind in stack else "open"
        if direction == "open":
            stack.append(kind)
        elif kind in stack:
            del stack[len(stack) - 1 - stack[::-1].index(kind) :]
        yield at, len(stack)


# The offsets of one paragraph's quote marks, and how many quotations are open after each.
QuoteEvents = tuple[list[int], list[int]]


def _quote_events(text: str, lower: int, upper: int) -> QuoteEvents:
    """The offsets of the quote marks of one paragraph and the depth after each."""
    offsets: list[int] = []
    depths: list[int] = []
    for at, depth in quote_depths(text, lower, upper):
        offsets.append(at)
        depths.append(depth)
    return offsets, depths


def inside_quotation(
    text: str, start: int, end: int, cache: dict[tuple[int, int], QuoteEvents] | None = None
) -> bool:
    """True when text[start:end] lies within quotation marks in its paragraph.

    The span may include its own quote marks and punctuation. A quotation must be open where
    its words start and stay open up to where they end (so a span across `," he said. "` is
    not one quotation), and a quotation open at their end must close later in the paragraph.
    `cache` keeps the quote marks of each paragraph of `text` between calls.
    """
    kinds = quotation_marks()
    while start < end and (text[start] in kinds or text[start] in _EDGE):
        start += 1
    while end > start and (text[end - 1] in kinds or text[end - 1] in _EDGE):
        end -= 1
    if start >= end:
        return False
    paragraph = paragraph_of(text, start, end)
    if paragraph is None:
        return False
    if cache is None:
        cache = {}
    if paragraph not in cache:
        cache[paragraph] = _quote_events(text, *paragraph)
    offsets, depths = cache[paragraph]
    first = bisect.bisect_left(offsets, start)
    after_words = bisect.bisect_left(offsets, end)
    open_at_start = depths[first - 1] if first > 0 else 0
    if open_at_start == 0:
        return False
    if any(depths[i] < open_at_start for i in range(first, after_words)):
        return False  # the quotation the words start in closes before they end
    open_at_end = depths[after_words - 1] if after_words > 0 else 0
    # a quotation open at the end of the words closes after them
    return any(depths[i] < open_at_end for i in range(after_words, len(depths)))


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Every paragraph of `text` as [start, end) (see `_paragraph_break`)."""
    start = 0
    at = text.find("\n")
    while at >= 0:
        if _paragraph_break(text, at):
            yield start, at
            start = at + 1
        at = text.find("\n", at + 1)
    yield start, len(text)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The words inside quotation marks, marks excluded, as [start, end): outermost quotations
    only, each within its paragraph, in order.

    A quotation opens and closes as `quote_depths` reads the marks (any style; an apostrophe is
    no quote mark); one that never closes in its paragraph gives nothing, though quotations
    closed inside it do.
    """
    spans: list[tuple[int, int]] = []
    for lower, upper in _paragraphs(text):
        opened: dict[int, int] = {}  # depth before an opening mark -> its offset
        depth = 0
        for at, after in quote_depths(text, lower, upper):
            if after > depth:
                opened[depth] = at
            elif after < depth:
                if after in opened:
                    spans.append((opened[after] + 1, at))
                for level in [d for d in opened if d >= after]:
                    del opened[level]
            depth = after
    # Outermost: no span that starts earlier reaches as far (one sweep, not every pair).
    outermost: list[tuple[int, int]] = []
    reach = -1  # the furthest end of the spans starting before the current start
    for _, group in itertools.groupby(sorted(spans), key=lambda s: s[0]):
        starting = list(group)
        outermost.extend(s for s in starting if s[1] > reach)
        reach = max(reach, *(s[1] for s in starting))
    return sorted(s for s in outermost if s[1] > s[0])
