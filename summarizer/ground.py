"""Grounding: find each extracted passage in its article as character offsets."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar, overload

from pydantic import BaseModel
from rapidfuzz import fuzz

from summarizer.knowledge.characters import dashes, quote_like_marks
from summarizer.knowledge.quotations import QuoteEvents, inside_quotation
from summarizer.knowledge.untrusted import untrusted_regions
from summarizer.records import (
    Article,
    ArticleExtraction,
    GroundedExtraction,
    GroundedRecord,
    MatchKind,
    Meeting,
    Span,
    Statement,
)

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext

__all__ = [
    "Readying",
    "align",
    "chrome_regions",
    "excluded_regions",
    "fold_for_alignment",
    "ground",
    "ground_all",
    "implausible",
    "quote_sized",
]


# Characters stripped from both ends of a passage before normalized matching.
_EDGE = " .,;:!?"
# Passages whose folded form is shorter than this are never matched fuzzily.
_FUZZY_MIN_CHARS = 12
# How far a fuzzy span may grow on each side to reach a word boundary.
_MAX_WORD_GROWTH = 40
# A passage shorter than this (folded characters, words) is too common to be evidence.
_EVIDENCE_MIN_CHARS = 12
_EVIDENCE_MIN_WORDS = 2
# A text holding that many words (as `_WORD` finds them) holds a match of this.
_ENOUGH_WORDS = re.compile(rf"[^\W_](?:[\W_]+[^\W_]+){{{_EVIDENCE_MIN_WORDS - 1}}}")
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

_PIECES: dict[str, str] = {}
_PIECES_CAP = 1 << 16


class _Folded(NamedTuple):
    """A folded text and, for each of its characters, the offset of the original character."""

    text: str
    offsets: Sequence[int]


def _simple(char: str) -> str:
    if char.isspace():
        return " "
    if char in quote_like_marks():
        return ""
    if char in dashes():
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


# After each character is folded on its own, in this order: a space at the start, a space
# next to a hyphen, and all but the first space of a run go (see `_loose_spaces`); then a
# hyphen between two letters goes. (A pattern that starts with a literal character is found
# much faster than one that must be tried at every offset.)
_JOINING_HYPHEN = re.compile(r"-(?<=[^\W\d_]-)(?=[^\W\d_])")
# Where a run of spaces that loses spaces shows: two spaces, or a space next to a hyphen.
_LOOSE_SPOTS = (re.compile("  "), re.compile(" -"), re.compile("- "))


def _loose_spaces(text: str) -> list[tuple[int, int]]:
    """The spaces that folding drops, as sorted intervals: of each run of spaces, all of it at
    the start of the text or next to a hyphen, else all but its first space."""
    starts = {0} if text.startswith(" ") else set()
    for pattern in _LOOSE_SPOTS:
        starts.update(found.start() for found in pattern.finditer(text))
    runs: dict[int, int] = {}  # start -> end of each run of spaces with a spot
    for at in starts:
        if text[at] != " ":
            at += 1  # "- ": the space after the hyphen
        start = end = at
        while start > 0 and text[start - 1] == " ":
            start -= 1
        if start in runs:
            continue
        while end < len(text) and text[end] == " ":
            end += 1
        runs[start] = end
    loose: list[tuple[int, int]] = []
    for start in sorted(runs):
        end = runs[start]
        if start == 0 or text[start - 1] == "-" or text[end : end + 1] == "-":
            loose.append((start, end))
        elif end - start > 1:
            loose.append((start + 1, end))
    return loose


# Shorter texts fold faster one character at a time than through the bulk path.
_BULK_MIN_CHARS = 48
_ASCII_SPACE = re.compile(r"[^\S ]")  # whitespace other than the space itself


@cache
def _ascii_kinds() -> tuple[frozenset[str], frozenset[str]]:
    """The ASCII characters that fold to themselves, and those that do not fold to one
    character (quote marks, which vanish)."""
    ascii_chars = [chr(n) for n in range(128)]
    plain = frozenset(c for c in ascii_chars if _piece(c) == c and not _ASCII_SPACE.fullmatch(c))
    return plain, frozenset(c for c in ascii_chars if len(_piece(c)) != 1)


def _whole_piece(found: re.Match[str]) -> str:
    return _piece(found[0])


def _same_size(char: str) -> str:
    piece = _piece(char)
    kept = piece if len(piece) == 1 else char
    return " " if _ASCII_SPACE.fullmatch(kept) else kept


@lru_cache(maxsize=256)
def _irregular_pattern(irregular: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(c) for c in sorted(irregular)))


def _one_to_one(text: str) -> tuple[str, re.Pattern[str] | None] | None:
    """`text` with every character that folds to exactly one character folded, and a pattern
    for the others (quote marks and invisible characters, which vanish, ligatures, which grow),
    left as they are. None when lower-casing changes the length (then fold one by one)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    plain, irregular_ascii = _ascii_kinds()
    chars = set(text)
    # lower-cased, as they stand in `lowered`: a character and its lower case fold alike
    irregular = frozenset(
        c.lower() for c in chars - plain if c in irregular_ascii or len(_piece(c)) != 1
    )
    changed = {c: _same_size(c) for c in set(lowered) - plain}
    changed = {c: folded for c, folded in changed.items() if folded != c}
    if changed.keys().isdisjoint(changed.values()):  # no replacement undoes another
        for char, folded in changed.items():
            lowered = lowered.replace(char, folded)
    else:
        lowered = lowered.translate({ord(c): folded for c, folded in changed.items()})
    return lowered, (_irregular_pattern(irregular) if irregular else None)


