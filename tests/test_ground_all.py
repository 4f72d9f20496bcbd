"""Grounding a batch on two processes gives what grounding each article in turn gives."""

from __future__ import annotations

import multiprocessing

import pytest
from conftest import example_articles, gold_extraction

from summarizer import ground as grounding
from summarizer.ground import _span, ground, ground_all
from summarizer.records import Article, ArticleExtraction, Meeting, Span


def _batch() -> list[tuple[Article, ArticleExtraction]]:
    """The examples with their gold records, twice (ids and a line of their own differ), and
    one meeting dated after its article was published (grounded, but marked implausible)."""
    pairs: list[tuple[Article, ArticleExtraction]] = []
    for copy in range(2):
        for article in example_articles():
            text = article.text + f"\n\nCopy {copy}.\n"
            pairs.append(
                (
                    article.model_copy(update={"id": f"c{copy}-{article.id}", "text": text}),
                    gold_extraction(article.id),
                )
            )
    article, extraction = pairs[0]
    late = Meeting.model_validate(
        {**extraction.meetings[0].model_dump(), "status": "held", "date": "2099-01-01"}
    )
    pairs.append(
        (
            article.model_copy(update={"id": "late", "published": "2022-01-10"}),
            extraction.model_copy(update={"meetings": [late]}),
        )
    )
    return pairs


def _dumps(made: list[object]) -> list[str]:
    return [m.model_dump_json(exclude_unset=True) for m in made]  # type: ignore[attr-defined]


def _fork_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second process however busy the machine is, and whatever threads earlier tests in this
    worker left running (a real run forks only from a process with no other thread)."""
    context = multiprocessing.get_context("fork")
    monkeypatch.setattr(grounding, "_second_process", lambda: context)


@pytest.mark.slow
def test_two_processes_ground_as_one_does(monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = _batch()
    alone = [ground(article, extraction) for article, extraction in pairs]
    assert any(r.implausible for g in alone for r in g.meetings)
    assert any(r.content_span is not None for g in alone for r in g.statements)
    monkeypatch.setattr(grounding, "PARALLEL_ARTICLES", 2)
    _fork_always(monkeypatch)
    started: list[object] = []
    original = grounding._rebuilt
    monkeypatch.setattr(
        grounding, "_rebuilt", lambda *args: started.append(args) or original(*args)
    )
    together = ground_all(pairs)
    assert 0 < len(started) < len(pairs)  # the later part came from the second process
    assert together == alone
    assert _dumps(together) == _dumps(alone)  # the same fields given, too
    assert [g.model_dump_json() for g in together] == [g.model_dump_json() for g in alone]


@pytest.mark.slow
def test_a_failing_second_process_leaves_its_part_to_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pairs = _batch()
    alone = [ground(article, extraction) for article, extraction in pairs]
    monkeypatch.setattr(grounding, "PARALLEL_ARTICLES", 2)
    _fork_always(monkeypatch)

    def broken(_made: object) -> object:
        raise RuntimeError("lost")

    monkeypatch.setattr(grounding, "_plain", broken)  # the forked process inherits it
    assert ground_all(pairs) == alone


def test_small_batches_and_bad_thresholds_stay_in_one_process() -> None:
    pairs = _batch()[:3]
    assert ground_all(pairs) == [ground(a, e) for a, e in pairs]
    with pytest.raises(ValueError, match="fuzzy_threshold"):
        ground_all(pairs, fuzzy_threshold=101)


def test_spans_made_without_validation_equal_validated_ones() -> None:
    text = "The council met in Brussels."
    made = _span(text, "a1", 4, 11, "normalized")
    validated = Span(source="a1", start=4, end=11, text="council", match="normalized")
    assert made == validated
    assert made.model_dump_json(exclude_unset=True) == validated.model_dump_json(exclude_unset=True)
    assert made.model_fields_set == validated.model_fields_set
    changed = made.model_copy(update={"text": "x"})
    assert changed.text == "x" and made.text == "council"
    assert changed.model_fields_set is not made.model_fields_set


@pytest.mark.slow
def test_batches_readied_on_two_processes_reconcile_to_the_same_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summarizer import dedup
    from summarizer.reconciliation import evidence, mentions, reconcile_grounded
    from summarizer.reconciliation.prepare import READYING
    from summarizer.records import Run

    pairs = _batch()
    run = Run(backend="test", started="2022-01-12")
    alone = reconcile_grounded([ground(a, e) for a, e in pairs], run=run)
    monkeypatch.setattr(grounding, "PARALLEL_ARTICLES", 2)
    _fork_always(monkeypatch)
    readied = ground_all(pairs, readying=READYING)
    # every article readied, the second process's ones from what it sent
    texts = {a.text for a, _ in pairs}  # the late meeting's article has the first one's text
    assert len(mentions._PREPARED) == len(pairs)
    assert set(dedup._PREPARED) == set(evidence._LAYOUTS) == texts
    together = reconcile_grounded(readied, run=run)
    assert not dedup._PREPARED and not mentions._PREPARED and not evidence._LAYOUTS
    assert together.model_dump_json() == alone.model_dump_json()


def test_what_a_second_process_sends_is_what_this_one_works_out() -> None:
    from summarizer import dedup
    from summarizer.reconciliation import evidence

    for article in example_articles():
        text = article.text
        dedup.take_hashes(text, dedup.plain_hashes(text))
        assert dedup._PREPARED.pop(text) == dedup._hash_array(text)
        evidence.take_layout(text, evidence.plain_layout(text))
        assert evidence._LAYOUTS.pop(text) == evidence._laid_out(text)


def test_a_busy_machine_grounds_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    pairs = _batch()
    monkeypatch.setattr(grounding, "PARALLEL_ARTICLES", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.6, 1.0, 1.0))
    assert not grounding._core_free()
    assert grounding._second_process() is None
    rebuilt: list[object] = []
    monkeypatch.setattr(grounding, "_rebuilt", lambda *args: rebuilt.append(args))
    assert ground_all(pairs) == [ground(a, e) for a, e in pairs]
    assert not rebuilt
    monkeypatch.setattr(os, "getloadavg", lambda: (1.2, 1.0, 1.0))
    assert grounding._core_free()
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not grounding._core_free()
