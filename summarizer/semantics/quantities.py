"""Figures: a worded value ("nearly eight hours", "2 mb/d") as a number interval in a unit.

Two figures conflict only when their intervals cannot overlap. Qualifiers are intervals:
`about` covers ±10 % (at least one unit of the last stated digit), `more_than` / `at_least`
are open above, `less_than` / `at_most` open below. A figure without qualifier covers its
rounding: a decimal its last digit (7.5 -> 7.45-7.55), a figure with a scale word its first
decimal (2 million -> 1.95-2.05 million), a measure ending in zeros its last non-zero digit
but no more than its second digit (970 km -> 965-975 km, 20,000 hectares -> 19,500-20,500, as
"20 thousand"); a plain count is exact (11 countries is 11).

Units convert within their dimension (knots and km/h, bcm and cubic feet, MW and GW), a figure
converted from another unit covering the rounding of its own last digit; figures of two
dimensions are never compared. Nor are two bases: a percentage change ("rose 5%") and a level
("rose to 5%"), a price ("$80 a barrel") and a sum, prices of two things, sums of two periods.

Spelled-out numbers are read by `text2num` (maintained, fast, and right on "thirty-eight",
"fifteen hundred", "two million"), with a small table for the phrases it leaves alone ("a
dozen", "half a million").
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from text_to_num import alpha2digit

from summarizer.knowledge.figures import (
    QUALIFIERS,
    cased_units,
    count_stage,
    currency_signs,
    exchange_rates,
    figure_bases,
    level_dimensions,
    number_phrases,
    period_spread,
    qualifier_suffixes,
    qualifier_words,
    rate_dimensions,
    scaled_units,
    scales,
    units,
)
from summarizer.knowledge.folding import fold_for_comparison

__all__ = [
    "Basis",
    "Figure",
    "Interval",
    "Qualifier",
    "QuantityRelation",
    "by_rate",
    "compare_figures",
    "count_stage_of",
    "figure_from",
    "is_level",
    "is_money",
    "is_share",
    "other_wholes",
    "parse_figure",
    "share_whole",
    "unit_of",
    "with_stated_rates",
]

Qualifier = Literal["exact", "about", "more_than", "at_least", "less_than", "at_most"]
QuantityRelation = Literal["same", "compatible", "conflict", "incomparable"]
# What a percentage measures: a level ("rose to 5%"), a change ("rose 5%"), or unsaid (None).
Basis = Literal["level", "change"] | None


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed or open interval of numbers; infinite ends are open."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        """True when some number lies in both."""
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        high, high_open = min((self.high, not self.high_open), (other.high, not other.high_open))
        high_open = not high_open
        if low < high:
            return True
        return low == high and not low_open and not high_open

    def contains(self, value: float) -> bool:
        return self.overlaps(Interval(value, value))

    def __str__(self) -> str:
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return f"{left}{_g(self.low)}, {_g(self.high)}{right}"


def _g(x: float) -> str:
    if math.isinf(x):
        return "-inf" if x < 0 else "inf"
    return f"{x:.6g}"


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure: its amount in the unit's base, its unit and how precisely it is stated."""

    amount: float
    unit: str | None  # canonical unit (a key of `knowledge.figures.units`) or None: a count
    qualifier: Qualifier = "exact"
    tolerance: float = 0.0  # half-width of the rounding an exact figure covers
    step: float = 1.0  # one unit of the last stated digit, in the unit's base
    basis: Basis = None  # a percentage as a level or as a change; None when unsaid
    per: str | None = None  # what the figure is given for: "$80 a barrel" -> "barrel"
    # the same figure in another unit, as the text converts it: "R250 million (about $13.5
    # million)" -> the dollar figure
    also: tuple[Figure, ...] = ()

    @property
    def amount_in_unit(self) -> float:
        """The amount in its own unit ("90 minutes" -> 90), not in its dimension's base."""
        return self.amount / _factor(self.unit)

    @property
    def dimension(self) -> str | None:
        known = units().get(self.unit) if self.unit is not None else None
        return known.dimension if known is not None else None

    def interval(self) -> Interval:
        a, tol = self.amount, self.tolerance
        q = self.qualifier
        if q == "exact":
            return Interval(a - tol, a + tol)
        if q == "about":
            spread = max(abs(a) * 0.10, self.step, tol)
            return Interval(a - spread, a + spread)
        if q == "more_than":
            return Interval(a, math.inf, low_open=True, high_open=True)
        if q == "at_least":
            return Interval(a, math.inf, high_open=True)
        if q == "less_than":
            return Interval(-math.inf, a, low_open=True, high_open=True)
        return Interval(-math.inf, a, low_open=True)


