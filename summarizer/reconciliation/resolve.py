"""Entity resolution: which people, meetings, proposals and statements are the same across sources.

Each kind is resolved in three steps: blocking keys propose candidate pairs (only mentions that
share a key are compared, so cost grows with the batch, not with its square); a scoring
function accepts or rejects each pair; accepted pairs are merged best-first with union-find. For
meetings, proposals and statements a cluster takes two records of one source only when they are
plainly one record listed twice: an article lists each distinct thing once, so two of its records
are otherwise two things.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from rapidfuzz import fuzz

from summarizer.knowledge.folding import fold_for_comparison, words
from summarizer.knowledge.meetings import again_words, relative_meeting_words
from summarizer.normalize import (
    NameKey,
    date_distance_days,
    date_precision,
    dates_compatible,
    descriptive_key,
    idf_weights,
    known_organizations,
    name_key,
    name_keys_compatible,
    org_key,
    orgs_compatible,
    place_key,
    region_only,
    speaker_kind,
    text_key,
    topic_key,
    undistinctive_meeting_keys,
    weighted_similarity,
    year_hint,
)
from summarizer.reconciliation.fields import place_relation
from summarizer.reconciliation.mentions import Batch, Mention, PersonMention
from summarizer.records import Claim, Meeting, Proposal, Statement
from summarizer.semantics.dates import name_date

if TYPE_CHECKING:  # numpy is imported only by a merge of many pairs (`_merge_arrays`)
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "Resolution",
    "SpeakerKey",
    "about_target",
    "resolve",
    "speaker_relation",
]

# A block larger than this is compared by a sliding window over its canonical order.
MAX_BLOCK = 96
WINDOW = 24
# Two dates this many days apart or more are two occurrences, never one misreported date.
NEAR_DAYS = 31


@cache
def _proposal_words() -> frozenset[str]:
    """Words that say "a proposal" without saying which."""
    return frozenset(
        text_key(
            "draft drafts proposal proposals agreement agreements initiative initiatives "
            "project projects plan plans document documents text package set offer treaty"
        )
    )


# --- clustering machinery ---------------------------------------------------------------------


class _UnionFind:
    """Union-find whose clusters remember their sources, to refuse merging two of one source."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.parent = list(range(len(sources)))
        self.sources: list[set[str]] = [{s} for s in sources]

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int, *, exclusive: bool) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        if exclusive and not self.sources[a].isdisjoint(self.sources[b]):
            return False
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.sources[a] |= self.sources[b]
        self.sources[b] = set()
        return True

    def clusters(self) -> list[list[int]]:
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            groups[self.find(i)].append(i)
        return sorted(groups.values(), key=lambda g: g[0])


def candidate_pairs(keys: Sequence[Iterable[Hashable]]) -> list[tuple[int, int]]:
    """Pairs of items sharing a blocking key; big blocks are walked with a sliding window."""
    size = len(keys)
    return [divmod(pair, size) for pair in _pair_numbers(_blocks(keys), size)]


def _blocks(keys: Sequence[Iterable[Hashable]]) -> list[tuple[int, ...]]:
    """The items sharing each blocking key, ascending, each distinct block once (copies share
    every key: their blocks hold the same members and give the same pairs)."""
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for i, item_keys in enumerate(keys):
        for key in set(item_keys):
            blocks[key].append(i)
    return list(dict.fromkeys(tuple(members) for members in blocks.values() if len(members) > 1))


def _pair_count(blocks: Iterable[Sequence[int]]) -> int:
    """How many pairs the blocks give, before those several blocks share are counted once."""
    count = 0
    for members in blocks:
        n = len(members)
        if n <= MAX_BLOCK:
            count += n * (n - 1) // 2
        else:
            count += WINDOW * (n - WINDOW) + WINDOW * (WINDOW - 1) // 2
    return count


def _pair_numbers(blocks: Iterable[Sequence[int]], size: int) -> list[int]:
    """The blocks' pairs, each pair (i, j) numbered i * size + j, ascending (that is, in
    (i, j) order): one small integer per pair rather than a tuple."""
    pairs: set[int] = set()
    for members in blocks:
        span = len(members) if len(members) <= MAX_BLOCK else WINDOW
        for a, i in enumerate(members):
            pairs.update(map((i * size).__add__, members[a + 1 : a + 1 + span]))
    return sorted(pairs)


