"""The per-article records: what they accept, normalise and reject."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summarizer.records import (
    ArticleExtraction,
    Claim,
    ConsensusRecord,
    Meeting,
    Proposal,
    Quantity,
    Statement,
    normalize_date,
)


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


# --- claims ---------------------------------------------------------------------------------


def test_a_claim_carries_its_figure_date_and_voice():
    claim = Claim.model_validate(
        {
            "about": " OPEC+ ministerial   meeting ",
            "attribute": "number of non-OPEC members",
            "value": "11 non-members",
            "quantity": {"amount": 11, "unit": "country", "qualifier": "Exactly"},
            "date": "April 2020",
            "attributed_to": "",
            "quotes": ["The group of 13 OPEC members and 11 non-members agreed."],
        }
    )
    assert claim.about == "OPEC+ ministerial meeting"
    assert claim.quantity == Quantity(amount=11.0, unit="country", qualifier="exact")
    assert (claim.date, claim.attributed_to) == ("2020-04", None)


@pytest.mark.parametrize(("given", "expected"), [("1897", "1897"), ("March 1848", "1848-03")])
def test_a_claim_may_state_a_fact_of_history(given, expected):
    claim = Claim(about="the bronzes", attribute="year taken", value=given, date=given)
    assert claim.date == expected
    with pytest.raises(ValidationError, match="plausible"):
        Meeting(name="Peace conference", date=given)  # an event the report tells is recent


def test_a_claim_date_that_no_report_could_mean_is_re_asked():
    with pytest.raises(ValidationError, match="plausible date for a stated fact"):
        Claim(about="the bronzes", attribute="year taken", value="in 897", date="0897")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, "exact"),
        ("approximately", "about"),
        ("nearly", "about"),
        ("More than", "more_than"),
        ("over", "more_than"),
        ("at least", "at_least"),
        ("up to", "at_most"),
        ("fewer than", "less_than"),
    ],
)
def test_quantity_qualifiers_accept_their_usual_words(given, expected):
    assert Quantity(amount=1, qualifier=given).qualifier == expected


def test_a_claim_needs_its_about_attribute_and_value():
    with pytest.raises(ValidationError, match="claim needs"):
        Claim(about=" ", attribute="death toll", value="9")
    with pytest.raises(ValidationError):
        Quantity(amount=1, qualifier="give or take")


def test_claims_come_after_statements_and_default_to_empty():
    fields = list(ArticleExtraction.model_fields)
    assert fields[fields.index("statements") + 1] == "claims"
    assert ArticleExtraction.model_validate({"meetings": []}).claims == []
    consensus = list(ConsensusRecord.model_fields)
    assert consensus[consensus.index("statements") + 1] == "claims"


def test_claim_descriptions_teach_what_a_claim_is():
    schema = ArticleExtraction.model_json_schema()
    claims = schema["properties"]["claims"]["description"]
    assert "contradict" in claims and "durations" in claims
    claim = schema["$defs"]["Claim"]["properties"]
    assert "would name it alike" in " ".join(claim["about"]["description"].split())
    assert "no more precision than the article gives" in claim["date"]["description"]
    assert "own voice" in claim["attributed_to"]["description"]


def test_extraction_lines_written_before_claims_still_reconcile(tmp_path):
    from conftest import example_articles, gold_payload

    from summarizer.pipeline import read_extractions, reconcile

    lines = []
    for article in example_articles():
        payload = {k: v for k, v in gold_payload(article.id).items() if k != "claims"}
        assert "claims" not in payload
        source = article.model_dump(exclude={"sha256", "chars"})
        lines.append(json.dumps({"source": source, "extraction": payload, "run": {}}))
    path = tmp_path / "old.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcomes, run = read_extractions(path)
    assert not run.failures and len(outcomes) == 5
    assert all(o.extraction is not None and o.extraction.claims == [] for o in outcomes)
    record = reconcile(outcomes, run=run)
    assert record.claims == [] and record.statements
