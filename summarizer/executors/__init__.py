"""Executors: where the per-event work runs (this process)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from typing import TYPE_CHECKING, Protocol

from summarizer.config import Settings
from summarizer.errors import ConfigError
from summarizer.events import Event
from summarizer.executors.work import AnyBackend, EventResult
from summarizer.extraction import ExtractionOutcome

if TYPE_CHECKING:
    import openai  # noqa: TID251 - types only: the client a caller may inject

EXECUTORS = ("local",)


class Executor(Protocol):
    """Runs events and yields their results as they finish, in any order."""

    name: str

    def map(
        self,
        events: Iterable[Event],
        *,
        strict: bool = False,
        on_article: Callable[[ExtractionOutcome], None] | None = None,
    ) -> AsyncIterator[EventResult]: ...

    async def aclose(self) -> None: ...


def make_executor(
    name: str,
    settings: Settings,
    *,
    client: openai.AsyncOpenAI | None = None,
    backend: AnyBackend | None = None,
) -> Executor:
    """The executor called `name` ('local').

    Raises:
        ConfigError: Unknown name, ray not installed, or an option the executor cannot honour.
    """
    if name == "local":
        from summarizer.executors.local import LocalExecutor

        return LocalExecutor(settings, client=client, backend=backend)
    raise ConfigError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")


__all__ = ["EXECUTORS", "EventResult", "Executor", "make_executor"]
