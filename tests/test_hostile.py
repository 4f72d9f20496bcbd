"""Hostile and odd input: fuzzing ingest, huge files, huge folders."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.ingest import (
    detect_headline,
    detect_outlet,
    detect_published,
    html_to_text,
    iter_sentence_chunks,
    read_articles,
)
from summarizer.records import normalize_date


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_detection_never_raises_on_any_text(text):
    published = detect_published(text)
    if published is not None:
        assert normalize_date(published) == published
    outlet = detect_outlet(text)
    assert outlet is None or outlet in text
    headline = detect_headline(text)
    assert headline is None or headline in text
    html_to_text(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_on_stdin_give_an_article_or_one_line_problem(data):
    result = read_articles(["-"], stdin=io.BytesIO(data))
    assert len(result.articles) + len(result.problems) >= 1 or not data.strip()
    for article in result.articles:
        assert article.text.strip()
        assert article.chars == len(article.text)
    for problem in result.problems:
        assert "\n" not in problem.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.text(), st.dictionaries(st.text(), st.text() | st.integers())), max_size=8
    )
)
def test_any_jsonl_lines_never_raise(items):
    lines = [json.dumps(item) if isinstance(item, dict) else item for item in items]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    result = read_articles(["-"], stdin=io.BytesIO(b"{}\n" + data))
    ids = [a.id for a in result.articles]
    assert len(ids) == len(set(ids))


@settings(max_examples=200, deadline=None)
@given(
    st.text(min_size=1),
    st.integers(min_value=50, max_value=400),
    st.integers(min_value=0, max_value=100),
)
def test_chunks_always_cover_the_text_with_valid_offsets(text, size, overlap):
    chunks = list(iter_sentence_chunks(text, size, overlap))
    covered: set[int] = set()
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk
        assert chunk
        covered.update(range(offset, offset + len(chunk)))
    assert covered == set(range(len(text)))


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "ok.txt").write_text("Fine article.", encoding="utf-8")
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["ok"]
    assert "too large" in result.problems[0].message
    assert "SUMMARIZER_MAX_BYTES" in result.problems[0].message


def test_a_folder_of_10000_files(tmp_path):
    for i in range(10_000):
        (tmp_path / f"a{i:05d}.txt").write_text(f"Article {i}.", encoding="utf-8")
    result = read_articles([tmp_path])
    assert len(result.articles) == 10_000
    assert not result.problems
    assert result.articles[0].id == "a00000" and result.articles[-1].id == "a09999"