# --- reading a worded figure ------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.]*\d)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_DIGIT_SCALE = re.compile(r"(\d)(k|m|mn|mln|bn|b|tn)\b")
_AND_A_HALF = re.compile(r"(\d+) and 0\.5\b")
_HALF_HOUR = re.compile(r"\bhalf an? (hour|day|year|century|decade)\b")


def _phrase_pattern(words: list[str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w$€£¥])(" + "|".join(re.escape(w) for w in ordered) + r")(?!\w)")


# The word tables are read on first use, never at import.
@cache
def _phrases() -> re.Pattern[str]:
    return _phrase_pattern(list(number_phrases()))


@cache
def _qualifiers() -> re.Pattern[str]:
    return _phrase_pattern(list(qualifier_words()))


@cache
def _suffixes() -> re.Pattern[str]:
    return _phrase_pattern(list(qualifier_suffixes()))


@cache
def _unit_spellings() -> dict[str, str]:
    """Every folded spelling of a unit and its canonical name (built on first use)."""
    spellings: dict[str, str] = {}
    for canonical, unit in units().items():
        for spelling in (canonical, *unit.spellings):
            spellings.setdefault(fold_for_comparison(spelling), canonical)
    return spellings


@cache
def _units() -> re.Pattern[str]:
    return _phrase_pattern(list(_unit_spellings()) + list(scaled_units()))


@cache
def _scale_words() -> re.Pattern[str]:
    return _phrase_pattern(list(scales()))


def _digits(text: str) -> str:
    """`text` folded, with spelled-out numbers and scale phrases written as digits."""
    text = fold_for_comparison(_uncased(text)).replace("-", " ")
    text = _THOUSANDS.sub("", text)
    text = _HALF_HOUR.sub(r"0.5 \1", text)
    text = text.replace(" and a half", " and one half")
    text = _phrases().sub(lambda m: number_phrases()[m.group(1)], text)
    # Large scale words stay words, so that "two million" keeps its precision (1.95-2.05m).
    text = _BIG_SCALE.sub(lambda m: _GUARD + m.group(0), text)
    with contextlib.suppress(ValueError, RuntimeError):  # odd input: keep the words
        text = alpha2digit(text, "en", threshold=0)
    text = text.replace(_GUARD, "")
    text = _AND_A_HALF.sub(lambda m: f"{m.group(1)}.5", text)
    return _DIGIT_SCALE.sub(r"\1 \2", text)


_GUARD = "qqq"


@cache
def _cased() -> re.Pattern[str]:
    words = sorted(cased_units(), key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(w) for w in words) + r")(?![A-Za-z])")


def _uncased(text: str) -> str:
    """`text` with unit abbreviations that need their case ("Mt") written as words."""
    return _cased().sub(lambda m: " " + cased_units()[m.group(1)], text)


