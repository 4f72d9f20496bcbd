"""Near-duplicate sources: word shingles compared exactly, pairs found by prefix filtering.

A copy (one outlet re-publishing another's wire story with small edits) is not independent
confirmation. Two measures decide, on sets of 5-word shingles of the folded text:

- Jaccard resemblance >= 0.5 catches a copy with edits spread through it;
- containment of the shorter text in the longer >= 0.8 catches a trimmed copy.

Measured on the five reference reports of one event (three TASS write-ups of the same news, two
other outlets), no pair exceeds Jaccard 0.09 or containment 0.17: re-writes share a quoted
statement or two, not the story. A re-published copy with one word in 25 replaced scores 0.65
Jaccard (one in 40: 0.78); replacing one word in 10 brings it down to 0.34, and one in 6 to 0.11.
"""

from __future__ import annotations

import heapq
import itertools
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterator, Sequence
from collections.abc import Set as AbstractSet

from summarizer.knowledge.folding import words
from summarizer.records import Article

__all__ = [
    "CONTAINMENT_THRESHOLD",
    "JACCARD_THRESHOLD",
    "SHINGLE_WORDS",
    "find_duplicates",
    "plain_hashes",
    "prepare",
    "resemblance",
    "shingles",
    "take_hashes",
]

SHINGLE_WORDS = 5
JACCARD_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.8
# Containment alone decides only for texts with at least this many shingles.
MIN_CONTAINED_SHINGLES = 30
# The least share of either set's shingles a copy shares with its original (Jaccard >= 0.5
# means at least half of each set is shared; containment >= 0.8 means most of the smaller).
_LEAST_SHARED = min(JACCARD_THRESHOLD, CONTAINMENT_THRESHOLD)


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """The set of `size`-word runs of the folded text (the whole text when it is shorter)."""
    tokens = words(text)
    if len(tokens) <= size:
        return frozenset({" ".join(tokens)}) if tokens else frozenset()
    return frozenset(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def _shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """The hashes of `shingles(text)`, each shingle hashed as its tuple of words: two texts
    share a hash where they share a shingle, and no string is built per shingle."""
    tokens = words(text)
    if len(tokens) <= size:
        return frozenset({hash(tuple(tokens))}) if tokens else frozenset()
    return frozenset(map(hash, zip(*(tokens[i:] for i in range(size)), strict=False)))


def resemblance(a: AbstractSet[Hashable], b: AbstractSet[Hashable]) -> tuple[float, float]:
    """Jaccard resemblance and containment of the smaller set in the larger."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def _is_copy(a: Collection[int], b: Collection[int]) -> bool:
    """`resemblance` decides, for collections of distinct values: one set is built, from the
    smaller, and the other is walked once."""
    if not a or not b:
        return False
    smaller, larger = sorted((a, b), key=len)
    inter = len(set(smaller).intersection(larger))
    jaccard, containment = inter / (len(a) + len(b) - inter), inter / len(smaller)
    if jaccard >= JACCARD_THRESHOLD:
        return True
    return containment >= CONTAINMENT_THRESHOLD and min(len(a), len(b)) >= MIN_CONTAINED_SHINGLES


def _candidates(sets: Sequence[Collection[int]]) -> list[Iterator[int]]:
    """For each article, the earlier articles it may copy, earliest first, produced lazily.

    Exact, by prefix filtering (as set-similarity joins do): a copy shares at least half of
    either set's shingles (Jaccard >= 0.5), or most of the smaller one's (containment >= 0.8),
    so the rarer half of some set's shingles holds a shingle of the other. Two articles are
    candidates when the rarer half of either one's shingles holds a shingle of the other: linear
    in the shingles for a batch of independent reports, where a plain comparison of every pair
    is quadratic. The candidates come lazily in ascending order, so a caller that stops at the
    first copy found pays for one comparison per article of a family of copies, not for every
    pair of the family.
    """
    frequency = Counter(itertools.chain.from_iterable(sets))
    # rarer first, ties by value: one order for every set, as prefix filtering needs (sorted
    # by value, then stably by frequency: no rank of every shingle of the batch is built)
    by_frequency = frequency.__getitem__
    prefixes: list[list[int]] = []
    for shingle_set in sets:
        size = len(shingle_set)
        length = size - math.ceil(_LEAST_SHARED * size) + 1
        prefixes.append(sorted(sorted(shingle_set), key=by_frequency)[:length])
    # Only shingles of some prefix are looked up: who holds them, and whose prefix holds them;
    # and of those only the ones two articles or more hold, as no other pairs two articles.
    in_prefix = {s for s, n in frequency.items() if n > 1}.intersection(
        itertools.chain.from_iterable(prefixes)
    )
    del frequency
    holders: dict[int, list[int]] = defaultdict(list)
    prefix_holders: dict[int, list[int]] = defaultdict(list)
    for index, shingle_set in enumerate(sets):
        for shingle in in_prefix.intersection(shingle_set):
            holders[shingle].append(index)
        for shingle in in_prefix.intersection(prefixes[index]):
            prefix_holders[shingle].append(index)
    # Shingles held by the same articles share one list (a family of copies shares most), so
    # each article merges a few distinct lists rather than one per shingle; lists are numbered.
    lists: dict[tuple[int, ...], int] = {}

    def numbered(table: dict[int, list[int]]) -> dict[int, int]:
        return {
            shingle: lists.setdefault(tuple(indices), len(lists))
            for shingle, indices in table.items()
        }

    postings, prefix_postings = numbered(holders), numbered(prefix_holders)
    del holders, prefix_holders
    by_number = list(lists)
    earlier: list[Iterator[int]] = []
    for index, shingle_set in enumerate(sets):
        numbers = set(map(postings.get, prefixes[index], itertools.repeat(-1)))
        numbers.update(map(prefix_postings.get, shingle_set, itertools.repeat(-1)))
        numbers.discard(-1)  # held by no other article, or by no prefix
        earlier.append(_ascending_below([by_number[n] for n in numbers], index))
    return earlier


def _ascending_below(lists: Sequence[Sequence[int]], limit: int) -> Iterator[int]:
    """The distinct values below `limit` of ascending lists, in ascending order."""
    heap = [(values[0], n, 0) for n, values in enumerate(lists) if values[0] < limit]
    heapq.heapify(heap)
    last = -1
    while heap:
        value, n, position = heap[0]
        if value != last:
            yield value
            last = value
        position += 1
        values = lists[n]
        if position < len(values) and values[position] < limit:
            heapq.heapreplace(heap, (values[position], n, position))
        else:
            heapq.heappop(heap)


# Shingle hashes of articles worked out ahead (see `prepare`), by text, until the next
# `find_duplicates` takes them over.
_PREPARED: dict[str, array[int]] = {}


def _hash_array(text: str) -> array[int]:
    prepared = _PREPARED.get(text)
    return prepared if prepared is not None else array("q", _shingle_hashes(text))


def prepare(article: Article) -> None:
    """Work out the article's shingle hashes ahead of the `find_duplicates` call that will need
    them (while other articles are still being extracted, say); that call takes them over. The
    answer is the same with or without."""
    _PREPARED[article.text] = _hash_array(article.text)


def plain_hashes(text: str) -> bytes:
    """The text's shingle hashes as bytes, to be sent to another process (see `take_hashes`)."""
    return _hash_array(text).tobytes()


def take_hashes(text: str, hashes: bytes) -> None:
    """Keep the hashes `plain_hashes(text)` gave (in another process of this machine) as
    `prepare` would have kept them."""
    prepared = array("q")
    prepared.frombytes(hashes)
    _PREPARED[text] = prepared


def find_duplicates(articles: Sequence[Article]) -> dict[str, str]:
    """Map the id of each near-copy to the id of the earliest source it copies.

    Earlier means by publication date, then id (an unknown date counts as latest). A copy of a
    copy points to the original.
    """
    order = sorted(articles, key=lambda a: (a.published or "9999-99-99", a.id))
    # Each article's shingles are kept as their hashes, packed eight bytes each: a tenth of the
    # memory of sets of words, for every article at once. Two different shingles of one batch
    # sharing a 64-bit hash (odds about 1 in 10^8 for a thousand articles) would count as one
    # shared shingle of hundreds.
    sets = [_hash_array(a.text) for a in order]
    _PREPARED.clear()
    duplicates: dict[str, str] = {}
    for j, earlier in enumerate(_candidates(sets)):
        for i in earlier:
            if order[i].id != order[j].id and _is_copy(sets[i], sets[j]):
                duplicates[order[j].id] = duplicates.get(order[i].id, order[i].id)
                break
    return duplicates
