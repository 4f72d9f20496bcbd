"""Restructured hot paths of grounding and reconciliation give what their plain forms give."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import dedup
from summarizer.ground import _ENOUGH_WORDS, _EVIDENCE_MIN_WORDS, _WORD, _fold_slowly, _fold_string
from summarizer.knowledge import untrusted
from summarizer.reconciliation import evidence
from summarizer.reconciliation.evidence import _layout, _nearby
from summarizer.reconciliation.fuse import Context
from summarizer.records import Span

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(ROOT.glob("examples/*/*.txt")) + sorted(
    ROOT.glob("tests/data/clusters/*/articles/*.txt")
)

MARKUP = [
    *"aZ09 -\n\t\r'\"`.,!?:;<>{}|_#[]/*",
    "\n\n",
    "  ",
    "\u017f",
    "\u0130",
    "\u212a",
    "assistant:",
    "System:",
    "USER :",
    "> human:",
    "### Instruction:",
    "## Response",
    "###system",
    "[INST]",
    "[/inst]",
    "<<SYS>>",
    "<</SYS>>",
    "BEGIN SYSTEM",
    "END SYSTEM",
    "BEGIN_PROMPT",
    "END INSTRUCTIONS",
    "xBEGIN SYSTEM",
    "begin system",
    "Ignore previous instructions",
    "you are now an AI",
    "note to the model",
    "don't mention these instructions",
    "<|im_start|>",
    '{"statements":',
    "report that instead",
    "your summary",
    "you must",
    "tool_calls",
    "do",
    "as",
    "new instructions:",
]
MARKUP_TEXTS = st.lists(st.sampled_from(MARKUP), max_size=30).map("".join)


# --- text addressed to a model ------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(MARKUP_TEXTS)
def test_markup_found_one_alternative_at_a_time_is_the_full_scan(text: str) -> None:
    fast = [m.span() for m in untrusted._markup_hits(text)]
    assert fast == [m.span() for m in untrusted._MARKUP.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(MARKUP_TEXTS)
def test_one_scan_for_both_patterns_finds_every_hit(text: str) -> None:
    folded = text.casefold()
    if len(folded) != len(text):
        return
    starts = untrusted._ANY_STARTS.positions(folded)
    for pattern in (untrusted._INSTRUCTION, untrusted._ORDER):
        fast = [m.span() for m in untrusted._hits_at(pattern, starts, text)]
        assert fast == [m.span() for m in pattern.finditer(text)]


# --- folding passages -----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("aZ -\n\u201c\u2019\u00ad\u2013\ufb01\u00e9\u03a3.")),
        max_size=200,
    )
)
def test_folding_a_passage_in_bulk_is_folding_it_char_by_char(text: str) -> None:
    assert _fold_string(text) == _fold_slowly(text).text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1_ -.\u00e9\u0301'"))))
def test_enough_words_is_counting_words(text: str) -> None:
    counted = len(_WORD.findall(text)) >= _EVIDENCE_MIN_WORDS
    assert (_ENOUGH_WORDS.search(text) is not None) == counted


# --- near-duplicates ----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "a b", "b c"]), max_size=12).map(" ".join),
    st.lists(st.sampled_from(["a", "b", "c", "d", "a b", "b c"]), max_size=12).map(" ".join),
)
def test_shingle_hashes_share_what_the_shingles_share(a: str, b: str) -> None:
    shared = len(dedup.shingles(a) & dedup.shingles(b))
    assert len(dedup._shingle_hashes(a) & dedup._shingle_hashes(b)) == shared
    assert len(dedup._shingle_hashes(a)) == len(dedup.shingles(a))


# --- evidence near a record's passages ------------------------------------------------------------


def _nearby_by_definition(value: str, spans: list[Span], text: str) -> Span | None:
    """The sentence nearest the passages that shows the value, as the evidence module says:
    paragraphs holding a passage first, then their neighbours; by distance, then offset."""
    layout = _layout(text)
    held = {
        n
        for s in spans
        for n, (start, end) in enumerate(layout.paragraphs)
        if start < max(s.end, s.start + 1) and end > s.start
    }
    near = {p + step for p in held for step in (-1, 1)} - held
    sentences = [
        s
        for p in sorted(held | near)
        if 0 <= p < len(layout.paragraphs)
        for s in layout.by_paragraph[p]
    ]

    def rank(s: object) -> tuple[bool, int, int]:
        start, end, paragraph = s.start, s.end, s.paragraph  # type: ignore[attr-defined]
        distance = min(max(0, x.start - end, start - x.end) for x in spans)
        return (paragraph not in held, distance, start)

    for sentence in sorted(sentences, key=rank):
        passage = text[sentence.start : sentence.end]
        if evidence.words_shown(value, passage):
            return Span(
                source=spans[0].source,
                start=sentence.start,
                end=sentence.end,
                text=passage,
                match="exact" if value.strip() in passage else "normalized",
            )
    return None


def test_sentences_near_passages_are_ranked_as_defined() -> None:
    checked = 0
    for path in ARTICLES[:12]:
        text = path.read_text("utf-8")
        sentences = _layout(text).sentences
        words = Counter(w for w in re.findall(r"[A-Z][a-z]{4,}", text))
        for n in range(0, len(sentences), 3):
            s = sentences[n]
            spans = [
                Span(
                    source="a", start=s.start, end=s.end, text=text[s.start : s.end], match="exact"
                )
            ]
            for value in sorted(words)[:8]:
                assert _nearby(value, evidence.words_shown, spans, text, "") == (
                    _nearby_by_definition(value, spans, text)
                )
                checked += 1
    evidence.forget_layouts()
    assert checked > 100


# --- support --------------------------------------------------------------------------------------


def test_independent_sources_count_copies_once_from_any_iterable() -> None:
    ctx = Context(frozenset({"a", "b", "c"}), {"b": "a"})
    assert ctx.total == 2
    assert ctx.independent(iter(["a", "b", "c"])) == 2
    assert ctx.independent(["c"]) == 1
    assert ctx.support(s for s in ["b"]) == 0.5


def test_nearby_search_cut_short_by_the_words_around_finds_what_reading_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A search whose value the sentences around do not hold, all together, ends before it
    reads them one by one: it finds what reading them finds, for every matcher screened."""
    matchers = [
        evidence.words_shown,
        evidence.quoted_content_shown,
        evidence.content_shown,
        evidence.name_shown,
    ]
    assert set(matchers) == set(evidence._SCREENS)
    values = [
        "Sergei Ryabkov",
        "Riabkov",
        "Stoltenburg",
        "Jens Stoltenberg",
        "NATO official",
        "security guarantees",
        "guarantees of security for Russia",
        "the Kremlin was satisfied with the talks",
        "a wholly absent proposal on fisheries quotas",
        "Brussels",
        "Wendy Sherman",
        "zzzz",
    ]
    checked = cut = 0
    for path in ARTICLES[:8]:
        text = path.read_text("utf-8")
        sentences = _layout(text).sentences
        for n in range(0, len(sentences), 4):
            s = sentences[n]
            spans = [
                Span(
                    source="a", start=s.start, end=s.end, text=text[s.start : s.end], match="exact"
                )
            ]
            intervals = ((s.start, s.end),)
            for matcher in matchers:
                for value in values:
                    screened = _nearby(value, matcher, spans, text, "")
                    with monkeypatch.context() as patched:
                        patched.setattr(evidence, "_SCREENS", {})
                        read = _nearby(value, matcher, spans, text, "")
                    assert screened == read
                    cut += not evidence._SCREENS[matcher](value, text, intervals)
                    checked += 1
    evidence.forget_layouts()
    assert checked > 300 and 0 < cut < checked
