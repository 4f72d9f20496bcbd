"""Evidence: the passages of a source that show a field's value, and nothing else.

A record's passages (its aligned quotes) ground the record as a whole; they do not show every
value the extraction put in it. A field's evidence is therefore chosen per value:

1. the record's passages whose text shows the value, by the field's matcher (below);
2. when none does, the sentence nearest to those passages that shows the value, looked for in
   the paragraphs that hold them and then in the paragraph just before or after one of those
   (never in a passage addressing a model, nor in a dateline such as "BRUSSELS, January 4."):
   a new span with exact offsets into the article (`text[start:end] == span.text`), its
   `match` "exact" when the value is written there as given and "normalized" when it is found
   only after folding (case, accents, transliteration, another spelling of a date, a weekday);
3. otherwise nothing: the value has no evidence, and fusion ranks it below values that have.

The record's own passages keep the `match` of their alignment (exact / normalized / fuzzy).

Fields that are not text (the format and status enums) are not matched: the record's passages
are their evidence, as the passages the value was read from (`matcher=None`).

Matchers take the value, a passage and the source's ISO publication date ("" when unknown):

- words (names of things, roles, organisations, parties, agenda items, demands, channels):
  every content word of the value appears in the passage after folding, stemming and aliases
  ("Moscow" shows "Russia");
- names of people: the surname appears, compared by transliteration key (Yury / Yuri,
  Ryabkov / Riabkov) or as a close spelling (Stoltenberg / Stoltenburg); an office standing for
  a name ("NATO official") is matched by words;
- places: every place word of the value appears ("NATO headquarters in Brussels" needs both);
- times: the time as written ("09:00");
- dates: "January 12", "Jan. 12", "12 January 2022", "12th of January", "2022-01-12",
  "12.01.2022", either end of a range ("January 12-13", "12-13 January", "January 12 to 13"),
  and, against the source's publication date, a weekday ("on Wednesday") within six days of
  it that falls on the date (unless a date is written with it: "Monday, 10 January" is the
  10th), "today", "yesterday" and "tomorrow". A written year must agree;
  "date 2022-01-04" (a header line giving the article's own date) shows nothing;
- statement content: quoted words need all their content words in one passage; a paraphrase
  two thirds of them, which may come from several of the record's passages together (see
  `content_evidence`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from summarizer.ground import excluded_regions
from summarizer.knowledge.calendar import month_pattern, month_spellings, relative_days, weekdays
from summarizer.knowledge.datelines import wire_dateline
from summarizer.knowledge.folding import fold_for_comparison, words
from summarizer.knowledge.names import transliteration_key
from summarizer.normalize import (
    name_key,
    place_key,
    surnames_similar,
    text_key,
)
from summarizer.records import MatchKind, Span

__all__ = [
    "CONTENT_SHARE",
    "Matcher",
    "content_evidence",
    "content_shown",
    "date_shown",
    "find_evidence",
    "name_shown",
    "place_shown",
    "prepare_layout",
    "quoted_content_shown",
    "shows_with",
    "time_shown",
    "words_shown",
]

# value, passage, the source's ISO publication date ("" when unknown) -> does it show the value
Matcher = Callable[[str, str, str], bool]

# Share of a paraphrase's content words its passage must contain.
CONTENT_SHARE = 2 / 3


# --- words ----------------------------------------------------------------------------------------


_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011](?=[^\W\d_])")


def _joined(text: str) -> str:
    """The text with hyphens inside words dropped: "build-up" → "buildup"."""
    return _INNER_HYPHEN.sub("", text)


@lru_cache(maxsize=1 << 14)
def _text_words(text: str) -> frozenset[str]:
    """The passage's content words, hyphenated words both split and joined."""
    return frozenset(text_key(text)) | frozenset(text_key(_joined(text)))


@lru_cache(maxsize=1 << 14)
def _wanted(value: str) -> tuple[frozenset[str], ...]:
    """The value's content words, and the same with hyphenated words joined."""
    forms = [frozenset(text_key(value)), frozenset(text_key(_joined(value)))]
    return tuple(f for i, f in enumerate(forms) if f and f not in forms[:i])


