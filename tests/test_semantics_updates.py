"""Running counts: later and higher is an update; two values that cannot both hold conflict."""

from __future__ import annotations

import pytest

from summarizer.semantics.quantities import parse_figure
from summarizer.semantics.updates import (
    Report,
    growth_conflicts,
    is_provisional,
    is_running_count,
    latest,
)


def report(value: str, moment: str) -> Report:
    figure = parse_figure(value)
    assert figure is not None
    return Report(figure.interval(), moment, is_provisional(value))


@pytest.mark.parametrize(
    ("attribute", "values", "running"),
    [
        ("death toll", [], True),
        ("number of people killed", [], True),
        ("number of people missing", [], True),
        ("number injured", [], True),
        ("people evacuated", [], True),
        ("number of arrests", [], True),
        ("number of derailed coaches", [], False),
        ("number of non-OPEC members", [], False),
        ("duration of the talks", [], False),
        ("number of vehicles on board", [], False),
        ("number of people rescued", [], True),
        ("number of homes damaged", ["120 so far"], True),
        ("number of homes damaged", ["rose to 120"], True),
        ("number of homes damaged", ["at least 120"], False),
    ],
)
def test_running_counts(attribute, values, running):
    assert is_running_count(attribute, values) is running


@pytest.mark.parametrize(
    ("value", "provisional"),
    [
        ("at least 11", True),
        ("rose to eight", True),
        ("has risen to 10", True),
        ("15 so far", True),
        ("nine", False),
        ("11 people", False),
        ("about 20", False),
    ],
)
def test_provisional_wording(value, provisional):
    assert is_provisional(value) is provisional


CASES = [
    # 5, then 8, then 10 over two days: updates
    ([("5", "2024-05-01"), ("8", "2024-05-01"), ("10", "2024-05-02")], [(0, 1)]),
    ([("5", "2024-05-01"), ("rose to 8", "2024-05-01"), ("10", "2024-05-02")], []),
    ([("five", "2024-05-01"), ("8", "2024-05-02"), ("10", "2024-05-03")], []),
    # a same-day 15 from one source against nine from another: cannot both hold
    ([("15", "2024-05-01"), ("nine", "2024-05-01")], [(0, 1)]),
    # a toll higher than the final one reported later
    ([("15", "2024-05-01"), ("10", "2024-05-02")], [(0, 1)]),
    ([("at least 15", "2024-05-01"), ("10", "2024-05-02")], [(0, 1)]),
    # a later lower bound below an earlier one is no contradiction
    ([("at least 14", "2024-05-01"), ("at least 11", "2024-05-02")], []),
    # a higher provisional figure the same day is an update
    ([("eight", "2025-08-06"), ("At least 14", "2025-08-06")], []),
    ([("15 so far", "2024-05-01"), ("9", "2024-05-01")], []),
    ([("15", "2024-05-01"), ("at least 9", "2024-05-01")], []),
    # two lower bounds the same day always fit
    ([("at least 5", "2024-05-01"), ("at least 14", "2024-05-01")], []),
    # the ferry: at least five, eight, at least 14 the first day; at least 11, then 11
    (
        [
            ("at least five", "2025-08-06"),
            ("eight", "2025-08-06"),
            ("At least 14", "2025-08-06"),
            ("at least 11", "2025-08-07"),
            ("11 people", "2025-08-08"),
        ],
        [(2, 4)],
    ),
    # unknown moments compare as one moment
    ([("9", ""), ("15", "2024-05-01")], [(0, 1)]),
    ([("about 10", "2024-05-01"), ("11", "2024-05-01")], []),
    ([("10", "2024-05-01"), ("10", "2024-05-03")], []),
]


@pytest.mark.parametrize(("reports", "conflicts"), CASES)
def test_growth_conflicts(reports, conflicts):
    assert growth_conflicts([report(v, m) for v, m in reports]) == conflicts


def test_the_consensus_is_the_latest_report():
    reports = [
        report(v, m) for v, m in [("5", "2024-05-01"), ("10", "2024-05-02"), ("8", "2024-05-01")]
    ]
    assert latest(reports) == 1
    same_day = [report(v, m) for v, m in [("at least 11", "2025-08-07"), ("11", "2025-08-07")]]
    assert latest(same_day) == 1
