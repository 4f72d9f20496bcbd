"""Claims in the consensus record: resolved across sources, fused by meaning, conflicts calibrated."""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import ROOT, grounded_gold, make_test_article

from summarizer.ground import ground
from summarizer.ingest import date_together, read_articles
from summarizer.reconciliation import reconcile_grounded as reconcile
from summarizer.records import ArticleExtraction, Run

RUN = Run(backend="test", started="2026-01-01T00:00:00Z")
DATA = ROOT / "tests" / "data"


def _evaluator():
    spec = importlib.util.spec_from_file_location(
        "eval_conflicts", ROOT / "scripts" / "eval_conflicts.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cluster_record(name: str):
    folder = DATA / "clusters" / name
    # as `summarizer run` reads them: reports of one event vouch for each other's year
    articles = date_together(read_articles([folder / "articles"]).articles)
    grounded = [
        ground(
            a,
            ArticleExtraction.model_validate_json(
                (folder / "gold" / f"{a.id}.json").read_text(encoding="utf-8")
            ),
        )
        for a in articles
    ]
    return reconcile(grounded, run=RUN)


TUNE = json.loads((DATA / "split.json").read_text(encoding="utf-8"))["tune"]
# Clusters that still raise a known wrong or missing conflict.
_OPEN: dict[str, str] = {
    "launch-failure": "a centre's director vs a mission director: a question for the judge",
    "volcano-ash": "a meeting's place: a venue in the capital vs a town only its passage names",
    "river-flood": "a recurring meeting dated by a report that shows no day for it",
    "metro-fares": "a fare in forints with a stated rate vs one in euros",
    "grain-corridor": "a dated 212 ships vs an undated 221; a meeting time's conflict unannotated",
    "museum-restitution": "a curator vs a director of one museum: two posts of one body",
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=_OPEN[n])) if n in _OPEN else n
        for n in TUNE
    ],
)
def test_every_annotated_conflict_is_found_and_no_non_conflict_is_raised(name):
    record = _cluster_record(name)
    expected = json.loads((DATA / "clusters" / name / "expected.json").read_text(encoding="utf-8"))
    result = _evaluator().evaluate(record.model_dump(mode="json"), expected)
    assert result["missed"] == []
    assert result["flagged"] == []
    assert [a["path"] for a in result["alarms"]] == []
    assert result["claims"] > 0


def test_the_examples_have_claims_and_no_medium_or_high_conflict():
    record = reconcile(grounded_gold(), run=RUN)
    assert record.claims
    assert all(c.severity == "low" for c in record.conflicts)
    assert not [c for c in record.conflicts if c.path.startswith("/statements/")]


def _claims_record(*reports: tuple[str, str, str, list[dict]]):
    grounded = []
    for article_id, published, text, claims in reports:
        article = make_test_article(article_id, text, published=published)
        grounded.append(ground(article, ArticleExtraction.model_validate({"claims": claims})))
    return reconcile(grounded, run=RUN)


def _claim(value: str, quote: str, **fields) -> dict:
    return {
        "about": fields.pop("about", "train derailment near Halden"),
        "attribute": fields.pop("attribute", "death toll"),
        "value": value,
        "quotes": [quote],
        **fields,
    }


def test_a_toll_that_grows_is_an_update_and_the_latest_is_the_consensus():
    texts = [
        ("a", "2024-05-01", "Five people were killed, police said on Wednesday."),
        ("b", "2024-05-02", "The death toll rose to eight people on Thursday."),
        ("c", "2024-05-03", "Ten people were killed in the derailment, officials said."),
    ]
    values = ["Five people", "rose to eight people", "Ten people"]
    record = _claims_record(
        *[(i, d, t, [_claim(v, t)]) for (i, d, t), v in zip(texts, values, strict=True)]
    )
    assert len(record.claims) == 1
    toll = record.claims[0]
    assert toll.value.value == "Ten people"
    assert {a.value for a in toll.value.alternatives} == {"Five people", "rose to eight people"}
    assert record.conflicts == []


