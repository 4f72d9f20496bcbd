"""Evaluate event clustering: B-cubed precision, recall and F1 on mixed piles of articles.

Piles come from tests/data/piles.json (each with its true events), and two more are built from
the development corpus: every cluster of the "tune" split with the unrelated singles and the
example event, and the same for the "heldout" split (tests/data/split.json). Tune the
threshold on the tune pile only; the held-out pile is for reporting.

    python scripts/eval_clusters.py                    # default threshold
    python scripts/eval_clusters.py --sweep            # F1 on the tune pile per threshold
    python scripts/eval_clusters.py --sweep --step 0.005
    python scripts/eval_clusters.py --threshold 0.25 --show
    python scripts/eval_clusters.py --margins          # how far each pile is from a wrong merge

A pile scores well only while its events sit clear of the threshold: --margins prints, per pile,
the highest mean similarity between two true events (below that threshold they merge) and the
highest threshold at which every true event still holds together (above it one splits). A
threshold close to either edge flips with small changes to the pile.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.events.cluster import (  # noqa: E402
    DEFAULT_THRESHOLD,
    average_linkage,
    cluster_articles,
    similarity_graph,
    story_weights,
)
from summarizer.ingest import read_articles  # noqa: E402
from summarizer.records import Article  # noqa: E402

DATA = ROOT / "tests" / "data"
EXAMPLE = ROOT / "examples" / "nato-russia-council"


def bcubed(truth: Sequence[Sequence[str]], found: Sequence[Sequence[str]]) -> tuple[float, ...]:
    """B-cubed precision, recall and F1 of `found` against `truth` (lists of item groups)."""
    true_of = {item: frozenset(group) for group in truth for item in group}
    found_of = {item: frozenset(group) for group in found for item in group}
    items = sorted(true_of)
    precision = sum(len(found_of[i] & true_of[i]) / len(found_of[i]) for i in items) / len(items)
    recall = sum(len(found_of[i] & true_of[i]) / len(true_of[i]) for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _resolve(relative: str, data: Path) -> Path:
    if relative.startswith("examples/"):
        return ROOT / relative
    return data / relative


def _read(paths: Sequence[Path]) -> list[Article]:
    result = read_articles(list(paths))
    if result.problems:
        raise SystemExit(f"cannot read: {result.problems[0]}")
    return result.articles


def piles(data: Path) -> list[tuple[str, list[Path], list[list[Path]]]]:
    """(name, article paths, true events) for each pile."""
    found: list[tuple[str, list[Path], list[list[Path]]]] = []
    singles = sorted((data / "singles" / "articles").glob("*.txt"))
    example = sorted(EXAMPLE.glob("*.txt"))
    split_file = data / "split.json"
    clusters = sorted(p for p in (data / "clusters").glob("*") if p.is_dir())
    split = json.loads(split_file.read_text()) if split_file.exists() else {}
    for part in ("tune", "heldout"):
        chosen = [c for c in clusters if c.name in split.get(part, [])]
        if part == "tune" and not split:
            chosen = clusters  # no split yet: everything is development data
        if not chosen:
            continue
        events = [sorted((c / "articles").glob("*.txt")) for c in chosen]
        events += [[s] for s in singles]
        if part == "tune":
            events.append(example)
        found.append((f"{part} split", [p for e in events for p in e], events))
    pile_file = data / "piles.json"
    if pile_file.exists():
        for pile in json.loads(pile_file.read_text())["piles"]:
            articles = [_resolve(p, data) for p in pile["articles"]]
            events = [[_resolve(p, data) for p in e] for e in pile["events"]]
            found.append((pile["id"], articles, events))
    return found


def evaluate(
    name: str, paths: list[Path], truth: list[list[Path]], threshold: float, show: bool
) -> tuple[float, ...]:
    articles = _read(paths)
    by_path = {str(Path(a.path).resolve()): a.id for a in articles}
    true_ids = [[by_path[str(p.resolve())] for p in event] for event in truth]
    clusters = cluster_articles(articles, threshold=threshold)
    found_ids = [[a.id for a in c.articles] for c in clusters]
    scores = bcubed(true_ids, found_ids)
    if show:
        print(f"\n{name}: {len(clusters)} clusters for {len(truth)} true events")
        for c in clusters:
            if len(c.articles) > 1 or show:
                link = c.grouping.links[0] if c.grouping.links else None
                why = f" sim {link.similarity} via {', '.join(link.shared[:4])}" if link else ""
                print(f"  {c.id}: {[a.id for a in c.articles]}{why}")
    return (len(articles), len(truth), len(clusters), *scores)


def _holds_up_to(
    members: list[int], sims: dict[tuple[int, int], float], weights: list[float]
) -> float:
    """The highest threshold at which average linkage keeps `members` one group."""
    if len(members) < 2:
        return 1.0
    index = {m: k for k, m in enumerate(members)}
    inside = {(index[i], index[j]): s for (i, j), s in sims.items() if i in index and j in index}
    mine = [weights[m] for m in members]
    low, high = 0.0, 1.0
    for _ in range(20):
        middle = (low + high) / 2
        if len(average_linkage(len(members), inside, middle, mine)) == 1:
            low = middle
        else:
            high = middle
    return low


def margins(name: str, paths: list[Path], truth: list[list[Path]], threshold: float) -> str:
    """One line: the strongest pull between two true events and the weakest event's hold."""
    ordered, feats, sims = similarity_graph(_read(paths), threshold=threshold)
    weights = story_weights(feats)
    event_of = {str(p.resolve()): k for k, event in enumerate(truth) for p in event}
    groups: dict[int, list[int]] = {}
    for i, article in enumerate(ordered):
        groups.setdefault(event_of[str(Path(article.path).resolve())], []).append(i)
    events = list(groups.values())
    pull, pair = 0.0, ("-", "-")
    for x, a in enumerate(events):
        for b in events[x + 1 :]:
            total = sum(
                sims.get((min(i, j), max(i, j)), 0.0) * weights[i] * weights[j]
                for i in a
                for j in b
            )
            mean = total / (sum(weights[i] for i in a) * sum(weights[j] for j in b))
            if mean > pull:
                pull = mean
                pair = (ordered[a[0]].id, ordered[b[0]].id)
    hold, weakest = min((_holds_up_to(e, sims, weights), ordered[e[0]].id) for e in events)
    return (
        f"{name:<28} {pull:10.3f} {hold:10.3f}  {threshold - pull:+.3f} {hold - threshold:+.3f}"
        f"  {pair[0]} ~ {pair[1]}; {weakest}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--data", type=Path, default=DATA, help="corpus folder (tests/data)")
    parser.add_argument("--sweep", action="store_true", help="F1 per threshold, tune pile")
    parser.add_argument("--step", type=float, default=0.05, help="--sweep from 0.1 to 0.6 by")
    parser.add_argument("--show", action="store_true", help="print the clusters found")
    parser.add_argument("--margins", action="store_true", help="distance to a wrong merge/split")
    args = parser.parse_args(argv)
    if not 0 < args.step <= 0.5:
        parser.error("--step takes a number above 0 and at most 0.5")
    all_piles = piles(args.data)
    if not all_piles:
        print(f"no piles found under {args.data}", file=sys.stderr)
        return 2
    if args.margins:
        print(f"threshold {args.threshold}: two events merge below 'pull', one splits above 'hold'")
        print(f"{'pile':<28} {'pull':>10} {'hold':>10}  {'below':>6} {'above':>6}  by")
        for name, paths, truth in all_piles:
            print(margins(name, paths, truth, args.threshold))
        return 0
    if args.sweep:
        tune = [p for p in all_piles if p[0] == "tune split"] or all_piles[:1]
        print("threshold  B3-P   B3-R   B3-F1   (tune split only)")
        for k in range(round(0.5 / args.step) + 1):
            t = round(0.1 + k * args.step, 4)
            scores = evaluate(*tune[0], threshold=t, show=False)
            print(f"{t:9.3f}  {scores[3]:.3f}  {scores[4]:.3f}  {scores[5]:.3f}")
        return 0
    print(f"threshold {args.threshold}")
    print(f"{'pile':<28} {'articles':>8} {'events':>6} {'found':>5}  B3-P   B3-R   B3-F1")
    for name, paths, truth in all_piles:
        n, events, found, p, r, f1 = evaluate(name, paths, truth, args.threshold, args.show)
        print(f"{name:<28} {n:>8} {events:>6} {found:>5}  {p:.3f}  {r:.3f}  {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
