"""Event clustering: group a pile of articles into events by what they say.

Topic-detection style: each article becomes a weighted vector of distinctive terms (tf-idf),
named people, organisations and places (capitalised phrases), the dates it reports (resolved
against its publication date, so "on Monday" and "10 March" agree) and figures, with the
headline and lead counting double. Two articles' similarity is the cosine of their vectors,
weighed by what their dates say and raised for near-duplicates (MinHash of word shingles: a
wire story and its copies). Average-linkage agglomerative clustering then merges groups while
their mean pairwise similarity reaches the threshold: unlike connected components, one
cross-reference between two meetings of the same week cannot chain them.

A report and its copies count once: in how many reports a term occurs (idf), and in the means
of average linkage (weights 1 / copies), so a wire story republished fifteen times neither pulls
two events together nor pushes its own apart. The idf, log(1 + BACKGROUND / df), depends on how
many stories use a term, not on the size of the pile: reports about other things that do not
use a term leave its weight alone.

Dates are evidence against as well as for. Each report has a main day: the day its headline
and lead speak of most, weekdays resolved forward when the clause looks ahead ("will meet on
Friday"), not counting the date the report carries (header, page line, dateline) nor the day a
source spoke ("said on Tuesday"). Two reports whose main days lie two or more days apart keep
only DATE_FLOOR of their similarity, however many people, places and words they share: two
meetings of the same ministers in one week are two events. Without a main day on both sides,
publication dates far apart damp the similarity instead. A report dated only by month and day
takes its year from its closest reports in the pile, not from the latest year its text names.
Deterministic: no randomness, and ties are broken by article id.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from summarizer.dedup import JACCARD_THRESHOLD, shingles
from summarizer.events.discover import safe_id
from summarizer.events.words import AHEAD_WORDS, NEWS_WORDS, NOT_NAMES, SAYING_WORDS
from summarizer.ingest import date_together
from summarizer.knowledge.calendar import date_or_none, month_number, month_pattern, weekdays
from summarizer.knowledge.datelines import dated_place, day_first_dated_place
from summarizer.knowledge.names import transliteration_key
from summarizer.normalize import STOPWORDS, stem
from summarizer.records import Article, Grouping, GroupingLink

DEFAULT_THRESHOLD = 0.13  # the middle of the tune split's plateau: eval_clusters.py --sweep
LEAD_CHARS = 600  # the headline and first paragraph: what the report is mainly about
LEAD_WEIGHT = 4.0
LEAD_SHARE = 0.5  # the share of the leads' own similarity in two reports' similarity
KIND_WEIGHT = {"w": 1.0, "e": 1.5, "d": 1.5, "n": 1.0}
# The number of reports from which a term says little about which event a report is of:
# idf = log(1 + BACKGROUND / df). It depends on how many reports hold the term, not on how many
# the pile holds, so reports of other events that do not use a term leave its weight alone: two
# reports' similarity does not creep up as unrelated reports join the pile (with the usual
# log(n / df), two meetings of one week drew 0.126 → 0.141 together from 55 to 295 reports).
BACKGROUND = 100
SAYING_REACH = 5  # words between a verb of saying and the day it names ("told TASS on Friday")
# Words between a word that looks ahead and the day it puts ahead ("is due to hold talks with
# its neighbours in the capital on Friday"); a "will" further back governs another verb ("will
# lose a third under the deal struck in London on Tuesday").
AHEAD_REACH = 12
CHROME_WORDS = 6  # a head line with a dated day and at most this many other words is chrome
VOUCHING = 3  # the closest reports whose dates settle the year of a report that gives none
DATE_FLOOR = 0.5  # what is left of two reports' similarity when their dates all differ
NUM_PERM = 64
SEED = 7  # fixed: the same pile always gives the same signatures
NEAR_DUPLICATE = JACCARD_THRESHOLD  # shingle resemblance from which reports count as copies

_APOSTROPHE = "\u2019"
_TOKEN = re.compile(rf"[^\W_][\w'{_APOSTROPHE}\-]*")
_SENTENCE_END = re.compile(rf"[.!?]['\"\u201d{_APOSTROPHE})]*\s*$|\n\s*$|^\s*$")
_CONNECTORS = frozenset({"of", "de", "du", "von", "van", "der", "al", "bin", "la", "le"})
_MONTH = month_pattern()
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?(?:,?\s+((?:19|20)\d\d))?\b", re.I)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d))?", re.I
)
_WEEKDAY = re.compile(rf"\b({'|'.join(weekdays())})\b", re.I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_LINE = re.compile(r"[^\n]+")
_CLAUSE_END = re.compile(r"[.!?;:,\u2013\u2014\n]\s")
_CLAUSE_WORD = re.compile(rf"[\w'{_APOSTROPHE}]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass
class Features:
    """One article as the clustering sees it."""

    article: Article
    weights: dict[str, float]  # token → weighted count
    lead: dict[str, float]  # the same, for the headline and first paragraph only
    shown: dict[str, str]  # token → how to show it
    published: dt.date | None
    days: dict[str, float]  # the days the report speaks of → weight (not the one it carries)
    signature: MinHash | None = None  # of the word shingles, for near-duplicates
    main: list[dt.date] = field(init=False)  # `main_days`: asked of every pair, found once

    def __post_init__(self) -> None:
        self.main = main_days(self.days)


def _month(word: str) -> int:
    """The month a word names; 0 (no date) for any other word."""
    return month_number(word) or 0


def _anchor_date(text: str, lead_end: int) -> dt.date | None:
    """The first full date of the lead (a header line or dateline): the report's own date.

    Preferred over the detected publication date, which may come from a date the text
    mentions; only dates that give their year count.
    """
    lead = text[:lead_end]
    found = [
        (m.start(), date_or_none(int(m[1]), int(m[2]), int(m[3]))) for m in _ISO.finditer(lead)
    ]
    found += [
        (m.start(), date_or_none(int(m[3]), _month(m[2]), int(m[1])))
        for m in _DAY_MONTH.finditer(lead)
        if m[3]
    ]
    found += [
        (m.start(), date_or_none(int(m[3]), _month(m[1]), int(m[2])))
        for m in _MONTH_DAY.finditer(lead)
        if m[3]
    ]
    dated = sorted((offset, d) for offset, d in found if d is not None)
    return dated[0][1] if dated else None


def _reported_dates(text: str, published: dt.date | None) -> list[tuple[int, dt.date]]:
    """(offset, date) of each date the text gives, weekdays resolved against `published`."""
    found: list[tuple[int, dt.date]] = []
    for m in _ISO.finditer(text):
        if d := date_or_none(int(m[1]), int(m[2]), int(m[3])):
            found.append((m.start(), d))
    year = published.year if published else None
    for m in _DAY_MONTH.finditer(text):
        y = int(m[3]) if m[3] else year
        if y and (d := date_or_none(y, _month(m[2]), int(m[1]))):
            found.append((m.start(), d))
    for m in _MONTH_DAY.finditer(text):
        y = int(m[3]) if m[3] else year
        if y and (d := date_or_none(y, _month(m[1]), int(m[2]))):
            found.append((m.start(), d))
    if published is not None:
        for m in _WEEKDAY.finditer(text):
            shift = (weekdays().index(m[1].lower()) - published.weekday()) % 7
            if shift and not _ahead(text, m.start()):
                shift -= 7  # "met on Monday": the last one, unless the clause looks ahead
            found.append((m.start(), published + dt.timedelta(days=shift)))
    return found


def _said(text: str, offset: int) -> bool:
    """Whether the day named at `offset` is when a source spoke ("the office said on Tuesday")."""
    clause = _CLAUSE_END.split(text[max(0, offset - 80) : offset])[-1]
    return any(w.lower() in SAYING_WORDS for w in _CLAUSE_WORD.findall(clause)[-SAYING_REACH:])


def _ahead(text: str, offset: int) -> bool:
    """Whether the clause before `offset` speaks of what is to come ("will meet on Friday")."""
    clause = _CLAUSE_END.split(text[max(0, offset - 200) : offset])[-1]
    return any(w.lower() in AHEAD_WORDS for w in _CLAUSE_WORD.findall(clause)[-AHEAD_REACH:])


def _carried_dates(text: str, lead_end: int) -> list[tuple[int, int]]:
    """Where the head of a report carries its own date rather than speaking of one: a header or
    page line that holds little but a dated day ("Updated 2:05 PM GMT+1, March 14, 2025"), and
    the dateline ("VIENNA, March 14. /AGENCY/.")."""
    head = text[:lead_end]
    spans = []
    for line in _LINE.finditer(head):
        dated = [m for p in (_ISO, _DAY_MONTH, _MONTH_DAY) for m in p.finditer(line[0]) if m[3]]
        if not dated:
            continue
        rest = line[0]
        for m in dated:
            rest = rest.replace(m[0], " ")
        if len(_CLAUSE_WORD.findall(rest)) <= CHROME_WORDS and not rest.rstrip().endswith("."):
            spans.append(line.span())
    for pattern in (dated_place(), day_first_dated_place()):
        if found := pattern.search(head):
            spans.append(found.span())
    return spans


def _names(text: str) -> list[tuple[int, str]]:
    """(offset, phrase) of each capitalised phrase: people, organisations, places."""
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    capitalised_inside: set[str] = set()
    for i, (start, word) in enumerate(tokens):
        if word[0].isupper() and i and not _SENTENCE_END.search(text[max(0, start - 4) : start]):
            capitalised_inside.add(word)
    phrases: list[tuple[int, str]] = []
    current: list[str] = []
    begin = 0
    for i, (start, word) in enumerate(tokens):
        at_start = i == 0 or bool(_SENTENCE_END.search(text[max(0, start - 4) : start]))
        is_name = word[0].isupper() and word.lower() not in NOT_NAMES
        if is_name and at_start and word not in capitalised_inside:
            nxt = tokens[i + 1][1] if i + 1 < len(tokens) else ""
            is_name = bool(nxt) and nxt[0].isupper()
        if is_name:
            if not current:
                begin = start
            current.append(word)
        elif (
            current
            and word in _CONNECTORS
            and i + 1 < len(tokens)
            and tokens[i + 1][1][0].isupper()
        ):
            current.append(word)
        else:
            if current:
                phrases.append((begin, " ".join(current)))
            current = []
    if current:
        phrases.append((begin, " ".join(current)))
    return phrases


def features(article: Article) -> Features:
    """The weighted tokens of one article (see the module's description)."""
    text = article.text
    lead_end = LEAD_CHARS + (len(article.headline) if article.headline else 0)
    weights: dict[str, float] = defaultdict(float)
    lead: dict[str, float] = defaultdict(float)
    shown: dict[str, str] = {}

    def add(token: str, offset: int, show: str) -> None:
        weights[token] += KIND_WEIGHT[token[0]] * (LEAD_WEIGHT if offset < lead_end else 1.0)
        if offset < lead_end:
            lead[token] += KIND_WEIGHT[token[0]]
        shown.setdefault(token, show)

    folded = _fold(text)
    for m in _TOKEN.finditer(folded):
        word = m.group().lower().strip(f"'{_APOSTROPHE}-")
        if word.isdigit():
            if len(word) >= 2 and not _YEAR.match(word):
                add(f"n:{word}", m.start(), word)
            continue
        if len(word) < 3 or word in STOPWORDS or word in NEWS_WORDS or not word.isalpha():
            continue
        add(f"w:{stem(word)}", m.start(), word)
    for offset, phrase in _names(text):
        parts = [p for p in phrase.split() if p.lower() not in NOT_NAMES | _CONNECTORS]
        if not parts:
            continue
        keys = [transliteration_key(p) for p in parts]
        if len(parts) > 1:
            add("e:" + " ".join(keys), offset, phrase)
        for part, key in zip(parts, keys, strict=True):
            if len(key) >= 3 and part.lower() not in NEWS_WORDS:
                add(f"e:{key}", offset, part)
    published = _anchor_date(text, lead_end) or article.published_date
    carried = _carried_dates(text, lead_end)
    days: dict[str, float] = defaultdict(float)
    for offset, date in _reported_dates(text, published):
        add(f"d:{date.isoformat()}", offset, date.isoformat())
        if not any(start <= offset < end for start, end in carried) and not _said(text, offset):
            days[date.isoformat()] += LEAD_WEIGHT if offset < lead_end else 1.0
    signature = None
    if runs := shingles(text):
        signature = MinHash(num_perm=NUM_PERM, seed=SEED)
        signature.update_batch([run.encode() for run in runs])
    return Features(article, dict(weights), dict(lead), shown, published, dict(days), signature)


def _stories(feats: Sequence[Features]) -> list[list[int]]:
    """The reports grouped with their near-duplicates (a wire story and its copies)."""
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
    for i, f in enumerate(feats):
        if f.signature is not None:
            lsh.insert(i, f.signature)
    parent = list(range(len(feats)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, f in enumerate(feats):
        if f.signature is None:
            continue
        for j in lsh.query(f.signature):
            if j != i and f.signature.jaccard(feats[j].signature) >= NEAR_DUPLICATE:
                parent[root(i)] = root(j)
    stories: dict[int, list[int]] = defaultdict(list)
    for i in range(len(feats)):
        stories[root(i)].append(i)
    return list(stories.values())


def story_weights(feats: Sequence[Features]) -> list[float]:
    """Each report's weight in a group's mean: 1 / the number of copies of its story."""
    weights = [0.0] * len(feats)
    for story in _stories(feats):
        for i in story:
            weights[i] = 1 / len(story)
    return weights


def _vectors(feats: Sequence[Features], lead: bool = False) -> list[dict[str, float]]:
    """tf-idf vectors (sublinear tf, idf by BACKGROUND), unit length: of the whole texts, or of
    their leads."""
    df: Counter[str] = Counter()
    for story in _stories(feats):  # a report and its copies count once
        df.update(set().union(*(feats[i].weights.keys() for i in story)))
    vectors = []
    for f in feats:
        v = {
            t: (1 + math.log(w)) * math.log(1 + BACKGROUND / df[t])
            for t, w in (f.lead if lead else f.weights).items()
            if w >= 1
        }
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items() if x > 0})
    return vectors


def _dots(vectors: Sequence[dict[str, float]]) -> dict[tuple[int, int], float]:
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, v in enumerate(vectors):
        for t, x in v.items():
            postings[t].append((i, x))
    limit = max(500, len(vectors) // 10)  # terms in most articles add little and cost most
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for items in postings.values():
        if len(items) > limit:
            continue
        for k, (i, x) in enumerate(items):
            for j, y in items[k + 1 :]:
                dots[(i, j)] += x * y
    return dots


def date_factor(a: dt.date | None, b: dt.date | None) -> float:
    """How much publication dates allow two reports to be of one event."""
    if a is None or b is None:
        return 0.9
    gap = abs((a - b).days)
    return {0: 1.0, 1: 1.0, 2: 0.85, 3: 0.7}.get(gap, 0.5)


def main_days(days: dict[str, float]) -> list[dt.date]:
    """The days a report speaks of most (ties kept), the day of what it reports; none when its
    headline and lead name no day (a day only the body names is background)."""
    top = max(days.values(), default=0.0)
    if top < LEAD_WEIGHT:
        return []
    return sorted(dt.date.fromisoformat(d) for d, w in days.items() if w == top)


def date_agreement(a: dict[str, float], b: dict[str, float]) -> float:
    """How far the days two reports speak of allow them to be of one event (ISO day → weight).

    A report speaks of many days (the meeting, the one before, the one to come) but of one
    most, in its headline and lead: its main day (`main_days`). Reports whose main days lie a
    day apart or less (one moment in two time zones) agree: 1. Reports whose main days lie
    further apart report two happenings, however much else they share (two meetings of the
    same people in one week): DATE_FLOOR.
    """
    return _main_days_agree(main_days(a), main_days(b))


def _main_days_agree(a: Sequence[dt.date], b: Sequence[dt.date]) -> float:
    gap = min((abs((x - y).days) for x in a for y in b), default=0)
    return 1.0 if gap <= 1 else DATE_FLOOR


def _dated(a: Features, b: Features) -> float:
    """The date evidence on two reports: their main days when both have one, else how far
    apart they were published."""
    if a.main and b.main:
        return _main_days_agree(a.main, b.main)
    return date_factor(a.published, b.published)


def similarities(feats: Sequence[Features]) -> dict[tuple[int, int], float]:
    """Similarity of every pair that shares a token (i < j); others are 0."""
    dots = _dots(_vectors(feats))
    leads = _dots(_vectors(feats, lead=True))
    for pair, dot in leads.items():
        dots[pair] = (1 - LEAD_SHARE) * dots.get(pair, 0.0) + LEAD_SHARE * dot
    for pair in dots.keys() - leads.keys():
        dots[pair] *= 1 - LEAD_SHARE
    sims: dict[tuple[int, int], float] = {}
    for (i, j), dot in dots.items():
        s = dot * _dated(feats[i], feats[j])
        a, b = feats[i].signature, feats[j].signature
        if a is not None and b is not None and dot > 0.2:
            jaccard = float(a.jaccard(b))
            if jaccard >= NEAR_DUPLICATE:
                s = max(s, jaccard)
        if s > 0:
            sims[(i, j)] = s
    return sims


def average_linkage(
    n: int,
    sims: dict[tuple[int, int], float],
    threshold: float,
    weights: Sequence[float] | None = None,
) -> list[list[int]]:
    """Merge groups while the mean similarity over all their pairs is at least `threshold`.

    `weights` (default 1 each) weigh the items in the means: a report and its n - 1 copies
    weigh 1/n each, so one story counts once however often it was republished.
    """
    weight = list(weights) if weights is not None else [1.0] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    mass: dict[int, float] = dict(enumerate(weight))
    total: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        total[i][j] = s * weight[i] * weight[j]
        total[j][i] = s * weight[i] * weight[j]
    heap = [(-s, min(i, j), max(i, j)) for (i, j), s in sims.items() if s >= threshold]
    heapq.heapify(heap)
    next_id = n
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        c = next_id
        next_id += 1
        members[c] = sorted(members.pop(a) + members.pop(b))
        mass[c] = mass.pop(a) + mass.pop(b)
        neighbours = (set(total.pop(a, {})) | set(total.pop(b, {}))) - {a, b}
        for k in neighbours:
            joined = total[k].pop(a, 0.0) + total[k].pop(b, 0.0)
            total[c][k] = joined
            total[k][c] = joined
            mean = joined / (mass[c] * mass[k])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(c, k), max(c, k)))
    return sorted(members.values())


