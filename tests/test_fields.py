"""The consensus entities' field table: it and the consensus records name the same fields."""

from __future__ import annotations

import typing
from typing import get_args

import pytest

from summarizer.reconciliation.fields import (
    FIELDS,
    EntityKind,
    entity_label,
    field_spec,
    fields_of,
)
from summarizer.records import (
    ConsensusField,
    ConsensusMeeting,
    ConsensusPerson,
    ConsensusProposal,
    ConsensusStatement,
    MeetingFormat,
    MeetingStatus,
    ProposalStatus,
    Record,
)

MODELS: dict[EntityKind, type[Record]] = {
    "person": ConsensusPerson,
    "meeting": ConsensusMeeting,
    "proposal": ConsensusProposal,
    "statement": ConsensusStatement,
}
# Every consensus entity has these besides its fields (a meeting also its `implausible` marks).
COMMON = ("id", "sources", "grounded", "implausible")


def test_every_entity_kind_has_fields() -> None:
    assert set(FIELDS) == set(get_args(EntityKind)) == set(MODELS)


@pytest.mark.parametrize("entity", sorted(MODELS))
def test_the_table_names_the_records_fields_in_order(entity: EntityKind) -> None:
    fields = [name for name in MODELS[entity].model_fields if name not in COMMON]
    assert [spec.name for spec in fields_of(entity)] == fields


@pytest.mark.parametrize("entity", sorted(MODELS))
def test_each_kind_matches_the_records_type(entity: EntityKind) -> None:
    hints = typing.get_type_hints(MODELS[entity])
    for spec in fields_of(entity):
        hint = hints[spec.name]
        if spec.many:
            assert hint == list[ConsensusField], spec.name
        elif spec.kind == "flag":
            assert hint is bool, spec.name
        elif spec.kind == "reference":
            assert hint == str | None, spec.name
        else:
            assert hint is ConsensusField, spec.name


@pytest.mark.parametrize("entity", sorted(MODELS))
def test_labels_are_given_and_distinct(entity: EntityKind) -> None:
    labels = [spec.label for spec in fields_of(entity)]
    assert all(labels) and len(set(labels)) == len(labels)
    assert entity_label(entity)


def test_enum_choices_are_the_records_values() -> None:
    assert field_spec("meeting", "format").choices == get_args(MeetingFormat)
    assert field_spec("meeting", "status").choices == get_args(MeetingStatus)
    assert field_spec("proposal", "status").choices == get_args(ProposalStatus)
    enums = [s for specs in FIELDS.values() for s in specs if s.kind == "enum"]
    assert all(s.choices for s in enums)


def test_evolving_facts_are_declared_with_their_order() -> None:
    status = field_spec("meeting", "status").status
    assert status is not None
    assert status.order["held"] > status.order["scheduled"] > status.order["proposed"]
    assert status.final == "held"
    assert field_spec("meeting", "date").status is None


def test_person_fields_say_where_the_record_names_the_person() -> None:
    people = [s for specs in FIELDS.values() for s in specs if s.kind in ("person", "people")]
    assert {s.person for s in people} == {"speaker", "chair", "participant"}


def test_an_unknown_field_is_an_error() -> None:
    with pytest.raises(KeyError, match="no field 'venue'"):
        field_spec("meeting", "venue")
