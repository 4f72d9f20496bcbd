"""Assembly: resolved clusters become consensus entities, ordered and numbered, with conflicts.

Every field is fused as the table in `fields.py` declares it; this module reads the mentions,
orders the entities and places the conflicts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from summarizer.judging import field_pairs
from summarizer.knowledge.calendar import month_name
from summarizer.knowledge.folding import fold_for_comparison
from summarizer.reconciliation.claims import ClaimDraft, OpenPair, assemble_claims
from summarizer.reconciliation.evidence import (
    Matcher,
    content_evidence,
    find_evidence,
    shows_with,
)
from summarizer.reconciliation.fields import EntityKind, FieldSpec, fields_of
from summarizer.reconciliation.fuse import (
    ConflictDraft,
    Context,
    Obs,
    fuse_list,
    fuse_scalar,
    fuse_status,
)
from summarizer.reconciliation.mentions import Batch, Mention, PersonMention
from summarizer.reconciliation.resolve import Resolution, SpeakerKey, speaker_relation
from summarizer.reconciliation.trust import said_by
from summarizer.records import (
    Conflict,
    ConsensusClaim,
    ConsensusField,
    ConsensusMeeting,
    ConsensusPerson,
    ConsensusProposal,
    ConsensusStatement,
    Meeting,
    Person,
    Proposal,
    Statement,
)

__all__ = ["Assembled", "assemble"]

# A record and the mention whose source, passages and date its values are observed with.
_Owned = tuple[Mention[Any], Person | Meeting | Proposal | Statement]


# --- observations -------------------------------------------------------------------------------

# A field's evidence is only passages that show its value: the record's own, else a sentence
# near them, else none (see `evidence` for each matcher). The format and status enums are not
# text (matcher `None`): their evidence is the record's passages. A statement's paraphrased
# content may be shown by several of its passages together (`content_evidence`).


def _obs(mention: Mention[Any], value: str, key: Hashable, matcher: Matcher | None) -> Obs:
    published = mention.published
    return Obs(
        value=value,
        key=key,
        source=mention.source,
        grounded=mention.grounded,
        published=published,
        spans=find_evidence(value, matcher, mention.spans, mention.text, published),
        shows=None if matcher is None else shows_with(matcher, published),
    )


def _statement_words(mention: Mention[Any], content: str) -> Obs:
    """A statement's content: its evidence may be several passages that together show it, so
    passages are not matched against other sources' wordings of the same statement."""
    return Obs(
        value=content,
        key=(mention.direct, fold_for_comparison(content)),
        source=mention.source,
        grounded=mention.grounded,
        published=mention.published,
        spans=content_evidence(
            content, mention.direct, mention.spans, mention.text, mention.published
        ),
    )


class _Reconciling:
    """What the fields' rules need from this reconciliation: how people are shown (a resolved
    person by their consensus name, others as written) and how speakers relate."""

    def __init__(self, res: Resolution) -> None:
        self.res = res
        self.display: dict[int, str] = {}  # person cluster -> consensus name, once fused

    def show_person(self, key: Hashable, wording: str) -> str:
        if isinstance(key, tuple) and key and key[0] == "person":
            return self.display.get(int(key[1]), wording)
        return wording

    def speakers_compatible(self, a: Hashable, b: Hashable) -> bool:
        if not (isinstance(a, tuple) and isinstance(b, tuple)):
            return a == b
        relation = speaker_relation(_speaker(a), _speaker(b), self.res.speaker_orgs)
        return relation != "incompatible"

    def person_key(
        self, spec: FieldSpec, mention: Mention[Any], person: Person, position: int
    ) -> Hashable:
        """The key people share when they are one person: their cluster, else their name."""
        if spec.person == "speaker":
            return self.res.speakers[mention.key]
        place = spec.person or "participant"
        pm = PersonMention(person, mention, place, position)
        cluster = self.res.person_of.get(pm.ref)
        if cluster is not None:
            return ("person", cluster)
        return ("other", fold_for_comparison(person.name))


def _speaker(key: tuple[Hashable, ...]) -> SpeakerKey:
    return (str(key[0]), key[1])


def _given(spec: FieldSpec, value: str) -> bool:
    """False for an empty value, and for "unknown" where it is among the field's choices."""
    return bool(value) and not (value == "unknown" and "unknown" in spec.choices)


