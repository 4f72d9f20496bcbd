"""Figures as intervals: number words, scale words, units, qualifiers, rounding."""

from __future__ import annotations

import math

import pytest

from summarizer.semantics.quantities import compare_figures, figure_from, other_wholes, parse_figure


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
        # zeros at the end of a measure are read to its second digit at most
        ("20,000 hectares", "20,400 hectares", "compatible"),
        ("20,000 hectares", "15,700 hectares", "conflict"),
        ("20,000 hectares", "about 18,500 hectares", "compatible"),
        ("2,000,000 barrels per day", "2 million bpd", "same"),
        ("2,000,000 barrels per day", "2.04 million bpd", "compatible"),
        ("2,000,000 barrels per day", "2.3 million bpd", "conflict"),
        ("200 km", "204 km", "compatible"),
        ("200 km", "230 km", "conflict"),
        ("970 km", "974 km", "compatible"),
        ("90 minutes", "1.5 hours", "same"),
        ("about 80 minutes", "1.5 hours", "compatible"),
        ("80 minutes", "1.5 hours", "conflict"),
        ("seven and a half hours", "7.5 hours", "same"),
        ("4.6%", "4.6 per cent", "same"),
        ("4.6%", "4.7%", "conflict"),
        # different kinds of unit are never compared
        ("4.6%", "2 million bpd", "incomparable"),
        ("seven hours", "seven kilometres", "incomparable"),
        ("$2.3 million", "2.3 million euros", "conflict"),  # at any recent rate
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


# --- units and scales as the trade press writes them -----------------------------------------

TRADE_SAME = [
    # oil: every common spelling of a rate in barrels a day
    ("300,000 b/d", "300 kb/d"),
    ("300,000 bpd", "300 kbpd"),
    ("300,000 bbl/d", "0.3 mb/d"),
    ("300 thousand barrels per day", "300,000 barrels a day"),
    ("1.2 million barrels a day", "1.2 mbpd"),
    ("1.2 million barrels of oil per day", "1.2 mmb/d"),
    ("2 mb/d", "2,000 kb/d"),
    # gas volumes and energy
    ("55 bcm", "55 billion cubic metres"),
    ("55 bcm", "55,000,000,000 cubic meters"),
    ("1.5 tcf", "1,500 bcf"),
    ("3.5 mmbtu", "3.5 million btu"),
    # power and energy
    ("500 MW", "0.5 GW"),
    ("1.2 gigawatts", "1,200 megawatts"),
    ("12 TWh", "12,000 GWh"),
    ("3 kWh", "3,000 watt hours"),
    # mass and volume
    ("5 Mt", "5 million tonnes"),
    ("5 Mt", "5,000 kt"),
    ("2.5 million metric tons", "2.5 mmt"),
    ("750 kilotonnes", "0.75 million tonnes"),
    ("1,500 litres", "1.5 cubic metres"),
    # money with scale suffixes
    ("$2bn", "2 billion dollars"),
    ("$2bn", "US$2 billion"),
    ("€3.5m", "3.5 million euros"),
    ("2.4 trillion yen", "¥2.4tn"),
    ("Rs 5 crore", "50 million rupees"),
    ("Rs 50 lakh", "5 million rupees"),
    ("₹2 lakh crore", "2 trillion rupees"),
    ("C$5 billion", "5 billion Canadian dollars"),
    # percentage points and basis points
    ("0.25 percentage points", "25 basis points"),
    ("half a percentage point", "50 bps"),
    ("rose 5%", "up 5 per cent"),
    ("rose to 5%", "at 5 percent"),
    # distances and speeds
    ("100 km", "100 kilometres"),
    ("25 knots", "25 kts"),
    ("60 km/h", "60 kilometres an hour"),
    ("30 mph", "30 miles an hour"),
]


