"""General rules of the offline extractor, each pinned by short sentences written for it."""

from __future__ import annotations

import pytest
from conftest import make_test_article

from summarizer.backends.offline import OfflineExtractor, load_pipeline, resolve_dates
from summarizer.records import ArticleExtraction, Meeting

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> OfflineExtractor:
    load_pipeline()
    return OfflineExtractor()


def extract(
    extractor: OfflineExtractor, text: str, published: str | None = "2024-06-03"
) -> ArticleExtraction:
    article = make_test_article("t", text, published=published, outlet=None)
    result = extractor.extract(article)
    for record in [*result.meetings, *result.statements, *result.proposals]:
        for quote in record.quotes:
            assert quote in text, quote
    return result


def meetings_in(result: ArticleExtraction, word: str) -> list[Meeting]:
    return [m for m in result.meetings if word.lower() in " ".join(m.quotes).lower()]


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("The board last sat in the winter of 2017.", "2017", "winter of 2017"),
        ("They talked in spring 2020 and parted.", "2020", "spring 2020"),
        ("A pact from the autumn of 1999 still holds.", "1999", "autumn of 1999"),
    ],
)
def test_a_season_with_its_year_is_a_rough_date(text: str, value: str, words: str) -> None:
    import datetime as dt

    found = resolve_dates(text, dt.date(2024, 6, 3))
    assert [(d.value, text[d.start : d.end], d.precise) for d in found] == [(value, words, False)]


# --- a meeting of another year --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "The Arctic Fisheries Commission will meet in Oslo on June 12. "
            "The commission last convened in the summer of 2019 without a deal.",
            "summer of 2019",
        ),
        (
            "The Arctic Fisheries Commission will meet in Oslo on June 12. "
            "The commission met in 2021 and failed to agree on quotas.",
            "2021",
        ),
    ],
)
def test_a_meeting_dated_to_another_year_is_its_own_meeting(
    extractor: OfflineExtractor, text: str, earlier: str
) -> None:
    result = extract(extractor, text)
    coming = [m for m in result.meetings if m.date == "2024-06-12"]
    assert len(coming) == 1
    assert coming[0].status == "scheduled"
    assert all("2019" not in q and "2021" not in q for q in coming[0].quotes)
    past = [m for m in result.meetings if earlier in m.name]
    assert len(past) == 1, result.meetings
    assert past[0].date is None
    assert past[0].status == "held"


# --- agenda items ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "item"),
    [
        (
            "The Arctic Fisheries Commission will meet on June 12 to discuss the situation "
            "in and around the northern fishing grounds.",
            "situation in and around the northern fishing grounds",
        ),
        (
            "The Arctic Fisheries Commission will meet on June 12 to review the state of the "
            "cod stocks.",
            "state of the cod stocks",
        ),
    ],
)
def test_agenda_items_are_whole_noun_phrases(
    extractor: OfflineExtractor, text: str, item: str
) -> None:
    (meeting,) = extract(extractor, text).meetings
    assert item in meeting.agenda
    assert all(
        len(a.split()) > 1 or a.lower() not in {"situation", "state"} for a in meeting.agenda
    )


def test_a_bare_noun_that_needs_its_complement_is_no_agenda_item(
    extractor: OfflineExtractor,
) -> None:
    text = "The Arctic Fisheries Commission will meet on June 12 to discuss the situation."
    (meeting,) = extract(extractor, text).meetings
    assert meeting.agenda == []
