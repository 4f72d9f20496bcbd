"""Assembly: resolved clusters become consensus entities, ordered and numbered, with conflicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from summarizer.knowledge.calendar import month_name
from summarizer.knowledge.folding import fold_for_comparison
from summarizer.normalize import (
    date_precision,
    dates_compatible,
    name_key,
    org_key,
    orgs_compatible,
    personal_name,
    place_key,
    places_compatible,
    role_key,
    role_relation,
    time_key,
    times_compatible,
    topic_key,
)
from summarizer.reconciliation.evidence import (
    Matcher,
    content_evidence,
    date_shown,
    find_evidence,
    name_shown,
    place_shown,
    time_shown,
    words_shown,
)
from summarizer.reconciliation.fuse import (
    ConflictDraft,
    Context,
    Obs,
    Rule,
    always,
    fuse_list,
    fuse_scalar,
    fuse_status,
)
from summarizer.reconciliation.mentions import Batch, Mention, PersonMention
from summarizer.reconciliation.resolve import Resolution, SpeakerKey, speaker_relation
from summarizer.records import (
    Conflict,
    ConsensusField,
    ConsensusMeeting,
    ConsensusPerson,
    ConsensusProposal,
    ConsensusStatement,
    Meeting,
    Proposal,
    Span,
    Statement,
)

__all__ = ["Assembled", "assemble"]

_MEETING_STATUS = {"proposed": 0, "scheduled": 1, "cancelled": 2, "held": 3}
_MEETING_CLASHES = (frozenset({"held", "cancelled"}),)
_PROPOSAL_STATUS = {"proposed": 0, "under_discussion": 1, "accepted": 2, "rejected": 2}
_PROPOSAL_CLASHES = (frozenset({"accepted", "rejected"}),)


# --- evidence -----------------------------------------------------------------------------------

# A field's evidence is only passages that show its value: the record's own, else a sentence
# near them, else none (see `evidence` for each matcher). The format and status enums are not
# text (matcher `None`): their evidence is the record's passages. A statement's paraphrased
# content may be shown by several of its passages together (`content_evidence`).
_words_in = words_shown
_surname_in = name_shown
_place_in = place_shown
_time_in = time_shown
_date_in = date_shown


def _evidence(mention: Mention[Any], value: str, matcher: Matcher | None) -> tuple[Span, ...]:
    """The passages of the record that show the value; none when nothing near them does."""
    return find_evidence(value, matcher, mention.spans, mention.text, mention.published)


def _shows(matcher: Matcher, published: str) -> Callable[[str, str], bool]:
    def shows(value: str, passage: str) -> bool:
        return matcher(value, passage, published)

    return shows


def _obs(mention: Mention[Any], value: str, key: Hashable, matcher: Matcher | None) -> Obs:
    return Obs(
        value=value,
        key=key,
        source=mention.source,
        grounded=mention.grounded,
        published=mention.published,
        spans=_evidence(mention, value, matcher),
        shows=None if matcher is None else _shows(matcher, mention.published),
    )


def _content_obs(mention: Mention[Statement]) -> Obs:
    """A statement's content: its evidence may be several passages that together show it, so
    passages are not matched against other sources' wordings of the same statement."""
    content = mention.record.content
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


# --- rules --------------------------------------------------------------------------------------

DATE = Rule(
    compatible=lambda a, b: dates_compatible(a.value, b.value),
    specificity=lambda o: date_precision(o.value),
    display="specific",
    kind="date_mismatch",
    severity="high",
)
TIME = Rule(
    compatible=lambda a, b: times_compatible(a.value, b.value),
    kind="date_mismatch",
    severity="high",
)
PLACE = Rule(
    compatible=lambda a, b: places_compatible(a.value, b.value),
    specificity=lambda o: len(place_key(o.value)),
)
ENUM = Rule()
WORDING = Rule(compatible=always, conflicts=False)
ORGANIZATION = Rule(
    compatible=lambda a, b: a.key == b.key or orgs_compatible(a.value, b.value),
    specificity=lambda o: len(org_key(o.value)),
    severity="low",
)
# Every spelling of one person's name; a full name is shown before a bare surname.
PERSON_NAME = Rule(
    compatible=always,
    specificity=lambda o: 2 if (k := name_key(o.value)) and k.given else 1,
    display="specific",
    conflicts=False,
)
ROLE = Rule(
    compatible=lambda a, b: role_relation(a.value, b.value) in ("same", "compatible"),
    specificity=lambda o: len(role_key(o.value)),
    contradicts=lambda a, b: role_relation(a.value, b.value) == "incompatible",
)


