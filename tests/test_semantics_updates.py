"""Running counts: later and higher is an update; two values that cannot both hold conflict."""

from __future__ import annotations

import pytest

from summarizer.semantics.quantities import parse_figure
from summarizer.semantics.updates import (
    Report,
    conflict_sides,
    growth_conflicts,
    is_as_of,
    is_cumulative,
    is_partial,
    is_provisional,
    is_running_count,
    is_update,
    latest,
    said_with,
    stage_clauses,
)


def report(value: str, moment: str) -> Report:
    figure = parse_figure(value)
    assert figure is not None
    return Report(figure.interval(), moment, is_provisional(value), value)


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
    # 5, then 8, then 10 over two days: updates (the count grew through the first day)
    ([("5", "2024-05-01"), ("8", "2024-05-01"), ("10", "2024-05-02")], []),
    ([("nine", "2025-11-13"), ("11", "2025-11-13"), ("13", "2025-11-14")], []),
    ([("nine", "2025-11-13"), ("11", "2025-11-13"), ("11", "2025-11-14")], []),
    # ... but not when the later count stays below one of them, or comes on the same day
    ([("nine", "2025-11-13"), ("12", "2025-11-13"), ("11", "2025-11-14")], [(0, 1), (1, 2)]),
    (
        [("nine", "2025-11-13"), ("11", "2025-11-13"), ("13", "2025-11-13")],
        [(0, 1), (0, 2), (1, 2)],
    ),
    ([("nine", "2025-11-13"), ("11", "2025-11-13"), ("at least 10", "2025-11-14")], [(0, 1)]),
    ([("5", "2024-05-01"), ("rose to 8", "2024-05-01"), ("10", "2024-05-02")], []),
    ([("five", "2024-05-01"), ("8", "2024-05-02"), ("10", "2024-05-03")], []),
    # a same-day 15 from one source against nine from another: cannot both hold
    ([("15", "2024-05-01"), ("nine", "2024-05-01")], [(0, 1)]),
    # a toll higher than the final one reported later
    ([("15", "2024-05-01"), ("10", "2024-05-02")], [(0, 1)]),
    ([("at least 15", "2024-05-01"), ("10", "2024-05-02")], [(0, 1)]),
    # a later count worded as risen is the count at its moment: an earlier higher one cannot
    # hold; a later lower bound or a count "by midday" is no bound from above
    ([("31", "2024-05-01"), ("has risen to 21", "2024-05-03")], [(0, 1)]),
    ([("31", "2024-05-01"), ("21 so far", "2024-05-03")], [(0, 1)]),
    ([("31", "2024-05-01"), ("at least 21", "2024-05-03")], []),
    ([("31", "2024-05-01"), ("21 by midday", "2024-05-03")], []),
    ([("21", "2024-05-01"), ("has risen to 31", "2024-05-03")], []),
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
    # an undated report may be earlier or later than a dated one: never ruled out by it
    ([("9", ""), ("15", "2024-05-01")], []),
    ([("at least 640", "2024-05-01"), ("672", "2024-05-02"), ("689", "")], []),
    # two undated reports compare as one moment
    ([("9", ""), ("15", "")], [(0, 1)]),
    ([("9", ""), ("about 9", ""), ("15", "2024-05-01")], []),
    # a count given as of a moment of the day is still under way
    ([("17 by midday", "2024-05-01"), ("21", "2024-05-01")], []),
    ([("63 by Wednesday evening", "2024-05-01"), ("about 65", "2024-05-01")], []),
    ([("21 by the evening", "2024-05-01"), ("17", "2024-05-01")], []),
    ([("21", "2024-05-01"), ("17", "2024-05-01")], [(0, 1)]),
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


# --- running counts and partial results -------------------------------------------------------


def worded(value: str, moment: str) -> Report:
    figure = parse_figure(value)
    assert figure is not None
    return Report(figure.interval(), moment, is_provisional(value), value)


@pytest.mark.parametrize(
    ("value", "provisional", "partial"),
    [
        ("climbed to 23", True, False),
        ("has jumped to 40", True, False),
        ("soared to 112", True, False),
        ("at least 30 so far", True, False),
        ("the toll is expected to rise", True, False),
        ("52% in preliminary results", True, True),
        ("51.2%, according to partial results", True, True),
        ("48% with 60% of ballots counted", True, True),
        ("49.5% with 95 percent of precincts reporting", True, True),
        ("12,400 votes, according to early figures", True, True),
        ("provisional figures show 61%", True, True),
        ("an exit poll gave her 54%", True, True),
        ("50.4% with 100% of ballots counted", False, False),
        ("50.4% in final results", False, False),
        ("50.4% with all ballots counted", False, False),
        ("50.4% of the vote", False, False),
        ("turnout of 61%", False, False),
        ("nine", False, False),
    ],
)
def test_growth_and_partial_wording(value, provisional, partial):
    assert is_provisional(value) is provisional
    assert is_partial(value) is partial


