"""The fields of each consensus entity, declared once: kind, display label and fusion rule.

Assembly fuses every field of an entity by this table, in its order, and the reports show the
fields by it (`fields_of`). Each `FieldSpec` says:

- `kind`: what the consensus record holds — "scalar" (one fused text value), "date" (one fused
  ISO date), "enum" (one fused value of `choices`), "person" (one fused person's name), "list"
  (one fused value per distinct item), "people" (one per distinct person), "flag" (a plain
  bool) or "reference" (the id of another entity, or the words a source used);
- `label`: how a report names the field;
- how the sources' values become observations: the value read from the record (`read`, the
  field's own name by default), the key its spellings share (`key`), the passages that show
  it (`evidence`, a matcher of `evidence.py`; None: the record's passages);
- how observations fuse: `rule` (a `fuse.Rule`, or a function of the reconciliation giving
  one) for one value, `similar` for lists, `status` for an evolving fact.

"flag" and "reference" fields are derived from the entity's records, not fused.

To add an entity (claims): add its kind to `EntityKind`, its consensus record to
`records.py`, and its tuple of specs to `FIELDS`; assembly then needs only how to read its
mentions and how to order them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, get_args

from summarizer.knowledge.folding import fold_for_comparison
from summarizer.normalize import (
    date_precision,
    dates_compatible,
    meeting_name_words,
    name_key,
    org_key,
    orgs_compatible,
    personal_name,
    place_key,
    role_key,
    time_key,
    topic_key,
)
from summarizer.reconciliation.evidence import (
    Matcher,
    date_shown,
    name_shown,
    place_shown,
    time_shown,
    words_shown,
)
from summarizer.reconciliation.fuse import Obs, Rule, always
from summarizer.records import MeetingFormat, MeetingStatus, ProposalStatus
from summarizer.semantics.dates import announced_then_made, day_span, plan_and_outcome
from summarizer.semantics.places import compare_places
from summarizer.semantics.roles import compare_roles, posts
from summarizer.semantics.times import compare_times, time_precision, zone_of_place

__all__ = [
    "FIELDS",
    "EntityKind",
    "FieldKind",
    "FieldSpec",
    "Reconciling",
    "Status",
    "entity_label",
    "field_spec",
    "fields_of",
    "report_day",
]

EntityKind = Literal["person", "meeting", "proposal", "statement"]
FieldKind = Literal["scalar", "date", "enum", "person", "list", "people", "flag", "reference"]
PersonPlace = Literal["speaker", "chair", "participant"]


class Reconciling(Protocol):
    """What a field's rule may need from the reconciliation under way."""

    def show_person(self, key: Hashable, wording: str) -> str:
        """How a person is shown: a resolved person by their consensus name."""
        ...

    def speakers_compatible(self, a: Hashable, b: Hashable) -> bool:
        """Whether two speakers can have said one thing (one person, or a person and their
        body)."""
        ...


@dataclass(frozen=True, slots=True)
class Status:
    """An evolving fact: later reports update it (scheduled → held), that is no conflict."""

    order: Mapping[str, int]  # how far along each value is
    clashes: tuple[frozenset[str], ...]  # values that cannot both hold on one date
    final: str | None = None  # a value no later report may go back on


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a consensus entity: what it holds, its label, and how it is fused."""

    name: str
    label: str
    kind: FieldKind
    rule: Rule | Callable[[Reconciling], Rule] | None = None
    key: Callable[[str], Hashable] = fold_for_comparison
    evidence: Matcher | None = words_shown
    similar: Literal["equal", "topic"] = "equal"
    status: Status | None = None
    choices: tuple[str, ...] = ()  # enum values; "unknown" among them means "not given"
    read: Callable[[str], str] | None = None  # the value to fuse from the value as written
    person: PersonPlace | None = None  # person kinds: where the record names the person
    # A statement's words: keyed with whether they are quoted, and shown by several of the
    # record's passages together (`evidence.content_evidence`), not by one `evidence` matcher.
    statement_words: bool = False
    # A time of day: the field of the same record that says where (its "local" clock).
    venue: str | None = None

    @property
    def many(self) -> bool:
        """True when the entity holds a list of fused values."""
        return self.kind in ("list", "people")

    @property
    def fused(self) -> bool:
        """True for fields fused from the sources' values (not "flag" or "reference")."""
        return self.kind not in ("flag", "reference")

    def rule_for(self, reconciling: Reconciling, records: Sequence[object] = ()) -> Rule:
        """The fusion rule of a single-valued field in this reconciliation, for the records
        of one entity."""
        if self.venue is not None:
            return time_rule(venue_zone(str(getattr(r, self.venue, "") or "") for r in records))
        if self.rule is None:
            return Rule()
        if isinstance(self.rule, Rule):
            return self.rule
        return self.rule(reconciling)


