"""A fake extractor for tests: answers what was enqueued and records what it was asked."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from summarizer.records import Article, ArticleExtraction
from summarizer.usage import Usage


class FakeExtractor:
    """Implements the extractor interface without a model or rules.

    Answers are given in advance with `enqueue` (in the order the articles will be asked, or
    for one article id) and may be exceptions, which are raised; with none left it answers an
    empty extraction. Every article asked is kept in `history`.
    """

    version = "fake"
    prompt_version = None
    priced = False

    def __init__(
        self,
        *,
        name: str = "fake",
        model: str | None = None,
        in_processes: bool = False,
        workers: int = 4,
    ) -> None:
        self.name = name
        self.workers = workers
        self.model = model
        self.in_processes = in_processes
        self.history: list[Article] = []
        self.closed = False
        self._queue: deque[ArticleExtraction | Exception] = deque()
        self._by_id: dict[str, deque[ArticleExtraction | Exception]] = {}

    def enqueue(
        self, *answers: ArticleExtraction | dict[str, Any] | Exception, article: str | None = None
    ) -> FakeExtractor:
        """Add answers (records, their JSON as a dict, or an exception to raise)."""
        queue = self._queue if article is None else self._by_id.setdefault(article, deque())
        for answer in answers:
            queue.append(
                ArticleExtraction.model_validate(answer) if isinstance(answer, dict) else answer
            )
        return self

    def _next(self, article: Article) -> ArticleExtraction | Exception:
        own = self._by_id.get(article.id)
        if own:
            return own.popleft()
        if self._queue:
            return self._queue.popleft()
        return ArticleExtraction()

    async def extract(self, article: Article, usage: Usage) -> ArticleExtraction:
        """The next enqueued answer; counts one call in `usage`."""
        self.history.append(article)
        usage.llm_calls += 1
        answer = self._next(article)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def extract_many(
        self, articles: Sequence[Article], usages: Sequence[Usage]
    ) -> list[ArticleExtraction | Exception]:
        """`extract` for each article in turn; exceptions stay in their slot."""
        out: list[ArticleExtraction | Exception] = []
        for article, usage in zip(articles, usages, strict=True):
            try:
                out.append(await self.extract(article, usage))
            except Exception as e:
                out.append(e)
        return out

    async def aclose(self) -> None:
        self.closed = True


if TYPE_CHECKING:  # mypy checks that the fake implements the interface
    from summarizer.backends.base import Extractor

    _: Extractor = FakeExtractor()

__all__ = ["FakeExtractor"]
