"""Untrusted text: passages of an article that address a model instead of a reader
(instructions, chat markup, tool calls, answer-shaped JSON). They are never evidence for a
record, whoever reads the article."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cached_property

__all__ = ["untrusted_regions"]

# Text in an article that addresses the model rather than the reader: instructions, chat
# markup, tool calls, answer-shaped JSON. Such passages are never evidence for a record.
# Each hit marks its sentence; a JSON or markup hit marks its line.
_MODEL = (
    r"(?:ai|llms?|(?:large\s+)?language\s+models?|assistants?|summari[sz]\w*|models?"
    r"|chatbots?|bots?|chatgpt|gpt(?:-?\d\w*)?|claude|gemini)"
)
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*"
    r"(?:previous|prior|above|earlier|preceding|system|original)\s+"
    r"(?:instructions?|prompts?|directions?|rules|messages?|context)\b"
    r"|\b(?:ignore|disregard)\s+(?:all\s+|any\s+)(?:other\s+)?(?:instructions|prompts)\b"
    r"|\b(?:system|developer)\s+(?:prompt|message|instructions?)\b"
    r"|\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chatbot|llm)\b"
    r"|\bnew\s+instructions?\s*:"
    rf"|\bnote\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?{_MODEL}\b"
    r"|\b(?:ai|llm)s?\s+(?:systems?|models?|assistants?|agents?|tools?)\s+"
    r"(?:(?:that|which|who)\s+(?:are|is)\s+)?"
    r"(?:reading|summari[sz]ing|processing|parsing|analy[sz]ing|extracting|ingesting)\b"
    r"|\b(?:large\s+)?language\s+models?\s+(?:(?:that|which)\s+(?:are|is)\s+)?"
    r"(?:reading|summari[sz]ing|processing|parsing|analy[sz]ing|extracting|ingesting)\b"
    r"|\bas\s+an?\s+(?:ai|llm|(?:large\s+)?language\s+model)"
    r"(?:\s+(?:language\s+model|assistant|model|system))?\s*(?:,|:|\s+(?:you|i)\b)"
    r"|\b(?:do\s+not|don['\u2019]?t|never)\s+(?:mention|reveal|report|disclose|repeat)\s+"
    r"(?:(?:this|these|the|any|that)\s+)?(?:instructions?|notes?|prompts?|messages?"
    r"|paragraph|text|to\s+the\s+user)\b"
    r"|<\|?(?:im_start|im_end|system|assistant|user)\|?>|</?(?:system|assistant|tool)>"
    r"|\b(?:tool_calls?|function_call|ArticleExtraction)\b"
    r"|\{\s*\"(?:role|name|arguments|meetings|statements|proposals|status|content)\"\s*:",
    re.IGNORECASE,
)
# Chat-transcript and prompt-template markup: each hit marks its whole line, or the block up
# to its closing marker when that follows.
_MARKUP = re.compile(
    r"^[ \t>*_]*(?:assistant|system|user|human)[ \t*_]*:"
    r"|\[/?INST\]|<</?SYS>>"
    r"|^[ \t]*#{2,}[ \t]*(?:instructions?|response|system|input|user|assistant|prompt)"
    r"[ \t]*(?::|$)"
    r"|\b(?-i:BEGIN|END)[ _](?-i:SYSTEM|INSTRUCTIONS?|PROMPT)\b",
    re.IGNORECASE | re.MULTILINE,
)
_BLOCK_END = {"[inst]": re.compile(r"\[/INST\]", re.I), "<<sys>>": re.compile(r"<</SYS>>", re.I)}
_CLOSING_MARKERS = frozenset({"[/inst]", "<</sys>>"})
_BEGIN_BLOCK = re.compile(r"BEGIN (SYSTEM|INSTRUCTIONS?|PROMPT)")
_BLOCK_BREAK = re.compile(r"\n[ \t\r]*\n|\n(?=[ \t]*#{2,})")
# A sentence that tells the reader what to report "instead" or "regardless" is addressed to
# the model only when it also speaks to the model's own answer.
_ORDER = re.compile(
    r"\b(?:report|say|state|output|respond|write|answer|claim|conclude|mention)\s+"
    r"(?:only\s+)?that\b[^.!?\n]{0,400}?\b(?:instead|regardless)\b"
    r"|\b(?:instead|regardless)\b[^.!?\n]{0,400}?\b(?:report|say|state|output|respond|write|answer"
    r"|claim)\s+(?:only\s+)?that\b"
    r"|\b(?:do\s+not|don['\u2019]?t|never)\s+(?:mention|reveal|report|disclose)\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"\byou\s+(?:must|should|shall|will|need\s+to|have\s+to|are\s+to)\b"
    r"|\byour\s+(?:answer|summary|output|response|reply|extraction|record|report|json)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


class _Starts:
    """Where a hit of a pattern can begin, in case-folded text: at one of its first `words`
    (on a word boundary, followed by one), or at one of the characters `marks`.

    A pattern that starts with a word boundary is tried by the regular expression engine at
    every offset; a word after a non-word character, a word at the start and the marks, each
    looked for on its own, are found several times faster.
    """

    def __init__(self, words: str, marks: str = "") -> None:
        self.at_start = re.compile(rf"(?:{words})\b")
        self.after = re.compile(rf"\W(?:{words})\b")
        self.marks = re.compile(f"[{re.escape(marks)}]") if marks else None
        self.mark_chars = marks

    def positions(self, folded: str) -> list[int]:
        """The offsets in `folded` where a hit may begin, ascending."""
        found = [0] if self.at_start.match(folded) else []
        found.extend(hit.start() + 1 for hit in self.after.finditer(folded))
        if self.marks is not None and any(mark in folded for mark in self.mark_chars):
            marked = [hit.start() for hit in self.marks.finditer(folded)]
            if marked:
                found = sorted(set(found).union(marked))
        return found


# Where a hit of `_INSTRUCTION` or `_ORDER` can begin: every alternative of theirs starts with
# one of these words or characters. Finding these first and trying the full pattern only there
# is several times faster than scanning with the full pattern.
_INSTRUCTION_WORDS = (
    r"ignore|disregard|forget|override|system|developer|you|new|note|ais?|llms?|large"
    r"|language|as|do|dont?|never|tool_calls?|function_call|articleextraction"
)
_ORDER_WORDS = (
    r"report|say|state|output|respond|write|answer|claim|conclude|mention|instead"
    r"|regardless|do|dont?|never"
)
_INSTRUCTION_STARTS = _Starts(_INSTRUCTION_WORDS, "<{")
_ORDER_STARTS = _Starts(_ORDER_WORDS)
# Both at once: one scan of the text finds where a hit of either may begin.
_ANY_STARTS = _Starts(f"{_INSTRUCTION_WORDS}|{_ORDER_WORDS}", "<{")
# `_MARKUP`, one alternative at a time, each starting with a character the engine looks for
# quickly (the line-start ones at a newline, and at the start of the text): every hit of
# `_MARKUP`, found several times faster. Their hits never overlap.
_MARKUP_AT_LINE = re.compile(
    r"(?:[ \t>*_]*(?:assistant|system|user|human)[ \t*_]*:"
    r"|[ \t]*#{2,}[ \t]*(?:instructions?|response|system|input|user|assistant|prompt)"
    r"[ \t]*(?::|$))",
    re.IGNORECASE | re.MULTILINE,
)
_MARKUP_LINES = re.compile(r"\n")
_MARKUP_MARKERS = re.compile(r"\[/?INST\]|<</?SYS>>", re.IGNORECASE)
_MARKUP_BLOCK_WORDS = re.compile(r"(?:BEGIN|END)[ _](?:SYSTEM|INSTRUCTIONS?|PROMPT)\b")


def _markup_hits(text: str) -> list[re.Match[str]]:
    """`_MARKUP.finditer(text)`, found one alternative at a time."""
    hits: list[re.Match[str]] = []
    starts = [0] + [line.end() for line in _MARKUP_LINES.finditer(text)]
    hits.extend(h for at in starts if (h := _MARKUP_AT_LINE.match(text, at)) is not None)
    if "[" in text or "<<" in text:
        hits.extend(_MARKUP_MARKERS.finditer(text))
    if "BEGIN" in text or "END" in text:
        hits.extend(
            h
            for h in _MARKUP_BLOCK_WORDS.finditer(text)
            if h.start() == 0 or not _WORD_CHAR.match(text, h.start() - 1)
        )
    hits.sort(key=lambda h: h.start())
    return hits


_WORD_CHAR = re.compile(r"\w")


def _hits(
    pattern: re.Pattern[str], starts: _Starts, text: str, folded: str | None
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying the pattern only where `starts` finds a hit may begin
    (`folded` is `text` case-folded, or None when folding changed its length)."""
    yield from _hits_at(pattern, None if folded is None else starts.positions(folded), text)


