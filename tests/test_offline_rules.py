"""General rules of the offline extractor, each pinned by short sentences written for it."""

from __future__ import annotations

import pytest
from conftest import make_test_article

from summarizer.backends.offline import OfflineExtractor, load_pipeline, resolve_dates
from summarizer.backends.offline.parsed import ParsedArticle
from summarizer.backends.offline.people import _surname
from summarizer.backends.offline.statements import build_statements, utterances
from summarizer.records import ArticleExtraction, Meeting

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> OfflineExtractor:
    load_pipeline()
    return OfflineExtractor()


def extract(
    extractor: OfflineExtractor, text: str, published: str | None = "2024-06-03"
) -> ArticleExtraction:
    article = make_test_article("t", text, published=published, outlet=None)
    result = extractor.extract(article)
    for record in [*result.meetings, *result.statements, *result.proposals]:
        for quote in record.quotes:
            assert quote in text, quote
    return result


def meetings_in(result: ArticleExtraction, word: str) -> list[Meeting]:
    return [m for m in result.meetings if word.lower() in " ".join(m.quotes).lower()]


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("The board last sat in the winter of 2017.", "2017", "winter of 2017"),
        ("They talked in spring 2020 and parted.", "2020", "spring 2020"),
        ("A pact from the autumn of 1999 still holds.", "1999", "autumn of 1999"),
    ],
)
def test_a_season_with_its_year_is_a_rough_date(text: str, value: str, words: str) -> None:
    import datetime as dt

    found = resolve_dates(text, dt.date(2024, 6, 3))
    assert [(d.value, text[d.start : d.end], d.precise) for d in found] == [(value, words, False)]


# --- a meeting of another year --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "The Arctic Fisheries Commission will meet in Oslo on June 12. "
            "The commission last convened in the summer of 2019 without a deal.",
            "summer of 2019",
        ),
        (
            "The Arctic Fisheries Commission will meet in Oslo on June 12. "
            "The commission met in 2021 and failed to agree on quotas.",
            "2021",
        ),
    ],
)
def test_a_meeting_dated_to_another_year_is_its_own_meeting(
    extractor: OfflineExtractor, text: str, earlier: str
) -> None:
    result = extract(extractor, text)
    coming = [m for m in result.meetings if m.date == "2024-06-12"]
    assert len(coming) == 1
    assert coming[0].status == "scheduled"
    assert all("2019" not in q and "2021" not in q for q in coming[0].quotes)
    past = [m for m in result.meetings if earlier in m.name]
    assert len(past) == 1, result.meetings
    assert past[0].date is None
    assert past[0].status == "held"


# --- agenda items ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "item"),
    [
        (
            "The Arctic Fisheries Commission will meet on June 12 to discuss the situation "
            "in and around the northern fishing grounds.",
            "situation in and around the northern fishing grounds",
        ),
        (
            "The Arctic Fisheries Commission will meet on June 12 to review the state of the "
            "cod stocks.",
            "state of the cod stocks",
        ),
    ],
)
def test_agenda_items_are_whole_noun_phrases(
    extractor: OfflineExtractor, text: str, item: str
) -> None:
    (meeting,) = extract(extractor, text).meetings
    assert item in meeting.agenda
    assert all(
        len(a.split()) > 1 or a.lower() not in {"situation", "state"} for a in meeting.agenda
    )


def test_a_bare_noun_that_needs_its_complement_is_no_agenda_item(
    extractor: OfflineExtractor,
) -> None:
    text = "The Arctic Fisheries Commission will meet on June 12 to discuss the situation."
    (meeting,) = extract(extractor, text).meetings
    assert meeting.agenda == []


# --- when a meeting is ----------------------------------------------------------------------


def test_a_report_without_a_date_reads_weekdays_against_the_date_it_states(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The fisheries ministers ended their talks in Oslo on 10 March 2025 with a joint plan. "
        "The plan now goes to Geneva, where the Arctic Fisheries Commission meets in special "
        "session on Friday."
    )
    result = extract(extractor, text, published=None)
    commission = [m for m in result.meetings if "Commission" in m.name]
    assert [(m.date, m.status) for m in commission] == [("2025-03-14", "scheduled")]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The Arctic Fisheries Commission meets on Friday in Tromso.", "2024-06-07"),
        ("The Arctic Fisheries Commission holds its spring session on Thursday.", "2024-06-06"),
        ("The Arctic Fisheries Commission met on Friday in Tromso.", "2024-05-31"),
    ],
)
def test_a_present_tense_with_a_day_is_timetabled(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    # published on Monday 2024-06-03
    assert [m.date for m in extract(extractor, text).meetings] == [day]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fishing talks between Norway and Iceland ended in Oslo on Saturday. "
            "The previous round took place in Reykjavik in January.",
            2,
        ),
        (
            "Fishing talks between Norway and Iceland ended in Oslo on Saturday. "
            "A round of sanctions followed in January.",
            1,
        ),
        ("Voters in the north went to the polls on Sunday. The first round took place in May.", 0),
    ],
)
def test_a_round_is_one_more_of_the_talks_the_article_speaks_of(
    extractor: OfflineExtractor, text: str, expected: int
) -> None:
    assert len(extract(extractor, text).meetings) == expected


def test_a_future_month_names_no_other_year(extractor: OfflineExtractor) -> None:
    text = "Fishing talks ended in Oslo on Saturday. The two sides will meet again in Bergen in September."
    names = [m.name for m in extract(extractor, text).meetings]
    assert len(names) == 2
    assert not any("(" in n for n in names), names


def test_since_a_year_does_not_date_a_meeting(extractor: OfflineExtractor) -> None:
    text = (
        "The Arctic Fisheries Commission will meet in Tromso on June 12. "
        "It will be the first such meeting since 2019."
    )
    result = extract(extractor, text)
    assert [m.date for m in result.meetings] == ["2024-06-12"]
    assert not any("2019" in m.name for m in result.meetings)


def test_a_past_mention_does_not_join_a_meeting_only_told_of_in_the_future(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The talks, mediated by Norway, lasted more than six hours. "
        '"We agreed on more today than in two years," the Icelandic negotiator said after '
        "the meeting. The minister said that the next round would take place in Bergen in May."
    )
    result = extract(extractor, text)
    coming = [m for m in result.meetings if m.location == "Bergen"]
    assert len(coming) == 1
    assert not any("six hours" in q for q in coming[0].quotes)


def test_a_meeting_verb_and_its_session_are_one_meeting(extractor: OfflineExtractor) -> None:
    text = "The Arctic Fisheries Commission meets in special session in Tromso on June 12."
    assert [m.date for m in extract(extractor, text).meetings] == ["2024-06-12"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Norway agreed on Friday to sell Iceland more cod, one of five deals the two "
            "governments signed after nearly six hours of talks in the Norwegian capital.",
            "2024-05-31",
        ),
        ("The Arctic Fisheries Commission voted on Friday to lower the quota.", "2024-05-31"),
        (
            "Six of the eight members of the Arctic Fisheries Commission voted for Friday's "
            "quota cut.",
            "2024-05-31",
        ),
        (
            "The minister told the parliamentary fisheries committee on Friday that cod was scarce.",
            "2024-05-31",
        ),
        ("The minister testified before the fisheries committee on Friday.", "2024-05-31"),
    ],
)
def test_the_day_of_a_deed_dates_the_sitting_behind_it(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == [(day, "held")]


@pytest.mark.parametrize(
    "text",
    [
        "The Arctic Fisheries Commission voted to lower the quota.",  # no day: no sitting told
        "The minister told reporters on Friday that cod was scarce.",  # no body spoken to
        "The commission wants to vote on Friday.",  # not the body's deed yet
    ],
)
def test_no_sitting_without_a_body_and_a_day(extractor: OfflineExtractor, text: str) -> None:
    assert [m for m in extract(extractor, text).meetings if m.date] == []


# --- who speaks -----------------------------------------------------------------------------


def speakers(result: ArticleExtraction, words: str) -> list[str]:
    return [s.speaker.name for s in result.statements if words in s.content]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "The crisis meeting was chaired by the mayor, Anna Berg, who ordered the schools to "
            "stay closed until Friday.",
            "schools",
            "Anna Berg",
        ),
        (
            "According to a statement released by the Norland Finance Ministry, the deficit "
            "narrowed to three percent last year.",
            "deficit",
            "Norland Finance Ministry",
        ),
        (
            "The regional prosecutor's department has opened an inquiry into the collapse of the "
            "bridge, its press service said.",
            "inquiry",
            "department",
        ),
        (
            "Foreign Minister Lena Holm arrived in Oslo on Monday. The diplomat noted that the "
            "talks would resume in June.",
            "resume",
            "Lena Holm",
        ),
        (
            "The Norland Central Bank (NCB) raised its key rate on Tuesday. NCB also cut its growth "
            'forecast. The Monetary Committee voted five to two. "We had no choice but to act '
            'quickly," the regulator said.',
            "no choice",
            "Norland Central Bank",
        ),
    ],
)
def test_a_speaker_named_by_a_pronoun_or_a_description(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    found = speakers(extract(extractor, text), words)
    assert found, text
    assert all(speaker in name for name in found), found


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Cod quota cut could hurt villages, say fishermen\n\n"
            "OSLO - The cod quota was cut by a tenth on Monday, officials said.",
            "villages",
        ),
        ('The minister said the plan was meant to "calm the markets before the summer".', "plan"),
        ("The new quota is expected to lift prices by a tenth.", "prices"),
        ("Norway expects to sign the fishing deal by the summer.", "deal"),
        ("Norway expects that the price of cod will rise sharply.", "cod"),
    ],
)
def test_no_statement_from_titles_frames_or_bare_expectations(
    extractor: OfflineExtractor, text: str, words: str
) -> None:
    assert [
        s for s in extract(extractor, text).statements if words in s.content and not s.direct
    ] == []