def _settle_years(
    articles: Sequence[Article], sims: dict[tuple[int, int], float], threshold: float
) -> dict[int, Article]:
    """Reports dated only by month and day ("BRATISLAVA, March 11."), with the year their
    closest reports in the pile vouch for, where that differs from the year guessed alone.

    A year guessed from the text alone (the latest year it mentions) may be years off; the
    reports most like it, which state their dates, are most likely of the same days
    (`ingest.date_together`), whatever else the pile holds.
    """
    near: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), s in sims.items():
        if s >= threshold:
            near[i].append((s, j))
            near[j].append((s, i))
    dated: dict[int, Article] = {}
    for i, article in enumerate(articles):
        closest = sorted(near[i], key=lambda p: (-p[0], p[1]))[:VOUCHING]
        if not closest:
            continue
        settled = date_together([article, *(articles[j] for _, j in closest)])[0]
        if settled.published != article.published:
            dated[i] = settled
    return dated


@dataclass
class Cluster:
    """One event found in the pile: its articles (earliest first), id, name and why."""

    id: str
    name: str
    articles: list[Article]
    grouping: Grouping


def _shared(
    a: Features, b: Features, vectors: dict[int, dict[str, float]], i: int, j: int
) -> list[str]:
    common = set(vectors[i]) & set(vectors[j])
    ranked = sorted(common, key=lambda t: (-(vectors[i][t] * vectors[j][t]), t))
    return [a.shown.get(t) or b.shown[t] for t in ranked[:6]]