def words_shown(value: str, text: str, _published: str = "") -> bool:
    """Every content word of the value is in the passage (folded, stemmed, aliases applied;
    "build-up" and "buildup" are one word)."""
    return _words_shown(value, text)


# The matchers are pure functions of their strings, asked again and again about the same value
# and passage (each field of each record, every copy of a story): they remember their answers
# for one reconciliation (`forget_layouts`).
_MEMO = 1 << 15


@lru_cache(maxsize=_MEMO)
def _words_shown(value: str, text: str) -> bool:
    have = _text_words(text)
    return any(wanted <= have for wanted in _wanted(value))


@lru_cache(maxsize=_MEMO)
def _share_shown(value: str, text: str, share: float) -> bool:
    have = _text_words(text)
    return any(len(wanted & have) >= share * len(wanted) for wanted in _wanted(value))


def _contributes(wanted: frozenset[str], have: frozenset[str]) -> bool:
    return len(wanted & have) >= min(2, len(wanted))


def quoted_content_shown(value: str, text: str, _published: str = "") -> bool:
    """Quoted words: every content word appears in the passage."""
    return words_shown(value, text)


def content_shown(value: str, text: str, _published: str = "") -> bool:
    """A paraphrase: at least `CONTENT_SHARE` of its content words appear in the passage."""
    return _share_shown(value, text, CONTENT_SHARE)


# --- people -------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def _name_keys(text: str) -> frozenset[str]:
    """Transliteration keys of the passage's words, and of runs of two and three words (so that
    a surname with particles, "von der Leyen", is found as one key)."""
    keys = [transliteration_key(w) for w in words(text)]
    out = set(keys)
    for size in (2, 3):
        out.update("".join(keys[i : i + size]) for i in range(len(keys) - size + 1))
    out.discard("")
    return frozenset(out)


def name_shown(value: str, text: str, _published: str = "") -> bool:
    """The person's surname is in the passage: same transliteration key or a close spelling."""
    return _name_shown(value, text)


@lru_cache(maxsize=_MEMO)
def _name_shown(value: str, text: str) -> bool:
    key = name_key(value)
    if key is None:
        return words_shown(value, text)
    return _surname_among(key.surname, _name_keys(text))


def _surname_among(surname: str, keys: frozenset[str]) -> bool:
    """The surname's key is among `keys`, or a close spelling of it is."""
    if surname in keys:
        return True
    return any(
        k[:1] == surname[:1] and abs(len(k) - len(surname)) <= 2 and surnames_similar(surname, k)
        for k in keys
    )


# --- places and times -----------------------------------------------------------------------------


def place_shown(value: str, text: str, _published: str = "") -> bool:
    """Every word that locates the place is in the passage."""
    return _place_shown(value, text)


@lru_cache(maxsize=_MEMO)
def _place_shown(value: str, text: str) -> bool:
    wanted = place_key(value)
    if not wanted:
        folded = fold_for_comparison(value)
        return bool(folded) and folded in fold_for_comparison(text)
    return wanted <= set(words(text))


@lru_cache(maxsize=1 << 12)
def _time_pattern(value: str) -> re.Pattern[str] | None:
    tokens = fold_for_comparison(value).split()
    if not tokens:
        return None
    # a bare number ("9" of "9 a.m.") is no time on its own: take the next word with it
    wanted = tokens[:2] if tokens[0].isdigit() else tokens[:1]
    body = r"\s*".join(re.escape(t) for t in wanted)
    return re.compile(rf"(?<![\w:.]){body}(?![\w:])")


def time_shown(value: str, text: str, _published: str = "") -> bool:
    """The time is written in the passage as the value gives it ("09:00", "9 a.m.")."""
    return _time_shown(value, text)


@lru_cache(maxsize=_MEMO)
def _time_shown(value: str, text: str) -> bool:
    pattern = _time_pattern(value)
    return pattern is not None and pattern.search(fold_for_comparison(text)) is not None


# --- dates --------------------------------------------------------------------------------------

_WRITTEN_YEAR = re.compile(r",?\s*((?:19|20)\d\d)(?!\d)")


@cache
def _date_after_weekday() -> re.Pattern[str]:
    """A date written right after a weekday: ", 10 January", " Jan. 10"."""
    any_month = rf"(?:{month_pattern()})\b\.?"
    return re.compile(
        rf",?\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{any_month}"
        rf"|{any_month}\s*\d{{1,2}}(?!\d))"
    )


