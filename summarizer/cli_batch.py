"""The `summarizer batch` command: progress over events and articles, one summary line."""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Callable

from summarizer.config import Settings
from summarizer.errors import ConfigError, InputError
from summarizer.executors.work import EventResult
from summarizer.extraction import ExtractionOutcome
from summarizer.progress import Bars

EXIT_OK, EXIT_FAILURES = 0, 1


class BatchProgress(Bars):
    """Two progress bars (events, articles) on a terminal; nothing when piped or quiet."""

    def __init__(self, events: int, articles: int, enabled: bool) -> None:
        super().__init__({"events": events, "articles": articles}, enabled)

    def article(self, outcome: ExtractionOutcome) -> None:
        self.advance("articles")

    def event(self, result: EventResult, articles_counted: bool) -> None:
        self.advance("events")
        if not articles_counted:
            self.advance("articles", len(result.articles))

    def status(self, text: str) -> None:
        if self.bar:
            self.bar.update(self.tasks["events"], description=f"events ({text})")


class Tally:
    """What the whole batch did, for the summary line and the exit code."""

    def __init__(self) -> None:
        self.events = self.skipped = self.failed_events = 0
        self.articles = self.failed_articles = 0
        self.calls = self.retries = self.cached = self.tokens_in = self.tokens_out = 0
        self.cost: float | None = 0.0
        self.backend = ""

    def add(self, result: EventResult) -> None:
        run = result.record.run
        self.events += 1
        self.articles += len(result.articles)
        self.failed_articles += len(run.failures)
        self.failed_events += bool(run.failures)
        if result.skipped:
            self.skipped += 1
            return
        self.backend = run.backend + (f"/{run.model}" if run.model else "")
        self.calls += run.llm_calls
        self.retries += run.retries
        self.cached += run.cache_hits
        self.tokens_in += run.input_tokens
        self.tokens_out += run.output_tokens
        if run.cost_usd is None or self.cost is None:
            self.cost = None
        else:
            self.cost += run.cost_usd

    def line(self, seconds: float, out_dir: object) -> str:
        cost = "unknown" if self.cost is None else f"${self.cost:.4f}"
        return (
            f"{self.events} events ({self.skipped} unchanged, {self.failed_events} with "
            f"failures), {self.articles} articles, {self.failed_articles} failed, {self.calls} "
            f"calls, {self.retries} retries, {self.cached} cached, {self.tokens_in} in / "
            f"{self.tokens_out} out tokens, cost {cost}, {seconds:.1f}s"
            + (f" [{self.backend}]" if self.backend else "")
            + f"; records in {out_dir}"
        )


def command_batch(args: argparse.Namespace, settings: Settings, say: Callable[[str], None]) -> int:
    """Plan the events, run them, write OUT_DIR; the exit code as for `run`."""
    from summarizer.batch import OutputFolder, check_out_dir, plan_events, run_plan

    if args.cluster_threshold is not None and not args.cluster:
        raise ConfigError("--cluster-threshold needs --cluster")
    if args.cluster_threshold is not None and not 0 < args.cluster_threshold <= 1:
        raise ConfigError("--cluster-threshold takes a number above 0 and at most 1")
    if args.batch_api and settings.resolved_backend != "openai":
        raise ConfigError("--batch-api needs a model: pass --model (and a key or --base-url)")
    if args.batch_api and args.executor != "local":
        raise ConfigError("--batch-api runs on the local executor; drop --executor ray")
    if args.address and args.executor != "ray":
        raise ConfigError("--address is for --executor ray")
    check_out_dir(args.output, args.paths)
    if not settings.no_cache:
        from summarizer.cache import check_cache_dir

        check_cache_dir(settings.cache_dir)
    folder = OutputFolder(args.output, report=args.report)
    plan = plan_events(
        args.paths,
        cluster=args.cluster,
        threshold=args.cluster_threshold,
        max_bytes=settings.max_bytes,
        previous=folder.previous_ids(),
    )
    for problem in plan.problems:
        say(f"skipped {problem}")
    if not plan.events:
        raise InputError("no events to summarise")
    if settings.implicit_offline:
        say(
            "no model configured: using the offline extractor (rules, no LLM); set "
            "SUMMARIZER_MODEL and OPENAI_API_KEY or OPENAI_BASE_URL to use a model"
        )
    tally = Tally()
    clock = time.perf_counter()
    per_article = args.executor == "local"

    async def go(progress: BatchProgress) -> None:
        async for result in run_plan(
            plan,
            settings,
            executor=args.executor,
            address=args.address,
            batch_api=args.batch_api,
            strict=args.strict,
            report=args.report,
            on_article=progress.article,
            on_status=progress.status if progress.bar else say,
            folder=folder,
        ):
            tally.add(result)
            progress.event(result, per_article and not result.skipped)
            for failure in result.record.run.failures:
                say(f"failed {result.event.id}/{failure.source}: {failure.error}")

    with BatchProgress(len(plan.events), plan.articles, not args.quiet) as progress:
        asyncio.run(go(progress))
    say(tally.line(time.perf_counter() - clock, args.output))
    failed = tally.failed_articles or plan.problems
    return EXIT_FAILURES if failed else EXIT_OK


__all__ = ["command_batch"]