# Where the characters of a folded text come from: runs (start, end, offset, step) in order,
# the folded characters [start, end) coming from offset + step * (i - start) of the original
# (a step of 0 for the characters one original character folds into).
_Runs = list[tuple[int, int, int, int]]


def _piece_runs(text: str) -> tuple[str, _Runs]:
    """Each character folded on its own, and where each folded character comes from."""
    prepared = _one_to_one(text)
    if prepared is None:
        folded, offsets = _each_piece(text)
        return folded, [(i, i + 1, offset, 0) for i, offset in enumerate(offsets)]
    folded, irregular = prepared
    if irregular is None:
        return folded, [(0, len(folded), 0, 1)]
    parts: list[str] = []
    runs: _Runs = []
    at = size = 0
    for found in irregular.finditer(folded):
        index = found.start()
        if index > at:
            parts.append(folded[at:index])
            runs.append((size, size + index - at, at, 1))
            size += index - at
        piece = _piece(found[0])
        if piece:
            parts.append(piece)
            runs.append((size, size + len(piece), index, 0))
            size += len(piece)
        at = index + 1
    if at < len(folded):
        parts.append(folded[at:])
        runs.append((size, size + len(folded) - at, at, 1))
    return "".join(parts), runs


def _each_piece(text: str) -> tuple[str, list[int]]:
    parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        piece = _piece(char)
        parts.append(piece)
        offsets.extend([index] * len(piece))
    return "".join(parts), offsets


