"""The pipeline over the extractor interface, with a fake extractor: order, failures, cache."""

from __future__ import annotations

import asyncio

import pytest
from conftest import gold_payload

from summarizer.backends.fake import FakeExtractor
from summarizer.errors import ExtractionError
from summarizer.extraction import extract_batch
from summarizer.pipeline import reconcile, run_of
from summarizer.records import ArticleExtraction


def run(articles, settings, backend, **kwargs):
    return asyncio.run(extract_batch(articles, settings, backend=backend, **kwargs))


@pytest.mark.parametrize("in_processes", [False, True])
def test_each_article_gets_its_answer_and_the_fake_records_what_it_was_asked(
    articles, make_settings, in_processes
):
    fake = FakeExtractor(in_processes=in_processes)
    for article in articles:
        fake.enqueue(gold_payload(article.id), article=article.id)
    done = []
    batch = run(articles, make_settings(no_cache=True), fake, on_done=done.append)
    assert [a.id for a in fake.history] == [a.id for a in articles]
    assert len(done) == len(articles)
    for outcome in batch.outcomes:
        expected = ArticleExtraction.model_validate(gold_payload(outcome.article.id))
        assert outcome.extraction == expected
    assert (batch.backend, batch.model, batch.cost_usd) == ("fake", None, 0.0)
    assert batch.usage.llm_calls == len(articles)
    assert not fake.closed  # an injected extractor stays the caller's


@pytest.mark.parametrize("in_processes", [False, True])
def test_one_failure_never_sinks_the_batch(articles, make_settings, in_processes):
    fake = FakeExtractor(in_processes=in_processes)
    fake.enqueue(ExtractionError("the answer was invalid"), article=articles[0].id)
    fake.enqueue(RuntimeError("a bug\nwith a traceback"), article=articles[1].id)
    batch = run(articles[:3], make_settings(no_cache=True), fake)
    assert batch.outcomes[0].error == "the answer was invalid"
    assert batch.outcomes[1].error == "fake extractor failed: RuntimeError: a bug"
    assert batch.outcomes[2].ok
    assert [o.article.id for o in batch.failures] == [a.id for a in articles[:2]]


def test_answers_are_cached_under_the_extractors_version(articles, make_settings):
    settings = make_settings()
    first = FakeExtractor().enqueue(*(gold_payload(a.id) for a in articles))
    run(articles, settings, first)
    again = FakeExtractor()
    batch = run(articles, settings, again)
    assert again.history == []
    assert batch.usage.cache_hits == len(articles)
    assert batch.outcomes[0].extraction == ArticleExtraction.model_validate(
        gold_payload(articles[0].id)
    )
    other = FakeExtractor()
    other.version = "rules changed"
    run(articles, settings, other)
    assert len(other.history) == len(articles)


def test_failed_answers_are_not_cached(articles, make_settings):
    settings = make_settings()
    run(articles[:1], settings, FakeExtractor().enqueue(ExtractionError("no")))
    retry = FakeExtractor()
    assert run(articles[:1], settings, retry).outcomes[0].ok
    assert len(retry.history) == 1


def test_a_priced_model_with_unknown_prices_has_unknown_cost(articles, make_settings):
    fake = FakeExtractor(model="some-local-model")
    batch = run(articles[:1], make_settings(no_cache=True), fake)
    assert batch.cost_usd is None


def test_fake_answers_reconcile_into_one_record(articles, make_settings):
    fake = FakeExtractor()
    for article in articles:
        fake.enqueue(gold_payload(article.id), article=article.id)
    batch = run(articles, make_settings(no_cache=True), fake)
    record = reconcile(batch.outcomes, run=run_of(batch))
    assert record.run.backend == "fake"
    assert len(record.sources) == len(articles)
    assert any(m.date.value == "2022-01-12" for m in record.meetings)
