"""Datelines: where and when a report was filed ("BRUSSELS, January 4. /TASS/.", "MOSCOW
(TASS):", "Brussels, Jan. 12, 2022"), written before the first words of the report."""

from __future__ import annotations

import re
from functools import cache

from summarizer.knowledge.calendar import month_pattern

__all__ = ["dated_place", "day_first_dated_place", "wire_dateline"]

# An agency in brackets or between slashes: "(TASS)", "(Reuters)", "/TASS/".
_BRACKETED_AGENCY = r"\s*\([^)\n]{1,20}\)"
_SLASHED_AGENCY = r"\s*/\s*[A-Z]+\s*/\s*[.:]?"


def _date(month: str) -> str:
    """A month and day, perhaps a year: "January 4", "Jan. 4, 2022"."""
    return rf"{month}\.?\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?"


@cache
def dated_place() -> re.Pattern[str]:
    """A place and a date at the start of a line, or after a header date: "Brussels, January 4",
    "NEW YORK, Jan. 12, 2022". Groups: `place`, `month`, `day`, `year` (None when not written).

    Search a text's head with it to read the date a report was filed.
    """
    month = rf"(?P<month>(?i:{month_pattern()}))"
    return re.compile(
        r"(?:^|\n|\d{4}-\d{2}-\d{2}\s)\s*(?P<place>[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}),\s+"
        rf"{_date(month)}\b"
    )


@cache
def day_first_dated_place() -> re.Pattern[str]:
    """A place and a day-first date at the start of a line: "Orenburg, 21 August (Agency) -",
    "PARIS, 5 May 2020 -". Groups as `dated_place`'s."""
    month = rf"(?P<month>(?i:{month_pattern()}))"
    return re.compile(
        r"(?:^|\n|\d{4}-\d{2}-\d{2}\s)\s*(?P<place>[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*){0,3}),\s+"
        rf"(?P<day>\d{{1,2}})\s+{month}\.?(?:,?\s+(?P<year>\d{{4}}))?\b"
    )


@cache
def wire_dateline() -> re.Pattern[str]:
    """The dateline opening a wire paragraph, up to the report's first word: a place in capitals,
    perhaps an agency in brackets and a date, then a full stop, colon or dash, perhaps an agency
    between slashes: "BRUSSELS, January 4. /TASS/. ", "MOSCOW (TASS): ", "GENEVA - ".

    Match it where a sentence starts: the words it covers say where and when the report was
    filed, not what it reports.
    """
    month = rf"(?P<month>(?=[A-Z])(?i:{month_pattern()}))"
    return re.compile(
        rf"(?P<place>[A-Z]{{3,}}(?:[ -][A-Z]{{2,}})*)(?:{_BRACKETED_AGENCY})?"
        rf"(?:,\s*{_date(month)})?(?:{_BRACKETED_AGENCY})?"
        rf"\s*(?:[.:]|\s[\u2014\u2013-])(?:{_SLASHED_AGENCY})?\s*"
    )