def _observations(spec: FieldSpec, owned: Sequence[_Owned], run: _Reconciling) -> list[Obs]:
    """Every source's values for one field, as observations; values not given are left out."""
    out: list[Obs] = []
    for mention, record in owned:
        raw = getattr(record, spec.name)
        values = raw if isinstance(raw, list) else [raw]
        for position, value in enumerate(values):
            if isinstance(value, Person):
                key = run.person_key(spec, mention, value, position)
                matcher = spec.evidence
                if spec.person == "speaker" and isinstance(record, Statement):
                    matcher = said_by(record.content, mention.spans)  # shown saying it
                out.append(_obs(mention, value.name, key, matcher))
            elif not isinstance(value, str) or not _given(spec, value):
                continue
            elif spec.statement_words:
                out.append(_statement_words(mention, value))
            else:
                shown = spec.read(value) if spec.read is not None else value
                out.append(_obs(mention, shown, spec.key(shown), spec.evidence))
    return out


# --- drafts -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """An entity before its id: its fused fields, conflicts and place in the order."""

    sources: list[str]
    grounded: bool
    cluster: int = 0
    one: dict[str, ConsensusField] = field(default_factory=dict)  # single-valued fields
    many: dict[str, list[ConsensusField]] = field(default_factory=dict)  # list fields
    conflicts: list[ConflictDraft] = field(default_factory=list)
    sort_key: tuple[Any, ...] = ()
    subject: str = ""
    direct: bool = False
    about: str | None = None
    implausible: list[str] = field(default_factory=list)
    open_pairs: list[OpenPair] = field(default_factory=list)  # for the judge

    def text(self, name: str) -> str:
        """A fused single value as text ("" when nobody gave one)."""
        value = self.one[name].value
        return "" if value is None else str(value)


def _fuse(
    kind: EntityKind,
    owned: Sequence[_Owned],
    sources: list[str],
    ctx: Context,
    run: _Reconciling,
    *,
    grounded: bool,
    cluster: int = 0,
) -> _Draft:
    """Fuse every field the table declares for an entity of `kind`, in the table's order."""
    draft = _Draft(sources=sources, grounded=grounded, cluster=cluster)
    for spec in fields_of(kind):
        if not spec.fused:
            continue
        observations = _observations(spec, owned, run)
        conflict: ConflictDraft | None = None
        if spec.status is not None:
            status = spec.status
            draft.one[spec.name], conflict = fuse_status(
                observations, status.order, status.clashes, ctx, spec.name, final=status.final
            )
        elif spec.many:
            render = run.show_person if spec.kind == "people" else None
            draft.many[spec.name] = fuse_list(
                observations, ctx, similar=spec.similar, render=render
            )
        else:
            draft.one[spec.name], conflict = fuse_scalar(
                observations, spec.rule_for(run, [r for _, r in owned]), ctx, spec.name
            )
            shown = draft.one[spec.name].value
            for pair in field_pairs(kind, spec.name, observations, shown):
                draft.open_pairs.append(OpenPair(spec.name, pair))
        if conflict is not None:
            draft.conflicts.append(conflict)
    return draft


def _context(batch: Batch, sources: Iterable[str]) -> Context:
    return Context(frozenset(sources), batch.roots)


def _human_date(iso: str) -> str:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {month_name(parts[1])} {parts[0]}"
    if len(parts) == 2:
        return f"{month_name(parts[1])} {parts[0]}"
    return str(parts[0])


# --- the entities -------------------------------------------------------------------------------


def _people(batch: Batch, res: Resolution, run: _Reconciling) -> list[_Draft]:
    drafts: list[_Draft] = []
    for n, cluster in enumerate(res.people):
        sources = sorted({pm.source for pm in cluster})
        owned: list[_Owned] = [(pm.owner, pm.person) for pm in cluster]
        grounded = any(pm.owner.grounded for pm in cluster)
        draft = _fuse("person", owned, sources, _context(batch, sources), run, grounded=grounded)
        draft.cluster = n
        draft.subject = draft.text("name")
        draft.sort_key = (-len(sources), fold_for_comparison(draft.subject), draft.subject)
        drafts.append(draft)
    return drafts


