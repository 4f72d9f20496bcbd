"""The local executor: events run concurrently in one process, sharing one pool of model calls."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable
from typing import TYPE_CHECKING

from summarizer.config import Settings
from summarizer.events import Event
from summarizer.executors.work import (
    AnyBackend,
    EventResult,
    GatedBackend,
    open_backend,
    summarize_event,
)
from summarizer.extraction import ExtractionOutcome

if TYPE_CHECKING:
    import openai  # noqa: TID251 - types only: the client a caller may inject


class LocalExecutor:
    """Runs events as asyncio tasks; every model call of every event passes one semaphore.

    Events start while fewer than two pools' worth of articles are in flight, so the pool
    stays full across event boundaries while only a few events hold their articles in memory.
    The offline extractor is CPU-bound: its events run one at a time.
    """

    name = "local"

    def __init__(
        self,
        settings: Settings,
        *,
        client: openai.AsyncOpenAI | None = None,
        backend: AnyBackend | None = None,
    ) -> None:
        self.settings = settings
        self._own = backend is None
        self.backend: AnyBackend = backend or open_backend(settings, client=client)
        self.gate = asyncio.Semaphore(settings.concurrency)

    async def map(
        self,
        events: Iterable[Event],
        *,
        strict: bool = False,
        on_article: Callable[[ExtractionOutcome], None] | None = None,
    ) -> AsyncIterator[EventResult]:
        """Run every event, yielding each result as soon as it is done."""
        # An extractor that spreads a batch over processes itself runs one event at a time;
        # model calls of all events share one gate.
        in_processes = self.backend.in_processes
        backend: AnyBackend = (
            self.backend if in_processes else GatedBackend(self.backend, self.gate)
        )
        budget = 1 if in_processes else 2 * self.settings.concurrency
        running: dict[asyncio.Task[EventResult], int] = {}
        queue = iter(events)
        exhausted = False
        try:
            while True:
                while not exhausted and (not running or sum(running.values()) < budget):
                    event = next(queue, None)
                    if event is None:
                        exhausted = True
                        break
                    task = asyncio.create_task(
                        summarize_event(
                            event, self.settings, backend, strict=strict, on_article=on_article
                        )
                    )
                    running[task] = max(1, event.size or len(event.articles))
                if not running:
                    return
                done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    del running[task]
                    yield task.result()
        finally:
            for task in running:
                task.cancel()
            if running:
                await asyncio.gather(*running, return_exceptions=True)

    async def aclose(self) -> None:
        if self._own:
            await self.backend.aclose()


__all__ = ["LocalExecutor"]