@pytest.mark.parametrize(("a", "b"), TRADE_SAME)
def test_trade_press_spellings_name_one_figure(a, b):
    fa, fb = parse_figure(a), parse_figure(b)
    assert fa is not None and fb is not None
    assert math.isclose(fa.amount, fb.amount, rel_tol=1e-6)
    assert fa.dimension == fb.dimension
    assert compare_figures(fa, fb) in ("same", "compatible")


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # convertible units compare after conversion
        ("25 knots", "46 km/h", "compatible"),
        ("25 knots", "29 mph", "compatible"),
        ("25 knots", "60 km/h", "conflict"),
        ("100 miles", "161 km", "compatible"),
        ("163 miles", "200 km", "conflict"),
        ("1 million barrels", "159,000 cubic metres", "compatible"),
        ("1 million barrels", "230,000 cubic metres", "conflict"),
        ("500 MW", "0.7 GW", "conflict"),
        ("5 Mt", "4 million tonnes", "conflict"),
        ("2 mb/d", "2.3 million bpd", "conflict"),
        ("about 2 mb/d", "2.1 million barrels per day", "compatible"),
        ("55 bcm", "60 billion cubic metres", "conflict"),
        ("$2bn", "$2.5 billion", "conflict"),
        ("$2bn", "about $2.1 billion", "compatible"),
        ("Rs 5 crore", "Rs 6 crore", "conflict"),
        ("0.25 percentage points", "50 basis points", "conflict"),
        # different dimensions never compare
        ("500 MW", "500 MWh", "incomparable"),
        ("12 TWh", "12 GW", "incomparable"),
        ("55 bcm", "55 bcf/d", "incomparable"),
        ("2 mb/d", "2 million barrels", "incomparable"),
        ("5 Mt", "5 million cubic metres", "incomparable"),
        ("25 knots", "25 nautical miles", "incomparable"),
        ("60 km/h", "60 km", "incomparable"),
        ("$2bn", "€2bn", "conflict"),
        ("Rs 5 crore", "$5 crore", "conflict"),
        ("2.4 trillion yen", "2.4 trillion won", "conflict"),
        ("25 basis points", "0.25%", "incomparable"),
        ("0.5 percentage point", "0.5%", "incomparable"),
        ("5%", "5 Mt", "incomparable"),
        ("$2bn", "2 billion people", "incomparable"),
        # a percentage change and a level are other bases
        ("rose 5%", "rose to 5%", "incomparable"),
        ("up 2%", "at 7%", "incomparable"),
        ("a 3% rise", "stood at 3%", "incomparable"),
        ("fell by 1.5%", "fell to 1.5%", "incomparable"),
        # two changes or two levels still compare, and an unsaid basis compares with either
        ("rose 5%", "up 5.0%", "same"),
        ("rose 5%", "gained 7%", "conflict"),
        ("rose to 5%", "stood at 6%", "conflict"),
        ("5%", "rose to 5%", "same"),
        ("5%", "rose 6%", "conflict"),
    ],
)
def test_trade_figures_compare_after_conversion_and_never_across_dimensions(a, b, relation):
    fa, fb = parse_figure(a), parse_figure(b)
    assert fa is not None and fb is not None
    assert compare_figures(fa, fb) == relation
    assert compare_figures(fb, fa) == relation


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("55 bcm", "cubic metre"),
        ("1.9 tcf", "cubic foot"),
        ("$3.50 per mmbtu", "USD"),
        ("3.5 MMBtu", "british thermal unit"),
        ("700 MW", "megawatt"),
        ("40 kWh", "kilowatt hour"),
        ("5 Mt", "tonne"),
        ("500 mt of wheat", "tonne"),
        ("120 kt", "kilotonne"),
        ("2 litres", "litre"),
        ("10 bcf/d", "cubic foot per day"),
        ("Rs 5 crore", "INR"),
        ("Rs. 12 lakh", "INR"),
        ("about Rs 5 crore", "INR"),
        ("HK$3 billion", "HKD"),
        ("300 kbpd", "barrel per day"),
        ("14 m/s", "metre per second"),
    ],
)
def test_trade_units_are_known(written, unit):
    figure = parse_figure(written)
    assert figure is not None and figure.unit == unit


def test_a_currency_code_is_a_word_of_its_own():
    figure = parse_figure("for hours 5 people waited")
    assert figure is not None and figure.unit is None
    assert parse_figure("about Rs 5 crore").qualifier == "about"


def test_the_stage_of_a_count_is_not_the_figure():
    figure = parse_figure("with 60% of ballots counted, 52.3%")
    assert figure is not None and figure.amount == 52.3
    figure = parse_figure("48% with 95 percent of precincts reporting")
    assert figure is not None and figure.amount == 48