def test_a_toll_two_voices_give_for_one_day_conflicts_on_the_figure_not_the_voice():
    police = "Fifteen people died in the crash, police said on Tuesday evening."
    railway = "Nine people died in the crash, the railway operator said on Tuesday."
    record = _claims_record(
        ("a", "2024-05-01", police, [_claim("Fifteen people", police, attributed_to="police")]),
        (
            "b",
            "2024-05-01",
            railway,
            [_claim("Nine people", railway, attributed_to="the railway operator")],
        ),
    )
    [claim] = record.claims
    assert {claim.attributed_to.value, *[a.value for a in claim.attributed_to.alternatives]} == {
        "police",
        "the railway operator",
    }
    [conflict] = record.conflicts
    assert (conflict.path, conflict.kind, conflict.severity) == (
        "/claims/0/quantity",
        "number_mismatch",
        "high",
    )
    assert sorted(v.value for v in conflict.values) == ["Fifteen people", "Nine people"]
    assert all(v.evidence for v in conflict.values)
    assert "same day" in conflict.note


def test_a_figure_no_passage_shows_makes_a_medium_conflict():
    first = "The train had three derailed coaches, the operator said."
    second = "Investigators are examining the wreck north of the town."
    record = _claims_record(
        (
            "a",
            "2024-05-01",
            first,
            [_claim("three derailed coaches", first, attribute="number of derailed coaches")],
        ),
        (
            "b",
            "2024-05-01",
            second,
            [_claim("four coaches", second, attribute="number of derailed coaches")],
        ),
    )
    [conflict] = record.conflicts
    assert conflict.kind == "number_mismatch" and conflict.severity == "medium"


def test_times_of_day_are_never_date_conflicts_and_morning_fits_a_clock():
    first = "The train left the station in the morning, shortly before the crash."
    second = "The train derailed at 08.55, the operator said in a statement."
    third = "The accident happened at 15:20, according to a witness at the scene."
    record = _claims_record(
        (
            "a",
            "2024-05-01",
            first,
            [_claim("in the morning", first, attribute="time of the derailment")],
        ),
        ("b", "2024-05-01", second, [_claim("08.55", second, attribute="time of the derailment")]),
    )
    assert record.conflicts == []
    clash = _claims_record(
        ("b", "2024-05-01", second, [_claim("08.55", second, attribute="time of the derailment")]),
        ("c", "2024-05-01", third, [_claim("15:20", third, attribute="time of the derailment")]),
    )
    [conflict] = clash.conflicts
    assert (conflict.path, conflict.kind) == ("/claims/0/value", "value_mismatch")


def test_figures_on_different_bases_are_different_claims():
    first = "Its cut equals 4.6% of the group's required production, the minister said."
    second = "The cut is about 2% of global supply, analysts said on Wednesday."
    record = _claims_record(
        (
            "a",
            "2024-05-01",
            first,
            [
                _claim(
                    "4.6%",
                    first,
                    about="OPEC+ output cut",
                    attribute="share of required production",
                )
            ],
        ),
        (
            "b",
            "2024-05-01",
            second,
            [
                _claim(
                    "about 2%", second, about="OPEC+ output cut", attribute="share of global supply"
                )
            ],
        ),
    )
    assert len(record.claims) == 2
    assert record.conflicts == []


def test_months_that_differ_conflict_and_precision_does_not():
    texts = {
        "a": "It was the biggest cut since April 2020, the ministers said.",
        "b": "It was the biggest cut since May 2020, according to the group.",
        "c": "The previous record cut was agreed on 12 April 2020 in a video call.",
    }
    about, attribute = "previous record cut", "month of the previous record cut"
    record = _claims_record(
        (
            "a",
            "2024-05-01",
            texts["a"],
            [_claim("April 2020", texts["a"], about=about, attribute=attribute, date="2020-04")],
        ),
        (
            "c",
            "2024-05-01",
            texts["c"],
            [
                _claim(
                    "12 April 2020", texts["c"], about=about, attribute=attribute, date="2020-04-12"
                )
            ],
        ),
    )
    assert record.conflicts == []
    assert record.claims[0].date.value == "2020-04-12"
    clash = _claims_record(
        (
            "a",
            "2024-05-01",
            texts["a"],
            [_claim("April 2020", texts["a"], about=about, attribute=attribute, date="2020-04")],
        ),
        (
            "b",
            "2024-05-01",
            texts["b"],
            [_claim("May 2020", texts["b"], about=about, attribute=attribute, date="2020-05")],
        ),
    )
    [conflict] = clash.conflicts
    assert (conflict.path, conflict.kind, conflict.severity) == (
        "/claims/0/date",
        "date_mismatch",
        "high",
    )


