"""Tests for near-duplicate detection between sources."""

from __future__ import annotations

import itertools
import random

import pytest
from conftest import example_articles, make_test_article

from summarizer import dedup
from summarizer.dedup import (
    CONTAINMENT_THRESHOLD,
    JACCARD_THRESHOLD,
    find_duplicates,
    resemblance,
    shingles,
)


def _edited(text: str, every: int, seed: int = 1) -> str:
    """A re-published copy: one word in `every` replaced, a dateline and a credit added."""
    rnd = random.Random(seed)
    tokens = text.split()
    for i in range(0, len(tokens), every):
        tokens[i] = rnd.choice(["the", "said", "reported", "officials", "Moscow"])
    return "MOSCOW (Reuters) - " + " ".join(tokens) + " (Editing by a desk editor)"


def test_reference_reports_are_independent() -> None:
    """The five reports share quotes but no story.

    Pairwise resemblance of 5-word shingles, measured (Jaccard / containment):
        000-001 0.011/0.023  000-002 0.020/0.047  000-003 0.001/0.003  000-004 0.006/0.013
        001-002 0.027/0.068  001-003 0.003/0.006  001-004 0.086/0.165  002-003 0.001/0.003
        002-004 0.012/0.029  003-004 0.001/0.003
    000, 001 and 002 are all TASS write-ups of the same news; the highest pair (001-004) shares
    one long NATO statement quoted verbatim. The thresholds (Jaccard 0.5, containment 0.8) sit
    far above all of them.
    """
    articles = example_articles()
    assert find_duplicates(articles) == {}
    sets = {a.id[:3]: shingles(a.text) for a in articles}
    for a, b in itertools.combinations(sorted(sets), 2):
        jaccard, containment = resemblance(sets[a], sets[b])
        assert jaccard < 0.1 < JACCARD_THRESHOLD
        assert containment < 0.2 < CONTAINMENT_THRESHOLD


@pytest.mark.parametrize("every", [25, 40, 100])
def test_lightly_edited_copy_is_a_duplicate(every: int) -> None:
    original = example_articles()[1]
    copy = make_test_article("copy", _edited(original.text, every), published="2022-01-05")
    assert find_duplicates([copy, original]) == {"copy": original.id}


def test_heavily_rewritten_text_is_not_a_duplicate() -> None:
    original = example_articles()[1]
    rewrite = make_test_article("rewrite", _edited(original.text, 6), published="2022-01-05")
    assert find_duplicates([original, rewrite]) == {}


def test_trimmed_copy_is_a_duplicate() -> None:
    original = example_articles()[2]
    words = original.text.split()
    trimmed = make_test_article(
        "trimmed", " ".join(words[: len(words) // 2]), published="2022-01-05"
    )
    assert find_duplicates([original, trimmed]) == {"trimmed": original.id}


def test_the_earlier_source_is_the_original() -> None:
    text = example_articles()[0].text
    early = make_test_article("zzz", text, published="2022-01-01")
    late = make_test_article("aaa", text, published="2022-01-03")
    same_day = make_test_article("bbb", text, published="2022-01-03")
    undated = make_test_article("000", text, published=None)
    found = find_duplicates([late, undated, same_day, early])
    assert found == {"aaa": "zzz", "bbb": "zzz", "000": "zzz"}


def test_a_copy_of_a_copy_points_to_the_original() -> None:
    original = example_articles()[1]
    first = make_test_article("first", _edited(original.text, 40, seed=2), published="2022-01-05")
    second = make_test_article("second", _edited(first.text, 40, seed=3), published="2022-01-06")
    found = find_duplicates([second, first, original])
    assert found == {"first": original.id, "second": original.id}


def test_candidate_pairs_miss_no_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = example_articles()
    edited = [
        make_test_article(f"copy{i}", _edited(a.text, 30, seed=i), published="2022-02-01")
        for i, a in enumerate(articles)
    ]
    trimmed = [
        make_test_article(f"trim{i}", a.text[: len(a.text) * 2 // 3], published="2022-02-02")
        for i, a in enumerate(articles)
        if len(shingles(a.text)) > 90
    ]
    rewritten = [
        make_test_article(f"rewrite{i}", _edited(a.text, 5, seed=i), published="2022-02-03")
        for i, a in enumerate(articles)
    ]
    batch = articles + edited + trimmed + rewritten
    found = find_duplicates(batch)
    monkeypatch.setattr(
        dedup, "_candidates", lambda sets: [list(range(j)) for j in range(len(sets))]
    )
    assert find_duplicates(batch) == found
    assert {f"copy{i}": a.id for i, a in enumerate(articles)}.items() <= found.items()
    assert trimmed
    assert all(found.get(t.id) for t in trimmed)


def test_short_and_empty_texts() -> None:
    assert shingles("") == frozenset()
    assert shingles("Two words") == frozenset({"two words"})
    assert resemblance(frozenset(), frozenset({"a"})) == (0.0, 0.0)
    short = [make_test_article("a", "NATO meets Russia.", published="2022-01-01")]
    short.append(make_test_article("b", "NATO meets Russia.", published="2022-01-02"))
    assert find_duplicates(short) == {"b": "a"}