def _classes(features: Sequence[Hashable]) -> list[int]:
    """Each item's class: items with equal features share one (the first item's index)."""
    first: dict[Hashable, int] = {}
    return [first.setdefault(f, i) for i, f in enumerate(features)]


# Marks a pair of feature classes not scored yet (None is a rejected pair): compared by identity.
_UNSCORED = float("nan")
# From this many candidate pairs on, `_merge` works on arrays (`_merge_arrays`).
ARRAY_PAIRS = 20_000


def _merge(
    sources: Sequence[str],
    keys: Sequence[Iterable[Hashable]],
    score: Callable[[int, int], float | None],
    repeated: Callable[[int, int], bool],
    features: Sequence[Hashable] | None = None,
    *,
    array_pairs: int = ARRAY_PAIRS,
) -> list[list[int]]:
    """Cluster items: accepted pairs merge best-first, never two records of one source.

    The exception is `repeated`: two records of one source that are plainly the same thing
    (an extraction listed it twice) are merged first. `score` and `repeated` depend only on
    the items' `features`, so a pair of items is scored once per pair of distinct features
    (copies of one story carry the same records again and again). From `array_pairs`
    candidate pairs on, the same clusters are found on arrays (see `_merge_arrays`).
    """
    size = len(sources)
    classes = _classes(features) if features is not None else list(range(size))
    source_class = _classes(sources)  # equal sources, equal numbers: cheaper to compare
    blocks = _blocks(keys)
    if _pair_count(blocks) >= array_pairs:
        return _merge_arrays(sources, blocks, score, repeated, classes, source_class)
    uf = _UnionFind(sources)
    # rounded score (None: rejected) by pair of feature classes, numbered as pairs are
    scores: dict[int, float | None] = {}
    # accepted pairs by score; a pair is its number i * size + j, so that numbers ascending
    # are pairs in (i, j) order
    accepted: dict[float, list[int]] = defaultdict(list)
    scored = scores.get
    for pair in _pair_numbers(blocks, size):
        i, j = divmod(pair, size)
        if source_class[i] == source_class[j]:
            if repeated(i, j):
                uf.union(i, j, exclusive=False)
            continue
        classed = classes[i] * size + classes[j]
        value = scored(classed, _UNSCORED)
        if value is _UNSCORED:
            found = score(i, j)
            value = scores[classed] = None if found is None else round(found, 9)
        if value is not None:
            accepted[value].append(pair)
    # best score first, then (i, j) ascending: the pairs come in ascending order already
    parent = uf.parent
    for value in sorted(accepted, reverse=True):
        for pair in accepted[value]:
            i, j = divmod(pair, size)
            # most accepted pairs are already one cluster: tell so without a call
            a, b = parent[i], parent[j]
            if a == b or parent[b] == a or parent[a] == b:
                continue
            uf.union(i, j, exclusive=True)
    return uf.clusters()


