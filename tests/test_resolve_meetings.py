"""Meeting resolution: when two reports' meetings are one meeting whatever each calls it, and
claim attributes that say one fact in other verbs."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from conftest import make_test_article

from summarizer.ground import ground
from summarizer.reconciliation import reconcile_grounded
from summarizer.reconciliation.claims import _attribute_key, attributes_match
from summarizer.reconciliation.fields import place_relation
from summarizer.records import ArticleExtraction, Meeting, Run

RUN = Run(backend="test", started="2024-05-10T00:00:00+00:00")


@dataclass(frozen=True)
class Said:
    """One report's meeting: its name and what the report gives of it."""

    name: str
    date: str | None = None
    location: str | None = None
    parties: tuple[str, ...] = ()
    published: str = "2024-05-03"
    status: str = "held"
    extra: tuple[str, ...] = field(default=())


def _meetings(a: Said, b: Said) -> int:
    """How many meetings the record holds when two reports each give one."""
    grounded = []
    for n, said in enumerate((a, b)):
        text = f"{said.name} took place. " + " ".join(f"w{n}x{i}" for i in range(30))
        extraction = ArticleExtraction(
            meetings=[
                Meeting(
                    name=said.name,
                    date=said.date,
                    location=said.location,
                    parties=list(said.parties),
                    status=said.status,  # type: ignore[arg-type]
                    quotes=[f"{said.name} took place."],
                )
            ]
        )
        article = make_test_article(f"r{n}", text, published=said.published)
        grounded.append(ground(article, extraction))
    return len(reconcile_grounded(grounded, run=RUN).meetings)


ONE = [
    # a generic name against a full one, both dated the same day
    (Said("Talks", "2024-05-02"), Said("Fisheries talks in Lisbon", "2024-05-02", "Lisbon")),
    (Said("The meeting", "2024-05-02"), Said("Joint fisheries commission session", "2024-05-02")),
    (Said("The session", "2024-05-02", "Lisbon"), Said("Talks in Lisbon", "2024-05-02", "Lisbon")),
    # one name adds words to the other
    (
        Said("Special session", "2024-05-02", "Vienna"),
        Said("Special session of the Permanent Council", "2024-05-02"),
    ),
    (Said("Border talks", "2024-05-02"), Said("Talks", "2024-05-02", "Lisbon")),
    # no date on one side: the place or the parties agree
    (
        Said("Next round", None, "Oslo", status="scheduled"),
        Said("Meeting in Oslo", None, "Oslo", status="scheduled"),
    ),
    (
        Said("Talks", None, parties=("Chile", "Peru")),
        Said("Talks", "2024-05-02", parties=("Peru",)),
    ),
    # a place named only by its country neither agrees nor disagrees with a town in it
    (Said("Talks in a Spanish town", "2024-05-02", "Spain"), Said("Talks", "2024-05-02", "Madrid")),
    # a report before the meeting and one after it
    (
        Said("Talks", "2024-05-02", "Lisbon", published="2024-05-01", status="scheduled"),
        Said("Talks in Lisbon", "2024-05-02", "Lisbon", published="2024-05-03"),
    ),
    # the next meeting from two reports, both after the reports
    (
        Said("Next round", None, "Oslo", published="2024-05-03", status="scheduled"),
        Said("Further meeting", None, "Oslo", published="2024-05-04", status="scheduled"),
    ),
]