# --- keys ---------------------------------------------------------------------------------------


def _same(value: str) -> Hashable:
    return value


def _time(value: str) -> Hashable:
    return time_key(value) or fold_for_comparison(value)


def _place(value: str) -> Hashable:
    return tuple(sorted(place_key(value))) or fold_for_comparison(value)


def _organization(value: str) -> Hashable:
    return tuple(sorted(org_key(value))) or fold_for_comparison(value)


def _topic(value: str) -> Hashable:
    return topic_key(value) or fold_for_comparison(value)


def _written_name(value: str) -> str:
    return personal_name(value) or value


# --- rules --------------------------------------------------------------------------------------

DATE = Rule(
    compatible=lambda a, b: dates_compatible(a.value, b.value),
    specificity=lambda o: date_precision(o.value),
    display="specific",
    kind="date_mismatch",
    severity="high",
)
# The day something ended, as a later report gives it, is no conflict with the day an earlier
# report gave as planned (`semantics.dates.plan_and_outcome`): talks run over or end early (the
# conference that was to end on Friday and ended on Saturday). A start day is not updated so.
END_DATE = dataclasses.replace(
    DATE,
    contradicts=lambda a, b: not plan_and_outcome(a.value, a.published, b.value, b.published),
)
# A proposal announced on the day of one report and made on a later day a later report gives
# (`semantics.dates.announced_then_made`): the later day updates the first.
PROPOSAL_DATE = dataclasses.replace(
    DATE,
    contradicts=lambda a, b: not announced_then_made(a.value, a.published, b.value, b.published),
)


def report_day(a: Obs, b: Obs) -> dt.date | None:
    """The earlier publication date of two reports: the day on whose clocks (summer time or
    not) their times of day are compared."""
    for published in sorted(p for p in (a.published, b.published) if p):
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            continue
    return None


def time_rule(local: str | None) -> Rule:
    """A time of day is never a date: clock readings of two zones are compared only when both
    convert, on the reports' day (London is on GMT in November, an hour ahead in July), parts
    of the day are ranges (see `semantics.times`); a reading without a zone is on the clock of
    `local`, the zone of the place, when known."""

    def relation(a: Obs, b: Obs) -> str:
        return compare_times(a.value, b.value, local=local, day=report_day(a, b))

    return Rule(
        compatible=lambda a, b: relation(a, b) != "conflict",
        specificity=lambda o: time_precision(o.value),
        contradicts=lambda a, b: relation(a, b) == "conflict",
        kind="value_mismatch",
        severity="medium",
    )


def venue_zone(places: Iterable[str]) -> str | None:
    """The one zone the places reports give for an entity name ("Sejm, Warsaw"), or None
    when none names a known place or they name places of two zones."""
    zones = {zone for place in places if place and (zone := zone_of_place(place)) is not None}
    return zones.pop() if len(zones) == 1 else None


