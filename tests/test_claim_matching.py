"""Claims of different reports meet when they state one fact in other words, and only then."""

from __future__ import annotations

import pytest
from conftest import make_test_article

from summarizer.ground import ground
from summarizer.reconciliation import reconcile_grounded as reconcile
from summarizer.reconciliation.claims import (
    about_names,
    follows_from,
    other_moments,
    other_things,
    subject_ordinals,
)
from summarizer.records import ArticleExtraction, Run

RUN = Run(backend="test", started="2026-01-01T00:00:00Z")


def _record(*claims: tuple[str, str, str, str]):
    """One article per claim: (about, attribute, value, sentence holding the value)."""
    grounded = []
    for n, (about, attribute, value, text) in enumerate(claims):
        article = make_test_article(f"r{n}", text, published="2025-08-07")
        claim = {"about": about, "attribute": attribute, "value": value, "quotes": [text]}
        grounded.append(ground(article, ArticleExtraction.model_validate({"claims": [claim]})))
    return reconcile(grounded, run=RUN)


# (claims of two reports, whether they are one fact)
PAIRS = [
    # the event in each report's own words, the same attribute in other words
    (
        ("ferry sank", "killing people", "at least five people", "killing at least five people."),
        ("people killed", "people killed", "at least 14 people", "At least 14 people died."),
        True,
    ),
    (
        (
            "ferry insured",
            "date speedboat capsized",
            "May 2019",
            "a speedboat capsized in May 2019.",
        ),
        (
            "passengers listed",
            "date speedboat capsized",
            "March 2019",
            "a speedboat capsized in March 2019.",
        ),
        True,
    ),
    # one subject, nouns of one group
    (
        ("border talks", "length of border", "about 970 kilometers", "about 970 kilometers long."),
        ("border talks", "length of the frontier", "972 km", "a frontier of 972 km."),
        True,
    ),
    (
        (
            "oil producers' meeting",
            "size of the output cut",
            "350,000 barrels",
            "by 350,000 barrels.",
        ),
        ("oil producers' meeting", "production reduction", "350 kb/d", "by 350 kb/d."),
        True,
    ),
    # a bare property says which fact only with its subject: "date" of two things
    (
        ("Biden-Putin phone call", "date", "December 31", "on December 31."),
        ("North Atlantic Council statement", "date", "December 16", "on December 16."),
        False,
    ),
    (
        ("lending by banks", "rate", "16.9%", "at 16.9%."),
        ("loans of small firms", "rate", "more than 17%", "more than 17%."),
        False,
    ),
    # subjects that name different things
    (
        ("Brent crude after the decision", "price change", "2.1%", "Brent rose 2.1%."),
        ("Nigerian Eurobonds due 2031", "price change", "1.2 cents", "gained 1.2 cents."),
        False,
    ),
    (
        ("Ghana's share of the cut", "size", "12,000 bpd", "Ghana will cut 12,000 bpd."),
        ("Nigeria's share of the cut", "size", "160 kb/d", "Nigeria will cut 160 kb/d."),
        False,
    ),
    # the same subject, different facts
    (
        ("ferry sank", "people killed", "eight", "eight people were killed."),
        ("ferry sank", "people injured", "eight", "eight people were injured."),
        False,
    ),
    # a figure of one day and of another: two facts, however alike the words
    (
        ("Halvard", "closing share price on 4 May 2026", "NOK 81.20", "It closed at NOK 81.20."),
        ("Halvard", "closing share price on 5 May 2026", "NOK 83.10", "It closed at NOK 83.10."),
        False,
    ),
    # the first round and the second: two things however alike the rest of the words
    (
        ("first round of the Lakes talks", "month", "March", "The first round was in March."),
        ("second round of the Lakes talks", "month", "May", "The second round was in May."),
        False,
    ),
    (
        ("Halvard", "sales in the 1st quarter", "NOK 2bn", "Sales were NOK 2bn."),
        ("Halvard", "sales in the second quarter", "NOK 3bn", "Sales were NOK 3bn."),
        False,
    ),
    (
        ("second round of the Lakes talks", "month", "May", "The second round was in May."),
        ("second round of the Lakes talks", "month", "June", "The second round was in June."),
        True,
    ),
    # homes destroyed, homes damaged, and both together: three counts
    (
        ("fire", "number of homes destroyed", "187 homes", "It destroyed 187 homes."),
        ("fire", "number of homes destroyed or damaged", "500 homes", "500 homes were hit."),
        False,
    ),
    (
        ("fire", "number of homes damaged", "310 homes", "310 homes were damaged."),
        ("fire", "number of homes destroyed or damaged", "500 homes", "500 homes were hit."),
        False,
    ),
    (
        ("fire", "number of homes razed", "187 homes", "187 homes were razed."),
        ("fire", "number of homes destroyed", "190 homes", "190 homes were destroyed."),
        True,
    ),
]


@pytest.mark.parametrize(("a", "b", "one"), PAIRS)
def test_claims_meet_when_they_state_one_fact(a, b, one):
    record = _record(a, b)
    assert len(record.claims) == (1 if one else 2)


