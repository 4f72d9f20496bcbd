"""The judge's questions and answers: value pairs the rules leave open, and typed verdicts.

No I/O and no model here: the questions come from reconciliation, the answers from
`backends.judge`. The candidates are pairs of values of one field of one entity that the rules
cannot decide (`open_pairs`, by the table `CANDIDATES`): claim values of no comparable kind,
clock readings that do not convert, a meeting's names when neither wording contains or reads
like the other ("summit" / "Permanent Council meeting"), a meeting's places the place rules leave
undecided (a venue and a town it may lie in), a statement's contexts when both place
the remark at a moment of the event ("ahead of the talks" / "as he opened the meeting"), and a
person's roles when the office table does not know one of the wordings. A difference the rules
only flag `low` (two wordings of an organisation, one day apart across time zones) is asked
about too (`questions_for`).

A verdict counts only when every passage it relied on is found in the articles of the two
values (grounded like any quote): `conflict` becomes a conflict at the field's JSON Pointer with
the judge's severity and reason (replacing a low flag of the rules); `same`, `compatible` or
`update` withdraw the rules' low flag of the pair, since the judge read that both hold.
`unrelated` changes nothing. An invalid, missing or ungrounded answer leaves the pair
undecided: never a conflict, and a low flag stays as the rules raised it.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from string import Template
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from summarizer.knowledge.contexts import timed
from summarizer.knowledge.folding import fold_for_comparison
from summarizer.normalize import meeting_name_words, text_key, topics_similar
from summarizer.prompts import Prompts
from summarizer.records import (
    Article,
    Conflict,
    ConflictValue,
    ConsensusRecord,
    Record,
    Span,
)
from summarizer.semantics.places import compare_places
from summarizer.semantics.roles import compare_roles, posts

if TYPE_CHECKING:
    from summarizer.reconciliation.fuse import Obs

__all__ = [
    "CANDIDATES",
    "JudgeAnswer",
    "Outcome",
    "PairVerdict",
    "Question",
    "apply_verdicts",
    "by_entity",
    "contexts_open",
    "field_pairs",
    "names_open",
    "question_key",
    "questions_for",
    "render_judge_messages",
    "roles_open",
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
    flag: str | None = None  # the id of the low conflict the rules raised for this pair

    @property
    def entity(self) -> str:
        return self.path.rsplit("/", 1)[0]

    @property
    def field(self) -> str:
        return self.path.rsplit("/", 1)[1]


# --- candidates ---------------------------------------------------------------------------------
# Each predicate says whether two wordings of one field are a pair the rules leave open.


def _wording_decides(a: str, b: str) -> bool:
    """One wording in other words: equal after folding and aliases, one a fuller wording of the
    other (its words contain the other's), or two that read alike."""
    if fold_for_comparison(a) == fold_for_comparison(b):
        return True
    ka, kb = set(text_key(a)), set(text_key(b))
    if not ka or not kb or ka <= kb or kb <= ka:
        return True
    return topics_similar(a, b)


def names_open(a: str, b: str) -> bool:
    """Two names of one meeting that the rules cannot read as one: "OSCE summit" and "OSCE
    Permanent Council meeting". Names are one when their distinctive words (not the generic
    meeting nouns or dates) are the same after aliases ("NRC meeting" / "NATO-Russia Council
    talks"), or one name only adds words to the other ("meeting" / "Permanent Council
    meeting")."""
    if fold_for_comparison(a) == fold_for_comparison(b):
        return False
    ka, kb = meeting_name_words(a), meeting_name_words(b)
    return bool(ka) and bool(kb) and not (ka <= kb or kb <= ka)


def contexts_open(a: str, b: str) -> bool:
    """Two contexts of one remark that both place it at a moment of the event, in words the
    rules cannot compare ("ahead of the talks" / "as he opened the meeting"). A context that
    only says whom the words were told to ("told reporters") fits any moment."""
    return timed(a) and timed(b) and not _wording_decides(a, b)


def roles_open(a: str, b: str) -> bool:
    """Two roles of one person that the office table cannot decide: one of the wordings names
    no office it knows ("chief negotiator for the region" / "presidential aide" are decided;
    "top diplomat" / "Foreign Minister" is not), or both name one kind of office of two bodies
    it cannot relate (the director of a space centre / a mission director)."""
    if _wording_decides(a, b):
        return False
    pa, pb = posts(a), posts(b)
    if not (pa and pb):
        return True
    return compare_roles(a, b) == "different" and any(
        x.office == y.office and x.rank == y.rank for x in pa for y in pb
    )


def places_open(a: str, b: str) -> bool:
    """Two places of one meeting that the place rules leave undecided: a venue and a town it
    may or may not lie in ("the civil protection centre in Reykjavik" / "Hella"), two wordings
    of a venue in one town."""
    return compare_places(a, b) == "undecided"


# (entity kind, field) → whether two of its values are a pair the rules leave open
CANDIDATES: Mapping[tuple[str, str], Callable[[str, str], bool]] = {
    ("meeting", "name"): names_open,
    ("meeting", "location"): places_open,
    ("statement", "channel"): contexts_open,
    ("person", "role"): roles_open,
}
# At most this many pairs of one field are asked about: the shown value against the others.
MAX_PAIRS_PER_FIELD = 4


def field_pairs(
    kind: str, name: str, observations: Sequence[Obs], shown: object
) -> list[tuple[ConflictValue, ConflictValue]]:
    """The pairs of one field's values that the rules leave open (see `CANDIDATES`): the shown
    value against each other wording, both shown by a passage of their sources; at most
    `MAX_PAIRS_PER_FIELD`, the wordings more sources give first."""
    undecided = CANDIDATES.get((kind, name))
    if undecided is None or not isinstance(shown, str) or not shown:
        return []
    by_key: dict[Hashable, list[Obs]] = defaultdict(list)
    for o in observations:
        by_key[fold_for_comparison(o.value)].append(o)
    home = by_key.get(fold_for_comparison(shown))
    if not home:
        return []
    mine = _value(home, shown)
    pairs: list[tuple[ConflictValue, ConflictValue]] = []
    # the best-supported other wordings first
    for key in sorted(by_key, key=lambda k: (-len({o.source for o in by_key[k]}), repr(k))):
        group = by_key[key]
        if group is home:
            continue
        wording = _common(group)
        other = _value(group, wording)
        if mine.evidence and other.evidence and undecided(shown, wording):
            pairs.append((mine, other))
    return pairs[:MAX_PAIRS_PER_FIELD]


def _common(group: Sequence[Obs]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for o in group:
        counts[o.value] += 1
    return min(counts, key=lambda v: (-counts[v], v))


def _value(group: Sequence[Obs], wording: str) -> ConflictValue:
    spans = {(s.source, s.start, s.end): s for o in group for s in o.spans}
    return ConflictValue(
        value=wording,
        sources=sorted({o.source for o in group}),
        evidence=[spans[k] for k in sorted(spans)],
    )


def _subject(record: ConsensusRecord, entity: str) -> str:
    """What the entity at a JSON Pointer is, in a few words."""
    section, _, index = entity.strip("/").partition("/")
    try:
        found: Any = getattr(record, section)[int(index)]
    except (AttributeError, IndexError, ValueError):
        return entity
    if section == "claims":
        return f"{found.about.value} — {found.attribute.value}"
    if section == "statements":
        content = str(found.content.value or "")
        return f"{found.speaker.value}: {content[:59] + '…' if len(content) > 60 else content}"
    field = {"people": "name", "meetings": "name", "proposals": "title"}.get(section)
    return str(getattr(found, field).value) if field else entity


def questions_for(
    record: ConsensusRecord, open_pairs: Sequence[tuple[str, str, Sequence[ConflictValue]]]
) -> list[Question]:
    """The record's questions for the judge: every pair the rules left open (JSON Pointer,
    subject, the two values), and every low conflict the rules raised (its values' first
    against each other), numbered q1, q2, ... in the order of their entities."""
    drafts: list[tuple[str, str, tuple[ConflictValue, ConflictValue], str | None]] = [
        (path, subject, (values[0], values[1]), None) for path, subject, values in open_pairs
    ]
    for conflict in record.conflicts:
        if conflict.severity != "low" or len(conflict.values) < 2:
            continue
        entity = conflict.path.rsplit("/", 1)[0]
        first, *others = conflict.values
        for other in others:
            drafts.append((conflict.path, _subject(record, entity), (first, other), conflict.id))
    return [
        Question(f"q{n + 1}", path, subject, values, flag)
        for n, (path, subject, values, flag) in enumerate(drafts)
    ]


def by_entity(questions: Sequence[Question]) -> dict[str, list[Question]]:
    """The questions of each entity, in order: one judge call each."""
    grouped: dict[str, list[Question]] = defaultdict(list)
    for q in questions:
        grouped[q.entity].append(q)
    return dict(grouped)


def _passages(value: ConflictValue) -> list[str]:
    return [span.text for span in value.evidence][:3]


# What a field holds, for the model, by the section of the record and the field's name.
_FIELD_WORDS: Mapping[tuple[str, str], str] = {
    ("meetings", "name"): "what the meeting is called: its name and its kind",
    ("statements", "channel"): "where, when or how the words were said",
    ("people", "role"): "the office or post this one person holds",
    ("people", "organization"): "the organisation this one person belongs to",
    ("claims", "value"): "the value of the fact",
    ("claims", "date"): "the date of the fact",
}


def _question_text(q: Question) -> str:
    a, b = q.values
    section = q.entity.strip("/").split("/", 1)[0]
    what = _FIELD_WORDS.get((section, q.field))
    lines = [f"Pair {q.id} (field `{q.field}`{': ' + what if what else ''}):"]
    if q.flag is not None:
        lines.append("  The rules noted this difference as minor but could not rule it out.")
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
                **({"flag": True} if q.flag is not None else {}),
            }
            for q in questions
        ],
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