def test_claims_are_blocked_not_compared_in_all_pairs():
    from summarizer.reconciliation import claims as claims_module

    original = claims_module._score

    def comparisons(n: int) -> int:
        calls = 0

        def counting(*args):
            nonlocal calls
            calls += 1
            return original(*args)

        reports = []
        for i in range(n):
            text = f"Officials counted {i + 100} widgets of kind k{i} at the plant, the owner said."
            claim = _claim(
                f"{i + 100} widgets", text, about=f"plant k{i}", attribute=f"count of k{i} widgets"
            )
            reports.append((f"s{i:04d}", "2024-05-01", text, [claim]))
        claims_module._score = counting
        try:
            record = _claims_record(*reports)
        finally:
            claims_module._score = original
        assert len(record.claims) == n
        return calls

    small, large = comparisons(200), comparisons(400)
    assert large < 2.5 * small  # all pairs would be four times as many
    assert large < 400 * 399 / 2 / 4


def test_a_figure_without_a_structured_quantity_keeps_its_own_unit():
    text = "The ministers talked for 90 minutes behind closed doors."
    record = _claims_record(
        ("a", "2024-05-01", text, [_claim("90 minutes", text, attribute="duration of talks")])
    )
    (claim,) = record.claims
    assert claim.quantity is not None
    assert claim.quantity.value == {"amount": 90.0, "unit": "minute", "qualifier": "exact"}


def test_a_count_given_by_midday_and_a_higher_one_so_far_the_same_day_are_updates():
    first = "Crews had freed 14 people from the mine by midday, the company said."
    second = "Nineteen people have been brought out so far, the governor said."
    attribute = "number of miners rescued"
    record = _claims_record(
        ("a", "2024-05-01", first, [_claim("14 people", first, attribute=attribute)]),
        ("b", "2024-05-01", second, [_claim("Nineteen people", second, attribute=attribute)]),
    )
    [claim] = record.claims
    assert claim.value.value == "Nineteen people"
    assert record.conflicts == []


def test_a_sum_joins_the_reports_in_its_own_currency_and_conflicts_there():
    wire = "The bid values the firm at 9 billion crowns, or about 0.8 billion euros."
    paper = "The offer is worth €1.1bn, the paper reported."
    attribute = "total value of the offer"
    about = "takeover bid for the shipyard"
    record = _claims_record(
        (
            "a",
            "2024-05-01",
            wire,
            [
                _claim("9 billion crowns", wire, attribute=attribute, about=about),
                _claim("about 0.8 billion euros", wire, attribute=attribute, about=about),
            ],
        ),
        ("b", "2024-05-02", paper, [_claim("€1.1bn", paper, attribute=attribute, about=about)]),
    )
    [conflict] = record.conflicts
    assert conflict.kind == "number_mismatch"
    assert sorted(v.value for v in conflict.values) == ["about 0.8 billion euros", "€1.1bn"]


@pytest.mark.parametrize(("dollars", "conflict"), [("$5 million", True), ("$5.8 million", False)])
def test_sums_in_two_currencies_without_a_stated_rate_compare_at_the_tables_rates(
    dollars, conflict
):
    first = f"The bank pledged {dollars} in aid, its president said."
    second = "The bank pledged €5 million in aid."
    attribute = "amount of the pledge"
    about = "aid pledged by the development bank"
    record = _claims_record(
        ("a", "2024-05-01", first, [_claim(dollars, first, attribute=attribute, about=about)]),
        (
            "b",
            "2024-05-01",
            second,
            [_claim("€5 million", second, attribute=attribute, about=about)],
        ),
    )
    assert len(record.claims) == 1
    found = [(c.kind, c.severity) for c in record.conflicts]
    # the rate is the table's, not the text's: medium at most
    assert found == ([("number_mismatch", "medium")] if conflict else [])


@pytest.mark.parametrize(
    ("other", "conflict"), [("shortly after 10 a.m.", False), ("1600 GMT", True)]
)
def test_a_claims_local_time_is_that_of_the_meeting_it_is_about_not_of_its_topic(other, conflict):
    about = "emergency session of the council on the Mali crisis, 3 March 2027"
    grounded = []
    for n, time in enumerate(("10:00 New York time", other)):
        text = f"The council's emergency session began at {time} at UN headquarters in New York."
        article = make_test_article(f"r{n}", text, published="2027-03-03")
        meeting = {
            "name": "emergency session of the council on the Mali crisis",
            "date": "2027-03-03",
            "location": "UN headquarters, New York",
            "status": "held",
            "quotes": [text],
        }
        claim = _claim(time, text, about=about, attribute="start time")
        payload = {"meetings": [meeting], "claims": [claim]}
        grounded.append(ground(article, ArticleExtraction.model_validate(payload)))
    record = reconcile(grounded, run=RUN)
    [claim] = record.claims
    assert claim.about.value == "m1"  # the claim is about the meeting, whatever its date
    assert any(c.path == "/claims/0/value" for c in record.conflicts) is conflict


