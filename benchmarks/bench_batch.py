"""`summarizer batch`: many small events through one pool of calls, executors, and memory.

    python benchmarks/bench_batch.py llm        # 200 events x 5 articles, 300 ms answers,
                                                # concurrency 32: vs the plain-client floor
    python benchmarks/bench_batch.py offline    # the same corpus offline: local vs ray
    python benchmarks/bench_batch.py memory     # peak memory, offline, 100 / 300 / 1,000 events
                                                # (extractions cached by a first event)

Every run is a whole `summarizer batch` process (interpreter start and imports included) into a
fresh output folder without a cache, unless said otherwise. The model server (see
benchmarks/latency_server.py) runs in its own process; the floor is benchmarks/floor_openai.py,
the plain openai client making the same 1,000 calls at the same concurrency.
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

from llm_corpus import EXAMPLES, latency_server

HERE = Path(__file__).resolve().parent


def write_events(root: Path, events: int, per_event: int, unique: bool = True) -> int:
    """`events` folders of `per_event` example articles, each a copy with a line of its own
    (named so that the latency server answers with its example's gold record); with `unique`
    off, the examples verbatim (so the extraction cache serves every copy after the first)."""
    sources = sorted(EXAMPLES.glob("*.txt"))
    for n in range(events):
        folder = root / f"event-{n:04d}"
        folder.mkdir(parents=True)
        for k in range(per_event):
            number = n * per_event + k
            source = sources[number % len(sources)]
            text = source.read_text(encoding="utf-8")
            if unique:
                text += f"\n\nFiled under reference {number:05d}.\n"
            (folder / f"copy{number:05d}_{source.stem}.txt").write_text(text, encoding="utf-8")
    return events * per_event


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:4])}... failed:\n{done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def batch_command(root: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "summarizer", "batch", str(root), "-o", str(out), "-q", *extra]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update(extra)
    return env


def bench_llm(events: int, per_event: int, concurrency: int, latency: float) -> None:
    with tempfile.TemporaryDirectory() as tmp, latency_server(latency) as url:
        root = Path(tmp) / "events"
        articles = write_events(root, events, per_event)
        command = [
            sys.executable,
            str(HERE / "floor_openai.py"),
            *("--folder", str(root), "--base-url", url, "--concurrency", str(concurrency)),
        ]
        floor_s, _ = run(command)
        env = clean_env(OPENAI_API_KEY="bench-key", OPENAI_BASE_URL=url)
        extra = ("--model", "bench", "--concurrency", str(concurrency), "--no-cache")
        batch_s, peak = run(batch_command(root, Path(tmp) / "out", *extra), env)
    ideal = math.ceil(articles / concurrency) * latency
    print(
        f"{events} events x {per_event} articles, {latency * 1000:.0f} ms per answer, "
        f"concurrency {concurrency}\n"
        f"  ideal ceil({articles}/{concurrency}) x {latency} = {ideal:.2f} s\n"
        f"  floor (plain openai client, same calls): {floor_s:.2f} s\n"
        f"  summarizer batch: {batch_s:.2f} s = {batch_s / floor_s:.2f}x the floor, "
        f"{batch_s / ideal:.2f}x the ideal; peak RSS {peak:.0f} MiB"
    )


def bench_offline(events: int, per_event: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "events"
        articles = write_events(root, events, per_event)
        env = clean_env(RAY_USAGE_STATS_ENABLED="0")
        print(f"{events} events x {per_event} articles, offline extractor, no cache")
        for name, extra in (("local", ()), ("ray (local cluster)", ("--executor", "ray"))):
            out = Path(tmp) / name.split()[0]
            seconds, _ = run(
                batch_command(root, out, "--backend", "offline", "--no-cache", *extra), env
            )
            print(f"  {name:<20} {seconds:7.1f} s  {articles / seconds:6.1f} articles/s")


def bench_memory(sizes: list[int], per_event: int) -> None:
    print(f"peak RSS of `summarizer batch`, offline, {per_event} articles per event")
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        # one event first: the extractions are cached, so every size measures the batch itself
        # (ingest, grounding, reconciliation, writing) rather than loading spaCy once
        write_events(Path(tmp) / "warm", 1, per_event, unique=False)
        _peak(batch_command(Path(tmp) / "warm", Path(tmp) / "out-warm", *_offline(cache)))
        for events in sizes:
            root = Path(tmp) / f"events-{events}"
            write_events(root, events, per_event, unique=False)
            out = Path(tmp) / f"out-{events}"
            seconds, peak = _peak(batch_command(root, out, *_offline(cache)))
            print(f"  {events:>5} events: {peak:6.0f} MiB, {seconds:6.1f} s")


def _offline(cache: Path) -> tuple[str, ...]:
    return ("--backend", "offline", "--cache-dir", str(cache))


def _peak(command: list[str]) -> tuple[float, float]:
    """Like `run`, but measured by a fresh child so each size reports its own peak."""
    probe = (
        "import resource, subprocess, sys, time; s = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], capture_output=True); "
        "print(time.perf_counter() - s, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], env=clean_env(), capture_output=True, text=True
    )
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("llm", "offline", "memory"))
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--per-event", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--sizes", default="100,300,1000", help="event counts (memory)")
    args = parser.parse_args()
    if args.what == "llm":
        bench_llm(args.events, args.per_event, args.concurrency, args.latency)
    elif args.what == "offline":
        bench_offline(args.events, args.per_event)
    else:
        bench_memory([int(x) for x in args.sizes.split(",")], args.per_event)


if __name__ == "__main__":
    main()
