"""Fusion: the values sources give for one field become a consensus value, support and conflicts.

A field's observations are grouped by a key (spellings of one value share it). Variants that are
compatible with a more specific one (2022-01 with 2022-01-12, "Brussels" with "NATO headquarters
in Brussels") support it; the remaining groups are the candidate values. A value no passage shows
(its observations have no evidence) never beats one that a passage shows, and a value given only
by ungrounded records never beats a grounded one; then the most independent sources win. Every
source giving a value counts towards its support, with or without evidence: a consensus value
whose evidence is empty is one that only evidence-less observations back, and readers are told
so. Groups left over that are incompatible with the winner make a conflict.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from summarizer.knowledge.folding import fold_for_comparison
from summarizer.normalize import text_key, topics_similar
from summarizer.records import Alternative, ConflictValue, ConsensusField, Span

__all__ = [
    "ConflictDraft",
    "Context",
    "Obs",
    "Rule",
    "always",
    "empty_field",
    "fuse_list",
    "fuse_scalar",
    "fuse_status",
    "same_key",
]

ConflictKind = Literal[
    "value_mismatch", "date_mismatch", "number_mismatch", "attribution_mismatch", "other"
]
Severity = Literal["high", "medium", "low"]


@dataclass(frozen=True, slots=True)
class Obs:
    """One source's value for one field of one record."""

    value: str  # as the source gives it
    key: Hashable  # spellings of one value share a key
    source: str
    grounded: bool
    published: str
    spans: tuple[Span, ...]  # the passages that show this value (empty: none found)
    # Whether a passage shows another value (the one displayed for a group of variants); None
    # for fields that are not text, whose passages are evidence for any value.
    shows: Callable[[str, str], bool] | None = field(default=None, compare=False, repr=False)

    @property
    def shown(self) -> bool:
        """A grounded record gives the value and a passage shows it."""
        return self.grounded and bool(self.spans)


@dataclass(frozen=True, slots=True)
class Context:
    """What support is measured against: the entity's sources and which are copies."""

    sources: frozenset[str]
    roots: Mapping[str, str]
    total: int = field(init=False, compare=False, repr=False)  # independent among `sources`

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", self.independent(self.sources))

    def independent(self, sources: Iterable[str]) -> int:
        listed = sources if isinstance(sources, Collection) else list(sources)
        return len(set(map(self.roots.get, listed, listed)))  # each source's root, else itself

    def support(self, sources: Iterable[str]) -> float:
        total = self.total
        return round(self.independent(sources) / total, 4) if total else 0.0


def always(_a: Obs, _b: Obs) -> bool:
    return True


def same_key(a: Obs, b: Obs) -> bool:
    return a.key == b.key


def _no_rank(_o: Obs) -> int:
    return 0


@dataclass(frozen=True, slots=True)
class Rule:
    """How the values of one field compare."""

    compatible: Callable[[Obs, Obs], bool] = same_key
    specificity: Callable[[Obs], int] = _no_rank
    # "specific": show the most specific supported value (dates); "common": the most supported
    # wording among compatible ones (places, names of things).
    display: Literal["specific", "common"] = "common"
    kind: ConflictKind = "value_mismatch"
    severity: Severity = "medium"
    conflicts: bool = True
    # Which of two incompatible groups conflict; None: every incompatible pair does.
    contradicts: Callable[[Obs, Obs], bool] | None = None
    render: Callable[[Hashable, str], str] | None = None


@dataclass(slots=True)
class ConflictDraft:
    """A conflict before its place in the record (its path) is known."""

    name: str
    kind: ConflictKind
    severity: Severity
    values: list[ConflictValue]
    ungrounded: list[str] = field(default_factory=list)  # values only ungrounded records give
    unshown: list[str] = field(default_factory=list)  # grounded values no passage shows
    extra: str = ""


