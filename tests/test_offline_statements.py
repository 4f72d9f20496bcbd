"""Statements of the offline extractor: attribution forms and speakers, pinned by sentences
written for each rule, with the cases where a rule must not fire."""

from __future__ import annotations

import pytest
from conftest import make_test_article

from summarizer.backends.offline import OfflineExtractor, load_pipeline
from summarizer.records import ArticleExtraction, Statement

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> OfflineExtractor:
    load_pipeline()
    return OfflineExtractor()


def extract(extractor: OfflineExtractor, text: str) -> ArticleExtraction:
    article = make_test_article("t", text, published="2025-05-06", outlet=None)
    result = extractor.extract(article)
    for statement in result.statements:
        for quote in statement.quotes:
            assert quote in text, quote
    return result


def saying(result: ArticleExtraction, words: str) -> list[Statement]:
    return [s for s in result.statements if words in s.content]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Nine people died when part of an old hotel gave way in Tarnow overnight, the press "
            "service of the provincial governor said on Tuesday evening.",
            "Nine people died",
            "press service",
        ),
        (
            "At a late sitting on Monday, the cabinet approved a rescue fund of two billion for "
            "the flooded valleys, Chairman of the Council of Ministers Tomas Varga said.",
            "rescue fund",
            "Tomas Varga",
        ),
        (
            "The review board will meet for the first time on Thursday in Pune, the head of the "
            "space agency, R. Menon, said on Friday.",
            "review board",
            "R. Menon",
        ),
        (
            "The motion was signed by 80 deputies, the leader of the Green party, Ida Lund, "
            "told reporters.",
            "80 deputies",
            "Ida Lund",
        ),
        (
            "The airport will stay closed until noon, Transport Minister Ola Berg said, "
            "according to the local radio.",
            "airport",
            "Ola Berg",
        ),
    ],
)
def test_words_first_and_their_speaker_after_a_comma(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    found = saying(extract(extractor, text), words)
    assert found, text
    assert all(speaker in s.speaker.name for s in found), [s.speaker for s in found]
    assert all(not s.direct for s in found)


@pytest.mark.parametrize(
    "text",
    [
        "The storm reached the coast on Monday, the worst in a decade, and cut power to towns.",
        "The ministers met in Oslo, the capital of Norway, and signed the fishing deal.",
        "Prices rose by a tenth in May, the steepest climb since the war.",
    ],
)
def test_no_statement_without_a_verb_of_saying(extractor: OfflineExtractor, text: str) -> None:
    assert extract(extractor, text).statements == []


def test_the_head_of_a_body_named_in_apposition_keeps_saying(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The review board will meet for the first time on Thursday in Pune, the head of the "
        "space agency, R. Menon, said on Friday. He added that the next launch would slip to "
        "March."
    )
    found = saying(extract(extractor, text), "next launch")
    assert [s.speaker.name for s in found] == ["R. Menon"]


def test_a_request_is_words_only_from_a_person(extractor: OfflineExtractor) -> None:
    said = (
        "Health Minister Ana Moreno opened the meeting in Lusaka. She asked neighbouring states "
        "to test travellers at the border."
    )
    found = saying(extract(extractor, said), "travellers")
    assert [s.speaker.name for s in found] == ["Ana Moreno"]
    done = (
        "The cabinet met on Tuesday evening and asked the United Nations to help organise a "
        "donors' conference."
    )
    assert saying(extract(extractor, done), "donors") == []


def test_a_detail_specified_is_a_statement(extractor: OfflineExtractor) -> None:
    text = "The debris fell into the sea off the cape, the Interior Ministry specified."
    found = saying(extract(extractor, text), "debris")
    assert [s.speaker.name for s in found] == ["Interior Ministry"]


def test_an_attribution_after_a_quotation_may_run_long(extractor: OfflineExtractor) -> None:
    text = (
        '"We were thrown out of bed," said Ana Ruiz, 41, who was carried out by firefighters '
        "from a fourth-floor flat in the part of the block that stayed standing."
    )
    (found,) = extract(extractor, text).statements
    assert found.direct
    assert found.content == "We were thrown out of bed"
    assert found.speaker.name == "Ana Ruiz"


def test_a_reported_clause_that_ends_on_a_quotation_is_that_quotation(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "Trade Minister Olav Berg told the agency that the government, which owns a fifth of "
        'the airline, would "study the offer carefully before deciding".'
    )
    (found,) = extract(extractor, text).statements
    assert found.direct
    assert found.speaker.name == "Olav Berg"
    kept = (
        'The minister said the plan, "a first step", would cost two billion crowns and take '
        "five years to build."
    )
    assert [s for s in extract(extractor, kept).statements if "five years" in s.content]


def test_quoted_words_inside_an_expectation_are_the_speakers(extractor: OfflineExtractor) -> None:
    text = (
        "Labour Minister Jan Peeters told journalists that the government expected the "
        'employers to come with "a serious offer, not a gesture."'
    )
    found = saying(extract(extractor, text), "serious offer")
    assert found
    assert {s.speaker.name for s in found} == {"Jan Peeters"}


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Seven people were injured in the blast, the press service of the country's "
            "Ministry of Health said.",
            "Seven people",
            "Ministry of Health",
        ),
        (
            "Cases rose to 400 in a week, according to figures circulated by the Health "
            "Secretariat.",
            "Cases rose",
            "Health Secretariat",
        ),
        (
            "As the correspondent was told at the Polish Embassy in Lima, no Polish citizens "
            "were among the injured.",
            "citizens",
            "Polish Embassy",
        ),
        (
            "Prime Minister Juan Soto said on Monday that the cabinet had approved a relief "
            'fund. "We will rebuild every school that has fallen," the head of government '
            "stressed.",
            "rebuild",
            "Juan Soto",
        ),
    ],
)
def test_bodies_offices_and_places_that_speak(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    found = saying(extract(extractor, text), words)
    assert found, text
    assert all(speaker in s.speaker.name for s in found), [s.speaker for s in found]


def test_the_union_is_a_union_named_before_or_none(extractor: OfflineExtractor) -> None:
    text = (
        "Talks at the Ministry of Labour failed on Monday. Some 6,000 dockers have stopped "
        "work, the union said."
    )
    found = saying(extract(extractor, text), "dockers")
    assert [s.speaker.name for s in found] == ["union"]
    named = (
        "The Transport Workers Union called the strike on Friday. Some 6,000 dockers have "
        "stopped work, the union said."
    )
    found = saying(extract(extractor, named), "dockers")
    assert [s.speaker.name for s in found] == ["Transport Workers Union"]


@pytest.mark.parametrize(
    ("text", "surname", "role"),
    [
        (
            "Deputy Prime Minister and Minister of Finance Jan Kowal said on Monday that the "
            "deficit would narrow next year.",
            "Kowal",
            "Deputy Prime Minister and Minister of Finance",
        ),
        (
            "Chairman of the Council of Ministers Juan Soto said on Monday that every school "
            "would be rebuilt.",
            "Soto",
            "Chairman of the Council of Ministers",
        ),
        (
            "The talks were led by Anna Berg and Foreign Minister Jan Kowal. Kowal said on "
            "Monday that they would resume in June.",
            "Kowal",
            "Foreign Minister",
        ),
    ],
)
def test_an_office_runs_on_through_its_complement(
    extractor: OfflineExtractor, text: str, surname: str, role: str
) -> None:
    roles = {
        s.speaker.role for s in extract(extractor, text).statements if surname in s.speaker.name
    }
    assert roles == {role}


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "The rocket will lift off at dawn on Thursday, the space agency said.",
            "lift off",
            "space agency",
        ),
        (
            "Some 60 ships were waiting at anchor on Monday, according to the Port of "
            "Hamburg-Altona.",
            "ships",
            "Port of Hamburg-Altona",
        ),
        (
            "The speaker of the Storting, Ola Nordmann, said the motion would be debated next "
            "week.",
            "motion",
            "Ola Nordmann",
        ),
        (
            "President of the BTB transport union Koen Smet said on Monday that the strike "
            "would go on.",
            "strike",
            "Koen Smet",
        ),
    ],
)
def test_sources_named_by_kind_by_a_missed_name_or_by_office(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    found = saying(extract(extractor, text), words)
    assert [s.speaker.name for s in found] == [speaker]
    assert not found[0].content.endswith((",", ", ."))


def test_the_news_agency_retelling_is_no_source(extractor: OfflineExtractor) -> None:
    text = "The rocket will lift off at dawn on Thursday, the state news agency said."
    assert saying(extract(extractor, text), "lift off") == []


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "The employers' federation, PORTA, raised its offer on Monday. The employers' "
            "federation estimates the strike is costing the economy 20 million euros a day.",
            "costing",
            "PORTA",
        ),
        (
            "The French shipping group Navalis made an offer for the carrier on Monday. "
            "According to the French company, the price includes a premium of a third.",
            "premium",
            "Navalis",
        ),
    ],
)
def test_a_body_described_again_is_the_one_named_so_before(
    extractor: OfflineExtractor, text: str, words: str, speaker: str
) -> None:
    found = saying(extract(extractor, text), words)
    assert [s.speaker.name for s in found] == [speaker]


def test_a_description_of_another_nationality_is_not_that_body(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The Danish carrier Skyline rejected the offer on Monday. According to the French "
        "company, the price includes a premium of a third."
    )
    found = saying(extract(extractor, text), "premium")
    assert all("Skyline" not in s.speaker.name for s in found)


def test_what_someone_reported_is_a_statement_what_they_would_report_is_not(
    extractor: OfflineExtractor,
) -> None:
    text = "Copper producers in the region reported no serious damage at their mines."
    found = extract(extractor, text).statements
    assert len(found) == 1
    assert found[0].speaker.name.startswith("Copper producers")
    rule = (
        "The ministers agreed a plan under which neighbouring states would report any military "
        "flight within a day."
    )
    assert saying(extract(extractor, rule), "military flight") == []


def test_a_body_with_a_name_of_its_own_is_not_the_last_one_of_its_kind(
    extractor: OfflineExtractor,
) -> None:
    text = (
        "The toll rose to 41, the National Institute of Civil Defence said. According to the "
        "Geophysical Institute of Chile, the quake struck at dawn. The institute added that "
        "aftershocks were likely."
    )
    result = extract(extractor, text)
    assert [s.speaker.name for s in saying(result, "dawn")] == ["Geophysical Institute of Chile"]
