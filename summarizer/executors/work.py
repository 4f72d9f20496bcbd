"""The work of one event (read, extract, ground, reconcile) and the gate all model calls share."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarizer.backends.base import Extractor
from summarizer.config import Settings, redact
from summarizer.errors import SummarizerError
from summarizer.events import Event
from summarizer.extraction import ExtractionOutcome, extract_batch, make_backend
from summarizer.ingest import read_articles
from summarizer.records import Article, ArticleExtraction, ConsensusRecord, Failure, Run
from summarizer.usage import Usage

if TYPE_CHECKING:
    import openai  # noqa: TID251 - types only: the client a caller may inject

log = logging.getLogger("summarizer.batch")
AnyBackend = Extractor


class GatedBackend:
    """An extractor whose articles all pass one gate, shared by every event of a batch.

    The gate is any async context manager: an `asyncio.Semaphore` in one process, or a
    semaphore held by a Ray actor across processes and machines.
    """

    def __init__(self, inner: Extractor, gate: AbstractAsyncContextManager[Any]) -> None:
        self.inner = inner
        self.gate = gate

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def model(self) -> str | None:
        return self.inner.model

    @property
    def version(self) -> str:
        return self.inner.version

    @property
    def prompt_version(self) -> str | None:
        return self.inner.prompt_version

    @property
    def priced(self) -> bool:
        return self.inner.priced

    @property
    def in_processes(self) -> bool:
        return self.inner.in_processes

    @property
    def workers(self) -> int:
        return self.inner.workers

    async def extract(self, article: Article, usage: Usage) -> ArticleExtraction:
        async with self.gate:
            return await self.inner.extract(article, usage)

    async def extract_many(
        self, articles: Sequence[Article], usages: Sequence[Usage]
    ) -> list[ArticleExtraction | Exception]:
        async with self.gate:
            return await self.inner.extract_many(articles, usages)

    async def aclose(self) -> None:
        """The inner backend belongs to whoever made it; nothing to close here."""


def open_backend(settings: Settings, *, client: openai.AsyncOpenAI | None = None) -> AnyBackend:
    """One backend for a whole batch; the offline extractor parses on one core per process."""
    if settings.resolved_backend == "offline" and client is None:
        return make_backend(settings.model_copy(update={"concurrency": 1}))
    return make_backend(settings, client=client)


def backend_signature(backend: AnyBackend) -> dict[str, Any]:
    """What about the backend decides the answers (for knowing when a record is stale)."""
    return {"backend": backend.name, "model": backend.model, "version": backend.version}


@dataclass
class EventResult:
    """One event's record, and how many of its articles were read."""

    event: Event
    record: ConsensusRecord
    articles: list[tuple[str, str]]  # (id, path) of each article read
    skipped: bool = False  # unchanged since the last run: the record on disk was kept

    @property
    def failures(self) -> int:
        return len(self.record.run.failures)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def failed_record(event: Event, error: str, backend: str = "none") -> ConsensusRecord:
    """The record of an event that could not run at all: empty, with the reason."""
    return ConsensusRecord(
        title=event.name,
        run=Run(backend=backend, started=_now(), failures=[Failure(source=event.id, error=error)]),
        grouping=event.grouping,
    )


async def summarize_event(
    event: Event,
    settings: Settings,
    backend: AnyBackend,
    *,
    strict: bool = False,
    on_article: Callable[[ExtractionOutcome], None] | None = None,
) -> EventResult:
    """Read, extract, ground and reconcile one event; never raises for the event's own faults."""
    from summarizer.pipeline import reconcile, run_of

    problems = []
    if event.articles:
        articles = list(event.articles)
    else:
        ingested = await asyncio.to_thread(
            read_articles, list(event.paths), max_bytes=settings.max_bytes
        )
        articles, problems = ingested.articles, ingested.problems
    refs = [(a.id, a.path) for a in articles]
    try:
        if not articles:
            reasons = "; ".join(str(p) for p in problems[:3]) or "no articles"
            return EventResult(event, failed_record(event, f"no readable articles ({reasons})"), [])
        batch = await extract_batch(articles, settings, backend=backend, on_done=on_article)
        run = run_of(batch, problems)
        record = await asyncio.to_thread(reconcile, batch.outcomes, strict=strict, run=run)
    except SummarizerError as e:
        record = failed_record(event, str(e), backend.name)
    except Exception as e:  # a bug or an unexpected library error: this event only
        log.exception("unexpected error in event %s", event.id)
        secret = settings.api_key.get_secret_value() if settings.api_key else None
        error = redact(f"unexpected {e.__class__.__name__}: {e}", secret)
        record = failed_record(event, error, backend.name)
    if event.grouping is not None:
        record = record.model_copy(update={"grouping": event.grouping})
    return EventResult(event, record, refs)


__all__ = [
    "EventResult",
    "GatedBackend",
    "backend_signature",
    "failed_record",
    "open_backend",
    "summarize_event",
]