def test_a_view_someone_expects_is_a_statement(extractor: OfflineExtractor) -> None:
    text = "Fishing analysts expect the new quota to lift prices by a tenth this year."
    assert speakers(extract(extractor, text), "quota") == ["Fishing analysts"]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Norland's fisheries minister, Kim Min-jun, said the boats could sail in the autumn.",
            "boats",
            "Kim Min-jun",
        ),
        (
            '"We will not sign a bad deal," said Lee Seo-yeon, the chief negotiator.',
            "bad deal",
            "Lee Seo-yeon",
        ),
        (
            "Harbour official Maria Lind spoke on Monday. A storm is the likely cause, she said, "
            "and the ferries will stay in port until Friday.",
            "storm",
            "Maria Lind",
        ),
    ],
)
def test_speakers_with_hyphenated_names_and_mid_sentence_attribution(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    assert speakers(extract(extractor, text), words) == [speaker]


def test_a_statement_not_yet_attributed_is_not_the_last_speakers(
    extractor: OfflineExtractor,
) -> None:
    text = (
        '"We are close," said Maria Lind, the harbour official. '
        "Nine berths still need repairs, according to a joint statement read out later."
    )
    assert speakers(extract(extractor, text), "berths") == []


@pytest.mark.parametrize(
    ("text", "day", "status"),
    [
        ("Fisheries ministers are due to meet in Tromso on Friday.", "2024-06-07", "scheduled"),
        (
            "Fisheries ministers, meeting in Tromso on Friday, agreed to cut the quota.",
            "2024-05-31",
            "held",
        ),
        ("The ministers will reconvene in Tromso on June 20.", "2024-06-20", "scheduled"),
        (
            "The prime ministers of Norway and Iceland spoke by phone on Friday.",
            "2024-05-31",
            "held",
        ),
        (
            "After a meeting with Icelandic Prime Minister Anna Berg in Reykjavik on Friday, the "
            "minister said the two countries would share the stock.",
            "2024-05-31",
            "held",
        ),
        (
            "Fisheries ministers agreed on Wednesday to cut the quota at their first meeting in "
            "Tromso since 2020.",
            "2024-05-29",
            "held",
        ),
    ],
)
def test_meetings_told_by_verbs_participles_and_calls(
    extractor: OfflineExtractor, text: str, day: str, status: str
) -> None:
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == [(day, status)]


def test_a_call_told_by_a_verb_is_a_phone_conversation(extractor: OfflineExtractor) -> None:
    text = "The prime ministers of Norway and Iceland spoke by phone on Friday."
    (call,) = extract(extractor, text).meetings
    assert call.format == "phone"
    assert "phone" in call.name.lower()


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "The central bank governor, Ana Ruiz, said inflation would ease by December.",
            "would ease",
            "Ana Ruiz",
        ),
        (
            "Central bank governor Ana Ruiz said in an interview that rates would stay high.",
            "stay high",
            "Ana Ruiz",
        ),
        (
            "Finance Minister Maria Lind presented the budget. The plan, Lind said, would cost "
            "about two billion over five years.",
            "plan",
            "Maria Lind",
        ),
        (
            "Finance Minister Maria Lind presented the budget. Lind was quoted as saying that the "
            "cuts were unavoidable.",
            "cuts",
            "Maria Lind",
        ),
    ],
)
def test_speakers_in_apposition_parentheses_and_quoted_as_saying(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    assert speakers(extract(extractor, text), words) == [speaker]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fisheries ministers will meet again in September.", [(None, "scheduled")]),
        (
            "The Arctic Fisheries Commission will discuss the quota on Friday.",
            [("2024-06-07", "scheduled")],
        ),
        ("The fisheries council approved the new quota on Friday.", [("2024-05-31", "held")]),
        ("The quota plan met fierce resistance on Friday.", []),
    ],
)
def test_a_dated_verb_of_meeting_or_of_a_bodys_business_is_a_meeting(
    extractor: OfflineExtractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == expected


def test_a_bound_such_as_since_2020_does_not_stop_a_report_dating_its_meeting(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The Arctic Fisheries Commission met in Tromso for the first time since 2020 and agreed "
        "to cut the cod quota."
    )
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == [
        ("2024-06-03", "held")
    ]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "The fisheries ministry noted in a statement that the cod stock had shrunk.",
            "stock had shrunk",
            "fisheries ministry",
        ),
        (
            "Finance Minister Maria Lind presented the budget. Lind's spokesman said the minister "
            "would not resign.",
            "not resign",
            "Lind spokesman",
        ),
    ],
)
def test_said_in_a_statement_that_and_a_persons_spokesman(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    assert speakers(extract(extractor, text), words) == [speaker]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The fisheries ministers met in Tromso on Friday. They will meet again next month "
            "in Bergen.",
            [("2024-05-31", "held"), (None, "scheduled")],
        ),
        ("The fisheries ministers will meet in Bergen later this month.", [(None, "scheduled")]),
        (
            "The fisheries ministers met in Tromso on Friday. Their previous meeting, in "
            "March, ended without a deal.",
            [("2024-05-31", "held"), (None, "held")],
        ),
    ],
)
def test_a_meeting_told_roughly_or_as_one_more_is_its_own(
    extractor: OfflineExtractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == expected


def test_a_name_with_a_patronymic_is_one_person_and_its_short_form_too(
    extractor: OfflineExtractor,
) -> None:
    text = (
        '"The quota is a precaution," Norland Fisheries Minister Prince Khalid bin Tariq told '
        "reporters. Khalid said the stocks were fragile."
    )
    names = [s.speaker.name for s in extract(extractor, text).statements]
    assert len(names) == 2
    assert all(n.endswith("Khalid bin Tariq") for n in names), names


def test_what_someone_did_not_say_is_no_statement(extractor: OfflineExtractor) -> None:
    text = (
        "Fisheries Minister Maria Lind said the boats could sail in May. "
        "She did not say what price had been agreed."
    )
    assert speakers(extract(extractor, text), "price") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The commission's decision on the quota is due on Friday.", [("2024-06-07", "scheduled")]),
        ("The commission's decision on the quota surprised the fleet.", []),
        ("The minister's decision is due on Friday.", []),
    ],
)
def test_a_bodys_decision_with_its_day_is_its_sitting(
    extractor: OfflineExtractor, text: str, expected: list[tuple[str | None, str]]
) -> None:
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == expected


# --- a meeting told by what was done at it ---------------------------------------------------
# published on Monday 2024-06-03