def _between(size: int, dropped: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The intervals of [0, size) between the sorted `dropped` ones, empty ones left out."""
    kept: list[tuple[int, int]] = []
    at = 0
    for start, end in dropped:
        if start > at:
            kept.append((at, start))
        at = max(at, end)
    if at < size:
        kept.append((at, size))
    return kept


def _joined(text: str, kept: list[tuple[int, int]]) -> str:
    return "".join(text[start:end] for start, end in kept)


def _unfolded(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` (each character folded on its own) with loose spaces and joining hyphens dropped,
    and the intervals of `text` it keeps."""
    loose = _loose_spaces(text)
    if not loose and "-" not in text:
        return text, [(0, len(text))]
    kept = _between(len(text), loose)
    spaced = _joined(text, kept)
    hyphens = (found.span() for found in _JOINING_HYPHEN.finditer(spaced))
    kept = _within(kept, _between(len(spaced), hyphens))
    return _joined(text, kept), kept


def _within(outer: list[tuple[int, int]], inner: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`inner`, intervals of the text made by joining the `outer` intervals of another text, as
    intervals of that other text."""
    out: list[tuple[int, int]] = []
    n = 0
    base = 0  # where outer[n] starts in the joined text
    for start, end in inner:
        while base + outer[n][1] - outer[n][0] <= start:
            base += outer[n][1] - outer[n][0]
            n += 1
        while start < end:
            o_start, o_end = outer[n]
            stop = min(end, base + o_end - o_start)
            out.append((o_start + start - base, o_start + stop - base))
            start = stop
            if start < end:
                base += o_end - o_start
                n += 1
    return out


def _offsets(kept: list[tuple[int, int]], runs: _Runs) -> list[int]:
    """The original offset of every character of the `kept` intervals, given the `runs`."""
    offsets: list[int] = []
    n = 0
    for start, end in kept:
        while start < end:
            while runs[n][1] <= start:
                n += 1
            r_start, r_end, origin, step = runs[n]
            stop = min(end, r_end)
            if step:
                offsets.extend(range(origin + start - r_start, origin + stop - r_start))
            else:
                offsets.extend([origin] * (stop - start))
            start = stop
    return offsets


class _Offsets(Sequence[int]):
    """The original offset of each folded character, worked out when asked from the `kept`
    intervals and the `runs` (see `_offsets`): a search looks at a few characters of an
    article, so no list of every character's offset is built."""

    def __init__(self, kept: list[tuple[int, int]], runs: _Runs) -> None:
        self._kept = kept
        self._kept_at = list(itertools.accumulate((end - start for start, end in kept), initial=0))
        self._runs = runs
        self._run_starts = [run[0] for run in runs]

    def __len__(self) -> int:
        return self._kept_at[-1]

    def _at(self, index: int) -> int:
        if not 0 <= index < len(self):
            raise IndexError(index)
        n = bisect.bisect_right(self._kept_at, index) - 1
        piece = self._kept[n][0] + index - self._kept_at[n]
        r_start, _, origin, step = self._runs[bisect.bisect_right(self._run_starts, piece) - 1]
        return origin + step * (piece - r_start)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(len(self)))]
        return self._at(index)


def _fold(text: str) -> _Folded:
    """Fold `text`, keeping the original offset of every folded character.

    Per character: compatibility decomposition without combining marks, case folding, quote
    marks and invisible format characters (soft hyphens included) removed, dashes as "-",
    whitespace as " ". Then in sequence: whitespace runs collapse to one space, spaces next to a
    hyphen go, and a hyphen between two letters goes (`NA-TO`, `issu- es` -> `nato`, `issues`).
    """
    pieces, runs = _piece_runs(text)
    folded, kept = _unfolded(pieces)
    return _Folded(folded, _offsets(kept, runs))


def _fold_for_search(text: str) -> _Folded:
    """`_fold`, its offsets worked out only where they are read (`_Offsets`)."""
    pieces, runs = _piece_runs(text)
    folded, kept = _unfolded(pieces)
    return _Folded(folded, _Offsets(kept, runs))


def _fold_string(text: str) -> str:
    """`_fold(text).text` without the offsets: for passages, which are never mapped back."""
    if len(text) < _BULK_MIN_CHARS:
        return _fold_slowly(text).text
    prepared = _one_to_one(text)
    if prepared is None:
        folded = _each_piece(text)[0]
    else:
        folded, irregular = prepared
        if irregular is not None:
            folded = irregular.sub(_whole_piece, folded)
    return _unfolded(folded)[0]


def _fold_slowly(text: str) -> _Folded:
    """`_fold` one character at a time: the definition the fast path must agree with."""
    chars: list[str] = []
    offsets: list[int] = []
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
            chars.append(char)
            offsets.append(index)
            last = char
    return _Folded("".join(chars), offsets)


@lru_cache(maxsize=4)
def _fold_text(text: str) -> _Folded:
    """The folded article text; cached because every passage of an article searches it."""
    return _fold_for_search(text)


