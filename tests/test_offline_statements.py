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
