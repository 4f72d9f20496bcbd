"""Figures that grow as news develops: updates are not conflicts, impossible pairs are.

A running count (a death toll, the number missing "so far") only grows. A later report with a
higher figure, or a higher figure worded as provisional ("at least", "rose to", "so far"),
updates a lower one: the consensus is the latest. Two figures conflict when they cannot both
hold: reported for the same moment with intervals that do not overlap and the higher not worded
as provisional; or an earlier figure certainly higher than a later one not worded as provisional
(a toll cannot fall: a same-day 15 is ruled out by a final ten the next day). Two figures of
one day that a later day's count reaches (nine, then 11 rescued on Thursday, 13 on Friday) are
two hours of a count that kept growing, not one moment.

A figure given as of a moment of the day ("by midday", "by Friday morning") is a count still
under way, as "so far" is. A report without a date is of no known moment: it is compared as of
one moment only with other undated reports, never with a dated one (it may be earlier or later).

Partial results ("preliminary", "with 60% of ballots counted", "early figures") are snapshots of
a count under way: a later or complete figure replaces them whether higher or lower (a share of
the vote moves both ways as counting goes on). Two partial figures conflict only when they are
given for the same moment at the same stated stage of the count and cannot both hold.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from summarizer.knowledge.calendar import weekdays
from summarizer.knowledge.clock import day_parts
from summarizer.knowledge.figures import (
    final_cues,
    growth_cues,
    partial_cues,
    running_count_words,
)
from summarizer.knowledge.folding import fold_for_comparison, words
from summarizer.semantics.quantities import Interval, count_stage_of

__all__ = [
    "Report",
    "conflict_sides",
    "grew_past",
    "growth_conflicts",
    "is_as_of",
    "is_cumulative",
    "is_partial",
    "is_provisional",
    "is_running_count",
    "is_update",
    "latest",
    "said_with",
    "stage_clauses",
]


def _any_of(cues: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(cues, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in ordered) + r")\b")


@cache
def _cues() -> re.Pattern[str]:
    """Any growth cue, as whole words (the cue table is read on first use)."""
    return _any_of(growth_cues())


@cache
def _partial() -> re.Pattern[str]:
    return _any_of(partial_cues())


@cache
def _final() -> re.Pattern[str]:
    return _any_of(final_cues())


@cache
def _as_of() -> re.Pattern[str]:
    """A moment a count is given for: "by midday", "by Friday", "by Wednesday evening"."""

    def alternatives(names: list[str]) -> str:
        return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))

    days = alternatives([fold_for_comparison(d) for d in weekdays()])
    parts = alternatives(list(day_parts()))
    return re.compile(
        rf"\bby\s+(?:(?:this|the|late|early)\s+)?(?:(?:{days})\s+)?(?:{parts})\b"
        rf"|\bby\s+(?:{days})\b(?!'|\u2019)"
    )


def is_as_of(value: str) -> bool:
    """Whether a figure is given as of a moment of the day ("17 rescued by midday", "63 ships
    by Wednesday evening"): a count still under way at that moment."""
    return _as_of().search(fold_for_comparison(value)) is not None


def is_partial(value: str) -> bool:
    """Whether a figure is worded as a snapshot of a count under way ("preliminary results",
    "with 60% of ballots counted"), not a complete one ("final results", "100% counted")."""
    folded = fold_for_comparison(value)
    if _final().search(folded):
        return False
    stage = count_stage_of(value)
    if stage is not None:
        return stage < 100
    return _partial().search(folded) is not None


_SINCE = re.compile(r"\bsince\b")
_SUPERLATIVE = re.compile(r"\b(?:\w+est|first|last|most|least|worst|best|only|ever)\b")


def is_cumulative(text: str) -> bool:
    """Whether a count is worded as a total from a moment on ("cancelled since Tuesday",
    "arrested since the protests began"): it grows as long as it is counted. Not "since" after
    a superlative ("the biggest cut since 2020", "the first time since March"), which dates a
    comparison, nor "since" opening a clause of cause ("since the talks failed, ...")."""
    folded = fold_for_comparison(text)
    for found in _SINCE.finditer(folded):
        head = folded[: found.start()].rstrip()
        before = head.split()
        if not before or head.endswith((",", ";", ":")):
            continue  # a clause of cause or a time clause opening the sentence
        if any(_SUPERLATIVE.fullmatch(w) for w in before[-4:]):
            continue
        return True
    return False


def is_running_count(attribute: str, values: Sequence[str] = ()) -> bool:
    """Whether an attribute counts something still being counted (a toll, the missing), by its
    words or by a value worded as running ("so far", "rose to"). A total from a moment on
    (`is_cumulative`) grows too, but only reports of known dates tell its updates apart."""
    if any(w in running_count_words() for w in words(attribute)):
        return True
    if any(is_partial(v) for v in values):
        return True
    return any(
        (_cues().search(fold_for_comparison(v)) or is_as_of(v))
        and not fold_for_comparison(v).startswith("at least")
        for v in values
    )


def is_provisional(value: str) -> bool:
    """Whether a figure is worded as a count still running ("at least 11", "rose to 8", "by
    midday") or as a partial result ("preliminary", "with 60% of ballots counted")."""
    folded = fold_for_comparison(value)
    return _cues().search(folded) is not None or is_as_of(value) or is_partial(value)


@dataclass(frozen=True, slots=True)
class Report:
    """One source's figure for a running count, and when it was given."""

    interval: Interval
    moment: str  # ISO date of the report ("" when unknown)
    provisional: bool = False
    wording: str = ""  # the value as written, which may say the count is partial

    @property
    def partial(self) -> bool:
        return bool(self.wording) and is_partial(self.wording)

    @property
    def as_of(self) -> bool:
        """Whether the figure is given as of a moment of its day ("by midday")."""
        return bool(self.wording) and is_as_of(self.wording)

    @property
    def stage(self) -> float | None:
        """The share of the count done when the figure was given, when the wording says."""
        return count_stage_of(self.wording) if self.wording else None

    @property
    def progress(self) -> float:
        """How far the count had gone: a complete figure after every partial one."""
        return (self.stage or 0.0) if self.partial else 101.0


def latest(reports: Sequence[Report]) -> int:
    """The index of the figure the consensus shows: the latest report's; among reports of the
    latest moment, a complete count before a partial one (and a partial one at a later stage
    first), then the highest figure (counts grow), a final one before a provisional one."""
    return max(
        range(len(reports)),
        key=lambda i: (
            reports[i].moment,
            reports[i].progress,
            reports[i].interval.low,
            not reports[i].provisional,
            -i,
        ),
    )


def _certainly_higher(a: Interval, b: Interval) -> bool:
    return a.low > b.high or (a.low == b.high and (a.low_open or b.high_open))


def growth_conflicts(reports: Sequence[Report]) -> list[tuple[int, int]]:
    """The pairs (i, j) of reports that cannot both hold; every other difference is an update.

    Reports without a moment are compared as of one moment with each other, and never with a
    report that has one.
    """
    pairs: list[tuple[int, int]] = []
    for i, a in enumerate(reports):
        for j in range(i + 1, len(reports)):
            b = reports[j]
            if bool(a.moment) != bool(b.moment):
                continue  # an undated report may be earlier or later than a dated one
            same_moment = a.moment == b.moment
            if a.partial or b.partial:
                # a snapshot of a count under way is replaced by any later figure; two
                # snapshots clash only at one stated stage of one moment's count
                if (
                    same_moment
                    and a.partial
                    and b.partial
                    and a.stage is not None
                    and a.stage == b.stage
                    and not a.interval.overlaps(b.interval)
                ):
                    pairs.append((i, j))
                continue
            if same_moment:
                if a.provisional and b.provisional:
                    continue  # two running lower bounds always fit together
                if a.as_of or b.as_of:
                    continue  # a count at a stated hour and one of another hour of that day
                if grew_past(a, b, reports):
                    continue  # two hours of a day the count kept growing through
                if not a.interval.overlaps(b.interval) and not (
                    (a.provisional and _certainly_higher(a.interval, b.interval))
                    or (b.provisional and _certainly_higher(b.interval, a.interval))
                ):
                    pairs.append((i, j))
                continue
            early, late = (a, b) if a.moment < b.moment else (b, a)
            # a later "rose to 21" is the count at its moment: an earlier 31 cannot hold; a
            # later "at least 21" is no bound from above, and a count "by midday" is partial
            if _certainly_higher(early.interval, late.interval) and not late.as_of:
                pairs.append((i, j))
    return pairs


def grew_past(a: Report, b: Report, reports: Sequence[Report]) -> bool:
    """Whether two figures of one day are both reached by a count reported on a later day:
    nine rescued and 11 rescued on a Thursday, 13 on the Friday are three moments of a count
    that kept growing, not two figures for one moment. A figure above the later count (15 dead
    against a final ten the next day) is not: that one cannot hold."""
    if not a.moment or a.moment != b.moment:
        return False
    top = max(a.interval.high, b.interval.high)
    return any(r.moment > a.moment and not r.partial and r.interval.low >= top for r in reports)


def is_update(a: Report, b: Report) -> bool:
    """Whether one of two dated reports of a running count is the other's later figure: given
    on a later day, complete, and not below it (five on Monday, seven on Tuesday). Two figures
    of one day, of no known day, or a later one that fell are no update."""
    if not a.moment or not b.moment or a.moment == b.moment or a.partial or b.partial:
        return False
    early, late = (a, b) if a.moment < b.moment else (b, a)
    return not _certainly_higher(early.interval, late.interval)


def conflict_sides(
    involved: Sequence[int], best: int, pairs: Sequence[tuple[int, int]], reports: Sequence[Report]
) -> list[list[int]]:
    """The sides of a running count's conflict: the reports involved, grouped so that each
    side's figures say the same and none of them is ruled out by another of its side; the side
    of the consensus (`best`) first. "nine" joins "at least 9"; a same-day "12", which "at
    least 9" admits but does not say, stays a side of its own."""
    clash = {frozenset(p) for p in pairs}

    def fit(i: int, j: int) -> bool:
        a, b = reports[i].interval, reports[j].interval
        if frozenset((i, j)) in clash:
            return False
        if is_update(reports[i], reports[j]):
            return True  # one count's history: seven on one day, eight the next
        if not a.overlaps(b):
            return False
        bounded = not math.isinf(a.low) and not math.isinf(a.high)
        bounded = bounded and not math.isinf(b.low) and not math.isinf(b.high)
        return bounded or a.low == b.low or a.high == b.high

    groups: list[list[int]] = [[best]]
    for i in involved:
        if i == best:
            continue
        for group in groups:
            if all(fit(i, j) for j in group):
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


_CLAUSE = re.compile(r"[^,;:.!?\n]+(?:[.,](?=\d)[^,;:.!?\n]*)*")


def said_with(value: str, passages: Sequence[str]) -> str:
    """A value with the clause of its passage that states it: "17 people" with "had pulled 17
    people alive from the rubble by midday", so that the words around the figure ("so far", "by
    midday", "rose to") count as the value's own; and with any clause of the passage that says
    how far a count had gone ("with 87% of polling stations counted, X had 51.2% against 48.8%
    for Y": both figures are snapshots). The value alone when no passage states it."""
    wanted = fold_for_comparison(value).strip()
    if not wanted:
        return value
    pattern = re.compile(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)")
    for passage in passages:
        clauses = _CLAUSE.findall(fold_for_comparison(passage))
        for clause in clauses:
            if pattern.search(clause):
                stages = [
                    c.strip() for c in clauses if c is not clause and count_stage_of(c) is not None
                ]
                return f"{value} ({'; '.join([clause.strip(), *stages])})"
    return value


def stage_clauses(passages: Sequence[str]) -> list[str]:
    """The clauses of passages that say how far a count had gone ("with 87% of polling
    stations counted"), folded."""
    return [
        c.strip()
        for passage in passages
        for c in _CLAUSE.findall(fold_for_comparison(passage))
        if count_stage_of(c) is not None
    ]