@cache
def _stage() -> re.Pattern[str]:
    """A count's progress: "with 60% of ballots counted", "95 percent of precincts reporting"."""
    stage = count_stage()

    def alternatives(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return re.compile(
        r"(?:\b(?:with|after|on)\s+)?(?:(?:about|around|nearly|almost|over|more than)\s+)?"
        r"(\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b|pct\b)\s*"
        rf"(?:of\s+(?:all\s+|the\s+)?(?:{alternatives(stage.nouns)})\b\s*"
        r"(?:(?:have|has)\s+)?(?:(?:been|were|was)\s+)?"
        rf"(?:{alternatives(stage.verbs)})|(?:{alternatives(stage.bare_verbs)}))\b"
    )


def count_stage_of(value: str) -> float | None:
    """The share of a count done that a value states ("with 60% of ballots counted" -> 60),
    or None when it states none."""
    match = _stage().search(fold_for_comparison(value).replace(",", ""))
    return float(match.group(1)) if match is not None else None


def _without_stage(text: str) -> str:
    return _stage().sub(" ", text)


_BIG_SCALE = re.compile(
    r"(?<=\d )(thousand|thousands)\b|\b(million|millions|billion|billions|trillion|trillions)\b"
)


def unit_of(text: str | None) -> str | None:
    """The canonical unit a unit word names ("kilometers" -> "kilometre"), or None."""
    if not text:
        return None
    folded = fold_for_comparison(_uncased(text)).strip().rstrip(".")
    if folded in _unit_spellings():
        return _unit_spellings()[folded]
    if folded in scaled_units():
        return scaled_units()[folded].unit
    match = _units().match(folded)
    if match is not None:
        word = match.group(1)
        return _unit_spellings().get(word) or scaled_units()[word].unit
    return None


def _last_step(number: str) -> tuple[float, int]:
    """One unit of the last stated digit, and how many decimals are written.

    Zeros at the end of a whole number are read to its second digit at most: "970" to its
    tens, "20,000" to its thousands (as "20 thousand"; not to its ten thousands, which would
    let it stand for anything from 15,000 to 25,000), "2,000,000" as "2.0 million".
    """
    if "." in number:
        decimals = len(number.split(".", 1)[1])
        return 10.0**-decimals, decimals
    trailing = len(number) - len(number.rstrip("0")) if number.strip("0") else 0
    digits = len(number.lstrip("0"))
    return 10.0 ** max(0, min(trailing, digits - 2)), 0


@lru_cache(maxsize=1 << 14)
def parse_figure(value: str) -> Figure | None:
    """The first figure written in `value`, or None when it gives none.

    "nearly eight hours" -> about 8 hour; "2 mb/d" -> 2,000,000 barrel per day; "$2.3
    million" -> 2,300,000 USD; "thirty-eight further sections" -> 38 (a count).
    """
    text = _glued_signs().sub(r"\1 ", _without_stage(_digits(value)))
    match = next(
        (
            m
            for m in _NUMBER.finditer(text)
            if not is_clock_reading(text[m.end() :])
            and not _MINUTES_BEFORE.search(text[: m.start()])
        ),
        None,
    )
    if match is None:
        return None
    number = match.group(1)
    amount = float(number)
    step, decimals = _last_step(number)
    before, after = text[: match.start()], text[match.end() :].lstrip()
    unit, before = _currency_before(before)
    qualifier: Qualifier = "exact"
    head = before
    found = [m for m in _qualifiers().finditer(before) if not before[m.end() :].strip(" ,")]
    if found:
        qualifier = qualifier_words()[found[-1].group(1)]  # type: ignore[assignment]
        head = before[: found[-1].start()]
    scale = 1.0
    scaled = _scale_words().match(after)
    if scaled is not None and not _unit_word_here(after):
        scale = scales()[scaled.group(1)]
        after = after[scaled.end() :].lstrip()
    unit_match = _units().match(after)
    if unit_match is not None:
        word = unit_match.group(1)
        if word in scaled_units():
            factor, scaled_unit = scaled_units()[word]
            scale *= factor
            unit = unit or scaled_unit
        elif unit is None:
            unit = _unit_spellings()[word]
        after = after[unit_match.end() :].lstrip()
    elif after.startswith("%"):
        unit = "percent"
        after = after[1:].lstrip()
    also: tuple[Figure, ...] = ()
    if unit is None:
        # a currency no table names, converted by the text: "2,000 million pesos (about $2.2
        # million)" is read by the rate the text states
        unnamed = _UNNAMED_THEN_PARENTHESIS.match(after)
        if unnamed is not None:
            after = after[unnamed.end(1) :].lstrip()
    converted = _PARENTHESIS.match(after) or _APPOSITION.match(after)
    if converted is not None:
        inner = parse_figure(converted.group(1))
        # a share may be given as the count it makes too: "down 10%, or 400 jobs"
        counted = inner is not None and inner.unit is None and unit == "percent"
        if inner is not None and (inner.unit is not None or counted) and inner.unit != unit:
            after = after[converted.end() :].lstrip()
            also = (inner,)
    per = _per(after) if unit is not None else count_period(after)
    if per is not None:
        also = tuple(dataclasses.replace(f, per=f.per or per) for f in also)
    suffix = _suffixes().match(after)
    if suffix is None and after.startswith("+"):
        qualifier = "at_least"
    elif suffix is not None and qualifier == "exact":
        qualifier = qualifier_suffixes()[suffix.group(1)]  # type: ignore[assignment]
    basis = _basis(head, after) if unit == "percent" else None
    factor = _factor(unit)
    base = amount * scale * factor
    step_base = step * scale * factor
    if scale > 1.0:
        tolerance = 0.5 * 10.0 ** -max(decimals, 1) * scale * factor
        step_base = 10.0 ** -max(decimals, 1) * scale * factor
    elif decimals or (unit is not None and step > 1.0):
        tolerance = 0.5 * step_base
    else:
        tolerance = 0.0
    return Figure(base, unit, qualifier, tolerance, step_base, basis, per, also)


_PARENTHESIS = re.compile(r"^\(([^()]*)\)")
# the same figure in another unit after a comma or "or": "by 20%, or 900 tonnes", "50 bitcoins,
# which is about $3.4 million", "11 km, some 36,000 feet" (read only when its unit differs)
_SAME_AS = r"(?:or|which is|which was|that is|i\.e\.|equivalent to|the equivalent of|worth)"
_APPOSITION = re.compile(
    rf"^(?:(?:,\s*|\s*[-\u2013\u2014]\s*)(?:{_SAME_AS}\s+)?|{_SAME_AS}\s+)(?:by\s+)?"
    r"((?:[^\W\d_]+\s+){0,2}?[$\u20ac\u00a3\u00a5]?\d[^,;()]*)"
)
_UNNAMED_THEN_PARENTHESIS = re.compile(r"^([^\W\d_]+)\s*(?=\()")


@cache
def _glued_signs() -> re.Pattern[str]:
    """A currency sign of letters written against its figure ("r250", "nok14"), to be set apart."""
    signs = sorted((s for s in currency_signs() if s[0].isalpha()), key=len, reverse=True)
    return re.compile(r"(?<![\w.$])(" + "|".join(re.escape(s) for s in signs) + r")(?=\d)")


_PER = re.compile(r"^(?:(?:per|a|an|each|every)\s+|/\s*)([a-z][a-z]*(?: [a-z]+)?)")
_NOT_PER = frozenset(("ago", "earlier", "before", "later", "after", "of", "and", "or", "the"))


def _per(after: str) -> str | None:
    """What a figure is given for, from the words after its unit: "a barrel", "per share",
    "/mmbtu", "a year" -> the unit or noun, in one spelling."""
    match = _PER.match(after)
    if match is None:
        return None
    words = match.group(1).split()
    if words[0] in _NOT_PER:
        return None
    if len(words) > 1 and words[1] in _NOT_PER:
        words = words[:1]
    if len(words) > 1 and words[0] in scales():
        words = words[1:]  # "/MMBtu", written "million btu"
    for candidate in (" ".join(words), words[0]):
        known = unit_of(candidate)
        if known is not None:
            return known
    return words[0].removesuffix("s")


# what a count counts, then the period it is counted over: "wafers a month", "ships per day"
_COUNTED_PER = re.compile(
    r"^(?:[^\W\d_][\w'-]*\s+){0,3}?(?:a|an|per|each|every)\s+([^\W\d_]+)\b"
    r"(?!\s+(?:ago|earlier|before|later|after|since|from|of)\b)"
)


# words after a number that make it an hour of the clock: "eight in the morning", "9 o'clock"
_CLOCK_AFTER = re.compile(
    r"^\s*(?::[0-5]\d\b|o'?\s?clock\b|[ap]\.?\s?m\b|(?:in|at)\s+(?:the\s+)?(?:early\s+|late\s+)?"
    r"(?:morning|afternoon|evening|night)\b|(?:gmt|utc)\b|(?:local|[a-z]+)\s+time\b)"
)


# the minutes of a clock reading follow its hour and a colon: "08:00"
_MINUTES_BEFORE = re.compile(r"\d:$")


def is_clock_reading(after: str) -> bool:
    """Whether the words after a number make it an hour of the clock, not a figure: "in the
    morning", "o'clock", "p.m.", "GMT", "local time" ("8 in the morning and 8 in the evening"
    is two times of day, not a count of 8)."""
    return _CLOCK_AFTER.match(after.lower()) is not None


def count_period(after: str) -> str | None:
    """The period a count is given for, from the words after its number: "wafers a month"
    -> "month", "flights per day" -> "day"; None when no period follows the counted noun
    ("ships a year ago", "people a week earlier" name a moment, not a rate)."""
    match = _COUNTED_PER.match(after)
    if match is None or match.group(0).split()[0] in _NOT_PER:
        return None
    period = unit_of(match.group(1))
    known = units().get(period) if period is not None else None
    return period if known is not None and known.dimension == "duration" else None


@cache
def _currency_signs() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(currency_signs().items(), key=lambda kv: len(kv[0]), reverse=True))