def _time_obs_key(value: str) -> Hashable:
    return time_key(value) or fold_for_comparison(value)


def _place_obs_key(value: str) -> Hashable:
    return tuple(sorted(place_key(value))) or fold_for_comparison(value)


def _org_obs_key(value: str) -> Hashable:
    return tuple(sorted(org_key(value))) or fold_for_comparison(value)


# --- drafts -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """An entity before its id: its fields, conflicts and place in the order."""

    sort_key: tuple[Any, ...]
    sources: list[str]
    fields: dict[str, Any]
    conflicts: list[ConflictDraft] = field(default_factory=list)
    subject: str = ""
    cluster: int = 0


def _scalar(
    draft: _Draft,
    name: str,
    observations: Sequence[Obs],
    rule: Rule,
    ctx: Context,
) -> ConsensusField:
    result, conflict = fuse_scalar(observations, rule, ctx, name)
    if conflict is not None:
        draft.conflicts.append(conflict)
    return result


def _context(batch: Batch, sources: Iterable[str]) -> Context:
    return Context(frozenset(sources), batch.roots)


def _human_date(iso: str) -> str:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {month_name(parts[1])} {parts[0]}"
    if len(parts) == 2:
        return f"{month_name(parts[1])} {parts[0]}"
    return str(parts[0])


# --- people -------------------------------------------------------------------------------------


def _people(batch: Batch, res: Resolution) -> list[_Draft]:
    drafts: list[_Draft] = []
    for n, cluster in enumerate(res.people):
        sources = sorted({pm.source for pm in cluster})
        ctx = _context(batch, sources)
        draft = _Draft((), sources, {}, cluster=n)
        written = [(pm, personal_name(pm.person.name) or pm.person.name) for pm in cluster]
        names = [
            _obs(pm.owner, name, fold_for_comparison(name), _surname_in) for pm, name in written
        ]
        draft.fields["name"] = _scalar(draft, "name", names, PERSON_NAME, ctx)
        draft.subject = str(draft.fields["name"].value)
        roles = [
            _obs(pm.owner, pm.person.role, fold_for_comparison(pm.person.role), _words_in)
            for pm in cluster
            if pm.person.role
        ]
        draft.fields["role"] = _scalar(draft, "role", roles, ROLE, ctx)
        orgs = [
            _obs(pm.owner, pm.person.organization, _org_obs_key(pm.person.organization), _words_in)
            for pm in cluster
            if pm.person.organization
        ]
        draft.fields["organization"] = _scalar(draft, "organization", orgs, ORGANIZATION, ctx)
        draft.fields["grounded"] = any(pm.owner.grounded for pm in cluster)
        draft.sort_key = (-len(sources), fold_for_comparison(draft.subject), draft.subject)
        drafts.append(draft)
    return drafts


# --- meetings -----------------------------------------------------------------------------------


class _Names:
    """How people are shown: a resolved person by their consensus name, others as written."""

    def __init__(self, res: Resolution, people: Sequence[_Draft]) -> None:
        self.person_of = res.person_of
        self.display = {d.cluster: str(d.fields["name"].value) for d in people}

    def key(self, pm: PersonMention) -> Hashable:
        cluster = self.person_of.get(pm.ref)
        if cluster is not None:
            return ("person", cluster)
        return ("other", fold_for_comparison(pm.person.name))

    def render(self, key: Hashable, wording: str) -> str:
        if isinstance(key, tuple) and key and key[0] == "person":
            return self.display.get(int(key[1]), wording)
        return wording


