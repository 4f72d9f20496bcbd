"""Ingest: every kind of input, date / outlet / headline detection, and bad input."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from summarizer.ingest import (
    detect_headline,
    detect_outlet,
    detect_published,
    html_to_text,
    iter_sentence_chunks,
    read_articles,
)

EXPECTED = {
    "000_4adca80e61857a20": ("2022-01-04", "TASS", None),
    "001_f0f680ebbbff51f4": ("2022-01-04", "TASS", None),
    "002_663f692456de7c0e": (
        "2022-01-04",
        "TASS",
        "NATO FMs to discuss European security on January 07",
    ),
    "003_00c3cf1de9e2a4c3": ("2022-01-12", "Sputnik", None),
    "004_56d7c0d1adaada1b": (
        "2021-12-26",
        "TASS",
        "NATO invites Russia to call Russia-NATO Council meeting on January 12",
    ),
}


def test_the_examples_dates_outlets_and_headlines(articles):
    found = {a.id: (a.published, a.outlet, a.headline) for a in articles}
    assert found == EXPECTED


def test_text_is_kept_byte_exact(articles, examples):
    for article in articles:
        original = (examples / f"{article.id}.txt").read_bytes().decode("utf-8")
        assert article.text == original
        assert article.chars == len(original)
    assert len({a.sha256 for a in articles}) == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2021-03-02 Something happened.", "2021-03-02"),
        ("MOSCOW, March 3. /TASS/. Talks will take place on March 10, 2021.", "2021-03-03"),
        ("GENEVA, December 30 (Reuters) - Talks are set for January 10, 2022.", "2021-12-30"),
        ("PARIS, 5 May 2020 - nothing", "2020-05-05"),
        ("Talks were held on Friday, January 7, 2022, officials said on Wednesday.", "2022-01-05"),
        ("No date at all here.", None),
    ],
)
def test_published_date_detection(text, expected):
    assert detect_published(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BRUSSELS, January 4. /TASS/. Text.", "TASS"),
        ("BRUSSELS, January 4. / TASS /: Text.", "TASS"),
        ("BRUSSELS (TASS): Text.", "TASS"),
        ("ROME, Jan 4 (ANSA) - Text.", "ANSA"),
        ("The talks went well, reported Sputnik. Sputnik said more.", "Sputnik"),
        ("Nothing names a source.", None),
    ],
)
def test_outlet_detection(text, expected):
    assert detect_outlet(text) == expected


def test_headline_skips_page_chrome():
    assert (
        detect_headline("All news\nUpdated at: \n\nBig talks planned\n\nBody text.")
        == "Big talks planned"
    )
    assert detect_headline("A long first paragraph that ends with a full stop.\n") is None


def test_folders_jsonl_stdin_and_unique_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "b" / "ignored.pdf").write_bytes(b"%PDF")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        json.dumps({"id": "j1", "text": "From JSONL.", "published": "2022-01-04", "outlet": "X"})
        + "\n{broken\n"
        + json.dumps({"id": "j2"})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "b" / "extractions.jsonl").write_text('{"id": "no", "text": "x"}', encoding="utf-8")
    result = read_articles([tmp_path, jsonl, "-"], stdin=io.BytesIO(b"Piped text."))
    ids = [a.id for a in result.articles]
    assert ids == ["same", "same-2", "j1", "stdin"]
    j1 = result.articles[2]
    assert (j1.published, j1.outlet) == ("2022-01-04", "X")
    messages = [str(p) for p in result.problems]
    assert any("batch.jsonl:2" in m and "broken JSON" in m for m in messages)
    assert any("batch.jsonl:3" in m and '"text"' in m for m in messages)


def test_html_is_reduced_to_text():
    text, headline = html_to_text(
        "<html><head><title>T</title><script>var x=1;</script></head><body><h1>Head &amp; line</h1>"
        "<p>First para.</p><p>Second&nbsp;para.</p></body></html>"
    )
    assert headline == "Head & line"
    assert "var x" not in text and "First para.\n" in text and "Second\xa0para." in text


def test_bad_inputs_each_get_one_line_and_never_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A good article.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me".encode("latin-1"))
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    loop = tmp_path / "loop"
    loop.mkdir()
    os.symlink(loop, loop / "again")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    result = read_articles([tmp_path, tmp_path / "nope.txt"], max_bytes=1000)
    assert [a.id for a in result.articles] == ["good"]
    by_name = {Path(p.path).name: p.message for p in result.problems}
    assert "empty" in by_name["empty.txt"]
    assert "empty" in by_name["blank.txt"]
    assert "binary" in by_name["binary.txt"]
    assert "not UTF-8" in by_name["latin1.txt"] and "0xe9" in by_name["latin1.txt"]
    assert "too large" in by_name["big.txt"]
    assert "symlink" in by_name["dangling.txt"]
    assert "no such file" in by_name["nope.txt"]
    assert all("\n" not in p.message for p in result.problems)


def test_a_bom_and_crlf_are_kept_so_offsets_match_the_file(tmp_path):
    path = tmp_path / "bom.txt"
    data = "\ufeff date 2022-01-04 Line one.\r\nLine two.".encode()
    path.write_bytes(data)
    article = read_articles([path]).articles[0]
    assert article.text == data.decode("utf-8")
    assert article.published == "2022-01-04"
    import hashlib

    assert article.sha256 == hashlib.sha256(data).hexdigest()


def test_our_own_outputs_are_never_read_as_articles(tmp_path):
    (tmp_path / "a.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "report.md").write_text(
        "<!-- generated by summarizer: a report, not an article -->\n# Title\n", encoding="utf-8"
    )
    (tmp_path / "out.txt").write_text("previous output", encoding="utf-8")
    result = read_articles([tmp_path], exclude=[tmp_path / "out.txt"])
    assert [a.id for a in result.articles] == ["a"]
    assert not result.problems
    assert [Path(p.path).name for p in result.skipped] == ["report.md"]


def test_single_line_jsonl_on_stdin_and_text_starting_with_a_brace():
    one = read_articles(["-"], stdin=io.BytesIO(b'{"id": "x1", "text": "From one line."}'))
    assert [(a.id, a.text) for a in one.articles] == [("x1", "From one line.")]
    brace = read_articles(["-"], stdin=io.BytesIO(b"{Editor's note} Talks were held.\nMore."))
    assert brace.articles[0].text.startswith("{Editor")


def test_an_unreadable_optional_field_falls_back_to_detection():
    line = b'{"id": "y", "text": "BRUSSELS, January 4. /TASS/. Text. In 2022.", "published": "yesterday"}'
    result = read_articles(["-"], stdin=io.BytesIO(line))
    assert result.articles[0].published == "2022-01-04"
    assert "yesterday" in result.skipped[0].message


def test_chunks_are_slices_that_overlap_at_sentence_boundaries():
    text = " ".join(f"Sentence number {i} is here." for i in range(400))
    chunks = list(iter_sentence_chunks(text, 1000, 200))
    assert len(chunks) > 5
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk
        assert len(chunk) <= 1000
        assert chunk.startswith("Sentence")
    covered = set()
    for offset, chunk in chunks:
        covered.update(range(offset, offset + len(chunk)))
    assert covered == set(range(len(text)))
    assert chunks[1][0] < chunks[0][0] + len(chunks[0][1])  # they overlap


def test_a_short_text_is_one_chunk():
    assert list(iter_sentence_chunks("Short.", 1000, 100)) == [(0, "Short.")]