@lru_cache(maxsize=1 << 14)
def fold_for_alignment(text: str) -> str:
    """Return the form in which normalized matching compares a passage with the text.

    Folding ignores differences of whitespace, quote marks and apostrophes, dash styles,
    hyphenation breaks inside words (`NA-TO`, `secu-\\nrity`, soft hyphens), case, accents,
    compatibility forms (ligatures, full-width letters) and `.,;:!?` at either end.
    """
    return _fold_string(text).strip(_EDGE)


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


# The fields every span is given, one set shared by the spans `_span` makes (never changed: a
# copy of a span gets a set of its own).
_SPAN_FIELDS = set(Span.model_fields)


def _span(text: str, source: str, start: int, end: int, match: MatchKind) -> Span:
    """The span of text[start:end], made without pydantic's validation: its values are valid as
    made (offsets of `text` from 0 up, a match kind of the three), and grounding makes dozens
    per article. The same record as `Span(...)` with these values (a test holds them equal)."""
    values = {"source": source, "start": start, "end": end, "text": text[start:end]}
    return _unvalidated(Span, {**values, "match": match}, _SPAN_FIELDS)


_Model = TypeVar("_Model", bound=BaseModel)
_set = object.__setattr__


def _unvalidated(model: type[_Model], values: dict[str, object], given: set[str]) -> _Model:
    """A `model` holding `values` (every field), `given` its set of given fields, made without
    pydantic's validation: only for values this module made valid itself."""
    made = model.__new__(model)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", given)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


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
        visible[0] in dashes()
        and len(visible) > 1
        and visible[1:].isspace()
        and _folded_letter(text, start - 1, -1)
        and _folded_letter(text, end, 1)
    )


# A broken word's break holds a dash or an invisible character within this many characters of
# the offset asked about (see `_broken_word`).
_BREAK_REACH = 8


@lru_cache(maxsize=4)
def _break_marks(text: str) -> tuple[int, ...]:
    """The offsets of the dashes and invisible format characters of `text`, ascending: a word
    is broken (see `_broken_word`) only near one of them. Cached: every passage of an article
    is checked against the same text."""
    marks = sorted(c for c in set(text) if c in dashes() or unicodedata.category(c) == "Cf")
    if not marks:
        return ()
    pattern = re.compile("[" + "".join(map(re.escape, marks)) + "]")
    return tuple(found.start() for found in pattern.finditer(text))


def _broken_word(text: str, at: int) -> bool:
    """True when offset `at` falls inside a word broken by a soft hyphen or a line break."""
    marks = _break_marks(text)
    nearest = bisect.bisect_left(marks, at - _BREAK_REACH)
    if nearest == len(marks) or marks[nearest] >= at + _BREAK_REACH:
        return False  # no dash or invisible character in reach: no break joins a word here
    if not (0 < at < len(text)) or not (_in_break(text[at - 1]) or _in_break(text[at])):
        return False  # no break on either side: nothing is broken here
    start = end = at
    while start > 0 and at - start < _BREAK_REACH and _in_break(text[start - 1]):
        start -= 1
    while end < len(text) and end - at < _BREAK_REACH and _in_break(text[end]):
        end += 1
    return (
        0 < start < end < len(text)
        and _is_word_char(text[start - 1])
        and _is_word_char(text[end])
        and _joins_word(text, start, end)
    )


def _in_break(char: str) -> bool:
    return char.isspace() or char in dashes() or unicodedata.category(char) == "Cf"


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
    marks = quote_like_marks()
    plain = "".join(
        c for c in _decompose(text) if c not in marks and unicodedata.category(c) != "Cf"
    )
    return _WORD.findall(plain)