def _currency_before(before: str) -> tuple[str | None, str]:
    """The currency a sign or code just before a figure names ("rs 5", "us$2"), and the text
    before it; a sign spelled in letters must be a word of its own ("hours 5" is no "rs")."""
    stripped = before.rstrip()
    for sign, code in _currency_signs():
        if not stripped.endswith(sign):
            continue
        rest = stripped[: -len(sign)]
        if sign[0].isalpha() and rest[-1:].isalnum():
            continue
        return code, rest
    return None, before


@cache
def _basis_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    bases = figure_bases()

    def ending(words: tuple[str, ...]) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(r"(?<![\w])(" + alternatives + r")\s*$")

    after = "|".join(re.escape(w) for w in sorted(bases.change_after, key=len, reverse=True))
    return (
        ending(bases.change_before),
        ending(bases.level_before),
        re.compile(r"^(?:" + after + r")\b"),
    )


def _basis(head: str, after: str) -> Basis:
    """Whether a percentage is worded as a change or as a level, from the words around it."""
    change_before, level_before, change_after = _basis_patterns()
    head = head.rstrip(" ,")
    change = change_before.search(head)
    level = level_before.search(head)
    if change is not None or level is not None:
        # the word nearest the figure decides: "rose to 5%" is a level, "rose by 5%" a change
        if level is None or (change is not None and change.start() > level.start()):
            return "change"
        return "level"
    return "change" if change_after.match(after) else None