@pytest.mark.parametrize(("later", "claims"), [("met again on Friday", 2), ("met on Friday", 1)])
def test_claims_about_a_session_and_the_one_held_again_another_day_are_two_facts(later, claims):
    first = "The inquiry panel met on Thursday, the ministry said."
    second = f"The inquiry panel {later}, the ministry said."
    record = _claims_record(
        (
            "a",
            "2024-05-02",
            first,
            [
                _claim(
                    "Thursday",
                    first,
                    about="inquiry panel session, 2 May 2024",
                    attribute="date",
                    date="2024-05-02",
                )
            ],
        ),
        (
            "b",
            "2024-05-03",
            second,
            [
                _claim(
                    "Friday",
                    second,
                    about="inquiry panel session, 3 May 2024",
                    attribute="date",
                    date="2024-05-03",
                )
            ],
        ),
    )
    assert len(record.claims) == claims
    assert any(c.kind == "date_mismatch" for c in record.conflicts) is (claims == 1)


def test_a_share_given_during_the_count_is_updated_by_the_final_one():
    early = "With 64% of ballots counted, the mayor had 51.9% against 48.1% for her rival."
    final = "Final results gave the rival 47.6% of the vote, the commission said."
    about = "mayoral runoff in Kraljevo, 3 May 2027"
    attribute = "the rival's share of the vote"
    record = _claims_record(
        (
            "a",
            "2027-05-03",
            early,
            [_claim("48.1%", "against 48.1% for her rival", about=about, attribute=attribute)],
        ),
        ("b", "2027-05-04", final, [_claim("47.6%", final, about=about, attribute=attribute)]),
    )
    [claim] = record.claims
    assert claim.value.value == "47.6%"
    assert record.conflicts == []


def test_a_share_of_something_counted_and_a_count_of_it_are_two_facts():
    wire = "With 64% of polling stations counted, the count was well under way."
    one = "Voting took place at 1,100 polling stations."
    other = "Voting took place at 1,160 polling stations on Sunday."
    about = "mayoral runoff in Kraljevo, 3 May 2027"
    record = _claims_record(
        (
            "a",
            "2027-05-03",
            wire,
            [_claim("64%", wire, about=about, attribute="share of polling stations counted")],
        ),
        (
            "b",
            "2027-05-03",
            one,
            [
                _claim(
                    "1,100 polling stations",
                    one,
                    about=about,
                    attribute="number of polling stations",
                )
            ],
        ),
        (
            "c",
            "2027-05-04",
            other,
            [
                _claim(
                    "1,160 polling stations",
                    other,
                    about=about,
                    attribute="number of polling stations",
                )
            ],
        ),
    )
    assert len(record.claims) == 2
    [conflict] = record.conflicts
    assert conflict.kind == "number_mismatch"


@pytest.mark.parametrize(
    ("words", "one"),
    [
        ("A cease-fire that nobody watches over will not hold for long", True),
        ("A ceasefire that nobody watches over will not hold for long", True),
        ("A truce that nobody watches over will never last a week", False),
    ],
)
def test_the_same_quoted_words_with_or_without_a_hyphen_in_two_mouths(words, one):
    grounded = []
    for n, (speaker, said) in enumerate(
        [
            ("Marta Ilves", "A ceasefire that nobody watches over will not hold for long"),
            ("Tomas Berzins", words),
        ]
    ):
        text = f'"{said}," {speaker} told reporters on Tuesday.'
        statement = {
            "speaker": {"name": speaker},
            "content": said,
            "direct": True,
            "date": "2027-02-09",
            "quotes": [text],
        }
        article = make_test_article(f"r{n}", text, published="2027-02-09")
        payload = ArticleExtraction.model_validate({"statements": [statement]})
        grounded.append(ground(article, payload))
    record = reconcile(grounded, run=RUN)
    assert len(record.statements) == (1 if one else 2)
    kinds = [c.kind for c in record.conflicts if c.path.startswith("/statements/")]
    assert kinds == (["attribution_mismatch"] if one else [])