@pytest.mark.parametrize(
    ("text", "day", "place"),
    [
        (
            "The agriculture ministers of Chile and Peru agreed on Thursday to lift a ban on "
            "fruit imports.",
            "2024-05-30",
            None,
        ),
        (
            "The grain pact, approved by the trade ministers of five coastal states in Lima on "
            "Tuesday, takes effect in July.",
            "2024-05-28",
            "Lima",
        ),
        (
            "Presidents Ana Ruiz and Tomas Vega signed a border treaty on Saturday.",
            "2024-06-01",
            None,
        ),
    ],
)
def test_a_group_deciding_on_a_stated_day_met_that_day(
    extractor: OfflineExtractor, text: str, day: str, place: str | None
) -> None:
    (meeting,) = extract(extractor, text).meetings
    assert (meeting.date, meeting.status) == (day, "held")
    if place is not None:
        assert meeting.location == place


@pytest.mark.parametrize(
    "text",
    [
        "Analysts agreed on Tuesday that the fruit ban would end soon.",
        "Peru's central bank raised its key rate on Tuesday.",
        "The ministers discussed the ban with the Chilean envoy on Tuesday.",
        "The trade ministers agreed in 2019 to lift the ban.",
    ],
)
def test_one_actor_a_talk_or_a_rough_date_makes_no_meeting(
    extractor: OfflineExtractor, text: str
) -> None:
    assert extract(extractor, text).meetings == []


@pytest.mark.parametrize(
    ("text", "published", "day", "place"),
    [
        (
            "Under an accord reached in Lisbon on Friday, the two ports will share pilots.",
            "2024-06-03",
            "2024-05-31",
            "Lisbon",
        ),
        # a report of the day tells what was done that day; one undated says no day
        (
            "Shipments resumed under one of nine agreements signed in Lisbon.",
            "2024-06-03",
            "2024-06-03",
            "Lisbon",
        ),
        ("Shipments resumed under one of nine agreements signed in Lisbon.", None, None, "Lisbon"),
    ],
)
def test_where_an_agreement_was_concluded_its_parties_met(
    extractor: OfflineExtractor, text: str, published: str | None, day: str | None, place: str
) -> None:
    (meeting,) = extract(extractor, text, published=published).meetings
    assert (meeting.date, meeting.location, meeting.status) == (day, place, "held")


def test_an_agreement_concluded_years_ago_is_no_meeting(extractor: OfflineExtractor) -> None:
    text = "The fishing treaty signed in Lisbon in 2007 still governs the quotas."
    assert extract(extractor, text).meetings == []


# --- news conferences ------------------------------------------------------------------------


def test_a_news_conference_after_a_sitting_is_dated_by_it(extractor: OfflineExtractor) -> None:
    text = (
        "The Port Council voted on Tuesday to raise harbour fees by a tenth.\n\n"
        '"We had no choice," chairwoman Ana Lopes told reporters at a news conference '
        "after the vote."
    )
    result = extract(extractor, text)
    press = [m for m in result.meetings if "conference" in m.name.lower()]
    council = [m for m in result.meetings if "Council" in m.name]
    assert [(m.date, m.status) for m in press] == [("2024-05-28", "held")]
    assert [m.date for m in council] == ["2024-05-28"]


def test_a_briefing_told_alone_was_held_on_the_day_of_the_report(
    extractor: OfflineExtractor,
) -> None:
    text = "The mayor announced the closure of the old bridge at a press briefing."
    (meeting,) = extract(extractor, text).meetings
    assert (meeting.name.lower(), meeting.date, meeting.status) == (
        "press briefing",
        "2024-06-03",
        "held",
    )


def test_a_news_conference_to_come_is_no_meeting(extractor: OfflineExtractor) -> None:
    text = "The finance minister will give a news conference on Friday."
    assert extract(extractor, text).meetings == []


# --- a body's sitting told by what is brought before it -------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "The draft was sent to the Regional Water Board, which will take it up on June 20.",
            "2024-06-20",
        ),
        (
            "The envoy will bring the plan to the Coastal Fisheries Council on Friday.",
            "2024-06-07",
        ),
        (
            "The complaint was referred to the Arctic Fisheries Commission, which will consider "
            "it on June 14.",
            "2024-06-14",
        ),
    ],
)
def test_a_body_sits_on_the_day_a_matter_comes_before_it(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    (meeting,) = extract(extractor, text).meetings
    assert (meeting.date, meeting.status) == (day, "scheduled")


# --- who speaks: names after offices, shared titles, definite descriptions -------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Minister of State for Fisheries Resources Kamala Perera said the quota would "
            "stay unchanged next year.",
            "quota would stay",
            "Kamala Perera",
        ),
        (
            "Permanent Representative to the WTO Oskar Lindqvist rejected the draft.\n\n"
            '"The draft punishes small economies," the diplomat said.',
            "punishes small economies",
            "Oskar Lindqvist",
        ),
        (
            "Presidents Ana Ruiz and Tomas Vega met in Lima on Friday.\n\n"
            '"We finally have a deal," Vega said after the talks.',
            "finally have a deal",
            "Tomas Vega",
        ),
    ],
)
def test_a_name_after_an_office_with_its_complement_or_a_shared_title(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    assert speakers(extract(extractor, text), words) == [speaker]


def test_a_definite_description_names_the_person_introduced_since_the_last_speaker(
    extractor: OfflineExtractor,
) -> None:
    text = (
        '"We are ready to sign," Foreign Minister Ana Ruiz said.\n\n'
        "Ambassador Tomas Vega rejected the offer.\n\n"
        '"This is theatre, not diplomacy," the diplomat said.'
    )
    assert speakers(extract(extractor, text), "theatre, not diplomacy") == ["Tomas Vega"]


# --- who speaks: sources and organisations the report does not name -------------------------


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        (
            "According to two sources close to the talks, the deal is almost done.",
            "deal is almost done",
            "sources",
        ),
        ("According to sources, the deal is almost done.", "deal is almost done", None),
        (
            "A regional airline told the newspaper it had lost two million euros since March.",
            "lost two million euros",
            "airline",
        ),
    ],
)
def test_an_unnamed_source_speaks_when_the_report_says_which(
    extractor: OfflineExtractor, text: str, words: str, expected: str | None
) -> None:
    found = speakers(extract(extractor, text), words)
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1
        assert expected in found[0]


def test_a_press_office_belongs_to_whom_its_own_words_say(extractor: OfflineExtractor) -> None:
    text = (
        "The mining firm Andes Copper welcomed the plan.\n\n"
        "The talks will resume on Monday, the Chilean government press office said."
    )
    (speaker,) = speakers(extract(extractor, text), "talks will resume")
    assert "government" in speaker
    assert "Andes" not in speaker


def test_words_that_only_lead_into_quotations_are_no_statement_of_their_own(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The energy minister, Kamala Perera, said the group was "
        '"watching prices very closely" and would act "if the market demands it".'
    )
    result = extract(extractor, text)
    assert sorted(s.content for s in result.statements) == [
        "if the market demands it",
        "watching prices very closely",
    ]
    assert all(s.direct for s in result.statements)


# --- who speaks: surnames after a particle, names the recogniser missed, relative clauses -----


def parse(text: str) -> ParsedArticle:
    article = make_test_article("t", text, published="2024-06-03", outlet=None)
    return ParsedArticle(article, load_pipeline()(text))


@pytest.mark.parametrize(
    ("word", "surname"),
    [("al-Rashidi", "Rashidi"), ("el-Masry", "Masry"), ("Smith-Jones", "Smith-Jones")],
)
def test_a_surname_is_read_past_the_particle_joined_to_it(word: str, surname: str) -> None:
    assert _surname(word) == surname


def test_a_surname_after_a_particle_names_its_bearer_again(extractor: OfflineExtractor) -> None:
    text = (
        "Trade Minister Omar al-Rashidi met the delegation in Amman on Monday.\n\n"
        '"We expect the border to reopen within a month," al-Rashidi said.\n\n'
        "According to him, lorries will cross at night first."
    )
    result = extract(extractor, text)
    assert speakers(result, "border to reopen") == ["Omar al-Rashidi"]
    assert speakers(result, "will cross at night") == ["Omar al-Rashidi"]


