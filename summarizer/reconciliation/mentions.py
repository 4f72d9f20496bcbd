"""Every extracted record of every source as a mention: the record, its source and its evidence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from summarizer.dedup import find_duplicates
from summarizer.knowledge.folding import fold_for_comparison
from summarizer.reconciliation.trust import record_shown
from summarizer.records import (
    Claim,
    GroundedExtraction,
    GroundedRecord,
    Meeting,
    Person,
    Proposal,
    Source,
    Span,
    Statement,
)

__all__ = [
    "Batch",
    "Mention",
    "PersonMention",
    "RecordKind",
    "collect",
    "prepare_mentions",
]

RecordKind = Literal["meeting", "proposal", "statement", "claim"]
_KIND_ORDER: dict[RecordKind, int] = {"meeting": 0, "proposal": 1, "statement": 2, "claim": 3}

R = TypeVar("R", Meeting, Proposal, Statement, Claim)


@dataclass(frozen=True, slots=True)
class Mention(Generic[R]):
    """One extracted record in one source, with the passages that ground it."""

    source: str
    kind: RecordKind
    index: int
    record: R
    grounded: bool
    spans: tuple[Span, ...]
    published: str  # the source's ISO publication date, "" when unknown
    direct: bool = False  # statements: quoted words found in the text
    implausible: str | None = None  # why the record cannot hold as of its source's date
    # the source's original text, where evidence near the passages is looked for
    text: str = field(default="", compare=False, repr=False)

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.source, _KIND_ORDER[self.kind], self.index)


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named by a record: as its speaker, its chair or one of its participants."""

    person: Person
    owner: Mention[Meeting] | Mention[Statement]
    place: Literal["speaker", "chair", "participant"]
    position: int = 0

    @property
    def source(self) -> str:
        return self.owner.source

    @property
    def ref(self) -> tuple[str, int, int, str, int]:
        return (*self.owner.key, self.place, self.position)


@dataclass(slots=True)
class Batch:
    """Everything reconciliation works from, in a canonical order independent of input order."""

    sources: list[Source]
    published: dict[str, str]
    roots: dict[str, str]  # source id -> the source it is a copy of (itself when original)
    meetings: list[Mention[Meeting]] = field(default_factory=list)
    proposals: list[Mention[Proposal]] = field(default_factory=list)
    statements: list[Mention[Statement]] = field(default_factory=list)
    claims: list[Mention[Claim]] = field(default_factory=list)
    titles: dict[tuple[str, str], Mention[Meeting] | Mention[Proposal]] = field(
        default_factory=dict
    )  # (source, folded meeting name or proposal title) -> its record
    # `titles` grouped by source, each source's in title order (made on first use)
    _titles_by_source: dict[str, list[tuple[str, Mention[Meeting] | Mention[Proposal]]]] | None = (
        field(default=None, init=False, repr=False)
    )

    def titles_of(self, source: str) -> list[tuple[str, Mention[Meeting] | Mention[Proposal]]]:
        """The folded meeting names and proposal titles of one source with their records, in
        title order: one look-up per source rather than a walk over every source's titles."""
        if self._titles_by_source is None:
            grouped: dict[str, list[tuple[str, Mention[Meeting] | Mention[Proposal]]]] = {}
            for (sid, title), target in sorted(self.titles.items(), key=lambda kv: kv[0]):
                grouped.setdefault(sid, []).append((title, target))
            self._titles_by_source = grouped
        return self._titles_by_source.get(source, [])

    def independent(self, sources: Iterable[str]) -> int:
        """How many independent sources (copies counted with their original) are among these."""
        return len({self.roots.get(s, s) for s in sources})

    def people(self) -> list[PersonMention]:
        out: list[PersonMention] = []
        for meeting in self.meetings:
            if meeting.record.chair is not None:
                out.append(PersonMention(meeting.record.chair, meeting, "chair"))
            out.extend(
                PersonMention(p, meeting, "participant", i)
                for i, p in enumerate(meeting.record.participants)
            )
        out.extend(PersonMention(s.record.speaker, s, "speaker") for s in self.statements)
        return out


def _spans(grounding: GroundedRecord | None) -> tuple[Span, ...]:
    if grounding is None:
        return ()
    spans = list(grounding.spans)
    if grounding.content_span is not None:
        spans.append(grounding.content_span)
    unique = {(s.start, s.end): s for s in spans}
    return tuple(unique[k] for k in sorted(unique))


