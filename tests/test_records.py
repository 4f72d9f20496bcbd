"""The per-article records: what they accept, normalise and reject."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarizer.records import ArticleExtraction, Meeting, Proposal, Statement, normalize_date


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2022-01-12", "2022-01-12"),
        ("January 12, 2022", "2022-01-12"),
        ("12 January 2022", "2022-01-12"),
        ("Jan. 12 2022", "2022-01-12"),
        ("12th January, 2022", "2022-01-12"),
        ("2022/01/12", "2022-01-12"),
        ("2022-1-2", "2022-01-02"),
        ("2022-01-12T09:00:00Z", "2022-01-12"),
        ("January 2022", "2022-01"),
        ("2022-01", "2022-01"),
        ("2022", "2022"),
        ("", None),
        ("null", None),
        (None, None),
    ],
)
def test_dates_are_normalised_to_iso(given, expected):
    assert normalize_date(given) == expected


@pytest.mark.parametrize(
    "given", ["2022-02-30", "2022-13-01", "February 30, 2022", "next week", "12/01"]
)
def test_impossible_or_unreadable_dates_are_rejected(given):
    with pytest.raises(ValueError, match="date"):
        normalize_date(given)


def test_a_rejected_date_explains_what_to_write():
    with pytest.raises(ValidationError) as error:
        Meeting(name="x", date="sometime soon")
    assert "YYYY-MM-DD" in str(error.value)


@pytest.mark.parametrize(
    ("field", "given", "expected"),
    [
        ("format", "In Person", "in_person"),
        ("format", "VIRTUAL", "virtual"),
        ("format", "videoconference", "virtual"),
        ("format", "telephone", "phone"),
        ("status", "Scheduled", "scheduled"),
        ("status", "took place", "held"),
        ("status", "canceled", "cancelled"),
        ("status", None, "unknown"),
    ],
)
def test_meeting_enums_accept_other_case_and_common_synonyms(field, given, expected):
    assert getattr(Meeting(name="x", **{field: given}), field) == expected


def test_unknown_enum_values_are_rejected():
    with pytest.raises(ValidationError):
        Meeting(name="x", status="maybe")
    with pytest.raises(ValidationError):
        Proposal(title="t", proposer="p", status="pending approval forever")


def test_proposal_status_synonyms():
    assert (
        Proposal(title="t", proposer="p", status="Under Consideration").status == "under_discussion"
    )


def test_unknown_fields_are_forbidden():
    with pytest.raises(ValidationError, match="extra"):
        ArticleExtraction.model_validate({"meetings": [], "summary": "x"})


def test_blank_strings_become_null_and_blank_list_items_are_dropped():
    m = Meeting(name=" Talks ", location="  ", time="null", agenda=["a", " ", ""])
    assert (m.name, m.location, m.time, m.agenda) == ("Talks", None, None, ["a"])


def test_a_statement_needs_content_and_a_named_speaker():
    with pytest.raises(ValidationError):
        Statement(speaker={"name": "X"}, content="  ")
    with pytest.raises(ValidationError):
        Statement(speaker={"name": " "}, content="c")


def test_field_descriptions_instruct_the_model():
    schema = ArticleExtraction.model_json_schema()
    meeting = schema["$defs"]["Meeting"]["properties"]
    assert "resolved against the article's publication date" in meeting["date"]["description"]
    quotes = meeting["quotes"]["description"]
    assert "Verbatim" in quotes and "Never paraphrase" in quotes
    statement = schema["$defs"]["Statement"]["properties"]
    assert "quotation marks" in statement["direct"]["description"]
