"""What a report shows, worked out once from the record for both layouts (Markdown, HTML).

Nothing here writes markup: it decides which facts lead, how sources are named for a reader,
how values read, and which fields each kind of entity shows (taken from the record models
themselves, so a field added to a model appears in the reports without being listed again).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple, cast, get_args, get_origin

from pydantic import BaseModel, JsonValue

from summarizer.knowledge.figures import unit_plural
from summarizer.reconciliation.fields import FIELDS, EntityKind, fields_of
from summarizer.records import (
    ConsensusClaim,
    ConsensusField,
    ConsensusMeeting,
    ConsensusRecord,
    ConsensusStatement,
    Source,
    Span,
)

__all__ = [
    "Entities",
    "Shown",
    "View",
    "entity_fields",
    "show",
]

# Sections in reading order; a kind of entity the record gains later is shown after these.
SECTION_ORDER = ("meetings", "proposals", "statements", "claims", "people")
SECTION_TITLES = {
    "meetings": "Meetings",
    "proposals": "Proposals",
    "statements": "Who said what",
    "claims": "Claims",
    "people": "People",
}
# A claim's attribute that is one of a meeting's own fields: the meetings table shows it.
_MEETING_FIELDS = {"date": "date", "location": "location", "start time": "time"}
# How many items of a list field (agenda, participants) the main facts table shows.
MAIN_LIST_ITEMS = 4

_QUALIFIERS = {
    "about": "about",
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "less than",
    "at_most": "at most",
}
_TOKEN = re.compile(r"^[a-z]+(?:_[a-z]+)+$")


def show(value: JsonValue) -> str:
    """A value as a reader should see it (still untrusted: escape it for its context)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value.replace("_", " ") if _TOKEN.match(value) else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        if "amount" in value:  # a quantity
            amount = value.get("amount")
            qualifier = value.get("qualifier")
            unit = value.get("unit")
            if isinstance(unit, str) and amount not in (1, -1):
                unit = unit_plural(unit)
            words = [
                _QUALIFIERS.get(qualifier, "") if isinstance(qualifier, str) else "",
                show(amount),
                show(unit) if unit else "",
            ]
            return " ".join(w for w in words if w)
        return "; ".join(f"{k}: {show(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    return str(value)


def label_of(name: str) -> str:
    return name.replace("_", " ")


class Shown(NamedTuple):
    """One field a report shows: its name in the record, its label, whether it is a list."""

    name: str
    label: str
    many: bool


def kind_of(model: type[BaseModel]) -> str:
    """The entity kind of a consensus model, as fields.py names it: "meeting", "person"."""
    for key, info in ConsensusRecord.model_fields.items():
        if get_origin(info.annotation) is list and get_args(info.annotation) == (model,):
            return "person" if key == "people" else key.removesuffix("s")
    return model.__name__.removeprefix("Consensus").lower()


def entity_fields(model: type[BaseModel]) -> list[Shown]:
    """The fused fields of an entity, in the record's order, as reconciliation/fields.py
    declares them; for a kind it does not declare, the model's consensus fields."""
    kind = kind_of(model)
    if kind in FIELDS:
        return [
            Shown(spec.name, spec.label, spec.many)
            for spec in fields_of(cast(EntityKind, kind))
            if spec.fused
        ]
    shown = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if annotation is ConsensusField:
            shown.append(Shown(name, label_of(name).capitalize(), False))
        elif get_origin(annotation) is list and get_args(annotation) == (ConsensusField,):
            shown.append(Shown(name, label_of(name).capitalize(), True))
    return shown


def source_labels(sources: Sequence[Source]) -> dict[str, str]:
    """Short names for sources a reader can tell apart: the outlet ("Sputnik"), with a letter
    in order of publication when one outlet gave several ("TASS a", "TASS b"); "#3" for a
    source with no known outlet ("source 3")."""
    base = {s.id: (s.outlet or "").strip() or f"source {i + 1}" for i, s in enumerate(sources)}
    counts = Counter(base.values())
    labels: dict[str, str] = {}
    seen: Counter[str] = Counter()
    for s in sorted(sources, key=lambda s: (s.published or "9999", s.id)):
        label = base[s.id]
        if counts[label] > 1:
            n = seen[label]
            seen[label] += 1
            label = f"{label} {chr(ord('a') + n)}" if n < 26 else f"{label} {n + 1}"
        labels[s.id] = label
    return labels


@dataclass(frozen=True, slots=True)
class Entities:
    """One section of the record: a kind of entity and its items."""

    key: str
    title: str
    items: Sequence[BaseModel]
    fields: list[Shown]
    # What the record holds of this kind that the section does not show again, in one sentence
    left_out: str = ""


@dataclass(frozen=True, slots=True)
class Fact:
    """One row of the main facts table."""

    label: str
    value: ConsensusField
    more: int = 0  # further list items not shown
    name: str = ""  # the field's name in the record


class View:
    """The record seen by a reader: labels, support, the lead entity and its facts."""

    def __init__(self, record: ConsensusRecord) -> None:
        self.record = record
        self.labels = source_labels(record.sources)
        self.roots = {s.id: s.duplicate_of or s.id for s in record.sources}
        self.names: dict[str, str] = {}
        for group in self.sections():
            for item in group.items:
                value = getattr(item, group.fields[0].name)
                if isinstance(value, ConsensusField) and value.value is not None:
                    self.names[str(getattr(item, "id", ""))] = self.resolve(value.value)
                attribute = getattr(item, "attribute", None)  # a claim: what, and which property
                if isinstance(attribute, ConsensusField) and attribute.value is not None:
                    eid = str(getattr(item, "id", ""))
                    self.names[eid] = f"{self.names.get(eid, '')}: {show(attribute.value)}"

    def disputed(self, entity: BaseModel, field: str | None = None) -> list[tuple[int, str]]:
        """The conflicts that point into `entity` (into its `field` when given): (number in
        the report, conflict id)."""
        found = []
        for number, conflict in enumerate(self.record.conflicts, start=1):
            parts = conflict.path.strip("/").split("/")
            if field is not None and (len(parts) < 3 or parts[2] != field):
                continue
            if len(parts) >= 2 and parts[1].isdigit():
                group = getattr(self.record, parts[0], None)
                index = int(parts[1])
                if isinstance(group, list) and index < len(group) and group[index] is entity:
                    found.append((number, conflict.id))
        return found

    def is_entity(self, value: JsonValue) -> bool:
        """Whether a value is the id of an entity of the record ("m1")."""
        return isinstance(value, str) and value in self.names

    def resolve(self, value: JsonValue) -> str:
        """A value as shown, with an entity id ("m1") given its name ("m1 NATO-Russia …")."""
        text = show(value)
        if isinstance(value, str) and value in self.names:
            return f"{value} {self.names[value]}"
        return text

    # -- sources and support --

    def label(self, source: str) -> str:
        return self.labels.get(source, source)

    def independent(self, sources: Sequence[str]) -> int:
        return len({self.roots.get(s, s) for s in sources})

    def support(self, part: Sequence[str], whole: Sequence[str]) -> tuple[int, int]:
        """(independent sources giving the value, independent sources of the entity)."""
        return self.independent(part), max(self.independent(whole), 1)

    def copies(self, sources: Sequence[str]) -> int:
        return len(set(sources)) - self.independent(sources)

    def cited(self, sources: Sequence[str]) -> str:
        return ", ".join(self.label(s) for s in sources)

    # -- sections --

    def sections(self) -> Iterator[Entities]:
        """The record's kinds of entity in reading order, each with its fields."""
        keys = [
            name
            for name, info in type(self.record).model_fields.items()
            if get_origin(info.annotation) is list
            and (args := get_args(info.annotation))
            and isinstance(args[0], type)
            and issubclass(args[0], BaseModel)
            and "id" in args[0].model_fields
            and entity_fields(args[0])
        ]
        keys.sort(key=lambda k: SECTION_ORDER.index(k) if k in SECTION_ORDER else len(keys))
        for key in keys:
            model = get_args(type(self.record).model_fields[key].annotation)[0]
            items = getattr(self.record, key)
            left_out = ""
            if key == "claims":
                shown = [c for c in items if not self.restates_meeting(c)]
                if len(shown) < len(items):
                    hidden = len(items) - len(shown)
                    left_out = (
                        f"{hidden} more claim{'s' if hidden > 1 else ''} give a meeting's date, "
                        "place or time as the meeting above shows it; the record holds them."
                    )
                items = shown
            yield Entities(
                key=key,
                title=SECTION_TITLES.get(key, label_of(key).capitalize()),
                items=items,
                fields=entity_fields(model),
                left_out=left_out,
            )

    def restates_meeting(self, claim: ConsensusClaim) -> bool:
        """A claim that gives a meeting's date, place or start time as the meetings table shows
        it, and that no conflict points at: its row would only say that again."""
        name = _MEETING_FIELDS.get(str(claim.attribute.value or "").lower())
        meeting = next((m for m in self.record.meetings if m.id == claim.about.value), None)
        if name is None or meeting is None or self.disputed(claim):
            return False
        field: ConsensusField = getattr(meeting, name)
        if field.value is None:
            return False
        if name == "date":
            return claim.date.value is not None and claim.date.value == field.value
        return show(claim.value.value).casefold() == show(field.value).casefold()

    # -- the lead --

    def lead(self) -> BaseModel | None:
        """The entity the event is about: the meeting (else proposal) most sources report."""
        for group in self.sections():
            if group.key in ("meetings", "proposals") and group.items:
                return max(
                    group.items,
                    key=lambda e: self.independent(getattr(e, "sources", [])),
                )
        return None

    def facts(self) -> list[Fact]:
        """The lead entity's known fields, list fields cut to their best-supported items."""
        lead = self.lead()
        if lead is None:
            return []
        facts: list[Fact] = []
        for name, label, many in entity_fields(type(lead)):
            value = getattr(lead, name)
            if not many:
                if value.value is not None:
                    facts.append(Fact(label.lower(), value, name=name))
                continue
            ranked = sorted(value, key=lambda f: -self.independent(f.sources))
            shown = ranked[:MAIN_LIST_ITEMS]
            for i, item in enumerate(shown):
                more = len(ranked) - len(shown) if i == len(shown) - 1 else 0
                facts.append(Fact(label.lower() if i == 0 else "", item, more, name=name))
        return facts

    def paragraph(self) -> str:
        """The event in one paragraph, in plain words."""
        r = self.record
        outlets = Counter(s.outlet for s in r.sources if s.outlet)
        dates = sorted(s.published for s in r.sources if s.published)
        if not r.sources:
            failed = len(r.run.failures)
            return (
                f"No article could be used: {failed} failed (listed below)."
                if failed
                else "No articles."
            )
        parts = [
            f"{len(r.sources)} report{'s' if len(r.sources) != 1 else ''}"
            + (
                " (" + ", ".join(f"{n} {o}" if n > 1 else o for o, n in outlets.items()) + ")"
                if outlets
                else ""
            )
        ]
        if dates:
            span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
            parts.append(f"published {span}")
        copies = sum(1 for s in r.sources if s.duplicate_of)
        sentence = ", ".join(parts)
        if copies:
            sentence += f" ({copies} a near-copy of another)"
        lead = self.lead()
        verb = "describes" if len(r.sources) == 1 else "describe"
        if isinstance(lead, ConsensusMeeting):
            what = show(lead.name.value)
            detail = []
            if lead.date.value:
                detail.append(f"on {show(lead.date.value)}")
            if lead.time.value:
                detail.append(f"at {show(lead.time.value)}")
            if lead.location.value:
                detail.append(f"in {show(lead.location.value)}")
            text = f"{sentence}, {verb} the {what} {' '.join(detail)}".rstrip()
            if lead.status.value:
                text += f" (status: {show(lead.status.value)})"
            if lead.chair.value:
                text += f", chaired by {show(lead.chair.value)}"
            chair = lead.chair.value
            people = [show(p.value) for p in lead.participants if p.value and p.value != chair]
            if people:
                text += ", with " + _and(people[:4]) + (" and others" if people[4:] else "")
            agenda = [show(a.value) for a in sorted(lead.agenda, key=lambda f: -len(f.sources))]
            text += "."
            if agenda:
                text += " On the agenda: " + "; ".join(agenda[:3]) + "."
        elif lead is not None:
            first = entity_fields(type(lead))[0].name
            text = f"{sentence}, {verb} {show(getattr(lead, first).value)}."
        else:
            text = f"{sentence}."
        counts = []
        for group in self.sections():
            if group.key == "people" or not group.items:
                continue
            n = len(group.items) - (1 if group.items and lead in group.items else 0)
            noun = group.key if n != 1 else group.key.rstrip("s")
            if group.key == "statements":
                speakers = len({self.speaker(s) for s in group.items})
                counts.append(
                    f"{n} statement{'s' if n != 1 else ''} by {speakers} "
                    f"speaker{'s' if speakers != 1 else ''}"
                )
            elif n:
                counts.append(f"{n} {'other ' if lead in group.items else ''}{noun}")
        if counts:
            text += " The reports also give " + ", ".join(counts) + "."
        n = len(r.conflicts)
        text += (
            f" They contradict each other on {n} point{'s' if n != 1 else ''}."
            if n
            else " They do not contradict each other."
        )
        if r.run.failures:
            text += f" {len(r.run.failures)} article(s) could not be read or extracted."
        return text

    @staticmethod
    def speaker(statement: BaseModel) -> str:
        if isinstance(statement, ConsensusStatement):
            return show(statement.speaker.value)
        return ""

    def about(self, statement: ConsensusStatement) -> str | None:
        if not statement.about:
            return None
        return self.names.get(statement.about, statement.about)

    def context(self, path: str, sources: Sequence[str]) -> list[Span]:
        """What `sources` wrote in the entity a conflict points into, where their value has no
        passage of its own: each source's first passage for any field of the entity."""
        parts = path.strip("/").split("/")
        if len(parts) < 2 or not parts[1].isdigit():
            return []
        group = getattr(self.record, parts[0], None)
        if not isinstance(group, list) or int(parts[1]) >= len(group):
            return []
        entity = group[int(parts[1])]
        spans = []
        for name, _, many in entity_fields(type(entity)):
            value = getattr(entity, name)
            for f in value if many else [value]:
                spans += [span for span in f.evidence if span.source in sources]
        first: dict[str, Span] = {}
        for span in sorted(spans, key=lambda s: (s.source, s.start, s.end)):
            first.setdefault(span.source, span)
        return list(first.values())

    def grouping(self) -> str | None:
        """Why the articles were taken as one event, when a batch grouped them."""
        g = self.record.grouping
        if g is None:
            return None
        if g.method == "folder":
            return "These articles were taken as one event because they share a folder."
        text = "These articles were grouped as one event by their content"
        if g.threshold is not None:
            text += f" (similarity threshold {g.threshold:g})"
        if g.shared:
            text += "; most of them share: " + ", ".join(g.shared[:8])
        return text + "."

    def note(self, text: str) -> str:
        """A conflict's note with source ids replaced by the labels the report uses."""
        for sid, label in sorted(self.labels.items(), key=lambda p: -len(p[0])):
            text = text.replace(sid, label)
        return text

    def where(self, path: str) -> str:
        """A conflict's JSON Pointer in words: "/meetings/0/date" → "m1 (NATO-Russia …): date"."""
        parts = path.strip("/").split("/")
        if len(parts) >= 3 and parts[1].isdigit():
            group = getattr(self.record, parts[0], None)
            if isinstance(group, list) and int(parts[1]) < len(group):
                entity = group[int(parts[1])]
                eid = str(getattr(entity, "id", ""))
                name = self.names.get(eid)
                rest = " ".join(label_of(p) for p in parts[2:] if not p.isdigit())
                return f"{eid} ({name}): {rest}" if name else f"{eid}: {rest}"
        return path


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def spread(spans: Sequence[Span], limit: int) -> list[Span]:
    """Up to `limit` passages, each source's first before any source's second."""
    by_source: dict[str, list[Span]] = {}
    for span in spans:
        by_source.setdefault(span.source, []).append(span)
    chosen: list[Span] = []
    depth = 0
    while len(chosen) < limit and any(len(v) > depth for v in by_source.values()):
        chosen.extend(v[depth] for v in by_source.values() if len(v) > depth)
        depth += 1
    return chosen[:limit]