def _meeting(
    batch: Batch, cluster: Sequence[Mention[Meeting]], run: _Reconciling, index: int
) -> _Draft:
    sources = sorted({m.source for m in cluster})
    owned: list[_Owned] = [(m, m.record) for m in cluster]
    grounded = any(m.grounded for m in cluster)
    ctx = _context(batch, sources)
    draft = _fuse("meeting", owned, sources, ctx, run, grounded=grounded, cluster=index)
    draft.implausible = sorted({m.implausible for m in cluster if m.implausible})
    draft.subject = draft.text("name")
    draft.sort_key = (
        -len(sources),
        draft.text("date") or "~",
        fold_for_comparison(draft.subject),
        min(m.key for m in cluster),
    )
    return draft


def _proposal(
    batch: Batch, cluster: Sequence[Mention[Proposal]], run: _Reconciling, index: int
) -> _Draft:
    sources = sorted({p.source for p in cluster})
    owned: list[_Owned] = [(p, p.record) for p in cluster]
    grounded = any(p.grounded for p in cluster)
    ctx = _context(batch, sources)
    draft = _fuse("proposal", owned, sources, ctx, run, grounded=grounded, cluster=index)
    draft.subject = draft.text("title")
    draft.sort_key = (
        -len(sources),
        draft.text("date") or "~",
        fold_for_comparison(draft.subject),
        min(p.key for p in cluster),
    )
    return draft


def _statement(
    batch: Batch,
    cluster: Sequence[Mention[Statement]],
    run: _Reconciling,
    about_ids: dict[tuple[str, int], str],
) -> _Draft:
    res = run.res
    sources = sorted({s.source for s in cluster})
    owned: list[_Owned] = [(s, s.record) for s in cluster]
    grounded = any(s.grounded for s in cluster)
    draft = _fuse("statement", owned, sources, _context(batch, sources), run, grounded=grounded)
    pool = [s for s in cluster if s.grounded] or list(cluster)
    draft.direct = any(s.direct for s in pool)
    targets = Counter(about_ids[res.about[s.key]] for s in pool if s.key in res.about)
    if targets:
        draft.about = min(targets, key=lambda t: (-targets[t], t))
    else:
        written = Counter(s.record.about for s in pool if s.record.about)
        draft.about = min(written, key=lambda t: (-written[t], t)) if written else None
    speaker, content = draft.text("speaker"), draft.text("content")
    draft.subject = f"{speaker}: {_short(content)}"
    draft.sort_key = (
        -len(sources),
        draft.text("date") or "~",
        fold_for_comparison(speaker),
        fold_for_comparison(content),
        min(s.key for s in cluster),
    )
    return draft


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the record ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Assembled:
    people: list[ConsensusPerson]
    meetings: list[ConsensusMeeting]
    proposals: list[ConsensusProposal]
    statements: list[ConsensusStatement]
    claims: list[ConsensusClaim]
    conflicts: list[Conflict]
    title: str | None
    # pairs of values the rules left open: the JSON Pointer of their field, the entity, the pair
    open_pairs: list[tuple[str, str, OpenPair]] = field(default_factory=list)


def _note(subject: str, draft: ConflictDraft) -> str:
    parts = [f"{v.value} ({', '.join(v.sources)})" for v in draft.values]
    note = f"{subject} — {draft.name}: " + " vs ".join(parts)
    if draft.extra:
        note += f"; {draft.extra}"
    if draft.ungrounded:
        note += "; only ungrounded records give " + ", ".join(draft.ungrounded)
    if draft.unshown:
        note += "; no passage of their sources shows " + ", ".join(draft.unshown)
    return note