def test_a_structured_unit_may_carry_its_scale():
    one = figure_from("2 million bpd", 2, "million barrels per day", "exact")
    other = figure_from("2,000,000 barrels a day", 2_000_000, "barrels per day", "exact")
    assert one is not None and other is not None
    assert compare_figures(one, other) in ("same", "compatible")
    gas = figure_from("55 bcm", 55, "bcm", "exact")
    assert gas is not None and gas.unit == "cubic metre" and gas.amount == 55e9
    assert figure_from("90 minutes", 90, "minutes").amount_in_unit == 90


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # prices compare with prices of the same thing, never with sums
        ("$80 a barrel", "$80 per barrel", "same"),
        ("$80 a barrel", "about $82 a barrel", "compatible"),
        ("$80 a barrel", "$87/barrel", "conflict"),
        ("$3.50 per mmbtu", "$3.50/MMBtu", "same"),
        ("$3.50 per mmbtu", "$4.10 per mmbtu", "conflict"),
        ("€600 a tonne", "€600 per metric ton", "same"),
        ("$80 a barrel", "$80 million", "incomparable"),
        ("$80 a barrel", "$600 a tonne", "incomparable"),
        ("$5 per share", "$5 a barrel", "incomparable"),
        ("$5 per share", "$5bn", "incomparable"),
        # a sum per year is still a sum: it compares with an unsaid period, not another period
        ("$2bn a year", "$2 billion", "same"),
        ("$2bn a year", "$3 billion", "conflict"),
        # rates of two periods compare per hour: a week is seven days, a month 28-31 days
        ("$2bn a year", "$2bn a month", "conflict"),
        ("€25 million a day", "€250 million a week", "conflict"),
        ("€25 million a day", "€175 million a week", "same"),
        ("€25m a day", "about €180 million a week", "compatible"),
        ("$3 million a day", "$90 million a month", "compatible"),  # a 30-day month
        ("$3 million a day", "$93 million a month", "compatible"),  # a 31-day month
        ("$3 million a day", "$120 million a month", "conflict"),
        ("$12 million a month", "$144 million a year", "same"),
        ("$12 million a month", "$140 million a year", "compatible"),
        ("$12 million a month", "$200 million a year", "conflict"),
        ("400 barrels a day", "2,800 barrels a week", "same"),  # a flow, as a week of it
        ("€25 million ($29 million) a day", "€250 million a week", "conflict"),
        ("€25 million ($29 million) a day", "$29m a day", "same"),
        ("2.5 million tonnes a year", "2.5m tonnes a year", "same"),
        ("2.5 million tonnes a year", "2.5 million tonnes of coking coal a year", "same"),
        ("5% a year ago", "5%", "same"),
    ],
)
def test_prices_and_sums_are_other_bases(a, b, relation):
    fa, fb = parse_figure(a), parse_figure(b)
    assert fa is not None and fb is not None
    assert compare_figures(fa, fb) == relation
    assert compare_figures(fb, fa) == relation


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # two currencies compare by a rate the text states, else at the table's dated rates
        # widened by their spread: the same number in two currencies is two sums
        ("$5 million", "€5 million", "conflict"),
        ("5 million dollars", "€5m", "conflict"),
        ("€5m", "$5.8 million", "compatible"),
        ("€5m", "about $6 million", "compatible"),
        ("€40 million", "$44 million", "compatible"),
        ("€40 million", "$60 million", "conflict"),
        ("£300 million", "$400 million", "compatible"),
        ("£300 million", "$300 million", "conflict"),
        ("1.2 billion zlotys", "about €280 million", "compatible"),
        ("1.2 billion zlotys", "€1.2 billion", "conflict"),
        ("3 billion yen", "$20 million", "compatible"),
        ("3 billion yen", "$3 billion", "conflict"),
        ("€25 million a day", "$29 million a day", "compatible"),
        ("€25 million a day", "$290 million", "incomparable"),  # a rate against a sum
        ("R250 million (about $13.5 million)", "$25 million", "conflict"),
        ("R250 million (about $13.5 million)", "$13.6 million", "compatible"),
        ("R250 million (about $13.5 million)", "R250m", "same"),
        ("R250 million (about $13.5 million)", "€12 million", "compatible"),
        ("R250 million (about $13.5 million)", "€25 million", "conflict"),
        ("14.4 billion Norwegian kroner (about 1.25 billion euros)", "€1.5bn", "conflict"),
        ("14.4 billion Norwegian kroner (about 1.25 billion euros)", "€1.2bn", "compatible"),
        ("NOK 14.4bn", "€1.5bn", "conflict"),
        ("NOK 14.4bn", "about €1.25bn", "compatible"),
        ("NOK 14.4bn", "about $1.4 billion", "compatible"),
        # a currency with no rate in the table is never compared but by a stated rate
        ("9 billion crowns", "€1.1bn", "incomparable"),
        ("9 billion crowns (about €800 million)", "about €1.5bn", "conflict"),
        ("9 billion crowns (about €800 million)", "€820m", "compatible"),
        ("3,000 million pesos (about $3.1 million)", "about $6 million", "conflict"),
        ("3,000 million pesos (about $3.1 million)", "$3m", "compatible"),
        ("3,000 million pesos (about $3.1 million)", "3 billion pesos", "same"),
        ("3 billion pesos", "about $6 million", "incomparable"),  # which peso, at what rate?
        # a currency the table knows is compared at its rate
        ("3 billion Chilean pesos", "about $6 million", "conflict"),
        ("3 billion Chilean pesos", "about $3 million", "compatible"),
        ("150 million soles ($40 million)", "$40m", "same"),
        ("150 million soles ($40 million)", "$60m", "conflict"),
        # a figure in another unit of one dimension, in brackets, is a conversion too
        ("35 kilometers (22 miles)", "35 km", "same"),
    ],
)
def test_currencies_compare_by_a_stated_rate_else_by_the_dated_table(a, b, relation):
    fa, fb = parse_figure(a), parse_figure(b)
    assert fa is not None and fb is not None
    assert compare_figures(fa, fb) == relation
    assert compare_figures(fb, fa) == relation


