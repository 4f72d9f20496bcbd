"""A meeting's times in two zones are compared on the reports' day: summer time counts."""

from __future__ import annotations

import pytest
from conftest import make_test_article

from summarizer.ground import ground
from summarizer.reconciliation import reconcile_grounded as reconcile
from summarizer.records import ArticleExtraction, Run

RUN = Run(backend="test", started="2026-01-01T00:00:00Z")

# (publication day, one report's time, the other's, whether they conflict)
TIMES = [
    ("2025-07-10", "1430 GMT", "3.30pm London time", False),  # British Summer Time: GMT+1
    ("2025-07-10", "1530 GMT", "3.30pm London time", True),
    ("2025-11-20", "1530 GMT", "3.30pm London time", False),  # London keeps GMT in winter
    ("2025-11-20", "1630 GMT", "3.30pm London time", True),
    ("2025-03-14", "10:00 Vienna time", "0900 GMT", False),  # before the clocks change
    ("2025-04-14", "10:00 Vienna time", "0800 GMT", False),  # after: CEST, GMT+2
    ("2025-04-14", "10:00 Vienna time", "0900 GMT", True),
]


@pytest.mark.parametrize(("day", "one", "other", "conflict"), TIMES)
def test_zoned_meeting_times_convert_on_the_reports_day(day, one, other, conflict):
    texts = [f"The briefing began at {time} in the council building." for time in (one, other)]
    meetings = [{"name": "council briefing", "date": day, "time": time} for time in (one, other)]
    assert _time_conflict(texts, meetings, day) is conflict


# (where reports place the meeting, one report's time, the other's, whether they conflict)
VENUES = [
    ("Palacio Legislativo, Montevideo", "09:30", "1230 GMT", False),  # Uruguay: GMT-3
    ("Palacio Legislativo, Montevideo", "09:30", "0930 GMT", True),
    ("Palacio Legislativo, Montevideo", "09:30", "shortly after noon", True),
    ("Montevideo", "in the morning", "09:30", False),
    ("the parliament building", "09:30", "1230 GMT", False),  # no known place: not compared
    ("Montevideo", "09:30", "15:30 Moscow time", False),
    ("the parliament building", "1230 GMT", "15:30 Moscow time", False),  # named zones convert
    ("the parliament building", "1230 GMT", "16:30 Moscow time", True),
]


@pytest.mark.parametrize(("venue", "one", "other", "conflict"), VENUES)
def test_a_time_without_a_zone_is_on_the_clock_of_the_meetings_place(venue, one, other, conflict):
    texts = [f"The session opened at {time} in {venue}." for time in (one, other)]
    meetings = [
        {"name": "budget committee session", "date": "2027-04-07", "time": time}
        for time in (one, other)
    ]
    meetings[0]["location"] = venue
    assert _time_conflict(texts, meetings, "2027-04-07") is conflict


def _time_conflict(texts: list[str], meetings: list[dict[str, str]], day: str) -> bool:
    """Whether two reports of one held meeting, each quoting its text, conflict on its time."""
    grounded = []
    for n, (text, meeting) in enumerate(zip(texts, meetings, strict=True)):
        article = make_test_article(f"r{n}", text, published=day)
        meeting = {**meeting, "status": "held", "quotes": [text]}
        grounded.append(ground(article, ArticleExtraction.model_validate({"meetings": [meeting]})))
    record = reconcile(grounded, run=RUN)
    assert len(record.meetings) == 1
    return "/meetings/0/time" in [c.path for c in record.conflicts]
