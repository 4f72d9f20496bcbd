"""Untrusted text in the reports: it never formats, links, renders as HTML or runs.

The escaping layer (summarizer/report/escape.py) is checked on its own with generated text,
rendered by a real Markdown parser and a real HTML parser; then a hostile extraction file goes
through `summarizer reconcile` into both reports.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from summarizer.cli import main
from summarizer.report.escape import (
    clean,
    html_attr,
    html_text,
    json_for_script,
    md_cell,
    md_inline,
    one_line,
)

MARKDOWN = MarkdownIt("commonmark").enable("table")
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Text that is likely to format: Markdown and HTML syntax, entities, controls, digits.
PIECES = [
    *"ab1984.-+*_#>|`[]()<>!&;~=\\/:\"' \n\t\x00\x1b\x07\x9b\u202e",
    *["&lt;", "&#60;", "<script>", "http://x.example", "1.", "- ", "![x](y)"],
]
tricky = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)


class _Elements(HTMLParser):
    """Every start tag and the text of each element, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def _paragraph_text(rendered: str) -> str:
    match = re.fullmatch(r"<p>(.*)</p>\n", rendered, flags=re.S)
    assert match, rendered
    assert "<" not in match.group(1).replace("<br />", ""), rendered
    return html.unescape(match.group(1))


# --- the escaping layer -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(tricky | st.text(max_size=40))
def test_clean_keeps_length_and_removes_controls(text):
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert not CONTROLS.search(cleaned)
    assert "\u202e" not in cleaned


@settings(max_examples=400, deadline=None)
@given(tricky | st.text(max_size=40))
def test_markdown_prose_reads_as_the_text_and_nothing_else(text):
    escaped = md_inline(text)
    if not escaped:
        assert not one_line(text)
        return
    assert "\n" not in escaped
    assert _paragraph_text(MARKDOWN.render(escaped)) == one_line(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(tricky, min_size=1, max_size=3))
def test_markdown_table_cells_hold_their_text(values):
    header = "|" + "|".join(f"c{i}" for i in range(len(values))) + "|"
    rule = "|" + "|".join("---" for _ in values) + "|"
    row = "|" + "|".join(md_cell(v) for v in values) + "|"
    rendered = MARKDOWN.render(f"{header}\n{rule}\n{row}\n")
    cells = re.findall(r"<td>(.*?)</td>", rendered, flags=re.S)
    assert len(cells) == len(values), rendered
    for cell, value in zip(cells, values, strict=True):
        assert "<" not in cell
        assert html.unescape(cell) == one_line(value)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1984. The year", "1984. The year"),  # not an ordered list
        ("- not a bullet", "- not a bullet"),
        ("+ nor this", "+ nor this"),
        ("# not a heading", "# not a heading"),
        ("> not a quote", "> not a quote"),
        ("x &lt; y", "x &lt; y"),  # an entity in a quote stays as written
        ("a | b", "a | b"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("[link](http://evil.example)", "[link](http://evil.example)"),
        ("line one\nline two", "line one line two"),
        ("bell\x07 and escape\x1b[31m", "bell\u2407 and escape\u241b[31m"),
    ],
)
def test_markdown_cases(value, shown):
    assert _paragraph_text(MARKDOWN.render(md_inline(value))) == shown
    assert re.search(r"<td>(.*)</td>", MARKDOWN.render(f"|h|\n|---|\n|{md_cell(value)}|\n"))


@settings(max_examples=300, deadline=None)
@given(tricky | st.text(max_size=40))
def test_html_text_and_attributes_stay_text(text):
    parsed = _parse(f'<p title="{html_attr(text)}">{html_text(text)}</p>')
    assert [tag for tag, _ in parsed.tags] == ["p"]
    assert parsed.tags[0][1]["title"] == one_line(text)
    assert "".join(parsed.text) == clean(text)


@settings(max_examples=300, deadline=None)
@given(st.recursive(tricky | st.text(max_size=20), lambda c: st.lists(c, max_size=3), max_leaves=8))
def test_json_for_script_cannot_leave_its_element(value):
    page = f'<script type="application/json">{json_for_script(value)}</script><p>after</p>'
    parsed = _parse(page)
    assert [tag for tag, _ in parsed.tags] == ["script", "p"]
    assert json.loads("".join(parsed.scripts)) == value


# --- a hostile extraction file through `summarizer reconcile` ------------------------------------

HOSTILE_ID = "a|<script>alert(1)</script>"
TEXT = (
    "1984. Orwell talks were held in - Brussels on Monday.\n"
    "Anna\x1b]0;owned\x07 Smith said x &lt; y at the talks.\n"
)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("hostile")
    line = {
        "source": {"id": HOSTILE_ID, "path": "a.txt", "text": TEXT, "published": "2022-01-10"},
        "extraction": {
            "meetings": [
                {
                    "name": "1984. Orwell talks",
                    "location": "- Brussels",
                    "status": "held",
                    "quotes": ["1984. Orwell talks were held in - Brussels on Monday."],
                }
            ],
            "statements": [
                {
                    "speaker": {"name": "Anna\x1b]0;owned\x07 Smith"},
                    "content": "x &lt; y",
                    "quotes": ["Anna\x1b]0;owned\x07 Smith said x &lt; y at the talks."],
                }
            ],
        },
    }
    jsonl = folder / "extractions.jsonl"
    jsonl.write_text(json.dumps(line) + "\n", encoding="utf-8")
    md, page = folder / "r.md", folder / "r.html"
    assert (
        main(["reconcile", str(jsonl), "-o", str(folder / "r.json"), "--report", str(md), "-q"])
        == 0
    )
    assert (
        main(["reconcile", str(jsonl), "-o", str(folder / "r2.json"), "--report", str(page), "-q"])
        == 0
    )
    return md.read_text(encoding="utf-8"), page.read_text(encoding="utf-8")


def test_hostile_markdown_has_no_controls_and_no_html(reports):
    markdown, _ = reports
    assert not CONTROLS.search(markdown)
    rendered = MARKDOWN.render(markdown)
    assert "<script" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "\u241b]0;owned\u2407" in rendered  # ESC and BEL shown, not obeyed


def test_hostile_markdown_tables_keep_their_shape(reports):
    markdown, _ = reports
    rendered = MARKDOWN.render(markdown)
    for table in re.findall(r"<table>.*?</table>", rendered, flags=re.S):
        widths = {
            len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>.*?</tr>", table, re.S)
        }
        assert len(widths) == 1, table
    assert "<td>a|&lt;script&gt;alert(1)&lt;/script&gt;</td>" in rendered


def test_hostile_markdown_values_stay_values(reports):
    markdown, _ = reports
    rendered = MARKDOWN.render(markdown)
    assert "<li>Orwell" not in rendered and '<ol start="1984">' not in rendered
    assert "<li>Brussels" not in rendered
    assert "1984. Orwell talks" in rendered
    assert "- Brussels" in rendered
    assert "x &amp;lt; y" in rendered  # shown as written: "&lt;", not "<"


def test_hostile_html_report_runs_nothing(reports):
    _, page = reports
    parsed = _parse(page)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "report-data"}, {}]
    for _, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
    assert not CONTROLS.search(page)
    visible = "".join(parsed.text)
    assert HOSTILE_ID in visible
    assert "x &lt; y" in visible
    data = json.loads(parsed.scripts[0])
    assert data["sources"][0]["text"] == clean(TEXT)


def test_reports_written_by_the_cli_are_marked(reports, tmp_path: Path):
    markdown, page = reports
    assert markdown.startswith("<!-- generated by summarizer")
    assert page.startswith("<!-- generated by summarizer")