def _merge_arrays(
    sources: Sequence[str],
    blocks: Sequence[Sequence[int]],
    score: Callable[[int, int], float | None],
    repeated: Callable[[int, int], bool],
    classes: Sequence[int],
    source_class: Sequence[int],
) -> list[list[int]]:
    """`_merge` for many pairs: the same clusters, with the work per pair done on arrays.

    Pairs are listed, scored (once per pair of feature classes) and ordered as `_merge` does.
    Then, one score at a time, best first: the pairs of that score link clusters into
    components; a component whose clusters share no source is merged whole, as the pairs
    would merge it one by one in any order; in the others the pairs are taken one by one,
    in (i, j) order, as `_merge` takes them.
    """
    import numpy as np

    size = len(sources)
    uf = _UnionFind(sources)
    parts = []
    for members in blocks:
        items = np.array(members, dtype=np.int64)
        n = len(members)
        if n <= MAX_BLOCK:
            first, second = np.triu_indices(n, 1)
        else:
            first = np.repeat(np.arange(n), WINDOW)
            second = first + np.tile(np.arange(1, WINDOW + 1), n)
            inside = second < n
            first, second = first[inside], second[inside]
        parts.append(items[first] * size + items[second])
    if not parts:
        return uf.clusters()
    pairs = np.sort(np.concatenate(parts))
    pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]  # each pair once
    left, right = np.divmod(pairs, size)
    source_of = np.array(source_class, dtype=np.int64)
    same = source_of[left] == source_of[right]
    for i, j in zip(left[same].tolist(), right[same].tolist(), strict=True):
        if repeated(i, j):
            uf.union(i, j, exclusive=False)
    other = ~same
    pairs, left, right = pairs[other], left[other], right[other]
    if not len(pairs):
        return uf.clusters()
    class_of = np.array(classes, dtype=np.int64)
    kinds, at, inverse = np.unique(
        class_of[left] * size + class_of[right], return_index=True, return_inverse=True
    )
    values = np.empty(len(kinds))
    for kind in np.argsort(at, kind="stable").tolist():  # in the order the pairs come
        found = score(int(left[at[kind]]), int(right[at[kind]]))
        values[kind] = math.nan if found is None else round(found, 9)
    value = values[inverse]
    kept = ~np.isnan(value)
    pairs, value = pairs[kept], value[kept]
    order = np.lexsort((pairs, -value))
    pairs, value = pairs[order], value[order]
    left, right = np.divmod(pairs, size)
    # where each score's pairs start and end
    bounds = np.flatnonzero(np.diff(value)) + 1
    starts = [0, *bounds.tolist()]
    ends = [*bounds.tolist(), len(pairs)]
    links = np.array(uf.parent, dtype=np.int64)  # a parent of each item, as `uf` has it
    for start, end in zip(starts, ends, strict=True):
        roots = _roots(links)
        a, b = roots[left[start:end]], roots[right[start:end]]
        # Of the pairs linking the same two clusters, only the first can change anything: the
        # later ones find those clusters (or larger ones) merged, or refusing each other.
        linked = np.minimum(a, b) * size + np.maximum(a, b)
        _, first_at = np.unique(linked, return_index=True)
        first_at = np.sort(first_at[a[first_at] != b[first_at]])
        if not len(first_at):
            continue
        a, b = a[first_at], b[first_at]
        nodes, ends_at = np.unique(np.concatenate((a, b)), return_inverse=True)
        component = _components(ends_at[: len(a)], ends_at[len(a) :], len(nodes))
        linked_roots: dict[int, list[int]] = defaultdict(list)
        for root, label in zip(nodes.tolist(), component.tolist(), strict=True):
            linked_roots[label].append(root)
        stepwise: list[int] = []
        for label, roots_of in linked_roots.items():
            held = [uf.sources[r] for r in roots_of]
            if sum(map(len, held)) != len(set().union(*held)):
                stepwise.append(label)
                continue
            head = min(roots_of)
            for r in roots_of:
                if r != head:
                    uf.parent[r] = head
                    uf.sources[head] |= uf.sources[r]
                    uf.sources[r] = set()
                    links[r] = head
        if stepwise:
            chosen = first_at[np.isin(component[ends_at[: len(a)]], stepwise)] + start
            for i, j in zip(left[chosen].tolist(), right[chosen].tolist(), strict=True):
                ra, rb = uf.find(i), uf.find(j)
                if ra != rb and uf.union(i, j, exclusive=True):
                    links[max(ra, rb)] = min(ra, rb)
    return uf.clusters()


