"""Nothing invented passes as grounded: quote size, what a passage shows, plausibility."""

from __future__ import annotations

import asyncio
import re

import pytest
from conftest import example_articles, grounded_gold, make_test_article
from fakeserver import ok
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from summarizer.extraction import extract_batch
from summarizer.ground import align, chrome_regions, ground, quote_sized
from summarizer.ingest import read_articles
from summarizer.normalize import places_compatible
from summarizer.reconciliation import reconcile_grounded as reconcile
from summarizer.records import (
    ArticleExtraction,
    Meeting,
    Person,
    Run,
    Statement,
)

RUN = Run(backend="test", started="2022-01-12T00:00:00+00:00")


def record_of(pairs, strict=False):
    return reconcile([ground(a, e) for a, e in pairs], run=RUN, strict=strict)


def made_up(quote: str) -> ArticleExtraction:
    return ArticleExtraction(
        meetings=[
            Meeting(name="Secret summit of the Baltic fleet", date="2022-03-03", quotes=[quote])
        ],
        statements=[
            Statement(
                speaker=Person(name="Emmanuel Macron"),
                content="France will leave the alliance next week",
                quotes=[quote],
            )
        ],
    )


# --- quote size --------------------------------------------------------------------------------


@pytest.mark.parametrize("cut", ["whole", "paragraphs", "quarter"])
def test_a_quote_far_longer_than_a_quote_grounds_nothing(cut):
    article = example_articles()[0]
    text = article.text
    quote = {
        "whole": text,
        "paragraphs": "\n\n".join(text.split("\n\n")[:3])
        if "\n\n" in text
        else text[: len(text) // 2],
        "quarter": text[: int(len(text) * 0.3)].rsplit(".", 1)[0] + ".",
    }[cut]
    assert align(text, quote, article.id) is not None  # the passage is in the article...
    grounded = ground(article, made_up(quote))
    assert not grounded.meetings[0].grounded and not grounded.statements[0].grounded
    strict = record_of([(article, made_up(quote))], strict=True)
    assert strict.meetings == [] and strict.statements == []  # ...and still nothing survives
    loose = record_of([(article, made_up(quote))])
    assert all(not m.grounded for m in loose.meetings)
    assert loose.sources[0].ungrounded == 2


def test_quote_size_counts_sentences_not_abbreviations():
    text = "x" * 2000 + " Mr. Putin met Dr. Smith in the U.S. on Jan. 5. They talked. Then left. "
    start = text.index("Mr.")
    three = text[start : text.index("Then left.") + len("Then left.")]
    assert quote_sized(text, start, start + len(three))
    four = three + " " + "It rained."
    long_text = text + "It rained." + "y" * 2000
    assert not quote_sized(long_text, start, start + len(four))
    assert not quote_sized("a" * 1000, 0, 400)  # 40 % of the article
    assert quote_sized("One short article about the talks.", 0, 34)  # a short article


def test_an_unrelated_real_sentence_does_not_ground_a_made_up_record():
    article = example_articles()[0]
    sentence = re.split(r"(?<=\.)\s", article.text.split("\n")[-1].strip())[0]
    extraction = ArticleExtraction(
        statements=[
            Statement(
                speaker=Person(name="Emmanuel Macron"),
                content="France will leave the alliance next week and close its embassy",
                quotes=[sentence],
            )
        ]
    )
    assert ground(article, extraction).statements[0].grounded  # the sentence aligns
    record = record_of([(article, extraction)], strict=True)
    assert record.statements == []  # but it does not show the statement


# --- what evidence shows --------------------------------------------------------------------------


_SAYING = re.compile(
    r"\b(?:said|says|told|stated|noted|added|stressed|warned|wrote|announced|confirmed|according"
    r"|responded|stressing|stating|called|reaffirmed|quoted)\b|[\"\u201c\u201d\u00ab\u00bb]",
    re.IGNORECASE,
)


def test_speaker_evidence_shows_the_speaker_saying_it():
    record = reconcile(grounded_gold(), run=RUN)
    for statement in record.statements:
        for span in statement.speaker.evidence:
            assert "held a phone conversation" not in span.text
            assert "held talks over the phone" not in span.text
            assert _SAYING.search(span.text), (statement.speaker.value, span.text)


def test_the_previous_statements_sentence_is_not_the_next_ones_speaker_evidence():
    text = (
        "Putin warned that new sanctions would be a colossal mistake. He added that the talks "
        "in Geneva must go on whatever happens next."
    )
    article = make_test_article("a", text, published="2022-01-04")
    extraction = ArticleExtraction(
        statements=[
            Statement(
                speaker=Person(name="Vladimir Putin"),
                content="the talks in Geneva must go on whatever happens next",
                quotes=["He added that the talks in Geneva must go on whatever happens next."],
            )
        ]
    )
    record = record_of([(article, extraction)])
    assert record.statements[0].speaker.evidence == []


def test_no_evidence_comes_from_the_header_line_or_page_chrome():
    text = (
        " date 2022-01-04\nAll news\nUpdated at: 12:30 NATO\n"
        "MOSCOW, January 4. NATO and Russia held talks in Brussels on Wednesday, officials said "
        "after the meeting."
    )
    article = make_test_article("a", text, published="2022-01-04")
    assert [text[s:e] for s, e in chrome_regions(text)] == [
        " date 2022-01-04",
        "All news",
        "Updated at: 12:30 NATO",
    ]
    extraction = ArticleExtraction(
        meetings=[
            Meeting(
                name="NATO-Russia talks",
                time="12:30",
                status="held",
                date="2022-01-04",
                parties=["NATO"],
                quotes=["NATO and Russia held talks in Brussels on Wednesday"],
            ),
            Meeting(name="Updated meeting", quotes=["Updated at: 12:30 NATO"]),
        ]
    )
    grounded = ground(article, extraction)
    assert not grounded.meetings[1].grounded  # chrome grounds nothing
    record = record_of([(article, extraction)])
    meeting = record.meetings[0]
    assert meeting.time.evidence == []
    chrome_end = text.index("MOSCOW")
    for field in (meeting.date, meeting.time, meeting.name, *meeting.parties):
        assert all(span.start >= chrome_end for span in field.evidence)


# --- plausibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"date": "9999-12-31"}, "plausible"),
        ({"date": "1850-01-01"}, "plausible"),
        ({"date": "2022-01-13", "end_date": "2022-01-12"}, "before"),
        ({"date": "2022-02", "end_date": "2022-01-20"}, "before"),
    ],
)
def test_impossible_dates_are_rejected(fields, problem):
    with pytest.raises(ValidationError, match=problem):
        Meeting(name="NATO-Russia Council", **fields)
    Meeting(name="NATO-Russia Council", date="2022-01-12", end_date="2022-01-13")
    Meeting(name="NATO-Russia Council", date="2022-01", end_date="2022-01-20")