@pytest.mark.parametrize(
    ("written", "amount", "unit"),
    [
        ("R250 million", 250e6, "ZAR"),
        ("NOK14bn", 14e9, "NOK"),
        ("Rs500 crore", 5e9, "INR"),
        ("Rp 2 trillion", 2e12, "IDR"),
        ("route 66", 66, None),
    ],
)
def test_a_currency_sign_may_be_written_against_its_figure(written, amount, unit):
    figure = parse_figure(written)
    assert figure is not None
    assert figure.amount == pytest.approx(amount)
    assert figure.unit == unit


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # a flow in one unit a day against an amount of another a year
        ("8 bcm a year", "about 770 million cubic feet a day", "compatible"),
        ("8 bcm a year", "1.1 billion cubic feet a day", "conflict"),
        ("120,000 barrels per day", "about 44 million barrels a year", "compatible"),
        ("120,000 barrels per day", "60 million barrels a year", "conflict"),
        ("2 million cubic metres a day", "730 million cubic metres a year", "compatible"),
        # a flow against an amount with no period: two facts
        ("120,000 barrels per day", "5 million barrels", "incomparable"),
    ],
)
def test_a_flow_compares_with_an_amount_per_period(a, b, relation):
    fa, fb = parse_figure(a), parse_figure(b)
    assert fa is not None and fb is not None
    assert compare_figures(fa, fb) == relation
    assert compare_figures(fb, fa) == relation


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        # a figure given in a second unit after a comma or "or": compared in the unit both give
        ("down 10%, or 400 jobs", "down 550 jobs", "conflict"),
        ("down 10%, or 400 jobs", "a cut of 400 jobs", "same"),
        ("down 10%, or 400 jobs", "down 10%", "same"),
        ("by 25%, or by 300 tonnes", "by 320 tonnes", "conflict"),
        ("by 25%, or by 300 tonnes", "by about 310 tonnes", "compatible"),
        ("by 25%, or by 300 tonnes", "by 25%", "same"),
        ("by 25%", "by 320 tonnes", "incomparable"),
        ("12 bitcoins, which is about $900,000", "$2 million", "conflict"),
        ("12 bitcoins, which is about $900,000", "$0.9m", "compatible"),
        ("12 BTC (roughly €800,000)", "$2 million", "conflict"),
        ("12 bitcoins", "$2 million", "incomparable"),  # no rate for a coin that swings
        ("12 bitcoins, which is about $900,000", "12 BTC (roughly €800,000)", "same"),
        ("40 miles, some 64 km", "64 kilometres", "compatible"),
        # "or" between two figures of one unit is no conversion
        ("5% or more", "7%", "compatible"),
        # a currency the rate table now knows
        ("4 million lari", "about 3 million euros", "conflict"),
        ("4 million lari", "about 1.3 million euros", "compatible"),
        ("GEL 4m", "4 million lari", "same"),
        ("900 million soms", "$10 million", "compatible"),
        ("900 million soms", "$30 million", "conflict"),
        # a sum the text converts into a currency of the table, against a third currency
        ("4 million lari ($1.5 million)", "about 3 million euros", "conflict"),
    ],
)
def test_a_figure_given_in_two_units_compares_in_the_unit_both_give(a, b, relation):
    fa, fb = parse_figure(a), parse_figure(b)
    assert fa is not None and fb is not None
    assert compare_figures(fa, fb) == relation
    assert compare_figures(fb, fa) == relation