# How far from the publication date a bare weekday may point.
_WEEKDAY_REACH = 6


def _month(number: int) -> str:
    spellings = sorted(set(month_spellings(number)), key=len, reverse=True)
    return "(?:" + "|".join(spellings) + r")\b\.?"


def _date_parts(iso: str) -> list[int] | None:
    """Year, month and day of `iso` as far as it gives them; None when it is not a date."""
    try:
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 3:
            dt.date(parts[0], parts[1], parts[2])
        elif len(parts) == 2 and not 1 <= parts[1] <= 12:
            return None
    except ValueError:
        return None
    return parts


@lru_cache(maxsize=1 << 12)
def _date_cues(iso: str) -> tuple[str, tuple[str, ...]] | None:
    """What every match of `_date_patterns(iso)` holds: its digits (see there), and one of a few
    strings (a spelling of the month, the year after a dot or before a hyphen; none needed for
    a year alone). A passage without them is not matched, so its pattern need not be built."""
    parts = _date_parts(iso)
    if parts is None:
        return None
    year = parts[0]
    if len(parts) == 1:
        return f"{year:04d}", ()
    months = month_spellings(parts[1])
    if len(parts) == 2:
        return "", (*months, f"{year:04d}-{parts[1]:02d}")
    return str(parts[2]), (*months, f"{year:04d}-", f".{year:04d}")


@lru_cache(maxsize=1 << 12)
def _date_patterns(iso: str) -> tuple[int, re.Pattern[str], str] | None:
    """The year, a pattern writing the date out, and digits every match of it holds (the day's,
    or the year's for a year alone; "" for a month); None when `iso` is not a date."""
    parts = _date_parts(iso)
    if parts is None:
        return None
    year = parts[0]
    if len(parts) == 1:
        return year, re.compile(rf"(?<!\d){year:04d}(?!\d)"), f"{year:04d}"
    month = _month(parts[1])
    if len(parts) == 2:
        named = rf"\b{month}"
        if parts[1] == 5:  # "may" is also a verb: only with a number next to it
            named = r"\bmay\b\.?\s*\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?may\b"
        return year, re.compile(rf"{named}|(?<!date )\b{year:04d}-{parts[1]:02d}\b"), ""
    day = parts[2]
    this = rf"(?<!\d)0?{day}(?:st|nd|rd|th)?(?!\d)"
    other = r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?!\d)"
    link = r"\s*(?:-|to|and|through|until|till)\s*"
    return (
        year,
        re.compile(
            "|".join(
                [
                    rf"\b{month}\s*{this}(?:{link}{other})?",  # January 12, January 12-13
                    rf"\b{month}\s*{other}{link}{this}",  # January 12-13 (its end)
                    rf"{this}(?:{link}{other})?\s+(?:of\s+)?{month}",  # 12 January, 12-13 January
                    rf"{other}{link}{this}\s+(?:of\s+)?{month}",  # 12-13 January (its end)
                    rf"(?<!date )\b{year:04d}-{parts[1]:02d}-{day:02d}\b",
                    rf"(?<![\d.])0?{day}\.0?{parts[1]}\.{year:04d}(?!\d)",
                ]
            )
        ),
        str(day),
    )


def _relative_shown(iso: str, text: str, published: str) -> bool:
    """A weekday, "today", "yesterday" or "tomorrow" that points at the date from `published`."""
    try:
        date = dt.date.fromisoformat(iso)
        base = dt.date.fromisoformat(published)
    except ValueError:
        return False
    delta = (date - base).days
    if abs(delta) > _WEEKDAY_REACH:
        return False
    folded = fold_for_comparison(text)
    for match in re.finditer(rf"\b{weekdays()[date.weekday()]}\b", folded):
        # "Monday, 10 January": the date written with the weekday decides, not the weekday
        if not _date_after_weekday().match(folded, match.end()):
            return True
    said = set(words(text))
    return any(word in said and offset == delta for word, offset in relative_days().items())


def date_shown(iso: str, text: str, published: str = "") -> bool:
    """Whether the passage writes the ISO date `iso` (see the module docstring for how)."""
    return _date_shown(iso, text, published)


