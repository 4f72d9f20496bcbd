"""Claims: the same checkable fact across sources, fused by what its value means.

Resolution: two claims are one fact when their `about` names the same thing (the same resolved
meeting or proposal, else words that read alike) and their attributes read alike (weighted
word overlap, rare words weighing most). Candidates come from blocks keyed by the rarest words
of both, so the work grows with the batch, never with its square.

Fusion by the kind of value: a figure (intervals, `semantics.quantities`; a running count such
as a death toll follows `semantics.updates`), a date (precision, `semantics.dates`), a time of
day (zones and parts of the day, `semantics.times`, never a date conflict), or words (a place is
compared as a place; other wordings are left open, for the judge). Every voice a claim is
attributed to is kept: two voices disagreeing on a figure conflict on the figure.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Literal

from summarizer.knowledge.attributes import DIGIT_ORDINAL, noun_groups, ordinals, verb_groups
from summarizer.knowledge.calendar import month_number, month_spellings, weekdays
from summarizer.knowledge.figures import exchange_rates
from summarizer.knowledge.folding import fold_for_comparison, words
from summarizer.knowledge.meetings import again_words
from summarizer.knowledge.places import seat_words
from summarizer.normalize import (
    idf_weights,
    name_other_countries,
    place_key,
    text_key,
    topic_key,
    topics_similar,
    weighted_similarity,
)
from summarizer.reconciliation.evidence import date_shown, find_evidence, shows_with, words_shown
from summarizer.reconciliation.fuse import (
    ConflictDraft,
    Context,
    Obs,
    Rule,
    always,
    fuse_scalar,
)
from summarizer.reconciliation.mentions import Batch, Mention
from summarizer.reconciliation.resolve import _merge
from summarizer.records import (
    Alternative,
    Claim,
    ConflictValue,
    ConsensusField,
    Span,
)
from summarizer.semantics.dates import (
    adjacent,
    compare_dates,
    date_in_words,
    weekday_on_or_after,
)
from summarizer.semantics.places import compare_places, compare_seats, towns_named
from summarizer.semantics.quantities import (
    Figure,
    compare_figures,
    figure_from,
    is_level,
    is_money,
    is_share,
    other_wholes,
    with_stated_rates,
)
from summarizer.semantics.times import compare_times, parse_time, time_precision, zone_of_place
from summarizer.semantics.updates import (
    Report,
    conflict_sides,
    growth_conflicts,
    is_cumulative,
    is_provisional,
    is_running_count,
    latest,
    said_with,
    stage_clauses,
)

__all__ = [
    "ClaimDraft",
    "OpenPair",
    "about_names",
    "assemble_claims",
    "attributes_match",
    "follows_from",
    "other_moments",
    "other_things",
    "resolve_claims",
    "subject_ordinals",
]

ClaimKind = Literal["quantity", "date", "time", "place", "words"]

# How alike two attributes must read (weighted word overlap) to be one attribute.
ATTRIBUTE_SIMILARITY = 0.6
# How alike two `about` wordings must read when neither names a resolved meeting or proposal.
ABOUT_SIMILARITY = 0.5
# How alike two attributes must read to be one fact of the batch's event when their `about`
# wordings differ (one report's "ferry sank", another's "people killed").
EVENT_ATTRIBUTE_SIMILARITY = 0.8


@cache
def _time_words() -> frozenset[str]:
    return frozenset(text_key("time clock hour o'clock start began begin opened"))


@cache
def _place_words() -> frozenset[str]:
    return frozenset(text_key("location place venue city where site held"))


@cache
def _bare_attribute() -> frozenset[str]:
    """Attribute words that say which property, not which fact: "date", "start time",
    "location" mean one thing only with their `about`."""
    return frozenset(text_key("date day month year time start hour location place venue when"))


@cache
def _generic_attribute() -> frozenset[str]:
    return frozenset(text_key("number of the total amount size"))


# --- resolution ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Features:
    target: tuple[str, int] | None  # ("meeting", cluster) / ("proposal", cluster)
    about: frozenset[str]
    attribute: frozenset[str]
    value: str
    figure: Figure | None = None
    subject: str = ""  # about and attribute as written, for the countries they name
    event: bool = False  # about the batch's event itself: its main meeting, or nothing resolved
    names: frozenset[str] = frozenset()  # the names the `about` gives (`about_names`)
    dated: bool = False  # the value is a date or month
    day: str | None = None  # the day the `about` gives ("the council's session, 3 May 2027")
    again: bool = False  # a passage tells of something done again ("met again on Thursday")
    moment: str | None = None  # the date the attribute gives ("closing price on 6 May 2026")
    ordinals: frozenset[int] = frozenset()  # "second round", "first quarter": which one


def _main_target(res: Any) -> tuple[str, int] | None:
    """The batch's event as a meeting: the one meeting more sources report than any other
    (None when two share the most, or there is none)."""
    counts = sorted(
        ((len({m.source for m in cluster}), n) for n, cluster in enumerate(res.meetings)),
        reverse=True,
    )
    if not counts or (len(counts) > 1 and counts[0][0] == counts[1][0]):
        return None
    return ("meeting", counts[0][1])


_WORD = re.compile("[^\\W\\d_][\\w'\u2019.-]*")


@lru_cache(maxsize=1 << 14)
def about_names(about: str) -> frozenset[str]:
    """The names an `about` gives, as canonical words: its acronyms, and its capitalised words
    after the first ("Brent crude after the GGPPC decision" → {"brent", "ggppc"}; "Talks in
    Almaty" → {"almaty"}; "ferry sank" → {}); month and weekday names are dates, not names."""
    found: set[str] = set()
    for i, token in enumerate(_WORD.findall(about)):
        bare = token.strip("'\u2019.-")
        if len(bare) > 1 and (bare.isupper() or (i > 0 and bare[0].isupper())):
            found.update(text_key(bare))
    return frozenset(found) - _calendar_words()


@cache
def _calendar_words() -> frozenset[str]:
    names = [*weekdays(), *(s for m in range(1, 13) for s in month_spellings(m))]
    return frozenset(t for name in names for t in text_key(name))


@lru_cache(maxsize=1 << 12)
def _about_day(about: str, published: str | None) -> str | None:
    """The full date an `about` gives, or None (remembered: copies repeat their claims)."""
    iso = date_in_words(about, published)
    return iso if iso is not None and iso.count("-") == 2 else None


@lru_cache(maxsize=1 << 14)
def subject_ordinals(text: str) -> frozenset[int]:
    """The ordinals a claim's subject or attribute gives ("the second round of the talks" →
    {2}, "sales in the 3rd quarter" → {3}); a day of a month is a date, not an ordinal."""
    table = ordinals()
    found = {table[w] for w in words(text) if w in table}
    folded = fold_for_comparison(text)
    for match in DIGIT_ORDINAL.finditer(folded):
        after = [w for w in folded[match.end() :].split()[:2] if w != "of"]
        if after and month_number(after[0].strip(",.")) is not None:
            continue  # "the 13th of April", "13th April"
        found.add(int(match.group(1)))
    return frozenset(found)


def other_moments(a: str | None, b: str | None) -> bool:
    """Whether two attributes give dates that cannot be one ("the closing price on 6 May" /
    "the closing price on 7 May"): a figure of each moment, two facts."""
    return a is not None and b is not None and compare_dates(a, b) == "conflict"


def other_things(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two `about`s name different things: each gives names, none shared."""
    return bool(a) and bool(b) and not a & b


def _targets(batch: Batch, res: Any) -> dict[tuple[str, int, int], tuple[str, int]]:
    """Each meeting and proposal mention's cluster."""
    of: dict[tuple[str, int, int], tuple[str, int]] = {}
    for n, cluster in enumerate(res.meetings):
        for m in cluster:
            of[m.key] = ("meeting", n)
    for n, cluster in enumerate(res.proposals):
        for p in cluster:
            of[p.key] = ("proposal", n)
    return of


class _Titles:
    """The meetings and proposals of each source by their name's words, looked up in O(1)."""

    def __init__(self, batch: Batch) -> None:
        self.exact = batch.titles
        self.by_words: dict[tuple[str, str], Mention[Any]] = {}
        for (source, title), target in sorted(batch.titles.items(), key=lambda kv: kv[0]):
            self.by_words.setdefault((source, topic_key(title)), target)

    def target(self, claim: Mention[Claim]) -> Mention[Any] | None:
        """The meeting or proposal of the claim's own source that its `about` names: the same
        words (after folding, stemming and aliases), not merely shared ones ("the previous
        round of the talks" is not "the talks"), but for what follows a comma."""
        about = claim.record.about
        while True:
            exact = self.exact.get((claim.source, fold_for_comparison(about)))
            if exact is not None:
                return exact
            found = self.by_words.get((claim.source, topic_key(about)))
            if found is not None or "," not in about:
                return found
            # "the council's meeting on the clash, 17 November 2026": its date or place after
            # a comma say which meeting the name is of
            about = about.rsplit(",", 1)[0]


@cache
def _verb_stems() -> Mapping[str, str]:
    """Stemmed attribute word → its verb group ("settl" → "v:agreed")."""
    found: dict[str, str] = {}
    for word, head in verb_groups().items():
        for token in text_key(word):
            found.setdefault(token, f"v:{head}")
    return found


@cache
def _noun_stems() -> Mapping[str, str]:
    """Stemmed attribute noun → its group's stemmed key ("frontier" → "border")."""
    found: dict[str, str] = {}
    for word, head in noun_groups().items():
        for token in text_key(word):
            found.setdefault(token, text_key(head)[0])
    return found


def _attribute_key(attribute: str) -> frozenset[str]:
    """The words of an attribute, each verb read as its group and each noun as its group's
    key: "sections settled" and "agreed sections" both read {"section", "v:agreed"}; "length
    of the frontier" reads {"length", "border"}."""
    groups = verb_groups()
    stems = _verb_stems()
    nouns = _noun_stems()
    tokens = frozenset(stems.get(t, nouns.get(t, t)) for t in text_key(attribute))
    # words the stopword list drops ("left", "still") still say which fact it is
    tokens |= {f"v:{groups[w]}" for w in words(attribute) if w in groups}
    return (tokens - _generic_attribute()) or tokens


def _verbs(key: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in key if t.startswith("v:"))


def attributes_match(a: frozenset[str], b: frozenset[str], w: Mapping[str, float]) -> float | None:
    """How alike two attribute keys read, or None when they name two facts: what they count
    reads alike, and where both say what happened to it, they say the same ("sections agreed"
    / "sections reached", never "people killed" / "people injured")."""
    va, vb = _verbs(a), _verbs(b)
    if va and vb and va != vb:
        return None
    similarity = _similar(a, b, w)
    return similarity if similarity >= ATTRIBUTE_SIMILARITY else None


def _similar(a: frozenset[str], b: frozenset[str], w: Mapping[str, float]) -> float:
    if a == b:
        return 1.0
    return weighted_similarity(a, b, w)


# Among candidates that read equally alike, a claim joins the one its figure agrees with:
# each report states a fact once, so of two claims of one report worded alike ("sections
# settled" for those agreed and for those still to settle) the other reports' figure tells
# which one they state. Small enough never to outweigh a difference in wording.
AGREEING_FIGURE = 1e-3
# Less again for a figure in the same kind of unit that disagrees: a sum in euros joins the
# other reports' euros before their kroner, which no stated rate converts.
COMPARABLE_FIGURE = 5e-4


def _score(
    a: _Features, b: _Features, wa: Mapping[str, float], wt: Mapping[str, float]
) -> float | None:
    if (a.dated and b.figure is not None) or (b.dated and a.figure is not None):
        return None  # a date ("September 2023") and a count are never one fact
    if a.figure is not None and b.figure is not None and not _kinds(a.figure) & _kinds(b.figure):
        return None  # a share ("87% of stations counted") and a count (1,207 stations)
    if a.day and b.day and a.day != b.day and (a.again or b.again):
        return None  # a body's session of one day and the one it held again another day
    if other_moments(a.moment, b.moment):
        return None  # a share price on one day and on another: two facts
    if a.ordinals and b.ordinals and a.ordinals != b.ordinals:
        return None  # the first round and the second, the first quarter and the third
    if a.target is not None and b.target is not None:
        if a.target != b.target:
            return None
        about = 1.0
    else:
        if name_other_countries(a.subject, b.subject):
            return None  # "Ghana's share of the cut" is not "Nigeria's share of the cut"
        about = _similar(a.about, b.about, wa)
        if about < ABOUT_SIMILARITY:
            return _event_score(a, b, wt)
    attribute = attributes_match(a.attribute, b.attribute, wt)
    if attribute is None:
        return None
    return about + attribute + _figure_bonus(a.figure, b.figure)


def _kinds(f: Figure) -> frozenset[bool]:
    """Whether a figure is a share, a count or both, with the figure the text gives it in
    another unit ("by 20%, or 900 tonnes": both)."""
    return frozenset(is_share(x) for x in (f, *f.also))


def _figure_bonus(a: Figure | None, b: Figure | None) -> float:
    if a is None or b is None:
        return 0.0
    relation = compare_figures(a, b)
    if relation in ("same", "compatible"):
        return AGREEING_FIGURE
    return COMPARABLE_FIGURE if relation == "conflict" else 0.0


def _event_score(a: _Features, b: _Features, wt: Mapping[str, float]) -> float | None:
    """Two claims about the batch's event in other words ("ferry sank" / "people killed", a
    meeting's name / "producers agreed"): one fact when their attributes read nearly alike,
    say more than which property ("date", "rate"), their values are of one kind, and their
    `about`s name no different things. Scored below every pair whose `about`s agree, so those
    merge first."""
    if not (a.event and b.event) or other_things(a.names, b.names):
        return None
    if min(len(a.attribute - _bare_attribute()), len(b.attribute - _bare_attribute())) < 2:
        return None  # "date", "start time", "rate": which one only the `about` tells
    if (a.figure is None) != (b.figure is None):
        return None  # a figure and words: not one fact stated twice
    relation = compare_figures(a.figure, b.figure) if a.figure and b.figure else None
    if relation == "incomparable":
        return None  # "2.1%" of one thing and "1.2 cents" of another
    attribute = attributes_match(a.attribute, b.attribute, wt)
    if attribute is None or attribute < EVENT_ATTRIBUTE_SIMILARITY:
        return None
    return attribute + (AGREEING_FIGURE if relation in ("same", "compatible") else 0.0)


def _keys(f: _Features, wa: Mapping[str, float], wt: Mapping[str, float]) -> list[Hashable]:
    ranked = sorted(f.about, key=lambda t: (-wa.get(t, 0.0), t))
    rare_about: list[Hashable] = list(ranked)
    abouts: list[Hashable] = [f.target] if f.target is not None else rare_about[:2]
    if f.target is not None:
        # claims naming the meeting by other words still meet the others on their words
        abouts += rare_about[:1]
    attributes = sorted(f.attribute, key=lambda t: (-wt.get(t, 0.0), t))[:2]
    keys: list[Hashable] = [("c", a, t) for a in abouts for t in attributes]
    if f.event:
        # claims about the event meet on their attribute's two rarest words together
        keys.append(("e", *sorted(attributes)))
    return keys


def resolve_claims(batch: Batch, res: Any) -> list[list[Mention[Claim]]]:
    """Clusters of claims that state one fact, in canonical order.

    `res` is the batch's resolution of meetings and proposals (`resolve.Resolution`).
    """
    targets = _targets(batch, res)
    titles = _Titles(batch)
    main = _main_target(res)
    # an `about` worded alike by two sources names a thing of its own; one source's own
    # wording of a subject nothing resolves is taken for the event itself
    wordings: dict[str, set[str]] = defaultdict(set)
    for c in batch.claims:
        wordings[topic_key(c.record.about)].add(c.source)
    features: list[_Features] = []
    for c in batch.claims:
        target = titles.target(c)
        resolved = targets.get(target.key) if target is not None else None
        features.append(
            _Features(
                target=resolved,
                about=frozenset(text_key(c.record.about)),
                attribute=_attribute_key(c.record.attribute),
                value=fold_for_comparison(c.record.value),
                figure=_figure(c),
                subject=f"{c.record.about} / {c.record.attribute}",
                event=resolved == main
                if resolved is not None
                else len(wordings[topic_key(c.record.about)]) == 1,
                names=about_names(c.record.about),
                dated=c.record.date is not None,
                day=_about_day(c.record.about, c.published),
                again=any(again_words() & set(words(q)) for q in c.record.quotes),
                moment=date_in_words(c.record.attribute, c.published),
                ordinals=subject_ordinals(f"{c.record.about} {c.record.attribute}"),
            )
        )
    wa = idf_weights(f.about for f in features)
    wt = idf_weights(f.attribute for f in features)
    clusters = _merge(
        [c.source for c in batch.claims],
        [_keys(f, wa, wt) for f in features],
        lambda i, j: _score(features[i], features[j], wa, wt),
        lambda i, j: (
            features[i].attribute == features[j].attribute
            and features[i].value == features[j].value
            and (features[i].target == features[j].target or features[i].about == features[j].about)
        ),
        features,
    )
    return [[batch.claims[i] for i in cluster] for cluster in clusters]


# --- fusion -------------------------------------------------------------------------------------


@dataclass(slots=True)
class OpenPair:
    """Two values of one field the rules could not decide: a question for the judge."""

    field: str
    values: tuple[ConflictValue, ConflictValue]


@dataclass(slots=True)
class ClaimDraft:
    """A claim before its id: its fields, conflicts, open pairs and place in the order."""

    sort_key: tuple[Any, ...]
    sources: list[str]
    fields: dict[str, Any]
    conflicts: list[ConflictDraft] = field(default_factory=list)
    open_pairs: list[OpenPair] = field(default_factory=list)
    subject: str = ""


def _evidence(mention: Mention[Claim], value: str, matcher: Any) -> tuple[Span, ...]:
    return find_evidence(value, matcher, mention.spans, mention.text, mention.published)


def _obs(mention: Mention[Claim], value: str, key: Hashable, matcher: Any = words_shown) -> Obs:
    return Obs(
        value=value,
        key=key,
        source=mention.source,
        grounded=mention.grounded,
        published=mention.published,
        spans=_evidence(mention, value, matcher),
        shows=shows_with(matcher, mention.published),
    )


def _kind(cluster: Sequence[Mention[Claim]]) -> ClaimKind:
    attribute = set().union(*(text_key(c.record.attribute) for c in cluster))
    records = [c.record for c in cluster]
    timed = [parse_time(r.value) for r in records]
    if attribute & _time_words() and all(t is not None for t in timed):
        return "time"
    clocks = sum(1 for t in timed if t is not None and t.readings)
    if attribute & _time_words() and clocks >= 2 and not any(r.date for r in records):
        # two clock readings of one moment are compared though a third wording is no time
        # of day ("early, before the market opened"): that one is left to the judge
        return "time"
    if any(r.quantity is not None for r in records):
        return "quantity"
    if any(r.date is not None for r in records):
        return "date"
    if all(t is not None and t.readings for t in timed):
        return "time"
    if all(figure_from(r.value) is not None for r in records):
        return "quantity"
    if (attribute & _place_words() or _is_seat(cluster)) and all(
        place_key(r.value) for r in records
    ):
        return "place"
    return "words"


def _is_seat(cluster: Sequence[Mention[Claim]]) -> bool:
    """Whether the claims give a body's seat ("headquarters", "Ostrava-based")."""
    return any(set(words(c.record.attribute)) & seat_words() for c in cluster)


_PRECISION = {"exact": 3, "about": 2, "at_least": 1, "at_most": 1, "more_than": 1, "less_than": 1}


def _time_precision(o: Obs) -> int:
    return time_precision(o.value)


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _said(c: Mention[Claim]) -> str:
    """A claim's value with the clause that states it, and with what the sentences around its
    passages say of how far a count had gone ("With 87% of polling stations counted, ...":
    a passage may leave it out)."""
    said = said_with(c.record.value, c.record.quotes)
    stages = [s for s in stage_clauses(_sentences(c)) if s not in said]
    return f"{said} ({'; '.join(stages)})" if stages else said


def _sentences(c: Mention[Claim]) -> list[str]:
    """The whole sentences of the article that hold the claim's passages."""
    found: list[str] = []
    for span in c.spans:
        if not c.text or span.end > len(c.text):
            continue
        starts = [m.end() for m in _SENTENCE_END.finditer(c.text, 0, span.start)]
        start = starts[-1] if starts else 0
        after = _SENTENCE_END.search(c.text, span.end)
        found.append(c.text[start : after.end() if after else len(c.text)].strip())
    return found


def _figure(c: Mention[Claim]) -> Figure | None:
    q = c.record.quantity
    if q is None and c.record.date is not None:
        return None  # a month or a year, not a number of anything
    if q is None:
        return figure_from(c.record.value)
    return figure_from(c.record.value, q.amount, q.unit, q.qualifier)


def _one_unit_or_clash(a: Figure, b: Figure) -> bool:
    """Whether two figures of a running count are of one unit, or differ in any unit: a sum
    in euros and one in dollars are compared by rate, never by their bare numbers."""
    return a.unit == b.unit or compare_figures(a, b) == "conflict"


def _in_one_unit(x: Figure, y: Figure) -> tuple[Figure, Figure]:
    """Two figures as a comparison reads them: in a unit both give, where one of them is also
    given in another ("by 20%, or 900 tonnes" against "1,125 tonnes": the tonnes)."""
    if x.dimension != y.dimension:
        for u in (x, *x.also):
            for v in (y, *y.also):
                if u.dimension is not None and u.dimension == v.dimension:
                    return u, v
    return x, y


def _compared(
    x: Figure, y: Figure, xs: Sequence[Figure], ys: Sequence[Figure]
) -> tuple[Figure, Figure]:
    """The figures of two sides of a conflict that show it: the shown ones when they clash,
    else a clashing pair of the sides' own figures, each in a unit both give."""
    if compare_figures(x, y) != "conflict":
        x, y = next(((a, b) for a in xs for b in ys if compare_figures(a, b) == "conflict"), (x, y))
    return _in_one_unit(x, y)


def _figure_key(f: Figure) -> tuple[Any, ...]:
    # the figure the text gives in another unit too: "by 20%, or 900 tonnes" is not "by 20%"
    also = tuple(_figure_key(x) for x in f.also)
    return ("figure", round(f.amount, 9), f.unit or "", f.qualifier, round(f.tolerance, 9), also)


def _quantity_value(c: Mention[Claim], f: Figure) -> dict[str, Any]:
    if c.record.quantity is not None:
        return c.record.quantity.model_dump(mode="json")
    return {"amount": f.amount_in_unit, "unit": f.unit, "qualifier": f.qualifier}


def _field(
    observations: Sequence[Obs], shown: str, ctx: Context, value: Any = None
) -> ConsensusField:
    sources = sorted({o.source for o in observations if o.value == shown})
    by_value: dict[str, set[str]] = defaultdict(set)
    for o in observations:
        if o.value != shown:
            by_value[o.value].add(o.source)
    evidence = {
        (s.source, s.start, s.end): s for o in observations if o.value == shown for s in o.spans
    }
    return ConsensusField(
        value=shown if value is None else value,
        sources=sources,
        support=ctx.support(sources),
        evidence=[evidence[k] for k in sorted(evidence)],
        alternatives=[
            Alternative(value=v, sources=sorted(by_value[v]))
            for v in sorted(by_value, key=lambda v: (-len(by_value[v]), v))
        ],
    )


def _sharpen(draft: ConflictDraft, obs: Sequence[Obs], precision: Callable[[Obs], int]) -> None:
    """Keep on each side of a conflict only its most precise values: a vague value that fits
    both sides ("in the morning" against 06:30 and 08:30) takes neither."""
    values: list[ConflictValue] = []
    for value in draft.values:
        mine = [o for o in obs if o.source in value.sources]
        if not mine:
            values.append(value)
            continue
        best = max(precision(o) for o in mine)
        kept = [o for o in mine if precision(o) == best]
        keep = {o.source for o in kept}
        values.append(
            value.model_copy(
                update={
                    "sources": sorted(keep),
                    "evidence": [e for e in value.evidence if e.source in keep],
                }
            )
        )
    draft.values = values


def _calibrate(draft: ConflictDraft) -> ConflictDraft:
    """High when every side has evidence showing its value; medium otherwise."""
    shown = all(v.evidence for v in draft.values) and not draft.ungrounded and not draft.unshown
    if draft.severity == "high" and not shown:
        draft.severity = "medium"
    return draft


def _conflict_values(
    groups: Sequence[Sequence[Obs]], label: Callable[[Sequence[Obs]], str]
) -> list[ConflictValue]:
    values: list[ConflictValue] = []
    for group in groups:
        text = label(group)
        spans = {(s.source, s.start, s.end): s for o in group for s in o.spans}
        values.append(
            ConflictValue(
                value=text,
                sources=sorted({o.source for o in group}),
                evidence=[spans[k] for k in sorted(spans)],
            )
        )
    return values


def _common(group: Sequence[Obs]) -> str:
    counts = Counter(o.value for o in group)
    return min(counts, key=lambda v: (-counts[v], v))


class _Fuser:
    """Fuses one cluster of claims into a draft."""

    def __init__(
        self,
        batch: Batch,
        cluster: Sequence[Mention[Claim]],
        about_id: str | None,
        venues: Sequence[str] = (),
    ):
        self.batch = batch
        self.venues = venues  # the locations reports give for the meeting the claims are about
        self.cluster = sorted(cluster, key=lambda c: c.key)
        self.sources = sorted({c.source for c in cluster})
        self.ctx = Context(frozenset(self.sources), batch.roots)
        self.draft = ClaimDraft((), self.sources, {})
        self.about_id = about_id

    def words(self, name: str, values: Sequence[tuple[Mention[Claim], str]]) -> ConsensusField:
        obs = [_obs(c, v, fold_for_comparison(v)) for c, v in values if v]
        result, _ = fuse_scalar(obs, Rule(compatible=always, conflicts=False), self.ctx, name)
        return result

    def run(self) -> ClaimDraft:
        f = self.draft.fields
        cluster = self.cluster
        about = self.words("about", [(c, c.record.about) for c in cluster])
        if self.about_id is not None:
            about = about.model_copy(update={"value": self.about_id})
        f["about"] = about
        f["attribute"] = self.words("attribute", [(c, c.record.attribute) for c in cluster])
        f["attributed_to"] = self.words(
            "attributed_to", [(c, c.record.attributed_to or "") for c in cluster]
        )
        kind = _kind(cluster)
        f["quantity"] = ConsensusField()
        f["date"] = ConsensusField()
        if kind == "quantity":
            self.quantity()
        elif kind == "date":
            self.date()
        elif kind == "time":
            self.time()
        else:
            self.text(kind)
        f["grounded"] = any(c.grounded for c in cluster)
        about_words = cluster[0].record.about
        self.draft.subject = f"{about_words} — {f['attribute'].value}"
        self.draft.sort_key = (
            -len(self.sources),
            fold_for_comparison(str(f["about"].value)),
            fold_for_comparison(str(f["attribute"].value)),
            min(c.key for c in cluster),
        )
        return self.draft

    # --- figures ---

    def quantity(self) -> None:
        f = self.draft.fields
        figures: dict[Hashable, Figure] = {}
        obs: list[Obs] = []
        owner: dict[int, Mention[Claim]] = {}
        for c in self.cluster:
            figure = _figure(c)
            if figure is None:
                continue
            key = _figure_key(figure)
            figures[key] = figure
            obs.append(_obs(c, c.record.value, key))
            owner[len(obs) - 1] = c
        if not obs:
            f["value"] = self.words("value", [(c, c.record.value) for c in self.cluster])
            return
        # a rate one report states ("€1.1bn ($1.2bn)") converts the others' sums
        figures = dict(zip(figures, with_stated_rates(list(figures.values())), strict=True))
        attribute = " ".join(c.record.attribute for c in self.cluster)
        said = {i: _said(c) for i, c in owner.items()}
        # a level (a height, a speed) "rose to" a figure: the thing rose, no count was revised
        levels = any(is_level(figures[o.key]) for o in obs)
        # a total from a moment on ("cancelled since Tuesday") grows: read as a running count
        # when reports give it on two days or more; given on one day, it is one figure
        since = is_cumulative(attribute) or any(is_cumulative(v) for v in said.values())
        growing = since and len({o.published for o in obs if o.published}) > 1
        if not levels and (growing or is_running_count(attribute, list(said.values()))):
            self.running(obs, figures, owner, said)
            return

        def relation(a: Obs, b: Obs) -> str:
            if other_wholes(a.value, b.value):
                return "incomparable"  # shares of two wholes: "of the stocks", "of cases"
            return compare_figures(figures[a.key], figures[b.key])

        rule = Rule(
            compatible=lambda a, b: relation(a, b) in ("same", "compatible"),
            # a vague figure joins the precise ones it fits, never bridges two that conflict
            specificity=lambda o: _PRECISION[figures[o.key].qualifier],
            contradicts=lambda a, b: relation(a, b) == "conflict",
            kind="number_mismatch",
            severity="high",
        )
        value, conflict = fuse_scalar(obs, rule, self.ctx, "quantity")
        f["value"] = value
        winner = next(i for i, o in enumerate(obs) if o.value == value.value)
        f["quantity"] = _field(
            obs,
            str(value.value),
            self.ctx,
            _quantity_value(owner[winner], figures[obs[winner].key]),
        )
        if conflict is not None:
            shown = [
                next(figures[o.key] for o in obs if o.value == v.value) for v in conflict.values
            ]
            _sharpen(conflict, obs, lambda o: _PRECISION[figures[o.key].qualifier])
            if len(shown) == 2:
                sides = [
                    [figures[o.key] for o in obs if o.source in v.sources] for v in conflict.values
                ]
                shown = list(_compared(shown[0], shown[1], sides[0], sides[1]))
            conflict.extra = "intervals " + " and ".join(str(s.interval()) for s in shown)
            conflict.extra += " do not overlap"
            if len({s.unit for s in shown if is_money(s)}) > 1:
                # two currencies the text converts by no rate: compared at the table's rates
                rates = exchange_rates()
                conflict.extra = (
                    f"the sums differ by more than {rates.spread:.0%} at the exchange rates "
                    f"of {rates.as_of}"
                )
                conflict.severity = "medium"
            self.draft.conflicts.append(_calibrate(conflict))
        # sums in two currencies the text converts by no rate: a question for the judge
        self.open_pairs(
            obs,
            lambda a, b: (
                relation(a, b) == "incomparable"
                and is_money(figures[a.key])
                and is_money(figures[b.key])
            ),
            "quantity",
        )

    def running(
        self,
        obs: list[Obs],
        figures: Mapping[Hashable, Figure],
        owner: Mapping[int, Mention[Claim]],
        said: Mapping[int, str],
    ) -> None:
        """A count still being counted: the latest figure, earlier ones as its history."""
        f = self.draft.fields
        reports = [
            Report(
                figures[o.key].interval(),
                o.published or self.undated_moment(owner[i]),
                is_provisional(said[i]),
                said[i],
            )
            for i, o in enumerate(obs)
        ]
        best = latest(reports)
        shown = obs[best].value
        f["value"] = _field(obs, shown, self.ctx)
        f["quantity"] = _field(
            obs, shown, self.ctx, _quantity_value(owner[best], figures[obs[best].key])
        )
        pairs = [
            (i, j)
            for i, j in growth_conflicts(reports)
            if _one_unit_or_clash(figures[obs[i].key], figures[obs[j].key])
        ]
        if not pairs:
            return
        involved = sorted({i for pair in pairs for i in pair} | {best})
        groups = [[obs[i] for i in side] for side in conflict_sides(involved, best, pairs, reports)]
        values = _conflict_values(groups, _common)
        first = pairs[0]
        a, b = obs[first[0]], obs[first[1]]
        if a.published == b.published or not a.published or not b.published:
            why = f"{a.value} and {b.value} were given for the same day ({a.published or '?'})"
        else:
            early, late = (a, b) if a.published < b.published else (b, a)
            why = (
                f"a count only grows: {early.value} ({early.published}) is above "
                f"{late.value} reported later ({late.published})"
            )
        draft = ConflictDraft("quantity", "number_mismatch", "high", values, extra=why)
        draft.unshown = [str(v.value) for v in values if not v.evidence]
        self.draft.conflicts.append(_calibrate(draft))

    def undated_moment(self, c: Mention[Claim]) -> str:
        """The day a report without a date gave its figure, when its sentence names the
        weekday ("the toll has risen to 21, the commission said on Thursday"): that weekday
        on or after the day of the event the claim is about, else after the earliest report
        of the claims; "" when nothing says."""
        anchor = _about_day(c.record.about, None)
        if anchor is None:
            dated = sorted(m.published[:10] for m in self.cluster if m.published)
            anchor = dated[0] if dated else None
        try:
            day = dt.date.fromisoformat(anchor) if anchor else None
        except ValueError:
            day = None
        return weekday_on_or_after(" ".join(_sentences(c)), day) or ""

    # --- dates ---

    def date(self) -> None:
        f = self.draft.fields
        obs: list[Obs] = []
        for c in self.cluster:
            iso = c.record.date or date_in_words(c.record.value, c.published)
            if iso:
                obs.append(_obs(c, iso, iso, date_shown))
        f["value"] = self.words("value", [(c, c.record.value) for c in self.cluster])
        rule = Rule(
            compatible=lambda a, b: compare_dates(a.value, b.value) != "conflict",
            specificity=lambda o: o.value.count("-"),
            display="specific",
            kind="date_mismatch",
            severity="high",
        )
        value, conflict = fuse_scalar(obs, rule, self.ctx, "date")
        f["date"] = value
        if conflict is None:
            return
        isos = [str(v.value) for v in conflict.values]
        if all(adjacent(x, y) for i, x in enumerate(isos) for y in isos[i + 1 :]) and (
            self.zoned()
        ):
            conflict.severity = "low"
            conflict.extra = "one day apart, and times are given in more than one zone: "
            conflict.extra += "may be one moment on two clocks"
        else:
            conflict.extra = " and ".join(isos) + " do not overlap"
        self.draft.conflicts.append(_calibrate(conflict))

    def zoned(self) -> bool:
        """Whether any source gives a time of this fact's subject in a named zone."""
        about = {fold_for_comparison(c.record.about) for c in self.cluster}
        for c in self.batch.claims:
            if fold_for_comparison(c.record.about) in about:
                parsed = parse_time(c.record.value)
                if parsed is not None and any(r.zone is not None for r in parsed.readings):
                    return True
        return False

    # --- times of day ---

    def time(self) -> None:
        f = self.draft.fields
        local = self.local_zone()
        day = self.day()
        obs = [_obs(c, c.record.value, fold_for_comparison(c.record.value)) for c in self.cluster]
        verdicts: dict[tuple[str, str], str] = {}

        def relation(a: Obs, b: Obs) -> str:
            pair = (a.value, b.value) if a.value <= b.value else (b.value, a.value)
            if pair not in verdicts:
                verdicts[pair] = compare_times(pair[0], pair[1], local=local, day=day)
            return verdicts[pair]

        rule = Rule(
            compatible=lambda a, b: relation(a, b) in ("same", "compatible"),
            specificity=_time_precision,
            contradicts=lambda a, b: relation(a, b) == "conflict",
            kind="value_mismatch",
            severity="medium",
        )
        value, conflict = fuse_scalar(obs, rule, self.ctx, "value")
        f["value"] = value
        if conflict is not None:
            _sharpen(conflict, obs, _time_precision)
            conflict.extra = "no clock reading of one fits the other"
            if local:
                conflict.extra += f" (local time taken as {local})"
            self.draft.conflicts.append(_calibrate(conflict))
        self.open_pairs(obs, lambda a, b: relation(a, b) == "undecided")

    def local_zone(self) -> str | None:
        """The zone of the place of the claims' subject: the meeting they are about (where it
        is held, not what it is about: a council in New York on a clash in Africa), else a
        place their `about` names, else the dateline of a report."""
        zones = {z for v in self.venues if (z := zone_of_place(v)) is not None}
        if len(zones) == 1:
            return zones.pop()
        for c in self.cluster:
            zone = zone_of_place(c.record.about)
            if zone is not None:
                return zone
        for c in self.cluster:
            dateline = c.text.lstrip().split("\n", 1)[0][:80] if c.text else ""
            zone = zone_of_place(dateline.split(",", 1)[0]) if dateline else None
            if zone is not None:
                return zone
        return None

    def day(self) -> dt.date | None:
        dates = sorted(c.published for c in self.cluster if c.published)
        if not dates:
            return None
        try:
            return dt.date.fromisoformat(dates[0][:10])
        except ValueError:
            return None

    # --- words ---

    def text(self, kind: ClaimKind) -> None:
        f = self.draft.fields
        obs = [_obs(c, c.record.value, fold_for_comparison(c.record.value)) for c in self.cluster]
        if kind == "place":
            # a body's seat is a town: two names of towns are two seats (`semantics.places`)
            places = compare_seats if _is_seat(self.cluster) else compare_places
            # names the reports' own passages call towns ("Hella, the town nearest ...")
            towns = towns_named(q for c in self.cluster for q in c.record.quotes)

            def compare(a: str, b: str) -> str:
                return places(a, b, towns)

            rule = Rule(
                # two names that differ beyond spelling are two places (`semantics.places`)
                compatible=lambda a, b: compare(a.value, b.value) != "conflict",
                specificity=lambda o: len(place_key(o.value)),
                contradicts=lambda a, b: compare(a.value, b.value) == "conflict",
                kind="value_mismatch",
                severity="medium",
            )
            value, conflict = fuse_scalar(obs, rule, self.ctx, "value")
            if conflict is not None:
                conflict.extra = "two places whose names differ beyond spelling"
                self.draft.conflicts.append(conflict)
            self.open_pairs(obs, lambda a, b: compare(a.value, b.value) == "undecided")
        else:
            value, _ = fuse_scalar(obs, Rule(compatible=always, conflicts=False), self.ctx, "value")
            self.open_pairs(obs, lambda a, b: not topics_similar(a.value, b.value))
        f["value"] = value

    def open_pairs(
        self, obs: Sequence[Obs], undecided: Callable[[Obs, Obs], bool], name: str = "value"
    ) -> None:
        by_value: dict[str, list[Obs]] = defaultdict(list)
        for o in obs:
            by_value[o.value].append(o)
        values = sorted(by_value)
        for i, a in enumerate(values):
            for b in values[i + 1 :]:
                if fold_for_comparison(a) != fold_for_comparison(b) and undecided(
                    by_value[a][0], by_value[b][0]
                ):
                    pair = _conflict_values([by_value[a], by_value[b]], _common)
                    self.draft.open_pairs.append(OpenPair(name, (pair[0], pair[1])))


def assemble_claims(
    batch: Batch,
    clusters: Sequence[Sequence[Mention[Claim]]],
    res: Any,
    about_ids: Mapping[tuple[str, int], str],
) -> list[ClaimDraft]:
    """One draft per cluster of claims, in canonical order."""
    targets = _targets(batch, res)
    titles = _Titles(batch)
    drafts: list[ClaimDraft] = []
    for cluster in clusters:
        ids = Counter(
            about_ids[targets[t.key]]
            for c in cluster
            if (t := titles.target(c)) is not None and t.key in targets
        )
        about_id = min(ids, key=lambda k: (-ids[k], k)) if ids else None
        meetings = Counter(
            targets[t.key]
            for c in cluster
            if (t := titles.target(c)) is not None and t.key in targets
        )
        venues: list[str] = []
        if meetings:
            kind, n = min(meetings, key=lambda k: (-meetings[k], k))
            if kind == "meeting":
                venues = [m.record.location for m in res.meetings[n] if m.record.location]
        drafts.append(_Fuser(batch, cluster, about_id, venues).run())
    drafts.sort(key=lambda d: d.sort_key)
    _mark_carried_over(drafts)
    return drafts


Side = tuple[float, frozenset[str]]  # a figure of one side of a conflict, and its sources


def follows_from(part: Sequence[Side], whole: Sequence[Side]) -> bool:
    """Whether a disagreement on one figure is another disagreement carried over: the same
    sources on each side, and the figures of each side differ by what the other claim's
    figures differ by, the smaller of a part of the larger ("43 miners underground" vs "37",
    "28 got out" vs "22": 15 trapped either way, one disagreement told twice)."""
    if len(part) != 2 or len(whole) != 2:
        return False
    (x1, s1), (x2, s2) = part
    for (y1, t1), (y2, t2) in (whole, whole[::-1]):
        if not (s1 & t1 and s2 & t2) or s1 & t2 or s2 & t1:
            continue
        gap = x1 - x2
        if gap and math.isclose(gap, y1 - y2) and max(x1, x2) < min(y1, y2):
            return True
    return False


def _sides(conflict: ConflictDraft) -> list[Side] | None:
    """The figure each side of a conflict on a figure gives, or None when one gives none."""
    sides: list[Side] = []
    for value in conflict.values:
        figure = figure_from(str(value.value))
        if figure is None or is_share(figure):
            return None
        sides.append((figure.amount, frozenset(value.sources)))
    return sides


def _mark_carried_over(drafts: Sequence[ClaimDraft]) -> None:
    """A conflict on a figure that only carries over another conflict of the same subject
    (`follows_from`) is kept, at low severity, with a note naming the one it follows from."""
    by_about: dict[str, list[tuple[ClaimDraft, ConflictDraft, list[Side]]]] = defaultdict(list)
    for d in drafts:
        for c in d.conflicts:
            if c.kind == "number_mismatch" and (sides := _sides(c)) is not None:
                by_about[str(d.fields["about"].value)].append((d, c, sides))
    for found in by_about.values():
        for _, part, part_sides in found:
            whole = next(
                (w for w, c, sides in found if c is not part and follows_from(part_sides, sides)),
                None,
            )
            if whole is not None:
                part.severity = "low"
                part.extra = f"the same disagreement as on {whole.subject}, carried over"
