"""The HTML report in a real browser: Debian's chromium driven by Playwright.

Asserts on the DOM: the conflict count, a click on a value highlights the passage at its
offsets, the source filter, no script error. Screenshots of the page at 1400 px and at phone
width, with the article reader open, are saved to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import grounded_gold

from summarizer.ground import ground
from summarizer.reconciliation import reconcile_grounded
from summarizer.records import ConsensusRecord, Run
from summarizer.report import render_html

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
RUN = Run(backend="test", model="none", started="2022-01-12T00:00:00+00:00")


@pytest.fixture(scope="module")
def record_and_texts() -> tuple[ConsensusRecord, dict[str, str]]:
    """The reference batch with 003 giving the council meeting another date and place."""
    grounded = grounded_gold()
    extraction = grounded[3].extraction.model_copy(deep=True)
    extraction.meetings[0].date = "2022-01-19"
    extraction.meetings[0].location = "Geneva"
    grounded[3] = ground(grounded[3].article, extraction)
    return reconcile_grounded(grounded, run=RUN), {g.article.id: g.article.text for g in grounded}


@pytest.fixture(scope="module")
def page_file(record_and_texts, tmp_path_factory) -> Path:
    record, texts = record_and_texts
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(record, texts), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, page_file):
    pages = []

    def open_(width: int, height: int):
        page = browser.new_page(viewport={"width": width, "height": height})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        page.errors = errors
        pages.append(page)
        return page

    yield open_
    for page in pages:
        assert page.errors == [], page.errors  # no script error, no blocked resource
        page.close()


def _save(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path


def test_conflicts_are_counted_and_shown_side_by_side(open_page, record_and_texts):
    record, _ = record_and_texts
    page = open_page(1400, 900)
    assert page.text_content("#conflict-count") == str(len(record.conflicts)) == "2"
    assert page.locator("#conflicts .conflict").count() == 2
    first = page.locator("#conflicts .conflict").first
    sides = first.locator(".side")
    assert sides.count() == 2
    left, right = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert left and right
    assert abs(left["y"] - right["y"]) < 1 and right["x"] > left["x"] + left["width"] - 1
    _save(page, "report-1400.png")


def test_clicking_a_value_highlights_its_passage(open_page, record_and_texts):
    record, texts = record_and_texts
    page = open_page(1400, 900)
    date = record.meetings[0].date
    assert page.is_hidden("#reader")
    page.locator("table.facts tr", has=page.locator("th", has_text="date")).locator(".v").click()
    assert page.is_visible("#reader")
    first = date.evidence[0]
    mark = page.locator(f'#reader-text mark[data-start="{first.start}"]')
    assert mark.text_content() == first.text == texts[first.source][first.start : first.end]
    assert page.locator("#reader-text").text_content() == texts[first.source]
    assert mark.is_visible()  # scrolled into view
    # the other sources that give the date are a tab away
    tabs = page.locator("#reader-tabs button")
    assert tabs.count() == len({s.source for s in date.evidence})
    tabs.nth(1).click()
    second = next(s for s in date.evidence if s.source != first.source)
    mark = page.locator(f'#reader-text mark[data-start="{second.start}"]')
    assert mark.text_content() == second.text
    _save(page, "report-1400-reader.png")
    page.keyboard.press("Escape")
    assert page.is_hidden("#reader")


def test_a_conflict_passage_opens_in_its_article(open_page, record_and_texts):
    record, _ = record_and_texts
    page = open_page(1400, 900)
    conflict = record.conflicts[0]
    span = conflict.values[0].evidence[0]
    page.locator("#conflicts .conflict").first.locator("blockquote.ev").first.click()
    label = page.text_content("#reader-title")
    assert label and label.startswith(("source", "TASS", "Sputnik"))
    assert page.locator(f'#reader-text mark[data-start="{span.start}"]').text_content() == span.text


def test_the_source_filter_shows_what_one_source_reports(open_page, record_and_texts):
    record, _ = record_and_texts
    page = open_page(1400, 900)
    index = 3  # the source that gives the other date
    sid = record.sources[index].id
    page.select_option("#filter", str(index))
    entities = page.locator("#meetings .entity, #proposals .entity")
    visible = [entities.nth(i).get_attribute("id") for i in range(entities.count())]
    shown = [e for e in visible if page.locator(f'[id="{e}"]').is_visible()]
    assert shown == [e.id for e in [*record.meetings, *record.proposals] if sid in e.sources]
    statements = page.locator("#statements li.item")
    assert sum(statements.nth(i).is_visible() for i in range(statements.count())) == sum(
        sid in s.sources for s in record.statements
    )
    assert "reported by" in (page.text_content("#filter-status") or "")
    page.select_option("#filter", "")
    assert all(page.locator(f'[id="{e}"]').is_visible() for e in visible)


def test_readable_on_a_phone(open_page):
    page = open_page(390, 844)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing forces sideways scrolling of the page
    _save(page, "report-phone.png")
    page.locator("table.facts .v[data-ev]").first.click()
    box = page.locator("#reader").bounding_box()
    assert box and box["width"] == 390
    _save(page, "report-phone-reader.png")


def test_printing_unfolds_the_evidence(open_page):
    page = open_page(1400, 900)
    assert page.locator("details[open]").count() == 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    page.emulate_media(media="print")
    assert page.is_hidden(".bar-top")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details[open]").count() == 0


def test_a_value_no_passage_shows_opens_its_source_unmarked(open_page, record_and_texts):
    record, texts = record_and_texts
    page = open_page(1400, 900)
    page.locator("#conflicts .side .v.none").first.click()
    assert page.is_visible("#reader")
    assert page.locator("#reader-text mark").count() == 0
    assert page.locator("#reader-text").text_content() == texts[record.sources[3].id]
    assert "no passage of this article shows the value" in (page.text_content("#reader-meta") or "")