def test_a_subject_two_reports_word_alike_is_a_thing_of_its_own():
    """Two reports name the news conference alike: a third report's "start time" of the event
    in its own words is not taken for the conference's."""
    conference = "news conference after the meeting"
    record = _record(
        (conference, "start time of the conference", "17:30 Paris time", "at 17:30 Paris time."),
        (conference, "start time of the conference", "1630 GMT", "at 1630 GMT."),
        ("producers agreed", "start time of the meeting", "noon", "opened at noon."),
    )
    assert sorted(len(c.sources) for c in record.claims) == [1, 2]


# (an about, the names it gives)
NAMES = [
    ("Brent crude after the GGPPC decision", {"ggppc"}),
    ("Talks in Almaty", {"almaty"}),
    ("ferry sank", set()),
    ("GGPPC output cut agreed on 20 November 2025", {"ggppc"}),
    ("Council meeting", set()),
    ("Nigerian Eurobonds due 2031", {"eurobond"}),
    ("meeting on Friday, 14 March", set()),
]


@pytest.mark.parametrize(("about", "names"), NAMES)
def test_the_names_an_about_gives(about, names):
    assert about_names(about) == names


def test_abouts_name_other_things_only_when_both_give_names_and_share_none():
    assert other_things(frozenset({"brent"}), frozenset({"eurobond"}))
    assert not other_things(frozenset({"ggppc"}), frozenset({"ggppc", "abuja"}))
    assert not other_things(frozenset(), frozenset({"almaty"}))


def _dated(*claims: tuple[str, str, str, dict[str, object]]):
    """One article per claim: (attribute, value, sentence, further fields), all of one deal."""
    grounded = []
    for n, (attribute, value, text, more) in enumerate(claims):
        article = make_test_article(f"d{n}", text, published="2025-08-07")
        claim = {"about": "cable deal", "attribute": attribute, "value": value, "quotes": [text]}
        extraction = ArticleExtraction.model_validate({"claims": [{**claim, **more}]})
        grounded.append(ground(article, extraction))
    return reconcile(grounded, run=RUN)


def test_a_month_and_a_count_worded_alike_are_two_facts():
    record = _dated(
        (
            "date cable contract signed",
            "June 2021",
            "A cable contract was signed in June 2021.",
            {"date": "2021-06"},
        ),
        (
            "cable contracts signed",
            "nine contracts",
            "Nine contracts were signed.",
            {"quantity": {"amount": 9, "unit": "contract", "qualifier": "exact"}},
        ),
    )
    assert len(record.claims) == 2
    assert not record.conflicts


def test_two_months_of_one_fact_still_conflict():
    record = _dated(
        (
            "date cable contract signed",
            "June 2021",
            "A cable contract was signed in June 2021.",
            {"date": "2021-06"},
        ),
        (
            "date cable contract signed",
            "May 2022",
            "A cable contract was signed in May 2022.",
            {"date": "2022-05"},
        ),
    )
    assert len(record.claims) == 1
    assert [c.kind for c in record.conflicts] == ["date_mismatch"]


@pytest.mark.parametrize(
    ("text", "ordinals"),
    [
        ("the second round of the talks", {2}),
        ("first quarter sales", {1}),
        ("sales in the 3rd quarter", {3}),
        ("the talks", set()),
        # a day of a month is a date, not an ordinal
        ("the talks on the 2nd of May", set()),
        ("the 13th April session", set()),
    ],
)
def test_the_ordinals_a_subject_gives(text, ordinals):
    assert subject_ordinals(text) == ordinals


@pytest.mark.parametrize(
    ("a", "b", "other"),
    [
        ("2026-05-06", "2026-05-07", True),
        ("2026-05", "2026-06", True),
        ("2026-05", "2026-05-07", False),
        ("2026-05-07", None, False),
        (None, None, False),
    ],
)
def test_attributes_of_two_moments_are_two_facts(a, b, other):
    assert other_moments(a, b) is other
    assert other_moments(b, a) is other


A, B, C = frozenset({"a"}), frozenset({"b"}), frozenset({"c"})


@pytest.mark.parametrize(
    ("part", "whole", "carried"),
    [
        # 43 vs 37 underground, 28 vs 22 got out: one disagreement told twice
        ([(28, A), (22, B)], [(43, A), (37, B)], True),
        ([(22, B), (28, A)], [(43, A), (37, B)], True),
        ([(28, A), (22, B | C)], [(43, A), (37, B | C)], True),
        # another gap, the sides swapped, a part no smaller than the whole: two disagreements
        ([(28, A), (24, B)], [(43, A), (37, B)], False),
        ([(22, A), (28, B)], [(43, A), (37, B)], False),
        ([(48, A), (42, B)], [(43, A), (37, B)], False),
        # a source on both sides of one of them, or three sides: not the same split
        ([(28, A), (22, B)], [(43, A | B), (37, C)], False),
        ([(28, A), (22, B)], [(43, A), (37, B), (40, C)], False),
    ],
)
def test_a_disagreement_carried_over_to_a_part(part, whole, carried):
    assert follows_from(part, whole) is carried