def _spans(observations: Iterable[Obs], value: str | None = None) -> list[Span]:
    """The observations' passages, in order; with `value`, only those that show it."""
    unique = {
        (s.source, s.start, s.end): s
        for o in observations
        for s in o.spans
        if value is None or o.value == value or o.shows is None or o.shows(value, s.text)
    }
    return [unique[k] for k in sorted(unique)]


def _wording(observations: Sequence[Obs]) -> str:
    """The wording most sources use (ties: the alphabetically first)."""
    counts: dict[str, set[str]] = defaultdict(set)
    for o in observations:
        counts[o.value].add(o.source)
    return min(counts, key=lambda v: (-len(counts[v]), v))


def _alternatives(observations: Iterable[Obs], shown: str) -> list[Alternative]:
    by_value: dict[str, set[str]] = defaultdict(set)
    for o in observations:
        by_value[o.value].add(o.source)
    by_value.pop(shown, None)
    return [
        Alternative(value=v, sources=sorted(by_value[v]))
        for v in sorted(by_value, key=lambda v: (-len(by_value[v]), v))
    ]


def empty_field() -> ConsensusField:
    return ConsensusField(value=None, sources=[], support=0.0, evidence=[], alternatives=[])


@dataclass(slots=True)
class _Group:
    heads: list[Hashable]
    members: list[Hashable]
    observations: list[Obs]

    def sources(self) -> set[str]:
        return {o.source for o in self.observations}

    def grounded_sources(self) -> set[str]:
        return {o.source for o in self.observations if o.grounded}

    def shown_sources(self) -> set[str]:
        return {o.source for o in self.observations if o.shown}


def _groups(
    observations: Sequence[Obs], rule: Rule
) -> tuple[list[_Group], dict[Hashable, list[Obs]]]:
    variants: dict[Hashable, list[Obs]] = defaultdict(list)
    for o in observations:
        variants[o.key].append(o)
    keys = sorted(variants, key=repr)
    sample = {k: variants[k][0] for k in keys}
    spec = {k: rule.specificity(sample[k]) for k in keys}
    heads = [
        k
        for k in keys
        if not any(
            spec[o] > spec[k] and rule.compatible(sample[k], sample[o]) for o in keys if o != k
        )
    ]
    parent = {k: k for k in heads}

    def find(k: Hashable) -> Hashable:
        while parent[k] != k:
            k = parent[k]
        return k

    for a, ka in enumerate(heads):
        for kb in heads[a + 1 :]:
            if rule.compatible(sample[ka], sample[kb]):
                ra, rb = find(ka), find(kb)
                if ra != rb:
                    parent[rb] = ra
    grouped: dict[Hashable, list[Hashable]] = defaultdict(list)
    for k in heads:
        grouped[find(k)].append(k)
    groups: list[_Group] = []
    for group_heads in grouped.values():
        members = [
            k
            for k in keys
            if k in group_heads
            or (k not in heads and any(rule.compatible(sample[k], sample[h]) for h in group_heads))
        ]
        groups.append(_Group(group_heads, members, [o for k in members for o in variants[k]]))
    return groups, variants


def _rank(group: _Group, ctx: Context, rule: Rule) -> tuple[int, int, int, int, int, str]:
    grounded = group.grounded_sources()
    shown = group.shown_sources()
    return (
        0 if shown else 1 if grounded else 2,
        -ctx.independent(shown),
        -ctx.independent(grounded),
        -ctx.independent(group.sources()),
        -max(rule.specificity(o) for o in group.observations),
        repr(sorted(repr(h) for h in group.heads)),  # keys are tuples and strings: stable
    )


def _central(candidates: Sequence[Hashable], variants: Mapping[Hashable, list[Obs]]) -> Hashable:
    """Among tied variants, the one whose words are closest to every variant's (by sources)."""
    if len(candidates) == 1:
        return candidates[0]
    bags = {k: set(text_key(variants[k][0].value)) for k in variants}
    weight = {k: len({o.source for o in variants[k]}) for k in variants}

    def closeness(k: Hashable) -> float:
        mine = bags[k]
        return math.fsum(
            weight[other] * len(mine & bag) / len(mine | bag)
            for other, bag in bags.items()
            if other != k and (mine or bag)
        )

    return min(candidates, key=lambda k: (-round(closeness(k), 9), repr(k)))


