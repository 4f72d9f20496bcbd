"""Grounding plus reconciliation, no model: copies of the examples with their gold records.

    python benchmarks/bench_ground_reconcile.py            # 250 1000 2000 4000 articles
    python benchmarks/bench_ground_reconcile.py 1000

Each copy is one of the five example articles with a line of its own appended (so every text
and id differs), paired with that example's hand-written gold extraction, as a model would
answer. Prints the seconds for grounding every article, for reconciling them into one record,
and the milliseconds per article, so that linearity shows across sizes. Grounding is
`ground_all(..., readying=READYING)`'s, as `summarizer reconcile` grounds: on a machine with a
core free a second process grounds part of the batch, and each article is readied for
reconciliation (its shingle hashes, sentence layout and mentions) as it is grounded; "ground s"
includes that.
The CPU seconds of the whole (process time, the second process's
included, and of it the second process's: 0 when the machine had no core free) are printed too:
on a busy machine they move less than the wall time.
"""

from __future__ import annotations

import hashlib
import json
import resource
import sys
import time
from pathlib import Path

from summarizer.ground import ground_all
from summarizer.ingest import read_articles
from summarizer.reconciliation import reconcile_grounded
from summarizer.reconciliation.prepare import READYING
from summarizer.records import Article, ArticleExtraction, Run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "nato-russia-council"
GOLD = ROOT / "tests" / "gold"


def make_batch(size: int) -> list[tuple[Article, ArticleExtraction]]:
    """`size` copies of the examples, each paired with its example's gold extraction."""
    originals = read_articles([EXAMPLES]).articles
    gold = {
        a.id: ArticleExtraction.model_validate_json((GOLD / f"{a.id}.json").read_text("utf-8"))
        for a in originals
    }
    batch = []
    for n in range(size):
        source = originals[n % len(originals)]
        text = source.text + f"\n\nFiled under reference {n:04d}.\n"
        article = source.model_copy(
            update={
                "id": f"copy{n:04d}_{source.id}",
                "text": text,
                "chars": len(text),
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            }
        )
        batch.append((article, gold[source.id]))
    return batch


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its ended child processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children.ru_utime + children.ru_stime


def main(sizes: list[int]) -> None:
    print(
        f"{'articles':>8} {'ground s':>9} {'reconcile s':>12} {'total s':>8} {'ms/article':>11} "
        f"{'cpu s':>6} {'of it 2nd process':>17}"
    )
    for size in sizes:
        batch = make_batch(size)
        cpu = _cpu()
        start = time.perf_counter()
        grounded = ground_all(batch, readying=READYING)
        grounded_s = time.perf_counter() - start
        record = reconcile_grounded(grounded, run=Run(backend="bench", started="2022-01-12"))
        total = time.perf_counter() - start
        own, child = (after - before for after, before in zip(_cpu(), cpu, strict=True))
        json.dumps(len(record.sources))
        print(
            f"{size:>8} {grounded_s:>9.2f} {total - grounded_s:>12.2f} {total:>8.2f} "
            f"{total / size * 1000:>11.2f} {own + child:>6.2f} {child:>17.2f}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [250, 1000, 2000, 4000])