@pytest.mark.parametrize(
    ("attribute", "values", "running"),
    [
        ("vote share of the incumbent", ["52% with 60% of ballots counted"], True),
        ("vote share of the incumbent", ["51% in preliminary results"], True),
        ("vote share of the incumbent", ["50.4% in final results"], False),
        ("turnout", ["turnout of 61%"], False),
        ("number of people displaced", [], True),
        ("number of fatalities", [], True),
        ("number of seats won", ["an exit poll gave them 120"], True),
    ],
)
def test_partial_results_make_a_running_count(attribute, values, running):
    assert is_running_count(attribute, values) is running


PARTIAL_CASES = [
    # a partial share moves either way as counting goes on: the final figure replaces it
    (
        [
            ("52% with 60% of ballots counted", "2024-05-01"),
            ("49.6% in final results", "2024-05-02"),
        ],
        [],
    ),
    ([("52% in preliminary results", "2024-05-01"), ("49.6%", "2024-05-02")], []),
    (
        [("52% with 60% of ballots counted", "2024-05-01"), ("48% with 90% counted", "2024-05-01")],
        [],
    ),
    # two partial figures at one stage of one count cannot both hold
    (
        [
            ("52% with 60% of ballots counted", "2024-05-01"),
            ("47% with 60% of ballots counted", "2024-05-01"),
        ],
        [(0, 1)],
    ),
    (
        [
            ("52% with 60% of ballots counted", "2024-05-01"),
            ("52 per cent with 60 percent of the vote counted", "2024-05-01"),
        ],
        [],
    ),
    # partial figures without a stated stage may be two moments of the count
    ([("52% in partial results", "2024-05-01"), ("47% in early results", "2024-05-01")], []),
    # a partial figure against a firm one given the same day is not a contradiction
    ([("52% in preliminary results", "2024-05-01"), ("47%", "2024-05-01")], []),
    # firm figures keep the growth rule
    ([("climbed to 23", "2024-05-01"), ("15", "2024-05-01")], []),
    ([("23", "2024-05-01"), ("15", "2024-05-01")], [(0, 1)]),
    ([("has jumped to 40", "2024-05-01"), ("31", "2024-05-02")], [(0, 1)]),
    ([("12 so far", "2024-05-01"), ("soared to 30", "2024-05-02")], []),
    ([("30 killed", "2024-05-02"), ("at least 12", "2024-05-01")], []),
    ([("30", "2024-05-01"), ("at least 12", "2024-05-02")], []),
]


@pytest.mark.parametrize(("reports", "conflicts"), PARTIAL_CASES)
def test_partial_results_are_replaced_not_contradicted(reports, conflicts):
    assert growth_conflicts([worded(v, m) for v, m in reports]) == conflicts


def test_the_consensus_prefers_a_complete_count_and_a_later_stage():
    same_day = [
        worded(v, "2024-05-02")
        for v in (
            "52% with 60% of ballots counted",
            "49.6% in final results",
            "50.1% with 90% of ballots counted",
        )
    ]
    assert latest(same_day) == 1
    stages = [
        worded(v, "2024-05-01")
        for v in ("52% with 60% of ballots counted", "50.1% with 90% of ballots counted")
    ]
    assert latest(stages) == 1


@pytest.mark.parametrize(
    ("value", "as_of"),
    [
        ("17 people by midday", True),
        ("63 ships by Wednesday evening", True),
        ("risen to 78 by Friday morning", True),
        ("by Friday, 40 had been found", True),
        ("by early afternoon 12 were missing", True),
        ("by the evening", True),
        ("approved by the ministry", False),
        ("signed by Friday's deadline", False),
        ("nine", False),
        ("by far the largest", False),
        ("passed by 230 votes", False),
    ],
)
def test_a_count_as_of_a_moment(value, as_of):
    assert is_as_of(value) is as_of


@pytest.mark.parametrize(
    ("value", "passages", "said"),
    [
        ("17 people", ["They had pulled 17 people alive by midday."], "by midday"),
        ("78", ["The queue had risen to 78 by Friday, the port said."], "risen to 78"),
        ("689 deaths", ["Cases rose to 41,230, with 689 deaths, WHO said"], "with 689 deaths"),
        ("12", ["Twelve people were killed."], None),
        ("7", ["It had 17 floors, and seven were damaged"], None),
        ("seven", ["It had 17 floors, and seven were damaged"], "seven were damaged"),
        ("nine", [], None),
    ],
)
def test_a_value_is_read_with_the_clause_that_states_it(value, passages, said):
    read = said_with(value, passages)
    assert read.startswith(value)
    if said is None:
        assert read == value
    else:
        assert said in read


