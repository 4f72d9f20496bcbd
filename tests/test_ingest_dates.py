"""Ingest: the publication date and the outlet of a report, from its header, page chrome,
dateline, byline and footer; dates the body merely mentions are not the report's."""

from __future__ import annotations

import pytest

from summarizer.ingest import date_together, detect_outlet, detect_published
from summarizer.knowledge.press import date_labels, outlet_words

PUBLISHED = [
    # header line
    (" date 2023-06-02\nPort reopens after strike\n\nThe port reopened.", "2023-06-02"),
    # datelines that give the year
    ("LISBON, Oct. 3, 2019 - The port reopened on Thursday.", "2019-10-03"),
    ("Vilnius, 14 June 2021 (Wire) \u2013 Lawmakers met.", "2021-06-14"),
    # year-less datelines: the year comes from the most plausible evidence
    (
        "OSLO, December 30. /NWA/. Ministers will meet on January 8, 2024, to sign the pact.",
        "2023-12-30",
    ),
    (
        "QUITO, April 2. /NWA/. The law, first passed in November 2019, was amended after the "
        "elections of 2022.",
        "2022-04-02",
    ),
    (
        "HANOI, May 5 (Wire) - Rice exports set in May 2021 a record that the 2018 pact, "
        "renewed in 2026, did not foresee.",
        "2021-05-05",
    ),
    ("KAUNAS, March 3. /NWA/. Talks resumed after a pause.", None),
    # AP-style "Updated" lines win over dates the body mentions
    (
        "Lawmakers back budget\n\nUpdated 11:05 AM GMT+2, June 9, 2023\n\n"
        "RIGA, Latvia (AP) \u2014 Lawmakers voted Friday for the plan first tabled on "
        "June 2, 2023.",
        "2023-06-09",
    ),
    ("Published 7:30 p.m. EDT, Sept. 4, 2022\n\nNEW YORK (AP) \u2014 Stocks fell.", "2022-09-04"),
    # numeric dates in chrome and bylines, day first
    (
        "Lakeside.info | Home / News\n03.11.2022, 14:20   Views: 120\n\nBridge closes\n\n"
        "The bridge, opened on 1 October 2022, closed for repairs.",
        "2022-11-03",
    ),
    ("Posted on 2021-07-19 08:00\n\nA storm hit the coast.", "2021-07-19"),
    ("Dam talks stall\n\nPublished on 28/02/2020\n\nThe talks stalled.", "2020-02-28"),
    ("Dam talks stall\n\nUpdated at: 03/28/2020 10:00\n\nThe talks stalled.", "2020-03-28"),
    ("River Weekly | Region\n\nMonday 4 March 2024\n\nThe river rose.", "2024-03-04"),
    ("Rates explained\n\nBy Jane Roe, 2 April 2024\n\nThe bank raised rates.", "2024-04-02"),
    # a page line divided by bars, the date one of its parts
    ("Lakeshore Markets | Energy | 9 May 2025\n\nPower prices fall\n\nPrices fell.", "2025-05-09"),
    (
        "Harbour Business Review | Shipping | Friday, 23 October 2026\n\nFreight eases.",
        "2026-10-23",
    ),
    ("Delta Wire | 14.03.2024, 09:15\n\nThe river rose.", "2024-03-14"),
    # ...but not a part that tells of something dated
    ("Rates | The bank will decide on 9 May 2025 how far to go\n\nRates may rise.", None),
    # no header, chrome date or dateline: a date in the body is an event's, not the report's
    ("Summit ends\n\nThe summit ended on 12 May 2023 with a joint declaration.", None),
    ("Talks set to resume on 5 May 2025 in Oslo\n\nNegotiators will meet again.", None),
    ("The summit opened on Friday, March 8, 2024, in the capital.", None),
    # ...unless the report says on which day it was made, counted from a date it gives
    (
        "The summit will open on Friday, March 8, 2024, the ministry reported on Tuesday.",
        "2024-03-05",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PUBLISHED)
def test_published_date(text: str, expected: str | None) -> None:
    assert detect_published(text) == expected


@pytest.mark.parametrize(
    ("text", "around", "expected"),
    [
        ("KAUNAS, March 3. /NWA/. Talks resumed.", ["2025-03-04"], "2025-03-03"),
        # a far past event in the text does not outweigh other reports of the same event
        (
            "BERN, March 3. /NWA/. The rule, approved in October 2019, was lifted.",
            ["2024-03-02", "2024-03-04"],
            "2024-03-03",
        ),
        ("BERN, March 3. /NWA/. The rule, approved in October 2019, was lifted.", [], "2019-03-03"),
        # reports months away vouch for nothing
        ("KAUNAS, March 3. /NWA/. Talks resumed.", ["2024-09-30"], None),
        # a dateline's own year is never overridden
        ("KAUNAS, March 3, 2020 - Talks resumed.", ["2025-03-04"], "2020-03-03"),
    ],
)
def test_year_of_a_dateline_from_other_reports(
    text: str, around: list[str], expected: str | None
) -> None:
    assert detect_published(text, around=around) == expected


OUTLETS = [
    # the site's own name in its chrome beats the agency it republishes
    (
        "Harbour Gazette | Local | Politics\n\nPort strike ends - Reuters\n\n"
        "MARSEILLE, May 2 (Reuters) - The strike ended.",
        "Harbour Gazette",
    ),
    ("Lakeside.info | Home / News\n03.11.2022\n\nBridge closes\n\nText.", "Lakeside.info"),
    ("NORTHERN MINING WEEKLY\n\nCopper output rises\n\nOutput rose.", "NORTHERN MINING WEEKLY"),
    ("Copper output rises\n\nNorth Mining Journal\n\nOutput rose.", "North Mining Journal"),
    ("Flood warning issued\n\nBy Lakeside Radio Network\n\nRivers rose.", "Lakeside Radio Network"),
    ("Flood warning issued\n\nBy Jane Roe\n\nRivers rose.", None),
    ("Rivers rose.\n\nRead also: Dams hold\n\u00a9 2023 RiverCity.info", "RiverCity.info"),
    ("Rivers rose.\n\nCopyright 2021 Coastal Times. All rights reserved.", "Coastal Times"),
    ("Rivers rose.\n\nNorthwind Herald - News from the north in English", "Northwind Herald"),
    ("Rivers rose.\n\nRelated: Dams hold\nHillWire - Regional business news", "HillWire"),
    (
        "Vilnius, 14 June (BNE) \u2013 Lawmakers met.\n\nBNE \u2013 Baltic News Exchange, "
        "reprinted with permission",
        "Baltic News Exchange",
    ),
    # a page line divided by bars or a dash: the site's name first
    ("Lakeshore Markets | Energy | 9 May 2025\n\nPrices fall\n\nPrices fell.", "Lakeshore Markets"),
    (
        "Coastal Fishing Business\n\nCatch limits cut\n\nLimits were cut.",
        "Coastal Fishing Business",
    ),
    (
        "Highland Energy Review \u2014 Power\n\nGrid upgrade\n\nWork began.",
        "Highland Energy Review",
    ),
    ("Updated 4:12 PM | March 10, 2025\n\nRates rose.", None),
    ("Business \u2014 Markets\n\nRates rose.", None),
    ("Port Strike Ends \u2014 Talks Resume\n\nDockers went back to work.", None),
    # the dateline's agency when the page names no site
    ("RIGA, Latvia (AP) \u2014 Lawmakers voted.", "AP"),
    # title-case headlines and dashes in the body name no outlet
    ("Ferry Sinks Off Island Coast\n\nA ferry sank.", None),
    ("A ferry sank.\n\nThe talks - long delayed - went ahead", None),
]


@pytest.mark.parametrize(("text", "expected"), OUTLETS)
def test_outlet(text: str, expected: str | None) -> None:
    found = detect_outlet(text)
    assert found == expected
    assert found is None or found in text


def test_press_words_are_data():
    assert {"radio", "daily", "journal", "post", "times", "news", "agency"} <= outlet_words()
    labels = date_labels()
    assert labels == tuple(sorted(labels, key=lambda w: (-len(w), w)))


def test_reports_of_one_event_settle_a_missing_year():
    from conftest import make_test_article

    stated = make_test_article(
        "a", " date 2025-03-04\nTalks resume\n\nText.", published="2025-03-04"
    )
    bare = "KAUNAS, March 3. /NWA/. Talks resumed. A deal from October 2019 lapsed."
    guessed = make_test_article("b", bare, published=detect_published(bare))
    undated = make_test_article("c", "TARTU, March 3. /NWA/. A fair opened.")
    given = make_test_article("d", "No date in the text.", published="2025-03-05")
    assert guessed.published == "2019-03-03"  # alone, the year of the only year it names
    found = date_together([stated, guessed, undated, given])
    assert [a.published for a in found] == ["2025-03-04", "2025-03-03", "2025-03-03", "2025-03-05"]
    assert found[0] is stated and found[3] is given
    # alone, or among reports months away, nothing changes
    assert date_together([guessed]) == [guessed]
    far = make_test_article("e", "x", published="2025-09-30")
    assert [a.published for a in date_together([guessed, far])] == ["2019-03-03", "2025-09-30"]


def test_extraction_sees_the_year_the_event_settles(fake, make_settings):
    import asyncio

    from conftest import make_test_article

    from summarizer.extraction import extract_batch

    bare = "KAUNAS, March 3. /NWA/. Talks resumed."
    articles = [
        make_test_article("a", " date 2025-03-04\nText.", published="2025-03-04"),
        make_test_article("b", bare, published=detect_published(bare)),
    ]
    fake.default = lambda _id: {}
    batch = asyncio.run(extract_batch(articles, make_settings(fake, no_cache=True)))
    assert [o.article.published for o in batch.outcomes] == ["2025-03-04", "2025-03-03"]