def _hits_at(
    pattern: re.Pattern[str], positions: list[int] | None, text: str
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying the pattern only at `positions` (ascending, every
    offset where a hit may begin among them), or everywhere when None."""
    if positions is None:
        yield from pattern.finditer(text)
        return
    after = 0
    for start in positions:
        if start < after:
            continue
        hit = pattern.match(text, start)
        if hit is not None:
            after = max(hit.end(), hit.start() + 1)
            yield hit


class _Layout:
    """Where the lines and sentences of a text end, to find the ones around an offset (found
    when first asked: most texts have no hit to place)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def newlines(self) -> list[int]:
        return [m.start() for m in re.finditer("\n", self.text)]

    @cached_property
    def sentence_ends(self) -> list[int]:
        return [m.end() for m in _SENTENCE_END.finditer(self.text)]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (within its line) around [start, end), with its terminator."""
        ends = self.sentence_ends
        before = bisect.bisect_right(ends, start) - 1
        after = bisect.bisect_left(ends, end + 1)
        return (
            ends[before] if before >= 0 else 0,
            ends[after] if after < len(ends) else len(self.text),
        )

    def line(self, start: int, end: int) -> tuple[int, int]:
        """The lines around [start, end), without the final newline."""
        newlines = self.newlines
        before = bisect.bisect_left(newlines, start) - 1
        after = bisect.bisect_left(newlines, end)
        return (
            newlines[before] + 1 if before >= 0 else 0,
            newlines[after] if after < len(newlines) else len(self.text),
        )


def _block_end(text: str, at: int) -> int:
    """Where the block from `at` ends: at the next blank line or `###` header, else the end."""
    found = _BLOCK_BREAK.search(text, at)
    return found.start() if found else len(text)


def _opens_block(hit: re.Match[str]) -> bool:
    """True for `[INST]`, `<<SYS>>`, `BEGIN SYSTEM` and `### Instruction:` headers."""
    marker = hit.group().strip().casefold()
    return (
        marker in _BLOCK_END
        or marker.startswith("#")
        or _BEGIN_BLOCK.fullmatch(hit.group().replace("_", " ")) is not None
    )


def _markup_region(layout: _Layout, hit: re.Match[str]) -> tuple[tuple[int, int], bool]:
    """The region a markup hit marks, and whether it is a block.

    A block opener (`[INST]`, `<<SYS>>`, `BEGIN SYSTEM`, a `### Instruction:` header) marks
    from its sentence to its closing marker, or to the end of its block when none follows;
    a closing marker marks its sentence up to it; any other marker (`Assistant:` at a line
    start, `END SYSTEM`) marks its line.
    """
    text = layout.text
    marker = hit.group().strip().casefold()
    closing = _BLOCK_END.get(marker)
    begin = _BEGIN_BLOCK.fullmatch(hit.group().replace("_", " "))
    if begin is not None:
        closing = re.compile(rf"\bEND[ _]{begin.group(1)}\b")
    if closing is not None:
        start = layout.sentence(hit.start(), hit.end())[0]
        after = closing.search(text, hit.end())
        return (start, after.end() if after else _block_end(text, hit.end())), True
    if marker.startswith("#"):
        return (layout.line(hit.start(), hit.end())[0], _block_end(text, hit.end())), True
    if marker in _CLOSING_MARKERS:
        return (layout.sentence(hit.start(), hit.end())[0], hit.end()), False
    return layout.line(hit.start(), hit.end()), False


def untrusted_regions(text: str) -> list[tuple[int, int]]:
    """Half-open intervals of `text` that address a model instead of a reader.

    Each hit of an instruction pattern ("ignore previous instructions", "note to the AI", "as
    an AI, you", "do not reveal these instructions", ...) marks its sentence, as does an order
    to report something "instead" or "regardless" that speaks to the model's answer ("you
    must", "your summary"). Chat markup (`<|im_start|>`, `[INST]`, `<<SYS>>`, `### Response`,
    `BEGIN SYSTEM PROMPT`, `Assistant:` at the start of a line), tool calls and answer-shaped
    JSON mark their line, or their block up to its closing marker. Overlapping regions are
    merged.
    """
    layout = _Layout(text)
    casefolded = text.casefold()
    starts = _ANY_STARTS.positions(casefolded) if len(casefolded) == len(text) else None
    regions: list[tuple[int, int]] = []
    covered = 0  # hits before this offset lie in a region already marked
    for hit in _hits_at(_INSTRUCTION, starts, text):
        if hit.start() < covered:
            continue
        if hit.group().lstrip().startswith(("{", "<")):
            regions.append(layout.line(hit.start(), hit.end()))
        else:
            regions.append(layout.sentence(hit.start(), hit.end()))
        covered = max(covered, regions[-1][1])
    covered = 0  # block openers before this offset lie in a block already marked
    for hit in _markup_hits(text):
        if hit.start() < covered and _opens_block(hit):
            continue  # its block ends where the block around it ends
        region, block = _markup_region(layout, hit)
        if block:
            covered = region[1]
        regions.append(region)
    checked: set[tuple[int, int]] = set()
    for hit in _hits_at(_ORDER, starts, text):
        sentence = layout.sentence(hit.start(), hit.end())
        if sentence not in checked:
            checked.add(sentence)
            if _ADDRESS.search(text, *sentence):
                regions.append(sentence)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
