"""Hostile inputs that used to stall: repeated ids, long runs of punctuation in grounding, and
the cost of the per-article time budget for the offline extractor (one process per article).

    python benchmarks/bench_hostile.py                 # all
    python benchmarks/bench_hostile.py ids 20000       # only the repeated ids, 20,000 lines
    python benchmarks/bench_hostile.py offline 40      # only the offline batch, 40 articles
"""

from __future__ import annotations

import asyncio
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "nato-russia-council"


def repeated_ids(lines: int) -> None:
    from summarizer.ingest import read_articles

    data = "".join(
        json.dumps({"id": "same", "text": f"Article number {i}."}) + "\n" for i in range(lines)
    ).encode()
    started = time.perf_counter()
    result = read_articles(["-"], stdin=io.BytesIO(data), max_bytes=len(data) + 1)
    seconds = time.perf_counter() - started
    assert len({a.id for a in result.articles}) == lines
    print(f"read a JSONL of {lines:,} lines with one repeated id: {seconds:.2f} s")


def punctuation_grounding(length: int) -> None:
    from summarizer.ground import ground
    from summarizer.ingest import make_article
    from summarizer.records import ArticleExtraction, Meeting

    for mark in ('"', "(", "*", "."):
        text = f"Officials met in Geneva. {mark * length} The talks went on for hours."
        article = make_article("a", text, path="<bench>")
        extraction = ArticleExtraction(
            meetings=[Meeting(name="talks", quotes=["Officials met in Geneva", mark * 500, text])]
        )
        started = time.perf_counter()
        ground(article, extraction)
        print(
            f"ground an article with a run of {length:,} {mark!r}: "
            f"{time.perf_counter() - started:.2f} s"
        )


def offline_batch(count: int) -> None:
    from summarizer.config import load_settings
    from summarizer.extraction import extract_batch
    from summarizer.ingest import read_articles

    base = read_articles([EXAMPLES]).articles
    texts = [(a, f"{a.text}\n\nCopy {i}.") for i in range(count // len(base) + 1) for a in base]
    with tempfile.TemporaryDirectory() as folder:
        for n, (article, text) in enumerate(texts[:count]):
            Path(folder, f"{n:04d}-{article.id}.txt").write_text(text, encoding="utf-8")
        articles = read_articles([folder]).articles
        for concurrency in (1, 4):
            settings = load_settings(
                {"backend": "offline", "no_cache": True, "concurrency": concurrency},
                environ={},
                dotenv_path=None,
            )
            asyncio.run(extract_batch(articles[:1], settings))  # load spaCy once
            started = time.perf_counter()
            batch = asyncio.run(extract_batch(articles, settings))
            seconds = time.perf_counter() - started
            assert not batch.failures
            print(
                f"offline, {count} articles, concurrency {concurrency}: {seconds:.1f} s "
                f"({count / seconds:.1f} articles/s)"
            )


def main(argv: list[str]) -> None:
    which = argv[0] if argv else "all"
    size = int(argv[1]) if len(argv) > 1 else 0
    if which in ("all", "ids"):
        repeated_ids(size or 20_000)
    if which in ("all", "punctuation"):
        punctuation_grounding(size or 20_000)
    if which in ("all", "offline"):
        offline_batch(size or 40)


if __name__ == "__main__":
    main(sys.argv[1:])
