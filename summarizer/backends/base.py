"""The extractor interface every backend implements, and what the pipeline may ask of it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

from summarizer.records import Article, ArticleExtraction
from summarizer.usage import Usage


class Extractor(Protocol):
    """Fills one `ArticleExtraction` per article.

    The pipeline asks a backend only what this interface declares: its identity and version
    (the cache key), whether its calls are priced, whether it works in processes of its own, and
    how many articles it takes at once. How it prompts, chunks or parses is its own business.
    """

    @property
    def name(self) -> str:
        """The backend's name, as recorded in `run.backend`."""
        ...

    @property
    def model(self) -> str | None:
        """The model it asks, or None when there is none."""
        ...

    @property
    def version(self) -> str:
        """Everything besides the article that determines its answer (rules, prompts, settings).

        Part of the cache key: a cached answer is reused only under the same version.
        """
        ...

    @property
    def prompt_version(self) -> str | None:
        """The hash of the prompts it sends, recorded in `run.prompt_version`; None without."""
        ...

    @property
    def priced(self) -> bool:
        """Whether its token counts cost money at the published prices."""
        ...

    @property
    def in_processes(self) -> bool:
        """True when it does CPU-bound work in processes of its own (and limits how many run
        at once itself, and keeps each article's time budget itself, from when one of its
        processes starts on it): running many events at once would only make them contend.
        False: it waits on a server, and many articles may be in flight."""
        ...

    @property
    def workers(self) -> int:
        """How many articles it extracts at once."""
        ...

    async def extract(self, article: Article, usage: Usage) -> ArticleExtraction:
        """One article's records, adding what it cost to `usage`.

        Raises:
            SummarizerError: The article could not be extracted; the message says why.
        """
        ...

    async def extract_many(
        self, articles: Sequence[Article], usages: Sequence[Usage]
    ) -> list[ArticleExtraction | Exception]:
        """Every article's records in input order; a failed article yields its exception."""
        ...

    async def aclose(self) -> None:
        """Release what it holds (connections, worker processes)."""
        ...


async def extract_each(
    extract: Callable[[Article, Usage], Awaitable[ArticleExtraction]],
    articles: Sequence[Article],
    usages: Sequence[Usage],
    *,
    failure: type[Exception] = Exception,
    gate: asyncio.Semaphore | None = None,
) -> list[ArticleExtraction | Exception]:
    """`extract` for every article at once (at most `gate` at a time), in input order; an
    article that fails with `failure` yields its exception in its slot."""

    async def one(article: Article, usage: Usage) -> ArticleExtraction | Exception:
        try:
            if gate is None:
                return await extract(article, usage)
            async with gate:
                return await extract(article, usage)
        except failure as e:
            return e

    return list(await asyncio.gather(*map(one, articles, usages)))


__all__ = ["Extractor", "extract_each"]
