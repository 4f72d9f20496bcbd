"""Tests for reconciliation: resolution across sources, fusion, conflicts and independence."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from conftest import grounded_gold, make_test_article
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.ground import ground
from summarizer.knowledge.folding import fold_for_comparison
from summarizer.reconciliation import reconcile_grounded
from summarizer.reconciliation.resolve import MAX_BLOCK, WINDOW, candidate_pairs
from summarizer.records import (
    ArticleExtraction,
    ConsensusRecord,
    GroundedExtraction,
    Meeting,
    Person,
    Proposal,
    Run,
    Statement,
)

RUN = Run(backend="test", started="2022-01-12T00:00:00+00:00")


@pytest.fixture(scope="module")
def gold() -> list[GroundedExtraction]:
    return grounded_gold()


@pytest.fixture(scope="module")
def gold_record(gold: list[GroundedExtraction]) -> ConsensusRecord:
    return reconcile_grounded(gold, run=RUN)


def _is_nrc(name: object) -> bool:
    words = set(fold_for_comparison(str(name)).replace("-", " ").split())
    return {"nato", "russia", "council"} <= words or {"rnc"} <= words or {"nrc"} <= words


def _nrc_index(record: ConsensusRecord) -> int:
    found = [i for i, m in enumerate(record.meetings) if _is_nrc(m.name.value) and m.date.value]
    assert len(found) == 1, [m.name.value for m in record.meetings]
    return found[0]


def _pointer(document: Any, path: str) -> Any:
    for part in path.lstrip("/").split("/"):
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


def _spans(record: ConsensusRecord) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if {"source", "start", "end", "text", "match"} <= set(node):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(record.model_dump_json()))
    return found


# --- the reference articles -----------------------------------------------------------------------


def test_gold_nrc_meeting_is_one_entity_with_all_sources(gold_record: ConsensusRecord) -> None:
    meeting = gold_record.meetings[_nrc_index(gold_record)]
    assert meeting.id == "m1"
    assert len(meeting.sources) == 5
    assert meeting.date.value == "2022-01-12"
    assert meeting.date.support == 1.0
    assert meeting.location.value == "Brussels"
    assert meeting.grounded
    spellings = {meeting.name.value} | {a.value for a in meeting.name.alternatives}
    assert {"NATO-Russia Council meeting", "Russia-NATO Council meeting"} <= spellings
    assert gold_record.title == "NATO-Russia Council meeting, 12 January 2022"


def test_gold_status_update_is_history_not_conflict(gold_record: ConsensusRecord) -> None:
    meeting = gold_record.meetings[_nrc_index(gold_record)]
    assert meeting.status.value == "scheduled"  # the latest report (003, 2022-01-12)
    assert [(a.value, a.sources) for a in meeting.status.alternatives] == [
        ("proposed", ["004_56d7c0d1adaada1b"])
    ]
    geneva = next(m for m in gold_record.meetings if m.location.value == "Geneva")
    assert geneva.status.value == "held"
    assert [a.value for a in geneva.status.alternatives] == ["scheduled"]


def test_gold_ushakov_is_one_person_and_one_statement(gold_record: ConsensusRecord) -> None:
    people = [p for p in gold_record.people if "Ushakov" in str(p.name.value)]
    assert len(people) == 1
    person = people[0]
    assert person.name.value == "Yury Ushakov"
    assert [a.value for a in person.name.alternatives] == ["Yuri Ushakov"]
    assert len(person.sources) == 3
    statements = [s for s in gold_record.statements if s.speaker.value == "Yury Ushakov"]
    assert len(statements) == 1
    assert [s[:3] for s in statements[0].sources] == ["000", "001", "002"]
    assert "Yuri Ushakov" in {a.value for a in statements[0].speaker.alternatives}


def test_gold_has_no_conflicts(gold_record: ConsensusRecord) -> None:
    assert gold_record.conflicts == []


def test_gold_entities(gold_record: ConsensusRecord) -> None:
    """The whole resolution of the five reports, as read by hand."""
    meetings = {(m.date.value, len(m.sources)) for m in gold_record.meetings}
    assert meetings == {
        ("2022-01-12", 5),  # NATO-Russia Council
        ("2022-01-10", 4),  # Russian-US talks in Geneva
        ("2021-12-31", 3),  # Biden-Putin phone call
        ("2022-01-07", 2),  # NATO foreign ministers, virtual
        ("2022-01-12", 2),  # NATO Military Committee
        ("2022-01-13", 2),  # OSCE in Vienna
        (None, 1),  # the 2019 council meeting, mentioned in passing
    }
    assert sorted(len(p.sources) for p in gold_record.proposals) == [1, 5]
    security = max(gold_record.proposals, key=lambda p: len(p.sources))
    assert security.proposer.value == "Russia"
    assert security.date.value == "2021-12-17"
    names = [p.name.value for p in gold_record.people]
    assert len(names) == len(set(names))
    assert names[0] == "Jens Stoltenberg"
    assert gold_record.people[0].role.value == "NATO Secretary General"
    assert [a.value for a in gold_record.people[0].role.alternatives] == ["NATO Secretary-General"]
    two_translations = [s for s in gold_record.statements if "reciprocity" in str(s.content.value)]
    # 001 and 002 (Jan 4) carry one quote in two translations; 004 quotes the same words on
    # Dec 26: one statement, repeated, dated when it was first said, and no conflict
    assert [len(s.sources) for s in two_translations] == [3]
    repeated = two_translations[0]
    assert repeated.direct
    assert repeated.date.value == "2021-12-26"
    assert [a.value for a in repeated.date.alternatives] == ["2022-01-04"]
    assert not [c for c in gold_record.conflicts if c.path.startswith("/statements/")]


def test_gold_sources_and_about_links(gold_record: ConsensusRecord) -> None:
    assert [s.id[:3] for s in gold_record.sources] == ["000", "001", "002", "003", "004"]
    assert all(s.duplicate_of is None for s in gold_record.sources)
    assert all(s.ungrounded == 0 and s.grounded > 0 for s in gold_record.sources)
    ids = {m.id for m in gold_record.meetings} | {p.id for p in gold_record.proposals}
    assert all(s.about in ids for s in gold_record.statements)


def test_gold_evidence_points_into_the_articles(
    gold: list[GroundedExtraction], gold_record: ConsensusRecord
) -> None:
    texts = {g.article.id: g.article.text for g in gold}
    spans = _spans(gold_record)
    assert spans
    for span in spans:
        assert texts[span["source"]][span["start"] : span["end"]] == span["text"]


def test_gold_record_validates_against_its_schema(gold_record: ConsensusRecord) -> None:
    schema = ConsensusRecord.model_json_schema(mode="serialization")
    jsonschema.validate(json.loads(gold_record.model_dump_json()), schema)


def test_field_evidence_prefers_passages_naming_the_value(gold_record: ConsensusRecord) -> None:
    location = gold_record.meetings[_nrc_index(gold_record)].location
    assert location.evidence
    assert all("Brussels" in span.text for span in location.evidence)


# --- properties ---------------------------------------------------------------------------------


def _with(
    grounded: list[GroundedExtraction], index: int, extraction: ArticleExtraction
) -> list[GroundedExtraction]:
    out = list(grounded)
    out[index] = ground(grounded[index].article, extraction)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.sampled_from(["000", "001", "002", "003", "004"]),
    shift=st.integers(min_value=-30, max_value=30).filter(lambda d: d != 0),
)
def test_one_changed_date_is_exactly_one_conflict(which: str, shift: int) -> None:
    grounded = grounded_gold()
    index = next(i for i, g in enumerate(grounded) if g.article.id.startswith(which))
    extraction = grounded[index].extraction.model_copy(deep=True)
    meeting = next(m for m in extraction.meetings if _is_nrc(m.name) and m.date)
    new_date = (dt.date(2022, 1, 12) + dt.timedelta(days=shift)).isoformat()
    meeting.date = new_date
    record = reconcile_grounded(_with(grounded, index, extraction), run=RUN)
    position = _nrc_index(record)
    assert len(record.conflicts) == 1
    conflict = record.conflicts[0]
    assert conflict.path == f"/meetings/{position}/date"
    assert (conflict.kind, conflict.severity) == ("date_mismatch", "high")
    assert [(v.value, len(v.sources)) for v in conflict.values] == [
        ("2022-01-12", 4),
        (new_date, 1),
    ]
    assert conflict.values[1].sources == [grounded[index].article.id]
    assert conflict.values[0].evidence  # the sources' value is shown by their words
    # an invented value has no evidence unless a passage of its article really shows it
    from summarizer.reconciliation.evidence import date_shown

    published = grounded[index].article.published or ""
    assert all(date_shown(new_date, span.text, published) for span in conflict.values[1].evidence)
    document = json.loads(record.model_dump_json())
    assert _pointer(document, conflict.path)["value"] == "2022-01-12"
    assert "2022-01-12" in conflict.note
    assert new_date in conflict.note


SPELLINGS = [
    ("Yury Ushakov", "Iurii Ushakov"),
    ("Yuri Ushakov", "Yury Ushakov"),
    ("Sergey Ryabkov", "Sergei Riabkov"),
    ("Maria Zakharova", "Maria Zaharova"),
    ("Vladimir Putin", "Wladimir Putin"),
    ("Alexander Grushko", "Aleksandr Grushko"),
    ("Jens Stoltenberg", "Jens Stoltenburg"),
    ("Jens Stoltenberg", "Stoltenberg"),
    ("Joe Biden", "Joseph Biden"),
]


def _rename(extraction: ArticleExtraction, old: str, new: str) -> ArticleExtraction:
    data = extraction.model_dump()

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) == {"name", "role", "organization"} and node["name"] == old:
                return {**node, "name": new}
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return ArticleExtraction.model_validate(walk(data))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spelling=st.sampled_from(SPELLINGS),
    which=st.sampled_from(["000", "001", "002", "003", "004"]),
)
def test_a_spelling_variant_is_no_conflict(
    gold: list[GroundedExtraction],
    gold_record: ConsensusRecord,
    spelling: tuple[str, str],
    which: str,
) -> None:
    old, new = spelling
    grounded, baseline = gold, gold_record
    index = next(i for i, g in enumerate(grounded) if g.article.id.startswith(which))
    changed = _rename(grounded[index].extraction, old, new)
    record = reconcile_grounded(_with(grounded, index, changed), run=RUN)
    assert record.conflicts == []
    assert len(record.people) == len(baseline.people)
    assert len(record.statements) == len(baseline.statements)
    if changed != grounded[index].extraction:
        spellings = {str(p.name.value) for p in record.people}
        spellings |= {str(a.value) for p in record.people for a in p.name.alternatives}
        assert new in spellings


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.permutations(range(5)))
def test_input_order_does_not_change_the_record(
    gold: list[GroundedExtraction], gold_record: ConsensusRecord, order: list[int]
) -> None:
    expected = gold_record.model_dump_json()
    assert reconcile_grounded([gold[i] for i in order], run=RUN).model_dump_json() == expected


# --- small hand-made batches ---------------------------------------------------------------------


def _filler(article_id: str) -> str:
    """Words no other article has, so that short test articles are not near-copies."""
    return " ".join(f"{article_id}{n}" for n in range(40))


def _batch(
    *articles: tuple[str, str, str | None, ArticleExtraction],
) -> list[GroundedExtraction]:
    return [
        ground(make_test_article(i, f"{text}\n\n{_filler(i)}", published=published), e)
        for i, text, published, e in articles
    ]


def _talks(
    text: str,
    *,
    date: str | None = "2022-01-12",
    location: str | None = None,
    time: str | None = None,
    status: str = "scheduled",
    chair: Person | None = None,
    quotes: list[str] | None = None,
) -> ArticleExtraction:
    return ArticleExtraction(
        meetings=[
            Meeting(
                name="NATO-Russia Council meeting",
                date=date,
                location=location,
                time=time,
                status=status,
                chair=chair,
                quotes=quotes if quotes is not None else [text],
            )
        ]
    )


def _said(text: str, speaker: Person, content: str, **extra: Any) -> ArticleExtraction:
    return ArticleExtraction(
        statements=[
            Statement(speaker=speaker, content=content, quotes=[text], **extra),
        ]
    )


TEXT = "The NATO-Russia Council meets in Brussels on January 12."


def test_role_ranks_conflict_but_wordings_do_not() -> None:
    grounded = _batch(
        (
            "a",
            "Grushko spoke.",
            "2022-01-01",
            _said(
                "Grushko spoke.",
                Person(name="Alexander Grushko", role="Deputy Foreign Minister"),
                "Talks are possible.",
            ),
        ),
        (
            "b",
            "Grushko spoke.",
            "2022-01-02",
            _said(
                "Grushko spoke.",
                Person(name="Alexander Grushko", role="Foreign Minister"),
                "Talks are possible.",
            ),
        ),
        (
            "c",
            "Grushko spoke.",
            "2022-01-03",
            _said(
                "Grushko spoke.",
                Person(name="Aleksandr Grushko", role="Russian Deputy Foreign Minister"),
                "Talks are possible.",
            ),
        ),
    )
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.people) == 1
    (conflict,) = record.conflicts
    assert conflict.path == "/people/0/role"
    assert (conflict.kind, conflict.severity) == ("value_mismatch", "medium")
    assert [v.value for v in conflict.values] == ["Deputy Foreign Minister", "Foreign Minister"]
    assert conflict.values[0].sources == ["a", "c"]
    assert record.people[0].role.support == pytest.approx(2 / 3, abs=1e-4)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("NATO Secretary General", "Secretary-General"),
        ("Kremlin Aide", "Aide to the Russian leader"),
        ("Secretary General", "Chair of the NATO-Russia Council"),
    ],
)
def test_compatible_or_concurrent_roles_are_no_conflict(first: str, second: str) -> None:
    text = "Stoltenberg spoke."
    grounded = _batch(
        (
            "a",
            text,
            "2022-01-01",
            _said(text, Person(name="Jens Stoltenberg", role=first), "We talk."),
        ),
        ("b", text, "2022-01-02", _said(text, Person(name="Stoltenberg", role=second), "We talk.")),
    )
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.people) == 1
    assert record.people[0].name.value == "Jens Stoltenberg"
    assert record.conflicts == []


def test_one_quote_attributed_to_two_people_is_an_attribution_conflict() -> None:
    words = "We are satisfied with the conversation, which was generally constructive and calm."
    text = f'The aide said: "{words}"'
    grounded = _batch(
        ("a", text, "2022-01-01", _said(words, Person(name="Yury Ushakov"), words, direct=True)),
        ("b", text, "2022-01-01", _said(words, Person(name="Yuri Ushakov"), words, direct=True)),
        ("c", text, "2022-01-02", _said(words, Person(name="Dmitry Peskov"), words, direct=True)),
        ("d", text, "2022-01-02", _said(words, Person(name="Yury Ushakov"), words, direct=True)),
    )
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.statements) == 1
    statement = record.statements[0]
    assert statement.speaker.value == "Yury Ushakov"
    assert statement.direct
    (conflict,) = record.conflicts
    assert conflict.path == "/statements/0/speaker"
    assert (conflict.kind, conflict.severity) == ("attribution_mismatch", "medium")
    assert [(v.value, v.sources) for v in conflict.values] == [
        ("Yury Ushakov", ["a", "b", "d"]),
        ("Dmitry Peskov", ["c"]),
    ]
    assert "Yury Ushakov" in conflict.note
    assert "Dmitry Peskov" in conflict.note


def test_two_voices_saying_one_thing_in_their_own_words_are_two_statements() -> None:
    first = "The dock strike costs the national economy 30 million euros every single day."
    second = "The dock strike costs the national economy 30 million euros every day."
    minister = Person(name="Anna Lindqvist", role="Minister of Labour")
    employer = Person(name="Jonas Berg", role="chief executive of the port employers")
    grounded = _batch(
        ("a", first, "2022-01-04", _said(first, minister, first)),
        ("b", second, "2022-01-04", _said(second, employer, second)),
    )
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.statements) == 2
    assert record.conflicts == []


def test_a_body_and_its_official_are_not_an_attribution_conflict() -> None:
    words = "Any dialogue with Russia would have to proceed on the basis of reciprocity."
    nato = Person(name="NATO press service", organization="NATO")
    official = Person(name="NATO official", organization="NATO")
    grounded = _batch(
        ("a", words, "2022-01-04", _said(words, nato, words, direct=True)),
        ("b", words, "2022-01-04", _said(words, official, words, direct=True)),
    )
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.statements) == 1
    assert record.conflicts == []


def test_status_over_time_is_an_update_and_going_back_is_flagged() -> None:
    grounded = _batch(
        ("a", TEXT, "2021-12-26", _talks(TEXT, status="proposed")),
        ("b", TEXT, "2022-01-04", _talks(TEXT, status="scheduled")),
        ("c", TEXT, "2022-01-13", _talks(TEXT, status="held")),
    )
    meeting = reconcile_grounded(grounded, run=RUN).meetings[0]
    assert meeting.status.value == "held"
    assert [(a.value, a.sources) for a in meeting.status.alternatives] == [
        ("proposed", ["a"]),
        ("scheduled", ["b"]),
    ]
    grounded = _batch(
        ("a", TEXT, "2022-01-13", _talks(TEXT, status="held")),
        ("b", TEXT, "2022-01-14", _talks(TEXT, status="scheduled")),
    )
    record = reconcile_grounded(grounded, run=RUN)
    (conflict,) = record.conflicts
    assert (conflict.path, conflict.severity) == ("/meetings/0/status", "low")


@pytest.mark.parametrize(
    ("field", "first", "second", "conflict"),
    [
        ("date", "2022-01", "2022-01-12", None),
        ("date", "2022-01-12", "2022-01-13", "date_mismatch"),
        ("location", "Brussels", "NATO headquarters in Brussels", None),
        ("location", "Brussels", "Geneva", "value_mismatch"),
        ("time", "09:00 GMT", None, None),
        ("time", "09:00 GMT", "12:00 MSK", None),
        ("time", "09:00 GMT", "10:00 GMT", "value_mismatch"),
    ],
)
def test_precision_and_missing_values_are_not_conflicts(
    field: str, first: str, second: str | None, conflict: str | None
) -> None:
    values: list[dict[str, Any]] = [{field: first}, {field: second}]
    grounded = _batch(
        ("a", TEXT, "2022-01-04", _talks(TEXT, **values[0])),
        ("b", TEXT, "2022-01-05", _talks(TEXT, **values[1])),
    )
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.meetings) == 1
    assert [c.kind for c in record.conflicts] == ([conflict] if conflict else [])
    value = getattr(record.meetings[0], field)
    if conflict is None and field == "date":
        assert value.value == "2022-01-12"
        assert value.support == 1.0
    if conflict is None and field == "location":
        assert value.support == 1.0


def test_missing_value_is_a_null_field() -> None:
    grounded = _batch(("a", TEXT, "2022-01-04", _talks(TEXT)))
    meeting = reconcile_grounded(grounded, run=RUN).meetings[0]
    assert meeting.time.value is None
    assert meeting.time.sources == []
    assert meeting.time.support == 0.0


WIRE = (
    "BRUSSELS, January 4. NATO Secretary General Jens Stoltenberg has convened a meeting of "
    "the NATO-Russia Council on 12 January 2022 in his capacity as the chair of the council, "
    "the alliance said on Tuesday. Any dialogue with Russia would have to proceed on the basis "
    "of reciprocity and address NATO's concerns about Russia's actions, the statement said. "
    "Russia has put forward draft agreements on security guarantees and expects answers soon. "
    "The meeting will take place at the alliance headquarters, officials added."
)


def test_a_copy_does_not_count_as_confirmation() -> None:
    copy = WIRE.replace("on Tuesday", "on Tuesday evening") + " Reporting by a desk editor."
    other = "Officials said the NATO-Russia Council meets on January 13 in Brussels."
    third = "A diplomat said the NATO-Russia Council meets on January 13 in Brussels."
    quote = "NATO Secretary General Jens Stoltenberg has convened a meeting"
    grounded = [
        ground(make_test_article("a", WIRE, published="2022-01-04"), _talks(WIRE, quotes=[quote])),
        ground(make_test_article("b", copy, published="2022-01-05"), _talks(copy, quotes=[quote])),
        *_batch(
            ("c", other, "2022-01-05", _talks(other, date="2022-01-13")),
            ("d", third, "2022-01-06", _talks(third, date="2022-01-13")),
        ),
    ]
    record = reconcile_grounded(grounded, run=RUN)
    assert [(s.id, s.duplicate_of) for s in record.sources] == [
        ("a", None),
        ("b", "a"),
        ("c", None),
        ("d", None),
    ]
    meeting = record.meetings[0]
    # a and its copy b are one voice against c and d: 2022-01-13 wins, 2 of 3 independent.
    assert meeting.date.value == "2022-01-13"
    assert meeting.date.support == pytest.approx(2 / 3, abs=1e-4)
    (conflict,) = record.conflicts
    assert [v.sources for v in conflict.values] == [["c", "d"], ["a", "b"]]


def test_ungrounded_values_never_outvote_grounded_ones() -> None:
    invented = "This sentence is not in the article at all, not even close to it."
    grounded = _batch(
        ("a", TEXT, "2022-01-04", _talks(TEXT)),
        ("b", "Other news.", "2022-01-04", _talks(invented, date="2022-01-19")),
        ("c", "More news.", "2022-01-05", _talks(invented, date="2022-01-19")),
    )
    record = reconcile_grounded(grounded, run=RUN)
    meeting = record.meetings[0]
    assert meeting.grounded
    assert meeting.date.value == "2022-01-12"
    (conflict,) = record.conflicts
    assert "only ungrounded records give 2022-01-19" in conflict.note
    assert [(s.grounded, s.ungrounded) for s in record.sources] == [(1, 0), (0, 1), (0, 1)]

    strict = reconcile_grounded(grounded, run=RUN, strict=True)
    assert strict.conflicts == []
    assert strict.meetings[0].sources == ["a"]
    assert [(s.grounded, s.ungrounded) for s in strict.sources] == [(1, 0), (0, 1), (0, 1)]


def test_ungrounded_entities_are_kept_but_marked() -> None:
    invented = "This sentence is not in the article at all, not even close to it."
    grounded = _batch(("b", "Other news.", "2022-01-04", _talks(invented)))
    assert reconcile_grounded(grounded, run=RUN).meetings[0].grounded is False
    assert reconcile_grounded(grounded, run=RUN, strict=True).meetings == []


def test_same_surname_different_people_stay_apart() -> None:
    text = "Biden spoke."
    grounded = _batch(
        ("a", text, "2022-01-01", _said(text, Person(name="Joe Biden"), "We will talk to Moscow.")),
        ("b", text, "2022-01-01", _said(text, Person(name="Jill Biden"), "Schools reopen soon.")),
    )
    record = reconcile_grounded(grounded, run=RUN)
    assert sorted(str(p.name.value) for p in record.people) == ["Jill Biden", "Joe Biden"]


def test_far_apart_occurrences_of_one_meeting_stay_apart() -> None:
    grounded = _batch(
        ("a", TEXT, "2022-01-04", _talks(TEXT)),
        ("b", TEXT, "2022-01-04", _talks(TEXT, date="2019-07-01", status="held")),
    )
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.meetings) == 2
    assert record.conflicts == []


def test_proposals_resolve_by_proposer_title_and_demands() -> None:
    text = "Russia presented draft agreements on security guarantees on December 17."
    grounded = _batch(
        (
            "a",
            text,
            "2021-12-20",
            ArticleExtraction(
                proposals=[
                    Proposal(
                        title="Draft agreements on security guarantees",
                        proposer="Russia",
                        date="2021-12-17",
                        demands=["no NATO expansion eastward"],
                        quotes=[text],
                    )
                ]
            ),
        ),
        (
            "b",
            text,
            "2022-01-04",
            ArticleExtraction(
                proposals=[
                    Proposal(
                        title="Russian proposals on security guarantees",
                        proposer="Moscow",
                        demands=["no further NATO expansion eastward"],
                        status="under_discussion",
                        quotes=[text],
                    )
                ]
            ),
        ),
        (
            "c",
            text,
            "2022-01-04",
            ArticleExtraction(
                proposals=[
                    Proposal(
                        title="Proposal to convene the NATO-Russia Council",
                        proposer="NATO",
                        quotes=[text],
                    )
                ]
            ),
        ),
    )
    record = reconcile_grounded(grounded, run=RUN)
    assert [len(p.sources) for p in record.proposals] == [2, 1]
    security = record.proposals[0]
    assert security.proposer.value in {"Russia", "Moscow"}
    assert security.date.value == "2021-12-17"
    assert len(security.demands) == 1
    assert security.status.value == "under_discussion"
    assert record.conflicts == []


def test_empty_batch_and_title_override() -> None:
    record = reconcile_grounded([], run=RUN)
    assert record.title == "Untitled event"
    assert record.sources == []
    assert record.meetings == []
    assert record.conflicts == []
    grounded = _batch(("a", TEXT, "2022-01-04", _talks(TEXT)))
    assert reconcile_grounded(grounded, run=RUN, title="My event").title == "My event"
    assert reconcile_grounded(grounded, run=RUN).run == RUN


def test_blocking_stays_near_linear_in_a_huge_block() -> None:
    n = 5000
    pairs = candidate_pairs([["same"] for _ in range(n)])
    assert len(pairs) <= n * WINDOW
    assert n > MAX_BLOCK
    small = candidate_pairs([["x"], ["x"], ["y"], ["x", "y"]])
    assert small == [(0, 1), (0, 3), (1, 3), (2, 3)]


def test_a_record_listed_twice_in_one_article_is_one_entity() -> None:
    text = "The NATO Military Committee will meet in Brussels on January 12-13."
    twice = ArticleExtraction(
        meetings=[
            Meeting(name="NATO Military Committee meeting", date="2022-01-12", quotes=[text]),
            Meeting(name="NATO Military Committee meeting", location="Brussels", quotes=[text]),
            Meeting(name="NATO-Russia Council meeting", date="2022-01-12", quotes=[text]),
        ]
    )
    record = reconcile_grounded(_batch(("a", text, "2022-01-04", twice)), run=RUN)
    assert sorted(str(m.name.value) for m in record.meetings) == [
        "NATO Military Committee meeting",
        "NATO-Russia Council meeting",
    ]
    committee = next(m for m in record.meetings if "Committee" in str(m.name.value))
    assert (committee.date.value, committee.location.value) == ("2022-01-12", "Brussels")


RECONCILE_FROM_STDIN = """
import sys
from summarizer.reconciliation import reconcile_grounded
from summarizer.records import GroundedExtraction, Run
grounded = [GroundedExtraction.model_validate_json(line) for line in sys.stdin if line.strip()]
run = Run.model_validate_json(sys.argv[1])
sys.stdout.write(reconcile_grounded(grounded, run=run).model_dump_json())
"""


@pytest.mark.slow
def test_the_record_does_not_depend_on_the_hash_seed(gold: list[GroundedExtraction]) -> None:
    lines = "\n".join(g.model_dump_json() for g in reversed(gold))
    expected = reconcile_grounded(gold, run=RUN).model_dump_json()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", RECONCILE_FROM_STDIN, RUN.model_dump_json()],
            input=lines,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        assert result.stdout == expected