def _pick(
    pool: Sequence[Hashable],
    variants: Mapping[Hashable, list[Obs]],
    ctx: Context,
    specificity: Callable[[Obs], int] = _no_rank,
) -> Hashable:
    """The best-supported variant (shown by passages first, then grounded); ties go to the most
    specific, then the central one."""

    def rank(k: Hashable) -> tuple[int, int, int, int]:
        obs = variants[k]
        return (
            -ctx.independent(o.source for o in obs if o.shown),
            -ctx.independent(o.source for o in obs if o.grounded),
            -ctx.independent(o.source for o in obs),
            -specificity(obs[0]),
        )

    ranks = {k: rank(k) for k in pool}
    best = min(ranks.values())
    return _central([k for k in sorted(pool, key=repr) if ranks[k] == best], variants)


def _shown(
    group: _Group, variants: Mapping[Hashable, list[Obs]], ctx: Context, rule: Rule
) -> tuple[Hashable, str]:
    pool = group.heads if rule.display == "specific" else group.members
    key = _pick(pool, variants, ctx, rule.specificity)
    wording = _wording(variants[key])
    if rule.render is not None:
        wording = rule.render(key, wording)
    return key, wording


def _taking_sides(groups: Sequence[_Group]) -> list[_Group]:
    """The groups of a conflict without the values that fit more than one side.

    A vague value compatible with the heads of two conflicting groups ("more than 30" beside
    "38" and "more than 40") belongs to both; it supports neither side of the disagreement,
    so no side lists its sources. A group keeps at least its heads.
    """
    seen: dict[Hashable, int] = defaultdict(int)
    for group in groups:
        for k in group.members:
            seen[k] += 1
    sides: list[_Group] = []
    for group in groups:
        members = [k for k in group.members if k in group.heads or seen[k] == 1]
        kept = set(members)
        sides.append(
            _Group(
                group.heads,
                members,
                [o for o in group.observations if o.key in kept],
            )
        )
    return sides


def fuse_scalar(
    observations: Sequence[Obs], rule: Rule, ctx: Context, name: str
) -> tuple[ConsensusField, ConflictDraft | None]:
    """One consensus value for a field, and the conflict its incompatible values make."""
    if not observations:
        return empty_field(), None
    groups, variants = _groups(observations, rule)
    groups.sort(key=lambda g: _rank(g, ctx, rule))
    winner = groups[0]
    _, shown = _shown(winner, variants, ctx, rule)
    sources = winner.sources()
    result = ConsensusField(
        value=shown,
        sources=sorted(sources),
        support=ctx.support(sources),
        evidence=_spans(winner.observations, shown),
        alternatives=_alternatives(observations, shown),
    )
    if not rule.conflicts or len(groups) < 2:
        return result, None
    contradicts = rule.contradicts
    rivals = [
        g
        for g in groups[1:]
        if contradicts is None
        or any(contradicts(variants[a][0], variants[b][0]) for a in winner.heads for b in g.heads)
    ]
    if not rivals:
        return result, None
    values: list[ConflictValue] = []
    ungrounded: list[str] = []
    unshown: list[str] = []
    for group in _taking_sides([winner, *rivals]):
        _, label = _shown(group, variants, ctx, rule)
        values.append(
            ConflictValue(
                value=label,
                sources=sorted(group.sources()),
                evidence=_spans(group.observations, label),
            )
        )
        if not group.grounded_sources():
            ungrounded.append(label)
        elif not group.shown_sources():
            unshown.append(label)
    return result, ConflictDraft(name, rule.kind, rule.severity, values, ungrounded, unshown)