@lru_cache(maxsize=_MEMO)
def _date_shown(iso: str, text: str, published: str) -> bool:
    cues = _date_cues(iso)
    if cues is None:
        return False
    digits, spellings = cues
    folded = fold_for_comparison(text)
    # every way of writing the date holds its day's digits and one of the cues: a passage
    # without them is not read
    if digits in folded and (not spellings or any(c in folded for c in spellings)):
        found = _date_patterns(iso)
        assert found is not None  # `_date_cues` read it as a date
        year, pattern, _ = found
        for match in pattern.finditer(folded):
            written = _WRITTEN_YEAR.match(folded, match.end())
            if written is None or int(written.group(1)) == year or len(iso) == 4:
                return True
    return len(iso) == 10 and bool(published) and _relative_shown(iso, text, published[:10])


# --- where to look near a record's passages -----------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019\u00bb)\]]*(?=\s)")
# Words whose period does not end a sentence ("Mr.", "Jan.", "esp."), and initials ("U.S.").
_ABBREVIATION = re.compile(
    r"(?:mrs?|ms|dr|prof|st|sen|rep|gen|col|maj|capt|adm|lt|sgt|gov|pres|jan|feb|mar|apr|jun"
    r"|jul|aug|sept?|oct|nov|dec|nos?|vs|etc|inc|corp|co|ltd|jr|sr|esp|approx|dept|est|fig)",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: int
    text: str = ""  # the article's text at [start, end), sliced once


@dataclass(frozen=True, slots=True)
class _Layout:
    sentences: tuple[_Sentence, ...]
    paragraphs: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]  # of the paragraphs, for bisection
    by_paragraph: tuple[tuple[_Sentence, ...], ...]  # each paragraph's sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs as [start, end): lines, a line that only continues a broken one joined to it."""
    out: list[tuple[int, int]] = []
    at = 0
    joinable = False
    for line in text.splitlines(keepends=True):
        start, end = at, at + len(line.rstrip("\r\n"))
        at += len(line)
        body = text[start:end].strip()
        if not body:
            joinable = False
            continue
        if joinable and out and body[:1].islower():
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        joinable = not body.endswith((".", "!", "?", ":", '"', "\u201d", "\u2019", "'"))
    return out


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    ends: list[int] = []
    for match in _SENTENCE_END.finditer(text, start, end):
        before = text[max(start, match.start() - 40) : match.start()].rsplit(None, 1)
        token = before[-1].lstrip("\"'(\u201c\u2018[") if before else ""
        if _INITIALS.match(token) or _ABBREVIATION.fullmatch(token.rstrip(".")):
            continue
        following = text[match.end() : end].lstrip()
        if following[:1].islower():
            continue
        ends.append(match.end())
    return ends


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Each article's layout, by its text, until `forget_layouts`.
_LAYOUTS: dict[str, _Layout] = {}


def _layout(text: str) -> _Layout:
    """The article's sentences (outside passages that address a model) and paragraphs."""
    layout = _LAYOUTS.get(text)
    if layout is None:
        layout = _LAYOUTS[text] = _laid_out(text)
    return layout


def _laid_out(text: str) -> _Layout:
    regions = excluded_regions(text)  # neither is the article's body
    paragraphs = _paragraphs(text)
    sentences: list[_Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs):
        at = p_start
        for stop in [*_sentence_ends(text, p_start, p_end), p_end]:
            start, end = _trimmed(text, at, stop)
            at = stop
            # where and when the report was filed, not what it reports: never evidence
            dateline = wire_dateline().match(text, start, end)
            if dateline is not None:
                start = dateline.end()
            if start >= end:
                continue
            if any(start < r_end and r_start < end for r_start, r_end in regions):
                continue
            sentences.append(_Sentence(start, end, number, text[start:end]))
    return _made_layout(sentences, paragraphs)


def _made_layout(sentences: Sequence[_Sentence], paragraphs: Sequence[tuple[int, int]]) -> _Layout:
    by_paragraph: list[list[_Sentence]] = [[] for _ in paragraphs]
    for sentence in sentences:
        by_paragraph[sentence.paragraph].append(sentence)
    return _Layout(
        tuple(sentences),
        tuple(paragraphs),
        tuple(p[0] for p in paragraphs),
        tuple(tuple(p) for p in by_paragraph),
    )