def test_an_impossible_answer_is_re_asked(fake, make_settings):
    article = make_test_article("a", "The NATO-Russia Council met in Brussels on January 12.")
    quote = "The NATO-Russia Council met in Brussels on January 12"
    bad = {"meetings": [{"name": "NATO-Russia Council", "date": "9999-12-31", "quotes": [quote]}]}
    good = {"meetings": [{"name": "NATO-Russia Council", "date": "2022-01-12", "quotes": [quote]}]}
    fake.script("a", ok(bad), ok(good))
    batch = asyncio.run(extract_batch([article], make_settings(fake, no_cache=True)))
    assert batch.outcomes[0].extraction is not None
    assert batch.outcomes[0].extraction.meetings[0].date == "2022-01-12"
    assert fake.calls["a"] == 2 and batch.usage.reasks == 1


def test_a_held_meeting_dated_after_publication_is_marked_and_dropped_under_strict():
    text = "The NATO-Russia Council met in Brussels on Wednesday, officials said."
    article = make_test_article("a", text, published="2022-01-04")
    extraction = ArticleExtraction(
        meetings=[
            Meeting(
                name="NATO-Russia Council",
                date="2022-03-01",
                status="held",
                quotes=["The NATO-Russia Council met in Brussels on Wednesday"],
            )
        ]
    )
    grounded = ground(article, extraction)
    assert "after the article was published" in (grounded.meetings[0].implausible or "")
    record = record_of([(article, extraction)])
    assert record.meetings[0].implausible and not record.meetings[0].grounded
    assert record.sources[0].ungrounded == 1
    assert record_of([(article, extraction)], strict=True).meetings == []
    planned = extraction.meetings[0].model_copy(update={"status": "scheduled"})
    fine = record_of([(article, ArticleExtraction(meetings=[planned]))], strict=True)
    assert fine.meetings and fine.meetings[0].implausible == []