TIME = time_rule(None)
# A statement said on two dates is a repetition: the earliest date, the others alternatives.
REPEATED = Rule(
    compatible=always,
    specificity=lambda o: -day_span(o.value)[0].toordinal(),
    display="specific",
    conflicts=False,
)


@functools.lru_cache(maxsize=1 << 16)  # resolution asks it of every pair of meetings
def place_relation(a: str, b: str) -> bool | None:
    """Whether two places are one venue: True, False, or None when nothing says whether one
    lies in the other ("Kazakh city" and "Almaty", "the Hofburg" and "Vienna"); see
    `semantics.places`."""
    relation = compare_places(a, b)
    if relation == "undecided":
        return None
    return relation != "conflict"


PLACE = Rule(
    compatible=lambda a, b: place_relation(a.value, b.value) is not False,
    specificity=lambda o: len(place_key(o.value)),
)
ENUM = Rule()
# Wordings of one thing (a meeting's name, a proposal's title): never a conflict.
WORDING = Rule(compatible=always, conflicts=False)


def _says_which_meeting(o: Obs) -> int:
    """1 when a meeting's name has a word beyond "talks", "meeting", a date or a number."""
    return int(bool(meeting_name_words(o.value)))


# A meeting's name: the best-supported of the names that say which meeting it is ("Talks" only
# when no report names it better).
MEETING_NAME = Rule(
    compatible=always, specificity=_says_which_meeting, display="specific", conflicts=False
)
ORGANIZATION = Rule(
    compatible=lambda a, b: a.key == b.key or orgs_compatible(a.value, b.value),
    specificity=lambda o: len(org_key(o.value)),
    severity="low",
)
PROPOSER = Rule(compatible=ORGANIZATION.compatible, specificity=ORGANIZATION.specificity)
# Every spelling of one person's name; a full name is shown before a bare surname.
PERSON_NAME = Rule(
    compatible=always,
    specificity=lambda o: 2 if (k := name_key(o.value)) and k.given else 1,
    display="specific",
    conflicts=False,
)
# A wording that names an office before one that does not ("directs the operations").
ROLE = Rule(
    compatible=lambda a, b: compare_roles(a.value, b.value) in ("same", "compatible"),
    specificity=lambda o: 100 * bool(posts(o.value)) + len(role_key(o.value)),
    contradicts=lambda a, b: compare_roles(a.value, b.value) == "incompatible",
)
# Quoted words before a paraphrase; all wordings of one statement are one statement.
CONTENT = Rule(
    compatible=always,
    specificity=lambda o: 1 if isinstance(o.key, tuple) and o.key[0] else 0,
    display="specific",
    conflicts=False,
)
_SPEAKER_RANK = {"person": 2, "individual": 1, "body": 0}


def _speaker_rank(o: Obs) -> int:
    kind = o.key[0] if isinstance(o.key, tuple) else ""
    return _SPEAKER_RANK.get(str(kind), 0)


def _chair(reconciling: Reconciling) -> Rule:
    return Rule(render=reconciling.show_person)


def _speaker(reconciling: Reconciling) -> Rule:
    """A named person before an unnamed official before a body; two speakers who cannot have
    said the same words are an attribution conflict."""
    return Rule(
        compatible=lambda a, b: reconciling.speakers_compatible(a.key, b.key),
        specificity=_speaker_rank,
        display="specific",
        kind="attribution_mismatch",
        severity="medium",
        render=reconciling.show_person,
    )


MEETING_STATUS = Status(
    order={"proposed": 0, "scheduled": 1, "cancelled": 2, "held": 3},
    clashes=(frozenset({"held", "cancelled"}),),
    final="held",
)
PROPOSAL_STATUS = Status(
    order={"proposed": 0, "under_discussion": 1, "accepted": 2, "rejected": 2},
    clashes=(frozenset({"accepted", "rejected"}),),
)


