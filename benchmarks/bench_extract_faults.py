"""Extract a batch through the fake OpenAI-compatible server with faults injected; print figures.

Run: python benchmarks/bench_extract_faults.py [--copies N]
Each example article is copied N times (default 8, so 40 articles); a fixed share of them meets
a 429 with Retry-After, a 500 then success, a dropped connection, truncated JSON, a
schema-invalid answer, a hung request (timeout), or a server that always fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakeserver import FakeOpenAI, drop, hang, ok, status, truncated  # noqa: E402

from summarizer.config import load_settings  # noqa: E402
from summarizer.extraction import extract_batch  # noqa: E402
from summarizer.ingest import make_article, read_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=8)
    args = parser.parse_args()
    examples = read_articles([ROOT / "examples" / "nato-russia-council"]).articles
    gold = {
        a.id: json.loads((ROOT / "tests" / "gold" / f"{a.id}.json").read_text(encoding="utf-8"))
        for a in examples
    }
    articles = []
    payloads = {}
    for copy in range(args.copies):
        for article in examples:
            text = article.text + f"\n\n(copy {copy})"
            new = make_article(f"{article.id}-c{copy}", text, path=article.path)
            articles.append(new)
            payloads[new.id] = gold[article.id]
    faults = {
        "429 + Retry-After: 1s, then ok": lambda p: [status(429, {"Retry-After": "1"}), ok(p)],
        "500, 503, then ok": lambda p: [status(500), status(503), ok(p)],
        "dropped connection, then ok": lambda p: [drop(), ok(p)],
        "truncated JSON, then ok": lambda p: [truncated(p), ok(p)],
        "schema-invalid, then ok": lambda p: [
            ok({"meetings": [{"name": "x", "date": "2022-02-30"}]}),
            ok(p),
        ],
        "hangs past the timeout, then ok": lambda p: [hang(5.0, p), ok(p)],
        "always 500": lambda p: [status(500)],
    }
    plan = {}
    with FakeOpenAI(default=lambda i: payloads.get(i, {})) as server:
        for index, article in enumerate(articles):
            names = list(faults)
            if index % 2 == 0:
                name = names[(index // 2) % len(names)]
                server.script(article.id, *faults[name](payloads[article.id]))
                plan[article.id] = name
        with tempfile.TemporaryDirectory() as cache:
            settings = load_settings(
                {
                    "model": "gpt-4o-mini",
                    "base_url": server.base_url,
                    "cache_dir": cache,
                    "timeout_s": 1.0,
                    "max_attempts": 3,
                    "concurrency": 8,
                },
                environ={},
                dotenv_path=None,
            )
            started = time.perf_counter()
            batch = asyncio.run(extract_batch(articles, settings))
            first = time.perf_counter() - started
            started = time.perf_counter()
            again = asyncio.run(extract_batch(articles, settings))
            second = time.perf_counter() - started
    u = batch.usage
    print(f"articles: {len(articles)}   faults injected: {len(plan)}")
    for name in faults:
        hit = [a for a, n in plan.items() if n == name]
        done = sum(1 for o in batch.outcomes if o.article.id in hit and o.ok)
        print(f"  {name:<34} {len(hit):>3} articles, {done} extracted")
    print(f"extracted: {sum(o.ok for o in batch.outcomes)}   failed: {len(batch.failures)}")
    for o in batch.failures[:3]:
        print(f"  failure {o.article.id}: {o.error}")
    print(f"llm calls: {u.llm_calls}   retries: {u.retries} (of which re-asks {u.reasks})")
    print(f"tokens: {u.input_tokens} in, {u.output_tokens} out   seconds: {first:.2f}")
    print(
        f"re-run: {again.usage.llm_calls} calls for the {len(again.failures)} failed, "
        f"{again.usage.cache_hits} from cache, {second:.2f} s"
    )


if __name__ == "__main__":
    main()
