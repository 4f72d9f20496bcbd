"""The Ray executor: each event is a Ray task; one actor holds the cluster-wide call limit.

A local cluster is started when no address is given (and `RAY_ADDRESS` is unset); with an
address the tasks run on that cluster. The per-event work is the very function the local
executor runs, so records are the same apart from the run's timing.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

from summarizer.config import Settings
from summarizer.errors import ConfigError
from summarizer.events import Event
from summarizer.executors.work import (
    AnyBackend,
    EventResult,
    GatedBackend,
    open_backend,
    summarize_event,
)
from summarizer.extraction import ExtractionOutcome
from summarizer.records import ConsensusRecord

log = logging.getLogger("summarizer.batch")


class CallLimiter:
    """A semaphore living in one Ray actor: every worker's model calls pass through it."""

    def __init__(self, limit: int) -> None:
        self.semaphore = asyncio.Semaphore(limit)
        self.held = 0
        self.most = 0

    async def acquire(self) -> None:
        await self.semaphore.acquire()
        self.held += 1
        self.most = max(self.most, self.held)

    async def release(self) -> None:
        self.held -= 1
        self.semaphore.release()

    async def peak(self) -> int:
        """The most calls that were ever in flight at once."""
        return self.most


class RayGate:
    """An async context manager over the limiter actor, for `GatedBackend`."""

    def __init__(self, limiter: Any) -> None:
        self.limiter = limiter

    async def __aenter__(self) -> None:
        await self.limiter.acquire.remote()

    async def __aexit__(self, *exc: object) -> None:
        await self.limiter.release.remote()


_OFFLINE: dict[str, AnyBackend] = {}  # one offline extractor per worker process


def _backend_for(settings: Settings) -> AnyBackend:
    if settings.resolved_backend == "offline":
        key = settings.model_dump_json()
        if key not in _OFFLINE:
            _OFFLINE[key] = open_backend(settings)
        return _OFFLINE[key]
    return open_backend(settings)


def run_event_task(
    event: Event, settings: Settings, strict: bool, limiter: Any
) -> tuple[str, list[tuple[str, str]]]:
    """The body of one Ray task: the event's record as JSON, and its articles."""

    async def go() -> EventResult:
        backend = _backend_for(settings)
        if backend.in_processes:
            return await summarize_event(event, settings, backend, strict=strict)
        try:
            gated = GatedBackend(backend, RayGate(limiter))
            return await summarize_event(event, settings, gated, strict=strict)
        finally:
            await backend.aclose()

    result = asyncio.run(go())
    return result.record.model_dump_json(), result.articles


class RayExecutor:
    """Runs events as Ray tasks, a few per CPU of the cluster in flight at once."""

    name = "ray"

    def __init__(self, settings: Settings, *, address: str | None = None) -> None:
        try:
            ray: Any = importlib.import_module("ray")
        except ImportError:
            raise ConfigError(
                "--executor ray needs Ray: pip install 'summarizer[ray]' (or '.[ray]' from a "
                "checkout)"
            ) from None
        self.ray = ray
        self.settings = settings
        self._started = False
        if not ray.is_initialized():
            target = address or os.environ.get("RAY_ADDRESS") or None
            if target is None:
                os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            try:
                ray.init(
                    address=target,
                    include_dashboard=False,
                    logging_level=logging.WARNING,
                    log_to_driver=False,
                    configure_logging=False,
                )
            except (ConnectionError, RuntimeError, ValueError) as e:
                raise ConfigError(
                    f"cannot join the Ray cluster at {target}: {e}; check --address / "
                    "RAY_ADDRESS, or leave both unset to start a local cluster"
                ) from None
            self._started = True
        limiter_class = ray.remote(num_cpus=0, max_concurrency=10_000)(CallLimiter)
        self.limiter = limiter_class.remote(settings.concurrency)
        self.task = ray.remote(num_cpus=1, max_retries=1)(run_event_task)

    async def map(
        self,
        events: Iterable[Event],
        *,
        strict: bool = False,
        on_article: Callable[[ExtractionOutcome], None] | None = None,
    ) -> AsyncIterator[EventResult]:
        """Submit the events as tasks, a bounded number at once; yield results as they end."""
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        budget = max(2, 2 * cpus, 2 * self.settings.concurrency)
        queue = iter(events)
        running: dict[asyncio.Future[Any], Event] = {}
        try:
            while True:
                while len(running) < budget:
                    event = next(queue, None)
                    if event is None:
                        break
                    ref = self.task.remote(event, self.settings, strict, self.limiter)
                    running[asyncio.wrap_future(ref.future())] = event
                if not running:
                    return
                done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for future in done:
                    event = running.pop(future)
                    yield self._result(event, future)
        finally:
            for future in running:
                future.cancel()

    def _result(self, event: Event, future: asyncio.Future[Any]) -> EventResult:
        from summarizer.executors.work import failed_record

        try:
            text, articles = future.result()
        except Exception as e:  # the task or its worker died: this event only
            log.warning("event %s failed on Ray: %s", event.id, e)
            first = str(e).strip().splitlines()[0] if str(e).strip() else ""
            error = f"Ray task failed: {e.__class__.__name__}: {first}"[:300]
            return EventResult(event, failed_record(event, error, "ray"), [])
        record = ConsensusRecord.model_validate_json(text)
        return EventResult(event, record, [(str(i), str(p)) for i, p in articles])

    async def peak_calls(self) -> int:
        """The most model calls that were in flight at once, across all workers."""
        return int(await self.limiter.peak.remote())

    async def aclose(self) -> None:
        self.ray.kill(self.limiter)
        if self._started:
            self.ray.shutdown()


__all__ = ["CallLimiter", "RayExecutor", "RayGate", "run_event_task"]