def fuse_status(
    observations: Sequence[Obs],
    order: Mapping[str, int],
    clashes: Iterable[frozenset[str]],
    ctx: Context,
    name: str,
    *,
    final: str | None = None,
) -> tuple[ConsensusField, ConflictDraft | None]:
    """An evolving fact: the latest report's value, earlier values kept as its history.

    Values reported on the same latest date that cannot both hold (`clashes`, e.g. held and
    cancelled) conflict; so does a later report going back on `final` (a meeting reported held
    is later reported still to come).
    """
    if not observations:
        return empty_field(), None
    pool = [o for o in observations if o.grounded] or list(observations)
    latest = max(o.published for o in pool)
    current = {o.value for o in pool if o.published == latest}
    shown = max(current, key=lambda v: (order.get(v, -1), v))
    sources = {o.source for o in observations if o.value == shown}
    first_seen: dict[str, str] = {}
    for o in sorted(observations, key=lambda o: (o.published, o.source)):
        first_seen.setdefault(o.value, o.published)
    history: dict[str, set[str]] = defaultdict(set)
    for o in observations:
        if o.value != shown:
            history[o.value].add(o.source)
    result = ConsensusField(
        value=shown,
        sources=sorted(sources),
        support=ctx.support(sources),
        evidence=_spans(o for o in observations if o.value == shown),
        alternatives=[
            Alternative(value=v, sources=sorted(history[v]))
            for v in sorted(history, key=lambda v: (first_seen[v], v))
        ],
    )
    clash = next((c for c in clashes if c <= current), None)
    extra = ""
    if clash is None and final is not None and shown != final:
        earlier_final = [o for o in pool if o.value == final and o.published < latest]
        if earlier_final:
            clash = frozenset({shown, final})
            extra = f"reported {final} before it was reported {shown}"
    if clash is None:
        return result, None
    values = [
        ConflictValue(
            value=v,
            sources=sorted({o.source for o in observations if o.value == v}),
            evidence=_spans(o for o in observations if o.value == v),
        )
        for v in sorted(clash, key=lambda v: (v != shown, v))
    ]
    return result, ConflictDraft(
        name, "value_mismatch", "low" if extra else "medium", values, extra=extra
    )


def fuse_list(
    items: Sequence[Obs],
    ctx: Context,
    *,
    similar: Literal["equal", "topic"] = "equal",
    render: Callable[[Hashable, str], str] | None = None,
) -> list[ConsensusField]:
    """A list field as a union: one consensus item per distinct thing, with its own support."""
    variants: dict[Hashable, list[Obs]] = defaultdict(list)
    for o in items:
        variants[o.key].append(o)
    # Leader clustering: the best-supported variants found the groups, each other variant
    # joins the first group whose leader it matches, so similarity never chains.
    keys = sorted(
        variants, key=lambda k: (-ctx.independent(o.source for o in variants[k]), repr(k))
    )
    leaders: list[Hashable] = []
    grouped: dict[Hashable, list[Hashable]] = {}
    for k in keys:
        text = variants[k][0].value
        home = None
        if similar == "topic":
            home = next(
                (lead for lead in leaders if topics_similar(variants[lead][0].value, text)), None
            )
        if home is None:
            leaders.append(k)
            grouped[k] = [k]
        else:
            grouped[home].append(k)
    fields: list[ConsensusField] = []
    for members in grouped.values():
        observations = [o for k in members for o in variants[k]]

        key = _pick(members, variants, ctx)
        shown = _wording(variants[key])
        if render is not None:
            shown = render(key, shown)
        sources = {o.source for o in observations}
        fields.append(
            ConsensusField(
                value=shown,
                sources=sorted(sources),
                support=ctx.support(sources),
                evidence=_spans(observations, shown),
                alternatives=_alternatives(observations, shown),
            )
        )
    fields.sort(
        key=lambda f: (-ctx.independent(f.sources), fold_for_comparison(str(f.value)), str(f.value))
    )
    return fields