def _status(status: Status, choices: tuple[str, ...]) -> FieldSpec:
    """An entity's status: an enum whose later reports update earlier ones."""
    return FieldSpec(
        "status", "Status", "enum", key=_same, evidence=None, status=status, choices=choices
    )


# --- the table ----------------------------------------------------------------------------------

PERSON: tuple[FieldSpec, ...] = (
    FieldSpec("name", "Name", "scalar", PERSON_NAME, evidence=name_shown, read=_written_name),
    FieldSpec("role", "Role", "scalar", ROLE),
    FieldSpec("organization", "Organization", "scalar", ORGANIZATION, key=_organization),
)
MEETING: tuple[FieldSpec, ...] = (
    FieldSpec("name", "Name", "scalar", MEETING_NAME),
    FieldSpec("date", "Date", "date", DATE, key=_same, evidence=date_shown),
    FieldSpec("end_date", "End date", "date", END_DATE, key=_same, evidence=date_shown),
    FieldSpec("time", "Time", "scalar", TIME, key=_time, evidence=time_shown, venue="location"),
    FieldSpec("location", "Location", "scalar", PLACE, key=_place, evidence=place_shown),
    FieldSpec(
        "format",
        "Format",
        "enum",
        ENUM,
        key=_same,
        evidence=None,
        choices=get_args(MeetingFormat),
    ),
    _status(MEETING_STATUS, get_args(MeetingStatus)),
    FieldSpec("chair", "Chair", "person", _chair, evidence=name_shown, person="chair"),
    FieldSpec("participants", "Participants", "people", evidence=name_shown, person="participant"),
    FieldSpec("parties", "Parties", "list", key=_organization),
    FieldSpec("agenda", "Agenda", "list", key=_topic, similar="topic"),
)
PROPOSAL: tuple[FieldSpec, ...] = (
    FieldSpec("title", "Title", "scalar", WORDING),
    FieldSpec("proposer", "Proposer", "scalar", PROPOSER, key=_organization),
    FieldSpec("addressees", "Addressees", "list", key=_organization),
    FieldSpec("date", "Date", "date", PROPOSAL_DATE, key=_same, evidence=date_shown),
    FieldSpec("demands", "Demands", "list", key=_topic, similar="topic"),
    _status(PROPOSAL_STATUS, get_args(ProposalStatus)),
)
STATEMENT: tuple[FieldSpec, ...] = (
    FieldSpec("speaker", "Speaker", "person", _speaker, evidence=name_shown, person="speaker"),
    FieldSpec("content", "Content", "scalar", CONTENT, statement_words=True),
    FieldSpec("direct", "Quoted directly", "flag"),
    FieldSpec("date", "Date", "date", REPEATED, key=_same, evidence=date_shown),
    FieldSpec("channel", "Channel", "scalar", WORDING),
    FieldSpec("about", "About", "reference"),
)

FIELDS: Mapping[EntityKind, tuple[FieldSpec, ...]] = {
    "person": PERSON,
    "meeting": MEETING,
    "proposal": PROPOSAL,
    "statement": STATEMENT,
}
_ENTITY_LABELS: Mapping[EntityKind, str] = {
    "person": "Person",
    "meeting": "Meeting",
    "proposal": "Proposal",
    "statement": "Statement",
}


def fields_of(entity: EntityKind) -> tuple[FieldSpec, ...]:
    """The fields of a consensus entity, in the record's order.

    >>> [f.name for f in fields_of("person")]
    ['name', 'role', 'organization']
    """
    return FIELDS[entity]


def field_spec(entity: EntityKind, name: str) -> FieldSpec:
    """One field of a consensus entity by name; KeyError when it has no such field."""
    for spec in FIELDS[entity]:
        if spec.name == name:
            return spec
    raise KeyError(f"a {entity} has no field {name!r}")


def entity_label(entity: EntityKind) -> str:
    """How a report names one entity of a kind: "Meeting", "Statement", ..."""
    return _ENTITY_LABELS[entity]