def _meeting(
    batch: Batch, cluster: Sequence[Mention[Meeting]], names: _Names, index: int
) -> _Draft:
    sources = sorted({m.source for m in cluster})
    ctx = _context(batch, sources)
    draft = _Draft((), sources, {}, cluster=index)
    f = draft.fields
    f["name"] = _scalar(
        draft,
        "name",
        [_obs(m, m.record.name, fold_for_comparison(m.record.name), _words_in) for m in cluster],
        WORDING,
        ctx,
    )
    draft.subject = str(f["name"].value)
    for attr in ("date", "end_date"):
        values = [(m, getattr(m.record, attr)) for m in cluster]
        f[attr] = _scalar(
            draft,
            attr,
            [_obs(m, v, v, _date_in) for m, v in values if v],
            DATE,
            ctx,
        )
    f["time"] = _scalar(
        draft,
        "time",
        [
            _obs(m, m.record.time, _time_obs_key(m.record.time), _time_in)
            for m in cluster
            if m.record.time
        ],
        TIME,
        ctx,
    )
    f["location"] = _scalar(
        draft,
        "location",
        [
            _obs(m, m.record.location, _place_obs_key(m.record.location), _place_in)
            for m in cluster
            if m.record.location
        ],
        PLACE,
        ctx,
    )
    f["format"] = _scalar(
        draft,
        "format",
        [
            _obs(m, m.record.format, m.record.format, None)
            for m in cluster
            if m.record.format != "unknown"
        ],
        ENUM,
        ctx,
    )
    status, conflict = fuse_status(
        [
            _obs(m, m.record.status, m.record.status, None)
            for m in cluster
            if m.record.status != "unknown"
        ],
        _MEETING_STATUS,
        _MEETING_CLASHES,
        ctx,
        "status",
        final="held",
    )
    f["status"] = status
    if conflict is not None:
        draft.conflicts.append(conflict)
    chairs = [PersonMention(m.record.chair, m, "chair") for m in cluster if m.record.chair]
    f["chair"] = _scalar(
        draft,
        "chair",
        [_obs(pm.owner, pm.person.name, names.key(pm), _surname_in) for pm in chairs],
        Rule(render=names.render),
        ctx,
    )
    participants = [
        PersonMention(p, m, "participant", i)
        for m in cluster
        for i, p in enumerate(m.record.participants)
    ]
    f["participants"] = fuse_list(
        [_obs(pm.owner, pm.person.name, names.key(pm), _surname_in) for pm in participants],
        ctx,
        render=names.render,
    )
    f["parties"] = fuse_list(
        [_obs(m, p, _org_obs_key(p), _words_in) for m in cluster for p in m.record.parties], ctx
    )
    f["agenda"] = fuse_list(
        [
            _obs(m, a, topic_key(a) or fold_for_comparison(a), _words_in)
            for m in cluster
            for a in m.record.agenda
        ],
        ctx,
        similar="topic",
    )
    f["grounded"] = any(m.grounded for m in cluster)
    draft.sort_key = (
        -len(sources),
        f["date"].value or "~",
        fold_for_comparison(draft.subject),
        min(m.key for m in cluster),
    )
    return draft


# --- proposals ----------------------------------------------------------------------------------


def _proposal(batch: Batch, cluster: Sequence[Mention[Proposal]], index: int) -> _Draft:
    sources = sorted({p.source for p in cluster})
    ctx = _context(batch, sources)
    draft = _Draft((), sources, {}, cluster=index)
    f = draft.fields
    f["title"] = _scalar(
        draft,
        "title",
        [_obs(p, p.record.title, fold_for_comparison(p.record.title), _words_in) for p in cluster],
        WORDING,
        ctx,
    )
    draft.subject = str(f["title"].value)
    f["proposer"] = _scalar(
        draft,
        "proposer",
        [_obs(p, p.record.proposer, _org_obs_key(p.record.proposer), _words_in) for p in cluster],
        Rule(
            compatible=ORGANIZATION.compatible,
            specificity=ORGANIZATION.specificity,
        ),
        ctx,
    )
    f["addressees"] = fuse_list(
        [_obs(p, a, _org_obs_key(a), _words_in) for p in cluster for a in p.record.addressees],
        ctx,
    )
    f["date"] = _scalar(
        draft,
        "date",
        [_obs(p, p.record.date, p.record.date, _date_in) for p in cluster if p.record.date],
        DATE,
        ctx,
    )
    f["demands"] = fuse_list(
        [
            _obs(p, d, topic_key(d) or fold_for_comparison(d), _words_in)
            for p in cluster
            for d in p.record.demands
        ],
        ctx,
        similar="topic",
    )
    status, conflict = fuse_status(
        [
            _obs(p, p.record.status, p.record.status, None)
            for p in cluster
            if p.record.status != "unknown"
        ],
        _PROPOSAL_STATUS,
        _PROPOSAL_CLASHES,
        ctx,
        "status",
    )
    f["status"] = status
    if conflict is not None:
        draft.conflicts.append(conflict)
    f["grounded"] = any(p.grounded for p in cluster)
    draft.sort_key = (
        -len(sources),
        f["date"].value or "~",
        fold_for_comparison(draft.subject),
        min(p.key for p in cluster),
    )
    return draft


# --- statements ---------------------------------------------------------------------------------