@pytest.mark.parametrize(
    ("reports", "sides"),
    [
        # the final nine, the lower bound at least 9 and the day before's seven, which nine
        # updates, are one side; the same-day 12, above the final nine, the other
        (
            [
                ("12", "2024-05-01"),
                ("seven", "2024-05-01"),
                ("at least 9", "2024-05-02"),
                ("nine", "2024-05-02"),
            ],
            [[3, 1, 2], [0]],
        ),
        # a count's history is one side: four, six, then eight against a same-day 14
        (
            [
                ("14", "2024-05-01"),
                ("four", "2024-05-01"),
                ("six", "2024-05-02"),
                ("eight", "2024-05-03"),
            ],
            [[3, 1, 2], [0]],
        ),
        # a later figure that fell is no history of the earlier one
        (
            [("ten", "2024-05-01"), ("six", "2024-05-02"), ("eight", "2024-05-03")],
            [[2, 1], [0]],
        ),
        # a figure a lower bound admits but does not say is a side of its own
        (
            [("15", "2024-05-01"), ("at least 9", "2024-05-01"), ("20", "2024-05-01")],
            [[2], [0], [1]],
        ),
        # two wordings of one figure are one side
        ([("15", "2024-05-01"), ("fifteen", "2024-05-01"), ("nine", "2024-05-01")], [[0, 1], [2]]),
    ],
)
def test_the_sides_of_a_running_count_conflict(reports, sides):
    built = [worded(v, m) for v, m in reports]
    pairs = growth_conflicts(built)
    assert conflict_sides(range(len(built)), latest(built), pairs, built) == sides


@pytest.mark.parametrize(
    ("value", "passages", "partial"),
    [
        # the count's progress said once for the sentence holds for every figure in it
        (
            "48.1%",
            ["With 64% of ballots counted, the mayor had 51.9% against 48.1% for her rival"],
            True,
        ),
        ("51.9%", ["With 64% of ballots counted, the mayor had 51.9%"], True),
        ("52.4%", ["After all ballots were counted, the mayor had 52.4%"], False),
        ("52.4%", ["The mayor won 52.4% of the vote, the commission said"], False),
        # a progress of 100% is a complete count
        ("52.4%", ["With 100% of precincts reporting, the mayor had 52.4%"], False),
    ],
)
def test_a_sentence_saying_how_far_the_count_went_makes_its_figures_snapshots(
    value, passages, partial
):
    said = said_with(value, passages)
    assert is_partial(said) is partial


@pytest.mark.parametrize(
    ("sentences", "stages"),
    [
        (["With 64% of ballots counted, the mayor led."], ["with 64% of ballots counted"]),
        (
            ["95 percent of precincts reporting, she had 40.2%."],
            ["95 percent of precincts reporting"],
        ),
        (["The partial collapse of the block killed seven people."], []),
        (["Preliminary results are due on Monday."], []),
    ],
)
def test_the_clauses_that_say_how_far_a_count_went(sentences, stages):
    assert stage_clauses(sentences) == stages


@pytest.mark.parametrize(
    ("text", "cumulative"),
    [
        # a total from a moment on keeps growing while it is counted
        ("number of trains cancelled since the storm", True),
        ("some 4,000 trains have been cancelled since Monday", True),
        ("homes flooded since the rains began", True),
        # "since" dating a comparison, or opening a clause of cause
        ("the heaviest rain since 1998", False),
        ("the first strike since March", False),
        ("its lowest level since records began", False),
        ("the only walkout ever since the merger", False),
        ("Since the dam failed, 300 homes", False),
        ("after the storm, 300 homes", False),
        ("number of trains cancelled on Monday", False),
    ],
)
def test_a_total_from_a_moment_on(text, cumulative):
    assert is_cumulative(text) is cumulative


@pytest.mark.parametrize(
    ("a", "b", "update"),
    [
        (("five", "2024-03-01"), ("seven", "2024-03-02"), True),
        (("seven", "2024-03-02"), ("five", "2024-03-01"), True),
        (("at least 5", "2024-03-01"), ("five", "2024-03-03"), True),
        (("6", "2024-03-01"), ("6", "2024-03-04"), True),
        # a count does not fall
        (("nine", "2024-03-01"), ("seven", "2024-03-02"), False),
        (("at least 11", "2024-03-01"), ("eight", "2024-03-05"), False),
        # one day, or no day, orders nothing
        (("five", "2024-03-01"), ("seven", "2024-03-01"), False),
        (("five", ""), ("seven", "2024-03-02"), False),
        # a snapshot of a count under way is replaced, not updated
        (("40% with 10% of ballots counted", "2024-03-01"), ("45%", "2024-03-02"), False),
    ],
)
def test_a_later_figure_not_below_an_earlier_one_updates_it(a, b, update):
    assert is_update(worded(*a), worded(*b)) is update
