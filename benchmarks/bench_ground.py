"""Measure how long grounding takes on a short and a long article."""

from __future__ import annotations

import hashlib
import json
import random
import time
from pathlib import Path

from summarizer.ground import _fold_text, align, ground
from summarizer.records import Article, ArticleExtraction

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "nato-russia-council"
GOLD = ROOT / "tests" / "gold"
STEM = "000_4adca80e61857a20"


def _passages(text: str, count: int, rng: random.Random) -> list[str]:
    """A mix of exact, normalized, fuzzy and fabricated passages of 40-200 characters."""
    words = text.split()
    passages: list[str] = []
    while len(passages) < count:
        start = rng.randrange(len(words) - 30)
        chosen = words[start : start + rng.randint(6, 30)]
        kind = len(passages) % 4
        if kind == 1:
            chosen = [w.upper() if i % 3 == 0 else w for i, w in enumerate(chosen)]
        elif kind == 2:
            chosen[len(chosen) // 2] = "somethingelse"
        elif kind == 3:
            rng.shuffle(chosen)
        passages.append(" ".join(chosen))
    return passages


def _article(text: str, name: str) -> Article:
    return Article(
        id=name,
        path=name,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        chars=len(text),
    )


def _bench(label: str, text: str, passages: list[str]) -> None:
    _fold_text.cache_clear()
    began = time.perf_counter()
    _fold_text(text)
    folding = time.perf_counter() - began
    began = time.perf_counter()
    spans = [align(text, p, "bench") for p in passages]
    aligning = time.perf_counter() - began
    kinds = {k: sum(1 for s in spans if s and s.match == k) for k in ("exact", "normalized")}
    kinds["fuzzy"] = sum(1 for s in spans if s and s.match == "fuzzy")
    kinds["none"] = sum(1 for s in spans if s is None)
    print(
        f"{label:>12}: {len(text):>9,} chars  fold {folding * 1000:7.1f} ms  "
        f"align {len(passages)} passages {aligning * 1000:8.1f} ms "
        f"({aligning / len(passages) * 1000:.2f} ms each)  {kinds}"
    )


def main() -> None:
    """Print timings for the example article, a 1 MB article and a gold extraction."""
    rng = random.Random(7)
    short = (EXAMPLES / f"{STEM}.txt").read_text(encoding="utf-8")
    others = sorted(p for p in EXAMPLES.glob("*.txt") if p.stem != STEM)
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in others)
    filler = (corpus + "\n\n") * (1_000_000 // (len(corpus) + 2) + 1)
    # The passages' own article sits at the end, after 1 MB of other articles.
    long = filler[: 1_000_000 - len(short)] + short
    passages = _passages(short, 100, rng)
    _bench("3 KB", short, passages)
    _bench("1 MB", long, passages)

    extraction = ArticleExtraction.model_validate(
        json.loads((GOLD / f"{STEM}.json").read_text(encoding="utf-8"))
    )
    article = _article(short, STEM)
    began = time.perf_counter()
    grounded = ground(article, extraction)
    took = time.perf_counter() - began
    records = grounded.meetings + grounded.proposals + grounded.statements
    print(
        f"{'gold ' + STEM[:3]:>12}: ground() {took * 1000:.1f} ms for {len(records)} records, "
        f"{sum(r.grounded for r in records)} grounded"
    )


if __name__ == "__main__":
    main()
