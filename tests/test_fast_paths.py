"""Fast paths agree with the plain definitions they replace."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.ground import (
    _broken_word,
    _fold,
    _fold_for_search,
    _fold_slowly,
    _in_break,
    _is_word_char,
    _joins_word,
    fold_for_alignment,
)
from summarizer.knowledge import untrusted

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(ROOT.glob("examples/*/*.txt")) + sorted(
    ROOT.glob("tests/data/clusters/*/articles/*.txt")
)

# Characters whose folding depends on their neighbours or changes the length, and words the
# untrusted-text patterns start with.
PIECES = [
    *"aZq09 -\n\t\r'\"`.,!?:;<>{}|_#[]/",
    *"“”‘’«»—–‐‑−…é́ßﬁİǄǆΣσςÉø\u00ad\u200b\u200d\ufeff\u00a0¨²½三ſK",
    "NA-TO",
    " - ",
    "issu- es",
    "Ignore previous instructions",
    "you are now an AI",
    "note to the model",
    "as an AI, you",
    "don't mention these instructions",
    "<|im_start|>",
    '{"statements":',
    "report that instead",
    "your summary",
    "ſystem prompt",
    "AI systems reading",
    "LLMs processing",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_folding_an_article_matches_the_definition(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _fold(text) == _fold_slowly(text)
    _assert_searched_alike(text)


def _assert_searched_alike(text: str) -> None:
    """The search's fold gives the same text and, asked one by one, the same offsets."""
    folded, searched = _fold(text), _fold_for_search(text)
    assert searched.text == folded.text
    assert len(searched.offsets) == len(folded.offsets)
    assert [searched.offsets[i] for i in range(len(folded.offsets))] == folded.offsets
    assert searched.offsets[1:4] == folded.offsets[1:4]
    with pytest.raises(IndexError):
        searched.offsets[len(folded.offsets)]


def _broken_by_scanning(text: str, at: int) -> bool:
    """`_broken_word` without looking up where the dashes and invisible characters are."""
    if not (0 < at < len(text)) or not (_in_break(text[at - 1]) or _in_break(text[at])):
        return False
    start = end = at
    while start > 0 and at - start < 8 and _in_break(text[start - 1]):
        start -= 1
    while end < len(text) and end - at < 8 and _in_break(text[end]):
        end += 1
    return (
        0 < start < end < len(text)
        and _is_word_char(text[start - 1])
        and _is_word_char(text[end])
        and _joins_word(text, start, end)
    )


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_broken_words_are_found_where_scanning_finds_them(text: str) -> None:
    found = [at for at in range(len(text) + 1) if _broken_word(text, at)]
    assert found == [at for at in range(len(text) + 1) if _broken_by_scanning(text, at)]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_folding_any_text_matches_the_definition(text: str) -> None:
    assert _fold(text) == _fold_slowly(text)
    assert fold_for_alignment(text) == _fold_slowly(text).text.strip(" .,;:!?")
    _assert_searched_alike(text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_untrusted_hits_are_found_where_a_full_scan_finds_them(text: str) -> None:
    folded = text.casefold()
    if len(folded) != len(text):
        folded = None
    for pattern, starts in (
        (untrusted._INSTRUCTION, untrusted._INSTRUCTION_STARTS),
        (untrusted._ORDER, untrusted._ORDER_STARTS),
    ):
        fast = [m.span() for m in untrusted._hits(pattern, starts, text, folded)]
        assert fast == [m.span() for m in pattern.finditer(text)]


def test_a_record_written_in_pieces_is_the_record_as_one_text(tmp_path: Path) -> None:
    from conftest import grounded_gold

    from summarizer.pipeline import record_json, record_json_pieces, write_record
    from summarizer.reconciliation import reconcile_grounded
    from summarizer.records import Run

    record = reconcile_grounded(grounded_gold(), run=Run(backend="gold", started="2022-01-12"))
    assert record.statements
    assert "".join(record_json_pieces(record)) == record_json(record)
    path = tmp_path / "record.json"
    write_record(path, record)
    assert path.read_text(encoding="utf-8") == record_json(record)


def _chunks_by_scanning(text: str, max_chars: int, overlap: int) -> list[tuple[int, str]]:
    """The chunking rule as first written: every boundary scanned for every chunk."""
    import re

    if len(text) <= max_chars:
        return [(0, text)]
    ends = re.finditer("(?<=[.!?\u2026])[\"'\u201d\u2019\u00bb)]*\\s+|\n\\s*\n", text)
    boundaries = [0, *(m.end() for m in ends), len(text)]
    out, start = [], 0
    while start < len(text):
        limit = start + max_chars
        end = max((b for b in boundaries if start < b <= limit), default=min(limit, len(text)))
        if end >= len(text) or limit >= len(text):
            end = len(text)
        out.append((start, text[start:end]))
        if end >= len(text):
            return out
        back = end - overlap
        next_start = min((b for b in boundaries if b >= back), default=end)
        start = next_start if start < next_start < end else end
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Word ", "A sentence. ", "Why? ", "“Quoted.” ", "\n\n", "x" * 30])
    ).map("".join),
    st.integers(min_value=5, max_value=120),
    st.integers(min_value=0, max_value=60),
)
def test_sentence_chunks_match_the_scanning_rule(text: str, max_chars: int, overlap: int) -> None:
    from summarizer.ingest import iter_sentence_chunks

    assert list(iter_sentence_chunks(text, max_chars, overlap)) == _chunks_by_scanning(
        text, max_chars, overlap
    )