def test_the_evaluations_judge_answers_as_the_annotations_do():
    expected = {
        "conflicts": [
            {
                "record": "person",
                "field": "role",
                "about": "Lena Park",
                "sides": [{"articles": ["a1"]}, {"articles": ["a2"]}],
            }
        ],
        "non_conflicts": [
            {
                "record": "person",
                "field": "role",
                "about": "Lena Park",
                "values": [{"articles": ["a1"]}, {"articles": ["a3"]}],
            }
        ],
    }

    def prompt(other: str, subject: str = "Lena Park") -> str:
        return (
            f"Entity: /people/2\nSubject: {subject}\n\n"
            "Pair q1 (field `role`: the office or post this one person holds):\n"
            '  A: "port director" \n     reported by a1\n     passage: "the port director"\n'
            f'  B: "harbour master" \n     reported by {other}\n     passage: "the harbour master"'
        )

    judge = _evaluator().annotated_judge(expected)
    verdicts = {
        (other, subject): judge("/people/2", prompt(other, subject))["verdicts"][0]["verdict"]
        for other, subject in [("a2", "Lena Park"), ("a3", "Lena Park"), ("a2", "Omar Diallo")]
    }
    assert verdicts == {
        ("a2", "Lena Park"): "conflict",
        ("a3", "Lena Park"): "compatible",
        ("a2", "Omar Diallo"): "unrelated",
    }
    [answer] = judge("/people/2", prompt("a2"))["verdicts"]
    assert answer["passages"] == ["the port director", "the harbour master"]


def _one_fact(attribute: str, *values: tuple[str, str], about: str = "Halvard ASA"):
    """One report per (value, sentence), each stating `attribute` of `about` on 16 Oct 2026."""
    return _claims_record(
        *[
            (f"r{n}", "2026-10-16", text, [_claim(value, text, about=about, attribute=attribute)])
            for n, (value, text) in enumerate(values)
        ]
    )


@pytest.mark.parametrize(
    ("values", "conflict"),
    [
        # Oslo is on UTC+2 until the last Sunday of October: 07:30 there is 05:30 GMT
        (["07:30 Oslo time", "0730 GMT", "early, before the market opened"], True),
        (["07:30 Oslo time", "0530 GMT", "early, before the market opened"], False),
        (["07:30 Oslo time", "0530 GMT"], False),
    ],
)
def test_two_clock_readings_are_compared_though_a_third_wording_is_no_time(values, conflict):
    record = _one_fact("time", *[(v, f"It said so at {v}.") for v in values])
    assert len(record.claims) == 1
    assert [c.kind for c in record.conflicts] == (["value_mismatch"] if conflict else [])


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("Bergen-based", "Stavanger-based", True),
        ("Bergen-based", "headquartered in Bergen", False),
        ("Bergen-based", "the old harbour offices", False),  # a venue: left open
    ],
)
def test_a_bodys_seat_in_two_towns_conflicts(a, b, conflict):
    record = _one_fact("headquarters", (a, f"The {a} company said."), (b, f"The company, {b}."))
    assert len(record.claims) == 1
    assert [c.kind for c in record.conflicts] == (["value_mismatch"] if conflict else [])


CLASH = "border clash at Ras Kamar, 14 November 2026"


@pytest.mark.parametrize(
    ("undated", "conflict"),
    [
        # Thursday after the Saturday clash: two days after the 31 of Tuesday, a count of 21
        ("The toll has risen to 21 soldiers, the commission said on Thursday.", True),
        # no day named: it may be earlier or later than the 31
        ("The toll has risen to 21 soldiers, the commission said.", False),
    ],
)
def test_an_undated_count_is_dated_by_the_weekday_it_names(undated, conflict):
    tuesday = "Thirty-one soldiers have been killed, the spokesman said on Tuesday."
    record = _claims_record(
        ("a", "2026-11-17", tuesday, [_claim("Thirty-one soldiers", tuesday, about=CLASH)]),
        ("b", None, undated, [_claim("has risen to 21 soldiers", undated, about=CLASH)]),
    )
    assert len(record.claims) == 1
    assert [c.kind for c in record.conflicts] == (["number_mismatch"] if conflict else [])


def test_a_running_sum_in_two_currencies_is_compared_by_rate():
    first = "Pledges so far total $4.1 billion, the hosts said."
    later = "Pledges rose to €3.8 billion, the hosts said."
    record = _claims_record(
        ("a", "2026-11-14", first, [_claim("$4.1 billion", first, attribute="pledges so far")]),
        ("b", "2026-11-15", later, [_claim("€3.8 billion", later, attribute="pledges so far")]),
    )
    assert len(record.claims) == 1
    assert record.conflicts == []