def _people_labelled(text: str, name: str, label: str) -> list[str]:
    """The people found when the recogniser labels `name`, and nothing else, as `label`."""
    from spacy.tokens import Span

    doc = load_pipeline()(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    doc.ents = [Span(doc, span.start, span.end, label=label)]
    article = make_test_article("t", text, published="2024-06-03", outlet=None)
    return [known.person.name for known in ParsedArticle(article, doc).people.values()]


def test_a_name_taken_for_a_work_is_a_person_when_it_speaks() -> None:
    text = '"This is a setback, not the end," Henrik Ostergaard told investors on Monday.'
    assert _people_labelled(text, "Henrik Ostergaard", "WORK_OF_ART") == ["Henrik Ostergaard"]
    assert _people_labelled(text, "Henrik Ostergaard", "ORG") == []  # a body speaks


def test_a_name_taken_for_a_work_that_does_not_speak_is_no_person() -> None:
    text = "Henrik Ostergaard opened the new plant near the harbour on Monday."
    assert _people_labelled(text, "Henrik Ostergaard", "WORK_OF_ART") == []


@pytest.mark.parametrize(
    "office",
    ["Deputy Foreign Minister", "Deputy Minister for Foreign Affairs and Trade of the Republic"],
)
def test_a_speaker_after_the_words_keeps_a_long_office_and_a_relative_clause(
    extractor: OfflineExtractor, office: str
) -> None:
    text = (
        f"The two sides agreed to reopen the northern crossing, {office} Lina Haddad, who "
        "chaired the talks, told reporters on Friday."
    )
    assert speakers(extract(extractor, text), "reopen the northern crossing") == ["Lina Haddad"]


def test_a_relative_clause_inside_the_words_stays_in_them(extractor: OfflineExtractor) -> None:
    text = "The crossing, which was shut in May, will reopen on Monday, Lina Haddad told reporters."
    (statement,) = extract(extractor, text).statements
    assert statement.speaker.name == "Lina Haddad"
    assert "which was shut in May" in statement.content


# --- who speaks: a body a definite description names again ------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Shareholders of the Norwegian valve maker Aldercrest rejected the bonus plan on "
            "Friday, the company said.",
            "rejected the bonus plan",
            "Aldercrest",
        ),
        (
            "Brightwater Foods, the country's largest dairy producer, closed two plants.\n\n"
            "Milk deliveries fell by a fifth in March, according to the company.",
            "Milk deliveries fell",
            "Brightwater Foods",
        ),
        (
            '"Costs are rising," said Tom Reyes, head of the Northern Chamber of Commerce.\n\n'
            "Exports fell by a third last year, according to the chamber.",
            "Exports fell by a third",
            "Northern Chamber of Commerce",
        ),
        (
            "The Danish carrier Skyline rejected the offer on Monday.\n\n"
            "The bid undervalues its routes, according to the Danish company.",
            "undervalues its routes",
            "Skyline",
        ),
        (
            "The budget committee of the assembly met behind closed doors on Monday.\n\n"
            "Its next hearing is set for May 2, the committee's press service said.",
            "next hearing is set",
            "budget committee press service",
        ),
    ],
)
def test_a_definite_description_of_a_body_takes_the_name_given_it_before(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    assert speakers(extract(extractor, text), words) == [speaker]


def test_a_mention_that_only_describes_a_body_again_gives_it_no_name(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "Shareholders in Aldercrest, the valve maker, met on Friday.\n\n"
        "They rejected the company's bonus plan by a wide margin, the company said."
    )
    assert speakers(extract(extractor, text), "rejected the company's bonus plan") == ["Aldercrest"]


def test_a_body_of_another_kind_is_not_named_by_a_business(extractor: OfflineExtractor) -> None:
    text = (
        "The valve maker Aldercrest cut 300 jobs on Friday.\n\n"
        "Unemployment in the region rose to nine percent, the committee said."
    )
    assert "Aldercrest" not in speakers(extract(extractor, text), "Unemployment in the region")


# --- who speaks: a long attribution after the quotation --------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"We moved too late," Harbour Authority chief Nils Brandt repeated in an interview '
            "with a regional broadcaster on Tuesday, a day after telling deputies the same.",
            "Nils Brandt",
        ),
        (
            '"We can only approve a pesticide when the evidence holds," the chair of the panel, '
            "Irene Castell, was quoted as saying in a statement issued on Monday evening.",
            "Irene Castell",
        ),
    ],
)
def test_the_verb_of_a_long_attribution_may_come_after_the_speakers_office(
    extractor: OfflineExtractor, text: str, speaker: str
) -> None:
    (statement,) = extract(extractor, text).statements
    assert statement.speaker.name == speaker
    assert statement.direct


def test_a_quotation_followed_by_a_clause_of_its_own_has_no_speaker_from_it(
    extractor: OfflineExtractor,
) -> None:
    text = (
        '"Nothing is settled yet," the mood in the hall suggested as delegates from nine '
        "countries filed out of the building late on Tuesday night."
    )
    assert extract(extractor, text).statements == []


def test_a_quotation_continued_after_a_long_attribution_keeps_its_speaker(
    extractor: OfflineExtractor,
) -> None:
    text = (
        '"We moved too late," Harbour Authority chief Nils Brandt told the regional assembly\'s '
        "transport committee at the hearing, which began at nine in the morning. "
        '"But the owners hid the state of the docks from us."'
    )
    found = speakers(extract(extractor, text), "owners hid the state")
    assert found == ["Nils Brandt"]


def test_a_participle_before_the_speaker_is_not_what_was_said(extractor: OfflineExtractor) -> None:
    text = (
        "Arriving at the gate, union leader Mara Olsen repeated her demand: "
        '"Not one crane will move until the offer is raised."'
    )
    result = extract(extractor, text)
    assert not any("Arriving" in s.content for s in result.statements)


# --- who speaks: a body's name after a word for its kind, or taken for a thing --------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The river rose two metres overnight, according to the national water agency HIDRA.",
            "HIDRA",
        ),
        (
            "The river rose two metres overnight, the regional water agency said.",
            "regional water agency",
        ),
    ],
)
def test_a_body_named_after_the_word_for_its_kind_is_its_name(
    extractor: OfflineExtractor, text: str, speaker: str
) -> None:
    assert speakers(extract(extractor, text), "river rose two metres") == [speaker]


def test_a_body_the_recogniser_took_for_a_thing_still_speaks() -> None:
    from spacy.tokens import Span

    text = "Pumps had removed most of the water by Sunday, Northern Lignite Works said."
    doc = load_pipeline()(text)
    start = text.index("Northern Lignite Works")
    span = doc.char_span(start, start + len("Northern Lignite Works"))
    assert span is not None
    doc.ents = [Span(doc, span.start, span.end, label="WORK_OF_ART")]
    art = ParsedArticle(make_test_article("t", text, published="2024-06-03", outlet=None), doc)
    found = build_statements(art, utterances(art))
    assert [s.speaker.name for s, _ in found] == ["Northern Lignite Works"]


# --- reported speech: more verbs and clauses, speakers joined by "and", plural openers -------


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        (
            "The review panel considered that the trial data did not support approval.",
            "trial data did not support",
            ["review panel"],
        ),
        ("The review panel considered the new data on Friday.", "new data", []),
        (
            "Rating firms KRA and Northbridge Ratings both recommended a vote against the plan.",
            "vote against the plan",
            ["KRA", "Northbridge Ratings"],
        ),
        (
            "Lifeguards on the northern beaches said they had closed three bays for the day.",
            "closed three bays",
            ["Lifeguards on northern beaches"],
        ),
    ],
)
def test_verbs_of_opinion_and_advice_and_who_gives_them(
    extractor: OfflineExtractor, text: str, words: str, expected: list[str]
) -> None:
    found = speakers(extract(extractor, text), words)
    assert sorted(found) == expected


def test_a_speaker_of_two_countries_is_not_split(extractor: OfflineExtractor) -> None:
    text = "The leaders of Norway and Sweden said the border would stay open all winter."
    assert len(speakers(extract(extractor, text), "border would stay open")) == 1