def assemble(batch: Batch, res: Resolution) -> Assembled:
    """Fuse every cluster, order the entities, give ids and place conflicts at their paths."""
    run = _Reconciling(res)
    people = sorted(_people(batch, res, run), key=lambda d: d.sort_key)
    run.display = {d.cluster: d.text("name") for d in people}
    meetings = sorted(
        (_meeting(batch, c, run, n) for n, c in enumerate(res.meetings)),
        key=lambda d: d.sort_key,
    )
    proposals = sorted(
        (_proposal(batch, c, run, n) for n, c in enumerate(res.proposals)),
        key=lambda d: d.sort_key,
    )
    about_ids = _about_ids(meetings, proposals)

    statements = sorted(
        (_statement(batch, c, run, about_ids) for c in res.statements),
        key=lambda d: d.sort_key,
    )
    claims = assemble_claims(batch, res.claims, res, about_ids)
    conflicts: list[Conflict] = []

    def place(section: str, drafts: Sequence[_Draft | ClaimDraft]) -> None:
        for i, d in enumerate(drafts):
            for c in d.conflicts:
                conflicts.append(
                    Conflict(
                        id=f"c{len(conflicts) + 1}",
                        path=f"/{section}/{i}/{c.name}",
                        kind=c.kind,
                        severity=c.severity,
                        values=c.values,
                        note=_note(d.subject, c),
                    )
                )

    place("people", people)
    place("meetings", meetings)
    place("proposals", proposals)
    place("statements", statements)
    place("claims", claims)
    sections: tuple[tuple[str, Sequence[_Draft | ClaimDraft]], ...] = (
        ("people", people),
        ("meetings", meetings),
        ("statements", statements),
        ("claims", claims),
    )
    open_pairs = [
        (f"/{section}/{i}/{pair.field}", d.subject, pair)
        for section, drafts in sections
        for i, d in enumerate(drafts)
        for pair in d.open_pairs
    ]
    title = None
    if meetings:
        top = meetings[0]
        title = top.text("name")
        date = top.one["date"]
        if date.value and date.evidence:  # a date no passage shows stays out
            title += f", {_human_date(str(date.value))}"
    elif proposals:
        title = proposals[0].text("title")
    return Assembled(
        people=[_person_record(i, d) for i, d in enumerate(people)],
        meetings=[_meeting_record(i, d) for i, d in enumerate(meetings)],
        proposals=[_proposal_record(i, d) for i, d in enumerate(proposals)],
        statements=[_statement_record(i, d) for i, d in enumerate(statements)],
        claims=[
            ConsensusClaim(id=f"k{i + 1}", sources=d.sources, **d.fields)
            for i, d in enumerate(claims)
        ],
        conflicts=conflicts,
        title=title,
        open_pairs=open_pairs,
    )


# --- typed records --------------------------------------------------------------------------------
# One constructor per entity, so that mypy checks every field's type; a test checks that they
# and the table in `fields.py` name the same fields.


def _person_record(i: int, d: _Draft) -> ConsensusPerson:
    f = d.one
    return ConsensusPerson(
        id=f"person{i + 1}",
        sources=d.sources,
        name=f["name"],
        role=f["role"],
        organization=f["organization"],
        grounded=d.grounded,
    )


def _meeting_record(i: int, d: _Draft) -> ConsensusMeeting:
    f, lists = d.one, d.many
    return ConsensusMeeting(
        id=f"m{i + 1}",
        sources=d.sources,
        name=f["name"],
        date=f["date"],
        end_date=f["end_date"],
        time=f["time"],
        location=f["location"],
        format=f["format"],
        status=f["status"],
        chair=f["chair"],
        participants=lists["participants"],
        parties=lists["parties"],
        agenda=lists["agenda"],
        grounded=d.grounded,
        implausible=d.implausible,
    )


def _proposal_record(i: int, d: _Draft) -> ConsensusProposal:
    f, lists = d.one, d.many
    return ConsensusProposal(
        id=f"p{i + 1}",
        sources=d.sources,
        title=f["title"],
        proposer=f["proposer"],
        addressees=lists["addressees"],
        date=f["date"],
        demands=lists["demands"],
        status=f["status"],
        grounded=d.grounded,
    )


def _statement_record(i: int, d: _Draft) -> ConsensusStatement:
    f = d.one
    return ConsensusStatement(
        id=f"s{i + 1}",
        sources=d.sources,
        speaker=f["speaker"],
        content=f["content"],
        direct=d.direct,
        date=f["date"],
        channel=f["channel"],
        about=d.about,
        grounded=d.grounded,
    )


def _about_ids(
    meetings: Sequence[_Draft], proposals: Sequence[_Draft]
) -> dict[tuple[str, int], str]:
    ids: dict[tuple[str, int], str] = {}
    for i, d in enumerate(meetings):
        ids[("meeting", d.cluster)] = f"m{i + 1}"
    for i, d in enumerate(proposals):
        ids[("proposal", d.cluster)] = f"p{i + 1}"
    return ids
