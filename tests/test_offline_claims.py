"""The offline extractor's claims: figures, durations, times and dates, and what is left out."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import ROOT, make_test_article

from summarizer.backends.offline import OfflineExtractor, load_pipeline
from summarizer.ground import ground
from summarizer.ingest import read_articles
from summarizer.records import ArticleExtraction, Claim

# Every case opens with a sentence that names what the report is about, as a lead does.
LEAD = "A storm crossed the northern coast on Monday. "


@pytest.fixture(scope="module")
def extractor() -> OfflineExtractor:
    load_pipeline()
    return OfflineExtractor()


def claims_of(extractor: OfflineExtractor, text: str) -> list[Claim]:
    article = make_test_article("c", LEAD + text, published="2024-06-12", outlet="Wire")
    result = extractor.extract(article)
    assert isinstance(result, ArticleExtraction)
    for claim in result.claims:
        for quote in claim.quotes:
            assert quote in article.text
    return list(result.claims)


@dataclass(frozen=True)
class Expected:
    value: str
    words: tuple[str, ...]  # words the attribute must contain
    amount: float | None = None
    unit: str | None = None
    qualifier: str = "exact"
    date: str | None = None
    by: str | None = None  # a word of `attributed_to`; None: stated in the report's own voice


FOUND = [
    pytest.param(
        "Crews towed seventeen trucks off the flooded motorway.",
        Expected("seventeen trucks", ("towed", "trucks"), 17, "truck"),
        id="number word counting a noun, with its verb",
    ),
    pytest.param(
        "The waves damaged more than 40 homes along the shore.",
        Expected("more than 40 homes", ("damaged", "homes"), 40, "home", "more_than"),
        id="qualifier as an interval",
    ),
    pytest.param(
        "Nearly 300 passengers were stranded at the airport.",
        Expected("Nearly 300 passengers", ("passengers", "stranded"), 300, "passenger", "about"),
        id="approximate count, passive verb",
    ),
    pytest.param(
        "Engineers inspected a 12-kilometre embankment after the surge.",
        Expected("12-kilometre", ("length", "embankment"), 12, "kilometre"),
        id="hyphenated measure of a noun",
    ),
    pytest.param(
        "The council approved a repair budget of $4.5 million for the harbour.",
        Expected("$4.5 million", ("amount", "budget"), 4_500_000, "USD"),
        id="money with a scale word",
    ),
    pytest.param(
        "The water level rose by 15% in the lagoon.",
        Expected("15%", ("change", "level"), 15, "percent"),
        id="share as a change",
    ),
    pytest.param(
        "The closure of the port lasted nearly three hours.",
        Expected("nearly three hours", ("duration", "closure"), 3, "hour", "about"),
        id="duration of the subject",
    ),
    pytest.param(
        "The evacuation took place after six hours of warnings.",
        Expected("six hours", ("duration", "warnings"), 6, "hour"),
        id="duration of the noun after of",
    ),
    pytest.param(
        "The last ferry left the harbour at 18:45 local time.",
        Expected("18:45 local time", ("time", "ferry", "left")),
        id="clock time with its zone",
    ),
    pytest.param(
        "The rescue operation began at about 09:30 GMT.",
        Expected("about 09:30 GMT", ("start", "time", "operation")),
        id="approximate start time",
    ),
    pytest.param(
        "The previous flood in the valley happened in March 2019.",
        Expected("March 2019", ("date", "flood"), date="2019-03"),
        id="month as a value",
    ),
    pytest.param(
        "The sea wall was finished in 1998.",
        Expected("1998", ("date", "wall", "finished"), date="1998"),
        id="year as a value",
    ),
    pytest.param(
        "The evacuation began at 21:10 local time (18:10 GMT).",
        Expected("21:10 local time (18:10 GMT)", ("start", "time", "evacuation")),
        id="clock time given in two zones",
    ),
    pytest.param(
        "The mortgage rate rose to 7.5% in June.",
        Expected("7.5%", ("mortgage", "rate"), 7.5, "percent"),
        id="a level something reaches",
    ),
    pytest.param(
        "The death toll from the landslide rose to 31 on Tuesday.",
        Expected("rose to 31", ("death", "toll"), 31),
        id="a count that grows, with its cue",
    ),
    pytest.param(
        "Rescuers said 23 people were injured when the footbridge collapsed.",
        Expected("23 people", ("people", "injured"), 23, "person", by="rescuers"),
        id="reported by a reporting verb",
    ),
    pytest.param(
        "According to the coast guard, 14 sailors were rescued from the tanker.",
        Expected("14 sailors", ("sailors", "rescued"), 14, "sailor", by="coast"),
        id="reported with according to",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_a_fact_becomes_one_claim(extractor: OfflineExtractor, text: str, expected: Expected):
    claims = [c for c in claims_of(extractor, text) if c.value == expected.value]
    assert len(claims) == 1, claims_of(extractor, text)
    claim = claims[0]
    for word in expected.words:
        assert word in claim.attribute.lower().split(), claim.attribute
    assert expected.value not in claim.attribute
    assert claim.about == "storm crossed"
    assert claim.quotes == [text]
    if expected.amount is None:
        assert claim.quantity is None
    else:
        assert claim.quantity is not None
        assert claim.quantity.amount == pytest.approx(expected.amount)
        assert claim.quantity.unit == expected.unit
        assert claim.quantity.qualifier == expected.qualifier
    assert claim.date == expected.date
    if expected.by is None:
        assert claim.attributed_to is None
    else:
        assert expected.by in (claim.attributed_to or "").lower()


NOT_CLAIMS = [
    pytest.param('"We lost 40 homes in one night," the mayor said.', id="inside a direct quote"),
    pytest.param("The two ministers shook hands before the cameras.", id="a number that refers"),
    pytest.param("Nine of the 14 economists expected the bank to wait.", id="partitive"),
    pytest.param("It was the third storm to hit the island this year.", id="ordinal"),
    pytest.param("The bridge over the bay opened two years ago.", id="relative duration"),
    pytest.param("The crowd included about 300 people.", id="a bare noun, no property"),
    pytest.param("The central bank sold 91-day bills at auction.", id="a kind, not a duration"),
    pytest.param("Volunteers handed out blankets for hours.", id="no figure"),
    pytest.param("The captain, 52, was rescued by a fishing boat.", id="an age in apposition"),
    pytest.param("Ports must report damage within 24 hours.", id="a deadline, not a duration"),
    pytest.param(
        "Inflation rose to 5% in May.", id="a level named by one word: too vague to compare"
    ),
    pytest.param(
        "The island, a province of 900,000 people, relies on ferries.",
        id="a figure in an apposition is not the verb's",
    ),
    pytest.param("Storm hits coast, 12 dead\n\nThe roads stayed shut.", id="headline"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_what_is_not_a_claim(extractor: OfflineExtractor, text: str):
    assert claims_of(extractor, text) == []


@pytest.mark.slow
def test_a_wire_dateline_is_not_a_claim(extractor: OfflineExtractor):
    text = "LISBON, March 3 (Reuters) - A blaze destroyed 60 hectares of forest, firemen said."
    article = make_test_article("d", text, published="2024-03-03", outlet="Reuters")
    claims = extractor.extract(article).claims
    assert [c.value for c in claims] == ["60 hectares"]
    assert claims[0].attribute == "area of forest"
    assert claims[0].date is None


@pytest.mark.slow
def test_a_fact_stated_twice_is_one_claim(extractor: OfflineExtractor):
    text = (
        "Crews towed seventeen trucks off the motorway. "
        "By noon crews towed seventeen trucks off the motorway."
    )
    assert [c.value for c in claims_of(extractor, text)] == ["seventeen trucks"]


@pytest.mark.slow
def test_claims_of_a_meeting_are_about_it(extractor: OfflineExtractor):
    text = (
        "The foreign ministers of Norway and Sweden held a meeting in Oslo on Thursday. "
        "The meeting lasted more than four hours, diplomats said."
    )
    article = make_test_article("m", text, published="2024-06-12", outlet="Wire")
    result = extractor.extract(article)
    assert result.meetings
    claims = [c for c in result.claims if c.value == "more than four hours"]
    assert len(claims) == 1
    assert claims[0].about == result.meetings[0].name
    assert claims[0].attributed_to == "diplomats"


@pytest.mark.slow
def test_a_corpus_cluster_yields_grounded_claims(extractor: OfflineExtractor):
    articles = read_articles([ROOT / "tests" / "data" / "clusters" / "trade-deal" / "articles"])
    results = extractor.extract_many(articles.articles)
    claims = 0
    for article, result in zip(articles.articles, results, strict=True):
        assert isinstance(result, ArticleExtraction), result
        grounded = ground(article, result)
        for claim, grounding in zip(result.claims, grounded.claims, strict=True):
            claims += 1
            assert grounding.grounded, claim
            assert grounding.spans and all(s.match == "exact" for s in grounding.spans), claim
            assert not grounding.unaligned, claim
            assert any(claim.value in q for q in claim.quotes), claim
    assert claims >= 5


def _by_attribute(claims: list[Claim], about: str) -> dict[str, Claim]:
    return {c.attribute: c for c in claims if c.about == about}


@pytest.mark.slow
def test_a_meetings_date_place_and_start_time_are_claims_about_it(extractor: OfflineExtractor):
    text = (
        "Transport ministers of Chile and Peru met in Lima on Tuesday. "
        "The meeting opened at 10:00 local time (15:00 GMT) and lasted three hours."
    )
    article = make_test_article("m", LEAD + text, published="2024-06-12", outlet="Wire")
    result = extractor.extract(article)
    assert len(result.meetings) == 1
    meeting = result.meetings[0]
    found = _by_attribute(list(result.claims), meeting.name)
    assert found["date"].value == "Tuesday"  # the article's words, resolved in `date`
    assert found["date"].date == meeting.date == "2024-06-11"
    assert found["location"].value == "Lima"
    assert found["location"].date is None
    assert found["start time"].value == "10:00 local time (15:00 GMT)"  # with its other zone
    for claim in (found["date"], found["location"], found["start time"]):
        assert claim.quantity is None and claim.attributed_to is None
        assert len(claim.quotes) == 1 and claim.quotes[0] in article.text
        assert claim.value in claim.quotes[0]
    # the start time is one claim, not one per zone
    assert [c.value for c in result.claims].count("10:00 local time (15:00 GMT)") == 1
    assert not any("15:00" in c.value for c in result.claims if c.attribute != "start time")


@pytest.mark.slow
def test_a_planned_meetings_date_is_stated_once(extractor: OfflineExtractor):
    text = (
        "Council members will meet in Oslo on 4 June to review the damage. "
        "On 4 June the council members will also elect a chair."
    )
    claims = claims_of(extractor, text)
    dates = [c for c in claims if c.attribute == "date"]
    assert [(c.value, c.date) for c in dates] == [("4 June", "2024-06-04")]
    assert dates[0].quotes == ["Council members will meet in Oslo on 4 June to review the damage."]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        pytest.param(
            "The ministers will hold talks in Oslo next month.",
            "date",
            id="a meeting without a day has no date claim",
        ),
        pytest.param(
            "The ministers met in a small coastal town on Tuesday.",
            "location",
            id="a place the parse does not name is left to the record",
        ),
        pytest.param(
            "The ministers met in Lima on Tuesday. The harbour had reopened on 2 June.",
            "start time",
            id="no time given, no start time",
        ),
    ],
)
def test_what_a_meeting_claim_leaves_out(extractor: OfflineExtractor, text: str, absent: str):
    claims = claims_of(extractor, text)
    assert claims, "the meeting's other facts are claims"
    assert absent not in {c.attribute for c in claims}


@pytest.mark.slow
def test_another_events_date_is_not_the_meetings(extractor: OfflineExtractor):
    text = "The ministers met in Lima on Tuesday. The harbour had reopened on 2 June."
    claims = claims_of(extractor, text)
    dated = {c.value: c.attribute for c in claims if c.date}
    assert dated["Tuesday"] == "date"
    assert dated["2 June"] != "date" and "reopened" in dated["2 June"]