def prepare_layout(text: str) -> None:
    """Lay out an article ahead of the reconciliation that will look for evidence in it (while
    other articles are still being extracted, say); kept until `forget_layouts`."""
    _layout(text)


# An article's layout in numbers: its sentences as (start, end, paragraph), its paragraphs.
PlainLayout = tuple[tuple[tuple[int, int, int], ...], tuple[tuple[int, int], ...]]


def plain_layout(text: str) -> PlainLayout:
    """The article's layout in numbers, to be sent to another process (see `take_layout`)."""
    layout = _laid_out(text)
    return tuple((s.start, s.end, s.paragraph) for s in layout.sentences), layout.paragraphs


def take_layout(text: str, plain: PlainLayout) -> None:
    """Keep the layout `plain_layout(text)` gave (in another process) as this article's, as
    `prepare_layout` would have made it."""
    sentences, paragraphs = plain
    _LAYOUTS[text] = _made_layout(
        [_Sentence(start, end, number, text[start:end]) for start, end, number in sentences],
        paragraphs,
    )


def forget_layouts() -> None:
    """Drop the article layouts and the matchers' answers computed so far (called when a
    reconciliation ends)."""
    _LAYOUTS.clear()
    _around.cache_clear()
    _around_words.cache_clear()
    _around_names.cache_clear()
    excluded_regions.cache_clear()
    for memo in (_words_shown, _share_shown, _name_shown, _place_shown, _time_shown, _date_shown):
        memo.cache_clear()


def _paragraphs_of(layout: _Layout, start: int, end: int) -> set[int]:
    first = max(bisect.bisect_right(layout.starts, start) - 1, 0)
    found: set[int] = set()
    for number in range(first, len(layout.paragraphs)):
        p_start, p_end = layout.paragraphs[number]
        if p_start >= max(end, start + 1):
            break
        if p_end > start:
            found.add(number)
    return found


def _match_kind(value: str, passage: str) -> MatchKind:
    return "exact" if value.strip() and value.strip() in passage else "normalized"


# A sentence near a record's passages: its text, start and end.
_Near = tuple[str, int, int]


@cache
def _around(text: str, intervals: tuple[tuple[int, int], ...]) -> tuple[_Near, ...]:
    """The sentences near the passages at `intervals`, nearest first: first those in the
    paragraphs that hold the passages, then those in the paragraph just before or after one of
    them; by distance to the nearest passage, then by offset.

    Cached: every field of a record looks near the same passages.
    """
    layout = _layout(text)
    paragraphs: set[int] = set()
    for start, end in intervals:
        paragraphs |= _paragraphs_of(layout, start, end)
    neighbours = {p + step for p in paragraphs for step in (-1, 1)} - paragraphs
    count = len(layout.by_paragraph)
    ranked: list[tuple[bool, int, int, str]] = []
    for p in paragraphs | neighbours:
        if not 0 <= p < count:
            continue
        outside = p not in paragraphs
        for s in layout.by_paragraph[p]:
            # 0 when the sentence overlaps a passage
            if len(intervals) == 1:
                distance = max(0, intervals[0][0] - s.end, s.start - intervals[0][1])
            else:
                distance = min(max(0, a - s.end, s.start - b) for a, b in intervals)
            ranked.append((outside, distance, s.start, s.text))
    ranked.sort()
    return tuple((passage, start, start + len(passage)) for _, _, start, passage in ranked)


# The matchers of this module that ignore the publication date, each with the memo it answers
# from: evidence search calls the memo itself, one call less for each of the passages it reads.
_MEMOS: dict[Matcher, Callable[[str, str], bool]] = {
    words_shown: _words_shown,
    quoted_content_shown: _words_shown,
    name_shown: _name_shown,
    place_shown: _place_shown,
    time_shown: _time_shown,
}


def shows_with(matcher: Matcher, published: str) -> Callable[[str, str], bool]:
    """`matcher` with the source's publication date given: (value, passage) -> shown."""
    memo = _MEMOS.get(matcher)
    if memo is not None:
        return memo
    return lambda value, passage: matcher(value, passage, published)


