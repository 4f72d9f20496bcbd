"""The judge's model call: one instructor request per entity, typed verdicts back."""

from __future__ import annotations

import logging

import openai

from summarizer.backends.openai import OpenAIBackend
from summarizer.config import Settings
from summarizer.errors import BackendError, ExtractionError
from summarizer.judging import JudgeAnswer
from summarizer.usage import Usage

log = logging.getLogger("summarizer.judge")

__all__ = ["JudgeBackend"]


class JudgeBackend:
    """Asks the model for verdicts through the same transport and re-ask layers as extraction.

    A failed or invalid answer is logged and returned as None: the pairs stay undecided.
    """

    def __init__(self, settings: Settings, *, client: openai.AsyncOpenAI | None = None) -> None:
        self._backend = OpenAIBackend(settings, client=client)
        self.model = self._backend.model

    @property
    def priced(self) -> bool:
        return self._backend.priced

    async def judge(self, messages: list[dict[str, str]], usage: Usage) -> JudgeAnswer | None:
        try:
            return await self._backend.ask_for(messages, JudgeAnswer, usage)
        except (BackendError, ExtractionError) as e:
            log.warning("the judge gave no usable answer (%s); the pairs stay undecided", e)
            return None

    async def aclose(self) -> None:
        await self._backend.aclose()
