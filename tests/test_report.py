"""Tests for the Markdown and HTML reports of a consensus record."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

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
    Span,
    Statement,
)
from summarizer.report import render_html, render_markdown
from summarizer.report.view import source_labels

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


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {g.article.id: g.article.text for g in grounded_gold()}


def _visible(page: str) -> str:
    """The text a browser shows: data and script dropped, tags dropped, entities decoded."""
    page = re.sub(r"<script[^>]*>.*?</script>", " ", page, flags=re.S)
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _section(text: str, heading: str, next_heading: str) -> str:
    start = text.index(heading)
    return text[start : text.index(next_heading, start + len(heading))]


def _spans(record: ConsensusRecord) -> dict[tuple[str, int, int], Span]:
    found: dict[tuple[str, int, int], Span] = {}

    def walk(value: object) -> None:
        if isinstance(value, Span):
            found[(value.source, value.start, value.end)] = value
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif hasattr(value, "model_fields"):
            for name in type(value).model_fields:
                walk(getattr(value, name))

    walk(record)
    return found


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_opens_with_the_event_and_its_main_facts(record: ConsensusRecord) -> None:
    text = render_markdown(record)
    assert text.startswith("# NATO-Russia Council meeting, 12 January 2022\n\n5 reports ")
    summary = text[: text.index("## Meetings")]
    assert "describe the NATO-Russia Council meeting on 2022-01-12" in summary
    assert re.search(r"\n\|date\|2022-01-12\[\^\d+\]\|5/5\|all 5\|\n", summary)
    assert re.search(r"\n\|location\|Brussels\[\^\d+\]\|3/5\|", summary)
    assert "## Conflicts (0)\n\nNone: the sources do not contradict each other." in summary
    # the summary fits on a screen: the paragraph, the facts table and the conflicts
    assert len(summary.splitlines()) <= 40


def test_markdown_has_one_compact_table_per_kind(record: ConsensusRecord) -> None:
    text = render_markdown(record)
    for heading, count in [
        ("## Meetings", len(record.meetings)),
        ("## Proposals", len(record.proposals)),
        ("## Who said what", len(record.statements)),
        ("## People", len(record.people)),
        ("## Sources", len(record.sources)),
    ]:
        section = _section(text, f"{heading} ({count})", "\n## ")
        rows = [line for line in section.splitlines() if line.startswith("|")]
        assert len(rows) == count + 2, heading  # header, rule, one row each


def test_markdown_groups_statements_by_speaker(record: ConsensusRecord) -> None:
    section = _section(render_markdown(record), "## Who said what", "\n## ")
    speakers = [line.split("|")[1] for line in section.splitlines()[4:] if line.startswith("|")]
    named = [re.sub(r"\[\^\w+\]", "", s) for s in speakers if s]
    assert len(named) == len(set(named))  # each speaker named once, on their first row
    by_speaker = Counter(str(s.speaker.value) for s in record.statements)
    assert sorted(named) == sorted(by_speaker)
    assert max(by_speaker.values()) > 1


def test_markdown_names_sources_by_short_labels(record: ConsensusRecord) -> None:
    text = render_markdown(record)
    labels = source_labels(record.sources)
    body = text[: text.index("## Sources")]
    for source in record.sources:
        assert source.id not in body  # hashes only in the sources table
    section = _section(text, "## Sources", "## Evidence")
    for source in record.sources:
        assert f"|{labels[source.id]}|" in section
        assert source.id in section


def test_every_footnote_points_at_a_real_passage(record: ConsensusRecord) -> None:
    text = render_markdown(record)
    labels = {v: k for k, v in source_labels(record.sources).items()}
    spans = _spans(record)
    notes = re.findall(r"^\[\^(\d+)\]: (.+?) (\d+)–(\d+)", text, flags=re.M)
    assert notes
    for _, label, start, end in notes:
        assert (labels[label], int(start), int(end)) in spans
    used = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    assert used == {n for n, *_ in notes}


def test_conflicts_quote_both_sides(conflicted: ConsensusRecord) -> None:
    section = _section(render_markdown(conflicted), "## Conflicts (1)", "## Meetings")
    assert "1. **m1 (NATO-Russia Council meeting): date** — date mismatch, high." in section
    assert "   - 2022-01-12 — " in section
    assert "“The NATO-Russia Council meeting on January 12" in section
    assert "   - 2022-01-19 — source 4 (no passage shows it; they wrote: “" in section
    assert "on Wednesday, 12 January.”" in section  # what 003 actually wrote
    assert "003_00c3cf1de9e2a4c3" not in section  # the note speaks in labels too


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
    assert "|source 1|2022-01-05|source 2|1/0|reprint|" in markdown  # the copy names its original
    assert re.search(r"\|date\|2022-01-12\[\^\d+\]\|1/1 \+1 copied\|", markdown)
    page = _visible(render_html(record))
    assert "copy of source 2" in page
    assert "1/1 +1 copy" in page


def test_source_labels_tell_sources_apart(record: ConsensusRecord) -> None:
    sources = [
        s.model_copy(update={"outlet": outlet, "published": published})
        for s, (outlet, published) in zip(
            record.sources,
            [
                ("TASS", "2022-01-04"),
                ("TASS", "2022-01-04"),
                ("Sputnik", "2022-01-12"),
                (None, None),
                ("TASS", "2021-12-26"),
            ],
            strict=True,
        )
    ]
    labels = source_labels(sources)
    assert [labels[s.id] for s in sources] == ["TASS b", "TASS c", "Sputnik", "source 4", "TASS a"]


# --- HTML ---------------------------------------------------------------------------------------


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page)
    assert block
    data: dict = json.loads(block.group(1))
    return data


def test_html_leads_with_summary_facts_and_conflicts(conflicted: ConsensusRecord) -> None:
    page = render_html(conflicted)
    visible = _visible(page)
    assert visible.index("NATO-Russia Council meeting, 12 January 2022") < visible.index(
        "Main facts of m1"
    )
    assert '<span id="conflict-count" class="count some">1</span>' in page
    assert page.index('id="summary"') < page.index('id="conflicts"') < page.index('id="meetings"')
    assert page.index('id="statements"') < page.index('id="people"') < page.index('id="sources"')
    # both sides of the conflict, side by side, each with its sources
    sides = re.findall(r'<div class="side" data-src="([\d ]*)">', page)
    assert sides == ["0 1 2 4", "3"]
    assert "on Wednesday, 12 January." in visible


def test_every_value_opens_its_passage(conflicted: ConsensusRecord, texts) -> None:
    page = render_html(conflicted, texts)
    data = _data(page)
    ids = [s.id for s in conflicted.sources]
    spans = _spans(conflicted)
    assert [s["text"] for s in data["sources"]] == [texts[i] for i in ids]
    for source, start, end, _match in data["spans"]:
        text = data["sources"][source]["text"]
        assert (ids[source], start, end) in spans
        assert text[start:end] == spans[(ids[source], start, end)].text
    used = {int(i) for ev in re.findall(r'data-ev="([\d ]+)"', page) for i in ev.split()}
    assert used == set(range(len(data["spans"])))
    # the date in the facts table opens every passage its sources gave for it
    date = conflicted.meetings[0].date
    ev = re.search(
        r'<th>date</th><td><span class="v " role="button" tabindex="0" data-ev="([\d ]+)"', page
    )
    assert ev
    opened = [data["spans"][int(i)] for i in ev.group(1).split()]
    assert [(ids[s], a, b) for s, a, b, _ in opened] == [
        (s.source, s.start, s.end) for s in date.evidence
    ]


def test_html_without_texts_carries_the_passages(record: ConsensusRecord) -> None:
    data = _data(render_html(record))
    assert all(s["text"] is None for s in data["sources"])
    spans = _spans(record)
    ids = [s.id for s in record.sources]
    for source, start, end, _match, text in data["spans"]:
        assert spans[(ids[source], start, end)].text == text


def test_html_offsets_count_as_a_browser_does() -> None:
    """Offsets in the record count code points; a browser counts UTF-16 units."""
    text = "Officials 😀 met 🎉 in Geneva on Monday to talk."
    quote = "met 🎉 in Geneva on Monday"
    extraction = ArticleExtraction(
        meetings=[Meeting(name="talks", location="Geneva", quotes=[quote])]
    )
    article = make_test_article("a", text, published="2022-01-10")
    record = reconcile_grounded([ground(article, extraction)], run=RUN)
    data = _data(render_html(record, {"a": text}))
    units = text.encode("utf-16-le")
    for _, start, end, _match in data["spans"]:
        assert units[2 * start : 2 * end].decode("utf-16-le") in text
    assert any(units[2 * s : 2 * e].decode("utf-16-le") == quote for _, s, e, _m in data["spans"])


def test_html_has_a_source_filter(record: ConsensusRecord) -> None:
    page = render_html(record)
    labels = source_labels(record.sources)
    options = re.findall(r'<option value="(\d*)">([^<]*)</option>', page)
    assert options[0] == ("", "every source")
    assert [(int(v), t.split(" · ")[0]) for v, t in options[1:]] == [
        (i, html.escape(labels[s.id], quote=True)) for i, s in enumerate(record.sources)
    ]
    # every entity, statement and conflict says which sources it rests on
    assert page.count('class="entity item"') == len(record.meetings) + len(record.proposals)
    assert len(re.findall(r'<li class="item" data-src="[\d ]+">', page)) == len(record.statements)


def test_html_lists_sources_with_their_counts(record: ConsensusRecord) -> None:
    section = _visible(_section(render_html(record), 'id="sources"', "<footer>"))
    for source in record.sources:
        assert source.id in section
        assert f"{source.grounded} / {source.ungrounded}" in section


def test_html_is_self_contained(record: ConsensusRecord, texts) -> None:
    page = render_html(record, texts)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    markup = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    for needle in ("<link", " src=", "http://", "https://", "@import", "url("):
        assert needle not in markup
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    assert "default-src 'none'" in csp.group(1)
    assert "script-src 'sha256-" in csp.group(1)


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
    text = f"Officials met. {EVIL} The meeting took place on Monday."
    page = render_html(hostile, {"evil": text})
    assert page.count("<script") == 2  # the data block and the page's own script
    assert "<img" not in page
    assert "href=" not in page.replace('href="#', "")
    assert "&lt;script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert '<script>alert("x")</script>' in _visible(page)
    assert _data(page)["sources"][0]["text"] == text  # the reader gets the text, as text


def test_markdown_escapes_untrusted_text(hostile: ConsensusRecord) -> None:
    text = render_markdown(hostile)
    assert not re.search(r"(?<!\\)<(script|img)", text)
    assert not re.search(r"(?<!\\)\]\(http", text)
    assert r"\<script\>" in text
    assert r"\[link\](http://evil.example)" in text


def test_reports_are_deterministic(record: ConsensusRecord, texts) -> None:
    assert render_markdown(record) == render_markdown(record.model_copy(deep=True))
    assert render_html(record, texts) == render_html(record.model_copy(deep=True), dict(texts))


def test_empty_record_renders() -> None:
    record = reconcile_grounded([], run=RUN)
    assert render_markdown(record).startswith("# Untitled event\n")
    assert "<h1>Untitled event</h1>" in render_html(record)


# --- claims ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def with_claims(record: ConsensusRecord, texts) -> ConsensusRecord:
    """The reference record with two claims: one agreed, one the sources contradict."""
    from summarizer.records import (
        Alternative,
        ConflictValue,
        ConsensusClaim,
        ConsensusField,
    )
    from summarizer.records import Conflict as ConflictRecord

    def span(source: str, words: str) -> Span:
        start = texts[source].index(words)
        return Span(source=source, start=start, end=start + len(words), text=words, match="exact")

    a, b, c = (s.id for s in record.sources[:3])
    first = span(a, "the first in two and a half years")
    second = span(c, "the first Russia-NATO Council (RNC) in two and a half years")
    third = span(c, "The RNC last convened in the summer of 2019")

    def field(value, sources, evidence, alternatives=()):
        return ConsensusField(
            value=value,
            sources=sources,
            support=1.0,
            evidence=evidence,
            alternatives=[Alternative(value=v, sources=s) for v, s in alternatives],
        )

    agreed = ConsensusClaim(
        id="k1",
        sources=[a, c],
        about=field("m1", [a, c], []),
        attribute=field("time since the last meeting", [a, c], []),
        value=field("two and a half years", [a, c], [first, second]),
        quantity=field({"amount": 2.5, "unit": "year", "qualifier": "exact"}, [a, c], [first]),
        date=field(None, [], []),
        attributed_to=field(None, [], []),
    )
    disputed = ConsensusClaim(
        id="k2",
        sources=[b, c],
        about=field("m1", [b, c], []),
        attribute=field("month of the last meeting", [b, c], []),
        value=field("summer of 2019", [c], [third], [("April 2019", [b])]),
        quantity=field(None, [], []),
        date=field("2019-07", [c], [third], [("2019-04", [b])]),
        attributed_to=field(None, [], []),
    )
    conflict = ConflictRecord(
        id="c9",
        path="/claims/1/date",
        kind="date_mismatch",
        severity="medium",
        values=[
            ConflictValue(value="2019-07", sources=[c], evidence=[third]),
            ConflictValue(value="2019-04", sources=[b], evidence=[]),
        ],
        note=f"month of the last meeting: 2019-07 ({c}) vs 2019-04 ({b})",
    )
    return record.model_copy(update={"claims": [agreed, disputed], "conflicts": [conflict]})


def test_claims_show_their_value_support_and_conflicts(with_claims: ConsensusRecord, texts):
    labels = source_labels(with_claims.sources)
    b, c = (labels[s.id] for s in with_claims.sources[1:3])
    markdown = render_markdown(with_claims)
    section = _section(markdown, "## Claims (2)", "\n## ")
    note = r"(\[\^\w+\])?"
    assert re.search(
        rf"\|k1\|m1 NATO-Russia Council meeting{note}\|time since the last meeting{note}\|"
        r"two and a half years\[\^\d+\]\|2\.5 years\[\^\d+\]\|",
        section,
    )
    assert re.search(r"\|summer of 2019\[\^\d+\] \(1/2\)\|", section)
    conflicts = _section(markdown, "## Conflicts (1)", "\n## ")
    assert "**k2 (m1 NATO-Russia Council meeting: month of the last meeting): date**" in conflicts
    assert f"   - 2019-07 — {c}: “The RNC last convened in the summer of 2019”" in conflicts
    assert f"   - 2019-04 — {b} (no passage shows it" in conflicts
    page = render_html(with_claims, texts)
    visible = _visible(page)
    assert "Claims 2" in visible
    assert "two and a half years" in visible
    assert "k2 (m1 NATO-Russia Council meeting: month of the last meeting): date" in visible
    assert 'href="#claims"' in page


def test_reports_say_why_the_articles_are_one_event(record: ConsensusRecord) -> None:
    from summarizer.records import Grouping

    grouped = record.model_copy(
        update={"grouping": Grouping(method="cluster", threshold=0.3, shared=["NATO", "Brussels"])}
    )
    why = "grouped as one event by their content (similarity threshold 0.3); most of them share: NATO, Brussels."
    assert why in render_markdown(grouped)
    assert why in _visible(render_html(grouped))


def test_tables_show_the_fields_reconciliation_declares(record: ConsensusRecord) -> None:
    from summarizer.reconciliation.fields import fields_of

    text = render_markdown(record)
    for heading, kind in [
        ("## Meetings", "meeting"),
        ("## Proposals", "proposal"),
        ("## People", "person"),
    ]:
        section = _section(text, heading, "\n## ")
        header = next(line for line in section.splitlines() if line.startswith("|"))
        columns = header.strip("|").split("|")[1:-1]  # between "id" and "sources"
        declared = [spec.label.lower() for spec in fields_of(kind) if spec.fused]
        assert columns == [c for c in declared if c in columns]  # declared order, none invented
        assert columns[0] == declared[0]


def test_main_facts_point_at_their_conflicts(conflicted: ConsensusRecord) -> None:
    assert re.search(
        r"\n\|date\|2022-01-12\[\^\d+\] \(conflict 1\)\|4/5\|", render_markdown(conflicted)
    )
    page = render_html(conflicted)
    row = re.search(r"<th>date</th><td>.*?</td>", page)
    assert row and '<a class="badge" href="#c1">conflict c1</a>' in row.group(0)


def test_a_claim_about_an_entity_links_to_it_rather_than_to_a_passage(
    with_claims: ConsensusRecord, texts
):
    section = _section(render_markdown(with_claims), "## Claims (2)", "\n## ")
    assert "|k1|m1 NATO-Russia Council meeting|" in section  # no footnote: m1 holds the evidence
    page = render_html(with_claims, texts)
    row = page[page.index('<tr class="item" id="k1"') :]
    row = row[: row.index("</tr>")]
    assert '<a href="#m1">m1 NATO-Russia Council meeting</a>' in row
    assert 'title="no passage shows this value">m1' not in row


def test_a_claim_that_restates_a_meetings_own_field_is_not_shown_again(record: ConsensusRecord):
    from summarizer.records import Conflict as ConflictRecord
    from summarizer.records import ConflictValue, ConsensusClaim, ConsensusField

    meeting = record.meetings[0]
    source = record.sources[0].id

    def field(value) -> ConsensusField:
        return ConsensusField(value=value, sources=[source] if value is not None else [])

    def claim(n: int, attribute: str, value: str, date: str | None = None) -> ConsensusClaim:
        return ConsensusClaim(
            id=f"k{n}",
            sources=[source],
            about=field(meeting.id),
            attribute=field(attribute),
            value=field(value),
            quantity=field(None),
            date=field(date),
            attributed_to=field(None),
        )

    assert meeting.date.value and meeting.location.value
    same_day = claim(1, "date", "the day in words", str(meeting.date.value))
    same_place = claim(2, "Location", str(meeting.location.value).upper())
    other_place = claim(3, "location", "a different town")
    disputed_day = claim(4, "date", "same day again", str(meeting.date.value))
    other_attribute = claim(5, "date of the invitation", "some day", str(meeting.date.value))
    conflict = ConflictRecord(
        id="c9",
        path="/claims/3/date",
        kind="date_mismatch",
        severity="medium",
        values=[ConflictValue(value="x", sources=[source]), ConflictValue(value="y", sources=[])],
        note="two days",
    )
    shown = record.model_copy(
        update={
            "claims": [same_day, same_place, other_place, disputed_day, other_attribute],
            "conflicts": [conflict],
        }
    )
    markdown = render_markdown(shown)
    section = _section(markdown, "## Claims (3)", "\n## ")
    assert "|k1|" not in section and "|k2|" not in section
    assert "|k3|" in section and "|k4 (conflict 1)|" in section and "|k5|" in section
    assert "2 more claims give a meeting's date, place or time" in section
    page = render_html(shown, {})
    claims = page[page.index('<section id="claims">') :]
    assert "2 more claims give a meeting's date" in claims[: claims.index("</section>")]