def test_one_speaker_with_an_office_of_two_words_is_not_split(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "Water levels will fall by Friday, Minister of Agriculture and Fisheries Tomas Brenner "
        "told reporters."
    )
    assert speakers(extract(extractor, text), "Water levels will fall") == ["Tomas Brenner"]


def test_a_that_clause_the_parser_hung_on_a_noun_is_what_was_told(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "Board chair Ingrid Solberg told journalists after the meeting that the board had "
        "decided to call an extraordinary meeting on June 3."
    )
    found = extract(extractor, text).statements
    assert [s.speaker.name for s in found] == ["Ingrid Solberg"]
    assert "extraordinary meeting" in found[0].content


def test_a_relative_clause_that_opens_with_that_is_not_what_was_told(
    extractor: OfflineExtractor,
) -> None:
    text = "Ingrid Solberg told journalists about the meeting that ended at noon."
    assert extract(extractor, text).statements == []


def test_before_a_colon_the_main_clause_says_who_speaks(extractor: OfflineExtractor) -> None:
    text = (
        "Ambassador Lea Marchetti met the two delegations on Monday.\n\n"
        "Speaking to a radio station on Thursday, Marchetti repeated the words she had used as "
        'the talks ended: "A pause in the fighting is a start, not an end."'
    )
    assert speakers(extract(extractor, text), "pause in the fighting") == ["Lea Marchetti"]


# --- reported speech: estimates, outlets retelling, a relative clause adding to its source ----


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Analysts at a Lisbon bank put the cost of the repairs at about 2 billion euros.",
            "of the repairs at about 2 billion euros",
            "Analysts at Lisbon bank",
        ),
        (
            "Brokers polled by the newspaper put the chance of a rate cut at 30%.",
            "of a rate cut at 30%",
            "Brokers",
        ),
    ],
)
def test_an_estimate_put_at_a_figure_is_a_statement(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    assert speakers(extract(extractor, text), words) == [speaker]


def test_things_put_at_a_place_are_no_estimate(extractor: OfflineExtractor) -> None:
    text = "Mining companies in the province put first-aid tents at two mines on Monday."
    assert extract(extractor, text).statements == []


def test_a_report_an_outlet_retells_keeps_its_own_speaker(extractor: OfflineExtractor) -> None:
    text = (
        "Proxy adviser Halvard Partners had said in a note last month that the targets were "
        "too easy to reach, Reuters reported."
    )
    assert speakers(extract(extractor, text), "targets were too easy") == ["Halvard Partners"]


def test_what_a_relative_clause_adds_joins_its_sources_report(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "By Friday nearly 9,000 claims had been paid, according to the Deposit Insurance "
        "Fund, which said the rest would follow by the end of the month."
    )
    (statement,) = extract(extractor, text).statements
    assert statement.speaker.name == "Deposit Insurance Fund"
    assert "claims had been paid" in statement.content
    assert "the rest would follow" in statement.content


def test_a_relative_clause_of_another_source_stays_apart(extractor: OfflineExtractor) -> None:
    text = (
        "By Friday nearly 9,000 claims had been paid, according to the Deposit Insurance "
        "Fund. Finance Minister Ana Ruiz, who spoke after the cabinet met, said the rest would "
        "follow by the end of the month."
    )
    found = extract(extractor, text).statements
    assert sorted(s.speaker.name for s in found) == ["Ana Ruiz", "Deposit Insurance Fund"]


# --- days counted from the day last told; two deeds dated in one sentence --------------------
# published on Monday 2024-06-03


@pytest.mark.parametrize(
    ("text", "shift"),
    [
        ("Two days later, the ministers met again.", 2),
        ("A week earlier the board had refused.", -7),
        ("The envoys left the next day.", 1),
        ("Later that day the envoys left.", None),
    ],
)
def test_words_that_count_days_from_the_day_last_told(text: str, shift: int | None) -> None:
    from summarizer.backends.offline.dates import day_shift

    found = day_shift(text)
    assert (found[2] if found else None) == shift


def test_a_meeting_days_after_another_is_dated_from_it(extractor: OfflineExtractor) -> None:
    text = (
        "The plan was drawn up by the fisheries ministers at a meeting in Oslo on Tuesday.\n\n"
        "Two days later, the prime ministers of Norway and Iceland backed it at a joint "
        "government session in Bergen."
    )
    dates = sorted(m.date for m in extract(extractor, text).meetings)
    assert dates == ["2024-05-28", "2024-05-30"]


def test_each_dated_deed_of_a_sentence_keeps_its_own_day(extractor: OfflineExtractor) -> None:
    text = (
        "Ana Ruiz defended the plan, first agreed by the fisheries ministers in Oslo on Tuesday "
        "and endorsed on Thursday by the Norwegian and Icelandic prime ministers in Bergen."
    )
    dates = sorted(m.date for m in extract(extractor, text).meetings)
    assert dates == ["2024-05-28", "2024-05-30"]


def test_a_group_the_parser_hangs_on_its_region_still_decides(
    extractor: OfflineExtractor,
) -> None:
    text = "Bay of Biscay fishing nations agreed on Friday to close the anchovy season early."
    assert [m.date for m in extract(extractor, text).meetings] == ["2024-05-31"]


def test_a_sitting_told_in_the_past_and_in_the_present_was_held_on_the_report_day(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The special session of the Arctic Fisheries Commission began at 0900 GMT in Tromso.\n\n"
        "Ana Ruiz, who chairs the Arctic Fisheries Commission, called for calm."
    )
    result = extract(extractor, text)
    assert [(m.date, m.status) for m in result.meetings] == [("2024-06-03", "held")]


def test_each_date_of_a_sentence_dates_the_nearest_meeting_of_its_clause(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "On June 10, Norway is raising its quota concerns at a meeting of the Arctic Fisheries "
        "Commission in Tromso and on June 11 - at a meeting of the Nordic Council in Bergen."
    )
    result = extract(extractor, text)
    dated = {("Nordic" if "Nordic" in m.name else "Arctic", m.date) for m in result.meetings}
    assert dated == {("Arctic", "2024-06-10"), ("Nordic", "2024-06-11")}


def test_a_person_named_inside_someone_elses_words_is_not_the_one_described(
    extractor: OfflineExtractor,
) -> None:
    text = (
        '"The texts are ready," Deputy Prime Minister Ana Ruiz said.\n\n'
        "The fisheries ministry said that envoy Tomas Vega would attend as an observer.\n\n"
        "The diplomat noted that the talks would begin at ten in the morning."
    )
    assert speakers(extract(extractor, text), "talks would begin") == ["Ana Ruiz"]


# --- which weekday: "last Friday", "next Thursday" -------------------------------------------


@pytest.mark.parametrize(
    ("text", "direction", "value"),
    [
        ("the first round last Friday", 1, "2024-05-31"),  # the word beats the tense
        ("a donors' meeting next Monday", 0, "2024-06-10"),  # said on a Monday: a week on
        ("a donors' meeting next Wednesday", -1, "2024-06-05"),
        ("the vote last Monday", 0, "2024-05-27"),
        ("the vote on Monday", 0, "2024-06-03"),  # a bare weekday: the day itself
        ("the vote on Friday", 1, "2024-06-07"),
    ],
)
def test_last_and_next_say_which_weekday(text: str, direction: int, value: str) -> None:
    import datetime as dt

    (found,) = resolve_dates(text, dt.date(2024, 6, 3), direction)
    assert found.value == value


# --- a legislature's sitting ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "The upper house of parliament approved the fisheries bill on Friday.",
            "2024-06-03",
            [("2024-05-31", "held")],
        ),
        (
            "The Senate is due to take up the bill on Wednesday.",
            "2024-06-03",
            [("2024-06-05", "scheduled")],
        ),
        (
            "The bill now goes to the senate, which is due to debate it on Thursday.",
            "2024-06-03",
            [("2024-06-06", "scheduled")],
        ),
        (
            "The fisheries bill cleared the lower house on Friday.",
            "2024-06-03",
            [("2024-05-31", "held")],
        ),
        (
            "The board of the ferry operator Nordlys rejected the takeover bid on Tuesday.",
            "2024-06-03",
            [("2024-05-28", "held")],
        ),
        (
            "The lower house will hold the final vote on the fisheries bill on Friday.",
            "2024-06-03",
            [("2024-06-07", "scheduled")],
        ),
        (
            "The fisheries bill passed its second reading on May 15.",
            "2024-06-03",
            [("2024-05-15", "held")],
        ),
        # told on a Saturday: what could be held on Thursday is still to come
        (
            "A debate on the motion could be held on Thursday.",
            "2024-06-08",
            [("2024-06-13", "scheduled")],
        ),
        (
            "The minister said in parliament on Wednesday during the bill's second reading that "
            "the cuts were needed.",
            "2024-06-03",
            [("2024-05-29", "held")],
        ),
    ],
)
def test_a_chamber_sits_when_it_votes_debates_or_reads_a_bill(
    extractor: OfflineExtractor,
    text: str,
    published: str,
    expected: list[tuple[str | None, str]],
) -> None:
    result = extract(extractor, text, published=published)
    assert [(m.date, m.status) for m in result.meetings] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The old house on the quay collapsed on Friday.",
        "The ship cleared the harbour on Friday.",
        "The board's chairman rejected the bid on Tuesday.",
        "The regional assembly adopts a budget for 2025.",  # a date of the budget, not a day
        "Voters in Chile held a runoff vote on Sunday.",  # an election is no sitting
        "The debate over fishing quotas has raged for years.",
        "Shares rose 5% in Tuesday's trading session.",
        "The ferry left port on time.\n\nRead also: Harbour council approves dredging on Friday\n",
    ],
)
def test_no_sitting_from_a_house_a_voters_ballot_a_market_or_a_link(
    extractor: OfflineExtractor, text: str
) -> None:
    assert extract(extractor, text).meetings == []