_KINDS: Mapping[
    str,
    Literal["value_mismatch", "date_mismatch", "number_mismatch", "attribution_mismatch", "other"],
] = {
    "date": "date_mismatch",
    "end_date": "date_mismatch",
    "quantity": "number_mismatch",
    "attributed_to": "attribution_mismatch",
    "speaker": "attribution_mismatch",
}
# Verdicts saying both values hold: they withdraw the rules' low flag of the pair.
_BOTH_HOLD = frozenset({"same", "compatible", "update"})


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


@dataclass(slots=True)
class Outcome:
    """What the verdicts did to a record."""

    raised: int = 0  # conflicts added or confirmed by the judge
    withdrawn: int = 0  # low flags of the rules withdrawn
    undecided: int = 0  # pairs without a usable, grounded verdict


def apply_verdicts(
    record: ConsensusRecord,
    questions: Sequence[Question],
    verdicts: Mapping[str, PairVerdict],
    articles: Mapping[str, Article],
) -> tuple[ConsensusRecord, Outcome]:
    """The record with the grounded verdicts applied (see the module's docstring), conflicts
    numbered afresh; and what they did."""
    outcome = Outcome()
    replaced: dict[str, Conflict] = {}  # flag id -> the judge's conflict in its place
    added: list[Conflict] = []
    flag_votes: dict[str, list[bool]] = defaultdict(list)  # flag id -> do both values hold?
    for q in questions:
        verdict = verdicts.get(q.id)
        grounded = verdict is not None and _verdict_grounded(verdict, q, articles)
        if verdict is None or not grounded:
            outcome.undecided += 1
            if q.flag is not None:
                flag_votes[q.flag].append(False)
            continue
        if q.flag is not None:
            flag_votes[q.flag].append(verdict.verdict in _BOTH_HOLD)
        if verdict.verdict != "conflict":
            continue
        conflict = _judged_conflict(q, verdict)
        if q.flag is not None:
            replaced.setdefault(q.flag, conflict)
        else:
            added.append(conflict)
        outcome.raised += 1
    withdrawn = {flag for flag, votes in flag_votes.items() if votes and all(votes)}
    outcome.withdrawn = len(withdrawn)
    conflicts: list[Conflict] = []
    for c in record.conflicts:
        if c.id in withdrawn:
            continue
        conflicts.append(replaced.get(c.id, c))
    conflicts += added
    numbered = [c.model_copy(update={"id": f"c{n + 1}"}) for n, c in enumerate(conflicts)]
    return record.model_copy(update={"conflicts": numbered}), outcome


def _verdict_grounded(verdict: PairVerdict, q: Question, articles: Mapping[str, Article]) -> bool:
    """Whether the verdict quotes at least one passage and every passage it quotes is found in
    the articles of the pair's values."""
    if not verdict.passages:
        return False
    sources = sorted({s for v in q.values for s in v.sources})
    return bool(_grounded(verdict.passages, sources, articles))


def _judged_conflict(q: Question, verdict: PairVerdict) -> Conflict:
    a, b = q.values
    reason = " ".join(verdict.reason.split())
    return Conflict(
        id="c0",  # numbered with the record's others
        path=q.path,
        kind=_KINDS.get(q.field, "value_mismatch"),
        severity=verdict.severity,
        values=[a, b],
        note=f"{q.subject} — {q.field}: {a.value} ({', '.join(a.sources)}) vs "
        f"{b.value} ({', '.join(b.sources)}); judged by the model: {reason}",
    )
