"""Meetings found by their structure: who sits, what is done at a sitting, and which words
date it. Each rule is pinned by sentences written for it, with the cases where it must not fire.
The report is dated Monday 3 June 2024 unless a test says otherwise."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_test_article

from summarizer.backends.offline import OfflineExtractor, load_pipeline, resolve_dates
from summarizer.records import ArticleExtraction


@pytest.fixture(scope="module")
def extractor() -> OfflineExtractor:
    load_pipeline()
    return OfflineExtractor()


def extract(
    extractor: OfflineExtractor, text: str, published: str | None = "2024-06-03"
) -> ArticleExtraction:
    result = extractor.extract(make_test_article("t", text, published=published, outlet=None))
    for meeting in result.meetings:
        for quote in meeting.quotes:
            assert quote in text, quote
    return result


def dates(extractor: OfflineExtractor, text: str, published: str | None = "2024-06-03") -> list:
    return [m.date for m in extract(extractor, text, published).meetings]


# --- a day and month without a year ----------------------------------------------------------


def test_a_day_told_as_to_come_is_in_the_coming_months() -> None:
    may = dt.date(2027, 5, 15)
    assert [d.value for d in resolve_dates("will be held on December 11", may, 1)] == ["2027-12-11"]
    # told in the past, or without tense, the nearest such day stays
    assert [d.value for d in resolve_dates("was held on December 11", may, -1)] == ["2026-12-11"]
    assert [d.value for d in resolve_dates("on December 11", may, 0)] == ["2026-12-11"]
    # a day a few weeks off is not pushed a year away by a tense read wrongly
    assert [d.value for d in resolve_dates("held on May 20", may, -1)] == ["2027-05-20"]


@pytest.mark.slow
def test_a_meeting_called_for_a_day_is_dated_forward(extractor: OfflineExtractor) -> None:
    text = "The board has called an extraordinary general meeting for 23 June."
    found = extract(extractor, text, "2026-05-08").meetings
    assert [(m.date, m.status) for m in found] == [("2026-06-23", "scheduled")]


# --- who sits --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The ethics committee banned the coach for life on Tuesday.", "2024-05-28"),
        ("The health committee will question the former minister on Thursday.", "2024-06-06"),
        ("The league's disciplinary board fined the club on Friday.", "2024-05-31"),
        # heard by a body, as a plan told with "is to"
        ("On Wednesday the regulator is to be heard by the Energy Committee.", "2024-06-05"),
        # appearing before a body, the day hung on the body or on a time of day
        (
            "The chief executive is due to appear before the transport committee on Wednesday.",
            "2024-06-05",
        ),
        ("The mayor will appear before the city council on Thursday afternoon.", "2024-06-06"),
    ],
)
def test_a_body_acting_on_a_day_sits_that_day(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    assert dates(extractor, text) == [day]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Police questioned the driver on Tuesday.",  # no body that sits
        "The committee wants to question the minister.",  # no day, and only a wish
        "The chief executive appeared relaxed on Wednesday.",  # before no body
        "The city banned cars from the old town on Sunday.",  # a city is no sitting body
    ],
)
def test_no_sitting_without_a_body_acting_on_a_day(extractor: OfflineExtractor, text: str) -> None:
    assert [d for d in dates(extractor, text) if d] == []


@pytest.mark.slow
def test_a_body_named_in_a_longer_name_is_not_a_meeting_of_its_own(
    extractor: OfflineExtractor,
) -> None:
    text = "The Senate banking committee held a hearing on the merger on Tuesday."
    assert dates(extractor, text) == ["2024-05-28"]


@pytest.mark.slow
def test_the_session_a_body_convenes_is_that_bodys(extractor: OfflineExtractor) -> None:
    text = (
        "On Wednesday the director is to be heard by the Water Committee, which has convened "
        "an emergency session."
    )
    found = extract(extractor, text).meetings
    assert [m.date for m in found] == ["2024-06-05"]
    assert len(found[0].quotes) == 1


# --- signings --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The treaty is due to be signed in Vienna on June 20.", "2024-06-20"),
        ("The final documents are expected to be signed in Lima on June 14.", "2024-06-14"),
    ],
)
def test_a_signing_due_on_a_day_is_a_meeting(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    found = extract(extractor, text).meetings
    assert [(m.date, m.status) for m in found] == [(day, "scheduled")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in Vienna in 1995.",  # history, not a meeting of this report
        "The documents are due to be published on June 20.",  # published, not signed
    ],
)
def test_no_signing_without_a_day_or_a_signature(extractor: OfflineExtractor, text: str) -> None:
    assert dates(extractor, text) == []


# --- which words date a meeting ----------------------------------------------------------------


@pytest.mark.slow
def test_a_day_of_what_came_before_does_not_date_the_meeting(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The party held its congress in Split on Saturday. The congress was called after the "
        "resignation in February of the party's leader."
    )
    assert dates(extractor, text) == ["2024-06-01"]


@pytest.mark.slow
def test_a_day_in_another_nouns_clause_does_not_date_a_briefing(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The outage, which hit the servers on Saturday, was caused by a faulty update, the "
        "agency's director told a news conference."
    )
    assert dates(extractor, text) == ["2024-06-03"]  # held, so on the day of the report


@pytest.mark.slow
def test_a_meeting_dated_by_its_opening_keeps_that_day(extractor: OfflineExtractor) -> None:
    text = (
        "Ministers agreed the new limits after all-night talks. The meeting of the Transport "
        "Council, which opened in Brussels on Thursday morning, ended at 05:10 on Friday."
    )
    assert dates(extractor, text) == ["2024-05-30"]


@pytest.mark.slow
def test_the_only_placed_meeting_of_its_kind_is_kept_undated(
    extractor: OfflineExtractor,
) -> None:
    text = "She won the second round of voting at the party congress in Vienna, her aides said."
    found = extract(extractor, text, None).meetings
    assert [(m.date, m.location) for m in found] == [(None, "Vienna")]
    # an unplaced mention of a kind told nowhere else stays an anaphor
    assert extract(extractor, "She spoke at the congress, her aides said.", None).meetings == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Chile reached a preliminary deal with its creditors on Tuesday.", "2024-05-28"),
        ("The two sides signed a ceasefire agreement in Cairo on Friday.", "2024-05-31"),
    ],
)
def test_parties_concluding_an_agreement_on_a_day_met(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == [(day, "held")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Chile reached a deal with its creditors.",  # no day
        "The two firms signed a supply contract in 2019.",  # history
        "The judge reached a decision on Tuesday.",  # a decision is no agreement
    ],
)
def test_no_meeting_from_an_agreement_without_its_day(
    extractor: OfflineExtractor, text: str
) -> None:
    assert [d for d in dates(extractor, text) if d] == []


@pytest.mark.slow
def test_a_month_hung_on_the_object_dates_a_bodys_sitting(extractor: OfflineExtractor) -> None:
    text = "The fund's executive board is expected to consider the loan in July."
    found = extract(extractor, text).meetings
    assert [(m.date, m.status) for m in found] == [(None, "scheduled")]
    # without a month or a day, the body's intent tells of no sitting
    assert extract(extractor, "The fund's board is expected to consider the loan.").meetings == []


@pytest.mark.slow
def test_a_meeting_told_when_by_its_own_words_takes_no_other_day(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The prisoners were freed at the border on Saturday, under a deal brokered by Norway at "
        "talks in Oslo last week, officials said."
    )
    assert [(m.date, m.location) for m in extract(extractor, text).meetings] == [(None, "Oslo")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Ferries resumed sailing on Friday, a day after officials meeting in Tallinn agreed "
            "to lift the ban.",
            "2024-05-30",
        ),
        (
            "Ferries resumed sailing on Friday, two days after ministers meeting in Tallinn "
            "agreed to lift the ban.",
            "2024-05-29",
        ),
    ],
)
def test_a_meeting_counted_from_a_day_is_that_many_days_away(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    assert dates(extractor, text) == [day]


@pytest.mark.slow
def test_a_meeting_in_the_clause_of_the_day_itself_is_not_shifted(
    extractor: OfflineExtractor,
) -> None:
    text = "Ministers meeting in Tallinn on Friday agreed to lift the ban, a day after the storm."
    assert dates(extractor, text) == ["2024-05-31"]


# --- verbs of meeting and nouns that stand for one -------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The government sits down with its creditors in Madrid on Tuesday.", "2024-06-04"),
        ("The minister hosted her counterparts in Lisbon on Friday.", "2024-05-31"),
        ("The next round is due in Geneva on Thursday.", "2024-06-06"),
    ],
)
def test_meeting_told_by_a_verb_or_a_placed_round(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    assert dates(extractor, text) == [day]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The chairman sat down on Tuesday.",  # sitting down with nobody
        "The city hosted the championship on Friday.",  # hosting no people
        "The next round of sanctions is due on Thursday.",  # a round of something else
        "The fund hosted its website in Lisbon.",  # no people hosted
    ],
)
def test_no_meeting_from_sitting_hosting_or_rounds_of_other_things(
    extractor: OfflineExtractor, text: str
) -> None:
    assert dates(extractor, text) == []


@pytest.mark.slow
def test_a_day_in_a_clause_of_what_came_before_dates_nothing(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The party will hold a special congress in Riga on Saturday. The congress was called "
        "after the chairman resigned in February."
    )
    found = extract(extractor, text).meetings
    assert [m.date for m in found] == ["2024-06-08"]


@pytest.mark.slow
def test_talks_that_ran_through_the_night_began_the_day_before(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "Ministers agreed new limits after more than 18 hours of negotiations in Brussels that "
        "ended in the early hours of Saturday."
    )
    found = extract(extractor, text).meetings
    assert [(m.date, m.end_date) for m in found] == [("2024-05-31", "2024-06-01")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The session musician released an album on Friday.",
        "The conference centre reopened on Friday.",
        "The summit venue was sealed off on Tuesday.",
    ],
)
def test_a_meeting_noun_qualifying_another_noun_is_no_meeting(
    extractor: OfflineExtractor, text: str
) -> None:
    assert dates(extractor, text) == []


@pytest.mark.slow
def test_a_meeting_noun_before_a_verb_the_tagger_misread_is_still_one(
    extractor: OfflineExtractor,
) -> None:
    assert dates(extractor, "The strike goes on. Talks resume Thursday.") == ["2024-06-06"]


@pytest.mark.slow
def test_a_gathering_told_with_its_first_day_of_several(extractor: OfflineExtractor) -> None:
    text = "The ministers gathered in Oslo on Sunday for two days of talks."
    assert dates(extractor, text) == ["2024-06-02"]


# --- proposals -------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_body_named_before_a_proposal_is_its_proposer(extractor: OfflineExtractor) -> None:
    text = (
        "The Arctic Council will debate a Nordic Council proposal on shared icebreakers on "
        "Friday, officials said."
    )
    found = extract(extractor, text).proposals
    assert [p.proposer for p in found] == ["Nordic Council"]


@pytest.mark.slow
def test_a_day_before_a_proposal_is_no_proposer(extractor: OfflineExtractor) -> None:
    text = "Ministers will debate the Monday proposal on shared icebreakers, officials said."
    assert all(p.proposer != "Monday" for p in extract(extractor, text).proposals)


# --- ceremonies, symposia, observers met, extensions signed ----------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The opening ceremony of the new bridge will take place on Thursday.", "2024-06-06"),
        ("The city library hosts a symposium on rare maps on Friday.", "2024-06-07"),
        ("On Saturday the two parties met observers from a monitoring group.", "2024-06-01"),
        (
            "Chile and Peru signed the extension of their water pact in Lima on Friday.",
            "2024-05-31",
        ),
    ],
)
def test_ceremonies_symposia_observers_and_signed_extensions_are_meetings(
    extractor: OfflineExtractor, text: str, date: str
) -> None:
    assert date in dates(extractor, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The funeral ceremony was private, the family said on Friday.",
        "Observers said on Friday that the count was calm.",
        "The lease extension was approved by the tenants.",
        "The drought met no resistance from the dams on Friday.",
    ],
)
def test_no_meeting_from_a_funeral_observers_speaking_or_an_unsigned_extension(
    extractor: OfflineExtractor, text: str
) -> None:
    assert dates(extractor, text) == []


# --- a court granting or ordering on a day; the deed done after a hearing --------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("On Friday the appeals court granted the union's appeal.", "2024-05-31"),
        ("A new count was ordered on Thursday by the district court.", "2024-05-30"),
    ],
)
def test_a_court_granting_or_ordering_on_a_day_sat(
    extractor: OfflineExtractor, text: str, date: str
) -> None:
    assert dates(extractor, text) == [date]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "On Friday the governor ordered more sandbags for the river towns.",
        "The mayor granted the firm a permit on Thursday.",
    ],
)
def test_a_person_ordering_or_granting_holds_no_sitting(
    extractor: OfflineExtractor, text: str
) -> None:
    assert dates(extractor, text) == []


@pytest.mark.slow
def test_a_deed_told_after_a_hearing_is_that_hearing(extractor: OfflineExtractor) -> None:
    text = "The count was ordered by the district court after a hearing on Thursday, May 30."
    found = extract(extractor, text).meetings
    assert [m.date for m in found] == ["2024-05-30"]
    assert "hearing" in found[0].name.lower()


# --- a crisis headquarters is a body that sits -----------------------------------------------


@pytest.mark.slow
def test_a_headquarters_deciding_on_a_day_sat(extractor: OfflineExtractor) -> None:
    text = "The city's storm headquarters, which sits under the mayor, decided on Friday to shut the port."
    assert dates(extractor, text) == ["2024-05-31"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Drivers rallied outside the bank's headquarters on Friday.",
        "The firm moved its headquarters to Lyon on Friday.",
    ],
)
def test_a_headquarters_building_holds_no_sitting(extractor: OfflineExtractor, text: str) -> None:
    assert dates(extractor, text) == []


# --- a body recommending on a day sat that day -----------------------------------------------


@pytest.mark.slow
def test_a_commission_recommending_on_a_day_sat(extractor: OfflineExtractor) -> None:
    text = "The ethics commission recommended on Tuesday that the mayor step down."
    assert dates(extractor, text) == ["2024-05-28"]


@pytest.mark.slow
def test_a_person_recommending_holds_no_sitting(extractor: OfflineExtractor) -> None:
    assert dates(extractor, "The family doctor recommended rest on Tuesday.") == []