@lru_cache(maxsize=1 << 12)
def _around_words(text: str, intervals: tuple[tuple[int, int], ...]) -> frozenset[str]:
    """Every content word of the sentences near the passages at `intervals` (`_text_words`)."""
    return frozenset().union(*(_text_words(passage) for passage, _, _ in _around(text, intervals)))


@lru_cache(maxsize=1 << 12)
def _around_names(text: str, intervals: tuple[tuple[int, int], ...]) -> frozenset[str]:
    """Every name key of the sentences near the passages at `intervals` (`_name_keys`)."""
    return frozenset().union(*(_name_keys(passage) for passage, _, _ in _around(text, intervals)))


def _words_anywhere(value: str, text: str, intervals: tuple[tuple[int, int], ...]) -> bool:
    have = _around_words(text, intervals)
    return any(wanted <= have for wanted in _wanted(value))


def _share_anywhere(value: str, text: str, intervals: tuple[tuple[int, int], ...]) -> bool:
    have = _around_words(text, intervals)
    return any(len(wanted & have) >= CONTENT_SHARE * len(wanted) for wanted in _wanted(value))


def _name_anywhere(value: str, text: str, intervals: tuple[tuple[int, int], ...]) -> bool:
    key = name_key(value)
    if key is None:
        return _words_anywhere(value, text, intervals)
    return _surname_among(key.surname, _around_names(text, intervals))


# For matchers that look for words (or name keys) in one passage: whether the words of all the
# sentences near a record's passages, put together, hold what the matcher looks for. When they
# do not, no one sentence does: the search is over before it reads any of them.
_SCREENS: dict[Matcher, Callable[[str, str, tuple[tuple[int, int], ...]], bool]] = {
    words_shown: _words_anywhere,
    quoted_content_shown: _words_anywhere,
    content_shown: _share_anywhere,
    name_shown: _name_anywhere,
}


def _nearby(
    value: str, matcher: Matcher, spans: Sequence[Span], text: str, published: str
) -> Span | None:
    """The sentence nearest the record's passages that shows the value: first in the paragraphs
    that hold them, then in the paragraph just before or after one of those."""
    intervals = tuple([(s.start, s.end) for s in spans])
    screen = _SCREENS.get(matcher)
    if screen is not None and not screen(value, text, intervals):
        return None
    shows = shows_with(matcher, published)
    for passage, start, end in _around(text, intervals):
        if shows(value, passage):
            return Span(
                source=spans[0].source,
                start=start,
                end=end,
                text=passage,
                match=_match_kind(value, passage),
            )
    return None


def content_evidence(
    value: str,
    direct: bool,
    spans: Sequence[Span],
    text: str,
    published: str,
) -> tuple[Span, ...]:
    """The passages showing a statement's content.

    Quoted words need a passage with all their content words. A paraphrase may sum up several
    passages: the record's passages that share at least two of its content words are its
    evidence when together they hold `CONTENT_SHARE` of them; otherwise one passage (the
    record's own or a sentence nearby) holding that share, or none.
    """
    if direct:
        return find_evidence(value, quoted_content_shown, spans, text, published)
    for wanted in _wanted(value):
        contributing = [s for s in spans if _contributes(wanted, _text_words(s.text))]
        covered = set().union(*(wanted & _text_words(s.text) for s in contributing))
        if contributing and len(covered) >= CONTENT_SHARE * len(wanted):
            return tuple(contributing)
    return find_evidence(value, content_shown, spans, text, published)


def find_evidence(
    value: str,
    matcher: Matcher | None,
    spans: Sequence[Span],
    text: str,
    published: str,
) -> tuple[Span, ...]:
    """The passages of one record that show `value`: its own that do, else one nearby, else none.

    Args:
        value: The value as the record gives it.
        matcher: How to tell that a passage shows it; None for a field that is not text (an
            enum): then the record's passages are the evidence.
        spans: The record's aligned passages, all in one source.
        text: That source's original text ("" when unknown: no nearby search).
        published: The source's ISO publication date, "" when unknown.
    """
    if matcher is None:
        return tuple(spans)
    shows = shows_with(matcher, published)
    shown = [s for s in spans if shows(value, s.text)]
    if shown or not spans or not text:
        return tuple(shown)
    near = _nearby(value, matcher, spans, text, published)
    return (near,) if near is not None else ()