def _unit_word_here(after: str) -> bool:
    """Whether `after` starts with a unit word that looks like a scale ("m" for metres)."""
    match = _units().match(after)
    if match is None:
        return False
    word = match.group(1)
    return word in scaled_units() or (word not in scales() and len(word) > 2)


def _factor(unit: str | None) -> float:
    """The factor of a unit to its dimension's base unit (1 for a count or an unknown unit)."""
    known = units().get(unit) if unit is not None else None
    return known.factor if known is not None else 1.0


def figure_from(
    value: str, amount: float | None = None, unit: str | None = None, qualifier: str | None = None
) -> Figure | None:
    """The figure of a claim: its structured quantity when given, read with its wording.

    The wording tells how precise the figure is (decimals, a scale word) and the unit when the
    structured one is missing; a structured amount that the wording does not show is taken as
    given, exact to its own last digit.
    """
    parsed = parse_figure(value) if value else None
    if amount is None:
        return parsed
    known = unit_of(unit) if unit else None
    canonical = known or (parsed.unit if parsed is not None else None)
    factor = _factor(canonical)
    # a unit given with its scale ("million barrels per day", "bcm") carries that scale
    per_unit = parse_figure(f"1 {unit}") if unit else None
    if per_unit is not None and per_unit.unit == canonical and per_unit.amount > 0:
        factor = per_unit.amount
    base = amount * factor
    q: Qualifier = qualifier if qualifier in QUALIFIERS else "exact"  # type: ignore[assignment]
    also = parsed.also if parsed is not None else ()
    if parsed is not None and math.isclose(parsed.amount, base, rel_tol=1e-6, abs_tol=1e-9):
        if q == "exact" and parsed.qualifier != "exact":
            q = parsed.qualifier
        return Figure(
            base, canonical, q, parsed.tolerance, parsed.step, parsed.basis, parsed.per, also
        )
    number = f"{amount:.10g}"
    step, decimals = _last_step(number)
    tolerance = 0.5 * step * factor if decimals or (canonical and step > 1.0) else 0.0
    same_unit = parsed is not None and parsed.unit == canonical
    basis = parsed.basis if parsed is not None and same_unit else None
    per = parsed.per if parsed is not None and same_unit else None
    return Figure(base, canonical, q, tolerance, step * factor, basis, per, also)


