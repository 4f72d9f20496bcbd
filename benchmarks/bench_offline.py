"""Time the offline extractor on 200 articles against spaCy's own `nlp.pipe` (the floor).

Each setting runs in a fresh process and is timed from loading the spaCy pipeline to the last
result, so the model load is included: raw `nlp.pipe` over the same texts on one and two
processes (parsing alone, no rules), the offline extractor in this process and on one and two
worker processes, and `summarizer run --backend offline` end to end (a subprocess: start-up,
reading, extraction, grounding, reconciliation and writing). The articles are copies of the
examples and of the `tests/data` corpus, each with a line of its own, so that no two texts are
equal.

Other jobs on the machine slow every figure down: read the ratios, each the median of ratios
between measurements taken one after the other, and the load average printed beside them.
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


# In each round the settings run in this order, then in reverse in the next round, so that a
# ratio compares measurements taken one after the other, and drifting load favours no side.
SETTINGS = (
    ("raw", 2),
    ("workers", 2),
    ("run", 2),
    ("raw", 1),
    ("inprocess", 1),
    ("workers", 1),
)


def label(kind: str, processes: int) -> str:
    if kind == "raw":
        return f"raw nlp.pipe, {processes} process{'es' if processes > 1 else ''}"
    if kind == "run":
        return "summarizer run --backend offline"
    if kind == "inprocess":
        return "offline extractor, in-process"
    return f"offline extractor, {processes} worker{'s' if processes > 1 else ''}"


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200, help="articles (default 200)")
    parser.add_argument("--repeat", type=int, default=4, help="rounds of every setting (default 4)")
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
            f" {args.repeat} rounds, each in the reverse order of the last; ratios within a round"
        )
        settings = [s for s in SETTINGS if not (args.no_run and s[0] == "run")]
        rounds: list[dict[tuple[str, int], dict[str, float]]] = []
        for n in range(max(1, args.repeat)):
            measured: dict[tuple[str, int], dict[str, float]] = {}
            for kind, processes in settings if n % 2 == 0 else settings[::-1]:
                if kind == "run":
                    wall, extraction = run_cli(folder, Path(tmp) / "record.json")
                    measured[kind, processes] = {
                        "articles": len(paths),
                        "total_s": wall,
                        "extraction_s": extraction or 0.0,
                    }
                else:
                    measured[kind, processes] = in_child(kind, processes, folder, args.pipe_batch)
            rounds.append(measured)
            print(
                f"round {n + 1}: "
                + ", ".join(f"{k[0]}{k[1]} {m['total_s']:.2f}s" for k, m in measured.items())
                + f"; {load()}"
            )

        def ratio(setting: tuple[str, int], floor: tuple[str, int]) -> list[float]:
            """Its speed over the floor's, in each round."""
            return [m[floor]["total_s"] / m[setting]["total_s"] for m in rounds]

        print()
        header = f"{'setting':<34} {'best s':>7} {'load s':>7} {'art/s':>6} {'CPU ms/art':>10}"
        print(f"{header}  {'vs raw (median, range)':<22}")
        print("-" * (len(header) + 24))
        for setting in settings:
            kind, processes = setting
            best = min((m[setting] for m in rounds), key=lambda m: m["total_s"])
            rate = best["articles"] / best["total_s"]
            cpu = f"{1000 * best['cpu_s'] / best['articles']:10.0f}" if "cpu_s" in best else ""
            loaded = f"{best['load_s']:7.2f}" if "load_s" in best else ""
            versus = ""
            if kind != "raw":
                ratios = ratio(setting, ("raw", processes))
                versus = f"{median(ratios):5.2f} ({min(ratios):.2f}-{max(ratios):.2f})"
            print(
                f"{label(kind, processes):<34} {best['total_s']:7.2f} {loaded:>7} {rate:6.1f}"
                f" {cpu:>10}  {versus}"
            )
            if kind == "run":
                print(f"{'':<4}of which extraction (run.duration_s) {best['extraction_s']:.2f} s")
        print()
        for kind in ("raw", "workers"):
            speedup = ratio((kind, 2), (kind, 1))
            print(
                f"{kind}: two processes vs one, median {median(speedup):.2f}x"
                f" ({min(speedup):.2f}-{max(speedup):.2f})"
            )
        print(load())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
