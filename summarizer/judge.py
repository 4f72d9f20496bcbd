"""Judging a record: ask the model about the value pairs the rules left open, per entity.

Off by default (`--judge`, `SUMMARIZER_JUDGE`). Verdicts are cached like extractions, keyed by
the model, the judge prompt's version and everything asked; calls, tokens and cost are added to
the record's `run`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from summarizer.config import Settings
from summarizer.errors import ConfigError
from summarizer.files import write_text_atomic
from summarizer.judging import (
    JudgeAnswer,
    PairVerdict,
    Question,
    apply_verdicts,
    by_entity,
    question_key,
    render_judge_messages,
)
from summarizer.prompts import load_judge_prompts
from summarizer.records import Article, ConsensusRecord
from summarizer.usage import Usage

if TYPE_CHECKING:
    import openai  # noqa: TID251 - types only: the client a caller may inject

log = logging.getLogger("summarizer.judge")

__all__ = ["check_judge", "judge_record"]


def check_judge(settings: Settings) -> None:
    """Refuse `--judge` when no model can answer.

    Raises:
        ConfigError: The offline backend is in use.
    """
    if settings.judge and settings.resolved_backend == "offline":
        raise ConfigError(
            "--judge needs a model; the offline backend cannot judge: set SUMMARIZER_MODEL "
            "(and OPENAI_API_KEY or OPENAI_BASE_URL), or drop --judge"
        )


class _VerdictCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / "judge" / key[:2] / f"{key}.json"

    def get(self, key: str) -> JudgeAnswer | None:
        if self.folder is None:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return JudgeAnswer.model_validate(data["answer"]) if data.get("key") == key else None
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            return None

    def put(self, key: str, answer: JudgeAnswer) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            entry = {"key": key, "answer": answer.model_dump(mode="json")}
            write_text_atomic(path, json.dumps(entry, ensure_ascii=False, sort_keys=True))
        except OSError as e:
            log.warning("cannot cache a verdict in %s (%s)", path.parent, e.strerror or e)


async def judge_record(
    record: ConsensusRecord,
    questions: Sequence[Question],
    articles: Mapping[str, Article],
    settings: Settings,
    *,
    client: openai.AsyncOpenAI | None = None,
) -> ConsensusRecord:
    """The record with the judge's grounded conflicts added and its cost counted in `run`.

    Raises:
        ConfigError: No model is configured (see `check_judge`).
    """
    check_judge(settings)
    if not questions:
        return record
    from summarizer.backends.judge import JudgeBackend

    backend = JudgeBackend(settings, client=client)
    prompts = load_judge_prompts()
    cache = _VerdictCache(None if settings.no_cache else Path(settings.cache_dir))
    usage = Usage()
    limit = asyncio.Semaphore(settings.concurrency)
    verdicts: dict[str, PairVerdict] = {}

    async def ask(entity_questions: list[Question]) -> None:
        key = question_key(entity_questions, backend.model, prompts.version)
        answer = cache.get(key)
        if answer is not None:
            usage.cache_hits += 1
        else:
            async with limit:
                answer = await backend.judge(
                    render_judge_messages(entity_questions, prompts), usage
                )
            if answer is not None:
                cache.put(key, answer)
        if answer is None:
            return
        asked = {q.id for q in entity_questions}
        for verdict in answer.verdicts:
            if verdict.pair in asked:
                verdicts.setdefault(verdict.pair, verdict)

    try:
        await asyncio.gather(*(ask(qs) for qs in by_entity(questions).values()))
    finally:
        await backend.aclose()
    judged, outcome = apply_verdicts(record, questions, verdicts, articles)
    log.info(
        "judge: %d pairs asked in %d calls; %d conflicts raised, %d low flags withdrawn, "
        "%d pairs undecided",
        len(questions),
        usage.llm_calls,
        outcome.raised,
        outcome.withdrawn,
        outcome.undecided,
    )
    run = judged.run
    cost = usage.cost_usd(backend.model, priced=backend.priced)
    total = None if cost is None or (run.cost_usd is None and run.llm_calls) else cost
    if total is not None:
        total = round(total + (run.cost_usd or 0.0), 6)
    updated = run.model_copy(
        update={
            "llm_calls": run.llm_calls + usage.llm_calls,
            "retries": run.retries + usage.retries,
            "input_tokens": run.input_tokens + usage.input_tokens,
            "output_tokens": run.output_tokens + usage.output_tokens,
            "cache_hits": run.cache_hits + usage.cache_hits,
            "cost_usd": total,
        }
    )
    return judged.model_copy(update={"run": updated})
