"""Figures as intervals: number words, scale words, units, qualifiers, rounding."""

from __future__ import annotations

import math

import pytest

from summarizer.semantics.quantities import compare_figures, figure_from, parse_figure


@pytest.mark.parametrize(
    ("written", "amount", "unit", "qualifier"),
    [
        ("11 non-members", 11, None, "exact"),
        ("10 non-OPEC countries", 10, None, "exact"),
        ("eight", 8, None, "exact"),
        ("Twelve sections", 12, None, "exact"),
        ("thirty-eight further sections", 38, None, "exact"),
        ("twenty-one", 21, None, "exact"),
        ("three hundred and forty two", 342, None, "exact"),
        ("fifteen hundred", 1500, None, "exact"),
        ("a dozen", 12, None, "exact"),
        ("half a dozen", 6, None, "exact"),
        ("a couple of hours", 2, "hour", "exact"),
        ("three decades", 30 * 87660.0 / 10, "decade", "exact"),
        ("more than seven hours", 7, "hour", "more_than"),
        ("nearly eight hours", 8, "hour", "about"),
        ("approximately 7.5 hours", 7.5, "hour", "about"),
        ("seven and a half hours", 7.5, "hour", "exact"),
        ("half an hour", 0.5, "hour", "exact"),
        ("90 minutes", 1.5, "minute", "exact"),
        ("2 million barrels per day", 2e6, "barrel per day", "exact"),
        ("two million bpd", 2e6, "barrel per day", "exact"),
        ("2 mb/d", 2e6, "barrel per day", "exact"),
        ("2m", 2e6, None, "exact"),
        ("half a million", 5e5, None, "exact"),
        ("one and a half million people", 1.5e6, None, "exact"),
        ("2,000,000 people", 2e6, None, "exact"),
        ("4.6%", 4.6, "percent", "exact"),
        ("2 per cent", 2, "percent", "exact"),
        ("some 40 percent", 40, "percent", "about"),
        ("At least 14 people", 14, None, "at_least"),
        ("at least 11", 11, None, "at_least"),
        ("more than 17,000 islands", 17000, None, "more_than"),
        ("200+ people", 200, None, "at_least"),
        ("200 or more", 200, None, "at_least"),
        ("up to 5,000", 5000, None, "at_most"),
        ("fewer than 30 coaches", 30, None, "less_than"),
        ("no more than 3 ships", 3, None, "at_most"),
        ("just under 2 million", 2e6, None, "less_than"),
        ("about 970 kilometers (600 miles)", 970, "kilometre", "about"),
        ("972 kilometers", 972, "kilometre", "exact"),
        ("600 miles", 600 * 1.609344, "mile", "exact"),
        ("$2.3 million", 2.3e6, "USD", "exact"),
        ("38 billion rupiah ($2.3 million)", 38e9, "IDR", "exact"),
        ("2.5bn dollars", 2.5e9, "USD", "exact"),
        ("three coaches", 3, None, "exact"),
    ],
)
def test_worded_figures_are_read(written, amount, unit, qualifier):
    figure = parse_figure(written)
    assert figure is not None
    base = amount if unit in (None, "percent", "USD", "IDR") else figure.amount
    assert math.isclose(figure.amount, base, rel_tol=1e-6)
    assert (figure.unit, figure.qualifier) == (unit, qualifier)


@pytest.mark.parametrize("written", ["in Geneva", "April", "the morning", "", "none"])
def test_words_without_a_figure_give_none(written):
    assert parse_figure(written) is None


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # counts are exact: one more is another count
        ("10 non-OPEC countries", "11 non-members", "conflict"),
        ("Twelve sections", "14 sections", "conflict"),
        ("32 vehicles", "23 cars and trucks", "conflict"),
        ("three derailed coaches", "four coaches", "conflict"),
        ("eleven", "11 countries", "same"),
        ("38 more sections", "thirty-eight further sections", "same"),
        # qualifiers are intervals
        ("more than seven hours", "nearly eight hours", "compatible"),
        ("more than seven hours", "approximately 7.5 hours", "compatible"),
        ("nearly eight hours", "approximately 7.5 hours", "compatible"),
        ("nearly seven hours", "about 6.5 hours", "compatible"),
        ("about 6.5 hours", "more than six hours", "compatible"),
        ("more than seven hours", "five hours", "conflict"),
        ("more than 200 people", "about 210 people", "compatible"),
        ("about 210 people", "216 passengers", "compatible"),
        ("more than 200 people", "216 passengers", "compatible"),
        ("more than 200 people", "150 people", "conflict"),
        ("at least 11", "11 people", "compatible"),
        ("at least 14", "eight", "conflict"),
        ("up to 5,000", "4,000", "compatible"),
        ("up to 5,000", "6,000", "conflict"),
        ("fewer than 30", "29", "compatible"),
        ("fewer than 30", "30", "conflict"),
        ("about 5", "6", "compatible"),
        ("about 5", "7", "conflict"),
        # rounding and other words for one figure
        ("2 million barrels per day", "two million bpd", "same"),
        ("2 million barrels per day", "2 mb/d", "same"),
        ("2 million bpd", "2.04 million bpd", "compatible"),
        ("2 million bpd", "2.3 million bpd", "conflict"),
        ("972 kilometers", "about 970 kilometers", "compatible"),
        ("972 kilometers", "roughly 970 kilometres", "compatible"),
        ("972 kilometers", "600 miles", "compatible"),
        ("972 kilometers", "800 kilometers", "conflict"),
        ("90 minutes", "1.5 hours", "same"),
        ("about 80 minutes", "1.5 hours", "compatible"),
        ("80 minutes", "1.5 hours", "conflict"),
        ("seven and a half hours", "7.5 hours", "same"),
        ("4.6%", "4.6 per cent", "same"),
        ("4.6%", "4.7%", "conflict"),
        # different kinds of unit are never compared
        ("4.6%", "2 million bpd", "incomparable"),
        ("seven hours", "seven kilometres", "incomparable"),
        ("$2.3 million", "2.3 million euros", "incomparable"),
        ("4.6%", "5 countries", "incomparable"),
    ],
)
def test_two_figures_conflict_only_when_their_intervals_cannot_overlap(a, b, relation):
    fa, fb = parse_figure(a), parse_figure(b)
    assert fa is not None and fb is not None
    assert compare_figures(fa, fb) == relation
    assert compare_figures(fb, fa) == relation


def test_a_structured_quantity_is_read_with_its_wording():
    figure = figure_from("nearly eight hours", 8, "hours", "about")
    assert figure is not None and (figure.unit, figure.qualifier) == ("hour", "about")
    rounded = figure_from("two million bpd", 2_000_000, "barrel per day", "exact")
    assert rounded is not None and rounded.tolerance == 50_000
    # the wording's qualifier is kept when the structured one says nothing
    assert figure_from("more than 200 people", 200, "people", None).qualifier == "more_than"
    # a structured amount the wording does not show is taken as given
    given = figure_from("a large crowd", 5000, "people", "exact")
    assert given is not None and given.amount == 5000 and given.tolerance == 0
    assert figure_from("no figure here") is None
