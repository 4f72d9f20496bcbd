"""Executors: where the per-event work runs (this process, or a Ray cluster)."""

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

EXECUTORS = ("local", "ray")


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
    address: str | None = None,
    client: openai.AsyncOpenAI | None = None,
    backend: AnyBackend | None = None,
) -> Executor:
    """The executor called `name` ('local' or 'ray').

    Raises:
        ConfigError: Unknown name, ray not installed, or an option the executor cannot honour.
    """
    if name == "local":
        from summarizer.executors.local import LocalExecutor

        return LocalExecutor(settings, client=client, backend=backend)
    if name == "ray":
        if client is not None or backend is not None:
            raise ConfigError(
                "the ray executor builds its model client on each worker; pass settings "
                "(model, base URL, key), not a client or backend object"
            )
        from summarizer.executors.ray import RayExecutor

        return RayExecutor(settings, address=address)
    raise ConfigError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")


__all__ = ["EXECUTORS", "EventResult", "Executor", "make_executor"]