def test_a_conference_call_is_a_call(extractor: OfflineExtractor) -> None:
    text = "The chief executive told analysts on a conference call on Tuesday that margins rose."
    (call,) = extract(extractor, text).meetings
    assert (call.date, call.format, call.status) == ("2024-05-28", "phone", "held")


# --- a group's meeting told done, its earlier call and its next meeting -----------------------


def test_a_group_that_met_an_earlier_call_and_the_next_meeting_are_three(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The fisheries ministers met for five hours at the quota agency in Bergen.\n\n"
        "The ministers, who first discussed the quota by video conference last month, will "
        "meet again on June 20 in Oslo."
    )
    found = {m.date: m for m in extract(extractor, text).meetings}
    assert set(found) == {"2024-06-03", "2024-06-20", None}
    assert found["2024-06-03"].status == "held"  # a report of the day: met that day
    assert found[None].format == "virtual"
    assert found["2024-06-20"].name.lower().startswith("next")


def test_a_meeting_to_come_without_again_is_not_the_next(extractor: OfflineExtractor) -> None:
    (meeting,) = extract(extractor, "The fisheries ministers will meet on June 20.").meetings
    assert not meeting.name.lower().startswith("next")


# --- a group a matter is put to, a duration, a deed before or after talks ---------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The union said it would put the offer to its delegates on Thursday.", ["2024-06-06"]),
        ("The union said it would send the offer to reporters on Thursday.", []),
        ("The harbour council rejected the offer within days.", []),
        ("The harbour council rejected the offer on Friday.", ["2024-05-31"]),
    ],
)
def test_a_matter_put_to_delegates_on_a_day_and_no_day_from_a_duration(
    extractor: OfflineExtractor, text: str, expected: list[str]
) -> None:
    assert [m.date for m in extract(extractor, text).meetings] == expected


def test_the_day_of_a_deed_does_not_date_the_talks_before_it(extractor: OfflineExtractor) -> None:
    text = "Dockers walked off the job on May 20 after talks on a new contract collapsed."
    assert all(m.date != "2024-05-20" for m in extract(extractor, text).meetings)


def test_a_new_round_in_a_headline_is_to_come(extractor: OfflineExtractor) -> None:
    text = (
        "Port strike: no deal after long talks, new round on Monday\n\n"
        "The talks between the unions and the port employers ended without a deal."
    )
    dates = [m.date for m in extract(extractor, text, published="2024-06-05").meetings]
    assert "2024-06-10" in dates
    assert "2024-06-03" not in dates


# --- an agenda item never ends in a short form -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "item"),
    [
        (
            "The Coastal Fisheries Council will meet on Friday to discuss quotas for the "
            "northern fleet, esp. [especially] the cod stock.",
            "quotas for the northern fleet",
        ),
        (
            "The Coastal Fisheries Council will meet on Friday to discuss quotas for the "
            "northern fleet.",
            "quotas for the northern fleet",
        ),
    ],
)
def test_an_agenda_item_does_not_end_in_an_abbreviation(
    extractor: OfflineExtractor, text: str, item: str
) -> None:
    agenda = [a for m in extract(extractor, text).meetings for a in m.agenda]
    assert item in agenda
    assert not any(a.split()[-1].rstrip(".").lower() in {"esp", "incl"} for a in agenda)


