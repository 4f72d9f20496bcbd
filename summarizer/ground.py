"""Grounding: find each extracted passage in its article as character offsets."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterator, Sequence
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
# A passage shorter than this (folded characters, words) is too common to be evidence.
_EVIDENCE_MIN_CHARS = 12
_EVIDENCE_MIN_WORDS = 2
# How many occurrences of a direct statement's words are checked for quotation marks.
_MAX_QUOTATION_TRIES = 20

# Words that must agree between a passage and its fuzzy match: a fuzzy match may swap a word
# for a synonym, never a number, a negation or a person.
_NUMBER_WORD = re.compile(
    r"\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|first|second"
    r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|once|twice"
)
_NEGATION = re.compile(r"not|no|never|nor|neither|none|nothing|nobody|nowhere|without|non")
# "cannot" and contractions once folding has dropped the apostrophe ("don't" -> "dont"): all
# of them mean "not".
_NOT = re.compile(
    r"cannot|dont|doesnt|didnt|isnt|arent|wasnt|werent|cant|couldnt|wont|wouldnt|shouldnt"
    r"|hasnt|havent|hadnt|mustnt|neednt|aint|shant|mightnt"
)
_NEGATING_PREFIXES = ("un", "dis", "non", "in", "im", "ir", "il")
_PERSON = re.compile(
    r"i|me|my|mine|we|us|our|ours|you|your|yours|he|him|his|she|her|hers|they|them|their"
    r"|theirs"
)
_WORD = re.compile(r"[^\W_]+")

# Quote marks as the direct-speech check reads them: the kind pairs an opening mark with its
# closing one; the direction is what a mark means when its neighbours do not tell.
_QUOTE_KIND = {
    **dict.fromkeys('"\u201c\u201d\u201e\u201f\u301d\u301e\u301f\uff02', "double"),
    **dict.fromkeys("'\u2018\u2019\u201a\u201b\uff07", "single"),
    **dict.fromkeys("\u00ab\u00bb", "guillemet"),
    **dict.fromkeys("\u2039\u203a", "single-guillemet"),
    **dict.fromkeys("\u300c\u300d", "corner"),
    **dict.fromkeys("\u300e\u300f", "white-corner"),
}
_OPENING = frozenset("\u201c\u201e\u201f\u301d\u2018\u201a\u201b\u00ab\u2039\u300c\u300e")
_CLOSING = frozenset("\u201d\u301e\u301f\u2019\u00bb\u203a\u300d\u300f")
_BEFORE_OPENING = "([{<\u2014\u2013-/"
_AFTER_CLOSING = ".,;:!?)]}>\u2014\u2013-\u2026"

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
    """Move `start` back to the beginning of its word, unless the word is implausibly long.

    A word broken by a soft hyphen or a line-break hyphen (`secu-\\nrity`) counts as one.
    """
    at = start
    while start - at < _MAX_WORD_GROWTH:
        if _inside_word(text, at):
            at -= 1
        elif at > 0 and _in_break(text[at - 1]) and _broken_word(text, at):
            while _in_break(text[at - 1]):
                at -= 1
            at -= 1  # into the first part of the word
        else:
            return at
    return start


def _word_end(text: str, end: int) -> int:
    """Move `end` on to the end of its word, unless the word is implausibly long."""
    at = end
    while at - end < _MAX_WORD_GROWTH:
        if _inside_word(text, at):
            at += 1
        elif at < len(text) and _in_break(text[at]) and _broken_word(text, at):
            while _in_break(text[at]):
                at += 1
            at += 1  # into the second part of the word
        else:
            return at
    return end


def _span(text: str, source: str, start: int, end: int, match: MatchKind) -> Span:
    return Span(source=source, start=start, end=end, text=text[start:end], match=match)


def _end_of_character(text: str, end: int) -> int:
    """Move `end` past combining marks, which folding drops, so no accent is cut off."""
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1
    return end


def _folded_letter(text: str, at: int, step: Literal[-1, 1]) -> bool:
    """True when the nearest character from `at` on (backwards when `step` is -1) that folding
    keeps folds to a letter: combining marks and invisible characters are passed over."""
    while 0 <= at < len(text):
        piece = _piece(text[at])
        if piece:
            return (piece[-1] if step < 0 else piece[0]).isalpha()
        at += step
    return False


def _joins_word(text: str, start: int, end: int) -> bool:
    """True when folding joins the characters on either side of the gap `text[start:end]` into
    one word.

    That is an invisible character (a soft hyphen), or a hyphen at a line break between two
    letters (`secu-\nrity`, `issu- es`), as `_fold` decides; a plain hyphen (`NATO-Russia`), a
    spaced dash (`Crimea - TASS`) and a hyphen at a break next to a digit (`0-\na`) separate
    words.
    """
    gap = text[start:end]
    visible = "".join(c for c in gap if unicodedata.category(c) != "Cf")
    if not visible:
        return bool(gap)
    return (
        visible[0] in _DASHES
        and len(visible) > 1
        and visible[1:].isspace()
        and _folded_letter(text, start - 1, -1)
        and _folded_letter(text, end, 1)
    )


def _broken_word(text: str, at: int) -> bool:
    """True when offset `at` falls inside a word broken by a soft hyphen or a line break."""
    start = end = at
    while start > 0 and at - start < 8 and _in_break(text[start - 1]):
        start -= 1
    while end < len(text) and end - at < 8 and _in_break(text[end]):
        end += 1
    return (
        0 < start < end < len(text)
        and _is_word_char(text[start - 1])
        and _is_word_char(text[end])
        and _joins_word(text, start, end)
    )


def _in_break(char: str) -> bool:
    return char.isspace() or char in _DASHES or unicodedata.category(char) == "Cf"


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when [start, end) neither starts nor ends inside a word, broken or whole."""
    return not (
        _inside_word(text, start)
        or _inside_word(text, end)
        or _broken_word(text, start)
        or _broken_word(text, end)
    )