def _statement(
    batch: Batch,
    cluster: Sequence[Mention[Statement]],
    res: Resolution,
    names: _Names,
    about_ids: dict[tuple[str, int], str],
) -> _Draft:
    sources = sorted({s.source for s in cluster})
    ctx = _context(batch, sources)
    draft = _Draft((), sources, {})
    f = draft.fields
    orgs = res.speaker_orgs
    rank = {"person": 2, "individual": 1, "body": 0}

    def speaker_key(o: Obs) -> SpeakerKey:
        return cast(SpeakerKey, o.key)

    speaker_rule = Rule(
        compatible=lambda a, b: (
            speaker_relation(speaker_key(a), speaker_key(b), orgs) != "incompatible"
        ),
        specificity=lambda o: rank.get(speaker_key(o)[0], 0),
        display="specific",
        kind="attribution_mismatch",
        severity="medium",
        render=names.render,
    )
    f["speaker"] = _scalar(
        draft,
        "speaker",
        [_obs(s, s.record.speaker.name, res.speakers[s.key], _surname_in) for s in cluster],
        speaker_rule,
        ctx,
    )
    content_rule = Rule(
        compatible=always,
        specificity=lambda o: 1 if isinstance(o.key, tuple) and o.key[0] else 0,
        display="specific",
        conflicts=False,
    )
    f["content"] = _scalar(
        draft,
        "content",
        [_content_obs(s) for s in cluster],
        content_rule,
        ctx,
    )
    f["date"] = _scalar(
        draft,
        "date",
        [_obs(s, s.record.date, s.record.date, _date_in) for s in cluster if s.record.date],
        DATE,
        ctx,
    )
    f["channel"] = _scalar(
        draft,
        "channel",
        [
            _obs(s, s.record.channel, fold_for_comparison(s.record.channel), _words_in)
            for s in cluster
            if s.record.channel
        ],
        WORDING,
        ctx,
    )
    pool = [s for s in cluster if s.grounded] or list(cluster)
    f["direct"] = any(s.direct for s in pool)
    targets = Counter(about_ids[res.about[s.key]] for s in pool if s.key in res.about)
    if targets:
        f["about"] = min(targets, key=lambda t: (-targets[t], t))
    else:
        written = Counter(s.record.about for s in pool if s.record.about)
        f["about"] = min(written, key=lambda t: (-written[t], t)) if written else None
    f["grounded"] = any(s.grounded for s in cluster)
    draft.subject = f"{f['speaker'].value}: {_short(str(f['content'].value))}"
    draft.sort_key = (
        -len(sources),
        f["date"].value or "~",
        fold_for_comparison(str(f["speaker"].value)),
        fold_for_comparison(str(f["content"].value)),
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
    conflicts: list[Conflict]
    title: str | None


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
    people = sorted(_people(batch, res), key=lambda d: d.sort_key)
    names = _Names(res, people)
    meetings = sorted(
        (_meeting(batch, c, names, n) for n, c in enumerate(res.meetings)),
        key=lambda d: d.sort_key,
    )
    proposals = sorted(
        (_proposal(batch, c, n) for n, c in enumerate(res.proposals)), key=lambda d: d.sort_key
    )
    about_ids = _about_ids(meetings, proposals)

    statements = sorted(
        (_statement(batch, c, res, names, about_ids) for c in res.statements),
        key=lambda d: d.sort_key,
    )
    conflicts: list[Conflict] = []

    def place(section: str, drafts: Sequence[_Draft]) -> None:
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
    title = None
    if meetings:
        top = meetings[0].fields
        title = str(top["name"].value)
        if top["date"].value and top["date"].evidence:  # a date no passage shows stays out
            title += f", {_human_date(str(top['date'].value))}"
    elif proposals:
        title = str(proposals[0].fields["title"].value)
    return Assembled(
        people=[
            ConsensusPerson(id=f"person{i + 1}", sources=d.sources, **d.fields)
            for i, d in enumerate(people)
        ],
        meetings=[
            ConsensusMeeting(id=f"m{i + 1}", sources=d.sources, **d.fields)
            for i, d in enumerate(meetings)
        ],
        proposals=[
            ConsensusProposal(id=f"p{i + 1}", sources=d.sources, **d.fields)
            for i, d in enumerate(proposals)
        ],
        statements=[
            ConsensusStatement(id=f"s{i + 1}", sources=d.sources, **d.fields)
            for i, d in enumerate(statements)
        ],
        conflicts=conflicts,
        title=title,
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