def _explain(
    group: list[int],
    feats: Sequence[Features],
    vectors: list[dict[str, float]],
    sims: dict[tuple[int, int], float],
    threshold: float,
) -> Grouping:
    """The event's shared terms and the strongest links joining its articles."""
    by_index = {i: vectors[i] for i in group}
    counts: Counter[str] = Counter()
    strength: dict[str, float] = defaultdict(float)
    for i in group:
        for t, x in vectors[i].items():
            counts[t] += 1
            strength[t] += x
    need = max(1, math.ceil(len(group) / 2)) if len(group) > 1 else 1
    common = [t for t in counts if counts[t] >= need]
    common.sort(key=lambda t: (-strength[t], t))
    shown = [next(feats[i].shown[t] for i in group if t in feats[i].shown) for t in common[:8]]
    # Kruskal on the strongest pairs: a spanning tree that says how every article is joined
    parent = {i: i for i in group}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = sorted(
        ((sims.get((min(i, j), max(i, j)), 0.0), i, j) for i in group for j in group if i < j),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    links = []
    for s, i, j in pairs:
        if root(i) != root(j):
            parent[root(i)] = root(j)
            links.append(
                GroupingLink(
                    a=feats[i].article.id,
                    b=feats[j].article.id,
                    similarity=round(s, 3),
                    shared=_shared(feats[i], feats[j], by_index, i, j),
                )
            )
    return Grouping(method="cluster", threshold=threshold, shared=shown, links=links)


def similarity_graph(
    articles: Sequence[Article], *, threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[Article], list[Features], dict[tuple[int, int], float]]:
    """The pile in a stable order, each report's features, and the similarity of every pair
    of reports (by index, i < j) that shares a token: what `cluster_articles` groups by.

    Args:
        articles: The pile, in any order.
        threshold: How similar a report must be to vouch for the year of another's dateline.
    """
    ordered = sorted(articles, key=lambda a: (a.id, a.path))
    feats = [features(a) for a in ordered]
    sims = similarities(feats)
    if settled := _settle_years(ordered, sims, threshold):
        for i, article in settled.items():
            feats[i] = features(article)
        sims = similarities(feats)
    return ordered, feats, sims


def cluster_articles(
    articles: Sequence[Article], *, threshold: float = DEFAULT_THRESHOLD
) -> list[Cluster]:
    """Group articles into events; every article ends in exactly one cluster.

    Args:
        articles: The pile, in any order (the result does not depend on it).
        threshold: Mean similarity (0-1) a group needs; higher makes more, smaller events.
    """
    ordered, feats, sims = similarity_graph(articles, threshold=threshold)
    vectors = _vectors(feats)
    clusters = []
    for group in average_linkage(len(feats), sims, threshold, story_weights(feats)):
        dated = sorted(group, key=lambda i: (feats[i].published or dt.date.max, ordered[i].id))
        members = [ordered[i] for i in dated]
        first, when = members[0], feats[dated[0]].published
        event_id = safe_id(f"{when.isoformat()}-{first.id}" if when else first.id)
        clusters.append(
            Cluster(
                id=event_id,
                name=first.headline or first.id,
                articles=members,
                grouping=_explain(group, feats, vectors, sims, threshold),
            )
        )
    clusters.sort(key=lambda c: c.id)
    return clusters


__all__ = [
    "DEFAULT_THRESHOLD",
    "Cluster",
    "cluster_articles",
    "date_agreement",
    "date_factor",
    "features",
    "main_days",
    "similarity_graph",
    "story_weights",
]