def _exact_matches(text: str, passage: str) -> Iterator[tuple[int, int]]:
    """Original [start, end) of each occurrence of `passage` that starts and ends a word."""
    at = text.find(passage)
    while at >= 0:
        end = at + len(passage)
        if _on_word_boundaries(text, at, end):
            yield at, end
        at = text.find(passage, at + 1)


def _normalized_matches(text: str, folded: _Folded, key: str) -> Iterator[tuple[int, int]]:
    """Original [start, end) of each occurrence of `key` on whole characters and words."""
    haystack, offsets = folded
    size = len(key)
    at = haystack.find(key)
    while at >= 0:
        stop = at + size
        whole_start = at == 0 or offsets[at - 1] != offsets[at]
        whole_end = stop == len(haystack) or offsets[stop] != offsets[stop - 1]
        if whole_start and whole_end:
            start = offsets[at]
            end = _end_of_character(text, offsets[stop - 1] + 1)
            if _on_word_boundaries(text, start, end):
                yield start, end
        at = haystack.find(key, at + 1)


def _words(text: str) -> list[str]:
    """The words of `text` without accents, apostrophes or invisible characters, case kept."""
    plain = "".join(
        c for c in _decompose(text) if c not in _QUOTES and unicodedata.category(c) != "Cf"
    )
    return _WORD.findall(plain)


def _meaning_marks(text: str) -> tuple[list[str], list[str], list[str], set[str]]:
    """Sorted numbers, negations and persons of `text`, and its set of lower-case words."""
    words = _words(text)
    lower = [w.casefold() for w in words]
    numbers = sorted(w for w in lower if _NUMBER_WORD.fullmatch(w))
    negations = sorted(
        "not" if _NOT.fullmatch(w) else w
        for w in lower
        if _NEGATION.fullmatch(w) or _NOT.fullmatch(w)
    )
    # "US" is the country, not the pronoun.
    persons = sorted(
        w.casefold() for w in words if _PERSON.fullmatch(w.casefold()) and w not in ("US", "U")
    )
    return numbers, negations, persons, set(lower)


def _negated_word(words: set[str], other: set[str]) -> bool:
    """True when a word of `words` is a prefixed negation of a word only `other` has."""
    for word in words - other:
        for prefix in _NEGATING_PREFIXES:
            stem = word[len(prefix) :]
            if word.startswith(prefix) and len(stem) >= 4 and stem in other:
                return True
    return False


def _same_meaning_marks(passage: str, matched: str) -> bool:
    """True when `passage` and `matched` agree in numbers, negations and persons.

    A fuzzy match tolerates a changed word; these are the changes that reverse or alter a
    claim ("15" for "50", "satisfied" for "dissatisfied", "will not" for "will", "he" for
    "she"), so a match that differs in any of them is no match.
    """
    *marks, words = _meaning_marks(passage)
    *other_marks, other_words = _meaning_marks(matched)
    if marks != other_marks:
        return False
    return not _negated_word(words, other_words) and not _negated_word(other_words, words)


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