def test_a_disagreement_carried_over_to_a_part_is_kept_low():
    def said(n: int, underground: int, out: int) -> tuple[str, str, str, list[dict]]:
        text = f"{underground} miners were underground and {out} of them got out."
        return (
            f"r{n}",
            "2025-11-13",
            text,
            [
                _claim(
                    f"{underground} miners", text, about="flood", attribute="miners underground"
                ),
                _claim(f"{out} miners", text, about="flood", attribute="miners who got out"),
            ],
        )

    record = _claims_record(said(0, 43, 28), said(1, 37, 22))
    severities = {c.path.split("/")[2]: c.severity for c in record.conflicts}
    assert len(severities) == 2
    assert sorted(severities.values()) == ["high", "low"]
    low = next(p for p, s in severities.items() if s == "low")
    assert record.claims[int(low)].attribute.value == "miners who got out"


def test_a_level_that_rose_is_compared_as_a_figure_not_updated_as_a_count():
    early = "The smoke plume rose some 20,000 feet above the refinery, firefighters said."
    later = "The plume had climbed to 9 km within an hour, the weather service said."
    record = _claims_record(
        ("a", "2024-05-01", early, [_claim("some 20,000 feet", early, attribute="plume height")]),
        ("b", "2024-05-02", later, [_claim("9 km", later, attribute="plume height")]),
    )
    [conflict] = record.conflicts
    assert conflict.path == "/claims/0/quantity"
    assert sorted(v.value for v in conflict.values) == ["9 km", "some 20,000 feet"]


def test_a_total_since_a_moment_that_grows_is_an_update():
    texts = [
        ("a", "2024-05-01", "More than 300 trains have been cancelled since the storm hit."),
        ("b", "2024-05-03", "Around 2,900 trains have been cancelled since the storm hit."),
    ]
    values = ["More than 300 trains", "Around 2,900 trains"]
    record = _claims_record(
        *[
            (i, d, t, [_claim(v, t, attribute="number of trains cancelled")])
            for (i, d, t), v in zip(texts, values, strict=True)
        ]
    )
    [claim] = record.claims
    assert claim.value.value == "Around 2,900 trains"
    assert record.conflicts == []


def test_a_cut_given_as_a_share_and_in_tonnes_meets_a_cut_in_tonnes():
    one = "The catch limit is cut by 25%, or by 300 tonnes, ministers agreed."
    two = "Ministers cut the catch limit by 410 tonnes."
    record = _claims_record(
        ("a", "2024-05-01", one, [_claim("by 25%, or by 300 tonnes", one, **_CUT)]),
        ("b", "2024-05-01", two, [_claim("by 410 tonnes", two, **_CUT)]),
    )
    assert len(record.claims) == 1
    [conflict] = record.conflicts
    assert conflict.path == "/claims/0/quantity"
    assert "[295, 305] and [405, 415]" in conflict.note


_CUT = {"about": "catch limit for 2025", "attribute": "size of the cut"}


def test_a_total_since_a_moment_given_on_one_day_is_compared_as_it_stands():
    one = "Some 40 drones have crossed the border since January, the ministry said."
    two = "More than 55 drones have crossed the border since January."
    record = _claims_record(
        ("a", "2024-05-01", one, [_claim("Some 40 drones", one, **_DRONES)]),
        ("b", "", two, [_claim("More than 55 drones", two, **_DRONES)]),
    )
    [conflict] = record.conflicts
    assert conflict.path == "/claims/0/quantity"


_DRONES = {"about": "drone incursions", "attribute": "number of drones since January"}


def test_a_rate_one_report_states_converts_the_sums_of_the_others():
    one = "The loan covers 2.0 billion euros of debt."
    two = "The loan covers €2bn ($2.2bn) of debt."
    three = "The loan covers about $2.9 billion of debt."
    record = _claims_record(
        ("a", "2024-05-01", one, [_claim("2.0 billion euros", one, **_LOAN)]),
        ("b", "2024-05-01", two, [_claim("€2bn ($2.2bn)", two, **_LOAN)]),
        ("c", "2024-05-01", three, [_claim("about $2.9 billion", three, **_LOAN)]),
    )
    [conflict] = record.conflicts
    assert {s for v in conflict.values for s in v.sources} == {"a", "b", "c"}


_LOAN = {"about": "loan to the utility", "attribute": "amount of euro debt covered"}
