"""Tests for the Markdown and HTML reports of a consensus record."""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import pytest

from summarizer.ground import ground
from summarizer.reconciliation import reconcile
from summarizer.records import (
    Article,
    ArticleExtraction,
    ConsensusRecord,
    GroundedExtraction,
    Meeting,
    Person,
    Run,
    Statement,
)
from summarizer.report import render_html, render_markdown

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "nato-russia-council"
GOLD = ROOT / "tests" / "gold"
PUBLISHED = {
    "000": "2022-01-04",
    "001": "2022-01-04",
    "002": "2022-01-04",
    "003": "2022-01-12",
    "004": "2021-12-26",
}
RUN = Run(backend="test", model="none", started="2022-01-12T00:00:00+00:00")


def _article(article_id: str, text: str, published: str | None) -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        chars=len(text),
        published=published,
    )


def _gold() -> list[GroundedExtraction]:
    paths = sorted(EXAMPLES.glob("*.txt"))
    if not paths or not all((GOLD / f"{p.stem}.json").exists() for p in paths):
        pytest.skip("tests/gold/<article id>.json is missing for some example article")
    out = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as fh:
            article = _article(path.stem, fh.read(), PUBLISHED[path.stem[:3]])
        extraction = ArticleExtraction.model_validate_json(
            (GOLD / f"{path.stem}.json").read_text(encoding="utf-8")
        )
        out.append(ground(article, extraction))
    return out


@pytest.fixture(scope="module")
def record() -> ConsensusRecord:
    return reconcile(_gold(), run=RUN)


@pytest.fixture(scope="module")
def conflicted() -> ConsensusRecord:
    """The reference batch with 003 giving the council meeting another date."""
    grounded = _gold()
    extraction = grounded[3].extraction.model_copy(deep=True)
    extraction.meetings[0].date = "2022-01-19"
    grounded[3] = ground(grounded[3].article, extraction)
    return reconcile(grounded, run=RUN)


def _visible(page: str) -> str:
    """The text a browser shows: tags dropped, entities decoded, whitespace folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_markdown_states_consensus_with_support(record: ConsensusRecord) -> None:
    text = render_markdown(record)
    assert text.startswith("# NATO-Russia Council meeting, 12 January 2022\n")
    assert "**date:** 2022-01-12 — 5/5 sources" in text
    assert "**location:** Brussels — 3/5 sources" in text
    assert "**status:** scheduled — 4/5 sources" in text
    assert "*earlier:* proposed (004_56d7c0d1adaada1b, 2021-12-26)" in text
    assert "The sources do not contradict each other." in text


def test_markdown_says_who_said_what(record: ConsensusRecord) -> None:
    text = render_markdown(record)
    section = text[text.index("## Who said what") : text.index("## People")]
    assert "**Yury Ushakov** (3/3 sources" in section
    assert "Yuri Ushakov" in section
    assert "> Kremlin Aide Yury Ushakov told journalists" in section


def test_markdown_lists_every_source(record: ConsensusRecord) -> None:
    text = render_markdown(record)
    section = text[text.index("## Sources") : text.index("## Run")]
    for source in record.sources:
        assert f"`{source.id}`" in section
    assert section.count("| independent |") == len(record.sources)


def test_conflicts_quote_both_sides(conflicted: ConsensusRecord) -> None:
    text = render_markdown(conflicted)
    section = text[text.index("## Conflicts") : text.index("## Meetings")]
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
        ground(_article("wire", text, "2022-01-04"), extraction),
        ground(_article("reprint", text + " (Edited.)", "2022-01-05"), extraction),
    ]
    record = reconcile(grounded, run=RUN)
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
    return reconcile([ground(_article("evil", text, "2022-01-01"), extraction)], run=RUN)


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
    record = reconcile([], run=RUN)
    assert render_markdown(record).startswith("# Untitled event\n")
    assert "<h1>Untitled event</h1>" in render_html(record)