TWO = [
    # different bodies on the same day in the same city
    (
        Said("Fisheries commission meeting", "2024-05-02", "Lisbon"),
        Said("Military committee meeting", "2024-05-02", "Lisbon"),
    ),
    # different days
    (Said("Talks", "2024-05-02"), Said("Talks", "2024-05-04")),
    (Said("Talks", "2024-05-02", "Lisbon"), Said("Talks in Lisbon", "2024-05-09", "Lisbon")),
    # different places
    (Said("Talks", "2024-05-02", "Lisbon"), Said("Talks", "2024-05-02", "Madrid")),
    (Said("Talks", "2024-05-02", "Spain"), Said("Talks", "2024-05-02", "Lisbon")),
    # different parties
    (
        Said("Talks", "2024-05-02", parties=("Chile", "Peru")),
        Said("Talks", "2024-05-02", parties=("Japan", "Norway")),
    ),
    # the previous meeting against the next one
    (
        Said("Previous round", None, "Oslo", published="2024-05-03"),
        Said("Next round", None, "Oslo", published="2024-05-03", status="scheduled"),
    ),
    # "previous" is before its report; "next" is after its report
    (
        Said("Previous round", None, "Oslo", published="2024-05-03"),
        Said("Talks in Oslo", "2024-05-03", "Oslo", published="2024-05-04"),
    ),
    (
        Said("Next meeting", None, "Oslo", published="2024-05-03", status="scheduled"),
        Said("Talks in Oslo", "2024-05-02", "Oslo", published="2024-05-03"),
    ),
    # nothing agrees: a generic name with no date against a dated one
    (Said("Talks"), Said("Talks", "2024-05-02")),
    # a month and a day of it, generic names, nothing else: not enough
    (Said("Talks", "2024-05"), Said("Talks", "2024-05-02")),
    # a body's meeting its name puts in one month, and its meeting of another month
    (
        Said("the board's January meeting", None, "Oslo"),
        Said("the board's meeting of 11-12 March", "2024-03-11", "Oslo"),
    ),
    (
        Said("the board's January meeting", None, "Oslo"),
        Said("the board's meeting in March", None, "Oslo", status="scheduled"),
    ),
]


@pytest.mark.parametrize(("a", "b"), ONE)
def test_one_meeting_in_other_words(a: Said, b: Said) -> None:
    assert _meetings(a, b) == 1
    assert _meetings(b, a) == 1


@pytest.mark.parametrize(("a", "b"), TWO)
def test_two_meetings_stay_two(a: Said, b: Said) -> None:
    assert _meetings(a, b) == 2
    assert _meetings(b, a) == 2


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Almaty", "Almaty", True),
        ("Brussels", "NATO headquarters in Brussels", True),
        ("Almaty", "Bishkek", False),
        ("Kazakh city", "Almaty", None),  # a country's town: may be it
        ("Spain", "Madrid", None),
        ("Spain", "Lisbon", False),  # the clocks say Lisbon is not in Spain
        ("Kazakhstan", "Kyrgyzstan", False),
        ("Kyiv", "Kyiv", True),
    ],
)
def test_place_relation(a: str, b: str, expected: bool | None) -> None:
    assert place_relation(a, b) is expected
    assert place_relation(b, a) is expected


SAME_FACT = [
    ("sections agreed", "sections settled"),
    ("agreed sections", "sections reached"),
    ("number of border sections agreed", "border sections settled"),
    ("incursions recorded", "drone incursions registered"),
    ("death toll", "number of people killed"),
    ("people dead", "deaths"),
    ("workers hurt", "number of injured workers"),
    ("number of agreements signed", "agreements inked"),
    ("number of people missing", "people unaccounted for"),
    ("duration of the talks", "duration of the talks"),
]

OTHER_FACT = [
    ("death toll", "number of injured"),
    ("people killed", "people injured"),
    ("sections agreed", "number of sections still to be settled"),
    ("sections agreed", "disputed sections"),
    ("people missing", "people rescued"),
    ("rate raised", "rate cut"),
    ("number of people arrested", "number of people injured"),
    ("agreements signed", "agreements disputed"),
    ("length of the border", "duration of the talks"),
]


@pytest.mark.parametrize(("a", "b"), SAME_FACT)
def test_one_fact_in_other_verbs(a: str, b: str) -> None:
    assert attributes_match(_attribute_key(a), _attribute_key(b), {}) is not None
    assert attributes_match(_attribute_key(b), _attribute_key(a), {}) is not None


@pytest.mark.parametrize(("a", "b"), OTHER_FACT)
def test_other_facts_never_match(a: str, b: str) -> None:
    assert attributes_match(_attribute_key(a), _attribute_key(b), {}) is None
    assert attributes_match(_attribute_key(b), _attribute_key(a), {}) is None


