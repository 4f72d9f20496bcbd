"""Time the offline extractor on 200 articles against spaCy's own `nlp.pipe` (the floor).

Each setting runs in a fresh process and is timed from loading the spaCy pipeline to the last
result, so the model load is included: raw `nlp.pipe` over the same texts on one and two
processes (parsing alone, no rules), the offline extractor on one and two workers, and
`summarizer run --backend offline` end to end (a subprocess: start-up, reading, extraction,
grounding, reconciliation and writing). The articles are copies of the examples and of the
`tests/data` corpus, each with a line of its own, so that no two texts are equal.

Other jobs on the machine slow every figure down: read the ratios, which are measured in one
run, and the load average printed beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from summarizer.backends.offline.extractor import finish_article, parse_articles
from summarizer.backends.offline.workers import WorkerPool
from summarizer.records import Article, ArticleExtraction

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    ROOT / "examples",
    ROOT / "tests" / "data" / "clusters",
    ROOT / "tests" / "data" / "singles",
)


def write_corpus(folder: Path, size: int) -> list[Path]:
    """`size` article files in `folder`: the corpus repeated, each copy with a line of its own."""
    sources = sorted(p for root in SOURCES for p in root.rglob("*.txt") if "gold" not in p.parts)
    if not sources:
        raise SystemExit("no articles found under examples/ and tests/data/")
    paths = []
    for n in range(size):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8").rstrip("\n")
        text += f"\n\nThis is copy {n + 1} of {size} of the report, kept for the archive.\n"
        path = folder / f"{n:03d}-{source.stem}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def measure(kind: str, processes: int, folder: Path, pipe_batch: int) -> dict[str, float]:
    """In a fresh process: load the pipeline and process every article; the times taken."""
    from summarizer.backends.offline import OfflineExtractor, load_pipeline
    from summarizer.ingest import read_articles

    results: Sequence[ArticleExtraction | BaseException]

    articles = read_articles([folder]).articles
    before = os.times()
    start = time.perf_counter()
    nlp = load_pipeline()
    loaded = time.perf_counter()
    if kind == "raw":
        texts = [a.text for a in articles]
        for _ in nlp.pipe(texts, batch_size=pipe_batch, n_process=processes):
            pass
    else:
        if kind == "inprocess":
            results = OfflineExtractor().extract_many(articles)
        elif processes > 1:
            results = OfflineExtractor(n_process=processes).extract_many(articles)
        else:
            results = asyncio.run(one_worker(articles))
        failed = [r for r in results if isinstance(r, Exception)]
        if failed:
            raise SystemExit(f"{len(failed)} articles failed, first: {failed[0]!r}")
    end = time.perf_counter()
    after = os.times()
    cpu = sum(
        getattr(after, f) - getattr(before, f)
        for f in ("user", "system", "children_user", "children_system")
    )
    return {
        "articles": len(articles),
        "load_s": loaded - start,
        "total_s": end - start,
        "cpu_s": cpu,
    }


async def one_worker(articles: list[Article]) -> list[ArticleExtraction | BaseException]:
    """The articles through a pool of one worker process, as the backend runs them."""
    pool = WorkerPool(parse_articles, finish_article, 1)
    try:
        tasks = [pool.run((a, None)) for a in articles]
        return list(await asyncio.gather(*tasks, return_exceptions=True))
    finally:
        pool.close()


def in_child(kind: str, processes: int, folder: Path, pipe_batch: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", kind, str(processes), str(folder)]
    command += ["--pipe-batch", str(pipe_batch)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} on {processes} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_cli(folder: Path, out: Path) -> tuple[float, float | None]:
    """Wall time of `summarizer run --backend offline` on the folder, and its extraction part."""
    command = [sys.executable, "-m", "summarizer", "run", str(folder), "-o", str(out)]
    command += ["--backend", "offline", "--no-cache"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"summarizer run failed ({done.returncode}):\n{done.stderr}")
    record = json.loads(out.read_text(encoding="utf-8"))
    failures = record["run"]["failures"]
    if failures:
        print(f"    summarizer run: {len(failures)} failures, first: {failures[0]}")
    return wall, record["run"].get("duration_s")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


SETTINGS = (("raw", 1), ("raw", 2), ("inprocess", 1), ("workers", 1), ("workers", 2))


def label(kind: str, processes: int) -> str:
    if kind == "raw":
        return f"raw nlp.pipe, {processes} process{'es' if processes > 1 else ''}"
    if kind == "inprocess":
        return "offline extractor, in-process"
    return f"offline extractor, {processes} worker{'s' if processes > 1 else ''}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200, help="articles (default 200)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="rounds of every setting, interleaved (best kept)"
    )
    parser.add_argument(
        "--pipe-batch", type=int, default=16, help="nlp.pipe batch size of the floor (16)"
    )
    parser.add_argument("--no-run", action="store_true", help="skip `summarizer run`")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, processes, folder = args.child
        print(json.dumps(measure(kind, int(processes), Path(folder), args.pipe_batch)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-offline-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        paths = write_corpus(folder, args.size)
        chars = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} articles, {chars / 1000:.0f} kB; {os.cpu_count()} CPUs; {load()}")
        print(
            "each setting in a fresh process, timed from loading the pipeline (load included);"
            f" best of {args.repeat} interleaved rounds"
        )
        best: dict[tuple[str, int], dict[str, float]] = {}
        runs: list[tuple[float, float | None]] = []
        for _ in range(max(1, args.repeat)):
            for kind, processes in SETTINGS:
                r = in_child(kind, processes, folder, args.pipe_batch)
                if (kind, processes) not in best or r["total_s"] < best[kind, processes]["total_s"]:
                    best[kind, processes] = r
            if not args.no_run:
                runs.append(run_cli(folder, Path(tmp) / "record.json"))
        print()
        header = f"{'setting':<34} {'seconds':>8} {'load':>6} {'art/s':>7} {'CPU ms/art':>11}"
        print(f"{header} {'vs raw':>7}")
        print("-" * (len(header) + 8))
        rates: dict[tuple[str, int], float] = {}
        for kind, processes in SETTINGS:
            r = best[kind, processes]
            rate = rates[kind, processes] = r["articles"] / r["total_s"]
            ratio = "" if kind == "raw" else f"{rate / rates['raw', processes]:7.2f}"
            print(
                f"{label(kind, processes):<34} {r['total_s']:8.2f} {r['load_s']:6.2f} {rate:7.1f}"
                f" {1000 * r['cpu_s'] / r['articles']:11.0f} {ratio}"
            )
        if runs:
            wall, extraction = min(runs)
            rate = len(paths) / wall
            print(
                f"{'summarizer run --backend offline':<34} {wall:8.2f} {'':>6} {rate:7.1f}"
                f" {'':>11} {rate / rates['raw', 2]:7.2f}"
            )
            if extraction is not None:
                print(f"    of which extraction (run.duration_s): {extraction:.2f} s")
        print()
        for kind in ("raw", "workers"):
            print(f"{kind}: two processes vs one: {rates[kind, 2] / rates[kind, 1]:.2f}x")
        print(load())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
