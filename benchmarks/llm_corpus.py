"""Shared by the LLM benchmarks: copies of the examples and a latency server in its own process."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "nato-russia-council"


def write_copies(folder: Path, count: int) -> list[Path]:
    """`count` copies of the five examples, each with one line of its own so no two are equal."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(EXAMPLES.glob("*.txt"))
    paths = []
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        path = folder / f"copy{n:04d}_{source.stem}.txt"
        path.write_text(text + f"\n\nFiled under reference {n:04d}.\n", encoding="utf-8")
        paths.append(path)
    return paths


@contextlib.contextmanager
def latency_server(latency: float) -> Iterator[str]:
    """Start benchmarks/latency_server.py in a child process; yield its base URL."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / "latency_server.py"), "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"the latency server did not start: {line!r}")
        yield f"http://127.0.0.1:{line.split()[1]}/v1"
    finally:
        process.terminate()
        process.wait(timeout=10)
