"""The judge's questions and answers: value pairs the rules leave open, and typed verdicts.

No I/O and no model here: the questions come from reconciliation, the answers from
`backends.judge`. A verdict becomes a conflict only when it says `conflict` and every passage it
relied on is found in the articles of the two values (grounded like any quote); an invalid,
missing or ungrounded answer leaves the pair undecided, never a conflict.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from string import Template
from typing import Literal

from pydantic import Field, field_validator

from summarizer.prompts import Prompts
from summarizer.records import (
    Article,
    Conflict,
    ConflictValue,
    ConsensusRecord,
    Record,
    Span,
)

__all__ = [
    "JudgeAnswer",
    "PairVerdict",
    "Question",
    "apply_verdicts",
    "by_entity",
    "question_key",
    "render_judge_messages",
]

VerdictKind = Literal["same", "compatible", "update", "conflict", "unrelated"]


class PairVerdict(Record):
    """The verdict on one pair of values."""

    pair: str = Field(description="The pair's id as given, e.g. 'q1'.")
    verdict: VerdictKind = Field(
        description="'same' (one thing in other words), 'compatible' (both can hold), 'update' "
        "(a later state of something that changes), 'conflict' (both cannot hold, as the "
        "passages show), or 'unrelated' (not about the same thing)."
    )
    severity: Literal["high", "medium", "low"] = Field(
        default="low",
        description="For a conflict: 'high' when an analyst must resolve it, 'medium' when it "
        "matters less, 'low' for differences to merely notice.",
    )
    reason: str = Field(description="One line: why, e.g. why both values cannot hold.")
    passages: list[str] = Field(
        default_factory=list,
        description="The given passages relied on, copied character for character, one to three.",
    )

    @field_validator("verdict", mode="before")
    @classmethod
    def _token(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value


class JudgeAnswer(Record):
    """Verdicts on the pairs of one entity, one per pair."""

    verdicts: list[PairVerdict] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Question:
    """Two values of one field of one entity that the rules could not decide."""

    id: str  # "q1", unique within the record
    path: str  # JSON Pointer of the field, e.g. "/claims/3/value"
    subject: str  # what the entity is, for the reader and the model
    values: tuple[ConflictValue, ConflictValue]

    @property
    def entity(self) -> str:
        return self.path.rsplit("/", 1)[0]

    @property
    def field(self) -> str:
        return self.path.rsplit("/", 1)[1]


def by_entity(questions: Sequence[Question]) -> dict[str, list[Question]]:
    """The questions of each entity, in order: one judge call each."""
    grouped: dict[str, list[Question]] = defaultdict(list)
    for q in questions:
        grouped[q.entity].append(q)
    return dict(grouped)


def _passages(value: ConflictValue) -> list[str]:
    return [span.text for span in value.evidence][:3]


def _question_text(q: Question) -> str:
    a, b = q.values
    lines = [f"Pair {q.id} (field `{q.field}`):"]
    for label, value in (("A", a), ("B", b)):
        lines.append(f"  {label}: {json.dumps(value.value, ensure_ascii=False)} ")
        lines.append(f"     reported by {', '.join(value.sources)}")
        for passage in _passages(value):
            lines.append(f"     passage: {json.dumps(passage, ensure_ascii=False)}")
    return "\n".join(lines)


def render_judge_messages(questions: Sequence[Question], prompts: Prompts) -> list[dict[str, str]]:
    """The chat messages asking about one entity's open pairs."""
    first = questions[0]
    user = Template(prompts.user).safe_substitute(
        entity=first.entity,
        subject=first.subject,
        questions="\n\n".join(_question_text(q) for q in questions),
    )
    return [{"role": "system", "content": prompts.system}, {"role": "user", "content": user}]


def question_key(questions: Sequence[Question], model: str | None, prompt_version: str) -> str:
    """The cache key of one judge call: the model, the prompt and everything asked."""
    payload = {
        "model": model or "",
        "prompt": prompt_version,
        "questions": [
            {
                "id": q.id,
                "path": q.path,
                "subject": q.subject,
                "values": [v.model_dump(mode="json") for v in q.values],
            }
            for q in questions
        ],
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


_KINDS: Mapping[str, Literal["value_mismatch", "date_mismatch", "number_mismatch", "other"]] = {
    "date": "date_mismatch",
    "end_date": "date_mismatch",
    "quantity": "number_mismatch",
}


def _grounded(
    passages: Sequence[str], sources: Sequence[str], articles: Mapping[str, Article]
) -> list[Span] | None:
    """The spans of every passage in the pair's articles, or None when one is not found."""
    from summarizer.ground import align  # rapidfuzz: loaded when a verdict is checked

    spans: list[Span] = []
    for passage in passages:
        found = None
        for source in sources:
            article = articles.get(source)
            if article is not None:
                found = align(article.text, passage, article.id)
                if found is not None:
                    break
        if found is None:
            return None
        spans.append(found)
    return spans


def apply_verdicts(
    record: ConsensusRecord,
    questions: Sequence[Question],
    verdicts: Mapping[str, PairVerdict],
    articles: Mapping[str, Article],
) -> tuple[ConsensusRecord, int]:
    """The record with a conflict for each grounded `conflict` verdict; and how many pairs
    stayed undecided (no answer, or passages not found in the pair's articles)."""
    conflicts = list(record.conflicts)
    undecided = 0
    for q in questions:
        verdict = verdicts.get(q.id)
        if verdict is None:
            undecided += 1
            continue
        if verdict.verdict != "conflict":
            continue
        sources = sorted({s for v in q.values for s in v.sources})
        spans = _grounded(verdict.passages, sources, articles) if verdict.passages else None
        if not spans:
            undecided += 1
            continue
        a, b = q.values
        reason = " ".join(verdict.reason.split())
        conflicts.append(
            Conflict(
                id=f"c{len(conflicts) + 1}",
                path=q.path,
                kind=_KINDS.get(q.field, "value_mismatch"),
                severity=verdict.severity,
                values=[a, b],
                note=f"{q.subject} — {q.field}: {a.value} ({', '.join(a.sources)}) vs "
                f"{b.value} ({', '.join(b.sources)}); judged by the model: {reason}",
            )
        )
    return record.model_copy(update={"conflicts": conflicts}), undecided