@pytest.mark.parametrize(
    ("written", "per"),
    [
        ("$70 a barrel", "barrel"),
        ("$70 per tonne", "tonne"),
        ("$3/mmbtu", "british thermal unit"),
        # "at", "after", "as" start no rate: "a" must be a word of its own
        ("$3.4 million at the current exchange rate", None),
        ("$3.4 million after tax", None),
        ("$3.4 million as a ransom", None),
    ],
)
def test_what_a_figure_is_given_for(written, per):
    figure = parse_figure(written)
    assert figure is not None
    assert figure.per == per


@pytest.mark.parametrize(
    ("a", "b", "other"),
    [
        ("about a third of the stocks", "more than two thirds of cases", True),
        ("40% of the households", "35% of the schools", True),
        ("half of the members", "60% of the staff", True),
        # one whole in other words, or a whole unsaid
        ("40% of voters", "38% of the vote", False),
        ("3% of GDP", "3.5 per cent of gross domestic product", False),
        ("2% of GNI", "2% of gross national income", False),
        ("a quarter of the stocks", "30% of all stocks", False),
        ("40%", "35% of the households", False),
        ("12 people", "15 people", False),
    ],
)
def test_shares_of_two_wholes(a, b, other):
    assert other_wholes(a, b) is other
    assert other_wholes(b, a) is other


@pytest.mark.parametrize(
    ("written", "per"),
    [
        ("1,200 cars a week", "week"),
        ("30 trains per hour", "hour"),
        ("45 barges each day", "day"),
        ("9,000 new homes every year", "year"),
        ("250 a day", "day"),
        ("3 inspections a month", "month"),
        # a moment, not a rate
        ("600 students a year ago", None),
        ("80 flights a week earlier", None),
        ("4 weeks", None),
        ("12 buses and a tram", None),
        ("70 teachers of a school", None),
        ("20 villages a province", None),  # a province is no period
    ],
)
def test_a_count_may_be_given_for_a_period(written, per):
    figure = parse_figure(written)
    assert figure is not None
    assert figure.per == per


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("5,000 parcels a day", "35,000 parcels a week", "same"),
        ("2,000 tablets a month", "24,000 tablets a year", "same"),
        ("2,000 tablets a month", "about 25,000 tablets a year", "compatible"),
        ("100 ferries a day", "120 ferries per day", "conflict"),
        ("3,000 tablets a month", "24,000 tablets a year", "conflict"),
        ("10 patients an hour", "300 patients a day", "conflict"),
        ("10 patients an hour", "240 patients a day", "same"),
    ],
)
def test_counts_per_period_compare_over_one_period(a, b, relation):
    fa, fb = parse_figure(a), parse_figure(b)
    assert fa is not None and fb is not None
    assert compare_figures(fa, fb) == relation
    assert compare_figures(fb, fa) == relation


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("opens at nine in the morning with 40 stalls", 40.0),
        ("at 7 o'clock, 12 boats had left", 12.0),
        ("the 6 p.m. bulletin gave 31 injured", 31.0),
        ("after 14:30 local time some 50 were evacuated", 50.0),
        ("1100 GMT", None),
        ("at six in the evening and six in the morning", None),
        ("10 a.m. Cairo time", None),
        # a number before other words of the day stays a figure
        ("8 people in the morning shift", 8.0),
        ("the 9 morning trains", 9.0),
        ("up 3% in early trading", 3.0),
    ],
)
def test_an_hour_of_the_clock_is_not_a_figure(written, amount):
    figure = parse_figure(written)
    assert (figure.amount if figure is not None else None) == amount


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("twice a day, at 07:00 and 19:00 local time", 2.0),
        ("at 06:30 and 18:30, 4 patrols", 4.0),
        ("09:15", None),
        ("a 3:1 majority", 3.0),
    ],
)
def test_the_minutes_of_a_clock_reading_are_not_a_figure(written, amount):
    figure = parse_figure(written)
    assert (figure.amount if figure is not None else None) == amount
