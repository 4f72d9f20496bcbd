"""Time the offline extractor on a batch of 200 articles with one and two processes, against
spaCy's own `nlp.pipe` over the same texts (the floor: parsing alone, no rules)."""

from __future__ import annotations

import argparse
import hashlib
import os
import time
from pathlib import Path

from summarizer.backends.offline import OfflineExtractor, load_pipeline
from summarizer.records import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "nato-russia-council"
PUBLISHED = ("2022-01-04", "2022-01-04", "2022-01-04", "2022-01-12", "2021-12-26")
CITIES = ("Brussels", "Geneva", "Vienna", "Warsaw", "Ankara", "Oslo", "Madrid", "Riga")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def make_batch(size: int) -> list[Article]:
    """The example articles repeated, each copy varied so that no two texts are equal."""
    sources = sorted(EXAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    batch = []
    for n in range(size):
        k = n % len(texts)
        city = CITIES[n % len(CITIES)]
        day = WEEKDAYS[n % len(WEEKDAYS)]
        extra = (
            f'\n\n"We will keep talking," a diplomat in {city} told reporters on {day}, '
            f"adding that round {n + 1} of consultations could follow on January {n % 27 + 1}."
        )
        text = texts[k].replace("Brussels", city, 1) + extra
        batch.append(
            Article(
                id=f"{sources[k].stem}-{n}",
                path=str(sources[k]),
                text=text,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                chars=len(text),
                published=PUBLISHED[k],
                outlet=None if k == 3 else "TASS",
            )
        )
    return batch


def run(batch: list[Article], n_process: int, batch_size: int) -> tuple[float, float]:
    """Wall time and CPU time (this process and its workers) of one extract_many call."""
    extractor = OfflineExtractor(n_process=n_process, batch_size=batch_size)
    before = os.times()
    start = time.perf_counter()
    results = extractor.extract_many(batch)
    elapsed = time.perf_counter() - start
    after = os.times()
    cpu = sum(
        getattr(after, f) - getattr(before, f)
        for f in ("user", "system", "children_user", "children_system")
    )
    failures = [r for r in results if isinstance(r, Exception)]
    if failures:
        raise SystemExit(f"{len(failures)} articles failed, first: {failures[0]!r}")
    return elapsed, cpu


def run_pipe(batch: list[Article], n_process: int, batch_size: int) -> float:
    """Wall time of parsing the batch with `nlp.pipe` alone."""
    nlp = load_pipeline()
    start = time.perf_counter()
    for _ in nlp.pipe([a.text for a in batch], batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per setting; the best and median are shown"
    )
    args = parser.parse_args(argv)

    batch = make_batch(args.size)
    words = sum(len(a.text.split()) for a in batch)
    start = time.perf_counter()
    nlp = load_pipeline()
    OfflineExtractor().extract(batch[0])  # warm caches outside the timing
    print(f"pipeline {nlp.meta.get('name')} {nlp.meta.get('version')}: {nlp.pipe_names}")
    print(f"loaded in {time.perf_counter() - start:.2f}s; {os.cpu_count()} CPUs")
    print(f"batch: {len(batch)} articles, {words} words, batch_size={args.batch_size}")
    print("other load on the machine slows the runs down: compare best with median")
    for n_process in args.processes:
        runs = sorted(run(batch, n_process, args.batch_size) for _ in range(args.repeat))
        best, cpu = runs[0]
        median = runs[len(runs) // 2][0]
        floor = min(run_pipe(batch, n_process, args.batch_size) for _ in range(args.repeat))
        print(
            f"n_process={n_process}: best {best:6.2f}s = {len(batch) / best:5.1f} articles/s"
            f" ({words / best:6.0f} words/s); median {median:6.2f}s ="
            f" {len(batch) / median:5.1f} articles/s; CPU {1000 * cpu / len(batch):4.0f} ms/article"
        )
        print(
            f"    raw nlp.pipe: best {floor:6.2f}s = {len(batch) / floor:5.1f} articles/s;"
            f" the rules add {100 * (best / floor - 1):3.0f}% to parsing"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