# --- courts, votes of a body, adjourned and signed meetings -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a court sits when it rules, strikes down, hears or sits (told on Monday 3 June)
        ("The Constitutional Court struck down the media law on Friday.", [("2024-05-31", "held")]),
        (
            "The appeals court ruled on Wednesday that the dismissal was unlawful.",
            [("2024-05-29", "held")],
        ),
        (
            "The tribunal will sit again on June 20 to hear closing arguments.",
            [("2024-06-20", "scheduled")],
        ),
        (
            "The bench rejected the motion and said it would hear the remaining appeals on "
            "June 18.",
            [("2024-06-18", "scheduled")],
        ),
        (
            "The Supreme Court will hear the challenge to the election law on June 12.",
            [("2024-06-12", "scheduled")],
        ),
        (
            "In a judgment handed down on Thursday, five of the seven judges found the tax "
            "unlawful.",
            [("2024-05-30", "held")],
        ),
    ],
)
def test_a_court_sits_when_it_rules_hears_or_sits(
    extractor: OfflineExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The protesters sat outside the court on Friday.",
        "The storm struck the coast on Friday.",
        "The referee ruled out a penalty on Saturday.",
        "The company's decision, announced on Tuesday, surprised analysts.",
        "Her lawyers said on Friday that they would appeal the ruling.",
        "The presidential vote is scheduled for Sunday.",
        "The runoff vote will take place on June 16.",
        "The airline delayed the flight until Friday.",
        "Ms Berzina, who holds the rotating presidency of the Council in June, told reporters "
        "the text was ready.",
    ],
)
def test_no_sitting_from_people_sitting_storms_elections_or_an_office(
    extractor: OfflineExtractor, text: str
) -> None:
    assert extract(extractor, text).meetings == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "The council's draft resolution has the backing of nine members. The vote is "
            "scheduled for Thursday, diplomats said.",
            "2024-06-06",
        ),
        (
            "Diplomats said the vote on the draft resolution would take place on Friday.",
            "2024-06-07",
        ),
        ("Envoys expect the draft to be put to a vote on Wednesday.", "2024-06-05"),
    ],
)
def test_a_vote_on_a_text_set_for_a_day_is_a_sitting(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == [(day, "scheduled")]


def test_a_hearing_adjourned_until_a_day_resumes_that_day(extractor: OfflineExtractor) -> None:
    text = "The tribunal on Monday adjourned the hearing until June 17."
    found = sorted((m.date, m.status) for m in extract(extractor, text).meetings)
    assert found[-1] == ("2024-06-17", "scheduled")
    assert [d for d, _ in found] == ["2024-06-03", "2024-06-17"]
    once = "The hearing was adjourned indefinitely on Monday."
    assert [m.date for m in extract(extractor, once).meetings] == ["2024-06-03"]


def test_a_meeting_told_while_someone_spoke_has_the_day_they_spoke(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The minister said on Tuesday, as the regional council met in special session, that "
        "aid was coming."
    )
    assert [m.date for m in extract(extractor, text).meetings] == ["2024-05-28"]
    later = "The minister said on Tuesday that the regional council had met in special session."
    assert "2024-05-28" not in [m.date for m in extract(extractor, later).meetings]


def test_days_inside_quotations_or_other_clauses_do_not_date_the_meeting(
    extractor: OfflineExtractor,
) -> None:
    quoted = (
        '"Unless the ministry improves its offer, the strike on June 12 goes ahead," the union '
        "leader told reporters after the talks in Cork."
    )
    assert "2024-06-12" not in [m.date for m in extract(extractor, quoted).meetings]
    nested = (
        "The meeting began shortly after noon and heard an official say that nine people had "
        "been killed since the fighting began on Saturday."
    )
    days = [m.date for m in extract(extractor, nested, published="2024-06-04").meetings]
    assert "2024-06-01" not in days


@pytest.mark.parametrize(
    ("text", "published", "day", "place"),
    [
        # a day the parser hangs on the subject; a country the recogniser missed
        (
            "Chile and Peru on Tuesday morning signed an agreement on fishing rights.",
            "2024-06-05",
            "2024-06-04",
            None,
        ),
        # an agreement signed in a place, dated by the report, not by what came before it
        (
            "The agreement was signed at noon in Lima by the two foreign ministers, a month "
            "after officials settled its text.",
            "2024-06-03",
            "2024-06-03",
            "Lima",
        ),
    ],
)
def test_a_signing_is_a_meeting_of_its_parties(
    extractor: OfflineExtractor, text: str, published: str, day: str, place: str | None
) -> None:
    (signing,) = extract(extractor, text, published=published).meetings
    assert (signing.date, signing.status, signing.location) == (day, "held", place)


def test_a_ceremony_is_the_meeting_told_before_it_unless_it_is_a_memorial(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The two ministers signed the agreement in Lima on Tuesday. "
        '"It is a good day," the minister said at the ceremony.'
    )
    (signing,) = extract(extractor, text).meetings
    assert len(signing.quotes) == 2
    memorial = "The council met on Monday. A memorial ceremony for the victims is set for Friday."
    assert [m.date for m in extract(extractor, memorial).meetings] == ["2024-06-03"]
    assert extract(extractor, "The treaty was signed in 1998 in Lima.").meetings == []


def test_a_body_meeting_on_an_evening_and_talks_an_organisation_hosts(
    extractor: OfflineExtractor,
) -> None:
    text = "The union said its executive would meet on Wednesday evening to decide on a strike."
    assert [(m.date, m.status) for m in extract(extractor, text).meetings] == [
        ("2024-06-05", "scheduled")
    ]
    hosted = "The government said it was ready to attend talks hosted by the African Union."
    (talks,) = extract(extractor, hosted).meetings
    assert talks.parties == ["African Union"]
    brokered = (
        "Ethiopia and Somalia agreed on Saturday on a new border line after talks brokered by "
        "neighbouring Kenya."
    )
    assert len(extract(extractor, brokered).meetings) == 1


# --- a meeting of several days or nights told by its close -----------------------------------


@pytest.mark.parametrize(
    ("text", "published", "dates"),
    [
        # closed in the small hours: the day it closed is its end, its first day unknown
        (
            "Fisheries talks in Tromso closed at 3.10am on Saturday with a deal on new quotas.",
            "2024-06-01",
            (None, "2024-06-01"),
        ),
        # how long before its close it began says its first day
        (
            "The second round of talks broke up without a deal at 01:30 on Wednesday, 16 hours "
            "after it began.",
            "2024-06-05",
            ("2024-06-04", "2024-06-05"),
        ),
        # a conference its report calls two weeks long, dated by a deed at its close
        (
            "Ministers adopted the text on Friday, ending a two-week conference in Bonn.",
            "2024-06-08",
            (None, "2024-06-07"),
        ),
        # a close in the evening, or a start told as such, is the meeting's own day
        (
            "The talks ended without agreement at 23:40 local time on Tuesday.",
            "2024-06-05",
            ("2024-06-04", None),
        ),
        (
            "The two-week conference, which began on Monday, ended on Friday.",
            "2024-06-08",
            ("2024-06-03", None),
        ),
    ],
)
def test_a_meeting_that_spans_nights_ends_on_the_day_of_its_close(
    extractor: OfflineExtractor,
    text: str,
    published: str,
    dates: tuple[str | None, str | None],
) -> None:
    found = [(m.date, m.end_date) for m in extract(extractor, text, published=published).meetings]
    assert dates in found, found


def test_a_body_after_a_datelines_place_is_the_one_deciding(extractor: OfflineExtractor) -> None:
    text = (
        "VALPARAISO, Chile (AP) — The Constitutional Court on Friday struck down the fishing law, "
        "ruling that it broke the charter."
    )
    assert [m.date for m in extract(extractor, text).meetings] == ["2024-05-31"]
    place = "VALPARAISO, Chile (AP) — Fishermen on Friday struck a deal with the port."
    assert extract(extractor, place).meetings == []


# --- meetings counted in a series, and days that belong to other deeds ------------------------


def test_rounds_counted_otherwise_are_different_meetings(extractor: OfflineExtractor) -> None:
    text = (
        "Farmers and the grain board ended the second round of price talks in Lyon on Friday "
        "without a deal. The third round of the talks is scheduled for June 20. The first round "
        "was held in Dijon in March."
    )
    found = {m.name.lower(): m.date for m in extract(extractor, text).meetings}
    assert len(found) == 3, found
    assert any(
        name.startswith("second round") and day == "2024-05-31" for name, day in found.items()
    )
    assert any(
        name.startswith("third round") and day == "2024-06-20" for name, day in found.items()
    )
    assert any(name.startswith("first round") and day is None for name, day in found.items())


def test_the_same_round_told_twice_or_by_its_kind_alone_is_one_meeting(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The third round of price talks between farmers and the grain board ended in Lyon on "
        "Friday. The talks lasted eleven hours. Both sides called the third round useful."
    )
    (meeting,) = extract(extractor, text).meetings
    assert meeting.name.lower().startswith("third round")
    assert meeting.date == "2024-05-31"


def test_a_round_told_later_with_a_month_of_its_own_is_not_the_opening_talks(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The two militias agreed to a week-long truce after indirect talks in Vienna, the "
        "mediators said on Sunday. A second round in February collapsed over the future of the "
        "border towns."
    )
    names = sorted(m.name.lower() for m in extract(extractor, text).meetings)
    assert len(names) == 2, names
    assert any("indirect talks" in n for n in names)
    assert any(n.startswith("second round") for n in names)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the day of the speaking, told in a participle clause of its own
        (
            "The envoys of the two militias met in Vienna on Wednesday. Speaking to a radio "
            "station on Friday, one envoy repeated the words she had used as the talks closed.",
            "2024-05-29",
        ),
        # a participle clause that holds the meeting is dated by its day
        (
            "Speaking after talks in Riga on Friday, the minister said the quota would be cut.",
            "2024-05-31",
        ),
        # a day to come does not date a deal's talks told as done
        (
            "The truce will begin on Saturday under an agreement reached in Nairobi after long "
            "negotiations.",
            None,
        ),
        # a day of the deal's own clause does
        (
            "Under an agreement reached in Nairobi on Friday after long negotiations, the truce "
            "will begin at dawn.",
            "2024-05-31",
        ),
    ],
)
def test_a_day_of_another_deed_does_not_date_the_meeting(
    extractor: OfflineExtractor, text: str, day: str | None
) -> None:
    found = extract(extractor, text).meetings
    assert found, text
    assert [m.date for m in found] == [day]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "The minister told the emergency meeting in Leeds on Friday that the pit would close.",
            "2024-05-31",
        ),
        (
            "The emergency meeting in Leeds was held on Wednesday. The minister told the miners "
            "on Friday that the pit would close.",
            "2024-05-29",
        ),
    ],
)
def test_telling_a_meeting_on_a_day_dates_it(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    assert [m.date for m in extract(extractor, text).meetings] == [day]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "The ethics committee of the football league voted 9-4 last week to ban the player.",
            None,
        ),
        ("The ethics committee of the football league voted 9-4 days ago to ban the player.", None),
        (
            "The ethics committee of the football league voted 9-4 on Friday to ban the player.",
            "2024-05-31",
        ),
    ],
)
def test_a_vote_told_only_by_a_period_is_not_on_the_day_of_the_report(
    extractor: OfflineExtractor, text: str, day: str | None
) -> None:
    assert [m.date for m in extract(extractor, text).meetings] == [day]


