"""Evidence: a field's passages show its value, or the field has none and says so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, gold_extraction
from rapidfuzz import fuzz

from summarizer.ground import ground
from summarizer.ingest import read_articles
from summarizer.knowledge.folding import fold_for_comparison, words
from summarizer.knowledge.names import transliteration_key
from summarizer.normalize import (
    STOPWORDS,
    canonical_tokens,
    name_key,
    place_key,
    stem,
)
from summarizer.reconciliation import reconcile_grounded
from summarizer.reconciliation.evidence import CONTENT_SHARE, date_shown
from summarizer.records import (
    Article,
    ArticleExtraction,
    ConsensusField,
    ConsensusRecord,
    GroundedExtraction,
    Meeting,
    Person,
    Run,
    Span,
)
from summarizer.report import render_html, render_markdown
from summarizer.report.view import source_labels

RUN = Run(backend="test", started="2022-01-01T00:00:00+00:00")


# --- inputs -------------------------------------------------------------------------------------


def _articles(folder: Path) -> list[Article]:
    result = read_articles([folder])
    assert not result.problems, result.problems
    return sorted(result.articles, key=lambda a: a.id)


@pytest.fixture(scope="module")
def examples() -> list[Article]:
    return _articles(EXAMPLES)


@pytest.fixture(scope="module")
def gold_grounded(examples: list[Article]) -> list[GroundedExtraction]:
    return [ground(a, gold_extraction(a.id)) for a in examples]


@pytest.fixture(scope="module")
def gold_record(gold_grounded: list[GroundedExtraction]) -> ConsensusRecord:
    return reconcile_grounded(gold_grounded, run=RUN)


@pytest.fixture(scope="module")
def offline_run(examples: list[Article]) -> tuple[ConsensusRecord, list[Article]]:
    from summarizer.backends.offline import OfflineExtractor

    extracted = OfflineExtractor().extract_many(examples)
    grounded = []
    for article, extraction in zip(examples, extracted, strict=True):
        assert isinstance(extraction, ArticleExtraction), extraction
        grounded.append(ground(article, extraction))
    return reconcile_grounded(grounded, run=RUN), examples


def _write(folder: Path, texts: dict[str, str]) -> list[Article]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return _articles(folder)


def _filler(tag: str) -> str:
    """Words no other article has, so that short test articles are not near-copies."""
    return " ".join(f"{tag}{n}" for n in range(40))


def _nrc(sentence: str, **fields: Any) -> ArticleExtraction:
    return ArticleExtraction(
        meetings=[Meeting(name="NATO-Russia Council meeting", quotes=[sentence], **fields)]
    )


# --- the checker: does a field's evidence show its value? ----------------------------------------

NOT_TEXT = {"format", "status"}
PERSON_FIELDS = {"chair", "participants", "speaker"}


def _keywords(text: str) -> set[str]:
    """Folded content words, aliases applied ("Moscow" is Russia); hyphens split and joined."""
    out: set[str] = set()
    for form in (text, text.replace("-", "").replace("\u2011", "")):
        out |= {stem(w) for w in canonical_tokens(form) if w not in STOPWORDS}
    return out


def _value_words(value: str) -> set[str]:
    return {stem(w) for w in canonical_tokens(value) if w not in STOPWORDS}


def _surname_shown(value: str, text: str) -> bool:
    key = name_key(value)
    assert key is not None
    have = {transliteration_key(w) for w in words(text)}
    return key.surname in have or any(
        w[:1] == key.surname[:1] and fuzz.ratio(w, key.surname) >= 85 for w in have
    )


def shows(
    section: str, name: str, value: str, spans: list[Span], published: dict[str, str]
) -> bool:
    """Whether the evidence of the field `name` of a `section` entity shows `value`."""
    if name in NOT_TEXT:
        return True
    if name in ("date", "end_date"):
        return all(date_shown(value, s.text, published[s.source]) for s in spans)
    if name == "content":
        wanted = _value_words(value) or _value_words(value.replace("-", ""))
        have: set[str] = set().union(*(_keywords(s.text) for s in spans))
        return len(wanted & have) >= CONTENT_SHARE * len(wanted)
    person = name in PERSON_FIELDS or (section == "people" and name == "name")
    for span in spans:
        if person and name_key(value) is not None:
            ok = _surname_shown(value, span.text)
        elif name == "location":
            ok = place_key(value) <= set(words(span.text))
        elif name == "time":
            ok = set(words(value)[:2]) <= set(words(span.text))
        else:
            ok = _value_words(value) <= _keywords(span.text) or _value_words(
                value.replace("-", "")
            ) <= _keywords(span.text)
        if not ok:
            return False
    return True


def _fields(record: ConsensusRecord) -> Iterator[tuple[str, str, str, ConsensusField]]:
    """(pointer, section, field name, field) for every Field of the record."""
    for section in ("people", "meetings", "proposals", "statements"):
        for i, entity in enumerate(getattr(record, section)):
            for name in type(entity).model_fields:
                value = getattr(entity, name)
                if isinstance(value, ConsensusField):
                    yield f"/{section}/{i}/{name}", section, name, value
                elif isinstance(value, list):
                    for j, item in enumerate(value):
                        if isinstance(item, ConsensusField):
                            yield f"/{section}/{i}/{name}/{j}", section, name, item


def unshown(record: ConsensusRecord, texts: dict[str, str]) -> list[tuple[str, object, list[str]]]:
    """Fields whose evidence does not show their value (and spans that are not the text)."""
    published = {s.id: s.published or "" for s in record.sources}
    bad = []
    for pointer, section, name, f in _fields(record):
        for span in f.evidence:
            assert texts[span.source][span.start : span.end] == span.text, (pointer, span)
        if f.value is None or not f.evidence:
            continue
        if not shows(section, name, str(f.value), f.evidence, published):
            bad.append((pointer, f.value, [s.text[:100] for s in f.evidence]))
    return bad


def _nrc_meeting(record: ConsensusRecord) -> tuple[int, Any]:
    found = [
        (i, m)
        for i, m in enumerate(record.meetings)
        if {"nato", "russia", "council"}
        <= set(fold_for_comparison(str(m.name.value)).replace("-", " ").split())
        and m.date.value
    ]
    assert len(found) == 1, [m.name.value for m in record.meetings]
    return found[0]


# --- the date matcher -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "text", "published", "expected"),
    [
        ("2022-01-12", "The meeting on January 12 will focus on security.", "", True),
        ("2022-01-12", "has convened a meeting on 12 January 2022 as chair", "", True),
        ("2022-01-12", "I've convened the NATO-Russia Council meeting on Jan 12 to", "", True),
        ("2022-01-12", "It meets on Jan. 12th in Brussels.", "", True),
        ("2022-01-12", "on the 12th of January", "", True),
        ("2022-01-12", "It will be held in Brussels on Wednesday.", "2022-01-10", True),
        ("2022-01-12", "It will be held in Brussels on Wednesday.", "2022-01-04", False),
        ("2022-01-12", "It will be held in Brussels on Thursday.", "2022-01-10", False),
        ("2022-01-12", "It will be held in Brussels on Wednesday.", "", False),
        ("2022-01-17", "It follows talks in Geneva on Monday, 10 January.", "2022-01-12", False),
        ("2022-01-10", "It follows talks in Geneva on Monday, 10 January.", "2022-01-12", True),
        ("2022-01-11", "The talks end tomorrow, officials said.", "2022-01-10", True),
        ("2022-01-12", "The committee meets on January 12-13, 2022.", "", True),
        ("2022-01-13", "The committee meets on January 12-13, 2022.", "", True),
        ("2022-01-13", "The committee meets on 12\u201313 January.", "", True),
        ("2022-01-13", "The committee meets on January 12 to 13.", "", True),
        ("2022-01-14", "The committee meets on January 12-13, 2022.", "", False),
        ("2022-01-13", "…meeting on January 12…", "", False),
        ("2022-01-01", "The meeting on January 12 will focus on security.", "", False),
        ("2022-01-12", "The council last met on January 12, 2019.", "", False),
        ("2022-01-12", " date 2022-01-12 The talks will be held in Brussels.", "", False),
        ("2022-01-12", "Published 2022-01-12.", "", True),
        ("2022-01", "The talks will be held in January.", "", True),
        ("2022-05", "Talks may resume soon.", "", False),
        ("2022", "The proposals of 2022 were discussed.", "", True),
        ("not a date", "January 12", "", False),
    ],
)
def test_the_date_matcher_reads_dates_as_articles_write_them(
    iso: str, text: str, published: str, expected: bool
) -> None:
    assert date_shown(iso, text, published) is expected


# --- invented values --------------------------------------------------------------------------------

A = (
    "date 2022-01-04\nBRUSSELS, January 4. The NATO-Russia Council will meet in Brussels on "
    "January 12, NATO said. Secretary General Jens Stoltenberg will chair the talks.\n\n"
)
B = (
    "date 2022-01-05\nMOSCOW, January 5. The NATO-Russia Council meeting is expected soon, "
    "diplomats told reporters in Moscow.\n\n"
)
C = (
    "date 2022-01-06\nWASHINGTON, January 6. A NATO-Russia Council meeting is coming, an "
    "official said without giving details.\n\n"
)
A_QUOTE = "The NATO-Russia Council will meet in Brussels on January 12, NATO said."
B_QUOTE = "The NATO-Russia Council meeting is expected soon, diplomats told reporters in Moscow."
C_QUOTE = "A NATO-Russia Council meeting is coming, an official said without giving details."


def _batch(folder: Path, made_up: dict[str, Any], **shown: Any) -> ConsensusRecord:
    """a gives the values its text shows; b and c make up others their texts lack."""
    articles = _write(folder, {"a": A + _filler("a"), "b": B + _filler("b"), "c": C + _filler("c")})
    extractions = {
        "a": _nrc(A_QUOTE, **shown),
        "b": _nrc(B_QUOTE, **made_up),
        "c": _nrc(C_QUOTE, **made_up),
    }
    return reconcile_grounded([ground(a, extractions[a.id]) for a in articles], run=RUN)


@pytest.fixture
def invented(tmp_path: Path) -> ConsensusRecord:
    made_up = {"date": "2022-01-13", "participants": [Person(name="Antony Blinken")]}
    return _batch(tmp_path / "in", made_up, date="2022-01-12")


def test_an_invented_date_and_participant_get_no_evidence_and_lose(
    invented: ConsensusRecord,
) -> None:
    (meeting,) = invented.meetings
    assert meeting.sources == ["a", "b", "c"]
    # one source whose text shows the date beats two whose texts do not
    assert meeting.date.value == "2022-01-12"
    assert meeting.date.sources == ["a"]
    assert meeting.date.support == pytest.approx(1 / 3, abs=1e-4)
    assert meeting.date.evidence
    assert all(s.source == "a" and "January 12" in s.text for s in meeting.date.evidence)
    assert invented.title == "NATO-Russia Council meeting, 12 January 2022"
    (conflict,) = invented.conflicts
    assert conflict.path == "/meetings/0/date"
    assert [(v.value, v.sources) for v in conflict.values] == [
        ("2022-01-12", ["a"]),
        ("2022-01-13", ["b", "c"]),
    ]
    assert conflict.values[0].evidence
    assert conflict.values[1].evidence == []
    assert "no passage of their sources shows 2022-01-13" in conflict.note
    (blinken,) = meeting.participants
    assert (blinken.value, blinken.sources) == ("Antony Blinken", ["b", "c"])
    assert blinken.support == pytest.approx(2 / 3, abs=1e-4)
    assert blinken.evidence == []
    person = next(p for p in invented.people if p.name.value == "Antony Blinken")
    assert person.name.evidence == []


def test_an_invented_location_gets_no_evidence_and_loses(tmp_path: Path) -> None:
    record = _batch(
        tmp_path / "in",
        {"date": "2022-01-12", "location": "Geneva"},
        date="2022-01-12",
        location="Brussels",
        chair=Person(name="Jens Stoltenberg"),
    )
    (meeting,) = record.meetings
    assert (meeting.location.value, meeting.location.sources) == ("Brussels", ["a"])
    assert meeting.location.evidence
    assert all("Brussels" in s.text for s in meeting.location.evidence)
    assert meeting.chair.evidence
    assert all("Stoltenberg" in s.text for s in meeting.chair.evidence)
    # b and c give the date too, but only a's text shows it: their passages are no evidence
    assert meeting.date.sources == ["a", "b", "c"]
    assert {s.source for s in meeting.date.evidence} == {"a"}
    (conflict,) = record.conflicts
    assert conflict.path == "/meetings/0/location"
    assert [(v.value, bool(v.evidence)) for v in conflict.values] == [
        ("Brussels", True),
        ("Geneva", False),
    ]


def test_the_reports_say_when_no_passage_shows_a_value(invented: ConsensusRecord) -> None:
    markdown = render_markdown(invented)
    assert "   - 2022-01-13 — source 2, source 3 (no passage shows it" in markdown
    assert "Antony Blinken[^nopassage] (2/3)" in markdown
    assert "[^nopassage]: No passage found" in markdown
    assert re.search(
        r"^\[\^\d+\]: source 1 \d+–\d+: “" + re.escape(A_QUOTE.split()[0]), markdown, re.M
    )
    page = render_html(invented)
    assert 'class="v none " role="button" tabindex="0" data-ev="" data-source="' in page
    assert "no passage shows this value" in page
    assert "http://" not in page and "https://" not in page


def test_a_date_no_passage_shows_stays_out_of_the_title(tmp_path: Path) -> None:
    (article,) = _write(tmp_path / "in", {"b": B + _filler("b")})
    record = reconcile_grounded([ground(article, _nrc(B_QUOTE, date="2022-01-13"))], run=RUN)
    assert record.meetings[0].date.value == "2022-01-13"
    assert record.meetings[0].date.evidence == []
    assert record.title == "NATO-Russia Council meeting"
    assert "|date|2022-01-13[^nopassage]|1/1|" in render_markdown(record)


# --- looking near the record's passages -------------------------------------------------------------

NEAR = (
    "date 2022-01-10\nBRUSSELS, January 10. The NATO-Russia Council will meet on Wednesday. "
    "The talks will take place at NATO headquarters in Brussels. Jens Stoltenberg will chair "
    "them, and Russia will be represented by Deputy Foreign Minister Alexander Grushko.\n\n"
    "Other news of the day: markets were calm.\n\n"
    "Weather: rain.\n\n"
    "In Geneva, Sergey Ryabkov met US officials on Monday.\n\n"
)


def test_a_value_is_found_in_the_paragraph_of_the_records_passage(tmp_path: Path) -> None:
    (article,) = _write(tmp_path / "in", {"n": NEAR + _filler("n")})
    quote = "The NATO-Russia Council will meet on Wednesday."
    extraction = _nrc(
        quote,
        date="2022-01-12",
        location="Brussels",
        chair=Person(name="Jens Stoltenberg"),
        participants=[Person(name="Aleksandr Grushko"), Person(name="Sergei Ryabkov")],
    )
    record = reconcile_grounded([ground(article, extraction)], run=RUN)
    meeting = record.meetings[0]
    text = article.text

    def only(field: ConsensusField) -> Span:
        (span,) = field.evidence
        assert text[span.start : span.end] == span.text
        return span

    # the record's own passage shows the date through its weekday (published Monday 10 January)
    date = only(meeting.date)
    assert date.text == quote
    assert record.title == "NATO-Russia Council meeting, 12 January 2022"
    location = only(meeting.location)
    assert location.text == "The talks will take place at NATO headquarters in Brussels."
    assert location.match == "exact"
    chair = only(meeting.chair)
    assert chair.text.startswith("Jens Stoltenberg will chair them")
    participants = {str(p.value): p for p in meeting.participants}
    grushko = only(participants["Aleksandr Grushko"])
    assert (grushko.start, grushko.end) == (chair.start, chair.end)
    assert "Alexander Grushko" in grushko.text
    assert grushko.match == "normalized"  # found by transliteration: not written as given
    # Ryabkov is named three paragraphs away: too far to be this record's evidence
    assert participants["Sergei Ryabkov"].evidence == []


# --- the example articles -------------------------------------------------------------------------


def test_gold_council_meeting_keeps_its_sources_and_evidence(
    gold_record: ConsensusRecord, examples: list[Article]
) -> None:
    index, meeting = _nrc_meeting(gold_record)
    assert index == 0
    assert len(meeting.sources) == 5
    assert meeting.date.value == "2022-01-12"
    assert meeting.date.support == 1.0
    assert meeting.date.evidence
    published = {a.id: a.published or "" for a in examples}
    assert all(date_shown("2022-01-12", s.text, published[s.source]) for s in meeting.date.evidence)
    assert meeting.location.value == "Brussels"
    assert meeting.location.evidence
    assert all("Brussels" in s.text for s in meeting.location.evidence)
    assert gold_record.conflicts == []
    assert gold_record.title == "NATO-Russia Council meeting, 12 January 2022"


def test_every_gold_field_with_evidence_is_shown_by_it(
    gold_record: ConsensusRecord, examples: list[Article]
) -> None:
    assert unshown(gold_record, {a.id: a.text for a in examples}) == []


@pytest.mark.slow
def test_every_offline_field_with_evidence_is_shown_by_it(
    offline_run: tuple[ConsensusRecord, list[Article]],
) -> None:
    record, articles = offline_run
    assert unshown(record, {a.id: a.text for a in articles}) == []
    with_evidence = [f for *_, f in _fields(record) if f.value is not None and f.evidence]
    assert len(with_evidence) > 100


@pytest.mark.slow
def test_the_offline_report_quotes_or_flags_every_field(
    offline_run: tuple[ConsensusRecord, list[Article]],
) -> None:
    record, _ = offline_run
    markdown = render_markdown(record)
    assert markdown == render_markdown(record.model_copy(deep=True))
    labels = source_labels(record.sources)
    notes = markdown[markdown.index("## Evidence") :]
    for pointer, _, _, f in _fields(record):
        if f.value is None:
            continue
        if not f.evidence:
            assert "[^nopassage]" in markdown, pointer
            continue
        first = f.evidence[0]
        assert f"]: {labels[first.source]} {first.start}–{first.end}" in notes, pointer