def _roots(links: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each item's root, following `links` (a parent of each item) by pointer jumping; `links`
    is left pointing at the roots."""
    import numpy as np

    while True:
        jumped = links[links]
        if np.array_equal(jumped, links):
            return links
        links[:] = jumped


def _components(a: NDArray[np.int64], b: NDArray[np.int64], count: int) -> NDArray[np.int64]:
    """A label for each of `count` nodes, equal for nodes the edges (a[k], b[k]) connect."""
    import numpy as np

    label = np.arange(count, dtype=np.int64)
    while True:
        la, lb = label[a], label[b]
        if np.array_equal(la, lb):
            return label
        low = np.minimum(la, lb)
        np.minimum.at(label, la, low)
        np.minimum.at(label, lb, low)
        while True:  # each node to the label its label now has
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped


def _date_relation(a: str | None, b: str | None) -> Literal["same", "near", "far"] | None:
    if a is None or b is None:
        return None
    if dates_compatible(a, b):
        return "same"
    return "near" if date_distance_days(a, b) < NEAR_DAYS else "far"


def _exact_day(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a == b and date_precision(a) == 3


# --- people -------------------------------------------------------------------------------------

SpeakerKey = tuple[str, Hashable]  # ("person", cluster) or ("individual" / "body", sorted words)


@dataclass(slots=True)
class _PeopleResult:
    clusters: list[list[PersonMention]]
    of: dict[tuple[str, int, int, str, int], int]  # person mention ref -> cluster index
    organizations: list[frozenset[str]]  # per cluster: every organisation word it is given


def _resolve_people(mentions: Sequence[PersonMention]) -> _PeopleResult:
    named: dict[NameKey, list[int]] = defaultdict(list)
    individuals: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, pm in enumerate(mentions):
        written = name_key(pm.person.name)
        if written is not None:
            named[written].append(i)
        elif speaker_kind(pm.person.name) == "individual":
            individuals[descriptive_key(pm.person.name, pm.person.organization)].append(i)

    def sort_key(k: NameKey) -> tuple[str, str]:
        return (k.surname, k.given or "")

    keys = sorted(named, key=sort_key)
    full = [k for k in keys if k.given is not None and len(k.given) > 1]
    partial = [k for k in keys if not (k.given is not None and len(k.given) > 1)]
    index = {k: n for n, k in enumerate(full)}
    uf = _UnionFind([""] * len(full))
    blocks: dict[str, list[NameKey]] = defaultdict(list)
    for k in full:
        blocks[k.surname[:3]].append(k)
    for block in blocks.values():
        for a, ka in enumerate(block):
            for kb in block[a + 1 :]:
                if name_keys_compatible(ka, kb):
                    uf.union(index[ka], index[kb], exclusive=False)
    groups: list[list[NameKey]] = [[full[i] for i in g] for g in uf.clusters()]

    def orgs_of(name_keys: Iterable[NameKey]) -> frozenset[str]:
        found: set[str] = set()
        for k in name_keys:
            for i in named[k]:
                if mentions[i].person.organization:
                    found |= org_key(mentions[i].person.organization or "")
        return frozenset(found)

    group_orgs = [orgs_of(g) for g in groups]
    by_prefix: dict[str, list[int]] = defaultdict(list)
    for g, group in enumerate(groups):
        for prefix in sorted({k.surname[:3] for k in group}):
            by_prefix[prefix].append(g)
    leftovers: dict[str, list[NameKey]] = defaultdict(list)
    for k in partial:
        matches = [
            g
            for g in by_prefix.get(k.surname[:3], [])
            if any(name_keys_compatible(k, m) for m in groups[g])
        ]
        if len(matches) > 1:
            mine = orgs_of([k])
            narrowed = [
                g for g in matches if mine and (mine <= group_orgs[g] or group_orgs[g] <= mine)
            ]
            matches = narrowed
        if len(matches) == 1:
            groups[matches[0]].append(k)
        else:
            leftovers[k.surname].append(k)
    groups.extend(leftovers[s] for s in sorted(leftovers))

    clusters: list[list[PersonMention]] = []
    for group in groups:
        members = sorted({i for k in group for i in named[k]})
        clusters.append([mentions[i] for i in members])
    for key in sorted(individuals, key=lambda k: sorted(k)):
        clusters.append([mentions[i] for i in individuals[key]])
    clusters.sort(key=lambda c: min(pm.ref for pm in c))
    of = {pm.ref: n for n, c in enumerate(clusters) for pm in c}
    organizations = [
        frozenset(
            w for pm in c if pm.person.organization for w in org_key(pm.person.organization or "")
        )
        for c in clusters
    ]
    return _PeopleResult(clusters, of, organizations)


# --- meetings -----------------------------------------------------------------------------------


@cache
def _relative_stems() -> frozenset[str]:
    return frozenset(text_key(" ".join(relative_meeting_words())))


@dataclass(frozen=True, slots=True)
class _MeetingFeatures:
    tokens: frozenset[str]
    date: str | None
    place: str | None
    sides: frozenset[str]  # people clusters ("p:3") and party words
    relative: str | None = None  # "past" / "next": the name places it against its report
    published: str | None = None  # the report's date, which `relative` is read against
    again: bool = False  # a passage tells that the body met again ("met again on Thursday")
    held: bool = False  # reported held, by a report of its day or later


def _meeting_features(m: Mention[Meeting], people: _PeopleResult) -> _MeetingFeatures:
    record = m.record
    place_words = set(text_key(record.location)) if record.location else set()
    meeting_words = undistinctive_meeting_keys()
    relative_stems = _relative_stems()
    tokens = frozenset(
        t
        for t in text_key(record.name)
        if t not in meeting_words
        and t not in place_words
        and t not in relative_stems
        and not t.isdigit()
    )
    sides: set[str] = set()
    if record.chair is not None:
        sides.add(f"p:{people.of.get((*m.key, 'chair', 0), -1)}")
    for i, person in enumerate(record.participants):
        sides.add(f"p:{people.of.get((*m.key, 'participant', i), -1)}")
        if person.organization:
            sides |= org_key(person.organization)  # a participant's body takes part too
    for party in record.parties:
        sides |= org_key(party)
    sides.discard("p:-1")
    relatives = {relative_meeting_words().get(w) for w in words(record.name)} - {None}
    return _MeetingFeatures(
        tokens=tokens,
        # a month the name gives ("the committee's October meeting") dates it too
        date=record.date or name_date(record.name, m.published) or year_hint(record.name),
        place=record.location,
        sides=frozenset(sides),
        relative=relatives.pop() if len(relatives) == 1 else None,
        published=m.published[:10] if m.published else None,
        again=any(again_words() & set(words(q)) for q in record.quotes),
        held=record.status == "held"
        and bool(record.date and m.published and m.published[:10] >= record.date),
    )


def _overlap(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a or not b:
        return None
    return len(a & b) / min(len(a), len(b))


def _before_and_after(a: _MeetingFeatures, b: _MeetingFeatures) -> bool:
    """Whether one name places its meeting before or after its report and the other meeting
    is not there: "the previous round" against the next one, a meeting dated on or after
    the report that calls it previous, or on or before the report that calls it next."""
    if a.relative is not None and b.relative is not None:
        return a.relative != b.relative
    for x, y in ((a, b), (b, a)):
        if x.relative is None or x.published is None or y.date is None:
            continue
        if date_precision(y.date) < 3 or date_precision(x.published) < 3:
            continue
        if x.relative == "past" and y.date >= x.published:
            return True
        if x.relative == "next" and y.date <= x.published:
            return True
    return False


def _generic_same(
    a: _MeetingFeatures,
    b: _MeetingFeatures,
    dates: Literal["same", "near", "far"] | None,
    place: bool | None,
    sides: float | None,
) -> bool:
    """Whether two meetings are one when a name says only "the talks": nothing that names a
    meeting disagrees (day, place, who takes part), and something agrees: the same day given by
    both, or the same place, or the same people and parties."""
    if dates in ("near", "far") or place is False or sides == 0.0:
        return False
    if place is True or (sides or 0.0) >= 0.5:
        return True
    return _exact_day(a.date, b.date)


def _meeting_score(
    a: _MeetingFeatures, b: _MeetingFeatures, w: Mapping[str, float]
) -> float | None:
    dates = _date_relation(a.date, b.date)
    if dates == "far" or _before_and_after(a, b):
        return None
    if dates == "near" and ((a.again and a.held) or (b.again and b.held)):
        return None  # a body that met again on another day, as its report tells: two sessions
    place = None if a.place is None or b.place is None else place_relation(a.place, b.place)
    sides = _overlap(a.sides, b.sides)
    if not a.tokens or not b.tokens:
        # a generic name ("Talks", "the meeting") neither confirms nor denies
        if not _generic_same(a, b, dates, place, sides):
            return None
        name = 0.3
    else:
        name = weighted_similarity(a.tokens, b.tokens, w)
        contained = a.tokens <= b.tokens or b.tokens <= a.tokens
        if name >= 0.6:
            if dates == "near" and (name < 0.85 or place is False or sides == 0.0):
                return None
        elif contained:
            # one name adds words to the other ("Special session" / "Special session of the
            # Permanent Council"): one meeting unless its day, place or people disagree
            if not _generic_same(a, b, dates, place, sides):
                return None
        elif name >= 0.3:
            if not _exact_day(a.date, b.date) or sides == 0.0:
                return None
            if not (place is True or (sides or 0.0) >= 0.5):
                return None
        else:
            return None
    bonus = {"same": 0.5, "near": -0.5, None: 0.0}[dates]
    bonus += 0.2 if place is True else -0.2 if place is False else 0.0
    if a.relative != b.relative:
        bonus -= 0.2  # "the next meeting" is likelier another "next meeting" than the current
    return name + bonus + 0.2 * (sides or 0.0)


def _meeting_repeated(a: _MeetingFeatures, b: _MeetingFeatures) -> bool:
    return (
        bool(a.tokens)
        and a.tokens == b.tokens
        and _date_relation(a.date, b.date) in ("same", None)
        and (a.place is None or b.place is None or place_relation(a.place, b.place) is not False)
        and not _before_and_after(a, b)
    )


def _meeting_keys(f: _MeetingFeatures, w: Mapping[str, float]) -> list[Hashable]:
    keys: list[Hashable] = []
    rare = sorted(f.tokens, key=lambda t: (-w.get(t, 0.0), t))[:2]
    keys.extend(("n", t) for t in rare)
    if f.date is not None:
        keys.append(("d", f.date[:7]))
    if f.place is not None and not region_only(f.place):
        # meetings of no date and a generic name meet the others at their place ...
        keys.extend(("p", t) for t in sorted(place_key(f.place))[:2])
    # ... and at who takes part
    keys.extend(("s", t) for t in sorted(f.sides)[:2])
    return keys


# --- proposals ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ProposalFeatures:
    tokens: frozenset[str]
    proposer: str
    date: str | None
    demands: tuple[str, ...]


def _proposal_features(p: Mention[Proposal]) -> _ProposalFeatures:
    record = p.record
    proposer_words = set(text_key(record.proposer))
    tokens = frozenset(
        t for t in text_key(record.title) if t not in _proposal_words() and t not in proposer_words
    )
    return _ProposalFeatures(
        tokens=tokens,
        proposer=record.proposer,
        date=record.date,
        demands=tuple(topic_key(d) for d in record.demands),
    )


def _demand_overlap(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    hits = sum(
        1 for x in shorter if any(x == y or fuzz.token_set_ratio(x, y) >= 75.0 for y in longer)
    )
    return hits / len(shorter)


def _proposal_score(
    a: _ProposalFeatures, b: _ProposalFeatures, w: Mapping[str, float]
) -> float | None:
    if not orgs_compatible(a.proposer, b.proposer) and fold_for_comparison(
        a.proposer
    ) != fold_for_comparison(b.proposer):
        return None
    dates = _date_relation(a.date, b.date)
    if dates == "far":
        return None
    # A title of generic words only ("Draft proposals") neither confirms nor denies.
    title = weighted_similarity(a.tokens, b.tokens, w) if a.tokens and b.tokens else 0.3
    demands = _demand_overlap(a.demands, b.demands)
    best = max(title, demands)
    if dates == "near" and title < 0.85:
        return None  # a proposal a week apart with other words is another proposal
    if best >= 0.6 or demands >= 0.5 or (title >= 0.3 and _exact_day(a.date, b.date)):
        pass
    else:
        return None
    return best + {"same": 0.3, "near": -0.3, None: 0.0}[dates]


def _proposal_repeated(a: _ProposalFeatures, b: _ProposalFeatures) -> bool:
    return (
        bool(a.tokens)
        and a.tokens == b.tokens
        and orgs_compatible(a.proposer, b.proposer)
        and _date_relation(a.date, b.date) in ("same", None)
    )


def _proposal_keys(f: _ProposalFeatures, w: Mapping[str, float]) -> list[Hashable]:
    keys: list[Hashable] = [("o", t) for t in sorted(org_key(f.proposer))[:2]]
    keys.extend(("n", t) for t in sorted(f.tokens, key=lambda t: (-w.get(t, 0.0), t))[:2])
    return keys


# --- statements -------------------------------------------------------------------------------


def speaker_relation(
    a: SpeakerKey, b: SpeakerKey, orgs: Mapping[SpeakerKey, frozenset[str]]
) -> Literal["same", "compatible", "incompatible"]:
    """Whether two speakers can have said one thing: one person, or a person and their body."""
    if a == b:
        return "same"
    if a[0] == "person" and b[0] == "person":
        return "incompatible"
    oa, ob = orgs.get(a, frozenset()), orgs.get(b, frozenset())
    if not oa or not ob or oa <= ob or ob <= oa:
        return "compatible"
    return "incompatible"


@dataclass(frozen=True, slots=True)
class _StatementFeatures:
    speaker: SpeakerKey
    tokens: frozenset[str]
    quotes: tuple[frozenset[str], ...]
    date: str | None
    about: Hashable | None
    mass: float = 0.0  # the summed weight of `tokens`
    quoted: str = ""  # direct statements: the quoted words, folded, one space between words


def _speaker_key(pm: PersonMention, people: _PeopleResult) -> SpeakerKey:
    cluster = people.of.get(pm.ref)
    if cluster is not None:
        return ("person", cluster)
    kind = speaker_kind(pm.person.name)
    return (kind, tuple(sorted(descriptive_key(pm.person.name, pm.person.organization))))


def _speaker_orgs(pm: PersonMention, key: SpeakerKey, people: _PeopleResult) -> frozenset[str]:
    if key[0] == "person":
        return people.organizations[int(str(key[1]))]
    found = set(org_key(pm.person.organization or ""))
    found |= {w for w in org_key(pm.person.name) if w in known_organizations()}
    return frozenset(found)


def about_target(
    batch: Batch, statement: Mention[Statement] | Mention[Claim]
) -> Mention[Meeting] | Mention[Proposal] | None:
    """The meeting or proposal of the same source a statement or claim is about, when it
    names one."""
    about = statement.record.about
    if not about:
        return None
    exact = batch.titles.get((statement.source, fold_for_comparison(about)))
    if exact is not None:
        return exact
    wanted = topic_key(about)
    best: tuple[float, Mention[Meeting] | Mention[Proposal]] | None = None
    for title, target in batch.titles_of(statement.source):
        score = fuzz.token_set_ratio(wanted, topic_key(title))
        if score >= 85.0 and (best is None or score > best[0]):
            best = (score, target)
    return best[1] if best else None


def _quote_overlap(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> bool:
    for qa in a:
        for qb in b:
            if len(qa) >= 6 and len(qb) >= 6 and len(qa & qb) / min(len(qa), len(qb)) >= 0.8:
                return True
    return False


_HYPHEN_IN_WORD = re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)")
# Quoted words shared verbatim, this many words at least, are one quotation whoever is named.
SAME_WORDS_MIN = 5


def _same_words(a: _StatementFeatures, b: _StatementFeatures) -> bool:
    """Both quote words, and one quotation is the other or a verbatim piece of it."""
    if not a.quoted or not b.quoted:
        return False
    shorter, longer = sorted((a.quoted, b.quoted), key=len)
    return shorter.count(" ") + 1 >= SAME_WORDS_MIN and f" {shorter} " in f" {longer} "


def _statement_score(
    a: _StatementFeatures,
    b: _StatementFeatures,
    w: Mapping[str, float],
    orgs: Mapping[SpeakerKey, frozenset[str]],
) -> float | None:
    if _same_words(a, b):
        return 2.0  # the same quoted words: one statement, however attributed or dated
    content = _weighted_dice(a.tokens, b.tokens, w, a.mass, b.mass)
    quotes = _quote_overlap(a.quotes, b.quotes)
    relation = speaker_relation(a.speaker, b.speaker, orgs)
    dates = _date_relation(a.date, b.date)
    if dates in ("near", "far") and content < 0.85:
        return None
    if a.about is not None and b.about is not None and a.about != b.about and content < 0.6:
        return None
    if relation == "incompatible":
        # two voices may say one thing in their own words: a misattribution needs quoted words
        if not (a.quoted or b.quoted):
            return None
        if content < 0.8 or min(len(a.tokens), len(b.tokens)) < 6:
            return None
    elif content < 0.4 and not (quotes and content >= 0.2):
        return None
    score = content + (0.1 if quotes else 0.0) + (0.05 if relation == "same" else 0.0)
    if a.about is not None and a.about == b.about:
        score += 0.1
    return score


def _weighted_dice(
    a: frozenset[str], b: frozenset[str], w: Mapping[str, float], mass_a: float, mass_b: float
) -> float:
    """Dice coefficient of two word sets, each word weighted (masses: each set's total)."""
    if not a or not b or not mass_a + mass_b:
        return 0.0
    inter = math.fsum(map(w.get, a & b, itertools.repeat(1.0)))
    return 2 * inter / (mass_a + mass_b)


def _statement_repeated(
    a: _StatementFeatures, b: _StatementFeatures, w: Mapping[str, float]
) -> bool:
    return (
        a.speaker == b.speaker
        and _date_relation(a.date, b.date) in ("same", None)
        and _weighted_dice(a.tokens, b.tokens, w, a.mass, b.mass) >= 0.9
    )


def _statement_keys(
    f: _StatementFeatures, w: Mapping[str, float], df: Mapping[str, int]
) -> list[Hashable]:
    keys: list[Hashable] = [("s", f.speaker)]
    shared = [t for t in f.tokens if df.get(t, 0) >= 2]
    keys.extend(("t", t) for t in sorted(shared, key=lambda t: (-w.get(t, 0.0), t))[:8])
    return keys


# --- all kinds ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Resolution:
    """Clusters of mentions, each one real-world thing, in canonical order."""

    people: list[list[PersonMention]]
    person_of: dict[tuple[str, int, int, str, int], int]
    meetings: list[list[Mention[Meeting]]]
    proposals: list[list[Mention[Proposal]]]
    statements: list[list[Mention[Statement]]]
    speakers: dict[tuple[str, int, int], SpeakerKey]  # statement key -> speaker key
    speaker_orgs: dict[SpeakerKey, frozenset[str]]
    about: dict[tuple[str, int, int], tuple[str, int]]  # statement key -> ("meeting", cluster)
    claims: list[list[Mention[Claim]]] = field(default_factory=list)  # see `claims.resolve`


def resolve(batch: Batch) -> Resolution:
    """Resolve every kind of record across the batch's sources."""
    people = _resolve_people(batch.people())

    shared: dict[Hashable, Any] = {}  # equal features held once (copies repeat them)
    meeting_features = [
        shared.setdefault(f, f)
        for f in map(_meeting_features, batch.meetings, [people] * len(batch.meetings))
    ]
    mw = idf_weights(f.tokens for f in meeting_features)
    meetings = _merge(
        [m.source for m in batch.meetings],
        [_meeting_keys(f, mw) for f in meeting_features],
        lambda i, j: _meeting_score(meeting_features[i], meeting_features[j], mw),
        lambda i, j: _meeting_repeated(meeting_features[i], meeting_features[j]),
        meeting_features,
    )

    proposal_features = [shared.setdefault(f, f) for f in map(_proposal_features, batch.proposals)]
    pw = idf_weights(f.tokens for f in proposal_features)
    proposals = _merge(
        [p.source for p in batch.proposals],
        [_proposal_keys(f, pw) for f in proposal_features],
        lambda i, j: _proposal_score(proposal_features[i], proposal_features[j], pw),
        lambda i, j: _proposal_repeated(proposal_features[i], proposal_features[j]),
        proposal_features,
    )

    cluster_of: dict[tuple[str, int, int], tuple[str, int]] = {}
    for n, cluster in enumerate(meetings):
        for i in cluster:
            cluster_of[batch.meetings[i].key] = ("meeting", n)
    for n, cluster in enumerate(proposals):
        for i in cluster:
            cluster_of[batch.proposals[i].key] = ("proposal", n)

    speakers: dict[tuple[str, int, int], SpeakerKey] = {}
    speaker_orgs: dict[SpeakerKey, frozenset[str]] = {}
    about: dict[tuple[str, int, int], tuple[str, int]] = {}
    contents = [
        shared.setdefault(t, t)
        for t in (frozenset(text_key(s.record.content)) for s in batch.statements)
    ]
    sw = idf_weights(contents)
    df: dict[str, int] = defaultdict(int)
    for tokens in contents:
        for t in tokens:
            df[t] += 1
    statement_features: list[_StatementFeatures] = []

    @cache
    def word_set(text: str) -> frozenset[str]:  # copies of a story repeat the same quotes
        return frozenset(words(text))

    @cache
    def quoted_words(text: str) -> str:
        # a compound with or without its hyphen is one word: "cease-fire" / "ceasefire"
        return " ".join(words(_HYPHEN_IN_WORD.sub("", text)))

    for s, tokens in zip(batch.statements, contents, strict=True):
        pm = PersonMention(s.record.speaker, s, "speaker")
        key = _speaker_key(pm, people)
        speakers[s.key] = key
        speaker_orgs[key] = speaker_orgs.get(key, frozenset()) | _speaker_orgs(pm, key, people)
        target = about_target(batch, s)
        if target is not None and target.key in cluster_of:
            about[s.key] = cluster_of[target.key]
        feature = _StatementFeatures(
            speaker=key,
            tokens=tokens,
            quotes=tuple(map(word_set, s.record.quotes)),
            date=s.record.date,
            about=about.get(s.key),
            mass=math.fsum(map(sw.get, tokens, itertools.repeat(1.0))),
            quoted=quoted_words(s.record.content) if s.direct else "",
        )
        statement_features.append(shared.setdefault(feature, feature))
    statements = _merge(
        [s.source for s in batch.statements],
        [_statement_keys(f, sw, df) for f in statement_features],
        lambda i, j: _statement_score(
            statement_features[i], statement_features[j], sw, speaker_orgs
        ),
        lambda i, j: _statement_repeated(statement_features[i], statement_features[j], sw),
        statement_features,
    )
    return Resolution(
        people=people.clusters,
        person_of=people.of,
        meetings=[[batch.meetings[i] for i in c] for c in meetings],
        proposals=[[batch.proposals[i] for i in c] for c in proposals],
        statements=[[batch.statements[i] for i in c] for c in statements],
        speakers=speakers,
        speaker_orgs=speaker_orgs,
        about=about,
    )