def compare_figures(a: Figure, b: Figure) -> QuantityRelation:
    """How two figures of one attribute relate.

    "same": equal amounts, units and qualifiers; "compatible": their intervals overlap;
    "conflict": they cannot both hold; "incomparable": two different kinds of unit (hours and
    kilometres), or two currencies of which one has no rate.

    Two currencies are compared where the text converts one into the other ("R250 million
    (about $13.5 million)" against "$25 million"); else at the dated rates of the knowledge
    table, each converted sum widened by the rates' spread (`by_rate`), so that only sums
    that differ beyond what any recent rate explains conflict ("€5 million" / "$5 million"
    do; "NOK 14.4bn" / "about €1.25bn" do not). Rates per period ("25 million a day", "250
    million a week") are compared per hour, a month or a year covering the spread of its
    length (28-31 days, 365-366 days).
    """
    if a.dimension != b.dimension and (a.also or b.also):
        # the same figure in two units ("by 20%, or 900 tonnes"): compared in a unit both give
        for x in (a, *a.also):
            for y in (b, *b.also):
                # two counts only where one is the count a share is given as
                if x.dimension == y.dimension and (
                    x.dimension is not None or x is not a or y is not b
                ):
                    return compare_figures(_plain(x), _plain(y))
    if a.dimension != b.dimension and _money_or_converted(a) and _money_or_converted(b):
        ma, mb = _money_of(a), _money_of(b)
        if ma is None or mb is None:
            return "incomparable"  # a sum in a currency no table names, converted to neither
        converted = by_rate(ma, mb) if (ma.per, ma.basis) == (mb.per, mb.basis) else None
        if converted is None:
            return "incomparable"  # no rate the text states, none in the table
        return "compatible" if converted.overlaps(mb.interval()) else "conflict"
    if a.dimension != b.dimension:
        # a flow ("650 million cubic feet a day") against an amount per period ("5 bcm a year")
        fa, fb = _as_amount_per_period(a), _as_amount_per_period(b)
        if fa is not None and fb is None and _period(b):
            return compare_figures(fa, b)
        if fb is not None and fa is None and _period(a):
            return compare_figures(a, fb)
    if a.per != b.per and _period(a) and _period(b):
        return compare_figures(_per_hour(a), _per_hour(b))
    if a.dimension is not None and b.dimension is not None and a.dimension != b.dimension:
        return "incomparable"
    if (a.dimension is None) != (b.dimension is None) and (
        _is_share(a) or _is_share(b) or _is_money(a) or _is_money(b)
    ):
        return "incomparable"  # a percentage or a sum against a bare count: other bases
    if a.basis is not None and b.basis is not None and a.basis != b.basis:
        return "incomparable"  # a percentage change against a level: other bases
    if a.per is not None and b.per is not None and a.per != b.per:
        return "incomparable"  # a price per barrel against one per tonne, a yearly sum
    if _is_price(a) != _is_price(b) and (_is_money(a) or _is_money(b)):
        return "incomparable"  # a price against a sum
    if a.unit != b.unit and a.dimension is not None and a.dimension == b.dimension:
        a, b = _as_measured(a), _as_measured(b)  # a converted figure was rounded in its unit
    if math.isclose(a.amount, b.amount, rel_tol=1e-9) and a.qualifier == b.qualifier:
        return "same"
    return "compatible" if a.interval().overlaps(b.interval()) else "conflict"


