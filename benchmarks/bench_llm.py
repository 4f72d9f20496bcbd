"""`summarizer run` through a model server against the plain-client floor, in one run.

    python benchmarks/bench_llm.py                    # 100 articles at concurrency 16, then
                                                      # 1,000 at 64; 300 ms per answer
    python benchmarks/bench_llm.py --sizes 100:16

Prints, per size: the ideal (ceil(n / c) x latency), the floor (benchmarks/floor_openai.py:
the plain openai client making the same calls), `summarizer run`'s wall time with its ratio to
the floor, and the run's peak memory. Both are timed as whole processes (interpreter start and
imports included), the server runs in a third process, and no cache is used. The CPU seconds
each used (its worker processes included) are printed too: on a machine busy with other work
they vary less than wall times.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from llm_corpus import latency_server, write_copies

HERE = Path(__file__).resolve().parent


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_floor(folder: Path, url: str, concurrency: int) -> tuple[float, float]:
    """Wall and CPU seconds of the floor script in a child process: start-up and imports
    included."""
    command = [
        sys.executable,
        str(HERE / "floor_openai.py"),
        "--folder",
        str(folder),
        "--base-url",
        url,
        "--concurrency",
        str(concurrency),
    ]
    cpu, start = _cpu_of_children(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start, _cpu_of_children() - cpu


def run_summarizer(
    folder: Path, url: str, concurrency: int, out: Path
) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one `summarizer run` in a child process
    (its worker processes included)."""
    env = dict(os.environ, OPENAI_API_KEY="bench-key", OPENAI_BASE_URL=url)
    command = [
        sys.executable,
        "-m",
        "summarizer",
        "run",
        str(folder),
        "-o",
        str(out),
        "--model",
        "bench",
        "--concurrency",
        str(concurrency),
        "--no-cache",
    ]
    cpu, start = _cpu_of_children(), time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    cpu = _cpu_of_children() - cpu
    if done.returncode != 0:
        raise SystemExit(f"summarizer run failed ({done.returncode}): {done.stderr.strip()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100:16,1000:64", help="ARTICLES:CONCURRENCY,...")
    parser.add_argument("--latency", type=float, default=0.3)
    args = parser.parse_args()
    print(
        f"{'articles':>8} {'conc':>5} {'ideal s':>8} {'floor s':>8} {'run s':>7} "
        f"{'run/floor':>9} {'peak MiB':>9} {'floor cpu':>9} {'run cpu':>8}"
    )
    for size in args.sizes.split(","):
        count, concurrency = (int(x) for x in size.split(":"))
        with tempfile.TemporaryDirectory() as tmp, latency_server(args.latency) as url:
            folder = Path(tmp) / "articles"
            write_copies(folder, count)
            floor_s, floor_cpu = run_floor(folder, url, concurrency)
            run_s, run_cpu, peak = run_summarizer(
                folder, url, concurrency, Path(tmp) / "record.json"
            )
        ideal = math.ceil(count / concurrency) * args.latency
        print(
            f"{count:>8} {concurrency:>5} {ideal:>8.2f} {floor_s:>8.2f} {run_s:>7.2f} "
            f"{run_s / floor_s:>8.2f}x {peak:>9.0f} {floor_cpu:>9.2f} {run_cpu:>8.2f}"
        )


if __name__ == "__main__":
    main()