def test_the_consensus_name_says_which_meeting_even_when_fewer_reports_use_it():
    names = ["Talks", "Talks", "The talks", "Fisheries talks in Lisbon"]
    grounded = []
    for n, name in enumerate(names):
        text = f"{name} took place on Thursday. " + " ".join(f"w{n}x{i}" for i in range(30))
        extraction = ArticleExtraction(
            meetings=[Meeting(name=name, date="2024-05-02", quotes=[f"{name} took place"])]
        )
        grounded.append(
            ground(make_test_article(f"r{n}", text, published="2024-05-03"), extraction)
        )
    (meeting,) = reconcile_grounded(grounded, run=RUN).meetings
    assert meeting.name.value == "Fisheries talks in Lisbon"
    assert {a.value for a in meeting.name.alternatives} == {"Talks", "The talks"}
    # with no name that says which meeting, the most used wording stands
    (generic,) = reconcile_grounded(grounded[:3], run=RUN).meetings
    assert generic.name.value == "Talks"


@pytest.mark.parametrize(
    ("later", "published", "status", "meetings", "conflict"),
    [
        ("The inquiry panel met again on Friday.", "2024-05-03", "held", 2, False),
        ("The inquiry panel reconvened on Friday.", "2024-05-03", "held", 2, False),
        # a day misreported, with no word of a second sitting: one meeting, its date in conflict
        ("The inquiry panel met on Friday.", "2024-05-03", "held", 1, True),
        # a sitting to come is not yet a second one
        ("The inquiry panel will meet again on Friday.", "2024-05-01", "scheduled", 1, True),
    ],
)
def test_a_body_that_met_again_another_day_held_two_sessions(
    later, published, status, meetings, conflict
):
    grounded = []
    for n, (text, day, on, state) in enumerate(
        [
            ("The inquiry panel met on Thursday.", "2024-05-02", "2024-05-02", "held"),
            (later, published, "2024-05-03", status),
        ]
    ):
        meeting = Meeting(name="inquiry panel meeting", date=on, status=state, quotes=[text])
        article = make_test_article(f"r{n}", text, published=day)
        grounded.append(ground(article, ArticleExtraction(meetings=[meeting])))
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.meetings) == meetings
    assert any(c.path.endswith("/date") for c in record.conflicts) is conflict


@pytest.mark.parametrize(("organization", "meetings"), [("Peruvian government", 1), (None, 2)])
def test_a_participants_body_takes_part_in_the_meeting(organization, meetings):
    grounded = []
    reports = [
        (
            "Donors will meet in Lima on 26 May, the government said.",
            Meeting(
                name="donors' meeting",
                date="2027-05-26",
                location="Lima",
                status="scheduled",
                parties=["Peruvian government"],
                quotes=["Donors will meet in Lima on 26 May"],
            ),
        ),
        (
            "The premier will open a donors' conference in Lima on 2 June.",
            Meeting(
                name="donors' conference",
                date="2027-06-02",
                location="Lima",
                status="scheduled",
                participants=[{"name": "Ana Quispe", "organization": organization}],
                quotes=["The premier will open a donors' conference in Lima on 2 June."],
            ),
        ),
    ]
    for n, (text, meeting) in enumerate(reports):
        article = make_test_article(f"r{n}", text, published="2027-05-20")
        grounded.append(ground(article, ArticleExtraction(meetings=[meeting])))
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.meetings) == meetings


@pytest.mark.parametrize(
    ("first_published", "conflict"),
    [
        ("2027-05-03", False),  # "is to end on Thursday", then "closed on Friday": it ran over
        ("2027-05-06", True),  # "closed on Thursday", "closed on Friday": one is wrong
    ],
)
def test_an_end_day_given_as_planned_is_updated_by_the_day_it_ended(first_published, conflict):
    grounded = []
    for n, (published, end) in enumerate(
        [(first_published, "2027-05-06"), ("2027-05-07", "2027-05-07")]
    ):
        text = f"The water conference in Dakar began on 3 May and ends on {end}."
        meeting = Meeting(
            name="water conference in Dakar",
            date="2027-05-03",
            end_date=end,
            location="Dakar",
            status="held",
            quotes=[text],
        )
        article = make_test_article(f"r{n}", text, published=published)
        grounded.append(ground(article, ArticleExtraction(meetings=[meeting])))
    record = reconcile_grounded(grounded, run=RUN)
    assert len(record.meetings) == 1
    assert any(c.path.endswith("/end_date") for c in record.conflicts) is conflict
