"""Extract: per-article records from a backend, concurrently, cached, failures isolated."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel

from summarizer.backends.base import Extractor
from summarizer.cache import ExtractionCache, cache_key
from summarizer.config import Settings, redact
from summarizer.errors import SummarizerError
from summarizer.ingest import date_together
from summarizer.records import Article, ArticleExtraction
from summarizer.usage import Usage

if TYPE_CHECKING:
    import openai  # noqa: TID251 - types only: the client a caller may inject

log = logging.getLogger("summarizer.extraction")


@dataclass
class ExtractionOutcome:
    """One article's result: its extraction, or the reason it failed."""

    article: Article
    extraction: ArticleExtraction | None = None
    error: str | None = None
    cached: bool = False
    usage: Usage = field(default_factory=Usage)

    @property
    def ok(self) -> bool:
        return self.extraction is not None


@dataclass(repr=False)
class ExtractionBatch:
    """All articles' outcomes, in input order, and what the batch cost."""

    outcomes: list[ExtractionOutcome]
    backend: str
    model: str | None
    prompt_version: str | None
    started: str
    duration_s: float
    usage: Usage
    cost_usd: float | None

    def __repr__(self) -> str:
        # Short: asyncio.run builds the repr of its coroutine's result as it ends (through
        # signal.getsignal), which for a thousand extractions would be a text of 50 MB.
        failed = len(self.failures)
        return (
            f"ExtractionBatch(backend={self.backend!r}, model={self.model!r}, "
            f"outcomes={len(self.outcomes)}, failures={failed})"
        )

    @property
    def failures(self) -> list[ExtractionOutcome]:
        return [o for o in self.outcomes if not o.ok]


# One set of given field names per record class and set of names; see `compact`.
_FIELD_SETS: dict[tuple[type[BaseModel], frozenset[str]], set[str]] = {}


def compact(value: object) -> None:
    """Let every record in `value` (a record, or a list of them, and the records they hold)
    share its set of given field names with the equal sets of other records of its class.

    Pydantic keeps, for each record, the set of the fields its input gave (what
    `model_dump(exclude_unset=True)` reads). A set of a few names takes 200 to 700 bytes, more
    than most records' own values, and a batch holds about a hundred records per article (the
    extraction and its grounding) until it is reconciled: 50 MB at a thousand articles. Those
    sets are equal across most records of a class, so one of each is kept. A shared set never
    changes: records are not assigned to once made, and a copy (`model_copy`) gets a set of
    its own.
    """
    if isinstance(value, BaseModel):
        given = value.__pydantic_fields_set__
        shared = _FIELD_SETS.setdefault((type(value), frozenset(given)), given)
        if shared is not given:
            object.__setattr__(value, "__pydantic_fields_set__", shared)
        for item in value.__dict__.values():
            if isinstance(item, (BaseModel, list)):
                compact(item)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (BaseModel, list)):
                compact(item)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{error.__class__.__name__}: {text[0] if text else ''}"[:300]


def _over_budget(settings: Settings) -> str:
    return (
        f"took longer than the time budget of one article ({settings.article_timeout_s:g} s); "
        "skipped — raise --article-timeout (SUMMARIZER_ARTICLE_TIMEOUT) or split the article"
    )


def make_backend(settings: Settings, *, client: openai.AsyncOpenAI | None = None) -> Extractor:
    """The backend the settings ask for; the client is injectable for the openai backend."""
    if settings.resolved_backend == "offline" and client is None:
        from summarizer.backends.offline import OfflineBackend

        return OfflineBackend(settings)
    from summarizer.backends.openai import OpenAIBackend

    return OpenAIBackend(settings, client=client)


