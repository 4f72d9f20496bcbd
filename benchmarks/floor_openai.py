"""The floor for an LLM run: the plain openai client making the same calls, nothing else.

For each article it sends the same chat messages and tool schema `summarizer run` sends, with
the same bounded concurrency, and validates each answer with the same Pydantic record. No
instructor, no grounding, no reconciliation, no output: what any tool must at least spend.

    python benchmarks/floor_openai.py --articles 100 --concurrency 16 --latency 0.3
"""

from __future__ import annotations

import argparse
import asyncio
import math
import tempfile
import time
from pathlib import Path

import openai
from llm_corpus import latency_server, write_copies

from summarizer.ingest import read_articles
from summarizer.prompts import load_prompts, render_messages
from summarizer.records import ArticleExtraction


async def floor(folder: Path, base_url: str, concurrency: int) -> float:
    """Seconds for the plain client to make and validate every article's call."""
    articles = read_articles([folder]).articles
    prompts = load_prompts()
    schema = ArticleExtraction.model_json_schema()
    tools = [{"type": "function", "function": {"name": "ArticleExtraction", "parameters": schema}}]
    choice = {"type": "function", "function": {"name": "ArticleExtraction"}}
    client = openai.AsyncOpenAI(api_key="bench", base_url=base_url, max_retries=0, timeout=60)
    gate = asyncio.Semaphore(concurrency)

    async def one(article: object) -> ArticleExtraction:
        async with gate:
            response = await client.chat.completions.create(
                model="bench",
                messages=render_messages(article, prompts),  # type: ignore[arg-type]
                tools=tools,  # type: ignore[arg-type]
                tool_choice=choice,  # type: ignore[arg-type]
                temperature=0,
            )
        call = response.choices[0].message.tool_calls[0]  # type: ignore[index]
        return ArticleExtraction.model_validate_json(call.function.arguments)  # type: ignore[union-attr]

    start = time.perf_counter()
    results = await asyncio.gather(*(one(a) for a in articles))
    elapsed = time.perf_counter() - start
    await client.close()
    assert len(results) == len(articles)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--folder", type=Path, help="articles to send (default: fresh copies)")
    parser.add_argument("--base-url", help="a running server (default: start a latency server)")
    args = parser.parse_args()
    if args.folder and args.base_url:
        seconds = asyncio.run(floor(args.folder, args.base_url, args.concurrency))
        print(f"calls {seconds:.3f}")
        return
    with tempfile.TemporaryDirectory() as tmp, latency_server(args.latency) as url:
        folder = Path(tmp) / "articles"
        write_copies(folder, args.articles)
        seconds = asyncio.run(floor(folder, url, args.concurrency))
    ideal = math.ceil(args.articles / args.concurrency) * args.latency
    print(
        f"floor: {args.articles} calls at concurrency {args.concurrency}: {seconds:.2f} s "
        f"(ideal {ideal:.2f} s)"
    )


if __name__ == "__main__":
    main()