def by_rate(f: Figure, to: Figure) -> Interval | None:
    """The interval of a sum in the currency of `to` at the table's dated rates, over every
    rate within their spread (a rate r covers r / (1 + spread) to r * (1 + spread), so that
    converting either way agrees); None when either currency has no rate."""
    rates = exchange_rates()
    source = rates.usd_per_unit.get(str(f.unit))
    target = rates.usd_per_unit.get(str(to.unit))
    if source is None or target is None or not (is_money(f) and is_money(to)):
        return None
    rate = source / target
    low_rate, high_rate = rate / (1 + rates.spread), rate * (1 + rates.spread)
    own = f.interval()
    low = own.low * (low_rate if own.low >= 0 else high_rate)
    high = own.high * (high_rate if own.high >= 0 else low_rate)
    return Interval(low, high, own.low_open, own.high_open)


def _as_amount_per_period(f: Figure) -> Figure | None:
    """A flow as an amount of its unit per period (`knowledge.figures.rate_dimensions`), or
    None when its dimension is not a flow."""
    flow = rate_dimensions().get(str(f.dimension))
    if flow is None or f.per is not None:
        return None
    k = flow.factor
    return dataclasses.replace(
        f,
        amount=f.amount * k,
        unit=flow.unit,
        tolerance=f.tolerance * k,
        step=f.step * k,
        per=flow.per,
        also=(),
    )


def _plain(f: Figure) -> Figure:
    return dataclasses.replace(f, also=()) if f.also else f


def _period(f: Figure) -> float | None:
    """The hours of the period a rate is given for ("a day" -> 24), or None."""
    per = units().get(f.per) if f.per is not None else None
    return per.factor if per is not None and per.dimension == "duration" else None


def _per_hour(f: Figure) -> Figure:
    """A rate per period as a rate per hour, its rounding widened by the spread of its
    period's length (a month of 28 to 31 days)."""
    hours = _period(f)
    assert hours is not None
    spread = period_spread().get(str(f.per), 0.0) * f.amount / hours
    return dataclasses.replace(
        f,
        amount=f.amount / hours,
        tolerance=f.tolerance / hours + spread,
        step=f.step / hours,
        per="hour",
        also=(),
    )


def _as_measured(f: Figure) -> Figure:
    """An exact measure as covering the rounding of its last stated digit in its own unit."""
    if f.qualifier != "exact" or f.tolerance >= f.step / 2:
        return f
    return dataclasses.replace(f, tolerance=f.step / 2)