def _verbatim_matches(text: str, passage: str) -> Iterator[tuple[int, int, MatchKind]]:
    """Every exact, then every normalized occurrence of `passage` on word boundaries."""
    stripped = passage.strip()
    if not stripped:
        return
    for start, end in _exact_matches(text, stripped):
        yield start, end, "exact"
    key = fold(stripped)
    if key:
        for start, end in _normalized_matches(text, _fold_text(text), key):
            yield start, end, "normalized"


def align(text: str, passage: str, source: str, *, fuzzy_threshold: float = 90.0) -> Span | None:
    """Find `passage` in `text` and return where, or None when it is not there.

    Tries, in order: the first exact occurrence (ignoring whitespace around the passage); the
    first occurrence after folding both sides (see `fold`); the best fuzzy match of the folded
    passage (rapidfuzz partial ratio at least `fuzzy_threshold`, for passages of 12 or more
    folded characters), grown to word boundaries. Exact and normalized occurrences must start
    and end on word boundaries (`he` is not found in `she`). A fuzzy match must agree with the
    passage in its numbers, negations and personal pronouns: it may differ by a synonym, never
    by `15` for `50` or `satisfied` for `dissatisfied`. The span always satisfies
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
    for start, end, match in _verbatim_matches(text, passage):
        return _span(text, source, start, end, match)
    key = fold(passage)
    if not key:
        return None
    found = _find_fuzzy(text, _fold_text(text), key, fuzzy_threshold)
    if found is not None and _same_meaning_marks(passage, text[found[0] : found[1]]):
        return _span(text, source, *found, "fuzzy")
    return None


# --- quotation marks ----------------------------------------------------------------------


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
    mid_sentence = last.isalnum() or last in ",\u00ad" or last in _DASHES
    return not (mid_sentence and text[after].islower())


def _paragraph(text: str, start: int, end: int) -> tuple[int, int] | None:
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
    before = text[at - 1] if at > lower else ""
    after = text[at + 1] if at + 1 < upper else ""
    if _QUOTE_KIND[mark] == "single" and before.isalnum() and after.isalnum():
        return None  # an apostrophe: Russia's, I've
    opens = (
        not before or before.isspace() or before in _BEFORE_OPENING or before in _QUOTE_KIND
    ) and bool(after and not after.isspace())
    closes = bool(before and not before.isspace()) and (
        not after or after.isspace() or after in _AFTER_CLOSING or after in _QUOTE_KIND
    )
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if mark in _OPENING:
        return "open"
    if mark in _CLOSING:
        return "close"
    return None


def _quote_depths(text: str, lower: int, upper: int) -> Iterator[tuple[int, int]]:
    """For each quote mark in [lower, upper): its offset and the quotations open after it.

    Quotations nest; a closing mark closes the innermost open quotation of its kind (and any
    left open inside it); a closing mark with no open quotation of its kind is an apostrophe.
    """
    stack: list[str] = []
    for at in range(lower, upper):
        kind = _QUOTE_KIND.get(text[at])
        if kind is None:
            continue
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


_Events = tuple[list[int], list[int]]


def _quote_events(text: str, lower: int, upper: int) -> _Events:
    """The offsets of the quote marks of one paragraph and the depth after each."""
    offsets: list[int] = []
    depths: list[int] = []
    for at, depth in _quote_depths(text, lower, upper):
        offsets.append(at)
        depths.append(depth)
    return offsets, depths


def _inside_quotation(
    text: str, start: int, end: int, cache: dict[tuple[int, int], _Events] | None = None
) -> bool:
    """True when text[start:end] lies within quotation marks in its paragraph.

    The span may include its own quote marks and punctuation. A quotation must be open where
    its words start and stay open up to where they end (so a span across `," he said. "` is
    not one quotation), and a quotation open at their end must close later in the paragraph.
    `cache` keeps the quote marks of each paragraph of `text` between calls.
    """
    while start < end and (text[start] in _QUOTE_KIND or text[start] in _EDGE):
        start += 1
    while end > start and (text[end - 1] in _QUOTE_KIND or text[end - 1] in _EDGE):
        end -= 1
    if start >= end:
        return False
    paragraph = _paragraph(text, start, end)
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
    kind: Literal["meeting", "proposal", "claim"],
    index: int,
    quotes: Sequence[str],
    locate: Callable[[str], Span | None],
) -> GroundedRecord:
    spans, unaligned = _align_all(quotes, locate)
    return GroundedRecord(
        kind=kind, index=index, spans=spans, unaligned=unaligned, grounded=bool(spans)
    )


def _ground_statement(
    index: int,
    statement: Statement,
    locate: Callable[[str], Span | None],
    quoted: Callable[[str], Span | None],
) -> GroundedRecord:
    spans, unaligned = _align_all(statement.quotes, locate)
    content_span = locate(statement.content)
    direct = False
    if statement.direct and content_span is not None:
        quotation = quoted(statement.content)
        if quotation is not None:
            content_span, direct = quotation, True
    return GroundedRecord(
        kind="statement",
        index=index,
        spans=spans,
        unaligned=unaligned,
        content_span=content_span,
        grounded=bool(spans) or content_span is not None,
        direct=direct,
    )


# --- text addressed to the model ----------------------------------------------------------


class _Layout:
    """Where the lines and sentences of a text end, to find the ones around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]

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
    regions: list[tuple[int, int]] = []
    covered = 0  # hits before this offset lie in a region already marked
    for hit in _INSTRUCTION.finditer(text):
        if hit.start() < covered:
            continue
        if hit.group().lstrip().startswith(("{", "<")):
            regions.append(layout.line(hit.start(), hit.end()))
        else:
            regions.append(layout.sentence(hit.start(), hit.end()))
        covered = max(covered, regions[-1][1])
    covered = 0  # block openers before this offset lie in a block already marked
    for hit in _MARKUP.finditer(text):
        if hit.start() < covered and _opens_block(hit):
            continue  # its block ends where the block around it ends
        region, block = _markup_region(layout, hit)
        if block:
            covered = region[1]
        regions.append(region)
    checked: set[tuple[int, int]] = set()
    for hit in _ORDER.finditer(text):
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


