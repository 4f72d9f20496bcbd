"""Tests for the Markdown and HTML reports of a consensus record."""

from __future__ import annotations

import html
import re

import pytest
from conftest import grounded_gold, make_test_article

from summarizer.ground import ground
from summarizer.reconciliation import reconcile_grounded
from summarizer.records import (
    ArticleExtraction,
    ConsensusRecord,
    Meeting,
    Person,
    Run,
    Statement,
)
from summarizer.report import render_html, render_markdown

RUN = Run(backend="test", model="none", started="2022-01-12T00:00:00+00:00")


@pytest.fixture(scope="module")
def record() -> ConsensusRecord:
    return reconcile_grounded(grounded_gold(), run=RUN)


@pytest.fixture(scope="module")
def conflicted() -> ConsensusRecord:
    """The reference batch with 003 giving the council meeting another date."""
    grounded = grounded_gold()
    extraction = grounded[3].extraction.model_copy(deep=True)
    extraction.meetings[0].date = "2022-01-19"
    grounded[3] = ground(grounded[3].article, extraction)
    return reconcile_grounded(grounded, run=RUN)


def _visible(page: str) -> str:
    """The text a browser shows: tags dropped, entities decoded, whitespace folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _section(record: ConsensusRecord, heading: str, next_heading: str) -> str:
    """The Markdown report of `record` from one heading up to the next one given."""
    text = render_markdown(record)
    return text[text.index(heading) : text.index(next_heading)]


def test_markdown_states_consensus_with_support(record: ConsensusRecord) -> None:
    text = render_markdown(record)
    assert text.startswith("# NATO-Russia Council meeting, 12 January 2022\n")
    assert "**date:** 2022-01-12 — 5/5 sources" in text
    assert "**location:** Brussels — 3/5 sources" in text
    assert "**status:** scheduled — 4/5 sources" in text
    assert "*earlier:* proposed (004_56d7c0d1adaada1b, 2021-12-26)" in text
    assert "The sources do not contradict each other." in text


def test_markdown_says_who_said_what(record: ConsensusRecord) -> None:
    section = _section(record, "## Who said what", "## People")
    assert "**Yury Ushakov** (3/3 sources" in section
    assert "Yuri Ushakov" in section
    assert "> Kremlin Aide Yury Ushakov told journalists" in section


def test_markdown_lists_every_source(record: ConsensusRecord) -> None:
    section = _section(record, "## Sources", "## Run")
    for source in record.sources:
        assert f"`{source.id}`" in section
    assert section.count("| independent |") == len(record.sources)


def test_conflicts_quote_both_sides(conflicted: ConsensusRecord) -> None:
    section = _section(conflicted, "## Conflicts", "## Meetings")
    assert "### c1 · date mismatch · high · `/meetings/0/date`" in section
    assert "- **2022-01-12** — 000_4adca80e61857a20" in section
    assert "- **2022-01-19** — 003_00c3cf1de9e2a4c3" in section
    assert "> The NATO-Russia Council meeting on January 12" in section
    assert "on Wednesday, 12 January." in section  # what 003 actually wrote


def test_html_has_the_same_content(conflicted: ConsensusRecord) -> None:
    page = _visible(render_html(conflicted))
    for phrase in [
        "NATO-Russia Council meeting, 12 January 2022",
        "date: 2022-01-12 — 4/5 sources",
        "c1 · date mismatch · high · /meetings/0/date",
        "2022-01-19 — 003_00c3cf1de9e2a4c3",
        "on Wednesday, 12 January.",
        "Who said what",
        "Yury Ushakov",
    ]:
        assert phrase in page


def test_duplicates_are_marked() -> None:
    text = (
        "BRUSSELS. NATO Secretary General Jens Stoltenberg has convened a meeting of the "
        "NATO-Russia Council on 12 January 2022 in his capacity as its chair, the alliance "
        "said. Any dialogue with Russia would have to proceed on the basis of reciprocity."
    )
    quote = "has convened a meeting of the NATO-Russia Council on 12 January 2022"
    extraction = ArticleExtraction(
        meetings=[Meeting(name="NATO-Russia Council meeting", date="2022-01-12", quotes=[quote])]
    )
    grounded = [
        ground(make_test_article("wire", text, published="2022-01-04"), extraction),
        ground(
            make_test_article("reprint", text + " (Edited.)", published="2022-01-05"), extraction
        ),
    ]
    record = reconcile_grounded(grounded, run=RUN)
    markdown = render_markdown(record)
    assert "| **copy of wire** |" in markdown
    assert "**date:** 2022-01-12 — 1/1 source (+1 copy)" in markdown
    assert "copy of wire" in _visible(render_html(record))


EVIL = '<script>alert("x")</script> <img src=x onerror=alert(1)> [link](http://evil.example)'


@pytest.fixture(scope="module")
def hostile() -> ConsensusRecord:
    text = f"Officials met. {EVIL} The meeting took place on Monday."
    extraction = ArticleExtraction(
        headline=EVIL,
        meetings=[Meeting(name=f"Meeting {EVIL}", location=EVIL, quotes=[EVIL])],
        statements=[
            Statement(
                speaker=Person(name=f"Anna {EVIL}"),
                content=EVIL,
                direct=True,
                quotes=[EVIL],
            )
        ],
    )
    return reconcile_grounded(
        [ground(make_test_article("evil", text, published="2022-01-01"), extraction)], run=RUN
    )


def test_html_escapes_untrusted_text(hostile: ConsensusRecord) -> None:
    page = render_html(hostile)
    assert "<script" not in page
    assert "<img" not in page
    assert "href=" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert '<script>alert("x")</script>' in _visible(page)


def test_html_is_self_contained(record: ConsensusRecord) -> None:
    page = render_html(record)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    for needle in ("<script", "<link", "src=", "http://", "https://", "@import"):
        assert needle not in page


def test_markdown_escapes_untrusted_text(hostile: ConsensusRecord) -> None:
    text = render_markdown(hostile)
    assert not re.search(r"(?<!\\)<(script|img)", text)
    assert not re.search(r"(?<!\\)\]\(http", text)
    assert r"\<script\>" in text
    assert r"\[link\](http://evil.example)" in text


def test_reports_are_deterministic(record: ConsensusRecord) -> None:
    assert render_markdown(record) == render_markdown(record.model_copy(deep=True))
    assert render_html(record) == render_html(record.model_copy(deep=True))


def test_empty_record_renders() -> None:
    record = reconcile_grounded([], run=RUN)
    assert render_markdown(record).startswith("# Untitled event\n")
    assert "<h1>Untitled event</h1>" in render_html(record)