async def extract_batch(
    articles: Sequence[Article],
    settings: Settings,
    *,
    client: openai.AsyncOpenAI | None = None,
    backend: Extractor | None = None,
    on_done: Callable[[ExtractionOutcome], None] | None = None,
) -> ExtractionBatch:
    """Extract every article; one failure never stops the others.

    Each finished extraction is cached at once, so an interrupted batch resumes where it
    stopped. Each article has `settings.article_timeout_s` seconds (retries included); an
    article over it fails and the others go on.

    Args:
        articles: The ingested articles, reports of one event (a report dated only by month
            and day takes its year from the others' dates; see `ingest.date_together`).
        settings: Backend, model, concurrency, cache and retry settings.
        client: An `openai.AsyncOpenAI` client to use instead of building one.
        backend: An extractor to use instead of building one (tests, custom servers).
        on_done: Called with each outcome as it finishes (e.g. to advance a progress bar).
    """
    articles = date_together(articles)  # reports of one event vouch for each other's year
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    own_backend = backend is None
    extractor = backend or make_backend(settings, client=client)
    cache = None if settings.no_cache else ExtractionCache(settings.cache_dir)
    outcomes = [ExtractionOutcome(article=a) for a in articles]
    secret = settings.api_key.get_secret_value() if settings.api_key else None

    def key_of(article: Article) -> str:
        return cache_key(
            article_sha256=article.sha256,
            backend=extractor.name,
            model=extractor.model,
            mode=None,
            prompt_version=extractor.prompt_version,
            extra=extractor.version,
        )

    def finish(outcome: ExtractionOutcome, result: ArticleExtraction | BaseException) -> None:
        if isinstance(result, ArticleExtraction):
            compact(result)  # held until the batch is reconciled
            outcome.extraction = result
            if cache is not None:
                try:
                    cache.put(key_of(outcome.article), result, article_id=outcome.article.id)
                except SummarizerError as e:
                    log.warning("not cached: %s", e)
        elif isinstance(result, SummarizerError):
            outcome.error = str(result)
        else:  # a bug or an unexpected library error: isolate it
            log.error("unexpected error on %s", outcome.article.id, exc_info=result)
            outcome.error = redact(
                f"{extractor.name} extractor failed: {_first_line(result)}", secret
            )
        if on_done:
            on_done(outcome)

    pending: list[ExtractionOutcome] = []
    for outcome in outcomes:
        hit = cache.get(key_of(outcome.article)) if cache else None
        if hit is not None:
            compact(hit)
            outcome.extraction, outcome.cached = hit, True
            outcome.usage.cache_hits = 1
            if on_done:
                on_done(outcome)
        else:
            pending.append(outcome)

    gate = asyncio.Semaphore(extractor.workers)
    # An extractor in processes of its own keeps the budget itself, from when one starts on it.
    budget = None if extractor.in_processes else settings.article_timeout_s

    async def run(outcome: ExtractionOutcome) -> None:
        result: ArticleExtraction | BaseException | None
        async with gate:
            try:
                result = await asyncio.wait_for(
                    extractor.extract(outcome.article, outcome.usage), budget
                )
            except TimeoutError:
                outcome.error, result = _over_budget(settings), None
            except Exception as e:
                result = e
        if result is None:
            if on_done:
                on_done(outcome)
        else:
            finish(outcome, result)

    try:
        await asyncio.gather(*(run(o) for o in pending))
    finally:
        if own_backend:
            await extractor.aclose()

    total = Usage()
    for outcome in outcomes:
        total.add(outcome.usage)
    # No model, nothing to pay; a model off the price list (or unpriced server): unknown.
    cost = (
        0.0 if extractor.model is None else total.cost_usd(extractor.model, priced=extractor.priced)
    )
    return ExtractionBatch(
        outcomes=outcomes,
        backend=extractor.name,
        model=extractor.model,
        prompt_version=extractor.prompt_version,
        started=started.isoformat(timespec="seconds"),
        duration_s=round(time.perf_counter() - clock, 3),
        usage=total,
        cost_usd=cost,
    )


__all__ = [
    "ExtractionBatch",
    "ExtractionOutcome",
    "compact",
    "extract_batch",
    "make_backend",
]