def _is_evidence(passage: str) -> bool:
    """True when `passage` is long enough to support a record: 12 characters and 2 words."""
    key = fold(passage)
    return len(key) >= _EVIDENCE_MIN_CHARS and len(_WORD.findall(key)) >= _EVIDENCE_MIN_WORDS


def ground(
    article: Article, extraction: ArticleExtraction, *, fuzzy_threshold: float = 90.0
) -> GroundedExtraction:
    """Align every quote of every record of `extraction` to offsets in `article.text`.

    A record is grounded when at least one of its passages aligns; for statements the content
    counts as a passage too. A statement keeps `direct=True` only when its content is found
    exactly or normalized, on word boundaries, inside quotation marks of the article (its
    `content_span` is then that quotation). Passages shorter than 12 folded characters or 2
    words are too common to be evidence; they, quotes that cannot be found, and quotes that
    fall inside text addressed to the model (see `untrusted_regions`) are listed in
    `unaligned`.

    Args:
        article: The article the extraction was made from.
        extraction: The records extracted from it.
        fuzzy_threshold: The lowest rapidfuzz score (0-100) a fuzzy match may have.

    Raises:
        ValueError: If `fuzzy_threshold` is not between 0 and 100.
    """
    text = article.text
    found: dict[str, Span | None] = {}
    paragraphs: dict[tuple[int, int], _Events] = {}
    untrusted = untrusted_regions(text)

    def trusted(start: int, end: int) -> bool:
        return not any(start < stop and begin < end for begin, stop in untrusted)

    def locate(passage: str) -> Span | None:
        if passage not in found:
            span = None
            if _is_evidence(passage):
                span = align(text, passage, article.id, fuzzy_threshold=fuzzy_threshold)
                if span is not None and not trusted(span.start, span.end):
                    span = None  # words addressed to the model are not evidence
            found[passage] = span
        return found[passage]

    def quoted(passage: str) -> Span | None:
        """The first verbatim occurrence of `passage` printed inside quotation marks."""
        if not _is_evidence(passage):
            return None
        matches = itertools.islice(_verbatim_matches(text, passage), _MAX_QUOTATION_TRIES)
        for start, end, match in matches:
            if trusted(start, end) and _inside_quotation(text, start, end, paragraphs):
                return _span(text, article.id, start, end, match)
        return None

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
            _ground_statement(i, statement, locate, quoted)
            for i, statement in enumerate(extraction.statements)
        ],
        claims=[
            _ground_record("claim", i, claim.quotes, locate)
            for i, claim in enumerate(extraction.claims)
        ],
    )