# --- places ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("San Francisco", "San Diego", False),
        ("Hotel X, Geneva", "Hotel Y, Vienna", False),
        ("Hotel X, Geneva", "Hotel Y, Geneva", False),
        ("Brussels", "NATO headquarters in Brussels", True),
        ("Brussels, Belgium", "NATO headquarters, Brussels", True),
        ("Geneva", "Geneva", True),
        ("Geneva", "Brussels", False),
    ],
)
def test_places_sharing_a_word_are_not_one_place(a, b, same):
    assert places_compatible(a, b) is same
    assert places_compatible(b, a) is same


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [("San Francisco", "San Diego", True), ("Brussels", "NATO headquarters in Brussels", False)],
)
def test_two_places_in_two_reports(first, second, conflict):
    pairs = []
    for n, place in enumerate((first, second)):
        text = f"The trade talks were held in {place} on January 12, 2022, officials said {n}."
        article = make_test_article(f"s{n}", text, published="2022-01-12")
        meeting = Meeting(
            name="trade talks",
            date="2022-01-12",
            location=place,
            status="held",
            quotes=[f"The trade talks were held in {place} on January 12, 2022"],
        )
        pairs.append((article, ArticleExtraction(meetings=[meeting])))
    record = record_of(pairs)
    assert len(record.meetings) == 1
    paths = [c.path for c in record.conflicts]
    assert ("/meetings/0/location" in paths) is conflict
    if conflict:
        assert record.meetings[0].location.support < 1.0


# --- control characters in model output ---------------------------------------------------------


def test_control_characters_are_stripped_from_names_and_values():
    person = Person(name="Yury\x00 Ush\x1b[31makov", role="\x00", organization="Kreml\u202ein")
    assert person.name == "Yury Ush[31makov" and person.role is None
    assert person.organization == "Kremlin"
    with pytest.raises(ValidationError, match="needs a name"):
        Person(name="\x00\x00")
    meeting = Meeting(
        name="Talks\x07", location="\x00", parties=["\x00", "NATO\x1b"], quotes=["a\x00b"]
    )
    assert meeting.name == "Talks" and meeting.location is None and meeting.parties == ["NATO"]
    assert meeting.quotes == ["a\x00b"]  # quotes are matched verbatim, never edited
    extraction = ArticleExtraction.model_validate(
        {"statements": [{"speaker": {"name": "Putin\r\n"}, "content": "We\x00 will\tgo"}]}
    )
    assert extraction.statements[0].content == "We will go"
    assert extraction.statements[0].speaker.name == "Putin"


# --- fuzzing: long punctuation runs and control characters through ingest and grounding ------------

_PUNCTUATION = st.sampled_from(list("\"()'\u201c\u00ab$*.!?-\u2014 \n"))


@settings(max_examples=60, deadline=None)
@given(
    run=_PUNCTUATION,
    length=st.integers(1, 20_000),
    words=st.text(max_size=80),
)
def test_long_punctuation_runs_never_break_ingest_or_grounding(run, length, words):
    text = f"Officials met in Geneva. {run * length} {words} The talks went on."
    result = read_articles(["-"], stdin=__import__("io").BytesIO(text.encode("utf-8", "replace")))
    article = result.articles[0] if result.articles else make_test_article("a", text)
    quote = "Officials met in Geneva"
    extraction = ArticleExtraction(
        meetings=[Meeting(name="talks in Geneva", quotes=[quote, run * min(length, 50), text])]
    )
    grounded = ground(article, extraction)
    for span in grounded.meetings[0].spans:
        assert article.text[span.start : span.end] == span.text
        assert quote_sized(article.text, span.start, span.end)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x20FF), max_size=40))
def test_no_control_character_survives_in_a_model_value(value):
    try:
        person = Person(name=value, role=value)
    except ValidationError:
        return
    for shown in (person.name, person.role or ""):
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)
        assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in shown)