def _mention(
    kind: RecordKind,
    index: int,
    record: R,
    grounding: GroundedRecord | None,
    source: str,
    published: str,
    text: str,
) -> Mention[R]:
    direct = False
    if isinstance(record, Statement):
        flag = grounding.direct if grounding is not None else None
        direct = record.direct if flag is None else flag
    spans = _spans(grounding)
    return Mention(
        source=source,
        kind=kind,
        index=index,
        record=record,
        # aligned passages ground the record only when they show it
        grounded=grounding is not None
        and grounding.grounded
        and record_shown(record, spans, published),
        spans=spans,
        published=published,
        direct=direct,
        implausible=grounding.implausible if grounding is not None else None,
        text=text,
    )


def _mentions(
    kind: RecordKind,
    records: Sequence[R],
    groundings: Sequence[GroundedRecord],
    source: str,
    published: str,
    text: str,
) -> list[Mention[R]]:
    by_index = {g.index: g for g in groundings}
    return [
        _mention(kind, i, record, by_index.get(i), source, published, text)
        for i, record in enumerate(records)
    ]


_ArticleMentions = tuple[
    list[Mention[Meeting]], list[Mention[Proposal]], list[Mention[Statement]], list[Mention[Claim]]
]

# Each article's mentions worked out ahead (see `prepare_mentions`), by the grounded extraction
# they are made from (held with them, so that its id is not another's), until the next
# `collect` takes them over.
_PREPARED: dict[int, tuple[GroundedExtraction, _ArticleMentions]] = {}


def _article_mentions(item: GroundedExtraction) -> _ArticleMentions:
    """One article's mentions of each kind: those prepared for this very grounding, else made."""
    held = _PREPARED.pop(id(item), None)
    if held is not None and held[0] is item:
        return held[1]
    article, extraction = item.article, item.extraction
    sid, when, text = article.id, article.published or extraction.published or "", article.text
    return (
        _mentions("meeting", extraction.meetings, item.meetings, sid, when, text),
        _mentions("proposal", extraction.proposals, item.proposals, sid, when, text),
        _mentions("statement", extraction.statements, item.statements, sid, when, text),
        _mentions("claim", extraction.claims, item.claims, sid, when, text),
    )


def prepare_mentions(item: GroundedExtraction) -> None:
    """Make one article's mentions ahead of the `collect` that will take them over (while other
    articles are still being extracted, say). The batch is the same without."""
    _PREPARED[id(item)] = (item, _article_mentions(item))


def collect(grounded: Sequence[GroundedExtraction], *, strict: bool) -> Batch:
    """Gather sources and mentions; under `strict`, ungrounded records are left out."""
    items = sorted(grounded, key=lambda g: g.article.id)
    duplicates = find_duplicates([g.article for g in items])
    batch = Batch(sources=[], published={}, roots={})
    for item in items:
        article, extraction = item.article, item.extraction
        sid = article.id
        date = article.published or extraction.published
        batch.published[sid] = date or ""
        batch.roots[sid] = duplicates.get(sid, sid)
        meetings, proposals, statements, claims = _article_mentions(item)
        grounded_count = (
            sum(m.grounded for m in meetings)
            + sum(p.grounded for p in proposals)
            + sum(s.grounded for s in statements)
            + sum(c.grounded for c in claims)
        )
        total = len(meetings) + len(proposals) + len(statements) + len(claims)
        if strict:
            meetings = [m for m in meetings if m.grounded]
            proposals = [p for p in proposals if p.grounded]
            statements = [s for s in statements if s.grounded]
            claims = [c for c in claims if c.grounded]
        batch.meetings.extend(meetings)
        batch.proposals.extend(proposals)
        batch.statements.extend(statements)
        batch.claims.extend(claims)
        for m in meetings:
            batch.titles.setdefault((sid, fold_for_comparison(m.record.name)), m)
        for p in proposals:
            batch.titles.setdefault((sid, fold_for_comparison(p.record.title)), p)
        batch.sources.append(
            Source(
                id=sid,
                path=article.path,
                headline=article.headline or extraction.headline,
                outlet=article.outlet or extraction.outlet,
                published=date,
                sha256=article.sha256,
                chars=article.chars,
                duplicate_of=duplicates.get(sid),
                grounded=grounded_count,
                ungrounded=total - grounded_count,
            )
        )
    _PREPARED.clear()
    return batch