def with_stated_rates(figures: Sequence[Figure]) -> list[Figure]:
    """Figures of one fact, each sum given in another currency too where another figure of
    them states the rate ("€1.1bn ($1.2bn)" states one for "1.1 billion euros"): the rate a
    report gives is closer to the day's than the table's. The converted sum covers the
    rounding of the sum and of both figures the rate is read from."""
    rates: dict[tuple[str, str], tuple[float, float]] = {}
    for f in figures:
        for x in f.also:
            if _is_money(f) and _is_money(x) and f.amount and x.amount:
                spread = f.tolerance / f.amount + x.tolerance / x.amount
                rates.setdefault((str(f.unit), str(x.unit)), (x.amount / f.amount, spread))
    if not rates:
        return list(figures)
    out: list[Figure] = []
    for f in figures:
        given = {x.unit for x in f.also}
        extra = tuple(
            dataclasses.replace(
                f,
                amount=f.amount * rate,
                unit=target,
                tolerance=(f.tolerance + abs(f.amount) * spread) * rate,
                step=f.step * rate,
                also=(),
            )
            for (source, target), (rate, spread) in sorted(rates.items())
            if f.unit == source and target not in given
        )
        out.append(dataclasses.replace(f, also=f.also + extra) if extra else f)
    return out


def _money_of(f: Figure) -> Figure | None:
    """A sum as a currency the rate table may name: its own, else the one the text converts it
    into ("2,000 million pesos (about $2.2 million)" -> the dollars); None when neither."""
    if _is_money(f) and f.unit in exchange_rates().usd_per_unit:
        return _plain(f)
    for x in f.also:
        if _is_money(x) and x.unit in exchange_rates().usd_per_unit:
            return _plain(x)
    return _plain(f) if _is_money(f) else None


def _money_or_converted(f: Figure) -> bool:
    """Whether a figure is a sum of money, or a figure the text converts into one (a sum in a
    currency no table names: "2,000 million pesos (about $2.2 million)")."""
    return _is_money(f) or (f.dimension is None and any(_is_money(x) for x in f.also))


def _is_price(f: Figure) -> bool:
    """Whether a figure is given for one of something ("$80 a barrel"), not for a time."""
    per = units().get(f.per) if f.per is not None else None
    return f.per is not None and (per is None or per.dimension != "duration")


def is_level(f: Figure) -> bool:
    """Whether a figure is of a level that rises and falls (a height, a speed), not a count."""
    return f.dimension in level_dimensions()


_WHOLE = re.compile(
    r"(?:%|\bper ?cent|\bpercent|\bpct|\bhalf|\bthirds?|\bquarters?|\bfifths?|\btenths?)"
    r"\s+of\s+(?:the\s+|all\s+|its\s+|their\s+|those\s+)?([a-z]+(?:\s+[a-z]+){0,2})"
)


def share_whole(value: str) -> tuple[str, ...] | None:
    """What a share is a share of, as the value words it, its first word without a plural -s
    ("a third of the stocks" -> ("stock",), "6% of gross domestic product" -> ("gross",
    "domestic", "product")), or None when it does not say."""
    found = _WHOLE.search(fold_for_comparison(value))
    if found is None:
        return None
    first, *rest = found.group(1).split()
    first = first[:-1] if first.endswith("s") and not first.endswith("ss") else first
    return (first, *rest)


def other_wholes(a: str, b: str) -> bool:
    """Whether two shares say they are of two different wholes ("a third of the stocks" / "two
    thirds of cases"): not one figure, whatever their amounts. One word the start of the other
    ("voters" / "the vote"), or one the initials of the other ("GDP" / "gross domestic
    product"), is one whole."""
    wa, wb = share_whole(a), share_whole(b)
    if wa is None or wb is None:
        return False
    for x, y in ((wa, wb), (wb, wa)):
        if x[0].startswith(y[0]) or any(
            x[0] == "".join(w[0] for w in y[:n]) for n in range(2, len(y) + 1)
        ):
            return False
    return True


def is_share(f: Figure) -> bool:
    """Whether a figure is a share ("87%") or a change of one ("2 points")."""
    return f.dimension in ("share", "share_change")


_is_share = is_share


def is_money(f: Figure) -> bool:
    """Whether a figure is a sum of money (in a currency)."""
    return f.dimension is not None and f.dimension.startswith("money_")


_is_money = is_money
