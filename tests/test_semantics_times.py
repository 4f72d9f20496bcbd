"""Dates with precision and times of day with zones and day parts."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from summarizer.semantics.dates import (
    adjacent,
    announced_then_made,
    compare_dates,
    date_in_words,
    name_date,
    plan_and_outcome,
    weekday_on_or_after,
)
from summarizer.semantics.times import compare_times, parse_time, time_precision, zone_of_place


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("2020-04", "2020-05", "conflict"),
        ("2020-03", "2022-07", "conflict"),
        ("2019-03", "2019-05", "conflict"),
        ("2022-01", "2022-01-12", "compatible"),
        ("2022", "2022-01-12", "compatible"),
        ("2022", "2022-12", "compatible"),
        ("2022-01-12", "2022-01-12", "same"),
        ("2022-01-12", "2022-01-13", "conflict"),
        ("2021-12-26", "2022-01-04", "conflict"),
        ("2021", "2022-01", "conflict"),
        ("2020-02", "2020-02-29", "compatible"),
        ("2026-01-22", "2026-01", "compatible"),
    ],
)
def test_dates_are_intervals_of_days(a, b, relation):
    assert compare_dates(a, b) == relation
    assert compare_dates(b, a) == relation


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2025-08-05", "2025-08-06", True),
        ("2025-08-06", "2025-08-05", True),
        ("2025-12-31", "2026-01-01", True),
        ("2025-08-04", "2025-08-06", False),
        ("2025-08", "2025-08-06", False),
        ("2025-08-06", "2025-08-06", False),
    ],
)
def test_adjacent_days(a, b, expected):
    assert adjacent(a, b) is expected


@pytest.mark.parametrize(
    ("written", "published", "iso"),
    [
        ("the biggest cut since April 2020", None, "2020-04"),
        ("since May 2020", "2022-10-05", "2020-05"),
        ("March 2019", None, "2019-03"),
        ("on 12 January 2022", None, "2022-01-12"),
        ("January 12, 2022", None, "2022-01-12"),
        ("2022-01-12", None, "2022-01-12"),
        ("January 22", "2026-03-13", "2026-01-22"),
        ("22nd of January", "2026-03-13", "2026-01-22"),
        ("in January", "2026-03-14", "2026-01"),
        ("in December", "2026-01-10", "2025-12"),
        ("in 1996", None, "1996"),
        ("January 22", None, None),
        ("on Wednesday", "2025-08-06", None),
        ("08.55", None, None),
    ],
)
def test_dates_in_words(written, published, iso):
    assert date_in_words(written, published) == iso


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Tajik-Kyrgyz border talks in Almaty", "Asia/Almaty"),
        ("sinking of the ferry off Buton island", "Asia/Makassar"),
        ("BAUBAU, Indonesia", "Asia/Makassar"),
        ("talks in Geneva", "Europe/Zurich"),
        ("meeting in Moscow", "Europe/Moscow"),
        ("NATO headquarters in Brussels", "Europe/Brussels"),
        ("a Kazakh town", "Asia/Almaty"),
        ("somewhere at sea", None),
        # a country of one zone, from the tz database's own tables
        ("landslide in northern Paraguay", "America/Asuncion"),
        ("landslide in northern Ecuador", None),  # the Galapagos keep another clock
        ("strike at the ports of Finland", "Europe/Helsinki"),
        ("floods in Malawi, 3 March", "Africa/Blantyre"),
        # a country of several zones gives none
        ("wildfires in Canada", None),
        ("blackout across Australia", None),
    ],
)
def test_the_zone_of_a_place(text, zone):
    assert zone_of_place(text) == zone


def test_a_value_may_give_several_readings():
    parsed = parse_time("10:00 local time (08:00 Moscow time)")
    assert parsed is not None
    assert [(r.minutes, r.zone) for r in parsed.readings] == [(600, None), (480, "Europe/Moscow")]
    assert parse_time("lasted 10 hours") is None
    assert parse_time("in Geneva") is None
    assert [p.name for p in parse_time("in the early morning").parts] == ["early morning"]


DAY = dt.date(2026, 3, 14)


@pytest.mark.parametrize(
    ("a", "b", "local", "relation"),
    [
        # parts of the day are ranges of the local clock
        ("morning", "08.55", None, "compatible"),
        ("in the morning", "10:00 local time (08:00 Moscow time)", "Asia/Almaty", "compatible"),
        ("before dawn", "05:40 local time (00:40 Moscow time)", "Asia/Makassar", "compatible"),
        ("in the early morning", "05:40 local time", None, "compatible"),
        ("before dawn", "around 21:40 GMT on Tuesday", "Asia/Makassar", "compatible"),
        ("in the evening", "08:55", None, "conflict"),
        ("afternoon", "3 p.m.", None, "compatible"),
        ("evening", "morning", None, "conflict"),
        ("night", "early hours", None, "compatible"),
        ("late morning", "midday", None, "compatible"),
        # two zones are compared only when both convert
        ("08.55 local", "about 11:00 Moscow time", None, "undecided"),
        ("08.55 local", "about 11:00 Moscow time", "Europe/Moscow", "conflict"),
        ("08.55 local", "about 09:00 Moscow time", "Europe/Moscow", "compatible"),
        ("before dawn", "around 21:40 GMT on Tuesday", None, "undecided"),
        ("10:00 local time (08:00 Moscow time)", "05:00 GMT", None, "same"),
        ("10:00 local time", "05:00 GMT", "Asia/Almaty", "same"),
        ("10:00 local time", "06:00 GMT", "Asia/Almaty", "conflict"),
        ("05:40 local time (00:40 Moscow time)", "around 21:40 GMT on Tuesday", None, "compatible"),
        ("09:00 GMT", "12:00 MSK", None, "same"),
        ("09:00 GMT", "13:00 MSK", None, "conflict"),
        ("09:00 GMT (2:30 pm IST)", "14:30 IST", None, "same"),
        ("11:00 CET", "10:00 GMT", None, "same"),
        ("09:00 Kyiv time", "10:00 Moscow time", None, "same"),
        # one clock
        ("9:00", "10:00", None, "conflict"),
        ("9 am", "09:00", None, "same"),
        ("3 p.m.", "15:00", None, "same"),
        ("08.55", "8:55", None, "same"),
        ("08:55", "09:00", None, "compatible"),
        ("shortly after 9 a.m.", "9:10", None, "compatible"),
        ("around 11:00", "11:25", None, "compatible"),
        ("11:00", "11:25", None, "conflict"),
        # words that are not times
        ("ahead of the talks", "as he opened the meeting", None, "undecided"),
        ("in Geneva", "in Geneva", None, "same"),
    ],
)
def test_times_of_day(a, b, local, relation):
    assert compare_times(a, b, local=local, day=DAY) == relation
    assert compare_times(b, a, local=local, day=DAY) == relation


# --- clock times with a place as zone ---------------------------------------------------------

SUMMER = dt.date(2024, 7, 10)
WINTER = dt.date(2024, 1, 10)


@pytest.mark.parametrize(
    ("a", "b", "day", "relation"),
    [
        # a town after the clock reading is its zone, converted on the day (DST included)
        ("3.30pm London", "14:30 GMT", SUMMER, "same"),
        ("3.30pm London", "15:30 GMT", WINTER, "same"),
        ("3.30pm London", "15:30 GMT", SUMMER, "conflict"),
        ("16:30 Moscow time", "13:30 GMT", SUMMER, "same"),
        ("16:30 Moscow time", "13:30 GMT", WINTER, "same"),
        ("noon in Brussels", "10:00 GMT", SUMMER, "same"),
        ("noon in Brussels", "11:00 GMT", WINTER, "same"),
        ("noon in Brussels", "11:00 GMT", SUMMER, "conflict"),
        ("08:00 local time (0600 GMT)", "06:00 GMT", SUMMER, "same"),
        ("08:00 local time (0600 GMT)", "07:00 GMT", SUMMER, "conflict"),
        ("9 a.m. in Tokyo", "00:00 GMT", SUMMER, "same"),
        ("9 a.m. in Tokyo", "8 p.m. New York time", SUMMER, "same"),
        ("9 a.m. in Tokyo", "7 p.m. New York time", WINTER, "same"),
        ("10:00 Nairobi", "07:00 GMT", SUMMER, "same"),
        ("17:00 Paris", "11:00 Washington time", SUMMER, "same"),
        ("17:00 Paris", "12:00 Washington time", SUMMER, "conflict"),
        ("2pm Sydney", "04:00 GMT", SUMMER, "same"),
        ("2pm Sydney", "03:00 GMT", WINTER, "same"),
        ("18:00 Kyiv", "19:00 Moscow time", WINTER, "same"),
        ("18:00 Kyiv", "18:00 Moscow time", SUMMER, "same"),
        ("11:00 Buenos Aires", "14:00 GMT", SUMMER, "same"),
        ("11.30 Johannesburg", "09:30 GMT", SUMMER, "same"),
        ("around 3pm Istanbul", "12:20 GMT", SUMMER, "compatible"),
        ("midnight in Kabul", "19:30 GMT", SUMMER, "same"),
        # written offsets from UTC
        ("10:00 GMT+3", "07:00 GMT", SUMMER, "same"),
        ("10:00 UTC+05:30", "04:30 GMT", SUMMER, "same"),
        ("10:00 UTC-5", "15:00 GMT", SUMMER, "same"),
        ("10:00 UTC-5", "14:00 GMT", SUMMER, "conflict"),
        # two named places convert to one clock and are compared
        ("3pm London", "4pm Paris", SUMMER, "same"),
        ("3pm London", "3pm Paris", SUMMER, "conflict"),
        ("noon in Berlin", "6 a.m. in New York", WINTER, "same"),
        # a place that does not convert is never compared with another zone
        ("3pm Wellington", "03:00 GMT", SUMMER, "undecided"),
        ("9am Christmas Day", "09:00 GMT", SUMMER, "undecided"),
        ("10:00 Easter Sunday", "09:00 GMT", SUMMER, "undecided"),
        ("10:00 local time", "09:00 GMT", SUMMER, "undecided"),
        ("3pm, Davis said", "13:00 GMT", SUMMER, "undecided"),
    ],
)
def test_a_town_after_a_clock_reading_is_its_zone(a, b, day, relation):
    assert compare_times(a, b, day=day) == relation
    assert compare_times(b, a, day=day) == relation


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("talks in St Petersburg", "Europe/Moscow"),
        ("a summit in Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("the ceasefire in the south of Ukraine", "Europe/Kyiv"),
        ("a rally in New Jersey", None),
        ("a blast in Kabul", "Asia/Kabul"),
        ("a ceremony in Dublin", "Europe/Dublin"),
        ("a vote in Nairobi", "Africa/Nairobi"),
        ("Lagos port", "Africa/Lagos"),
        ("the Christmas truce", None),
        ("Easter talks", None),
        ("north of the city", None),
        ("Darwin's theory", None),
    ],
)
def test_iana_towns_are_places_and_ordinary_words_are_not(text, zone):
    found = zone_of_place(text)
    if zone is None or found is None:
        assert found == zone
    else:
        assert (
            dt.datetime(2024, 7, 1, tzinfo=zoneinfo.ZoneInfo(found)).utcoffset()
            == dt.datetime(2024, 7, 1, tzinfo=zoneinfo.ZoneInfo(zone)).utcoffset()
        )


def test_noon_and_midnight_are_readings_with_their_zone():
    parsed = parse_time("noon in Brussels")
    assert parsed is not None
    assert [(r.minutes, r.zone) for r in parsed.readings] == [(720, "Europe/Brussels")]
    assert [p.name for p in parsed.parts] == ["noon"]


@pytest.mark.parametrize(
    ("a", "b", "local", "day", "relation"),
    [
        # zones written out in full are zones like their abbreviations
        ("07:30 Central European Time", "0630 GMT", None, dt.date(2027, 1, 20), "same"),
        ("07:30 Central European Time", "0730 GMT", None, dt.date(2027, 1, 20), "conflict"),
        ("16:05 Central European Summer Time", "14:05 UTC", None, None, "same"),
        ("16:05 Central European Summer Time", "15:05 UTC", None, None, "conflict"),
        ("09:10 East Africa Time", "0610 GMT", None, None, "same"),
        ("20:00 British Summer Time", "19:00 GMT", None, None, "same"),
        ("11:15 Eastern European Time", "09:15 UTC", None, None, "same"),
        # a local reading on the clock of a place west of Greenwich
        (
            "3.10am local time",
            "08:10 Central European Time",
            "America/Santiago",
            dt.date(2027, 7, 2),
            "same",
        ),
        ("3.10am local time", "0610 GMT", "America/Santiago", dt.date(2027, 7, 2), "conflict"),
        # a summer evening in Lisbon read in three zones, one of them an hour off
        (
            "22:50 local time",
            "23:50 Central European Summer Time",
            "Europe/Lisbon",
            dt.date(2027, 6, 9),
            "same",
        ),
        ("22:50 local time", "2050 GMT", "Europe/Lisbon", dt.date(2027, 6, 9), "conflict"),
        # an unnamed zone never meets a named one without the place
        ("22:50 local time", "2050 GMT", None, dt.date(2027, 6, 9), "undecided"),
    ],
)
def test_written_out_zones_and_local_clocks(a, b, local, day, relation):
    assert compare_times(a, b, local=local, day=day) == relation
    assert compare_times(b, a, local=local, day=day) == relation


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        ("14:20", 2),
        ("2.20pm local time", 2),
        ("around 14:20", 1),
        ("shortly after 2 p.m.", 1),
        ("in the early afternoon", 0),
        ("on Thursday", 0),
    ],
)
def test_a_clock_reading_is_more_precise_than_an_approximate_one_or_a_part_of_the_day(
    value, precision
):
    assert time_precision(value) == precision


@pytest.mark.parametrize(
    ("a", "a_published", "b", "b_published", "expected"),
    [
        # to end on the 6th, said on the 3rd; ended on the 7th, said on the 7th or 8th
        ("2027-05-06", "2027-05-03", "2027-05-07", "2027-05-07", True),
        ("2027-05-06", "2027-05-03", "2027-05-07", "2027-05-08", True),
        ("2027-05-07", "2027-05-08", "2027-05-06", "2027-05-03", True),
        # brought forward: planned for the 9th, held on the 7th
        ("2027-05-09", "2027-05-02", "2027-05-07", "2027-05-07", True),
        # two plans that differ
        ("2027-05-06", "2027-05-03", "2027-05-07", "2027-05-04", False),
        # two reports after the fact that differ
        ("2027-05-06", "2027-05-06", "2027-05-07", "2027-05-08", False),
        # the later report is still a plan; the outcome must come from a later report
        ("2027-05-06", "2027-05-03", "2027-05-07", "2027-05-05", False),
        ("2027-05-06", "2027-05-09", "2027-05-07", "2027-05-08", False),
        # no date of publication, or no day: nothing shows a plan
        ("2027-05-06", None, "2027-05-07", "2027-05-08", False),
        ("2027-05", "2027-04-20", "2027-06-02", "2027-06-03", False),
    ],
)
def test_a_day_that_came_of_a_plan_updates_it(a, a_published, b, b_published, expected):
    assert plan_and_outcome(a, a_published, b, b_published) is expected


@pytest.mark.parametrize(
    ("name", "published", "iso"),
    [
        ("the board's October meeting", "2026-10-16", "2026-10"),
        ("the board's December meeting", "2027-01-08", "2026-12"),  # the one just past
        ("the board's meeting in February 2027", "2026-10-16", "2027-02"),
        ("talks on 5 October", "2026-10-16", "2026-10-05"),
        # no month: a holiday, a lower-case word, no name of a month at all
        ("the May Day rally", "2026-10-16", None),
        ("the talks may resume", "2026-10-16", None),
        ("the board's meeting", "2026-10-16", None),
        ("the board's October meeting", None, None),
    ],
)
def test_the_date_a_name_gives(name, published, iso):
    assert name_date(name, published) == iso


@pytest.mark.parametrize(
    ("text", "anchor", "iso"),
    [
        # from a Saturday: the Thursday after, the Saturday itself
        ("the commission said on Thursday", dt.date(2026, 11, 14), "2026-11-19"),
        ("fighting broke out on Saturday.", dt.date(2026, 11, 14), "2026-11-14"),
        ("on Monday, officials said", dt.date(2026, 11, 14), "2026-11-16"),
        # no weekday, two weekdays, no anchor: nothing says
        ("the commission said", dt.date(2026, 11, 14), None),
        ("between Monday and Thursday", dt.date(2026, 11, 14), None),
        ("the commission said on Thursday", None, None),
    ],
)
def test_a_weekday_seen_from_the_day_of_the_event(text, anchor, iso):
    assert weekday_on_or_after(text, anchor) == iso


@pytest.mark.parametrize(
    ("a", "a_published", "b", "b_published", "expected"),
    [
        # said on Friday it would ask, filed on Monday as Monday's report says
        ("2026-10-16", "2026-10-16", "2026-10-19", "2026-10-19", True),
        ("2026-10-19", "2026-10-20", "2026-10-16", "2026-10-16", True),
        # the first report dates it before its own day: a day it gives as past, no plan
        ("2026-10-15", "2026-10-16", "2026-10-19", "2026-10-19", False),
        # the later day lies after the later report: a plan against a plan
        ("2026-10-16", "2026-10-16", "2026-10-22", "2026-10-19", False),
        # two reports of one day, or an earlier day from the later report
        ("2026-10-16", "2026-10-16", "2026-10-19", "2026-10-16", False),
        ("2026-10-16", "2026-10-16", "2026-10-14", "2026-10-19", False),
        # a month, or an undated report: nothing says
        ("2026-10", "2026-10-16", "2026-10-19", "2026-10-19", False),
        ("2026-10-16", None, "2026-10-19", "2026-10-19", False),
    ],
)
def test_a_proposal_announced_then_made(a, a_published, b, b_published, expected):
    assert announced_then_made(a, a_published, b, b_published) is expected


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        # a country's adjective tells its clock like its name does
        ("10 a.m. Nigerian time", "Africa/Lagos"),
        ("noon Peruvian time", "America/Lima"),
        ("9:30 Finnish time", "Europe/Helsinki"),
        # the adjective of a country of several zones tells none
        ("8 p.m. Canadian time", None),
        ("7:00 Australian time", None),
    ],
)
def test_a_country_adjective_before_time_is_its_zone(text, zone):
    parsed = parse_time(text)
    assert parsed is not None
    assert parsed.readings[0].zone == zone


@pytest.mark.parametrize(
    ("a", "b", "local", "day", "relation"),
    [
        ("15:00 local time", "2 p.m. Nigerian time", "Europe/Paris", dt.date(2026, 7, 1), "same"),
        (
            "15:00 local time",
            "3 p.m. Nigerian time",
            "Europe/Paris",
            dt.date(2026, 7, 1),
            "conflict",
        ),
        ("15:00 local time", "3 p.m. Nigerian time", "Europe/Paris", dt.date(2026, 1, 10), "same"),
    ],
)
def test_a_time_in_a_country_adjective_converts(a, b, local, day, relation):
    assert compare_times(a, b, local=local, day=day) == relation