def test_a_day_after_the_meeting_dates_what_is_told_of_it_not_the_meeting(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The medicines committee meets in Oslo on Tuesday. The agency publishes a summary of the "
        "meeting the following day."
    )
    found = extract(extractor, text).meetings
    assert [m.date for m in found] == ["2024-06-04"], found


# --- kinds of meetings: bodies named by a compound, called together, people met ---------------


def test_a_board_meeting_is_the_boards_not_the_general_meeting(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "Shareholders rejected the plan at the annual general meeting in Stockholm. The chief "
        "executive repeated the argument he had made after the board meeting on May 5."
    )
    found = extract(extractor, text).meetings
    assert len(found) == 2, found
    board = [m for m in found if "board" in m.name.lower()]
    assert [m.date for m in board] == ["2024-05-05"]
    assert all("general meeting" not in q for q in board[0].quotes)


def test_shareholders_voting_on_a_day_sit_as_a_body(extractor: OfflineExtractor) -> None:
    text = "Shareholders in the pump maker voted down a bonus plan for its managers on Thursday."
    assert [m.date for m in extract(extractor, text).meetings] == ["2024-05-30"]
    assert extract(extractor, "Investors in the pump maker sold shares on Thursday.").meetings == []


def test_deciding_to_convene_a_meeting_is_dated_by_nothing_but_the_meeting(
    extractor: OfflineExtractor,
) -> None:
    text = "The board decided to convene an extraordinary general meeting on June 16."
    found = extract(extractor, text).meetings
    assert [(m.date, m.status) for m in found] == [("2024-06-16", "scheduled")], found


def test_a_bodys_sitting_to_come_and_one_it_held_stay_apart(extractor: OfflineExtractor) -> None:
    text = (
        "The public hearing of the budget committee is due to start at 9 a.m. on Tuesday. "
        "The committee met behind closed doors on March 4."
    )
    found = sorted((m.date, m.status) for m in extract(extractor, text).meetings)
    assert found == [("2024-03-04", "held"), ("2024-06-04", "scheduled")], found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a body's deed at a meeting its sentence names is that meeting, once
        (
            "The ethics committee discussed the transfer at a closed-door session on May 4.",
            ["closed-door session"],
        ),
        ("The ethics committee discussed the transfer on May 4.", ["committee meeting"]),
    ],
)
def test_a_bodys_deed_at_a_named_session_is_the_session(
    extractor: OfflineExtractor, text: str, names: list[str]
) -> None:
    found = extract(extractor, text).meetings
    assert [m.name.lower() for m in found] == names
    assert [m.date for m in found] == ["2024-05-04"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "The minister will meet the operators of all coal mines in Ankara on Wednesday.",
            "2024-06-05",
        ),
        ("The governor met families of the missing fishermen in the port on Friday.", "2024-05-31"),
    ],
)
def test_meeting_people_named_by_what_they_are_is_a_meeting_with_them(
    extractor: OfflineExtractor, text: str, day: str
) -> None:
    (meeting,) = extract(extractor, text).meetings
    assert meeting.date == day
    assert meeting.name.lower().startswith("meeting with")


@pytest.mark.parametrize(
    "text",
    [
        "The plan met resistance from the operators on Wednesday.",
        "The nurse said she had met families who sold their homes to pay for the drug.",
        "The minister met the deadline on Wednesday.",
        "The ferry company met the costs of the rescue on Friday.",
    ],
)
def test_meeting_a_thing_is_no_meeting(extractor: OfflineExtractor, text: str) -> None:
    assert extract(extractor, text).meetings == []


def test_calling_a_body_together_is_its_meeting(extractor: OfflineExtractor) -> None:
    text = "The interior minister convened a crisis cabinet at the presidential palace on Monday."
    (meeting,) = extract(extractor, text).meetings
    assert "cabinet" in meeting.name.lower()
    assert meeting.date == "2024-06-03"
    assert extract(extractor, "Critics called the cabinet a failure on Monday.").meetings == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            '"We will rebuild," the minister said on Monday after the crisis cabinet met at 10 a.m.',
            "2024-06-03",
        ),
        ('"We will rebuild," the minister said on Monday after the cabinet met last week.', None),
    ],
)
def test_said_on_a_day_after_a_meeting_dates_it_unless_its_clause_says_otherwise(
    extractor: OfflineExtractor, text: str, day: str | None
) -> None:
    assert [m.date for m in extract(extractor, text).meetings] == [day]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("The first round of the quota talks took place in Oslo on May 30.", True),
        (
            "The first meeting of the Arctic Fisheries Council in three years took place in Oslo "
            "on May 30.",
            False,
        ),
    ],
)
def test_first_after_a_pause_is_not_the_first_of_a_series(
    extractor: OfflineExtractor, text: str, first: bool
) -> None:
    (meeting,) = extract(extractor, text).meetings
    assert meeting.name.lower().startswith("first") is first


# --- proposals: what someone asks for, recommends or files ----------------------------------


@pytest.mark.parametrize(
    ("text", "proposer", "words"),
    [
        (
            "The transport committee of the regional assembly voted on Tuesday to recommend a "
            "public inquiry into the tram contract.",
            "transport committee",
            "public inquiry",
        ),
        (
            "The ethics committee recommended that the league set up an independent panel on "
            "match fixing.",
            "ethics committee",
            "independent panel",
        ),
        (
            "Halvard Mining said on Monday that it would ask for a review of the licence decision.",
            "Halvard Mining",
            "review of the licence decision",
        ),
        (
            "The district council will ask the national government to declare a state of "
            "emergency in two valleys.",
            "district council",
            "state of emergency",
        ),
        (
            "Halvard Mining filed a request for a new hearing with the tribunal on Monday.",
            "Halvard Mining",
            "request for a new hearing",
        ),
    ],
)
def test_what_someone_asks_for_is_their_proposal(
    extractor: OfflineExtractor, text: str, proposer: str, words: str
) -> None:
    found = extract(extractor, text).proposals
    assert any(
        proposer.lower() in p.proposer.lower() and words.lower() in p.title.lower() for p in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "Reporters asked the minister about the tram contract on Tuesday.",
        "The minister put pressure on the unions to settle the dispute.",
        "The medicines committee did not recommend the drug.",
        "Halvard Mining filed its annual report with the exchange on Monday.",
        '"We would only recommend an independent panel if the league asked," the chair said.',
    ],
)
def test_asking_nothing_or_in_ones_own_words_is_no_proposal(
    extractor: OfflineExtractor, text: str
) -> None:
    assert extract(extractor, text).proposals == []


@pytest.mark.parametrize(
    ("text", "word", "day"),
    [
        (
            "The ruling party will open its 14th congress in Hanoi on Thursday.",
            "congress",
            "2024-06-06",
        ),
        (
            "The G7 summit in Apulia ended on Saturday with a statement on trade.",
            "summit",
            "2024-06-01",
        ),
        (
            "Parliament approved the text at its plenary session in Strasbourg on Wednesday.",
            "plenary",
            "2024-05-29",
        ),
        (
            "The cabinet will discuss the budget at its weekly session on Thursday.",
            "cabinet",
            "2024-06-06",
        ),
        ("The synod of bishops opened in Rome on Sunday.", "synod", "2024-06-02"),
        (
            "Cardinals will begin the conclave to elect a new pope on July 7.",
            "conclave",
            "2024-07-07",
        ),
        (
            "The party's central committee held its third plenum in Beijing on Thursday.",
            "plenum",
            "2024-05-30",
        ),
        (
            "The fifth round of talks between the two governments opened in Muscat on Monday.",
            "fifth round",
            "2024-06-03",
        ),
    ],
)
def test_kinds_of_meeting_news_tells_of(
    extractor: OfflineExtractor, text: str, word: str, day: str
) -> None:
    found = extract(extractor, text).meetings
    assert [m.date for m in found] == [day], found
    assert word in found[0].name.lower(), found