@lru_cache(maxsize=1 << 12)
def _meaning_marks(
    text: str,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """Sorted numbers, negations and persons of `text`, and its set of lower-case words.

    Cached: the same passages (and the same matched sentences) come again in every copy of a
    story."""
    words = _words(text)
    lower = [w.casefold() for w in words]
    numbers = tuple(sorted(w for w in lower if _NUMBER_WORD.fullmatch(w)))
    negations = tuple(
        sorted(
            "not" if _NOT.fullmatch(w) else w
            for w in lower
            if _NEGATION.fullmatch(w) or _NOT.fullmatch(w)
        )
    )
    # "US" is the country, not the pronoun.
    persons = tuple(
        sorted(
            w.casefold() for w in words if _PERSON.fullmatch(w.casefold()) and w not in ("US", "U")
        )
    )
    return numbers, negations, persons, frozenset(lower)


def _negated_word(words: frozenset[str], other: frozenset[str]) -> bool:
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
    key = fold_for_alignment(stripped)
    if key:
        for start, end in _normalized_matches(text, _fold_text(text), key):
            yield start, end, "normalized"


def align(text: str, passage: str, source: str, *, fuzzy_threshold: float = 90.0) -> Span | None:
    """Find `passage` in `text` and return where, or None when it is not there.

    Tries, in order: the first exact occurrence (ignoring whitespace around the passage); the
    first occurrence after folding both sides (see `fold_for_alignment`); the best fuzzy match
    of the folded passage (rapidfuzz partial ratio at least `fuzzy_threshold`, for passages of
    12 or more folded characters), grown to word boundaries. Exact and normalized occurrences
    must start and end on word boundaries (`he` is not found in `she`). A fuzzy match must agree
    with the passage in its numbers, negations and personal pronouns: it may differ by a
    synonym, never by `15` for `50` or `satisfied` for `dissatisfied`. The span always satisfies
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
    key = fold_for_alignment(passage)
    if not key:
        return None
    found = _find_fuzzy(text, _fold_text(text), key, fuzzy_threshold)
    if found is not None and _same_meaning_marks(passage, text[found[0] : found[1]]):
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


# A passage is evidence only when it is quote-sized: at most three sentences, and never more
# than a quarter of its article (below _QUOTE_FLOOR characters the share rule does not apply,
# so that one sentence of a very short article still counts).
_MAX_QUOTE_SENTENCES = 3
_MAX_QUOTE_SHARE = 0.25
_QUOTE_FLOOR = 300
_SENTENCE_BREAK = re.compile(
    "[.!?\u2026][\"'\u201d\u2019\u00bb)\\]]*\\s+(?=[\"'\u201c\u2018\u00ab(\\[]?[A-Z0-9])"
    "|\\n[ \\t]*\\n\\s*"
)
_NOT_A_SENTENCE_END = re.compile(
    r"(?:[A-Za-z]\.)+|(?:Mrs?|Ms|Dr|Prof|St|Gen|Col|Sen|Rep|Gov|Jr|Sr|Jan|Feb|Mar|Apr|Jun|Jul"
    r"|Aug|Sept?|Oct|Nov|Dec|No|vs|etc|Inc|Ltd|Co)\."
)


def chrome_regions(text: str) -> list[tuple[int, int]]:
    """The lines of `text` that are not the article's body: its ` date YYYY-MM-DD` header line
    and page chrome ("All news", "Updated at: 12:30"). Nothing in them is evidence."""
    from summarizer.ingest import CHROME_LINE, HEADER_DATE

    regions: list[tuple[int, int]] = []
    at = 0
    for line in text.splitlines(keepends=True):
        body = line.strip().lstrip("\ufeff")
        if body and (
            CHROME_LINE.match(body) or (HEADER_DATE.match(body) and len(body.split()) == 2)
        ):
            regions.append((at, at + len(line.rstrip("\r\n"))))
        at += len(line)
    return regions


@lru_cache(maxsize=1 << 13)
def excluded_regions(text: str) -> tuple[tuple[int, int], ...]:
    """The regions of `text` whose words are never evidence: text addressed to the model
    (`untrusted_regions`), the header line and page chrome (`chrome_regions`).

    Cached: grounding and the evidence search of reconciliation both ask it of every article.
    """
    return tuple(untrusted_regions(text) + chrome_regions(text))


def quote_sized(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is no longer than a quote: at most three sentences, and at
    most a quarter of `text` (or 300 characters, whichever is more)."""
    if end - start > max(_QUOTE_FLOOR, _MAX_QUOTE_SHARE * len(text)):
        return False
    breaks = 0
    for match in _SENTENCE_BREAK.finditer(text, start, end):
        if match.end() >= end:
            break
        word = text[max(start, match.start() - 12) : match.start() + 1].split()
        if match.group()[0] == "." and word and _NOT_A_SENTENCE_END.fullmatch(word[-1]):
            continue
        breaks += 1
        if breaks >= _MAX_QUOTE_SENTENCES:
            return False
    return True


def implausible(meeting: Meeting, published: str | None) -> str | None:
    """Why a meeting's values cannot all hold as of the article's date, or None.

    A meeting the article reports as held cannot be dated after the article was published.
    """
    if meeting.status != "held" or not meeting.date or not published:
        return None
    size = min(len(meeting.date), len(published))
    if meeting.date[:size] > published[:size]:
        return (
            f"status 'held' but dated {meeting.date}, after the article was published ({published})"
        )
    return None


def _is_evidence(passage: str) -> bool:
    """True when `passage` is long enough to support a record: 12 characters and 2 words."""
    key = fold_for_alignment(passage)
    return len(key) >= _EVIDENCE_MIN_CHARS and _ENOUGH_WORDS.search(key) is not None


def ground(
    article: Article, extraction: ArticleExtraction, *, fuzzy_threshold: float = 90.0
) -> GroundedExtraction:
    """Align every quote of every record of `extraction` to offsets in `article.text`.

    A record is grounded when at least one of its passages aligns; for statements the content
    counts as a passage too. A passage longer than a quote (see `quote_sized`), or in the
    header line or page chrome (see `chrome_regions`), is not evidence. A meeting whose values
    cannot hold as of the article's date (see `implausible`) is marked with the reason and
    counted as ungrounded. A statement keeps `direct=True` only when its content is found
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
    paragraphs: dict[tuple[int, int], QuoteEvents] = {}
    untrusted = excluded_regions(text)

    def trusted(start: int, end: int) -> bool:
        return not any(start < stop and begin < end for begin, stop in untrusted)

    def locate(passage: str) -> Span | None:
        if passage not in found:
            span = None
            if _is_evidence(passage):
                span = align(text, passage, article.id, fuzzy_threshold=fuzzy_threshold)
                if span is not None and not trusted(span.start, span.end):
                    span = None  # words addressed to the model are not evidence
                if span is not None and not quote_sized(text, span.start, span.end):
                    span = None  # paragraphs or a large share of the article: not a quote
            found[passage] = span
        return found[passage]

    def quoted(passage: str) -> Span | None:
        """The first verbatim occurrence of `passage` printed inside quotation marks."""
        if not _is_evidence(passage):
            return None
        matches = itertools.islice(_verbatim_matches(text, passage), _MAX_QUOTATION_TRIES)
        for start, end, match in matches:
            if trusted(start, end) and inside_quotation(text, start, end, paragraphs):
                return _span(text, article.id, start, end, match)
        return None

    if not 0.0 <= fuzzy_threshold <= 100.0:
        raise ValueError(f"fuzzy_threshold must be between 0 and 100, not {fuzzy_threshold}")
    published = article.published or extraction.published
    meetings = []
    for i, meeting in enumerate(extraction.meetings):
        record = _ground_record("meeting", i, meeting.quotes, locate)
        reason = implausible(meeting, published)
        if reason is not None:  # kept, marked, and counted as ungrounded
            record = record.model_copy(update={"implausible": reason, "grounded": False})
        meetings.append(record)
    return GroundedExtraction(
        article=article,
        extraction=extraction,
        meetings=meetings,
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


# --- many articles on two cores -------------------------------------------------------------------

# From this many articles on, `ground_all` grounds part of them in a second process.
PARALLEL_ARTICLES = 64
# The share of the articles the second process grounds: the first also rebuilds its answers.
_SECOND_SHARE = 0.65

# One record's grounding in plain values, as the second process sends it back: its index, its
# spans (as numbers in its article's table of (start, end, match)), its unaligned quotes, its
# content span's number (-1: none), grounded, direct and implausible; and the article's table.
_PlainRecord = tuple[int, tuple[int, ...], list[str], int, bool, bool | None, str | None]
_Plain = tuple[list[tuple[int, int, MatchKind]], tuple[list[_PlainRecord], ...]]
_KINDS: tuple[Literal["meeting", "proposal", "statement", "claim"], ...] = (
    "meeting",
    "proposal",
    "statement",
    "claim",
)


class Readying(NamedTuple):
    """What readies a grounding for the step that follows it (reconciliation gives its own, see
    `summarizer.reconciliation.prepare.READYING`), split so that a second process can do the
    part that needs only the article's text: `ready(grounded)` does it all here; `plain(text)`
    works out the text's part as plain values another process can send; `take(grounded,
    plain)` is `ready` with the text's part taken from them."""

    ready: Callable[[GroundedExtraction], None]
    plain: Callable[[str], Any]
    take: Callable[[GroundedExtraction, Any], None]


def _plain(made: GroundedExtraction) -> _Plain:
    table: list[tuple[int, int, MatchKind]] = []
    numbers: dict[tuple[int, int, MatchKind], int] = {}

    def number(span: Span | None) -> int:
        if span is None:
            return -1
        key = (span.start, span.end, span.match)
        found = numbers.get(key)
        if found is None:
            found = numbers[key] = len(table)
            table.append(key)
        return found

    kinds = (made.meetings, made.proposals, made.statements, made.claims)
    records = tuple(
        [
            (
                r.index,
                tuple(number(s) for s in r.spans),
                r.unaligned,
                number(r.content_span),
                r.grounded,
                r.direct,
                r.implausible,
            )
            for r in records
        ]
        for records in kinds
    )
    return table, records


# The fields of a grounded record, in order (as its JSON has them), with their defaults (the
# lists' never kept: `_rebuilt` gives every list); and the sets of fields `ground`
# gives, by the kind of record and whether it is implausible (one set each, shared, never changed).
_RECORD_DEFAULTS = {
    name: field.get_default(call_default_factory=True)
    for name, field in GroundedRecord.model_fields.items()
}
_GIVEN = ("kind", "index", "spans", "unaligned", "grounded")
_RECORD_FIELDS = {
    (statement, implausible): set(_GIVEN)
    | ({"content_span", "direct"} if statement else set())
    | ({"implausible"} if implausible else set())
    for statement in (False, True)
    for implausible in (False, True)
}


def _record(values: dict[str, object], given: set[str]) -> GroundedRecord:
    """A grounded record with these values (the others at their defaults), `given` its set of
    given fields, made without pydantic's validation: the values are those `ground` made and
    validated in the process that sent them."""
    return _unvalidated(GroundedRecord, {**_RECORD_DEFAULTS, **values}, given)


def _rebuilt(article: Article, extraction: ArticleExtraction, plain: _Plain) -> GroundedExtraction:
    """The grounding `_plain` describes, as `ground` makes it (the same fields given)."""
    table, kinds = plain
    text, source = article.text, article.id
    spans = [_span(text, source, start, end, match) for start, end, match in table]
    lists: list[list[GroundedRecord]] = []
    for kind, records in zip(_KINDS, kinds, strict=True):
        statement = kind == "statement"
        made: list[GroundedRecord] = []
        for index, numbers, unaligned, content, grounded, direct, implausible in records:
            values: dict[str, object] = {
                "kind": kind,
                "index": index,
                "spans": [spans[n] for n in numbers],
                "unaligned": unaligned,
                "grounded": grounded,
            }
            if statement:
                values["content_span"] = spans[content] if content >= 0 else None
                values["direct"] = direct
            if implausible is not None:
                values["implausible"] = implausible
            made.append(_record(values, _RECORD_FIELDS[statement, implausible is not None]))
        lists.append(made)
    meetings, proposals, statements, claims = lists
    return GroundedExtraction(
        article=article,
        extraction=extraction,
        meetings=meetings,
        proposals=proposals,
        statements=statements,
        claims=claims,
    )


def _ground_tail(
    pairs: Sequence[tuple[Article, ArticleExtraction]],
    start: int,
    fuzzy_threshold: float,
    readying: Readying | None,
    sender: Connection,
) -> None:
    """In the second process: ground `pairs[start:]` and send their groundings back, plain,
    each with its article's `readying.plain` when readying (an empty message when something
    failed: the first process then does the work itself)."""
    import pickle

    try:
        plain = [
            (
                _plain(ground(article, extraction, fuzzy_threshold=fuzzy_threshold)),
                readying.plain(article.text) if readying else None,
            )
            for article, extraction in pairs[start:]
        ]
        message = pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        message = b""
    sender.send_bytes(message)
    sender.close()


def _core_free() -> bool:
    """Whether a core is free for a second process: the machine has two or more, and over the
    last minute fewer processes than that were running or waiting to, this one included
    (where the system does not tell, taken as free). On a busy machine the two processes only
    take turns on the cores others use too, and the work of splitting is lost."""
    import os

    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = 0.0
    return cores >= 2 and load < cores - 0.5


def _second_process() -> ForkContext | None:
    """A context that forks (the articles need not be sent), when forking is safe and a core
    is free (`_core_free`): on a system that has it, from a process running no other thread."""
    import multiprocessing
    import threading

    if not _core_free():
        return None
    if threading.active_count() != 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def ground_all(
    pairs: Sequence[tuple[Article, ArticleExtraction]],
    *,
    fuzzy_threshold: float = 90.0,
    readying: Readying | None = None,
) -> list[GroundedExtraction]:
    """`ground` every (article, extraction) pair, in order; the same groundings.

    From `PARALLEL_ARTICLES` pairs on, on a machine with a second core free, a second process
    (forked: it has the articles already) grounds the later part of the batch while this one
    grounds the first, and sends back only numbers and the quotes it could not align; this
    process makes the spans from its own copy of the text. When no second process can start
    or it fails, this process grounds its part too.

    Args:
        pairs: The articles and the records extracted from each.
        fuzzy_threshold: The lowest rapidfuzz score (0-100) a fuzzy match may have.
        readying: Also ready each grounding for the step that follows (reconciliation's is
            `summarizer.reconciliation.prepare.READYING`); the second process works out its
            articles' text part of that too.

    Raises:
        ValueError: If `fuzzy_threshold` is not between 0 and 100.
    """
    import pickle

    if not 0.0 <= fuzzy_threshold <= 100.0:
        raise ValueError(f"fuzzy_threshold must be between 0 and 100, not {fuzzy_threshold}")

    def here(part: Sequence[tuple[Article, ArticleExtraction]]) -> list[GroundedExtraction]:
        made = [ground(a, e, fuzzy_threshold=fuzzy_threshold) for a, e in part]
        if readying is not None:
            for grounded in made:
                readying.ready(grounded)
        return made

    context = _second_process() if len(pairs) >= PARALLEL_ARTICLES else None
    if context is None:
        return here(pairs)
    start = len(pairs) - round(len(pairs) * _SECOND_SHARE)
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_ground_tail, args=(pairs, start, fuzzy_threshold, readying, sender), daemon=True
    )
    try:
        worker.start()
    except OSError:
        return here(pairs)
    sender.close()
    try:
        made = here(pairs[:start])
        try:
            message = receiver.recv_bytes()
        except (EOFError, OSError):
            message = b""
    finally:
        receiver.close()
        worker.join()
    plain: list[tuple[_Plain, Any]] = pickle.loads(message) if message else []
    if len(plain) != len(pairs) - start:
        return made + here(pairs[start:])
    for (article, extraction), (grounding, preparation) in zip(pairs[start:], plain, strict=True):
        grounded = _rebuilt(article, extraction, grounding)
        if readying is not None and preparation is not None:
            readying.take(grounded, preparation)
        made.append(grounded)
    return made
